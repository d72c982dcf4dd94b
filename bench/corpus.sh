# shellcheck shell=sh
# Sourced by bench/run.sh and bench/match/run.sh (POSIX sh): makes sure
# $CORPUS holds the >= $MIB MiB benchmark corpus, regenerating it only when
# the generator, its sources or the size changed. Needs die(), say(), MIB,
# CORPUS, and the repository root as the working directory.

ensure_corpus() {
    command -v lua5.4 >/dev/null || die "lua5.4 not found (make deps installs it)"
    set -- ../shared/data/ud/*.conllu ../shared/corpus/*.txt
    for f; do [ -f "$f" ] || die "corpus source missing: $f (expected ../shared next to the repo)"; done
    min_bytes=$((MIB * 1024 * 1024))
    # The cache key covers the generator, the sources and the size, so a stale
    # corpus is never measured.
    key=$(cat bench/gen_corpus.lua bench/rng.lua "$@" | cksum | cut -d' ' -f1)-$min_bytes
    if [ ! -f "$CORPUS" ] || [ "$(cat "$CORPUS.key" 2>/dev/null)" != "$key" ]; then
        say "generating $CORPUS"
        mkdir -p "$(dirname "$CORPUS")"
        lua5.4 bench/gen_corpus.lua "$CORPUS" "$min_bytes" "$@"
        echo "$key" >"$CORPUS.key"
    fi
}
