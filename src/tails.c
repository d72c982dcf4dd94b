/*
 * The closed-class tail inventory: particles, the copula, predicate-forming
 * suffixes and endings, composed into every tail a stem can carry.
 *
 * Tails are generated once, when a segmenter is made, from small tables of
 * morphemes and the rules that chain them. Each full tail is stored with the
 * condition it puts on the stem-final syllable (받침 allomorphy), the kind of
 * stem it attaches to, a prior score and its surface parts. The segmenter
 * then only needs one hash look-up per candidate split.
 *
 * Scores are hand-set priors: roughly the log-frequency of the piece in
 * news text, in tenths. A tail's score is the sum over its pieces minus a
 * per-piece cost, so each extra piece must earn its place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Conditions beyond enum kg_tail_cond, only used inside the generator. */


typedef struct piece {
    const char *s;
    uint8_t cond;
    int8_t score;
} piece;

#define PIECE_COST 4
#define TAIL_SYLLABLE_BONUS 3

/* ---- particles ---- */

/* Case particles that end a tail. */
static const piece case_particles[] = {
    {"이", KG_COND_CONS, 30}, {"가", KG_COND_VOWEL, 30},
    {"을", KG_COND_CONS, 30}, {"를", KG_COND_VOWEL, 30},
    {"의", KG_COND_ANY, 30},  {"이여", KG_COND_CONS, 2},
    {"여", KG_COND_VOWEL, 2}, {"아", KG_COND_CONS, 4},
    {"야", KG_COND_VOWEL, 8},
};

/* Adverbial and conjunctive particles: may take an auxiliary particle or 의. */
static const piece adv_particles[] = {
    {"에", KG_COND_ANY, 29},      {"에서", KG_COND_ANY, 26},
    {"에게", KG_COND_ANY, 22},    {"에게서", KG_COND_ANY, 10},
    {"께", KG_COND_ANY, 8},       {"께서", KG_COND_ANY, 14},
    {"한테", KG_COND_ANY, 12},    {"한테서", KG_COND_ANY, 6},
    {"으로", KG_COND_CONS_NOT_L, 26}, {"로", KG_COND_VOWEL_L, 26},
    {"으로서", KG_COND_CONS_NOT_L, 14}, {"로서", KG_COND_VOWEL_L, 14},
    {"으로써", KG_COND_CONS_NOT_L, 12}, {"로써", KG_COND_VOWEL_L, 12},
    {"으로부터", KG_COND_CONS_NOT_L, 12}, {"로부터", KG_COND_VOWEL_L, 12},
    {"과", KG_COND_CONS, 24},     {"와", KG_COND_VOWEL, 24},
    {"하고", KG_COND_ANY, 6},     {"이랑", KG_COND_CONS, 8},
    {"랑", KG_COND_VOWEL, 8},     {"처럼", KG_COND_ANY, 18},
    {"보다", KG_COND_ANY, 18},    {"같이", KG_COND_ANY, 6},
    {"만큼", KG_COND_ANY, 14},    {"대로", KG_COND_ANY, 12},
    {"에다", KG_COND_ANY, 4},     {"에다가", KG_COND_ANY, 4},
    {"으로의", KG_COND_CONS_NOT_L, 8}, {"로의", KG_COND_VOWEL_L, 8},
    {"마다", KG_COND_ANY, 14},    {"이라고", KG_COND_CONS, 14},
    {"라고", KG_COND_VOWEL, 14},  {"고", KG_COND_ANY, 2},
    {"이며", KG_COND_CONS, 10},   {"며", KG_COND_VOWEL, 8},
    {"엔", KG_COND_ANY, 8},       {"에선", KG_COND_ANY, 8},
    {"으론", KG_COND_CONS_NOT_L, 4},
    {"에야", KG_COND_ANY, 4},     {"에게로", KG_COND_ANY, 2},
    {"치고", KG_COND_ANY, 6},     {"보고", KG_COND_ANY, 2},
    /* 에서 shortened, after place pronouns only (segment.c checks) */
    {"서", KG_COND_ANY, 10},
};

/* The adverbial particles that take a comparison or 와 after them
 * (미국에서처럼, 사람에게보다, 기존에서와), and those particles. */
static const char *const takes_comparison[] = {"에서", "에게", "한테", "께", "에게서"};
static const piece comparison_particles[] = {
    {"처럼", KG_COND_ANY, 12}, {"보다", KG_COND_ANY, 12},
    {"만큼", KG_COND_ANY, 8},  {"와", KG_COND_VOWEL, 10},
};

/* Auxiliary particles: end a tail, or (some) take a case particle. */
static const piece aux_particles[] = {
    {"은", KG_COND_CONS, 30},   {"는", KG_COND_VOWEL, 30},
    {"도", KG_COND_ANY, 27},    {"만", KG_COND_ANY, 22},
    {"까지", KG_COND_ANY, 22},  {"부터", KG_COND_ANY, 20},
    {"조차", KG_COND_ANY, 12},  {"마저", KG_COND_ANY, 10},
    {"밖에", KG_COND_ANY, 14},  {"밖에는", KG_COND_ANY, 6},
    {"밖에도", KG_COND_ANY, 4},  {"이나", KG_COND_CONS, 18},
    {"나", KG_COND_VOWEL, 14},  {"이라도", KG_COND_CONS, 10},
    {"라도", KG_COND_VOWEL, 10}, {"요", KG_COND_ANY, 6},
    {"이든지", KG_COND_CONS, 6}, {"든지", KG_COND_VOWEL, 6},
    {"이든", KG_COND_CONS, 6},  {"든", KG_COND_VOWEL, 6},
    {"이야", KG_COND_CONS, 6},  {"야", KG_COND_VOWEL, 6},
    {"이야말로", KG_COND_CONS, 6},
    {"야말로", KG_COND_VOWEL, 6}, {"이란", KG_COND_CONS, 12},
    {"란", KG_COND_VOWEL, 12},  {"커녕", KG_COND_ANY, 4},
    {"뿐", KG_COND_ANY, 8},
    {"이나마", KG_COND_CONS, 4}, {"나마", KG_COND_VOWEL, 4},
    {"은커녕", KG_COND_CONS, 4}, {"는커녕", KG_COND_VOWEL, 4},
    /* a particle with the topic 는 contracted into it: 전까진, 민중에겐 */
    {"까진", KG_COND_ANY, 8},   {"부턴", KG_COND_ANY, 6},
    {"에겐", KG_COND_ANY, 8},   {"한텐", KG_COND_ANY, 4},
    {"보단", KG_COND_ANY, 6},
    {"으로선", KG_COND_CONS_NOT_L, 4}, {"로선", KG_COND_VOWEL_L, 4},
    /* 도 as spoken in reviews and chat (재료두); segment.c wants a known
     * noun of two or more syllables before it */
    {"두", KG_COND_ANY, 2},
};

/* Particles an auxiliary particle may take after it (만을, 까지의, 부터는). */
static const char *const aux_takes_case[] = {"만", "까지", "부터", "뿐",
                                             "마저", "조차"};

/* ---- predicate endings ---- */

/* Pre-final endings: honorific, past, future/conjecture. */
static const piece prefinal[] = {
    {"시", KG_COND_VOWEL_L, 12}, {"으시", KG_COND_CONS_NOT_L, 10},
    {"었", KG_COND_DARK, 26},       {"았", KG_COND_BRIGHT, 26},
    {"겠", KG_COND_ANY, 14},     {"었었", KG_COND_DARK, 4},
    {"았었", KG_COND_BRIGHT, 4},  {"였", KG_COND_HA, 20},
    /* 이 + 었 contracted after a stem in 이 (보였다 = 보이+었+다); the
     * treebanks cut before it */
    {"였", KG_COND_VOWEL, 2},
    /* past + conjecture (먹었겠지요), and 어야 with its 하 left out
     * before 겠 (먹어야겠네요) */
    {"었겠", KG_COND_DARK, 6},   {"았겠", KG_COND_BRIGHT, 6},
    {"어야겠", KG_COND_DARK, 4}, {"아야겠", KG_COND_BRIGHT, 4},
    {"여야겠", KG_COND_HA, 4},
};

/* Final endings (declarative, interrogative, connective, adnominal,
 * nominal). The flags column marks what may follow. */
/* What may follow an ending: an auxiliary predicate (먹어 보다), the few
 * particles a connective takes (하고는, 해서도), or any particle after a
 * nominalising ending (하기를, 했음에도). */
