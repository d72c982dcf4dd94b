/* Lua binding of boilerplate classification: kogloss.classify/strip. */
#include "binding.h"

void kgl_open_boilerplate(lua_State *L)
{
    (void)L;
}
