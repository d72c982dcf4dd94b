/* The double-array automaton: on random key sets, in both layouts (bases
 * packed into the units, and apart), a walk finds exactly the keys and
 * their values and goes on exactly along their prefixes. A label check
 * alone is only sound while no two nodes share a base; these cases are
 * what would catch a build that let them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glossary.h"
#include "check.h"

#define MAX_KEYS 400
#define MAX_CHARS 6

static uint64_t rng_state = 0x6461742074657374ull;

static uint32_t rnd(uint32_t below)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33) % below;
}

/* Characters from a small alphabet, so keys share prefixes, plus a few
 * rare ones from every UTF-8 length. */
static uint32_t random_char(void)
{
    static const uint32_t common[] = {'a', 'b', 'c', 'x', ' ', 0xAC00, 0xAC01, 0xB098,
                                      0xB2E4, 0xD559, 0xC2B5, 0xBAA8, 0xB378};
    static const uint32_t rare[] = {0xE9, 0x4E2D, 0xD7A3, 0x1F600, 0xFF21, 0x3131};
    if (rnd(10)) return common[rnd(sizeof common / sizeof *common)];
    return rare[rnd(sizeof rare / sizeof *rare)];
}

typedef struct key {
    char s[MAX_CHARS * 4 + 1];
    uint32_t len;
} key;

static int by_bytes(const void *a, const void *b)
{
    const key *x = a, *y = b;
    return strcmp(x->s, y->s);
}

static key random_key(void)
{
    key k = {{0}, 0};
    for (uint32_t n = 1 + rnd(MAX_CHARS); n--;) k.len += (uint32_t)kg_encode(random_char(), k.s + k.len);
    k.s[k.len] = '\0';
    return k;
}

/* Walks s[0, len): the node reached, or -1. */
static int32_t walk_all(const kg_dat *d, const char *s, size_t len)
{
    int32_t node = 0;
    for (size_t i = 0, cl; i < len; i += cl) {
        uint32_t code = kg_dat_code(d, kg_decode((const unsigned char *)s + i, &cl));
        if (!code || (node = kg_dat_child(d, node, code)) < 0) return -1;
    }
    return node;
}

static int is_prefix_of_some(const key *keys, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (keys[i].len >= len && memcmp(keys[i].s, s, len) == 0) return 1;
    return 0;
}

static const key *find_key(const key *keys, size_t n, const char *s)
{
    key probe;
    snprintf(probe.s, sizeof probe.s, "%s", s);
    return bsearch(&probe, keys, n, sizeof *keys, by_bytes);
}

/* One query against the reference: reached iff a prefix of a key,
 * terminal iff a key, and then with that key's value. Returns 1 when all
 * agree, else prints why and returns 0. */
static int query_agrees(const kg_dat *d, const key *keys, size_t n, const char *s,
                        size_t len)
{
    int32_t node = walk_all(d, s, len);
    int prefix = is_prefix_of_some(keys, n, s, len);
    const key *k = prefix ? find_key(keys, n, s) : NULL;
    int ok = (node >= 0) == prefix &&
             (node < 0 || (kg_dat_is_terminal(d, node) == (k != NULL) &&
                           (!k || d->values[node] == (uint32_t)(k - keys) + 1)));
    if (!ok) printf("  \"%s\": node %d, prefix of a key %d, key %d\n", s, node, prefix, k != NULL);
    return ok;
}

/* A random key set in one layout; returns the queries that disagree. */
static int disagreements(int packed)
{
    static key keys[MAX_KEYS];
    size_t n = 0, want = 1 + rnd(MAX_KEYS);
    for (size_t i = 0; i < want; i++) keys[n++] = random_key();
    qsort(keys, n, sizeof *keys, by_bytes);
    size_t m = 0; /* distinct */
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(keys[m - 1].s, keys[i].s) != 0) keys[m++] = keys[i];
    n = m;
    const char *ptrs[MAX_KEYS];
    uint32_t lens[MAX_KEYS], values[MAX_KEYS];
    for (size_t i = 0; i < n; i++) {
        ptrs[i] = keys[i].s;
        lens[i] = keys[i].len;
        values[i] = (uint32_t)i + 1;
    }
    kg_dat d;
    int rc = packed ? kg_dat_build(&d, ptrs, lens, values, n)
                    : kg_dat_build_unpacked(&d, ptrs, lens, values, n);
    if (rc) return 1;
    int bad = (d.bases == d.units) != packed;
    for (size_t i = 0; i < n; i++) {
        /* every key, and every prefix of it */
        for (size_t len = 0, cl; len < keys[i].len;) {
            kg_decode((const unsigned char *)keys[i].s + len, &cl);
            len += cl;
            char buf[sizeof keys[i].s];
            memcpy(buf, keys[i].s, len);
            buf[len] = '\0';
            bad += !query_agrees(&d, keys, n, buf, len);
        }
        /* the key with its last character changed, and one added */
        key other = keys[i];
        size_t last = other.len;
        while (last > 0 && ((unsigned char)other.s[last - 1] & 0xC0) == 0x80) last--;
        last--;
        other.len = (uint32_t)last + (uint32_t)kg_encode(random_char(), other.s + last);
        other.s[other.len] = '\0';
        bad += !query_agrees(&d, keys, n, other.s, other.len);
        if (keys[i].len + 4 < sizeof other.s) {
            other = keys[i];
            other.len += (uint32_t)kg_encode(random_char(), other.s + other.len);
            other.s[other.len] = '\0';
            bad += !query_agrees(&d, keys, n, other.s, other.len);
        }
    }
    for (int q = 0; q < 100; q++) {
        key r = random_key();
        bad += !query_agrees(&d, keys, n, r.s, r.len);
    }
    kg_dat_free(&d);
    return bad;
}

TEST(test_random_keys_both_layouts)
{
    for (int round = 0; round < 40; round++) {
        CHECK_MSG(disagreements(1) == 0, "packed, round %d", round);
        CHECK_MSG(disagreements(0) == 0, "bases apart, round %d", round);
    }
}

TEST(test_empty_and_single)
{
    kg_dat d;
    CHECK_EQ_INT(kg_dat_build(&d, NULL, NULL, NULL, 0), KG_OK);
    CHECK_EQ_INT(walk_all(&d, "a", 1), -1);
    kg_dat_free(&d);
    const char *one[] = {"\xea\xb0\x80"}; /* 가 */
    uint32_t len[] = {3}, val[] = {7};
    CHECK_EQ_INT(kg_dat_build(&d, one, len, val, 1), KG_OK);
    int32_t node = walk_all(&d, one[0], 3);
    CHECK(node > 0 && kg_dat_is_terminal(&d, node) && d.values[node] == 7);
    CHECK(!kg_dat_is_terminal(&d, 0));
    kg_dat_free(&d);
}

int main(void)
{
    RUN(test_random_keys_both_layouts);
    RUN(test_empty_and_single);
    return check_finish();
}
