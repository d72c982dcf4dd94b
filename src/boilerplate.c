/*
 * Boilerplate classification of lines: rules first (user, then the
 * built-in pack), then line signals (duplicates, digit share, a
 * sentence-final ending, length, function-morpheme density), then context
 * (list items under a boilerplate header, short lines between boilerplate,
 * headings before content). When nothing decides, a line is content: the
 * product promise is that nothing the user wrote is lost.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Heuristic reasons; rule i has reason R_COUNT + i. */
enum {
    R_BLANK,
    R_SENTENCE,
    R_LONG,
    R_MORPHEMES,
    R_HEADING,
    R_SHORT_KEPT,
    R_NUMERIC,
    R_SYMBOLS,
    R_BETWEEN,
    R_LIST_ITEM,
    R_DUPLICATE,
    R_NEAR_DUPLICATE,
    R_BEFORE_DATE,
    R_COUNT
};

static const char *const reason_names[R_COUNT] = {
    "blank", "sentence", "long", "morphemes", "heading", "short-kept",
    "numeric", "symbols", "between-boilerplate", "list-item", "duplicate",
    "near-duplicate", "author-before-date",
};

/* Thresholds, in characters (code points without spaces counted too). */
#define LONG_CHARS 100       /* longer lines are content whatever else */
#define MORPHEME_MIN_CHARS 20 /* shorter lines are not worth segmenting */
#define MORPHEME_DENSITY 0.3 /* share of words carrying a particle/ending */
#define SENTENCE_BARE_MIN 15 /* "...다" without a full stop counts from here */
#define LIST_END_SENTENCE 40 /* a sentence this long ends a list */
#define SHORT_CHARS 60       /* "short" for the between-boilerplate rule */
#define DUP_MAX_CHARS 150    /* duplicates are titles and captions */
#define DUP_WINDOW 8         /* non-blank lines looked back at */
#define NEAR_DUP_MIN_CHARS 20 /* short siblings (V3 vs R1 items) differ little */
#define NEAR_DUP_DICE 0.85
#define TAIL_RUN 3           /* lines a tail run between boilerplate may have */
#define AUTHOR_MAX_CHARS 15  /* a blog nickname between title and date */
#define AUTHOR_MAX_WORDS 2

struct kg_boiler {
    kg_rules *rules;   /* built-in [0, n_builtin), user rules after */
    size_t n_builtin;
    kg_segmenter *seg;
    char err[512];
};

/* What the passes know about a line besides its class. */
typedef struct line_info {
    uint32_t ts, te;     /* the line without indentation, bullet, trailing space */
    uint32_t nchars;     /* code points in [ts, te) */
    uint8_t bullet;      /* it started with a list bullet */
    uint8_t decided;     /* a rule or a line signal settled it */
    uint8_t strong;      /* content that ends a list (not a headline) */
    uint8_t list_header;
    uint8_t is_date;     /* decided by a rule named date* or timestamp* */
    uint16_t words;
} line_info;

struct kg_lines {
    kg_line *lines;
    size_t n, cap;
    line_info *info;
    size_t info_cap;
    kg_result *res;
    kg_rule_matcher *matcher;
    char *stripped;
    size_t stripped_len, stripped_cap;
    uint32_t *map;
    size_t n_map, map_cap;
    /* the last DUP_WINDOW non-blank lines, with their sorted bigrams
     * computed at most once each, for the near-duplicate check */
    struct recent {
        size_t line, n;
        int ready;
        uint64_t grams[DUP_MAX_CHARS];
    } recent[DUP_WINDOW], mine;
    size_t n_recent, recent_head;
    size_t error_offset;
};

/* ---- the classifier object ---- */

kg_boiler *kg_boiler_new(void)
{
    kg_boiler *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->rules = kg_rules_new();
    b->seg = kg_segmenter_new();
    if (!b->rules || !b->seg ||
        kg_rules_parse(b->rules, kg_builtin_rules, kg_builtin_rules_len,
                       "boilerplate.rules", b->err, sizeof b->err) < 0) {
        kg_boiler_free(b);
        return NULL;
    }
    b->n_builtin = kg_rules_count(b->rules);
    b->err[0] = '\0';
    return b;
}

void kg_boiler_free(kg_boiler *b)
{
    if (!b) return;
    kg_rules_free(b->rules);
    kg_segmenter_free(b->seg);
    free(b);
}

