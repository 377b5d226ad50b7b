#!/usr/bin/env bash
# Throughput of kwfilter beside its peers on one corpus and one word list.
#
#   Scripts/compare-peers.sh [--install] [--runs N] [--no-build] CORPUS LIST
#
# Runs, alternating, N times each (default 5) after one warm-up round that is not counted:
#   kwfilter --no-default-lists -w LIST -c < CORPUS          (standard normalization)
#   kwfilter --no-default-lists -w LIST --exact -c < CORPUS  (no normalization)
#   rg -F -c -f LIST CORPUS
#   grep -F -c -f LIST CORPUS
#   hyperscan: a small C driver (below) over libhs, literal API, every match counted,
#              when libhyperscan-dev is installed; otherwise skipped, and the table says so.
# Each is timed as a whole process (start-up, reading and compiling the list, reading and
# scanning the corpus); the table gives the median seconds, the median MB/s (MB = 10^6 bytes of
# CORPUS), the median peak RSS and how many times faster kwfilter is than each peer.
# Hyperscan's driver also reports its scan alone (hs_scan), shown on a row of its own.
#
# The counts differ by design: rg -c and grep -c count matching LINES; kwfilter counts
# non-overlapping leftmost-longest matches (after normalization unless --exact); the Hyperscan
# driver counts every match of every pattern, overlapping ones included. It is a throughput
# comparison, not an agreement test.
#
#   --install   apt-get install the peers that Debian offers here (ripgrep, grep,
#               libhyperscan-dev, time), after apt-get update; needs root.
#   --runs N    timed runs per tool (default 5).
#   --no-build  use the existing .build/release/kwfilter (or $KWFILTER) as it is.
#
# A corpus and a list for it: see Scripts/make-bench-data.py, e.g.
#   python3 Scripts/make-bench-data.py --source PUBLIC_LIST --count 10000 --seed 1 -o /tmp/list10k.txt
#   Scripts/compare-peers.sh CORPUS /tmp/list10k.txt
# Works from any directory; builds kwfilter (release) first when its sources are newer.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
install=0
runs=5
build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --runs) [ $# -ge 2 ] || usage; runs="$2"; shift ;;
    --runs=*) runs="${1#--runs=}" ;;
    --no-build) build=0 ;;
    -h | --help) usage ;;
    -*) echo "compare-peers: unknown option $1" >&2; usage ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ ${#args[@]} -eq 2 ] || usage
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "compare-peers: --runs needs a positive number" >&2; exit 2; }
corpus="$(realpath "${args[0]}")"
list="$(realpath "${args[1]}")"
[ -r "$corpus" ] || { echo "compare-peers: cannot read $corpus" >&2; exit 2; }
[ -r "$list" ] || { echo "compare-peers: cannot read $list" >&2; exit 2; }

