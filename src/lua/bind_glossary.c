/*
 * Lua binding of the glossary: kogloss.glossary() makes a set, and
 *   g:add(entry | {entry, ...} [, opts])   -> n | nil, msg
 *   g:load(path [, opts])                  -> n | nil, "file:line: msg"
 *   g:load_string(data [, opts])           -> n | nil, msg
 *   g:load_builtin([opts])                 -> n | nil, msg
 *   g:match(text)                          -> { {s, e, tail_e, term, entry}, ... }
 *   g:lookup(form), g:entry(i), g:entries(), #g
 * opts: priority (integer), name (for messages), format ("tsv" | "csv"),
 * lines (g:add: the line of each entry in the file named by name).
 * Entries reach Lua as tables made once and cached, so a hit's entry is
 * the same table every time (cheap to compare and to key on).
 */
#include <string.h>
#include "binding.h"

#define GLOSSARY_MT "kogloss.glossary"

typedef struct lua_glossary {
    kg_glossary *g;
    kg_matches *m;
    int cache_ref; /* registry: index -> entry table */
} lua_glossary;

static lua_glossary *check_glossary(lua_State *L, int i)
{
    lua_glossary *lg = luaL_checkudata(L, i, GLOSSARY_MT);
    if (!lg->g) luaL_error(L, "kogloss: glossary already freed");
    return lg;
}

static int glossary_gc(lua_State *L)
{
    lua_glossary *lg = luaL_checkudata(L, 1, GLOSSARY_MT);
    kg_glossary_free(lg->g);
    kg_matches_free(lg->m);
    if (lg->cache_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, lg->cache_ref);
    lg->g = NULL;
    lg->m = NULL;
    lg->cache_ref = LUA_NOREF;
    return 0;
}

/* The entry cache is dropped whenever the set changes: indices move. */
static void reset_cache(lua_State *L, lua_glossary *lg)
{
    if (lg->cache_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, lg->cache_ref);
    lua_newtable(L);
    lg->cache_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

static int l_glossary(lua_State *L)
{
    lua_glossary *lg = kg_newuserdata(L, sizeof *lg);
    lg->g = NULL;
    lg->m = NULL;
    lg->cache_ref = LUA_NOREF;
    luaL_setmetatable(L, GLOSSARY_MT);
    lg->g = kg_glossary_new();
    lg->m = kg_matches_new();
    if (!lg->g || !lg->m) return luaL_error(L, "kogloss: out of memory");
    reset_cache(L, lg);
    return 1;
}

/* ---- options ---- */

static int opt_priority(lua_State *L, int opts)
{
    if (lua_isnoneornil(L, opts)) return 0;
    luaL_checktype(L, opts, LUA_TTABLE);
    lua_getfield(L, opts, "priority");
    int isnum = lua_isnumber(L, -1);
    lua_Integer p = isnum ? lua_tointeger(L, -1) : 0;
    if (!isnum && !lua_isnil(L, -1))
        luaL_error(L, "kogloss: opts.priority must be an integer");
    lua_pop(L, 1);
    if (p < -1000000 || p > 1000000) luaL_error(L, "kogloss: opts.priority out of range");
    return (int)p;
}

static const char *opt_string(lua_State *L, int opts, const char *key, const char *def)
{
    if (lua_isnoneornil(L, opts)) return def;
    lua_getfield(L, opts, key);
    const char *s = lua_isnil(L, -1) ? def : lua_tostring(L, -1);
    if (!s) luaL_error(L, "kogloss: opts.%s must be a string", key);
    lua_pop(L, 1); /* still referenced by opts */
    return s;
}

/* lines[i], lines being opts.lines at stack index idx (g:load of a Lua
 * glossary finds the line each entry is written on), for messages; 0
 * when unknown. */
static int entry_line(lua_State *L, int idx, size_t i)
{
    if (!lua_istable(L, idx)) return 0;
    lua_rawgeti(L, idx, (int)i);
    lua_Number x = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 0;
    lua_pop(L, 1);
    return x >= 1 && x <= 1e9 ? (int)x : 0;
}

static int push_count_or_error(lua_State *L, lua_glossary *lg, int rc)
{
    if (rc < 0) {
        lua_pushnil(L);
        lua_pushstring(L, kg_glossary_error(lg->g)[0] ? kg_glossary_error(lg->g)
                                                       : kg_strerror(rc));
        return 2;
    }
    reset_cache(L, lg);
    lua_pushinteger(L, rc);
    return 1;
}

/* ---- adding entries from tables ---- */

/* Scratch for one batch, a userdata so that an error frees it. */
typedef struct batch_buf {
    kg_entry *entries;
    const char **strs;
} batch_buf;

/* Reads field key of the table at idx as an optional string; a string with
 * a NUL byte or a non-string is an error message. */
static const char *field_string(lua_State *L, int idx, const char *key,
                                const char **err)
{
    lua_getfield(L, idx, key);
    const char *s = NULL;
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t len;
        s = lua_tolstring(L, -1, &len);
        if (strlen(s) != len) *err = "contains a NUL byte";
    } else if (!lua_isnil(L, -1)) {
        *err = "must be a string";
    }
    lua_pop(L, 1); /* the string stays alive in the entry table */
    return s;
}

