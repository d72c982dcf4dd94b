/* Folding forms and texts for matching: NFKC case folding, with the common
 * characters done by table and the rest by ICU (see glossary.h). */
#include <string.h>
#include <unicode/unorm2.h>
#include "glossary.h"

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

size_t kg_fold_first_unsafe(const kg_fold *f, const unsigned char *s,
                            size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) { i++; continue; }
        size_t cl;
        uint32_t cp = kg_decode(s + i, &cl);
        if (!kg_is_syllable(cp) && !kg_fold_is_safe(f, cp)) return i;
        i += cl;
    }
    return len;
}

/* Appends cp to out at *n; returns 0 when the key is full. */
static int put(char *out, size_t *n, uint32_t cp)
{
    char buf[4];
    size_t l = kg_encode(cp, buf);
    if (*n + l > KG_KEY_MAX) return 0;
    memcpy(out + *n, buf, l);
    *n += l;
    return 1;
}

int kg_fold_key(const kg_fold *f, kg_norm *norm, const char *s, size_t len,
                char *out)
{
    const unsigned char *p = (const unsigned char *)s;
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
        uint32_t cp = kg_fold_char(kg_decode(p + i, &cl));
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
        if (!put(out, &n, cp)) return KG_ERR_TOO_LONG;
        prev = cp;
    }
    return (int)n;
}
