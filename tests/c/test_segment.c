/* kg_segment: stem | tail of the required eojeols, token and part
 * invariants, offsets into un-normalised text, errors, big inputs, user
 * words and the real articles of ../shared/corpus. */
#include <dirent.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "kogloss.h"
#include "internal.h" /* kg_read_file */
#include "check.h"

static kg_segmenter *seg;
static kg_result *res;

/* ---- helpers ---- */

/* Is text[i..) a space character as the tokenizer sees it? Returns its
 * length, or 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || (s[0] >= 0x09 && s[0] <= 0x0D))) return 1;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0)) return 2;
    if (n >= 3) {
        unsigned cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if ((s[0] & 0xF0) == 0xE0 &&
            (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
             cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
             cp == 0xFEFF))
            return 3;
    }
    return 0;
}

/*
 * Checks the invariants of the last result for text[0..len):
 *  - tokens are in order, do not overlap and lie inside the text;
 *  - every token has parts that partition it exactly: contiguous, the
 *    first starts at token.start, the last ends at token.end, none empty;
 *  - tags are valid; stem_end is the start of the first tail part, or end;
 *  - the bytes between tokens are all space characters, and no token
 *    holds an ASCII space.
 * One check per call; the first problem found is printed.
 */
#define CHECK_PARTITION(text, len) check_partition_at(__FILE__, __LINE__, (text), (len))

static int check_partition_at(const char *file, int line, const char *text,
                              size_t len)
{
    size_t nt, np;
    const kg_token *tok = kg_result_tokens(res, &nt);
    const kg_part *parts = kg_result_parts(res, &np);
    const unsigned char *s = (const unsigned char *)text;
    size_t pos = 0;
    for (size_t t = 0; t < nt; t++) {
        const kg_token *k = &tok[t];
        if (k->start < pos || k->end <= k->start || k->end > len)
            return check_at(file, line, 0, "token %zu [%u, %u) out of order or empty (prev end %zu, len %zu)",
                            t, k->start, k->end, pos, len);
        for (size_t g = pos; g < k->start;) {
            size_t sl = space_len(s + g, k->start - g);
            if (!sl)
                return check_at(file, line, 0, "byte %zu (0x%02X) before token %zu is not covered by any token",
                                g, s[g], t);
            g += sl;
        }
        if (memchr(text + k->start, ' ', k->end - k->start))
            return check_at(file, line, 0, "token %zu [%u, %u) holds a space", t,
                            k->start, k->end);
        if (k->n_parts == 0 || (size_t)k->first_part + k->n_parts > np)
            return check_at(file, line, 0, "token %zu has bad parts %u+%u of %zu",
                            t, k->first_part, k->n_parts, np);
        uint32_t at = k->start, stem_end = k->end;
        for (uint32_t i = 0; i < k->n_parts; i++) {
            const kg_part *p = &parts[k->first_part + i];
            if (p->start != at || p->end <= p->start || p->end > k->end)
                return check_at(file, line, 0, "token %zu [%u, %u): part %u [%u, %u) is not contiguous (expected start %u)",
                                t, k->start, k->end, i, p->start, p->end, at);
            if (p->tag >= KG_TAG_COUNT)
                return check_at(file, line, 0, "token %zu part %u has tag %u", t, i, p->tag);
            if (stem_end == k->end && kg_tag_is_tail((int)p->tag)) stem_end = p->start;
            at = p->end;
        }
        if (at != k->end)
            return check_at(file, line, 0, "token %zu [%u, %u): parts end at %u", t,
                            k->start, k->end, at);
        if (k->stem_end != stem_end)
            return check_at(file, line, 0, "token %zu [%u, %u): stem_end %u, first tail part at %u",
                            t, k->start, k->end, k->stem_end, stem_end);
        pos = k->end;
    }
    for (size_t g = pos; g < len;) {
        size_t sl = space_len(s + g, len - g);
        if (!sl)
            return check_at(file, line, 0, "byte %zu (0x%02X) after the last token is not covered", g, s[g]);
        g += sl;
    }
    return check_at(file, line, 1, "%s", "");
}

/* "stem|tail [part/TAG ...]" of token t, for failure messages. */
static const char *describe(const char *text, size_t t)
{
    static char buf[1024];
    size_t nt, np, n = 0;
    const kg_token *tok = kg_result_tokens(res, &nt);
    const kg_part *parts = kg_result_parts(res, &np);
    if (t >= nt) return "(no such token)";
    const kg_token *k = &tok[t];
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%.*s|%.*s [",
                          (int)(k->stem_end - k->start), text + k->start,
                          (int)(k->end - k->stem_end), text + k->stem_end);
    for (uint32_t i = 0; i < k->n_parts && n < sizeof buf - 64; i++) {
        const kg_part *p = &parts[k->first_part + i];
        n += (size_t)snprintf(buf + n, sizeof buf - n, " %.*s/%s",
                              (int)(p->end - p->start), text + p->start,
                              kg_tag_name((int)p->tag));
    }
    snprintf(buf + n, sizeof buf - n, " ]");
    return buf;
}

/*
 * CHECK_SPLIT(stem, tail): "stem" "tail" as one eojeol must be one token
 * over the whole text whose stem is exactly `stem` (tail "" = no tail).
 */
#define CHECK_SPLIT(stem, tail) check_split_at(__FILE__, __LINE__, seg, (stem), (tail))

static int check_split_at(const char *file, int line, const kg_segmenter *sg,
                          const char *stem, const char *tail)
{
    char text[256];
    snprintf(text, sizeof text, "%s%s", stem, tail);
    size_t len = strlen(text), nt;
    int rc = kg_segment(sg, text, len, res);
    if (rc != 1)
        return check_at(file, line, 0, "%s: kg_segment returned %d, want 1 token%s%s",
                        text, rc, rc > 1 ? ": first " : "", rc > 1 ? describe(text, 0) : "");
    const kg_token *tok = kg_result_tokens(res, &nt);
    return check_at(file, line,
                    tok[0].start == 0 && tok[0].end == len &&
                        tok[0].stem_end == strlen(stem),
                    "%s: got %s, want %s|%s", text, describe(text, 0), stem, tail);
}

/* The part of token t that starts at byte `at`, or NULL. */
static const kg_part *part_at(size_t t, uint32_t at)
{
    size_t nt, np;
    const kg_token *tok = kg_result_tokens(res, &nt);
    const kg_part *parts = kg_result_parts(res, &np);
    if (t >= nt) return NULL;
    for (uint32_t i = 0; i < tok[t].n_parts; i++)
        if (parts[tok[t].first_part + i].start == at)
            return &parts[tok[t].first_part + i];
    return NULL;
}

static int segment_str(const char *text)
{
    return kg_segment(seg, text, strlen(text), res);
}

/* ---- the required eojeols ---- */

TEST(test_required_splits)
{
    CHECK_SPLIT("딥시크", "가");
    CHECK_SPLIT("강화학습", "으로");
    CHECK_SPLIT("강화학습", "만으로");
    CHECK_SPLIT("활용", "하여");
    CHECK_SPLIT("개발", "했다");
    CHECK_SPLIT("오픈소스", "라고");
    CHECK_SPLIT("결과", "가");
    CHECK_SPLIT("전문가", "는");
    CHECK_SPLIT("국가", "의");
    CHECK_SPLIT("효과", "");
    CHECK_SPLIT("사과", "");
    CHECK_SPLIT("AI", "를");
    CHECK_SPLIT("H800", "으로도");
    CHECK_SPLIT("LLM", "의");
    CHECK_SPLIT("GPT-4급", "");
    CHECK_SPLIT("2025년", "");
}

