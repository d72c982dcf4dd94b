-- Neovim test of the LuaJIT module, found through the runtimepath.
-- Run from the repository root (Neovim 0.7 has no `nvim -l`):
--
--   nvim --headless -u NONE -i NONE --cmd 'set rtp^=.' -c 'luafile tests/nvim/test_nvim.lua'
--
-- It prints failures and "RESULT <passed> <failed>" on stdout, then quits
-- with status 0 (all passed) or 1 (:cquit). Whatever happens, it quits:
-- an error inside the tests is caught and counted.

local passed, failed = 0, 0
local out = io.stdout

local function say(s)
  out:write(s, "\n")
  out:flush()
end

local function check(cond, msg)
  if cond then
    passed = passed + 1
  else
    failed = failed + 1
    local info = debug.getinfo(2, "l")
    say(("FAIL tests/nvim/test_nvim.lua:%s: %s"):format(info and info.currentline or "?", tostring(msg)))
  end
  return cond
end

local function eq(got, want, what)
  local info = debug.getinfo(2, "l")
  if got == want then
    passed = passed + 1
  else
    failed = failed + 1
    say(("FAIL tests/nvim/test_nvim.lua:%s: %s: got %s, want %s"):format(
      info and info.currentline or "?", what, vim.inspect(got), vim.inspect(want)))
  end
end

