/* Tests of boilerplate classification: line splitting, rules, limits,
 * strip, and every labelled line of tests/data/boilerplate/articles.list
 * (run from the repository root, as tests/run.sh does). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"
#include "kogloss.h"

static kg_boiler *B;
static kg_lines *L;

static int classify(const char *text)
{
    return kg_boiler_classify(B, text, strlen(text), L);
}

static const kg_line *line_at(size_t i)
{
    size_t n;
    const kg_line *ln = kg_lines_get(L, &n);
    return i < n ? &ln[i] : NULL;
}

static const char *reason_at(size_t i)
{
    const kg_line *ln = line_at(i);
    return ln ? kg_boiler_reason(B, ln->reason) : "(none)";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, 2 * cap + 1);
            if (!p) { free(buf); buf = NULL; break; }
            buf = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = n;
    return buf;
}

TEST(test_lines_and_offsets)
{
    /* CRLF, a blank line, a last line without newline */
    const char *t = "첫 줄입니다.\r\n\r\n  • 좋아요 3\r\n끝 줄";
    CHECK_EQ_INT(classify(t), 4);
    const kg_line *a = line_at(0), *b = line_at(1), *c = line_at(2), *d = line_at(3);
    if (!a || !b || !c || !d) return;
    CHECK_EQ_INT(a->start, 0);
    CHECK_EQ_INT(a->end, strlen("첫 줄입니다."));
    CHECK_EQ_INT(a->cls, KG_LINE_CONTENT);
    CHECK_STR(reason_at(0), "sentence");
    CHECK_EQ_INT(b->cls, KG_LINE_BLANK);
    CHECK_EQ_INT(b->start, b->end);
    CHECK_EQ_INT(c->cls, KG_LINE_BOILERPLATE);
    CHECK_STR(reason_at(2), "reaction");
    CHECK_MEM(t + c->start, c->end - c->start, "  • 좋아요 3");
    CHECK_MEM(t + d->start, d->end - d->start, "끝 줄");
    CHECK_EQ_INT(d->end, strlen(t));
    /* empty text: no lines; a lone newline: one blank line */
    CHECK_EQ_INT(classify(""), 0);
    CHECK_EQ_INT(classify("\n"), 1);
    CHECK_EQ_INT(line_at(0)->cls, KG_LINE_BLANK);
    /* white space of other kinds is blank too */
    CHECK_EQ_INT(classify("\xC2\xA0\xE3\x80\x80 \t"), 1);
    CHECK_EQ_INT(line_at(0)->cls, KG_LINE_BLANK);
}

TEST(test_bad_text)
{
    const char bad[] = "좋은 줄\n\xED\xA0\x80 서로게이트";
    CHECK_EQ_INT(kg_boiler_classify(B, bad, sizeof bad - 1, L), KG_ERR_UTF8);
    CHECK_EQ_INT(kg_lines_error_offset(L), strlen("좋은 줄\n"));
    const char nul[] = "abc\0def";
    CHECK_EQ_INT(kg_boiler_classify(B, nul, sizeof nul - 1, L), KG_ERR_NUL);
    CHECK_EQ_INT(kg_lines_error_offset(L), 3);
    CHECK_EQ_INT(kg_boiler_classify(NULL, "a", 1, L), KG_ERR_ARG);
    CHECK_STR(kg_strerror(KG_ERR_PATTERN), "invalid PCRE2 pattern");
}

