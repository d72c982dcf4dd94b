/*
 * Reading glossary files: TSV and CSV (RFC 4180) with the columns
 *   term, aliases (|-separated), definition, source [, category [, description]]
 * into one batch of entries. A file is read whole and added whole: any
 * error (columns, quoting, UTF-8, an empty or repeated term) adds nothing
 * and names the file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "glossary.h"

#define MIN_COLUMNS 4
#define MAX_COLUMNS 6

typedef struct parser {
    kg_glossary *g;
    const char *name;
    char *p, *end;         /* the unread part of a private copy */
    int line;              /* line of *p */
    kg_glossary_format format;
    kg_entry *entries;
    size_t n_entries, cap_entries;
    const char **strs;     /* alias and source pointers, sized up front */
    size_t n_strs;
} parser;

static int parse_error(parser *ps, int line, const char *what)
{
    return kg_glossary_set_error(ps->g, KG_ERR_PARSE, "%s:%d: %s", ps->name, line, what);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

/* ---- records ---- */

/* One TSV line into fields (cut in place). Returns the field count. */
static int read_tsv(parser *ps, char **fields, int max)
{
    char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
    char *eol = nl ? nl : ps->end;
    *eol = '\0';
    int n = 0;
    char *f = ps->p;
    for (;;) {
        char *tab = strchr(f, '\t');
        if (n < max) fields[n] = f;
        n++;
        if (!tab) break;
        *tab = '\0';
        f = tab + 1;
    }
    ps->p = nl ? nl + 1 : ps->end;
    ps->line++;
    return n;
}

/* One CSV record, which may span lines inside quotes. Unquotes in place.
 * Returns the field count or a negative code. */
static int read_csv(parser *ps, char **fields, int max)
{
    int n = 0, start_line = ps->line;
    char *r = ps->p, *w = ps->p;
    for (;;) {
        char *field = w;
        if (r < ps->end && *r == '"') {
            int open_line = ps->line;
            r++;
            for (;;) {
                if (r >= ps->end) {
                    char msg[80];
                    snprintf(msg, sizeof msg, "unterminated quoted field (opened at line %d)", open_line);
                    return parse_error(ps, start_line, msg);
                }
                if (*r == '"') {
                    if (r + 1 < ps->end && r[1] == '"') { *w++ = '"'; r += 2; continue; }
                    r++;
                    break;
                }
                if (*r == '\n') ps->line++;
                *w++ = *r++;
            }
            if (r < ps->end && *r == '\r') r++;
            if (r < ps->end && *r != ',' && *r != '\n')
                return parse_error(ps, ps->line, "text after a closing quote (a quote inside a field is written \"\")");
        } else {
            while (r < ps->end && *r != ',' && *r != '\n') {
                if (*r == '"')
                    return parse_error(ps, ps->line, "quote inside an unquoted field (quote the whole field)");
                *w++ = *r++;
            }
        }
        if (n < max) fields[n] = field;
        n++;
        int more = r < ps->end && *r == ',';
        int line_end = r >= ps->end || *r == '\n';
        *w++ = '\0';   /* w never passes r: unquoting only shrinks */
        r++;
        if (line_end) break;
        (void)more;
    }
    ps->p = r < ps->end ? r : ps->end;
    ps->line++;
    return n;
}

/* Splits a |-separated list in place into ps->strs; returns its start. */
static const char *const *split_list(parser *ps, char *s, size_t *count)
{
    const char **out = ps->strs + ps->n_strs;
    size_t k = 0;
    for (char *item = s; item;) {
        char *bar = strchr(item, '|');
        if (bar) *bar = '\0';
        char *t = trim(item);
        if (*t) out[k++] = t;
        item = bar ? bar + 1 : NULL;
    }
    ps->n_strs += k;
    *count = k;
    return out;
}

static int is_blank_line(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r') s++;
    return *s == '\0';
}

static int parse(parser *ps)
{
    int seen_data = 0;
    while (ps->p < ps->end) {
        int line = ps->line;
        if (*ps->p == '#') {  /* a comment line */
            char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
            ps->p = nl ? nl + 1 : ps->end;
            ps->line++;
            continue;
        }
        char *fields[MAX_COLUMNS];
        int n = ps->format == KG_FORMAT_CSV ? read_csv(ps, fields, MAX_COLUMNS)
                                            : read_tsv(ps, fields, MAX_COLUMNS);
        if (n < 0) return n;
        if (n == 1 && is_blank_line(fields[0])) continue;
        if (n < MIN_COLUMNS || n > MAX_COLUMNS) {
            char msg[160];
            snprintf(msg, sizeof msg, "expected %d to %d columns (term, aliases, definition, source[, category[, description]]), found %d",
                     MIN_COLUMNS, MAX_COLUMNS, n);
            return parse_error(ps, line, msg);
        }
        for (int k = 0; k < n; k++) fields[k] = trim(fields[k]);
        if (!seen_data++ && strcasecmp(fields[0], "term") == 0) continue; /* header */
        if (!*fields[0]) return parse_error(ps, line, "empty term");
        if (KG_GROW(ps->entries, ps->cap_entries, ps->n_entries + 1, 64))
            return kg_glossary_set_error(ps->g, KG_ERR_NOMEM, "%s: out of memory", ps->name);
        kg_entry *e = &ps->entries[ps->n_entries++];
        memset(e, 0, sizeof *e);
        e->term = fields[0];
        e->aliases = split_list(ps, fields[1], &e->n_aliases);
        e->definition = fields[2];
        e->sources = split_list(ps, fields[3], &e->n_sources);
        e->category = n > 4 ? fields[4] : "";
        e->description = n > 5 ? fields[5] : "";
        e->line = line;
    }
    return KG_OK;
}

/* Line number (1-based) of byte off. */
static int line_of(const char *data, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++) line += data[i] == '\n';
    return line;
}

