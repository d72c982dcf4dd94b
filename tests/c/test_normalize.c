/* kg_normalize and kg_norm_map_span: NFC of decomposed Hangul, NFKC of
 * full-width Latin, case folding, the offset map, errors, big inputs. */
#include <stdlib.h>
#include <string.h>
#include "kogloss.h"
#include "check.h"

/* 한 as conjoining jamo: U+1112 U+1161 U+11AB */
#define NFD_HAN "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"
/* 국 as conjoining jamo: U+1100 U+116E U+11A8 */
#define NFD_GUK "\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8"

static kg_norm *norm;

/* Normalises a C string and checks the result text. */
#define NORM_OK(form, in, want)                                              \
    do {                                                                     \
        int rc_ = kg_normalize(norm, (form), (in), strlen(in));              \
        CHECK_EQ_INT(rc_, KG_OK);                                            \
        size_t len_ = 0;                                                     \
        const char *out_ = kg_norm_text(norm, &len_);                        \
        CHECK_MEM(out_, len_, (want));                                       \
    } while (0)

/* kg_norm_map_span(start, end) must give [os, oe). */
#define SPAN(start, end, os, oe)                                             \
    do {                                                                     \
        size_t s_ = 999, e_ = 999;                                           \
        kg_norm_map_span(norm, (start), (end), &s_, &e_);                    \
        CHECK_MSG(s_ == (size_t)(os) && e_ == (size_t)(oe),                  \
                  "map_span(%d, %d) = [%zu, %zu), want [%d, %d)", (int)(start), \
                  (int)(end), s_, e_, (int)(os), (int)(oe));                 \
    } while (0)

TEST(test_nfd_hangul_syllable)
{
    NORM_OK(KG_NFC, NFD_HAN, "한");
    SPAN(0, 3, 0, 9);
    /* a part of the syllable widens to the whole unit */
    SPAN(1, 2, 0, 9);
    SPAN(0, 1, 0, 9);
    /* two syllables: 한국 */
    NORM_OK(KG_NFC, NFD_HAN NFD_GUK, "한국");
    SPAN(0, 3, 0, 9);
    SPAN(3, 6, 9, 18);
    SPAN(0, 6, 0, 18);
    /* an LV pair without a trailing consonant: 하 = U+1112 U+1161 */
    NORM_OK(KG_NFC, "\xE1\x84\x92\xE1\x85\xA1", "하");
    SPAN(0, 3, 0, 6);
}

TEST(test_mixed_text)
{
    /* "AI 한국 AI" with the syllables decomposed mid-text */
    const char *in = "AI " NFD_HAN NFD_GUK " AI.";
    NORM_OK(KG_NFC, in, "AI 한국 AI.");
    /* each ASCII character maps to exactly its own byte */
    SPAN(0, 1, 0, 1);   /* A */
    SPAN(1, 2, 1, 2);   /* I */
    SPAN(2, 3, 2, 3);   /* space */
    SPAN(9, 10, 21, 22); /* space */
    SPAN(10, 11, 22, 23); /* A */
    SPAN(11, 12, 23, 24); /* I */
    SPAN(12, 13, 24, 25); /* . */
    SPAN(10, 13, 22, 25);
    /* each syllable maps to its nine jamo bytes */
    SPAN(3, 6, 3, 12);
    SPAN(6, 9, 12, 21);
    SPAN(3, 9, 3, 21);
    /* ranges across changed and unchanged text */
    SPAN(0, 13, 0, 25);
    SPAN(1, 4, 1, 12);
    SPAN(8, 11, 12, 23);
    /* an empty range stays empty, at the mapped position */
    SPAN(1, 1, 1, 1);
    SPAN(10, 10, 22, 22);
    /* a range at the very end */
    SPAN(13, 13, 25, 25);

    /* precomposed syllables around the decomposed ones stay exact */
    in = "대" NFD_HAN "민국";
    NORM_OK(KG_NFC, in, "대한민국");
    SPAN(0, 3, 0, 3);
    SPAN(3, 6, 3, 12);
    SPAN(6, 9, 12, 15);
    SPAN(9, 12, 15, 18);
}

