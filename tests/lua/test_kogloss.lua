-- Tests of the Lua module; runs under Lua 5.4 and LuaJIT (Neovim's Lua).
--   LUA_PATH="lua/?.lua;lua/?/init.lua" LUA_CPATH="build/lua5.4/?.so" lua5.4 tests/lua/test_kogloss.lua
--   LUA_PATH="lua/?.lua;lua/?/init.lua" LUA_CPATH="lua/?.so" luajit tests/lua/test_kogloss.lua
-- Prints failures, then "RESULT <passed> <failed>" as the last line; the
-- exit status is 0 only when nothing failed.

local t = dofile("tests/lua/harness.lua")
local check, eq, test = t.check, t.eq, t.test

local runtime = (jit and jit.version) or _VERSION

-- ---------------------------------------------------------------------------

local ok_require, kg = pcall(require, "kogloss")
if not ok_require then
  print("FAIL require('kogloss') under " .. runtime .. ": " .. tostring(kg))
  print("RESULT 0 1")
  os.exit(1)
end

-- "stem|tail [part/TAG ...]" of a token, for messages
local function describe(text, tok)
  local parts = {}
  for _, p in ipairs(tok.parts or {}) do
    parts[#parts + 1] = text:sub(p.s, p.e) .. "/" .. tostring(p.tag)
  end
  return text:sub(tok.s, tok.stem_e) .. "|" .. text:sub(tok.stem_e + 1, tok.e)
    .. " [" .. table.concat(parts, " ") .. "]"
end

-- Checks tokens of text: 1-based inclusive offsets, in order, parts
-- contiguous and covering each token, stem_e at the first tail part.
local TAIL = { J = true, E = true, VCP = true, XSV = true, XSA = true }
-- ASCII white space, U+00A0, U+3000 (the spaces the articles use)
local function is_blank(s)
  s = s:gsub("\194\160", ""):gsub("\227\128\128", "")
  return s:find("^%s*$") ~= nil
end
local function partition_ok(text, toks)
  local pos = 0
  for i, t in ipairs(toks) do
    if type(t.s) ~= "number" or type(t.e) ~= "number" or t.s <= pos or t.e < t.s or t.e > #text then
      return false, ("token %d [%s, %s] out of order (prev end %d, len %d)"):format(i, tostring(t.s), tostring(t.e), pos, #text)
    end
    if not is_blank(text:sub(pos + 1, t.s - 1)) then
      return false, ("bytes before token %d are not spaces: %q"):format(i, text:sub(pos + 1, t.s - 1))
    end
    if #t.parts == 0 then return false, ("token %d has no parts"):format(i) end
    local at, stem_e = t.s, t.e
    for k, p in ipairs(t.parts) do
      if p.s ~= at or p.e < p.s or p.e > t.e then
        return false, ("token %d part %d [%d, %d] not contiguous (want start %d)"):format(i, k, p.s, p.e, at)
      end
      if type(p.tag) ~= "string" or p.tag == "?" then
        return false, ("token %d part %d has tag %s"):format(i, k, tostring(p.tag))
      end
      if stem_e == t.e and TAIL[p.tag] then stem_e = p.s - 1 end
      at = p.e + 1
    end
    if at ~= t.e + 1 then return false, ("token %d parts end at %d, token at %d"):format(i, at - 1, t.e) end
    if t.stem_e ~= stem_e then
      return false, ("token %d stem_e %s, first tail part gives %d"):format(i, tostring(t.stem_e), stem_e)
    end
    pos = t.e
  end
  if not is_blank(text:sub(pos + 1)) then
    return false, ("bytes after the last token are not spaces: %q"):format(text:sub(pos + 1, pos + 20))
  end
  return true
end

-- the eojeol stem..tail must be one token with exactly that stem
local function split(seg_fn, stem, tail, level)
  local text = stem .. tail
  local toks, err = seg_fn(text)
  if not toks then return check(false, text .. ": " .. tostring(err), (level or 1) + 1) end
  if #toks ~= 1 then
    return check(false, ("%s: %d tokens, want 1"):format(text, #toks), (level or 1) + 1)
  end
  local t = toks[1]
  return check(t.s == 1 and t.e == #text and t.stem_e == #stem,
    ("%s: got %s, want %s|%s"):format(text, describe(text, t), stem, tail), (level or 1) + 1)
end

-- ---------------------------------------------------------------------------

test("module", function()
  eq(type(kg), "table", "require('kogloss')")
  for _, name in ipairs({ "segment", "normalize", "segmenter", "utf8_check" }) do
    eq(type(kg[name]), "function", "kogloss." .. name)
  end
  eq(type(kg.version), "string", "kogloss.version")
  check(tostring(kg.version):match("^%d+%.%d+%.%d+$"), "version looks like x.y.z: " .. tostring(kg.version))
  -- the core really is the build for this Lua
  eq(kg.lua_abi, jit and "Lua 5.1 / LuaJIT" or _VERSION, "lua_abi")
  eq(require("kogloss.core").segment, kg.segment, "kogloss re-exports kogloss.core")
end)

test("segment offsets", function()
  local text = "딥시크가 강화학습만으로 GPT-4급 모델을 개발했다."
  local toks = assert(kg.segment(text))
  eq(#toks, 6, "token count")
  local want = { "딥시크가", "강화학습만으로", "GPT-4급", "모델을", "개발했다", "." }
  for i, w in ipairs(want) do
    local t = toks[i]
    eq(t and text:sub(t.s, t.e), w, "token " .. i)
    if t then
      local joined = {}
      for _, p in ipairs(t.parts) do joined[#joined + 1] = text:sub(p.s, p.e) end
      eq(table.concat(joined), w, "parts of token " .. i)
    end
  end
  check(partition_ok(text, toks))
  local t1 = toks[1]
  eq(t1.s, 1, "first s")
  eq(t1.e, 12, "first e")
  eq(t1.stem_e, 9, "first stem_e")
  eq(t1.parts[1].tag, "N", "딥시크 tag")
  eq(t1.parts[#t1.parts].tag, "J", "가 tag")
  eq(toks[6].parts[1].tag, "SF", ". tag")
  eq(toks[6].stem_e, toks[6].e, "punctuation has no tail")
  -- empty and blank text
  eq(#assert(kg.segment("")), 0, "tokens of ''")
  eq(#assert(kg.segment("  \n\t ")), 0, "tokens of blanks")
end)

local REQUIRED = {
  { "딥시크", "가" }, { "강화학습", "으로" }, { "강화학습", "만으로" },
  { "활용", "하여" }, { "개발", "했다" }, { "오픈소스", "라고" },
  { "결과", "가" }, { "전문가", "는" }, { "국가", "의" }, { "효과", "" },
  { "사과", "" }, { "AI", "를" }, { "H800", "으로도" }, { "LLM", "의" },
  { "GPT-4급", "" }, { "2025년", "" },
}

test("stem|tail", function()
  for _, c in ipairs(REQUIRED) do split(kg.segment, c[1], c[2]) end
  -- the tags named in the specification
  local t = assert(kg.segment("개발했다"))[1]
  eq(#t.parts, 2, "parts of 개발했다")
  eq(t.parts[2] and t.parts[2].tag, "XSV", "했다 tag")
  eq(t.parts[2] and t.parts[2].s, 7, "했다 start")
  t = assert(kg.segment("AI를"))[1]
  eq(t.parts[1].tag, "SL", "AI tag")
  t = assert(kg.segment("GPT-4급"))[1]
  eq(t.parts[#t.parts].tag, "XSN", "급 tag")
  eq("GPT-4급", ("GPT-4급"):sub(t.s, t.stem_e), "GPT-4급 stem")
end)

test("punctuation", function()
  local toks = assert(kg.segment("결과가."))
  eq(#toks, 2, "tokens of 결과가.")
  toks = assert(kg.segment("(AI)"))
  eq(#toks, 3, "tokens of (AI)")
  eq(toks[2] and ("(AI)"):sub(toks[2].s, toks[2].e), "AI", "middle token")
end)

test("argument errors", function()
  for _, bad in ipairs({ {}, true, print }) do
    local ok, err = pcall(kg.segment, bad)
    check(not ok, "segment(" .. type(bad) .. ") must raise")
    check(tostring(err):find("string expected", 1, true),
      "segment(" .. type(bad) .. ") message: " .. tostring(err))
  end
  local ok, err = pcall(kg.segment)
  check(not ok and tostring(err):find("string expected", 1, true), "segment() message: " .. tostring(err))
  ok, err = pcall(kg.segment, nil)
  check(not ok and tostring(err):find("bad argument #1", 1, true), "segment(nil) message: " .. tostring(err))
  ok, err = pcall(kg.normalize, {})
  check(not ok and tostring(err):find("string expected", 1, true), "normalize({}) message: " .. tostring(err))
  ok, err = pcall(kg.normalize, "a", "NFX")
  check(not ok and tostring(err):find("NFX", 1, true), "normalize form message: " .. tostring(err))
  local s = kg.segmenter()
  ok, err = pcall(s.segment, s, {})
  check(not ok and tostring(err):find("string expected", 1, true), "seg:segment({}) message: " .. tostring(err))
  ok, err = pcall(s.segment, {}, "a")
  check(not ok and tostring(err):find("kogloss.segmenter", 1, true), "segment with a bad self: " .. tostring(err))
  ok, err = pcall(s.add_word, s, "말", "pronoun")
  check(not ok and tostring(err):find("pronoun", 1, true), "add_word kind message: " .. tostring(err))
  ok, err = pcall(s.add_word, s, "\255")
  check(not ok and tostring(err):find("UTF-8", 1, true), "add_word invalid UTF-8: " .. tostring(err))
end)

test("text errors", function()
  local toks, err = kg.segment("딥시크\255가")
  eq(toks, nil, "segment of invalid UTF-8")
  eq(err, "invalid UTF-8 at byte 10", "message")
  toks, err = kg.segment("ab\237\160\128")  -- a surrogate
  eq(toks, nil, "segment of a surrogate")
  eq(err, "invalid UTF-8 at byte 3", "message")
  toks, err = kg.segment("결과가\0.")
  eq(toks, nil, "segment with NUL")
  check(type(err) == "string" and err:find("NUL", 1, true) and err:find("at byte 10", 1, true),
    "NUL message: " .. tostring(err))
  local s, m = kg.normalize("a\128")
  eq(s, nil, "normalize invalid")
  eq(m, "invalid UTF-8 at byte 2", "normalize message")
  -- utf8_check
  eq(kg.utf8_check("한국어"), true, "utf8_check valid")
  local r, msg, off = kg.utf8_check("ab\192\128")
  eq(r, nil, "utf8_check overlong")
  eq(msg, "invalid UTF-8 at byte 3", "utf8_check message")
  eq(off, 3, "utf8_check offset")
  r, msg, off = kg.utf8_check("a\0")
  eq(r, nil, "utf8_check NUL")
  eq(off, 2, "utf8_check NUL offset")
  -- still fine afterwards
  split(kg.segment, "결과", "가")
end)

test("normalize", function()
  local s, map = kg.normalize("ＡＩ와 DeepSeek", "NFKC")
  eq(s, "AI와 DeepSeek", "NFKC text")
  eq(type(map), "userdata", "map type")
  local a, b = map:span(1, 1)
  eq(a, 1, "span A start"); eq(b, 3, "span A end")
  a, b = map:span(2)
  eq(a, 4, "span I start"); eq(b, 6, "span I end")
  a, b = map:span(3, 5)   -- 와
  eq(a, 7, "span 와 start"); eq(b, 9, "span 와 end")
  a, b = map:span(1, #s)
  eq(a, 1, "span all start"); eq(b, #"ＡＩ와 DeepSeek", "span all end")
  local ok, err = pcall(map.span, map, 0, 1)
  check(not ok and tostring(err):find("outside", 1, true), "span(0, 1) error: " .. tostring(err))
  ok, err = pcall(map.span, map, 1, #s + 1)
  check(not ok, "span past the end must raise")
  -- NFD Hangul under the default form (NFC)
  local nfd = "\225\132\146\225\133\161\225\134\171" -- 한 as U+1112 U+1161 U+11AB
  s, map = kg.normalize(nfd .. "국")
  eq(s, "한국", "NFC of NFD")
  a, b = map:span(1, 3)
  eq(a, 1, "한 start"); eq(b, 9, "한 end")
  a, b = map:span(4, 6)
  eq(a, 10, "국 start"); eq(b, 12, "국 end")
  s = kg.normalize("DeepSeek", "NFKC_CF")
  eq(s, "deepseek", "NFKC_CF")
  -- segment offsets refer to the original (decomposed) text
  local text = nfd .. "국의"
  local toks = assert(kg.segment(text))
  eq(#toks, 1, "tokens of NFD 한국의")
  eq(toks[1].e, #text, "NFD token end")
  eq(text:sub(toks[1].s, toks[1].stem_e), nfd .. "국", "NFD stem")
  check(partition_ok(text, toks))
end)

test("segmenter and add_word", function()
  local s = kg.segmenter()
  local before = s:lexicon_size()
  check(before > 0, "lexicon_size > 0")
  split(function(t) return s:segment(t) end, "키키", "도")
  eq(s:add_word("키키도", "noun"), s, "add_word returns the segmenter")
  eq(s:lexicon_size(), before + 1, "lexicon_size after add_word")
  split(function(t) return s:segment(t) end, "키키도", "")
  split(function(t) return s:segment(t) end, "키키도", "는")
  -- default kind is noun; a glossary term with a space
  s:add_word("쿠루 라")
  split(function(t) return s:segment(t) end, "쿠루라", "")
  eq(s:add_word("쿠루하", "verb"), s, "add_word with kind verb")
  eq(s:add_word("쿠루루", "adverb"), s, "add_word with kind adverb")
  eq(s:lexicon_size(), before + 4, "lexicon_size after four words")
  -- the shared default segmenter is not changed
  split(kg.segment, "키키", "도")
  local n, err = s:load_hunspell("/nonexistent/ko.dic")
  eq(n, nil, "load_hunspell of a missing file")
  check(type(err) == "string" and err:find("/nonexistent/ko.dic", 1, true), "load_hunspell message: " .. tostring(err))
end)

test("big line", function()
  local unit = "딥시크가 강화학습만으로 GPT-4급 모델을 개발했다. "
  local per = #assert(kg.segment(unit))
  local reps = math.floor(10 * 1024 * 1024 / #unit)
  local big = unit:rep(reps)
  local t0 = os.clock()
  local toks = assert(kg.segment(big))
  eq(#toks, per * reps, "tokens of the 10 MB line")
  local last = toks[#toks - per + 1]
  eq(last and big:sub(last.s, last.stem_e), "딥시크", "stem in the last copy")
  -- no spaces at all
  local nospace = ("딥시크가강화학습만으로"):rep(math.floor(10 * 1024 * 1024 / 33))
  toks = assert(kg.segment(nospace))
  eq(#toks, 1, "tokens of the 10 MB word")
  eq(toks[1] and toks[1].e, #nospace, "end of the 10 MB word")
  io.write(("big line: %d MB, %.2f s\n"):format(math.floor(#big / 1048576), os.clock() - t0))
end)

test("corpus", function()
  local files = {}
  local p = io.popen("ls ../shared/corpus/*.txt 2>/dev/null")
  if p then
    for line in p:lines() do files[#files + 1] = line end
    p:close()
  end
  if #files == 0 then
    t.skip("../shared/corpus/*.txt")
    return
  end
  local total = 0
  for _, path in ipairs(files) do
    local f = assert(io.open(path, "rb"))
    local text = f:read("*a")
    f:close()
    local toks, err = kg.segment(text)
    check(toks, path .. ": " .. tostring(err))
    if toks then
      total = total + #toks
      local ok, why = partition_ok(text, toks)
      check(ok, path .. ": " .. tostring(why))
    end
  end
  check(total > 1000, "corpus tokens: " .. total)
end)

t.finish()
