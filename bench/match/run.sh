#!/bin/sh
# Glossary matching throughput: kogloss against grep -F, ripgrep, Hyperscan
# and a naive LuaJIT loop, on the same >= 50 MB Korean file and the same 1k,
# 10k and 100k term lists, counting matches.
#
#   sh bench/match/run.sh          (bench/run.sh calls it at its end)
#
# Environment: BENCH_RUNS (default 5) rounds per list size, the best run of
# each tool is reported; BENCH_MB (default 50) corpus size in MiB;
# BENCH_MATCH_BUDGET (default 300) seconds: a list size gets no new round
# once it has used a third of them; BENCH_MATCH_CASELESS=1 runs the peers
# ASCII case-insensitively (kogloss always is); BENCH_NAIVE_MB (default 5)
# the slice the naive Lua peer scans.
#
# kogloss is build/bench/kg_match (from bench/match_bench.c): built here when
# the source and build/libkogloss.a are there, used when present, else its
# rows say "kogloss: not built".
#
# Writes build/bench/match.md (the table as markdown); logs in
# build/bench/match/.
set -eu
cd "$(dirname "$0")/../.."
# C locale: grep -F compares bytes (a UTF-8 term can only match on character
# boundaries anyway), and awk prints decimals with a dot.
LC_ALL=C
export LC_ALL

RUNS=${BENCH_RUNS:-5}
# shellcheck disable=SC2034 # MIB is read by bench/corpus.sh
MIB=${BENCH_MB:-50}
BUDGET=${BENCH_MATCH_BUDGET:-300}
CASELESS=${BENCH_MATCH_CASELESS:-0}
NAIVE_MB=${BENCH_NAIVE_MB:-5}
DISTINCT_PASSES=${BENCH_DISTINCT_PASSES:-30}
OUT=build/bench
CORPUS=$OUT/corpus.txt
MD=$OUT/match.md
LOG=$OUT/match
SIZES="1k 10k 100k"

die() { echo "bench/match: $*" >&2; exit 1; }
say() { echo "bench/match: $*" >&2; }

# ---- prerequisites ----------------------------------------------------------

command -v lua5.4 >/dev/null || die "lua5.4 not found (make deps installs it)"