# --- peers from Debian ---------------------------------------------------------------------
if [ "$install" = 1 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  wanted=()
  for p in ripgrep grep libhyperscan-dev time pkg-config; do
    policy="$(apt-cache policy "$p" 2>/dev/null || true)"
    if [[ "$policy" =~ Candidate:\ [^\(] ]]; then
      wanted+=("$p")
    else
      echo "compare-peers: Debian has no $p here; skipping it" >&2
    fi
  done
  [ ${#wanted[@]} -eq 0 ] ||
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
fi

# --- kwfilter -----------------------------------------------------------------------------
kw="${KWFILTER:-$root/.build/release/kwfilter}"
if [ "$build" = 1 ] && [ -z "${KWFILTER:-}" ]; then
  if [ ! -x "$kw" ] ||
    [ -n "$(find "$root/Sources" "$root/Package.swift" -newer "$kw" -print -quit 2>/dev/null)" ]; then
    echo "compare-peers: building kwfilter (release)…" >&2
    (cd "$root" && swift build -c release --static-swift-stdlib --product kwfilter >&2)
  fi
fi
[ -x "$kw" ] || { echo "compare-peers: no kwfilter binary at $kw" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/compare-peers.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# --- Hyperscan driver (our own code, compiled here at run time) ----------------------------
hs_note=""
hs_bin=""
if pkg-config --exists libhs 2>/dev/null || [ -f /usr/include/hs/hs.h ]; then
  cat > "$tmp/hs_count.c" <<'EOF'
/* hs_count LIST CORPUS: prints the number of matches of the literals in LIST (one per line)
 * in CORPUS, every match of every pattern (no HS_FLAG_SINGLEMATCH), block mode, scan only
 * (no normalization). Stderr: "compile SECONDS scan SECONDS". */
#include <hs.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  size_t cap = 1 << 20, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (n == cap) { cap *= 2; buf = realloc(buf, cap); }
    size_t got = fread(buf + n, 1, cap - n, f);
    if (got == 0) break;
    n += got;
  }
  fclose(f);
  *len = n;
  return buf;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx) {
  (void)id; (void)from; (void)to; (void)flags;
  ++*(unsigned long long *)ctx;
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: hs_count LIST CORPUS\n"); return 2; }
  double t0 = now();
  size_t list_len;
  char *list = slurp(argv[1], &list_len);
  size_t cap = 1024, n = 0;
  const char **pats = malloc(cap * sizeof *pats);
  size_t *lens = malloc(cap * sizeof *lens);
  for (size_t i = 0; i < list_len;) {
    size_t j = i;
    while (j < list_len && list[j] != '\n') j++;
    size_t k = j;
    if (k > i && list[k - 1] == '\r') k--;
    if (k > i) {
      if (n == cap) {
        cap *= 2;
        pats = realloc(pats, cap * sizeof *pats);
        lens = realloc(lens, cap * sizeof *lens);
      }
      pats[n] = list + i;
      lens[n] = k - i;
      n++;
    }
    i = j + 1;
  }
  unsigned *flags = calloc(n, sizeof *flags);
  unsigned *ids = malloc(n * sizeof *ids);
  for (size_t i = 0; i < n; i++) ids[i] = (unsigned)i;
  hs_database_t *db = NULL;
  hs_compile_error_t *err = NULL;
  if (hs_compile_lit_multi(pats, flags, ids, lens, (unsigned)n, HS_MODE_BLOCK, NULL, &db, &err)
      != HS_SUCCESS) {
    fprintf(stderr, "hyperscan: %s (pattern %d)\n", err->message, err->expression);
    return 2;
  }
  double t1 = now();
  size_t text_len;
  char *text = slurp(argv[2], &text_len);
  if (text_len > UINT_MAX) { fprintf(stderr, "hs_count: corpus over 4 GiB\n"); return 2; }
  hs_scratch_t *scratch = NULL;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) { fprintf(stderr, "hs_alloc_scratch\n"); return 2; }
  unsigned long long count = 0;
  double t2 = now();
  if (hs_scan(db, text, (unsigned)text_len, 0, scratch, on_match, &count) != HS_SUCCESS) {
    fprintf(stderr, "hs_scan failed\n");
    return 2;
  }
  double t3 = now();
  printf("%llu\n", count);
  fprintf(stderr, "compile %.6f scan %.6f\n", t1 - t0, t3 - t2);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
EOF
  hs_flags="$(pkg-config --cflags --libs libhs 2>/dev/null || echo "-I/usr/include/hs -lhs")"
  # shellcheck disable=SC2086
  if gcc -O2 -o "$tmp/hs_count" "$tmp/hs_count.c" $hs_flags 2> "$tmp/hs_build.log"; then
    hs_bin="$tmp/hs_count"
  else
    hs_note="hyperscan: skipped (the driver did not compile: $(head -1 "$tmp/hs_build.log"))"
  fi
else
  hs_note="hyperscan: skipped (libhyperscan-dev is not installed; --install adds it where Debian has it)"
fi

# --- the tools ----------------------------------------------------------------------------
names=("kwfilter -c" "kwfilter --exact -c")
units=("matches" "matches")
if command -v rg >/dev/null 2>&1; then names+=("rg -F -c"); units+=("lines"); fi
if command -v grep >/dev/null 2>&1; then names+=("grep -F -c"); units+=("lines"); fi
if [ -n "$hs_bin" ]; then names+=("hyperscan"); units+=("matches (overlapping)"); fi

timebin=""
[ -x /usr/bin/time ] && timebin=/usr/bin/time

# run_tool NAME: runs it once with stdout in $tmp/out; the caller times it.
run_tool() {
  local wrap=()
  [ -n "$timebin" ] && wrap=("$timebin" -f %M -o "$tmp/rss")
  case "$1" in
    "kwfilter -c") "${wrap[@]}" "$kw" --no-default-lists -w "$list" -c < "$corpus" ;;
    "kwfilter --exact -c") "${wrap[@]}" "$kw" --no-default-lists -w "$list" --exact -c < "$corpus" ;;
    "rg -F -c") "${wrap[@]}" rg -F -c -f "$list" "$corpus" ;;
    "grep -F -c") "${wrap[@]}" grep -F -c -f "$list" "$corpus" ;;
    "hyperscan") "${wrap[@]}" "$hs_bin" "$list" "$corpus" ;;
  esac
}

