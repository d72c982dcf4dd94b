/*
 * Optional lexicon: the word list of Debian's hunspell-ko (ko.dic).
 * Its lines are "word/flag". The flags used here were read off the file:
 * 10 and 25 mark nouns, 44/49/57 predicates in their 다 form, 67 adverbs.
 * Unknown flags are skipped rather than guessed.
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
    /* the first line is the entry count */
    if (!fgets(line, sizeof line, f)) { fclose(f); return KG_ERR_PARSE; }
    while (fgets(line, sizeof line, f)) {
        char *slash = strchr(line, '/');
        if (!slash) continue;
        uint32_t bits = bits_for_flag(strtol(slash + 1, NULL, 10));
        size_t n = (size_t)(slash - line);
        if (!bits || !n) continue;
        if (bits == KG_LEX_VERB) {
            /* "먹다" -> stem "먹": drop the final 다 (3 bytes) */
            if (n <= 3 || memcmp(line + n - 3, "다", 3) != 0) continue;
            n -= 3;
        }
        if (kg_utf8_check(line, n, 1, NULL) != KG_OK) continue;
        rc = kg_lexicon_add(lex, line, n, bits);
        if (rc) break;
        added++;
    }
    if (ferror(f)) rc = KG_ERR_IO;
    fclose(f);
    return rc ? rc : added;
}
