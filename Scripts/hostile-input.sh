#!/usr/bin/env bash
# Hostile input, end to end through the release `kwfilter`: huge, binary, single-line, NUL-only
# and noise-only inputs, huge and degenerate word lists, empty input, a closed stdout, unreadable
# and directory arguments. Measures wall time and peak RSS (/usr/bin/time -v) and prints a table.
#
#   Scripts/hostile-input.sh                 # 1 GiB inputs (about 10 minutes on 2 cores)
#   Scripts/hostile-input.sh --size-mb 16    # the same cases, scaled down
#
# Options: --size-mb N (size of the big inputs, default 1024), --bin PATH (default
# .build/release/kwfilter, built with `swift build -c release` when missing), --max-vm-mb N
# (virtual memory cap for each kwfilter run, default 8192, so that a case that blows up fails
# instead of eating the machine), --keep (keep the generated files in the work folder).
# Exit status: 0 when every case behaved as expected, 1 otherwise, 2 on a usage error.
# Needs /usr/bin/time (Debian package `time`) and python3 (to generate the lists).
# The scaled-down cases run in CI as Tests/KWFilterEndToEndTests/HostileInputTests.swift.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

size_mb=1024
bin=$repo/.build/release/kwfilter
keep=0
max_vm_mb=8192
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size_mb=${2:?--size-mb needs a number}; shift 2 ;;
    --bin) bin=${2:?--bin needs a path}; shift 2 ;;
    --max-vm-mb) max_vm_mb=${2:?--max-vm-mb needs a number}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "hostile-input.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ "$size_mb" =~ ^[0-9]+$ ]] && [ "$size_mb" -ge 1 ] || { echo "--size-mb must be ≥ 1" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "hostile-input.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [ ! -x "$bin" ]; then
  echo "hostile-input.sh: building $bin" >&2
  swift build -c release --static-swift-stdlib --product kwfilter >&2 || exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kwfilter-hostile.XXXXXX")
if [ "$keep" -eq 0 ]; then trap 'rm -rf "$work"' EXIT; fi
bytes=$((size_mb * 1024 * 1024))
failures=0
rows=()

