/* Small SSE2 and AVX2 helpers for the byte scanners (utf8.c, fold.c,
 * tokens.c). SSE2 is part of x86-64, so no run-time check is needed; other
 * targets use the scalar loops. AVX2 code is compiled for its own functions
 * (KG_AVX2) and run only when the CPU has it (cpu.h). */
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

/* AVX2 for single functions: GCC and Clang on x86 compile them with
 * target("avx2") whatever the command line says. */
#if defined(KG_HAVE_SSE2) && defined(__GNUC__) && \
    (defined(__x86_64__) || defined(__i386__)) && !defined(KG_NO_AVX2)
#include <stdint.h>
#include <immintrin.h>
#define KG_HAVE_AVX2 1
#define KG_AVX2 __attribute__((target("avx2")))

static inline KG_AVX2 __m256i kg_splat32(unsigned char c) { return _mm256_set1_epi8((char)c); }

/* Sorts the 32 bytes of v (next: the bytes one further) for the token
 * scanner and the folding check, with two nibble look-ups. Returns the
 * ASCII bytes that are not letters or digits; *slow gets the lead bytes of
 * characters that may be other than Hangul syllables (all leads but EB,
 * EC, EA B0.., ED ..9D), to be decoded one by one. */
static inline KG_AVX2 uint32_t kg_avx2_classify(__m256i v, __m256i next, uint32_t *slow)
{
    /* bits: 01 digit (3x, x <= 9), 02 letter (4x 6x, x >= 1), 04 letter
     * (5x 7x, x <= A), 08 lead C0..DF or F0..FF, 10 E0..E9 EE EF,
     * 20 EA, 40 ED; EB, EC, continuations and other ASCII get none */
    const __m256i by_hi = _mm256_setr_epi8(
        0, 0, 0, 0x01, 0x02, 0x04, 0x02, 0x04, 0, 0, 0, 0, 0x08, 0x08, 0x70, 0x08,
        0, 0, 0, 0x01, 0x02, 0x04, 0x02, 0x04, 0, 0, 0, 0, 0x08, 0x08, 0x70, 0x08);
    const __m256i by_lo = _mm256_setr_epi8(
        0x1D, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x2E, 0x0A, 0x0A, 0x4A, 0x1A, 0x1A,
        0x1D, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x2E, 0x0A, 0x0A, 0x4A, 0x1A, 0x1A);
    const __m256i low4 = kg_splat32(0x0F), zero = _mm256_setzero_si256();
    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low4);
    __m256i r = _mm256_and_si256(_mm256_shuffle_epi8(by_hi, hi),
                                 _mm256_shuffle_epi8(by_lo, _mm256_and_si256(v, low4)));
    __m256i other = _mm256_cmpgt_epi8(_mm256_and_si256(r, kg_splat32(0x18)), zero);
    /* next is a continuation byte: signed compares order them */
    __m256i ea = _mm256_and_si256(_mm256_cmpeq_epi8(r, kg_splat32(0x20)),
                                  _mm256_cmpgt_epi8(kg_splat32(0xB0), next));
    __m256i ed = _mm256_and_si256(_mm256_cmpeq_epi8(r, kg_splat32(0x40)),
                                  _mm256_cmpgt_epi8(next, kg_splat32(0x9D)));
    *slow = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(other, _mm256_or_si256(ea, ed)));
    uint32_t none = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(r, zero));
    return none & ~(uint32_t)_mm256_movemask_epi8(v);
}

/* The lead bytes (C0..FF) among the 32 of v. */
static inline KG_AVX2 uint32_t kg_avx2_leads(__m256i v)
{
    /* signed: C0..FF are -64..-1 */
    __m256i lead = _mm256_cmpgt_epi8(v, kg_splat32(0xBF));
    return (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(lead, v));
}
#endif

#endif