int kg_boiler_load_rules(kg_boiler *b, const char *path)
{
    if (!b || !path) return KG_ERR_ARG;
    int rc = kg_rules_load(b->rules, path, b->err, sizeof b->err);
    if (rc >= 0) b->err[0] = '\0';
    return rc;
}

int kg_boiler_add_rules(kg_boiler *b, const char *rules, size_t len,
                        const char *source)
{
    if (!b || (!rules && len)) return KG_ERR_ARG;
    int rc = kg_rules_parse(b->rules, rules ? rules : "", len,
                            source ? source : "rules", b->err, sizeof b->err);
    if (rc >= 0) b->err[0] = '\0';
    return rc;
}

const char *kg_boiler_error(const kg_boiler *b) { return b ? b->err : ""; }

size_t kg_boiler_user_rule_count(const kg_boiler *b)
{
    return b ? kg_rules_count(b->rules) - b->n_builtin : 0;
}

const char *kg_boiler_reason(const kg_boiler *b, uint32_t reason)
{
    if (reason < R_COUNT) return reason_names[reason];
    if (b && reason - R_COUNT < kg_rules_count(b->rules))
        return kg_rules_name(b->rules, reason - R_COUNT);
    return "?";
}

/* ---- results ---- */

kg_lines *kg_lines_new(void)
{
    kg_lines *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->res = kg_result_new();
    l->matcher = kg_rule_matcher_new();
    if (!l->res || !l->matcher) {
        kg_lines_free(l);
        return NULL;
    }
    return l;
}

void kg_lines_free(kg_lines *l)
{
    if (!l) return;
    free(l->lines);
    free(l->info);
    kg_result_free(l->res);
    kg_rule_matcher_free(l->matcher);
    free(l->stripped);
    free(l->map);
    free(l);
}

const kg_line *kg_lines_get(const kg_lines *l, size_t *count)
{
    if (count) *count = l ? l->n : 0;
    return l ? l->lines : NULL;
}

const char *kg_lines_stripped(const kg_lines *l, size_t *len)
{
    if (len) *len = l ? l->stripped_len : 0;
    return l && l->stripped ? l->stripped : "";
}

const uint32_t *kg_lines_map(const kg_lines *l, size_t *count)
{
    if (count) *count = l ? l->n_map : 0;
    return l ? l->map : NULL;
}

size_t kg_lines_error_offset(const kg_lines *l) { return l ? l->error_offset : 0; }
size_t kg_lines_limit_hits(const kg_lines *l)
{
    return l ? kg_rule_matcher_hits(l->matcher) : 0;
}

/* ---- line signals ---- */

static int is_space_cp(uint32_t cp)
{
    return kg_char_class(cp) == KG_C_SPACE;
}

/* List bullets a saved page puts before items; "-" and "*" only with a
 * space after them, so "-2.95%" keeps its sign. */
static size_t bullet_len(const unsigned char *p, size_t n)
{
    size_t k;
    if (n >= 2 && (p[0] == '-' || p[0] == '*') && (p[1] == ' ' || p[1] == '\t'))
        return 1;
    if (n < 2) return 0;
    uint32_t cp = kg_decode(p, &k);
    switch (cp) {
    case 0x2022: /* • */
    case 0x25E6: /* ◦ */
    case 0x25AA: /* ▪ */
    case 0x00B7: /* · */
    case 0x2023: /* ‣ */
    case 0x2043: /* ⁃ */
        return k;
    default:
        return 0;
    }
}

/* Fills ts, te, bullet and nchars of a line [s, e). */
static void trim_line(const char *text, uint32_t s, uint32_t e, line_info *in)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = s, k;
    for (int pass = 0; pass < 2; pass++) {
        while (i < e && is_space_cp(kg_decode(t + i, &k))) i += k;
        if (pass == 0) {
            size_t b = bullet_len(t + i, e - i);
            if (!b) break;
            in->bullet = 1;
            i += b;
        }
    }
    size_t j = e;
    while (j > i) {
        size_t back = j - 1;
        while (back > i && (t[back] & 0xC0) == 0x80) back--;
        if (!is_space_cp(kg_decode(t + back, &k))) break;
        j = back;
    }
    in->ts = (uint32_t)i;
    in->te = (uint32_t)j;
    uint32_t n = 0;
    for (size_t p = i; p < j; p++) n += (t[p] & 0xC0) != 0x80;
    in->nchars = n;
}

typedef struct counts {
    uint32_t hangul, latin, digit, letter, symbol, words;
} counts;

