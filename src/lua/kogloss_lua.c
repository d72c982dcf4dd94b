/*
 * Lua binding: require("kogloss.core"). One exported symbol,
 * luaopen_kogloss_core. This file has the module table, segmentation and
 * normalisation; bind_*.c add the other objects through binding.h.
 * Offsets cross the boundary as Lua does strings: 1-based and inclusive,
 * so text:sub(part.s, part.e) is the part.
 */
#include <string.h>
#include "binding.h"

#define SEGMENTER_MT "kogloss.segmenter"
#define NORMMAP_MT "kogloss.normmap"

typedef struct lua_segmenter {
    kg_segmenter *seg;
    kg_result *res; /* reused between calls: its buffers only grow */
} lua_segmenter;

typedef struct lua_normmap {
    kg_norm *norm;
} lua_normmap;

int kgl_text_error(lua_State *L, int rc, size_t offset)
{
    lua_pushnil(L);
    if (rc == KG_ERR_UTF8 || rc == KG_ERR_NUL)
        lua_pushfstring(L, "%s at byte %d", kg_strerror(rc), (int)offset + 1);
    else
        lua_pushstring(L, kg_strerror(rc));
    return 2;
}

/* ---- segmenter ---- */

static lua_segmenter *new_segmenter(lua_State *L)
{
    lua_segmenter *ls = kg_newuserdata(L, sizeof *ls);
    ls->seg = NULL;
    ls->res = NULL;
    luaL_setmetatable(L, SEGMENTER_MT);
    ls->seg = kg_segmenter_new();
    ls->res = kg_result_new();
    if (!ls->seg || !ls->res) luaL_error(L, "kogloss: out of memory");
    return ls;
}

static lua_segmenter *check_segmenter(lua_State *L, int i)
{
    lua_segmenter *ls = luaL_checkudata(L, i, SEGMENTER_MT);
    if (!ls->seg) luaL_error(L, "kogloss: segmenter already freed");
    return ls;
}

static int segmenter_gc(lua_State *L)
{
    lua_segmenter *ls = luaL_checkudata(L, 1, SEGMENTER_MT);
    kg_segmenter_free(ls->seg);
    kg_result_free(ls->res);
    ls->seg = NULL;
    ls->res = NULL;
    return 0;
}

/* Pushes the token list of the last segmentation. */
static void push_tokens(lua_State *L, const kg_result *res)
{
    size_t nt, np;
    const kg_token *toks = kg_result_tokens(res, &nt);
    const kg_part *parts = kg_result_parts(res, &np);
    lua_createtable(L, (int)nt, 0);
    for (size_t t = 0; t < nt; t++) {
        const kg_token *tok = &toks[t];
        lua_createtable(L, 0, 4);
        lua_pushinteger(L, (lua_Integer)tok->start + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)tok->end);
        lua_setfield(L, -2, "e");
        lua_pushinteger(L, (lua_Integer)tok->stem_end);
        lua_setfield(L, -2, "stem_e");
        lua_createtable(L, (int)tok->n_parts, 0);
        for (uint32_t k = 0; k < tok->n_parts; k++) {
            const kg_part *p = &parts[tok->first_part + k];
            lua_createtable(L, 0, 3);
            lua_pushinteger(L, (lua_Integer)p->start + 1);
            lua_setfield(L, -2, "s");
            lua_pushinteger(L, (lua_Integer)p->end);
            lua_setfield(L, -2, "e");
            lua_pushstring(L, kg_tag_name((int)p->tag));
            lua_setfield(L, -2, "tag");
            lua_rawseti(L, -2, (int)k + 1);
        }
        lua_setfield(L, -2, "parts");
        lua_rawseti(L, -2, (int)t + 1);
    }
}

static int do_segment(lua_State *L, lua_segmenter *ls, int arg)
{
    size_t len;
    const char *text = luaL_checklstring(L, arg, &len);
    int rc = kg_segment(ls->seg, text, len, ls->res);
    if (rc < 0) return kgl_text_error(L, rc, kg_result_error_offset(ls->res));
    push_tokens(L, ls->res);
    return 1;
}

static int segmenter_segment(lua_State *L)
{
    return do_segment(L, check_segmenter(L, 1), 2);
}

static const char *const word_kinds[] = {"noun", "verb", "adverb", NULL};

static int segmenter_add_word(lua_State *L)
{
    lua_segmenter *ls = check_segmenter(L, 1);
    size_t len;
    const char *word = luaL_checklstring(L, 2, &len);
    int kind = luaL_checkoption(L, 3, "noun", word_kinds) + 1;
    int rc = kg_segmenter_add_word(ls->seg, word, len, (kg_word_kind)kind);
    if (rc) return luaL_error(L, "kogloss: add_word: %s", kg_strerror(rc));
    lua_settop(L, 1);
    return 1;
}

