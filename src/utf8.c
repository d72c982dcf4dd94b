/* UTF-8 validation and encoding. */
#include <string.h>
#include "internal.h"

/* Reads 8 bytes without alignment assumptions (the compiler emits one load). */
static uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

int kg_utf8_check(const char *text, size_t len, int reject_nul,
                  size_t *error_offset)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path: 8 bytes at a time while none has the top bit. */
        while (i + 8 <= len && !(load64(s + i) & 0x8080808080808080ull)) {
            if (reject_nul) {
                uint64_t v = load64(s + i);
                /* classic "has zero byte" test */
                if ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull)
                    break;
            }
            i += 8;
        }
        if (i >= len) break;
        unsigned c = s[i];
        /* three-byte fast path (Hangul and most CJK): E1..EC and EE..EF
         * take any two continuation bytes */
        if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && len - i > 2 &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t need;
        uint32_t min, cp;
        if (c < 0x80) {
            if (c == 0 && reject_nul) goto nul;
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1; min = 0x80; cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; min = 0x800; cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; min = 0x10000; cp = c & 0x07;
        } else {
            goto bad;
        }
        if (len - i <= need) goto bad;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return KG_OK;
bad:
    if (error_offset) *error_offset = i;
    return KG_ERR_UTF8;
nul:
    if (error_offset) *error_offset = i;
    return KG_ERR_NUL;
}

size_t kg_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