/* Rules of the stem | tail decision beyond the required eojeols. */
TEST(test_stem_rules)
{
    /* 맞이 is a noun that takes 하다, not a verb stem */
    CHECK_SPLIT("맞이", "한다");
    /* after the past 았 comes 어, not 아 */
    CHECK_SPLIT("좋", "았어요");
    CHECK_SPLIT("놓", "았어요");
    /* the short particle 서 after place pronouns only */
    CHECK_SPLIT("여기", "서");
    CHECK_SPLIT("어디", "서나");
    CHECK_SPLIT("보고서", "");
    /* noun + 받 / 드리 is a compound verb stem */
    CHECK_SPLIT("교육받", "을");
    CHECK_SPLIT("각광받", "고");
    /* stem + 어 + auxiliary that is a lexicon verb stays one stem */
    CHECK_SPLIT("들어가", "게");
    CHECK_SPLIT("헤어지", "는");
    /* 니 after an auxiliary (먹어 보니) */
    CHECK_SPLIT("먹", "어보니");
    /* pronoun + particle */
    CHECK_SPLIT("이", "처럼");
}

/* Rules of the seg2 work: auxiliaries, endings, compounds, verbs in 이. */
TEST(test_stem_rules_2)
{
    /* an auxiliary straight after a merged 아/어, tagged as the tail */
    CHECK_SPLIT("가", "봤는데");
    /* 싶 after 고, 않 after 지, written together */
    CHECK_SPLIT("먹", "고싶다");
    CHECK_SPLIT("않", "는다는데");
    /* a bare verb stem is no whole word: 찾+기 */
    CHECK_SPLIT("찾", "기");
    /* a compound of two known nouns is not cut inside the second */
    CHECK_SPLIT("경제회의", "");
    /* ... unless the stem is a noun + a person suffix */
    CHECK_SPLIT("요리사", "의");
    /* stem + 이 is a known verb: the copula reading loses */
    CHECK_SPLIT("높이", "고");
    /* 다고 after an unknown stem in 다 is the ending */
    CHECK_SPLIT("얄궂", "다고");
    /* no copula-alone reading of a known verb */
    CHECK_SPLIT("이기", "는");
    /* the passive auxiliary 지 splits; a lexicalised 어지 verb does not */
    CHECK_SPLIT("만들", "어지는");
    CHECK_SPLIT("헤어지", "는");
    /* more endings and copula forms */
    CHECK_SPLIT("먹", "을까요");
    CHECK_SPLIT("잡", "았길래");
    CHECK_SPLIT("사실", "이라며");
    CHECK_SPLIT("학생", "이시고");
}

TEST(test_required_tags)
{
    const kg_part *p;
    size_t nt;
    /* 했다 is one part, a verb-forming suffix */
    CHECK_EQ_INT(segment_str("개발했다"), 1);
    const kg_token *tok = kg_result_tokens(res, &nt);
    if (nt == 1) {
        CHECK_EQ_INT(tok[0].stem_end, 6);
        p = part_at(0, 6);
        CHECK_MSG(p && p->end == 12 && p->tag == KG_TAG_XSV,
                  "개발했다: want 했다/XSV as one part, got %s", describe("개발했다", 0));
        CHECK_EQ_INT(tok[0].first_part + tok[0].n_parts - 1, p ? p - kg_result_parts(res, &nt) : -1);
    }
    /* Latin is SL */
    CHECK_EQ_INT(segment_str("AI를"), 1);
    p = part_at(0, 0);
    CHECK_MSG(p && p->end == 2 && p->tag == KG_TAG_SL, "AI를: got %s", describe("AI를", 0));
    p = part_at(0, 2);
    CHECK_MSG(p && p->end == 5 && p->tag == KG_TAG_J, "AI를: got %s", describe("AI를", 0));
    CHECK_EQ_INT(segment_str("H800으로도"), 1);
    p = part_at(0, 0);
    CHECK_MSG(p && p->end == 4 && p->tag == KG_TAG_SL, "H800으로도: got %s", describe("H800으로도", 0));
    /* 급 after a model name is a noun suffix, not a tail */
    CHECK_EQ_INT(segment_str("GPT-4급"), 1);
    p = part_at(0, 5);
    CHECK_MSG(p && p->end == 8 && p->tag == KG_TAG_XSN, "GPT-4급: got %s", describe("GPT-4급", 0));
    CHECK(!kg_tag_is_tail(KG_TAG_XSN));
    /* a year is a number and a counter */
    CHECK_EQ_INT(segment_str("2025년"), 1);
    p = part_at(0, 0);
    CHECK_MSG(p && p->end == 4 && p->tag == KG_TAG_SN, "2025년: got %s", describe("2025년", 0));
    /* tag names */
    CHECK_STR(kg_tag_name(KG_TAG_XSV), "XSV");
    CHECK_STR(kg_tag_name(KG_TAG_SL), "SL");
    CHECK_STR(kg_tag_name(KG_TAG_COUNT), "?");
    CHECK_STR(kg_tag_name(-1), "?");
}

/* Expects segment_str(text) to give one token whose parts are exactly
 * `want`, written "part/TAG part/TAG ..." as describe() prints them. */
#define CHECK_PARTS(text, want)                                               \
    do {                                                                      \
        CHECK_EQ_INT(segment_str(text), 1);                                   \
        char want_[256];                                                      \
        snprintf(want_, sizeof want_, "[ %s ]", (want));                      \
        const char *got_ = strchr(describe((text), 0), '[');                  \
        CHECK_MSG(got_ && !strcmp(got_, want_), "%s: got %s, want %s",        \
                  (text), got_ ? got_ : "?", want_);                         \
    } while (0)

/* Rules of the seg3 work, each motivated by an error class. */
TEST(test_stem_rules_3)
{
    /* a counter after digits takes a particle, though 명의, 세로 are words */
    CHECK_SPLIT("67명", "의");
    CHECK_SPLIT("54세", "로");
    CHECK_SPLIT("명의", "");
    /* 여 after digits is a suffix, not the vocative particle */
    CHECK_PARTS("20여", "20/SN 여/XSN");
    CHECK_PARTS("240여명이", "240/SN 여/XSN 명/N 이/J");
    /* a known noun + tail inside a longer known noun + tail loses */
    CHECK_SPLIT("불만", "을");
    /* 씩 is a noun suffix, not a particle */
    CHECK_SPLIT("개씩", "");
    CHECK_PARTS("번씩은", "번/N 씩/XSN 은/J");
    /* words of the themed noun lists that end like a tail */
    CHECK_SPLIT("지난해", "");
    CHECK_SPLIT("독일인", "");
    CHECK_SPLIT("저수지", "");
    CHECK_SPLIT("자본주의", "");
    CHECK_SPLIT("수", "도");
    /* nouns made from predicates; a noun + particle homograph stays out */
    CHECK_SPLIT("죽음", "을");
    CHECK_SPLIT("길", "이");
    /* adverbs of the themed list; noun + particle ones stay analysed */
    CHECK_SPLIT("심지어", "");
    CHECK_SPLIT("하염없이", "");
    CHECK_SPLIT("동시", "에");
    /* verb stems of the themed list */
    CHECK_SPLIT("되찾", "기는");
    CHECK_SPLIT("비싸", "기만");
    CHECK_SPLIT("많", "아지고");
    /* the ㅂ-irregular 스럽 before ㄹ */
    CHECK_PARTS("고통스러울", "고통/N 스러울/XSA");
}