enum { F_END = 0, F_AUX = 1, F_PARTICLE = 2, F_NOMINAL = 4 };

typedef struct ending {
    const char *s;
    uint8_t cond;
    int8_t score;
    uint8_t follow;
} ending;

static const ending endings[] = {
    {"다", KG_COND_ANY, 26, 0},       {"는다", KG_COND_CONS, 16, 0},
    {"고", KG_COND_ANY, 26, F_PARTICLE},
    {"지", KG_COND_ANY, 18, F_PARTICLE},
    {"게", KG_COND_ANY, 22, F_PARTICLE},
    {"기", KG_COND_ANY, 16, F_NOMINAL},
    {"는", KG_COND_ANY, 26, 0},       {"던", KG_COND_ANY, 16, 0},
    {"도록", KG_COND_ANY, 16, F_PARTICLE},
    {"지만", KG_COND_ANY, 18, 0},     {"는데", KG_COND_ANY, 16, F_PARTICLE},
    {"고서", KG_COND_ANY, 6, 0},      {"거나", KG_COND_ANY, 12, 0},
    {"다가", KG_COND_ANY, 10, F_PARTICLE}, {"자", KG_COND_ANY, 8, 0},
    {"지요", KG_COND_ANY, 6, 0},      {"죠", KG_COND_ANY, 8, 0},
    {"네", KG_COND_ANY, 4, 0},        {"네요", KG_COND_ANY, 10, 0},
    {"는지", KG_COND_ANY, 12, F_NOMINAL}, {"든지", KG_COND_ANY, 6, 0},
    {"더라", KG_COND_ANY, 4, 0},      {"더니", KG_COND_ANY, 6, 0},
    {"기에", KG_COND_ANY, 6, 0},      {"고자", KG_COND_ANY, 8, 0},
    {"게끔", KG_COND_ANY, 4, 0},      {"다는", KG_COND_ANY, 14, 0},
    {"다고", KG_COND_ANY, 14, F_PARTICLE}, {"다며", KG_COND_ANY, 10, 0},
    {"다면", KG_COND_ANY, 12, 0},     {"다가도", KG_COND_ANY, 4, 0},
    {"는다는", KG_COND_CONS, 10, 0},  {"는다고", KG_COND_CONS, 10, 0},
    {"는다며", KG_COND_CONS, 6, 0},   {"는다면", KG_COND_CONS, 6, 0},
    {"냐", KG_COND_ANY, 4, 0},        {"냐고", KG_COND_ANY, 6, 0},
    {"느냐", KG_COND_ANY, 6, F_NOMINAL}, {"는가", KG_COND_ANY, 6, 0},
    {"느냐고", KG_COND_ANY, 6, 0},
    {"구나", KG_COND_ANY, 4, 0},      {"군요", KG_COND_ANY, 4, 0},
    {"습니다", KG_COND_CONS, 20, 0},  {"습니까", KG_COND_CONS, 8, 0},
    {"습니다만", KG_COND_CONS, 2, 0}, {"지도", KG_COND_ANY, 4, 0},
    {"잖아", KG_COND_ANY, 4, 0},      {"잖아요", KG_COND_ANY, 4, 0},
    /* after a consonant (not ㄹ) the 으-forms, after a vowel or ㄹ the rest */
    {"은", KG_COND_CONS_NOT_L, 24, 0}, {"을", KG_COND_CONS_NOT_L, 24, 0},
    {"으면", KG_COND_CONS_NOT_L, 18, 0}, {"면", KG_COND_VOWEL_L, 20, 0},
    {"으며", KG_COND_CONS_NOT_L, 18, 0}, {"며", KG_COND_VOWEL_L, 20, 0},
    {"으면서", KG_COND_CONS_NOT_L, 14, F_PARTICLE},
    {"면서", KG_COND_VOWEL_L, 16, F_PARTICLE},
    {"으니", KG_COND_CONS_NOT_L, 8, 0}, {"니", KG_COND_VOWEL_L, 8, 0},
    {"으니까", KG_COND_CONS_NOT_L, 8, 0}, {"니까", KG_COND_VOWEL_L, 8, 0},
    {"으러", KG_COND_CONS_NOT_L, 6, 0}, {"러", KG_COND_VOWEL_L, 6, 0},
    {"으려", KG_COND_CONS_NOT_L, 4, 0}, {"려", KG_COND_VOWEL_L, 4, 0},
    {"으려고", KG_COND_CONS_NOT_L, 8, 0}, {"려고", KG_COND_VOWEL_L, 8, 0},
    {"으려면", KG_COND_CONS_NOT_L, 6, 0}, {"려면", KG_COND_VOWEL_L, 6, 0},
    {"으므로", KG_COND_CONS_NOT_L, 8, 0}, {"므로", KG_COND_VOWEL_L, 8, 0},
    {"으나", KG_COND_CONS_NOT_L, 10, 0}, {"나", KG_COND_VOWEL_L, 6, 0},
    {"음", KG_COND_CONS_NOT_L, 12, F_NOMINAL},
    {"으세요", KG_COND_CONS_NOT_L, 6, 0}, {"세요", KG_COND_VOWEL_L, 8, 0},
    {"으라", KG_COND_CONS_NOT_L, 4, 0}, {"라", KG_COND_VOWEL_L, 4, 0},
    {"으라고", KG_COND_CONS_NOT_L, 4, 0}, {"라고", KG_COND_VOWEL_L, 4, 0},
    {"은데", KG_COND_CONS_NOT_L, 10, F_PARTICLE},
    {"은지", KG_COND_CONS_NOT_L, 8, 0}, {"을지", KG_COND_CONS_NOT_L, 6, 0},
    {"을까", KG_COND_CONS_NOT_L, 6, 0}, {"을수록", KG_COND_CONS_NOT_L, 6, 0},
    {"은가", KG_COND_CONS_NOT_L, 4, 0}, {"을래", KG_COND_CONS_NOT_L, 2, 0},
    /* 어/아 by vowel harmony */
    {"어", KG_COND_DARK, 20, F_AUX},
    {"아", KG_COND_BRIGHT, 20, F_AUX},
    {"어서", KG_COND_DARK, 18, F_PARTICLE}, {"아서", KG_COND_BRIGHT, 18, F_PARTICLE},
    {"어도", KG_COND_DARK, 12, 0},       {"아도", KG_COND_BRIGHT, 12, 0},
    {"어야", KG_COND_DARK, 14, F_PARTICLE}, {"아야", KG_COND_BRIGHT, 14, F_PARTICLE},
    {"어요", KG_COND_DARK, 14, 0},       {"아요", KG_COND_BRIGHT, 14, 0},
    {"어라", KG_COND_DARK, 4, 0},        {"아라", KG_COND_BRIGHT, 4, 0},
    /* 어/아 merged into an open stem syllable: 가서, 나서, 보내도 */
    {"서", KG_COND_VOWEL_A, 16, F_PARTICLE}, {"도", KG_COND_VOWEL_A, 6, 0},
    {"야", KG_COND_VOWEL_A, 10, F_PARTICLE}, {"요", KG_COND_VOWEL_A, 6, 0},
    {"야만", KG_COND_VOWEL_A, 4, 0},
    /* 하 takes 여 where other stems take 어/아 */
    {"여", KG_COND_HA, 20, F_AUX}, {"여서", KG_COND_HA, 14, F_PARTICLE},
    {"여도", KG_COND_HA, 10, 0},  {"여야", KG_COND_HA, 12, F_PARTICLE},
    {"여요", KG_COND_HA, 4, 0},
    {"곤", KG_COND_ANY, 6, 0},    {"듯이", KG_COND_ANY, 8, 0},
    {"듯", KG_COND_ANY, 6, 0},    {"더라도", KG_COND_ANY, 10, 0},
    {"냐는", KG_COND_ANY, 6, 0},  {"느냐는", KG_COND_ANY, 4, 0},
    {"자면", KG_COND_ANY, 4, 0},  {"리라", KG_COND_VOWEL_L, 4, 0},
    {"으리라", KG_COND_CONS_NOT_L, 2, 0}, {"는가", KG_COND_ANY, 6, F_NOMINAL},
    {"을텐데", KG_COND_CONS_NOT_L, 2, 0}, {"자는", KG_COND_ANY, 4, 0},
    {"답니다", KG_COND_ANY, 2, 0}, {"지는", KG_COND_ANY, 6, 0},
    /* conversational endings with and without polite 요 (blogs, reviews) */
    {"고요", KG_COND_ANY, 6, 0},  {"구요", KG_COND_ANY, 6, 0},
    {"구", KG_COND_ANY, 2, 0},    {"나요", KG_COND_ANY, 8, 0},
    {"거든", KG_COND_ANY, 4, 0},  {"거든요", KG_COND_ANY, 6, 0},
    {"는데요", KG_COND_ANY, 8, 0}, {"던데", KG_COND_ANY, 6, 0},
    {"던데요", KG_COND_ANY, 6, 0}, {"더라고요", KG_COND_ANY, 6, 0},
    {"더라구요", KG_COND_ANY, 6, 0}, {"더군요", KG_COND_ANY, 6, 0},
    {"더라고", KG_COND_ANY, 4, 0}, {"더라구", KG_COND_ANY, 4, 0},
    {"으니깐", KG_COND_CONS_NOT_L, 2, 0}, {"니깐", KG_COND_VOWEL_L, 2, 0},
    {"으시오", KG_COND_CONS_NOT_L, 2, 0}, {"시오", KG_COND_VOWEL_L, 4, 0},
    {"을만한", KG_COND_CONS_NOT_L, 2, 0}, {"기만", KG_COND_ANY, 4, 0},
    {"기도", KG_COND_ANY, 8, 0},     {"을지도", KG_COND_CONS_NOT_L, 4, 0},
    {"려는", KG_COND_VOWEL_L, 8, 0}, {"으려는", KG_COND_CONS_NOT_L, 6, 0},
    {"자마자", KG_COND_ANY, 4, 0}, {"면서부터", KG_COND_VOWEL_L, 2, 0},
    {"든가", KG_COND_ANY, 4, 0},  {"던가", KG_COND_ANY, 4, F_NOMINAL},
    {"거니와", KG_COND_ANY, 2, 0}, {"거니", KG_COND_ANY, 2, 0},
    {"다든가", KG_COND_ANY, 2, 0}, {"다거나", KG_COND_ANY, 4, 0},
    {"요", KG_COND_ANY, 2, 0},    {"야", KG_COND_ANY, 2, 0},
    /* the plain question 나 (먹나, 갔나), after any stem */
    {"나", KG_COND_ANY, 4, 0},
    /* 지 and 기 with a case or topic particle, also contracted: 먹지를,
     * 좋지가, 보이질, 많진, 있길, 있긴 */
    {"지를", KG_COND_ANY, 4, 0}, {"지가", KG_COND_ANY, 4, 0},
    {"질", KG_COND_ANY, 2, 0},   {"진", KG_COND_ANY, 2, 0},
    {"길", KG_COND_ANY, 2, 0},   {"긴", KG_COND_ANY, 4, 0},
    /* more connectives and sentence endings, and their polite 요 forms */
    {"길래", KG_COND_ANY, 6, 0},  {"다니", KG_COND_ANY, 4, 0},
    {"단", KG_COND_ANY, 2, 0},    {"건대", KG_COND_ANY, 4, 0},
    {"느니라", KG_COND_ANY, 2, 0}, {"리로다", KG_COND_VOWEL_L, 2, 0},
    {"는지라", KG_COND_ANY, 2, 0}, {"을는지", KG_COND_CONS_NOT_L, 2, 0},
    {"는지요", KG_COND_ANY, 2, 0},
    {"을런지", KG_COND_CONS_NOT_L, 2, 0}, {"리라고", KG_COND_VOWEL_L, 4, 0},
    {"으리라고", KG_COND_CONS_NOT_L, 2, 0}, {"다면서", KG_COND_ANY, 6, 0},
    {"려다", KG_COND_VOWEL_L, 4, 0}, {"으려다", KG_COND_CONS_NOT_L, 4, 0},
    {"려는데", KG_COND_VOWEL_L, 2, 0}, {"으려는데", KG_COND_CONS_NOT_L, 2, 0},
    {"을려면", KG_COND_CONS_NOT_L, 2, 0}, {"을려고", KG_COND_CONS_NOT_L, 2, 0},
    {"자니", KG_COND_ANY, 4, 0},  {"자고", KG_COND_ANY, 6, 0},
    {"라는", KG_COND_VOWEL_L, 4, 0}, {"으라는", KG_COND_CONS_NOT_L, 4, 0},
    {"라며", KG_COND_VOWEL_L, 2, 0}, {"으라며", KG_COND_CONS_NOT_L, 2, 0},
    {"다는데", KG_COND_ANY, 4, 0}, {"는다는데", KG_COND_CONS, 2, 0},
    {"는다든가", KG_COND_CONS, 2, 0}, {"다든지", KG_COND_ANY, 2, 0},
    {"기라도", KG_COND_ANY, 2, 0}, {"기까지", KG_COND_ANY, 4, F_PARTICLE},
    {"기보다", KG_COND_ANY, 4, F_PARTICLE}, {"기는커녕", KG_COND_ANY, 2, 0},
    {"는대로", KG_COND_ANY, 4, 0}, {"는데다가", KG_COND_ANY, 2, 0},
    {"어다가", KG_COND_DARK, 2, 0}, {"아다가", KG_COND_BRIGHT, 2, 0},
    {"을까요", KG_COND_CONS_NOT_L, 6, 0}, {"을게요", KG_COND_CONS_NOT_L, 4, 0},
    {"을래요", KG_COND_CONS_NOT_L, 2, 0}, {"을걸요", KG_COND_CONS_NOT_L, 2, 0},
    {"는걸요", KG_COND_ANY, 2, 0}, {"던가요", KG_COND_ANY, 2, 0},
    {"으니까요", KG_COND_CONS_NOT_L, 4, 0}, {"니까요", KG_COND_VOWEL_L, 4, 0},
    {"으네요", KG_COND_CONS_NOT_L, 2, 0}, {"대요", KG_COND_ANY, 2, 0},
    {"는대요", KG_COND_ANY, 2, 0}, {"래요", KG_COND_VOWEL_L, 2, 0},
    {"려구요", KG_COND_VOWEL_L, 2, 0}, {"으려구요", KG_COND_CONS_NOT_L, 2, 0},
    {"려고요", KG_COND_VOWEL_L, 2, 0}, {"으려고요", KG_COND_CONS_NOT_L, 2, 0},
    {"을텐데요", KG_COND_CONS_NOT_L, 2, 0}, {"어야죠", KG_COND_DARK, 2, 0},
    {"아야죠", KG_COND_BRIGHT, 2, 0}, {"어야지", KG_COND_DARK, 4, 0},
    {"아야지", KG_COND_BRIGHT, 4, 0}, {"어야지요", KG_COND_DARK, 2, 0},
    {"아야지요", KG_COND_BRIGHT, 2, 0},
    /* 먹느라(고), the question 니 after a consonant (먹니), exclamations
     * (먹는구나, 먹는군요), promises and guesses (먹을게, 먹을걸, 먹을테니),
     * concession (먹을지라도) */
    {"느라", KG_COND_ANY, 6, 0},  {"느라고", KG_COND_ANY, 4, 0},
    {"니", KG_COND_CONS, 2, 0},   {"는구나", KG_COND_ANY, 4, 0},
    {"는군요", KG_COND_ANY, 4, 0}, {"을게", KG_COND_CONS_NOT_L, 4, 0},
    {"을걸", KG_COND_CONS_NOT_L, 2, 0}, {"을테니", KG_COND_CONS_NOT_L, 2, 0},
    {"을지라도", KG_COND_CONS_NOT_L, 2, 0},
    /* the connective 되 (먹되, 그리되): "but, on condition that" */
    {"되", KG_COND_ANY, 4, 0},
};



