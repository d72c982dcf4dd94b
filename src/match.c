/*
 * Finding glossary terms in a text.
 *
 * Walks start only at token starts (after a space, a punctuation mark or a
 * symbol), so a Korean term is never found inside another word and a Latin
 * one is a whole word at its left edge. Each walk follows the automaton one
 * code point at a time, folding case and width on the way and skipping the
 * blanks that touch Hangul, and remembers every form that ends on its
 * path. (The automaton also holds the lexicon words that go on past a
 * form, for the boundary rules; the segmenter's other words are apart.)
 * The longest key that passes the boundary rules at its end wins; if none
 * does, the walk moves on to the next token start.
 *
 * Boundary rules at the end of a candidate:
 *  - the text ends, or a space, punctuation or symbol follows: a match;
 *  - a Latin or digit ending followed by another letter or digit: no match
 *    (RL in RLHF);
 *  - a change of script inside the word (AI를, 딥시크R1): a match, as the
 *    segmenter always cuts there;
 *  - Hangul followed by Hangul: a match only where the segmenter puts a
 *    boundary. The common case, a particle or ending from the closed tail
 *    inventory after a stem, is checked directly; so is the common "no"
 *    (a term inside a compound noun, where no tail begins: see
 *    kg_segment_may_cut); anything else (a possible longer word) asks the
 *    segmenter about that one eojeol.
 */
#include <stdlib.h>
#include <string.h>
#include "glossary.h"

/* A form that ends on a walk's path. */
typedef struct candidate {
    uint32_t end;     /* byte after the key's last character */
    int32_t node;     /* where the key ends in the automaton */
    uint32_t last;    /* the key's last character, folded */
    uint32_t eojeol;  /* where the eojeol holding end starts */
    uint32_t plain;   /* no separator before end: the path is the text */
} candidate;

/* The segmenter's answer for an eojeol depends on its bytes alone, and
 * real text repeats eojeols constantly: a small two-way memo of whole
 * eojeols and their part boundaries saves most segmenter calls. A slot is
 * 64 bytes and stores its whole key. */
#define WORD_MEMO_KEY 47
#define WORD_MEMO_SETS 2048

/* The keys found by one walk of the automaton from a token start: forms,
 * and lexicon words that go on past a form (scan skips those).
 * (Interleaving walks from several token starts was tried: the extra
 * branches cost more than the hidden memory latency saved, on this
 * machine.) */
typedef struct walk_state {
    candidate *cands;         /* keys on the path, shortest first */
    size_t n_cands, cap_cands;
} walk_state;

typedef struct word_memo_slot {
    uint64_t starts;      /* bit k: a part starts at byte k */
    uint64_t tail_starts; /* bit k: the parts from byte k on are all tail */
    uint8_t len;          /* 0: empty */
    char key[WORD_MEMO_KEY];
} word_memo_slot;

struct kg_matches {
    word_memo_slot word_memo[2 * WORD_MEMO_SETS]; /* way 0 most recent */
    uint64_t memo_owner;    /* the compilation the memos were filled for */
    kg_hit *hits;
    size_t n_hits, cap_hits;
    size_t hits_mapped;  /* kg_grow_large */
    walk_state walk;
    kg_norm *norm;     /* texts that need ICU folding */
    kg_result *res;    /* the segmenter's view of one eojeol */
    size_t error_offset;
};

kg_matches *kg_matches_new(void)
{
    kg_matches *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->norm = kg_norm_new();
    m->res = kg_result_new();
    if (!m->norm || !m->res) {
        kg_matches_free(m);
        return NULL;
    }
    return m;
}

void kg_matches_free(kg_matches *m)
{
    if (!m) return;
    kg_grow_large_free(m->hits, m->hits_mapped);
    free(m->walk.cands);
    kg_norm_free(m->norm);
    kg_result_free(m->res);
    free(m);
}

const kg_hit *kg_matches_hits(const kg_matches *m, size_t *count)
{
    if (count) *count = m ? m->n_hits : 0;
    return m ? m->hits : NULL;
}

