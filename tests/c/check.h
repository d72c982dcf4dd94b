/*
 * check.h - a tiny test harness for the kogloss C tests.
 *
 *   #include "check.h"
 *   TEST(test_something) { CHECK(1 + 1 == 2); CHECK_EQ_INT(f(), 3); }
 *   int main(void) { RUN(test_something); return check_finish(); }
 *
 * A failed check prints "FAIL file:line: ..." and the test goes on; it is
 * counted, not fatal. check_finish() prints exactly one last line
 * "RESULT <passed> <failed>" and returns the exit status (0 iff nothing
 * failed). check_skip() prints a "SKIP" line for missing ../shared data. Everything goes to stdout so the RESULT line is really last.
 */
#ifndef KG_TEST_CHECK_H
#define KG_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__)
#define CHECK_UNUSED __attribute__((unused))
#define CHECK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CHECK_UNUSED
#define CHECK_PRINTF(f, a)
#endif

static int check_passed CHECK_UNUSED;
static int check_failed CHECK_UNUSED;
static const char *check_current CHECK_UNUSED = "";

/* Records one check; on failure prints where and why (printf-style). */
static CHECK_UNUSED CHECK_PRINTF(4, 5) int
check_at(const char *file, int line, int ok, const char *fmt, ...)
{
    if (ok) {
        check_passed++;
        return 1;
    }
    check_failed++;
    printf("FAIL %s:%d: [%s] ", file, line, check_current);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    return 0;
}

/* Prints a byte string with non-ASCII and control bytes escaped. */
static CHECK_UNUSED void check_fprint_bytes(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') fputc(c, f);
        else if (c >= 0x80) fputc(c, f); /* UTF-8 is readable as is */
        else fprintf(f, "\\x%02X", c);
    }
}

static CHECK_UNUSED int check_bytes_at(const char *file, int line,
                                       const char *what, const char *got,
                                       size_t got_len, const char *want,
                                       size_t want_len)
{
    int ok = got && got_len == want_len && memcmp(got, want, want_len) == 0;
    if (ok) {
        check_passed++;
        return 1;
    }
    check_failed++;
    printf("FAIL %s:%d: [%s] %s: got \"", file, line, check_current, what);
    if (got) check_fprint_bytes(stdout, got, got_len);
    else fputs("(null)", stdout);
    printf("\" (%zu bytes), want \"", got ? got_len : (size_t)0);
    check_fprint_bytes(stdout, want, want_len);
    printf("\" (%zu bytes)\n", want_len);
    fflush(stdout);
    return 0;
}

/* CHECK(cond): cond must be true. */
#define CHECK(cond) \
    check_at(__FILE__, __LINE__, (cond) ? 1 : 0, "CHECK(%s)", #cond)

/* CHECK_MSG(cond, fmt, ...): as CHECK, with a formatted explanation. */
#define CHECK_MSG(cond, ...) \
    check_at(__FILE__, __LINE__, (cond) ? 1 : 0, __VA_ARGS__)

/* CHECK_EQ_INT(got, want): integers of any type, compared as long long. */
#define CHECK_EQ_INT(got, want)                                              \
    do {                                                                     \
        long long check_g_ = (long long)(got), check_w_ = (long long)(want); \
        check_at(__FILE__, __LINE__, check_g_ == check_w_,                   \
                 "%s == %s: got %lld, want %lld", #got, #want, check_g_,     \
                 check_w_);                                                  \
    } while (0)

/* CHECK_STR(got, want): NUL-terminated strings; got may be NULL (fails). */
#define CHECK_STR(got, want)                                                 \
    do {                                                                     \
        const char *check_gs_ = (got), *check_ws_ = (want);                  \
        check_bytes_at(__FILE__, __LINE__, #got, check_gs_,                  \
                       check_gs_ ? strlen(check_gs_) : 0, check_ws_,         \
                       strlen(check_ws_));                                   \
    } while (0)

/* CHECK_MEM(got, got_len, want): a byte range against a C string. */
#define CHECK_MEM(got, got_len, want)                                        \
    do {                                                                     \
        const char *check_ws_ = (want);                                      \
        check_bytes_at(__FILE__, __LINE__, #got, (got), (got_len), check_ws_, \
                       strlen(check_ws_));                                   \
    } while (0)

/* The data in ../shared (the five articles, the UD dev sets) sits beside
 * the checkout in CI but not beside a bare clone. One policy for all
 * tests: a test whose data there is missing says so in a SKIP line (the
 * test runner shows it) and does not count it as a failure; anything
 * missing from the repository itself is a failure. */
#define CHECK_SHARED_PREFIX "../shared/"

static CHECK_UNUSED int check_is_shared(const char *path)
{
    return strncmp(path, CHECK_SHARED_PREFIX, strlen(CHECK_SHARED_PREFIX)) == 0;
}

static CHECK_UNUSED void check_skip(const char *path, const char *why)
{
    printf("SKIP [%s] %s: %s\n", check_current, path, why);
    fflush(stdout);
}

/* A test is a void function; RUN names it in failure messages. */
#define TEST(name) static void name(void)
#define RUN(name)                     \
    do {                              \
        check_current = #name;        \
        name();                       \
        check_current = "";           \
    } while (0)

/* Prints the single summary line; returns the process exit status. */
static CHECK_UNUSED int check_finish(void)
{
    printf("RESULT %d %d\n", check_passed, check_failed);
    fflush(stdout);
    return check_failed ? 1 : 0;
}

#endif
