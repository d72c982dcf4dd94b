/* Growable arrays: one doubling rule for every buffer in the library. */
#include <stdlib.h>
#include "internal.h"

int kg_grow(void **items, size_t *cap, size_t need, size_t item_size,
            size_t first_cap)
{
    if (need <= *cap) return KG_OK;
    size_t n = *cap ? *cap : first_cap;
    while (n < need) {
        if (n > SIZE_MAX / 2 / item_size) return KG_ERR_NOMEM;
        n *= 2;
    }
    void *p = realloc(*items, n * item_size);
    if (!p) return KG_ERR_NOMEM;
    *items = p;
    *cap = n;
    return KG_OK;
}
