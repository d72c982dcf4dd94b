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

typedef struct entry_rec {
    kg_entry e;
    uint32_t batch;
    uint32_t owner; /* compiled: the record whose entry gets our forms */
    uint32_t index; /* compiled: public index when we are our own owner */
} entry_rec;

typedef struct batch_rec {
    const char *origin;
    int priority;
} batch_rec;

struct kg_glossary {
    arena_block *arena;
    entry_rec *recs;
    size_t n_recs, cap_recs;
    batch_rec *batches;
    size_t n_batches, cap_batches;
    char err[512];
    kg_fold fold;
    kg_norm *norm;      /* scratch for folding forms */
    char key[KG_KEY_MAX];
    /* compiled state, valid while compiled is set */
    int compiled;
    uint32_t *live;     /* public index -> record */
    size_t n_live;
    kg_strset forms;    /* key -> public index */
    kg_dat dat;
    uint16_t hangul_codes[KG_HANGUL_LAST - KG_HANGUL_FIRST + 1];
    kg_segmenter *seg;  /* grows with every Hangul form ever added */
    uint64_t id;        /* this compilation's number */
};

/* Numbers compilations across all glossaries, so a cache filled for one
 * never serves another (or a later state of the same one). */
static atomic_uint_fast64_t compilations;

static const char empty[] = "";

/* ---- arena ---- */

static void *arena_alloc(kg_glossary *g, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *b = g->arena;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = g->arena;
        b->used = 0;
        b->cap = cap;
        g->arena = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static const char *arena_str(kg_glossary *g, const char *s)
{
    if (!s || !*s) return empty;
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(g, n);
    if (p) memcpy(p, s, n);
    return p;
}

/* Copies a string array, dropping NULL and empty items. */
static const char *const *arena_strs(kg_glossary *g, const char *const *v,
                                     size_t n, size_t *out_n)
{
    const char **out = arena_alloc(g, (n ? n : 1) * sizeof *out);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i] || !*v[i]) continue;
        if (!(out[k] = arena_str(g, v[i]))) return NULL;
        k++;
    }
    *out_n = k;
    return out;
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
    free(g->batches);
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

