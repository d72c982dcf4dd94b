/* Internal pieces of the glossary matcher: how forms are folded into keys
 * (fold.c), the double-array automaton (dat.c) and the glossary object the
 * matcher reads (glossary.c, match.c). Not part of the public API. */
#ifndef KG_GLOSSARY_H
#define KG_GLOSSARY_H

#include "internal.h"

/* ---- folding (fold.c) ----------------------------------------------------
 *
 * Forms and texts are compared after NFKC case folding. Almost every
 * character of real text folds to itself, or is ASCII or full-width ASCII,
 * which the matcher folds itself; such a text is walked in place. A text
 * with anything else (decomposed Hangul, accents, ligatures) is normalised
 * first and its hits mapped back to the original bytes.
 *
 * A key is the folded form with spacing made canonical: whitespace touching
 * a Hangul syllable disappears (강화 학습 = 강화학습), any other run of
 * spaces and hyphens becomes one KG_KEY_SEP (self-attention = self attention).
 */

#define KG_KEY_SEP ' '
#define KG_KEY_MAX 1024 /* bytes of a form, folded */

typedef struct kg_fold {
    /* bit per BMP code point: folds to itself and never merges with a
     * neighbour under NFKC_Casefold, or is one we fold ourselves */
    uint8_t safe[0x10000 / 8];
} kg_fold;

int kg_fold_init(kg_fold *f);
int kg_fold_is_safe_slow(uint32_t cp); /* outside the BMP: asks ICU */

static inline int kg_fold_is_safe(const kg_fold *f, uint32_t cp)
{
    if (cp < 0x10000) return (f->safe[cp >> 3] >> (cp & 7)) & 1;
    return kg_fold_is_safe_slow(cp);
}

/* Case and width folding of a safe character. */
static inline uint32_t kg_fold_char(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0; /* full-width ASCII */
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    return cp;
}

/* Characters that separate words inside a form: blanks and hyphens. */
static inline int kg_is_blank(uint32_t cp) { return cp == ' ' || cp == '\t'; }
static inline int kg_is_hyphen(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2013) || cp == 0x2212 ||
           cp == 0xFE63 || cp == 0xFF0D;
}

/* A run of separators between prev and next (0 at either end) is dropped
 * when it is only blanks and touches Hangul; otherwise it is one SEP. */
static inline int kg_sep_dropped(uint32_t prev, uint32_t next, int has_hyphen)
{
    return !has_hyphen && (kg_is_syllable(prev) || kg_is_syllable(next));
}

/* Offset of the first character that is not safe, or len. */
size_t kg_fold_first_unsafe(const kg_fold *f, const unsigned char *s,
                            size_t len);

/* Folds form s[0..len) (valid UTF-8) into its key in out (KG_KEY_MAX
 * bytes). norm is scratch for forms that need ICU. Returns the key length
 * (0 for a form with no letters, e.g. "--") or a negative code. */
int kg_fold_key(const kg_fold *f, kg_norm *norm, const char *s, size_t len,
                char *out);

/* ---- double-array automaton (dat.c) --------------------------------------
 *
 * A trie over code points, stored as a double array: the child of node n on
 * code c is slot base[n] + c when check[that slot] is n. Code points are
 * renumbered by frequency in the keys, so the common ones are small and the
 * array stays dense; a character in no key has code 0 and ends a walk.
 */

#define KG_DAT_TERMINAL 0x80000000u /* check bit: a key ends at this node */
#define KG_DAT_PARENT 0x7FFFFFFFu

typedef struct kg_dat_slot {
    int32_t base;
    uint32_t check; /* parent | KG_DAT_TERMINAL; KG_DAT_PARENT when free */
} kg_dat_slot;

typedef struct kg_dat {
    kg_dat_slot *slots;
    uint32_t *values;   /* value of each terminal slot */
    size_t n_slots;
    uint16_t *pages;    /* code point >> 8 -> block of 256 codes */
    uint16_t *blocks;   /* block 0 is all zeros */
    size_t n_blocks;
    uint32_t n_codes;
} kg_dat;

/* Builds the automaton of n distinct keys (UTF-8) with their values. */
int kg_dat_build(kg_dat *d, const char *const *keys, const uint32_t *lens,
                 const uint32_t *values, size_t n);
void kg_dat_free(kg_dat *d);

static inline uint32_t kg_dat_code(const kg_dat *d, uint32_t cp)
{
    return d->blocks[((size_t)d->pages[cp >> 8] << 8) | (cp & 0xFFu)];
}

/* Child of node on code (>= 1), or -1. The array is padded so that
 * base + code is always inside it. */
static inline int32_t kg_dat_child(const kg_dat *d, int32_t node, uint32_t code)
{
    int32_t c = d->slots[node].base + (int32_t)code;
    return (d->slots[c].check & KG_DAT_PARENT) == (uint32_t)node ? c : -1;
}

static inline int kg_dat_is_terminal(const kg_dat *d, int32_t node)
{
    return (d->slots[node].check & KG_DAT_TERMINAL) != 0;
}

/* ---- prefix filter (glossary.c) ----------------------------------------
 * A bit per hash of every proper prefix of a lexicon word: "no bit" means
 * no word of the lexicon continues this stem. */

#define KG_PREFIX_BITS (1u << 22)

static inline uint32_t kg_prefix_hash(const char *s, size_t n)
{
    return kg_hash_bytes(s, n) & (KG_PREFIX_BITS - 1);
}

static inline int kg_prefix_filter_has(const uint8_t *bits, const char *s, size_t n)
{
    uint32_t h = kg_prefix_hash(s, n);
    return (bits[h >> 3] >> (h & 7)) & 1;
}

/* ---- what the matcher reads from a compiled glossary (glossary.c) ---- */

typedef struct kg_glossary_view {
    const kg_fold *fold;
    const kg_dat *dat;
    const kg_segmenter *seg;  /* knows every Hangul form as a stem */
    const uint8_t *prefixes;  /* prefix filter of seg's lexicon */
    uint64_t id;              /* unique per compilation, for caches */
} kg_glossary_view;

/* Sets the message kg_glossary_error() returns; returns code. */
int kg_glossary_set_error(kg_glossary *g, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Compiles g if needed and fills v. */
int kg_glossary_view_get(kg_glossary *g, kg_glossary_view *v);

#endif