int kg_glossary_load_buffer(kg_glossary *g, const char *data, size_t len,
                            const char *name, kg_glossary_format format,
                            int priority)
{
    if (!g || (!data && len)) return KG_ERR_ARG;
    if (!name) name = "glossary";
    if (format != KG_FORMAT_TSV && format != KG_FORMAT_CSV)
        return kg_glossary_set_error(g, KG_ERR_ARG, "%s: unknown format", name);
    if (len > KG_MAX_TEXT) return kg_glossary_set_error(g, KG_ERR_TOO_LONG, "%s: file too large", name);
    size_t bad;
    int rc = kg_utf8_check(data, len, 1, &bad);
    if (rc)
        return kg_glossary_set_error(g, rc, "%s:%d: %s at byte %zu", name,
                                     line_of(data, bad), kg_strerror(rc), bad + 1);
    /* a private copy to cut fields in, without the BOM */
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char *copy = malloc(len - skip + 1);
    /* every | may start one more alias or source, plus one each per line */
    size_t slots = 2;
    for (size_t i = skip; i < len; i++) slots += data[i] == '|' ? 1 : data[i] == '\n' ? 2 : 0;
    const char **strs = malloc(slots * sizeof *strs);
    parser ps = {g, name, copy, copy + (len - skip), 1, format, NULL, 0, 0, strs, 0};
    if (!copy || !strs) {
        rc = kg_glossary_set_error(g, KG_ERR_NOMEM, "%s: out of memory", name);
    } else {
        memcpy(copy, data + skip, len - skip);
        copy[len - skip] = '\0';
        rc = parse(&ps);
        if (!rc) rc = kg_glossary_add(g, ps.entries, ps.n_entries, name, priority);
    }
    free(ps.entries);
    free(strs);
    free(copy);
    return rc;
}

int kg_glossary_load_file(kg_glossary *g, const char *path, int priority)
{
    if (!g || !path) return KG_ERR_ARG;
    char *data;
    size_t len;
    const char *why;
    int rc = kg_read_file(path, &data, &len, &why);
    if (rc) return kg_glossary_set_error(g, rc, "%s: %s", path, why);
    size_t n = strlen(path);
    kg_glossary_format format =
        n >= 4 && strcasecmp(path + n - 4, ".csv") == 0 ? KG_FORMAT_CSV : KG_FORMAT_TSV;
    rc = kg_glossary_load_buffer(g, data, len, path, format, priority);
    free(data);
    return rc;
}

int kg_glossary_load_builtin(kg_glossary *g, int priority)
{
    return kg_glossary_load_buffer(g, kg_builtin_glossary, kg_builtin_glossary_len,
                                   "builtin", KG_FORMAT_TSV, priority);
}