/* Number of strings field key holds: a string, or a list of strings. */
static size_t list_length(lua_State *L, int idx, const char *key)
{
    lua_getfield(L, idx, key);
    size_t n = lua_type(L, -1) == LUA_TTABLE ? (size_t)lua_rawlen(L, -1)
               : lua_type(L, -1) == LUA_TSTRING ? 1 : 0;
    lua_pop(L, 1);
    return n;
}

/* Fills out[] from field key (string or list); returns the count, or -1
 * with *err set. */
static long read_list(lua_State *L, int idx, const char *key, const char **out,
                      const char **err)
{
    lua_getfield(L, idx, key);
    long n = 0;
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t len;
        out[n++] = lua_tolstring(L, -1, &len);
        if (strlen(out[0]) != len) *err = "contains a NUL byte";
    } else if (lua_type(L, -1) == LUA_TTABLE) {
        size_t len = (size_t)lua_rawlen(L, -1);
        for (size_t i = 1; i <= len && !*err; i++) {
            lua_rawgeti(L, -1, (int)i);
            size_t sl;
            if (lua_type(L, -1) != LUA_TSTRING) *err = "must hold strings only";
            else if (strlen(out[n++] = lua_tolstring(L, -1, &sl)) != sl) *err = "contains a NUL byte";
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        *err = "must be a string or a list of strings";
    }
    lua_pop(L, 1);
    return *err ? -1 : n;
}

/* Converts the entry table at idx; returns NULL or an error message that
 * names the field. */
static const char *read_entry(lua_State *L, int idx, kg_entry *e,
                              const char **strs, size_t *used, char *msg,
                              size_t msg_size)
{
    const char *err = NULL;
    static const char *const fields[] = {"term", "definition", "description", "category"};
    const char **dst[] = {&e->term, &e->definition, &e->description, &e->category};
    if (lua_type(L, idx) != LUA_TTABLE) return "entry must be a table";
    for (int k = 0; k < 4; k++) {
        *dst[k] = field_string(L, idx, fields[k], &err);
        if (err) {
            snprintf(msg, msg_size, "%s %s", fields[k], err);
            return msg;
        }
    }
    if (!e->term) return "term is missing";
    static const char *const lists[] = {"aliases", "sources", "source"};
    for (int k = 0; k < 3; k++) {
        long n = read_list(L, idx, lists[k], strs + *used, &err);
        if (n < 0) {
            snprintf(msg, msg_size, "%s %s", lists[k], err);
            return msg;
        }
        if (k == 0) { e->aliases = strs + *used; e->n_aliases = (size_t)n; }
        else if (k == 1) { e->sources = strs + *used; e->n_sources = (size_t)n; }
        else e->n_sources += (size_t)n; /* "source" extends "sources" */
        *used += (size_t)n;
    }
    return NULL;
}

/* g:add(entry | list [, opts]) */
static int glossary_add(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 3); /* opts or nil at 3, opts.lines at 4, the rest above */
    int priority = opt_priority(L, 3);
    const char *origin = opt_string(L, 3, "name", "add");
    if (lua_istable(L, 3)) lua_getfield(L, 3, "lines");
    else lua_pushnil(L);
    /* one entry (it has a term) or a list of them */
    lua_getfield(L, 2, "term");
    int single = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (single) {
        lua_createtable(L, 1, 0);
        lua_pushvalue(L, 2);
        lua_rawseti(L, -2, 1);
        lua_replace(L, 2);
    }
    size_t n = (size_t)lua_rawlen(L, 2), n_strs = 0;
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, 2, (int)i);
        if (lua_type(L, -1) == LUA_TTABLE)
            n_strs += list_length(L, -1, "aliases") + list_length(L, -1, "sources") +
                      list_length(L, -1, "source");
        lua_pop(L, 1);
    }
    batch_buf *b = kg_newuserdata(L, sizeof *b + (n ? n : 1) * sizeof(kg_entry) +
                                         (n_strs ? n_strs : 1) * sizeof(char *));
    b->entries = (kg_entry *)(b + 1);
    b->strs = (const char **)(b->entries + (n ? n : 1));
    size_t used = 0;
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, 2, (int)i);
        kg_entry *e = &b->entries[i - 1];
        memset(e, 0, sizeof *e);
        char msg[96];
        const char *err = read_entry(L, lua_gettop(L), e, b->strs, &used, msg, sizeof msg);
        e->line = entry_line(L, 4, i);
        if (err) {
            lua_pushnil(L);
            if (e->line)
                lua_pushfstring(L, "%s:%d: %s", origin, e->line, err);
            else
                lua_pushfstring(L, "%s: entry %d: %s", origin, (int)i, err);
            return 2;
        }
        lua_pop(L, 1); /* the list keeps the entry table alive */
    }
    return push_count_or_error(L, lg, kg_glossary_add(lg->g, b->entries, n, origin, priority));
}