/* Endings allowed right after 었/았/겠 (their 받침 is ㅆ). */
static const char *const after_past[] = {
    "다", "고", "지", "는데", "지만", "던", "을", "으며", "으면", "으나",
    "으니", "습니다", "습니까", "어요", "어서", "어도", "어야", "음", "기",
    "는지", "거나", "다가", "더라", "더니", "네", "네요", "다는", "다고",
    "다며", "다면", "죠", "지요", "으므로", "을지", "을까", "는가", "냐",
    "냐고", "느냐", "느냐고", "구나", "군요", "으니까", "잖아", "잖아요", "어",
    "는데요", "더군요", "구요", "고요", "던데", "던데요", "더라고요", "던가",
    "답니다", "을텐데", "으면서", "을지도", "거든요",
    "을까요", "는데요", "으니까요", "죠", "나요", "더라구요", "더라고요",
    "을텐데요", "잖아요", "구요", "고요", "는지요", "던가요", "길래",
    "다니", "단", "거니와", "으리라", "으리라고", "다면서", "는지라",
    "을는지", "을런지", "다는데", "어야지", "어야죠", "나",
    "다든가", "다거나",
};

/* Endings after an auxiliary predicate: the common ones only, which keeps
 * the table small (each auxiliary multiplies everything after it). */
