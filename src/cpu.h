/* Which vector code the byte scanners (utf8.c, tokens.c, fold.c) use,
 * chosen at run time: AVX2 when the CPU has it, else SSE2 (always there on
 * x86-64), else scalar loops. The choice is made once, on first use.
 *
 * KOGLOSS_SIMD=scalar|sse2|avx2 in the environment caps the choice (read
 * once); kg_simd_set_level() changes it, for tests that run every path. */
#ifndef KG_CPU_H
#define KG_CPU_H

enum kg_simd {
    KG_SIMD_SCALAR = 0,
    KG_SIMD_SSE2 = 1,
    KG_SIMD_AVX2 = 2
};

extern int kg_simd_current; /* -1 until resolved */

/* Resolves the level (CPU, then KOGLOSS_SIMD) and returns it. */
int kg_simd_resolve(void);

/* The level in use. */
static inline int kg_simd_level(void)
{
    int l = __atomic_load_n(&kg_simd_current, __ATOMIC_RELAXED);
    return l >= 0 ? l : kg_simd_resolve();
}

/* The best level this build and CPU can run. */
int kg_simd_best(void);

/* Uses level (capped at kg_simd_best()), or the default again for -1.
 * Returns the level now in use. Not for use while another thread scans. */
int kg_simd_set_level(int level);

#endif
