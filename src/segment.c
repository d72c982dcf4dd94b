/*
 * Eojeol segmentation: tokens, then stem | tail inside each token.
 *
 * The design is a hybrid. A tail is drawn from a closed inventory (tails.c),
 * so it can be recognised without a dictionary, and the stem is whatever is
 * left: that is what lets unknown names split from their particles
 * (디지몬어드벤쳐는). A lexicon of words that merely look like stem + tail
 * (결과, 나라, 정도) keeps those whole. Each candidate split gets
 * score = tail prior + stem evidence, and the best one wins.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#ifdef KG_SEG_TRACE
#include <stdio.h>
#endif

struct kg_segmenter {
    const kg_tails *tails; /* shared by every segmenter (kg_tails_shared) */
    kg_strset lexicon;
    /* SYLF_* flags of each syllable: one load instead of a chain of
     * comparisons in the tests made for every word */
    uint8_t syl_flags[KG_HANGUL_LAST - KG_HANGUL_FIRST + 1];
};

enum {
    SYLF_ENDING = 1,  /* only an ending makes it: 으, 었, 겠 (is_ending_syllable) */
    SYLF_NUMERAL = 2, /* ends a written number: 만 천 백 억 조 여 (9만여) */
    SYLF_NATIVE = 4,  /* a native numeral word: 한 두 세 네 몇 열 */
    SYLF_ASKS = 8,    /* opens an auxiliary that asks for a connective */
};

static int is_ending_syllable(uint32_t syl);
static int next_word_asks(uint32_t next, uint32_t next2);
static void set_syllable_flags(uint8_t *flags);

/* Opening brackets and quotes: what follows them starts a word. */
static int is_opening(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case '{': case '<': case 0x201C: case 0x2018:
    case 0xAB: case 0x300C: case 0x300E: case 0x3010: case 0x3008:
    case 0x300A: case 0xFF08: case 0xFF3B: case 0x3014:
        return 1;
    default:
        return 0;
    }
}

static int is_straight_quote(uint32_t cp) { return cp == '"' || cp == '\''; }

/* Unit signs read as a noun (퍼센트, 도): a particle may follow them, even
 * across a space (57 % 가, 30 ℃ 를). */
static int is_unit_sign(uint32_t cp)
{
    return cp == '%' || cp == 0x2030 /* ‰ */ || cp == 0x2103 /* ℃ */ ||
           cp == 0xB0 /* ° */ || cp == 0xFF05 /* ％ */;
}

/* Scratch arrays for one word (a run of non-space characters). */
typedef struct word_buf {
    uint32_t *cps, *offs;
    uint8_t *cls;
    size_t n, cap_cps, cap_offs, cap_cls;
    uint32_t next, next2; /* first two characters of the next word, or 0 */
    int after_number; /* the previous word was a number (see hangul_run) */
    int after_connective; /* the previous word ended in 어/아 (see hangul_run) */
} word_buf;

struct kg_result {
    kg_token *tokens;
    size_t n_tokens, cap_tokens;
    kg_part *parts;
    size_t n_parts, cap_parts;
    kg_norm *norm;
    word_buf word;      /* scratch, kept between calls */
    size_t error_offset;
};

/* ---- segmenter ---- */

kg_segmenter *kg_segmenter_new(void)
{
    kg_segmenter *seg = calloc(1, sizeof *seg);
    if (!seg) return NULL;
    kg_strset_init(&seg->lexicon);
    set_syllable_flags(seg->syl_flags);
    if (!(seg->tails = kg_tails_shared()) || kg_lexicon_load_builtin(&seg->lexicon)) {
        kg_segmenter_free(seg);
        return NULL;
    }
    return seg;
}

void kg_segmenter_free(kg_segmenter *seg)
{
    if (!seg) return;
    kg_strset_clear(&seg->lexicon);
    free(seg);
}

int kg_segmenter_add_word(kg_segmenter *seg, const char *word, size_t len,
                          kg_word_kind kind)
{
    if (!seg || !word) return KG_ERR_ARG;
    uint32_t bits = kind == KG_WORD_NOUN ? KG_LEX_NOUN
                    : kind == KG_WORD_VERB ? KG_LEX_VERB
                    : kind == KG_WORD_ADVERB ? KG_LEX_ADVERB : 0;
    if (!bits) return KG_ERR_ARG;
    if (len > 1024) return KG_ERR_TOO_LONG;
    int rc = kg_utf8_check(word, len, 1, NULL);
    if (rc) return rc;
    return kg_segmenter_add_checked(seg, word, len, bits);
}

int kg_segmenter_add_checked(kg_segmenter *seg, const char *word, size_t len,
                             uint32_t bits)
{
    /* "강화 학습" protects "강화학습" as well */
    char buf[1024];
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (word[i] != ' ' && word[i] != '\t') buf[n++] = word[i];
    if (!n) return KG_ERR_ARG;
    return kg_lexicon_add(&seg->lexicon, buf, n, bits | KG_LEX_USER);
}

int kg_segmenter_reserve(kg_segmenter *seg, size_t words, size_t bytes)
{
    return kg_strset_reserve(&seg->lexicon, seg->lexicon.n_entries + words,
                             seg->lexicon.pool_len + bytes);
}

int kg_segmenter_load_hunspell(kg_segmenter *seg, const char *dic_path)
{
    if (!seg || !dic_path) return KG_ERR_ARG;
    return kg_lexicon_load_hunspell(&seg->lexicon, dic_path);
}

size_t kg_segmenter_lexicon_size(const kg_segmenter *seg)
{
    return seg ? seg->lexicon.n_entries : 0;
}

const kg_strset *kg_segmenter_lexicon(const kg_segmenter *seg)
{
    return &seg->lexicon;
}

/* ---- result ---- */

kg_result *kg_result_new(void)
{
    kg_result *res = calloc(1, sizeof *res);
    if (!res) return NULL;
    res->norm = kg_norm_new();
    if (!res->norm) { free(res); return NULL; }
    return res;
}

void kg_result_free(kg_result *res)
{
    if (!res) return;
    free(res->tokens);
    free(res->parts);
    free(res->word.cps);
    free(res->word.offs);
    free(res->word.cls);
    kg_norm_free(res->norm);
    free(res);
}

const kg_token *kg_result_tokens(const kg_result *res, size_t *count)
{
    *count = res->n_tokens;
    return res->tokens;
}

const kg_part *kg_result_parts(const kg_result *res, size_t *count)
{
    *count = res->n_parts;
    return res->parts;
}

size_t kg_result_error_offset(const kg_result *res) { return res->error_offset; }

static int add_part(kg_result *res, size_t start, size_t end, int tag)
{
    if (KG_GROW(res->parts, res->cap_parts, res->n_parts + 1, 256))
        return KG_ERR_NOMEM;
    res->parts[res->n_parts++] = (kg_part){(uint32_t)start, (uint32_t)end,
                                           (uint32_t)tag};
    return KG_OK;
}

/* The stem ends where the first tail part starts. */
static uint32_t stem_end(const kg_result *res, const kg_token *t)
{
    for (uint32_t i = t->first_part; i < t->first_part + t->n_parts; i++)
        if (kg_tag_is_tail((int)res->parts[i].tag)) return res->parts[i].start;
    return t->end;
}

static int add_token(kg_result *res, size_t start, size_t end, size_t first_part)
{
    if (KG_GROW(res->tokens, res->cap_tokens, res->n_tokens + 1, 128))
        return KG_ERR_NOMEM;
    kg_token *t = &res->tokens[res->n_tokens++];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->first_part = (uint32_t)first_part;
    t->n_parts = (uint32_t)(res->n_parts - first_part);
    t->stem_end = stem_end(res, t);
    return KG_OK;
}

/* ---- the stem | tail decision ---- */

/* Scores, in the same units as the tail priors. */
enum {
    SCORE_NO_TAIL = 0,          /* an unknown word standing alone */
    SCORE_KNOWN_WHOLE = 70,     /* the whole token is a lexicon word */
    SCORE_KNOWN_STEM = 40,      /* the stem is a lexicon word of the right kind */
    SCORE_KNOWN_COMPOUND = 20,  /* the stem ends in a lexicon noun: 사회+주의;
                                   below 과 or 와 after an unknown stem
                                   (인성+과, not 인+성과) */
    SCORE_ADVERB_PARTICLE = 20, /* an adverb with a particle: 지금+까지 */
    SCORE_COPULA_ALONE = 30,    /* 이라는 written apart: all tail */
    SCORE_AFTER_NAME = 55,      /* a particle right after Latin or a quote */
    SCORE_COUNTER_AFTER_DIGITS = 55, /* 67명+의: beats the word 명의 */
    SCORE_WRONG_KIND = -25,     /* e.g. a noun stem with a verb ending */
    SCORE_SPLITS_NOUN = -15,    /* the tail starts inside a final known noun */
    SCORE_INSIDE_LONGER_NOUN = -25, /* 불+만을 where 불만+을 is there too */
    SCORE_SHORT_NOUN = -12,     /* unknown one-syllable noun stem */
    SCORE_PAST_WITHOUT_TAIL = -25, /* an unknown word ending in 졌다, 났고 */
    SCORE_RARE_BARE_COPULA = -10, /* 콜로+니 after an unknown stem */
    SCORE_IMPLAUSIBLE = -40,    /* a stem ending in 으: that is the tail's */
    SCORE_PARTICLE_IN_STEM = -20, /* an unknown stem ending in the 밖 of
                                     밖에 or the 당 of 당하다 */
    SCORE_UNKNOWN_VERB_1 = -10,   /* unknown verb stems, by length */
    SCORE_UNKNOWN_VERB_2 = -12,
    SCORE_UNKNOWN_VERB_LONG = -20,
    SCORE_BEFORE_PARTICLE = 30, /* (위키백과)는: the word ends before it */
    SCORE_BEFORE_BRACKET = 30,  /* 예금(적립금)에서: the particle comes after
                                   the brackets; a verb keeps its ending
                                   (모였다(사진)) */
    SCORE_BEFORE_GLOSS = 100,   /* 사라(沙羅)는: a noun glossed in Hanja
                                   keeps no tail */
    SCORE_CONTEXT = 20,         /* a connective that the next word's
                                   auxiliary asks for: 오+지 않았다 */
};