static counts count_chars(const char *text, const line_info *in)
{
    counts c = {0, 0, 0, 0, 0, 0};
    const unsigned char *t = (const unsigned char *)text;
    int in_word = 0;
    for (size_t i = in->ts, k; i < in->te; i += k) {
        kg_cclass cl = kg_char_class(kg_decode(t + i, &k));
        if (cl == KG_C_SPACE) { in_word = 0; continue; }
        if (!in_word) c.words++;
        in_word = 1;
        switch (cl) {
        case KG_C_HANGUL: case KG_C_JAMO: c.hangul++; break;
        case KG_C_LATIN: c.latin++; break;
        case KG_C_DIGIT: c.digit++; break;
        case KG_C_HANJA: case KG_C_LETTER: c.letter++; break;
        default: c.symbol++; break;
        }
    }
    return c;
}

/* Code point ending at byte j (> i) and its start. */
static uint32_t prev_cp(const unsigned char *t, size_t i, size_t *j)
{
    size_t back = *j - 1, k;
    while (back > i && (t[back] & 0xC0) == 0x80) back--;
    *j = back;
    return kg_decode(t + back, &k);
}

static int is_closer(uint32_t cp)
{
    switch (cp) {
    case ')': case ']': case '}': case '"': case '\'':
    case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0x300B:
    case 0x3009: case 0xFF09: case 0x3011:
        return 1;
    default:
        return 0;
    }
}

static int is_terminal(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 /* … */ ||
           cp == '~' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

/*
 * A sentence-final ending: Hangul before terminal punctuation (…다. …요!
 * …까?), a bare …다/요/죠/까 on a line long enough not to be a headline,
 * or, for other scripts, terminal punctuation after four words or more.
 */
static int ends_sentence(const char *text, const line_info *in,
                         const counts *c)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t j = in->te;
    uint32_t cp = 0;
    int punct = 0, found = 0;
    while (j > in->ts) {
        cp = prev_cp(t, in->ts, &j);
        if (is_closer(cp) || is_space_cp(cp)) continue;
        if (is_terminal(cp)) { punct = 1; continue; }
        found = 1;
        break;
    }
    if (!found) return 0;
    if (kg_is_syllable(cp)) {
        if (punct) return 1;
        return in->nchars >= SENTENCE_BARE_MIN &&
               (cp == 0xB2E4 /* 다 */ || cp == 0xC694 /* 요 */ ||
                cp == 0xC8E0 /* 죠 */ || cp == 0xAE4C /* 까 */);
    }
    return punct && c->words >= 4;
}

/* Share of words whose parts include a particle or an ending. */
static double morpheme_density(const kg_boiler *b, kg_lines *l,
                               const char *text, const line_info *in)
{
    if (kg_segment(b->seg, text + in->ts, in->te - in->ts, l->res) < 0) return 0;
    size_t nt, np;
    const kg_token *tok = kg_result_tokens(l->res, &nt);
    const kg_part *parts = kg_result_parts(l->res, &np);
    size_t words = 0, func = 0;
    for (size_t i = 0; i < nt; i++) {
        int word = 0, fm = 0;
        for (uint32_t k = 0; k < tok[i].n_parts; k++) {
            uint32_t tag = parts[tok[i].first_part + k].tag;
            if (tag == KG_TAG_J || tag == KG_TAG_E) fm = 1;
            if (tag < KG_TAG_SF) word = 1;
        }
        words += word;
        func += fm;
    }
    return words ? (double)func / (double)words : 0;
}

/* ---- duplicates ---- */

/* Sorted character bigrams of a line, spaces left out, into out (room for
 * DUP_MAX_CHARS). Insertion sort: the lines are short. */
static size_t bigrams(const char *text, const line_info *in, uint64_t *out)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t n = 0, k;
    uint32_t prev = 0;
    int have = 0;
    for (size_t i = in->ts; i < in->te && n < DUP_MAX_CHARS; i += k) {
        uint32_t cp = kg_decode(t + i, &k);
        if (is_space_cp(cp)) continue;
        if (have) {
            uint64_t g = ((uint64_t)prev << 32) | cp;
            size_t j = n++;
            while (j > 0 && out[j - 1] > g) { out[j] = out[j - 1]; j--; }
            out[j] = g;
        }
        prev = cp;
        have = 1;
    }
    return n;
}

/* Dice coefficient of two sorted bigram multisets. */
static double dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) { common++; i++; j++; }
        else if (a[i] < b[j]) i++;
        else j++;
    }
    return na + nb ? 2.0 * (double)common / (double)(na + nb) : 0;
}

