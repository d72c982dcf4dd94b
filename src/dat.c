/*
 * The double-array trie the matcher walks (see glossary.h).
 *
 * Built from the sorted keys in one depth-first pass: each node's children
 * are placed at the first base where all their slots are free (a linked
 * list of free slots makes the search skip the used ones). Code points are
 * ranked by frequency first, so most children sit close to their parent
 * and the array stays a few percent larger than the node count.
 */
#include <stdlib.h>
#include <string.h>
#include "glossary.h"

#define MAX_CODES 0xFFFFu
#define N_PAGES (0x110000u >> 8)

typedef struct builder {
    kg_dat *d;
    int32_t *next_free, *prev_free; /* doubly linked free slots */
    int32_t first_free;
    int32_t head;                   /* where searches start */
    size_t cap;
    /* keys as code sequences, in sorted order */
    const uint16_t *const *codes;
    const uint32_t *lens;
    const uint32_t *values;
} builder;

/* ---- code map ---- */

typedef struct cp_count { uint32_t cp, count; } cp_count;

static int by_count(const void *a, const void *b)
{
    const cp_count *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Ranks the code points of the keys and fills pages/blocks. */
static int build_code_map(kg_dat *d, const char *const *keys,
                          const uint32_t *lens, size_t n)
{
    uint32_t *counts = calloc(0x110000u, sizeof *counts);
    if (!counts) return KG_ERR_NOMEM;
    size_t distinct = 0;
    for (size_t k = 0; k < n; k++) {
        const unsigned char *s = (const unsigned char *)keys[k];
        for (size_t i = 0, cl; i < lens[k]; i += cl)
            if (counts[kg_decode(s + i, &cl)]++ == 0) distinct++;
    }
    int rc = KG_ERR_NOMEM;
    cp_count *ranked = malloc((distinct ? distinct : 1) * sizeof *ranked);
    d->pages = calloc(N_PAGES, sizeof *d->pages);
    if (!ranked || !d->pages) goto out;
    rc = KG_ERR_TOO_LONG;
    if (distinct >= MAX_CODES) goto out;
    size_t m = 0;
    for (uint32_t cp = 0; cp < 0x110000u; cp++)
        if (counts[cp]) ranked[m++] = (cp_count){cp, counts[cp]};
    qsort(ranked, m, sizeof *ranked, by_count);
    /* block 0 stays all zeros: code 0, "in no key" */
    size_t n_blocks = 1;
    for (size_t i = 0; i < m; i++)
        if (!d->pages[ranked[i].cp >> 8]) d->pages[ranked[i].cp >> 8] = (uint16_t)n_blocks++;
    rc = KG_ERR_NOMEM;
    d->blocks = calloc(n_blocks << 8, sizeof *d->blocks);
    if (!d->blocks) goto out;
    d->n_blocks = n_blocks;
    for (size_t i = 0; i < m; i++) {
        uint32_t cp = ranked[i].cp;
        d->blocks[((size_t)d->pages[cp >> 8] << 8) | (cp & 0xFFu)] = (uint16_t)(i + 1);
    }
    d->n_codes = (uint32_t)m;
    rc = KG_OK;
out:
    free(counts);
    free(ranked);
    return rc;
}

/* ---- slots ---- */

/* Makes slots [0, need] exist; new ones are free and go to the list end. */
static int ensure(builder *b, size_t need)
{
    if (need < b->cap) return KG_OK;
    size_t cap = b->cap;
    while (cap <= need) cap += cap / 2 + 1024; /* the peak of a build is here */
    kg_dat *d = b->d;
    kg_dat_slot *slots = realloc(d->slots, cap * sizeof *slots);
    if (slots) d->slots = slots;
    uint32_t *values = realloc(d->values, cap * sizeof *values);
    if (values) d->values = values;
    int32_t *nf = realloc(b->next_free, cap * sizeof *nf);
    if (nf) b->next_free = nf;
    int32_t *pf = realloc(b->prev_free, cap * sizeof *pf);
    if (pf) b->prev_free = pf;
    if (!slots || !values || !nf || !pf) return KG_ERR_NOMEM;
    /* find the list's last slot, then append the new ones in order */
    int32_t last = b->first_free < 0 ? -1 : b->prev_free[b->first_free];
    for (size_t i = b->cap; i < cap; i++) {
        d->slots[i] = (kg_dat_slot){0, KG_DAT_PARENT};
        d->values[i] = 0;
        b->prev_free[i] = (int32_t)i - 1;
        b->next_free[i] = (int32_t)i + 1;
    }
    b->next_free[cap - 1] = -1;
    b->prev_free[b->cap] = last;
    if (last >= 0) b->next_free[last] = (int32_t)b->cap;
    else b->first_free = (int32_t)b->cap;
    /* the list is circular backwards: first->prev is the last slot */
    b->prev_free[b->first_free] = (int32_t)cap - 1;
    b->cap = cap;
    return KG_OK;
}

static void take(builder *b, int32_t slot)
{
    int32_t nx = b->next_free[slot], pv = b->prev_free[slot];
    if (slot == b->head) b->head = nx;
    if (slot == b->first_free) {
        b->first_free = nx;
        if (nx >= 0) b->prev_free[nx] = pv; /* keep first->prev = last */
    } else {
        b->next_free[pv] = nx;
        if (nx >= 0) b->prev_free[nx] = pv;
        else b->prev_free[b->first_free] = pv;
    }
}

static int is_free(const builder *b, size_t slot)
{
    return b->d->slots[slot].check == KG_DAT_PARENT && slot != 0;
}

/* First base where slots base + codes[j] are all free. The search starts
 * at b->head, which moves past the crowded front of the array once a
 * search has had to skip many free slots there: those few stay free. */
static int find_base(builder *b, const uint16_t *codes, size_t k, int32_t *base)
{
    for (;;) {
        if (b->head < 0) b->head = b->first_free;
        int32_t f = b->head;
        size_t tries = 0;
        for (; f >= 0; f = b->next_free[f], tries++) {
            int32_t bs = f - (int32_t)codes[0];
            if (bs < 0) continue;
            if ((size_t)bs + codes[k - 1] >= b->cap) {
                int rc = ensure(b, (size_t)bs + codes[k - 1]);
                if (rc) return rc;
            }
            size_t j = 1;
            while (j < k && is_free(b, (size_t)bs + codes[j])) j++;
            if (j < k) continue;
            if (tries > 64) b->head = f;
            *base = bs;
            return KG_OK;
        }
        /* every free slot failed: grow and try the new ones */
        int rc = ensure(b, b->cap);
        if (rc) return rc;
    }
}

/* ---- build ---- */

typedef struct frame { int32_t node; uint32_t lo, hi, depth; } frame;

typedef struct sort_ctx { const uint16_t *pool; const uint32_t *offs, *lens; } sort_ctx;

static int by_codes(const void *a, const void *b, void *arg)
{
    const sort_ctx *c = arg;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const uint16_t *p = c->pool + c->offs[x], *q = c->pool + c->offs[y];
    uint32_t n = c->lens[x] < c->lens[y] ? c->lens[x] : c->lens[y];
    for (uint32_t i = 0; i < n; i++)
        if (p[i] != q[i]) return p[i] < q[i] ? -1 : 1;
    return c->lens[x] < c->lens[y] ? -1 : c->lens[x] > c->lens[y];
}

static int place(builder *b, const uint32_t *order, const uint16_t *pool,
                 const uint32_t *offs, const uint32_t *clens, size_t n)
{
    frame *stack = malloc((n + 1) * sizeof *stack);
    uint16_t *kids = malloc((b->d->n_codes + 1) * sizeof *kids);
    uint32_t *kid_lo = malloc((b->d->n_codes + 2) * sizeof *kid_lo);
    int rc = KG_ERR_NOMEM;
    if (!stack || !kids || !kid_lo) goto out;
    size_t top = 0;
    stack[top++] = (frame){0, 0, (uint32_t)n, 0};
    rc = KG_OK;
    while (top && !rc) {
        frame fr = stack[--top];
        uint32_t lo = fr.lo;
        /* the key that ends here (at most one: keys are distinct) */
        if (lo < fr.hi && clens[order[lo]] == fr.depth) lo++;
        size_t k = 0;
        for (uint32_t i = lo; i < fr.hi; i++) {
            uint16_t c = pool[offs[order[i]] + fr.depth];
            if (!k || kids[k - 1] != c) { kids[k] = c; kid_lo[k++] = i; }
        }
        if (!k) continue;
        kid_lo[k] = fr.hi;
        int32_t base;
        if ((rc = find_base(b, kids, k, &base))) break;
        b->d->slots[fr.node].base = base;
        for (size_t j = 0; j < k; j++) {
            int32_t child = base + kids[j];
            take(b, child);
            uint32_t first = order[kid_lo[j]];
            uint32_t check = (uint32_t)fr.node;
            if (clens[first] == fr.depth + 1) {
                check |= KG_DAT_TERMINAL;
                b->d->values[child] = b->values[first];
            }
            b->d->slots[child].check = check;
            stack[top++] = (frame){child, kid_lo[j], kid_lo[j + 1], fr.depth + 1};
        }
    }
out:
    free(stack);
    free(kids);
    free(kid_lo);
    return rc;
}

int kg_dat_build(kg_dat *d, const char *const *keys, const uint32_t *lens,
                 const uint32_t *values, size_t n)
{
    memset(d, 0, sizeof *d);
    int rc = build_code_map(d, keys, lens, n);
    if (rc) { kg_dat_free(d); return rc; }
    /* keys as code sequences */
    size_t total = 0;
    for (size_t k = 0; k < n; k++) total += lens[k];
    uint16_t *pool = malloc((total ? total : 1) * sizeof *pool);
    uint32_t *offs = malloc((n ? n : 1) * sizeof *offs);
    uint32_t *clens = malloc((n ? n : 1) * sizeof *clens);
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    builder b = {d, NULL, NULL, -1, -1, 0, NULL, NULL, values};
    rc = KG_ERR_NOMEM;
    if (!pool || !offs || !clens || !order) goto out;
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        const unsigned char *s = (const unsigned char *)keys[k];
        offs[k] = (uint32_t)at;
        for (size_t i = 0, cl; i < lens[k]; i += cl)
            pool[at++] = (uint16_t)kg_dat_code(d, kg_decode(s + i, &cl));
        clens[k] = (uint32_t)(at - offs[k]);
        order[k] = (uint32_t)k;
    }
    sort_ctx ctx = {pool, offs, clens};
    qsort_r(order, n, sizeof *order, by_codes, &ctx);

    /* room for about one slot per character, plus the root */
    d->slots = malloc(sizeof *d->slots);
    d->values = malloc(sizeof *d->values);
    b.next_free = malloc(sizeof *b.next_free);
    b.prev_free = malloc(sizeof *b.prev_free);
    if (!d->slots || !d->values || !b.next_free || !b.prev_free) goto out;
    d->slots[0] = (kg_dat_slot){0, KG_DAT_PARENT};
    d->values[0] = 0;
    b.cap = 1;
    /* slot 0 is the root, never on the free list; tries share prefixes,
     * so the nodes are usually well under one per character */
    if ((rc = ensure(&b, total / 3 + d->n_codes + 2))) goto out;
    if ((rc = place(&b, order, pool, offs, clens, n))) goto out;

    /* trim: every base + code must stay inside the array */
    size_t used = 1;
    int32_t max_base = 0;
    for (size_t i = 0; i < b.cap; i++) {
        if (d->slots[i].check != KG_DAT_PARENT) used = i + 1;
        if (d->slots[i].base > max_base) max_base = d->slots[i].base;
    }
    size_t need = (size_t)max_base + d->n_codes + 1;
    d->n_slots = used > need ? used : need;
    if ((rc = ensure(&b, d->n_slots))) goto out;
    kg_dat_slot *slots = realloc(d->slots, d->n_slots * sizeof *slots);
    if (slots) d->slots = slots;
    uint32_t *vals = realloc(d->values, d->n_slots * sizeof *vals);
    if (vals) d->values = vals;
    rc = KG_OK;
out:
    free(pool);
    free(offs);
    free(clens);
    free(order);
    free(b.next_free);
    free(b.prev_free);
    if (rc) kg_dat_free(d);
    return rc;
}

void kg_dat_free(kg_dat *d)
{
    free(d->slots);
    free(d->values);
    free(d->pages);
    free(d->blocks);
    memset(d, 0, sizeof *d);
}
