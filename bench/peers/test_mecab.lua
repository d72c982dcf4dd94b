-- Self-check for the MeCab-ko peer:  lua5.4 bench/peers/test_mecab.lua
-- Sets up the dictionary if needed, prints stem|tail splits, and asserts a
-- few known answers and edge cases (whitespace, long lines, bad input).

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
package.path = here .. "/?.lua;" .. package.path
local mecab = require("mecab")

-- Word spans the way UD splits eojeols: runs of non-space, non-ASCII-punct.
local function spans(text)
  local words = {}
  for s, e in text:gmatch("()[^%s%p]+()") do words[#words + 1] = { s = s, e = e - 1 } end
  return words
end

local function sentence(text) return { text = text, words = spans(text) } end

local dicdir = assert(mecab.dicdir())
print("dicdir: " .. dicdir)

local long = string.rep("학생들이 학교에서 공부했다 ", 600)   -- ~21 KB, one line
local sents = {
  sentence("딥시크가 강화학습으로 모델을 개발했다."),
  sentence("나는 친구다. 그건 몰랐는데, 우리는 학교에서도 공부했었다!"),
  sentence("디지몬어드벤쳐는 나라에서 종이를 샀어요"),
  -- Tab, double space, NBSP and ideographic space between words.
  { text = "  ABC\t123개를\u{00A0}샀다 ,\u{3000}ok  ",
    words = { { s = 3, e = 5 }, { s = 7, e = 15 }, { s = 18, e = 23 }, { s = 29, e = 30 } } },
  sentence(""),
  { text = "줄\n바꿈", words = { { s = 1, e = 3 } } },       -- not representable: false
  sentence(long),
  sentence("마지막 문장이다"),
}

local res, stats = assert(mecab.stem_lengths(dicdir, sents))

for i, sent in ipairs(sents) do
  if i ~= 7 then
    local out = {}
    for j, w in ipairs(sent.words) do
      local word, n = sent.text:sub(w.s, w.e), res[i][j]
      if n == false then
        out[#out + 1] = word .. "(?)"
      elseif n == #word then
        out[#out + 1] = word
      else
        out[#out + 1] = word:sub(1, n) .. "|" .. word:sub(n + 1)
      end
    end
    print(string.format("%d: %s", i, table.concat(out, " ")))
  end
end

local function check(i, j, want)
  local got = res[i][j]
  assert(got == want, string.format("sentence %d word %d: want %s, got %s",
    i, j, tostring(want), tostring(got)))
end
-- 딥시크|가 강화학습|으로 모델|을 개발|했다
check(1, 1, 9) check(1, 2, 12) check(1, 3, 6) check(1, 4, 6)
check(3, 2, 6)                       -- 나라|에서 (not 나|라)
check(4, 1, 3) check(4, 2, 6)        -- ABC ; 123개|를 : whitespace variants align
check(5, 1, nil)                     -- empty sentence, no words
check(6, 1, false)                   -- newline inside text
assert(#res[7] == 1800 and res[7][1] == 9 and res[7][1800] == 6, "long line")  -- 학생들|이 … 공부|했다
check(8, 2, 6)                       -- 문장|이다 : EOS count stayed in sync

print(string.format("stats: sentences=%d words=%d morphemes=%d unaligned_sentences=%d unaligned_words=%d straddles=%d",
  stats.sentences, stats.words, stats.morphemes, stats.unaligned_sentences,
  stats.unaligned_words, stats.straddles))

-- throughput_cmd must run cleanly.
local tmp = os.tmpname()
local f = assert(io.open(tmp, "w"))
f:write(long, "\n", "딥시크가 강화학습으로 모델을 개발했다.\n")
f:close()
local cmd = mecab.throughput_cmd(dicdir, tmp)
print("throughput_cmd: " .. cmd)
assert(os.execute(cmd), "throughput_cmd failed")
os.remove(tmp)
print("OK")
