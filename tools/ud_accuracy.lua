-- Stem | tail boundary accuracy on the UD Korean dev treebanks, for kogloss
-- and, in the same run, MeCab + mecab-ko-dic.
--
--   lua5.4 tools/ud_accuracy.lua [UD_DIR] [--no-mecab] [--hunspell] [--errors N]
--                                [--halves]
--
-- --halves also scores odd and even sentences apart: a rule tuned on
-- errors of one half should help the other as much (overfitting check).
--
-- Gold (from shared/REFERENCE.md): split LEMMA and XPOS on "+" (MISC
-- OrigLemma wins); the stem is the morphemes before the first functional one
-- (Kaist: j*, e*, xsv*, xsm*; Sejong: J*, E*, VCP, XSV, XSA). A token is scored
-- when FORM starts with that stem; the boundary is its length. PUNCT is
-- skipped. Both systems see whole sentences and are scored on the same words.
local kogloss = require("kogloss")

local ud_dir, use_mecab, use_hunspell, show_errors = "../shared/data/ud", true, false, 0
local show_halves = false
do
  local i = 1
  while i <= #arg do
    local a = arg[i]
    if a == "--no-mecab" then use_mecab = false
    elseif a == "--hunspell" then use_hunspell = true
    elseif a == "--halves" then show_halves = true
    elseif a == "--errors" then i = i + 1; show_errors = tonumber(arg[i])
    else ud_dir = a end
    i = i + 1
  end
end

local TREEBANKS = {
  { name = "Kaist dev", file = "ko_kaist-ud-dev.conllu", kaist = true },
  { name = "GSD dev", file = "ko_gsd-ud-dev.conllu", kaist = false },
}

local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end

local function is_functional(tag, kaist)
  if kaist then
    local c = tag:sub(1, 1)
    return c == "j" or c == "e" or tag:sub(1, 3) == "xsv" or tag:sub(1, 3) == "xsm"
  end
  local c = tag:sub(1, 1)
  return c == "J" or c == "E" or tag == "VCP" or tag == "XSV" or tag == "XSA"
end

-- Class of a scored word, for the per-class table.
local function word_class(tags, k, kaist, form_len, boundary)
  if boundary == form_len then return "no tail" end
  local first, fn = tags[1], tags[k] or ""
  local nominal = kaist and first:match("^n") or (not kaist and (first:match("^N") or first == "SL" or first == "SN"))
  local pred_suffix = kaist and (fn:match("^xs") or fn == "jp") or (not kaist and (fn == "XSV" or fn == "XSA" or fn == "VCP"))
  if nominal and pred_suffix then return "noun + 하다/copula" end
  if nominal then return "noun + particle" end
  if kaist and first:match("^p") or (not kaist and first:match("^V")) then return "verb + ending" end
  return "other"
end