/* The plural 들 and the adjectival 적 are noun suffixes (XSN) of their
 * own, which leaves the stem | tail boundary where it was. */
TEST(test_noun_suffix_parts)
{
    CHECK_PARTS("사람들은", "사람/N 들/XSN 은/J");
    CHECK_PARTS("AI들이", "AI/SL 들/XSN 이/J");
    CHECK_PARTS("기술적인", "기술/N 적/XSN 인/VCP");
    CHECK_PARTS("경제적으로", "경제/N 적/XSN 으로/J");
    CHECK_PARTS("3명들", "3/SN 명/N 들/XSN");
    CHECK_PARTS("법적", "법/N 적/XSN");
    CHECK_SPLIT("사람들", "은");
    CHECK_SPLIT("기술적", "인");
    /* where the syllable belongs to the word, it stays there */
    CHECK_PARTS("들어", "들/V 어/E");
    CHECK_PARTS("적다", "적/V 다/E");
    CHECK_PARTS("적이", "적/N 이/J");
    CHECK_PARTS("아들이", "아들/N 이/J");
    CHECK_PARTS("목적이", "목적/N 이/J");
    CHECK_PARTS("자본축적", "자본축적/N");
    CHECK_PARTS("달려들었다", "달려들/V 었/E 다/E");
}

/* ---- tokens ---- */

/* Expects token t to be text[s, e) with stem_end se. */
#define CHECK_TOKEN(text, t, s, e, se)                                        \
    do {                                                                      \
        size_t nt_;                                                           \
        const kg_token *tk_ = kg_result_tokens(res, &nt_);                    \
        CHECK_MSG((size_t)(t) < nt_ && tk_[t].start == (uint32_t)(s) &&        \
                      tk_[t].end == (uint32_t)(e) && tk_[t].stem_end == (uint32_t)(se), \
                  "%s: token %d want [%d, %d) stem_end %d, got %s", (text), (int)(t), \
                  (int)(s), (int)(e), (int)(se), describe((text), (t)));      \
    } while (0)

/* Segments text into n_tokens tokens and checks token t (CHECK_TOKEN). */
#define CHECK_ONE_TOKEN(text, n_tokens, t, s, e, se)                          \
    do {                                                                      \
        CHECK_EQ_INT(segment_str(text), (n_tokens));                          \
        CHECK_TOKEN((text), (t), (s), (e), (se));                             \
    } while (0)

TEST(test_punctuation)
{
    const char *t = "결과가.";
    CHECK_EQ_INT(segment_str(t), 2);
    CHECK_TOKEN(t, 0, 0, 9, 6);
    CHECK_TOKEN(t, 1, 9, 10, 10);
    const kg_part *p = part_at(1, 9);
    CHECK(p && p->tag == KG_TAG_SF);
    CHECK_PARTITION(t, strlen(t));

    t = "(AI)";
    CHECK_EQ_INT(segment_str(t), 3);
    CHECK_TOKEN(t, 0, 0, 1, 1);
    CHECK_TOKEN(t, 1, 1, 3, 3);
    CHECK_TOKEN(t, 2, 3, 4, 4);
    p = part_at(0, 0);
    CHECK(p && p->tag == KG_TAG_SS);
    p = part_at(1, 1);
    CHECK(p && p->tag == KG_TAG_SL);
    CHECK_PARTITION(t, strlen(t));

    /* a run of the same mark is one token; commas split words */
    t = "딥시크가, 오픈AI의...";
    CHECK_EQ_INT(segment_str(t), 4);
    CHECK_TOKEN(t, 0, 0, 12, 9);
    CHECK_TOKEN(t, 1, 12, 13, 13);
    CHECK_TOKEN(t, 2, 14, 25, 22);
    CHECK_TOKEN(t, 3, 25, 28, 28);
    CHECK_PARTITION(t, strlen(t));

    /* a particle after a closing quote is a token of its own, all tail */
    t = "“딥시크”는";
    CHECK_EQ_INT(segment_str(t), 4);
    CHECK_TOKEN(t, 1, 3, 12, 12);
    CHECK_TOKEN(t, 3, 15, 18, 15);
    CHECK_PARTITION(t, strlen(t));

    /* joiners inside Latin and digit runs do not split */
    t = "GPT-4o와 3.5배";
    CHECK_EQ_INT(segment_str(t), 2);
    CHECK_TOKEN(t, 0, 0, 9, 6);
    CHECK_PARTITION(t, strlen(t));
}

TEST(test_spaces_and_empty)
{
    CHECK_EQ_INT(kg_segment(seg, "", 0, res), 0);
    CHECK_EQ_INT(kg_segment(seg, NULL, 0, res), 0);
    CHECK_EQ_INT(segment_str(" \t\n  "), 0);
    /* U+3000 ideographic space and U+00A0 separate tokens */
    const char *t = "\xE3\x80\x80" "딥시크가\xC2\xA0결과가 \n";
    CHECK_EQ_INT(segment_str(t), 2);
    CHECK_TOKEN(t, 0, 3, 15, 12);
    CHECK_TOKEN(t, 1, 17, 26, 23);
    CHECK_PARTITION(t, strlen(t));
    /* a result is reset by the next call */
    CHECK_EQ_INT(segment_str("가 나 다 라 마"), 5);
    CHECK_EQ_INT(segment_str("결과"), 1);
    size_t nt, np;
    kg_result_tokens(res, &nt);
    kg_result_parts(res, &np);
    CHECK_EQ_INT(nt, 1);
    CHECK_EQ_INT(np, 1);
}

/* ---- offsets into un-normalised text ---- */

/* 딥시크가 as conjoining jamo: ᄃ ᅵ ᆸ ᄉ ᅵ ᄏ ᅳ ᄀ ᅡ (9 x 3 bytes) */
#define NFD_DEEPSEEKGA                                                       \
    "\xE1\x84\x83\xE1\x85\xB5\xE1\x86\xB8" "\xE1\x84\x89\xE1\x85\xB5"        \
    "\xE1\x84\x8F\xE1\x85\xB3" "\xE1\x84\x80\xE1\x85\xA1"
/* 를 as conjoining jamo: ᄅ ᅳ ᆯ */
#define NFD_REUL "\xE1\x84\x85\xE1\x85\xB3\xE1\x86\xAF"

TEST(test_nfd_offsets)
{
    const char *t = NFD_DEEPSEEKGA;
    CHECK_EQ_INT(strlen(t), 27);
    CHECK_EQ_INT(segment_str(t), 1);
    CHECK_TOKEN(t, 0, 0, 27, 21);
    CHECK_PARTITION(t, 27);
    const kg_part *p = part_at(0, 0);
    CHECK(p && p->end == 21 && p->tag == KG_TAG_N);
    p = part_at(0, 21);
    CHECK(p && p->end == 27 && p->tag == KG_TAG_J);

    /* decomposed, precomposed and punctuation in one line */
    t = "AI는 " NFD_DEEPSEEKGA " 결과가.";
    CHECK_EQ_INT(segment_str(t), 4);
    CHECK_TOKEN(t, 0, 0, 5, 2);
    CHECK_TOKEN(t, 1, 6, 33, 27);
    CHECK_TOKEN(t, 2, 34, 43, 40);
    CHECK_TOKEN(t, 3, 43, 44, 44);
    CHECK_PARTITION(t, strlen(t));

    /* 하 + combining trailing ㄴ (U+11AB) + 국 = 한국 */
    t = "\xED\x95\x98\xE1\x86\xAB" "국의";
    CHECK_EQ_INT(segment_str(t), 1);
    CHECK_TOKEN(t, 0, 0, 12, 9);
    CHECK_PARTITION(t, strlen(t));
}

