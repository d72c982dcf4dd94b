-- Tests of kogloss.classify / strip / boilerplate(); Lua 5.4 and LuaJIT.
--   LUA_PATH="lua/?.lua;lua/?/init.lua" LUA_CPATH="build/lua5.4/?.so" lua5.4 tests/lua/test_boilerplate.lua
-- Run from the repository root. Prints failures, then "RESULT <passed> <failed>".

local t = dofile("tests/lua/harness.lua")
local check, eq, test = t.check, t.eq, t.test

local slurp = t.slurp

local ok_require, kg = pcall(require, "kogloss")
if not ok_require then
  print("FAIL require('kogloss'): " .. tostring(kg))
  print("RESULT 0 1")
  os.exit(1)
end

test("exported", function()
  eq(type(kg.classify), "function", "classify")
  eq(type(kg.strip), "function", "strip")
  eq(type(kg.boilerplate), "function", "boilerplate")
end)

test("offsets and classes", function()
  local t = "첫 줄입니다.\r\n\r\n  • 좋아요 3\r\n끝 줄"
  local r = kg.classify(t)
  eq(#r, 4, "lines")
  eq(r[1].s, 1, "s1"); eq(t:sub(r[1].s, r[1].e), "첫 줄입니다.", "line 1")
  eq(r[1].class, "content", "class 1"); eq(r[1].reason, "sentence", "reason 1")
  eq(r[2].class, "blank", "class 2"); eq(r[2].e, r[2].s - 1, "empty line")
  eq(t:sub(r[3].s, r[3].e), "  • 좋아요 3", "line 3")
  eq(r[3].class, "boilerplate", "class 3"); eq(r[3].reason, "reaction", "reason 3")
  eq(t:sub(r[4].s, r[4].e), "끝 줄", "line 4"); eq(r[4].e, #t, "last e")
  eq(#kg.classify(""), 0, "empty text")
end)

test("bad text", function()
  local r, msg = kg.classify("좋은 줄\n\237\160\128")
  eq(r, nil, "nil on bad UTF-8")
  check(type(msg) == "string" and msg:find("at byte 12", 1, true), "message: " .. tostring(msg))
  r, msg = kg.strip("a\0b")
  eq(r, nil, "nil on NUL")
  check(type(msg) == "string" and msg:find("at byte 2", 1, true), "message: " .. tostring(msg))
  check(not pcall(kg.classify, {}), "a table is a Lua error")
end)

test("strip", function()
  local lines, map = kg.strip("제목 한 줄\n입력 2025.02.03 18:27\n\n본문은 이렇게 끝난다.\r\n좋아요 0")
  eq(#lines, 2, "content lines"); eq(#map, 2, "map")
  eq(lines[1], "제목 한 줄", "line 1"); eq(lines[2], "본문은 이렇게 끝난다.", "line 2")
  eq(map[1], 1, "map 1"); eq(map[2], 4, "map 2")
end)

test("user rules", function()
  local b = kg.boilerplate()
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write("# user rules\nkeep_input content ^입력\n\nbroken boilerplate (unclosed\n")
  f:close()
  local n, msg = b:load_rules(path)
  eq(n, nil, "bad file refused")
  check(type(msg) == "string" and msg:find(path .. ":4: rule 'broken'", 1, true), "message: " .. tostring(msg))
  eq(b:rule_count(), 0, "nothing kept")
  f = assert(io.open(path, "wb"))
  f:write("keep_input content ^입력\nsignoff boilerplate:10 ^끝\\.$\n")
  f:close()
  eq(b:load_rules(path), 2, "loaded")
  os.remove(path)
  local r = b:classify("입력 2025.02.03 18:27\n끝.\n")
  eq(r[1].class, "content", "user content rule wins"); eq(r[1].reason, "keep_input", "reason")
  eq(r[2].class, "boilerplate", "signoff"); eq(r[2].reason, "signoff", "reason")
  local lines, map = b:strip("입력 2025.02.03\n끝.")
  eq(#lines, 1, "strip with user rules"); eq(map[1], 1, "map")
  eq(select(2, b:add_rules("x remove ^a", "inline")), "inline:1: unknown action 'remove' (boilerplate, content or list)", "bad action")
  -- the default classifier is unchanged
  eq(kg.classify("입력 2025.02.03 18:27")[1].class, "boilerplate", "default unaffected")
end)

test("catastrophic pattern", function()
  local b = kg.boilerplate()
  eq(b:add_rules("evil boilerplate ^(a+)+$"), 1, "added")
  local t0 = os.clock()
  local r, hits = b:classify(("a"):rep(20000) .. "b")
  check(os.clock() - t0 < 5, "bounded time")
  check(hits >= 1, "limit hit reported: " .. tostring(hits))
  check(r[1].reason ~= "evil", "no match on limit")
  eq(b:classify("aaaa")[1].reason, "evil", "matches where it can")
end)

-- every labelled line (tests/data/boilerplate/README.md)
test("labelled articles", function()
  local list = slurp("tests/data/boilerplate/articles.list")
  check(list, "articles.list readable")
  local articles, skipped = 0, 0
  for entry in (list or ""):gmatch("[^\n]+") do
    if not entry:find("^#") then
      local lpath, tpath = entry:match("^(%S+)%s+(%S+)")
      local text, labels = slurp(tpath), slurp(lpath)
      if not text and labels and t.is_shared(tpath) then
        t.skip(tpath)
        skipped = skipped + 1
      elseif check(text and labels, "read " .. tpath) then
        articles = articles + 1
        local r = kg.classify(text)
        local i = 0
        for lab in labels:gmatch("([^\n]*)\n") do
          i = i + 1
          local want = lab:sub(1, 1)
          local l = r[i]
          local got = l and (l.class == "blank" and "." or l.class == "boilerplate" and "b" or "c")
          check(got == want, ("%s:%d: want %s, got %s [%s] %s"):format(tpath, i, want, tostring(got),
            l and l.reason or "-", l and text:sub(l.s, l.e) or ""))
        end
        eq(#r, i, tpath .. " line count")
      end
    end
  end
  eq(articles + skipped, 12, "articles")
  check(articles >= 7, "the articles kept in tests/data")
end)

t.finish()