#define SYL_HA 0xD558u   /* 하 */
#define SYL_DA 0xB2E4u   /* 다 */
#define SYL_NI 0xB2C8u   /* 니 */
#define SYL_I 0xC774u    /* 이 */
#define SYL_SEO 0xC11Cu  /* 서 */
#define SYL_YEO 0xC5ECu  /* 여 */
#define SYL_JA 0xC790u   /* 자 */
#define SYL_JI 0xC9C0u   /* 지 */
#define SYL_MAN 0xB9CCu  /* 만 */
#define SYL_BAKK 0xBC16u /* 밖 */
#define SYL_DANG 0xB2F9u /* 당 */
#define SYL_DE 0xB370u   /* 데 */
#define SYL_NEU 0xB290u  /* 느 */
#define SYL_DU 0xB450u   /* 두 */
#define SYL_WI 0xC704u   /* 위 */
#define SYL_DEUNG 0xB4F1u /* 등 */
#define SYL_TTAE 0xB54Cu /* 때 */
#define SYL_DOE 0xB418u  /* 되 */
#define SYL_ROP 0xB86Du  /* 롭 */
#define SYL_DAP 0xB2F5u  /* 답 */
#define SYL_NYA 0xB0D0u  /* 냐 */
#define SYL_EO 0xC5B4u   /* 어 */
#define SYL_A 0xC544u    /* 아 */
#define SYL_EUM 0xC74Cu  /* 음 */

/* The connective 어/아 written as a syllable of its own. */
static int is_eo_a(uint32_t syl)
{
    return syl == SYL_EO || syl == SYL_A;
}

typedef struct hangul_run {
    const char *text;      /* normalised text */
    const uint32_t *cps;   /* syllables of the run */
    const uint32_t *offs;  /* byte offset of each syllable, plus the end */
    size_t n;
    uint32_t before;       /* character before the run in the token, or 0 */
    int mid_sentence;      /* the run opens a word that follows another
                              word of the sentence with no mark between */
    size_t inner_ending;   /* first syllable past the first and before the
                              last that only an ending makes (으, 었, 겠
                              ...), or n */
    uint32_t next, next2;  /* first two characters of the next word when the
                              run ends its word with no mark after it, or 0 */
    int after_number;      /* the run opens a word after a number written
                              apart: 9만여 명의, 20 세기 */
    int digits_in_name;    /* the digits before the run end a Latin name
                              (GPT-4도, H100만으로): no number */
    int after_connective;  /* the run opens a word after a verb in 어/아
                              (얻어 가시는): an auxiliary verb is likely */
    int before_closed_tail; /* what the run's tails lose when a closing mark
                               and Hangul follow it ((일반교통방해)와: the
                               particle is outside), an opening bracket
                               (예금(적립금)에서) or a gloss in Hanja
                               (토지면(土旨面)은) */
} hangul_run;

/* Does the run come right after digits (67명의, 20여)? */
static int follows_digits(const hangul_run *r)
{
    return (r->before >= '0' && r->before <= '9' && !r->digits_in_name) ||
           r->after_number;
}

/* Do the digits that end w[a, i) follow a Latin letter (GPT-4, H100)? Then
 * they are part of a name, and what follows takes particles as after a
 * name, not counters as after a number. */
static int digits_end_name(const word_buf *w, size_t a, size_t i)
{
    if (i == a || w->cls[i - 1] != KG_C_DIGIT) return 0;
    while (i > a && (w->cls[i - 1] == KG_C_DIGIT || w->cls[i - 1] == KG_C_JOINER)) i--;
    return i > a && w->cls[i - 1] == KG_C_LATIN;
}

static uint32_t lex_bits(const kg_segmenter *seg, const hangul_run *r,
                         size_t from, size_t to)
{
    return kg_lexicon_bits(&seg->lexicon, r->text + r->offs[from],
                           r->offs[to] - r->offs[from]);
}

/* Where the lexicon noun of two or more syllables that ends syllables
 * [0, i) starts, leaving something in front of it (a compound: 사회주의,
 * 인명피해); 0 if there is none. The longest such noun counts. */
static size_t final_noun_start(const kg_segmenter *seg, const hangul_run *r,
                               size_t i)
{
    size_t at = 0;
    for (size_t k = 2; k <= 4 && k < i; k++) {
        uint32_t bits = lex_bits(seg, r, i - k, i);
        if (!(bits & KG_LEX_NOUN)) continue;
        /* a bound noun that is a particle as well (만큼, 대로) makes no
         * compound: 용량+만큼 */
        if ((bits & KG_LEX_BOUND) &&
            kg_tails_lookup(seg->tails, r->text + r->offs[i - k],
                            r->offs[i] - r->offs[i - k]))
            continue;
        at = i - k;
    }
    return at;
}

/* Does syllables [0, i) end in a lexicon noun + a noun suffix (신속+성,
 * 현대+화)? */
static int ends_in_noun_suffix(const kg_segmenter *seg, const hangul_run *r,
                               size_t i)
{
    if (i >= 3 && (lex_bits(seg, r, i - 1, i) & KG_LEX_SUFFIX))
        for (size_t k = 2; k <= 4 && k < i; k++)
            if (lex_bits(seg, r, i - 1 - k, i - 1) & KG_LEX_NOUN) return 1;
    return 0;
}

/* Does syllables [0, i) end in a lexicon noun of two or more syllables,
 * leaving something in front of it (a compound: 사회주의, 인명피해)? */
static int ends_in_known_noun(const kg_segmenter *seg, const hangul_run *r,
                              size_t i)
{
    for (size_t k = 2; k <= 4 && k < i; k++)
        if (lex_bits(seg, r, i - k, i) & KG_LEX_NOUN) return 1;
    /* or a lexicon noun + a noun suffix: 신속+성, 현대+화 */
    if (i >= 3 && (lex_bits(seg, r, i - 1, i) & KG_LEX_SUFFIX))
        for (size_t k = 2; k <= 4 && k < i; k++)
            if (lex_bits(seg, r, i - 1 - k, i - 1) & KG_LEX_NOUN) return 1;
    return 0;
}

/* Does the syllable end in a consonant that closes verb stems but no
 * noun before 어/아 (늦, 잡, 믿, 씻, 같, 깊, 좋, 앉, 많)? Not ㄱ ㄴ ㄹ ㅇ. */
static int is_verb_final(uint32_t syl)
{
    if (!kg_is_syllable(syl)) return 0;
    switch (kg_jong(syl)) {
    case 0: case 1: case 4: case 8: case 21: /* none ㄱ ㄴ ㄹ ㅇ */
        return 0;
    default:
        return 1;
    }
}

/* 좋아하다, 기뻐하다: 하 after the 어/아 form of an adjective is part of the
 * verb stem, not the noun suffix. */
static int is_eo_form(uint32_t syl)
{
    switch (syl) {
    case 0xC544: case 0xC5B4: case 0xC6CC: case 0xBED0: case 0xD37C: /* 아 어 워 뻐 퍼 */
    case 0xC640: /* 와 */
        return 1;
    default:
        return 0;
    }
}

/* A syllable with final ㅆ other than 있: the past 었/았 contracted into a
 * stem (켰, 졌, 갔, 봤). No noun ends in one, and a verb stem only in 있
 * (맛있다). */
static int is_past_syllable(uint32_t syl)
{
    return kg_is_syllable(syl) && kg_jong(syl) == 20u && syl != 0xC788u; /* 있 */
}

/* Syllables that only endings make: no stem ends in them (으 is the
 * epenthetic vowel of 으로, 으면; the rest carry a tense or speech level). */
