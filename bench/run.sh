#!/usr/bin/env bash
# bench/run.sh — end-to-end figures for tigang on a large generated corpus, side by side
# with `cat` and `rg`, each next to its target.
#
# Usage (from anywhere; it works relative to the repo root):
#   bench/run.sh [--corpus DIR] [--mb N] [--seed N] [--runs N] [--no-build]
#
#   --corpus DIR  corpus folder (default: ${CARGO_TARGET_DIR:-target}/bench-corpus). Generated
#                 with `examples/gen_corpus.rs`; reused when it was made with the same --mb,
#                 --seed and generator source, regenerated otherwise. gen_corpus only ever
#                 replaces folders it made itself (they carry a `.gen_corpus` stamp).
#   --mb N        corpus size in MiB (default 100: ~10,000 files)
#   --seed N      generator seed (default 1)
#   --runs N      timed runs per command, after one warm-up run (default 5)
#   --no-build    use the binaries already in the target folder
#
# Steps: `cargo build --release --bins --examples`, generate (or reuse) the corpus, warm the
# page cache by reading every file once, then time:
#   cat over all files | tigang list | rg -F -c 一岗双责 | tigang search 一岗双责 (n/a until the
#   subcommand exists) | peak RSS of tigang list | time to first frame of the reader (n/a until
#   examples/first_frame exists; see first_frame_hook below).
#
# Needs: bash, cargo, find/xargs/awk. Optional, used when present:
#   hyperfine  (Debian: apt-get install -y hyperfine) — else a best-of-N `date +%s%N` loop
#   rg         (Debian: apt-get install -y ripgrep)  — else that row is skipped
#   /usr/bin/time (Debian: apt-get install -y time)  — else peak RSS is polled from /proc
# Honours CARGO_TARGET_DIR. NO_HYPERFINE=1 / NO_GNU_TIME=1 force the fallbacks (to test them). Not part of CI: timings depend on the machine and its load.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
CORPUS="$TARGET_DIR/bench-corpus"
MB=100
SEED=1
RUNS=5
BUILD=1
QUERY=一岗双责

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit "${1:-0}"; }
while (($#)); do
  case $1 in
    --corpus) CORPUS=${2:?--corpus needs a folder}; shift 2 ;;
    --mb) MB=${2:?--mb needs a number}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a number}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; usage 2 >&2 ;;
  esac
done

TIGANG="$TARGET_DIR/release/tigang"
GEN="$TARGET_DIR/release/examples/gen_corpus"
FIRST_FRAME="$TARGET_DIR/release/examples/first_frame"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

have() { command -v "$1" > /dev/null 2>&1; }
log() { printf '%s\n' "$*" >&2; }

# ---- build -------------------------------------------------------------------------------
if ((BUILD)); then
  log "== cargo build --release --bins --examples"
  cargo build --release --bins --examples
fi
[[ -x $TIGANG && -x $GEN ]] || { log "missing $TIGANG or $GEN: build first"; exit 1; }

# ---- corpus ------------------------------------------------------------------------------
# The stamp gen_corpus writes, plus a hash of its source so a changed generator regenerates.
want_stamp="gen_corpus v1 mb=$(printf '%g' "$MB") seed=$SEED"
src_hash=$(cksum < examples/gen_corpus.rs)
if [[ -f $CORPUS/.gen_corpus && $(< "$CORPUS/.gen_corpus") == "$want_stamp" &&
  -f $CORPUS/.bench-src && $(< "$CORPUS/.bench-src") == "$src_hash" ]]; then
  log "== reusing $CORPUS ($want_stamp)"
else
  log "== generating $CORPUS (--mb $MB --seed $SEED)"
  "$GEN" "$CORPUS" --mb "$MB" --seed "$SEED" >&2
  printf '%s\n' "$src_hash" > "$CORPUS/.bench-src"
fi
read -r FILES BYTES < <(find "$CORPUS" -type f ! -name '.*' -printf '%s\n' |
  awk '{n++; s+=$1} END {print n+0, s+0}')

log "== warming the page cache"
find "$CORPUS" -type f -print0 | xargs -0 cat > /dev/null