TEST(test_builtin_rules)
{
    static const struct { const char *line, *reason; } cases[] = {
        {"홍길동 기자 gildong@example.co.kr", "byline"},
        {"입력 2025.02.03 18:27 수정 2025.02.03 19:02", "timestamp"},
        {"▲딥시크 앱 화면. 연합뉴스", "caption_triangle"},
        {"새 모델의 구조도. (사진=연구원 제공)", "caption_source"},
        {"<저작권자 © 예시일보 무단전재 및 재배포 금지>", "copyright"},
        {"Copyright 2025 Example. All rights reserved.", "copyright"},
        {"가장작게 작게 기본 크게 가장크게", "widget"},
        {"좋아요 12", "reaction"},
        {"#딥시크 #인공지능", "tags"},
        {"Contact us", "widget_english"},
        {"구독하기", "subscribe"},
        {"'IT 이야기' 카테고리의 다른 글", "list_category"},
        {"작가의 이전글", "list_category"},
        {"-3.25%", "ticker_numbers"},
        {"이웃추가", "subscribe"},
        {"많이 본 뉴스", "list_header"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_EQ_INT(classify(cases[i].line), 1);
        CHECK_MSG(line_at(0)->cls == KG_LINE_BOILERPLATE, "%s: not boilerplate",
                  cases[i].line);
        CHECK_STR(reason_at(0), cases[i].reason);
    }
    /* a long body sentence that mentions chrome words stays content */
    const char *body =
        "업계에서는 기사 무단전재 문제와 별개로 인공지능 학습에 뉴스 데이터를 쓰는 관행에 대해 "
        "언론사와 플랫폼이 함께 기준을 마련해야 한다는 목소리가 커지고 있으며, 정부도 저작권법 "
        "개정안을 검토하고 있는 것으로 알려졌으나 구체적인 일정은 아직 정해지지 않았다고 관계자들은 설명했다.";
    CHECK_EQ_INT(classify(body), 1);
    CHECK_EQ_INT(line_at(0)->cls, KG_LINE_CONTENT);
}

TEST(test_context)
{
    /* a list under a boilerplate header; a heading before a paragraph;
     * a short line between two boilerplate lines (after the body began) */
    const char *t =
        "오픈소스 모델이 늘어나는 이유는 학습 비용이 크게 줄었기 때문이라는 분석이 나온다.\n"
        "주요 뉴스\n"
        "• 반도체 수출 반등\n"
        "• 새 학기 준비물 가격 올라\n"
        "\n"
        "남은 과제\n"
        "그러나 데이터 출처를 밝히지 않는 모델이 많아 투명성 논란은 계속될 전망이다.\n"
        "좋아요 3\n"
        "오늘의 한마디\n"
        "화나요 0\n";
    CHECK_EQ_INT(classify(t), 10);
    CHECK_STR(reason_at(1), "list_header");
    CHECK_STR(reason_at(2), "list-item");
    CHECK_STR(reason_at(3), "list-item");
    CHECK_EQ_INT(line_at(5)->cls, KG_LINE_CONTENT);
    CHECK_STR(reason_at(5), "heading");
    CHECK_EQ_INT(line_at(6)->cls, KG_LINE_CONTENT);
    CHECK_EQ_INT(line_at(8)->cls, KG_LINE_BOILERPLATE);
    CHECK_STR(reason_at(8), "between-boilerplate");
    /* the second copy of a title is the duplicate */
    CHECK_EQ_INT(classify("같은 제목이 두 번 나온다\n같은 제목이 두 번 나온다\n"), 2);
    CHECK_EQ_INT(line_at(0)->cls, KG_LINE_CONTENT);
    CHECK_STR(reason_at(1), "duplicate");
}

TEST(test_user_rules)
{
    kg_boiler *b = kg_boiler_new();
    kg_lines *l = kg_lines_new();
    if (!b || !l) { CHECK(0); return; }
    const char *good =
        "# keep dates as content; drop our own sign-off\n"
        "keep_input   content           ^입력\n"
        "signoff      boilerplate:20    ^끝\\.$\n";
    CHECK_EQ_INT(kg_boiler_add_rules(b, good, strlen(good), "mine.rules"), 2);
    CHECK_EQ_INT(kg_boiler_user_rule_count(b), 2);
    const char *t = "입력 2025.02.03 18:27\n끝.\n";
    CHECK_EQ_INT(kg_boiler_classify(b, t, strlen(t), l), 2);
    size_t n;
    const kg_line *ln = kg_lines_get(l, &n);
    CHECK_EQ_INT(ln[0].cls, KG_LINE_CONTENT);
    CHECK_STR(kg_boiler_reason(b, ln[0].reason), "keep_input");
    CHECK_EQ_INT(ln[1].cls, KG_LINE_BOILERPLATE);
    CHECK_STR(kg_boiler_reason(b, ln[1].reason), "signoff");

    /* a bad pattern: error with file and line, nothing of the file kept */
    const char *bad = "fine boilerplate ^ok$\n\nbroken boilerplate (unclosed\n";
    CHECK_EQ_INT(kg_boiler_add_rules(b, bad, strlen(bad), "bad.rules"), KG_ERR_PATTERN);
    CHECK_MSG(strncmp(kg_boiler_error(b), "bad.rules:3: ", 13) == 0, "error: %s",
              kg_boiler_error(b));
    CHECK(strstr(kg_boiler_error(b), "broken") != NULL);
    CHECK_EQ_INT(kg_boiler_user_rule_count(b), 2);
    const char *act = "x remove ^a\n";
    CHECK_EQ_INT(kg_boiler_add_rules(b, act, strlen(act), "act.rules"), KG_ERR_PARSE);
    CHECK_MSG(strstr(kg_boiler_error(b), "act.rules:1: unknown action 'remove'") != NULL,
              "error: %s", kg_boiler_error(b));
    const char *nopat = "lonely boilerplate\n";
    CHECK_EQ_INT(kg_boiler_add_rules(b, nopat, strlen(nopat), "p.rules"), KG_ERR_PARSE);
    const char *bound = "x boilerplate:0 ^a\n";
    CHECK_EQ_INT(kg_boiler_add_rules(b, bound, strlen(bound), "b.rules"), KG_ERR_PARSE);
    CHECK_EQ_INT(kg_boiler_load_rules(b, "/nonexistent/kogloss.rules"), KG_ERR_IO);
    CHECK(strstr(kg_boiler_error(b), "/nonexistent/kogloss.rules") != NULL);

    /* from a file */
    const char *path = "build/test_boilerplate.rules";
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs("shout boilerplate ^[A-Z ]+!$\n", f);
        fclose(f);
        CHECK_EQ_INT(kg_boiler_load_rules(b, path), 1);
        remove(path);
    } else {
        CHECK_MSG(0, "cannot write %s", path);
    }
    CHECK_STR(kg_boiler_reason(b, 9999), "?");
    kg_lines_free(l);
    kg_boiler_free(b);
}