TEST(test_nfkc_fullwidth)
{
    NORM_OK(KG_NFKC, "ＡＩ", "AI");
    SPAN(0, 1, 0, 3);
    SPAN(1, 2, 3, 6);
    SPAN(0, 2, 0, 6);
    /* full-width digits and Latin in Korean text */
    NORM_OK(KG_NFKC, "ＧＰＴ－４급 모델", "GPT-4급 모델");
    SPAN(0, 1, 0, 3);   /* G */
    SPAN(3, 4, 9, 12);  /* - from U+FF0D */
    SPAN(4, 5, 12, 15); /* 4 */
    SPAN(5, 8, 15, 18); /* 급 */
    SPAN(8, 9, 18, 19); /* space */
    /* NFC leaves full-width letters alone */
    NORM_OK(KG_NFC, "ＡＩ", "ＡＩ");
    SPAN(0, 3, 0, 3);
    SPAN(3, 6, 3, 6);
    /* a ligature expands: one source character, two output bytes */
    NORM_OK(KG_NFKC, "\xEF\xAC\x81le", "file"); /* U+FB01 fi */
    SPAN(0, 1, 0, 3);
    SPAN(1, 2, 0, 3);
    SPAN(2, 3, 3, 4);
}

TEST(test_casefold)
{
    NORM_OK(KG_NFKC_CASEFOLD, "DeepSeek", "deepseek");
    SPAN(0, 8, 0, 8);
    SPAN(4, 5, 4, 5);
    NORM_OK(KG_NFKC_CASEFOLD, "ＤｅｅｐＳｅｅｋ", "deepseek");
    SPAN(4, 5, 12, 15);
    NORM_OK(KG_NFKC_CASEFOLD, "OpenAI의 GPT-4", "openai의 gpt-4");
    /* folding that changes the length: ß -> ss */
    NORM_OK(KG_NFKC_CASEFOLD, "Straße", "strasse");
    SPAN(4, 5, 4, 6);
    SPAN(5, 6, 4, 6);
    SPAN(6, 7, 6, 7);
    /* NFKC alone keeps case */
    NORM_OK(KG_NFKC, "DeepSeek", "DeepSeek");
}

/* Characters that folding deletes (U+200B zero-width space, U+00AD soft
 * hyphen, U+FE0F variation selector) join the segment before them; the
 * map still gives that character alone, and them an empty range. */
TEST(test_trailing_ignorables)
{
    NORM_OK(KG_NFKC_CASEFOLD, "AI\u200B가", "ai가");
    SPAN(0, 2, 0, 2);
    SPAN(1, 2, 1, 2);
    SPAN(2, 5, 5, 8);
    SPAN(2, 2, 5, 5);
    NORM_OK(KG_NFKC_CASEFOLD, "크\u00AD\uFE0F를", "크를");
    SPAN(0, 3, 0, 3);
    SPAN(3, 6, 8, 11);
    /* ＡＩ: the full-width I folds, and the deleted ones still stay out */
    NORM_OK(KG_NFKC_CASEFOLD, "ＡＩ\u200B", "ai");
    SPAN(0, 2, 0, 6);
    /* a lone ignorable maps to itself, emptied */
    NORM_OK(KG_NFKC_CASEFOLD, "\u200B", "");
    /* NFC keeps them: the whole text maps one to one */
    NORM_OK(KG_NFC, "AI\u200B", "AI\u200B");
    SPAN(0, 5, 0, 5);
}

TEST(test_syllable_plus_trailing_jamo)
{
    /* 하 (U+D558, precomposed) followed by U+11AB composes to 한 */
    NORM_OK(KG_NFC, "\xED\x95\x98\xE1\x86\xAB", "한");
    SPAN(0, 3, 0, 6);
    NORM_OK(KG_NFC, "대\xED\x95\x98\xE1\x86\xAB민국", "대한민국");
    SPAN(0, 3, 0, 3);
    SPAN(3, 6, 3, 9);
    SPAN(6, 9, 9, 12);
    /* a syllable that already has a final consonant does not compose */
    NORM_OK(KG_NFC, "한\xE1\x86\xAB", "한\xE1\x86\xAB");
}

