-- kogloss demo: segment a Korean article and show each eojeol as stem|tail.
--   lua5.4 examples/demo.lua [FILE]       (make demo runs it on examples/article.txt)
local kogloss = require("kogloss")

local path = arg[1] or "examples/article.txt"
local f = assert(io.open(path, "r"))
local text = f:read("a")
f:close()

local tty = os.getenv("TERM") and os.getenv("TERM") ~= "dumb" and os.getenv("NO_COLOR") == nil
local function dim(s) return tty and ("\27[2m" .. s .. "\27[0m") or s end

print(("kogloss %s (%s): stem|tail of every eojeol in %s\n"):format(kogloss.version, kogloss.lua_abi, path))
local n_tokens, n_tails = 0, 0
for line in text:gmatch("[^\n]+") do
  local toks = assert(kogloss.segment(line))
  local out = {}
  for _, t in ipairs(toks) do
    n_tokens = n_tokens + 1
    local stem, tail = line:sub(t.s, t.stem_e), line:sub(t.stem_e + 1, t.e)
    if tail ~= "" then
      n_tails = n_tails + 1
      out[#out + 1] = stem .. dim("|" .. tail)
    else
      out[#out + 1] = stem
    end
  end
  print(table.concat(out, " "))
end

-- One eojeol in detail: its parts, tags and byte offsets.
local sample = "강화학습만으로"
print(("\nparts of %s:"):format(sample))
for _, p in ipairs(kogloss.segment(sample)[1].parts) do
  print(("  %-12s %-4s bytes %d..%d"):format(sample:sub(p.s, p.e), p.tag, p.s, p.e))
end
print(("\n%d tokens, %d with a tail"):format(n_tokens, n_tails))