-- Reads a treebank: sentences with text and scored words {s, e, gold, class, form}.
local function read_treebank(path, kaist)
  local f = assert(io.open(path, "r"))
  local sentences, cur = {}, nil
  local stats = { words = 0, scored = 0, not_derivable = 0, inside_syllable = 0 }
  local function finish()
    if cur and cur.text then sentences[#sentences + 1] = cur end
    cur = nil
  end
  for line in f:lines() do
    if line == "" then finish()
    elseif line:sub(1, 9) == "# text = " then
      cur = cur or { words = {}, pos = 1 }
      cur.text = line:sub(10)
    elseif line:sub(1, 1) ~= "#" then
      cur = cur or { words = {}, pos = 1 }
      local c = split(line, "\t")
      local id, form, lemma, upos, xpos, misc = c[1], c[2], c[3], c[4], c[5], c[10]
      if not id:find("[-.]") then
        local s, e
        if cur.text then s, e = cur.text:find(form, cur.pos, true) end
        if s then cur.pos = e + 1 else cur.broken = true end
        if upos ~= "PUNCT" then
          -- the word after each scored word, for --errors
          local last = cur.words[#cur.words]
          if last and not last.next then last.next = form end
          cur.prev_form, cur.this_form = cur.this_form, form
          stats.words = stats.words + 1
          local orig = misc and misc:match("OrigLemma=([^|]+)")
          if orig then lemma = orig end
          local lemmas, tags = split(lemma, "+"), split(xpos, "+")
          if #lemmas ~= #tags then
            stats.not_derivable = stats.not_derivable + 1
          else
            local k = #tags + 1
            for i, t in ipairs(tags) do
              if is_functional(t, kaist) then k = i; break end
            end
            local stem = table.concat(lemmas, "", 1, k - 1)
            if form:sub(1, #stem) == stem and s then
              stats.scored = stats.scored + 1
              cur.words[#cur.words + 1] = {
                s = s, e = e, gold = #stem, form = form, prev = cur.prev_form,
                class = word_class(tags, k, kaist, #form, #stem),
                analysis = lemma .. " " .. xpos,
              }
            else
              stats.inside_syllable = stats.inside_syllable + 1
            end
          end
        end
      end
    end
  end
  finish()
  f:close()
  return sentences, stats
end

-- Predicted stem lengths of the words of one sentence from kogloss parts.
local function kogloss_predict(seg, sent)
  local toks = assert(seg:segment(sent.text))
  local parts = {}
  for _, t in ipairs(toks) do
    for _, p in ipairs(t.parts) do parts[#parts + 1] = p end
  end
  local out, pi = {}, 1
  for wi, w in ipairs(sent.words) do
    while pi <= #parts and parts[pi].e < w.s do pi = pi + 1 end
    local len = w.e - w.s + 1
    for j = pi, #parts do
      local p = parts[j]
      if p.s > w.e then break end
      if p.s >= w.s and (p.tag == "J" or p.tag == "E" or p.tag == "VCP" or p.tag == "XSV" or p.tag == "XSA") then
        len = p.s - w.s
        break
      end
    end
    out[wi] = len
  end
  return out
end

local function new_tally()
  return { ok = 0, n = 0, classes = {}, errors = {}, halves = { { ok = 0, n = 0 }, { ok = 0, n = 0 } } }
end

-- half: 1 for odd-numbered sentences, 2 for even ones.
local function count(tally, w, predicted, half)
  local c = tally.classes[w.class] or { ok = 0, n = 0 }
  tally.classes[w.class] = c
  local h = tally.halves[half]
  c.n, tally.n, h.n = c.n + 1, tally.n + 1, h.n + 1
  if predicted == w.gold then
    c.ok, tally.ok, h.ok = c.ok + 1, tally.ok + 1, h.ok + 1
  else
    tally.errors[#tally.errors + 1] = w
    w.predicted = predicted
  end
end

local function pct(ok, n) return n > 0 and string.format("%6.2f%%", 100 * ok / n) or "   n/a" end

local seg = kogloss.segmenter()
if use_hunspell then
  local n, err = seg:load_hunspell()
  print(n and ("hunspell-ko: " .. n .. " words added") or ("hunspell-ko not used: " .. err))
end

local mecab, dicdir
if use_mecab then
  local ok, m = pcall(require, "peers.mecab")
  if ok then
    mecab = m
    local d, err = m.dicdir()
    if d then dicdir = d else print("MeCab-ko not available: " .. tostring(err)); mecab = nil end
  else
    print("MeCab-ko harness not found: " .. tostring(m))
  end
end

local all_ok = true
for _, tb in ipairs(TREEBANKS) do
  local sentences, stats = read_treebank(ud_dir .. "/" .. tb.file, tb.kaist)
  local ours, theirs = new_tally(), new_tally()
  for si, sent in ipairs(sentences) do
    local pred = kogloss_predict(seg, sent)
    for i, w in ipairs(sent.words) do count(ours, w, pred[i], 2 - si % 2) end
  end
  if mecab then
    local res = assert(mecab.stem_lengths(dicdir, sentences))
    for si, sent in ipairs(sentences) do
      for i, w in ipairs(sent.words) do count(theirs, w, res[si] and res[si][i] or -1, 2 - si % 2) end
    end
  end
  print(string.format("\n%s: %d words, %d scored (%d not derivable, %d boundary inside a syllable)",
    tb.name, stats.words, stats.scored, stats.not_derivable, stats.inside_syllable))
  print(string.format("  %-22s %8s %8s %8s", "class", "words", "kogloss", mecab and "MeCab-ko" or ""))
  local names = {}
  for name in pairs(ours.classes) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local c, m = ours.classes[name], theirs.classes[name]
    print(string.format("  %-22s %8d %8s %8s", name, c.n, pct(c.ok, c.n), m and pct(m.ok, m.n) or ""))
  end
  print(string.format("  %-22s %8d %8s %8s", "ALL", ours.n, pct(ours.ok, ours.n),
    mecab and pct(theirs.ok, theirs.n) or ""))
  if show_halves then
    for h, label in ipairs({ "odd sentences", "even sentences" }) do
      local a, m = ours.halves[h], theirs.halves[h]
      print(string.format("  %-22s %8d %8s %8s", label, a.n, pct(a.ok, a.n),
        mecab and pct(m.ok, m.n) or ""))
    end
  end
  if show_errors > 0 then
    for i = 1, math.min(show_errors, #ours.errors) do
      local w = ours.errors[i]
      print(string.format("    %s  gold %s|%s  ours %s|%s  (%s) [%s] prev: %s next: %s", w.form,
        w.form:sub(1, w.gold), w.form:sub(w.gold + 1), w.form:sub(1, w.predicted),
        w.form:sub(w.predicted + 1), w.class, w.analysis, w.prev or "-", w.next or "-"))
    end
  end
  _G.RESULTS = _G.RESULTS or {}
  _G.RESULTS[tb.name] = ours.ok / ours.n
end

-- Unknown nouns followed by particles: our own test set.
local path = "tests/data/unknown_nouns.tsv"
local f = io.open(path, "r")
if f then
  local n, ok_ours, ok_mecab, lines = 0, 0, 0, {}
  for line in f:lines() do
    local word, stem = line:match("^([^\t#][^\t]*)\t([^\t]*)$")
    if word then lines[#lines + 1] = { word = word, stem = stem } end
  end
  f:close()
  local sentences = {}
  for _, l in ipairs(lines) do
    n = n + 1
    local toks = assert(seg:segment(l.word))
    local predicted = #l.word
    for _, t in ipairs(toks) do
      for _, p in ipairs(t.parts) do
        if p.tag == "J" or p.tag == "E" or p.tag == "VCP" or p.tag == "XSV" or p.tag == "XSA" then
          predicted = math.min(predicted, p.s - 1)
        end
      end
    end
    if predicted == #l.stem then ok_ours = ok_ours + 1
    elseif show_errors > 0 then print("    unknown-noun miss: " .. l.word .. " -> " .. l.word:sub(1, predicted) .. "|" .. l.word:sub(predicted + 1)) end
    sentences[#sentences + 1] = { text = l.word, words = { { s = 1, e = #l.word } } }
  end
  if mecab then
    local res = assert(mecab.stem_lengths(dicdir, sentences))
    for i, l in ipairs(lines) do
      if res[i] and res[i][1] == #l.stem then ok_mecab = ok_mecab + 1 end
    end
  end
  print(string.format("\nUnknown nouns + particles (%s): %d words  kogloss %s  MeCab-ko %s",
    path, n, pct(ok_ours, n), mecab and pct(ok_mecab, n) or "n/a"))
end
os.exit(all_ok and 0 or 1)
