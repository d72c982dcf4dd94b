/*
 * Optional lexicon: the word list of Debian's hunspell-ko (ko.dic).
 * Its lines are "word/flag". The flags used here were read off the file:
 * 10 and 25 mark nouns, 44/49/57 predicates in their 다 form, 67 adverbs.
 * Unknown flags are skipped rather than guessed. The file stores Hangul as
 * conjoining jamo (NFD), so each word is composed to NFC on the way in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static uint32_t bits_for_flag(long flag)
{
    switch (flag) {
    case 10: case 25: return KG_LEX_NOUN;
    case 44: case 49: case 57: return KG_LEX_VERB;
    case 67: return KG_LEX_ADVERB;
    default: return 0;
    }
}

int kg_lexicon_load_hunspell(kg_strset *lex, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return KG_ERR_IO;
    char line[512];
    int added = 0, rc = KG_OK;
    kg_norm *norm = kg_norm_new();
    if (!norm) { fclose(f); return KG_ERR_NOMEM; }
    /* the first line is the entry count */
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        kg_norm_free(norm);
        return KG_ERR_PARSE;
    }
    while (fgets(line, sizeof line, f)) {
        char *slash = strchr(line, '/');
        if (!slash) continue;
        uint32_t bits = bits_for_flag(strtol(slash + 1, NULL, 10));
        size_t n = (size_t)(slash - line);
        if (!bits || !n) continue;
        if (kg_normalize(norm, KG_NFC, line, n) != KG_OK) continue;
        size_t word_len;
        const char *word = kg_norm_text(norm, &word_len);
        if (bits == KG_LEX_VERB) {
            /* "먹다" -> stem "먹": drop the final 다 (3 bytes in NFC) */
            if (word_len <= 3 || memcmp(word + word_len - 3, "다", 3) != 0) continue;
            word_len -= 3;
            /* 개발하다, 연결되다: noun + suffix, which the tail grammar
             * already handles; as verb stems they would hide the noun */
            if (word_len > 3 && (memcmp(word + word_len - 3, "하", 3) == 0 ||
                                 memcmp(word + word_len - 3, "되", 3) == 0))
                continue;
        }
        rc = kg_lexicon_add(lex, word, word_len, bits);
        if (rc) break;
        added++;
    }
    if (ferror(f)) rc = KG_ERR_IO;
    fclose(f);
    kg_norm_free(norm);
    return rc ? rc : added;
}
