-- Reports expected terms that no glossary form covers.
--
--   lua5.4 tools/glossary_coverage.lua [GLOSSARY] [TERMS] [CORPUS_DIR]
--
-- GLOSSARY defaults to src/data/glossary.tsv, TERMS to
-- tests/data/corpus_key_terms.txt. TERMS has one expected surface term per
-- line; "# NAME" lines name the article the following terms come from, and
-- other "#" lines and blank lines are ignored. A term is covered when it
-- equals the term or an alias of some glossary entry after lower-casing ASCII
-- and dropping white space and hyphens (as tools/check_glossary.lua does).
--
-- With CORPUS_DIR, each expected term must also occur (same comparison) in
-- CORPUS_DIR/NAME, which catches typos in the term list.
--
-- Prints "ok: N of N terms covered" or one "file:line: message" per problem
-- and exits with status 1.

local gloss_path = arg[1] or "src/data/glossary.tsv"
local terms_path = arg[2] or "tests/data/corpus_key_terms.txt"
local corpus_dir = arg[3]

local function norm(s)
  return (s:lower():gsub("[%s%-]", ""))
end

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then
    io.stderr:write(err, "\n")
    os.exit(2)
  end
  local s = f:read("a")
  f:close()
  return s
end

-- Every form of the glossary, normalised, mapped to the entry's term.
local covered = {}
do
  local first = true
  for line in read(gloss_path):gmatch("[^\n]+") do
    line = line:gsub("\r$", "")
    if first then
      first = false
    elseif line:sub(1, 1) ~= "#" then
      local term, aliases = line:match("^([^\t]*)\t([^\t]*)")
      if term and term ~= "" then
        covered[norm(term)] = term
        for a in aliases:gmatch("[^|]+") do covered[norm(a)] = term end
      end
    end
  end
end

local corpus_cache = {}
local function corpus_text(name)
  if corpus_cache[name] == nil then
    local f = io.open(corpus_dir .. "/" .. name, "rb")
    corpus_cache[name] = f and norm(f:read("a")) or false
    if f then f:close() end
  end
  return corpus_cache[name]
end

local problems, total, ok = {}, 0, 0
local current_file
local lineno = 0
for line in (read(terms_path) .. "\n"):gmatch("([^\n]*)\n") do
  lineno = lineno + 1
  line = line:gsub("\r$", ""):match("^%s*(.-)%s*$")
  local name = line:match("^#%s*(%S+%.txt)%s*$")
  if name then
    current_file = name
  elseif line ~= "" and line:sub(1, 1) ~= "#" then
    total = total + 1
    local key = norm(line)
    local good = true
    if not covered[key] then
      good = false
      problems[#problems + 1] = string.format("%s:%d: %q is not covered by the glossary",
        terms_path, lineno, line)
    end
    if corpus_dir and current_file then
      local text = corpus_text(current_file)
      if text == false then
        good = false
        problems[#problems + 1] = string.format("%s:%d: cannot read %s/%s",
          terms_path, lineno, corpus_dir, current_file)
      elseif not text:find(key, 1, true) then
        good = false
        problems[#problems + 1] = string.format("%s:%d: %q does not occur in %s",
          terms_path, lineno, line, current_file)
      end
    end
    if good then ok = ok + 1 end
  end
end

if #problems > 0 then
  for _, p in ipairs(problems) do print(p) end
  print(string.format("%d of %d terms covered", ok, total))
  os.exit(1)
end
print(string.format("ok: %d of %d terms covered", ok, total))
