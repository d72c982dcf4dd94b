-- Benchmark corpus: real Korean sentences, shuffled and repeated to a size.
--
--   lua5.4 bench/gen_corpus.lua OUT MIN_BYTES SOURCE...
--
-- Sources are UD .conllu files (their "# text = " lines) and plain .txt files
-- (one paragraph per line). Every pass over the sentences is a fresh
-- permutation, so the file has no short period for branch predictors or
-- caches to learn. The generator has its own PRNG (splitmix64) rather than
-- math.random, whose algorithm and seeding differ between Lua releases:
-- the same inputs give the same bytes everywhere.

local out_path, min_bytes = arg[1], tonumber(arg[2])
if not out_path or not min_bytes or not arg[3] then
  io.stderr:write("usage: gen_corpus.lua OUT MIN_BYTES SOURCE...\n")
  os.exit(2)
end

local SEED = 0x6B6F676C6F7373 -- "kogloss"

local below = dofile((arg[0]:match("^(.*)/") or ".") .. "/rng.lua")(SEED)

local sentences = {}
local function add(line)
  line = line:gsub("\r$", ""):match("^%s*(.-)%s*$")
  -- Invalid UTF-8 or NUL would make kogloss refuse the line and MeCab read it
  -- differently; neither is what the benchmark is about.
  if line ~= "" and utf8.len(line) and not line:find("%z") then
    sentences[#sentences + 1] = line
  end
end

for i = 3, #arg do
  local path = arg[i]
  local f = assert(io.open(path, "rb"))
  if path:match("%.conllu$") then
    for line in f:lines() do
      local text = line:match("^# text = (.*)$")
      if text then add(text) end
    end
  else
    for line in f:lines() do add(line) end
  end
  f:close()
end
if #sentences == 0 then
  io.stderr:write("gen_corpus: no sentences in the sources\n")
  os.exit(1)
end

-- Written to a temporary name and renamed, so an interrupted run never
-- leaves a short file that looks finished.
local tmp = out_path .. ".tmp"
local f = assert(io.open(tmp, "wb"))
local written, passes = 0, 0
while written < min_bytes do
  for i = #sentences, 2, -1 do -- Fisher-Yates
    local j = below(i)
    sentences[i], sentences[j] = sentences[j], sentences[i]
  end
  passes = passes + 1
  local buf = {}
  for _, s in ipairs(sentences) do
    buf[#buf + 1] = s
    written = written + #s + 1
    if written >= min_bytes then break end
  end
  buf[#buf + 1] = ""
  f:write(table.concat(buf, "\n"))
end
f:close()
assert(os.rename(tmp, out_path))
io.stderr:write(string.format("gen_corpus: %d sentences, %d passes, %d bytes -> %s\n",
  #sentences, passes, written, out_path))
