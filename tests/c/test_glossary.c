/* Glossaries: loading (TSV, CSV, errors), priorities, look-up, every
 * matching rule, offsets through normalisation, the real articles of
 * ../shared/corpus, and a property test against a slow reference. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kogloss.h"
#include "glossary.h"
#include "cpu.h"
#include "check.h"

/* ---- helpers ---- */

/* A glossary from TSV text (one batch); the test fails if it does not load. */
static kg_glossary *from_tsv(const char *tsv)
{
    kg_glossary *g = kg_glossary_new();
    int rc = kg_glossary_load_buffer(g, tsv, strlen(tsv), "test.tsv", KG_FORMAT_TSV, 0);
    CHECK_MSG(rc >= 0, "load failed: %s", kg_glossary_error(g));
    return g;
}

enum { SHOW_SURFACE, SHOW_TERM, SHOW_TERM_AT };

/* Hits of text[0, len) joined by spaces, each as "[surface]tail=term"
 * (SHOW_SURFACE), "term" (SHOW_TERM) or "term@start" (SHOW_TERM_AT). */
static const char *describe_hits(kg_glossary *g, const char *text, size_t len, int how)
{
    static char out[4096];
    kg_matches *m = kg_matches_new();
    int rc = kg_match(g, text, len, m);
    size_t n, k = 0;
    const kg_hit *h = kg_matches_hits(m, &n);
    out[0] = '\0';
    if (rc < 0) snprintf(out, sizeof out, "error %d", rc);
    for (size_t i = 0; rc >= 0 && i < n && k < sizeof out - 200; i++) {
        const char *term = kg_glossary_entry(g, h[i].entry)->term, *sep = i ? " " : "";
        if (how == SHOW_SURFACE)
            k += (size_t)snprintf(out + k, sizeof out - k, "%s[%.*s]%.*s=%s", sep,
                                  (int)(h[i].end - h[i].start), text + h[i].start,
                                  (int)(h[i].tail_end - h[i].end), text + h[i].end, term);
        else if (how == SHOW_TERM)
            k += (size_t)snprintf(out + k, sizeof out - k, "%s%s", sep, term);
        else
            k += (size_t)snprintf(out + k, sizeof out - k, "%s%s@%u", sep, term, h[i].start);
    }
    kg_matches_free(m);
    return out;
}

static const char *show(kg_glossary *g, const char *text)
{
    return describe_hits(g, text, strlen(text), SHOW_SURFACE);
}

#define EXPECT(g, text, want) CHECK_STR(show((g), (text)), (want))

static const char *AI_TSV =
    "term\taliases\tdefinition\tsource\tcategory\n"
    "딥시크\tDeepSeek\t중국 AI 기업.\thttps://www.deepseek.com\torganization\n"
    "강화 학습\tReinforcement Learning|RL\t보상으로 배우는 방법.\tSutton & Barto\ttechnique\n"
    "인간 피드백 기반 강화 학습\tRLHF\t사람 선호로 보상을 만든다.\tOuyang 2022\ttechnique\n"
    "오픈소스\topen source\t공개된 코드.\tOSI\tconcept\n"
    "활용\t\t쓰임.\t-\tconcept\n"
    "개발\t\t만듦.\t-\tconcept\n"
    "결과\t\t끝.\t-\tconcept\n"
    "AI\t인공지능|artificial intelligence\t기계 지능.\t-\tconcept\n"
    "LLM\t대규모 언어 모델|large language model\t큰 언어 모델.\t-\tmodel\n"
    "GPT-4\t\tOpenAI 모델.\t-\tmodel\n"
    "GPT\t\t생성형 사전학습 트랜스포머.\t-\tmodel\n"
    "H800\t\tGPU.\t-\thardware\n"
    "self-attention\t셀프 어텐션\t자기 주의.\tVaswani 2017\ttechnique\n"
    "전문가 혼합\tMixture of Experts|MoE\t전문가 여럿.\tShazeer 2017\ttechnique\n"
    "미세 조정\tfine-tuning|파인튜닝\t추가 학습.\t-\ttechnique\n";

/* ---- matching rules ---- */

TEST(test_particles_and_endings)
{
    kg_glossary *g = from_tsv(AI_TSV);
    EXPECT(g, "딥시크가", "[딥시크]가=딥시크");
    EXPECT(g, "강화학습으로", "[강화학습]으로=강화 학습");
    EXPECT(g, "강화학습만으로", "[강화학습]만으로=강화 학습");
    EXPECT(g, "활용하여", "[활용]하여=활용");
    EXPECT(g, "개발했다", "[개발]했다=개발");
    EXPECT(g, "오픈소스라고", "[오픈소스]라고=오픈소스");
    EXPECT(g, "결과가", "[결과]가=결과");
    EXPECT(g, "딥시크의 결과는 오픈소스다.", "[딥시크]의=딥시크 [결과]는=결과 [오픈소스]다=오픈소스");
    /* speech, stacked particles, quoting and listing after the copula */
    EXPECT(g, "강화학습은요", "[강화학습]은요=강화 학습");
    EXPECT(g, "딥시크도요", "[딥시크]도요=딥시크");
    EXPECT(g, "강화학습에서처럼", "[강화학습]에서처럼=강화 학습");
    EXPECT(g, "딥시크에게보다는", "[딥시크]에게보다는=딥시크");
    EXPECT(g, "오픈소스라면서", "[오픈소스]라면서=오픈소스");
    EXPECT(g, "강화학습이라든가", "[강화학습]이라든가=강화 학습");
    EXPECT(g, "딥시크라던", "[딥시크]라던=딥시크");
    EXPECT(g, "강화학습이네", "[강화학습]이네=강화 학습");
    EXPECT(g, "GPT에서처럼", "[GPT]에서처럼=GPT");
    kg_glossary_free(g);
}

TEST(test_spacing_both_ways)
{
    kg_glossary *g = from_tsv(AI_TSV);
    EXPECT(g, "강화 학습을", "[강화 학습]을=강화 학습");
    EXPECT(g, "강화학습을", "[강화학습]을=강화 학습");
    EXPECT(g, "강화  학습을", "[강화  학습]을=강화 학습");
    EXPECT(g, "미세조정과 미세 조정", "[미세조정]과=미세 조정 [미세 조정]=미세 조정");
    EXPECT(g, "전문가혼합(MoE)", "[전문가혼합]=전문가 혼합 [MoE]=전문가 혼합");
    /* a line break is no space inside a term */
    EXPECT(g, "강화\n학습", "");
    kg_glossary_free(g);
}

TEST(test_leftmost_longest)
{
    kg_glossary *g = from_tsv(AI_TSV);
    EXPECT(g, "인간 피드백 기반 강화 학습은", "[인간 피드백 기반 강화 학습]은=인간 피드백 기반 강화 학습");
    EXPECT(g, "GPT-4와 GPT", "[GPT-4]와=GPT-4 [GPT]=GPT");
    /* the longest candidate fails the boundary rule, a shorter one holds */
    EXPECT(g, "GPT-4o는", "[GPT]=GPT");
    kg_glossary_free(g);
}

