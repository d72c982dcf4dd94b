/*
 * Segmentation throughput of kogloss on one file.
 *
 *   seg_bench line|whole FILE
 *
 * line:  one kg_segment() call per line, reusing one kg_result (what an
 *        editor does when a line changes);
 * whole: the whole file in a single call.
 *
 * Only the segmentation is timed (CLOCK_MONOTONIC): reading the file and
 * building the segmenter are not, and are reported separately, so the
 * figure is comparable whatever the disk cache does. Prints one line of
 * key=value pairs for bench/run.sh.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "kogloss.h"
#include "bench_util.h"

/* Code points, counted outside the timed region. */
static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int fail(const char *what, int rc, const kg_result *res, size_t base)
{
    fprintf(stderr, "seg_bench: %s: %s (at byte %zu)\n", what, kg_strerror(rc),
            base + (res ? kg_result_error_offset(res) : 0));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "line") && strcmp(argv[1], "whole"))) {
        fprintf(stderr, "usage: seg_bench line|whole FILE\n");
        return 2;
    }
    int per_line = strcmp(argv[1], "line") == 0;

    size_t len;
    double t0 = bench_now();
    char *text = bench_read_file(argv[2], &len);
    if (!text) { perror(argv[2]); return 1; }
    double t_read = bench_now() - t0;

    t0 = bench_now();
    kg_segmenter *seg = kg_segmenter_new();
    kg_result *res = kg_result_new();
    if (!seg || !res) { fprintf(stderr, "seg_bench: out of memory\n"); return 1; }
    double t_init = bench_now() - t0;
    long rss_before = bench_peak_rss_kb();

    size_t tokens = 0, parts = 0, calls = 0, n;
    double t_seg;
    if (per_line) {
        t0 = bench_now();
        const char *p = text, *end = text + len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
            int rc = kg_segment(seg, p, l, res);
            if (rc < 0) return fail("kg_segment", rc, res, (size_t)(p - text));
            tokens += (size_t)rc;
            kg_result_parts(res, &n);
            parts += n;
            calls++;
            p += l + 1;
        }
        t_seg = bench_now() - t0;
    } else {
        t0 = bench_now();
        int rc = kg_segment(seg, text, len, res);
        t_seg = bench_now() - t0;
        if (rc < 0) return fail("kg_segment", rc, res, 0);
        kg_result_tokens(res, &tokens);
        kg_result_parts(res, &parts);
        calls = 1;
    }

    printf("mode=%s bytes=%zu chars=%zu calls=%zu tokens=%zu parts=%zu "
           "seconds=%.6f read_seconds=%.6f init_seconds=%.6f "
           "rss_before_kb=%ld rss_peak_kb=%ld\n",
           argv[1], len, count_chars(text, len), calls, tokens, parts, t_seg,
           t_read, t_init, rss_before, bench_peak_rss_kb());
    kg_result_free(res);
    kg_segmenter_free(seg);
    free(text);
    return 0;
}
