/*
 * The grow filter: can a lexicon word run from a stem into a noun tail?
 *
 * After a blank inside a term (강화 학습을), the matcher asks whether a
 * lexicon word starts at the eojeol and ends inside its tail (학습 + 을):
 * if so, the segmenter decides. Such a word is the stem 학습, then a start
 * of the noun tail, so its first syllable past the stem is the tail's
 * first syllable. The filter holds every lexicon word's prefixes that end
 * one syllable into a Hangul ending that begins some noun tail (20,445 at
 * 100k terms): the matcher asks it for the stem and the tail's first
 * syllable (학습을), and only a "maybe" (about 2% of the questions on the
 * bench corpus) goes on to the lexicon, whose look-ups are cache misses in
 * a table of a hundred thousand words. A Bloom filter, 16 bits a key, so
 * that it stays in cache; "no" is exact.
 */
#include <stdlib.h>
#include <string.h>
#include "glossary.h"

#define BITS_PER_STEM 16
#define MAX_WORDS (1u << 20) /* the word index stays below hash bit 20 */

/* The two bits of hash h, in one 64-bit word: one cache line a question. */
static inline uint64_t stem_bits(uint32_t h)
{
    return (1ull << ((h >> 20) & 63)) | (1ull << ((h >> 26) & 63));
}

int kg_grow_filter_may_grow(const kg_grow_filter *f, const char *s, size_t len)
{
    uint32_t h = kg_hash_bytes(s, len);
    uint64_t want = stem_bits(h);
    return (f->words[h & f->mask] & want) == want;
}

/* Is word[from, len) Hangul syllables that begin some noun tail? */
static int begins_noun_tail(const kg_dat *tails, const unsigned char *word, size_t from,
                            size_t len)
{
    int32_t node = 0;
    size_t cl;
    for (size_t i = from; i < len; i += cl) {
        uint32_t cp = kg_decode(word + i, &cl);
        uint32_t code = kg_is_syllable(cp) ? kg_dat_code(tails, cp) : 0;
        if (!code || (node = kg_dat_child(tails, node, code)) < 0) return 0;
    }
    return 1;
}

/* Appends to *hashes the hash of every stem of lexicon word w: its proper
 * prefixes that a noun tail's start follows, each with that start's first
 * syllable (the matcher has it at hand, and it makes the stems far fewer). */
static int add_stems(const kg_dat *tails, const unsigned char *w, size_t len,
                     uint32_t **hashes, size_t *n, size_t *cap)
{
    size_t cl;
    size_t from = len > KG_TAIL_MAX_SYLLABLES * 3 ? len - KG_TAIL_MAX_SYLLABLES * 3 : 0;
    for (size_t at = 0; at < len; at += cl) {
        kg_decode(w + at, &cl);
        size_t cut = at + cl;
        if (cut >= len || cut < from || !begins_noun_tail(tails, w, cut, len)) continue;
        if (KG_GROW(*hashes, *cap, *n + 1, 1024)) return KG_ERR_NOMEM;
        (*hashes)[(*n)++] = kg_hash_bytes(w, cut + 3);
    }
    return KG_OK;
}

int kg_grow_filter_build(kg_grow_filter *f, const kg_strset *lex, const kg_dat *tails)
{
    uint32_t *hashes = NULL;
    size_t n = 0, cap = 0, words = 1;
    for (size_t i = 0; i < lex->n_entries; i++) {
        const kg_strset_entry *e = &lex->entries[i];
        if ((e->value & KG_LEX_CONTINUES) &&
            add_stems(tails, (const unsigned char *)kg_strset_key(lex, e), e->key_len,
                      &hashes, &n, &cap)) {
            free(hashes);
            return KG_ERR_NOMEM;
        }
    }
    while (words < MAX_WORDS && words * 64 < n * BITS_PER_STEM) words *= 2;
    free(f->words);
    if (!(f->words = calloc(words, sizeof *f->words))) {
        free(hashes);
        return KG_ERR_NOMEM;
    }
    f->mask = (uint32_t)(words - 1);
    f->n_stems = n;
    for (size_t k = 0; k < n; k++) f->words[hashes[k] & f->mask] |= stem_bits(hashes[k]);
    free(hashes);
    return KG_OK;
}

void kg_grow_filter_free(kg_grow_filter *f)
{
    free(f->words);
    memset(f, 0, sizeof *f);
}
