/* Declarations shared by the C sources; not part of the public API. */
#ifndef KG_INTERNAL_H
#define KG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "kogloss.h"

/* ---- UTF-8 (utf8.c) ---- */

/* Decodes one code point of valid UTF-8 at s (n >= 1 bytes left); *len gets
 * its byte length. Only for text that kg_utf8_check accepted. */
static inline uint32_t kg_decode(const unsigned char *s, size_t *len)
{
    unsigned c = s[0];
    if (c < 0x80) { *len = 1; return c; }
    if (c < 0xE0) { *len = 2; return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu); }
    if (c < 0xF0) {
        *len = 3;
        return ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    *len = 4;
    return ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
           ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* Writes cp as UTF-8 into out (room for 4 bytes); returns the length. */
size_t kg_encode(uint32_t cp, char *out);

/* ---- growable arrays (grow.c) ---- */

/* Makes room for need items of item_size in *items (capacity *cap),
 * doubling from first_cap. Returns KG_OK or KG_ERR_NOMEM (then *items is
 * unchanged). KG_GROW tests the room inline: it is asked per part and
 * per character in the segmenter's loops. */
int kg_grow(void **items, size_t *cap, size_t need, size_t item_size,
            size_t first_cap);
/* kg_grow for an array that may reach many megabytes (the matcher's
 * hits): from 4 MB on it lives in a mapping of its own, aligned for
 * transparent huge pages, so that filling it takes a page fault per 2 MB
 * instead of per 4 KB (32 MB of hits: 26 -> 10 ms, measured). *mapped is
 * the mapping's size, 0 while the array is malloc'd; release it with
 * kg_grow_large_free. Elsewhere than Linux, kg_grow and free. */
int kg_grow_large(void **items, size_t *cap, size_t need, size_t item_size,
                  size_t first_cap, size_t *mapped);
void kg_grow_large_free(void *items, size_t mapped);
#define KG_GROW(arr, cap, need, first)                                \
    ((size_t)(need) <= (cap) ? KG_OK                                  \
                             : kg_grow((void **)&(arr), &(cap), (need), \
                                       sizeof *(arr), (first)))

/* ---- files (readfile.c) ---- */

/* Reads all of path into *data (malloc'd and NUL-terminated at *len).
 * Returns KG_OK, KG_ERR_IO or KG_ERR_NOMEM; *why then says what failed. */
int kg_read_file(const char *path, char **data, size_t *len, const char **why);

/* ---- normalisation (normalize.c) ---- */

/* True when the last kg_normalize() changed nothing: offsets need no map. */
int kg_norm_is_identity(const kg_norm *norm);

/* ---- Hangul ---- */

#define KG_HANGUL_FIRST 0xAC00u
#define KG_HANGUL_LAST 0xD7A3u

static inline int kg_is_syllable(uint32_t cp)
{
    return cp >= KG_HANGUL_FIRST && cp <= KG_HANGUL_LAST;
}

/* Final consonant (jongseong) index of a syllable: 0 = none, 8 = ㄹ. */
static inline unsigned kg_jong(uint32_t syl)
{
    return (syl - KG_HANGUL_FIRST) % 28u;
}

/* Initial consonant (choseong) index: 0 = ㄱ, 11 = ㅇ, ... */
static inline unsigned kg_cho(uint32_t syl)
{
    return (syl - KG_HANGUL_FIRST) / (21u * 28u);
}

/* Medial vowel (jungseong) index: 0 = ㅏ, 8 = ㅗ, ... */
static inline unsigned kg_jung(uint32_t syl)
{
    return ((syl - KG_HANGUL_FIRST) / 28u) % 21u;
}

#define KG_JONG_RIEUL 8u

/* ---- character classes (charclass.c) ---- */

typedef enum kg_cclass {
    KG_C_SPACE,
    KG_C_HANGUL,   /* precomposed syllable */
    KG_C_JAMO,     /* conjoining or compatibility jamo */
    KG_C_LATIN,
    KG_C_DIGIT,
    KG_C_HANJA,
    KG_C_LETTER,   /* other scripts' letters: kana, Cyrillic, Greek ... */
    KG_C_PUNCT_SF, /* . ? ! … */
    KG_C_PUNCT_SP, /* , : ; / · */
    KG_C_PUNCT_SS, /* quotes, brackets, dashes */
    KG_C_SYMBOL,   /* everything else */
    KG_C_JOINER    /* . , - _ / : + & @ ' # that may sit inside Latin/digit runs */
} kg_cclass;

kg_cclass kg_char_class(uint32_t cp);

/* ---- hashing ---- */

/* Hashes a short key (a word, a tail, an eojeol) a word of 8 bytes at a
 * time, the last word and keys under 8 bytes read as overlapping loads: a
 * byte at a time (FNV) was a tenth of the segmenter's instructions.
 * Shared by the string sets and the matcher; in-process only, so byte
 * order does not matter. */
static inline uint32_t kg_hash_bytes(const void *data, size_t len)
{
    const unsigned char *s = data;
    const uint64_t mix = 0xFF51AFD7ED558CCDull;
    uint64_t h = (len + 1) * 0x9E3779B97F4A7C15ull, w;
    uint32_t lo, hi;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&w, s + i, 8);
            h = (h ^ w) * mix;
        }
        memcpy(&w, s + len - 8, 8);
    } else if (len >= 4) {
        memcpy(&lo, s, 4);
        memcpy(&hi, s + len - 4, 4);
        w = lo | (uint64_t)hi << 32;
    } else {
        w = len ? s[0] | (uint64_t)s[len / 2] << 8 | (uint64_t)s[len - 1] << 16 : 0;
    }
    /* a product moves bits only upwards: the shift brings the last
     * bytes' down before a second one, or keys that differ only there
     * would share their low bits (the table index) */
    h = (h ^ w) * mix;
    h = (h ^ h >> 32) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

