/* Reading a whole file into memory (glossaries, rule files). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int kg_read_file(const char *path, char **data, size_t *len, const char **why)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return KG_ERR_IO;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = KG_OK;
    for (;;) {
        /* one spare byte for the terminating NUL */
        if (KG_GROW(buf, cap, n + 65536 + 1, 65536)) { rc = KG_ERR_NOMEM; break; }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) rc = KG_ERR_IO;
            break;
        }
    }
    fclose(f);
    if (rc) {
        free(buf);
        *why = rc == KG_ERR_IO ? "read error" : kg_strerror(rc);
        return rc;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return KG_OK;
}