TEST(test_fullwidth_and_compat)
{
    /* full-width Latin is Latin (NFC keeps it as it is) */
    const char *t = "ＡＩ를";
    CHECK_EQ_INT(segment_str(t), 1);
    CHECK_TOKEN(t, 0, 0, 9, 6);
    const kg_part *p = part_at(0, 0);
    CHECK(p && p->end == 6 && p->tag == KG_TAG_SL);
    CHECK_PARTITION(t, strlen(t));
    /* full-width Latin with a decomposed particle */
    t = "ＬＬＭ" NFD_REUL;
    CHECK_EQ_INT(segment_str(t), 1);
    CHECK_TOKEN(t, 0, 0, 18, 9);
    CHECK_PARTITION(t, strlen(t));
    /* compatibility jamo: one token, no tail */
    t = "ㅋㅋ 결과가";
    CHECK_EQ_INT(segment_str(t), 2);
    CHECK_TOKEN(t, 0, 0, 6, 6);
    CHECK_TOKEN(t, 1, 7, 16, 13);
    CHECK_PARTITION(t, strlen(t));
    /* Latin with a combining accent: café를 with e + U+0301 */
    t = "cafe\xCC\x81를";
    CHECK_EQ_INT(segment_str(t), 1);
    CHECK_TOKEN(t, 0, 0, 9, 6);
    CHECK_PARTITION(t, strlen(t));
    /* a stray combining mark after punctuation stays covered */
    t = "가.\xCC\x81 나";
    CHECK(segment_str(t) >= 2);
    CHECK_PARTITION(t, strlen(t));
}

/* ---- errors ---- */

TEST(test_errors)
{
    int rc = kg_segment(seg, "딥시크\xFF가", 13, res);
    CHECK_EQ_INT(rc, KG_ERR_UTF8);
    CHECK_EQ_INT(kg_result_error_offset(res), 9);
    size_t nt;
    kg_result_tokens(res, &nt);
    CHECK_EQ_INT(nt, 0);
    rc = kg_segment(seg, "AI \xED\xA0\x80", 6, res);
    CHECK_EQ_INT(rc, KG_ERR_UTF8);
    CHECK_EQ_INT(kg_result_error_offset(res), 3);
    rc = kg_segment(seg, "결과\xEA\xB0", 8, res); /* truncated at the end */
    CHECK_EQ_INT(rc, KG_ERR_UTF8);
    CHECK_EQ_INT(kg_result_error_offset(res), 6);
    rc = kg_segment(seg, "결과가\0.", 11, res);
    CHECK_EQ_INT(rc, KG_ERR_NUL);
    CHECK_EQ_INT(kg_result_error_offset(res), 9);
    kg_result_tokens(res, &nt);
    CHECK_EQ_INT(nt, 0);
    CHECK_EQ_INT(kg_segment(NULL, "a", 1, res), KG_ERR_ARG);
    CHECK_EQ_INT(kg_segment(seg, "a", 1, NULL), KG_ERR_ARG);
    CHECK_EQ_INT(kg_segment(seg, NULL, 1, res), KG_ERR_ARG);
    /* after an error the result works again and the offset is reset */
    CHECK_EQ_INT(segment_str("결과가"), 1);
    CHECK_EQ_INT(kg_result_error_offset(res), 0);
    CHECK_STR(kg_strerror(KG_ERR_UTF8), "invalid UTF-8");
    CHECK(kg_strerror(12345) != NULL);
}

/* ---- big inputs ---- */

static char *repeat(const char *unit, size_t total, size_t *len)
{
    size_t ul = strlen(unit), n = total / ul * ul;
    char *s = malloc(n + 1);
    if (!s) return NULL;
    for (size_t i = 0; i < n; i += ul) memcpy(s + i, unit, ul);
    s[n] = '\0';
    *len = n;
    return s;
}

TEST(test_big_inputs)
{
    size_t len, nt;
    /* 10 MB without a single space: one huge token */
    char *big = repeat("딥시크가강화학습만으로추론능력을얻었다", 10u << 20, &len);
    CHECK(big != NULL);
    if (big) {
        int rc = kg_segment(seg, big, len, res);
        CHECK_EQ_INT(rc, 1);
        CHECK_PARTITION(big, len);
        free(big);
    }
    /* 10 MB of Hangul, Latin and digits without spaces */
    big = repeat("DeepSeek가H800으로학습한R1모델", 10u << 20, &len);
    CHECK(big != NULL);
    if (big) {
        int rc = kg_segment(seg, big, len, res);
        CHECK_EQ_INT(rc, 1);
        CHECK_PARTITION(big, len);
        free(big);
    }
    /* 10 MB line of words: the count is the unit's count times the copies */
    const char *unit = "딥시크가 강화학습만으로 GPT-4급 모델을 개발했다. (AI) ";
    int per_unit = segment_str(unit);
    CHECK_EQ_INT(per_unit, 9);
    big = repeat(unit, 10u << 20, &len);
    CHECK(big != NULL);
    if (big) {
        int rc = kg_segment(seg, big, len, res);
        CHECK_EQ_INT(rc, (long long)(len / strlen(unit)) * per_unit);
        CHECK_PARTITION(big, len);
        /* the last copy splits like the first */
        const kg_token *tok = kg_result_tokens(res, &nt);
        size_t last = len - strlen(unit);
        CHECK(nt >= 9 && tok[nt - 9].start == last &&
              tok[nt - 9].stem_end == last + 9);
        free(big);
    }
}

/* ---- user words ---- */

/* kg_shared_build: builds once, keeps the first table when another
 * thread publishes one during the build, and reports a failed build. */
static void *_Atomic race_slot;
static int race_released, other_table;
static int build_ok(void *obj) { *(int *)obj = 7; return KG_OK; }
static int build_fails(void *obj) { (void)obj; return KG_ERR_NOMEM; }
static int build_loses_race(void *obj)
{
    *(int *)obj = 8;
    atomic_store(&race_slot, (void *)&other_table); /* another thread won */
    return KG_OK;
}
static void count_release(void *obj) { (void)obj; race_released++; }

TEST(test_shared_tables)
{
    static void *_Atomic slot;
    int *t = kg_shared_build(&slot, sizeof(int), build_ok, count_release);
    CHECK(t && *t == 7);
    CHECK(kg_shared_build(&slot, sizeof(int), build_fails, count_release) == t);
    static void *_Atomic failing;
    CHECK(kg_shared_build(&failing, sizeof(int), build_fails, count_release) == NULL);
    CHECK(atomic_load(&failing) == NULL);
    CHECK(kg_shared_build(&race_slot, sizeof(int), build_loses_race, count_release) ==
          (void *)&other_table);
    CHECK_EQ_INT(race_released, 1);
    free(t);
    /* segmenters share the tails: one freed, the others go on */
    kg_segmenter *a = kg_segmenter_new(), *b = kg_segmenter_new();
    CHECK(a && b);
    kg_segmenter_free(a);
    kg_result *r = kg_result_new();
    CHECK_EQ_INT(kg_segment(b, "강화학습으로", strlen("강화학습으로"), r), 1);
    size_t np;
    const kg_part *p = kg_result_parts(r, &np);
    CHECK(np == 2 && p[0].end == 12);
    kg_result_free(r);
    kg_segmenter_free(b);
    CHECK_SPLIT("강화학습", "으로");
}

