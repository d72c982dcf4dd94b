/*
 * kogloss.h - Korean text core: UTF-8 validation, normalisation with offset
 * maps, and eojeol segmentation into stem and tail.
 *
 * Conventions (as in PCRE2 and utf8proc):
 *  - every public name starts with kg_ / KG_;
 *  - objects are opaque handles made by *_new and released by *_free;
 *  - functions return 0 (KG_OK) or a non-negative count on success and a
 *    negative KG_ERR_* code on failure; kg_strerror() names the code;
 *  - the caller owns every buffer it passes in; kogloss never keeps a
 *    pointer to caller memory after a call returns;
 *  - all offsets are 0-based byte offsets into the caller's ORIGINAL text,
 *    half-open [start, end), whatever normalisation happened inside.
 *
 * Thread safety: a kg_segmenter is read-only once configured and may be
 * shared between threads; each thread needs its own kg_result / kg_norm.
 */
#ifndef KOGLOSS_H
#define KOGLOSS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KG_VERSION_MAJOR 0
#define KG_VERSION_MINOR 1
#define KG_VERSION_PATCH 0
#define KG_VERSION_STRING "0.1.0"

/* Texts longer than this are refused: offsets are stored in 32 bits. */
#define KG_MAX_TEXT ((size_t)0x7fffffff)

/* ---- errors ------------------------------------------------------------ */

enum kg_error {
    KG_OK = 0,
    KG_ERR_NOMEM = -1,   /* allocation failed */
    KG_ERR_UTF8 = -2,    /* invalid UTF-8 (see the error offset) */
    KG_ERR_NUL = -3,     /* a NUL byte inside the text */
    KG_ERR_TOO_LONG = -4,/* text longer than KG_MAX_TEXT */
    KG_ERR_ICU = -5,     /* ICU normaliser failed or is unavailable */
    KG_ERR_ARG = -6,     /* invalid argument (NULL handle, bad enum) */
    KG_ERR_IO = -7,      /* a file could not be read */
    KG_ERR_PARSE = -8,   /* a data file is malformed */
    KG_ERR_PATTERN = -9  /* a rule's PCRE2 pattern does not compile */
};

/* Static English message for an error code; never NULL. */
const char *kg_strerror(int code);

/* Library version as "MAJOR.MINOR.PATCH". */
const char *kg_version(void);

/* ---- UTF-8 ------------------------------------------------------------- */

/*
 * Checks that text[0..len) is well-formed UTF-8 (no overlongs, surrogates
 * or code points above U+10FFFF) and, when reject_nul is non-zero, holds no
 * NUL byte. Returns KG_OK, KG_ERR_UTF8 or KG_ERR_NUL; on error *error_offset
 * (if not NULL) receives the byte offset of the first offending byte.
 */
int kg_utf8_check(const char *text, size_t len, int reject_nul,
                  size_t *error_offset);

/* ---- normalisation ----------------------------------------------------- */

typedef enum kg_norm_form {
    KG_NFC = 0,        /* canonical composition: NFD Hangul becomes syllables */
    KG_NFKC = 1,       /* plus compatibility folding: full-width Latin, ligatures */
    KG_NFKC_CASEFOLD = 2 /* plus Unicode case folding (for matching) */
} kg_norm_form;

typedef struct kg_norm kg_norm;

kg_norm *kg_norm_new(void);
void kg_norm_free(kg_norm *norm);

/*
 * Normalises text (which must be valid UTF-8 without NUL) into the handle.
 * Only the spans that are not already normal go through ICU, so ASCII and
 * precomposed Hangul cost one table look-up per byte.
 * Returns KG_OK or a negative code; on KG_ERR_UTF8/KG_ERR_NUL the offset of
 * the bad byte is available from kg_norm_error_offset().
 */
int kg_normalize(kg_norm *norm, kg_norm_form form, const char *text, size_t len);

/* The normalised text (NUL-terminated) and its length in bytes. */
const char *kg_norm_text(const kg_norm *norm, size_t *len);

/* Byte offset of the first invalid byte after a failed kg_normalize(). */
size_t kg_norm_error_offset(const kg_norm *norm);

/*
 * Maps the normalised byte range [start, end) back to the original text:
 * *orig_start and *orig_end receive the smallest original range that produced
 * it. Ranges are widened to whole normalisation units (a decomposed
 * syllable maps to all of its jamo).
 */
void kg_norm_map_span(const kg_norm *norm, size_t start, size_t end,
                      size_t *orig_start, size_t *orig_end);

/* ---- segmentation ------------------------------------------------------ */