TEST(test_compat_jamo)
{
    /* compatibility jamo (U+314B) are not decomposed by NFC */
    NORM_OK(KG_NFC, "ㅋㅋ", "ㅋㅋ");
    SPAN(0, 3, 0, 3);
    NORM_OK(KG_NFC, "ㅋㅋㅋ 진짜ㅠㅠ", "ㅋㅋㅋ 진짜ㅠㅠ");
    /* NFKC turns them into conjoining initial jamo (U+110F) */
    NORM_OK(KG_NFKC, "ㅋㅋ", "\xE1\x84\x8F\xE1\x84\x8F");
    SPAN(3, 6, 3, 6);
}

TEST(test_combining_marks)
{
    /* Latin e + U+0301 composes; the map covers both characters */
    NORM_OK(KG_NFC, "cafe\xCC\x81", "caf\xC3\xA9");
    SPAN(3, 5, 3, 6);
    SPAN(0, 3, 0, 3);
    /* canonical reordering: dot below (ccc 220) before acute (ccc 230) */
    NORM_OK(KG_NFC, "a\xCC\x81\xCC\xA3", "\xE1\xBA\xA1\xCC\x81");
    SPAN(0, 3, 0, 5);
    /* a text that starts with a combining mark */
    NORM_OK(KG_NFC, "\xCC\x81" "a", "\xCC\x81" "a");
    SPAN(2, 3, 2, 3);
}

TEST(test_errors)
{
    size_t len = 99;
    int rc = kg_normalize(norm, KG_NFC, "ab\xC3(", 4);
    CHECK_EQ_INT(rc, KG_ERR_UTF8);
    CHECK_EQ_INT(kg_norm_error_offset(norm), 2);
    rc = kg_normalize(norm, KG_NFC, "한국\xED\xA0\x80", 9);
    CHECK_EQ_INT(rc, KG_ERR_UTF8);
    CHECK_EQ_INT(kg_norm_error_offset(norm), 6);
    rc = kg_normalize(norm, KG_NFKC, "\x80", 1);
    CHECK_EQ_INT(rc, KG_ERR_UTF8);
    CHECK_EQ_INT(kg_norm_error_offset(norm), 0);
    rc = kg_normalize(norm, KG_NFC, "ab\0c", 4);
    CHECK_EQ_INT(rc, KG_ERR_NUL);
    CHECK_EQ_INT(kg_norm_error_offset(norm), 2);
    rc = kg_normalize(norm, KG_NFKC_CASEFOLD, NFD_HAN "\0", 10);
    CHECK_EQ_INT(rc, KG_ERR_NUL);
    CHECK_EQ_INT(kg_norm_error_offset(norm), 9);
    /* a failed call leaves no text behind */
    kg_norm_text(norm, &len);
    CHECK_EQ_INT(len, 0);
    /* bad arguments */
    CHECK_EQ_INT(kg_normalize(NULL, KG_NFC, "a", 1), KG_ERR_ARG);
    CHECK_EQ_INT(kg_normalize(norm, KG_NFC, NULL, 1), KG_ERR_ARG);
    CHECK_EQ_INT(kg_normalize(norm, (kg_norm_form)7, "a", 1), KG_ERR_ARG);
    /* the handle works again after errors, and the offset is reset */
    NORM_OK(KG_NFC, NFD_HAN, "한");
    CHECK_EQ_INT(kg_norm_error_offset(norm), 0);
    SPAN(0, 3, 0, 9);
}

