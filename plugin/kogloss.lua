-- kogloss for Neovim: loads nothing until used, so start-up stays free.
-- :KoglossSegment shows the stem|tail split of the current line.
if vim.g.loaded_kogloss then return end
vim.g.loaded_kogloss = true

vim.api.nvim_create_user_command("KoglossSegment", function()
  local ok, kogloss = pcall(require, "kogloss")
  if not ok then
    vim.notify(tostring(kogloss), vim.log.levels.ERROR)
    return
  end
  local line = vim.api.nvim_get_current_line()
  local tokens, err = kogloss.segment(line)
  if not tokens then
    vim.notify("kogloss: " .. err, vim.log.levels.ERROR)
    return
  end
  local out = {}
  for _, t in ipairs(tokens) do
    local stem, tail = line:sub(t.s, t.stem_e), line:sub(t.stem_e + 1, t.e)
    out[#out + 1] = tail ~= "" and (stem .. "|" .. tail) or stem
  end
  vim.api.nvim_echo({ { table.concat(out, " ") } }, false, {})
end, { desc = "kogloss: show the stem|tail split of the current line" })
