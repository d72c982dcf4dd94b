/*
 * The double-array trie the matcher walks (see glossary.h).
 *
 * Built from the sorted keys in one pass, the top levels breadth-first and
 * the rest depth-first (see place): each node's children are placed at the
 * first base that no other node has and where all their slots are free
 * (bitmaps of free slots and of taken bases make the search skip the
 * others). Code points are ranked by frequency first, so most
 * children sit close to their parent and the array stays a few percent
 * larger than the node count.
 *
 * Only the slots that end up in the array are ever written: the search
 * runs over a capacity that grows ahead of them, but a free slot is a bit
 * until the array is trimmed, so the untouched capacity costs no memory.
 */
#include <stdlib.h>
#include <string.h>
#include "glossary.h"

#define MAX_CODES 0xFFFFu
#define N_PAGES KG_DAT_N_PAGES
#define MAX_SLOTS ((size_t)INT32_MAX - MAX_CODES - 1)
#define NO_BASE UINT32_MAX /* a node with no children (yet) */

typedef struct builder {
    kg_dat *d;
    uint32_t *bases;                /* each slot's base, or NO_BASE */
    uint64_t *free_bits;            /* bit set: the slot is free */
    uint64_t *base_bits;            /* bit set: a node has this base */
    int32_t first_free;             /* lowest free slot, or -1 */
    int32_t head;                   /* where searches start */
    size_t cap;                     /* slots that exist (all below are
                                       free or taken) */
    size_t room;                    /* allocated slots and values */
    size_t used;                    /* 1 + the highest taken slot */
    uint32_t label_bits;
} builder;

/* ---- code map ---- */

typedef struct cp_count { uint32_t cp, count; } cp_count;

static int by_count(const void *a, const void *b)
{
    const cp_count *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Ranks the code points of the keys and fills pages/blocks; *chars gets
 * the number of characters in all keys. */
static int build_code_map(kg_dat *d, const char *const *keys,
                          const uint32_t *lens, size_t n, size_t *chars)
{
    uint32_t *counts = calloc(0x110000u, sizeof *counts);
    uint8_t *seen = calloc(N_PAGES, 1); /* pages with a counted code point */
    int rc = KG_ERR_NOMEM;
    cp_count *ranked = NULL;
    if (!counts || !seen) goto out;
    size_t distinct = 0, total = 0;
    for (size_t k = 0; k < n; k++) {
        const unsigned char *s = (const unsigned char *)keys[k];
        for (size_t i = 0, cl; i < lens[k]; i += cl, total++) {
            uint32_t cp = kg_decode(s + i, &cl);
            if (counts[cp]++ == 0) {
                distinct++;
                seen[cp >> 8] = 1;
            }
        }
    }
    *chars = total;
    ranked = malloc((distinct ? distinct : 1) * sizeof *ranked);
    d->pages = calloc(N_PAGES, sizeof *d->pages);
    if (!ranked || !d->pages) goto out;
    rc = KG_ERR_TOO_LONG;
    if (distinct >= MAX_CODES) goto out;
    size_t m = 0;
    for (uint32_t page = 0; page < N_PAGES; page++) {
        if (!seen[page]) continue;
        for (uint32_t cp = page << 8; cp < (page + 1) << 8; cp++)
            if (counts[cp]) ranked[m++] = (cp_count){cp, counts[cp]};
    }
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
    free(seen);
    free(ranked);
    return rc;
}

/* ---- sorting the keys by code sequence ---- */

/* A key and the next few of its codes packed into an integer, earlier codes
 * higher, 0 past its end: integer order is code-sequence order as far as
 * the packed codes go. */
typedef struct sort_item {
    uint64_t prefix;
    uint32_t key;
} sort_item;

typedef struct sorter {
    const uint16_t *pool;
    const uint32_t *offs; /* key k's codes are pool[offs[k], offs[k + 1]) */
    sort_item *tmp;
    unsigned bits, per;   /* bits per code; codes per prefix */
} sorter;

static void pack(const sorter *so, sort_item *it, size_t n, size_t depth)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t k = it[i].key, len = so->offs[k + 1] - so->offs[k];
        const uint16_t *c = so->pool + so->offs[k];
        uint64_t p = 0;
        for (size_t j = depth; j < depth + so->per; j++)
            p = (p << so->bits) | (j < len ? c[j] : 0u);
        it[i].prefix = p;
    }
}