size_t kg_matches_error_offset(const kg_matches *m) { return m ? m->error_offset : 0; }

/* ---- boundaries ---- */

static int is_tail_tag(uint32_t tag)
{
    return kg_tag_is_tail((int)tag) || tag == KG_TAG_XSN;
}

/* The conditions of enum kg_tail_cond that prev meets, as bits: a Hangul
 * syllable's from the glossary's table; anything else meets every one. */
static uint8_t conds_at(const kg_glossary_view *v, uint32_t prev)
{
    return kg_is_syllable(prev) ? v->syllables[prev - KG_HANGUL_FIRST].conds : 0xFF;
}

/* The memo slot holding the word s[0, len), moved to way 0, or NULL. */
static const word_memo_slot *word_memo_find(kg_matches *m, const unsigned char *w,
                                            size_t len, uint32_t hash)
{
    word_memo_slot *set = &m->word_memo[2 * (hash & (WORD_MEMO_SETS - 1))];
    for (int way = 0; way < 2; way++) {
        if (set[way].len != len || memcmp(set[way].key, w, len) != 0) continue;
        if (way) {
            word_memo_slot t = set[0];
            set[0] = set[1];
            set[1] = t;
        }
        return &set[0];
    }
    return NULL;
}

/* Keeps the part starts of word s[0, len), evicting the older way. */
static const word_memo_slot *word_memo_store(kg_matches *m, const unsigned char *w,
                                             size_t len, uint32_t hash,
                                             uint64_t starts, uint64_t tail_starts)
{
    word_memo_slot *set = &m->word_memo[2 * (hash & (WORD_MEMO_SETS - 1))];
    set[1] = set[0];
    set[0].starts = starts;
    set[0].tail_starts = tail_starts;
    set[0].len = (uint8_t)len;
    memcpy(set[0].key, w, len);
    return &set[0];
}

/* Memos belong to one automaton (and so one segmenter lexicon). */
static void memo_check_owner(const kg_glossary_view *v, kg_matches *m)
{
    if (m->memo_owner == v->id) return;
    memset(m->word_memo, 0, sizeof m->word_memo);
    m->memo_owner = v->id;
}

/* A character that is no Hangul syllable and no break comes before the
 * eojeol's end. */
#define REST_NOT_HANGUL 0x100u

/* Reads the rest of the eojeol from i, a Hangul syllable: *b gets where it
 * ends (the next break). Returns the stem conditions under which s[i, *b)
 * is a noun tail (0: never), or REST_NOT_HANGUL. */
static uint32_t rest_as_noun_tail(const kg_glossary_view *v, const unsigned char *s,
                                  size_t n, size_t i, size_t *b)
{
    /* most often one syllable, a particle, then a space or a mark */
    if (kg_at_ascii_break(s, n, i + 3)) {
        size_t len;
        uint32_t cp = kg_decode(s + i, &len);
        if (kg_is_syllable(cp)) {
            *b = i + 3;
            return v->syllables[cp - KG_HANGUL_FIRST].noun_tail;
        }
    }
    const kg_dat *t = v->noun_tails;
    int32_t node = 0;
    size_t cl;
    while (i < n) {
        uint32_t cp = kg_decode(s + i, &cl);
        if (!kg_is_syllable(cp)) {
            size_t brk = kg_next_break(s, n, i);
            if (brk == i) break;
            *b = brk;
            return REST_NOT_HANGUL;
        }
        if (node >= 0) {
            uint32_t code = kg_dat_code(t, cp);
            node = code ? kg_dat_child(t, node, code) : -1;
        }
        i += cl;
    }
    *b = i;
    return node > 0 && kg_dat_is_terminal(t, node) ? t->values[node] : 0;
}

/* After a name (AI, GPT-4), may s[e, b) (Hangul) be a one-syllable noun
 * suffix, alone or before a noun tail (GPT-4급, AI들이)? The segmenter
 * always takes it so after a name; after Hangul it may not. */
