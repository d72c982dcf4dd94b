/*
 * Unicode normalisation through ICU, with a map back to the original bytes.
 *
 * The text is cut at characters that ICU says always start a normalisation
 * segment (unorm2_hasBoundaryBefore). Each segment is normalised on its own,
 * which gives the same result as normalising the whole text, and its output
 * maps to exactly its input bytes. ASCII and precomposed Hangul are inert in
 * every form we use, so the common Korean text never reaches ICU at all.
 *
 * The map is a list of runs: "exact" runs copy bytes one to one, the others
 * cover one changed segment. A text that needed no change has one run.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "internal.h"

typedef struct map_run {
    uint32_t out, src;         /* run start in the output and in the source */
    uint32_t out_len, src_len;
    uint32_t exact;            /* byte-for-byte copy */
} map_run;

struct kg_norm {
    char *text;
    size_t len, cap;
    map_run *runs;
    size_t n_runs, cap_runs;
    size_t error_offset;
    UChar *u16_in, *u16_out;   /* scratch for ICU, grown on demand */
    int32_t u16_in_cap, u16_out_cap;
};

kg_norm *kg_norm_new(void) { return calloc(1, sizeof(kg_norm)); }

void kg_norm_free(kg_norm *n)
{
    if (!n) return;
    free(n->text);
    free(n->runs);
    free(n->u16_in);
    free(n->u16_out);
    free(n);
}

const char *kg_norm_text(const kg_norm *n, size_t *len)
{
    if (len) *len = n->len;
    return n->text ? n->text : "";
}

size_t kg_norm_error_offset(const kg_norm *n) { return n->error_offset; }

int kg_norm_is_identity(const kg_norm *n)
{
    return n->n_runs == 0 || (n->n_runs == 1 && n->runs[0].exact);
}

static int reserve_text(kg_norm *n, size_t extra)
{
    return KG_GROW(n->text, n->cap, n->len + extra + 1, 256);
}

/* Appends a run, merging exact runs that continue each other. */
static int add_run(kg_norm *n, size_t out, size_t src, size_t out_len,
                   size_t src_len, int exact)
{
    if (n->n_runs) {
        map_run *last = &n->runs[n->n_runs - 1];
        if (exact && last->exact && last->out + last->out_len == out &&
            last->src + last->src_len == src) {
            last->out_len += (uint32_t)out_len;
            last->src_len += (uint32_t)src_len;
            return KG_OK;
        }
    }
    if (KG_GROW(n->runs, n->cap_runs, n->n_runs + 1, 16)) return KG_ERR_NOMEM;
    n->runs[n->n_runs++] = (map_run){(uint32_t)out, (uint32_t)src,
                                     (uint32_t)out_len, (uint32_t)src_len,
                                     (uint32_t)exact};
    return KG_OK;
}

static int grow_u16(UChar **buf, int32_t *cap, int32_t need)
{
    if (need <= *cap) return KG_OK;
    int32_t c = *cap ? *cap : 64;
    while (c < need) {
        if (c > INT32_MAX / 2) return KG_ERR_TOO_LONG;
        c *= 2;
    }
    UChar *b = realloc(*buf, (size_t)c * sizeof(UChar));
    if (!b) return KG_ERR_NOMEM;
    *buf = b;
    *cap = c;
    return KG_OK;
}