# Debian packages, installed only when missing (apt-get update is slow).
APT_UPDATED=
apt_install() {
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    if [ -z "$APT_UPDATED" ]; then
        $SUDO apt-get update -qq >/dev/null || return 1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (for peak RSS)"
    apt_install time || die "could not install 'time'; install GNU time by hand"
fi
if ! command -v rg >/dev/null; then
    say "installing ripgrep"
    apt_install ripgrep || say "could not install ripgrep; its rows are skipped"
fi
if ! pkg-config --exists libhs 2>/dev/null; then
    say "installing libhyperscan-dev"
    apt_install libhyperscan-dev || say "could not install libhyperscan-dev; its rows are skipped"
fi

mkdir -p "$OUT" "$LOG"

# ---- corpus and terms -----------------------------------------------------------

. bench/corpus.sh
ensure_corpus
BYTES=$(wc -c <"$CORPUS")

tkey=$(cat bench/match/gen_terms.lua bench/rng.lua "$CORPUS.key" | cksum | cut -d' ' -f1)
if [ ! -f "$OUT/terms-100k.txt" ] || [ "$(cat "$OUT/terms.key" 2>/dev/null)" != "$tkey" ]; then
    say "generating term lists"
    lua5.4 bench/match/gen_terms.lua "$CORPUS" "$OUT" 2>"$LOG/gen_terms.log" ||
        { cat "$LOG/gen_terms.log" >&2; die "gen_terms.lua failed"; }
    echo "$tkey" >"$OUT/terms.key"
fi
cat "$LOG/gen_terms.log" >&2

# The naive peer's slice: the first NAIVE_MB MiB, cut after a whole line.
SLICE=$OUT/slice-${NAIVE_MB}m.txt
head -c $((NAIVE_MB * 1024 * 1024)) "$CORPUS" | sed '$d' >"$SLICE"
SLICE_BYTES=$(wc -c <"$SLICE")
: >"$LOG/empty.txt"

# The corpus repeats its sentences (about 3,200 of them, shuffled, to 50 MB),
# and kogloss keeps the segmenter's answers for the eojeols it has met: on
# the corpus nearly every answer is kept, on text read for the first time
# most are not. The distinct lines, once each and matched DISTINCT_PASSES
# times with a fresh kg_matches per pass (too short to time once), show the
# speed on such text; Hyperscan scans the same bytes as often.
DISTINCT=$OUT/distinct.txt
awk '!seen[$0]++' "$CORPUS" >"$DISTINCT"
DISTINCT_BYTES=$(wc -c <"$DISTINCT")

# ---- programs -------------------------------------------------------------------

# why_NAME is empty when NAME can run, else the reason for its row.
why_grep=
why_rg=; command -v rg >/dev/null || why_rg="ripgrep: not installed"
why_hs=
if ! grep -qw ssse3 /proc/cpuinfo 2>/dev/null; then
    why_hs="Hyperscan: this CPU lacks SSSE3"
elif ! pkg-config --exists libhs 2>/dev/null; then
    why_hs="Hyperscan: libhyperscan-dev not installed"
else
    # shellcheck disable=SC2046 # the pkg-config flags are meant to split
    ${CC:-cc} -std=c11 -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes \
        $(pkg-config --cflags libhs) -o "$OUT/hs_count" bench/match/hs_count.c \
        $(pkg-config --libs libhs) || die "hs_count does not compile"
fi
why_kg=
if [ -f bench/match_bench.c ] && [ -f build/libkogloss.a ]; then
    # Built like seg_bench in bench/run.sh; a failed build must not leave a
    # stale binary to be measured.
    # shellcheck disable=SC2046
    ${CC:-cc} -std=c11 -O2 -Wall -Wextra -Iinclude -o "$OUT/kg_match" \
        bench/match_bench.c build/libkogloss.a \
        $(pkg-config --libs icu-uc 2>/dev/null || echo -licuuc) \
        $(pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8) \
        >"$LOG/kg_match-build.log" 2>&1 ||
        { rm -f "$OUT/kg_match"; say "kg_match does not compile: see $LOG/kg_match-build.log"; }
fi
[ -x "$OUT/kg_match" ] || why_kg="kogloss: not built"
why_naive=; command -v luajit >/dev/null || why_naive="naive Lua: luajit not found"

ICASE=; HSFLAG=
if [ "$CASELESS" = 1 ]; then ICASE=-i; HSFLAG=-i; fi

# ---- measurements -----------------------------------------------------------------

now_ns() { date +%s%N; }

# measure SIZE TOOL CMD...: one run; appends "wall_s rss_kb count build_ms
# scan_ms" to $LOG/SIZE.TOOL.runs. count, build_ms and scan_ms come from a
# count=/build_ms=/scan_ms= line when the tool prints one, else count is the
# sum of the numbers it printed and the others are "-".
# (sh has no locals: its own names keep the callers' $size and $tool.)
measure() {
    m_run=$LOG/$1.$2 m_what="$2 ($1)"; shift 2
    t0=$(now_ns)
    if ! /usr/bin/time -f %M -o "$m_run.rss" "$@" >"$m_run.out" 2>"$m_run.err"; then
        cat "$m_run.out" "$m_run.err" >&2
        die "$m_what failed"
    fi
    t1=$(now_ns)
    awk -v ns=$((t1 - t0)) -v rss="$(tail -n 1 "$m_run.rss")" '
        /count=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                   kv_line = 1; next }
        /^[0-9]+$/ { sum += $1 }
        END { if (kv_line) print ns / 1e9, rss, v["count"], v["build_ms"], v["scan_ms"]
              else print ns / 1e9, rss, sum + 0, "-", "-" }' \
        "$m_run.out" >>"$m_run.runs"
    say "$m_what: $(tail -n 1 "$m_run.runs")"
}

# The peers as shell commands: $1 = terms, $2 = text (expanded by sh -c).
# shellcheck disable=SC2016
GREP_CMD='grep '"$ICASE"' -oF -f "$1" "$2" | wc -l'
# rg exits 1 when nothing matched; --no-filename keeps its output a number.
# shellcheck disable=SC2016
RG_CMD='rg '"$ICASE"' --no-filename --count-matches -F -f "$1" "$2" || [ $? = 1 ]'

