/*
 * The start filter: which token starts can begin a form at all.
 *
 * Nearly every token start of a Korean text is two Hangul syllables in a
 * row. A walk from there can only go on through that pair, so a bit per
 * pair that begins some form (hashed, collisions only let a start through)
 * and a bit per syllable that is a form by itself decide most starts from
 * one small table, before the automaton's scattered slots are touched.
 */
#include <stdlib.h>
#include <string.h>
#include "glossary.h"

#define MIN_PAIR_BITS 15  /* 4 KB */
#define MAX_PAIR_BITS 20  /* 128 KB */

static void set_bit(uint64_t *bits, uint32_t k) { bits[k >> 6] |= 1ull << (k & 63); }

/* How a form's key begins: 1 with *head = its syllable when the key is one
 * syllable, 2 with *head = its first six bytes when it starts with two,
 * else 0. */
static int key_head(const kg_strset *forms, size_t i, uint64_t *head)
{
    const kg_strset_entry *e = &forms->entries[i];
    const unsigned char *key = (const unsigned char *)kg_strset_key(forms, e);
    unsigned char bytes[8] = {0};
    if (e->key_len < 3) return 0;
    memcpy(bytes, key, e->key_len < 6 ? e->key_len : 6);
    *head = kg_load_le6(bytes);
    if (!kg_utf8_is_syllable((uint32_t)*head)) return 0;
    if (e->key_len == 3) return 1;
    return e->key_len >= 6 && kg_utf8_is_syllable((uint32_t)(*head >> 24)) ? 2 : 0;
}

/* Sets the bits of the forms' heads: their pair, or their one syllable. */
static void set_heads(kg_start_filter *f, const kg_strset *forms)
{
    uint64_t head;
    for (size_t i = 0; i < forms->n_entries; i++) {
        switch (key_head(forms, i, &head)) {
        case 1:
            set_bit(f->solo, kg_start_filter_solo_slot(head));
            f->has_solo = 1;
            break;
        case 2:
            set_bit(f->pairs, (uint32_t)kg_start_filter_slot(f, head));
            break;
        }
    }
}

int kg_start_filter_build(kg_start_filter *f, const kg_strset *forms)
{
    kg_start_filter_free(f);
    /* Sized by the distinct pairs, counted in the largest table: forms
     * share their first two syllables far more often than not (100k bench
     * terms have under 3k pairs), and a table no larger than it must be
     * stays in the first-level cache. */
    size_t words = (size_t)1 << (MAX_PAIR_BITS - 6), distinct = 0;
    f->pairs = calloc(words, sizeof *f->pairs);
    if (!f->pairs) return KG_ERR_NOMEM;
    f->pair_shift = 64 - MAX_PAIR_BITS;
    set_heads(f, forms);
    for (size_t k = 0; k < words; k++) distinct += (size_t)__builtin_popcountll(f->pairs[k]);
    /* about 16 bits per pair keeps false passes near 6% */
    uint32_t bits = MIN_PAIR_BITS;
    while (bits < MAX_PAIR_BITS && (1ull << bits) < (uint64_t)distinct * 16) bits++;
    if (bits < MAX_PAIR_BITS) {
        free(f->pairs);
        if (!(f->pairs = calloc((size_t)1 << (bits - 6), sizeof *f->pairs)))
            return KG_ERR_NOMEM;
        f->pair_shift = 64 - bits;
        set_heads(f, forms);
    }
    return KG_OK;
}

void kg_start_filter_free(kg_start_filter *f)
{
    free(f->pairs);
    memset(f, 0, sizeof *f);
}