TEST(test_add_word)
{
    kg_segmenter *s = kg_segmenter_new();
    CHECK(s != NULL);
    if (!s) return;
    /* 키키도, a made-up name ending in the particle 도: the built-in
     * segmenter can only take it for 키키 + 도 */
    check_split_at(__FILE__, __LINE__, s, "키키", "도");
    size_t before = kg_segmenter_lexicon_size(s);
    CHECK(before > 0);
    CHECK_EQ_INT(kg_segmenter_add_word(s, "키키도", strlen("키키도"), KG_WORD_NOUN), KG_OK);
    CHECK_EQ_INT(kg_segmenter_lexicon_size(s), before + 1);
    check_split_at(__FILE__, __LINE__, s, "키키도", "");
    check_split_at(__FILE__, __LINE__, s, "키키도", "는");
    check_split_at(__FILE__, __LINE__, s, "키키도", "가");
    /* adding it again adds nothing */
    CHECK_EQ_INT(kg_segmenter_add_word(s, "키키도", strlen("키키도"), KG_WORD_NOUN), KG_OK);
    CHECK_EQ_INT(kg_segmenter_lexicon_size(s), before + 1);
    /* the default segmenter is not affected */
    CHECK_SPLIT("키키", "도");

    /* a glossary term with a space also protects the spaced-out form */
    check_split_at(__FILE__, __LINE__, s, "쿠루", "도");
    CHECK_EQ_INT(kg_segmenter_add_word(s, "쿠루 도", strlen("쿠루 도"), KG_WORD_NOUN), KG_OK);
    check_split_at(__FILE__, __LINE__, s, "쿠루도", "");
    check_split_at(__FILE__, __LINE__, s, "쿠루도", "를");

    /* errors */
    CHECK_EQ_INT(kg_segmenter_add_word(s, "\xFF", 1, KG_WORD_NOUN), KG_ERR_UTF8);
    CHECK_EQ_INT(kg_segmenter_add_word(s, "a\0b", 3, KG_WORD_NOUN), KG_ERR_NUL);
    CHECK_EQ_INT(kg_segmenter_add_word(s, "", 0, KG_WORD_NOUN), KG_ERR_ARG);
    CHECK_EQ_INT(kg_segmenter_add_word(s, "  ", 2, KG_WORD_NOUN), KG_ERR_ARG);
    CHECK_EQ_INT(kg_segmenter_add_word(s, "말", strlen("말"), (kg_word_kind)0), KG_ERR_ARG);
    CHECK_EQ_INT(kg_segmenter_add_word(NULL, "말", strlen("말"), KG_WORD_NOUN), KG_ERR_ARG);
    CHECK_EQ_INT(kg_segmenter_add_word(s, NULL, 0, KG_WORD_NOUN), KG_ERR_ARG);
    /* a missing hunspell file */
    CHECK_EQ_INT(kg_segmenter_load_hunspell(s, "/nonexistent/ko.dic"), KG_ERR_IO);
    kg_segmenter_free(s);
    kg_segmenter_free(NULL);
    kg_result_free(NULL);
}

/* ---- the real articles ---- */

/* Eojeols of the articles and their stem, checked by hand. */
static const struct {
    const char *stem, *tail;
} corpus_splits[] = {
    {"딥시크", "가"},          {"모델", "을"},            {"중국", "의"},
    {"오픈소스", "를"},        {"효율적", "으로"},        {"개인정보", "가"},
    {"회사", "에서도"},        {"과정", "에서"},          {"현재", "까지"},
    {"경쟁력", "을"},          {"오픈AI", "의"},          {"R1", "을"},
    {"생태계", "를"},          {"엔비디아", "의"},        {"훈련", "시키는"},
    {"학습과정", "에서의"},    {"전문가들", "은"},        {"커뮤니티", "와의"},
    {"솔루션", "으로의"},      {"스타트업들", "에게는"},  {"지식재산권", "을"},
    {"제기", "했다"},          {"무단", "으로"},          {"챗GPT", "로"},
    {"활용", "하여"},
};
#define N_CORPUS_SPLITS (sizeof corpus_splits / sizeof corpus_splits[0])

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#define CORPUS_DIR "../shared/corpus"
#define MAX_ARTICLES 64

/* The file names of the articles in CORPUS_DIR (*.txt), sorted, in names
 * (the caller frees them); -1 when the directory is not there. */
static long article_names(char **names)
{
    DIR *d = opendir(CORPUS_DIR);
    if (!d) return -1;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < MAX_ARTICLES) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    return (long)n;
}

TEST(test_corpus)
{
    const char *dir = CORPUS_DIR;
    char *names[MAX_ARTICLES];
    long found_names = article_names(names);
    if (found_names < 0) {
        check_skip(dir, "not found");
        return;
    }
    size_t n_names = (size_t)found_names;
    CHECK_MSG(n_names >= 5, "%zu articles in %s, want 5", n_names, dir);

    int found[N_CORPUS_SPLITS] = {0};
    size_t total_tokens = 0;
    for (size_t f = 0; f < n_names; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        size_t len = 0;
        char *text;
        const char *why;
        int read_rc = kg_read_file(path, &text, &len, &why);
        CHECK_MSG(read_rc == KG_OK, "cannot read %s: %s", path, why);
        if (read_rc) continue;
        int rc = kg_segment(seg, text, len, res);
        CHECK_MSG(rc > 100, "%s: kg_segment returned %d", path, rc);
        if (rc > 0) {
            total_tokens += (size_t)rc;
            CHECK_PARTITION(text, len);
            size_t nt;
            const kg_token *tok = kg_result_tokens(res, &nt);
            for (size_t t = 0; t < nt; t++) {
                size_t tl = tok[t].end - tok[t].start;
                for (size_t c = 0; c < N_CORPUS_SPLITS; c++) {
                    size_t sl = strlen(corpus_splits[c].stem);
                    size_t wl = sl + strlen(corpus_splits[c].tail);
                    if (tl != wl || memcmp(text + tok[t].start, corpus_splits[c].stem, sl) ||
                        memcmp(text + tok[t].start + sl, corpus_splits[c].tail, wl - sl))
                        continue;
                    found[c]++;
                    CHECK_MSG(tok[t].stem_end == tok[t].start + sl,
                              "%s byte %u: got %s, want %s|%s", names[f], tok[t].start,
                              describe(text, t), corpus_splits[c].stem, corpus_splits[c].tail);
                }
            }
        }
        /* every prefix of the article segments too (cuts inside
         * characters are refused, never crash) */
        for (size_t cut = 1; cut < len; cut += 97) {
            int r = kg_segment(seg, text, cut, res);
            if (r >= 0) {
                if (!CHECK_PARTITION(text, cut)) break;
            } else if (!CHECK_MSG(r == KG_ERR_UTF8 && kg_result_error_offset(res) < cut,
                                  "%s cut at %zu: rc %d", names[f], cut, r)) {
                break;
            }
        }
        free(text);
    }
    for (size_t c = 0; c < N_CORPUS_SPLITS; c++) {
        /* the eojeol is really in the articles, and standing alone it
         * splits the same way */
        if (n_names)
            CHECK_MSG(found[c] > 0, "%s%s does not occur as a token in the articles",
                      corpus_splits[c].stem, corpus_splits[c].tail);
        CHECK_SPLIT(corpus_splits[c].stem, corpus_splits[c].tail);
    }
    printf("corpus: %zu articles, %zu tokens\n", n_names, total_tokens);
    for (size_t f = 0; f < n_names; f++) free(names[f]);
}