/* Code order from depth on; a key that is a prefix of the other first. */
static int less_from(const sorter *so, uint32_t x, uint32_t y, size_t depth)
{
    const uint16_t *p = so->pool + so->offs[x], *q = so->pool + so->offs[y];
    size_t lx = so->offs[x + 1] - so->offs[x], ly = so->offs[y + 1] - so->offs[y];
    for (size_t i = depth; i < lx && i < ly; i++)
        if (p[i] != q[i]) return p[i] < q[i];
    return lx < ly;
}

#define DIGIT_BITS 11
#define MAX_DIGITS ((64 + DIGIT_BITS - 1) / DIGIT_BITS)

/* Stable LSD radix sort of it[0..n) by prefix, DIGIT_BITS at a time; one
 * pass counts every digit, and a digit that is the same in every item
 * costs no pass. */
static int radix(sorter *so, sort_item *it, size_t n)
{
    unsigned width = so->bits * so->per;
    unsigned digits = (width + DIGIT_BITS - 1) / DIGIT_BITS;
    uint32_t (*count)[1u << DIGIT_BITS] = calloc(digits, sizeof *count);
    if (!count) return KG_ERR_NOMEM;
    const uint64_t mask = (1u << DIGIT_BITS) - 1;
    for (size_t i = 0; i < n; i++)
        for (unsigned d = 0; d < digits; d++)
            count[d][(it[i].prefix >> (d * DIGIT_BITS)) & mask]++;
    sort_item *src = it, *dst = so->tmp;
    for (unsigned d = 0; d < digits; d++) {
        unsigned shift = d * DIGIT_BITS;
        uint32_t *c = count[d];
        if (c[(src[0].prefix >> shift) & mask] == n) continue;
        uint32_t at = 0;
        for (size_t v = 0; v <= mask; v++) {
            uint32_t here = c[v];
            c[v] = at;
            at += here;
        }
        for (size_t i = 0; i < n; i++) dst[c[(src[i].prefix >> shift) & mask]++] = src[i];
        sort_item *t = src;
        src = dst;
        dst = t;
    }
    if (src != it) memcpy(it, src, n * sizeof *it);
    free(count);
    return KG_OK;
}

static int by_prefix(const void *a, const void *b)
{
    uint64_t x = ((const sort_item *)a)->prefix, y = ((const sort_item *)b)->prefix;
    return x < y ? -1 : x > y;
}

/* Sorts it[0..n), keys that agree on their first depth codes. */
static int sort_keys(sorter *so, sort_item *it, size_t n, size_t depth)
{
    if (n < 2) return KG_OK;
    if (n <= 16) { /* insertion sort: small groups are the common case */
        for (size_t i = 1; i < n; i++) {
            sort_item x = it[i];
            size_t j = i;
            for (; j > 0 && less_from(so, x.key, it[j - 1].key, depth); j--) it[j] = it[j - 1];
            it[j] = x;
        }
        return KG_OK;
    }
    pack(so, it, n, depth);
    if (n < 4096) qsort(it, n, sizeof *it, by_prefix);
    else if (radix(so, it, n)) return KG_ERR_NOMEM;
    /* items that agree on the packed codes: on to the next ones */
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && it[hi].prefix == it[lo].prefix; hi++) {}
        int rc = sort_keys(so, it + lo, hi - lo, depth + so->per);
        if (rc) return rc;
    }
    return KG_OK;
}

/* ---- slots ---- */

/* Makes slots [0, need] exist, free. The capacity grows as it always has:
 * where the search starts and ends depends on it, and so the layout. */
static int ensure(builder *b, size_t need)
{
    if (need < b->cap) return KG_OK;
    size_t cap = b->cap;
    while (cap <= need) cap += cap / 2 + 1024;
    if (cap > MAX_SLOTS) {
        if (need >= MAX_SLOTS) return KG_ERR_TOO_LONG;
        cap = MAX_SLOTS;
    }
    kg_dat *d = b->d;
    if (cap > b->room) {
        /* units, bases and values are written when taken or trimmed */
        uint32_t *units = realloc(d->units, cap * sizeof *units);
        if (units) d->units = units;
        uint32_t *bases = realloc(b->bases, cap * sizeof *bases);
        if (bases) b->bases = bases;
        uint32_t *values = realloc(d->values, cap * sizeof *values);
        if (values) d->values = values;
        size_t words = (cap + 63) / 64, had = (b->room + 63) / 64;
        uint64_t *bits = realloc(b->free_bits, words * sizeof *bits);
        if (bits) b->free_bits = bits;
        uint64_t *base_bits = realloc(b->base_bits, words * sizeof *base_bits);
        if (base_bits) {
            memset(base_bits + had, 0, (words - had) * sizeof *base_bits);
            b->base_bits = base_bits;
        }
        if (!units || !bases || !values || !bits || !base_bits) return KG_ERR_NOMEM;
        b->room = cap;
    }
    /* bits [b->cap, cap) set, the rest of the last word clear */
    size_t w0 = b->cap / 64, w1 = (cap + 63) / 64;
    uint64_t keep = b->cap % 64 ? b->free_bits[w0] & ((1ull << (b->cap % 64)) - 1) : 0;
    for (size_t w = w0; w < w1; w++) b->free_bits[w] = ~0ull;
    b->free_bits[w0] = keep | (~0ull << (b->cap % 64));
    if (cap % 64) b->free_bits[w1 - 1] &= (1ull << (cap % 64)) - 1;
    if (b->first_free < 0) b->first_free = (int32_t)b->cap;
    b->cap = cap;
    return KG_OK;
}