static int is_ending_syllable(uint32_t syl)
{
    switch (syl) {
    case 0xC73C: /* 으 */ case 0xC5C8: /* 었 */ case 0xC558: /* 았 */
    case 0xC600: /* 였 */ case 0xACA0: /* 겠 */ case 0xD588: /* 했 */
    case 0xB410: /* 됐 */ case 0xB428: /* 됨 */
        return 1;
    default:
        return is_past_syllable(syl);
    }
}

/* 한다, 된다, 먹는다: a noun stem does not end in a present-tense verb
 * form (names such as 혼다, 르완다 do end in ㄴ다, so only these). */
static int is_n_da(uint32_t syl)
{
    switch (syl) {
    case 0xD55C: /* 한 */ case 0xB41C: /* 된 */ case 0xB294: /* 는 */
    case 0xD0A8: /* 킨 */ case 0xC9C4: /* 진 */ case 0xB0B8: /* 낸 */
    case 0xC900: /* 준 */ case 0xB9B0: /* 린 */ case 0xC778: /* 인 */
        return 1;
    default:
        return 0;
    }
}

/* 습니다, 입니다, 드립니다: a stem never ends in a syllable with final ㅂ
 * followed by 니 (the ㅂ is the formal ending's). */
static int is_formal_ending_start(uint32_t syl)
{
    return kg_is_syllable(syl) && kg_jong(syl) == 17u;
}

/* 교육받다, 감사드리다: a noun + 받 or 드리 is a compound verb stem.
 * Returns the syllable length of the verb, or 0. */
static size_t light_verb_len(const hangul_run *r, size_t i)
{
    if (i >= 3 && r->cps[i - 1] == 0xB9ACu && r->cps[i - 2] == 0xB4DCu)
        return 2; /* 드리 */
    if (i >= 3 && r->cps[i - 1] == 0xBC1Bu) return 1; /* 받 */
    return 0;
}

/* 들어가다, 헤어지다: a tail that starts with 어/아 + an auxiliary whose
 * stem + 어 + auxiliary is itself a lexicon verb belongs to that verb. */
static int aux_makes_known_verb(const kg_segmenter *seg, const hangul_run *r,
                                size_t i, const kg_tail *t)
{
    if (t->n_parts < 2 || t->part_tag[0] != KG_TAG_E ||
        t->part_tag[1] != KG_TAG_V)
        return 0;
    size_t end = r->offs[i] + t->part_len[0] + t->part_len[1];
    return (kg_lexicon_bits(&seg->lexicon, r->text + r->offs[0],
                            end - r->offs[0]) & KG_LEX_VERB) != 0;
}

/* First syllables of the auxiliaries tails.c puts straight after a
 * merged 아/어 (보, 주, 버리, 놓, 두, 드리 and their fused forms, and the
 * fused forms of 지다 and 나다). */
static int starts_zero_aux(uint32_t syl)
{
    switch (syl) {
    case 0xBCF4: case 0xBD10: case 0xBD24: case 0xBCF8: case 0xBCFC: /* 보 봐 봤 본 볼 */
    case 0xC8FC: case 0xC918: case 0xC92C: case 0xC900: case 0xC904: /* 주 줘 줬 준 줄 */
    case 0xBC84: case 0xB193: case 0xB1A8: case 0xB450: case 0xB480: /* 버 놓 놨 두 뒀 */
    case 0xB454: case 0xB4DC: /* 둔 드 */
    case 0xC84C: case 0xC9C4: case 0xC9C8: case 0xC838: case 0xB0AC: /* 졌 진 질 져 났 */
    case 0xB09C: /* 난 */
        return 1;
    default:
        return 0;
    }
}

/* 고, 며, 면: after a final 다 they make the quotative and conditional
 * endings 다고, 다며, 다면. */
static int is_quote_particle(uint32_t syl)
{
    return syl == 0xACE0u || syl == 0xBA70u || syl == 0xBA74u;
}

/* 이, 인, 일, 였, 예 ...: the copula with its own syllable. A bare copula
 * ending after an adverb (금세+기) is rarely one: the syllable is the
 * word's (금세기). */
static int is_copula_syllable(uint32_t syl)
{
    if (!kg_is_syllable(syl) || kg_cho(syl) != 11u) return 0; /* ㅇ */
    unsigned v = kg_jung(syl);
    return v == 20u || v == 6u || v == 7u; /* ㅣ ㅕ ㅖ */
}

/* One-syllable copula endings that, written straight after a vowel with
 * no 이, are rare in prose (친구니, 친구지); tails.c gives them a low prior
 * for the same reason. */
static int is_rare_bare_copula(uint32_t syl)
{
    switch (syl) {
    case 0xB2C8: case 0xC9C0: case 0xB77C: case 0xAE30: case 0xC790: /* 니 지 라 기 자 */
    case 0xB0D0: case 0xB4E0: case 0xB358: case 0xC8E0: case 0xC694: /* 냐 든 던 죠 요 */
    case 0xC57C: case 0xB098: case 0xAE34: case 0xC2E0: /* 야 나 긴 신 */
        return 1;
    default:
        return 0;
    }
}

/* Does an unknown run end in a contracted past (불타버렸다, 싸졌다)? Then
 * it is a predicate, even when its stem is unknown. */
static int ends_in_past(const hangul_run *r)
{
    return r->n >= 2 && (is_past_syllable(r->cps[r->n - 1]) ||
                         is_past_syllable(r->cps[r->n - 2]) ||
                         r->inner_ending < r->n);
}

/* Is the stem, syllables [0, i), 아니, the negative copula (아니다)? It
 * inflects like the copula: 아니라서, 아니라면, 아니어서. */
static int is_negative_copula(const hangul_run *r, size_t i)
{
    return i == 2 && r->cps[0] == SYL_A && r->cps[1] == SYL_NI;
}