static int suffix_then_tail(const kg_glossary_view *v,
                            const unsigned char *s, size_t n, size_t e, size_t b)
{
    size_t cl, end;
    uint32_t suffix = kg_decode(s + e, &cl);
    const kg_strset *lex = kg_segmenter_lexicon(v->seg);
    if (!(kg_lexicon_bits(lex, (const char *)s + e, cl) & KG_LEX_SUFFIX)) return 0;
    if (e + cl == b) return 1;
    uint32_t conds = rest_as_noun_tail(v, s, n, e + cl, &end);
    return !(conds & REST_NOT_HANGUL) && (conds & conds_at(v, suffix)) != 0;
}

/* Does a lexicon word start at the eojeol start and end inside (e, b]?
 * Then the stem may be longer than the term (나 in 나라), and the
 * segmenter decides. On a plain path the walk itself went on from the
 * term's node along the eojeol, as far as any key goes (the automaton
 * holds the words that go on past a form), and kept every key on its way:
 * later candidates tell. After a blank the eojeol starts inside the term,
 * and the segmenter's lexicon (which knows every Hangul form) is asked for
 * each end: the rest is a syllable or two, and a look-up costs less than
 * walks from the eojeol's start (measured). The grow filter (in cache)
 * spares those look-ups for nearly every stem, which no word extends so. */
static int longer_word(const kg_glossary_view *v, const walk_state *w,
                       const candidate *c, const unsigned char *s, size_t b)
{
    if (c->plain) {
        const candidate *end = w->cands + w->n_cands;
        for (const candidate *l = c + 1; l < end && l->end <= b; l++)
            if (v->dat->values[l->node] & KG_VALUE_LEXWORD) return 1;
        return 0;
    }
    const kg_strset *lex = kg_segmenter_lexicon(v->seg);
    size_t ws = c->eojeol, cl;
    /* the rest is a noun tail: the filter gets its first syllable too */
    if (ws < c->end && !kg_grow_filter_may_grow(v->grow, (const char *)s + ws, c->end + 3 - ws))
        return 0;
    for (size_t i = c->end; i < b; ) {
        kg_decode(s + i, &cl);
        i += cl;
        if (kg_lexicon_bits(lex, (const char *)s + ws, i - ws) & KG_LEX_CONTINUES)
            return 1;
    }
    return 0;
}

/* Segments eojeol w[0, len) and sets bit k of *starts when a part starts
 * at byte base + k, and of *tail_starts when the parts from there on are
 * all tail (bits for 64 bytes from base). */
static int segment_word(const kg_glossary_view *v, kg_matches *m,
                        const unsigned char *w, size_t len, size_t base,
                        uint64_t *starts, uint64_t *tail_starts)
{
    int rc = kg_segment(v->seg, (const char *)w, len, m->res);
    if (rc < 0) return rc;
    size_t np;
    const kg_part *parts = kg_result_parts(m->res, &np);
    int tail = 1;
    *starts = *tail_starts = 0;
    for (size_t k = np; k-- > 0;) {
        tail = tail && is_tail_tag(parts[k].tag);
        if (parts[k].start < base || parts[k].start - base >= 64) continue;
        *starts |= 1ull << (parts[k].start - base);
        if (tail) *tail_starts |= 1ull << (parts[k].start - base);
    }
    return KG_OK;
}

/* Is s[from, to) Hangul syllables only? */
static int all_syllables(const unsigned char *s, size_t from, size_t to)
{
    if ((to - from) % 3) return 0;
    for (size_t i = from; i < to; i += 3)
        if (!kg_syllable_lead_at(s, i)) return 0;
    return 1;
}

/* Asks the segmenter whether eojeol s[ws, b) has a part boundary at e
 * (rest_hangul: s[e, b) is Hangul syllables only). Returns 1 (and the
 * tail end) or 0; a negative code on failure. */