/* R_DUPLICATE / R_NEAR_DUPLICATE when line i repeats one of the few
 * non-blank lines before it (a title printed twice, a caption twice),
 * else -1. The first copy stays. */
static int duplicate_of_recent(kg_lines *l, const char *text, size_t i)
{
    const line_info *in = &l->info[i];
    l->mine.ready = 0;
    l->mine.line = i;
    if (in->nchars > DUP_MAX_CHARS || in->nchars == 0) return -1;
    for (size_t r = 0; r < l->n_recent; r++) {
        struct recent *rc = &l->recent[(l->recent_head + DUP_WINDOW - 1 - r) % DUP_WINDOW];
        const line_info *o = &l->info[rc->line];
        size_t len = in->te - in->ts;
        if (o->te - o->ts == len && memcmp(text + o->ts, text + in->ts, len) == 0)
            return R_DUPLICATE;
        if (in->nchars < NEAR_DUP_MIN_CHARS || o->nchars > DUP_MAX_CHARS ||
            o->nchars * 5 < in->nchars * 4 || in->nchars * 5 < o->nchars * 4)
            continue;
        if (!l->mine.ready) {
            l->mine.n = bigrams(text, in, l->mine.grams);
            l->mine.ready = 1;
        }
        if (!rc->ready) {
            rc->n = bigrams(text, o, rc->grams);
            rc->ready = 1;
        }
        if (dice(l->mine.grams, l->mine.n, rc->grams, rc->n) >= NEAR_DUP_DICE)
            return R_NEAR_DUPLICATE;
    }
    return -1;
}

/* Line i (non-blank) joins the window of recent lines. */
static void remember(kg_lines *l, size_t i)
{
    struct recent *rc = &l->recent[l->recent_head];
    rc->line = i;
    rc->ready = l->mine.ready && l->mine.line == i;
    if (rc->ready) {
        rc->n = l->mine.n;
        memcpy(rc->grams, l->mine.grams, l->mine.n * sizeof *rc->grams);
    }
    l->recent_head = (l->recent_head + 1) % DUP_WINDOW;
    if (l->n_recent < DUP_WINDOW) l->n_recent++;
}

/* ---- the passes ---- */

static void set(kg_lines *l, size_t i, uint32_t cls, uint32_t reason)
{
    l->lines[i].cls = cls;
    l->lines[i].reason = reason;
    l->info[i].decided = 1;
}

/* Rules, then line signals, for one non-blank line. */
static void classify_line(const kg_boiler *b, kg_lines *l, const char *text,
                          size_t i)
{
    line_info *in = &l->info[i];
    size_t n_rules = kg_rules_count(b->rules);
    const char *s = text + in->ts;
    size_t len = in->te - in->ts;
    long r = kg_rules_match(b->rules, b->n_builtin, n_rules, s, len,
                            in->nchars, l->matcher);
    if (r < 0)
        r = kg_rules_match(b->rules, 0, b->n_builtin, s, len, in->nchars,
                           l->matcher);
    if (r >= 0) {
        uint32_t action = kg_rules_action(b->rules, (size_t)r);
        uint32_t reason = R_COUNT + (uint32_t)r;
        if (action == KG_RULE_CONTENT) {
            set(l, i, KG_LINE_CONTENT, reason);
            in->strong = 1;
        } else {
            set(l, i, KG_LINE_BOILERPLATE, reason);
            in->list_header = action == KG_RULE_LIST;
            const char *name = kg_rules_name(b->rules, (size_t)r);
            in->is_date = strncmp(name, "date", 4) == 0 ||
                          strncmp(name, "timestamp", 9) == 0;
        }
        return;
    }
    int dup = duplicate_of_recent(l, text, i);
    if (dup >= 0) {
        set(l, i, KG_LINE_BOILERPLATE, (uint32_t)dup);
        return;
    }
    counts c = count_chars(text, in);
    in->words = (uint16_t)(c.words > 0xFFFF ? 0xFFFF : c.words);
    uint32_t letters = c.hangul + c.latin + c.letter;
    if (letters + c.digit == 0) {
        set(l, i, KG_LINE_BOILERPLATE, R_SYMBOLS);
        return;
    }
    /* tickers, scores, dates: mostly digits and symbols */
    if (in->nchars <= SHORT_CHARS &&
        2 * (c.digit + c.symbol) > c.digit + c.symbol + letters) {
        set(l, i, KG_LINE_BOILERPLATE, R_NUMERIC);
        return;
    }
    if (ends_sentence(text, in, &c)) {
        set(l, i, KG_LINE_CONTENT, R_SENTENCE);
        in->strong = in->nchars >= LIST_END_SENTENCE;
        return;
    }
    if (in->nchars >= LONG_CHARS) {
        set(l, i, KG_LINE_CONTENT, R_LONG);
        in->strong = 1;
        return;
    }
    if (in->nchars >= MORPHEME_MIN_CHARS && c.hangul * 2 >= in->nchars &&
        morpheme_density(b, l, text, in) >= MORPHEME_DENSITY) {
        set(l, i, KG_LINE_CONTENT, R_MORPHEMES);
        return;
    }
    /* undecided: left to the context passes */
    l->lines[i].cls = KG_LINE_CONTENT;
    l->lines[i].reason = R_SHORT_KEPT;
}

