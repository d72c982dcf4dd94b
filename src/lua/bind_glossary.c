/* Lua binding of the glossary: kogloss.glossary(). */
#include "binding.h"

void kgl_open_glossary(lua_State *L)
{
    (void)L;
}