TEST(test_token_starts_and_longer_words)
{
    kg_glossary *g = from_tsv(AI_TSV);
    EXPECT(g, "비오픈소스", "");          /* not at a token start */
    EXPECT(g, "(오픈소스)", "[오픈소스]=오픈소스");
    EXPECT(g, "'딥시크'가", "[딥시크]=딥시크");
    /* characters whose lead byte alone does not tell (EA, ED leads, other
     * scripts): a Yi syllable (U+A000) is a symbol and breaks, a Jamo
     * Extended-B letter (U+D7B0) and 가/힣 at the Hangul edges do not */
    EXPECT(g, "\xEA\x80\x80" "AI", "[AI]=AI");
    EXPECT(g, "\xED\x9E\xB0" "AI", "");
    EXPECT(g, "\xED\x9E\xA4" "AI", "[AI]=AI"); /* U+D7A4, past 힣: a symbol */
    EXPECT(g, "가AI 힣AI “AI”", "[AI]=AI");
    /* token starts on every side of the scanner's 16-byte blocks */
    char text[256];
    for (size_t pad = 0; pad < 40; pad++) {
        memset(text, 'x', pad);
        strcpy(text + pad, " 딥시크가 x-AI·AI");
        EXPECT(g, text, "[딥시크]가=딥시크 [AI]=AI [AI]=AI");
    }
    kg_glossary_free(g);
    /* a term inside a longer noun the segmenter does not split */
    g = from_tsv("강화\t\t세게 함.\t-\n");
    EXPECT(g, "강화학습으로", "");
    EXPECT(g, "강화하여", "[강화]하여=강화");
    kg_glossary_free(g);
    g = from_tsv("나\t\t1인칭.\t-\n");
    EXPECT(g, "나라가", "");                /* 나라 is a word of its own */
    EXPECT(g, "나는", "[나]는=나");
    kg_glossary_free(g);
    /* a noun suffix is a segment of its own: the term ends before it */
    g = from_tsv("모델\t\t본.\t-\n기술\t\t재주.\t-\n");
    EXPECT(g, "모델들은 기술적인", "[모델]들은=모델 [기술]적인=기술");
    kg_glossary_free(g);
    /* the same where the term's path crossed a blank: the eojeol starts
     * inside the term, and the lexicon is asked apart from the forms */
    g = from_tsv("AI 나\t\t이름.\t-\n");
    EXPECT(g, "AI 나라", "");
    EXPECT(g, "AI 나는", "[AI 나]는=AI 나");
    kg_glossary_free(g);
}

/* The segmenter's answers are remembered per eojeol: a remembered answer,
 * a fresh one and one for an eojeol too long to remember must agree, also
 * where the term ends past byte 64 of its eojeol. */
TEST(test_word_memo)
{
#define LONG_NAME "가나다라마바사아자차카타파하거너더러머버서어" /* 66 bytes */
    kg_glossary *g = from_tsv("실제\t\t참.\t-\n" LONG_NAME "\t\t긴 이름.\t-\n");
    for (int round = 0; round < 2; round++) {
        /* 실제로 is an adverb: the segmenter decides, and splits 로는 off */
        EXPECT(g, "실제로는 실제로 실제로는", "[실제]로는=실제 [실제]로는=실제");
        /* Latin after a particle: the segmenter decides, and keeps 와AI
         * together, in a short eojeol and in one past the memo's keys */
        EXPECT(g, "실제와AI " LONG_NAME "와AI", "");
        EXPECT(g, LONG_NAME "와 " LONG_NAME "AI", "[" LONG_NAME "]와=" LONG_NAME " [" LONG_NAME "]=" LONG_NAME);
    }
    kg_glossary_free(g);
#undef LONG_NAME
}

/* Does the character at s[i] break tokens, as the scanners define it? */
static int ref_breaks(const unsigned char *s, size_t i, size_t *cl)
{
    uint32_t cp = kg_decode(s + i, cl);
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
    return !kg_is_syllable(cp) && kg_token_break(cp);
}

/* Random texts of characters that the block scanners tell apart in
 * different ways, in buffers of their own (ASan sees any read past them):
 * kg_tokens (with kg_tokens_skip_to), kg_next_break and
 * kg_fold_first_unsafe agree with a character-by-character reference on
 * every path, with starts on every side of the 16-, 32- and 64-byte
 * blocks. */
static int token_paths_agree(const kg_fold *fold, uint32_t *x)
{
    static const char *const pieces[] = {
        "a", "Z", "7", " ", ",", "-", "\n", "한", "국", "가", "힣",
        "\xEA\xB0\x80",     /* 가, EA B0 */
        "\xED\x9E\xA3",     /* 힣, ED 9E: decided one by one */
        "\xED\x9E\xA4",     /* U+D7A4, a symbol after 힣 */
        "\xED\x9E\xB0",     /* U+D7B0, jamo: no break */
        "\xEA\x80\x80",     /* U+A000, Yi: a symbol */
        "\xE2\x80\x9C",     /* “ */
        "\xC2\xB7",         /* · */
        "\xC3\xA9",         /* é */
        "\xE4\xB8\xAD",     /* 中 */
        "\xF0\x9F\x98\x80", /* emoji */
        "\xE1\x84\x83",     /* conjoining jamo: unsafe for folding */
        "\xEF\xAC\x81",     /* ﬁ: unsafe */
    };
    unsigned char tmp[400];
    size_t n = 0, want = (*x >> 4) % 300;
    while (n < want) {
        *x ^= *x << 13; *x ^= *x >> 17; *x ^= *x << 5;
        unsigned r = *x % 100;
        /* mostly Hangul and ASCII letters, as in real text */
        const char *p = r < 40 ? "한" : r < 55 ? "a" : r < 68 ? " " :
                        pieces[(*x >> 8) % (sizeof pieces / sizeof pieces[0])];
        if (r >= 68 && r < 75 && ((*x >> 16) & 7) != 0) p = "\xE2\x80\x9C";
        size_t l = strlen(p);
        memcpy(tmp + n, p, l);
        n += l;
    }
    unsigned char *s = malloc(n ? n : 1);
    memcpy(s, tmp, n);
    int ok = 1;
    /* the reference: breaks and starts at character starts */
    unsigned char brk[400] = {0}, start[400] = {0}, lead[400] = {0};
    for (size_t i = 0, cl, prev = 1; i < n; i += cl) {
        lead[i] = 1;
        brk[i] = (unsigned char)ref_breaks(s, i, &cl);
        start[i] = !brk[i] && prev;
        prev = brk[i];
    }
    for (size_t i = 0; i < n && ok; i++) {
        if (!lead[i]) continue;
        size_t b = i;
        while (b < n && !(lead[b] && brk[b])) b++;
        ok = kg_next_break(s, n, i) == b;
    }
    /* token starts a block at a time, skipping now and then to a break as
     * the matcher does */
    kg_tokens t;
    kg_tokens_init(&t, s, n, 0, fold);
    size_t expect = 0, base;
    uint64_t taken, pairs;
    while (ok && (taken = kg_tokens_take_block(&t, &base, &pairs))) {
        /* two syllables surely start at every pair bit, and every such
         * place in the block whose second lead is in it too has one */
        for (unsigned k = 0; k < 64 && ok; k++) {
            size_t i = base + k;
            int pair_here = k + 3 < 64 && i + 3 < n && lead[i] && lead[i + 3] &&
                       kg_syllable_lead_at(s, i) && kg_syllable_lead_at(s, i + 3);
            ok = (int)((pairs >> k) & 1) == pair_here;
        }
        while (ok && taken) {
            size_t got = base + (size_t)__builtin_ctzll(taken);
            taken &= taken - 1;
            while (expect < n && !start[expect]) expect++;
            ok = got == expect;
            expect = got + 1;
            *x ^= *x << 13; *x ^= *x >> 17; *x ^= *x << 5;
            if (*x % 3 == 0) {
                size_t to = got, cl;
                for (unsigned k = (*x >> 8) % 4; k > 0 && to < n; k--) {
                    kg_decode(s + to, &cl);
                    to += cl;
                }
                to = kg_next_break(s, n, to);
                kg_tokens_skip_taken(&t, &taken, base, to);
                expect = to;
            }
        }
    }
    while (expect < n && !start[expect]) expect++;
    ok = ok && expect >= n;
    /* the blocks sorted hold every character, skipped starts or not:
     * the tokens saw the first one that needs ICU */
    size_t first_unsafe = kg_fold_first_unsafe(fold, s, n);
    ok = ok && t.unsafe == (first_unsafe < n ? first_unsafe : SIZE_MAX);
    /* the first unsafe character for folding, from every offset */
    for (size_t i = 0; i < n && ok; i++) {
        if (!lead[i]) continue;
        size_t u = i;
        for (size_t cl; u < n; u += cl) {
            uint32_t cp = kg_decode(s + u, &cl);
            if (cp >= 0x80 && !kg_is_syllable(cp) && !kg_fold_is_safe(fold, cp)) break;
        }
        ok = i + kg_fold_first_unsafe(fold, s + i, n - i) == u;
    }
    free(s);
    return ok;
}