TEST(test_catastrophic_pattern)
{
    kg_boiler *b = kg_boiler_new();
    kg_lines *l = kg_lines_new();
    if (!b || !l) { CHECK(0); return; }
    const char *rule = "evil boilerplate ^(a+)+$\n";
    CHECK_EQ_INT(kg_boiler_add_rules(b, rule, strlen(rule), "evil.rules"), 1);
    size_t n = 20000;
    char *t = malloc(n + 2);
    if (!t) { CHECK(0); return; }
    memset(t, 'a', n);
    t[n] = 'b';
    t[n + 1] = '\0';
    clock_t c0 = clock();
    CHECK_EQ_INT(kg_boiler_classify(b, t, n + 1, l), 1);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    CHECK_MSG(secs < 5.0, "took %.2f s", secs);
    CHECK_MSG(kg_lines_limit_hits(l) >= 1, "limit hits %zu", kg_lines_limit_hits(l));
    size_t nl;
    const kg_line *ln = kg_lines_get(l, &nl);
    CHECK(strcmp(kg_boiler_reason(b, ln[0].reason), "evil") != 0);
    /* the same rule still works where it can */
    CHECK_EQ_INT(kg_boiler_classify(b, "aaaa", 4, l), 1);
    ln = kg_lines_get(l, &nl);
    CHECK_STR(kg_boiler_reason(b, ln[0].reason), "evil");
    CHECK_EQ_INT(kg_lines_limit_hits(l), 0);
    free(t);
    kg_lines_free(l);
    kg_boiler_free(b);
}