local function run()
  local api = vim.api

  -- 1. the module comes from the runtimepath: lua/kogloss/init.lua + core.so
  local ok, kg = pcall(require, "kogloss")
  if not check(ok, "require('kogloss') from the runtimepath: " .. tostring(kg)) then return end
  local cwd = vim.loop.cwd()
  local init = api.nvim_get_runtime_file("lua/kogloss/init.lua", false)[1]
  local core = api.nvim_get_runtime_file("lua/kogloss/core.so", false)[1]
  local function real(p) return p and vim.loop.fs_realpath(p) end
  eq(real(init), real(cwd .. "/lua/kogloss/init.lua"), "init.lua found on the runtimepath")
  eq(real(core), real(cwd .. "/lua/kogloss/core.so"), "core.so found on the runtimepath")
  eq(kg.lua_abi, "Lua 5.1 / LuaJIT", "lua_abi")
  eq(type(kg.segment), "function", "kogloss.segment")

  -- 2. a Korean line from a buffer
  local buf = api.nvim_create_buf(false, true)
  local lines = {
    "OpenAI는 딥시크가 강화학습만으로 GPT-4급 모델을 개발했다고 밝혔다.",
    "“오픈소스”라고 불리는 R1은 H800으로도 훈련됐다.",
  }
  api.nvim_buf_set_lines(buf, 0, -1, true, lines)
  local line = api.nvim_buf_get_lines(buf, 0, 1, true)[1]
  eq(line, lines[1], "line read back from the buffer")
  local toks, err = kg.segment(line)
  if not check(toks, "segment: " .. tostring(err)) then return end

  local by_text = {}
  for _, t in ipairs(toks) do by_text[line:sub(t.s, t.e)] = t end
  local cases = {
    { "OpenAI는", "OpenAI", "는" },
    { "딥시크가", "딥시크", "가" },
    { "강화학습만으로", "강화학습", "만으로" },
    { "GPT-4급", "GPT-4급", "" },
    { "모델을", "모델", "을" },
  }
  for _, c in ipairs(cases) do
    local t = by_text[c[1]]
    if check(t, "token " .. c[1] .. " in the buffer line") then
      eq(line:sub(t.s, t.stem_e) .. "|" .. line:sub(t.stem_e + 1, t.e), c[2] .. "|" .. c[3], c[1])
    end
  end
  eq(line:sub(toks[#toks].s, toks[#toks].e), ".", "last token")

  -- 3. byte offsets -> extmark columns, on a line full of CJK text
  local ns = api.nvim_create_namespace("kogloss_test")
  local marks = {}
  for _, t in ipairs(toks) do
    for _, p in ipairs(t.parts) do
      -- 0-based byte column = s - 1, exclusive end column = e
      local id = api.nvim_buf_set_extmark(buf, ns, 0, p.s - 1, {
        end_row = 0, end_col = p.e, hl_group = p.tag == "J" and "KoglossTail" or "KoglossStem",
      })
      marks[id] = p
    end
  end
  local got = api.nvim_buf_get_extmarks(buf, ns, 0, -1, { details = true })
  local n_parts = 0
  for _ in pairs(marks) do n_parts = n_parts + 1 end
  eq(#got, n_parts, "extmarks read back")
  local bad = 0
  for _, m in ipairs(got) do
    local id, row, col, d = m[1], m[2], m[3], m[4]
    local p = marks[id]
    if not p or row ~= 0 or col ~= p.s - 1 or d.end_row ~= 0 or d.end_col ~= p.e
        or d.hl_group ~= (p.tag == "J" and "KoglossTail" or "KoglossStem") then
      bad = bad + 1
      if bad <= 3 then say("  extmark mismatch: " .. vim.inspect(m) .. " part " .. vim.inspect(p)) end
    end
  end
  eq(bad, 0, "extmarks whose columns or hl_group differ from the part")

  -- the text under the 가 mark is 가, and its columns are character boundaries
  local t = by_text["딥시크가"]
  if t then
    local tail = t.parts[#t.parts]
    local found
    for _, m in ipairs(got) do
      if marks[m[1]] == tail then found = m end
    end
    if check(found, "extmark of the tail 가") then
      local text = api.nvim_buf_get_text(buf, 0, found[3], 0, found[4].end_col, {})[1]
      eq(text, "가", "buffer text under the tail extmark")
      eq(found[4].hl_group, "KoglossTail", "hl_group of the tail")
      -- UTF-32 index and back: byte columns sit on character boundaries
      local ci = vim.str_utfindex(line, found[3])
      eq(vim.str_byteindex(line, ci), found[3], "start column is a character boundary")
      eq(ci, 11, "character index of 가") -- O p e n A I 는 ␠ 딥 시 크 come before
    end
  end

  -- 4. the second line: quotes, a particle after a closing quote, Latin
  local line2 = api.nvim_buf_get_lines(buf, 1, 2, true)[1]
  local toks2 = assert(kg.segment(line2))
  local texts = {}
  for _, tk in ipairs(toks2) do texts[#texts + 1] = line2:sub(tk.s, tk.e) end
  eq(table.concat(texts, " "), "“ 오픈소스 ” 라고 불리는 R1은 H800으로도 훈련됐다 .", "tokens of line 2")
  for _, tk in ipairs(toks2) do
    if line2:sub(tk.s, tk.e) == "H800으로도" then
      eq(line2:sub(tk.s, tk.stem_e), "H800", "H800으로도 stem")
    end
  end

  -- 5. an extmark over every token of the line survives an edit in front
  api.nvim_buf_clear_namespace(buf, ns, 0, -1)
  local dt = by_text["딥시크가"]
  if dt then
    local id = api.nvim_buf_set_extmark(buf, ns, 0, dt.s - 1, { end_col = dt.stem_e, hl_group = "KoglossStem" })
    api.nvim_buf_set_text(buf, 0, 0, 0, 0, { "한국 " })
    local m = api.nvim_buf_get_extmark_by_id(buf, ns, id, { details = true })
    local l = api.nvim_buf_get_lines(buf, 0, 1, true)[1]
    eq(l:sub(m[2] + 1, m[3].end_col), "딥시크", "stem extmark after inserting text before it")
  end

  -- 6. errors come back as nil, message inside Neovim too
  local r, msg = kg.segment("a\255")
  eq(r, nil, "invalid UTF-8")
  eq(msg, "invalid UTF-8 at byte 2", "message")

  -- 7. glossary hits as extmarks: byte columns on CJK lines, read back
  local g = kg.glossary({ builtin = true })
  local gns = api.nvim_create_namespace("kogloss_glossary_test")
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  local want = {}
  for row, line in ipairs(lines) do
    for _, h in ipairs(assert(g:match(line))) do
      api.nvim_buf_set_extmark(buf, gns, row - 1, h.s - 1, { end_col = h.e, hl_group = "Special" })
      want[#want + 1] = line:sub(h.s, h.e)
    end
  end
  local got = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, gns, 0, -1, { details = true })) do
    local line = api.nvim_buf_get_lines(buf, m[2], m[2] + 1, false)[1]
    got[#got + 1] = line:sub(m[3] + 1, m[4].end_col)
  end
  eq(table.concat(got, "|"), table.concat(want, "|"), "extmarks cover the terms")
  eq(table.concat(want, "|"), "OpenAI|딥시크|강화학습|GPT-4|오픈소스|R1|H800", "terms of the lines")
  eq(g:lookup("deepseek").term, "딥시크", "lookup")
  api.nvim_buf_delete(buf, { force = true })
end

local ok, err = pcall(run)
if not ok then
  failed = failed + 1
  say("FAIL tests/nvim/test_nvim.lua: error: " .. tostring(err))
end
say(("RESULT %d %d"):format(passed, failed))
if failed == 0 then
  vim.cmd("qa!")
else
  vim.cmd("cquit 1")
end