/* Checks a batch without changing g: terms and forms must be unique in it. */
static int validate(kg_glossary *g, const kg_entry *entries, size_t n,
                    const char *origin)
{
    kg_strset terms, forms;
    kg_strset_init(&terms);
    kg_strset_init(&forms);
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
            kl = fold(g, form);
            if (kl < 0) {
                rc = fail(g, KG_ERR_PARSE, origin, e, i, "alias '%.40s...' is too long", form);
                break;
            }
            if (kl == 0) {
                rc = fail(g, KG_ERR_PARSE, origin, e, i, "alias '%s' has no letters", form);
                break;
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

static int copy_entry(kg_glossary *g, const kg_entry *in, entry_rec *out)
{
    kg_entry *e = &out->e;
    e->term = arena_str(g, in->term);
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
    int rc = validate(g, entries, n, origin);
    if (rc) return rc;
    if (KG_GROW(g->recs, g->cap_recs, g->n_recs + n, 64) ||
        KG_GROW(g->batches, g->cap_batches, g->n_batches + 1, 8))
        return fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
    const char *name = arena_str(g, origin);
    if (!name) return fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        entry_rec *r = &g->recs[g->n_recs + i];
        memset(r, 0, sizeof *r);
        r->batch = (uint32_t)g->n_batches;
        /* arena blocks stay allocated on failure; they are freed with g */
        if (copy_entry(g, &entries[i], r))
            return fail(g, KG_ERR_NOMEM, origin, NULL, 0, "out of memory");
    }
    g->batches[g->n_batches++] = (batch_rec){name, priority};
    g->n_recs += n;
    uncompile(g);
    return (int)n;
}

/* ---- compiling ---- */

/* Highest priority first; at equal priority the later batch first. */
static int by_precedence(const void *a, const void *b, void *arg)
{
    const kg_glossary *g = arg;
    const entry_rec *x = &g->recs[*(const uint32_t *)a];
    const entry_rec *y = &g->recs[*(const uint32_t *)b];
    int px = g->batches[x->batch].priority, py = g->batches[y->batch].priority;
    if (px != py) return px > py ? -1 : 1;
    if (x->batch != y->batch) return x->batch > y->batch ? -1 : 1;
    uint32_t ix = *(const uint32_t *)a, iy = *(const uint32_t *)b;
    return ix < iy ? -1 : ix > iy;
}

/* Decides the owner of every record: itself, or the record that
 * overrides its term. */
static int resolve_owners(kg_glossary *g, const uint32_t *order)
{
    kg_strset terms;
    kg_strset_init(&terms);
    int rc = KG_OK;
    for (size_t k = 0; k < g->n_recs; k++) {
        entry_rec *r = &g->recs[order[k]];
        int kl = fold(g, r->e.term), is_new;
        if (kl <= 0) { rc = kl < 0 ? kl : KG_ERR_PARSE; break; }
        kg_strset_entry *t = kg_strset_upsert(&terms, g->key, (size_t)kl, &is_new);
        if (!t) { rc = KG_ERR_NOMEM; break; }
        if (is_new) t->value = order[k];
        r->owner = t->value;
    }
    kg_strset_clear(&terms);
    return rc;
}

/* Every form goes to the first entry, in precedence order, to claim it. */
static int collect_forms(kg_glossary *g, const uint32_t *order)
{
    for (size_t k = 0; k < g->n_recs; k++) {
        const entry_rec *r = &g->recs[order[k]];
        uint32_t index = g->recs[r->owner].index;
        for (size_t a = 0; a <= r->e.n_aliases; a++) {
            int kl = fold(g, a == 0 ? r->e.term : r->e.aliases[a - 1]), is_new;
            if (kl < 0) return kl;
            if (kl == 0) continue;
            kg_strset_entry *f = kg_strset_upsert(&g->forms, g->key, (size_t)kl, &is_new);
            if (!f) return KG_ERR_NOMEM;
            if (is_new) f->value = index;
        }
    }
    return KG_OK;
}

/* The segmenter that decides boundaries inside eojeols knows every Hangul
 * form as a stem: a glossary term is always a stem. */
static int teach_segmenter(kg_glossary *g)
{
    if (!g->seg && !(g->seg = kg_segmenter_new())) return KG_ERR_NOMEM;
    for (size_t i = 0; i < g->forms.n_entries; i++) {
        const kg_strset_entry *f = &g->forms.entries[i];
        const char *key = kg_strset_key(&g->forms, f);
        const unsigned char *s = (const unsigned char *)key;
        int hangul = 0;
        for (size_t j = 0, cl; j < f->key_len && !hangul; j += cl)
            hangul = kg_is_syllable(kg_decode(s + j, &cl));
        if (!hangul) continue;
        int rc = kg_segmenter_add_word(g->seg, key, f->key_len, KG_WORD_NOUN);
        if (rc) return rc;
    }
    return KG_OK;
}

static int has_syllable(const char *key, size_t len)
{
    size_t cl;
    for (size_t j = 0; j < len; j += cl)
        if (kg_is_syllable(kg_decode((const unsigned char *)key + j, &cl))) return 1;
    return 0;
}

/* The automaton holds every form and also the segmenter's lexicon words:
 * a walk then sees, for free, where a word longer than a term ends (나 in
 * 나라), which decides whether the term may end there. Forms with Hangul
 * are lexicon words too (teach_segmenter). */
static int build_automaton(kg_glossary *g)
{
    const kg_strset *lex = kg_segmenter_lexicon(g->seg);
    size_t cap = g->forms.n_entries + lex->n_entries;
    const char **keys = malloc((cap ? cap : 1) * sizeof *keys);
    uint32_t *lens = malloc((cap ? cap : 1) * sizeof *lens);
    uint32_t *values = malloc((cap ? cap : 1) * sizeof *values);
    int rc = KG_ERR_NOMEM;
    if (keys && lens && values) {
        size_t n = 0;
        for (size_t i = 0; i < g->forms.n_entries; i++, n++) {
            const kg_strset_entry *f = &g->forms.entries[i];
            keys[n] = kg_strset_key(&g->forms, f);
            lens[n] = f->key_len;
            values[n] = f->value;
            if (has_syllable(keys[n], lens[n])) values[n] |= KG_VALUE_LEXWORD;
        }
        for (size_t i = 0; i < lex->n_entries; i++) {
            const kg_strset_entry *w = &lex->entries[i];
            /* glossary forms are in already; other words once */
            if (!(w->value & KG_LEX_CONTINUES) || (w->value & KG_LEX_USER)) continue;
            const char *word = kg_strset_key(lex, w);
            if (kg_strset_find(&g->forms, word, w->key_len)) continue;
            keys[n] = word;
            lens[n] = w->key_len;
            values[n++] = KG_VALUE_NO_ENTRY | KG_VALUE_LEXWORD;
        }
        rc = kg_dat_build(&g->dat, keys, lens, values, n);
    }
    /* a walk only goes on from a node no form passes through once it has
     * found a form: the lexicon words below only bound shorter keys */
    for (size_t i = 0; !rc && i < g->forms.n_entries; i++) {
        const kg_strset_entry *f = &g->forms.entries[i];
        const unsigned char *key = (const unsigned char *)kg_strset_key(&g->forms, f);
        int32_t node = 0;
        for (size_t j = 0, cl; j < f->key_len; j += cl) {
            node = kg_dat_child(&g->dat, node, kg_dat_code(&g->dat, kg_decode(key + j, &cl)));
            g->dat.slots[node].base = (int32_t)((uint32_t)g->dat.slots[node].base | KG_DAT_MARK);
        }
    }
    /* codes fit in 16 bits (dat.c) */
    for (uint32_t cp = KG_HANGUL_FIRST; !rc && cp <= KG_HANGUL_LAST; cp++)
        g->hangul_codes[cp - KG_HANGUL_FIRST] = (uint16_t)kg_dat_code(&g->dat, cp);
    free(keys);
    free(lens);
    free(values);
    return rc;
}

int kg_glossary_compile(kg_glossary *g)
{
    if (!g) return KG_ERR_ARG;
    if (g->compiled) return KG_OK;
    uncompile(g);
    uint32_t *order = malloc((g->n_recs ? g->n_recs : 1) * sizeof *order);
    g->live = malloc((g->n_recs ? g->n_recs : 1) * sizeof *g->live);
    if (!order || !g->live) { free(order); uncompile(g); return KG_ERR_NOMEM; }
    for (size_t i = 0; i < g->n_recs; i++) order[i] = (uint32_t)i;
    qsort_r(order, g->n_recs, sizeof *order, by_precedence, g);
    int rc = resolve_owners(g, order);
    if (!rc) {
        /* public indices in the order entries were added */
        for (size_t i = 0; i < g->n_recs; i++) {
            if (g->recs[i].owner != i) continue;
            g->recs[i].index = (uint32_t)g->n_live;
            g->live[g->n_live++] = (uint32_t)i;
        }
        rc = collect_forms(g, order);
    }
    if (!rc) rc = teach_segmenter(g);
    if (!rc) rc = build_automaton(g);
    free(order);
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
    v->hangul_codes = g->hangul_codes;
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
    return g->batches[g->recs[g->live[i]].batch].origin;
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