static const char *const after_aux[] = {
    "다", "고", "는", "은", "을", "게", "지", "기", "어", "아", "면", "며",
    "던", "도록", "지만", "는데", "는다", "으면", "으며", "어야", "아야",
    "어서", "아서", "습니다", "어요", "아요", "음", "나", "자", "면서",
    "으면서", "는가", "는지", "기도", "거나", "든지", "다가", "려고",
    "니", "니까", "으니", "으니까", "세요", "으세요",
};

/* Auxiliary predicates after a connective 어/아/게/지/고: 먹어 보다. */
static const char *const aux_verbs[] = {
    "보", "주", "있", "없", "놓", "두", "버리", "내", "지", "싶", "않",
    "못하", "오", "가", "드리", "대", "말", "계시",
};

/* Auxiliary predicates contracted with their ending (먹어 봤다, 만들어진,
 * 나타내 준다). acts_as as for fused_forms below. */
typedef struct aux_fused {
    const char *s;
    char acts_as;
} aux_fused;

static const aux_fused aux_fused_forms[] = {
    {"왔", 'P'}, {"갔", 'P'}, {"났", 'P'}, {"줬", 'P'}, {"봤", 'P'},
    {"졌", 'P'}, {"냈", 'P'}, {"뒀", 'P'}, {"놨", 'P'}, {"버렸", 'P'},
    {"드렸", 'P'}, {"준", 'E'}, {"줄", 'E'}, {"준다", 'E'}, {"본", 'E'},
    {"볼", 'E'}, {"봐", 'C'}, {"진", 'E'}, {"질", 'E'}, {"져", 'C'},
    {"진다", 'E'}, {"낸", 'E'}, {"낼", 'E'}, {"낸다", 'E'}, {"와", 'C'},
    {"온", 'E'}, {"올", 'E'}, {"온다", 'E'}, {"간", 'E'}, {"갈", 'E'},
    {"본다", 'E'}, {"든다", 'E'}, {"난다", 'E'}, {"진다면", 'E'},
    {"간다", 'E'}, {"버린", 'E'}, {"버릴", 'E'}, {"줘", 'C'}, {"둔", 'E'},
    {"놓은", 'E'}, {"드린", 'E'}, {"드릴", 'E'}, {"난", 'E'},
};

/* The honorific 시 contracted with what follows (주셨다, 가신, 하세요);
 * acts_as as for fused_forms. The 으 forms go after a consonant. */
static const aux_fused honorific_forms[] = {
    {"셨", 'P'}, {"셔", 'C'}, {"신", 'E'}, {"실", 'E'}, {"신다", 'E'},
    {"십니다", 'E'}, {"신다면", 'E'}, {"신다니", 'E'}, {"셔서", 'E'},
    {"시더라구요", 'E'}, {"시더라고요", 'E'}, {"시더군요", 'E'},
    {"시는", 'E'}, {"시고", 'E'}, {"시면", 'E'}, {"시며", 'E'}, {"시지", 'E'},
    {"실래요", 'E'}, {"실까요", 'E'}, {"실게요", 'E'},
    {"시게", 'E'}, {"시기", 'E'}, {"시던", 'E'}, {"시다", 'E'},
    {"시구", 'E'}, {"시구요", 'E'}, {"시네요", 'E'},
};

/* ---- predicate-forming suffixes after a noun ---- */

/* Stems of the suffixes; tag says XSV or XSA. 받 and 드리 are not here:
 * in 교육받다, 감사드리다 they are verbs of their own, part of the stem
 * (segment.c scores such stems). Their endings are generated
 * like a verb's; the contracted forms (했, 된, 해) are listed below. */
typedef struct suffix {
    const char *s;
    uint8_t tag;
    int8_t score;
} suffix;

static const suffix suffixes[] = {
    {"하", KG_TAG_XSV, 30}, {"되", KG_TAG_XSV, 26}, {"시키", KG_TAG_XSV, 14},
    {"당하", KG_TAG_XSV, 8}, {"스럽", KG_TAG_XSA, 12},
    {"롭", KG_TAG_XSA, 8},  {"답", KG_TAG_XSA, 6},
};

/* Contracted suffix + ending syllables: one fused part. The second column
 * is what the fused syllable acts as when more endings follow: 'P' past
 * stem (했 + 다), 'E' complete ending (한), 'C' connective 어 (해 + 서/야). */
typedef struct fused {
    const char *s;
    uint8_t tag;
    char acts_as;
    int8_t score;
} fused;