/* bits: the lexicon bits of the stem, syllables [0, i). */
static int stem_score(const kg_segmenter *seg, const hangul_run *r, size_t i,
                      const kg_tail *t, uint32_t bits)
{
    uint32_t last = r->cps[i - 1];
    /* 똑같으니까+요, 들러봤는데: no stem holds an ending's syllable */
    if (!bits && (r->inner_ending < i ||
                  (i >= 2 && last == SYL_NI && is_formal_ending_start(r->cps[i - 2])) ||
                  (last == SYL_DA && (t->host == KG_HOST_VERB ||
                                      (i >= 2 && (is_n_da(r->cps[i - 2]) ||
                                                  is_past_syllable(r->cps[i - 2])))))))
        return SCORE_IMPLAUSIBLE;
    if (t->host == KG_HOST_NOUN) {
        /* 좋아+하다, one-syllable roots that are no nouns (통하다, 의하다)
         * and lexicalised verbs (말하다, 못하다): 하 is in the verb stem */
        if (t->part_tag[0] == KG_TAG_XSV && r->cps[i] == SYL_HA &&
            (is_eo_form(last) || i == 1 ||
             (lex_bits(seg, r, 0, i + 1) & KG_LEX_VERB)))
            return SCORE_WRONG_KIND;
        /* likewise 롭, 되, 답 when the stem + that syllable is a lexicon
         * verb: 새롭+게 and 오래되+었다 are adjectives of their own, not
         * 새+롭게, 오래+되었다 */
        if ((r->cps[i] == SYL_DOE || r->cps[i] == SYL_ROP || r->cps[i] == SYL_DAP) &&
            (t->part_tag[0] == KG_TAG_XSV || t->part_tag[0] == KG_TAG_XSA) &&
            (lex_bits(seg, r, 0, i + 1) & KG_LEX_VERB))
            return SCORE_WRONG_KIND;
        /* the passive 당하다 follows action nouns of two or more
         * syllables (목격+당한): after one syllable 당 is the root's
         * (상당+한, 해당+하는) */
        if (t->part_tag[0] == KG_TAG_XSV && r->cps[i] == SYL_DANG && i == 1)
            return SCORE_WRONG_KIND;
        /* ... and an unknown stem of three or more syllables in 당 before
         * 하다 is such a noun + 당하다 (거절당+했다 is 거절+당했다), where
         * two syllables make a root of its own (정당+한, 적당+한) */
        if (!bits && i >= 3 && last == SYL_DANG && t->part_tag[0] == KG_TAG_XSV)
            return SCORE_PARTICLE_IN_STEM;
        /* 움직+이고, 줄+이겠다: a copula form after a stem that makes a
         * known verb with 이 is that verb's ending; a bound noun (줄) does
         * not stand before the copula the way a free noun does */
        if (t->part_tag[0] == KG_TAG_VCP && r->cps[i] == SYL_I && t->syllables >= 2 &&
            !(bits & KG_LEX_USER) &&
            (!(bits & KG_LEX_NOUN) || (bits & KG_LEX_BOUND)) &&
            (lex_bits(seg, r, 0, i + 1) & KG_LEX_VERB))
            return SCORE_WRONG_KIND;
        /* a bare 자 after a noun is the person suffix (의무자, 기부자):
         * the copula 이자 is written in full even after a vowel */
        if (t->part_tag[0] == KG_TAG_VCP && t->n_parts == 1 &&
            r->cps[i] == SYL_JA && i + 1 == r->n)
            return SCORE_WRONG_KIND;
        /* 밖 ending an unknown stem is the particle 밖에 (이득+밖에); the
         * noun 밖 makes listed compounds (창밖, 문밖) */
        if (!bits && i >= 2 && last == SYL_BAKK) return SCORE_PARTICLE_IN_STEM;
        /* 늦어+도, 쌓음+으로써: an unknown stem in 어/아 or 음 after a
         * final consonant that no noun ends in before them (ㄷ ㅁ ㅂ ㅅ ㅈ
         * ㅊ ㅌ ㅍ ㅎ ...) is a verb with its connective or nominal ending;
         * nouns in 어 follow ㄱ ㄴ ㄹ ㅇ (국어, 단어, 불어, 용어), and 믿음,
         * 웃음 are lexicon words */
        if (!bits && i >= 2 && (is_eo_a(last) || last == SYL_EUM) &&
            is_verb_final(r->cps[i - 2]))
            return SCORE_IMPLAUSIBLE;
        /* 힘들다+고: 다고, 다며, 다면 are endings, not a noun in 다 */
        if (last == SYL_DA && !bits && i >= 2 && is_quote_particle(r->cps[i]))
            return SCORE_IMPLAUSIBLE;
        /* a counter right after digits takes particles (67명의, 54세로)
         * even where counter + particle spells a word (명의, 세로) */
        if ((bits & KG_LEX_BOUND) && follows_digits(r))
            return SCORE_COUNTER_AFTER_DIGITS;
        if (bits & (KG_LEX_NOUN | KG_LEX_BOUND | KG_LEX_USER))
            return SCORE_KNOWN_STEM;
        /* adverbs take particles (지금까지, 아직도) and the copula
         * (물론이다, 별로일), nothing else */
        if ((bits & KG_LEX_ADVERB) &&
            (t->part_tag[0] == KG_TAG_J ||
             (t->part_tag[0] == KG_TAG_VCP && is_copula_syllable(r->cps[i]))))
            return SCORE_ADVERB_PARTICLE;
        /* an adverb of two or more syllables that is a noun as well takes
         * 하다 and 되다 (계속+되는, 잘못+된) */
        if ((bits & KG_LEX_ADVERB) && !(bits & KG_LEX_VERB) && i >= 2 &&
            t->part_tag[0] == KG_TAG_XSV)
            return SCORE_ADVERB_PARTICLE;
        if (t->part_tag[0] == KG_TAG_VCP && is_negative_copula(r, i)) return SCORE_KNOWN_STEM;
        if (bits & (KG_LEX_VERB | KG_LEX_ADVERB)) return SCORE_WRONG_KIND;
        if (ends_in_known_noun(seg, r, i)) return SCORE_KNOWN_COMPOUND;
        /* a rare bare copula ending after an unknown word is more often
         * the word's last syllable (콜로니, 메이지, 오로라) */
        if (t->part_tag[0] == KG_TAG_VCP && t->syllables == 1 &&
            is_rare_bare_copula(r->cps[i]))
            return SCORE_RARE_BARE_COPULA;
        return i == 1 ? SCORE_SHORT_NOUN : 0;
    }
    if (aux_makes_known_verb(seg, r, i, t)) return SCORE_WRONG_KIND;
    /* the connective 되 (먹되) is no verb after an adverb: 안되, 못되 are
     * the adverb and 되다 */
    if (i == 1 && r->cps[i] == SYL_DOE && t->syllables == 1 && (bits & KG_LEX_ADVERB))
        return SCORE_WRONG_KIND;
    /* an unknown stem in 이 before a separate 어 (헬파이+어보다): 이 and 어
     * contract (기울여, 보여); the 이어 is more often a word's own */
    if (!bits && last == SYL_I && r->cps[i] == SYL_EO) return SCORE_IMPLAUSIBLE;
    /* nor does any open stem in ㅏ ㅓ ㅕ ㅡ ㅣ keep 아/어 apart (가+서, 써,
     * 켜): 나아가 is no 나+아가 (the ㅅ-irregular 낫+아 is cut inside its
     * syllable by the treebanks anyway) */
    if (is_eo_a(r->cps[i]) && kg_is_syllable(last) && !is_negative_copula(r, i) &&
        kg_jong(last) == 0 &&
        (kg_jung(last) == 0 || kg_jung(last) == 4 || kg_jung(last) == 18 ||
         kg_jung(last) == 20 || kg_jung(last) == 6))
        return SCORE_IMPLAUSIBLE;
    /* an auxiliary after a merged 아/어 (가 보니) follows a known verb,
     * and must not split a word that starts the same way (자주, 사주) */
    if (t->cond == KG_COND_VOWEL_A && starts_zero_aux(r->cps[i]) &&
        (!(bits & KG_LEX_VERB) || lex_bits(seg, r, 0, i + 1)))
        return SCORE_WRONG_KIND;
    if (bits & KG_LEX_VERB) return SCORE_KNOWN_STEM;
    size_t lv = light_verb_len(r, i);
    if (lv && !bits)
        return (lex_bits(seg, r, 0, i - lv) & KG_LEX_NOUN) ? SCORE_KNOWN_STEM
                                                            : SCORE_NO_TAIL;
    /* one-syllable nouns are often verb stems too: 나서, 집어, 배어 */
    if (bits && i == 1 && !(bits & KG_LEX_ADVERB)) return SCORE_UNKNOWN_VERB_1;
    if (bits) return SCORE_WRONG_KIND;
    if (last == SYL_HA && (i == 2 || (i > 2 && is_eo_form(r->cps[i - 2]))))
        return SCORE_KNOWN_STEM;
    return i == 1 ? SCORE_UNKNOWN_VERB_1
           : i == 2 ? SCORE_UNKNOWN_VERB_2 : SCORE_UNKNOWN_VERB_LONG;
}

/* Suffixes that make a noun of a noun: a person, an office, a field
 * (출판사, 요리사, 연구자, 전문가, 소설가, 경제학). A known noun + one of
 * them is as good a stem as a lexicon word. */
static int is_person_suffix(uint32_t syl)
{
    switch (syl) {
    case 0xC0AC: case 0xC790: case 0xAC00: case 0xC778: case 0xC6D0: /* 사 자 가 인 원 */
    case 0xD559: case 0xAD6D: case 0xBD80: case 0xCCAD: case 0xC18C: /* 학 국 부 청 소 */
    case 0xAD00: case 0xC2E4: case 0xC7A5: case 0xBCF8: case 0xC9C0: /* 관 실 장 본 지 */
        return 1;
    default:
        return 0;
    }
}

#define SYL_DEUL 0xB4E4u /* 들 */
#define SYL_JEOK 0xC801u /* 적 */
#define SYL_SSIK 0xC529u /* 씩: a suffix, not a particle (하나+씩, 개+씩) */
#define SYL_PPUN 0xBFD0u /* 뿐 */

/* Two-syllable X+적 words whose X is a one-syllable Sino-Korean noun:
 * 법적, 질적. Longer ones are found by length; these are listed because
 * many two-syllable words end in 적 without the suffix (목적, 성적). */
static int is_short_jeok_word(uint32_t first)
{
    switch (first) {
    case 0xBC95: case 0xC9C8: case 0xC591: case 0xB0B4: case 0xC678: /* 법 질 양 내 외 */
    case 0xADF9: case 0xBBF8: case 0xBB3C: case 0xC2EC: case 0xC601: /* 극 미 물 심 영 */
    case 0xBCD1: case 0xB2E8: case 0xC2DC: /* 병 단 시 */
        return 1;
    default:
        return 0;
    }
}

/* 려, 혀, 져 ...: a stem in 이 with 어 contracted into it (먹혀, 달려),
 * which a compound verb in 들다 follows (먹혀들, 달려들). */
static int is_contracted_eo(uint32_t syl)
{
    switch (syl) {
    case 0xB824: case 0xD600: case 0xC838: case 0xCCD0: /* 려 혀 져 쳐 */
    case 0xBCBC: case 0xACA8: case 0xCF1C: /* 벼 겨 켜 */
        return 1;
    default:
        return 0;
    }
}

/* Does the noun stem [0, i) end in the plural 들, the adjectival 적 or the
 * distributive 씩, a noun suffix (XSN) of its own: 사람+들, 기술+적, AI+들,
 * 하나+씩? Not where the syllable belongs to the word: 아들, 목적, 성적
 * (lexicon nouns), 들어, 적다 (verbs, never tagged N here), 달려들 (verb +
 * 어 + 들다). */