/* Coarse Sejong-compatible tags of a token part. */
typedef enum kg_tag {
    KG_TAG_N = 0,  /* nominal: NNG NNP NNB NR NP */
    KG_TAG_XSN,    /* noun suffix: 들, 적, 급 */
    KG_TAG_XPN,    /* noun prefix */
    KG_TAG_V,      /* verb or adjective stem */
    KG_TAG_VCP,    /* copula 이 */
    KG_TAG_XSV,    /* verb-forming suffix: 하, 되, 시키 */
    KG_TAG_XSA,    /* adjective-forming suffix: 스럽, 롭, 답 */
    KG_TAG_J,      /* particle */
    KG_TAG_E,      /* ending */
    KG_TAG_MA,     /* adverb */
    KG_TAG_MM,     /* determiner */
    KG_TAG_IC,     /* interjection */
    KG_TAG_SL,     /* Latin (or mixed Latin and digits) */
    KG_TAG_SN,     /* number */
    KG_TAG_SH,     /* Hanja */
    KG_TAG_SF,     /* sentence-final punctuation . ? ! */
    KG_TAG_SP,     /* separators , : ; / · */
    KG_TAG_SS,     /* quotes, brackets, dashes */
    KG_TAG_SW,     /* other symbols */
    KG_TAG_UNK,    /* unknown */
    KG_TAG_COUNT
} kg_tag;

/* Short tag name ("N", "XSV", ...), or "?" for an invalid tag. */
const char *kg_tag_name(int tag);

/* Non-zero when parts with this tag belong to the tail of a token. */
int kg_tag_is_tail(int tag);

typedef struct kg_part {
    uint32_t start, end; /* [start, end) bytes in the original text */
    uint32_t tag;        /* kg_tag */
} kg_part;

typedef struct kg_token {
    uint32_t start, end;   /* [start, end) bytes in the original text */
    uint32_t first_part;   /* index into the part array */
    uint32_t n_parts;      /* parts partition [start, end) exactly */
    uint32_t stem_end;     /* end of the stem: start of the first tail part,
                              or end when the token has no tail */
} kg_token;

typedef struct kg_segmenter kg_segmenter;
typedef struct kg_result kg_result;

/* Kinds of word a lexicon can hold. */
typedef enum kg_word_kind {
    KG_WORD_NOUN = 1,      /* a stem that takes particles; glossary terms */
    KG_WORD_VERB = 2,      /* a predicate stem (dictionary form minus 다) */
    KG_WORD_ADVERB = 3     /* adverb, determiner or interjection: no tail */
} kg_word_kind;

/* A segmenter with the built-in closed-class inventory and lexicon. */
kg_segmenter *kg_segmenter_new(void);
void kg_segmenter_free(kg_segmenter *seg);

/*
 * Adds a user word (UTF-8, NFC). Spaces inside are removed, so a glossary
 * term "강화 학습" also protects "강화학습". Returns KG_OK or a negative code.
 */
int kg_segmenter_add_word(kg_segmenter *seg, const char *word, size_t len,
                          kg_word_kind kind);

/*
 * Loads the nouns, predicate stems and adverbs of a hunspell-ko dictionary
 * (e.g. /usr/share/hunspell/ko.dic). Returns the number of words added or a
 * negative code (KG_ERR_IO when the file cannot be read).
 */
int kg_segmenter_load_hunspell(kg_segmenter *seg, const char *dic_path);

/* Number of words in the segmenter's lexicon (built-in plus added). */
size_t kg_segmenter_lexicon_size(const kg_segmenter *seg);

kg_result *kg_result_new(void);
void kg_result_free(kg_result *res);

/*
 * Segments text into tokens. A token is a run of non-space characters with
 * punctuation split off as tokens of its own; its parts partition it.
 * The text must be valid UTF-8 without NUL; it is NFC-normalised internally
 * and every offset refers to the original bytes. Runs in time linear in
 * len. Returns the number of tokens or a negative code; on KG_ERR_UTF8 or
 * KG_ERR_NUL, kg_result_error_offset() tells where.
 */
int kg_segment(const kg_segmenter *seg, const char *text, size_t len,
               kg_result *res);

const kg_token *kg_result_tokens(const kg_result *res, size_t *count);
const kg_part *kg_result_parts(const kg_result *res, size_t *count);
size_t kg_result_error_offset(const kg_result *res);

/* ==== glossary ========================================================= */

