/*
 * Glossary sets: entries added in batches with priorities, resolved into
 * one form -> entry table and compiled into the automaton of dat.c.
 *
 * Entries are never removed. Compiling decides which ones can match: the
 * batches are visited from the highest priority (the latest at equal
 * priority) down, a term seen before is overridden, and every form goes to
 * the first entry that claims it.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glossary.h"

/* Strings and arrays of the entries live in blocks that never move. */
typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[];
} arena_block;

/* The term's string in the arena is followed by the folded keys of the
 * entry's forms, each NUL-terminated: the term's, then every alias's.
 * They are folded once, when the entry is added. A key that is the form
 * itself, as most are, is stored empty (no real key is). */
typedef struct entry_rec {
    kg_entry e;
    uint32_t batch;
} entry_rec;

/* Consecutive batches with the same origin and priority share one run: a
 * glossary added one entry per call needs no record per call. */
typedef struct batch_run {
    uint32_t first_batch, first_rec;
    int priority;
    const char *origin;
} batch_run;

struct kg_glossary {
    arena_block *arena;
    entry_rec *recs;
    size_t n_recs, cap_recs;
    size_t n_forms, key_bytes; /* all records' forms and their keys' bytes */
    batch_run *runs;
    size_t n_runs, cap_runs;
    uint32_t n_batches;
    char err[512];
    kg_fold fold;
    kg_norm *norm;      /* scratch for folding forms */
    char key[KG_KEY_MAX];
    char *keys;         /* the keys of the batch being added */
    size_t keys_len, keys_cap;
    size_t batch_key_bytes; /* the batch's keys at full length */
    /* compiled state, valid while compiled is set */
    int compiled;
    uint32_t *live;     /* public index -> record */
    size_t n_live;
    kg_strset forms;    /* key -> public index */
    kg_dat dat;         /* the forms, and the words that go on past one */
    kg_start_filter starts;
    kg_grow_filter grow;      /* from the segmenter's final lexicon */
    const kg_dat *noun_tails; /* kg_noun_tails_shared() */
    kg_syllable syllables[KG_HANGUL_LAST - KG_HANGUL_FIRST + 1];
    kg_segmenter *seg;  /* grows with every Hangul form ever added */
    uint64_t id;        /* this compilation's number */
};

/* Numbers compilations across all glossaries, so a cache filled for one
 * never serves another (or a later state of the same one). */
static atomic_uint_fast64_t compilations;

static const char empty[] = "";

/* ---- arena ---- */

/* align is a power of two; strings take 1, so they pack tightly. */
static void *arena_alloc(kg_glossary *g, size_t n, size_t align)
{
    arena_block *b = g->arena;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < n) {
        size_t cap = n > 65536 ? n : 65536;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = g->arena;
        b->cap = cap;
        g->arena = b;
        at = 0;
    }
    b->used = at + n;
    return (char *)b->data + at;
}

static const char *arena_str(kg_glossary *g, const char *s)
{
    if (!s || !*s) return empty;
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(g, n, 1);
    if (p) memcpy(p, s, n);
    return p;
}

/* Copies a string array, dropping NULL and empty items. */
static const char *const *arena_strs(kg_glossary *g, const char *const *v,
                                     size_t n, size_t *out_n)
{
    static const char *const none[1] = {NULL};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += v[i] && *v[i];
    *out_n = k;
    if (!k) return none;
    const char **out = arena_alloc(g, k * sizeof *out, _Alignof(const char *));
    if (!out) return NULL;
    k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i] || !*v[i]) continue;
        if (!(out[k++] = arena_str(g, v[i]))) return NULL;
    }
    return out;
}

/* The term followed by its keys, n bytes from keys (see entry_rec). */
static const char *arena_term(kg_glossary *g, const char *term,
                              const char *keys, size_t n)
{
    size_t len = strlen(term) + 1;
    char *p = arena_alloc(g, len + n, 1);
    if (!p) return NULL;
    memcpy(p, term, len);
    memcpy(p + len, keys, n);
    return p;
}

/* ---- object ---- */