static const fused fused_forms[] = {
    {"했", KG_TAG_XSV, 'P', 28}, {"해", KG_TAG_XSV, 'C', 26},
    {"한", KG_TAG_XSV, 'E', 28}, {"할", KG_TAG_XSV, 'E', 24},
    {"함", KG_TAG_XSV, 'N', 16}, {"합니다", KG_TAG_XSV, 'E', 18},
    {"합니까", KG_TAG_XSV, 'E', 4}, {"합시다", KG_TAG_XSV, 'E', 4},
    {"한다", KG_TAG_XSV, 'E', 24}, {"한다는", KG_TAG_XSV, 'E', 12},
    {"한다고", KG_TAG_XSV, 'E', 12}, {"한다면", KG_TAG_XSV, 'E', 6},
    {"한다며", KG_TAG_XSV, 'E', 6}, {"한데", KG_TAG_XSV, 'E', 4},
    {"한지", KG_TAG_XSV, 'E', 4},  {"할지", KG_TAG_XSV, 'E', 4},
    {"할까", KG_TAG_XSV, 'E', 4},  {"할수록", KG_TAG_XSV, 'E', 4},
    {"할까요", KG_TAG_XSV, 'E', 4}, {"한대요", KG_TAG_XSV, 'E', 2},
    {"한다네요", KG_TAG_XSV, 'E', 2}, {"한데요", KG_TAG_XSV, 'E', 2},
    {"했었", KG_TAG_XSV, 'P', 4},
    /* promises, commands and reported speech: 공부할게, 공부하십시오,
     * 공부해라, 공부한대, 공부했대, 공부한다니 */
    {"할게", KG_TAG_XSV, 'E', 4},  {"할게요", KG_TAG_XSV, 'E', 4},
    {"하십시오", KG_TAG_XSV, 'E', 4}, {"해라", KG_TAG_XSV, 'E', 4},
    {"한대", KG_TAG_XSV, 'E', 2},  {"했대", KG_TAG_XSV, 'E', 2},
    {"한다니", KG_TAG_XSV, 'E', 2},
    {"됐", KG_TAG_XSV, 'P', 22}, {"돼", KG_TAG_XSV, 'C', 18},
    {"된", KG_TAG_XSV, 'E', 24}, {"될", KG_TAG_XSV, 'E', 20},
    {"됨", KG_TAG_XSV, 'N', 10}, {"됩니다", KG_TAG_XSV, 'E', 14},
    {"된다", KG_TAG_XSV, 'E', 20}, {"된다는", KG_TAG_XSV, 'E', 8},
    {"된다고", KG_TAG_XSV, 'E', 8}, {"된다면", KG_TAG_XSV, 'E', 4},
    {"될까", KG_TAG_XSV, 'E', 4},  {"될지", KG_TAG_XSV, 'E', 4},
    {"될수록", KG_TAG_XSV, 'E', 2},
    {"시켰", KG_TAG_XSV, 'P', 10}, {"시켜", KG_TAG_XSV, 'C', 10},
    {"시킨", KG_TAG_XSV, 'E', 10}, {"시킬", KG_TAG_XSV, 'E', 8},
    {"시킨다", KG_TAG_XSV, 'E', 6}, {"시킨다는", KG_TAG_XSV, 'E', 4},
    {"시킨다고", KG_TAG_XSV, 'E', 4},
    /* the passive 당하다 contracted: 목격당한, 해산당했다 */
    {"당한", KG_TAG_XSV, 'E', 8}, {"당할", KG_TAG_XSV, 'E', 4},
    {"당했", KG_TAG_XSV, 'P', 8}, {"당해", KG_TAG_XSV, 'C', 4},
    /* 하 merged into the next ending's consonant (written prose):
     * 의심치 (하지), 등록케 (하게), 조성키로 (하기로), 비유컨대 (하건대);
     * segment.c wants a known noun before them */
    {"치", KG_TAG_XSV, 'E', 4}, {"케", KG_TAG_XSV, 'E', 4},
    {"키", KG_TAG_XSV, 'E', 2}, {"키로", KG_TAG_XSV, 'E', 4},
    {"컨대", KG_TAG_XSV, 'E', 4},
    /* 하 + 어야 + (하)겠: 세척해야겠지요 */
    {"해야겠", KG_TAG_XSV, 'P', 4},
    {"스러운", KG_TAG_XSA, 'E', 10}, {"스러워", KG_TAG_XSA, 'C', 6},
    {"스런", KG_TAG_XSA, 'E', 6}, /* 스러운 contracted: 고통스런 */
    {"로운", KG_TAG_XSA, 'E', 8},
    {"로워", KG_TAG_XSA, 'C', 4},  {"다운", KG_TAG_XSA, 'E', 6},
    /* the ㅂ-irregular 스럽, 롭, 답 before ㄹ and 으-endings (고통스러울,
     * 여성스러우면서); the 움 nouns (자유로움) are nouns of their own */
    {"스러울", KG_TAG_XSA, 'E', 6},
    {"스러우면", KG_TAG_XSA, 'E', 4}, {"스러우며", KG_TAG_XSA, 'E', 4},
    {"스러우면서", KG_TAG_XSA, 'E', 4}, {"스러우니", KG_TAG_XSA, 'E', 2},
    {"스러우면서도", KG_TAG_XSA, 'E', 2},
    {"스러웠", KG_TAG_XSA, 'P', 4},
    /* the 음 nominal of 스럽 (고급스러움을): the treebanks cut before the
     * suffix; 로움 words (자유로움) are often nouns of their own */
    {"스러움", KG_TAG_XSA, 'N', 6},
    {"로울", KG_TAG_XSA, 'E', 4}, {"로우면", KG_TAG_XSA, 'E', 2},
    {"로우며", KG_TAG_XSA, 'E', 2}, {"로웠", KG_TAG_XSA, 'P', 4},
    {"다울", KG_TAG_XSA, 'E', 2}, {"다워", KG_TAG_XSA, 'C', 4},
    /* copula contracted with its ending */
    {"인", KG_TAG_VCP, 'E', 26},  {"일", KG_TAG_VCP, 'E', 16},
    {"임", KG_TAG_VCP, 'N', 10},  {"입니다", KG_TAG_VCP, 'E', 20},
    {"입니까", KG_TAG_VCP, 'E', 4}, {"인데", KG_TAG_VCP, 'E', 12},
    {"인지", KG_TAG_VCP, 'N', 12}, {"인가", KG_TAG_VCP, 'N', 8},
    {"일수록", KG_TAG_VCP, 'E', 4},
    {"일까", KG_TAG_VCP, 'E', 6},  {"인데도", KG_TAG_VCP, 'E', 4},
    {"인데다", KG_TAG_VCP, 'E', 2}, {"인데다가", KG_TAG_VCP, 'E', 4},
    {"인가요", KG_TAG_VCP, 'E', 6}, {"인데요", KG_TAG_VCP, 'E', 6},
    {"임다", KG_TAG_VCP, 'E', 2},
    /* ㄹ지 (whether), ㄹ까요, ㄹ걸, ㄹ텐데, ㄹ테니, ㄹ지라도 on the copula */
    {"일지", KG_TAG_VCP, 'N', 6},  {"일까요", KG_TAG_VCP, 'E', 4},
    {"일걸", KG_TAG_VCP, 'E', 2},  {"일텐데", KG_TAG_VCP, 'E', 2},
    {"일테니", KG_TAG_VCP, 'E', 2}, {"일지라도", KG_TAG_VCP, 'E', 2},
    {"이에요", KG_TAG_VCP, 'E', 6}, {"예요", KG_TAG_VCP, 'E', 6},
    /* 이 + 어서, 어야, 어도 contracted after a vowel: 소파여서, 종교여야 */
    {"여서", KG_TAG_VCP, 'E', 8}, {"여야", KG_TAG_VCP, 'E', 8},
    {"여도", KG_TAG_VCP, 'E', 6},
};

/* Copula endings after 이 (학생이다) or straight after a vowel (친구다). */
static const char *const copula_endings[] = {
    "다", "고", "며", "면", "라", "라고", "라는", "란", "라서", "지만", "기",
    "므로", "니", "나", "든", "든지", "자", "죠", "지", "지요", "냐", "냐고",
    "라면", "라도", "던", "었", "었다", "었던", "었고", "었으며", "었지만",
    "었을", "었습니다", "었는데", "어서", "어야", "었다는", "었다고",
    "다는", "다고", "다며", "다면", "기도", "기에", "기를", "기는", "기에는",
    "네요", "구요", "고요", "죠", "던데", "니까", "시다", "신", "셨다",
    "더라구요", "더라고요", "더군요", "지요", "야", "요", "거나", "거든",
    "거니", "거니와", "면서", "고도", "었다면", "었음을", "었음은", "었죠",
    "었으므로", "었지요", "었듯이", "겠지만", "겠다", "었던", "었던가",
    "었다네", "어야", "든가", "라야", "었으나", "었어요", "었는데", "긴",
    "라며", "라는데", "라기", "라기보다", "라기보다는", "었는데도",
    "리라", "니라", "시고", "시며", "시기도", "셨다", "셨고", "시다",
    "었나", "었던가", "어야만", "에요", "랍니다", "라서인지", "었으면",
    /* honorific and colloquial forms: 사장님이세요, 사장님이시더라구요,
     * 달인이시기도, 어디더라, 보통이구 */
    "세요", "시더라구요", "시더라고요", "시네요", "시기도", "더라", "구",
    /* exclamations and shared knowledge: 사람이라니, 친구잖아요,
     * 학생이군요; 이면서도; the past before 기 and the indirect questions
     * (reported 이래 is left out: 이래 "since" is the common word, 개통
     * 이래) */
    "라니", "잖아", "잖아요", "군요", "구나", "면서도",
    "었기에", "었기", "었을까", "었을지", "었는지",
    /* quoting and listing (딥시크라면서, 모델이라든가, 전문가라던), the
     * plain exclamations (학생이네, 학생이군) and 들 after a quote */
    "라면서", "라면서도", "라든가", "라든지", "라던", "라던가", "라고들",
    "네", "군",
};

/* Copula endings that, written straight after a vowel with no 이, are rare
 * in prose (친구니, 친구지): the same syllable more often ends a noun
 * (콜로니, 메이지, 오로라), so the bare form gets a lower prior. */
static const char *const rare_bare_copula[] = {
    "라", "니", "나", "지", "기", "자", "든", "던", "냐", "죠", "요", "야",
    "긴", "신", "구요", "고요", "거니", "거든", "시다", "라야", "든가",
    "네", "라던",
};

/* Copula endings never written bare after a vowel: 구 (보통이구) would
 * take the last syllable of 송파구, 기구, and 군 that of 반군. */
static int needs_copula_i(const char *s)
{
    return !strcmp(s, "구") || !strcmp(s, "군");
}

static int bare_copula_score(const char *s)
{
    for (size_t i = 0; i < sizeof rare_bare_copula / sizeof *rare_bare_copula; i++)
        if (!strcmp(s, rare_bare_copula[i])) return 8;
    /* the quotative adnominal (오픈소스라는, 진보라는) is far more common
     * than a word in 라 + the topic 는 */
    if (!strcmp(s, "라는")) return 28;
    return 20;
}

/* Particles after a nominal or connective ending (하기를, 했음을, 해서는). */
static const char *const particles_after_connective[] = {
    "는", "도", "만", "요", "야",
};

static const char *const particles_after_ending[] = {
    "를", "을", "는", "은", "도", "만", "가", "이", "에", "의", "에도",
    /* (the eleven above are the common ones, which also follow the past:
     * 갔음에도) */
    "로", "으로", "요", "까지", "부터", "에는", "에서", "조차", "으로써", "으로서",
    "과", "와", "으로는", "이다", "이라",
};

/* ---- generator state ---- */

#define COMMON_AFTER_ENDING 11 /* the first of particles_after_ending */

#define COUNT(a) (sizeof (a) / sizeof *(a))

static int on_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i])) return 1;
    return 0;
}