/* Rules of the seg5 work, each motivated by an error class. */
TEST(test_stem_rules_5)
{
    /* a unit sign reads as a noun: a particle may follow it across a space */
    const char *t = "57 % 가 찬성";
    CHECK_EQ_INT(segment_str(t), 4);
    CHECK_TOKEN(t, 2, 5, 8, 5);
    CHECK_ONE_TOKEN("2 % 를 넘은", 4, 2, 4, 7, 4);
    /* an adverb takes the copula (물론이다), not a bare copula ending
     * that is the word's own syllable (금세기) */
    CHECK_SPLIT("물론", "이다");
    CHECK_SPLIT("별로", "일");
    CHECK_SPLIT("금세기", "");
    /* a lexicon adverb is not a shorter adverb + particle */
    CHECK_SPLIT("그럼에도", "");
    CHECK_SPLIT("지금", "까지");
    /* a bare 자 after a known noun is the person suffix, not the copula */
    CHECK_SPLIT("매개자", "");
    CHECK_SPLIT("부양의무자", "");
    CHECK_SPLIT("학생", "이자");
    /* the -기 nominalisation of a common verb is verb + ending */
    CHECK_SPLIT("보", "기도");
    CHECK_SPLIT("나누", "기에");
    /* a rare bare copula ending after an unknown word is its own syllable */
    CHECK_SPLIT("콜로니", "");
    CHECK_SPLIT("오로라", "");
    CHECK_SPLIT("학생", "이니");
    /* 하지만 opens a sentence as a conjunction, inside one it is 하+지만 */
    t = "하지만 떠나야 하지만";
    CHECK_EQ_INT(segment_str(t), 3);
    CHECK_TOKEN(t, 0, 0, 9, 9);
    CHECK_TOKEN(t, 2, 20, 29, 23);
    CHECK_ONE_TOKEN("좋다. 하지만 비싸다", 4, 2, 8, 17, 17);
    /* polite 요 forms and conjecture after past or 어야 */
    CHECK_SPLIT("뜻", "할까요");
    CHECK_SPLIT("상담", "해보세요");
    CHECK_SPLIT("시키", "실래요");
    CHECK_SPLIT("세", "었겠지요");
    CHECK_SPLIT("노래", "하여요");
    /* the copula contracted after a vowel, the question 나 after the past */
    CHECK_SPLIT("종교", "여야");
    CHECK_SPLIT("의자", "여서");
    CHECK_SPLIT("알", "았나");
    /* glued to a number or Latin a run is no pronoun, verb or adverb */
    CHECK_SPLIT("4", "와");
    CHECK_SPLIT("250m", "나");
    CHECK_SPLIT("0.06", "이다");
    CHECK_SPLIT("3개", "");
    /* 지 and 기 with a particle, also contracted */
    CHECK_SPLIT("먹", "지를");
    CHECK_SPLIT("많", "진");
    CHECK_SPLIT("있", "긴");
    /* 뿐 after a noun is a noun suffix that particles follow */
    CHECK_PARTS("그녀뿐", "그녀/N 뿐/XSN");
    CHECK_SPLIT("활동뿐", "만");
    /* an unknown stem does not end in the 밖 of the particle 밖에 */
    CHECK_SPLIT("고양이", "밖에");
    CHECK_SPLIT("3천원", "밖에");
    /* an adverb of two or more syllables takes 하다 and 되다 */
    CHECK_SPLIT("계속", "되는");
    CHECK_SPLIT("잘못", "된");
    /* 보고 alone is 보+고; 나서 alone is 나+서, 나서다 keeps its stem */
    CHECK_SPLIT("보", "고");
    CHECK_SPLIT("나", "서");
    CHECK_SPLIT("나서", "기에");
    CHECK_SPLIT("보고서", "");
    /* more tails: 당하다 and 스럽 forms, 해야겠, honorific copula forms */
    CHECK_SPLIT("적당", "한");
    CHECK_SPLIT("거절", "당했다");
    CHECK_SPLIT("고급", "스러움을");
    CHECK_SPLIT("세척", "해야겠지요");
    CHECK_SPLIT("사장님", "이시더라구요");
    CHECK_SPLIT("보통", "이구");
    CHECK_SPLIT("송파구", "");
    /* particles with the topic 는 contracted into them */
    CHECK_SPLIT("민중들", "에겐");
    CHECK_SPLIT("지금", "까진");
    /* the short 서 after the bound noun 데 */
    CHECK_SPLIT("데", "서는");
    CHECK_SPLIT("교과서", "는");
    /* a contracted past (켰, 렸) is no part of a noun stem */
    CHECK_SPLIT("강등", "시켰다가");
    CHECK_SPLIT("불타", "버렸다");
    /* 지다 and 나다 fused straight after an open stem */
    CHECK_SPLIT("싸", "졌다");
    CHECK_SPLIT("자라", "났고");
    CHECK_SPLIT("사진", "");
    /* no cut inside a lexicon adverb that takes a particle */
    CHECK_SPLIT("실제로", "는");
    CHECK_SPLIT("스스로", "도");
    /* 도 or the topic particle closing a chain of particles */
    CHECK_SPLIT("그것", "만으로도");
    CHECK_SPLIT("교재", "에까지도");
    CHECK_SPLIT("호프만", "에게는");
    /* 스러운 contracted */
    CHECK_SPLIT("자랑", "스런");
    /* 다든가, 다거나 after the past */
    CHECK_SPLIT("개선", "되었다거나");
    /* the quotative 라는 after a vowel, not a word in 라 + 는 */
    CHECK_SPLIT("소나타", "라는");
    CHECK_SPLIT("나라", "는");
    /* a bound noun + 이 that is a known verb: the verb's ending */
    CHECK_SPLIT("줄이", "겠다");
    CHECK_SPLIT("학생", "이겠다");
    /* 야지, 야죠 after a fused 어 (해야지, 봐야지) */
    CHECK_SPLIT("가", "봐야지");
    CHECK_SPLIT("공부", "해야죠");
    /* a final known noun of three or more syllables is trusted */
    CHECK_SPLIT("맹탕자본주의", "");
    CHECK_SPLIT("맹탕자본주의", "는");
}

/* Round 6: lexicalised suffix verbs, ending syllables inside a stem,
 * 느냐 as a nominal, nominal endings after the past. */
