/*
 * Line rules: the rule-file format of kogloss.h parsed into PCRE2 patterns
 * (8-bit, UTF + UCP, JIT when it compiles), matched under limits so that a
 * catastrophic pattern costs a bounded amount of work per line instead of
 * hanging an editor.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Work bounds per pcre2_match call. The match limit bounds backtracking
 * (JIT and interpreter); depth and heap bound the interpreter's frames.
 * Each allows any sane line rule on a line of megabytes. */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 5000u
#define HEAP_LIMIT_KIB 4096u

typedef struct kg_rule {
    char *name;
    pcre2_code *code;
    uint32_t action;
    uint32_t max_chars; /* 0: any length */
} kg_rule;

struct kg_rules {
    kg_rule *items;
    size_t n, cap;
    pcre2_match_context *mctx; /* read-only while matching */
};

struct kg_rule_matcher {
    pcre2_match_data *md;
    size_t hits;
};

kg_rules *kg_rules_new(void)
{
    kg_rules *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->mctx = pcre2_match_context_create(NULL);
    if (!r->mctx) { free(r); return NULL; }
    pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(r->mctx, HEAP_LIMIT_KIB);
    return r;
}

static void drop_from(kg_rules *r, size_t keep)
{
    while (r->n > keep) {
        r->n--;
        free(r->items[r->n].name);
        pcre2_code_free(r->items[r->n].code);
    }
}

void kg_rules_free(kg_rules *r)
{
    if (!r) return;
    drop_from(r, 0);
    free(r->items);
    pcre2_match_context_free(r->mctx);
    free(r);
}

size_t kg_rules_count(const kg_rules *r) { return r->n; }
const char *kg_rules_name(const kg_rules *r, size_t i) { return r->items[i].name; }
uint32_t kg_rules_action(const kg_rules *r, size_t i) { return r->items[i].action; }

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* "boilerplate", "content" or "list", then optionally ":N". */
static int parse_action(const char *s, size_t n, uint32_t *action,
                        uint32_t *max_chars)
{
    static const struct { const char *name; uint32_t action; } names[] = {
        {"boilerplate", KG_RULE_BOILERPLATE},
        {"content", KG_RULE_CONTENT},
        {"list", KG_RULE_LIST},
    };
    size_t word = 0;
    while (word < n && s[word] != ':') word++;
    *action = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == word && memcmp(names[i].name, s, word) == 0)
            *action = names[i].action;
    if (!*action) return -1;
    *max_chars = 0;
    if (word == n) return 0;
    if (word + 1 == n) return -2;
    unsigned long v = 0;
    for (size_t i = word + 1; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 100000000ul) return -2;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v == 0) return -2;
    *max_chars = (uint32_t)v;
    return 0;
}

/* Parses and compiles one non-comment line into a new rule. */
static int add_line(kg_rules *r, const char *p, size_t n, char *err,
                    size_t err_size, const char *where)
{
    size_t i = 0, name_s, name_e, act_s, act_e;
    while (i < n && is_blank(p[i])) i++;
    name_s = i;
    while (i < n && !is_blank(p[i])) i++;
    name_e = i;
    while (i < n && is_blank(p[i])) i++;
    act_s = i;
    while (i < n && !is_blank(p[i])) i++;
    act_e = i;
    while (i < n && is_blank(p[i])) i++;
    while (n > i && is_blank(p[n - 1])) n--;
    if (act_s == act_e || i == n) {
        snprintf(err, err_size, "%s: expected \"name action pattern\"", where);
        return KG_ERR_PARSE;
    }
    uint32_t action, max_chars;
    int bad = parse_action(p + act_s, act_e - act_s, &action, &max_chars);
    if (bad) {
        snprintf(err, err_size,
                 bad == -1 ? "%s: unknown action '%.*s' (boilerplate, content or list)"
                           : "%s: bad length bound in '%.*s' (want action:N, N > 0)",
                 where, (int)(act_e - act_s), p + act_s);
        return KG_ERR_PARSE;
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)(p + i), n - i,
                                     PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
    if (!code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, err_size, "%s: rule '%.*s': %s at pattern offset %zu",
                 where, (int)(name_e - name_s), p + name_s, (const char *)msg,
                 (size_t)eo);
        return KG_ERR_PATTERN;
    }
    /* Without JIT (not built in, or no executable memory) the interpreter
     * runs the same pattern under the same limits. */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    char *name = malloc(name_e - name_s + 1);
    if (!name || KG_GROW(r->items, r->cap, r->n + 1, 32)) {
        free(name);
        pcre2_code_free(code);
        snprintf(err, err_size, "%s: out of memory", where);
        return KG_ERR_NOMEM;
    }
    memcpy(name, p + name_s, name_e - name_s);
    name[name_e - name_s] = '\0';
    r->items[r->n++] = (kg_rule){name, code, action, max_chars};
    return KG_OK;
}

int kg_rules_parse(kg_rules *r, const char *text, size_t len,
                   const char *source, char *err, size_t err_size)
{
    size_t keep = r->n, lineno = 0, pos = 0;
    if (len > KG_MAX_TEXT) return KG_ERR_TOO_LONG;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *p = text + pos;
        size_t n = end - pos;
        pos = nl ? end + 1 : len;
        lineno++;
        if (n && p[n - 1] == '\r') n--;
        size_t k = 0;
        while (k < n && is_blank(p[k])) k++;
        if (k == n || p[k] == '#') continue;
        if (memchr(p, '\0', n)) {
            snprintf(err, err_size, "%s:%zu: NUL byte in rule", source, lineno);
            drop_from(r, keep);
            return KG_ERR_PARSE;
        }
        char where[320];
        snprintf(where, sizeof where, "%s:%zu", source, lineno);
        int rc = add_line(r, p, n, err, err_size, where);
        if (rc) {
            drop_from(r, keep);
            return rc;
        }
    }
    return (int)(r->n - keep);
}

int kg_rules_load(kg_rules *r, const char *path, char *err, size_t err_size)
{
    char *buf;
    size_t len;
    const char *why;
    int rc = kg_read_file(path, &buf, &len, &why);
    if (rc) {
        snprintf(err, err_size, "%s: %s", path, why);
        return rc;
    }
    rc = kg_rules_parse(r, buf, len, path, err, err_size);
    free(buf);
    return rc;
}

kg_rule_matcher *kg_rule_matcher_new(void)
{
    kg_rule_matcher *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->md = pcre2_match_data_create(1, NULL);
    if (!m->md) { free(m); return NULL; }
    return m;
}

void kg_rule_matcher_free(kg_rule_matcher *m)
{
    if (!m) return;
    pcre2_match_data_free(m->md);
    free(m);
}

size_t kg_rule_matcher_hits(const kg_rule_matcher *m) { return m->hits; }
void kg_rule_matcher_reset(kg_rule_matcher *m) { m->hits = 0; }

long kg_rules_match(const kg_rules *r, size_t from, size_t to, const char *s,
                    size_t len, size_t nchars, kg_rule_matcher *m)
{
    for (size_t i = from; i < to && i < r->n; i++) {
        const kg_rule *rule = &r->items[i];
        if (rule->max_chars && nchars > rule->max_chars) continue;
        /* the caller validated the text: skip PCRE2's own UTF check */
        int rc = pcre2_match(rule->code, (PCRE2_SPTR)s, len, 0,
                             PCRE2_NO_UTF_CHECK, m->md, r->mctx);
        if (rc >= 0) return (long)i;
        if (rc != PCRE2_ERROR_NOMATCH) m->hits++; /* a limit: no match */
    }
    return -1;
}