/* ---- string sets (strset.c): open addressing, keys copied in ---- */

typedef struct kg_strset {
    uint32_t *slots;  /* 0 = empty, else index+1 into the entry table */
    size_t n_slots;   /* power of two */
    struct kg_strset_entry *entries;
    size_t n_entries, cap_entries;
    char *pool;       /* key bytes */
    size_t pool_len, pool_cap;
} kg_strset;

typedef struct kg_strset_entry {
    uint32_t key_off, key_len;
    uint32_t hash;
    uint32_t value;
} kg_strset_entry;

void kg_strset_init(kg_strset *set);
void kg_strset_clear(kg_strset *set);
/* Inserts key or finds it; returns the entry (NULL on allocation failure).
 * *is_new tells which; a new entry has value 0. */
kg_strset_entry *kg_strset_upsert(kg_strset *set, const char *key, size_t len,
                                  int *is_new);
const kg_strset_entry *kg_strset_find(const kg_strset *set, const char *key,
                                      size_t len);
/* Makes room for n entries and bytes of keys (NULs included) in all, so
 * that filling a set of known size rehashes and reallocates nothing. */
int kg_strset_reserve(kg_strset *set, size_t n, size_t bytes);
static inline const char *kg_strset_key(const kg_strset *set,
                                        const kg_strset_entry *e)
{
    return set->pool + e->key_off;
}

/* ---- closed-class tails (tails.c) ---- */

/* Which stem-final syllable a tail accepts. */
enum kg_tail_cond {
    KG_COND_ANY = 0,
    KG_COND_CONS,      /* stem ends in a final consonant */
    KG_COND_VOWEL,     /* stem ends in a vowel */
    KG_COND_VOWEL_L,   /* vowel or final ㄹ (로, 로서, 면) */
    KG_COND_CONS_NOT_L, /* a final consonant other than ㄹ (으로, 으면) */
    KG_COND_BRIGHT,    /* last vowel ㅏ ㅗ ㅑ: takes 아 */
    KG_COND_DARK,      /* any other vowel: takes 어 */
    KG_COND_VOWEL_A,   /* open syllable in ㅏ ㅓ ㅐ ㅔ ㅕ ...: 어 merged (가서) */
    KG_COND_HA         /* right after 하, which takes 여 for 어 */
};

/* Does the syllable before a tail satisfy cond? Non-syllables (Latin,
 * digits, nothing) satisfy every condition: their reading is unknown. */
static inline int kg_cond_holds(int cond, uint32_t prev)
{
    if (!kg_is_syllable(prev)) return 1;
    unsigned j = kg_jong(prev), v = kg_jung(prev);
    /* after the past 았 (final ㅆ) 어 follows, not 아: 좋았어요 */
    int bright = (v == 0 || v == 8 || v == 2) && j != 20;
    switch (cond) {
    case KG_COND_CONS: return j != 0;
    case KG_COND_VOWEL: return j == 0;
    case KG_COND_VOWEL_L: return j == 0 || j == KG_JONG_RIEUL;
    case KG_COND_CONS_NOT_L: return j != 0 && j != KG_JONG_RIEUL;
    case KG_COND_BRIGHT: return bright;
    case KG_COND_DARK: return !bright;
    case KG_COND_VOWEL_A:
        /* ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅘ ㅙ ㅝ ㅞ */
        return j == 0 && (v <= 6 || v == 9 || v == 10 || v == 14 || v == 15);
    case KG_COND_HA: return prev == 0xD558u;
    default: return 1;
    }
}