/* The lists that restrict which endings may follow, as bits. */
enum { ONLY_PAST = 1, ONLY_AUX = 2, ONLY_AUX_COMMON = 4 };
#define AUX_COMMON 6 /* after a pre-final ending past an auxiliary: the
                        first few of after_aux */

typedef struct builder {
    kg_tails *tails;
    char buf[64];
    size_t len;
    kg_tail cur;
    int rc;
    /* The rules name morphemes by string; they are matched up once here,
     * not at every step of the generation. */
    uint8_t only[COUNT(endings)];        /* ONLY_* bits of each ending */
    const char *const *aux_list[COUNT(endings)]; /* auxiliaries after it */
    int16_t past_ending[COUNT(after_past)]; /* its endings[] index or -1 */
    uint8_t takes_case[COUNT(aux_particles)];
    uint8_t cond_after_ending[COUNT(particles_after_ending)];
    uint8_t cond_after_connective[COUNT(particles_after_connective)];
} builder;

/* Last syllable of the builder's buffer (0 if none). */
static uint32_t last_syllable(const char *s, size_t len)
{
    if (len < 3) return 0;
    size_t l;
    uint32_t cp = kg_decode((const unsigned char *)s + len - 3, &l);
    return kg_is_syllable(cp) ? cp : 0;
}

static int push(builder *b, const char *s, uint8_t tag, int score,
                int first_cond)
{
    size_t n = strlen(s);
    if (b->len + n >= sizeof b->buf || b->cur.n_parts >= KG_TAIL_MAX_PARTS)
        return 0;
    if (b->len == 0) {
        b->cur.cond = (uint8_t)first_cond;
    } else {
        if (!kg_cond_holds(first_cond, last_syllable(b->buf, b->len))) return 0;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->cur.part_len[b->cur.n_parts] = (uint8_t)n;
    b->cur.part_tag[b->cur.n_parts] = tag;
    b->cur.n_parts++;
    b->cur.score = (int16_t)(b->cur.score + score - PIECE_COST);
    return 1;
}

/* Glues s onto the last part (fused syllables make one part). */
static int glue(builder *b, const char *s, int score, int cond)
{
    size_t n = strlen(s);
    if (b->len + n >= sizeof b->buf || b->cur.n_parts == 0) return 0;
    if (!kg_cond_holds(cond, last_syllable(b->buf, b->len))) return 0;
    if (b->cur.part_len[b->cur.n_parts - 1] + n > 255) return 0;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->cur.part_len[b->cur.n_parts - 1] += (uint8_t)n;
    b->cur.score = (int16_t)(b->cur.score + score / 2);
    return 1;
}

typedef struct mark {
    size_t len;
    kg_tail cur;
} mark;

static mark save(const builder *b) { return (mark){b->len, b->cur}; }
static void restore(builder *b, mark m) { b->len = m.len; b->cur = m.cur; }

static void emit(builder *b)
{
    kg_tails *t = b->tails;
    if (b->rc) return;
    size_t syl = 0;
    for (size_t i = 0; i < b->len; i++)
        if (((unsigned char)b->buf[i] & 0xC0) != 0x80) syl++;
    if (syl > KG_TAIL_MAX_SYLLABLES) return;
    /* the stored analysis: the builder's, plus a bonus per syllable, since
     * a longer closed-class tail explains more of the word */
    kg_tail tail = b->cur;
    tail.syllables = (uint8_t)syl;
    tail.score = (int16_t)(tail.score + TAIL_SYLLABLE_BONUS * (int)syl);
    int is_new;
    kg_strset_entry *e = kg_strset_upsert(&t->index, b->buf, b->len, &is_new);
    if (!e) { b->rc = KG_ERR_NOMEM; return; }
    /* keep one analysis per (surface, host, cond): the best scored */
    if (!is_new) {
        for (uint32_t k = e->value; k; k = t->items[k - 1].next) {
            kg_tail *it = &t->items[k - 1];
            if (it->host == tail.host && it->cond == tail.cond) {
                if (tail.score > it->score) {
                    tail.next = it->next;
                    *it = tail;
                }
                return;
            }
        }
    }
    if (KG_GROW(t->items, t->cap_items, t->n_items + 1, 1024)) {
        b->rc = KG_ERR_NOMEM;
        return;
    }
    size_t l;
    uint32_t first = kg_decode((const unsigned char *)b->buf, &l);
    if (kg_is_syllable(first)) {
        uint32_t k = first - KG_HANGUL_FIRST;
        t->starts[k >> 3] |= (uint8_t)(1u << (k & 7));
    }
    int32_t head = kg_tails_head_slot(b->buf, b->len);
    if (head >= 0) t->heads[head >> 6] |= 1ull << (head & 63);
    tail.next = is_new ? 0 : e->value;
    t->items[t->n_items++] = tail;
    e->value = (uint32_t)t->n_items;
}

/* ---- composition rules ---- */

/* The condition of a particle after an ending: allomorph pairs pick by
 * the previous syllable. */
static uint8_t particle_cond(const char *s)
{
    if (!strcmp(s, "를") || !strcmp(s, "는") || !strcmp(s, "가") ||
        !strcmp(s, "로"))
        return strcmp(s, "로") ? KG_COND_VOWEL : KG_COND_VOWEL_L;
    if (!strcmp(s, "을") || !strcmp(s, "은") || !strcmp(s, "이"))
        return KG_COND_CONS;
    if (!strcmp(s, "으로")) return KG_COND_CONS_NOT_L;
    return KG_COND_ANY;
}

static void particles_after(builder *b, const char *const *list,
                            const uint8_t *conds, size_t n, int score)
{
    for (size_t i = 0; i < n; i++) {
        mark m = save(b);
        if (push(b, list[i], KG_TAG_J, score, conds[i])) emit(b);
        restore(b, m);
    }
}

/* Case particles only, as the tail of a particle chain. */
static void add_case_after(builder *b)
{
    for (size_t i = 0; i < sizeof case_particles / sizeof *case_particles; i++) {
        const piece *p = &case_particles[i];
        if (p->score < 10) continue;
        mark m = save(b);
        if (push(b, p->s, KG_TAG_J, p->score, p->cond)) emit(b);
        restore(b, m);
    }
}

/* 도 or the topic 은/는 closing a chain of particles (만으로도,
 * 에까지도, 에서조차도, 만으로서는). */
static void add_also_or_topic(builder *b)
{
    static const piece closing[] = {
        {"도", KG_COND_ANY, 4}, {"는", KG_COND_VOWEL, 4}, {"은", KG_COND_CONS, 4},
    };
    for (size_t i = 0; i < sizeof closing / sizeof *closing; i++) {
        mark m = save(b);
        if (push(b, closing[i].s, KG_TAG_J, closing[i].score, closing[i].cond)) emit(b);
        restore(b, m);
    }
}

/* The copula after an auxiliary particle: 2년+만이다, 여기까지였다,
 * 너뿐인. The common forms only. */
static void add_copula_after(builder *b)
{
    static const char *const plain[] = {"다", "고", "며", "라", "라는", "라고",
                                        "라도", "었다", "지만", "기"};
    static const char *const fused_copula[] = {"인", "일", "입니다", "인데",
                                               "인지", "임", "였다", "였던"};
    for (size_t i = 0; i < COUNT(plain); i++) {
        mark m = save(b);
        if (push(b, "이", KG_TAG_VCP, 8, KG_COND_ANY) &&
            push(b, plain[i], KG_TAG_E, 12, KG_COND_ANY))
            emit(b);
        restore(b, m);
    }
    for (size_t i = 0; i < COUNT(fused_copula); i++) {
        mark m = save(b);
        if (push(b, fused_copula[i], KG_TAG_VCP, 10, KG_COND_ANY)) emit(b);
        restore(b, m);
    }
}

static void add_aux_after(builder *b, int allow_case)
{
    for (size_t i = 0; i < sizeof aux_particles / sizeof *aux_particles; i++) {
        const piece *p = &aux_particles[i];
        mark m = save(b);
        if (push(b, p->s, KG_TAG_J, p->score, p->cond)) {
            emit(b);
            /* the polite 요 of speech after the common ones: 모델은요,
             * 에서도요 */
            if (p->score >= 20) {
                mark m2 = save(b);
                if (push(b, "요", KG_TAG_J, 6, KG_COND_ANY)) emit(b);
                restore(b, m2);
            }
            /* 에까지도, 에서조차도 */
            if (!allow_case && b->takes_case[i] && b->cur.n_parts == 2)
                add_also_or_topic(b);
            if (allow_case && b->takes_case[i]) {
                add_case_after(b);
                add_copula_after(b);
                for (size_t a = 0; a < sizeof adv_particles / sizeof *adv_particles; a++) {
                    const piece *q = &adv_particles[a];
                    if (q->score < 12) continue;
                    mark m2 = save(b);
                    if (push(b, q->s, KG_TAG_J, q->score, q->cond)) {
                        emit(b);
                        add_also_or_topic(b); /* 만으로도 */
                    }
                    restore(b, m2);
                }
                add_aux_after(b, 0);
            }
        }
        restore(b, m);
    }
}

/* Endings (with optional particles or an auxiliary predicate after them)
 * following whatever the builder holds. */
static void add_endings(builder *b, int depth);
static void add_aux_chain(builder *b, int depth);
static void continue_fused(builder *b, char acts_as, int depth);

/* The auxiliaries that follow 고 (먹고 싶다, 하고 있다), 지 (가지 않다)
 * and 게 (하게 되다), written together in informal text. */
static const char *const aux_after_go[] = {"싶", "있", "말", "계시", NULL};
static const char *const aux_after_ji[] = {"않", "못하", "말", NULL};
static const char *const aux_after_ge[] = {"되", "하", "만들", NULL};

static void add_aux_list(builder *b, const char *const *list)
{
    for (; *list; list++) {
        mark m = save(b);
        if (push(b, *list, KG_TAG_V, -4, KG_COND_ANY)) add_endings(b, 1);
        restore(b, m);
    }
}

/* only: 0 for every ending, else the ONLY_* list they must be on. */
static void add_final_endings(builder *b, int depth, unsigned only)
{
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        const ending *en = &endings[i];
        if (only && !(b->only[i] & only)) continue;
        mark m = save(b);
        if (!push(b, en->s, KG_TAG_E, en->score, en->cond)) { restore(b, m); continue; }
        emit(b);
        if ((en->follow & F_NOMINAL) && depth == 0)
            particles_after(b, particles_after_ending, b->cond_after_ending,
                            COUNT(particles_after_ending), 8);
        /* after the past, the common ones only: 먹었는지를, 갔음에도 */
        if ((en->follow & F_NOMINAL) && only == ONLY_PAST)
            particles_after(b, particles_after_ending, b->cond_after_ending,
                            COMMON_AFTER_ENDING, 8);
        if (en->follow & F_PARTICLE)
            particles_after(b, particles_after_connective, b->cond_after_connective,
                            COUNT(particles_after_connective), 8);
        if ((en->follow & F_AUX) && depth < 1) add_aux_chain(b, depth + 1);
        if (b->aux_list[i] && depth == 0) add_aux_list(b, b->aux_list[i]);
        restore(b, m);
    }
}

