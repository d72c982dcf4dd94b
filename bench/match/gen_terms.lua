-- Glossary term lists for the matching benchmark.
--
--   lua5.4 bench/match/gen_terms.lua CORPUS OUTDIR
--
-- Writes OUTDIR/terms-1k.txt, terms-10k.txt and terms-100k.txt, one UTF-8
-- term per line; the 1k list is the head of the 10k list, which is the head
-- of the 100k list. Terms come from the corpus (noun-like stems of eojeols,
-- noun pairs seen side by side, Latin words) so that a good share of them
-- occur, and from synthetic mixes of the same material plus a fixed bank of
-- tech English, so that the rest look like terms but mostly do not occur.
-- Its own PRNG (splitmix64, as in gen_corpus.lua) keeps the lists identical
-- on every Lua release.

local corpus_path, out_dir = arg[1], arg[2]
if not corpus_path or not out_dir then
  io.stderr:write("usage: gen_terms.lua CORPUS OUTDIR\n")
  os.exit(2)
end

local SIZES = { { "1k", 1000 }, { "10k", 10000 }, { "100k", 100000 } }
local TOTAL = 100000
local MAX_BYTES = 48 -- longer terms are unrealistic and slow the check

local below = dofile((arg[0]:match("^(.*)/") or ".") .. "/../rng.lua")(0x7465726D73) -- "terms"
local function pick(t) return t[below(#t)] end

-- ---- reading the corpus --------------------------------------------------------

-- The corpus repeats a few thousand sentences; counting over the distinct
-- lines gives the same ranking at a fraction of the work.
local lines, seen_line = {}, {}
for line in io.lines(corpus_path) do
  if not seen_line[line] then
    seen_line[line] = true
    lines[#lines + 1] = line
  end
end
seen_line = nil

local function is_syllable(cp) return cp >= 0xAC00 and cp <= 0xD7A3 end
local function nsyl(s) return utf8.len(s) end

-- Particles and copula/verb endings, longest first so that 에서는 wins over 는.
local PARTICLES = {
  "에서부터", "으로부터", "이라는", "이라고", "이지만", "에서는", "에서도", "에게서",
  "으로는", "으로도", "으로서", "으로써", "에게는", "까지는", "부터는", "이었다",
  "였다", "이다", "에서", "에게", "한테", "으로", "까지", "부터", "처럼", "보다",
  "마다", "조차", "밖에", "이나", "이며", "이고", "라는", "라고", "에는", "에도",
  "와는", "과는", "들이", "들은", "들을", "들의", "들에", "이란",
  "은", "는", "이", "가", "을", "를", "의", "에", "도", "로", "와", "과", "만", "들",
}
-- Noun + 하다/되다/시키다 forms: the noun before them is a good term (개발했다).
local DERIV = {
  "했습니다", "합니다", "됩니다", "했으며", "하였다", "되었다", "시켰다", "시키는",
  "하는", "하고", "하며", "하면", "하여", "하게", "하지", "한다", "했다", "했고",
  "해서", "해야", "하기", "하다", "되는", "되고", "되어", "됐다", "된다", "되며",
  "하였으나", "하거나", "하려고", "하려", "해주", "하던", "이기", "이라", "이면", "인",
  "시킨", "한", "할", "된", "될", "함", "됨",
}
-- Last syllables that mark a verb or an ending, not a noun.
local VERBISH = {}
for _, s in ipairs({ "다", "고", "며", "면", "던", "요", "니", "까", "게", "서",
                     "지", "어", "아", "워", "죠", "네", "라",
                     "해", "려", "러", "렸", "였", "았", "었", "겠", "냐", "든", "듯" }) do VERBISH[s] = true end
-- Frequent function nouns, pronouns and adverbs: no glossary lists them.
local STOP = {}
for w in ([[때문 우리 그것 이것 저것 여기 거기 이번 지금 가장 모든 다른 또한
  그리고 하지만 그러나 그래서 따라서 또는 이러한 그러한 이런 그런 어떤 통해 위해
  대해 관련 경우 정도 이상 이하 자신 당시 이후 이전 현재 함께 매우 아주 많이 다시
  바로 이미 아직 그냥 모두 하나 두개 가지 자기 어디 무엇 누구 언제 얼마 특히 또
  이제 여러 각각 이러 그러 저러 그런데 달리 반드시 적극 한껏 다음 더욱 정말 역시 물론 만약 비롯 대한 위한 의한 그녀 그들]]):gmatch("%S+") do
  STOP[w] = true
end

local function ends_with(s, suf) return #s > #suf and s:sub(-#suf) == suf end

-- Strips one derivation ending or one particle; returns the stem and whether
-- anything was stripped.
local function strip(word)
  for _, suf in ipairs(DERIV) do
    if ends_with(word, suf) then return word:sub(1, -#suf - 1), true end
  end
  for _, suf in ipairs(PARTICLES) do
    if ends_with(word, suf) then return word:sub(1, -#suf - 1), true end
  end
  return word, false
end

local function noun_like(stem)
  local n = nsyl(stem)
  if n < 2 or n > 6 or STOP[stem] then return false end
  local last = stem:sub(utf8.offset(stem, -1))
  return not VERBISH[last]
end

-- Splits an eojeol (a whitespace-separated word) into its leading Hangul run
-- or Latin run and what follows; leading punctuation is skipped.
local function lead(eojeol)
  local p = 1
  while p <= #eojeol do
    local cp = utf8.codepoint(eojeol, p)
    if is_syllable(cp) or (cp < 128 and eojeol:sub(p, p):match("[%w]")) then break end
    p = utf8.offset(eojeol, 2, p)
  end
  if p > #eojeol then return nil end
  local cp = utf8.codepoint(eojeol, p)
  if is_syllable(cp) then
    local q = p
    while q <= #eojeol and is_syllable(utf8.codepoint(eojeol, q)) do q = q + 3 end
    return "hangul", eojeol:sub(p, q - 1), eojeol:sub(q)
  end
  local latin = eojeol:match("^[%w][%w%.%+%-]*", p):gsub("[%.%-%+]+$", "")
  return "latin", latin, eojeol:sub(p + #latin)
end

local count_k, count_l, count_b = {}, {}, {}
local function bump(t, k) t[k] = (t[k] or 0) + 1 end

for _, line in ipairs(lines) do
  local prev_bare -- the previous eojeol when it was a bare noun or Latin word
  for eojeol in line:gmatch("%S+") do
    local kind, run, rest = lead(eojeol)
    local term, bare
    if kind == "hangul" then
      local stem, stripped = run, false
      -- Punctuation right after the run (모델(학생)을) already ends the noun.
      if rest == "" then stem, stripped = strip(run) end
      if noun_like(stem) then
        term, bare = stem, not stripped and rest == ""
        bump(count_k, stem)
      end
    elseif kind == "latin" and #run >= 2 and run:find("%a") and utf8.len(run) >= 2 then
      term, bare = run, rest == ""
      bump(count_l, run)
    end
    if term and prev_bare then
      local pair = prev_bare .. " " .. term
      if #pair <= MAX_BYTES then bump(count_b, pair) end
    end
    prev_bare = bare and term or nil
  end
end

-- Most frequent first; ties alphabetical so the order is stable.
local function ranked(counts, min)
  local t = {}
  for k, c in pairs(counts) do if c >= min then t[#t + 1] = k end end
  table.sort(t, function(a, b)
    if counts[a] ~= counts[b] then return counts[a] > counts[b] end
    return a < b
  end)
  return t
end
-- A stem seen once is as often a mis-split verb as a noun; a bare noun pair
-- seen once is still a real compound (대통령 선거).
local nouns = ranked(count_k, 2)
local latin = ranked(count_l, 1)
local pairs_seen = ranked(count_b, 1)

-- ---- synthetic material --------------------------------------------------------

-- Tech terms a Korean AI glossary would carry; some occur in the articles.
local CURATED = {}
for t in ([[
RLHF|MoE|LLM|GPU|TPU|NPU|API|SFT|DPO|PPO|RAG|LoRA|QLoRA|CUDA|NVLink|HBM|FP8|BF16|INT8|KV
GPT-4o|GPT-4|GPT-3.5|o1|o3-mini|H800|H100|H20|A100|B200|R1|V3|DeepSeek-R1|DeepSeek-V3|Llama 3
Llama-3.1-8B|Qwen2.5|Claude 3.5 Sonnet|Gemini 2.0|Mistral 7B|Mixtral 8x7B|BERT|T5|ViT|CLIP
self-attention|cross-attention|mixture of experts|reinforcement learning|fine-tuning|pre-training
knowledge distillation|chain of thought|chain-of-thought|zero-shot|few-shot|in-context learning
transformer|tokenizer|embedding|inference|latency|throughput|benchmark|open source|open-source
distillation|quantization|pruning|scaling law|reward model|policy gradient|multi-head attention
강화 학습|강화학습|지도 학습|비지도 학습|자기 지도 학습|모델 증류|지식 증류|인공지능|인공 지능
딥러닝|머신러닝|기계 학습|신경망|심층 신경망|언어 모델|대규모 언어 모델|거대 언어 모델|생성형 AI
오픈소스|추론 모델|추론 비용|학습 데이터|학습 방식|파라미터|매개변수|미세 조정|사전 학습|벤치마크
토큰화|임베딩|어텐션|트랜스포머|전문가 혼합|반도체|데이터센터|클라우드|스타트업|지적 재산권
]]):gmatch("[^|\n]+") do
  CURATED[#CURATED + 1] = t
end

local ADJ = {}
for w in ([[sparse dense causal masked linear rotary relative absolute adaptive
  contrastive generative discriminative autoregressive bidirectional multimodal
  multilingual federated distributed parallel quantized low-rank residual gated
  recurrent convolutional hierarchical latent variational probabilistic neural
  differentiable stochastic greedy speculative retrieval-augmented instruction-tuned
  self-supervised semi-supervised unsupervised supervised offline online robust
  efficient scalable lightweight long-context]]):gmatch("%S+") do ADJ[#ADJ + 1] = w end
local NOUN = {}
for w in ([[attention decoding encoder decoder tokenizer embedding transformer
  adapter pruning distillation alignment optimizer scheduler gradient regularization
  normalization dropout pooling sampling search inference training pretraining
  fine-tuning evaluation benchmark dataset corpus vocabulary representation
  retrieval ranking reranker classifier regression clustering segmentation
  tagging parsing translation summarization generation reasoning planning
  memory cache routing gating experts layer head kernel quantizer compiler
  accelerator interconnect pipeline checkpoint]]):gmatch("%S+") do NOUN[#NOUN + 1] = w end
local MODEL_BASE = { "GPT", "Llama", "Qwen", "Gemma", "Phi", "Mistral", "Falcon", "Claude",
  "Gemini", "Grok", "Orion", "Nova", "Exa", "Solar", "HyperCLOVA", "Kanana", "EXAONE",
  "Yi", "Baichuan", "GLM", "Jamba", "Olmo", "Bloom", "Titan" }
local CHIP_BASE = { "H", "A", "B", "L", "V", "T", "MI", "RTX ", "TPU v", "Gaudi ", "Ascend " }
local SIZES_B = { "1B", "3B", "7B", "8B", "13B", "14B", "32B", "34B", "70B", "72B", "405B", "671B" }

local function synth_acronym()
  local n = 2 + below(4) - 1 -- 2..5 capitals
  local t = {}
  for i = 1, n do t[i] = string.char(64 + below(26)) end
  -- A few in the MoE / LoRA style, with lower-case letters inside.
  if n >= 3 and below(5) == 1 then t[2] = t[2]:lower() end
  return table.concat(t)
end

local function synth_model()
  local r = below(4)
  if r == 1 then
    return pick(CHIP_BASE) .. tostring(below(99) * 10 + (below(2) - 1) * 5)
  elseif r == 2 then
    return pick(MODEL_BASE) .. "-" .. below(5) .. (below(2) == 1 and ("." .. below(9)) or "")
           .. (below(2) == 1 and "o" or "")
  elseif r == 3 then
    return pick(MODEL_BASE) .. below(4) .. "." .. below(9) .. "-" .. pick(SIZES_B)
  else
    return pick(MODEL_BASE) .. " " .. below(4) .. " " .. pick({ "Pro", "Mini", "Ultra", "Flash", "Turbo", "Max" })
  end
end

local function synth_english()
  local r = below(4)
  if r == 1 then return pick(ADJ) .. " " .. pick(NOUN) end
  if r == 2 then return pick(NOUN) .. " of " .. pick(NOUN) end
  if r == 3 then return pick(ADJ) .. " " .. pick(ADJ) .. " " .. pick(NOUN) end
  return pick(NOUN) .. "-" .. pick(NOUN)
end

-- Synthetic compounds draw from the surer nouns only.
local top_nouns = ranked(count_k, 3)

-- Two corpus nouns, joined or spaced, at most 6 syllables; now and then an
-- acronym in front (AI 모델 style).
local function synth_compound()
  for _ = 1, 50 do
    local a, b = pick(top_nouns), pick(top_nouns)
    if a ~= b and nsyl(a) + nsyl(b) <= 6 then
      local r = below(10)
      if r <= 4 then return a .. " " .. b end
      if r <= 9 then return a .. b end
      return (below(2) == 1 and pick(latin) or synth_acronym()) .. " " .. b
    end
  end
  return nil
end

-- ---- the list ------------------------------------------------------------------

-- Sources in the order of the list; weights are the share of each in any head
-- of the list while the source lasts (an exhausted source leaves its share to
-- the others).
local function from(list) local i = 0; return function() i = i + 1; return list[i] end end
-- finite: a list that runs out; the synthetic sources never do (a nil from
-- them is a rare failed draw).
local sources = {
  { w = 0.40, next = from(nouns), finite = true },
  { w = 0.15, next = from(pairs_seen), finite = true },
  { w = 0.07, next = from(latin), finite = true },
  { w = 0.03, next = from(CURATED), finite = true },
  { w = 0.20, next = synth_compound },
  { w = 0.05, next = synth_english },
  { w = 0.05, next = synth_model },
  { w = 0.05, next = synth_acronym },
}

local terms, have = {}, {}
local function acceptable(t)
  return t and not have[t] and utf8.len(t) and utf8.len(t) >= 2 and #t <= MAX_BYTES
         and not t:find("[%c]") and t == t:match("^%s*(.-)%s*$")
end
local taken = {}
for i = 1, #sources do taken[i] = 0 end
local misses = 0
while #terms < TOTAL do
  -- The live source furthest below its share goes next.
  local best, best_def
  local wsum = 0
  for _, s in ipairs(sources) do if not s.done then wsum = wsum + s.w end end
  for i, s in ipairs(sources) do
    if not s.done then
      local def = (#terms + 1) * s.w / wsum - taken[i]
      if not best or def > best_def then best, best_def = i, def end
    end
  end
  local s = sources[best]
  local t = s.next()
  if t == nil and s.finite then s.done = true end
  taken[best] = taken[best] + 1
  if acceptable(t) then
    have[t] = true
    terms[#terms + 1] = t
  else
    taken[best] = taken[best] - 1
    misses = misses + 1
    assert(misses < 10 * TOTAL, "gen_terms: synthetic sources keep repeating themselves")
  end
end

-- ---- output and check ----------------------------------------------------------

-- Which terms occur: every substring of every distinct line, from each
-- character start, up to MAX_BYTES, looked up in the list. Exact for terms
-- within a line (grep and rg never match across lines either).
local occurs = {}
for _, line in ipairs(lines) do
  local starts = {}
  for p in utf8.codes(line) do starts[#starts + 1] = p end
  starts[#starts + 1] = #line + 1
  for i = 1, #starts - 1 do
    local a = starts[i]
    for j = i + 2, #starts do -- two characters at least
      local b = starts[j]
      if b - a > MAX_BYTES then break end
      local s = line:sub(a, b - 1)
      if have[s] then occurs[s] = true end
    end
  end
end

for _, sz in ipairs(SIZES) do
  local name, n = sz[1], sz[2]
  local path = out_dir .. "/terms-" .. name .. ".txt"
  local tmp = path .. ".tmp"
  local f = assert(io.open(tmp, "wb"))
  local hits = 0
  for i = 1, n do
    f:write(terms[i], "\n")
    if occurs[terms[i]] then hits = hits + 1 end
  end
  f:close()
  assert(os.rename(tmp, path))
  io.stderr:write(string.format("gen_terms: %s: %d terms, %d (%.0f%%) occur in the corpus -> %s\n",
    name, n, hits, 100 * hits / n, path))
end
io.stderr:write(string.format("gen_terms: from %d distinct lines: %d noun stems, %d noun pairs, %d Latin words\n",
  #lines, #nouns, #pairs_seen, #latin))