rm -f "$LOG"/*.runs
t_all=$(date +%s)
for size in $SIZES; do
    terms=$OUT/terms-$size.txt
    t_size=$(date +%s)
    round=1
    while [ "$round" -le "$RUNS" ]; do
        t_round=$(date +%s)
        # Tools alternate within a round, so drifting load on the shared
        # machine hits them alike. The *0 runs search an empty file: start-up
        # plus pattern compilation, subtracted to estimate grep's and rg's
        # scan alone.
        if [ -z "$why_grep" ]; then
            measure "$size" grep sh -c "$GREP_CMD" sh "$terms" "$CORPUS"
            measure "$size" grep0 sh -c "$GREP_CMD" sh "$terms" "$LOG/empty.txt"
        fi
        if [ -z "$why_rg" ]; then
            measure "$size" rg sh -c "$RG_CMD" sh "$terms" "$CORPUS"
            measure "$size" rg0 sh -c "$RG_CMD" sh "$terms" "$LOG/empty.txt"
        fi
        [ -n "$why_hs" ] || measure "$size" hs "$OUT/hs_count" $HSFLAG "$terms" "$CORPUS"
        [ -n "$why_kg" ] || measure "$size" kg "$OUT/kg_match" "$terms" "$CORPUS"
        [ -n "$why_hs" ] ||
            measure "$size.distinct" hs "$OUT/hs_count" $HSFLAG -r "$DISTINCT_PASSES" "$terms" "$DISTINCT"
        [ -n "$why_kg" ] ||
            measure "$size.distinct" kg "$OUT/kg_match" -r "$DISTINCT_PASSES" "$terms" "$DISTINCT"
        t_end=$(date +%s)
        if [ "$round" -lt "$RUNS" ] &&
            [ $((t_end - t_size + t_end - t_round)) -gt $((BUDGET / 3)) ]; then
            say "$size: stopping after $round round(s): another would exceed $((BUDGET / 3))s"
            break
        fi
        round=$((round + 1))
    done
    # Hyperscan again with grep's and rg's semantics, to check their counts
    # (not timed: the match resolution is not part of the comparison).
    if [ -z "$why_hs" ]; then
        "$OUT/hs_count" $HSFLAG -o -u "$terms" "$CORPUS" >"$LOG/$size.hs_grep.out"
        "$OUT/hs_count" $HSFLAG -f "$terms" "$CORPUS" >"$LOG/$size.hs_rg.out"
    fi
done

# The naive loop only on the 1k list and a slice: the full run would take
# hours. Hyperscan on the same slice gives the count to compare with.
if [ -z "$why_naive" ]; then
    round=1
    measure naive naive luajit bench/match/naive.lua "$OUT/terms-1k.txt" "$SLICE"
    [ -n "$why_hs" ] || measure naive hs "$OUT/hs_count" "$OUT/terms-1k.txt" "$SLICE"
fi
say "measured in $(($(date +%s) - t_all)) s"

# ---- report ---------------------------------------------------------------------

cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src include bench 2>/dev/null)" ] || rev="$rev+dirty"
versions="$(grep --version | sed -n 1p)"
[ -n "$why_rg" ] || versions="$versions; $(rg --version | sed -n 1p)"
[ -n "$why_hs" ] || versions="$versions; Hyperscan $(pkg-config --modversion libhs)"
[ -n "$why_naive" ] || versions="$versions; $(luajit -v | cut -d' ' -f1-2)"
caseless_note="case-sensitive"
[ "$CASELESS" != 1 ] || caseless_note="ASCII case-insensitive (grep -i, rg -i, HS_FLAG_CASELESS)"

awk -v bytes="$BYTES" -v slice_bytes="$SLICE_BYTES" -v distinct_bytes="$DISTINCT_BYTES" \
    -v distinct_passes="$DISTINCT_PASSES" -v naive_mb="$NAIVE_MB" -v logdir="$LOG" \
    -v sizes="$SIZES" -v md="$MD" -v cpu="$cpu" -v ncpu="$(nproc 2>/dev/null || echo '?')" \
    -v rev="$rev" -v versions="$versions" -v caseless="$caseless_note" \
    -v why_grep="$why_grep" -v why_rg="$why_rg" -v why_hs="$why_hs" -v why_kg="$why_kg" \
    -v why_naive="$why_naive" '
# load(size, tool): best run (least scan_ms when the tool reports it, else
# least wall), largest RSS, number of runs.
function load(size, tool,   f, line, p, n, key, score) {
    key = size SUBSEP tool; f = logdir "/" size "." tool ".runs"; n = 0
    while ((getline line < f) > 0) {
        split(line, p, " ")
        score = (p[5] != "-") ? p[5] / 1000 : p[1]
        if (n == 0 || score < best[key]) {
            best[key] = score; wall[key] = p[1]; cnt[key] = p[3]; bms[key] = p[4]
        }
        if (n == 0 || p[1] < minwall[key]) minwall[key] = p[1]
        if (n == 0 || p[2] > rss[key]) rss[key] = p[2]
        n++
    }
    close(f)
    nruns[key] = n
    return n
}
function kv(file, name,   line, i, n, a, b) {
    if ((getline line < file) <= 0) return ""
    close(file)
    n = split(line, a, " ")
    for (i = 1; i <= n; i++) { split(a[i], b, "="); if (b[1] == name) return b[2] }
    return ""
}
function emit(size, tool, count, build, scan, whole, rssmb, ratio,   mdtool) {
    mdtool = tool; gsub(/\|/, "\\|", mdtool) # a bare | would end the cell
    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", size, mdtool, count, build, scan, whole,
           rssmb, ratio > md
    printf "%-6s %-34s %10s %9s %10s %10s %8s %s\n", size, tool, count, build, scan, whole, rssmb, ratio
}
function missing(size, why) { emit(size, why, "", "", "", "", "", "") }
BEGIN {
    nsz = split(sizes, sz, " ")
    printf "## Glossary matching throughput\n\n" > md
    printf "Corpus: %.1f MB (the segmentation corpus); term lists: build/bench/terms-{1k,10k,100k}.txt (bench/match/gen_terms.lua); matching %s.\n", bytes / 1e6, caseless > md
    printf "Machine: %s (%s CPUs); kogloss %s; %s.\n\n", cpu, ncpu, rev, versions > md
    printf "| terms | tool | count | build ms | scan MB/s | whole-command MB/s | peak RSS MiB | kogloss / best peer |\n" > md
    printf "|---|---|---:|---:|---:|---:|---:|---:|\n" > md
    printf "\n%-6s %-34s %10s %9s %10s %10s %8s %s\n", "terms", "tool", "count", "build ms",
           "scan MB/s", "whole MB/s", "RSS MiB", "kogloss/best peer"
    for (s = 1; s <= nsz; s++) {
        size = sz[s]; bestpeer = 0; bestname = ""; bestwhole = 0; wholename = ""
        # grep and rg: compile time = the empty-file run; scan = the rest.
        split("grep rg", peers, " ")
        for (q = 1; q <= 2; q++) {
            t = peers[q]; why = (t == "grep") ? why_grep : why_rg
            label = (t == "grep") ? "grep -oF -f | wc -l" : "rg --count-matches -F -f"
            if (why != "" || !load(size, t)) { missing(size, why); continue }
            load(size, t "0"); k = size SUBSEP t; k0 = size SUBSEP t "0"
            build = minwall[k0]; scan = minwall[k] - build
            mbs = scan > 0 ? bytes / scan / 1e6 : 0
            whole = bytes / minwall[k] / 1e6
            emit(size, label, cnt[k], sprintf("~%.0f", build * 1000), sprintf("~%.1f", mbs),
                 sprintf("%.1f", whole), sprintf("%.1f", rss[k] / 1024), "")
            if (mbs > bestpeer) { bestpeer = mbs; bestname = t }
            if (whole > bestwhole) { bestwhole = whole; wholename = t }
        }
        split("hs kg", own, " ")
        for (q = 1; q <= 2; q++) {
            t = own[q]; why = (t == "hs") ? why_hs : why_kg
            label = (t == "hs") ? "Hyperscan (hs_compile_lit_multi)" : "kogloss (kg_match)"
            if (why != "" || !load(size, t)) { missing(size, why != "" ? why : t ": no runs"); continue }
            k = size SUBSEP t
            mbs = bytes / best[k] / 1e6; whole = bytes / minwall[k] / 1e6
            ratio = ""
            if (t == "kg" && bestpeer > 0)
                ratio = sprintf("%.2fx scan (vs %s), %.2fx whole (vs %s)", mbs / bestpeer,
                                bestname == "hs" ? "Hyperscan" : bestname, whole / bestwhole, wholename)
            emit(size, label, cnt[k], sprintf("%.0f", bms[k]), sprintf("%.1f", mbs),
                 sprintf("%.1f", whole), sprintf("%.1f", rss[k] / 1024), ratio)
            if (t == "hs") {
                if (mbs > bestpeer) { bestpeer = mbs; bestname = "hs" }
                if (whole > bestwhole) { bestwhole = whole; wholename = "Hyperscan" }
                g = kv(logdir "/" size ".hs_grep.out", "count"); r = kv(logdir "/" size ".hs_rg.out", "count")
                u = kv(logdir "/" size ".hs_grep.out", "distinct")
                checks = checks sprintf("- %s terms: %s of them occur; Hyperscan with grep -o semantics (leftmost-longest, non-overlapping) counts %s, grep %s; with rg semantics (leftmost-first) %s, rg %s.\n",
                    size, u, g, cnt[size SUBSEP "grep"], r, cnt[size SUBSEP "rg"])
            }
        }
    }
    # the distinct lines, read once: scan MB/s over all passes
    for (s = 1; s <= nsz; s++) {
        size = sz[s] ".distinct"; label = sz[s] ", distinct lines"; hsmbs = 0
        if (why_hs == "" && load(size, "hs")) {
            k = size SUBSEP "hs"; hsmbs = distinct_bytes * distinct_passes / best[k] / 1e6
            emit(label, "Hyperscan", cnt[k], sprintf("%.0f", bms[k]), sprintf("%.1f", hsmbs), "", "", "")
        }
        if (why_kg == "" && load(size, "kg")) {
            k = size SUBSEP "kg"; mbs = distinct_bytes * distinct_passes / best[k] / 1e6
            emit(label, "kogloss, a fresh kg_matches per pass", cnt[k], sprintf("%.0f", bms[k]),
                 sprintf("%.1f", mbs), "", "", hsmbs > 0 ? sprintf("%.2fx scan (vs Hyperscan)", mbs / hsmbs) : "")
        }
    }
    if (why_naive != "") missing("1k", why_naive)
    else if (load("naive", "naive")) {
        k = "naive" SUBSEP "naive"
        emit(sprintf("1k, first %d MiB", naive_mb), "naive Lua (string.find per term, LuaJIT)", cnt[k], "0",
             sprintf("%.2f", slice_bytes / best[k] / 1e6), sprintf("%.2f", slice_bytes / minwall[k] / 1e6),
             sprintf("%.1f", rss[k] / 1024), "")
        if (load("naive", "hs")) {
            k = "naive" SUBSEP "hs"
            emit(sprintf("1k, first %d MiB", naive_mb), "Hyperscan, same slice", cnt[k], sprintf("%.0f", bms[k]),
                 sprintf("%.1f", slice_bytes / best[k] / 1e6), sprintf("%.1f", slice_bytes / minwall[k] / 1e6),
                 sprintf("%.1f", rss[k] / 1024), "")
        }
    }
    printf "\nBest of the runs (tools alternate within a round); MB = 10^6 bytes; peak RSS from GNU time (largest of the runs; each program holds or maps the whole file). " > md
    printf "grep and rg: whole command = process wall clock; their build ms is the wall clock of the same command on an empty file (start-up and pattern compilation) and their scan MB/s (~) subtracts it. " > md
    printf "Hyperscan and kogloss report build and scan times themselves (CLOCK_MONOTONIC); whole command = process wall clock including reading the file. " > md
    printf "The naive Lua peer runs on the first %d MiB only (%.1f MB), its scan time is CPU time. ", naive_mb, slice_bytes / 1e6 > md
    printf "The corpus repeats about 3,200 sentences; kogloss keeps the segmenter'"'"'s answers per eojeol in its kg_matches, so on the corpus it asks the segmenter again for few eojeols. The distinct-lines rows match each distinct line once (%.2f MB), %d passes, each with a fresh kg_matches: the speed on text read for the first time.\n\n", distinct_bytes / 1e6, distinct_passes > md
    printf "Counts differ by semantics, not by bugs: grep -o counts non-overlapping leftmost-longest matches, rg --count-matches non-overlapping leftmost-first (the term listed first wins at a position), Hyperscan every end offset of every term (overlapping terms all count), the naive loop non-overlapping occurrences per term (equal to Hyperscan unless a term overlaps itself). Checked here:\n\n%s", checks > md
}'
say "markdown written to $MD"