# time_tool NAME INDEX ROUND: one timed run; appends to $tmp/INDEX.{sec,rss,count,scan}.
time_tool() {
  local name="$1" i="$2" t0 t1 status
  rm -f "$tmp/rss"
  t0="${EPOCHREALTIME/./}"
  set +e
  run_tool "$name" > "$tmp/out" 2> "$tmp/err"
  status=$?
  set -e
  t1="${EPOCHREALTIME/./}"
  if [ "$status" -gt 1 ]; then
    echo "compare-peers: '$name' failed (exit $status):" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  [ "$3" = warmup ] && return 0
  awk -v us="$((t1 - t0))" 'BEGIN { printf "%.6f\n", us / 1e6 }' >> "$tmp/$i.sec"
  if [ -s "$tmp/rss" ]; then tail -1 "$tmp/rss" >> "$tmp/$i.rss"; fi
  local count
  count="$(tail -1 "$tmp/out" | tr -dc '0-9')"
  echo "${count:-0}" >> "$tmp/$i.count"
  if [ "$name" = hyperscan ]; then
    awk '/^compile/ { print $4 }' "$tmp/err" >> "$tmp/$i.scan"
  fi
}

median() {
  sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) { print ""; exit }
    if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

bytes="$(stat -c %s "$corpus")"
mb="$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')"
terms="$(grep -c . "$list" || true)"

echo "corpus: $corpus ($mb MB, $bytes bytes)"
echo "list:   $list ($terms non-empty lines)"
echo "kwfilter: $kw"
for tool in rg grep; do
  command -v "$tool" >/dev/null 2>&1 && echo "$tool: $("$tool" --version | head -1)"
done
[ -n "$hs_bin" ] && echo "hyperscan: $(dpkg-query -W -f='${Version}' libhyperscan-dev 2>/dev/null || echo '?') (libhs)"
echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $runs per tool, alternating, after one uncounted warm-up round; whole processes"
echo

cat "$corpus" "$list" > /dev/null  # page cache
for i in "${!names[@]}"; do time_tool "${names[$i]}" "$i" warmup; done
for r in $(seq 1 "$runs"); do
  for i in "${!names[@]}"; do time_tool "${names[$i]}" "$i" "$r"; done
  echo "round $r/$runs done" >&2
done

kw_sec="$(median < "$tmp/0.sec")"
kwx_sec="$(median < "$tmp/1.sec")"
printf '%-24s %22s %10s %10s %9s %12s %12s\n' tool count "median s" "MB/s" "RSS MB" "kw/peer" "kw-exact/peer"
row() {  # NAME COUNT-TEXT SECONDS RSS-KB
  local mbs ratio ratiox rss
  mbs="$(awk -v b="$bytes" -v s="$3" 'BEGIN { printf "%.1f", b / 1e6 / s }')"
  ratio="$(awk -v a="$kw_sec" -v s="$3" 'BEGIN { printf "%.2f", s / a }')"
  ratiox="$(awk -v a="$kwx_sec" -v s="$3" 'BEGIN { printf "%.2f", s / a }')"
  rss="-"
  [ -n "$4" ] && rss="$(awk -v k="$4" 'BEGIN { printf "%.1f", k / 1024 }')"
  printf '%-24s %22s %10.4f %10s %9s %12s %12s\n' "$1" "$2" "$3" "$mbs" "$rss" "$ratio" "$ratiox"
}
for i in "${!names[@]}"; do
  counts="$(sort -u "$tmp/$i.count" | tr '\n' ' ' | sed 's/ $//')"
  [ "$(sort -u "$tmp/$i.count" | wc -l)" -eq 1 ] || counts="VARIES: $counts"
  rss_med=""
  [ -s "$tmp/$i.rss" ] && rss_med="$(median < "$tmp/$i.rss")"
  row "${names[$i]}" "$counts ${units[$i]%% *}" "$(median < "$tmp/$i.sec")" "$rss_med"
  if [ "${names[$i]}" = hyperscan ] && [ -s "$tmp/$i.scan" ]; then
    row "  hyperscan scan only" "(hs_scan alone)" "$(median < "$tmp/$i.scan")" ""
  fi
done
echo
echo "MB/s = corpus bytes / 10^6 / median seconds. kw/peer = peer's median time / kwfilter's"
echo "(standard normalization); kw-exact/peer the same for kwfilter --exact. Above 1: kwfilter is faster."
echo "Counts differ by design: rg -c and grep -c count matching lines, kwfilter counts"
echo "non-overlapping leftmost-longest matches, Hyperscan every match of every pattern."
[ -z "$hs_note" ] || echo "$hs_note"
