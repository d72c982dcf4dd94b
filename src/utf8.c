/* UTF-8 validation and encoding. */
#include <string.h>
#include "internal.h"
#include "cpu.h"
#include "sse.h"

/* Reads 8 bytes without alignment assumptions (the compiler emits one load). */
static uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static int check_scalar(const unsigned char *s, size_t i, size_t len,
                        int reject_nul, size_t *error_offset);

#ifdef KG_HAVE_SSE2
/* good is the end of bytes found valid: a sequence that starts in the last
 * 3 may run past it, so the scalar loop checks it again from its lead. */
static size_t back_to_lead(const unsigned char *s, size_t good)
{
    for (size_t back = 1; back <= 3 && back <= good; back++) {
        unsigned char c = s[good - back];
        if (c >= 0xC0) return good - back;
        if (c < 0x80) break;
    }
    return good;
}

/* 16 bytes at a time: every continuation byte must be one that a lead byte
 * 1-3 places before asks for, and no other byte may be one; the overlong
 * and surrogate cases are the bytes right after E0, ED, F0, F4. Returns
 * how far the text is known to be valid, at a character start; the scalar
 * loop checks the rest and finds the exact offset of an error. */
static size_t check_blocks(const unsigned char *s, size_t len, int reject_nul)
{
    size_t i = 0, good = 0;
    __m128i prev = _mm_setzero_si128();
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned high = kg_mask(v);
        /* all ASCII, and no sequence from the last block runs into it */
        if (!high && !kg_mask(_mm_srli_si128(kg_ge_u8(prev, 0xC0), 13))) {
            if (reject_nul && kg_mask(kg_eq_u8(v, 0))) break;
            prev = v;
            good = i + 16;
            continue;
        }
        __m128i cont = kg_in_u8(v, 0x80, 0xBF);
        __m128i lead2 = kg_ge_u8(v, 0xC0);   /* any lead: needs byte +1 */
        __m128i lead3 = kg_ge_u8(v, 0xE0);   /* needs +2 */
        __m128i lead4 = kg_ge_u8(v, 0xF0);   /* needs +3 */
        __m128i plead2 = kg_ge_u8(prev, 0xC0), plead3 = kg_ge_u8(prev, 0xE0),
                plead4 = kg_ge_u8(prev, 0xF0);
        __m128i need = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_slli_si128(lead2, 1), _mm_srli_si128(plead2, 15)),
                         _mm_or_si128(_mm_slli_si128(lead3, 2), _mm_srli_si128(plead3, 14))),
            _mm_or_si128(_mm_slli_si128(lead4, 3), _mm_srli_si128(plead4, 13)));
        __m128i bad = _mm_xor_si128(need, cont);
        bad = _mm_or_si128(bad, kg_in_u8(v, 0xC0, 0xC1));
        bad = _mm_or_si128(bad, kg_ge_u8(v, 0xF5));
        /* the byte after E0/F0 has a lower bound, after ED/F4 an upper one */
        __m128i after_e0 = _mm_or_si128(_mm_slli_si128(kg_eq_u8(v, 0xE0), 1), _mm_srli_si128(kg_eq_u8(prev, 0xE0), 15));
        __m128i after_ed = _mm_or_si128(_mm_slli_si128(kg_eq_u8(v, 0xED), 1), _mm_srli_si128(kg_eq_u8(prev, 0xED), 15));
        __m128i after_f0 = _mm_or_si128(_mm_slli_si128(kg_eq_u8(v, 0xF0), 1), _mm_srli_si128(kg_eq_u8(prev, 0xF0), 15));
        __m128i after_f4 = _mm_or_si128(_mm_slli_si128(kg_eq_u8(v, 0xF4), 1), _mm_srli_si128(kg_eq_u8(prev, 0xF4), 15));
        bad = _mm_or_si128(bad, _mm_and_si128(after_e0, kg_le_u8(v, 0x9F)));
        bad = _mm_or_si128(bad, _mm_and_si128(after_ed, kg_ge_u8(v, 0xA0)));
        bad = _mm_or_si128(bad, _mm_and_si128(after_f0, kg_le_u8(v, 0x8F)));
        bad = _mm_or_si128(bad, _mm_and_si128(after_f4, kg_ge_u8(v, 0x90)));
        if (reject_nul) bad = _mm_or_si128(bad, kg_eq_u8(v, 0));
        if (kg_mask(bad)) break;
        prev = v;
        good = i + 16;
    }
    return back_to_lead(s, good);
}
#endif

#ifdef KG_HAVE_AVX2
/* 32 bytes at a time, by three table look-ups per byte: the high and low
 * nibble of the byte before and the high nibble of the byte itself each
 * give the set of errors (one per bit) that pair of bytes could be; their
 * intersection is the errors it is. A continuation byte after another is
 * right only where a lead 2 or 3 bytes back asks for it (bit 0x80, XOR).
 * Returns how far the text is known to be valid, as check_blocks does. */
#define U8_SHORT 0x01     /* a lead, then no continuation */
#define U8_LONG 0x02      /* ASCII, then a continuation */
#define U8_OVER2 0x04     /* C0 C1 */
#define U8_OVER3 0x08     /* E0 80..9F */
#define U8_SURR 0x10      /* ED A0..BF */
#define U8_LARGE 0x20     /* F4..FF 90..BF */
#define U8_OVER4 0x40     /* F0 80..8F, and F5..FF 80..8F */
#define U8_CONTS 0x80     /* a continuation, then another */
#define U8_ALL_LO (U8_SHORT | U8_LONG | U8_CONTS) /* not decided by the low nibble */