/* Items of a list that opens under a boilerplate header are boilerplate,
 * up to the first strong content line, or the first line after a blank
 * that is neither bulleted nor boilerplate already. */
static void list_pass(kg_lines *l)
{
    int in_list = 0, gap = 0, after_header = 0;
    for (size_t i = 0; i < l->n; i++) {
        kg_line *ln = &l->lines[i];
        const line_info *in = &l->info[i];
        if (ln->cls == KG_LINE_BLANK) { gap = 1; continue; }
        if (in->list_header) {
            in_list = 1; gap = 0; after_header = 1;
            continue;
        }
        if (!in_list) continue;
        if (ln->cls == KG_LINE_CONTENT && in->strong) { in_list = 0; continue; }
        if (ln->cls == KG_LINE_BOILERPLATE) { gap = 0; after_header = 0; continue; }
        if (in->bullet || !gap || after_header) {
            ln->cls = KG_LINE_BOILERPLATE;
            ln->reason = R_LIST_ITEM;
            l->info[i].decided = 1;
            gap = 0;
            after_header = 0;
        } else {
            in_list = 0;
        }
    }
}

/* Nearest non-blank line before (dir -1) or after (dir +1) i, or -1. */
static long neighbour(const kg_lines *l, size_t i, int dir)
{
    long j = (long)i + dir;
    while (j >= 0 && (size_t)j < l->n && l->lines[j].cls == KG_LINE_BLANK) j += dir;
    return (j >= 0 && (size_t)j < l->n) ? j : -1;
}

static int is_bp(const kg_lines *l, long i)
{
    return i >= 0 && l->lines[i].cls == KG_LINE_BOILERPLATE;
}

/* Undecided lines, in the order of the checks:
 *  - a nickname of a word or two between a title (content above) and the
 *    date line right below is the author;
 *  - after the body has begun (the first strong content line), a short
 *    line between two boilerplate lines is boilerplate; after the body has
 *    ended (the last strong line), so is a run of up to TAIL_RUN short
 *    lines, such as an author box between two widgets;
 *  - a line with decided content after it is a heading;
 *  - anything else is kept.
 * Titles and subtitles sit between chrome above the body, which is why
 * the between rule waits for the body. Decisions read the classes the
 * earlier passes left, so they do not cascade. */
