-- kogloss demo: the main job on a saved article. Page chrome is set apart
-- (not deleted), glossary terms are found in the body with their particles,
-- and the terms come back with their definitions and sources.
--   lua5.4 examples/demo.lua [ARTICLE [GLOSSARY]]
-- make demo runs it on examples/article.txt with the built-in glossary.
local kogloss = require("kogloss")

local path, glossary_path = arg[1] or "examples/article.txt", arg[2]
local f = assert(io.open(path, "rb"))
local text = f:read("*a")
f:close()

local tty = os.getenv("TERM") and os.getenv("TERM") ~= "dumb" and os.getenv("NO_COLOR") == nil
local function paint(code, s) return tty and ("\27[" .. code .. "m" .. s .. "\27[0m") or s end
local function dim(s) return paint("2", s) end
local function term(s) return paint("1;36", s) end

local g = kogloss.glossary({ builtin = true })
if glossary_path then assert(g:load(glossary_path)) end
print(("kogloss %s (%s): %s with %d glossary entries\n"):format(
  kogloss.version, kogloss.lua_abi, path, #g))

-- 1. lines: content or boilerplate, with the reason
local lines = assert(kogloss.classify(text))
local found, order = {}, {}
for _, line in ipairs(lines) do
  local s = text:sub(line.s, line.e)
  if line.class == "boilerplate" then
    print(dim(("  ~ %-60s [%s]"):format(s, line.reason)))
  elseif line.class == "content" then
    -- 2. glossary terms of the body: [term]tail
    local out, at = {}, 1
    for _, h in ipairs(assert(g:match(s))) do
      local tail_e = h.tail_e or h.e
      out[#out + 1] = s:sub(at, h.s - 1) .. "[" .. term(s:sub(h.s, h.e)) .. "]" .. s:sub(h.e + 1, tail_e)
      at = tail_e + 1
      if not found[h.entry] then
        found[h.entry] = 0
        order[#order + 1] = h.entry
      end
      found[h.entry] = found[h.entry] + 1
    end
    out[#out + 1] = s:sub(at)
    print("    " .. table.concat(out))
  end
end

-- 3. the terms of this article, in order of appearance
print(("\n%d terms:"):format(#order))
for _, e in ipairs(order) do
  local names = #e.aliases > 0 and (" (" .. table.concat(e.aliases, ", ", 1, math.min(3, #e.aliases)) .. ")") or ""
  print(("  %s%s x%d: %s"):format(term(e.term), names, found[e], e.definition))
  if e.sources[1] then print(dim("      source: " .. e.sources[1])) end
end

-- 4. one eojeol in detail: the segmentation the matcher stands on
local sample = "강화학습만으로"
print(("\nparts of %s:"):format(sample))
for _, p in ipairs(kogloss.segment(sample)[1].parts) do
  print(("  %-12s %-4s bytes %d..%d"):format(sample:sub(p.s, p.e), p.tag, p.s, p.e))
end