/* What kind of stem a tail attaches to. */
enum kg_tail_host {
    KG_HOST_NOUN = 1, /* particles, copula, 하/되 suffixes */
    KG_HOST_VERB = 2  /* endings straight after a predicate stem */
};

#define KG_TAIL_MAX_PARTS 6
#define KG_TAIL_MAX_SYLLABLES 9

typedef struct kg_tail {
    uint8_t cond, host, n_parts, syllables;
    int16_t score;                       /* prior: higher is likelier */
    uint8_t part_len[KG_TAIL_MAX_PARTS]; /* byte length of each part */
    uint8_t part_tag[KG_TAIL_MAX_PARTS];
    uint32_t next;                       /* 1 + index of the next analysis
                                            of the same surface, or 0 */
} kg_tail;

#define KG_TAIL_HEAD_BITS 15 /* 4 KB */

typedef struct kg_tails {
    kg_strset index;   /* tail surface -> 1 + index of its first analysis */
    kg_tail *items;    /* analyses of one surface are chained by next */
    size_t n_items, cap_items;
    /* bit per Hangul syllable: can a tail start with it? Most stem
     * syllables cannot, which saves the hash look-up. */
    uint8_t starts[(KG_HANGUL_LAST - KG_HANGUL_FIRST) / 8 + 1];
    /* bit per hashed pair of syllables that a tail starts with: most
     * strings the segmenter asks about (compound nouns, 능력을) start with
     * no such pair, which saves the hash look-up, a cache miss in a table
     * of 90,000 tails */
    uint64_t heads[(1u << KG_TAIL_HEAD_BITS) / 64];
} kg_tails;

static inline int kg_tails_may_start(const kg_tails *t, uint32_t syl)
{
    uint32_t k = syl - KG_HANGUL_FIRST;
    return (t->starts[k >> 3] >> (k & 7)) & 1;
}

/* The heads bit of s[0, len) when it starts with two Hangul syllables,
 * else -1. */
static inline int32_t kg_tails_head_slot(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t l0, l1;
    /* both lead bytes checked first: a slice may end inside a character */
    if (len < 6 || (u[0] & 0xF0) != 0xE0 || (u[3] & 0xF0) != 0xE0 ||
        !kg_is_syllable(kg_decode(u, &l0)) || !kg_is_syllable(kg_decode(u + 3, &l1)))
        return -1;
    uint64_t w = 0;
    memcpy(&w, s, 6);
    return (int32_t)((w * 0x9E3779B97F4A7C15ull) >> (64 - KG_TAIL_HEAD_BITS));
}

/* May a tail be s[0, len)? No only when it starts with two syllables no
 * tail starts with. */
static inline int kg_tails_may_head(const kg_tails *t, const char *s, size_t len)
{
    int32_t head = kg_tails_head_slot(s, len);
    return head < 0 || ((t->heads[head >> 6] >> (head & 63)) & 1);
}

int kg_tails_build(kg_tails *tails);
void kg_tails_free(kg_tails *tails);

/* The inventory as constant arrays, written at make time
 * (tools/dump_tails.c into build/tails_data.c) so that a process does not
 * generate it again; kg_tails_shared() reads it in place. n_entries 0:
 * none (the tool's own link has an empty one and generates it). */
typedef struct kg_tails_image {
    const uint32_t *slots;
    size_t n_slots;
    const struct kg_strset_entry *entries;
    size_t n_entries;
    const char *pool;
    size_t pool_len;
    const kg_tail *items;
    size_t n_items;
    const uint8_t *starts; /* sizeof kg_tails.starts bytes */
    const uint64_t *heads; /* sizeof kg_tails.heads bytes */
} kg_tails_image;

extern const kg_tails_image kg_tail_inventory_image;
/* The process's one tail inventory, built on first use; NULL when out of
 * memory. It is never freed. */
const kg_tails *kg_tails_shared(void);

/* Builds a table of size bytes with build(obj) once per process and keeps
 * it in *slot; a thread that loses the race releases its own copy.
 * Returns the table, or NULL if building failed. (shared.c) */
void *kg_shared_build(void *_Atomic *slot, size_t size, int (*build)(void *),
                      void (*release)(void *));
/* First analysis of the surface s[0..len), or NULL; follow ->next for the
 * others (kg_tails_next). */
