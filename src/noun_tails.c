/*
 * The tails a noun takes (particles, the copula and its endings, 하다 and
 * 되다 forms), as an automaton over their characters whose terminals hold
 * the stem conditions the tail accepts.
 *
 * The matcher asks "is the rest of this eojeol a noun tail after this
 * stem?" at nearly every hit. Walking the few syllables of the rest in a
 * trie answers it without hashing the bytes or probing the tail table.
 */
#include <stdlib.h>
#include "glossary.h"

int kg_noun_tails_build(kg_dat *d, const kg_tails *tails)
{
    const kg_strset *index = &tails->index;
    size_t cap = index->n_entries ? index->n_entries : 1;
    const char **keys = malloc(cap * sizeof *keys);
    uint32_t *lens = malloc(cap * sizeof *lens);
    uint32_t *masks = malloc(cap * sizeof *masks);
    int rc = KG_ERR_NOMEM;
    if (keys && lens && masks) {
        size_t n = 0;
        for (size_t i = 0; i < index->n_entries; i++) {
            const kg_strset_entry *e = &index->entries[i];
            uint32_t mask = 0;
            for (const kg_tail *t = &tails->items[e->value - 1]; t; t = kg_tails_next(tails, t))
                if (t->host == KG_HOST_NOUN) mask |= kg_cond_bit(t->cond);
            if (!mask) continue;
            keys[n] = kg_strset_key(index, e);
            lens[n] = e->key_len;
            masks[n++] = mask;
        }
        rc = kg_dat_build(d, keys, lens, masks, n);
    }
    free(keys);
    free(lens);
    free(masks);
    return rc;
}

/* The automaton over the image's arrays, which are never written or
 * freed (kg_dat's pointers are not const for the ones it builds). */
static void from_image(kg_dat *d, const kg_dat_image *im)
{
    d->units = d->bases = (uint32_t *)im->units;
    d->values = (uint32_t *)im->values;
    d->pages = (uint16_t *)im->pages;
    d->blocks = (uint16_t *)im->blocks;
    d->n_slots = im->n_slots;
    d->n_blocks = im->n_blocks;
    d->base_shift = im->base_shift;
    d->label_mask = im->label_mask;
    d->n_codes = im->n_codes;
}

static int build_shared(void *d)
{
    if (kg_noun_tails_image.n_slots) {
        from_image(d, &kg_noun_tails_image);
        return KG_OK;
    }
    const kg_tails *tails = kg_tails_shared();
    return tails ? kg_noun_tails_build(d, tails) : KG_ERR_NOMEM;
}

/* Only a lost race releases; a copy over the image owns none of its
 * arrays. */
static void release_shared(void *d) { if (!kg_noun_tails_image.n_slots) kg_dat_free(d); }

const kg_dat *kg_noun_tails_shared(void)
{
    static void *_Atomic shared;
    return kg_shared_build(&shared, sizeof(kg_dat), build_shared, release_shared);
}