static int ends_in_split_suffix(const kg_segmenter *seg, const hangul_run *r,
                                  size_t i)
{
    uint32_t last = r->cps[i - 1];
    if (last != SYL_DEUL && last != SYL_JEOK && last != SYL_SSIK) return 0;
    if (i == 1) /* alone after a name or a number: AI들, 3명들 is below */
        return last != SYL_JEOK && r->before != 0;
    if (last == SYL_SSIK) return 1; /* no word ends in 씩 */
    if (lex_bits(seg, r, 0, i)) return 0;
    if (last == SYL_DEUL) {
        if (lex_bits(seg, r, 0, i - 1) & KG_LEX_NOUN) return 1;
        return !is_eo_form(r->cps[i - 2]) && !is_contracted_eo(r->cps[i - 2]) &&
               !(lex_bits(seg, r, i - 2, i) & (KG_LEX_NOUN | KG_LEX_VERB));
    }
    /* 적 follows a Sino-Korean noun of two or more syllables (경제+적), or
     * one of the listed single syllables (법+적); a final noun in 적
     * (학업+성적, 영업+실적) is no suffix */
    if (i == 2) return is_short_jeok_word(r->cps[0]);
    return !(lex_bits(seg, r, i - 2, i) & KG_LEX_NOUN);
}

/* 치, 케, 키, 컨: 하 merged into the ending's first consonant. */
static int is_merged_ha(uint32_t syl)
{
    return syl == 0xCE58u || syl == 0xCF00u || syl == 0xD0A4u || syl == 0xCEE8u;
}

/* After 등, does the next word end or go on with a particle (등이, 등을,
 * 등의, 등은, 등에, 등과, 등도, 등으로, 등지), not a word (등장, 등록)? */
static int ends_list_word(uint32_t after)
{
    switch (after) {
    case 0: case ' ': case ',': case '.':
    case 0xC774: case 0xC744: case 0xC758: case 0xC740: case 0xC5D0: /* 이 을 의 은 에 */
    case 0xACFC: case 0xB3C4: case 0xC73C: case 0xC9C0: /* 과 도 으 지 */
        return 1;
    default:
        return 0;
    }
}

/* Is syllables [0, i) an auxiliary verb that follows 어/아 written
 * apart: 가, 오, 주, 보, 내, 놓, 두, 대, 버리, 드리? */
static int is_aux_stem(const hangul_run *r, size_t i)
{
    if (i == 2)
        return (r->cps[0] == 0xBC84u || r->cps[0] == 0xB4DCu) && r->cps[1] == 0xB9ACu;
    switch (r->cps[0]) {
    case 0xAC00: case 0xC624: case 0xC8FC: case 0xBCF4: case 0xB0B4: /* 가 오 주 보 내 */
    case 0xB193: case 0xB450: case 0xB300: /* 놓 두 대 */
        return 1;
    default:
        return 0;
    }
}

/* What the next word asks of a verb before it: the auxiliaries that
 * follow one connective only. */
enum { NEXT_NONE, NEXT_AFTER_JI, NEXT_AFTER_GO, NEXT_AFTER_GE, NEXT_AFTER_YA,
       NEXT_AFTER_EO, NEXT_AFTER_GO_OR_EO, NEXT_ADNOMINAL, NEXT_AFTER_GI };

static int next_word_asks(uint32_t next, uint32_t next2)
{
    /* 하나 (one) is no 하다 */
    if (next == SYL_HA && next2 == 0xB098u) return NEXT_NONE;
    /* 위해, 위한, 위하여 and 때문: 바로잡기 위해, 늘어나기 때문에 (a 0
     * second character is the question asked when the flags are built) */
    if (next == SYL_WI)
        return next2 == 0 || next2 == 0xD574u || next2 == 0xD55Cu || next2 == SYL_HA
                   ? NEXT_AFTER_GI : NEXT_NONE; /* 해 한 하 */
    if (next == SYL_TTAE)
        return next2 == 0 || next2 == 0xBB38u ? NEXT_AFTER_GI : NEXT_NONE; /* 문 */
    switch (next) {
    case 0xC54A: case 0xBABB: /* 않 못: 가지 않다, 가지 못하다 */
        return NEXT_AFTER_JI;
    case 0xC2F6: case 0xACC4: /* 싶 계: 먹고 싶다, 하고 계시다 */
        return NEXT_AFTER_GO;
    case 0xAC83: case 0xB4EF: /* 것 듯: 하는 것, 가는 듯 */
        return NEXT_ADNOMINAL;
    case 0xC788: /* 있: 먹고 있다, 앉아 있다 */
        return NEXT_AFTER_GO_OR_EO;
    case 0xC8FC: case 0xC918: case 0xC92C: case 0xC900: case 0xC904: /* 주 줘 줬 준 줄 */
    case 0xC90D: case 0xBCF4: case 0xBD10: case 0xBD24: case 0xBCF8: /* 줍 보 봐 봤 본 */
    case 0xBCFC: case 0xBD05: case 0xBC84: case 0xB193: case 0xB1A8: /* 볼 봅 버 놓 놨 */
    case 0xB450: case 0xB480: case 0xB454: case 0xB458: /* 두 뒀 둔 둘 */
        return NEXT_AFTER_EO;
    case 0xB418: case 0xB3FC: case 0xB410: case 0xB41C: case 0xB420: /* 되 돼 됐 된 될 */
    case 0xB429: case 0xB9CC: /* 됩 만(들다) */
        return NEXT_AFTER_GE;
    case 0xD558: case 0xD574: case 0xD588: case 0xD55C: case 0xD560: /* 하 해 했 한 할 */
    case 0xD569: /* 합 */
        return NEXT_AFTER_YA;
    default:
        return NEXT_NONE;
    }
}

/* Does a verb tail that ends the run end in the connective the next word
 * asks for (지, 지도, 진; 고; 게; 어야)? */
static int fits_next_word(const hangul_run *r, int asks)
{
    uint32_t last = r->cps[r->n - 1];
    uint32_t before = r->n >= 2 ? r->cps[r->n - 2] : 0;
    switch (asks) {
    case NEXT_AFTER_JI:
        if (last == SYL_JI || last == 0xC9C4u || last == 0xC9C8u) return 1; /* 지 진 질 */
        /* 지는, 지도, 지가, 지를, 지만 */
        return before == SYL_JI && (last == 0xB294u || last == 0xB3C4u || last == 0xAC00u ||
                                    last == 0xB97Cu || last == SYL_MAN);
    case NEXT_AFTER_GO:
        return last == 0xACE0u; /* 고 */
    case NEXT_AFTER_GI:
        return last == 0xAE30u; /* 기 */
    case NEXT_AFTER_EO:
        return is_eo_a(last) || last == SYL_YEO;
    case NEXT_AFTER_GO_OR_EO:
        return last == 0xACE0u || is_eo_a(last) || last == SYL_YEO; /* 고 */
    case NEXT_ADNOMINAL: /* 는, 은, 을, 던 or a fused ㄴ/ㄹ: 한, 갈 */
        return last == 0xB294u || last == 0xC740u || last == 0xC744u || last == 0xB358u ||
               (kg_is_syllable(last) && (kg_jong(last) == 4u || kg_jong(last) == 8u));
    case NEXT_AFTER_GE:
        return last == 0xAC8Cu; /* 게 */
    case NEXT_AFTER_YA: /* 어야 하다, and the quotative 라 하다 (X라 한다) */
        return last == 0xC57Cu || last == 0xB77Cu; /* 야 라 */
    default:
        return 0;
    }
}

/* Chooses the split of a Hangul run and appends its parts.
 * allow_empty_stem: the run follows Latin, digits or closing punctuation,
 * so it may be all tail (AI를, "...")는). */
