/* kg_utf8_check: well-formed UTF-8, the classic malformations, NUL
 * handling and the exact offset of the first offending byte, under each
 * of the scalar, SSE2 and AVX2 paths the CPU can run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kogloss.h"
#include "cpu.h"
#include "check.h"

/* Checks s[0..len) and expects rc and, on error, the offset. */
#define EXPECT(...) EXPECT_(__VA_ARGS__) /* lets LIT() supply two arguments */
#define EXPECT_(s, len, nul, want_rc, want_off)                               \
    expect_at(__FILE__, __LINE__, (s), (len), (nul), (want_rc), (want_off))

static void expect_at(const char *file, int line, const char *s, size_t len,
                      int reject_nul, int want_rc, size_t want_off)
{
    size_t off = (size_t)-1;
    int rc = kg_utf8_check(s, len, reject_nul, &off);
    if (want_rc == KG_OK) {
        check_at(file, line, rc == KG_OK, "rc %d (%s) at offset %zu, want OK",
                 rc, kg_strerror(rc), off);
        return;
    }
    check_at(file, line, rc == want_rc && off == want_off,
             "rc %d offset %zu, want rc %d offset %zu", rc, off, want_rc,
             want_off);
}

/* Literal with its length (may hold NUL bytes). */
#define LIT(s) (s), (sizeof(s) - 1)

TEST(test_valid)
{
    EXPECT(LIT(""), 1, KG_OK, 0);
    EXPECT(NULL, 0, 1, KG_OK, 0);
    EXPECT(LIT("plain ASCII text that is longer than eight bytes"), 1, KG_OK, 0);
    EXPECT(LIT("한국어 텍스트, DeepSeek-R1과 GPT-4급"), 1, KG_OK, 0);
    /* boundaries of each length */
    EXPECT(LIT("\x7F"), 1, KG_OK, 0);
    EXPECT(LIT("\xC2\x80"), 1, KG_OK, 0);             /* U+0080 */
    EXPECT(LIT("\xDF\xBF"), 1, KG_OK, 0);             /* U+07FF */
    EXPECT(LIT("\xE0\xA0\x80"), 1, KG_OK, 0);         /* U+0800 */
    EXPECT(LIT("\xED\x9F\xBF"), 1, KG_OK, 0);         /* U+D7FF */
    EXPECT(LIT("\xEE\x80\x80"), 1, KG_OK, 0);         /* U+E000 */
    EXPECT(LIT("\xEF\xBB\xBF"), 1, KG_OK, 0);         /* U+FEFF BOM */
    EXPECT(LIT("\xEF\xBF\xBF"), 1, KG_OK, 0);         /* U+FFFF */
    EXPECT(LIT("\xF0\x90\x80\x80"), 1, KG_OK, 0);     /* U+10000 */
    EXPECT(LIT("\xF0\x9F\x98\x80"), 1, KG_OK, 0);     /* U+1F600 */
    EXPECT(LIT("\xF4\x8F\xBF\xBF"), 1, KG_OK, 0);     /* U+10FFFF */
    /* the length argument is honoured: the bad byte lies past len */
    EXPECT("abc\xFF", 3, 1, KG_OK, 0);
    EXPECT("\xED\x95\x9C\xED", 3, 1, KG_OK, 0);
    /* error_offset may be NULL */
    CHECK_EQ_INT(kg_utf8_check("ok", 2, 1, NULL), KG_OK);
    CHECK_EQ_INT(kg_utf8_check("\xFF", 1, 1, NULL), KG_ERR_UTF8);
}

