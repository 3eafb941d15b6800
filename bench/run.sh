#!/usr/bin/env bash
# bench/run.sh — end-to-end figures for tigang on generated corpora, each told as a multiple of
# the floor (reading every file once on all cores, parsing nothing) and next to its target.
#
# Usage (from anywhere; it works relative to the repo root):
#   bench/run.sh [--sizes 10,100] [--runs N] [--seed N] [--corpus DIR] [--no-build]
#
#   --sizes LIST  corpus sizes in MiB, comma-separated (default 10,100; 1000 for the 1 GB
#                 target). One corpus per size, ${CARGO_TARGET_DIR:-target}/bench-corpus-<N>mb,
#                 made by examples/gen_corpus.rs and reused while its stamp names the same
#                 size and seed and the generator's source is unchanged.
#   --runs N      timed rounds after one warm-up round (default 5). A round runs every command
#                 once, always in the same order, so a drift in the machine's load hits all
#                 rows alike; each row shows the median and the range (min-max) of its rounds.
#   --seed N      generator seed (default 1)
#   --corpus DIR  the corpus folder, for one size only (gen_corpus only ever replaces
#                 folders it made itself: they carry a `.gen_corpus` stamp)
#   --no-build    use the binaries already in the target folder
#
# Rows: the floor (examples/read_floor) | tigang list, cold (--no-cache) and warm (parse cache
# filled first) | first frame of the reader in a pty (examples/first_frame), cold (empty cache)
# and warm | tigang search -c, literal and regex, next to rg (and grep -rcF) | peak RSS of
# tigang list | less +G on a 5 MiB speech (time until less has read it and shows (END)) next
# to tigang show of it (a proxy for opening it in the reader).
#
# Isolation and fairness: every tigang run gets an empty config and its own XDG_CACHE_HOME
# in a temp folder (the user's cache and config are never read or written); the files are in
# the page cache for every row ("cold" means the parse cache only); rg and grep search a
# UTF-8 copy of the corpus (examples/utf8_copy, made once per corpus) since grep cannot read
# GBK or UTF-16 and rg reads GBK only with `-E gbk`, which would misread the UTF-8 files;
# match counts of both sides are printed so a reader sees how far they agree.
#
# Needs: bash >= 5 (EPOCHREALTIME, else `date +%s%N`), cargo, awk, find, sort. Optional:
#   rg            (Debian: apt-get install -y ripgrep)  — else its rows say skipped
#   grep, less    (Debian: apt-get install -y grep less)
#   /usr/bin/time (Debian: apt-get install -y time)     — else peak RSS is polled from /proc
# No hyperfine needed. Honours CARGO_TARGET_DIR. NO_GNU_TIME=1 forces the /proc poll. Not
# part of CI: timings depend on the machine and its load.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
SIZES=10,100
SEED=1
RUNS=5
BUILD=1
CORPUS_ARG=
LIT=一岗双责
LIT_TRAD=一崗雙責
RE='\d{4}年\d{1,2}月'

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit "${1:-0}"; }
while (($#)); do
  case $1 in
    --sizes) SIZES=${2:?--sizes needs a list like 10,100}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a number}; shift 2 ;;
    --corpus) CORPUS_ARG=${2:?--corpus needs a folder}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; usage 2 >&2 ;;
  esac