/* The noun tails' automaton the library links (written at make time) is
 * the one the tail inventory gives at run time, slot for slot. */
TEST(test_noun_tails_image_current)
{
    CHECK(kg_noun_tails_image.n_slots > 0);
    const kg_dat *shared = kg_noun_tails_shared();
    CHECK(shared != NULL);
    if (!shared) return;
    CHECK(shared->units == kg_noun_tails_image.units);
    kg_dat d;
    CHECK_EQ_INT(kg_noun_tails_build(&d, kg_tails_shared()), KG_OK);
    CHECK(d.bases == d.units);
    CHECK_EQ_INT((int)d.n_slots, (int)shared->n_slots);
    CHECK_EQ_INT((int)d.n_blocks, (int)shared->n_blocks);
    CHECK_EQ_INT((int)d.base_shift, (int)shared->base_shift);
    CHECK_EQ_INT((int)d.label_mask, (int)shared->label_mask);
    CHECK_EQ_INT((int)d.n_codes, (int)shared->n_codes);
    if (d.n_slots == shared->n_slots && d.n_blocks == shared->n_blocks) {
        CHECK(memcmp(d.units, shared->units, d.n_slots * sizeof *d.units) == 0);
        CHECK(memcmp(d.values, shared->values, d.n_slots * sizeof *d.values) == 0);
        CHECK(memcmp(d.pages, shared->pages, KG_DAT_N_PAGES * sizeof *d.pages) == 0);
        CHECK(memcmp(d.blocks, shared->blocks, (d.n_blocks << 8) * sizeof *d.blocks) == 0);
    }
    kg_dat_free(&d);
}

/* Every prefix of a noun tail, found by a depth-first walk over every code
 * of the noun tails' automaton (not the way grow_filter.c walks it). */
static void noun_tail_prefixes(const kg_dat *t, const uint32_t *cp_of_code, int32_t node,
                               char *key, size_t len, kg_strset *out)
{
    int is_new;
    if (len) kg_strset_upsert(out, key, len, &is_new);
    if (len + 3 > 3 * KG_TAIL_MAX_SYLLABLES) return;
    for (uint32_t code = 1; code <= t->n_codes; code++) {
        int32_t child = kg_dat_child(t, node, code);
        if (child < 0 || !cp_of_code[code]) continue;
        kg_encode(cp_of_code[code], key + len);
        noun_tail_prefixes(t, cp_of_code, child, key, len + 3, out);
    }
}

/* The grow filter never says "no" to a lexicon word's start that runs one
 * syllable into something that begins a noun tail (else a term after a
 * blank would match inside a longer word: AI 나라), and says "no" to
 * nearly everything else. */
TEST(test_grow_filter)
{
    const kg_dat *tails = kg_noun_tails_shared();
    kg_segmenter *seg = kg_segmenter_new();
    CHECK(tails && seg);
    if (!tails || !seg) return;
    /* user words too, as a glossary teaches them */
    const char *user[] = {"딥시크", "강화학습", "미세조정", "나라이름"};
    for (size_t i = 0; i < sizeof user / sizeof *user; i++)
        kg_segmenter_add_word(seg, user[i], strlen(user[i]), KG_WORD_NOUN);
    const kg_strset *lex = kg_segmenter_lexicon(seg);
    kg_grow_filter f = {0};
    CHECK_EQ_INT(kg_grow_filter_build(&f, lex, tails), KG_OK);

    uint32_t *cp_of_code = calloc(tails->n_codes + 1, sizeof *cp_of_code);
    for (uint32_t cp = KG_HANGUL_FIRST; cp <= KG_HANGUL_LAST; cp++)
        cp_of_code[kg_dat_code(tails, cp)] = cp;
    cp_of_code[0] = 0;
    kg_strset prefixes;
    kg_strset_init(&prefixes);
    char key[3 * KG_TAIL_MAX_SYLLABLES + 4];
    noun_tail_prefixes(tails, cp_of_code, 0, key, 0, &prefixes);
    CHECK(prefixes.n_entries > 1000);

    size_t keys = 0, missed = 0;
    for (size_t i = 0; i < lex->n_entries; i++) {
        const kg_strset_entry *e = &lex->entries[i];
        if (!(e->value & KG_LEX_CONTINUES)) continue;
        const char *w = kg_strset_key(lex, e);
        for (size_t cut = 3; cut < e->key_len; cut += 3) {
            if (!kg_strset_find(&prefixes, w + cut, e->key_len - cut)) continue;
            keys++;
            if (!kg_grow_filter_may_grow(&f, w, cut + 3) && missed++ < 3)
                CHECK_MSG(0, "no for %.*s+%.3s", (int)cut, w, w + cut);
        }
    }
    CHECK_EQ_INT(missed, 0);
    CHECK(keys > 5000 && keys == f.n_stems);
    CHECK(kg_grow_filter_may_grow(&f, "나라", strlen("나라"))); /* 나 + 라(고), 나라 */

    /* three random syllables: nearly never a word's start */
    uint32_t x = 12345, yes = 0, asked = 20000;
    for (uint32_t k = 0; k < asked; k++) {
        char s[9];
        for (int j = 0; j < 3; j++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            kg_encode(KG_HANGUL_FIRST + x % (KG_HANGUL_LAST - KG_HANGUL_FIRST + 1), s + 3 * j);
        }
        yes += (uint32_t)kg_grow_filter_may_grow(&f, s, 9);
    }
    CHECK_MSG(yes < asked / 20, "%u of %u random starts pass", yes, asked);

    kg_strset_clear(&prefixes);
    free(cp_of_code);
    kg_grow_filter_free(&f);
    kg_segmenter_free(seg);
}