static int segmenter_boundary(const kg_glossary_view *v, kg_matches *m,
                              const unsigned char *s, size_t ws, size_t e,
                              size_t b, size_t *tail_end, int rest_hangul)
{
    const unsigned char *w = s + ws;
    size_t len = b - ws, at = e - ws;
    uint64_t starts, tail_starts;
    if (len <= WORD_MEMO_KEY) {
        uint32_t hash = kg_hash_bytes(w, len);
        const word_memo_slot *slot = word_memo_find(m, w, len, hash);
        if (!slot) {
            /* most terms that end inside a longer word end inside a
             * compound noun (경영|능력을), where the segmenter never cuts:
             * a few tail look-ups tell, and the answer is not kept (it
             * is cheaper to give again than a memo slot is to spend) */
            if (rest_hangul && all_syllables(s, ws, e) &&
                !kg_segment_may_cut(v->seg, (const char *)w, len, at))
                return 0;
            int rc = segment_word(v, m, w, len, 0, &starts, &tail_starts);
            if (rc < 0) return rc;
            slot = word_memo_store(m, w, len, hash, starts, tail_starts);
        }
        starts = slot->starts;
        tail_starts = slot->tail_starts;
    } else {
        int rc = segment_word(v, m, w, len, at, &starts, &tail_starts);
        if (rc < 0) return rc;
        at = 0;
    }
    *tail_end = (tail_starts >> at) & 1 ? b : e;
    return (int)((starts >> at) & 1);
}

/* The boundary rules of the header comment for candidate c of walk w.
 * Returns 1 with *tail_end set, 0, or a negative code. */
static int check_end(const kg_glossary_view *v, kg_matches *m, const candidate *c,
                     const walk_state *w, const unsigned char *s, size_t n,
                     size_t *tail_end)
{
    size_t e = c->end, cl;
    *tail_end = e;
    if (e >= n) return 1;
    uint32_t next = kg_decode(s + e, &cl);
    int last_hangul = kg_is_syllable(c->last);
    if (!kg_is_syllable(next)) {
        if (next < 0x80 ? kg_ascii_breaks((unsigned char)next) : kg_token_break(next)) return 1;
        return last_hangul; /* 딥시크R1 yes, RLHF no */
    }
    size_t b;
    uint32_t conds = rest_as_noun_tail(v, s, n, e, &b);
    if (!last_hangul) {
        /* a name then Hangul: AI를, GPT-4급, AI반도체 (no tail) */
        if (!(conds & REST_NOT_HANGUL) &&
            (conds || suffix_then_tail(v, s, n, e, b)))
            *tail_end = b;
        return 1;
    }
    if (!(conds & REST_NOT_HANGUL) && (conds & conds_at(v, c->last)) &&
        !longer_word(v, w, c, s, b)) {
        *tail_end = b;
        return 1;
    }
    return segmenter_boundary(v, m, s, c->eojeol, e, b, tail_end, !(conds & REST_NOT_HANGUL));
}

/* ---- walking ---- */

/* Takes the walk over a run of separators at s[i]: *i gets the character
 * after it and *eojeol the start of the last eojeol in it. Returns 1 when
 * the walk goes on from *node (a SEP step, or the run dropped), else 0. */
static int walk_separators(const kg_glossary_view *v, const unsigned char *s,
                           size_t n, size_t *i, int32_t *node, uint32_t prev,
                           uint32_t *eojeol)
{
    size_t j = *i, cl;
    int hyphen = 0;
    while (j < n) {
        uint32_t x = kg_decode(s + j, &cl);
        if (kg_is_hyphen(x)) hyphen = 1;
        else if (!kg_is_blank(x)) break;
        j += cl;
        if (kg_is_blank(x)) *eojeol = (uint32_t)j;
    }
    if (j >= n) return 0;
    uint32_t after = kg_fold_char(kg_decode(s + j, &cl));
    if (!kg_sep_dropped(prev, after, hyphen) &&
        (!v->sep_code || (*node = kg_dat_child(v->dat, *node, v->sep_code)) < 0))
        return 0;
    *i = j;
    return 1;
}

/* Walks the automaton from token start t one character (or one run of
 * separators) at a time, folding case and width and skipping blanks that
 * touch Hangul, and keeps in w every key that ends on the path. The state
 * lives in locals: this loop is most of the matcher's time. */