const kg_tail *kg_tails_lookup(const kg_tails *tails, const char *s, size_t len);
static inline const kg_tail *kg_tails_next(const kg_tails *tails,
                                           const kg_tail *t)
{
    return t->next ? &tails->items[t->next - 1] : NULL;
}

/* ---- lexicon (lexicon.c) ---- */

/* Bits stored as the value of a lexicon word. */
enum {
    KG_LEX_NOUN = 1u << 0,
    KG_LEX_VERB = 1u << 1,
    KG_LEX_ADVERB = 1u << 2,
    KG_LEX_BOUND = 1u << 3,  /* bound noun or counter: 년, 개, 것 */
    KG_LEX_SUFFIX = 1u << 4, /* noun suffix: 들, 적, 급 */
    KG_LEX_USER = 1u << 5,   /* added at run time (user or glossary term) */
    KG_LEX_PRONOUN = 1u << 6 /* pronoun: only these take the short 서 (여기서) */
};

int kg_lexicon_add(kg_strset *lex, const char *word, size_t len, uint32_t bits);
int kg_lexicon_load_builtin(kg_strset *lex);
/* Returns the number of words added or a negative code. */
int kg_lexicon_load_hunspell(kg_strset *lex, const char *path);
static inline uint32_t kg_lexicon_bits(const kg_strset *lex, const char *w,
                                       size_t len)
{
    const kg_strset_entry *e = kg_strset_find(lex, w, len);
    return e ? e->value : 0;
}

/* ---- segmenter internals other modules read (segment.c) ---- */

const kg_strset *kg_segmenter_lexicon(const kg_segmenter *seg);
/* Can kg_segment cut word[0, len), Hangul syllables only, at byte at (a
 * syllable boundary inside it)? 0: never, exactly; 1: it may. */
int kg_segment_may_cut(const kg_segmenter *seg, const char *word, size_t len, size_t at);
/* Makes room for words more lexicon words of bytes key bytes (NULs
 * included), before adding many. */
int kg_segmenter_reserve(kg_segmenter *seg, size_t words, size_t bytes);
/* kg_segmenter_add_word for a word known to be valid UTF-8 of at most 1024
 * bytes (a glossary key), with its KG_LEX_* bits. */
int kg_segmenter_add_checked(kg_segmenter *seg, const char *word, size_t len,
                             uint32_t bits);

/* Built-in word lists, generated from src/data/ (lexicon_data.c). */
typedef struct kg_wordlist {
    const char *words; /* newline-separated */
    uint32_t bits;
} kg_wordlist;
extern const kg_wordlist kg_builtin_wordlists[];
extern const size_t kg_builtin_wordlist_count;

/* The built-in glossary, src/data/glossary.tsv (glossary_data.c). */
extern const char kg_builtin_glossary[];
extern const size_t kg_builtin_glossary_len;

/* ---- line rules (rules.c): PCRE2 patterns with an action ---- */

enum kg_rule_action {
    KG_RULE_BOILERPLATE = 1,
    KG_RULE_CONTENT = 2,
    KG_RULE_LIST = 3 /* boilerplate header of a list of boilerplate items */
};

typedef struct kg_rules kg_rules;
typedef struct kg_rule_matcher kg_rule_matcher; /* per-call match state */

kg_rules *kg_rules_new(void);
void kg_rules_free(kg_rules *rules);
/* Appends the rules of text (the rule-file format of kogloss.h). Returns
 * the number added or a negative code; on failure nothing is added and
 * err receives "source:line: what". */
int kg_rules_parse(kg_rules *rules, const char *text, size_t len,
                   const char *source, char *err, size_t err_size);
int kg_rules_load(kg_rules *rules, const char *path, char *err,
                  size_t err_size);
size_t kg_rules_count(const kg_rules *rules);
const char *kg_rules_name(const kg_rules *rules, size_t i);
uint32_t kg_rules_action(const kg_rules *rules, size_t i);

kg_rule_matcher *kg_rule_matcher_new(void);
void kg_rule_matcher_free(kg_rule_matcher *m);
/* Matches made impossible by the PCRE2 limits since the matcher was reset. */
size_t kg_rule_matcher_hits(const kg_rule_matcher *m);
void kg_rule_matcher_reset(kg_rule_matcher *m);
/* Index of the first rule in [from, to) that matches s[0..len) (valid
 * UTF-8 of nchars characters), or -1. */
long kg_rules_match(const kg_rules *rules, size_t from, size_t to,
                    const char *s, size_t len, size_t nchars,
                    kg_rule_matcher *m);

/* The built-in rule pack, from src/data/boilerplate.rules (generated). */
extern const char kg_builtin_rules[];
extern const size_t kg_builtin_rules_len;

#endif
