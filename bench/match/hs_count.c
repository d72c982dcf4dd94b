/* Hyperscan peer for the glossary-matching benchmark.
 *
 *   hs_count [-i] [-o|-f] [-u] [-r PASSES] TERMS CORPUS
 *
 * Compiles every line of TERMS as a literal (hs_compile_lit_multi, block
 * mode), scans CORPUS in one hs_scan call and prints
 *   count=<N> build_ms=<X> scan_ms=<Y> [distinct=<K>] db_bytes=<B>
 *
 * What count means:
 *   default  every match Hyperscan reports: each end offset of each term,
 *            so overlapping terms (강화 and 강화 학습) and overlapping
 *            occurrences of one term all count. This is Hyperscan's native,
 *            cheapest semantics and the fairest speed figure.
 *   -o       like `grep -o`: non-overlapping, leftmost-longest. Matches are
 *            collected and resolved after the scan (start = end - length,
 *            so no SOM flag is needed); scan_ms then includes that step.
 *   -f       like `rg --count-matches`: non-overlapping, leftmost-first (at
 *            the leftmost start the term listed first wins, as in a regex
 *            alternation), resolved the same way.
 *   -u       also count the distinct terms that occur at least once.
 *   -i       ASCII case-insensitive (HS_FLAG_CASELESS), as kogloss folds
 *            Latin case.
 *   -r N     scan the corpus N times (scan_ms is the sum; count is one
 *            pass's), beside kg_match -r on a text too short to time once.
 *
 * build_ms covers compiling the database and allocating scratch; reading the
 * files is in neither figure. Block mode takes one buffer of up to 4 GiB
 * (hs_scan's length is an unsigned int), so the corpus needs no chunking.
 */
#define _POSIX_C_SOURCE 200809L
#include <hs/hs.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *msg)
{
    fprintf(stderr, "hs_count: %s\n", msg);
    exit(1);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    if (!buf) die("out of memory");
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) die("out of memory");
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0) break;
        n += got;
    }
    if (ferror(f)) die("read error");
    fclose(f);
    *len = n;
    return buf;
}

struct span {
    uint64_t start, end;
    unsigned id;
};

struct ctx {
    unsigned long long count;
    const size_t *lens;   /* term lengths, for -o */
    unsigned char *seen;  /* per term, for -u; NULL when off */
    int collect;          /* -o: keep every match in spans */
    struct span *spans;
    size_t nspans, capspans;
};

static int on_count(unsigned id, unsigned long long from, unsigned long long to,
                    unsigned flags, void *vctx)
{
    (void)id, (void)from, (void)to, (void)flags;
    ((struct ctx *)vctx)->count++;
    return 0;
}

static int on_full(unsigned id, unsigned long long from, unsigned long long to,
                   unsigned flags, void *vctx)
{
    struct ctx *c = vctx;
    (void)from, (void)flags;
    c->count++;
    if (c->seen) c->seen[id] = 1;
    if (c->collect) {
        if (c->nspans == c->capspans) {
            c->capspans = c->capspans ? 2 * c->capspans : 1 << 16;
            c->spans = realloc(c->spans, c->capspans * sizeof *c->spans);
            if (!c->spans) die("out of memory");
        }
        c->spans[c->nspans++] = (struct span){to - c->lens[id], to, id};
    }
    return 0;
}

static int leftmost_longest(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1;
    return 0;
}

