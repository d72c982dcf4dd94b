-- Tests of kogloss.glossary(): loading (TSV, CSV, Lua files, errors),
-- priorities, look-up and matching; Lua 5.4 and LuaJIT.
--   LUA_PATH="lua/?.lua;lua/?/init.lua" LUA_CPATH="build/lua5.4/?.so" lua5.4 tests/lua/test_glossary.lua
local t = dofile("tests/lua/harness.lua")
local test, check, eq = t.test, t.check, t.eq
local kg = require("kogloss")

local tmp_files = {}
local function tmpfile(suffix, content)
  local path = os.tmpname() .. suffix
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
  tmp_files[#tmp_files + 1] = path
  return path
end

-- "[surface]tail=term ..." for every hit of text
local function show(g, text)
  local hits, err = g:match(text)
  if not hits then return "error: " .. tostring(err) end
  local out = {}
  for _, h in ipairs(hits) do
    out[#out + 1] = ("[%s]%s=%s"):format(text:sub(h.s, h.e), h.tail_e and text:sub(h.e + 1, h.tail_e) or "", h.term)
  end
  return table.concat(out, " ")
end

test("builtin glossary", function()
  local g = kg.glossary({ builtin = true })
  check(#g >= 150, "builtin entries: " .. #g)
  local e = g:lookup("DeepSeek")
  check(e and e.term == "딥시크", "DeepSeek names 딥시크")
  check(e and e.definition ~= "" and #e.sources > 0 and e.category ~= "", "entry fields")
  eq(g:lookup("deepseek"), e, "same table for every form")
  eq(g:lookup("딥 시크"), e, "spacing ignored in Hangul")
  eq(g:lookup("no such term"), nil, "unknown form")
  eq(show(g, "딥시크가 강화학습만으로 RLHF를 대체했다"),
    "[딥시크]가=딥시크 [강화학습]만으로=강화학습 [RLHF]를=인간 피드백 기반 강화학습", "sentence")
end)

test("hits: offsets, term, entry, tail_e", function()
  local g = kg.glossary()
  eq(g:add({ term = "오픈소스", aliases = { "open source" }, definition = "공개 코드" }), 1, "add")
  local text = "“오픈소스라고” open-source"
  local hits = assert(g:match(text))
  eq(#hits, 2, "hits")
  eq(text:sub(hits[1].s, hits[1].e), "오픈소스", "surface 1")
  eq(text:sub(hits[1].e + 1, hits[1].tail_e), "라고", "tail 1")
  eq(hits[1].term, "오픈소스", "term")
  eq(hits[1].entry.definition, "공개 코드", "entry")
  eq(hits[2].tail_e, nil, "no tail")
  eq(text:sub(hits[2].s, hits[2].e), "open-source", "hyphen = space")
  eq(hits[1].entry, hits[2].entry, "one entry table")
  -- decomposed Hangul (오 and 픈 as conjoining jamo) and full-width Latin:
  -- the spans are the original bytes
  local nfd = "\u{110B}\u{1169}\u{1111}\u{1173}\u{11AB}소스를 ｏｐｅｎ ｓｏｕｒｃｅ가"
  hits = assert(g:match(nfd))
  eq(#hits, 2, "hits in NFD and full-width text")
  eq(nfd:sub(hits[1].s, hits[1].e), "\u{110B}\u{1169}\u{1111}\u{1173}\u{11AB}소스", "NFD surface")
  eq(nfd:sub(hits[1].e + 1, hits[1].tail_e), "를", "NFD tail")
  eq(nfd:sub(hits[2].s, hits[2].e), "ｏｐｅｎ ｓｏｕｒｃｅ", "full-width surface")
  eq(nfd:sub(hits[2].e + 1, hits[2].tail_e), "가", "full-width tail")
end)

test("add: single, list, errors", function()
  local g = kg.glossary()
  eq(g:add({ { term = "AI", source = "x" }, { term = "LLM", aliases = "대규모 언어 모델" } }), 2, "list")
  eq(#g, 2, "size")
  eq(g:lookup("대규모언어모델").term, "LLM", "string alias")
  eq(g:lookup("AI").sources[1], "x", "source as string")
  local n, err = g:add({ term = "" })
  eq(n, nil, "empty term")
  check(err and err:find("empty term"), err)
  n, err = g:add({ { term = "RAG" }, { term = "rag" } })
  check(not n and err:find("duplicate term"), err)
  eq(g:lookup("RAG"), nil, "nothing of a failed batch is added")
  n, err = g:add({ term = "x", aliases = { 1 } })
  check(not n and err:find("aliases must hold strings"), err)
  n, err = g:add({ term = "a\0b" })
  check(not n and err:find("NUL"), err)
  check(not pcall(g.add, g, "not a table"), "non-table is a Lua error")
  check(not pcall(g.match, g, {}), "non-string text is a Lua error")
end)

test("load: TSV, CSV, Lua, with file:line errors", function()
  local g = kg.glossary()
  eq(g:load(tmpfile(".tsv", "term\taliases\tdefinition\tsource\n딥시크\tDeepSeek\t중국 AI 기업\thttps://www.deepseek.com\n")), 1, "tsv")
  eq(g:load(tmpfile(".csv", 'term,aliases,definition,source\n"전문가 혼합","MoE|Mixture of Experts","게이트가 ""전문가""를 고른다",x\n')), 1, "csv")
  eq(g:lookup("moe").definition, '게이트가 "전문가"를 고른다', "csv quoting")
  eq(g:load(tmpfile(".lua", 'return { { term = "RAG", aliases = { "검색 증강 생성" }, definition = "검색 후 생성" } }')), 1, "lua")
  eq(g:lookup("검색증강생성").term, "RAG", "lua entry")
  local path = tmpfile(".tsv", "a\tb\tc\td\nonly two\tcolumns\n")
  local n, err = g:load(path)
  eq(n, nil, "bad columns")
  eq(err, path .. ":2: expected 4 to 6 columns (term, aliases, definition, source[, category[, description]]), found 2", "message")
  path = tmpfile(".tsv", "a\t\tx\t-\nb\t\tx\t-\nA\t\ty\t-\n")
  n, err = g:load(path)
  eq(err, path .. ":3: duplicate term 'A' (first defined at line 1)", "duplicate")
  n, err = g:load(tmpfile(".tsv", "ok\t\tx\t-\nbad\xff\t\tx\t-\n"))
  check(not n and err:find(":2: invalid UTF%-8 at byte"), err)
  path = tmpfile(".csv", 'a,b,c,"d\n')
  n, err = g:load(path)
  eq(err, path .. ":1: unterminated quoted field (opened at line 1)", "csv quote")
  n, err = g:load(tmpfile(".lua", "return 1 +"))
  check(not n and err:find("unexpected symbol") or err:find("expected"), err)
  n, err = g:load(tmpfile(".lua", "os.exit(3)"))
  check(not n and err:find("nil"), "a Lua glossary runs without the standard library: " .. tostring(err))
  n, err = g:load(tmpfile(".lua", "return 42"))
  check(not n and err:find("list of entries"), err)
  -- no io, os, require or load; error() and the pure table/string helpers
  for _, code in ipairs{ "io.open('/etc/passwd')", "require('os')", "load('x=1')()",
                         "return string.rep('x', 10)" } do
    n, err = g:load(tmpfile(".lua", code))
    check(not n and err:find("nil"), code .. ": " .. tostring(err))
  end
  path = tmpfile(".lua", "\nerror('no such list')")
  n, err = g:load(path)
  eq(err, path .. ":2: no such list", "error() in a Lua glossary")
  eq(g:load(tmpfile(".lua", "local t = {}\nfor _, w in ipairs{'GPU', 'TPU'} do\n"
    .. "  table.insert(t, { term = w, definition = string.format('%s chip', w) })\nend\nreturn t")),
    2, "a list built by code")
  -- a loop that never ends is stopped (under LuaJIT too: no compiled loop)
  path = tmpfile(".lua", "local n = 0\nwhile true do n = n + 1 end")
  n, err = g:load(path)
  eq(err, path .. ": still running after 200000000 instructions", "endless loop")
  -- as loadfile: a UTF-8 BOM and a first line #! are skipped
  eq(g:load(tmpfile(".lua", "\239\187\191#!/usr/bin/env lua\nreturn {{ term = 'TPU2', definition = 'x' }}")),
    1, "BOM and #!")
  -- a duplicate names the lines its terms are written on; a bad field too
  path = tmpfile(".lua", "return {\n  { term = 'ZZ', definition = 'x' },\n  -- c\n"
    .. "  { term = \"Y Y\", definition = 'y' },\n  { definition = 'z',\n    term = 'zz' },\n}")
  n, err = g:load(path)
  eq(err, path .. ":6: duplicate term 'zz' (first defined at line 2)", "duplicate in a Lua glossary")
  path = tmpfile(".lua", "return {\n { term = 'Q1', definition = 'x' },\n { term = 'Q2', definition = 5 },\n}")
  n, err = g:load(path)
  eq(err, path .. ":3: definition must be a string", "bad field in a Lua glossary")
  n, err = g:load("/nonexistent/x.tsv")
  eq(err, "/nonexistent/x.tsv: No such file or directory", "missing file")
  eq(#g, 6, "failed loads added nothing")
end)

test("priorities: a user glossary overrides a shared one", function()
  local g = kg.glossary({ builtin = true })
  local user = tmpfile(".tsv", "딥시크\t\t내 정의\t내 메모\n")
  eq(g:load(user), 1, "user")
  eq(g:lookup("DeepSeek").definition, "내 정의", "later load wins, aliases follow")
  eq(g:load(tmpfile(".tsv", "딥시크\t\t낮은 정의\t-\n"), { priority = -1 }), 1, "low")
  eq(g:lookup("딥시크").definition, "내 정의", "lower priority loses")
  eq(g:add({ term = "딥시크", definition = "높은 정의" }, { priority = 5 }), 1, "high")
  eq(g:lookup("딥시크").definition, "높은 정의", "higher priority wins")
  eq(g:lookup("딥시크").origin, "add", "origin")
end)

test("bad text", function()
  local g = kg.glossary({ builtin = true })
  local hits, err = g:match("AI \xff")
  eq(hits, nil, "invalid UTF-8")
  eq(err, "invalid UTF-8 at byte 4", "message")
  hits, err = g:match("AI\0")
  eq(err, "NUL byte in text at byte 3", "NUL")
  local line = ("딥시크가 오픈소스를 공개했다. "):rep(200000)
  hits = g:match(line)
  eq(#hits, 400000, "5.6 MB line")
end)

test("corpus: every hit names its entry", function()
  local g = kg.glossary({ builtin = true })
  local total, read = 0, 0
  for _, name in ipairs({ "000_b623f40419c0ea1c", "001_d4b04594c5df6013", "002_05e3260b1d111b53",
                          "003_7d8bac50fce901fb", "004_ec06cd831dd8f1d1" }) do
    local path = "../shared/corpus/" .. name .. ".txt"
    local text = t.slurp(path)
    if not text then t.skip(path) end
    if text then
      read = read + 1
      local hits = assert(g:match(text))
      total = total + #hits
      for _, h in ipairs(hits) do
        if not check(g:lookup(text:sub(h.s, h.e)) == h.entry, name .. ": " .. text:sub(h.s, h.e)) then break end
      end
    end
  end
  check(read < 5 or total > 300, "corpus hits " .. total)
end)

for _, p in ipairs(tmp_files) do os.remove(p) end
t.finish()