/* The tails' head bits let kg_tails_lookup say "no" without the hash
 * look-up: every tail must still be found, and most strings that start
 * with two random syllables must be turned away by the bits alone. */
TEST(test_tail_heads)
{
    const kg_tails *t = kg_tails_shared();
    CHECK(t != NULL);
    if (!t) return;
    size_t missed = 0, headed = 0;
    for (size_t i = 0; i < t->index.n_entries; i++) {
        const kg_strset_entry *e = &t->index.entries[i];
        const char *key = kg_strset_key(&t->index, e);
        headed += kg_tails_head_slot(key, e->key_len) >= 0;
        if (!kg_tails_lookup(t, key, e->key_len) && missed++ < 3)
            CHECK_MSG(0, "tail %.*s not found", (int)e->key_len, key);
    }
    CHECK_EQ_INT(missed, 0);
    CHECK(headed > t->index.n_entries / 2);
    size_t set = 0, words = sizeof t->heads / sizeof *t->heads;
    for (size_t i = 0; i < words; i++) set += (size_t)__builtin_popcountll(t->heads[i]);
    uint32_t x = 2463534242u, pass = 0, slotted = 0, asked = 20000;
    for (uint32_t k = 0; k < asked; k++) {
        char s[8] = {0}; /* kg_decode may read a character's four bytes */
        for (int j = 0; j < 2; j++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            kg_encode(KG_HANGUL_FIRST + x % (KG_HANGUL_LAST - KG_HANGUL_FIRST + 1), s + 3 * j);
        }
        slotted += kg_tails_head_slot(s, 6) >= 0;
        pass += (uint32_t)kg_tails_may_head(t, s, 6);
    }
    printf("tail heads: %zu of %zu bits set; %u of %u random pairs pass\n", set, words * 64,
           pass, asked);
    CHECK_EQ_INT(slotted, asked);
    CHECK_MSG(pass < asked / 5, "%u of %u random pairs pass", pass, asked);
}

/* The tail inventory the library links (written at make time) is the one
 * tails.c generates at run time, entry for entry, and the shared one reads
 * it in place. */
TEST(test_tails_image_current)
{
    const kg_tails_image *im = &kg_tail_inventory_image;
    CHECK(im->n_entries > 0);
    const kg_tails *shared = kg_tails_shared();
    CHECK(shared != NULL);
    if (!shared) return;
    CHECK(shared->items == im->items && shared->index.pool == im->pool);
    kg_tails t;
    CHECK_EQ_INT(kg_tails_build(&t), KG_OK);
    CHECK_EQ_INT((int)t.index.n_entries, (int)im->n_entries);
    CHECK_EQ_INT((int)t.index.n_slots, (int)im->n_slots);
    CHECK_EQ_INT((int)t.index.pool_len, (int)im->pool_len);
    CHECK_EQ_INT((int)t.n_items, (int)im->n_items);
    if (t.index.n_entries == im->n_entries && t.index.n_slots == im->n_slots &&
        t.index.pool_len == im->pool_len && t.n_items == im->n_items) {
        CHECK(memcmp(t.index.slots, im->slots, im->n_slots * sizeof *im->slots) == 0);
        CHECK(memcmp(t.index.entries, im->entries, im->n_entries * sizeof *im->entries) == 0);
        CHECK(memcmp(t.index.pool, im->pool, im->pool_len) == 0);
        CHECK(memcmp(t.starts, im->starts, sizeof t.starts) == 0);
        CHECK(memcmp(t.heads, im->heads, sizeof t.heads) == 0);
        /* field by field: the padding of kg_tail is unspecified */
        size_t differ = 0;
        for (size_t i = 0; i < im->n_items; i++) {
            const kg_tail *a = &t.items[i], *b = &im->items[i];
            int same = a->cond == b->cond && a->host == b->host && a->n_parts == b->n_parts &&
                       a->syllables == b->syllables && a->score == b->score && a->next == b->next;
            for (unsigned k = 0; same && k < a->n_parts; k++)
                same = a->part_len[k] == b->part_len[k] && a->part_tag[k] == b->part_tag[k];
            differ += !same;
        }
        CHECK_MSG(differ == 0, "%zu of %zu analyses differ", differ, im->n_items);
    }
    /* and a look-up through the shared copy finds what the built one does */
    CHECK(kg_tails_lookup(shared, "에서는", strlen("에서는")) != NULL);
    CHECK(kg_tails_lookup(shared, "딥시크", strlen("딥시크")) == NULL);
    kg_tails_free(&t);
}

/* An array grown past the size where it moves to a mapping of its own
 * keeps its items, and so do the hits of a text with hundreds of
 * thousands of them; a reused kg_matches starts empty. */
TEST(test_large_arrays)
{
    uint32_t *a = NULL;
    size_t cap = 0, mapped = 0, n = (size_t)3 << 20;
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        ok = kg_grow_large((void **)&a, &cap, i + 1, sizeof *a, 16, &mapped) == KG_OK;
        if (ok) a[i] = (uint32_t)(i * 2654435761u);
    }
    CHECK(ok && cap >= n);
    for (size_t i = 0; i < n && ok; i++) ok = a[i] == (uint32_t)(i * 2654435761u);
    CHECK_MSG(ok, "items lost while the array grew");
#ifdef __linux__
    CHECK_MSG(mapped >= n * sizeof *a, "a 12 MB array is not mapped (%zu)", mapped);
#endif
    kg_grow_large_free(a, mapped);

    kg_glossary *g = from_tsv(AI_TSV);
    const char *unit = "AI를 ";
    size_t reps = 300000, ul = strlen(unit);
    char *text = malloc(reps * ul);
    for (size_t i = 0; i < reps; i++) memcpy(text + i * ul, unit, ul);
    kg_matches *m = kg_matches_new();
    CHECK_EQ_INT(kg_match(g, text, reps * ul, m), (int)reps);
    size_t nh;
    const kg_hit *h = kg_matches_hits(m, &nh);
    ok = nh == reps;
    for (size_t i = 0; i < nh && ok; i++)
        ok = h[i].start == i * ul && h[i].end == i * ul + 2 && h[i].tail_end == i * ul + 5;
    CHECK_MSG(ok, "the hits of a long text moved or changed");
    CHECK_EQ_INT(kg_match(g, "AI", 2, m), 1);
    kg_matches_free(m);
    free(text);
    kg_glossary_free(g);
}

TEST(test_token_starts_every_path)
{
    static kg_fold fold;
    CHECK_EQ_INT(kg_fold_init(&fold), KG_OK);
    kg_glossary *g = from_tsv(AI_TSV);
    char text[256];
    for (int level = kg_simd_best(); level >= KG_SIMD_SCALAR; level--) {
        CHECK_EQ_INT(kg_simd_set_level(level), level);
        uint32_t x = 2463534242u;
        int bad = 0;
        for (int iter = 0; iter < 3000; iter++) bad += !token_paths_agree(&fold, &x);
        CHECK_MSG(bad == 0, "path %d: %d random texts disagree with the reference", level, bad);
        for (size_t pad = 0; pad < 70; pad++) {
            memset(text, 'x', pad);
            strcpy(text + pad, " 딥시크가 x-AI·AI “AI”");
            EXPECT(g, text, "[딥시크]가=딥시크 [AI]=AI [AI]=AI [AI]=AI");
        }
    }
    kg_simd_set_level(-1);
    kg_glossary_free(g);
}

