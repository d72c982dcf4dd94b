/*
 * The only place that knows which Lua it is built for. One binding source
 * (the files in src/lua) compiles against Lua 5.1, LuaJIT 2.1, 5.3 and 5.4.
 */
#ifndef KG_LUA_COMPAT_H
#define KG_LUA_COMPAT_H

#include <lua.h>
#include <lauxlib.h>

#if LUA_VERSION_NUM < 502
/* LuaJIT 2.1 already has these; plain Lua 5.1 does not. */
#if !defined(luaL_newlib)
static inline void kg_compat_setfuncs(lua_State *L, const luaL_Reg *l, int nup)
{
    luaL_checkstack(L, nup + 1, "too many upvalues");
    for (; l->name; l++) {
        for (int i = 0; i < nup; i++) lua_pushvalue(L, -nup);
        lua_pushcclosure(L, l->func, nup);
        lua_setfield(L, -(nup + 2), l->name);
    }
    lua_pop(L, nup);
}
#define luaL_setfuncs kg_compat_setfuncs
#define luaL_newlib(L, l) (lua_newtable(L), luaL_setfuncs(L, l, 0))

static inline void kg_compat_setmetatable(lua_State *L, const char *tname)
{
    luaL_getmetatable(L, tname);
    lua_setmetatable(L, -2);
}
#define luaL_setmetatable kg_compat_setmetatable
#endif
#define lua_rawlen lua_objlen
#define KG_LUA_NAME "Lua 5.1 / LuaJIT"
#else
#define KG_LUA_NAME LUA_VERSION
#endif

/* The module is built with -fvisibility=hidden: only this is exported. */
#define KG_LUA_EXPORT __attribute__((visibility("default")))

#if LUA_VERSION_NUM >= 504
#define kg_newuserdata(L, size) lua_newuserdatauv((L), (size), 0)
#else
#define kg_newuserdata(L, size) lua_newuserdata((L), (size))
#endif

/*
 * Refuses to run inside a Lua with another ABI. A module built for the 5.1
 * ABI (LuaJIT, Neovim) links fine into lua5.4, since the function names it
 * uses exist there too, but LUA_REGISTRYINDEX and the stack layout differ,
 * so the first registry access would crash. The host's own symbols tell
 * which Lua is really running; only lua_pushstring/lua_error are used
 * before the check, and those have the same ABI everywhere.
 * In practice dlopen usually refuses first (LuaJIT's lua_replace is a
 * macro in 5.4, so the symbol is missing); the check covers the builds
 * where every symbol happens to resolve. Builds for 5.3/5.4 use
 * luaL_checkversion; loading them into LuaJIT fails in dlopen
 * (luaL_checkversion_ is missing). lua/kogloss/init.lua turns either
 * failure into a message that names the build to make.
 */
#if LUA_VERSION_NUM < 502
#include <dlfcn.h>
static inline int kg_compat_wrong_host(lua_State *L)
{
    const char *found = NULL;
    if (dlsym(RTLD_DEFAULT, "lua_newuserdatauv")) found = "Lua 5.4";
    else if (dlsym(RTLD_DEFAULT, "lua_rotate")) found = "Lua 5.3";
    else if (dlsym(RTLD_DEFAULT, "lua_callk")) found = "Lua 5.2";
    if (!found) return 0;
    lua_pushstring(L, "kogloss: this build of kogloss.core is for the Lua 5.1 "
                      "ABI (LuaJIT, Neovim) but was loaded into a newer Lua; "
                      "build the matching module (make lua54) and put it on "
                      "package.cpath");
    (void)found;
    return 1;
}
#define KG_CHECK_HOST(L) \
    do { if (kg_compat_wrong_host(L)) return lua_error(L); } while (0)
#else
#define KG_CHECK_HOST(L) luaL_checkversion(L)
#endif

#endif