done
IFS=, read -r -a SIZE_LIST <<< "$SIZES"
for s in "${SIZE_LIST[@]}"; do
  [[ $s =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "bench/run.sh: bad size '$s' in --sizes" >&2; exit 2; }
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --runs needs a positive number" >&2; exit 2; }
if [[ -n $CORPUS_ARG && ${#SIZE_LIST[@]} -ne 1 ]]; then
  echo "bench/run.sh: --corpus goes with one size only (--sizes N)" >&2
  exit 2
fi

TIGANG="$TARGET_DIR/release/tigang"
EX="$TARGET_DIR/release/examples"
GEN="$EX/gen_corpus" FLOOR="$EX/read_floor" FIRST_FRAME="$EX/first_frame" UTF8_COPY="$EX/utf8_copy"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

have() { command -v "$1" > /dev/null 2>&1; }
log() { printf '%s\n' "$*" >&2; }

# ---- build -------------------------------------------------------------------------------
if ((BUILD)); then
  log "== cargo build --release (tigang and the bench examples)"
  cargo build --release --bin tigang --example gen_corpus --example read_floor \
    --example first_frame --example utf8_copy
fi
for b in "$TIGANG" "$GEN" "$FLOOR" "$FIRST_FRAME" "$UTF8_COPY"; do
  [[ -x $b ]] || { log "missing $b: build first (drop --no-build)"; exit 1; }
done
# first_frame spawns through portable-pty, which looks a relative program up in PATH.
TIGANG=$(realpath "$TIGANG")

# ---- isolation ---------------------------------------------------------------------------
# Nothing of the user's: an empty config (built-in defaults), state and cache under $TMP.
mkdir -p "$TMP/config" "$TMP/state" "$TMP/data"
export XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state" XDG_DATA_HOME="$TMP/data"
unset TIGANG_CONFIG RIPGREP_CONFIG_PATH GREP_OPTIONS LESS LESSOPEN LESSCLOSE NO_COLOR CLICOLOR_FORCE

# ---- timer -------------------------------------------------------------------------------
if [[ -n ${EPOCHREALTIME:-} ]]; then
  TIMER="bash EPOCHREALTIME (us), wall clock around each process"
  now_us() { NOW=${EPOCHREALTIME/[.,]/}; }
else
  TIMER="date +%s%N, wall clock around each process (includes a fork of date)"
  now_us() { NOW=$(($(date +%s%N) / 1000)); }
fi

# ---- the commands ------------------------------------------------------------------------
# One function per row: it runs the command once with its output on stdout. Rows listed in
# SELF_TIMED print their own milliseconds as the last line (first_frame: from spawn to the
# frame, without the pty's teardown); the others are timed from outside. PREP_<row>, when
# defined, runs untimed before each run. CORPUS, MIRROR, WARM, COLD and BIG are set per size.
run_floor() { "$FLOOR" "$CORPUS"; }
run_list_cold() { XDG_CACHE_HOME=$WARM "$TIGANG" list --no-cache --corpus "$CORPUS"; }
run_list_warm() { XDG_CACHE_HOME=$WARM "$TIGANG" list --corpus "$CORPUS"; }
PREP_ff_cold() { rm -rf "$COLD"; mkdir -p "$COLD"; }
run_ff_cold() { XDG_CACHE_HOME=$COLD "$FIRST_FRAME" --bin "$TIGANG" --corpus "$CORPUS"; }
run_ff_warm() { XDG_CACHE_HOME=$WARM "$FIRST_FRAME" --bin "$TIGANG" --corpus "$CORPUS"; }
run_lit_tigang() { XDG_CACHE_HOME=$WARM "$TIGANG" search -c "$LIT" --corpus "$CORPUS"; }
run_lit_rg() { rg --no-ignore -F -c "$LIT" "$MIRROR"; }
run_lit_grep() { LC_ALL=C grep -rcF "$LIT" "$MIRROR"; }
run_re_tigang() { XDG_CACHE_HOME=$WARM "$TIGANG" search -c "re:$RE" --corpus "$CORPUS"; }
run_re_rg() { rg --no-ignore -c "$RE" "$MIRROR"; }
run_less() { "$FIRST_FRAME" --bin "$(command -v less)" --until '(END)' -- +G "$BIG"; }
run_show() { XDG_CACHE_HOME=$WARM "$TIGANG" show "$BIG"; }
PREP_open() { rm -rf "$COLD"; mkdir -p "$COLD"; }
run_open() { XDG_CACHE_HOME=$COLD "$FIRST_FRAME" --bin "$TIGANG" --until "$BIG_TEXT" -- "$BIG"; }
PREP_f_start() { rm -rf "$COLD"; mkdir -p "$COLD"; }
run_f_start() { XDG_CACHE_HOME=$COLD "$FIRST_FRAME" --bin "$TIGANG" --corpus "$CORPUS" --keys "F$LIT" --until "$LIT" --lines 2; }
SELF_TIMED=" ff_cold ff_warm less open f_start "
# Exit statuses that are not failures: a search or count with no hit exits 1.
OK_1=" lit_tigang lit_rg lit_grep re_tigang re_rg "

ALL_ROWS=(floor list_cold list_warm ff_cold ff_warm f_start lit_tigang lit_rg lit_grep re_tigang re_rg less open show)
declare -A LABEL=(
  [floor]="floor: read_floor, all cores"
  [list_cold]="tigang list, cold (--no-cache)"
  [list_warm]="tigang list, warm cache"
  [ff_cold]="first frame, cold (empty cache)"
  [ff_warm]="first frame, warm cache"
  [f_start]="F LIT at the first frame, cold"
  [lit_tigang]="tigang search -c LIT"
  [lit_rg]="rg -F -c LIT (UTF-8 copy)"
  [lit_grep]="grep -rcF LIT (UTF-8 copy)"
  [re_tigang]="tigang search -c re:RE"
  [re_rg]="rg -c RE (UTF-8 copy)"
  [less]="less +G BIG, until (END) shows"
  [open]="tigang BIG, until its text shows"
  [show]="tigang show BIG >/dev/null"
)

# measure_once ROW: appends one sample (ms) to SAMPLES[ROW]; a failure is kept in FAILED[ROW].
declare -A SAMPLES FAILED
measure_once() {
  local row=$1 t0 rc=0 out ms
  if declare -F "PREP_$row" > /dev/null; then "PREP_$row"; fi
  if [[ $SELF_TIMED == *" $row "* ]]; then
    out=$("run_$row" 2> "$TMP/err" | tail -n 1) || rc=$?
    if [[ $out =~ ^[0-9]+(\.[0-9]+)?$ ]]; then ms=$out; else rc=${rc/#0/99}; fi
  else
    now_us
    t0=$NOW
    "run_$row" > /dev/null 2> "$TMP/err" || rc=$?
    now_us
    ms=$(((NOW - t0) / 1000)).$(printf '%03d' $(((NOW - t0) % 1000)))
  fi
  if ((rc != 0)) && ! [[ $rc == 1 && $OK_1 == *" $row "* ]]; then
    FAILED[$row]="exit $rc: $(grep -m 1 -v "^ *$" "$TMP/err" | head -c 120)"
    return 0
  fi
  SAMPLES[$row]+=" $ms"
}

# stats ROW: "MEDIAN MIN MAX" of its samples (ms).
stats() {
  tr ' ' '\n' <<< "${SAMPLES[$1]:-}" | awk 'NF' | sort -g | awk '
    {v[NR] = $1} END {
      if (NR == 0) exit
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      print m, v[1], v[NR]
    }'
}

# fmt_ms MS: "6.1 ms" / "123 ms" / "1.23 s"
fmt_ms() {
  awk -v m="$1" 'BEGIN {
    if (m >= 1000) printf "%.2f s", m / 1000; else if (m >= 100) printf "%.0f ms", m; else printf "%.1f ms", m
  }'
}
calc() { awk "BEGIN {print $*}"; }
verdict() { awk "BEGIN {print (($1) ? \"ok\" : \"MISS\")}"; }

# First-frame target: <= 100 ms at 100 MiB, <= 300 ms at 1000 MiB, linear in between; below
# 100 MiB the 100 MiB bound holds (a smaller corpus can only be easier); above 1000: n.a.
ff_target() {
  awk -v s="$1" 'BEGIN {
    if (s > 1000) exit
    if (s <= 100) print 100; else printf "%.0f\n", 100 + (s - 100) * 200 / 900
  }'
}

# peak_rss_kb CMD...: the peak RSS (KiB) of one run.
peak_rss_kb() {
  if [[ -z ${NO_GNU_TIME:-} && -x /usr/bin/time ]] && /usr/bin/time -f %M -o "$TMP/rss" true 2> /dev/null; then
    /usr/bin/time -f %M -o "$TMP/rss" "$@" > /dev/null 2>&1 || true
    tail -n 1 "$TMP/rss"
  else
    # VmHWM is the high-water mark, so polling until exit catches the peak to within the
    # last interval.
    "$@" > /dev/null 2>&1 &
    local pid=$! kb best=0
    while kill -0 "$pid" 2> /dev/null; do
      kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
      [[ -n $kb ]] && ((kb > best)) && best=$kb
      sleep 0.005
    done
    wait "$pid" || true
    echo "$best"
  fi
}
RSS_HOW=$([[ -z ${NO_GNU_TIME:-} && -x /usr/bin/time ]] && echo "GNU time %M" || echo "/proc VmHWM poll")

# cnt "MATCHES FILES": words for it.
cnt() {
  local m f
  read -r m f <<< "$1"
  if [[ -n ${m:-} ]]; then echo "$m matches in $f files"; else echo "? (not run)"; fi
}

# sum_counts: "MATCHES FILES" from `path:count` lines (count last; 0-count lines not files).
sum_counts() { awk -F: '$NF > 0 {s += $NF; f++} END {print s + 0, f + 0}'; }

# ---- corpus and its UTF-8 copy -----------------------------------------------------------
# prepare_corpus MB: sets CORPUS, MIRROR, GEN_NOTE, FILES, BYTES, MIRROR_BYTES.
prepare_corpus() {
  local mb=$1 mbfmt src_hash copy_stamp
  mbfmt=$(printf '%g' "$mb")
  CORPUS=${CORPUS_ARG:-$TARGET_DIR/bench-corpus-${mbfmt}mb}
  CORPUS=${CORPUS%/}
  src_hash=$(cksum < examples/gen_corpus.rs)
  if [[ -f $CORPUS/.gen_corpus && -f $CORPUS/.bench-src && $(< "$CORPUS/.bench-src") == "$src_hash" ]] &&
    grep -Eqx "gen_corpus v[0-9]+ mb=$mbfmt seed=$SEED" "$CORPUS/.gen_corpus"; then
    log "== reusing $CORPUS ($(< "$CORPUS/.gen_corpus"))"
  else
    log "== generating $CORPUS (--mb $mbfmt --seed $SEED)"
    "$GEN" "$CORPUS" --mb "$mbfmt" --seed "$SEED" | tee "$TMP/gen.log" >&2
    cp "$TMP/gen.log" "$CORPUS/.bench-gen.log"
    printf '%s\n' "$src_hash" > "$CORPUS/.bench-src"
  fi
  GEN_NOTE=$(grep -o '一岗双责: .*' "$CORPUS/.bench-gen.log" 2> /dev/null || echo "一岗双责: (generator log missing)")

  # The copy is stamped with the corpus's stamp and the converter's source; only a folder with
  # that stamp file is ever removed.
  MIRROR="$CORPUS.utf8"
  copy_stamp="$(< "$CORPUS/.gen_corpus") $src_hash $(cksum < examples/utf8_copy.rs)"
  if [[ -f $MIRROR/.bench-utf8 && $(< "$MIRROR/.bench-utf8") == "$copy_stamp" ]]; then
    log "== reusing $MIRROR"
  else
    if [[ -e $MIRROR ]]; then
      [[ -f $MIRROR/.bench-utf8 ]] || { log "$MIRROR exists and is not a bench copy; refusing to touch it"; exit 1; }
      rm -rf "$MIRROR"
    fi
    log "== making the UTF-8 copy $MIRROR"
    "$UTF8_COPY" "$CORPUS" "$MIRROR" >&2
    printf '%s\n' "$copy_stamp" > "$MIRROR/.bench-utf8"
  fi
  read -r FILES BYTES < <(find "$CORPUS" -type f ! -name '.*' -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')
  MIRROR_BYTES=$(find "$MIRROR" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  # A 5 MiB speech for less and tigang show: the largest speech of the UTF-8 copy (broken files
  # aside), its body repeated after its title up to 5 MiB, cut at a line end. UTF-8, since less
  # asks before showing a GBK file ("may be a binary file").
  BIG_SRC=$(find "$MIRROR" -type f ! -name '.*' ! -name 'broken_*' -printf '%s\t%p\n' | sort -n | tail -n 1 | cut -f 2-)
  BIG="$TMP/speech-5mib.txt"
  # What the reader shows of it on its first screen: the start of its longest line in the first
  # ten (the title and the date lines are shorter).
  # Cut by characters in a UTF-8 locale (awk and cut count bytes in the C locale).
  BIG_TEXT=$(head -n 10 "$BIG_SRC" | awk '{ if (length($0) > length(best)) best = $0 } END { print best }')
  BIG_TEXT=$(LC_ALL=C.UTF-8 bash -c 'printf %s "${1:0:8}"' _ "$BIG_TEXT")
  LC_ALL=C awk -v max=5242880 '{l[NR] = $0} END {
    print l[1]; b = length(l[1]) + 1
    while (NR > 1 && b < max) for (i = 2; i <= NR && b < max; i++) {print l[i]; b += length(l[i]) + 1}
  }' "$BIG_SRC" > "$BIG"
}

# ---- one size ----------------------------------------------------------------------------
bench_size() {
  local mb=$1 row i
  prepare_corpus "$mb"
  WARM="$TMP/cache-warm-$mb" COLD="$TMP/cache-cold"
  rm -rf "$WARM"
  mkdir -p "$WARM"
  SAMPLES=() FAILED=()

  local rows=()
  for row in "${ALL_ROWS[@]}"; do
    case $row in
      lit_rg | re_rg) have rg || { FAILED[$row]="skipped: rg not installed (apt-get install -y ripgrep)"; continue; } ;;
      lit_grep) have grep || { FAILED[$row]="skipped: grep not installed (apt-get install -y grep)"; continue; } ;;
      less) have less || { FAILED[$row]="skipped: less not installed (apt-get install -y less)"; continue; } ;;
    esac
    rows+=("$row")
  done

  log "== filling the page cache and the warm parse cache"
  "$FLOOR" "$CORPUS" > /dev/null
  "$FLOOR" "$MIRROR" > /dev/null
  run_list_warm > /dev/null 2>&1 || true

  for ((i = 0; i <= RUNS; i++)); do
    log "== round $i of $RUNS$( ((i)) || echo ' (warm-up, not counted)')"
    for row in "${rows[@]}"; do
      measure_once "$row"
    done
    if ((i == 0)); then SAMPLES=(); fi
  done

  log "== counts and peak RSS (untimed)"
  local t_lit t_re r_lit="" r_lines="" r_trad="" r_re="" rss_cold rss_warm
  t_lit=$(run_lit_tigang 2> /dev/null | sum_counts)
  t_re=$(run_re_tigang 2> /dev/null | sum_counts)
  if have rg; then
    r_lit=$(rg --no-ignore -F --count-matches "$LIT" "$MIRROR" | sum_counts)
    r_lines=$(rg --no-ignore -F -c "$LIT" "$MIRROR" | sum_counts)
    r_trad=$(rg --no-ignore -F --count-matches "$LIT_TRAD" "$MIRROR" | sum_counts)
    r_re=$(rg --no-ignore --count-matches "$RE" "$MIRROR" | sum_counts)
  fi
  rss_cold=$(XDG_CACHE_HOME=$WARM peak_rss_kb "$TIGANG" list --no-cache --corpus "$CORPUS")
  rss_warm=$(XDG_CACHE_HOME=$WARM peak_rss_kb "$TIGANG" list --corpus "$CORPUS")

  # ---- the table ----
  local floor_med med lo hi st fmt target actual v ff_t
  read -r floor_med _ _ < <(stats floor) || true
  fmt='%-36s %9s  %-19s %7s  %-18s %-12s %s\n'
  echo
  printf '== %s MiB corpus %s: %s files, %s MiB (seed %s); UTF-8 copy for rg/grep %s MiB\n' \
    "$(printf '%g' "$mb")" "$CORPUS" "$FILES" "$(calc "sprintf(\"%.1f\", $BYTES / 1048576)")" "$SEED" \
    "$(calc "sprintf(\"%.1f\", $MIRROR_BYTES / 1048576)")"
  printf '   %s rounds after 1 warm-up, commands interleaved in table order; files in the page cache for every row\n' "$RUNS"
  printf '   LIT = %s, RE = %s, BIG = a 5 MiB speech (notes)\n' "$LIT" "$RE"
  printf "$fmt" "measure" "median" "range (min-max)" "x floor" "target" "actual" "verdict"
  for row in "${ALL_ROWS[@]}"; do
    local label=${LABEL[$row]}
    if [[ -n ${FAILED[$row]:-} ]]; then
      printf "$fmt" "$label" "-" "${FAILED[$row]}" "" "" "" "n.a."
      continue
    fi
    st=$(stats "$row")
    [[ -n $st ]] || { printf "$fmt" "$label" "-" "no samples" "" "" "" "n.a."; continue; }
    read -r med lo hi <<< "$st"
    local ratio="-"
    [[ -n ${floor_med:-} ]] && ratio=$(calc "sprintf(\"%.2f\", $med / $floor_med)")
    target="-" actual="-" v="n.a."
    case $row in
      list_cold) target="<= 5x floor" actual="${ratio}x" v=$(verdict "$ratio <= 5") ;;
      list_warm) target="<= 1.5x floor" actual="${ratio}x" v=$(verdict "$ratio <= 1.5") ;;
      ff_cold | ff_warm)
        ff_t=$(ff_target "$mb")
        if [[ -n $ff_t ]]; then target="<= $ff_t ms" actual=$(fmt_ms "$med") v=$(verdict "$med <= $ff_t"); fi ;;
      lit_tigang | re_tigang)
        local peer=${row%_tigang}_rg limit=1.3
        [[ $row == re_tigang ]] && limit=2
        target="<= ${limit}x rg"
        if [[ -z ${FAILED[$peer]:-} ]] && read -r pmed _ _ < <(stats "$peer"); then
          actual="$(calc "sprintf(\"%.2f\", $med / $pmed)")x rg" v=$(verdict "$med <= $limit * $pmed")
        fi ;;
      f_start) target="<= 150 ms" actual=$(fmt_ms "$med") v=$(verdict "$med <= 150") ;;
      open)
        target="<= 2x less"
        if [[ -z ${FAILED[less]:-} ]] && read -r pmed _ _ < <(stats less); then
          actual="$(calc "sprintf(\"%.2f\", $med / $pmed)")x less" v=$(verdict "$med <= 2 * $pmed")
        fi ;;
    esac
    printf "$fmt" "$label" "$(fmt_ms "$med")" "$(fmt_ms "$lo") - $(fmt_ms "$hi")" "$ratio" "$target" "$actual" "$v"
  done
  local limit_kb
  limit_kb=$(calc "int(1.2 * $BYTES / 1024 + 30 * 1024)")
  for pair in "cold:$rss_cold" "warm:$rss_warm"; do
    local kb=${pair#*:}
    printf "$fmt" "peak RSS, tigang list ${pair%%:*}" "$(calc "sprintf(\"%.0f MiB\", $kb / 1024)")" "one run, $RSS_HOW" "-" \
      "<= $(calc "sprintf(\"%.0f\", $limit_kb / 1024)") MiB" "$(calc "sprintf(\"%.2fx crp\", $kb / ($BYTES / 1024))")" \
      "$(verdict "$kb <= $limit_kb")"
  done

  echo "   notes:"
  echo "   - x floor: median / the floor's median (read_floor: walk + read every file on all cores, no parsing)."
  echo "   - RSS target: 1.2 x corpus bytes + 30 MiB; actual as a multiple of the corpus bytes (crp)."
  echo "   - first frame: own clock of examples/first_frame (spawn in a 40x120 pty until the list shows);"
  echo "     target 100 ms at 100 MiB, 300 ms at 1000 MiB, linear between, the 100 MiB bound below, n.a. above."
  echo "   - counts, LIT: tigang $(cnt "$t_lit"); rg $(cnt "$r_lit")${r_lines:+ (on ${r_lines%% *} lines)};"
  echo "     the generator wrote ${GEN_NOTE#一岗双责: }, before one speech in 20 was"
  echo "     rewritten in Traditional characters: rg finds $(cnt "$r_trad") of $LIT_TRAD, which tigang"
  echo "     folds into LIT. tigang also joins hard-wrapped lines: a phrase broken across a line end is a match for"
  echo "     it, none for rg$(if [[ -n $r_lit ]]; then
    echo ": tigang - rg LIT - rg $LIT_TRAD = $((${t_lit%% *} - ${r_lit%% *} - ${r_trad%% *})) left to that"
  fi). RE: tigang $(cnt "$t_re"); rg $(cnt "$r_re")."
  echo "   - rg/grep search the UTF-8 copy (GBK and UTF-16 files transcoded once, CRLF kept), $(calc \
    "sprintf(\"%.2f\", $MIRROR_BYTES / $BYTES)")x the corpus bytes; grep runs with LC_ALL=C (bytes); rg with --no-ignore."
  echo "   - BIG: $(calc "sprintf(\"%.1f\", $(stat -c %s "$BIG") / 1048576)") MiB, the body of the largest speech repeated under its title,"
  echo "     from ${BIG_SRC#"$MIRROR"/} (UTF-8 copy)."
  echo "     less +G reads the file through to its end (its time grows with the size), so (END) on the screen"
  echo "     means less has read it all. tigang BIG: the reader in the same pty until the start of its first"
  echo "     long line (\"$BIG_TEXT\") is on the screen (the opening is parsed first, the whole in the background);"
  echo "     tigang show decodes, cleans and prints all of it."
  echo "   - F LIT at the first frame: once the list is up (the corpus still loading, no parse cache), F and"
  echo "     LIT are typed; the clock runs from the keys until LIT is on the prompt and on a hit."
}

# ---- run ---------------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2> /dev/null || true)
HEADER=$(printf 'machine: %s cores (%s), %s, load %s; timer: %s; rg %s; tigang %s' \
  "$(nproc 2> /dev/null || echo '?')" "${cpu:-cpu ?}" "$(uname -sr)" "$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo '?')" \
  "$TIMER" "$(if have rg; then rg --version | head -n 1 | awk '{print $2}'; else echo 'not installed'; fi)" \
  "$(git -C "$ROOT" describe --always --dirty 2> /dev/null || echo '?')")
if awk -v l="$(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo 0)" -v n="$(nproc 2> /dev/null || echo 1)" 'BEGIN {exit !(l > n)}'; then
  HEADER+=$'\nWARNING: the load average is above the number of cores: other work shares the machine, figures are inflated and noisy'
fi
OUT=""
for mb in "${SIZE_LIST[@]}"; do
  OUT+=$(bench_size "$mb")$'\n'
done
echo
echo "$HEADER"
printf '%s' "$OUT"
