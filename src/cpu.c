/* Run-time choice of the scanners' vector code (cpu.h). */
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "sse.h"

int kg_simd_current = -1;

int kg_simd_best(void)
{
#if defined(KG_HAVE_AVX2)
    __builtin_cpu_init();
    /* also tells whether the OS saves the YMM registers */
    if (__builtin_cpu_supports("avx2")) return KG_SIMD_AVX2;
#endif
#if defined(KG_HAVE_SSE2)
    return KG_SIMD_SSE2;
#else
    return KG_SIMD_SCALAR;
#endif
}

static int default_level(void)
{
    int level = kg_simd_best();
    const char *env = getenv("KOGLOSS_SIMD");
    if (env) {
        int cap = level;
        if (strcmp(env, "scalar") == 0) cap = KG_SIMD_SCALAR;
        else if (strcmp(env, "sse2") == 0) cap = KG_SIMD_SSE2;
        else if (strcmp(env, "avx2") == 0) cap = KG_SIMD_AVX2;
        if (cap < level) level = cap;
    }
    return level;
}

int kg_simd_resolve(void)
{
    int level = default_level();
    __atomic_store_n(&kg_simd_current, level, __ATOMIC_RELAXED);
    return level;
}

int kg_simd_set_level(int level)
{
    if (level < 0) return kg_simd_resolve();
    int best = kg_simd_best();
    if (level > best) level = best;
    __atomic_store_n(&kg_simd_current, level, __ATOMIC_RELAXED);
    return level;
}
