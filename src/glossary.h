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

/* Does a Hangul syllable surely start at s[i], told from its first two
 * bytes (EA B0 .. ED 9D; the last few syllables, under ED 9E, are not)?
 * s[i + 1] must be readable. */
static inline int kg_syllable_lead_at(const unsigned char *s, size_t i)
{
    unsigned b = s[i];
    return b - 0xEAu < 4 && ((b << 8) | s[i + 1]) - 0xEAB0u <= 0xED9Du - 0xEAB0u;
}

static inline int kg_fold_is_safe(const kg_fold *f, uint32_t cp)
{
    if (cp < 0x10000) return (f->safe[cp >> 3] >> (cp & 7)) & 1;
    return kg_fold_is_safe_slow(cp);
}

/* Does a text holding cp need ICU before it is matched? Hangul syllables,
 * the common case, are told without the table. */
static inline int kg_fold_needs_icu(const kg_fold *f, uint32_t cp)
{
    return !kg_is_syllable(cp) && !kg_fold_is_safe(f, cp);
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
 * code c is slot base(n) + c when that slot's label is c. Code points are
 * renumbered by frequency in the keys, so the common ones are small and the
 * array stays dense; a character in no key has code 0 and ends a walk.
 *
 * A label check is enough because no two nodes share a base: a slot's
 * label then tells which parent put it there. A unit holds the label, a
 * terminal bit and, when they fit in 32 bits, the base; a node with no
 * children gets a base whose slots are all free. Four bytes a slot keep
 * twice as much of a large glossary in cache as a base and a check would.
 * Only an automaton too large to pack (some million slots) keeps its bases
 * in an array of their own.
 */

#define KG_DAT_N_PAGES (0x110000u >> 8) /* kg_dat.pages: one per 256 code points */

typedef struct kg_dat {
    uint32_t *units;      /* label | terminal << label_bits [| base << shift] */
    uint32_t *bases;      /* the units when the bases are packed in them */
    uint32_t base_shift;  /* base of n: bases[n] >> base_shift */
    uint32_t label_mask;  /* the label bits; the next bit is the terminal */
    uint32_t *values;     /* value of each terminal slot */
    size_t n_slots;
    uint16_t *pages;      /* code point >> 8 -> block of 256 codes */
    uint16_t *blocks;     /* block 0 is all zeros */
    size_t n_blocks;
    uint32_t n_codes;
} kg_dat;

/* Builds the automaton of n distinct keys (UTF-8) with their values.
 * kg_dat_build_unpacked keeps the bases apart whatever the size (tests). */
int kg_dat_build(kg_dat *d, const char *const *keys, const uint32_t *lens,
                 const uint32_t *values, size_t n);
int kg_dat_build_unpacked(kg_dat *d, const char *const *keys, const uint32_t *lens,
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
    uint32_t c = (d->bases[node] >> d->base_shift) + code;
    return (d->units[c] & d->label_mask) == code ? (int32_t)c : -1;
}

static inline int kg_dat_is_terminal(const kg_dat *d, int32_t node)
{
    return (d->units[node] & (d->label_mask + 1)) != 0;
}

/* ---- token starts (tokens.c) ---------------------------------------------
 * Spaces, punctuation and symbols break tokens; a walk starts only at the
 * first character after a break (or at the start). Text must be valid
 * UTF-8 that ends at a character boundary. */

int kg_token_break(uint32_t cp);

/* kg_token_break of an ASCII byte (b < 0x80): all but letters and digits. */
static inline int kg_ascii_breaks(unsigned char b)
{
    return !((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') ||
             (b >= 'a' && b <= 'z'));
}
/* Is i the end of s[0, n) or an ASCII break (the common breaks, told
 * without decoding)? */
static inline int kg_at_ascii_break(const unsigned char *s, size_t n, size_t i)
{
    return i >= n || (s[i] < 0x80 && kg_ascii_breaks(s[i]));
}
/* The first break at or after i, or n. */
size_t kg_next_break(const unsigned char *s, size_t n, size_t i);
/* The same, for an i that is most often already at a break (after a hit
 * whose tail ran to its eojeol's end): that case without a call. */
static inline size_t kg_next_break_from(const unsigned char *s, size_t n, size_t i)
{
    return kg_at_ascii_break(s, n, i) ? i : kg_next_break(s, n, i);
}

typedef struct kg_tokens {
    const unsigned char *s;
    size_t n;
    size_t block;        /* start of the 64 bytes that starts covers */
    uint64_t starts;     /* token starts not yet returned, a bit per byte */
    uint64_t pairs;      /* two Hangul syllables start at the byte (both
                            leads in the block) */
    uint64_t spill;      /* break bytes of a character that ran past it */
    uint64_t prev_break; /* the byte before the block is part of a break */
    size_t skip;         /* starts before this are dropped when found */
    int fresh;           /* block is not scanned yet */
    const kg_fold *fold; /* NULL, or: note characters that need ICU */
    size_t unsafe;       /* the first such character seen, or SIZE_MAX */
    int (*fill)(struct kg_tokens *t); /* scans blocks until one has a start */
} kg_tokens;

/* Token starts of s[from, n), from at a character start after a break.
 * Every byte is sorted, in blocks that follow one another (skipping only
 * drops starts), so with fold the tokens also see every character that
 * fold does not handle (kg_fold_is_safe): the first one goes to unsafe. */
void kg_tokens_init(kg_tokens *t, const unsigned char *s, size_t n, size_t from,
                    const kg_fold *fold);

/* Takes all the token starts of the next block that has any, as bits
 * (bit k: byte *base + k); 0 at the end of the text. *pairs gets the
 * bytes of the block where two Hangul syllables start (kg_tokens.pairs). */
static inline uint64_t kg_tokens_take_block(kg_tokens *t, size_t *base, uint64_t *pairs)
{
    *pairs = 0;
    if (!t->starts && !t->fill(t)) return 0;
    uint64_t starts = t->starts;
    t->starts = 0;
    *base = t->block;
    *pairs = t->pairs;
    if (t->n - t->block < 64) starts &= (1ull << (t->n - t->block)) - 1;
    return starts;
}
/* Drops the starts before pos, which is a break or n: those of the block
 * now, those of later blocks when they are sorted. It follows every hit. */
static inline void kg_tokens_skip_to(kg_tokens *t, size_t pos)
{
    if (pos - t->block < 64 && !t->fresh) {
        t->starts &= ~0ull << (pos - t->block);
        return;
    }
    t->starts = 0;
    t->skip = pos;
}
/* kg_tokens_skip_to, and the same for starts taken from the block at base
 * (pos is at or after base). */
static inline void kg_tokens_skip_taken(kg_tokens *t, uint64_t *taken, size_t base,
                                        size_t pos)
{
    *taken = pos - base < 64 ? *taken & (~0ull << (pos - base)) : 0;
    kg_tokens_skip_to(t, pos);
}

/* ---- noun tails (noun_tails.c) -------------------------------------------
 * The surfaces of the tails a noun takes, as an automaton; a terminal's
 * value is the set of stem conditions (kg_cond_bit) one of its analyses
 * accepts. */

static inline uint32_t kg_cond_bit(int cond)
{
    return cond == KG_COND_ANY ? 0xFFu : 1u << (cond - 1);
}

int kg_noun_tails_build(kg_dat *d, const kg_tails *tails);
/* The automaton of kg_tails_shared()'s noun tails, built once per process
 * (never freed); NULL when out of memory. */
const kg_dat *kg_noun_tails_shared(void);

/* A packed automaton as constant arrays: the noun tails' one is written
 * at make time (tools/dump_noun_tails.c into build/noun_tails_data.c), so
 * that a process does not build it again. n_slots 0: none (the tool's own
 * link has an empty one and builds it). */
typedef struct kg_dat_image {
    const uint32_t *units, *values;
    const uint16_t *pages, *blocks;
    size_t n_slots, n_blocks;
    uint32_t base_shift, label_mask, n_codes;
} kg_dat_image;

extern const kg_dat_image kg_noun_tails_image;

/* ---- start filter (start_filter.c) -------------------------------------
 * Whether a token start whose first two characters are Hangul syllables
 * c1 c2 can begin a form: only if some form starts with c1 c2 or is c1
 * alone. "Yes" may be wrong (hashed), "no" never is. Both are asked on the
 * raw UTF-8 bytes: nearly every token start of Korean text is asked, and
 * decoding two characters cost more than the rest of the test. */

typedef struct kg_start_filter {
    uint64_t *pairs;     /* a bit per hashed pair (6 bytes of UTF-8) */
    uint32_t pair_shift; /* 64 - log2 of the number of bits */
    uint64_t solo[(1u << 14) / 64]; /* a bit per hashed syllable */
    int has_solo;        /* some form is one syllable */
} kg_start_filter;

/* From the keys of forms (folded; blanks next to Hangul dropped). */
int kg_start_filter_build(kg_start_filter *f, const kg_strset *forms);
void kg_start_filter_free(kg_start_filter *f);

/* Is the character whose first three bytes of UTF-8 are the low three of
 * bytes (b0 lowest) a Hangul syllable? UTF-8 keeps code point order, so one
 * range test on the big-endian bytes tells (EA B0 80 = U+AC00 to
 * ED 9E A3 = U+D7A3). */
static inline int kg_utf8_is_syllable(uint32_t bytes)
{
    uint32_t be = __builtin_bswap32(bytes) >> 8;
    return be - 0xEAB080u <= 0xED9EA3u - 0xEAB080u;
}

/* Bytes s[0..6) as a number, s[0] lowest, on any byte order, in one
 * load: s[6..8) must be readable too. */
static inline uint64_t kg_load_le6(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w & 0xFFFFFFFFFFFFull;
}

/* Are the six bytes w (kg_load_le6) two Hangul syllables? 1 or 0, with
 * no branch: the matcher asks it of every token start. */
static inline uint64_t kg_utf8_is_syllable_pair(uint64_t w)
{
    return (uint64_t)(kg_utf8_is_syllable((uint32_t)w) & kg_utf8_is_syllable((uint32_t)(w >> 24)));
}

static inline uint64_t kg_start_filter_slot(const kg_start_filter *f, uint64_t pair)
{
    return (pair * 0x9E3779B97F4A7C15ull) >> f->pair_shift;
}

static inline uint32_t kg_start_filter_solo_slot(uint64_t pair)
{
    return (uint32_t)(((pair & 0xFFFFFFu) * 0xC2B2AE3D27D4EB4Full) >> 50);
}

static inline int kg_start_filter_passes(const kg_start_filter *f, uint64_t pair)
{
    uint64_t k = kg_start_filter_slot(f, pair);
    int pass = (int)((f->pairs[k >> 6] >> (k & 63)) & 1);
    /* the same way at every start: a branch costs less than the test */
    if (f->has_solo) {
        uint32_t s = kg_start_filter_solo_slot(pair);
        pass |= (int)((f->solo[s >> 6] >> (s & 63)) & 1);
    }
    return pass;
}

/* ---- grow filter (grow_filter.c) ------------------------------------------
 * Whether a lexicon word may start with s[0, len): a stem and one syllable
 * after it that begins a noun tail (학습을 for a word 학습으... ). Only
 * then can a word that starts at an eojeol run past a term's end into its
 * tail. "Yes" may be wrong (a Bloom filter), "no" never is. */

typedef struct kg_grow_filter {
    uint64_t *words; /* two bits a key, in the word its hash picks */
    uint32_t mask;   /* words - 1 */
    size_t n_stems;  /* keys put in (with repeats) */
} kg_grow_filter;

/* From the words of lex that may continue a stem (KG_LEX_CONTINUES) and
 * the noun tails' automaton. Returns KG_OK or KG_ERR_NOMEM. */
int kg_grow_filter_build(kg_grow_filter *f, const kg_strset *lex, const kg_dat *noun_tails);
void kg_grow_filter_free(kg_grow_filter *f);
int kg_grow_filter_may_grow(const kg_grow_filter *f, const char *s, size_t len);

/* ---- automaton values (glossary.c) ----------------------------------------
 * A terminal's value is the entry its key belongs to, or KG_VALUE_NO_ENTRY
 * for a lexicon word that is no form; KG_VALUE_LEXWORD marks a key the
 * segmenter knows as a word (a lexicon word, or a form with Hangul). */

#define KG_VALUE_LEXWORD 0x80000000u
#define KG_VALUE_ENTRY 0x7FFFFFFFu
#define KG_VALUE_NO_ENTRY KG_VALUE_ENTRY

/* Lexicon words that may make a stem longer than a term ending inside
 * them: the matcher then asks the segmenter. */
#define KG_LEX_CONTINUES (KG_LEX_NOUN | KG_LEX_VERB | KG_LEX_ADVERB | KG_LEX_USER)

/* ---- what the matcher reads from a compiled glossary (glossary.c) ---- */

/* What the matcher asks of a Hangul syllable, side by side so that one
 * cache line answers a walk step and the boundary rules at that
 * syllable. */
typedef struct kg_syllable {
    uint16_t code;      /* kg_dat_code in the forms' automaton, 0: none */
    uint8_t noun_tail;  /* the stem conditions (kg_cond_bit) under which
                           the syllable alone is a noun tail, 0: never */
    uint8_t conds;      /* the conditions it meets as a stem's last syllable */
} kg_syllable;

typedef struct kg_glossary_view {
    const kg_fold *fold;
    const kg_dat *dat;            /* the forms (and words past them) */
    const kg_syllable *syllables; /* by code point - KG_HANGUL_FIRST */
    const kg_start_filter *starts;
    const kg_dat *noun_tails;
    const kg_grow_filter *grow;   /* for longer_word after a blank */
    uint32_t sep_code;            /* kg_dat_code of KG_KEY_SEP */
    const kg_segmenter *seg;  /* knows every Hangul form as a stem */
    uint64_t id;              /* unique per compilation, for caches */
} kg_glossary_view;

/* Sets the message kg_glossary_error() returns; returns code. */
int kg_glossary_set_error(kg_glossary *g, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Compiles g if needed and fills v. */
int kg_glossary_view_get(kg_glossary *g, kg_glossary_view *v);

#endif
