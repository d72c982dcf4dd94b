-- Scores kogloss.classify on the labelled articles of
-- tests/data/boilerplate/articles.list: precision, recall and F1 with
-- boilerplate as the positive class, over every non-blank labelled line,
-- and every content line lost (classified boilerplate) and every chrome
-- line kept. Run from the repository root (`make boilerplate-eval`):
--   LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="build/lua5.4/?.so;;" \
--     lua5.4 tools/boilerplate_eval.lua [articles.list]
-- Exits 1 when a content line is lost.
local kg = require("kogloss")

local list = arg[1] or "tests/data/boilerplate/articles.list"

local function slurp(path)
  local f, err = io.open(path, "rb")
  if not f then error(err, 0) end
  local s = f:read("*a")
  f:close()
  return s
end

local function labels_of(path)
  local out = {}
  for line in (slurp(path):gsub("\n$", "") .. "\n"):gmatch("(.-)\n") do
    out[#out + 1] = line:sub(1, 1)
  end
  return out
end

local tp, fp, fn, tn = 0, 0, 0, 0
local lost, kept = {}, {}
local rows = {}
for entry in slurp(list):gmatch("[^\n]+") do
  if not entry:find("^%s*#") then
    local lpath, tpath = entry:match("^(%S+)%s+(%S+)")
    local text = slurp(tpath)
    local want = labels_of(lpath)
    local got = assert(kg.classify(text))
    if #got ~= #want then
      error(("%s: %d lines, %d labels"):format(tpath, #got, #want), 0)
    end
    local r = { name = tpath:match("([^/]+)$"), n = 0, b = 0, tp = 0, fp = 0, fn = 0 }
    for i, l in ipairs(got) do
      local w = want[i]
      local where = ("%s:%d"):format(tpath, i)
      local shown = text:sub(l.s, l.e)
      if w == "." then
        if l.class ~= "blank" then error(where .. ": labelled blank, got " .. l.class, 0) end
      else
        r.n = r.n + 1
        local is_b = l.class == "boilerplate"
        if w == "b" then r.b = r.b + 1 end
        if w == "b" and is_b then r.tp = r.tp + 1
        elseif w == "c" and is_b then
          r.fp = r.fp + 1
          lost[#lost + 1] = ("%s: [%s] %s"):format(where, l.reason, shown)
        elseif w == "b" then
          r.fn = r.fn + 1
          kept[#kept + 1] = ("%s: [%s] %s"):format(where, l.reason, shown)
        else tn = tn + 1 end
      end
    end
    tp, fp, fn = tp + r.tp, fp + r.fp, fn + r.fn
    rows[#rows + 1] = r
  end
end

print(("%-30s %6s %6s %5s %5s %5s"):format("article", "lines", "chrome", "TP", "FP", "FN"))
for _, r in ipairs(rows) do
  print(("%-30s %6d %6d %5d %5d %5d"):format(r.name, r.n, r.b, r.tp, r.fp, r.fn))
end
local p = tp + fp > 0 and tp / (tp + fp) or 1
local rc = tp + fn > 0 and tp / (tp + fn) or 1
local f1 = p + rc > 0 and 2 * p * rc / (p + rc) or 0
print(("\nall %d labelled non-blank lines (%d boilerplate, %d content)"):format(
  tp + fp + fn + tn, tp + fn, fp + tn))
print(("precision %.4f  recall %.4f  F1 %.4f  (boilerplate = positive)"):format(p, rc, f1))
print(("content lines lost: %d"):format(#lost))
for _, s in ipairs(lost) do print("  " .. s) end
print(("chrome lines kept: %d"):format(#kept))
for _, s in ipairs(kept) do print("  " .. s) end
os.exit(#lost == 0 and 0 or 1)
