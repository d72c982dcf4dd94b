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

-- What a Lua glossary file may use: pure functions to build a list with,
-- nothing that reaches files, the process or other modules.
local function glossary_env()
  local unpack = table.unpack or unpack
  return {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
    select = select, tonumber = tonumber, tostring = tostring, type = type,
    string = { byte = string.byte, char = string.char, format = string.format,
               len = string.len, lower = string.lower, sub = string.sub,
               upper = string.upper },
    table = { concat = table.concat, insert = table.insert, remove = table.remove,
              sort = table.sort, unpack = unpack },
  }
end

-- A glossary file may run this many VM instructions (a list of 100,000
-- entries takes a few million): a loop that never ends is an error.
local INSTRUCTION_LIMIT = 200000000
local HOOK_EVERY = 1000000

-- Runs chunk under the limit; returns ok, result or false, message.
local function run_limited(chunk, path)
  local co = coroutine.create(chunk)
  local ticks = 0
  if debug and debug.sethook then debug.sethook(co, function()
    ticks = ticks + 1
    if ticks * HOOK_EVERY >= INSTRUCTION_LIMIT then
      error(path .. ": still running after " .. INSTRUCTION_LIMIT .. " instructions", 0)
    end
  end, "", HOOK_EVERY) end
  -- LuaJIT runs no count hook inside compiled code
  if jit then jit.off(chunk, true) end
  return coroutine.resume(co)
end

-- The line each entry's term is written on (term = "..."), searched in
-- order; nil for one built by code, which error messages then count.
local function entry_lines(src, list)
  local lines, from, at, line = {}, 1, 1, 1
  for i, e in ipairs(list) do
    local term = type(e) == "table" and e.term
    if type(term) == "string" then
      local pat = "term%s*=%s*([\"'])" .. term:gsub("%p", "%%%0") .. "%1"
      local pos = src:find(pat, from)
      if pos then
        for _ in src:sub(at, pos - 1):gmatch("\n") do line = line + 1 end
        lines[i], from, at = line, pos + 1, pos
      end
    end
  end
  return lines
end

-- Runs a Lua glossary file in an environment of its own (glossary_env,
-- text chunks only) and returns what it returns, and its entries' lines.
local function run_sandboxed(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local src = f:read("*a")
  f:close()
  if src:byte(1) == 27 then return nil, path .. ": precompiled chunks are not accepted" end
  -- as lua and loadfile do: skip a UTF-8 BOM and a first line "#..."
  if src:sub(1, 3) == "\239\187\191" then src = src:sub(4) end
  if src:sub(1, 1) == "#" then src = "--" .. src end
  local chunk
  if setfenv then -- Lua 5.1 / LuaJIT
    chunk, err = loadstring(src, "@" .. path)
    if chunk then setfenv(chunk, glossary_env()) end
  else
    chunk, err = load(src, "@" .. path, "t", glossary_env())
  end
  if not chunk then return nil, err end
  local ran, list = run_limited(chunk, path)
  if not ran then return nil, tostring(list) end
  if type(list) ~= "table" then
    return nil, path .. ": a Lua glossary must return a list of entries"
  end
  return list, entry_lines(src, list)
end

-- g:load(path [, opts]): TSV and CSV in C, "*.lua" files here.
local methods = core._glossary_methods
local load_file = methods.load
function methods.load(self, path, opts)
  if type(path) == "string" and path:lower():match("%.lua$") then
    local list, lines = run_sandboxed(path)
    if not list then return nil, lines end
    local o = { name = path, priority = opts and opts.priority, lines = lines }
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
