/* Small SSE2 helpers for the byte scanners (utf8.c, fold.c, match.c).
 * SSE2 is part of x86-64, so no run-time check is needed; other targets
 * use the scalar loops. */
#ifndef KG_SSE_H
#define KG_SSE_H

#if defined(__SSE2__)
#include <emmintrin.h>
#define KG_HAVE_SSE2 1

static inline __m128i kg_splat(unsigned char c) { return _mm_set1_epi8((char)c); }

/* Unsigned byte comparisons (SSE2 only compares signed bytes). */
static inline __m128i kg_ge_u8(__m128i v, unsigned char c)
{
    return _mm_cmpeq_epi8(_mm_max_epu8(v, kg_splat(c)), v);
}
static inline __m128i kg_le_u8(__m128i v, unsigned char c)
{
    return _mm_cmpeq_epi8(_mm_min_epu8(v, kg_splat(c)), v);
}
static inline __m128i kg_in_u8(__m128i v, unsigned char lo, unsigned char hi)
{
    return _mm_and_si128(kg_ge_u8(v, lo), kg_le_u8(v, hi));
}
static inline __m128i kg_eq_u8(__m128i v, unsigned char c)
{
    return _mm_cmpeq_epi8(v, kg_splat(c));
}
static inline unsigned kg_mask(__m128i m) { return (unsigned)_mm_movemask_epi8(m); }

/* Lead bytes in v that surely start a Hangul syllable (U+AC00..U+D75F:
 * EB and EC leads, EA with B0.. next, ED with ..9D next), given next, the
 * bytes one further. The last few syllables, under ED 9E, share their
 * second byte with other characters and are left to the caller. */
static inline __m128i kg_syllable_leads(__m128i v, __m128i next)
{
    return _mm_or_si128(
        kg_in_u8(v, 0xEB, 0xEC),
        _mm_or_si128(_mm_and_si128(kg_eq_u8(v, 0xEA), kg_ge_u8(next, 0xB0)),
                     _mm_and_si128(kg_eq_u8(v, 0xED), kg_le_u8(next, 0x9D))));
}
#endif

#endif