/* depth 0: right after a stem or suffix; depth > 0: after an auxiliary. */
static void add_endings(builder *b, int depth)
{
    if (depth == 0)
        add_final_endings(b, depth, 0);
    else
        add_final_endings(b, depth, ONLY_AUX);
    if (depth == 0)
        for (size_t i = 0; i < sizeof honorific_forms / sizeof *honorific_forms; i++) {
            const aux_fused *h = &honorific_forms[i];
            for (int eu = 0; eu < 2; eu++) {
                /* 주셨다 after a vowel or ㄹ, 읽으셨다 after a consonant */
                char form[32];
                snprintf(form, sizeof form, "%s%s", eu ? "으" : "", h->s);
                mark m = save(b);
                if (push(b, form, KG_TAG_E, 10,
                         eu ? KG_COND_CONS_NOT_L : KG_COND_VOWEL_L)) {
                    emit(b);
                    if (h->acts_as != 'E') continue_fused(b, h->acts_as, 1);
                }
                restore(b, m);
            }
        }
    for (size_t i = 0; i < sizeof prefinal / sizeof *prefinal; i++) {
        const piece *p = &prefinal[i];
        if (depth > 0 && p->score < 14) continue;
        mark m = save(b);
        if (push(b, p->s, KG_TAG_E, p->score, p->cond)) {
            /* 시 + 었 → 셨 is contracted and not generated */
            if (depth == 0)
                add_final_endings(b, depth + 1, ONLY_PAST);
            else
                add_final_endings(b, depth + 1, ONLY_AUX_COMMON);
        }
        restore(b, m);
    }
}

/* What may follow a contracted syllable (했, 해, 한, 함, 왔, 봐 ...), which
 * the builder already holds as its last part. The endings glue onto that
 * part: the surface does not separate them. */
static void continue_fused(builder *b, char acts_as, int depth)
{
    if (acts_as == 'P') {
        for (size_t k = 0; k < sizeof after_past / sizeof *after_past; k++) {
            int e = b->past_ending[k];
            mark m = save(b);
            if (e >= 0 && glue(b, after_past[k], endings[e].score, KG_COND_ANY)) {
                emit(b);
                /* 했음을, 했는지를 */
                if (endings[e].follow & F_NOMINAL)
                    particles_after(b, particles_after_ending, b->cond_after_ending,
                                    COMMON_AFTER_ENDING, 8);
            }
            restore(b, m);
        }
    } else if (acts_as == 'C') {
        static const char *const after_c[] = {"서", "도", "야", "요", "야만",
                                              "서는", "서도", "야지", "야죠"};
        for (size_t k = 0; k < sizeof after_c / sizeof *after_c; k++) {
            mark m = save(b);
            if (glue(b, after_c[k], 14, KG_COND_ANY)) emit(b);
            restore(b, m);
        }
        /* 해 보다, 해 주다 ... */
        if (depth < 1) add_aux_chain(b, depth + 1);
    } else if (acts_as == 'N') {
        /* 함/됨/임 + particle is common in formal prose: 증가함에 */
        particles_after(b, particles_after_ending, b->cond_after_ending,
                        COUNT(particles_after_ending), 16);
    }
}

/* An auxiliary predicate after a connective ending, plain (먹어 보다) or
 * contracted (먹어 봤다). */
static void add_aux_chain(builder *b, int depth)
{
    for (size_t a = 0; a < sizeof aux_verbs / sizeof *aux_verbs; a++) {
        mark m = save(b);
        if (push(b, aux_verbs[a], KG_TAG_V, 4, KG_COND_ANY))
            add_endings(b, depth);
        restore(b, m);
    }
    for (size_t a = 0; a < sizeof aux_fused_forms / sizeof *aux_fused_forms; a++) {
        mark m = save(b);
        if (push(b, aux_fused_forms[a].s, KG_TAG_V, 6, KG_COND_ANY)) {
            emit(b);
            continue_fused(b, aux_fused_forms[a].acts_as, depth);
        }
        restore(b, m);
    }
}

/* A comparison after 에서, 에게 ..., alone or closed by 도 or the topic
 * (에서보다는, 에게처럼도). */
static void add_comparison_after(builder *b)
{
    for (size_t i = 0; i < COUNT(comparison_particles); i++) {
        const piece *q = &comparison_particles[i];
        mark m = save(b);
        if (push(b, q->s, KG_TAG_J, q->score, q->cond)) {
            emit(b);
            add_also_or_topic(b);
        }
        restore(b, m);
    }
}

/* Copula forms that contract 이 with the ending: only after a vowel. */
static int after_vowel_only(const char *s)
{
    return !strcmp(s, "예요") || !strcmp(s, "여서") || !strcmp(s, "여야") ||
           !strcmp(s, "여도");
}