TEST(test_latin_rules)
{
    kg_glossary *g = from_tsv(AI_TSV);
    EXPECT(g, "RLHF와 URL", "[RLHF]와=인간 피드백 기반 강화 학습");
    EXPECT(g, "OpenAI의 AI", "[AI]=AI");
    EXPECT(g, "ai, Ai, ＡＩ", "[ai]=AI [Ai]=AI [ＡＩ]=AI");
    EXPECT(g, "Self Attention과 self-attention", "[Self Attention]과=self-attention [self-attention]=self-attention");
    EXPECT(g, "SELF - ATTENTION", "[SELF - ATTENTION]=self-attention");
    EXPECT(g, "AI를 LLM의 GPT-4급 H800으로도", "[AI]를=AI [LLM]의=LLM [GPT-4]급=GPT-4 [H800]으로도=H800");
    EXPECT(g, "H8000 GPT4 RLs", "");
    EXPECT(g, "GPT-40", "[GPT]=GPT");        /* hyphen = space: GPT is a word */
    EXPECT(g, "AI반도체", "[AI]=AI");       /* a noun follows: no tail */
    /* a noun suffix after a name, alone or before a tail */
    EXPECT(g, "AI들이 GPT-4급으로 AI들반도체", "[AI]들이=AI [GPT-4]급으로=GPT-4 [AI]=AI");
    EXPECT(g, "Mixture-of-Experts 구조", "[Mixture-of-Experts]=전문가 혼합");
    kg_glossary_free(g);
}

TEST(test_offsets_through_normalisation)
{
    kg_glossary *g = from_tsv(AI_TSV);
    /* 딥시크가 with 딥 and 시 decomposed into conjoining jamo */
    const char *nfd = "x \xE1\x84\x83\xE1\x85\xB5\xE1\x86\xB8\xE1\x84\x89\xE1\x85\xB5크가 끝";
    kg_matches *m = kg_matches_new();
    CHECK_EQ_INT(kg_match(g, nfd, strlen(nfd), m), 1);
    size_t n;
    const kg_hit *h = kg_matches_hits(m, &n);
    CHECK_EQ_INT(h[0].start, 2);
    CHECK_EQ_INT(h[0].end, 2 + 15 + 3);       /* 5 jamo + 크 */
    CHECK_EQ_INT(h[0].tail_end, 2 + 15 + 3 + 3);
    /* full-width Latin and an NFKC ligature elsewhere on the line */
    const char *wide = "ＤｅｅｐＳｅｅｋ가 ﬁne";
    CHECK_EQ_INT(kg_match(g, wide, strlen(wide), m), 1);
    h = kg_matches_hits(m, &n);
    CHECK_EQ_INT(h[0].start, 0);
    CHECK_EQ_INT(h[0].end, 8 * 3);
    CHECK_EQ_INT(h[0].tail_end, 8 * 3 + 3);
    /* a line that needs ICU between plain lines keeps everyone's offsets */
    const char *mixed = "딥시크가\n…AI를\nRL로";
    CHECK_STR(show(g, mixed), "[딥시크]가=딥시크 [AI]를=AI [RL]로=강화 학습");
    /* characters folding deletes (zero-width space, soft hyphen,
     * variation selector 16) right after a term stay outside its span */
    CHECK_STR(show(g, "AI\u200B 딥시크\u200B가 AI\u00AD를 AI\uFE0F"),
              "[AI]=AI [딥시크]\u200B가=딥시크 [AI]\u00AD를=AI [AI]=AI");
    kg_matches_free(m);
    kg_glossary_free(g);
}

/* The scan finds the lines that need ICU itself, in the blocks it sorts,
 * including those whose starts a hit skips: with such a character at
 * any offset around the first block boundaries, alone or inside a hit's
 * eojeol, the terms found are those of the text folded by ICU first, and
 * the hits before that line keep their offsets. */
TEST(test_lines_needing_icu_found_in_place)
{
    kg_glossary *g = from_tsv(AI_TSV);
    kg_norm *norm = kg_norm_new();
    static const char *const bad[] = {
        "\xEF\xAC\x81",         /* ﬁ */
        "\xE1\x86\xA8",         /* a final jamo: joins the syllable before */
        "\xE1\x84\x83\xE1\x85\xB5", /* 디 in conjoining jamo */
    };
    /* one bad character a line: right after a term, or after its tail */
    static const char *const line[] = {" AI를 오픈소스라고 딥시크%s가 RL로\n딥시크가 끝",
                                       " AI를 오픈소스라고 딥시크가%s RL로\n딥시크가 끝"};
    char text[512], want[4096];
    for (size_t b = 0; b < 2 * sizeof bad / sizeof *bad; b++) {
        for (size_t pad = 0; pad < 140; pad++) {
            memset(text, 'x', pad);
            snprintf(text + pad, sizeof text - pad, line[b & 1], bad[b >> 1]);
            size_t len = strlen(text);
            /* the reference: the bad line folded by ICU, the others as they are */
            size_t nl = (size_t)(strchr(text, '\n') - text);
            CHECK_EQ_INT(kg_normalize(norm, KG_NFKC_CASEFOLD, text, nl), KG_OK);
            size_t fl;
            const char *folded = kg_norm_text(norm, &fl);
            char ref[512];
            memcpy(ref, folded, fl);
            strcpy(ref + fl, text + nl);
            /* offsets differ after the bad character: compare terms only */
            strcpy(want, describe_hits(g, ref, strlen(ref), SHOW_TERM));
            const char *got = describe_hits(g, text, len, SHOW_TERM);
            CHECK_MSG(!strcmp(got, want), "bad %zu pad %zu: %s, want %s", b, pad, got, want);
            /* the first hit (AI, before any bad character) keeps its offset */
            char first[32];
            snprintf(first, sizeof first, "AI@%zu ", pad + 1);
            got = describe_hits(g, text, len, SHOW_TERM_AT);
            CHECK_MSG(!strncmp(got, first, strlen(first)), "bad %zu pad %zu: %s", b, pad, got);
        }
    }
    kg_norm_free(norm);
    kg_glossary_free(g);
}

TEST(test_bad_text)
{
    kg_glossary *g = from_tsv(AI_TSV);
    kg_matches *m = kg_matches_new();
    CHECK_EQ_INT(kg_match(g, "AI \xFF", 4, m), KG_ERR_UTF8);
    CHECK_EQ_INT(kg_matches_error_offset(m), 3);
    CHECK_EQ_INT(kg_match(g, "AI\0x", 4, m), KG_ERR_NUL);
    CHECK_EQ_INT(kg_match(g, "", 0, m), 0);
    CHECK_EQ_INT(kg_match(NULL, "x", 1, m), KG_ERR_ARG);
    /* a long line is linear: 4 MB of terms and particles */
    size_t unit = strlen("딥시크가 "), reps = 4000000 / unit;
    char *big = malloc(unit * reps + 1);
    for (size_t i = 0; i < reps; i++) memcpy(big + i * unit, "딥시크가 ", unit);
    CHECK_EQ_INT(kg_match(g, big, unit * reps, m), (int)reps);
    free(big);
    kg_matches_free(m);
    kg_glossary_free(g);
}

