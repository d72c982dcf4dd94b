/*
 * Token starts for the matcher: a token is a run of characters other than
 * spaces, punctuation and symbols, and a walk of the automaton starts only
 * where one begins.
 *
 * Korean text is nearly all Hangul syllables and ASCII, so 16 bytes at a
 * time are sorted into "part of a break" or not with a few compares; only
 * the lead bytes of other characters are decoded and looked up one by one.
 */
#include <string.h>
#include "glossary.h"
#include "sse.h"

int kg_token_break(uint32_t cp)
{
    kg_cclass c = kg_char_class(cp);
    return c == KG_C_SPACE || c == KG_C_PUNCT_SF || c == KG_C_PUNCT_SP ||
           c == KG_C_PUNCT_SS || c == KG_C_SYMBOL;
}

/* ASCII bytes that end a token: everything but letters and digits. */
static int ascii_breaks(unsigned char b)
{
    return !((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') ||
             (b >= 'a' && b <= 'z'));
}

static int char_breaks(const unsigned char *s, size_t i, size_t *len)
{
    if (s[i] < 0x80) { *len = 1; return ascii_breaks(s[i]); }
    uint32_t cp = kg_decode(s + i, len);
    return !kg_is_syllable(cp) && kg_token_break(cp);
}

size_t kg_next_break(const unsigned char *s, size_t n, size_t i)
{
    size_t cl;
    while (i < n) {
        unsigned char b = s[i];
        if (b == 0xEB || b == 0xEC) { i += 3; continue; } /* Hangul only */
        if (char_breaks(s, i, &cl)) break;
        i += cl;
    }
    return i;
}

/* Bit k set when byte p + k belongs to a character that breaks tokens;
 * bits from 16 up are bytes of such a character past the block. */
static uint32_t block_breaks(const unsigned char *s, size_t p, size_t n)
{
    uint32_t brk = 0;
#ifdef KG_HAVE_SSE2
    unsigned char pad[17];
    const unsigned char *b = s + p;
    if (n - p < 17) {
        /* spaces after the end: breaks, never decoded */
        memset(pad, ' ', sizeof pad);
        memcpy(pad, b, n - p);
        b = pad;
    }
    __m128i v = _mm_loadu_si128((const __m128i *)b);
    __m128i next = _mm_loadu_si128((const __m128i *)(b + 1));
    __m128i lower = _mm_or_si128(v, kg_splat(0x20));
    __m128i alnum = _mm_or_si128(kg_in_u8(lower, 'a', 'z'), kg_in_u8(v, '0', '9'));
    __m128i ascii = _mm_cmpgt_epi8(v, kg_splat(0xFF)); /* signed >= 0 */
    brk = kg_mask(_mm_andnot_si128(alnum, ascii));
    /* Hangul syllables never break; other leads are decided one by one */
    unsigned slow = kg_mask(_mm_andnot_si128(kg_syllable_leads(v, next), kg_ge_u8(v, 0xC0)));
    while (slow) {
        unsigned k = (unsigned)__builtin_ctz(slow);
        slow &= slow - 1;
        size_t cl;
        if (char_breaks(s, p + k, &cl)) brk |= ((1u << cl) - 1) << k;
    }
#else
    size_t end = n - p < 16 ? n - p : 16;
    for (size_t k = 0; k < 16; k++) {
        if (k >= end) { brk |= 1u << k; continue; }
        if ((s[p + k] & 0xC0) == 0x80) continue;
        size_t cl;
        if (char_breaks(s, p + k, &cl)) brk |= ((1u << cl) - 1) << k;
    }
#endif
    return brk;
}

void kg_tokens_init(kg_tokens *t, const unsigned char *s, size_t n, size_t from)
{
    t->s = s;
    t->n = n;
    t->block = from;
    t->starts = 0;
    t->spill = 0;
    t->prev_break = 1;
    t->fresh = 1;
}

int kg_tokens_fill(kg_tokens *t)
{
    while (!t->starts) {
        if (!t->fresh) t->block += 16;
        t->fresh = 0;
        if (t->block >= t->n) return 0;
        uint32_t brk = block_breaks(t->s, t->block, t->n) | t->spill;
        t->spill = brk >> 16;
        brk &= 0xFFFF;
        /* a start is a byte outside breaks right after one */
        t->starts = ~brk & ((brk << 1) | t->prev_break) & 0xFFFF;
        t->prev_break = (brk >> 15) & 1;
    }
    return 1;
}

void kg_tokens_skip_to(kg_tokens *t, size_t pos)
{
    if (pos < t->block + 16 && !t->fresh) {
        if (pos > t->block) t->starts &= ~0u << (pos - t->block);
        return;
    }
    if (pos <= t->block) return;
    /* pos is a break (or the end): what came before does not matter */
    t->block = pos;
    t->starts = 0;
    t->spill = 0;
    t->prev_break = 0;
    t->fresh = 1;
}
