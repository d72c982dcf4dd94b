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

int kg_start_filter_build(kg_start_filter *f, const kg_strset *forms)
{
    kg_start_filter_free(f);
    /* about 16 bits per form keeps false passes near 6% */
    uint32_t bits = MIN_PAIR_BITS;
    while (bits < MAX_PAIR_BITS && (1ull << bits) < (uint64_t)forms->n_entries * 16) bits++;
    f->pairs = calloc((size_t)1 << (bits - 6), sizeof *f->pairs);
    if (!f->pairs) return KG_ERR_NOMEM;
    f->pair_shift = 64 - bits;
    for (size_t i = 0; i < forms->n_entries; i++) {
        const kg_strset_entry *e = &forms->entries[i];
        const unsigned char *key = (const unsigned char *)kg_strset_key(forms, e);
        unsigned char head[6] = {0};
        if (e->key_len < 3) continue;
        memcpy(head, key, e->key_len < 6 ? e->key_len : 6);
        uint64_t w = kg_load_le6(head);
        if (!kg_utf8_is_syllable((uint32_t)w)) continue;
        if (e->key_len == 3) {
            set_bit(f->solo, kg_start_filter_solo_slot(w));
            continue;
        }
        if (e->key_len >= 6 && kg_utf8_is_syllable((uint32_t)(w >> 24)))
            set_bit(f->pairs, (uint32_t)kg_start_filter_slot(f, w));
    }
    return KG_OK;
}

void kg_start_filter_free(kg_start_filter *f)
{
    free(f->pairs);
    memset(f, 0, sizeof *f);
}
