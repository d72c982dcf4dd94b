/* Writes the tail inventory (tails.c) as C arrays, a kg_tails_image the
 * library links so that no process generates it again (about 12 ms and
 * 6 MB of heap each):
 *
 *   dump_tails OUT.c
 *
 * Linked with tools/tails_stub.c instead of the image (and with the few
 * objects tails.c needs), so that it generates the inventory at run
 * time. */
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"
#include "image_out.h"

static void put_entries(FILE *f, const kg_strset *set)
{
    fprintf(f, "static const kg_strset_entry entries[%zu] = {", set->n_entries);
    for (size_t i = 0; i < set->n_entries; i++) {
        const kg_strset_entry *e = &set->entries[i];
        fprintf(f, "%s{%u,%u,0x%x,%u},", i % 6 ? "" : "\n", (unsigned)e->key_off,
                (unsigned)e->key_len, (unsigned)e->hash, (unsigned)e->value);
    }
    fprintf(f, "\n};\n");
}

/* The keys as one string literal, a line per key: every line then holds
 * whole UTF-8 characters, and only NUL and what C escapes is escaped
 * (octal with three digits, so a digit after it stays a digit). */
static void put_pool(FILE *f, const kg_strset *set)
{
    fprintf(f, "static const char pool[%zu] =", set->pool_len + 1);
    int open = 0;
    for (size_t i = 0; i < set->pool_len; i++) {
        unsigned char b = (unsigned char)set->pool[i];
        if (!open) fputs("\n\"", f);
        open = 1;
        if (b < 0x20 || b == '"' || b == '\\' || b == '?') fprintf(f, "\\%03o", b);
        else fputc(b, f);
        if (b == 0) {
            fputc('"', f);
            open = 0;
        }
    }
    if (open) fputc('"', f);
    fprintf(f, ";\n");
}

static void put_items(FILE *f, const kg_tails *t)
{
    fprintf(f, "static const kg_tail items[%zu] = {", t->n_items);
    for (size_t i = 0; i < t->n_items; i++) {
        const kg_tail *x = &t->items[i];
        fprintf(f, "\n{%u,%u,%u,%u,%d,{", x->cond, x->host, x->n_parts, x->syllables, x->score);
        for (unsigned k = 0; k < x->n_parts; k++) fprintf(f, "%s%u", k ? "," : "", x->part_len[k]);
        fputs("},{", f);
        for (unsigned k = 0; k < x->n_parts; k++) fprintf(f, "%s%u", k ? "," : "", x->part_tag[k]);
        fprintf(f, "},%u},", (unsigned)x->next);
    }
    fprintf(f, "\n};\n");
}

static void put_starts(FILE *f, const kg_tails *t)
{
    fprintf(f, "static const uint8_t starts[%zu] = {", sizeof t->starts);
    for (size_t i = 0; i < sizeof t->starts; i++)
        fprintf(f, "%s%u,", i % 24 ? "" : "\n", t->starts[i]);
    fprintf(f, "\n};\n");
}

static void put_heads(FILE *f, const kg_tails *t)
{
    size_t n = sizeof t->heads / sizeof *t->heads;
    fprintf(f, "static const uint64_t heads[%zu] = {", n);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s0x%llxu,", i % 6 ? "" : "\n", (unsigned long long)t->heads[i]);
    fprintf(f, "\n};\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: dump_tails OUT.c\n");
        return 2;
    }
    kg_tails t;
    if (kg_tails_build(&t) != KG_OK) {
        fprintf(stderr, "dump_tails: cannot build the tail inventory\n");
        return 1;
    }
    FILE *f = image_open(argv[1], "tools/dump_tails.c", "internal.h");
    if (!f) return 1;
    image_put_u32s(f, "slots", t.index.slots, t.index.n_slots);
    put_entries(f, &t.index);
    put_pool(f, &t.index);
    put_items(f, &t);
    put_starts(f, &t);
    put_heads(f, &t);
    fprintf(f, "\nconst kg_tails_image kg_tail_inventory_image = {\n"
               "    slots, %zu, entries, %zu, pool, %zu, items, %zu, starts, heads,\n};\n",
            t.index.n_slots, t.index.n_entries, t.index.pool_len, t.n_items);
    kg_tails_free(&t);
    return image_close(f, argv[1]);
}