/*
 * A glossary set: entries (a canonical term, aliases, definitions, sources)
 * from any number of files and calls, compiled into one automaton that
 * finds every form in a text the way a Korean reader means it:
 *  - particles and endings may follow a term (딥시크가, 강화학습만으로);
 *  - spacing between Hangul syllables is ignored (강화 학습 = 강화학습);
 *  - Latin is matched case-insensitively, full-width folded, with hyphen
 *    and space alike, as whole words only (RL never inside RLHF);
 *  - leftmost-longest and non-overlapping; if the longest candidate fails a
 *    boundary rule a shorter one may still match.
 *
 * Priority: every batch (one file, one kg_glossary_add call) has a priority;
 * when two batches define the same term, or the same alias, the higher
 * priority wins and at equal priority the later batch wins. So a user
 * glossary loaded after a shared one overrides it. An overridden entry
 * lends its other forms to the entry that replaced it.
 * Within one batch a repeated term or a form shared by two entries is an
 * error (with file:line), and a batch with any error adds nothing.
 *
 * Thread safety: kg_match() compiles the automaton on first use after a
 * change; call kg_glossary_compile() first to share a glossary read-only
 * between threads (each thread needs its own kg_matches).
 */
typedef struct kg_glossary kg_glossary;

/* One entry. As input (kg_glossary_add) only term is required; NULL or ""
 * strings mean "none". As output every string is non-NULL. */
typedef struct kg_entry {
    const char *term;                /* canonical form, what hits report */
    const char *const *aliases;      /* other forms: English, acronyms ... */
    size_t n_aliases;
    const char *definition;          /* one line, for inline display */
    const char *description;         /* longer text, may be "" */
    const char *const *sources;      /* citations or URLs */
    size_t n_sources;
    const char *category;            /* e.g. "model"; a highlight group */
    int line;                        /* line in its file (0 when added) */
} kg_entry;

typedef enum kg_glossary_format {
    KG_FORMAT_TSV = 0, /* term, aliases (|-separated), definition, source
                          [, category [, description]] */
    KG_FORMAT_CSV = 1  /* the same columns, RFC 4180 quoting */
} kg_glossary_format;

kg_glossary *kg_glossary_new(void);
void kg_glossary_free(kg_glossary *g);

/* Adds n entries as one batch from origin (a name used in messages and
 * kept with each entry; may be NULL). Returns n or a negative code, and
 * then adds nothing; kg_glossary_error() says why. Strings are copied. */
int kg_glossary_add(kg_glossary *g, const kg_entry *entries, size_t n,
                    const char *origin, int priority);

/* Parses a TSV or CSV glossary and adds it as one batch. '#' starts a
 * comment line, a header line (first field "term") is skipped, a UTF-8 BOM
 * is allowed. Returns the number of entries or a negative code; the message
 * is "name:line: what is wrong". Nothing is added on error. */
int kg_glossary_load_buffer(kg_glossary *g, const char *data, size_t len,
                            const char *name, kg_glossary_format format,
                            int priority);

/* kg_glossary_load_buffer on a file; ".csv" files are CSV, others TSV. */
int kg_glossary_load_file(kg_glossary *g, const char *path, int priority);

/* The built-in AI/technology glossary (Korean, English, acronyms). */
int kg_glossary_load_builtin(kg_glossary *g, int priority);

/* Message of the last failed call on g ("" if none). */
const char *kg_glossary_error(const kg_glossary *g);

/* Entries that can match (overridden ones are not counted) and access to
 * them by index, 0 <= i < kg_glossary_size(g), in the order they were
 * added. These compile the glossary if it changed; NULL when out of range. */
size_t kg_glossary_size(kg_glossary *g);
const kg_entry *kg_glossary_entry(kg_glossary *g, size_t i);
/* Where entry i came from: the origin its batch was given, or "". */
const char *kg_glossary_entry_origin(kg_glossary *g, size_t i);

/* Finds the entry that form s names after normalisation (its term or any
 * alias, in any spacing, case or width): returns 1 and sets *index, 0 when
 * no entry has that form, or a negative code. Compiles if needed. */
int kg_glossary_lookup(kg_glossary *g, const char *s, size_t len,
                       size_t *index);

/* Builds the automaton now (kg_match does it on demand). */
int kg_glossary_compile(kg_glossary *g);

/* One hit: [start, end) is the term's surface; [end, tail_end) the
 * particles or endings attached to it (tail_end == end when none). */
typedef struct kg_hit {
    uint32_t start, end, tail_end;
    uint32_t entry; /* index for kg_glossary_entry() */
} kg_hit;

typedef struct kg_matches kg_matches;
kg_matches *kg_matches_new(void);
void kg_matches_free(kg_matches *m);

/* Finds every term in text (valid UTF-8 without NUL). Returns the number of
 * hits or a negative code (KG_ERR_UTF8/KG_ERR_NUL: see
 * kg_matches_error_offset). Linear in len, independent of glossary size. */
int kg_match(kg_glossary *g, const char *text, size_t len, kg_matches *m);
const kg_hit *kg_matches_hits(const kg_matches *m, size_t *count);
size_t kg_matches_error_offset(const kg_matches *m);

/* ==== boilerplate ====================================================== */