static int walk(const kg_glossary_view *v, walk_state *w, const unsigned char *s,
                size_t n, size_t t)
{
    const kg_dat *d = v->dat;
    size_t i = t, nc = 0;
    int32_t node = 0;
    uint32_t prev = 0, eojeol = (uint32_t)t, plain = 1;
    while (i < n) {
        size_t cl;
        uint32_t cp = kg_decode(s + i, &cl), code;
        if (kg_is_syllable(cp)) {
            code = v->syllables[cp - KG_HANGUL_FIRST].code;
        } else if (kg_is_blank(cp) || kg_is_hyphen(cp)) {
            /* the common run, one space between syllables, is dropped */
            if (cp == ' ' && kg_is_syllable(prev) && i + 2 < n && kg_syllable_lead_at(s, i + 1)) {
                eojeol = (uint32_t)++i;
            } else if (!walk_separators(v, s, n, &i, &node, prev, &eojeol)) {
                break;
            }
            plain = 0;
            continue;
        } else {
            cp = kg_fold_char(cp);
            code = kg_dat_code(d, cp);
        }
        if (!code || (node = kg_dat_child(d, node, code)) < 0) break;
        i += cl;
        prev = cp;
        if (!kg_dat_is_terminal(d, node)) continue;
        if (nc == w->cap_cands && KG_GROW(w->cands, w->cap_cands, nc + 1, 16))
            return KG_ERR_NOMEM;
        /* the value is read only when the candidate is checked */
        w->cands[nc++] = (candidate){(uint32_t)i, node, cp, eojeol, plain};
    }
    w->n_cands = nc;
    return KG_OK;
}

static int push_hit(kg_matches *m, kg_hit h)
{
    if (m->n_hits == m->cap_hits &&
        kg_grow_large((void **)&m->hits, &m->cap_hits, m->n_hits + 1, sizeof *m->hits, 64,
                      &m->hits_mapped))
        return KG_ERR_NOMEM;
    m->hits[m->n_hits++] = h;
    return KG_OK;
}

/* Which of the token starts of the block at base may begin a form: a
 * start of two Hangul syllables in a row (pairs, from the token scan) only
 * if it passes the start filter; the walk tells for the others. Without
 * branches on the bytes: the answer is as good as random to a branch
 * predictor. */
static inline uint64_t may_start(const kg_glossary_view *v, const unsigned char *s,
                                 size_t n, size_t base, uint64_t starts, uint64_t pairs)
{
    /* the filter reads 8 bytes from the start */
    if (n - base < 64 + 8) pairs = 0;
    uint64_t walks = starts & ~pairs;
    for (uint64_t p = starts & pairs; p; p &= p - 1) {
        unsigned k = (unsigned)__builtin_ctzll(p);
        walks |= (uint64_t)kg_start_filter_passes(v->starts, kg_load_le6(s + base + k)) << k;
    }
    return walks;
}

/* The start of the line that holds byte i, not before from. */
static size_t line_start(const unsigned char *s, size_t from, size_t i)
{
    while (i > from && s[i - 1] != '\n') i--;
    return i;
}

/* Matches s[from, n), a block of 64 bytes at a time: first the token
 * starts the filter lets through, then a walk from each. With fold, it
 * stops at the first line with a character that needs ICU: *stop gets
 * that line's start, and hits from there on are the caller's to drop;
 * else *stop is n. */