TEST(test_stem_rules_6)
{
    /* a stem + 롭/되 that is a lexicon verb keeps the syllable */
    CHECK_SPLIT("향기롭", "게");
    CHECK_SPLIT("해롭", "지");
    CHECK_SPLIT("오래되", "었다");
    /* no stem holds an ending's syllable (으, 었, 겠 ...) */
    CHECK_SPLIT("잡혔", "는데요");
    CHECK_SPLIT("가", "겠느냐고");
    /* 느냐 takes a case particle (이기느냐가), and 느냐고 is an ending */
    CHECK_SPLIT("누가이기", "느냐가");
    /* a nominal ending after the past takes the common particles */
    CHECK_SPLIT("먹", "었는지를");
    CHECK_SPLIT("공부", "했음을");
    CHECK_SPLIT("도착", "했는지를");
    /* a bound noun that is a particle as well makes no compound */
    CHECK_SPLIT("기대치", "만큼");
    CHECK_SPLIT("체중", "만큼");
    /* 만 + the copula after a span of time, not after a name in 만 */
    CHECK_SPLIT("10년", "만이다");
    CHECK_SPLIT("3일", "만인");
    CHECK_SPLIT("순천만", "이다");
    /* the spoken 두 after a known noun; words in 두 stay whole */
    CHECK_SPLIT("학교", "두");
    CHECK_SPLIT("선두", "");
    CHECK_SPLIT("모두", "");
    /* the next word's auxiliary asks for a verb's connective: 가+지 않다,
     * 가+게 되다; a noun stays a noun elsewhere (가게 문) */
    CHECK_ONE_TOKEN("가지 않았다", 2, 0, 0, 6, 3);
    CHECK_ONE_TOKEN("가게 되었다", 2, 0, 0, 6, 3);
    /* an auxiliary after a verb in 어/아 written apart: 받아 가+시는;
     * elsewhere 가시 (thorn) + 는 stays */
    CHECK_ONE_TOKEN("받아 가시는", 2, 1, 7, 16, 10);
    CHECK_ONE_TOKEN("가시는 길", 2, 0, 0, 9, 6);
    /* 기 before 위해 or 때문 is the verb's nominal ending */
    CHECK_ONE_TOKEN("휘어잡기 위해", 2, 0, 0, 12, 9);
    CHECK_ONE_TOKEN("한국 위해", 2, 0, 0, 6, 6);
    /* a listed noun before 등 or 및 has no particle; 그의 등이 keeps 의 */
    CHECK_ONE_TOKEN("아르마딜로 등", 2, 0, 0, 15, 15);
    CHECK_ONE_TOKEN("카를로 및 마리아", 3, 0, 0, 9, 9);
    CHECK_ONE_TOKEN("그의 등이", 2, 0, 0, 6, 3);
    /* before 않다 a particle reading loses: 질기+지가 않고 */
    CHECK_ONE_TOKEN("질기지가 않고", 2, 0, 0, 12, 6);
    CHECK_ONE_TOKEN("가게 문을", 2, 0, 0, 6, 6);
    /* a mark between: no such context */
    CHECK_ONE_TOKEN("가지, 않았다", 3, 0, 0, 6, 6);
    /* 하 merged into 치, 키, 컨대 after a known noun; names keep them */
    CHECK_SPLIT("사용", "키로");
    CHECK_SPLIT("요약", "컨대");
    CHECK_SPLIT("스즈키", "");
    CHECK_SPLIT("스즈키", "로");
    /* a counter after a number written apart takes its particle, as it
     * does glued to digits (67명+의) */
    CHECK_ONE_TOKEN("30 명의", 2, 1, 3, 9, 6);
    CHECK_ONE_TOKEN("9만여 명의", 2, 1, 8, 14, 11);
    CHECK_ONE_TOKEN("두 명의", 2, 1, 4, 10, 7);
    /* no number: the word 명의 */
    CHECK_ONE_TOKEN("그의 명의", 2, 1, 7, 13, 13);
    /* an unknown stem in 어/아 after a final no noun has there is a verb
     * with its connective (엎+어도); 국어, 단어 stay nouns */
    CHECK_SPLIT("엎", "어도");
    CHECK_SPLIT("얹", "어도");
    CHECK_SPLIT("국어", "도");
    CHECK_SPLIT("단어", "도");
    CHECK_SPLIT("열어놓", "음으로써");
    /* an unknown stem in 이 takes no separate 어: 이어 is the word's */
    CHECK_SPLIT("파이어", "보다");
    CHECK_SPLIT("라이어", "보다");
    /* no open stem in ㅏ ㅓ ㅡ ㅣ keeps 아/어 apart */
    CHECK_SPLIT("나아가", "는");
    /* a common particle after an unknown stem beats a compound whose
     * front is unknown (인성+과, not 인+성과) */
    CHECK_SPLIT("인성", "과");
    CHECK_SPLIT("야성", "과");
    /* a word in brackets with a particle after the closing mark has no
     * tail of its own: (공무집행방해)와; (철수가) keeps its own */
    CHECK_ONE_TOKEN("(공무집행방해)와", 4, 1, 1, 19, 19);
    /* nor does a noun glossed in Hanja: 사라(沙羅)는, 보고(報告)를 */
    CHECK_ONE_TOKEN("사라(沙羅)는", 5, 0, 0, 6, 6);
    CHECK_ONE_TOKEN("보고(報告)를", 5, 0, 0, 6, 6);
    /* a word before an opening bracket has its particle after it
     * (알파고(AI)는); a verb keeps its ending (모였다(사진)) */
    CHECK_ONE_TOKEN("알파고(AI)는", 5, 0, 0, 9, 9);
    CHECK_ONE_TOKEN("모였다(사진)", 4, 0, 0, 9, 3);
    CHECK_ONE_TOKEN("(철수가)", 3, 1, 1, 10, 7);
    /* 인데다가 and 스러우면서도 are tails */
    CHECK_SPLIT("주말", "인데다가");
    CHECK_SPLIT("고급", "스러우면서도");
    CHECK_SPLIT("웃음", "이");
    /* the quotative 라 before 하다 (레시피+라 한다), not before 하나 */
    CHECK_ONE_TOKEN("레시피라 한다", 2, 0, 0, 12, 9);
    CHECK_ONE_TOKEN("카메라 하나", 2, 0, 0, 9, 9);
    /* 시킨다는 is a tail: 향상+시킨다는 (것) */
    CHECK_ONE_TOKEN("향상시킨다는 것", 2, 0, 0, 18, 6);
}

/* Rules of the seg8 work. */
TEST(test_stem_rules_8)
{
    /* degrees and the units inch and mile are counters after digits */
    CHECK_SPLIT("24도", "가");
    CHECK_SPLIT("19도", "");
    CHECK_SPLIT("5마일", "");
    CHECK_SPLIT("3인치", "를");
    /* digits that end a Latin name are no number: a particle follows */
    CHECK_SPLIT("GPT-4", "도");
    CHECK_SPLIT("H100", "만으로");
    CHECK_PARTS("A100만", "A100/SL 만/J");
    CHECK_PARTS("3만", "3/SN 만/N");
    /* the auxiliary particle 야 after a vowel, also after another
     * particle (에서+야, 에+야) */
    CHECK_SPLIT("학교", "에서야");
    CHECK_SPLIT("후", "에야");
    /* endings that were missing from the inventory */
    CHECK_SPLIT("먹", "느라고");
    CHECK_SPLIT("먹", "니");
    CHECK_SPLIT("먹", "는구나");
    CHECK_SPLIT("먹", "을게");
    CHECK_SPLIT("먹", "었음에도");
    CHECK_SPLIT("사람", "이라니");
    CHECK_SPLIT("사람", "이잖아요");
    CHECK_SPLIT("사람", "일지도");
    CHECK_SPLIT("사람", "일까요");
    CHECK_SPLIT("사람", "이었기에");
    CHECK_SPLIT("공부", "할게");
    CHECK_SPLIT("공부", "하십시오");
    CHECK_SPLIT("공부", "했대");
    CHECK_SPLIT("공부", "될까");
    /* 없이 is an adverb, like 같이 and the compounds 끊임없이, 끝없이 */
    CHECK_SPLIT("없이", "");
    CHECK_SPLIT("상관없이", "");
    /* the negative copula 아니 inflects like the copula */
    CHECK_PARTS("아니라서", "아니/V 라서/E");
    CHECK_PARTS("아니라면", "아니/V 라면/E");
    CHECK_PARTS("아니어서", "아니/V 어서/E");
    CHECK_PARTS("아니었다", "아니/V 었/E 다/E");
    /* the connective 되 (먹되, 하되), but not after an adverb (안되) */
    CHECK_PARTS("먹되", "먹/V 되/E");
    CHECK_PARTS("하되", "하/V 되/E");
    CHECK_SPLIT("안되", "");
    /* 서 (에서 shortened) after a known noun; a noun in 서 stays whole */
    CHECK_SPLIT("서울", "서");
    CHECK_SPLIT("학교", "서");
    CHECK_SPLIT("교과서", "");
    CHECK_SPLIT("보고서", "");
    /* 밖에 with the topic or 도 after it */
    CHECK_SPLIT("학생", "밖에는");
    CHECK_SPLIT("그것", "밖에도");
    /* a tie between two known nouns goes to the longer one */
    CHECK_SPLIT("도로", "는");
    /* but 이래 after a noun is "since" (개통 이래), a noun of its own */
    CHECK_SPLIT("이래", "");
}