static const char *const formats[] = {"tsv", "csv", NULL};

static int glossary_load(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    const char *path = luaL_checkstring(L, 2);
    return push_count_or_error(L, lg, kg_glossary_load_file(lg->g, path, opt_priority(L, 3)));
}

static int glossary_load_string(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    size_t len;
    const char *data = luaL_checklstring(L, 2, &len);
    int priority = opt_priority(L, 3);
    const char *name = opt_string(L, 3, "name", "string");
    const char *format = opt_string(L, 3, "format", "tsv");
    int f = 0;
    while (formats[f] && strcmp(formats[f], format) != 0) f++;
    if (!formats[f]) return luaL_error(L, "kogloss: unknown format '%s' (tsv or csv)", format);
    return push_count_or_error(L, lg, kg_glossary_load_buffer(lg->g, data, len, name,
                                                             (kg_glossary_format)f, priority));
}

static int glossary_load_builtin(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    return push_count_or_error(L, lg, kg_glossary_load_builtin(lg->g, opt_priority(L, 2)));
}

/* ---- reading ---- */

static void push_strings(lua_State *L, const char *const *v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

/* Pushes the (cached) table of entry index i (0-based). */
static void push_entry(lua_State *L, lua_glossary *lg, size_t i)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, lg->cache_ref);
    lua_rawgeti(L, -1, (int)i + 1);
    if (!lua_isnil(L, -1)) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    const kg_entry *e = kg_glossary_entry(lg->g, i);
    lua_createtable(L, 0, 10);
    set_string(L, "term", e->term);
    set_string(L, "definition", e->definition);
    set_string(L, "description", e->description);
    set_string(L, "category", e->category);
    set_string(L, "origin", kg_glossary_entry_origin(lg->g, i));
    push_strings(L, e->aliases, e->n_aliases);
    lua_setfield(L, -2, "aliases");
    push_strings(L, e->sources, e->n_sources);
    lua_setfield(L, -2, "sources");
    lua_pushinteger(L, e->line);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_setfield(L, -2, "index");
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, (int)i + 1);
    lua_remove(L, -2);
}

static int glossary_match(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    int rc = kg_match(lg->g, text, len, lg->m);
    if (rc < 0) return kgl_text_error(L, rc, kg_matches_error_offset(lg->m));
    size_t n;
    const kg_hit *hits = kg_matches_hits(lg->m, &n);
    lua_createtable(L, (int)n, 0);
    for (size_t k = 0; k < n; k++) {
        const kg_hit *h = &hits[k];
        lua_createtable(L, 0, 5);
        lua_pushinteger(L, (lua_Integer)h->start + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)h->end);
        lua_setfield(L, -2, "e");
        if (h->tail_end > h->end) {
            lua_pushinteger(L, (lua_Integer)h->tail_end);
            lua_setfield(L, -2, "tail_e");
        }
        push_entry(L, lg, h->entry);
        lua_getfield(L, -1, "term");
        lua_setfield(L, -3, "term");
        lua_setfield(L, -2, "entry");
        lua_rawseti(L, -2, (int)k + 1);
    }
    return 1;
}

static int glossary_lookup(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    size_t len, index;
    const char *s = luaL_checklstring(L, 2, &len);
    int rc = kg_glossary_lookup(lg->g, s, len, &index);
    if (rc < 0 && rc != KG_ERR_UTF8 && rc != KG_ERR_NUL)
        return luaL_error(L, "kogloss: lookup: %s", kg_strerror(rc));
    if (rc <= 0) {
        lua_pushnil(L);
        return 1;
    }
    push_entry(L, lg, index);
    return 1;
}

static int glossary_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)kg_glossary_size(check_glossary(L, 1)->g));
    return 1;
}

static int glossary_entry(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > kg_glossary_size(lg->g)) {
        lua_pushnil(L);
        return 1;
    }
    push_entry(L, lg, (size_t)i - 1);
    return 1;
}

static int glossary_entries(lua_State *L)
{
    lua_glossary *lg = check_glossary(L, 1);
    size_t n = kg_glossary_size(lg->g);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_entry(L, lg, i);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

void kgl_open_glossary(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"add", glossary_add},
        {"load", glossary_load},
        {"load_string", glossary_load_string},
        {"load_builtin", glossary_load_builtin},
        {"match", glossary_match},
        {"lookup", glossary_lookup},
        {"entry", glossary_entry},
        {"entries", glossary_entries},
        {"size", glossary_size},
        {NULL, NULL},
    };
    kgl_register_metatable(L, GLOSSARY_MT, methods, glossary_gc);
    /* #g, and the method table for lua/kogloss/init.lua to extend */
    luaL_getmetatable(L, GLOSSARY_MT);
    lua_pushcfunction(L, glossary_size);
    lua_setfield(L, -2, "__len");
    lua_getfield(L, -1, "__index");
    lua_setfield(L, -3, "_glossary_methods");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_glossary);
    lua_setfield(L, -2, "glossary");
}
