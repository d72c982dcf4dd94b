/* Growable arrays: one doubling rule for every buffer in the library. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* The doubling rule: the capacity that holds need items, from cap (or
 * first_cap), in *n; KG_ERR_NOMEM when its bytes would overflow. */
static int grown_cap(size_t cap, size_t need, size_t item_size, size_t first_cap,
                     size_t *n)
{
    *n = cap ? cap : first_cap;
    while (*n < need) {
        if (*n > SIZE_MAX / 2 / item_size) return KG_ERR_NOMEM;
        *n *= 2;
    }
    return KG_OK;
}

int kg_grow(void **items, size_t *cap, size_t need, size_t item_size,
            size_t first_cap)
{
    if (need <= *cap) return KG_OK;
    size_t n;
    if (grown_cap(*cap, need, item_size, first_cap, &n)) return KG_ERR_NOMEM;
    void *p = realloc(*items, n * item_size);
    if (!p) return KG_ERR_NOMEM;
    *items = p;
    *cap = n;
    return KG_OK;
}

#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS) && defined(MREMAP_FIXED)
#define HUGE_PAGE ((size_t)2 << 20)
#define LARGE_FROM ((size_t)4 << 20)

/* A fresh mapping of len bytes (a multiple of HUGE_PAGE) that starts on a
 * huge-page boundary, or NULL. */
static void *map_aligned(size_t len)
{
    char *m = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return NULL;
    char *p = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    if (p > m) munmap(m, (size_t)(p - m));
    if (p + len < m + len + HUGE_PAGE) munmap(p + len, (size_t)(m + len + HUGE_PAGE - (p + len)));
    /* a hint: without huge pages the mapping works all the same */
    madvise(p, len, MADV_HUGEPAGE);
    return p;
}

int kg_grow_large(void **items, size_t *cap, size_t need, size_t item_size,
                  size_t first_cap, size_t *mapped)
{
    if (need <= *cap) return KG_OK;
    size_t n;
    if (grown_cap(*cap, need, item_size, first_cap, &n)) return KG_ERR_NOMEM;
    if (n * item_size < LARGE_FROM) return kg_grow(items, cap, need, item_size, first_cap);
    if (n * item_size > SIZE_MAX - 2 * HUGE_PAGE) return KG_ERR_NOMEM;
    size_t len = (n * item_size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    void *p = map_aligned(len);
    if (!p) return KG_ERR_NOMEM;
    /* a mapping moves its pages into the new one's start instead of being
     * copied (their huge pages stay whole: both start on a boundary) */
    if (!*mapped || mremap(*items, *mapped, *mapped, MREMAP_MAYMOVE | MREMAP_FIXED, p) == MAP_FAILED) {
        if (*cap) memcpy(p, *items, *cap * item_size);
        kg_grow_large_free(*items, *mapped);
    }
    *items = p;
    *cap = len / item_size;
    *mapped = len;
    return KG_OK;
}

void kg_grow_large_free(void *items, size_t mapped)
{
    if (mapped) munmap(items, mapped);
    else free(items);
}
#else
int kg_grow_large(void **items, size_t *cap, size_t need, size_t item_size,
                  size_t first_cap, size_t *mapped)
{
    (void)mapped;
    return kg_grow(items, cap, need, item_size, first_cap);
}

void kg_grow_large_free(void *items, size_t mapped)
{
    (void)mapped;
    free(items);
}
#endif