# ---- timing helpers ----------------------------------------------------------------------
# measure CMD: sets BEST and MEAN (milliseconds) for a shell command, output discarded.
# Non-zero exits are tolerated (a search with no hits may exit 1).
measure() {
  local cmd=$1
  if have hyperfine && [[ -z ${NO_HYPERFINE:-} ]]; then
    hyperfine --style none --shell bash --warmup 1 --runs "$RUNS" -i \
      --export-csv "$TMP/m.csv" "$cmd" > /dev/null 2>&1
    # command,mean,stddev,median,user,system,min,max — the command may contain commas.
    read -r MEAN BEST < <(awk -F, 'NR == 2 {printf "%.1f %.1f\n", $(NF-6)*1000, $(NF-1)*1000}' "$TMP/m.csv")
  else
    local i t0 t1 ms sum=0 best=
    bash -c "$cmd" > /dev/null 2>&1 || true
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N)
      bash -c "$cmd" > /dev/null 2>&1 || true
      t1=$(date +%s%N)
      ms=$(((t1 - t0) / 1000))
      sum=$((sum + ms))
      if [[ -z $best ]] || ((ms < best)); then best=$ms; fi
    done
    BEST=$(awk -v u="$best" 'BEGIN {printf "%.1f", u/1000}')
    MEAN=$(awk -v u="$sum" -v n="$RUNS" 'BEGIN {printf "%.1f", u/n/1000}')
  fi
}

# fmt_ms MS: "123 ms" or "1.23 s"
fmt_ms() { awk -v m="$1" 'BEGIN {if (m >= 1000) printf "%.2f s", m/1000; else printf "%.0f ms", m}'; }

# verdict OK_EXPR: "ok" or "MISS" from an awk boolean expression
verdict() { awk "BEGIN {print (($1) ? \"ok\" : \"MISS\")}"; }

ROWS=()
row() { ROWS+=("$(printf '%-30s  %-24s  %-30s  %s' "$1" "$2" "$3" "$4")"); }

quote() { printf '%q' "$1"; }
Q_CORPUS=$(quote "$CORPUS")
Q_TIGANG=$(quote "$TIGANG")

# ---- cat ---------------------------------------------------------------------------------
log "== timing cat"
measure "find $Q_CORPUS -type f -print0 | xargs -0 cat > /dev/null"
CAT_MS=$BEST
row "cat (all files)" "$(fmt_ms "$BEST") / $(fmt_ms "$MEAN")" "baseline" ""

# ---- tigang list -------------------------------------------------------------------------
log "== timing tigang list"
measure "$Q_TIGANG list --corpus $Q_CORPUS > /dev/null"
LIST_MS=$BEST
row "tigang list" "$(fmt_ms "$BEST") / $(fmt_ms "$MEAN")" \
  "$(awk -v a="$LIST_MS" -v c="$CAT_MS" 'BEGIN {printf "%.1fx cat", a/c}')" ""

# ---- search ------------------------------------------------------------------------------
RG_MS=
if have rg; then
  log "== timing rg"
  measure "rg -F -c $QUERY $Q_CORPUS"
  RG_MS=$BEST
  RG_LINES=$(rg -F -c "$QUERY" "$CORPUS" | awk -F: '{s+=$NF} END {print s+0}')
  row "rg -F -c QUERY" "$(fmt_ms "$BEST") / $(fmt_ms "$MEAN")" "$RG_LINES lines (UTF-8/16 only)" ""
else
  row "rg -F -c QUERY" "skipped" "rg not installed (apt-get install -y ripgrep)" ""
fi

if "$TIGANG" search --help > /dev/null 2>&1; then
  log "== timing tigang search"
  measure "$Q_TIGANG search $QUERY --corpus $Q_CORPUS > /dev/null"
  if [[ -n $RG_MS ]]; then
    row "tigang search QUERY" "$(fmt_ms "$BEST") / $(fmt_ms "$MEAN")" \
      "$(awk -v a="$BEST" -v r="$RG_MS" 'BEGIN {printf "%.1fx rg; target <= 2x rg", a/r}')" \
      "$(verdict "$BEST <= 2 * $RG_MS")"
  else
    row "tigang search QUERY" "$(fmt_ms "$BEST") / $(fmt_ms "$MEAN")" "target <= 2x rg (no rg)" ""
  fi
else
  row "tigang search QUERY" "n/a" "no search subcommand yet; target <= 2x rg" ""
fi

