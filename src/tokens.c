/*
 * Token starts for the matcher: a token is a run of characters other than
 * spaces, punctuation and symbols, and a walk of the automaton starts only
 * where one begins.
 *
 * Korean text is nearly all Hangul syllables and ASCII, so 64 bytes at a
 * time (two AVX2 or four SSE2 vectors) are sorted into "part of a break" or
 * not with a few compares or table look-ups; only the lead bytes of other
 * characters are decoded and looked up one by one.
 */
#include <string.h>
#include "glossary.h"
#include "cpu.h"
#include "sse.h"

int kg_token_break(uint32_t cp)
{
    kg_cclass c = kg_char_class(cp);
    return c == KG_C_SPACE || c == KG_C_PUNCT_SF || c == KG_C_PUNCT_SP ||
           c == KG_C_PUNCT_SS || c == KG_C_SYMBOL;
}

static int char_breaks(const unsigned char *s, size_t i, size_t *len)
{
    if (s[i] < 0x80) { *len = 1; return kg_ascii_breaks(s[i]); }
    uint32_t cp = kg_decode(s + i, len);
    return !kg_is_syllable(cp) && kg_token_break(cp);
}

/* Eojeols are short (about 10 bytes): a loop over characters, with
 * Hangul syllables told by one compare, beats classifying a 32-byte AVX2
 * vector here (measured: same cycles, more instructions). */
static size_t next_break_scalar(const unsigned char *s, size_t n, size_t i)
{
    size_t cl;
    while (i < n) {
        unsigned b = s[i];
        if (b < 0x80) {
            if (kg_ascii_breaks((unsigned char)b)) break;
            i++;
            continue;
        }
        /* Hangul syllables never break */
        if (kg_syllable_lead_at(s, i)) {
            i += 3;
            continue;
        }
        if (char_breaks(s, i, &cl)) break;
        i += cl;
    }
    return i;
}


/* ---- the break bytes of 64-byte blocks ----
 * Bit k of the result is set when byte p + k belongs to a character that
 * breaks tokens; *spill gets the bytes of such a character past the block
 * (bit 0 = byte p + 64). Bytes past n count as breaks. */

#define BLOCK 64
#define PADDED (BLOCK + 1) /* a vector of the bytes one further is read too */

/* Notes the character cp at i when it needs ICU folding: the text is
 * folded by table, so its line must be normalised first (match.c). */
static inline void note_unsafe(kg_tokens *t, size_t i, uint32_t cp)
{
    if (t->fold && t->unsafe > i && kg_fold_needs_icu(t->fold, cp)) t->unsafe = i;
}

/* Adds the bytes of the character at s[p + k] (a lead whose first byte
 * does not tell) to *brk and *spill when it breaks. */
static inline void add_slow(kg_tokens *t, size_t p, unsigned k,
                            uint64_t *brk, uint64_t *spill)
{
    size_t cl;
    uint32_t cp = kg_decode(t->s + p + k, &cl);
    note_unsafe(t, p + k, cp);
    if (kg_is_syllable(cp) || !kg_token_break(cp)) return;
    uint64_t bytes = (1ull << cl) - 1;
    *brk |= bytes << k;
    if (k + cl > BLOCK) *spill |= bytes >> (BLOCK - k);
}

static uint64_t breaks_scalar(kg_tokens *t, size_t p, uint64_t *spill, uint64_t *leads)
{
    const unsigned char *s = t->s;
    size_t n = t->n;
    uint64_t brk = 0;
    size_t end = n - p < BLOCK ? n - p : BLOCK;
    *spill = *leads = 0;
    for (unsigned k = 0; k < BLOCK; k++) {
        if (k >= end) { brk |= 1ull << k; continue; }
        unsigned char b = s[p + k];
        if (b < 0x80) { brk |= (uint64_t)kg_ascii_breaks(b) << k; continue; }
        if (b < 0xC0) continue;
        if (kg_syllable_lead_at(s, p + k)) *leads |= 1ull << k;
        else add_slow(t, p, k, &brk, spill);
    }
    return brk;
}

#ifdef KG_HAVE_SSE2
/* The block at p, or a copy of it with spaces after the end (breaks that
 * are never decoded) when fewer than PADDED bytes are left. */
static inline const unsigned char *block_bytes(const unsigned char *s, size_t p,
                                               size_t n, unsigned char *pad)
{
    if (n - p >= PADDED) return s + p;
    memset(pad, ' ', PADDED);
    memcpy(pad, s + p, n - p);
    return pad;
}