kg_glossary *kg_glossary_new(void)
{
    kg_glossary *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    kg_strset_init(&g->forms);
    g->norm = kg_norm_new();
    if (!g->norm || kg_fold_init(&g->fold)) {
        kg_glossary_free(g);
        return NULL;
    }
    return g;
}

static void uncompile(kg_glossary *g)
{
    free(g->live);
    g->live = NULL;
    g->n_live = 0;
    kg_strset_clear(&g->forms);
    kg_dat_free(&g->dat);
    kg_start_filter_free(&g->starts);
    kg_grow_filter_free(&g->grow);
    g->compiled = 0;
}

void kg_glossary_free(kg_glossary *g)
{
    if (!g) return;
    uncompile(g);
    kg_segmenter_free(g->seg);
    kg_norm_free(g->norm);
    while (g->arena) {
        arena_block *next = g->arena->next;
        free(g->arena);
        g->arena = next;
    }
    free(g->recs);
    free(g->runs);
    free(g->keys);
    free(g);
}

const char *kg_glossary_error(const kg_glossary *g) { return g ? g->err : empty; }

/* Formats "origin:line: message" (or "origin: entry N: message") into the
 * error buffer and returns code. */
static int fail(kg_glossary *g, int code, const char *origin,
                const kg_entry *e, size_t index, const char *fmt, ...)
{
    int n;
    if (e && e->line > 0)
        n = snprintf(g->err, sizeof g->err, "%s:%d: ", origin, e->line);
    else if (e)
        n = snprintf(g->err, sizeof g->err, "%s: entry %zu: ", origin, index + 1);
    else
        n = snprintf(g->err, sizeof g->err, "%s: ", origin);
    if (n < 0 || (size_t)n >= sizeof g->err) n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err + n, sizeof g->err - (size_t)n, fmt, ap);
    va_end(ap);
    return code;
}

int kg_glossary_set_error(kg_glossary *g, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err, sizeof g->err, fmt, ap);
    va_end(ap);
    return code;
}

/* Folds s into g->key; returns the key length or a negative code. */
static int fold(kg_glossary *g, const char *s)
{
    return kg_fold_key(&g->fold, g->norm, s, strlen(s), g->key);
}

/* ---- adding ---- */

static int check_text(const char *s)
{
    return s ? kg_utf8_check(s, strlen(s), 1, NULL) : KG_OK;
}

/* Every string of e is UTF-8; returns the name of a bad field or NULL. */
static const char *bad_field(const kg_entry *e)
{
    if (check_text(e->term)) return "term";
    if (check_text(e->definition)) return "definition";
    if (check_text(e->description)) return "description";
    if (check_text(e->category)) return "category";
    for (size_t i = 0; i < e->n_aliases; i++)
        if (check_text(e->aliases[i])) return "alias";
    for (size_t i = 0; i < e->n_sources; i++)
        if (check_text(e->sources[i])) return "source";
    return NULL;
}

/* Appends the key of form, g->key[0..len), to the batch's keys. */
static int keep_key(kg_glossary *g, const char *form, size_t len)
{
    g->batch_key_bytes += len + 1;
    if (strlen(form) == len && memcmp(form, g->key, len) == 0) len = 0;
    if (KG_GROW(g->keys, g->keys_cap, g->keys_len + len + 1, 4096)) return KG_ERR_NOMEM;
    memcpy(g->keys + g->keys_len, g->key, len);
    g->keys[g->keys_len + len] = '\0';
    g->keys_len += len + 1;
    return KG_OK;
}

/* Could the key g->key[0, len) of form ever be found in a text? A hit
 * starts at a letter or a digit, and a form written across lines (a
 * quoted CSV field) is a mistake. Returns what is wrong, or NULL. */
static const char *unmatchable(const kg_glossary *g, const char *form, size_t len)
{
    if (strpbrk(form, "\r\n")) return "has a line break";
    const unsigned char *k = (const unsigned char *)g->key;
    size_t cl;
    for (size_t i = 0; i < len; i += cl) {
        switch (kg_char_class(kg_decode(k + i, &cl))) {
        case KG_C_HANGUL: case KG_C_JAMO: case KG_C_LATIN: case KG_C_DIGIT:
        case KG_C_HANJA: case KG_C_LETTER:
            return NULL;
        default:
            break;
        }
    }
    return "has no letters or digits";
}