/* Normalises one segment src[0..len) through ICU and appends the result. */
static int normalize_segment(kg_norm *n, const UNormalizer2 *norm,
                             const char *src, size_t len, size_t *added)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t u_len = 0;
    if (len > INT32_MAX / 4) return KG_ERR_TOO_LONG;
    int rc = grow_u16(&n->u16_in, &n->u16_in_cap, (int32_t)len + 1);
    if (rc) return rc;
    u_strFromUTF8(n->u16_in, n->u16_in_cap, &u_len, src, (int32_t)len, &err);
    if (U_FAILURE(err)) return KG_ERR_ICU;
    for (;;) {
        err = U_ZERO_ERROR;
        int32_t out_len = unorm2_normalize(norm, n->u16_in, u_len, n->u16_out,
                                           n->u16_out_cap, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) {
            rc = grow_u16(&n->u16_out, &n->u16_out_cap, out_len + 1);
            if (rc) return rc;
            continue;
        }
        if (U_FAILURE(err)) return KG_ERR_ICU;
        int32_t bytes = 0;
        err = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &bytes, n->u16_out, out_len, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return KG_ERR_ICU;
        rc = reserve_text(n, (size_t)bytes);
        if (rc) return rc;
        err = U_ZERO_ERROR;
        u_strToUTF8(n->text + n->len, (int32_t)(n->cap - n->len), &bytes,
                    n->u16_out, out_len, &err);
        if (U_FAILURE(err)) return KG_ERR_ICU;
        *added = (size_t)bytes;
        return KG_OK;
    }
}

#define MAX_SEGMENT_MARKS 30

/* Where the default-ignorable characters (zero-width space, soft hyphen,
 * variation selectors) at the end of segment s[seg, end) begin, keeping
 * its first character; end if there are none. NFKC_Casefold deletes
 * them, and without a run of their own a term before them (AI<ZWSP>)
 * would be mapped back over them. */
