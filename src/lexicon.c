/* The stem lexicon: built-in word lists plus user and glossary words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int kg_lexicon_add(kg_strset *lex, const char *word, size_t len, uint32_t bits)
{
    int is_new;
    kg_strset_entry *e = kg_strset_upsert(lex, word, len, &is_new);
    if (!e) return KG_ERR_NOMEM;
    e->value |= bits;
    return KG_OK;
}

/* Adds every line of a newline-separated list; '#' starts a comment line. */
static int add_lines(kg_strset *lex, const char *words, uint32_t bits)
{
    const char *p = words;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && p[0] != '#') {
            int rc = kg_lexicon_add(lex, p, n, bits);
            if (rc) return rc;
        }
        p += n + (nl ? 1 : 0);
    }
    return KG_OK;
}

int kg_lexicon_load_builtin(kg_strset *lex)
{
    for (size_t i = 0; i < kg_builtin_wordlist_count; i++) {
        int rc = add_lines(lex, kg_builtin_wordlists[i].words,
                           kg_builtin_wordlists[i].bits);
        if (rc) return rc;
    }
    return KG_OK;
}
