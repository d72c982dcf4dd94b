#!/bin/sh
# Loading the C module built for one Lua into another must fail with a Lua
# error, never a crash:
#  - the LuaJIT / Neovim build (lua/kogloss/core.so, Lua 5.1 ABI) in lua5.4;
#  - the Lua 5.4 build (build/lua5.4/kogloss/core.so) in LuaJIT;
#  - and through lua/kogloss/init.lua, require("kogloss") says what to build.
# Run from the repository root. Prints "RESULT <passed> <failed>" last.
passed=0
failed=0
tmp=${TMPDIR:-/tmp}/kogloss_wrong_lua.$$
trap 'rm -f "$tmp"' EXIT INT TERM

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL test_wrong_lua.sh: $*"; }

# run NAME INTERPRETER CODE: runs the code, keeps its output in $tmp and
# checks that the interpreter exited normally (no signal, status 0).
run() {
    name=$1; shift
    "$@" >"$tmp" 2>&1
    status=$?
    if [ "$status" -eq 0 ]; then
        ok
    else
        fail "$name: exit status $status (a crash or an uncaught error):"
        sed 's/^/    /' "$tmp"
    fi
}

# expect NAME PATTERN: the output of the last run matches PATTERN (grep -E).
expect() {
    if grep -Eq "$2" "$tmp"; then ok; else
        fail "$1: output does not match /$2/:"
        sed 's/^/    /' "$tmp"
    fi
}

for f in lua/kogloss/core.so build/lua5.4/kogloss/core.so; do
    if [ ! -f "$f" ]; then
        echo "test_wrong_lua.sh: $f is missing; run make all first"
        echo "RESULT 0 1"
        exit 1
    fi
done

# The code prints ok=<bool> and the error; it always exits 0 itself, so a
# non-zero status can only come from a crash.
PROBE='local ok, err = pcall(require, MOD)
io.write("ok=", tostring(ok), "\n", "err=", tostring(err), "\n")'

# 1. LuaJIT build in Lua 5.4: a clear error that names the ABI problem.
#    (dlopen refuses it because the 5.1 API symbol lua_newuserdata does not
#    exist in 5.4; if it ever links, the module's own host check must say
#    "Lua 5.1 ABI".)
run "luajit build in lua5.4" \
    lua5.4 -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='lua/?.so'; MOD='kogloss.core'; $PROBE"
expect "luajit build in lua5.4" '^ok=false$'
expect "luajit build in lua5.4: mentions the Lua ABI" \
    'Lua 5\.1 ABI|undefined symbol: (lua|luaL)_[a-z_]+'

# 2. Lua 5.4 build in LuaJIT: an error, not a crash.
run "lua5.4 build in luajit" \
    luajit -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='build/lua5.4/?.so'; MOD='kogloss.core'; $PROBE"
expect "lua5.4 build in luajit" '^ok=false$'
expect "lua5.4 build in luajit: mentions the Lua ABI" \
    'undefined symbol: (lua|luaL)_[a-z_]+|Lua 5\.4|version mismatch'

# 3. require("kogloss") through init.lua gives the friendly message.
run "require kogloss in luajit with the 5.4 build" \
    luajit -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='build/lua5.4/?.so'; MOD='kogloss'; $PROBE"
expect "friendly message in luajit" '^ok=false$'
expect "friendly message in luajit" 'kogloss: cannot load the C module kogloss\.core for LuaJIT'
expect "friendly message in luajit names the right build" 'lua/kogloss/core\.so'

run "require kogloss in lua5.4 with the luajit build" \
    lua5.4 -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='lua/?.so'; MOD='kogloss'; $PROBE"
expect "friendly message in lua5.4" '^ok=false$'
expect "friendly message in lua5.4" 'kogloss: cannot load the C module kogloss\.core for Lua 5\.4'
expect "friendly message in lua5.4 names the right build" 'build/lua5\.4/kogloss/core\.so'

# 4. No module at all: the same friendly message, with the loader's reason.
run "require kogloss with no C module" \
    lua5.4 -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='/nonexistent/?.so'; MOD='kogloss'; $PROBE"
expect "missing module" '^ok=false$'
expect "missing module" "cannot load the C module kogloss\.core.*|module 'kogloss\.core' not found"

# 5. Control: each build loads in its own Lua, so the failures above are
#    about the ABI and not a broken build.
run "luajit build in luajit" \
    luajit -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='lua/?.so'; MOD='kogloss'; $PROBE"
expect "luajit build in luajit" '^ok=true$'
run "lua5.4 build in lua5.4" \
    lua5.4 -e "package.path='lua/?.lua;lua/?/init.lua'; package.cpath='build/lua5.4/?.so'; MOD='kogloss'; $PROBE"
expect "lua5.4 build in lua5.4" '^ok=true$'

echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
