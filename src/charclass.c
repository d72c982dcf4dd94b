/* Character classes used to cut text into tokens and parts. */
#include "internal.h"

static int is_space(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
}

static kg_cclass ascii_class(uint32_t c)
{
    if (c >= '0' && c <= '9') return KG_C_DIGIT;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return KG_C_LATIN;
    switch (c) {
    case '.': case '?': case '!': return KG_C_PUNCT_SF;
    case ',': case ':': case ';': case '/': return KG_C_PUNCT_SP;
    case '"': case '\'': case '(': case ')': case '[': case ']': case '{':
    case '}': case '<': case '>': case '-': case '`': return KG_C_PUNCT_SS;
    default: return KG_C_SYMBOL;
    }
}

kg_cclass kg_char_class(uint32_t cp)
{
    if (cp < 0x80) return is_space(cp) ? KG_C_SPACE : ascii_class(cp);
    if (kg_is_syllable(cp)) return KG_C_HANGUL;
    if (is_space(cp)) return KG_C_SPACE;
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3131 && cp <= 0x318E) ||
        (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF))
        return KG_C_JAMO;
    if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
        (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x1E00 && cp <= 0x1EFF))
        return KG_C_LATIN;
    if (cp >= 0xFF10 && cp <= 0xFF19) return KG_C_DIGIT;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF))
        return KG_C_HANJA;
    if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F) ||
        (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) ||
        (cp >= 0x0590 && cp <= 0x06FF) || (cp >= 0x0E00 && cp <= 0x0E7F))
        return KG_C_LETTER;
    switch (cp) {
    case 0x2026: case 0x203C: case 0x3002: case 0xFF01: case 0xFF0E:
    case 0xFF1F: case 0x2047: case 0x2048: case 0x2049:
        return KG_C_PUNCT_SF;
    case 0xB7: case 0x2027: case 0x30FB: case 0x3001: case 0xFF0C:
    case 0xFF1A: case 0xFF1B: case 0xFF0F: case 0xFF65: case 0x2219:
        return KG_C_PUNCT_SP;
    }
    if ((cp >= 0x2010 && cp <= 0x201F) || (cp >= 0x2039 && cp <= 0x203A) ||
        cp == 0xAB || cp == 0xBB || (cp >= 0x3008 && cp <= 0x3011) ||
        (cp >= 0x3014 && cp <= 0x301F) || cp == 0xFF08 || cp == 0xFF09 ||
        cp == 0xFF3B || cp == 0xFF3D || cp == 0xFF5B || cp == 0xFF5D ||
        cp == 0xFF02 || cp == 0xFF07 || cp == 0xFF0D || cp == 0xFF1C ||
        cp == 0xFF1E)
        return KG_C_PUNCT_SS;
    return KG_C_SYMBOL;
}