static size_t trailing_ignorables(const unsigned char *s, size_t seg, size_t end)
{
    size_t first_len;
    kg_decode(s + seg, &first_len);
    size_t k = end;
    while (k > seg + first_len) {
        size_t p = k - 1, cl;
        while ((s[p] & 0xC0) == 0x80) p--;
        if (!u_hasBinaryProperty((UChar32)kg_decode(s + p, &cl),
                                 UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            break;
        k = p;
    }
    return k;
}

/* Normalises the changed segment text[seg, end) and maps it. When the
 * segment without its trailing ignorables normalises to the same output,
 * they get an empty run of their own. */
static int add_segment(kg_norm *n, const UNormalizer2 *norm, const char *text,
                       size_t seg, size_t end)
{
    size_t before = n->len, added = 0;
    int rc = normalize_segment(n, norm, text + seg, end - seg, &added);
    if (rc) return rc;
    size_t keep = trailing_ignorables((const unsigned char *)text, seg, end);
    if (keep < end) {
        size_t again = 0;
        n->len = before + added;
        rc = normalize_segment(n, norm, text + seg, keep - seg, &again);
        if (rc) return rc;
        n->len = before;
        if (again != added || memcmp(n->text + before, n->text + before + added, added))
            keep = end;
    }
    int same = added == keep - seg && memcmp(n->text + before, text + seg, added) == 0;
    rc = add_run(n, before, seg, added, keep - seg, same);
    if (!rc && keep < end) rc = add_run(n, before + added, keep, 0, end - keep, 0);
    n->len = before + added;
    return rc;
}

static const UNormalizer2 *instance(kg_norm_form form)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *norm = NULL;
    switch (form) {
    case KG_NFC: norm = unorm2_getNFCInstance(&err); break;
    case KG_NFKC: norm = unorm2_getNFKCInstance(&err); break;
    case KG_NFKC_CASEFOLD: norm = unorm2_getNFKCCasefoldInstance(&err); break;
    }
    return U_FAILURE(err) ? NULL : norm;
}

/* ASCII and Hangul syllables: inert in NFC/NFKC; ASCII letters only fold
 * case under NFKC_Casefold, which we do without ICU. */
static int is_fast(uint32_t cp)
{
    return cp < 0x80 || kg_is_syllable(cp);
}

int kg_normalize(kg_norm *n, kg_norm_form form, const char *text, size_t len)
{
    if (!n || (!text && len)) return KG_ERR_ARG;
    n->len = 0;
    n->n_runs = 0;
    n->error_offset = 0;
    if (len > KG_MAX_TEXT) return KG_ERR_TOO_LONG;
    int rc = kg_utf8_check(text, len, 1, &n->error_offset);
    if (rc) return rc;
    const UNormalizer2 *norm = instance(form);
    if (!norm) return form > KG_NFKC_CASEFOLD ? KG_ERR_ARG : KG_ERR_ICU;
    rc = reserve_text(n, len);
    if (rc) return rc;

    const unsigned char *s = (const unsigned char *)text;
    int fold_ascii = form == KG_NFKC_CASEFOLD;
    size_t i = 0;
    while (i < len) {
        /* copy the longest run of fast characters in one go */
        size_t run = i;
        while (run < len) {
            size_t cl;
            uint32_t cp = kg_decode(s + run, &cl);
            if (!is_fast(cp)) break;
            /* a fast character followed by one that composes with it (a
             * trailing jamo, a combining mark) belongs to the next segment */
            if (run + cl < len) {
                size_t nl;
                uint32_t next = kg_decode(s + run + cl, &nl);
                if (!is_fast(next) && !unorm2_hasBoundaryBefore(norm, next))
                    break;
            }
            run += cl;
        }
        if (run > i) {
            rc = reserve_text(n, run - i);
            if (rc) return rc;
            char *dst = n->text + n->len;
            memcpy(dst, text + i, run - i);
            if (fold_ascii)
                for (size_t k = 0; k < run - i; k++)
                    if (dst[k] >= 'A' && dst[k] <= 'Z') dst[k] += 'a' - 'A';
            rc = add_run(n, n->len, i, run - i, run - i, 1);
            if (rc) return rc;
            n->len += run - i;
            i = run;
            if (i >= len) break;
        }
        /* one segment: this character and every following one that has no
         * boundary before it */
        size_t seg = i, cl;
        uint32_t cp = kg_decode(s + i, &cl);
        i += cl;
        int inert = !is_fast(cp) && unorm2_isInert(norm, cp);
        size_t marks = 0;
        while (i < len) {
            uint32_t next = kg_decode(s + i, &cl);
            if (is_fast(next) || unorm2_hasBoundaryBefore(norm, next)) break;
            /* Cut runaway segments (a base with thousands of combining
             * marks): ICU reorders a segment in quadratic time. Like
             * Unicode's stream-safe format, start afresh after 30. */
            if (++marks > MAX_SEGMENT_MARKS) break;
            inert = 0;
            i += cl;
        }
        if (inert) {
            rc = reserve_text(n, i - seg);
            if (rc) return rc;
            memcpy(n->text + n->len, text + seg, i - seg);
            rc = add_run(n, n->len, seg, i - seg, i - seg, 1);
            n->len += i - seg;
        } else {
            rc = add_segment(n, norm, text, seg, i);
        }
        if (rc) return rc;
    }
    n->text[n->len] = '\0';
    return KG_OK;
}

/* Index of the run that contains output byte pos (pos < len). */
static size_t find_run(const kg_norm *n, size_t pos)
{
    size_t lo = 0, hi = n->n_runs;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (n->runs[mid].out <= pos) lo = mid;
        else hi = mid;
    }
    return lo;
}

void kg_norm_map_span(const kg_norm *n, size_t start, size_t end,
                      size_t *orig_start, size_t *orig_end)
{
    if (!n->n_runs) { *orig_start = start; *orig_end = end; return; }
    if (start >= n->len) {
        const map_run *r = &n->runs[n->n_runs - 1];
        *orig_start = *orig_end = r->src + r->src_len;
        return;
    }
    const map_run *a = &n->runs[find_run(n, start)];
    *orig_start = a->exact ? a->src + (start - a->out) : a->src;
    if (end <= start) { *orig_end = *orig_start; return; }
    const map_run *b = &n->runs[find_run(n, end - 1)];
    *orig_end = b->exact ? b->src + (end - b->out) : b->src + b->src_len;
}