static int scan(const kg_glossary_view *v, kg_matches *m, const unsigned char *s,
                size_t n, size_t from, const kg_fold *fold, size_t *stop)
{
    kg_tokens tokens;
    kg_tokens_init(&tokens, s, n, from, fold);
    walk_state *w = &m->walk;
    size_t base = from;
    *stop = n;
    for (;;) {
        uint64_t pairs;
        uint64_t starts = kg_tokens_take_block(&tokens, &base, &pairs);
        /* only sorting a block finds such a character: this is the last */
        int last = tokens.unsafe != SIZE_MAX;
        if (last) {
            /* walk only from the starts before the line to be normalised */
            *stop = line_start(s, from, tokens.unsafe);
            if (!starts || *stop <= base) return KG_OK;
            if (*stop - base < 64) starts &= (1ull << (*stop - base)) - 1;
        }
        if (!starts) return KG_OK;
        uint64_t walks = may_start(v, s, n, base, starts, pairs);
        while (walks) {
            size_t t = base + (unsigned)__builtin_ctzll(walks);
            walks &= walks - 1;
            int rc = walk(v, w, s, n, t);
            if (rc < 0) return rc;
            for (size_t k = w->n_cands; k-- > 0;) {
                const candidate *c = &w->cands[k];
                uint32_t entry = v->dat->values[c->node] & KG_VALUE_ENTRY;
                if (entry == KG_VALUE_NO_ENTRY) continue; /* a word past a form */
                size_t tail_end;
                rc = check_end(v, m, c, w, s, n, &tail_end);
                if (rc < 0) return rc;
                if (!rc) continue;
                if ((rc = push_hit(m, (kg_hit){(uint32_t)t, c->end, (uint32_t)tail_end, entry})))
                    return rc;
                /* the next walk starts after the hit's eojeol */
                kg_tokens_skip_taken(&tokens, &walks, base, kg_next_break_from(s, n, tail_end));
                break;
            }
        }
        if (last) return KG_OK;
    }
}

/* Hits [first, n_hits) were found in the normalised line that starts at
 * base in the original text: moves them to the original bytes. A
 * normalisation unit maps as a whole, so a hit never starts before the
 * previous one ended. */
static void map_hits(kg_matches *m, size_t first, size_t base)
{
    size_t last = 0, out = first;
    for (size_t k = first; k < m->n_hits; k++) {
        kg_hit h = m->hits[k];
        size_t s, e, ts, te;
        kg_norm_map_span(m->norm, h.start, h.end, &s, &e);
        kg_norm_map_span(m->norm, h.end, h.tail_end, &ts, &te);
        if (s < last) s = last;
        if (e <= s) continue;
        if (h.tail_end == h.end || te < e) te = e;
        m->hits[out++] = (kg_hit){(uint32_t)(base + s), (uint32_t)(base + e),
                                  (uint32_t)(base + te), h.entry};
        last = te;
    }
    m->n_hits = out;
}

/* Walks never cross a line break, so a line with a character that needs
 * ICU is normalised and matched on its own; everything between such lines
 * (nearly all text) is matched in place. The scan in place finds those
 * lines itself, in the blocks it sorts anyway. */
static int match_text(const kg_glossary_view *v, kg_matches *m,
                      const unsigned char *text, size_t len)
{
    size_t a = 0;
    while (a < len) {
        size_t ls, stop;
        int rc = scan(v, m, text, len, a, v->fold, &ls);
        if (rc || ls == len) return rc;
        /* hits in that line (walks before its bad character) are redone */
        while (m->n_hits && m->hits[m->n_hits - 1].start >= ls) m->n_hits--;
        const unsigned char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        size_t first = m->n_hits, n;
        rc = kg_normalize(m->norm, KG_NFKC_CASEFOLD, (const char *)text + ls, le - ls);
        if (rc) return rc;
        const unsigned char *s = (const unsigned char *)kg_norm_text(m->norm, &n);
        if ((rc = scan(v, m, s, n, 0, NULL, &stop))) return rc;
        map_hits(m, first, ls);
        a = le + 1;
    }
    return KG_OK;
}

int kg_match(kg_glossary *g, const char *text, size_t len, kg_matches *m)
{
    if (!g || !m || (!text && len)) return KG_ERR_ARG;
    m->n_hits = 0;
    m->error_offset = 0;
    if (len > KG_MAX_TEXT) return KG_ERR_TOO_LONG;
    kg_glossary_view v;
    int rc = kg_glossary_view_get(g, &v);
    if (rc) return rc;
    memo_check_owner(&v, m);
    if ((rc = kg_utf8_check(text, len, 1, &m->error_offset))) return rc;
    if ((rc = match_text(&v, m, (const unsigned char *)text, len))) return rc;
    return (int)(m->n_hits > INT32_MAX ? INT32_MAX : m->n_hits);
}
