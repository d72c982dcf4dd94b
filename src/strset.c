/* A string hash set with a small value per key: open addressing over an
 * entry table, keys packed into one pool (cache-friendly, one free). */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void kg_strset_init(kg_strset *set) { memset(set, 0, sizeof *set); }

void kg_strset_clear(kg_strset *set)
{
    if (!set->slots && !set->entries && !set->pool) return; /* never filled */
    free(set->slots);
    free(set->entries);
    free(set->pool);
    kg_strset_init(set);
}

/* Rehashes into n slots (a power of two above twice the entries). */
static int rehash(kg_strset *set, size_t n)
{
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots) return KG_ERR_NOMEM;
    for (size_t i = 0; i < set->n_entries; i++) {
        size_t j = set->entries[i].hash & (n - 1);
        while (slots[j]) j = (j + 1) & (n - 1);
        slots[j] = (uint32_t)(i + 1);
    }
    free(set->slots);
    set->slots = slots;
    set->n_slots = n;
    return KG_OK;
}

static int grow_slots(kg_strset *set)
{
    return rehash(set, set->n_slots ? set->n_slots * 2 : 64);
}

int kg_strset_reserve(kg_strset *set, size_t n, size_t bytes)
{
    size_t slots = set->n_slots ? set->n_slots : 64;
    while (slots < 2 * n) {
        if (slots > SIZE_MAX / 4) return KG_ERR_NOMEM;
        slots *= 2;
    }
    if (slots > set->n_slots && rehash(set, slots)) return KG_ERR_NOMEM;
    if (KG_GROW(set->entries, set->cap_entries, n, 64) ||
        KG_GROW(set->pool, set->pool_cap, bytes, 4096))
        return KG_ERR_NOMEM;
    return KG_OK;
}

static const kg_strset_entry *find(const kg_strset *set, const char *key,
                                   size_t len, uint32_t h, size_t *slot)
{
    size_t mask = set->n_slots - 1, j = h & mask;
    for (;;) {
        uint32_t v = set->slots[j];
        if (!v) { *slot = j; return NULL; }
        const kg_strset_entry *e = &set->entries[v - 1];
        if (e->hash == h && e->key_len == len &&
            memcmp(set->pool + e->key_off, key, len) == 0) {
            *slot = j;
            return e;
        }
        j = (j + 1) & mask;
    }
}

const kg_strset_entry *kg_strset_find(const kg_strset *set, const char *key,
                                      size_t len)
{
    size_t slot;
    if (!set->n_slots) return NULL;
    return find(set, key, len, kg_hash_bytes(key, len), &slot);
}

kg_strset_entry *kg_strset_upsert(kg_strset *set, const char *key, size_t len,
                                  int *is_new)
{
    uint32_t h = kg_hash_bytes(key, len);
    size_t slot;
    *is_new = 0;
    if (len > UINT32_MAX / 2) return NULL;
    /* keep the load factor under 1/2 */
    if ((set->n_entries + 1) * 2 > set->n_slots && grow_slots(set)) return NULL;
    const kg_strset_entry *found = find(set, key, len, h, &slot);
    if (found) return (kg_strset_entry *)found;
    if (KG_GROW(set->entries, set->cap_entries, set->n_entries + 1, 64) ||
        KG_GROW(set->pool, set->pool_cap, set->pool_len + len + 1, 4096))
        return NULL;
    memcpy(set->pool + set->pool_len, key, len);
    set->pool[set->pool_len + len] = '\0';
    kg_strset_entry *e = &set->entries[set->n_entries];
    e->key_off = (uint32_t)set->pool_len;
    e->key_len = (uint32_t)len;
    e->hash = h;
    e->value = 0;
    set->pool_len += len + 1;
    set->slots[slot] = (uint32_t)(++set->n_entries);
    *is_new = 1;
    return e;
}