/* ---- loading ---- */

static void expect_error(const char *data, kg_glossary_format f, const char *want)
{
    kg_glossary *g = kg_glossary_new();
    int rc = kg_glossary_load_buffer(g, data, strlen(data), "g.txt", f, 0);
    CHECK_MSG(rc < 0, "loaded although it should fail with %s", want);
    CHECK_MSG(strstr(kg_glossary_error(g), want) != NULL, "error \"%s\" lacks \"%s\"",
              kg_glossary_error(g), want);
    CHECK_EQ_INT(kg_glossary_size(g), 0); /* nothing half-loaded */
    kg_glossary_free(g);
}

TEST(test_malformed_files)
{
    expect_error("a\tb\tc\td\ne\tf\n", KG_FORMAT_TSV, "g.txt:2: expected 4 to 6 columns");
    expect_error("a\tb\tc\td\te\tf\tg\n", KG_FORMAT_TSV, "g.txt:1: expected 4 to 6 columns");
    expect_error("a\t\t\t\n\t\tdef\tsrc\n", KG_FORMAT_TSV, "g.txt:2: empty term");
    expect_error("# c\nAI\t\tx\t-\nai\t\ty\t-\n", KG_FORMAT_TSV, "g.txt:3: duplicate term 'ai' (first defined at line 2)");
    expect_error("강화 학습\t\tx\t-\n강화학습\t\ty\t-\n", KG_FORMAT_TSV, "g.txt:2: duplicate term");
    expect_error("AI\tA.I.\tx\t-\nB\tai\ty\t-\n", KG_FORMAT_TSV, "g.txt:2: 'ai' is also a form of 'AI' (line 1)");
    expect_error("ok\t\tx\t-\n\xC3\x28\t\tx\t-\n", KG_FORMAT_TSV, "g.txt:2: invalid UTF-8 at byte 9");
    expect_error("a,b,c,\"d\n", KG_FORMAT_CSV, "g.txt:1: unterminated quoted field (opened at line 1)");
    expect_error("a,b,c,d\na,b\"x,c,d\n", KG_FORMAT_CSV, "g.txt:2: quote inside an unquoted field");
    expect_error("a,\"b\"x,c,d\n", KG_FORMAT_CSV, "g.txt:1: text after a closing quote");
    expect_error("a,b,c\n", KG_FORMAT_CSV, "g.txt:1: expected 4 to 6 columns");
    expect_error("---\t\tx\t-\n", KG_FORMAT_TSV, "empty term");
    /* forms no text can hold: no letter or digit, or across lines */
    expect_error("AI\t\tx\t-\n()\t\tx\t-\n", KG_FORMAT_TSV,
                 "g.txt:2: term '()' has no letters or digits");
    expect_error("AI\t→ | 인공지능\tx\t-\n", KG_FORMAT_TSV,
                 "g.txt:1: alias '→' has no letters or digits");
    expect_error("AI,,x,-\n\"강화\n학습\",,y,-\n", KG_FORMAT_CSV,
                 "g.txt:2: term '강화\n학습' has a line break");
    expect_error("C#,\"C\r\nSharp\",x,-\n", KG_FORMAT_CSV, "g.txt:1: alias 'C\r\nSharp' has a line break");
    /* a missing file names the file */
    kg_glossary *g = kg_glossary_new();
    CHECK_EQ_INT(kg_glossary_load_file(g, "/nonexistent/g.tsv", 0), KG_ERR_IO);
    CHECK(strstr(kg_glossary_error(g), "/nonexistent/g.tsv: ") == kg_glossary_error(g));
    /* an error leaves what was loaded before intact */
    CHECK_EQ_INT(kg_glossary_load_buffer(g, "AI\t\tx\t-\n", 8, "a", KG_FORMAT_TSV, 0), 1);
    CHECK(kg_glossary_load_buffer(g, "LLM\t\tx\t-\nbad\n", 14, "b", KG_FORMAT_TSV, 0) < 0);
    CHECK_EQ_INT(kg_glossary_size(g), 1);
    EXPECT(g, "AI와 LLM", "[AI]와=AI");
    kg_glossary_free(g);
}

TEST(test_formats)
{
    /* BOM, header, comments, blank lines, CRLF, 4 to 6 columns */
    const char *tsv = "\xEF\xBB\xBFterm\taliases\tdefinition\tsource\r\n"
                      "# comment\r\n\r\n"
                      "딥시크\tDeepSeek | 深度求索\t중국 AI 기업.\ta | b\r\n"
                      "AI\t\t지능.\t-\tconcept\t긴 설명.\r\n";
    kg_glossary *g = kg_glossary_new();
    CHECK_EQ_INT(kg_glossary_load_buffer(g, tsv, strlen(tsv), "t", KG_FORMAT_TSV, 0), 2);
    const kg_entry *e = kg_glossary_entry(g, 0);
    CHECK_STR(e->term, "딥시크");
    CHECK_EQ_INT(e->n_aliases, 2);
    CHECK_STR(e->aliases[1], "深度求索");
    CHECK_EQ_INT(e->n_sources, 2);
    CHECK_STR(e->sources[1], "b");
    CHECK_EQ_INT(e->line, 4);
    CHECK_STR(e->category, "");
    e = kg_glossary_entry(g, 1);
    CHECK_STR(e->category, "concept");
    CHECK_STR(e->description, "긴 설명.");
    CHECK_STR(kg_glossary_entry_origin(g, 1), "t");
    kg_glossary_free(g);
    /* RFC 4180: commas, quotes and a line break inside quoted fields */
    const char *csv = "term,aliases,definition,source\r\n"
                      "\"전문가 혼합\",\"MoE|Mixture of Experts\",\"여러 \"\"전문가\"\", 하나의 게이트\",\"Shazeer, 2017\"\r\n"
                      "LLM,,\"두 줄\n설명\",-\n"
                      "RAG,,검색 증강,-\n";
    g = kg_glossary_new();
    CHECK_EQ_INT(kg_glossary_load_buffer(g, csv, strlen(csv), "c", KG_FORMAT_CSV, 0), 3);
    CHECK_STR(kg_glossary_entry(g, 0)->definition, "여러 \"전문가\", 하나의 게이트");
    CHECK_STR(kg_glossary_entry(g, 0)->sources[0], "Shazeer, 2017");
    CHECK_STR(kg_glossary_entry(g, 1)->definition, "두 줄\n설명");
    CHECK_EQ_INT(kg_glossary_entry(g, 2)->line, 5);
    EXPECT(g, "MoE와 RAG를", "[MoE]와=전문가 혼합 [RAG]를=RAG");
    kg_glossary_free(g);
}

