-- kogloss: Korean segmentation, normalisation and (later) glossary look-up.
-- The C module is kogloss.core; this file gives a clear error when the build
-- for the running Lua is missing, then re-exports the core.
local lua_name = (jit and jit.version) or _VERSION

local ok, core = pcall(require, "kogloss.core")
if not ok then
  error(("kogloss: cannot load the C module kogloss.core for %s.\n"
    .. "Build it with `make` in the kogloss checkout (Neovim and LuaJIT use "
    .. "lua/kogloss/core.so; Lua 5.4 uses build/lua5.4/kogloss/core.so, "
    .. "installed by `make install`).\nLoader said: %s"):format(lua_name, tostring(core)), 2)
end

local M = {}
for k, v in pairs(core) do M[k] = v end
return M
