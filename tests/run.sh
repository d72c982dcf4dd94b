#!/bin/sh
# Runs every test suite of kogloss and sums their results. `make test`
# builds everything first and then calls this; run it from the repository
# root (it changes there itself).
#
# Each suite prints "RESULT <passed> <failed>". A suite that crashes, times
# out, prints no RESULT line, or exits non-zero although its RESULT shows no
# failure (a sanitizer report at exit, say) counts one more failure.
# The last line is "<N> passed, <N> failed"; the exit status is 0 iff no
# test failed. Tests whose data under ../shared is missing print SKIP lines
# instead of failing (tests/c/check.h); the line before the last counts
# them.
cd "$(dirname "$0")/.." || exit 1

total_passed=0
total_failed=0
total_skipped=0
out=${TMPDIR:-/tmp}/kogloss_run.$$
trap 'rm -f "$out"' EXIT INT TERM

TIMEOUT=
if command -v timeout >/dev/null 2>&1; then TIMEOUT="timeout 600"; fi

# suite NAME COMMAND...: runs the command, prints one line for it.
suite() {
    name=$1; shift
    # shellcheck disable=SC2086 # $TIMEOUT is empty or "timeout 600"
    $TIMEOUT "$@" >"$out" 2>&1 </dev/null
    status=$?
    line=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$out" | tail -n 1)
    note=
    if [ -z "$line" ]; then
        p=0; f=1
        if [ "$status" -eq 124 ]; then note=" (timed out)"
        elif [ "$status" -gt 128 ]; then note=" (killed by signal $((status - 128)))"
        else note=" (no RESULT line, exit status $status)"; fi
    else
        # shellcheck disable=SC2086 # split "RESULT p f" into words
        set -- $line
        p=$2; f=$3
        if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
            f=1; note=" (exit status $status after RESULT)"
        fi
    fi
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
    skips=$(grep -cE '^SKIP' "$out")
    total_skipped=$((total_skipped + skips))
    if [ "$f" -eq 0 ]; then
        printf 'ok    %-40s %5d passed\n' "$name" "$p"
        grep -E '^SKIP' "$out" | sed 's/^/      /'
    else
        printf 'FAIL  %-40s %5d passed, %d failed%s\n' "$name" "$p" "$f" "$note"
        grep -Ev '^RESULT [0-9]+ [0-9]+$' "$out" | head -n 60 | sed 's/^/      /'
    fi
}

# missing NAME WHY: a suite that cannot run counts as one failure.
missing() {
    total_failed=$((total_failed + 1))
    printf 'FAIL  %-40s not run: %s\n' "$1" "$2"
}

# ---- C tests --------------------------------------------------------------

found=0
for t in build/tests/*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    found=1
    suite "$t" "$t"
done
[ "$found" -eq 1 ] || missing "build/tests/*" "no C test binaries (make build/tests/...)"

# The same tests with ASan and UBSan. LeakSanitizer needs ptrace-free
# process inspection, which some containers deny; use it when it works.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
leaks=
found=0
for t in build/asan/*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    found=1
    if [ -z "$leaks" ]; then
        # probe once, on the first binary
        leaks=1
        ASAN_OPTIONS=detect_leaks=1 $TIMEOUT "$t" >"$out" 2>&1 </dev/null
        if grep -Eq 'LeakSanitizer (has encountered a fatal error|does not work under ptrace)' "$out"; then
            leaks=0
            echo "note: LeakSanitizer does not work here; ASan runs with detect_leaks=0"
        fi
    fi
    export ASAN_OPTIONS="detect_leaks=$leaks"
    suite "$t (leaks=$leaks)" "$t"
done
unset ASAN_OPTIONS
[ "$found" -eq 1 ] || missing "build/asan/*" "no sanitizer test binaries"

# ---- Lua ----------------------------------------------------------------------

export LUA_PATH="lua/?.lua;lua/?/init.lua"
for t in tests/lua/test_*.lua; do
    if command -v lua5.4 >/dev/null 2>&1; then
        export LUA_CPATH="build/lua5.4/?.so"; suite "lua5.4 $t" lua5.4 "$t"
    else
        missing "lua5.4 $t" "lua5.4 is not installed"
    fi
    if command -v luajit >/dev/null 2>&1; then
        export LUA_CPATH="lua/?.so"; suite "luajit $t" luajit "$t"
    else
        missing "luajit $t" "luajit is not installed"
    fi
done
suite "tests/lua/test_wrong_lua.sh" sh tests/lua/test_wrong_lua.sh
unset LUA_PATH LUA_CPATH

# ---- Neovim -------------------------------------------------------------------

# The script quits by itself (:qa! or :cquit 1); the trailing cquit only
# runs when the script could not even be loaded.
if command -v nvim >/dev/null 2>&1; then
    for t in tests/nvim/test_*.lua; do
        suite "nvim $t" \
            nvim --headless -u NONE -i NONE --cmd 'set rtp^=.' \
            -c "luafile $t" -c 'cquit 2'
    done
else
    missing "nvim tests/nvim/*" "nvim is not installed"
fi

# Tests skip (and say SKIP) only what needs ../shared, which CI has.
[ "$total_skipped" -eq 0 ] ||
    echo "note: $total_skipped SKIP lines above: data under ../shared is missing (CI has it beside the checkout)"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