TEST(test_huge_line)
{
    /* 4 MB in one line: linear, content */
    const char *unit = "오픈소스 모델이 늘어난다 ";
    size_t ul = strlen(unit), reps = (4u << 20) / ul;
    char *t = malloc(ul * reps + 1);
    if (!t) { CHECK(0); return; }
    for (size_t i = 0; i < reps; i++) memcpy(t + i * ul, unit, ul);
    t[ul * reps] = '\0';
    clock_t c0 = clock();
    CHECK_EQ_INT(kg_boiler_classify(B, t, ul * reps, L), 1);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    CHECK_MSG(secs < 10.0, "took %.2f s", secs);
    CHECK_EQ_INT(line_at(0)->cls, KG_LINE_CONTENT);
    CHECK_STR(reason_at(0), "sentence");
    free(t);
}

TEST(test_strip)
{
    const char *t = "제목 한 줄\n입력 2025.02.03 18:27\n\n본문은 이렇게 끝난다.\r\n좋아요 0";
    CHECK_EQ_INT(kg_boiler_strip(B, t, strlen(t), L), 2);
    size_t len, nm;
    const char *s = kg_lines_stripped(L, &len);
    CHECK_MEM(s, len, "제목 한 줄\n본문은 이렇게 끝난다.");
    const uint32_t *map = kg_lines_map(L, &nm);
    CHECK_EQ_INT(nm, 2);
    if (nm == 2) {
        CHECK_EQ_INT(map[0], 0);
        CHECK_EQ_INT(map[1], 3);
    }
}

/* Every labelled line of every article: tests/data/boilerplate/README.md. */
TEST(test_labelled_articles)
{
    size_t list_len;
    char *list = slurp("tests/data/boilerplate/articles.list", &list_len);
    if (!list) { CHECK_MSG(0, "articles.list missing (run from the repo root)"); return; }
    int articles = 0, skipped = 0;
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char lpath[512], tpath[512];
        if (sscanf(line, "%511s %511s", lpath, tpath) != 2) continue;
        size_t tl, ll;
        char *text = slurp(tpath, &tl), *labels = slurp(lpath, &ll);
        if (!text && labels && check_is_shared(tpath)) {
            check_skip(tpath, "not found");
            skipped++;
            free(labels);
            continue;
        }
        if (!text || !labels) {
            CHECK_MSG(0, "cannot read %s or %s", tpath, lpath);
            free(text);
            free(labels);
            continue;
        }
        articles++;
        int n = kg_boiler_classify(B, text, tl, L);
        size_t nlab = 0;
        const char *p = labels;
        while (*p) {
            char want = *p;
            const kg_line *ln = line_at(nlab);
            if (ln) {
                char got = ln->cls == KG_LINE_BLANK ? '.'
                           : ln->cls == KG_LINE_BOILERPLATE ? 'b' : 'c';
                CHECK_MSG(got == want, "%s:%zu: want %c, got %c [%s] %.*s", tpath,
                          nlab + 1, want, got, reason_at(nlab),
                          (int)(ln->end - ln->start), text + ln->start);
            }
            nlab++;
            p = strchr(p, '\n');
            if (!p) break;
            p++;
        }
        CHECK_MSG(n == (int)nlab, "%s: %d lines, %zu labels", tpath, n, nlab);
        free(text);
        free(labels);
    }
    CHECK_EQ_INT(articles + skipped, 12);
    CHECK(articles >= 7); /* the ones kept in tests/data */
    free(list);
}

int main(void)
{
    B = kg_boiler_new();
    L = kg_lines_new();
    if (!B || !L) {
        printf("FAIL kg_boiler_new\nRESULT 0 1\n");
        return 1;
    }
    RUN(test_lines_and_offsets);
    RUN(test_bad_text);
    RUN(test_builtin_rules);
    RUN(test_context);
    RUN(test_user_rules);
    RUN(test_catastrophic_pattern);
    RUN(test_huge_line);
    RUN(test_strip);
    RUN(test_labelled_articles);
    kg_lines_free(L);
    kg_boiler_free(B);
    return check_finish();
}