TEST(test_empty)
{
    size_t len = 99;
    CHECK_EQ_INT(kg_normalize(norm, KG_NFC, "", 0), KG_OK);
    const char *out = kg_norm_text(norm, &len);
    CHECK(out != NULL);
    CHECK_EQ_INT(len, 0);
    CHECK_STR(out, "");
    SPAN(0, 0, 0, 0);
    len = 99;
    CHECK_EQ_INT(kg_normalize(norm, KG_NFKC_CASEFOLD, NULL, 0), KG_OK);
    out = kg_norm_text(norm, &len);
    CHECK_EQ_INT(len, 0);
    CHECK_STR(out, "");
    /* a fresh handle has empty text too */
    kg_norm *fresh = kg_norm_new();
    CHECK(fresh != NULL);
    if (fresh) {
        len = 99;
        CHECK_STR(kg_norm_text(fresh, &len), "");
        CHECK_EQ_INT(len, 0);
        kg_norm_free(fresh);
    }
    kg_norm_free(NULL); /* allowed */
}

TEST(test_reuse_shorter_text)
{
    /* a long changed text, then a short one: no stale map or text */
    NORM_OK(KG_NFKC, "ＡＢＣＤＥＦ " NFD_HAN NFD_GUK NFD_HAN, "ABCDEF 한국한");
    NORM_OK(KG_NFC, "xy", "xy");
    SPAN(0, 1, 0, 1);
    SPAN(1, 2, 1, 2);
    SPAN(0, 2, 0, 2);
}

/* A 10 MB text of ASCII and precomposed Hangul is already NFC: the output
 * is the input and the map is the identity. */
TEST(test_big_identity)
{
    const char *unit = "DeepSeek-R1은 강화학습만으로 추론 능력을 얻었다. 2025년 1월, ";
    size_t ul = strlen(unit), total = 10u * 1024 * 1024;
    size_t n = total / ul * ul;
    char *big = malloc(n + 1);
    CHECK(big != NULL);
    if (!big) return;
    for (size_t i = 0; i < n; i += ul) memcpy(big + i, unit, ul);
    big[n] = '\0';
    for (int form = KG_NFC; form <= KG_NFKC; form++) {
        int rc = kg_normalize(norm, (kg_norm_form)form, big, n);
        CHECK_EQ_INT(rc, KG_OK);
        size_t len = 0;
        const char *out = kg_norm_text(norm, &len);
        CHECK_EQ_INT(len, n);
        CHECK(len == n && memcmp(out, big, n) == 0);
        SPAN(0, n, 0, n);
        SPAN(n - 3, n - 1, n - 3, n - 1);
        SPAN(5 * ul + 7, 5 * ul + 12, 5 * ul + 7, 5 * ul + 12);
    }
    /* the same text with one decomposed syllable near the end */
    memcpy(big + n - ul, NFD_HAN, 9);
    int rc = kg_normalize(norm, KG_NFC, big, n);
    CHECK_EQ_INT(rc, KG_OK);
    size_t len = 0;
    const char *out = kg_norm_text(norm, &len);
    CHECK_EQ_INT(len, n - 6);
    CHECK(len == n - 6 && memcmp(out, big, n - ul) == 0 &&
          memcmp(out + n - ul, "한", 3) == 0 &&
          memcmp(out + n - ul + 3, big + n - ul + 9, ul - 9) == 0);
    SPAN(n - ul, n - ul + 3, n - ul, n - ul + 9);
    SPAN(n - ul + 3, n - ul + 4, n - ul + 9, n - ul + 10);
    free(big);
}

int main(void)
{
    norm = kg_norm_new();
    if (!norm) {
        printf("kg_norm_new failed\n");
        printf("RESULT 0 1\n");
        return 1;
    }
    RUN(test_nfd_hangul_syllable);
    RUN(test_mixed_text);
    RUN(test_nfkc_fullwidth);
    RUN(test_casefold);
    RUN(test_syllable_plus_trailing_jamo);
    RUN(test_compat_jamo);
    RUN(test_combining_marks);
    RUN(test_errors);
    RUN(test_trailing_ignorables);
    RUN(test_empty);
    RUN(test_reuse_shorter_text);
    RUN(test_big_identity);
    kg_norm_free(norm);
    return check_finish();
}