static int segment_run(const kg_segmenter *seg, const hangul_run *r,
                       int allow_empty_stem, kg_result *res)
{
    size_t n = r->n;
    size_t best_i = n;
    const kg_tail *best_tail = NULL;
    uint32_t whole = lex_bits(seg, r, 0, n);
    /* 하지만 opens a sentence as a conjunction; inside one it is 하+지만
     * (떠나야 하지만, 작기는 하지만) */
    if (r->mid_sentence && n == 3 && r->cps[0] == SYL_HA && r->cps[1] == SYL_JI &&
        r->cps[2] == SYL_MAN)
        whole = 0;
    /* After Latin or a closing mark a Hangul run that can be a tail is one
     * (GPU와, NASA가, "딥시크"는); after digits a counter stays a noun
     * (23만, 11일), so digits get no such bonus. */
    int empty_stem_bonus = allow_empty_stem && !follows_digits(r) ? SCORE_AFTER_NAME : 0;
    /* glued to a number, Latin or Hanja (4와, 250m나, 0.06이다) a run is
     * no pronoun, verb or adverb: only a noun or a counter (3개, AI들) */
    int glued = r->before != 0;
    if (glued && (!(whole & (KG_LEX_NOUN | KG_LEX_USER)) || (whole & KG_LEX_PRONOUN)))
        whole = 0;
    /* a bare predicate stem is no word of its own (씻기 is 씻+기), unless
     * its open ㅏ/ㅓ syllable has taken in the connective 아/어 (벗어나) */
    if (whole == KG_LEX_VERB && !kg_cond_holds(KG_COND_VOWEL_A, r->cps[n - 1]))
        whole = 0;
    /* nor is one in 서 that is a shorter verb with 아서 merged into it:
     * 나서 alone is mostly 나+서 (하고 나서), though 나서다 is a verb */
    if (whole == KG_LEX_VERB && n >= 2 && r->cps[n - 1] == SYL_SEO &&
        (lex_bits(seg, r, 0, n - 1) & KG_LEX_VERB))
        whole = 0;
    /* the run ends in a lexicon noun (민중회의): a tail cut inside that
     * noun needs a known stem in front of it */
    size_t noun_at = whole ? 0 : final_noun_start(seg, r, n);
    /* only a compound of two known nouns is trusted (민중+회의): a short
     * noun at the end of an unknown word is often a particle in disguise
     * (홍길+동의, 박지+호가) */
    int best = whole ? SCORE_KNOWN_WHOLE
               : (noun_at || ends_in_noun_suffix(seg, r, n)) ? SCORE_KNOWN_COMPOUND
               : ends_in_past(r) ? SCORE_PAST_WITHOUT_TAIL
               : SCORE_NO_TAIL;
    /* (a final noun of three or more syllables is trusted anyway:
     * 서울외곽순환+고속도로) */
    if (noun_at && n - noun_at < 3 &&
        (noun_at < 2 || !(lex_bits(seg, r, 0, noun_at) & KG_LEX_NOUN)))
        noun_at = 0;
#ifdef KG_SEG_TRACE
    fprintf(stderr, "  (whole) score=%d\n", best);
#endif
    size_t lo = n > KG_TAIL_MAX_SYLLABLES ? n - KG_TAIL_MAX_SYLLABLES : 0;
    /* the stem may be empty after a name or mark, or when a copula form
     * stands alone (이라는, 이라고; checked per analysis below) */
    if (lo == 0 && !allow_empty_stem && r->cps[0] != SYL_I) lo = 1;
    /* a known noun + tail inside a longer known noun + tail loses
     * (불만+을, not 불+만을): the split points are tried from the end */
    int after_digits = follows_digits(r);
    /* a verb whose ending the next word's auxiliary asks for (오지 않다,
     * 가게 되다, 먹고 싶다) gets a bonus over a noun reading */
    int context_bonus = 0;
    if (kg_is_syllable(r->next) &&
        (seg->syl_flags[r->next - KG_HANGUL_FIRST] & SYLF_ASKS) &&
        fits_next_word(r, next_word_asks(r->next, r->next2)))
        context_bonus = SCORE_CONTEXT;
    /* before 않다 a noun with a particle is out of place (질리지가 않고 is
     * 질리+지가): the bonus goes against the particle reading instead */
    int against_particle = context_bonus && r->next == 0xC54Au; /* 않 */
    /* before 등 (etc.) or 및 (and) a listed noun has no particle: 사과 등,
     * 교육 및 연구 */
    int list_item = (r->next == SYL_DEUNG && ends_list_word(r->next2)) ||
                    (r->next == 0xBC0Fu && (r->next2 == 0 || r->next2 == ' ')); /* 및 */
    /* a lexicon adverb is not a shorter adverb + particle (그럼에도 is no
     * 그럼+에도) */
    int whole_adverb = (whole & KG_LEX_ADVERB) && !(whole & KG_LEX_NOUN);
    int longer_noun = (whole & KG_LEX_NOUN) && !after_digits;
    /* likewise a cut inside a lexicon adverb that takes a particle
     * (실제로+는, not 실제+로는; 스스로+도) */
    int longer_adverb = 0;
    int best_noun = 0; /* the best split's stem is a lexicon noun */
    for (size_t i = n; i-- > lo;) {
        if (!kg_tails_may_start(seg->tails, r->cps[i])) continue;
        const kg_tail *t = kg_tails_lookup(seg->tails, r->text + r->offs[i],
                                           r->offs[n] - r->offs[i]);
        if (!t) continue;
        /* 여 right after digits is the suffix "some over" (20여, 240여명),
         * never the vocative particle */
        if (i == 0 && after_digits && r->cps[0] == SYL_YEO) continue;
        uint32_t prev = i ? r->cps[i - 1] : r->before;
        uint32_t bits = i ? lex_bits(seg, r, 0, i) : 0;
        if (glued && (bits & KG_LEX_PRONOUN)) bits = 0;
        int noun_here = 0, adverb_here = 0;
        /* tails that open with 치 케 키 컨, 두 or 만 have rules of their own
         * below; most split points have none */
        uint32_t head = r->cps[i];
        int ruled_head = head == SYL_DU || head == SYL_MAN || is_merged_ha(head);
        for (; t; t = kg_tails_next(seg->tails, t)) {
            if (!kg_cond_holds(t->cond, prev)) continue;
            if (i == 0 && !allow_empty_stem &&
                (t->part_tag[0] != KG_TAG_VCP || t->n_parts < 2 ||
                 (n >= 2 && (lex_bits(seg, r, 0, 2) & KG_LEX_VERB))))
                continue;
            /* the particle 서 (에서 shortened) follows place pronouns, the
             * bound noun 데 and known nouns (여기서, 어디서, (하는) 데서,
             * 서울서); after anything else it ends a noun (보고서, 확약서) */
            if (t->part_tag[0] == KG_TAG_J && r->cps[i] == SYL_SEO &&
                !(bits & KG_LEX_PRONOUN) && !(i == 1 && r->cps[0] == SYL_DE) &&
                !(i >= 2 && (bits & KG_LEX_NOUN) && !whole))
                continue;
            /* 하 merged into 치, 케, 키, 컨대 follows a known noun only:
             * names end in these syllables (마이키, 스즈키) */
            if (ruled_head && t->part_tag[0] == KG_TAG_XSV && is_merged_ha(head) &&
                !(bits & KG_LEX_NOUN))
                continue;
            /* the spoken 두 (= 도) after a known noun only: 선두, 만두 and
             * names in 두 stay whole */
            if (ruled_head && t->part_tag[0] == KG_TAG_J && head == SYL_DU &&
                (i < 2 || !(bits & KG_LEX_NOUN)))
                continue;
            /* 만 + the copula follows a span of time (2년+만이다); after
             * other nouns 만 is more often their own (순천만+이다) */
            if (ruled_head && head == SYL_MAN && t->n_parts >= 2 &&
                t->part_tag[0] == KG_TAG_J && t->part_tag[1] == KG_TAG_VCP &&
                !(bits & KG_LEX_BOUND))
                continue;
            int s = t->score + (i ? stem_score(seg, r, i, t, bits)
                                  : allow_empty_stem ? empty_stem_bonus
                                                     : SCORE_COPULA_ALONE);
            if (whole_adverb && i && t->host == KG_HOST_NOUN &&
                (bits & KG_LEX_ADVERB) && !(bits & KG_LEX_NOUN))
                s -= SCORE_ADVERB_PARTICLE;
            /* a mark after the run that the particle follows:
             * (위키백과)는, 예금(적립금)에서 */
            s -= r->before_closed_tail;
            /* an auxiliary after a verb in 어/아: 얻어 가+시는, 먹어 보+니 */
            if (r->after_connective && t->host == KG_HOST_VERB && i <= 2 &&
                is_aux_stem(r, i))
                s += SCORE_CONTEXT;
            if (list_item) s -= SCORE_BEFORE_PARTICLE;
            if (against_particle && t->host == KG_HOST_NOUN && t->part_tag[0] == KG_TAG_J)
                s -= SCORE_CONTEXT;
            if (context_bonus &&
                (t->host == KG_HOST_VERB || t->part_tag[0] == KG_TAG_XSV ||
                 t->part_tag[0] == KG_TAG_XSA || t->part_tag[0] == KG_TAG_VCP))
                s += context_bonus;
            /* (after digits the counter wins instead: 67명+의) */
            if (t->host == KG_HOST_NOUN && (bits & KG_LEX_NOUN) && !after_digits) {
                noun_here = 1;
                if (longer_noun) s += SCORE_INSIDE_LONGER_NOUN;
            }
            if (longer_adverb && t->host == KG_HOST_NOUN) s += SCORE_INSIDE_LONGER_NOUN;
            if (i >= 2 && t->part_tag[0] == KG_TAG_J && (bits & KG_LEX_ADVERB) &&
                !(bits & KG_LEX_NOUN))
                adverb_here = 1;
            if (noun_at && i > noun_at && !bits &&
                !(is_person_suffix(r->cps[i - 1]) &&
                  (lex_bits(seg, r, 0, i - 1) & KG_LEX_NOUN)))
                s += SCORE_SPLITS_NOUN;
#ifdef KG_SEG_TRACE
            fprintf(stderr, "  %.*s|%.*s host=%d tail=%d stem=%d total=%d\n",
                    (int)r->offs[i] - (int)r->offs[0], r->text + r->offs[0],
                    (int)(r->offs[n] - r->offs[i]), r->text + r->offs[i],
                    t->host, t->score, s - t->score, s);
#endif
            /* ties go to the longer tail: an unknown stem is the shorter
             * guess; but a known noun keeps a tie against a shorter one
             * (도로+는, not 도+로는) */
            if (s > best || (s == best && best_tail && i < best_i &&
                             !(best_noun && (bits & KG_LEX_NOUN)))) {
                best = s;
                best_i = i;
                best_tail = t;
                best_noun = (bits & KG_LEX_NOUN) != 0;
            }
        }
        longer_noun |= noun_here;
        longer_adverb |= adverb_here;
    }
    int rc;
    /* 아니 + a copula ending (아니+라서) is a predicate stem + its ending */
    int negative_copula = best_tail && best_tail->part_tag[0] == KG_TAG_VCP &&
                          is_negative_copula(r, best_i);
    if (best_i > 0) {
        int tag = KG_TAG_N;
        if ((best_tail && best_tail->host == KG_HOST_VERB) || negative_copula) tag = KG_TAG_V;
        else if (!best_tail && (whole & KG_LEX_ADVERB) &&
                 !(whole & KG_LEX_NOUN))
            tag = KG_TAG_MA;
        /* the stem is [from, to), with noun suffixes around it: 20+여,
         * 사람+들 */
        size_t from = 0, to = best_i;
        rc = KG_OK;
        if (tag == KG_TAG_N && after_digits && r->cps[0] == SYL_YEO) {
            rc = add_part(res, r->offs[0], r->offs[1], KG_TAG_XSN);
            from = 1;
        }
        if (from < to && tag == KG_TAG_N && ends_in_split_suffix(seg, r, best_i)) to--;
        if (!rc && from < to) rc = add_part(res, r->offs[from], r->offs[to], tag);
        if (!rc && to < best_i) rc = add_part(res, r->offs[to], r->offs[best_i], KG_TAG_XSN);
        if (rc) return rc;
    }
    if (best_tail) {
        size_t at = r->offs[best_i];
        for (unsigned k = 0; k < best_tail->n_parts; k++) {
            /* 뿐 right after a noun is the suffix "only" of the noun
             * (그녀+뿐, 활동+뿐+만), as the Kaist treebank has it; the tail
             * inventory keeps it as a particle for the glossary's sake */
            int tag = best_tail->part_tag[k];
            if (k == 0 && best_i > 0 && tag == KG_TAG_J &&
                r->cps[best_i] == SYL_PPUN)
                tag = KG_TAG_XSN;
            if (negative_copula && tag == KG_TAG_VCP) tag = KG_TAG_E;
            rc = add_part(res, at, at + best_tail->part_len[k], tag);
            if (rc) return rc;
            at += best_tail->part_len[k];
        }
    }
    return KG_OK;
}