/*
 * Line classification of saved web articles: every line of a text is
 * content, boilerplate (page chrome: bylines, timestamps, share and
 * font-size widgets, reaction counters, related-article lists, tickers,
 * copyright lines ...) or blank, with the name of the rule or heuristic
 * that decided it. Lines end at "\n"; a "\r" before it and the "\n" are
 * not part of the line; a last line without "\n" is a line.
 *
 * A kg_boiler holds the built-in Korean rule pack (PCRE2, UTF + UCP, JIT
 * when available) plus rules loaded at run time, which are tried first.
 * It is read-only while classifying and may be shared between threads;
 * each thread needs its own kg_lines. Every PCRE2 match runs under match,
 * depth and heap limits: a rule that hits one simply does not match that
 * line (kg_lines_limit_hits counts it), so no pattern can hang the caller.
 *
 * Rule files: one rule per line, "name action pattern", separated by
 * spaces or tabs; the pattern is the rest of the line (trailing spaces
 * dropped); lines starting with # and blank lines are ignored. action is
 * "boilerplate", "content" (keep: overrides every later rule and
 * heuristic) or "list" (a boilerplate header whose list items below are
 * boilerplate too), optionally with ":N" to apply to lines of at most N
 * characters only ("boilerplate:40"). Patterns see the line without its
 * indentation, list bullet (• ◦ ▪ · * -) and trailing spaces.
 */

typedef enum kg_line_class {
    KG_LINE_CONTENT = 0,
    KG_LINE_BOILERPLATE = 1,
    KG_LINE_BLANK = 2
} kg_line_class;

typedef struct kg_line {
    uint32_t start, end; /* [start, end) bytes, without "\r\n" / "\n" */
    uint32_t cls;        /* kg_line_class */
    uint32_t reason;     /* rule or heuristic: kg_boiler_reason() names it */
} kg_line;

typedef struct kg_boiler kg_boiler;
typedef struct kg_lines kg_lines;

/* A classifier with the built-in rule pack; NULL when out of memory. */
kg_boiler *kg_boiler_new(void);
void kg_boiler_free(kg_boiler *b);

/*
 * Loads a rule file (format above). Its rules are tried in file order,
 * after the rules loaded earlier and before the built-in pack. Returns the number of rules added or a
 * negative code: KG_ERR_IO, KG_ERR_PARSE (bad line) or KG_ERR_PATTERN
 * (bad PCRE2 pattern); then no rule of the file is kept and
 * kg_boiler_error() says "file:line: what".
 */
int kg_boiler_load_rules(kg_boiler *b, const char *path);

/* As kg_boiler_load_rules, for rules in memory; source names them in
 * error messages. */
int kg_boiler_add_rules(kg_boiler *b, const char *rules, size_t len,
                        const char *source);

/* Message of the last failed load ("" when none); owned by b. */
const char *kg_boiler_error(const kg_boiler *b);

/* Number of rules loaded at run time (the built-in pack not counted). */
size_t kg_boiler_user_rule_count(const kg_boiler *b);

/*
 * Name of a reason id from kg_line.reason: a rule's name ("byline",
 * "copyright", or a user rule's) or a heuristic's ("sentence",
 * "between-boilerplate", "list-item" ...; doc/kogloss.txt lists them).
 * Returns "?" for an unknown id. Valid as long as b.
 */
const char *kg_boiler_reason(const kg_boiler *b, uint32_t reason);

kg_lines *kg_lines_new(void);
void kg_lines_free(kg_lines *lines);

/*
 * Classifies every line of text (valid UTF-8, no NUL) into lines. Runs in
 * time linear in len: rules and the segmenter see each line once, and the
 * segmenter only the lines rules left undecided. Returns the number of
 * lines or a negative code; on KG_ERR_UTF8/KG_ERR_NUL,
 * kg_lines_error_offset() gives the byte.
 */
int kg_boiler_classify(const kg_boiler *b, const char *text, size_t len,
                       kg_lines *lines);

/*
 * kg_boiler_classify, then the content lines joined by "\n" into
 * kg_lines_stripped() and, for each of them, its 0-based line number in
 * text in kg_lines_map(). Returns the number of content lines or a
 * negative code.
 */
int kg_boiler_strip(const kg_boiler *b, const char *text, size_t len,
                    kg_lines *lines);

const kg_line *kg_lines_get(const kg_lines *lines, size_t *count);
/* After kg_boiler_strip: the content text (NUL-terminated) and the map. */
const char *kg_lines_stripped(const kg_lines *lines, size_t *len);
const uint32_t *kg_lines_map(const kg_lines *lines, size_t *count);
size_t kg_lines_error_offset(const kg_lines *lines);
/* Rule matches the PCRE2 limits stopped during the last classification. */
size_t kg_lines_limit_hits(const kg_lines *lines);

#ifdef __cplusplus
}
#endif
#endif /* KOGLOSS_H */