static void context_pass(kg_lines *l)
{
    long first_strong = -1, last_strong = -1;
    for (size_t i = 0; i < l->n; i++)
        if (l->lines[i].cls == KG_LINE_CONTENT && l->info[i].strong) {
            if (first_strong < 0) first_strong = (long)i;
            last_strong = (long)i;
        }
    for (size_t i = 0; i < l->n; i++) {
        kg_line *ln = &l->lines[i];
        const line_info *in = &l->info[i];
        if (ln->cls == KG_LINE_BLANK || in->decided) continue;
        long p = neighbour(l, i, -1), n = neighbour(l, i, +1);
        if (in->words <= AUTHOR_MAX_WORDS && in->nchars <= AUTHOR_MAX_CHARS &&
            i + 1 < l->n && l->info[i + 1].is_date && p >= 0 &&
            l->lines[p].cls == KG_LINE_CONTENT) {
            ln->cls = KG_LINE_BOILERPLATE;
            ln->reason = R_BEFORE_DATE;
        } else if (first_strong >= 0 && (long)i > first_strong &&
                   in->nchars <= SHORT_CHARS && is_bp(l, p) && is_bp(l, n) &&
                   l->lines[p].reason != R_BETWEEN) {
            ln->cls = KG_LINE_BOILERPLATE;
            ln->reason = R_BETWEEN;
        } else if (n >= 0 && l->lines[n].cls == KG_LINE_CONTENT &&
                   l->info[n].decided) {
            ln->reason = R_HEADING;
        }
    }
    if (last_strong < 0) return;
    /* tail runs: short, not strong, between two boilerplate lines */
    size_t i = (size_t)last_strong + 1;
    while (i < l->n) {
        if (l->lines[i].cls != KG_LINE_CONTENT) { i++; continue; }
        size_t j = i, count = 0;
        int ok = 1;
        for (; j < l->n && l->lines[j].cls != KG_LINE_BOILERPLATE; j++) {
            if (l->lines[j].cls == KG_LINE_BLANK) continue;
            count++;
            ok &= l->info[j].nchars <= SHORT_CHARS && !l->info[j].strong &&
                  l->lines[j].reason != R_DUPLICATE;
        }
        if (ok && count <= TAIL_RUN && is_bp(l, neighbour(l, i, -1)) && j < l->n) {
            for (size_t k = i; k < j; k++)
                if (l->lines[k].cls == KG_LINE_CONTENT) {
                    l->lines[k].cls = KG_LINE_BOILERPLATE;
                    l->lines[k].reason = R_BETWEEN;
                }
        }
        i = j;
    }
}

int kg_boiler_classify(const kg_boiler *b, const char *text, size_t len,
                       kg_lines *l)
{
    if (!b || !l || (!text && len)) return KG_ERR_ARG;
    l->n = 0;
    l->n_map = 0;
    l->stripped_len = 0;
    l->error_offset = 0;
    l->n_recent = l->recent_head = 0;
    l->mine.ready = 0;
    kg_rule_matcher_reset(l->matcher);
    if (len > KG_MAX_TEXT) return KG_ERR_TOO_LONG;
    if (!text) text = "";
    size_t bad;
    int rc = kg_utf8_check(text, len, 1, &bad);
    if (rc) {
        l->error_offset = bad;
        return rc;
    }
    /* split; a final "\n" ends the last line rather than opening one */
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t e = end;
        if (e > pos && text[e - 1] == '\r') e--;
        if (KG_GROW(l->lines, l->cap, l->n + 1, 64) ||
            KG_GROW(l->info, l->info_cap, l->n + 1, 64))
            return KG_ERR_NOMEM;
        l->lines[l->n] = (kg_line){(uint32_t)pos, (uint32_t)e, KG_LINE_BLANK, R_BLANK};
        memset(&l->info[l->n], 0, sizeof l->info[l->n]);
        l->n++;
        pos = nl ? end + 1 : len;
    }
    for (size_t i = 0; i < l->n; i++) {
        line_info *in = &l->info[i];
        trim_line(text, l->lines[i].start, l->lines[i].end, in);
        if (in->ts == in->te && !in->bullet) {
            in->decided = 1;
            continue; /* blank */
        }
        if (in->ts == in->te) { /* a bullet and nothing else */
            set(l, i, KG_LINE_BOILERPLATE, R_SYMBOLS);
            continue;
        }
        l->mine.ready = 0;
        classify_line(b, l, text, i);
        remember(l, i);
    }
    list_pass(l);
    context_pass(l);
    return (int)l->n;
}

int kg_boiler_strip(const kg_boiler *b, const char *text, size_t len,
                    kg_lines *l)
{
    int rc = kg_boiler_classify(b, text, len, l);
    if (rc < 0) return rc;
    size_t need = 1;
    for (size_t i = 0; i < l->n; i++)
        if (l->lines[i].cls == KG_LINE_CONTENT)
            need += l->lines[i].end - l->lines[i].start + 1;
    if (KG_GROW(l->stripped, l->stripped_cap, need, 256) ||
        KG_GROW(l->map, l->map_cap, l->n + 1, 64))
        return KG_ERR_NOMEM;
    size_t o = 0;
    for (size_t i = 0; i < l->n; i++) {
        const kg_line *ln = &l->lines[i];
        if (ln->cls != KG_LINE_CONTENT) continue;
        if (l->n_map) l->stripped[o++] = '\n';
        memcpy(l->stripped + o, text + ln->start, ln->end - ln->start);
        o += ln->end - ln->start;
        l->map[l->n_map++] = (uint32_t)i;
    }
    l->stripped[o] = '\0';
    l->stripped_len = o;
    return (int)l->n_map;
}
