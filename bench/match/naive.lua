-- The obvious plugin approach, as a peer: for every line, for every term,
-- a plain string.find loop. Meant for LuaJIT (Neovim's Lua).
--
--   luajit bench/match/naive.lua TERMS TEXT
--
-- Prints "count=<N> build_ms=0 scan_ms=<Y>". count is the sum over terms of
-- their non-overlapping occurrences, so overlapping different terms all
-- count (close to Hyperscan's default count). scan_ms is CPU time (os.clock,
-- the one clock plain LuaJIT has) and excludes reading the files.

local terms_path, text_path = arg[1], arg[2]
if not terms_path or not text_path then
  io.stderr:write("usage: naive.lua TERMS TEXT\n")
  os.exit(2)
end

local terms = {}
for t in io.lines(terms_path) do
  if t ~= "" then terms[#terms + 1] = t end
end
local lines = {}
for l in io.lines(text_path) do lines[#lines + 1] = l end

local find = string.find
local nterms = #terms
local t0 = os.clock()
local count = 0
for li = 1, #lines do
  local line = lines[li]
  for ti = 1, nterms do
    local term = terms[ti]
    local init = 1
    while true do
      local _, e = find(line, term, init, true)
      if not e then break end
      count = count + 1
      init = e + 1
    end
  end
end
local t1 = os.clock()
io.write(string.format("count=%d build_ms=0 scan_ms=%.1f\n", count, (t1 - t0) * 1000))
