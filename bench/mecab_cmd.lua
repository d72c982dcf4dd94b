-- Prints the shell command that runs MeCab-ko over FILE for timing, setting
-- the peer up on first use (bench/peers/mecab.lua). On failure prints the
-- reason to stderr and exits 1, so run.sh can skip the peer.
--
--   lua5.4 bench/mecab_cmd.lua FILE
local here = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
package.path = here .. "/peers/?.lua;" .. package.path
local mecab = require("mecab")

local dicdir, err = mecab.dicdir()
if not dicdir then
  io.stderr:write((err or "unknown error"):gsub("%s+$", ""), "\n")
  os.exit(1)
end
print(mecab.throughput_cmd(dicdir, assert(arg[1], "usage: mecab_cmd.lua FILE")))