static int leftmost_first(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

int main(int argc, char **argv)
{
    int caseless = 0, grep_like = 0, first = 0, distinct = 0, passes = 1, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-i")) caseless = 1;
        else if (!strcmp(argv[i], "-o")) grep_like = 1;
        else if (!strcmp(argv[i], "-f")) grep_like = first = 1;
        else if (!strcmp(argv[i], "-u")) distinct = 1;
        else if (!strcmp(argv[i], "-r") && i + 1 < argc) passes = atoi(argv[++i]);
        else break;
    }
    if (argc - i != 2 || passes < 1 || (passes > 1 && (grep_like || distinct))) {
        fprintf(stderr, "usage: hs_count [-i] [-o|-f] [-u] [-r PASSES] TERMS CORPUS\n"
                        "(-r counts every match: not with -o, -f or -u)\n");
        return 2;
    }
    if (hs_valid_platform() != HS_SUCCESS) {
        /* run.sh turns this exit status into an "unsupported" row */
        fprintf(stderr, "hs_count: this CPU lacks SSSE3, which Hyperscan needs\n");
        return 3;
    }

    size_t tlen, clen;
    char *tbuf = slurp(argv[i], &tlen);
    char *corpus = slurp(argv[i + 1], &clen);
    if (clen > UINT_MAX) die("corpus over 4 GiB: one hs_scan block cannot hold it");

    /* One literal per non-empty line, pointing into tbuf (literals carry
     * their length, so no terminator is needed). */
    size_t cap = 1024, n = 0;
    const char **pats = malloc(cap * sizeof *pats);
    size_t *lens = malloc(cap * sizeof *lens);
    if (!pats || !lens) die("out of memory");
    for (size_t p = 0; p < tlen;) {
        char *nl = memchr(tbuf + p, '\n', tlen - p);
        size_t e = nl ? (size_t)(nl - tbuf) : tlen, len = e - p;
        if (len && tbuf[e - 1] == '\r') len--;
        if (len) {
            if (n == cap) {
                cap *= 2;
                pats = realloc(pats, cap * sizeof *pats);
                lens = realloc(lens, cap * sizeof *lens);
                if (!pats || !lens) die("out of memory");
            }
            pats[n] = tbuf + p;
            lens[n++] = len;
        }
        p = e + 1;
    }
    if (n == 0) die("no terms");
    unsigned *flags = malloc(n * sizeof *flags), *ids = malloc(n * sizeof *ids);
    if (!flags || !ids) die("out of memory");
    for (size_t k = 0; k < n; k++) {
        flags[k] = caseless ? HS_FLAG_CASELESS : 0;
        ids[k] = (unsigned)k;
    }

    double t0 = now_ms();
    hs_database_t *db = NULL;
    hs_compile_error_t *err = NULL;
    if (hs_compile_lit_multi(pats, flags, ids, lens, (unsigned)n, HS_MODE_BLOCK, NULL, &db,
                             &err) != HS_SUCCESS) {
        fprintf(stderr, "hs_count: compile failed: %s (term %d)\n", err->message,
                err->expression);
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) die("hs_alloc_scratch failed");
    double t1 = now_ms();

    struct ctx c = {0};
    c.lens = lens;
    if (distinct && !(c.seen = calloc(n, 1))) die("out of memory");
    /* A plain counter keeps the default callback as cheap as it can be. */
    match_event_handler cb = (distinct || grep_like) ? on_full : on_count;
    c.collect = grep_like;
    for (int pass = 0; pass < passes; pass++) {
        c.count = 0;
        if (hs_scan(db, corpus, (unsigned)clen, 0, scratch, cb, &c) != HS_SUCCESS)
            die("hs_scan failed");
    }
    unsigned long long count = c.count;
    if (grep_like) {
        /* Greedy over matches ordered by start, then by the preferred one
         * at that start: what `grep -o` prints (longest) or rg counts (first
         * listed). Terms hold no newline, so no match crosses a line and the
         * whole-file pass equals a per-line one. */
        qsort(c.spans, c.nspans, sizeof *c.spans, first ? leftmost_first : leftmost_longest);
        uint64_t pos = 0;
        count = 0;
        for (size_t k = 0; k < c.nspans; k++) {
            if (c.spans[k].start >= pos) {
                count++;
                pos = c.spans[k].end;
            }
        }
    }
    double t2 = now_ms();

    size_t db_bytes = 0;
    hs_database_size(db, &db_bytes);
    printf("count=%llu build_ms=%.1f scan_ms=%.1f", count, t1 - t0, t2 - t1);
    if (distinct) {
        size_t k2 = 0;
        for (size_t k = 0; k < n; k++) k2 += c.seen[k];
        printf(" distinct=%zu", k2);
    }
    printf(" db_bytes=%zu\n", db_bytes);

    hs_free_scratch(scratch);
    hs_free_database(db);
    free(c.spans), free(c.seen), free(flags), free(ids), free(pats), free(lens);
    free(tbuf), free(corpus);
    return 0;
}
