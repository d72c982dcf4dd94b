/*
 * Glossary matching throughput of kogloss on one file.
 *
 *   kg_match [-r PASSES] TERMS CORPUS [whole|line]
 *
 * TERMS has one term per line, each becoming an entry of its own in a
 * batch of its own (a later duplicate overrides an earlier one). The
 * corpus is matched in one kg_match call (whole, the default) or one call
 * per line (line: what an editor does on redraw). Building the glossary
 * and scanning are timed apart (CLOCK_MONOTONIC); reading the files is not.
 * Each pass (one, or PASSES with -r) matches the corpus with a kg_matches
 * of its own, made and freed inside the timing, so that no pass finds the
 * eojeols the one before it segmented: with -r, text read for the first
 * time.
 * Prints one line: count=N build_ms=X scan_ms=Y rss_kb=Z, for
 * bench/match/run.sh.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "kogloss.h"
#include "bench_util.h"

int main(int argc, char **argv)
{
    const char *prog = argv[0];
    int passes = 1;
    if (argc > 2 && strcmp(argv[1], "-r") == 0) {
        passes = atoi(argv[2]);
        argv += 2;
        argc -= 2;
    }
    if (argc < 3 || passes < 1) {
        fprintf(stderr, "usage: %s [-r PASSES] TERMS CORPUS [whole|line]\n", prog);
        return 2;
    }
    int per_line = argc > 3 && strcmp(argv[3], "line") == 0;
    size_t terms_len, text_len;
    char *terms = bench_read_file(argv[1], &terms_len);
    char *text = bench_read_file(argv[2], &text_len);
    if (!terms || !text) {
        fprintf(stderr, "kg_match: cannot read %s\n", !terms ? argv[1] : argv[2]);
        return 1;
    }

    /* cut terms into lines; each entry is made when it is added, so the
     * bench holds no entry array of its own */
    for (char *p = terms; (p = memchr(p, '\n', (size_t)(terms + terms_len - p))); p++)
        *p = '\0';

    double t0 = 1e3 * bench_now();
    kg_glossary *g = kg_glossary_new();
    /* one batch per term: the lists repeat some forms (Day, day), which
     * one batch would refuse; here a later repeat overrides */
    for (char *p = terms; g && p < terms + terms_len; p += strlen(p) + 1) {
        if (!*p) continue;
        kg_entry e = {.term = p};
        if (kg_glossary_add(g, &e, 1, "terms", 0) < 0) {
            fprintf(stderr, "kg_match: %s\n", kg_glossary_error(g));
            return 1;
        }
    }
    int rc = g ? kg_glossary_compile(g) : KG_ERR_NOMEM;
    double t1 = 1e3 * bench_now();
    if (rc) {
        fprintf(stderr, "kg_match: %s\n", kg_strerror(rc));
        return 1;
    }

    /* count is the last pass's: every pass finds the same */
    size_t count = 0;
    size_t error_offset = 0;
    double t2 = 1e3 * bench_now();
    for (int pass = 0; pass < passes && rc >= 0; pass++) {
        kg_matches *m = kg_matches_new();
        if (!m) {
            rc = KG_ERR_NOMEM;
            break;
        }
        count = 0;
        if (per_line) {
            for (char *p = text; p < text + text_len;) {
                char *nl = memchr(p, '\n', (size_t)(text + text_len - p));
                size_t len = nl ? (size_t)(nl - p) : (size_t)(text + text_len - p);
                rc = kg_match(g, p, len, m);
                if (rc < 0) break;
                count += (size_t)rc;
                p += len + 1;
            }
        } else {
            rc = kg_match(g, text, text_len, m);
            if (rc >= 0) count = (size_t)rc;
        }
        error_offset = kg_matches_error_offset(m);
        kg_matches_free(m);
    }
    double t3 = 1e3 * bench_now();
    if (rc < 0) {
        fprintf(stderr, "kg_match: %s at byte %zu\n", kg_strerror(rc), error_offset);
        return 1;
    }
    printf("count=%zu build_ms=%.1f scan_ms=%.1f rss_kb=%ld\n", count, t1 - t0, t3 - t2,
           bench_peak_rss_kb());
    kg_glossary_free(g);
    free(terms);
    free(text);
    return 0;
}