static KG_AVX2 size_t check_blocks_avx2(const unsigned char *s, size_t len, int reject_nul)
{
#define X2(...) __VA_ARGS__, __VA_ARGS__ /* the same table in both lanes */
    const __m256i by_prev_hi = _mm256_setr_epi8(X2(
        U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG,
        (char)U8_CONTS, (char)U8_CONTS, (char)U8_CONTS, (char)U8_CONTS,
        U8_SHORT | U8_OVER2, U8_SHORT, U8_SHORT | U8_OVER3 | U8_SURR,
        U8_SHORT | U8_LARGE | U8_OVER4));
    const __m256i by_prev_lo = _mm256_setr_epi8(X2(
        (char)(U8_ALL_LO | U8_OVER2 | U8_OVER3 | U8_OVER4), (char)(U8_ALL_LO | U8_OVER2),
        (char)U8_ALL_LO, (char)U8_ALL_LO, (char)(U8_ALL_LO | U8_LARGE),
        (char)(U8_ALL_LO | U8_LARGE | U8_OVER4), (char)(U8_ALL_LO | U8_LARGE | U8_OVER4),
        (char)(U8_ALL_LO | U8_LARGE | U8_OVER4), (char)(U8_ALL_LO | U8_LARGE | U8_OVER4),
        (char)(U8_ALL_LO | U8_LARGE | U8_OVER4), (char)(U8_ALL_LO | U8_LARGE | U8_OVER4),
        (char)(U8_ALL_LO | U8_LARGE | U8_OVER4), (char)(U8_ALL_LO | U8_LARGE | U8_OVER4),
        (char)(U8_ALL_LO | U8_LARGE | U8_OVER4 | U8_SURR),
        (char)(U8_ALL_LO | U8_LARGE | U8_OVER4), (char)(U8_ALL_LO | U8_LARGE | U8_OVER4)));
    const __m256i by_hi = _mm256_setr_epi8(X2(
        U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT,
        (char)(U8_LONG | U8_OVER2 | U8_OVER3 | U8_OVER4 | U8_CONTS),
        (char)(U8_LONG | U8_OVER2 | U8_OVER3 | U8_LARGE | U8_CONTS),
        (char)(U8_LONG | U8_OVER2 | U8_SURR | U8_LARGE | U8_CONTS),
        (char)(U8_LONG | U8_OVER2 | U8_SURR | U8_LARGE | U8_CONTS),
        U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT));
#undef X2
    const __m256i low4 = kg_splat32(0x0F), top = kg_splat32(0x80),
                  zero = _mm256_setzero_si256();
    __m256i prev = zero;
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        /* the bytes 1, 2 and 3 places before each byte */
        __m256i joint = _mm256_permute2x128_si256(prev, v, 0x21);
        __m256i prev1 = _mm256_alignr_epi8(v, joint, 15);
        __m256i prev2 = _mm256_alignr_epi8(v, joint, 14);
        __m256i prev3 = _mm256_alignr_epi8(v, joint, 13);
        __m256i err = _mm256_and_si256(
            _mm256_and_si256(
                _mm256_shuffle_epi8(by_prev_hi, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low4)),
                _mm256_shuffle_epi8(by_prev_lo, _mm256_and_si256(prev1, low4))),
            _mm256_shuffle_epi8(by_hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4)));
        /* top bit: E0.. two back or F0.. three back */
        __m256i must = _mm256_or_si256(_mm256_subs_epu8(prev2, kg_splat32(0xE0 - 0x80)),
                                       _mm256_subs_epu8(prev3, kg_splat32(0xF0 - 0x80)));
        err = _mm256_xor_si256(err, _mm256_and_si256(must, top));
        if (reject_nul) err = _mm256_or_si256(err, _mm256_cmpeq_epi8(v, zero));
        if (!_mm256_testz_si256(err, err)) break;
        prev = v;
    }
    return back_to_lead(s, i);
}
#endif

int kg_utf8_check(const char *text, size_t len, int reject_nul,
                  size_t *error_offset)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t start = 0;
    switch (kg_simd_level()) {
#ifdef KG_HAVE_AVX2
    case KG_SIMD_AVX2: start = check_blocks_avx2(s, len, reject_nul); break;
#endif
#ifdef KG_HAVE_SSE2
    case KG_SIMD_SSE2: start = check_blocks(s, len, reject_nul); break;
#endif
    default: break;
    }
    return check_scalar(s, start, len, reject_nul, error_offset);
}

/* Checks s[i, len), i at a character start. */
static int check_scalar(const unsigned char *s, size_t i, size_t len,
                        int reject_nul, size_t *error_offset)
{
    while (i < len) {
        /* ASCII fast path: 8 bytes at a time while none has the top bit. */
        while (i + 8 <= len && !(load64(s + i) & 0x8080808080808080ull)) {
            if (reject_nul) {
                uint64_t v = load64(s + i);
                /* classic "has zero byte" test */
                if ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull)
                    break;
            }
            i += 8;
        }
        if (i >= len) break;
        unsigned c = s[i];
        /* three-byte fast path (Hangul and most CJK): E1..EC and EE..EF
         * take any two continuation bytes */
        if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && len - i > 2 &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t need;
        uint32_t min, cp;
        if (c < 0x80) {
            if (c == 0 && reject_nul) goto nul;
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1; min = 0x80; cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; min = 0x800; cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; min = 0x10000; cp = c & 0x07;
        } else {
            goto bad;
        }
        if (len - i <= need) goto bad;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return KG_OK;
bad:
    if (error_offset) *error_offset = i;
    return KG_ERR_UTF8;
nul:
    if (error_offset) *error_offset = i;
    return KG_ERR_NUL;
}

size_t kg_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