TEST(test_overlong)
{
    EXPECT(LIT("\xC0\x80"), 1, KG_ERR_UTF8, 0);             /* NUL as 2 bytes */
    EXPECT(LIT("\xC1\xBF"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xE0\x80\x80"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xE0\x9F\xBF"), 1, KG_ERR_UTF8, 0);         /* U+07FF in 3 */
    EXPECT(LIT("\xF0\x80\x80\x80"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xF0\x8F\xBF\xBF"), 1, KG_ERR_UTF8, 0);     /* U+FFFF in 4 */
    EXPECT(LIT("ab\xC0\x80"), 1, KG_ERR_UTF8, 2);
    EXPECT(LIT("한\xE0\x80\x80"), 1, KG_ERR_UTF8, 3);
    /* overlong NUL is invalid UTF-8 even when NUL is allowed */
    EXPECT(LIT("x\xC0\x80"), 0, KG_ERR_UTF8, 1);
}

TEST(test_surrogates)
{
    EXPECT(LIT("\xED\xA0\x80"), 1, KG_ERR_UTF8, 0); /* U+D800 */
    EXPECT(LIT("\xED\xAF\xBF"), 1, KG_ERR_UTF8, 0); /* U+DBFF */
    EXPECT(LIT("\xED\xB0\x80"), 1, KG_ERR_UTF8, 0); /* U+DC00 */
    EXPECT(LIT("\xED\xBF\xBF"), 1, KG_ERR_UTF8, 0); /* U+DFFF */
    /* CESU-8 pair for U+1F600 */
    EXPECT(LIT("a\xED\xA0\xBD\xED\xB8\x80"), 1, KG_ERR_UTF8, 1);
}

TEST(test_too_large)
{
    EXPECT(LIT("\xF4\x90\x80\x80"), 1, KG_ERR_UTF8, 0); /* U+110000 */
    EXPECT(LIT("\xF4\xBF\xBF\xBF"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xF5\x80\x80\x80"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xF7\xBF\xBF\xBF"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xF8\x88\x80\x80\x80"), 1, KG_ERR_UTF8, 0); /* 5-byte form */
    EXPECT(LIT("\xFC\x84\x80\x80\x80\x80"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xFE"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xFF"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("DeepSeek \xF4\x90\x80\x80"), 1, KG_ERR_UTF8, 9);
}

TEST(test_truncated)
{
    /* a sequence cut short by the end of the text: offset of its lead */
    EXPECT(LIT("\xC3"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("a\xE1\x84"), 1, KG_ERR_UTF8, 1);
    EXPECT(LIT("abc\xF0\x9F\x98"), 1, KG_ERR_UTF8, 3);
    EXPECT(LIT("한\xED\x95"), 1, KG_ERR_UTF8, 3);
    EXPECT(LIT("한국\xED"), 1, KG_ERR_UTF8, 6);
    EXPECT(LIT("0123456789abcdef\xEA\xB0"), 1, KG_ERR_UTF8, 16);
    /* the len argument cuts a valid character */
    EXPECT("\xED\x95\x9C", 2, 1, KG_ERR_UTF8, 0);
    EXPECT("ab\xF0\x9F\x98\x80", 5, 1, KG_ERR_UTF8, 2);
    /* cut short by a non-continuation byte in the middle */
    EXPECT(LIT("\xE1\x84" "A"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("xy\xF0\x9F" "zz"), 1, KG_ERR_UTF8, 2);
    EXPECT(LIT("\xC3\xC3\xA9"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xED\x95\x9C\xED\x95\xED\x95\x9C"), 1, KG_ERR_UTF8, 3);
}

TEST(test_stray_continuation)
{
    EXPECT(LIT("\x80"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\xBF"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("ab\x80"), 1, KG_ERR_UTF8, 2);
    EXPECT(LIT("한\x80"), 1, KG_ERR_UTF8, 3);     /* a fourth continuation */
    EXPECT(LIT("\xC3\xA9\xA9"), 1, KG_ERR_UTF8, 2);
    EXPECT(LIT("abcdefghijklmnop\x9F"), 1, KG_ERR_UTF8, 16);
}

TEST(test_nul)
{
    EXPECT(LIT("a\0b"), 1, KG_ERR_NUL, 1);
    EXPECT(LIT("a\0b"), 0, KG_OK, 0);
    EXPECT(LIT("\0"), 1, KG_ERR_NUL, 0);
    EXPECT(LIT("\0"), 0, KG_OK, 0);
    /* inside and after the 8-byte ASCII fast path */
    EXPECT(LIT("abc\0defghijklmnop"), 1, KG_ERR_NUL, 3);
    EXPECT(LIT("abcdefgh\0ijklmnop"), 1, KG_ERR_NUL, 8);
    EXPECT(LIT("abcdefghijklmnopq\0"), 1, KG_ERR_NUL, 17);
    EXPECT(LIT("abcdefghijklmnopq\0"), 0, KG_OK, 0);
    EXPECT(LIT("한국\0어"), 1, KG_ERR_NUL, 6);
    /* the first problem wins, whichever kind */
    EXPECT(LIT("\xFF\0"), 1, KG_ERR_UTF8, 0);
    EXPECT(LIT("\0\xFF"), 1, KG_ERR_NUL, 0);
    EXPECT(LIT("\0\xFF"), 0, KG_ERR_UTF8, 1);
    /* a NUL where a continuation byte should be is a UTF-8 error */
    EXPECT(LIT("\xC3\0"), 1, KG_ERR_UTF8, 0);
}

/* ---- a reference validator (RFC 3629 table 3-7), byte by byte ---- */

static int ref_check(const unsigned char *s, size_t len, int reject_nul,
                     size_t *off)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        unsigned lo = 0x80, hi = 0xBF;
        size_t need;
        if (c == 0 && reject_nul) { *off = i; return KG_ERR_NUL; }
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c == 0xE0) { need = 2; lo = 0xA0; }
        else if (c == 0xED) { need = 2; hi = 0x9F; }
        else if (c >= 0xE1 && c <= 0xEF) need = 2;
        else if (c == 0xF0) { need = 3; lo = 0x90; }
        else if (c == 0xF4) { need = 3; hi = 0x8F; }
        else if (c >= 0xF1 && c <= 0xF3) need = 3;
        else { *off = i; return KG_ERR_UTF8; }
        for (size_t k = 1; k <= need; k++) {
            unsigned a = k == 1 ? lo : 0x80, b = k == 1 ? hi : 0xBF;
            if (i + k >= len || s[i + k] < a || s[i + k] > b) {
                *off = i;
                return KG_ERR_UTF8;
            }
        }
        i += need + 1;
    }
    return KG_OK;
}

static int compare_with_ref(const unsigned char *s, size_t len, int nul)
{
    size_t off = 0, ref_off = 0;
    int rc = kg_utf8_check((const char *)s, len, nul, &off);
    int ref = ref_check(s, len, nul, &ref_off);
    return rc == ref && (rc == KG_OK || off == ref_off);
}

/* Every 1- and 2-byte string, and every 3-byte string whose bytes come
 * from the interesting values, agree with the reference. */
TEST(test_exhaustive_short)
{
    unsigned char b[4];
    int bad = 0;
    for (unsigned x = 0; x < 256; x++) {
        b[0] = (unsigned char)x;
        bad += !compare_with_ref(b, 1, 1) + !compare_with_ref(b, 1, 0);
        for (unsigned y = 0; y < 256; y++) {
            b[1] = (unsigned char)y;
            bad += !compare_with_ref(b, 2, 1) + !compare_with_ref(b, 2, 0);
        }
    }
    CHECK_MSG(bad == 0, "%d one/two-byte strings disagree with the reference", bad);

    static const unsigned char pick[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                         0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                         0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                         0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5,
                                         0xFF};
    size_t np = sizeof pick;
    bad = 0;
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < np; j++)
            for (size_t k = 0; k < np; k++)
                for (size_t l = 0; l < np; l++) {
                    b[0] = pick[i]; b[1] = pick[j]; b[2] = pick[k]; b[3] = pick[l];
                    bad += !compare_with_ref(b, 3, 1) + !compare_with_ref(b, 4, 1) +
                           !compare_with_ref(b, 4, 0);
                }
    CHECK_MSG(bad == 0, "%d three/four-byte strings disagree with the reference", bad);
}

/* Random strings, mostly valid UTF-8 with an occasional bad byte, long
 * enough to exercise the 8-byte ASCII fast path. */
TEST(test_random_against_reference)
{
    uint32_t x = 12345;
    unsigned char buf[96];
    int bad = 0, errors_seen = 0;
    for (int iter = 0; iter < 100000; iter++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        size_t len = 0, want = (x >> 8) % sizeof buf;
        while (len < want) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            unsigned r = x % 100;
            if (r < 55) buf[len++] = (unsigned char)('a' + x % 26);
            else if (r < 80 && len + 3 <= sizeof buf) {  /* a syllable */
                uint32_t cp = 0xAC00 + (x >> 8) % 11172;
                buf[len++] = (unsigned char)(0xE0 | (cp >> 12));
                buf[len++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (unsigned char)(0x80 | (cp & 0x3F));
            } else if (r < 90 && len + 4 <= sizeof buf) { /* astral */
                uint32_t cp = 0x10000 + (x >> 8) % 0x100000;
                buf[len++] = (unsigned char)(0xF0 | (cp >> 18));
                buf[len++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (unsigned char)(0x80 | (cp & 0x3F));
            } else if (r < 99) {
                buf[len++] = (unsigned char)('0' + x % 10);
            } else {
                buf[len++] = (unsigned char)(x >> 16); /* any byte */
            }
        }
        size_t off;
        if (ref_check(buf, len, 1, &off) != KG_OK) errors_seen++;
        bad += !compare_with_ref(buf, len, 1) + !compare_with_ref(buf, len, 0);
    }
    CHECK_MSG(bad == 0, "%d random strings disagree with the reference", bad);
    /* the generator must produce both outcomes for the test to mean much */
    CHECK_MSG(errors_seen > 1000 && errors_seen < 99000,
              "random corpus is degenerate: %d of 100000 invalid", errors_seen);
}

/* Valid text (ASCII, Hangul, a 2- and a 4-byte character) of exactly
 * len bytes in a buffer of its own, so that ASan sees any read past it. */
static unsigned char *valid_text(size_t len)
{
    static const char *const pieces[] = {"a", "한", "\xC3\xA9", "\xF0\x9F\x98\x80", " "};
    unsigned char *b = malloc(len ? len : 1);
    size_t n = 0, k = 0;
    while (n < len) {
        const char *p = pieces[k++ % 5];
        size_t l = strlen(p);
        if (n + l > len) p = "a", l = 1;
        memcpy(b + n, p, l);
        n += l;
    }
    return b;
}

/* Every bad sequence at every offset of two 64-byte blocks, in text that
 * ends right after it or goes on: the error and its offset agree with the
 * reference, whatever block edge the sequence lies across. */
TEST(test_errors_at_every_offset)
{
    static const struct { const char *s; size_t len; } bad[] = {
        {"\x80", 1}, {"\xBF", 1},                    /* stray continuation */
        {"\xC0\x80", 2}, {"\xC1\xBF", 2},            /* overlong 2 */
        {"\xE0\x80\x80", 3}, {"\xE0\x9F\xBF", 3},    /* overlong 3 */
        {"\xF0\x80\x80\x80", 4}, {"\xF0\x8F\xBF\xBF", 4},
        {"\xED\xA0\x80", 3}, {"\xED\xBF\xBF", 3},    /* surrogates */
        {"\xF4\x90\x80\x80", 4}, {"\xF5\x80\x80\x80", 4}, /* > U+10FFFF */
        {"\xF8\x88\x80\x80\x80", 5}, {"\xFF", 1}, {"\xFE", 1},
        {"\xE1\x84" "A", 3}, {"\xF0\x9F\x98" "A", 4}, {"\xC3" "A", 2}, /* cut short */
        {"\xC3\xC3\xA9", 3}, {"\xE1\x84\xE1\x84\x80", 5},
        {"\xC3\xA9\xA9", 3}, {"\xF0\x9F\x98\x80\x80", 5}, /* one too many */
        {"\0", 1},
    };
    int failures = 0;
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
        for (size_t at = 0; at < 130; at++)
            for (size_t after = 0; after <= 70; after += 35) {
                size_t len = at + bad[b].len + after;
                unsigned char *t = valid_text(len);
                memcpy(t + at, bad[b].s, bad[b].len);
                /* the prefix may end inside a character: its lead is then
                 * the error, as the reference says */
                failures += !compare_with_ref(t, len, 1) + !compare_with_ref(t, len, 0);
                free(t);
            }
    CHECK_MSG(failures == 0, "%d placements disagree with the reference", failures);
}

/* Texts cut at every length: sequences truncated by the end of the text,
 * and valid ones ending on every side of a block edge. */
TEST(test_truncated_at_every_length)
{
    static const char *const leads[] = {"\xC3", "\xE1", "\xE1\x84", "\xED\x95",
                                        "\xF0", "\xF0\x9F", "\xF0\x9F\x98",
                                        "\xF4\x8F\xBF"};
    int failures = 0;
    for (size_t len = 0; len < 200; len++) {
        unsigned char *t = valid_text(len);
        failures += !compare_with_ref(t, len, 1);
        free(t);
        for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++) {
            size_t l = strlen(leads[k]), n = len + l;
            unsigned char *u = valid_text(n);
            memcpy(u + len, leads[k], l);
            int rc;
            size_t off = 0;
            rc = kg_utf8_check((const char *)u, n, 1, &off);
            /* the lead, or an earlier character cut by the prefix */
            failures += rc != KG_ERR_UTF8 || off > len || !compare_with_ref(u, n, 1);
            free(u);
        }
    }
    CHECK_MSG(failures == 0, "%d truncated texts disagree with the reference", failures);
}

int main(void)
{
    static const char *const names[] = {"scalar", "SSE2", "AVX2"};
    for (int level = kg_simd_best(); level >= KG_SIMD_SCALAR; level--) {
        CHECK_EQ_INT(kg_simd_set_level(level), level);
        printf("path %s\n", names[level]);
        RUN(test_valid);
        RUN(test_overlong);
        RUN(test_surrogates);
        RUN(test_too_large);
        RUN(test_truncated);
        RUN(test_stray_continuation);
        RUN(test_nul);
        RUN(test_exhaustive_short);
        RUN(test_random_against_reference);
        RUN(test_errors_at_every_offset);
        RUN(test_truncated_at_every_length);
    }
    kg_simd_set_level(-1);
    return check_finish();
}