static uint64_t breaks_sse2(kg_tokens *t, size_t p, uint64_t *spill, uint64_t *leads)
{
    unsigned char pad[PADDED];
    const unsigned char *b = block_bytes(t->s, p, t->n, pad);
    uint64_t brk = 0, slow = 0, syl = 0;
    for (unsigned q = 0; q < BLOCK; q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(b + q));
        __m128i next = _mm_loadu_si128((const __m128i *)(b + q + 1));
        __m128i lower = _mm_or_si128(v, kg_splat(0x20));
        __m128i alnum = _mm_or_si128(kg_in_u8(lower, 'a', 'z'), kg_in_u8(v, '0', '9'));
        __m128i ascii = _mm_cmpgt_epi8(v, kg_splat(0xFF)); /* signed >= 0 */
        brk |= (uint64_t)kg_mask(_mm_andnot_si128(alnum, ascii)) << q;
        /* Hangul syllables never break; other leads are decided one by one */
        __m128i sl = kg_syllable_leads(v, next);
        syl |= (uint64_t)kg_mask(sl) << q;
        slow |= (uint64_t)kg_mask(_mm_andnot_si128(sl, kg_ge_u8(v, 0xC0))) << q;
    }
    *leads = syl;
    *spill = 0;
    for (; slow; slow &= slow - 1)
        add_slow(t, p, (unsigned)__builtin_ctzll(slow), &brk, spill);
    return brk;
}
#endif

#ifdef KG_HAVE_AVX2
static KG_AVX2 uint64_t breaks_avx2(kg_tokens *t, size_t p, uint64_t *spill, uint64_t *leads)
{
    unsigned char pad[PADDED];
    const unsigned char *b = block_bytes(t->s, p, t->n, pad);
    uint32_t slow0, slow1;
    __m256i v0 = _mm256_loadu_si256((const __m256i *)b);
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(b + 32));
    uint64_t brk = kg_avx2_classify(v0, _mm256_loadu_si256((const __m256i *)(b + 1)), &slow0);
    brk |= (uint64_t)kg_avx2_classify(v1, _mm256_loadu_si256((const __m256i *)(b + 33)),
                                      &slow1) << 32;
    uint64_t slow = slow0 | (uint64_t)slow1 << 32;
    /* the leads that are not slow are Hangul syllables */
    *leads = (kg_avx2_leads(v0) | (uint64_t)kg_avx2_leads(v1) << 32) & ~slow;
    *spill = 0;
    for (; slow; slow &= slow - 1)
        add_slow(t, p, (unsigned)__builtin_ctzll(slow), &brk, spill);
    return brk;
}
#endif

/* ---- token starts ---- */

/* One fill (kg_tokens.fill) per block classifier, each with it inlined:
 * scans blocks until one has a start; 0 at the end of the text. */
#define DEFINE_FILL(name, breaks, attr)                                       \
    static attr int name(kg_tokens *t)                                      \
    {                                                                       \
        while (!t->starts) {                                                \
            if (!t->fresh) t->block += BLOCK;                               \
            t->fresh = 0;                                                   \
            if (t->block >= t->n) return 0;                                 \
            uint64_t spill, leads;                                          \
            uint64_t brk = breaks(t, t->block, &spill, &leads) | t->spill;  \
            t->spill = spill;                                               \
            t->pairs = leads & (leads >> 3);                                \
            /* a start is a byte outside breaks right after one */          \
            t->starts = ~brk & ((brk << 1) | t->prev_break);                \
            t->prev_break = brk >> (BLOCK - 1);                             \
            if (t->skip > t->block)                                         \
                t->starts &= t->skip - t->block < BLOCK                     \
                                 ? ~0ull << (t->skip - t->block) : 0;       \
        }                                                                   \
        return 1;                                                           \
    }

DEFINE_FILL(fill_scalar, breaks_scalar, )
#ifdef KG_HAVE_SSE2
DEFINE_FILL(fill_sse2, breaks_sse2, )
#endif
#ifdef KG_HAVE_AVX2
DEFINE_FILL(fill_avx2, breaks_avx2, KG_AVX2)
#endif

void kg_tokens_init(kg_tokens *t, const unsigned char *s, size_t n, size_t from,
                    const kg_fold *fold)
{
    t->s = s;
    t->n = n;
    t->fold = fold;
    t->unsafe = SIZE_MAX;
    t->block = from;
    t->starts = 0;
    t->spill = 0;
    t->prev_break = 1;
    t->skip = 0;
    t->fresh = 1;
    switch (kg_simd_level()) {
#ifdef KG_HAVE_AVX2
    case KG_SIMD_AVX2: t->fill = fill_avx2; break;
#endif
#ifdef KG_HAVE_SSE2
    case KG_SIMD_SSE2: t->fill = fill_sse2; break;
#endif
    default: t->fill = fill_scalar; break;
    }
}

size_t kg_next_break(const unsigned char *s, size_t n, size_t i)
{
    return next_break_scalar(s, n, i);
}
