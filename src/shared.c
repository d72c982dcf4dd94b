/* Tables that never change once built (the tail inventory, the noun tails'
 * automaton) are built once per process and shared by every segmenter and
 * glossary: each would otherwise cost about 12 ms and several MB. */
#include <stdatomic.h>
#include <stdlib.h>
#include "internal.h"

void *kg_shared_build(void *_Atomic *slot, size_t size, int (*build)(void *),
                      void (*release)(void *))
{
    void *have = atomic_load_explicit(slot, memory_order_acquire);
    if (have) return have;
    void *mine = calloc(1, size);
    if (!mine) return NULL;
    if (build(mine) != KG_OK) {
        free(mine);
        return NULL;
    }
    /* another thread may have built it meanwhile: keep the first */
    if (!atomic_compare_exchange_strong_explicit(slot, &have, mine, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        release(mine);
        free(mine);
        return have;
    }
    return mine;
}