/* Whether segment_run can cut the run word[0, len) (Hangul syllables
 * only, alone: no context around it) at byte at, strictly inside. It cuts
 * a run where a tail from the inventory begins (best_i, or nowhere), then
 * between that tail's parts, and may split a noun suffix (들, 적, 씩:
 * ends_in_split_suffix) off the stem's last syllable. So a cut at `at`
 * needs a tail that begins at or before it, or that suffix right after it
 * with a tail or the run's end behind. Otherwise (a term inside a compound
 * noun, 경영|능력을, or before a derivational suffix, 운동|가가) the answer
 * is no, and no segmentation is needed to give it. 0: never; 1: it may.
 * Keep it in step with segment_run (test_may_cut_agrees checks it against
 * kg_segment on real text). */
int kg_segment_may_cut(const kg_segmenter *seg, const char *word, size_t len, size_t at)
{
    const unsigned char *w = (const unsigned char *)word;
    const size_t syl = 3; /* bytes of a Hangul syllable */
    size_t cl;
    size_t i = len > KG_TAIL_MAX_SYLLABLES * syl ? len - KG_TAIL_MAX_SYLLABLES * syl : 0;
    for (; i <= at; i += syl) {
        uint32_t head = kg_decode(w + i, &cl);
        if (kg_tails_may_start(seg->tails, head) &&
            kg_tails_lookup(seg->tails, word + i, len - i))
            return 1;
    }
    uint32_t next = kg_decode(w + at, &cl);
    if (next != SYL_DEUL && next != SYL_JEOK && next != SYL_SSIK) return 0;
    return at + syl == len || kg_tails_lookup(seg->tails, word + at + syl, len - at - syl);
}

/* ---- tokens ---- */

/* Characters that stay inside a Latin/digit run when they sit between two
 * alphanumerics: GPT-4, 3.5, e-gima.com, 1,000, C++ is not covered. */
static int is_joiner(uint32_t cp)
{
    switch (cp) {
    case '.': case ',': case '-': case '_': case '/': case ':': case '+':
    case '&': case '@': case '\'': case '#':
        return 1;
    default:
        return 0;
    }
}

static int is_alnum_class(int cls)
{
    return cls == KG_C_LATIN || cls == KG_C_DIGIT;
}

static int is_punct_class(int cls)
{
    return cls == KG_C_PUNCT_SF || cls == KG_C_PUNCT_SP ||
           cls == KG_C_PUNCT_SS || cls == KG_C_SYMBOL;
}

static int punct_tag(int cls)
{
    switch (cls) {
    case KG_C_PUNCT_SF: return KG_TAG_SF;
    case KG_C_PUNCT_SP: return KG_TAG_SP;
    case KG_C_PUNCT_SS: return KG_TAG_SS;
    default: return KG_TAG_SW;
    }
}

static int word_reserve(word_buf *w, size_t n)
{
    /* offs has one more slot: the end of the last character */
    if (KG_GROW(w->cps, w->cap_cps, n, 64) ||
        KG_GROW(w->offs, w->cap_offs, n + 1, 64) ||
        KG_GROW(w->cls, w->cap_cls, n, 64))
        return KG_ERR_NOMEM;
    return KG_OK;
}

static int run_tag(const word_buf *w, size_t a, size_t b)
{
    int cls = w->cls[a];
    if (cls == KG_C_LATIN || cls == KG_C_DIGIT) {
        for (size_t i = a; i < b; i++)
            if (w->cls[i] == KG_C_LATIN) return KG_TAG_SL;
        return KG_TAG_SN;
    }
    if (cls == KG_C_HANJA) return KG_TAG_SH;
    if (cls == KG_C_LETTER) return KG_TAG_SL;
    if (cls == KG_C_JAMO) return KG_TAG_IC; /* ㅋㅋ, ㅠㅠ */
    return KG_TAG_UNK;
}

/* Same coarse kind for run grouping: Latin and digits and joiners stay
 * together, every other class stands alone. */
static int run_kind(int cls)
{
    return (cls == KG_C_LATIN || cls == KG_C_DIGIT || cls == KG_C_JOINER)
               ? KG_C_LATIN : cls;
}

/* One token without punctuation: w[a, b). after_punct: it touches a
 * punctuation mark on its left, so it may be a bare particle ("...")는).
 * mid_sentence: it opens a word inside a sentence (see hangul_run). */
static int segment_piece(const kg_segmenter *seg, const char *text,
                         const word_buf *w, size_t a, size_t b,
                         int after_punct, int mid_sentence, kg_result *res)
{
    /* a closing bracket or quote, then Hangul: (위키백과)는; or an
     * opening bracket, above all a gloss in Hanja: 예금(적립금)에서,
     * 토지면(土旨面)은, whose particle comes after the brackets */
    int closed_tail = 0;
    if (b + 1 < w->n && w->cls[b] == KG_C_PUNCT_SS) {
        if (!is_opening(w->cps[b]) && w->cls[b + 1] == KG_C_HANGUL)
            closed_tail = SCORE_BEFORE_PARTICLE;
        else if (w->cps[b] == '(' && w->cls[b + 1] == KG_C_HANJA)
            closed_tail = SCORE_BEFORE_GLOSS;
        else if (w->cps[b] == '(')
            closed_tail = SCORE_BEFORE_BRACKET;
    }
    size_t first_part = res->n_parts;
    size_t i = a;
    int rc;
    while (i < b) {
        size_t j = i + 1;
        int kind = run_kind(w->cls[i]);
        while (j < b && run_kind(w->cls[j]) == kind) j++;
        if (w->cls[i] == KG_C_HANGUL) {
            hangul_run r = {text, w->cps + i, w->offs + i, j - i,
                            i > a ? w->cps[i - 1] : 0, mid_sentence && i == a,
                            j - i, b == w->n ? w->next : 0,
                            b == w->n ? w->next2 : 0,
                            i == 0 && w->after_number, digits_end_name(w, a, i),
                            i == 0 && w->after_connective, j == b ? closed_tail : 0};
            for (size_t k = 1; k + 1 < r.n; k++) {
                /* (a Hangul run holds syllables only) */
                if ((seg->syl_flags[r.cps[k] - KG_HANGUL_FIRST] & SYLF_ENDING) ||
                    (r.cps[k] == SYL_NEU && k + 1 < r.n && r.cps[k + 1] == SYL_NYA)) {
                    r.inner_ending = k;
                    break;
                }
            }
            if (j == b) {
                rc = segment_run(seg, &r, i > a || after_punct, res);
            } else {
                /* a Hangul run inside a token (오픈 in 오픈AI의): stem */
                rc = add_part(res, w->offs[i], w->offs[j], KG_TAG_N);
            }
        } else {
            rc = add_part(res, w->offs[i], w->offs[j], run_tag(w, i, j));
        }
        if (rc) return rc;
        i = j;
    }
    /* a lone suffix after a number or name is a noun suffix: GPT-4급 */
    size_t np = res->n_parts - first_part;
    if (np >= 2) {
        kg_part *last = &res->parts[res->n_parts - 1];
        if (last->tag == KG_TAG_N &&
            (kg_lexicon_bits(&seg->lexicon, text + last->start,
                             last->end - last->start) & KG_LEX_SUFFIX))
            last->tag = KG_TAG_XSN;
    }
    return add_token(res, w->offs[a], w->offs[b], first_part);
}

