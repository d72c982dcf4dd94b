/* Folding forms and texts for matching: NFKC case folding, with the common
 * characters done by table and the rest by ICU (see glossary.h). */
#include <string.h>
#include <unicode/unorm2.h>
#include "glossary.h"
#include "cpu.h"
#include "sse.h"

static const UNormalizer2 *nfkc_cf(void)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&err);
    return U_FAILURE(err) ? NULL : n;
}

/* ASCII, full-width ASCII and Hangul syllables are folded by
 * kg_fold_char (or are already folded). A Hangul syllable is not inert
 * (a trailing jamo would merge into it), but such a jamo is not safe
 * itself, so a text that has one goes to ICU as a whole. */
static int folded_by_table(uint32_t cp)
{
    return (cp >= 0x01 && cp < 0x80) || (cp >= 0xFF01 && cp <= 0xFF5E) ||
           kg_is_syllable(cp);
}

int kg_fold_init(kg_fold *f)
{
    const UNormalizer2 *n = nfkc_cf();
    if (!n) return KG_ERR_ICU;
    memset(f->safe, 0, sizeof f->safe);
    for (uint32_t cp = 1; cp < 0x10000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        /* full-width hyphen folds to '-', which is fine; the others are
         * kept as they are and separate words themselves */
        if (folded_by_table(cp) || unorm2_isInert(n, (UChar32)cp))
            f->safe[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    }
    return KG_OK;
}

int kg_fold_is_safe_slow(uint32_t cp)
{
    const UNormalizer2 *n = nfkc_cf();
    return n && unorm2_isInert(n, (UChar32)cp);
}

/* Is the character at s[i] (not ASCII) unsafe? */
static int unsafe_at(const kg_fold *f, const unsigned char *s, size_t i)
{
    size_t cl;
    return kg_fold_needs_icu(f, kg_decode(s + i, &cl));
}

#ifdef KG_HAVE_AVX2
/* The AVX2 form of the first loop below, 32 bytes at a time. Returns the
 * offset of an unsafe character, or (as *done) how far it looked. */
static KG_AVX2 size_t first_unsafe_avx2(const kg_fold *f, const unsigned char *s,
                                        size_t len, size_t *done)
{
    size_t i = 0;
    for (; i + 33 <= len; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        if (!_mm256_movemask_epi8(v)) continue;
        uint32_t check;
        kg_avx2_classify(v, _mm256_loadu_si256((const __m256i *)(s + i + 1)), &check);
        for (; check; check &= check - 1) {
            size_t at = i + (unsigned)__builtin_ctz(check);
            if (unsafe_at(f, s, at)) return at;
        }
    }
    *done = i;
    return len;
}
#endif

size_t kg_fold_first_unsafe(const kg_fold *f, const unsigned char *s,
                            size_t len)
{
    size_t i = 0;
#ifdef KG_HAVE_SSE2
    int level = kg_simd_level();
#endif
#ifdef KG_HAVE_AVX2
    if (level == KG_SIMD_AVX2) {
        size_t at = first_unsafe_avx2(f, s, len, &i);
        if (at < len) return at;
    }
#endif
#ifdef KG_HAVE_SSE2
    /* Only lead bytes can start an unsafe character, and Hangul syllables
     * (EA B0.. to ED 9D..; the last few are checked one by one) are the
     * common ones: 16 bytes at a time, look only at the other leads. */
    for (; level >= KG_SIMD_SSE2 && i + 17 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        if (!kg_mask(v)) continue;
        __m128i next = _mm_loadu_si128((const __m128i *)(s + i + 1));
        unsigned check = kg_mask(_mm_andnot_si128(kg_syllable_leads(v, next), kg_ge_u8(v, 0xC0)));
        while (check) {
            size_t at = i + (size_t)__builtin_ctz(check);
            if (unsafe_at(f, s, at)) return at;
            check &= check - 1;
        }
    }
#endif
    /* step back to a character start for the scalar rest */
    while (i > 0 && i < len && (s[i] & 0xC0) == 0x80) i--;
    while (i < len) {
        if (s[i] < 0x80) { i++; continue; }
        if (i + 1 < len && kg_syllable_lead_at(s, i)) { i += 3; continue; }
        size_t cl;
        if (kg_fold_needs_icu(f, kg_decode(s + i, &cl))) return i;
        i += cl;
    }
    return len;
}

/* Appends the l bytes at s to out at *n; returns 0 when the key is full. */
static int put_bytes(char *out, size_t *n, const unsigned char *s, size_t l)
{
    if (*n + l > KG_KEY_MAX) return 0;
    for (size_t j = 0; j < l; j++) out[*n + j] = (char)s[j];
    *n += l;
    return 1;
}

/* Appends cp to out at *n; returns 0 when the key is full. */
static int put(char *out, size_t *n, uint32_t cp)
{
    unsigned char buf[4];
    return put_bytes(out, n, buf, kg_encode(cp, (char *)buf));
}

/* Is s its own key: ASCII that folding and spacing leave alone, and
 * Hangul syllables? Most forms are. */
static int is_own_key(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if ((c >= 'A' && c <= 'Z') || kg_is_blank(c) || c == '\n' ||
                c == '\r' || c == '-')
                return 0;
            i++;
            continue;
        }
        size_t cl;
        if (!kg_is_syllable(kg_decode(s + i, &cl))) return 0;
        i += cl;
    }
    return 1;
}

int kg_fold_key(const kg_fold *f, kg_norm *norm, const char *s, size_t len,
                char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    if (is_own_key(p, len)) {
        if (len > KG_KEY_MAX) return KG_ERR_TOO_LONG;
        memcpy(out, s, len);
        return (int)len;
    }
    if (kg_fold_first_unsafe(f, p, len) < len) {
        int rc = kg_normalize(norm, KG_NFKC_CASEFOLD, s, len);
        if (rc) return rc;
        p = (const unsigned char *)kg_norm_text(norm, &len);
    }
    size_t n = 0, i = 0;
    uint32_t prev = 0;     /* last character put, 0 at the start */
    int pending = 0, pending_hyphen = 0;
    while (i < len) {
        size_t cl;
        uint32_t raw = kg_decode(p + i, &cl), cp = kg_fold_char(raw);
        i += cl;
        /* newlines inside a form are blanks too */
        if (kg_is_blank(cp) || cp == '\n' || cp == '\r' || kg_is_hyphen(cp)) {
            pending = 1;
            pending_hyphen |= kg_is_hyphen(cp);
            continue;
        }
        if (pending && prev && !kg_sep_dropped(prev, cp, pending_hyphen))
            if (!put(out, &n, KG_KEY_SEP)) return KG_ERR_TOO_LONG;
        pending = pending_hyphen = 0;
        /* valid UTF-8 is the one encoding of its characters: a character
         * folding leaves alone is copied as it is */
        if (!(cp == raw ? put_bytes(out, &n, p + i - cl, cl) : put(out, &n, cp)))
            return KG_ERR_TOO_LONG;
        prev = cp;
    }
    return (int)n;
}