static int segmenter_load_hunspell(lua_State *L)
{
    lua_segmenter *ls = check_segmenter(L, 1);
    const char *path = luaL_optstring(L, 2, "/usr/share/hunspell/ko.dic");
    int rc = kg_segmenter_load_hunspell(ls->seg, path);
    if (rc < 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, kg_strerror(rc));
        return 2;
    }
    lua_pushinteger(L, rc);
    return 1;
}

static int segmenter_lexicon_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)kg_segmenter_lexicon_size(check_segmenter(L, 1)->seg));
    return 1;
}

static int l_segmenter(lua_State *L)
{
    new_segmenter(L);
    return 1;
}

/* kogloss.segment(text): a shared default segmenter, kept as an upvalue
 * and made on first use, so require() stays cheap (Neovim start-up). */
static int l_segment(lua_State *L)
{
    if (lua_isnil(L, lua_upvalueindex(1))) {
        new_segmenter(L);
        lua_replace(L, lua_upvalueindex(1));
    }
    return do_segment(L, check_segmenter(L, lua_upvalueindex(1)), 1);
}

/* ---- normalisation ---- */

static const char *const norm_forms[] = {"NFC", "NFKC", "NFKC_CF", NULL};

static int l_normalize(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    int form = luaL_checkoption(L, 2, "NFC", norm_forms);
    lua_normmap *m = kg_newuserdata(L, sizeof *m);
    m->norm = NULL;
    luaL_setmetatable(L, NORMMAP_MT);
    m->norm = kg_norm_new();
    if (!m->norm) return luaL_error(L, "kogloss: out of memory");
    int rc = kg_normalize(m->norm, (kg_norm_form)form, text, len);
    if (rc) return kgl_text_error(L, rc, kg_norm_error_offset(m->norm));
    size_t out_len;
    const char *out = kg_norm_text(m->norm, &out_len);
    lua_pushlstring(L, out, out_len);
    lua_insert(L, -2);
    return 2;
}

static int normmap_gc(lua_State *L)
{
    lua_normmap *m = luaL_checkudata(L, 1, NORMMAP_MT);
    kg_norm_free(m->norm);
    m->norm = NULL;
    return 0;
}

/* map:span(s, e) -> original s, e (1-based, inclusive) */
static int normmap_span(lua_State *L)
{
    lua_normmap *m = luaL_checkudata(L, 1, NORMMAP_MT);
    lua_Integer s = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_optinteger(L, 3, s);
    size_t len;
    kg_norm_text(m->norm, &len);
    if (s < 1 || e < s - 1 || (size_t)e > len)
        return luaL_error(L, "kogloss: span %d..%d outside 1..%d", (int)s,
                          (int)e, (int)len);
    size_t os, oe;
    kg_norm_map_span(m->norm, (size_t)s - 1, (size_t)e, &os, &oe);
    lua_pushinteger(L, (lua_Integer)os + 1);
    lua_pushinteger(L, (lua_Integer)oe);
    return 2;
}

/* ---- misc ---- */

static int l_utf8_check(lua_State *L)
{
    size_t len, off = 0;
    const char *text = luaL_checklstring(L, 1, &len);
    int rc = kg_utf8_check(text, len, 1, &off);
    if (rc) {
        kgl_text_error(L, rc, off);
        lua_pushinteger(L, (lua_Integer)off + 1);
        return 3;
    }
    lua_pushboolean(L, 1);
    return 1;
}

void kgl_register_metatable(lua_State *L, const char *name,
                            const luaL_Reg *methods, lua_CFunction gc)
{
    luaL_newmetatable(L, name);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
}

KG_LUA_EXPORT int luaopen_kogloss_core(lua_State *L);
KG_LUA_EXPORT int luaopen_kogloss_core(lua_State *L)
{
    KG_CHECK_HOST(L);
    static const luaL_Reg segmenter_methods[] = {
        {"segment", segmenter_segment},
        {"add_word", segmenter_add_word},
        {"load_hunspell", segmenter_load_hunspell},
        {"lexicon_size", segmenter_lexicon_size},
        {NULL, NULL},
    };
    static const luaL_Reg normmap_methods[] = {
        {"span", normmap_span},
        {NULL, NULL},
    };
    static const luaL_Reg functions[] = {
        {"segmenter", l_segmenter},
        {"normalize", l_normalize},
        {"utf8_check", l_utf8_check},
        {NULL, NULL},
    };
    kgl_register_metatable(L, SEGMENTER_MT, segmenter_methods, segmenter_gc);
    kgl_register_metatable(L, NORMMAP_MT, normmap_methods, normmap_gc);
    luaL_newlib(L, functions);
    lua_pushnil(L);
    lua_pushcclosure(L, l_segment, 1);
    lua_setfield(L, -2, "segment");
    lua_pushstring(L, kg_version());
    lua_setfield(L, -2, "version");
    lua_pushstring(L, KG_LUA_NAME);
    lua_setfield(L, -2, "lua_abi");
    kgl_open_glossary(L);
    kgl_open_boilerplate(L);
    return 1;
}