# ---------------------------------------------------------------------------------------------
# Inputs and lists.
echo "hostile-input.sh: generating ${size_mb} MiB inputs in $work" >&2
head -c "$bytes" /dev/urandom >"$work/random.bin"
tr -d '\n' <"$work/random.bin" >"$work/one-line.bin"
head -c "$bytes" /dev/zero >"$work/nul.bin"
# Noise only: white space, punctuation, symbols, emoji, zero-width and variation selectors.
python3 - "$work/noise.txt" "$bytes" <<'EOF'
import sys
unit = "- * ，。！？…… 😀\u200b\ufe0f\u0301\t·~!@#$%^&()[]{}<>|/\\'\"\n".encode()
path, size = sys.argv[1], int(sys.argv[2])
block = unit * (1 << 20 // len(unit) + 1)
with open(path, "wb") as f:
    written = 0
    while written < size:
        piece = block[: size - written]
        f.write(piece)
        written += len(piece)
EOF
: >"$work/empty.txt"
# Terms that cannot occur in the generated inputs: 8 characters from a private-use range.
printf '# category: never\n\xee\x80\x80\xee\x80\x81\xee\x80\x82\xee\x80\x83\xee\x80\x84\xee\x80\x85\xee\x80\x86\xee\x80\x87\n' >"$work/never.txt"
python3 - "$work" <<'EOF'
import random, sys
work = sys.argv[1]
rng = random.Random(7)
# 1,000,000 distinct entries of 2-5 CJK characters (the i-th spelled in base 20,902 digits).
with open(f"{work}/million.txt", "w", encoding="utf-8") as f:
    f.write("# category: million\n")
    for i in range(1_000_000):
        digits, n = [], i
        while True:
            digits.append(0x4E00 + n % 20902)
            n //= 20902
            if n == 0:
                break
        while len(digits) < 2 + i % 4:
            digits.append(0x4E00 + rng.randrange(20902))
        f.write("".join(map(chr, digits)) + "\n")
# One term of 10,000 characters (no two neighbours alike), and a text holding it across the
# CLI's 64 KiB read boundary, once plain and once with noise inside.
alphabet = "赌博网站六合彩票法轮功老虎机"
chars = []
while len(chars) < 10_000:
    c = rng.choice(alphabet)
    if not chars or chars[-1] != c:
        chars.append(c)
term = "".join(chars)
with open(f"{work}/long-term.txt", "w", encoding="utf-8") as f:
    f.write("# category: long\n" + term + "\n")
filler = "x" * (65536 - 15000) + "\n"
noisy = term[:5000] + " - " + term[5000:]
with open(f"{work}/long-term-input.txt", "w", encoding="utf-8") as f:
    f.write(filler + term + "\n" + filler + noisy + "\n")
with open(f"{work}/long-term-expected.txt", "w", encoding="utf-8") as f:
    f.write(filler + "*" * 10_000 + "\n" + filler + "*" * 10_003 + "\n")
# 100,000 identical entries.
with open(f"{work}/identical.txt", "w", encoding="utf-8") as f:
    f.write("# category: same\n" + "赌博\n" * 100_000)
with open(f"{work}/identical-input.txt", "w", encoding="utf-8") as f:
    f.write("赌博 打击赌博 赌-博\n" * 1000)
EOF
head -c $((64 * 1024)) /dev/zero | tr '\0' 'a' >"$work/letters-64k.txt"
printf 'readable only by its owner\n' >"$work/mode000.txt"
chmod 000 "$work/mode000.txt"

# ---------------------------------------------------------------------------------------------
# run NAME EXPECTED_STATUS CHECK INPUT ARGS... — runs kwfilter under /usr/bin/time with INPUT
# on stdin. EXPECTED_STATUS is 0, 1 or 2, or x for "0 or 1" (report modes: matched or not).
# A case fails when it takes longer than $limit seconds (if set). CHECK says what to do with
# stdout:
#   same      output must equal the input byte for byte
#   count:N   output must be "N"
#   file:PATH output must equal PATH
#   empty     no output, and nothing on stderr
#   quiet     `| head -c1`: status 0 and nothing on stderr
#   null      output is discarded (the number of bytes written is shown)
#   print     output is shown (for -c)
#   any       output is not checked (the error message on stderr is shown)
run() {
  local name=$1 expect=$2 check=$3 input=$4
  shift 4
  local out="$work/out" err="$work/err" t="$work/time" status note="" ok=1
  case "$check" in
    same)
      /usr/bin/time -v -o "$t" "$bin" "$@" <"$input" 2>"$err" | cmp -s - "$input"
      local codes=("${PIPESTATUS[@]}")
      status=${codes[0]}
      if [ "${codes[1]}" -ne 0 ]; then ok=0; note="output differs from input"; else note="output = input"; fi
      ;;
    quiet)
      /usr/bin/time -v -o "$t" "$bin" "$@" <"$input" 2>"$err" | head -c1 >/dev/null
      local codes=("${PIPESTATUS[@]}")
      status=${codes[0]}
      if [ -s "$err" ]; then ok=0; note="stderr: $(head -c 80 "$err")"; else note="quiet"; fi
      ;;
    null)
      /usr/bin/time -v -o "$t" "$bin" "$@" <"$input" 2>"$err" | wc -c >"$out"
      local codes=("${PIPESTATUS[@]}")
      status=${codes[0]}
      note="$(cat "$out") bytes written"
      ;;
    *)
      /usr/bin/time -v -o "$t" "$bin" "$@" <"$input" >"$out" 2>"$err"
      status=$?
      case "$check" in
        count:*)
          if [ "$(cat "$out")" = "${check#count:}" ]; then note="count ${check#count:}"
          else ok=0; note="count $(head -c 40 "$out"), want ${check#count:}"; fi ;;
        file:*)
          if cmp -s "$out" "${check#file:}"; then note="output as expected"
          else ok=0; note="output differs from ${check#file:}"; fi ;;
        empty)
          if [ -s "$out" ] || [ -s "$err" ]; then ok=0; note="unexpected output"; else note="no output"; fi ;;
        any) note="$(head -c 70 "$err" | tr '\n' ' ')" ;;
        *) note="count $(head -c 40 "$out")" ;;
      esac
      ;;
  esac
  if [ "$expect" = x ]; then
    [ "$status" -le 1 ] || { ok=0; note="exit $status, want 0 or 1; $note"; }
  elif [ "$status" -ne "$expect" ]; then
    ok=0; note="exit $status, want $expect; $note"
  fi
  local secs rss
  secs=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$t" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  if [ -n "${limit:-}" ] && awk -v s="$secs" -v l="$limit" 'BEGIN { exit !(s > l) }'; then
    ok=0; note="slower than ${limit}s; $note"
  fi
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")
  rss=$(awk -v k="${rss:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
  [ "$ok" -eq 1 ] || failures=$((failures + 1))
  rows+=("$(printf '| %-44s | %4s | %8s | %9s | %-4s | %s' "$name" "$status" "$secs" "$rss" \
    "$([ "$ok" -eq 1 ] && echo ok || echo FAIL)" "$note")")
  echo "${rows[-1]}" >&2
}