# ---- peak memory -------------------------------------------------------------------------
log "== peak RSS of tigang list"
if [[ -z ${NO_GNU_TIME:-} && -x /usr/bin/time ]] && /usr/bin/time -f %M -o "$TMP/rss" true 2> /dev/null; then
  /usr/bin/time -f %M -o "$TMP/rss" "$TIGANG" list --corpus "$CORPUS" > /dev/null 2>&1 || true
  RSS_KB=$(tail -n 1 "$TMP/rss")
  RSS_HOW="GNU time"
else
  # VmHWM is the high-water mark, so polling until exit catches the peak (to within the
  # last interval).
  "$TIGANG" list --corpus "$CORPUS" > /dev/null 2>&1 &
  pid=$!
  RSS_KB=0
  while kill -0 "$pid" 2> /dev/null; do
    kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
    [[ -n $kb ]] && ((kb > RSS_KB)) && RSS_KB=$kb
    sleep 0.01
  done
  wait "$pid" || true
  RSS_HOW="/proc VmHWM poll"
fi
LIMIT_KB=$(awk -v b="$BYTES" 'BEGIN {printf "%d", 1.5 * b / 1024 + 30 * 1024}')
row "peak RSS, tigang list" "$(awk -v k="$RSS_KB" 'BEGIN {printf "%.0f MiB", k/1024}') ($RSS_HOW)" \
  "$(awk -v l="$LIMIT_KB" 'BEGIN {printf "<= %.0f MiB (1.5xcorpus+30)", l/1024}')" \
  "$(verdict "$RSS_KB <= $LIMIT_KB")"

# ---- first frame -------------------------------------------------------------------------
# HOOK for the interactive reader. Contract for `examples/first_frame` (not written yet):
#   first_frame --corpus DIR   loads the corpus, renders the first frame of the reader to an
#                              off-screen terminal and exits; it may print the time to first
#                              frame in milliseconds as the last line of stdout. If it prints
#                              no number, the wall time of the whole process is used instead.
# Prints "BEST_MS" on success, nothing if the reader is not built yet.
first_frame_hook() {
  [[ -x $FIRST_FRAME ]] || return 0
  local i out ms t0 t1 best=
  "$FIRST_FRAME" --corpus "$CORPUS" > /dev/null 2>&1 || true # warm-up
  for ((i = 0; i < RUNS; i++)); do
    t0=$(date +%s%N)
    out=$("$FIRST_FRAME" --corpus "$CORPUS" 2> /dev/null | tail -n 1) || true
    t1=$(date +%s%N)
    if [[ $out =~ ^[0-9]+(\.[0-9]+)?$ ]]; then ms=$out; else ms=$(awk -v n=$((t1 - t0)) 'BEGIN {printf "%.1f", n/1e6}'); fi
    if [[ -z $best ]] || awk -v a="$ms" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$ms; fi
  done
  printf '%s\n' "$best"
}

log "== first frame"
FF_MS=$(first_frame_hook)
if [[ -n $FF_MS ]]; then
  row "first frame (reader)" "$(fmt_ms "$FF_MS") (best of $RUNS)" \
    "$(awk -v f="$FF_MS" -v c="$CAT_MS" 'BEGIN {printf "%.1fx cat; target <= 300 ms, <= 4x cat", f/c}')" \
    "$(verdict "$FF_MS <= 300 && $FF_MS <= 4 * $CAT_MS")"
else
  row "first frame (reader)" "n/a (reader not built yet)" "target <= 300 ms and <= 4x cat" ""
fi

# ---- report ------------------------------------------------------------------------------
echo
printf 'corpus %s: %s files, %s MiB (--mb %s --seed %s); %s runs after 1 warm-up, warm cache\n' \
  "$CORPUS" "$FILES" "$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b/1048576}')" "$MB" "$SEED" "$RUNS"
printf 'QUERY=%s; timer: %s; %s cores; %s\n' "$QUERY" "$(have hyperfine && [[ -z ${NO_HYPERFINE:-} ]] && echo hyperfine || echo 'date +%s%N loop')" \
  "$(nproc 2> /dev/null || echo '?')" "$(uname -sr)"
echo
printf '%-30s  %-24s  %-30s  %s\n' "measure" "best / mean" "relative, target" "verdict"
printf '%s\n' "${ROWS[@]}"