TEST(test_priorities_and_lookup)
{
    kg_glossary *g = kg_glossary_new();
    const char *shared_aliases[] = {"DeepSeek", "深度求索"};
    kg_entry shared = {.term = "딥시크", .aliases = shared_aliases, .n_aliases = 2,
                       .definition = "shared"};
    kg_entry user = {.term = "딥 시크", .definition = "user"};
    kg_entry low = {.term = "딥시크", .definition = "low"};
    CHECK_EQ_INT(kg_glossary_add(g, &shared, 1, "shared", 0), 1);
    CHECK_EQ_INT(kg_glossary_add(g, &user, 1, "user", 0), 1);   /* later wins */
    CHECK_EQ_INT(kg_glossary_add(g, &low, 1, "low", -5), 1);    /* lower loses */
    CHECK_EQ_INT(kg_glossary_size(g), 1);
    size_t i = 99;
    CHECK_EQ_INT(kg_glossary_lookup(g, "DEEPSEEK", 8, &i), 1);  /* lent alias */
    CHECK_STR(kg_glossary_entry(g, i)->definition, "user");
    CHECK_EQ_INT(kg_glossary_lookup(g, "딥시크", strlen("딥시크"), &i), 1);
    CHECK_STR(kg_glossary_entry_origin(g, i), "user");
    CHECK_EQ_INT(kg_glossary_lookup(g, "ｄｅｅｐｓｅｅｋ", strlen("ｄｅｅｐｓｅｅｋ"), &i), 1);
    CHECK_EQ_INT(kg_glossary_lookup(g, "deep seek", 9, &i), 0);
    CHECK_EQ_INT(kg_glossary_lookup(g, "\xFF", 1, &i), KG_ERR_UTF8);
    EXPECT(g, "DeepSeek와 딥시크", "[DeepSeek]와=딥 시크 [딥시크]=딥 시크");
    /* an explicit higher priority wins whatever the order */
    kg_entry high = {.term = "딥시크", .definition = "high"};
    kg_entry later = {.term = "딥시크", .definition = "later"};
    CHECK_EQ_INT(kg_glossary_add(g, &high, 1, "high", 10), 1);
    CHECK_EQ_INT(kg_glossary_add(g, &later, 1, "later", 0), 1);
    CHECK_EQ_INT(kg_glossary_lookup(g, "딥시크", strlen("딥시크"), &i), 1);
    CHECK_STR(kg_glossary_entry(g, i)->definition, "high");
    /* matching after a recompile: the noun-tail automaton is kept */
    EXPECT(g, "딥시크가 딥시크는", "[딥시크]가=딥시크 [딥시크]는=딥시크");
    kg_glossary_free(g);
}

/* ---- the built-in glossary and the real articles ---- */

TEST(test_builtin_covers_corpus_terms)
{
    kg_glossary *g = kg_glossary_new();
    CHECK(kg_glossary_load_builtin(g, 0) >= 150);
    CHECK(kg_glossary_size(g) >= 150);
    size_t len;
    char *list;
    const char *why;
    CHECK_MSG(kg_read_file("tests/data/corpus_key_terms.txt", &list, &len, &why) == KG_OK,
              "tests/data/corpus_key_terms.txt: %s", why);
    CHECK_MSG(list != NULL, "tests/data/corpus_key_terms.txt is missing");
    int terms = 0;
    for (char *line = list; list && line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        if (*line && *line != '#') {
            size_t i;
            terms++;
            CHECK_MSG(kg_glossary_lookup(g, line, strlen(line), &i) == 1,
                      "key term '%s' of the corpus is not in the built-in glossary", line);
        }
        line = nl ? nl + 1 : NULL;
    }
    CHECK(terms >= 100);
    free(list);
    kg_glossary_free(g);
}

/* Every hit of every article: in order, not overlapping, at a token start,
 * and its surface names its entry. */
TEST(test_corpus_hits_are_sound)
{
    kg_glossary *g = kg_glossary_new();
    kg_glossary_load_builtin(g, 0);
    kg_matches *m = kg_matches_new();
    DIR *dir = opendir("../shared/corpus");
    if (!dir) {
        check_skip("../shared/corpus", "not found");
        kg_matches_free(m);
        kg_glossary_free(g);
        return;
    }
    struct dirent *de;
    int files = 0, total = 0;
    while ((de = readdir(dir))) {
        if (!strstr(de->d_name, ".txt")) continue;
        char path[512];
        snprintf(path, sizeof path, "../shared/corpus/%s", de->d_name);
        size_t len;
        char *text;
        const char *why;
        if (kg_read_file(path, &text, &len, &why)) {
            CHECK_MSG(0, "%s: %s", path, why);
            continue;
        }
        int rc = kg_match(g, text, len, m);
        CHECK_MSG(rc > 10, "%s: only %d hits", path, rc);
        size_t n;
        const kg_hit *h = kg_matches_hits(m, &n);
        size_t last = 0;
        int bad = 0;
        for (size_t k = 0; k < n; k++) {
            size_t i;
            int ok = h[k].start >= last && h[k].start < h[k].end && h[k].end <= h[k].tail_end &&
                     h[k].tail_end <= len;
            unsigned char before = h[k].start ? (unsigned char)text[h[k].start - 1] : ' ';
            ok = ok && (before < 0x80 ? !((before >= '0' && before <= '9') ||
                                          ((before | 0x20) >= 'a' && (before | 0x20) <= 'z'))
                                      : 1);
            ok = ok && kg_glossary_lookup(g, text + h[k].start, h[k].end - h[k].start, &i) == 1 &&
                 i == h[k].entry;
            if (!ok && bad++ < 3)
                CHECK_MSG(0, "%s: unsound hit %.*s at %u", path,
                          (int)(h[k].end - h[k].start), text + h[k].start, h[k].start);
            last = h[k].tail_end;
        }
        CHECK_EQ_INT(bad, 0);
        total += rc;
        files++;
        free(text);
    }
    closedir(dir);
    CHECK_EQ_INT(files, 5);
    CHECK(total > 200);
    kg_matches_free(m);
    kg_glossary_free(g);
}

/* Real sentences of the articles, with what a reader expects. */
TEST(test_corpus_sentences)
{
    kg_glossary *g = kg_glossary_new();
    kg_glossary_load_builtin(g, 0);
    EXPECT(g, "OpenAI가 문제 삼고 있는 기술은 바로 '모델 증류(Distillation)'입니다.",
           "[OpenAI]가=오픈AI [모델 증류]=모델 증류 [Distillation]=모델 증류");
    EXPECT(g, "DeepSeek가 개발한 최신 모델 R1은 놀라운 성능을 자랑하며",
           "[DeepSeek]가=딥시크 [R1]은=딥시크 R1");
    kg_glossary_free(g);
}

/* ---- property test: the automaton against a slow reference ---- */

static uint32_t rng = 2463534242u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static const char *const pieces[] = {"가", "나", "다", "는", "를", "이", "강", "화",
                                     "a", "b", "A", "1", " ", "-", ".", "\n", "ｂ",
                                     /* two-syllable particles, a Unicode hyphen */
                                     "에서", "으로", "\u2010"};
#define N_PIECES (sizeof pieces / sizeof pieces[0])

static void random_string(char *out, size_t max_pieces, size_t first_piece)
{
    size_t n = 1 + next_rand() % max_pieces;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(out, pieces[first_piece + next_rand() % (N_PIECES - first_piece)]);
}