/* A normalisation unit that spans a token boundary (a combining mark
 * after a letter makes punctuation of the mark) must not make two tokens
 * cover the same bytes; a long run of combining marks must stay linear. */
TEST(test_units_across_tokens)
{
    static const char *const texts[] = {
        "a\xCC\x81\xCC\xA3",                          /* a + two marks */
        "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xCC\x81", /* NFD 한 + mark */
        "AI\xCC\x81를 딥시크가",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        size_t len = strlen(texts[i]);
        CHECK(kg_segment(seg, texts[i], len, res) >= 1);
        CHECK_PARTITION(texts[i], len);
    }
    /* 'a' and 2.5 million combining marks of two classes: ICU would sort
     * them in quadratic time; the segmenter cuts units and stays linear */
    size_t len;
    char *marks = repeat("\xCC\x81\xCC\xA3", 10u << 20, &len);
    CHECK(marks != NULL);
    if (marks) {
        marks[0] = 'a';
        marks[1] = ' ';
        CHECK(kg_segment(seg, marks, len, res) >= 1);
        free(marks);
    }
}

/* ---- kg_segment_may_cut against kg_segment ---- */

/* Counts of one text's words: cuts ruled out, and how many of those
 * kg_segment made anyway (must be none). */
typedef struct cut_counts {
    size_t words, never, never_but_cut, may, cut;
} cut_counts;

static int is_syllable_at(const unsigned char *s)
{
    if ((s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    unsigned cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Every space-delimited word of text[0, len) made of two or more Hangul
 * syllables only: each syllable boundary inside it that may_cut rules out
 * must have no part boundary in kg_segment's answer. */
static void check_cuts_in(const kg_segmenter *sg, const char *text, size_t len,
                          cut_counts *c)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) i++;
        size_t a = i;
        int pure = 1;
        while (i < len && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) {
            if (i + 3 > len || !is_syllable_at(s + i)) pure = 0;
            i += pure ? 3 : 1;
        }
        size_t wl = i - a;
        if (!pure || wl < 6) continue;
        c->words++;
        int rc = kg_segment(sg, text + a, wl, res);
        if (rc != 1) { /* one check per failure, not per word */
            CHECK_MSG(0, "%.*s: kg_segment returned %d", (int)wl, text + a, rc);
            continue;
        }
        size_t np;
        const kg_part *parts = kg_result_parts(res, &np);
        for (size_t at = 3; at < wl; at += 3) {
            int cut = 0;
            for (size_t k = 1; k < np; k++) cut |= parts[k].start == at;
            c->cut += (size_t)cut;
            if (kg_segment_may_cut(sg, text + a, wl, at)) {
                c->may++;
                continue;
            }
            c->never++;
            if (cut) {
                c->never_but_cut++;
                CHECK_MSG(0, "%.*s: kg_segment cuts at byte %zu, may_cut said never",
                          (int)wl, text + a, at);
            }
        }
    }
}

/* Makes the first two and three syllables of every word of text of four
 * or more syllables a user noun of sg: the glossary's segmenter knows its
 * forms so, and known nouns change which split wins. */
static void add_prefix_nouns(kg_segmenter *sg, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i + 12 <= len; i++) {
        if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n') continue;
        if (!is_syllable_at(s + i) || !is_syllable_at(s + i + 3) ||
            !is_syllable_at(s + i + 6) || !is_syllable_at(s + i + 9))
            continue;
        kg_segmenter_add_word(sg, text + i, 6, KG_WORD_NOUN);
        kg_segmenter_add_word(sg, text + i, 9, KG_WORD_NOUN);
    }
}

/* The matcher skips the segmenter where may_cut says a term cannot end
 * (a compound noun): on every word of the real articles and the UD dev
 * sentences, that must be what kg_segment says too, with the default
 * lexicon and with one that knows thousands more nouns. */
TEST(test_may_cut_agrees)
{
    char *files[2 + MAX_ARTICLES] = {strdup("../shared/data/ud/ko_gsd-ud-dev.conllu"),
                                     strdup("../shared/data/ud/ko_kaist-ud-dev.conllu")};
    size_t n_files = 2;
    char *names[MAX_ARTICLES];
    long n_names = article_names(names);
    for (long k = 0; k < n_names; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, names[k]);
        files[n_files++] = strdup(path);
        free(names[k]);
    }
    cut_counts c = {0}, cu = {0};
    size_t n_read = 0;
    kg_segmenter *user = kg_segmenter_new();
    CHECK(user != NULL);
    for (size_t f = 0; f < n_files && user; f++) {
        size_t len = 0;
        char *text;
        const char *why;
        if (kg_read_file(files[f], &text, &len, &why) == KG_OK) {
            n_read++;
            check_cuts_in(seg, text, len, &c);
            add_prefix_nouns(user, text, len);
            check_cuts_in(user, text, len, &cu);
            free(text);
        } else {
            check_skip(files[f], why);
        }
    }
    for (size_t f = 0; f < n_files; f++) free(files[f]);
    size_t user_nouns = kg_segmenter_lexicon_size(user) - kg_segmenter_lexicon_size(seg);
    kg_segmenter_free(user);
    CHECK_MSG(n_read == 0 || n_read >= 7, "read %zu of the UD files and articles", n_read);
    if (!n_read) return;
    printf("may_cut: %zu words; of %zu inner boundaries, %zu ruled out (kg_segment cut %zu "
           "of those), %zu may be cut; kg_segment cut %zu in all\n",
           c.words, c.never + c.may, c.never, c.never_but_cut, c.may, c.cut);
    /* not a test that cannot fail: thousands of boundaries are ruled out,
     * and kg_segment does cut thousands of the others */
    CHECK(c.never > 10000 && c.cut > 10000);
    CHECK(c.never_but_cut == 0);
    printf("may_cut with %zu more nouns: %zu ruled out (kg_segment cut %zu of those), "
           "%zu may be cut; kg_segment cut %zu in all\n",
           user_nouns, cu.never, cu.never_but_cut, cu.may, cu.cut);
    CHECK(cu.never > 10000 && cu.cut > 10000);
    CHECK(cu.never_but_cut == 0);
}

int main(void)
{
    seg = kg_segmenter_new();
    res = kg_result_new();
    if (!seg || !res) {
        printf("cannot make a segmenter\nRESULT 0 1\n");
        return 1;
    }
    RUN(test_required_splits);
    RUN(test_stem_rules);
    RUN(test_stem_rules_2);
    RUN(test_stem_rules_3);
    RUN(test_stem_rules_5);
    RUN(test_stem_rules_6);
    RUN(test_stem_rules_8);
    RUN(test_required_tags);
    RUN(test_noun_suffix_parts);
    RUN(test_punctuation);
    RUN(test_spaces_and_empty);
    RUN(test_nfd_offsets);
    RUN(test_fullwidth_and_compat);
    RUN(test_errors);
    RUN(test_big_inputs);
    RUN(test_units_across_tokens);
    RUN(test_add_word);
    RUN(test_shared_tables);
    RUN(test_corpus);
    RUN(test_may_cut_agrees);
    kg_result_free(res);
    kg_segmenter_free(seg);
    return check_finish();
}