static void gen_noun_tails(builder *b)
{
    b->cur = (kg_tail){0};
    b->len = 0;
    b->cur.host = KG_HOST_NOUN;
    /* case particles */
    for (size_t i = 0; i < sizeof case_particles / sizeof *case_particles; i++) {
        mark m = save(b);
        if (push(b, case_particles[i].s, KG_TAG_J, case_particles[i].score,
                 case_particles[i].cond))
            emit(b);
        restore(b, m);
    }
    /* adverbial particles, then optionally an auxiliary one or 의 */
    for (size_t i = 0; i < sizeof adv_particles / sizeof *adv_particles; i++) {
        const piece *p = &adv_particles[i];
        mark m = save(b);
        if (push(b, p->s, KG_TAG_J, p->score, p->cond)) {
            emit(b);
            add_aux_after(b, 0);
            mark m2 = save(b);
            if (push(b, "의", KG_TAG_J, 14, KG_COND_ANY)) emit(b);
            restore(b, m2);
            if (on_list(p->s, takes_comparison, COUNT(takes_comparison)))
                add_comparison_after(b);
        }
        restore(b, m);
    }
    add_aux_after(b, 1);

    /* copula: 이 + ending after a consonant, bare ending after a vowel */
    for (size_t i = 0; i < sizeof copula_endings / sizeof *copula_endings; i++) {
        mark m = save(b);
        if (push(b, "이", KG_TAG_VCP, 20, KG_COND_CONS) &&
            push(b, copula_endings[i], KG_TAG_E, 18, KG_COND_ANY))
            emit(b);
        restore(b, m);
        /* the bare form: the copula has no surface, the ending is the part */
        if (!needs_copula_i(copula_endings[i]) &&
            push(b, copula_endings[i], KG_TAG_VCP,
                 bare_copula_score(copula_endings[i]), KG_COND_VOWEL))
            emit(b);
        restore(b, m);
    }
    /* the full copula after a vowel is formal but common: 행위이다 */
    for (size_t i = 0; i < sizeof copula_endings / sizeof *copula_endings; i++) {
        mark m = save(b);
        if (push(b, "이", KG_TAG_VCP, 12, KG_COND_VOWEL) &&
            push(b, copula_endings[i], KG_TAG_E, 18, KG_COND_ANY))
            emit(b);
        restore(b, m);
    }
    /* 였 = 이+었 after a vowel: 친구였다 */
    {
        mark m = save(b);
        if (push(b, "였", KG_TAG_VCP, 16, KG_COND_VOWEL)) {
            add_final_endings(b, 1, ONLY_PAST);
        }
        restore(b, m);
    }

    /* predicate-forming suffixes, each followed by its endings */
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        mark m = save(b);
        if (push(b, suffixes[i].s, suffixes[i].tag, suffixes[i].score, KG_COND_ANY)) {
            add_endings(b, 0);
        }
        restore(b, m);
    }
    /* contracted suffix/copula forms */
    for (size_t i = 0; i < sizeof fused_forms / sizeof *fused_forms; i++) {
        const fused *f = &fused_forms[i];
        mark m = save(b);
        int cond = f->tag == KG_TAG_VCP && after_vowel_only(f->s) ? KG_COND_VOWEL
                                                                   : KG_COND_ANY;
        if (!push(b, f->s, f->tag, f->score, cond)) { restore(b, m); continue; }
        emit(b);
        continue_fused(b, f->acts_as, 0);
        restore(b, m);
    }
}

/* Auxiliaries straight after a stem in an open ㅏ/ㅓ syllable, whose 아/어
 * merged into it (가 보니, 사 줘, 서 버렸다): the auxiliary then carries
 * the connective, so it is the first tail part and tagged E. Only the
 * auxiliaries that rarely make a compound verb of their own. */
static const char *const zero_aux[] = {"보", "주", "버리", "놓", "두", "드리"};
static const char *const zero_aux_fused[] = {
    "봐", "봤", "본", "볼", "본다", "줘", "줬", "준", "줄", "준다", "버렸",
    "버린", "버릴", "놨", "뒀", "둔", "드렸", "드린", "드릴",
    /* 지다 and 나다 contracted: 싸졌다, 비싸진, 자라났고 */
    "졌", "진", "질", "져", "진다", "났", "난",
};

static void gen_verb_tails(builder *b)
{
    b->cur = (kg_tail){0};
    b->len = 0;
    b->cur.host = KG_HOST_VERB;
    add_endings(b, 0);
    for (size_t a = 0; a < COUNT(zero_aux); a++) {
        mark m = save(b);
        if (push(b, zero_aux[a], KG_TAG_E, 0, KG_COND_VOWEL_A))
            add_final_endings(b, 1, ONLY_AUX);
        restore(b, m);
    }
    for (size_t a = 0; a < COUNT(zero_aux_fused); a++) {
        const char *f = zero_aux_fused[a];
        char acts_as = 'E';
        for (size_t k = 0; k < COUNT(aux_fused_forms); k++)
            if (!strcmp(aux_fused_forms[k].s, f)) acts_as = aux_fused_forms[k].acts_as;
        mark m = save(b);
        if (push(b, f, KG_TAG_E, 2, KG_COND_VOWEL_A)) {
            emit(b);
            continue_fused(b, acts_as, 1);
        }
        restore(b, m);
    }
}

#define TAILS_EXPECTED 92000

static void resolve_names(builder *b)
{
    for (size_t i = 0; i < COUNT(endings); i++) {
        const char *s = endings[i].s;
        b->only[i] = (uint8_t)((on_list(s, after_past, COUNT(after_past)) ? ONLY_PAST : 0) |
                               (on_list(s, after_aux, COUNT(after_aux)) ? ONLY_AUX : 0) |
                               (on_list(s, after_aux, AUX_COMMON) ? ONLY_AUX_COMMON : 0));
    }
    for (size_t i = 0; i < COUNT(endings); i++)
        b->aux_list[i] = !strcmp(endings[i].s, "고") ? aux_after_go
                         : !strcmp(endings[i].s, "지") ? aux_after_ji
                         : !strcmp(endings[i].s, "게") ? aux_after_ge : NULL;
    for (size_t k = 0; k < COUNT(after_past); k++) {
        b->past_ending[k] = -1;
        for (size_t e = 0; e < COUNT(endings) && b->past_ending[k] < 0; e++)
            if (!strcmp(endings[e].s, after_past[k])) b->past_ending[k] = (int16_t)e;
    }
    for (size_t i = 0; i < COUNT(aux_particles); i++)
        b->takes_case[i] = (uint8_t)on_list(aux_particles[i].s, aux_takes_case,
                                            COUNT(aux_takes_case));
    for (size_t i = 0; i < COUNT(particles_after_ending); i++)
        b->cond_after_ending[i] = particle_cond(particles_after_ending[i]);
    for (size_t i = 0; i < COUNT(particles_after_connective); i++)
        b->cond_after_connective[i] = particle_cond(particles_after_connective[i]);
}

int kg_tails_build(kg_tails *tails)
{
    memset(tails, 0, sizeof *tails);
    kg_strset_init(&tails->index);
    builder b = {.tails = tails};
    resolve_names(&b);
    /* about 89k surfaces of 17 bytes: growing to that size step by step
     * costs more than the generation */
    if (kg_strset_reserve(&tails->index, TAILS_EXPECTED, TAILS_EXPECTED * 18) ||
        KG_GROW(tails->items, tails->cap_items, TAILS_EXPECTED, 1024)) {
        kg_tails_free(tails);
        return KG_ERR_NOMEM;
    }
    gen_noun_tails(&b);
    gen_verb_tails(&b);
    if (b.rc) { kg_tails_free(tails); return b.rc; }
    return KG_OK;
}

void kg_tails_free(kg_tails *tails)
{
    kg_strset_clear(&tails->index);
    free(tails->items);
    memset(tails, 0, sizeof *tails);
}

/* The inventory over the image's arrays, which are never written or
 * freed (kg_tails's pointers are not const for the ones it builds). */
static void from_image(kg_tails *t, const kg_tails_image *im)
{
    memset(t, 0, sizeof *t);
    t->index.slots = (uint32_t *)im->slots;
    t->index.n_slots = im->n_slots;
    t->index.entries = (kg_strset_entry *)im->entries;
    t->index.n_entries = t->index.cap_entries = im->n_entries;
    t->index.pool = (char *)im->pool;
    t->index.pool_len = t->index.pool_cap = im->pool_len;
    t->items = (kg_tail *)im->items;
    t->n_items = t->cap_items = im->n_items;
    memcpy(t->starts, im->starts, sizeof t->starts);
    memcpy(t->heads, im->heads, sizeof t->heads);
}

static int build_tails(void *t)
{
    if (kg_tail_inventory_image.n_entries) {
        from_image(t, &kg_tail_inventory_image);
        return KG_OK;
    }
    return kg_tails_build(t);
}

/* Only a lost race releases; a copy over the image owns none of its
 * arrays. */
static void release_tails(void *t)
{
    if (!kg_tail_inventory_image.n_entries) kg_tails_free(t);
}

const kg_tails *kg_tails_shared(void)
{
    static void *_Atomic shared;
    return kg_shared_build(&shared, sizeof(kg_tails), build_tails, release_tails);
}

const kg_tail *kg_tails_lookup(const kg_tails *tails, const char *s, size_t len)
{
    if (!kg_tails_may_head(tails, s, len)) return NULL;
    const kg_strset_entry *e = kg_strset_find(&tails->index, s, len);
    return e ? &tails->items[e->value - 1] : NULL;
}