static int is_break_at(const char *s, size_t i)
{
    size_t cl;
    kg_cclass c = kg_char_class(kg_decode((const unsigned char *)s + i, &cl));
    return c == KG_C_SPACE || c == KG_C_PUNCT_SF || c == KG_C_PUNCT_SP ||
           c == KG_C_PUNCT_SS || c == KG_C_SYMBOL;
}

static size_t char_len(const char *s, size_t i)
{
    size_t cl;
    kg_decode((const unsigned char *)s + i, &cl);
    return cl;
}

/* The last character before byte q (a character start). */
static uint32_t char_before(const char *s, size_t q)
{
    size_t p = q - 1, cl;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    return kg_decode((const unsigned char *)s + p, &cl);
}

static int is_sep(uint32_t cp) { return cp == ' ' || kg_is_hyphen(cp); }

/* Boundary rule at q after a key ending in last, decided from scratch:
 * the segmenter (which knows the glossary's Hangul forms) for Hangul
 * after Hangul. */
static int ref_boundary(kg_segmenter *seg, kg_result *res, const char *s,
                        size_t n, size_t start, size_t q, uint32_t last)
{
    if (q >= n || is_break_at(s, q)) return 1;
    size_t cl;
    uint32_t next = kg_decode((const unsigned char *)s + q, &cl);
    int lh = kg_is_syllable(last), nh = kg_is_syllable(next);
    if (!nh) return lh;
    if (!lh) return 1;
    size_t ws = q, b = q;
    while (ws > start && s[ws - 1] != ' ') ws--;
    while (b < n && !is_break_at(s, b)) b += char_len(s, b);
    kg_segment(seg, s + ws, b - ws, res);
    size_t np;
    const kg_part *parts = kg_result_parts(res, &np);
    for (size_t k = 0; k < np; k++)
        if (parts[k].start == q - ws) return 1;
    return 0;
}

TEST(test_against_reference)
{
    kg_fold fold;
    kg_fold_init(&fold);
    kg_norm *norm = kg_norm_new();
    kg_result *res = kg_result_new();
    kg_matches *m = kg_matches_new();
    int mismatches = 0, hits_seen = 0;
    /* 150 glossaries, 20 texts each: a glossary (and the reference's
     * segmenter) costs tens of milliseconds to build */
    for (int round = 0; round < 150 && mismatches < 3; round++) {
        /* a glossary of 1-12 random terms, one batch each */
        kg_glossary *g = kg_glossary_new();
        kg_segmenter *seg = kg_segmenter_new();
        char forms[12][64], keys[12][KG_KEY_MAX];
        int key_len[12];
        size_t n_terms = 1 + next_rand() % 12;
        for (size_t t = 0; t < n_terms; t++) {
            random_string(forms[t], 4, 0);
            kg_entry e = {.term = forms[t]};
            key_len[t] = kg_fold_key(&fold, norm, forms[t], strlen(forms[t]), keys[t]);
            if (key_len[t] <= 0 || kg_glossary_add(g, &e, 1, "r", 0) < 0) {
                key_len[t] = -1;
                continue;
            }
            kg_segmenter_add_word(seg, keys[t], (size_t)key_len[t], KG_WORD_NOUN);
        }
        for (int sample = 0; sample < 20 && mismatches < 3; sample++) {
        char text[512];
        random_string(text, 40, 0);
        size_t n = strlen(text);
        int rc = kg_match(g, text, n, m);
        size_t nh;
        const kg_hit *h = kg_matches_hits(m, &nh);
        /* the reference: every start, every end, every term */
        size_t k = 0, i = 0;
        int ok = rc >= 0;
        while (ok && i < n) {
            if (is_break_at(text, i)) { i += char_len(text, i); continue; }
            size_t best = 0;
            long best_entry = -1;
            for (size_t q = i + char_len(text, i); q <= n; q += q < n ? char_len(text, q) : 1) {
                if (memchr(text + i, '\n', q - i) || is_sep(char_before(text, q))) continue;
                char key[KG_KEY_MAX];
                int kl = kg_fold_key(&fold, norm, text + i, q - i, key);
                for (size_t t = n_terms; t-- > 0;) /* later batches win */
                    if (key_len[t] == kl && memcmp(key, keys[t], (size_t)kl) == 0) {
                        if (ref_boundary(seg, res, text, n, i, q, kg_fold_char(char_before(text, q)))) {
                            size_t idx = 0;
                            /* not the key: a key is not a form (its SEP
                             * may come from a hyphen next to Hangul) */
                            kg_glossary_lookup(g, text + i, q - i, &idx);
                            best = q;
                            best_entry = (long)idx;
                        }
                        break;
                    }
                if (q == n) break;
            }
            if (best_entry >= 0) {
                if (!(k < nh && h[k].start == i && h[k].end == best && (long)h[k].entry == best_entry))
                    fprintf(stderr, "   reference: [%.*s] entry %ld at %zu\n", (int)(best - i), text + i, best_entry, i);
                ok = k < nh && h[k].start == i && h[k].end == best && (long)h[k].entry == best_entry;
                /* a tail runs from the term's end to its eojeol's end */
                if (ok && h[k].tail_end != h[k].end) {
                    size_t te = h[k].tail_end;
                    ok = te > h[k].end && (te == n || is_break_at(text, te));
                    for (size_t p = h[k].end; ok && p < te; p += char_len(text, p))
                        ok = !is_break_at(text, p);
                    if (!ok) fprintf(stderr, "   tail end %u after [%.*s]\n", h[k].tail_end,
                                     (int)(best - i), text + i);
                }
                if (ok) {
                    i = h[k].tail_end;
                    k++;
                    hits_seen++;
                }
            } else {
                i += char_len(text, i);
            }
            while (ok && i < n && !is_break_at(text, i)) i += char_len(text, i);
        }
        ok = ok && k == nh;
        if (!ok) {
            mismatches++;
            CHECK_MSG(0, "round %d: text \"%s\": automaton \"%s\"", round, text, show(g, text));
            for (size_t t = 0; t < n_terms; t++) fprintf(stderr, "   term \"%s\"\n", forms[t]);
        }
        }
        kg_segmenter_free(seg);
        kg_glossary_free(g);
    }
    CHECK_EQ_INT(mismatches, 0);
    CHECK_MSG(hits_seen > 100, "the random cases matched only %d times", hits_seen);
    kg_matches_free(m);
    kg_result_free(res);
    kg_norm_free(norm);
}

int main(void)
{
    RUN(test_particles_and_endings);
    RUN(test_spacing_both_ways);
    RUN(test_leftmost_longest);
    RUN(test_token_starts_and_longer_words);
    RUN(test_word_memo);
    RUN(test_noun_tails_image_current);
    RUN(test_tails_image_current);
    RUN(test_large_arrays);
    RUN(test_token_starts_every_path);
    RUN(test_latin_rules);
    RUN(test_offsets_through_normalisation);
    RUN(test_lines_needing_icu_found_in_place);
    RUN(test_bad_text);
    RUN(test_malformed_files);
    RUN(test_formats);
    RUN(test_priorities_and_lookup);
    RUN(test_builtin_covers_corpus_terms);
    RUN(test_corpus_hits_are_sound);
    RUN(test_corpus_sentences);
    RUN(test_against_reference);
    RUN(test_grow_filter);
    RUN(test_tail_heads);
    return check_finish();
}
