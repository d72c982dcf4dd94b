/*
 * What the binding files share. The module is one shared object built with
 * -fvisibility=hidden and a version script, so these kgl_ functions stay
 * internal: luaopen_kogloss_core is the only exported symbol.
 */
#ifndef KG_LUA_BINDING_H
#define KG_LUA_BINDING_H

#include "compat.h"
#include "kogloss.h"

/* nil, "message at byte N" for a bad text (io.open's style); returns 2. */
int kgl_text_error(lua_State *L, int rc, size_t offset);

/* Creates metatable name with methods as __index, gc as __gc. */
void kgl_register_metatable(lua_State *L, const char *name,
                            const luaL_Reg *methods, lua_CFunction gc);

/* Each adds its functions to the module table on top of the stack. */
void kgl_open_glossary(lua_State *L);    /* bind_glossary.c */
void kgl_open_boilerplate(lua_State *L); /* bind_boilerplate.c */

#endif
