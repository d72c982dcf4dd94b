/*
 * Lua binding of boilerplate classification: kogloss.classify(text),
 * kogloss.strip(text) and kogloss.boilerplate() for a classifier with user
 * rules (:load_rules, :add_rules, :classify, :strip, :rule_count).
 */
#include "binding.h"

#define BOILER_MT "kogloss.boilerplate"

typedef struct lua_boiler {
    kg_boiler *b;
    kg_lines *lines; /* reused between calls: its buffers only grow */
} lua_boiler;

static const char *const class_names[] = {"content", "boilerplate", "blank"};

static lua_boiler *new_boiler(lua_State *L)
{
    lua_boiler *lb = kg_newuserdata(L, sizeof *lb);
    lb->b = NULL;
    lb->lines = NULL;
    luaL_setmetatable(L, BOILER_MT);
    lb->b = kg_boiler_new();
    lb->lines = kg_lines_new();
    if (!lb->b || !lb->lines) luaL_error(L, "kogloss: out of memory");
    return lb;
}

static lua_boiler *check_boiler(lua_State *L, int i)
{
    lua_boiler *lb = luaL_checkudata(L, i, BOILER_MT);
    if (!lb->b) luaL_error(L, "kogloss: boilerplate classifier already freed");
    return lb;
}

static int boiler_gc(lua_State *L)
{
    lua_boiler *lb = luaL_checkudata(L, 1, BOILER_MT);
    kg_lines_free(lb->lines);
    kg_boiler_free(lb->b);
    lb->lines = NULL;
    lb->b = NULL;
    return 0;
}

/* list of { s=, e=, class=, reason= }, then the number of rule matches the
 * PCRE2 limits stopped */
static int do_classify(lua_State *L, lua_boiler *lb, int arg)
{
    size_t len;
    const char *text = luaL_checklstring(L, arg, &len);
    int rc = kg_boiler_classify(lb->b, text, len, lb->lines);
    if (rc < 0) return kgl_text_error(L, rc, kg_lines_error_offset(lb->lines));
    size_t n;
    const kg_line *ln = kg_lines_get(lb->lines, &n);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        lua_pushinteger(L, (lua_Integer)ln[i].start + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)ln[i].end);
        lua_setfield(L, -2, "e");
        lua_pushstring(L, class_names[ln[i].cls]);
        lua_setfield(L, -2, "class");
        lua_pushstring(L, kg_boiler_reason(lb->b, ln[i].reason));
        lua_setfield(L, -2, "reason");
        lua_rawseti(L, -2, (int)i + 1);
    }
    lua_pushinteger(L, (lua_Integer)kg_lines_limit_hits(lb->lines));
    return 2;
}

/* the content lines as a list of strings, and a list of their 1-based line
 * numbers in text */
static int do_strip(lua_State *L, lua_boiler *lb, int arg)
{
    size_t len;
    const char *text = luaL_checklstring(L, arg, &len);
    int rc = kg_boiler_strip(lb->b, text, len, lb->lines);
    if (rc < 0) return kgl_text_error(L, rc, kg_lines_error_offset(lb->lines));
    size_t n, nm;
    const kg_line *ln = kg_lines_get(lb->lines, &n);
    const uint32_t *map = kg_lines_map(lb->lines, &nm);
    lua_createtable(L, (int)nm, 0);
    lua_createtable(L, (int)nm, 0);
    for (size_t i = 0; i < nm; i++) {
        const kg_line *l = &ln[map[i]];
        lua_pushlstring(L, text + l->start, l->end - l->start);
        lua_rawseti(L, -3, (int)i + 1);
        lua_pushinteger(L, (lua_Integer)map[i] + 1);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 2;
}

static int boiler_classify(lua_State *L) { return do_classify(L, check_boiler(L, 1), 2); }
static int boiler_strip(lua_State *L) { return do_strip(L, check_boiler(L, 1), 2); }

static int rules_result(lua_State *L, lua_boiler *lb, int rc)
{
    if (rc < 0) {
        lua_pushnil(L);
        lua_pushstring(L, kg_boiler_error(lb->b));
        return 2;
    }
    lua_pushinteger(L, rc);
    return 1;
}

/* b:load_rules(path) -> count, or nil, "file:line: message" */
static int boiler_load_rules(lua_State *L)
{
    lua_boiler *lb = check_boiler(L, 1);
    const char *path = luaL_checkstring(L, 2);
    return rules_result(L, lb, kg_boiler_load_rules(lb->b, path));
}

/* b:add_rules(text [, source]) -> count, or nil, "source:line: message" */
static int boiler_add_rules(lua_State *L)
{
    lua_boiler *lb = check_boiler(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    const char *source = luaL_optstring(L, 3, "rules");
    return rules_result(L, lb, kg_boiler_add_rules(lb->b, text, len, source));
}

static int boiler_rule_count(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)kg_boiler_user_rule_count(check_boiler(L, 1)->b));
    return 1;
}

static int l_boilerplate(lua_State *L)
{
    new_boiler(L);
    return 1;
}

/* The shared default classifier of kogloss.classify/strip lives in a table
 * both closures hold as upvalue, made on first use (Neovim start-up). */
static lua_boiler *default_boiler(lua_State *L)
{
    lua_rawgeti(L, lua_upvalueindex(1), 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        new_boiler(L);
        lua_pushvalue(L, -1);
        lua_rawseti(L, lua_upvalueindex(1), 1);
    }
    lua_boiler *lb = check_boiler(L, -1);
    lua_pop(L, 1); /* the upvalue table keeps it alive */
    return lb;
}

static int l_classify(lua_State *L) { return do_classify(L, default_boiler(L), 1); }
static int l_strip(lua_State *L) { return do_strip(L, default_boiler(L), 1); }

void kgl_open_boilerplate(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"classify", boiler_classify},
        {"strip", boiler_strip},
        {"load_rules", boiler_load_rules},
        {"add_rules", boiler_add_rules},
        {"rule_count", boiler_rule_count},
        {NULL, NULL},
    };
    kgl_register_metatable(L, BOILER_MT, methods, boiler_gc);
    lua_pushcfunction(L, l_boilerplate);
    lua_setfield(L, -2, "boilerplate");
    lua_newtable(L); /* holder of the default classifier */
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_classify, 1);
    lua_setfield(L, -3, "classify");
    lua_pushcclosure(L, l_strip, 1);
    lua_setfield(L, -2, "strip");
}