/* Checks a batch without changing g: terms and forms must be unique in it.
 * Leaves the keys of every entry's forms in g->keys, in order. */
static int validate(kg_glossary *g, const kg_entry *entries, size_t n,
                    const char *origin)
{
    kg_strset terms, forms;
    kg_strset_init(&terms);
    kg_strset_init(&forms);
    g->keys_len = g->batch_key_bytes = 0;
    int rc = KG_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const kg_entry *e = &entries[i];
        const char *field = bad_field(e);
        if (field) {
            rc = fail(g, KG_ERR_UTF8, origin, e, i, "invalid UTF-8 in %s", field);
            break;
        }
        int kl = e->term ? fold(g, e->term) : 0;
        if (kl == KG_ERR_TOO_LONG) {
            rc = fail(g, KG_ERR_PARSE, origin, e, i, "term longer than %d bytes", KG_KEY_MAX);
            break;
        }
        if (kl < 0) { rc = fail(g, kl, origin, e, i, "%s", kg_strerror(kl)); break; }
        if (kl == 0) { rc = fail(g, KG_ERR_PARSE, origin, e, i, "empty term"); break; }
        const char *why = unmatchable(g, e->term, (size_t)kl);
        if (why) { rc = fail(g, KG_ERR_PARSE, origin, e, i, "term '%s' %s", e->term, why); break; }
        if (keep_key(g, e->term, (size_t)kl)) { rc = fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory"); break; }
        if (n == 1 && e->n_aliases == 0) break; /* nothing to collide with */
        int is_new;
        kg_strset_entry *t = kg_strset_upsert(&terms, g->key, (size_t)kl, &is_new);
        if (!t) { rc = fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory"); break; }
        if (!is_new) {
            const kg_entry *first = &entries[t->value];
            rc = first->line > 0
                     ? fail(g, KG_ERR_PARSE, origin, e, i, "duplicate term '%s' (first defined at line %d)", e->term, first->line)
                     : fail(g, KG_ERR_PARSE, origin, e, i, "duplicate term '%s' (first defined in entry %u)", e->term, t->value + 1);
            break;
        }
        t->value = (uint32_t)i;
        for (size_t a = 0; a <= e->n_aliases && !rc; a++) {
            const char *form = a == 0 ? e->term : e->aliases[a - 1];
            if (!form || !*form) continue;
            if (a > 0) { /* the term's key is in g->key already */
                kl = fold(g, form);
                if (kl < 0) {
                    rc = fail(g, KG_ERR_PARSE, origin, e, i, "alias '%.40s...' is too long", form);
                    break;
                }
                why = kl ? unmatchable(g, form, (size_t)kl) : "has no letters";
                if (why) {
                    rc = fail(g, KG_ERR_PARSE, origin, e, i, "alias '%s' %s", form, why);
                    break;
                }
                if (keep_key(g, form, (size_t)kl)) {
                    rc = fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
                    break;
                }
            }
            kg_strset_entry *f = kg_strset_upsert(&forms, g->key, (size_t)kl, &is_new);
            if (!f) { rc = fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory"); break; }
            if (is_new) f->value = (uint32_t)i;
            else if (f->value != i) {
                const kg_entry *other = &entries[f->value];
                rc = other->line > 0
                         ? fail(g, KG_ERR_PARSE, origin, e, i, "'%s' is also a form of '%s' (line %d)", form, other->term, other->line)
                         : fail(g, KG_ERR_PARSE, origin, e, i, "'%s' is also a form of '%s'", form, other->term);
            }
        }
    }
    kg_strset_clear(&terms);
    kg_strset_clear(&forms);
    return rc;
}

/* Copies in, with its keys (keys_len bytes at keys). */
static int copy_entry(kg_glossary *g, const kg_entry *in, entry_rec *out,
                      const char *keys, size_t keys_len)
{
    kg_entry *e = &out->e;
    e->term = arena_term(g, in->term, keys, keys_len);
    e->definition = arena_str(g, in->definition);
    e->description = arena_str(g, in->description);
    e->category = arena_str(g, in->category);
    e->aliases = arena_strs(g, in->aliases, in->n_aliases, &e->n_aliases);
    e->sources = arena_strs(g, in->sources, in->n_sources, &e->n_sources);
    e->line = in->line;
    if (!e->term || !e->definition || !e->description || !e->category ||
        !e->aliases || !e->sources)
        return KG_ERR_NOMEM;
    return KG_OK;
}

int kg_glossary_add(kg_glossary *g, const kg_entry *entries, size_t n,
                    const char *origin, int priority)
{
    if (!g) return KG_ERR_ARG;
    g->err[0] = '\0';
    if (!origin) origin = "glossary";
    if (!entries && n) return fail(g, KG_ERR_ARG, origin, NULL, 0, "no entries");
    if (n > INT32_MAX || g->n_recs + n > UINT32_MAX / 2)
        return fail(g, KG_ERR_TOO_LONG, origin, NULL, 0, "too many entries");
    if (g->n_batches == UINT32_MAX)
        return fail(g, KG_ERR_TOO_LONG, origin, NULL, 0, "too many batches");
    int rc = validate(g, entries, n, origin);
    if (rc) return rc;
    batch_run *last = g->n_runs ? &g->runs[g->n_runs - 1] : NULL;
    int new_run = !last || last->priority != priority || strcmp(last->origin, origin);
    if (KG_GROW(g->recs, g->cap_recs, g->n_recs + n, 64) ||
        (new_run && KG_GROW(g->runs, g->cap_runs, g->n_runs + 1, 8)))
        return fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
    const char *name = new_run ? arena_str(g, origin) : last->origin;
    if (!name) return fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
    size_t at = 0, forms = 0;
    for (size_t i = 0; i < n; i++) {
        entry_rec *r = &g->recs[g->n_recs + i];
        memset(r, 0, sizeof *r);
        r->batch = g->n_batches;
        /* the term's key, then one per alias that copy_entry keeps */
        size_t from = at;
        at += strlen(g->keys + at) + 1;
        for (size_t a = 0; a < entries[i].n_aliases; a++)
            if (entries[i].aliases[a] && *entries[i].aliases[a])
                at += strlen(g->keys + at) + 1;
        /* arena blocks stay allocated on failure; they are freed with g */
        if (copy_entry(g, &entries[i], r, g->keys + from, at - from))
            return fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
        forms += 1 + r->e.n_aliases;
    }
    if (new_run)
        g->runs[g->n_runs++] = (batch_run){g->n_batches, (uint32_t)g->n_recs,
                                           priority, name};
    g->n_batches++;
    g->n_recs += n;
    g->n_forms += forms;
    g->key_bytes += g->batch_key_bytes;
    if (g->compiled) uncompile(g); /* nothing is left of a failed compile */
    return (int)n;
}

/* ---- compiling ---- */

static int by_precedence(const void *a, const void *b)
{
    const batch_run *x = *(const batch_run *const *)a;
    const batch_run *y = *(const batch_run *const *)b;
    if (x->priority != y->priority) return x->priority > y->priority ? -1 : 1;
    return x->first_batch > y->first_batch ? -1 : x->first_batch < y->first_batch;
}

/* Fills order with every record by precedence: highest priority first, at
 * equal priority the later batch first, in a batch the records in order. */
static int precedence_order(const kg_glossary *g, uint32_t *order)
{
    const batch_run **runs = malloc((g->n_runs ? g->n_runs : 1) * sizeof *runs);
    if (!runs) return KG_ERR_NOMEM;
    for (size_t i = 0; i < g->n_runs; i++) runs[i] = &g->runs[i];
    qsort(runs, g->n_runs, sizeof *runs, by_precedence);
    size_t k = 0;
    for (size_t i = 0; i < g->n_runs; i++) {
        const batch_run *run = runs[i];
        size_t lo = run->first_rec;
        size_t hi = run + 1 < g->runs + g->n_runs ? run[1].first_rec : g->n_recs;
        /* the run's batches from the last one back */
        while (hi > lo) {
            size_t from = hi - 1;
            while (from > lo && g->recs[from - 1].batch == g->recs[hi - 1].batch) from--;
            for (size_t j = from; j < hi; j++) order[k++] = (uint32_t)j;
            hi = from;
        }
    }
    free(runs);
    return KG_OK;
}

/* The keys of r's forms, the term's first (see entry_rec). */
static const char *rec_keys(const entry_rec *r)
{
    return r->e.term + strlen(r->e.term) + 1;
}

/* Key a of r, where keys is its place among r's keys; *len gets its
 * length. */
static const char *rec_key(const entry_rec *r, size_t a, const char *keys,
                           size_t *len)
{
    if (*keys) {
        *len = strlen(keys);
        return keys;
    }
    const char *form = a == 0 ? r->e.term : r->e.aliases[a - 1];
    *len = strlen(form);
    return form;
}

/* Decides, in one pass in precedence order, who owns what: a record's
 * owner is the first record with its term (itself, unless its term is
 * overridden), and every form goes to the owner of the first record that
 * has it. Fills g->live and g->forms (form -> public index). */
static int resolve(kg_glossary *g, const uint32_t *order)
{
    int rc = KG_ERR_NOMEM;
    uint32_t *owner = malloc((g->n_recs ? g->n_recs : 1) * sizeof *owner);
    /* per form: 1 + the first record that has it as its term, or 0 */
    uint32_t *term_of = malloc((g->n_forms ? g->n_forms : 1) * sizeof *term_of);
    if (!owner || !term_of || kg_strset_reserve(&g->forms, g->n_forms, g->key_bytes))
        goto out;
    for (size_t k = 0; k < g->n_recs; k++) {
        uint32_t i = order[k];
        const entry_rec *r = &g->recs[i];
        const char *keys = rec_keys(r);
        for (size_t a = 0; a <= r->e.n_aliases; a++) {
            size_t len;
            const char *key = rec_key(r, a, keys, &len);
            keys += strlen(keys) + 1;
            int is_new;
            kg_strset_entry *f = kg_strset_upsert(&g->forms, key, len, &is_new);
            if (!f) goto out;
            uint32_t *term = &term_of[f - g->forms.entries];
            if (is_new) *term = 0;
            if (a == 0) {
                if (!*term) *term = i + 1;
                owner[i] = *term - 1;
            }
            if (is_new) f->value = owner[i]; /* made an index below */
        }
    }
    /* public indices in the order entries were added; an owner's own
     * slot in owner[] takes its index */
    for (size_t i = 0; i < g->n_recs; i++) {
        if (owner[i] != i) continue;
        owner[i] = (uint32_t)g->n_live;
        g->live[g->n_live++] = (uint32_t)i;
    }
    for (size_t j = 0; j < g->forms.n_entries; j++)
        g->forms.entries[j].value = owner[g->forms.entries[j].value];
    rc = KG_OK;
out:
    free(owner);
    free(term_of);
    return rc;
}

/* Does a key have a Hangul syllable? */
static int has_syllable(const char *key, size_t len)
{
    const unsigned char *s = (const unsigned char *)key;
    int hangul = 0;
    for (size_t j = 0, cl; j < len && !hangul; j += cl)
        hangul = kg_is_syllable(kg_decode(s + j, &cl));
    return hangul;
}

/* The segmenter that decides boundaries inside eojeols knows every Hangul
 * form as a stem: a glossary term is always a stem. */
static int teach_segmenter(kg_glossary *g)
{
    if (!g->seg && !(g->seg = kg_segmenter_new())) return KG_ERR_NOMEM;
    size_t words = 0, bytes = 0;
    for (size_t i = 0; i < g->forms.n_entries; i++) {
        const kg_strset_entry *f = &g->forms.entries[i];
        if (!has_syllable(kg_strset_key(&g->forms, f), f->key_len)) continue;
        words++;
        bytes += f->key_len + 1;
    }
    /* most are new words; growing the lexicon to them costs more */
    if (kg_segmenter_reserve(g->seg, words, bytes)) return KG_ERR_NOMEM;
    for (size_t i = 0; i < g->forms.n_entries; i++) {
        const kg_strset_entry *f = &g->forms.entries[i];
        const char *key = kg_strset_key(&g->forms, f);
        if (!has_syllable(key, f->key_len)) continue;
        int rc = kg_segmenter_add_checked(g->seg, key, f->key_len, KG_LEX_NOUN);
        if (rc) return rc;
    }
    return KG_OK;
}

/* The segmenter's words that may make a stem longer than a term ending
 * inside them (KG_LEX_CONTINUES), other than forms; NULL past the last.
 * Glossary words the segmenter learnt (KG_LEX_USER) are forms, or were
 * forms of an earlier compilation. */
static const kg_strset_entry *next_lexicon_word(const kg_glossary *g, size_t *i)
{
    const kg_strset *lex = kg_segmenter_lexicon(g->seg);
    while (*i < lex->n_entries) {
        const kg_strset_entry *w = &lex->entries[(*i)++];
        if (!(w->value & KG_LEX_CONTINUES) || (w->value & KG_LEX_USER)) continue;
        if (kg_strset_find(&g->forms, kg_strset_key(lex, w), w->key_len)) continue;
        return w;
    }
    return NULL;
}

/* Is a proper prefix of the lexicon word key[0, len) a form? Then a term
 * may end inside the word (the 나 of 나라). */
static int extends_a_form(const kg_glossary *g, const unsigned char *key, size_t len)
{
    size_t cl, end;
    kg_decode(key, &cl);
    for (end = cl; end < len; end += cl) {
        if (kg_strset_find(&g->forms, (const char *)key, end)) return 1;
        kg_decode(key + end, &cl);
    }
    return 0;
}

/* The automaton every walk reads: the forms, and the lexicon words that
 * go on past a form, so that the boundary rules see where a word longer
 * than a term ends (나 in 나라) on the walk's own path. The segmenter's
 * other words stay out, so that it stays small and cached. Forms with
 * Hangul are lexicon words too (teach_segmenter): KG_VALUE_LEXWORD. */
static int build_automata(kg_glossary *g)
{
    if (!g->seg && !(g->seg = kg_segmenter_new())) return KG_ERR_NOMEM;
    const kg_strset *lex = kg_segmenter_lexicon(g->seg);
    size_t cap = g->forms.n_entries + lex->n_entries;
    const char **keys = malloc((cap ? cap : 1) * sizeof *keys);
    uint32_t *lens = malloc((cap ? cap : 1) * sizeof *lens);
    uint32_t *values = malloc((cap ? cap : 1) * sizeof *values);
    int rc = KG_ERR_NOMEM;
    if (keys && lens && values) {
        /* the forms first, then the lexicon words past a form */
        size_t n = g->forms.n_entries, i = 0;
        for (; i < n; i++) {
            const kg_strset_entry *f = &g->forms.entries[i];
            keys[i] = kg_strset_key(&g->forms, f);
            lens[i] = f->key_len;
            values[i] = f->value;
            if (has_syllable(keys[i], lens[i])) values[i] |= KG_VALUE_LEXWORD;
        }
        const kg_strset_entry *w;
        for (i = 0; (w = next_lexicon_word(g, &i));) {
            const char *key = kg_strset_key(lex, w);
            if (!extends_a_form(g, (const unsigned char *)key, w->key_len)) continue;
            keys[n] = key;
            lens[n] = w->key_len;
            values[n++] = KG_VALUE_NO_ENTRY | KG_VALUE_LEXWORD;
        }
        rc = kg_dat_build(&g->dat, keys, lens, values, n);
    }
    /* codes fit in 16 bits (dat.c) */
    for (uint32_t cp = KG_HANGUL_FIRST; !rc && cp <= KG_HANGUL_LAST; cp++)
        g->syllables[cp - KG_HANGUL_FIRST].code = (uint16_t)kg_dat_code(&g->dat, cp);
    free(keys);
    free(lens);
    free(values);
    return rc;
}

/* The noun tails of one syllable, looked up by the matcher at most
 * candidates (모델이, 학습을) without a walk, and the conditions each
 * syllable meets before a tail, asked at nearly every boundary. Both fit
 * in 8 bits. */
static void find_syllable_tails(kg_glossary *g)
{
    const kg_dat *t = g->noun_tails;
    for (uint32_t cp = KG_HANGUL_FIRST; cp <= KG_HANGUL_LAST; cp++) {
        uint32_t code = kg_dat_code(t, cp);
        int32_t node = code ? kg_dat_child(t, 0, code) : -1;
        kg_syllable *syl = &g->syllables[cp - KG_HANGUL_FIRST];
        syl->noun_tail = node > 0 && kg_dat_is_terminal(t, node) ? (uint8_t)t->values[node] : 0;
        syl->conds = 0;
        for (int c = KG_COND_CONS; c <= KG_COND_HA; c++)
            if (kg_cond_holds(c, cp)) syl->conds |= (uint8_t)kg_cond_bit(c);
    }
}

int kg_glossary_compile(kg_glossary *g)
{
    if (!g) return KG_ERR_ARG;
    if (g->compiled) return KG_OK;
    uncompile(g);
    uint32_t *order = malloc((g->n_recs ? g->n_recs : 1) * sizeof *order);
    g->live = malloc((g->n_recs ? g->n_recs : 1) * sizeof *g->live);
    if (!order || !g->live) { free(order); uncompile(g); return KG_ERR_NOMEM; }
    int rc = precedence_order(g, order);
    if (!rc) rc = resolve(g, order);
    free(order);
    /* the automaton first: its build's scratch is gone before the
     * segmenter grows, which keeps the peak of a compile lower */
    if (!rc) rc = build_automata(g);
    if (!rc) rc = kg_start_filter_build(&g->starts, &g->forms);
    if (!rc && !g->noun_tails) {
        if ((g->noun_tails = kg_noun_tails_shared())) find_syllable_tails(g);
        else rc = KG_ERR_NOMEM;
    }
    if (!rc) rc = teach_segmenter(g);
    if (!rc) rc = kg_grow_filter_build(&g->grow, kg_segmenter_lexicon(g->seg), g->noun_tails);
    if (rc) { uncompile(g); return rc; }
    g->id = atomic_fetch_add(&compilations, 1) + 1;
    g->compiled = 1;
    return KG_OK;
}

int kg_glossary_view_get(kg_glossary *g, kg_glossary_view *v)
{
    int rc = kg_glossary_compile(g);
    if (rc) return rc;
    v->fold = &g->fold;
    v->dat = &g->dat;
    v->syllables = g->syllables;
    v->starts = &g->starts;
    v->noun_tails = g->noun_tails;
    v->grow = &g->grow;
    v->sep_code = kg_dat_code(&g->dat, KG_KEY_SEP);
    v->seg = g->seg;
    v->id = g->id;
    return KG_OK;
}

/* ---- reading ---- */

size_t kg_glossary_size(kg_glossary *g)
{
    return g && kg_glossary_compile(g) == KG_OK ? g->n_live : 0;
}

const kg_entry *kg_glossary_entry(kg_glossary *g, size_t i)
{
    if (i >= kg_glossary_size(g)) return NULL;
    return &g->recs[g->live[i]].e;
}

const char *kg_glossary_entry_origin(kg_glossary *g, size_t i)
{
    if (i >= kg_glossary_size(g)) return empty;
    uint32_t batch = g->recs[g->live[i]].batch;
    size_t lo = 0, hi = g->n_runs; /* the last run starting at or before */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->runs[mid].first_batch <= batch) lo = mid;
        else hi = mid;
    }
    return g->runs[lo].origin;
}

int kg_glossary_lookup(kg_glossary *g, const char *s, size_t len,
                       size_t *index)
{
    if (!g || !index || (!s && len)) return KG_ERR_ARG;
    int rc = kg_glossary_compile(g);
    if (rc) return rc;
    if ((rc = kg_utf8_check(s, len, 1, NULL))) return rc;
    int kl = kg_fold_key(&g->fold, g->norm, s, len, g->key);
    if (kl == KG_ERR_TOO_LONG || kl == 0) return 0; /* no form is that */
    if (kl < 0) return kl;
    const kg_strset_entry *f = kg_strset_find(&g->forms, g->key, (size_t)kl);
    if (!f) return 0;
    *index = f->value;
    return 1;
}