/* Cuts one word into punctuation tokens and pieces. after_mark: the word
 * follows a closing quote or bracket across a space, where a detached
 * particle is common ('사회변혁' 의). Returns whether this word ends in
 * such a mark, through *ends_in_mark. mid_sentence: the previous word
 * ended in no mark at all. */
static int segment_word(const kg_segmenter *seg, const char *text,
                        word_buf *w, int after_mark, int *ends_in_mark,
                        int mid_sentence, kg_result *res)
{
    /* joiners between alphanumerics become part of the run */
    for (size_t i = 1; i + 1 < w->n; i++)
        if (is_joiner(w->cps[i]) && is_alnum_class(w->cls[i - 1]) &&
            is_alnum_class(w->cls[i + 1]))
            w->cls[i] = KG_C_JOINER;
    size_t i = 0;
    int after_punct = after_mark;
    *ends_in_mark = w->n > 0 && ((w->cls[w->n - 1] == KG_C_PUNCT_SS &&
                                  !is_opening(w->cps[w->n - 1])) ||
                                 is_unit_sign(w->cps[w->n - 1]));
    while (i < w->n) {
        size_t j = i + 1;
        int rc;
        if (is_punct_class(w->cls[i])) {
            /* a run of the same mark is one token: ..., !!, ?? */
            while (j < w->n && w->cps[j] == w->cps[i]) j++;
            size_t first = res->n_parts;
            rc = add_part(res, w->offs[i], w->offs[j], punct_tag(w->cls[i]));
            if (!rc) rc = add_token(res, w->offs[i], w->offs[j], first);
            /* a particle may follow a closing mark ("딥시크"는, 50%가),
             * not an opening one ((달러) */
            after_punct = !is_opening(w->cps[i]) && !(i == 0 && is_straight_quote(w->cps[i]));
        } else {
            while (j < w->n && !is_punct_class(w->cls[j])) j++;
            rc = segment_piece(seg, text, w, i, j, after_punct, mid_sentence && i == 0, res);
            after_punct = 0;
        }
        if (rc) return rc;
        i = j;
    }
    return KG_OK;
}

/* Moves every offset from the normalised text back to the original. A
 * normalisation unit maps as a whole, so neighbouring parts (or tokens)
 * inside one unit would overlap: each starts where the previous one ended,
 * and a part or token left empty is dropped. Parts stay a partition of
 * their token and tokens never overlap. */
static void map_offsets(kg_result *res)
{
    size_t last_end = 0, out_tok = 0, out_part = 0;
    for (size_t t = 0; t < res->n_tokens; t++) {
        kg_token tok = res->tokens[t];
        size_t first = out_part;
        for (uint32_t k = 0; k < tok.n_parts; k++) {
            kg_part p = res->parts[tok.first_part + k];
            size_t s, e;
            kg_norm_map_span(res->norm, p.start, p.end, &s, &e);
            if (s < last_end) s = last_end;
            if (e <= s) continue;
            res->parts[out_part++] = (kg_part){(uint32_t)s, (uint32_t)e, p.tag};
            last_end = e;
        }
        if (out_part == first) continue;
        kg_token *o = &res->tokens[out_tok++];
        o->first_part = (uint32_t)first;
        o->n_parts = (uint32_t)(out_part - first);
        o->start = res->parts[first].start;
        o->end = res->parts[out_part - 1].end;
        o->stem_end = stem_end(res, o);
    }
    res->n_tokens = out_tok;
    res->n_parts = out_part;
}

/* Is the word a number a counter may follow across a space: digits, or
 * digits + the Hangul 만, 천, 백, 억, 조 or 여 (9만여, 20)? */
static int is_number_word(const kg_segmenter *seg, const word_buf *w)
{
    if (w->n == 0) return 0;
    uint32_t last = w->cps[w->n - 1];
    if (last >= '0' && last <= '9') return 1;
    if (!kg_is_syllable(last)) return 0;
    unsigned f = seg->syl_flags[last - KG_HANGUL_FIRST];
    /* a native numeral before its counter: 두 명의, 몇 개가 */
    if (w->n == 1) return (f & SYLF_NATIVE) != 0;
    if (!(f & SYLF_NUMERAL)) return 0;
    /* digits + up to two of 만, 천, 백, 억, 조, 여 */
    size_t k = w->n - 1;
    if (k > 0 && kg_is_syllable(w->cps[k - 1]) &&
        (seg->syl_flags[w->cps[k - 1] - KG_HANGUL_FIRST] & SYLF_NUMERAL))
        k--;
    return k > 0 && w->cps[k - 1] >= '0' && w->cps[k - 1] <= '9';
}

static void set_syllable_flags(uint8_t *flags)
{
    static const uint32_t numerals[] = {0xB9CC, 0xCC9C, 0xBC31, 0xC5B5, 0xC870, 0xC5EC};
    static const uint32_t natives[] = {0xD55C, 0xB450, 0xC138, 0xB124, 0xBA87, 0xC5F4};
    for (uint32_t k = 0; k <= KG_HANGUL_LAST - KG_HANGUL_FIRST; k++) {
        uint32_t syl = KG_HANGUL_FIRST + k;
        flags[k] = (uint8_t)((is_ending_syllable(syl) ? SYLF_ENDING : 0) |
                             (next_word_asks(syl, 0) ? SYLF_ASKS : 0));
    }
    for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
        flags[numerals[i] - KG_HANGUL_FIRST] |= SYLF_NUMERAL;
    for (size_t i = 0; i < sizeof natives / sizeof *natives; i++)
        flags[natives[i] - KG_HANGUL_FIRST] |= SYLF_NATIVE;
}

int kg_segment(const kg_segmenter *seg, const char *text, size_t len,
               kg_result *res)
{
    if (!seg || !res || (!text && len)) return KG_ERR_ARG;
    res->n_tokens = res->n_parts = 0;
    res->error_offset = 0;
    if (len > KG_MAX_TEXT) return KG_ERR_TOO_LONG;
    int rc = kg_normalize(res->norm, KG_NFC, text, len);
    if (rc) {
        res->error_offset = kg_norm_error_offset(res->norm);
        return rc;
    }
    size_t n;
    const char *nt = kg_norm_text(res->norm, &n);
    const unsigned char *s = (const unsigned char *)nt;
    word_buf *w = &res->word;
    size_t i = 0;
    int after_mark = 0, mid_sentence = 0;
    w->after_number = w->after_connective = 0;
    while (i < n && !rc) {
        size_t cl;
        uint32_t cp = kg_decode(s + i, &cl);
        int cls = kg_char_class(cp);
        if (cls == KG_C_SPACE) { i += cl; continue; }
        w->n = 0;
        while (i < n) {
            cp = kg_decode(s + i, &cl);
            cls = kg_char_class(cp);
            if (cls == KG_C_SPACE) break;
            if ((rc = word_reserve(w, w->n + 1))) break;
            w->cps[w->n] = cp;
            w->cls[w->n] = (uint8_t)cls;
            w->offs[w->n++] = (uint32_t)i;
            i += cl;
        }
        if (rc) break;
        w->offs[w->n] = (uint32_t)i;
        /* the next word's first character: an auxiliary there tells a
         * verb's connective from a noun (가지 않다) */
        /* (the spaces are skipped here once for the main loop too) */
        w->next = w->next2 = 0;
        while (i < n) {
            uint32_t c = s[i] == ' ' ? ' ' : kg_decode(s + i, &cl);
            if (c == ' ') { i++; continue; }
            if (kg_char_class(c) == KG_C_SPACE) { i += cl; continue; }
            w->next = c;
            /* the second character only tells 하나 from 하다, and 위해,
             * 때문 from other words in 위, 때 */
            if ((c == SYL_HA || c == SYL_WI || c == SYL_TTAE || c == SYL_DEUNG) && i + cl < n) {
                size_t cl2;
                w->next2 = kg_decode(s + i + cl, &cl2);
            }
            break;
        }
        rc = segment_word(seg, nt, w, after_mark, &after_mark, mid_sentence, res);
        w->after_number = is_number_word(seg, w);
        w->after_connective = w->n >= 2 && is_eo_form(w->cps[w->n - 1]);
        mid_sentence = w->n > 0 && !is_punct_class(w->cls[w->n - 1]);
    }
    if (rc) return rc;
    if (!kg_norm_is_identity(res->norm)) map_offsets(res);
    return (int)(res->n_tokens > INT32_MAX ? INT32_MAX : res->n_tokens);
}