/* The lowest free slot at or after from, or -1. */
static int32_t next_free(const builder *b, size_t from)
{
    size_t w = from / 64, n = (b->cap + 63) / 64;
    if (from >= b->cap) return -1;
    uint64_t bits = b->free_bits[w] & (~0ull << (from % 64));
    while (!bits) {
        if (++w >= n) return -1;
        bits = b->free_bits[w];
    }
    return (int32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
}

static int is_free(const builder *b, size_t slot)
{
    return (b->free_bits[slot / 64] >> (slot % 64)) & 1;
}

static int base_taken(const builder *b, size_t base)
{
    return (b->base_bits[base / 64] >> (base % 64)) & 1;
}

/* Takes slot as a node reached on code label; its base is set when its
 * children are placed. */
static void take(builder *b, int32_t slot, uint32_t label, int terminal)
{
    b->free_bits[slot / 64] &= ~(1ull << (slot % 64));
    if (slot == b->head) b->head = next_free(b, (size_t)slot + 1);
    if (slot == b->first_free) b->first_free = next_free(b, (size_t)slot + 1);
    b->d->units[slot] = label | (uint32_t)terminal << b->label_bits;
    b->bases[slot] = NO_BASE;
    if ((size_t)slot >= b->used) b->used = (size_t)slot + 1;
}

static void set_base(builder *b, int32_t node, int32_t base)
{
    b->bases[node] = (uint32_t)base;
    b->base_bits[base / 64] |= 1ull << (base % 64);
}

/* First base that no node has and where slots base + codes[j] are all
 * free. The search starts at b->head, which moves past the crowded front
 * of the array once a search has had to skip many free slots there: those
 * few stay free. */
static int find_base(builder *b, const uint16_t *codes, size_t k, int32_t *base)
{
    for (;;) {
        if (b->head < 0) b->head = b->first_free;
        int32_t f = b->head;
        size_t tries = 0;
        for (; f >= 0; f = next_free(b, (size_t)f + 1), tries++) {
            int32_t bs = f - (int32_t)codes[0];
            if (bs < 0 || base_taken(b, (size_t)bs)) continue;
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

/* The first levels are placed breadth-first, the rest depth-first. Every
 * walk that gets past the start filter reads a node of the second level,
 * so packing those few thousand nodes at the front keeps them cached;
 * below, depth-first keeps each subtree's path close together (placing
 * every level breadth-first spread the deep paths: more misses). */
#define BREADTH_FIRST_LEVELS 2

/* Places the children of the keys fr covers and appends their frames to
 * out[*n_out]: key i has codes pool[offs[i], offs[i + 1]). */
static int place_children(builder *b, const uint16_t *pool, const uint32_t *offs,
                          const uint32_t *values, frame fr, uint16_t *kids,
                          uint32_t *kid_lo, frame *out, size_t *n_out)
{
    uint32_t lo = fr.lo;
    /* the key that ends here (at most one: keys are distinct) */
    if (lo < fr.hi && offs[lo + 1] - offs[lo] == fr.depth) lo++;
    size_t k = 0;
    for (uint32_t i = lo; i < fr.hi; i++) {
        uint16_t c = pool[offs[i] + fr.depth];
        if (!k || kids[k - 1] != c) { kids[k] = c; kid_lo[k++] = i; }
    }
    if (!k) return KG_OK;
    kid_lo[k] = fr.hi;
    int32_t base;
    int rc = find_base(b, kids, k, &base);
    if (rc) return rc;
    set_base(b, fr.node, base);
    for (size_t j = 0; j < k; j++) {
        int32_t child = base + kids[j];
        uint32_t first = kid_lo[j];
        int ends = offs[first + 1] - offs[first] == fr.depth + 1;
        take(b, child, kids[j], ends);
        b->d->values[child] = ends ? values[first] : 0;
        out[(*n_out)++] = (frame){child, kid_lo[j], kid_lo[j + 1], fr.depth + 1};
    }
    return KG_OK;
}

/* Places the n sorted keys. The frames pending at any time cover disjoint,
 * non-empty ranges of keys, so n of them is the most there can be. */
static int place(builder *b, const uint16_t *pool, const uint32_t *offs,
                 const uint32_t *values, size_t n)
{
    frame *stack = malloc((n + 1) * sizeof *stack);
    frame *level = malloc((n + 1) * sizeof *level);
    uint16_t *kids = malloc((b->d->n_codes + 1) * sizeof *kids);
    uint32_t *kid_lo = malloc((b->d->n_codes + 2) * sizeof *kid_lo);
    int rc = KG_ERR_NOMEM;
    if (!stack || !level || !kids || !kid_lo) goto out;
    size_t top = 0;
    stack[top++] = (frame){0, 0, (uint32_t)n, 0};
    rc = KG_OK;
    for (int l = 0; l < BREADTH_FIRST_LEVELS && top && !rc; l++) {
        size_t next = 0;
        for (size_t q = 0; q < top && !rc; q++)
            rc = place_children(b, pool, offs, values, stack[q], kids, kid_lo, level, &next);
        frame *t = stack;
        stack = level;
        level = t;
        top = next;
    }
    /* the frames of one level are all the breadth-first pass needs */
    free(level);
    level = NULL;
    /* depth-first from here, popping the frames in the order above */
    for (size_t q = 0; q < top / 2; q++) {
        frame t = stack[q];
        stack[q] = stack[top - 1 - q];
        stack[top - 1 - q] = t;
    }
    while (top && !rc) {
        frame fr = stack[--top];
        rc = place_children(b, pool, offs, values, fr, kids, kid_lo, stack, &top);
    }
out:
    free(stack);
    free(level);
    free(kids);
    free(kid_lo);
    return rc;
}

/* The keys as code sequences in sorted order: *pool_out and *offs_out
 * (n + 1 offsets), with their values in *values_out. */
static int sorted_codes(const kg_dat *d, const char *const *keys,
                        const uint32_t *lens, const uint32_t *values, size_t n,
                        size_t chars, uint16_t **pool_out, uint32_t **offs_out,
                        uint32_t **values_out)
{
    uint16_t *pool = malloc((chars ? chars : 1) * sizeof *pool);
    uint32_t *offs = malloc((n + 1) * sizeof *offs);
    sort_item *items = malloc((n ? n : 1) * sizeof *items);
    sort_item *tmp = malloc((n ? n : 1) * sizeof *tmp);
    uint16_t *spool = NULL;
    uint32_t *soffs = NULL, *svalues = NULL;
    int rc = KG_ERR_NOMEM;
    if (!pool || !offs || !items || !tmp) goto out;
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        const unsigned char *s = (const unsigned char *)keys[k];
        offs[k] = (uint32_t)at;
        for (size_t i = 0, cl; i < lens[k]; i += cl)
            pool[at++] = (uint16_t)kg_dat_code(d, kg_decode(s + i, &cl));
        items[k].key = (uint32_t)k;
    }
    offs[n] = (uint32_t)at;
    sorter so = {pool, offs, tmp, 1, 0};
    while ((1u << so.bits) <= d->n_codes) so.bits++;
    so.per = 64 / so.bits;
    if (sort_keys(&so, items, n, 0)) goto out;
    free(tmp);
    tmp = NULL;

    spool = malloc((chars ? chars : 1) * sizeof *spool);
    soffs = malloc((n + 1) * sizeof *soffs);
    svalues = malloc((n ? n : 1) * sizeof *svalues);
    if (!spool || !soffs || !svalues) goto out;
    at = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t k = items[i].key, len = offs[k + 1] - offs[k];
        soffs[i] = (uint32_t)at;
        memcpy(spool + at, pool + offs[k], len * sizeof *pool);
        at += len;
        svalues[i] = values[k];
    }
    soffs[n] = (uint32_t)at;
    rc = KG_OK;
out:
    free(pool);
    free(offs);
    free(items);
    free(tmp);
    if (rc) {
        free(spool);
        free(soffs);
        free(svalues);
        return rc;
    }
    *pool_out = spool;
    *offs_out = soffs;
    *values_out = svalues;
    return KG_OK;
}

/* Clears the free slots and gives them, and every node without children,
 * the base dead, whose slots are all free; then stores the bases in the
 * units when they fit. */
static int finish_bases(builder *b, size_t dead, int pack)
{
    kg_dat *d = b->d;
    uint32_t shift = b->label_bits + 1;
    for (size_t i = 0; i < d->n_slots; i++) {
        if (is_free(b, i)) {
            d->units[i] = 0;
            d->values[i] = 0;
            b->bases[i] = (uint32_t)dead;
        } else if (b->bases[i] == NO_BASE) {
            b->bases[i] = (uint32_t)dead;
        }
    }
    if (pack && dead <= UINT32_MAX >> shift) {
        for (size_t i = 0; i < d->n_slots; i++)
            d->units[i] |= b->bases[i] << shift;
        d->bases = d->units;
        d->base_shift = shift;
        return KG_OK;
    }
    uint32_t *bases = realloc(b->bases, d->n_slots * sizeof *bases);
    if (!bases) return KG_ERR_NOMEM;
    d->bases = bases;
    b->bases = NULL;
    return KG_OK;
}

static int build(kg_dat *d, const char *const *keys, const uint32_t *lens,
                 const uint32_t *values, size_t n, int pack)
{
    memset(d, 0, sizeof *d);
    size_t chars;
    int rc = build_code_map(d, keys, lens, n, &chars);
    if (rc) { kg_dat_free(d); return rc; }
    uint16_t *pool;
    uint32_t *offs, *svalues;
    if ((rc = sorted_codes(d, keys, lens, values, n, chars, &pool, &offs, &svalues))) {
        kg_dat_free(d);
        return rc;
    }
    builder b = {.d = d, .first_free = -1, .head = -1, .used = 1, .label_bits = 1};
    while ((1u << b.label_bits) <= d->n_codes) b.label_bits++;
    d->label_mask = (1u << b.label_bits) - 1;
    rc = KG_ERR_NOMEM;
    d->units = malloc(sizeof *d->units);
    d->values = malloc(sizeof *d->values);
    b.bases = malloc(sizeof *b.bases);
    b.free_bits = malloc(sizeof *b.free_bits);
    b.base_bits = calloc(1, sizeof *b.base_bits);
    if (!d->units || !d->values || !b.bases || !b.free_bits || !b.base_bits) goto out;
    /* slot 0 is the root, never free; labels start at 1 */
    d->units[0] = 0;
    b.bases[0] = NO_BASE;
    d->values[0] = 0;
    b.free_bits[0] = 0;
    b.cap = b.room = 1;
    /* tries share prefixes, so the nodes are usually well under one per
     * character: the first guess is a third of the keys' bytes */
    size_t total = 0;
    for (size_t k = 0; k < n; k++) total += lens[k];
    if ((rc = ensure(&b, total / 3 + d->n_codes + 2))) goto out;
    if ((rc = place(&b, pool, offs, svalues, n))) goto out;

    /* trim: the dead base goes past every taken slot (and so every base),
     * and every base + code must stay inside the array */
    size_t dead = b.used;
    d->n_slots = dead + d->n_codes + 1;
    if ((rc = ensure(&b, d->n_slots))) goto out;
    if ((rc = finish_bases(&b, dead, pack))) goto out;
    uint32_t *units = realloc(d->units, d->n_slots * sizeof *units);
    if (units) {
        if (d->bases == d->units) d->bases = units;
        d->units = units;
    }
    uint32_t *vals = realloc(d->values, d->n_slots * sizeof *vals);
    if (vals) d->values = vals;
    rc = KG_OK;
out:
    free(pool);
    free(offs);
    free(svalues);
    free(b.bases);
    free(b.free_bits);
    free(b.base_bits);
    if (rc) kg_dat_free(d);
    return rc;
}

int kg_dat_build(kg_dat *d, const char *const *keys, const uint32_t *lens,
                 const uint32_t *values, size_t n)
{
    return build(d, keys, lens, values, n, 1);
}

int kg_dat_build_unpacked(kg_dat *d, const char *const *keys, const uint32_t *lens,
                          const uint32_t *values, size_t n)
{
    return build(d, keys, lens, values, n, 0);
}

void kg_dat_free(kg_dat *d)
{
    if (d->bases != d->units) free(d->bases);
    free(d->units);
    free(d->values);
    free(d->pages);
    free(d->blocks);
    memset(d, 0, sizeof *d);
}
