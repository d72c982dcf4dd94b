/* Writes the noun tails' automaton (noun_tails.c) as C arrays, a
 * kg_dat_image the library links so that no process builds it again:
 *
 *   dump_noun_tails OUT.c
 *
 * Linked with tools/noun_tails_stub.c instead of the image it writes. An
 * automaton whose bases are not packed in its units gets an empty image
 * (the library then builds it at run time). */
#include <stdio.h>
#include <stdlib.h>
#include "glossary.h"
#include "image_out.h"

static void put_u16s(FILE *f, const char *name, const uint16_t *a, size_t n)
{
    fprintf(f, "static const uint16_t %s[%zu] = {", name, n ? n : 1);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s%u,", i % 16 ? "" : "\n", (unsigned)a[i]);
    fprintf(f, "%s};\n", n ? "\n" : "0");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: dump_noun_tails OUT.c\n");
        return 2;
    }
    const kg_tails *tails = kg_tails_shared();
    kg_dat d;
    if (!tails || kg_noun_tails_build(&d, tails) != KG_OK) {
        fprintf(stderr, "dump_noun_tails: cannot build the automaton\n");
        return 1;
    }
    FILE *f = image_open(argv[1], "tools/dump_noun_tails.c", "glossary.h");
    if (!f) return 1;
    if (d.bases != d.units) {
        fprintf(f, "const kg_dat_image kg_noun_tails_image = {0};\n");
    } else {
        image_put_u32s(f, "units", d.units, d.n_slots);
        image_put_u32s(f, "values", d.values, d.n_slots);
        put_u16s(f, "pages", d.pages, KG_DAT_N_PAGES);
        put_u16s(f, "blocks", d.blocks, d.n_blocks << 8);
        fprintf(f, "\nconst kg_dat_image kg_noun_tails_image = {\n"
                   "    units, values, pages, blocks, %zu, %zu, %u, %u, %u,\n};\n",
                d.n_slots, d.n_blocks, (unsigned)d.base_shift, (unsigned)d.label_mask,
                (unsigned)d.n_codes);
    }
    kg_dat_free(&d);
    return image_close(f, argv[1]);
}
