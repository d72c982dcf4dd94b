/* Error messages, version and tag names. */
#include "internal.h"

const char *kg_strerror(int code)
{
    switch (code) {
    case KG_OK: return "no error";
    case KG_ERR_NOMEM: return "out of memory";
    case KG_ERR_UTF8: return "invalid UTF-8";
    case KG_ERR_NUL: return "NUL byte in text";
    case KG_ERR_TOO_LONG: return "text too long (over 2 GiB)";
    case KG_ERR_ICU: return "ICU normalisation failed";
    case KG_ERR_ARG: return "invalid argument";
    case KG_ERR_IO: return "cannot read file";
    case KG_ERR_PARSE: return "malformed data file";
    case KG_ERR_PATTERN: return "invalid PCRE2 pattern";
    default: return "unknown error";
    }
}

const char *kg_version(void) { return KG_VERSION_STRING; }

static const char *const tag_names[KG_TAG_COUNT] = {
    "N", "XSN", "XPN", "V", "VCP", "XSV", "XSA", "J", "E", "MA",
    "MM", "IC", "SL", "SN", "SH", "SF", "SP", "SS", "SW", "UNK",
};

const char *kg_tag_name(int tag)
{
    return (tag >= 0 && tag < KG_TAG_COUNT) ? tag_names[tag] : "?";
}

int kg_tag_is_tail(int tag)
{
    return tag == KG_TAG_J || tag == KG_TAG_E || tag == KG_TAG_VCP ||
           tag == KG_TAG_XSV || tag == KG_TAG_XSA;
}
