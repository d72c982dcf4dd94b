-- kogloss: Korean segmentation, normalisation and glossary look-up.
-- The C module is kogloss.core; this file gives a clear error when the build
-- for the running Lua is missing, re-exports the core, and adds what is
-- easier in Lua: glossaries written as Lua files.
local lua_name = (jit and jit.version) or _VERSION

local ok, core = pcall(require, "kogloss.core")
if not ok then
  error(("kogloss: cannot load the C module kogloss.core for %s.\n"
    .. "Build it with `make` in the kogloss checkout (Neovim and LuaJIT use "
    .. "lua/kogloss/core.so; Lua 5.4 uses build/lua5.4/kogloss/core.so, "
    .. "installed by `make install`).\nLoader said: %s"):format(lua_name, tostring(core)), 2)
end

local M = {}
for k, v in pairs(core) do
  if k:sub(1, 1) ~= "_" then M[k] = v end
end

-- Runs a Lua glossary file with no access to anything (an empty
-- environment, text chunks only) and returns what it returns.
local function run_sandboxed(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local src = f:read("*a")
  f:close()
  if src:byte(1) == 27 then return nil, path .. ": precompiled chunks are not accepted" end
  local chunk
  if setfenv then -- Lua 5.1 / LuaJIT
    chunk, err = loadstring(src, "@" .. path)
    if chunk then setfenv(chunk, {}) end
  else
    chunk, err = load(src, "@" .. path, "t", {})
  end
  if not chunk then return nil, err end
  local ran, list = pcall(chunk)
  if not ran then return nil, tostring(list) end
  if type(list) ~= "table" then
    return nil, path .. ": a Lua glossary must return a list of entries"
  end
  return list
end

-- g:load(path [, opts]): TSV and CSV in C, "*.lua" files here.
local methods = core._glossary_methods
local load_file = methods.load
function methods.load(self, path, opts)
  if type(path) == "string" and path:lower():match("%.lua$") then
    local list, err = run_sandboxed(path)
    if not list then return nil, err end
    local o = { name = path, priority = opts and opts.priority }
    return self:add(list, o)
  end
  return load_file(self, path, opts)
end

-- kogloss.glossary([opts]): an empty set, or with opts.builtin the
-- built-in AI/technology glossary preloaded (at priority opts.priority or
-- 0; later loads at the same priority override it).
function M.glossary(opts)
  local g = core.glossary()
  if opts and opts.builtin then
    assert(g:load_builtin({ priority = opts.priority }))
  end
  return g
end

return M
