-- Validates a kogloss glossary file (default src/data/glossary.tsv).
--
--   lua5.4 tools/check_glossary.lua [FILE]
--
-- Format: UTF-8 without BOM, LF line ends, one entry per line,
--   term<TAB>aliases<TAB>definition<TAB>source<TAB>category<TAB>description
-- Line 1 is exactly that header; lines starting with "#" are comments.
-- aliases are "|"-separated. A "form" is the term or one alias; two forms
-- are the same when the matcher cannot tell them apart: equal after
-- lower-casing ASCII, dropping blanks that touch Hangul and making any
-- other run of blanks and hyphens one space (src/fold.c). No form may occur
-- twice, in one entry or across entries.
--
-- Prints "ok: N entries", or one "file:line: message" per problem and exits
-- with status 1.

local path = arg[1] or "src/data/glossary.tsv"

local HEADER = "term\taliases\tdefinition\tsource\tcategory\tdescription"
local NCOLS = 6
local MAX_DEF = 80
local CATEGORIES = {
  concept = true, technique = true, model = true, organization = true,
  product = true, hardware = true, metric = true, law = true, data = true,
}

local problems = {}
local function problem(lineno, msg)
  problems[#problems + 1] = string.format("%s:%d: %s", path, lineno, msg)
end

-- The key of a form, as src/fold.c makes it (ASCII case only).
local function is_hangul(c) return c ~= nil and c >= 0xAC00 and c <= 0xD7A3 end
local function is_blank(c) return c == 32 or c == 9 end
local function is_hyphen(c) return c == 45 or (c >= 0x2010 and c <= 0x2013) or c == 0x2212 end
local function norm(s)
  local cps = {}
  for _, c in utf8.codes(s:lower()) do cps[#cps + 1] = c end
  local out, i = {}, 1
  while i <= #cps do
    local c = cps[i]
    if is_blank(c) or is_hyphen(c) then
      local j, hyphen = i, false
      while j <= #cps and (is_blank(cps[j]) or is_hyphen(cps[j])) do
        hyphen = hyphen or is_hyphen(cps[j])
        j = j + 1
      end
      local prev, nxt = cps[i - 1], cps[j]
      if prev and nxt and (hyphen or not (is_hangul(prev) or is_hangul(nxt))) then
        out[#out + 1] = " "
      end
      i = j
    else
      out[#out + 1] = utf8.char(c)
      i = i + 1
    end
  end
  return table.concat(out)
end

-- Splits s on the single-byte separator sep, keeping empty fields.
local function split(s, sep)
  local out, start = {}, 1
  while true do
    local i = s:find(sep, start, true)
    if not i then
      out[#out + 1] = s:sub(start)
      return out
    end
    out[#out + 1] = s:sub(start, i - 1)
    start = i + 1
  end
end

-- True when s is one precomposed Hangul syllable (U+AC00..U+D7A3).
local function one_hangul_syllable(s)
  if utf8.len(s) ~= 1 then return false end
  local c = utf8.codepoint(s)
  return c >= 0xAC00 and c <= 0xD7A3
end

local f, err = io.open(path, "rb")
if not f then
  io.stderr:write(err, "\n")
  os.exit(2)
end
local data = f:read("a")
f:close()

if data:sub(1, 3) == "\239\187\191" then
  problem(1, "file starts with a UTF-8 BOM")
  data = data:sub(4)
end
if data ~= "" and data:sub(-1) ~= "\n" then
  problem(1, "file does not end with a newline")
end

local seen_form = {}   -- normalised form -> { line, original text }
local seen_term = {}
local entries = 0
local lineno = 0

local lines = split(data, "\n")
if lines[#lines] == "" then lines[#lines] = nil end  -- after the last LF

for _, line in ipairs(lines) do
  lineno = lineno + 1
  local bad_utf8 = utf8.len(line) == nil
  if bad_utf8 then
    problem(lineno, "invalid UTF-8")
  elseif line:find("\r", 1, true) then
    problem(lineno, "carriage return (use LF line ends)")
  elseif lineno == 1 then
    if line ~= HEADER then
      problem(lineno, "header must be: " .. HEADER:gsub("\t", "<TAB>"))
    end
  elseif line:sub(1, 1) == "#" then
    -- comment
  elseif line == "" then
    problem(lineno, "empty line")
  else
    local cols = split(line, "\t")
    if #cols ~= NCOLS then
      problem(lineno, string.format("%d columns, expected %d", #cols, NCOLS))
    else
      entries = entries + 1
      local term, aliases, def, _, cat = cols[1], cols[2], cols[3], cols[4], cols[5]
      for i, c in ipairs(cols) do
        if c ~= c:match("^%s*(.-)%s*$") then
          problem(lineno, string.format("column %d has leading or trailing white space", i))
        end
      end
      if term == "" then problem(lineno, "empty term") end
      if def == "" then problem(lineno, "empty definition") end
      local n = utf8.len(def)
      if n and n > MAX_DEF then
        problem(lineno, string.format("definition is %d characters, at most %d", n, MAX_DEF))
      end
      if not CATEGORIES[cat] then
        problem(lineno, string.format("unknown category %q", cat))
      end
      if term ~= "" then
        if seen_term[term] then
          problem(lineno, string.format("duplicate term %q (line %d)", term, seen_term[term]))
        else
          seen_term[term] = lineno
        end
      end
      local forms = { term }
      if aliases ~= "" then
        for _, a in ipairs(split(aliases, "|")) do forms[#forms + 1] = a end
      end
      for i, form in ipairs(forms) do
        local key = norm(form)
        if key == "" then
          problem(lineno, i == 1 and "term is empty after normalisation"
            or string.format("empty alias (alias %d)", i - 1))
        elseif one_hangul_syllable(key) then
          problem(lineno, string.format("one-syllable Korean form %q", form))
        elseif key:match("^%a$") then
          problem(lineno, string.format("one-letter form %q", form))
        else
          local prev = seen_form[key]
          if prev then
            if prev[1] == lineno then
              problem(lineno, string.format("form %q repeats %q in the same entry", form, prev[2]))
            else
              problem(lineno, string.format("form %q clashes with %q (line %d)", form, prev[2], prev[1]))
            end
          else
            seen_form[key] = { lineno, form }
          end
        end
      end
    end
  end
end

if #problems > 0 then
  for _, p in ipairs(problems) do print(p) end
  os.exit(1)
end
print(string.format("ok: %d entries", entries))