# Every kwfilter run below inherits this cap (the generators above ran without it).
ulimit -v $((max_vm_mb * 1024))
size="${size_mb} MiB"
defaults=()
none=(--no-default-lists -w "$work/never.txt")
echo "hostile-input.sh: running $bin" >&2
run "random bytes, $size, never-matching list" 0 same "$work/random.bin" "${none[@]}"
run "random bytes, $size, default lists, -c" x print "$work/random.bin" -c "${defaults[@]}"
run "random bytes, $size, default lists, mask" 0 null "$work/random.bin" "${defaults[@]}"
run "one line (random, no \\n), $size, -c" x print "$work/one-line.bin" -c
run "one line (random, no \\n), $size, never list" 0 same "$work/one-line.bin" "${none[@]}"
run "NUL bytes, $size, default lists" 0 same "$work/nul.bin"
run "noise characters only, $size, default lists" 0 same "$work/noise.txt"
run "noise characters only, $size, -c" 1 count:0 "$work/noise.txt" -c
# Linear-time regex rules: 64 KiB must take well under a second (a quadratic rule takes ~10 s).
limit=2 run "one 64 KiB line of letters, default lists" 0 same "$work/letters-64k.txt"
run "1,000,000-entry list, empty input" 0 empty "$work/empty.txt" --no-default-lists -w "$work/million.txt"
run "1,000,000-entry list, random bytes, $size, -c" x print "$work/random.bin" --no-default-lists -w "$work/million.txt" -c
run "10,000-character term across 64 KiB reads" 0 file:"$work/long-term-expected.txt" "$work/long-term-input.txt" --no-default-lists -w "$work/long-term.txt"
run "100,000 identical entries" 0 count:2000 "$work/identical-input.txt" --no-default-lists -w "$work/identical.txt" -c
run "empty input, mask" 0 empty "$work/empty.txt"
run "empty input, -c" 1 count:0 "$work/empty.txt" -c
run "closed stdout: kwfilter < $size | head -c1" 0 quiet "$work/random.bin"
run "closed stdout, --json" 0 quiet "$work/random.bin" --json --all
run "FILE that does not exist" 2 any "$work/empty.txt" "$work/no-such-file"
run "a directory as FILE" 2 any "$work/empty.txt" "$work"
if [ "$(id -u)" -eq 0 ]; then
  # root reads a mode-000 file anyway: it must simply work.
  run "mode-000 FILE (root can read it)" 0 any "$work/empty.txt" "$work/mode000.txt"
else
  run "mode-000 FILE" 2 any "$work/empty.txt" "$work/mode000.txt"
fi
run "--wordlist that does not exist" 2 any "$work/empty.txt" -w "$work/no-such-list"
run "a directory as --wordlist" 2 any "$work/empty.txt" -w "$work"

echo
echo "kwfilter hostile input — $bin, big inputs ${size_mb} MiB, $(nproc) cores"
echo
printf '| %-44s | %4s | %8s | %9s | %-4s | %s\n' "case" "exit" "seconds" "peak RSS MB" "" "check"
printf '| %-44s | %4s | %8s | %9s | %-4s | %s\n' "---" "---" "---" "---" "---" "---"
printf '%s\n' "${rows[@]}"
[ "$keep" -eq 1 ] && echo "(files kept in $work)"
if [ "$failures" -gt 0 ]; then
  echo "$failures case(s) FAILED" >&2
  exit 1
fi
