#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs one (or all) for a given time.
#
#   Scripts/fuzz.sh TARGET SECONDS [LIBFUZZER_FLAG...]
#   Scripts/fuzz.sh all SECONDS              # each target for SECONDS, one after another
#   Scripts/fuzz.sh list                     # the targets
#
# TARGET is wordlist, stream, regex or mail (Fuzz/Sources/Fuzz<Target>/main.swift), with the
# dictionary Fuzz/dict/TARGET.dict when there is one. The committed seed
# corpus Fuzz/corpus/TARGET is only read; new inputs go to Fuzz/.build/corpus/TARGET and crash,
# timeout and leak reproducers to Fuzz/.build/artifacts/TARGET/ (both ignored by git). Replay one
# with `Fuzz/.build/release/Fuzz<Target> FILE`; make it a regression test under
# Tests/KeywordFilterTests/Regressions*.swift.
#
# Environment: FUZZ_TIMEOUT (seconds one input may take, default 10), FUZZ_MAX_LEN (default
# 4096), FUZZ_RSS_MB (default 2048), FUZZ_SCRATCH (build folder, default Fuzz/.build).
# Exit status: 0 when every run ended without a crash, 1 when one found something, 2 on a
# usage or build error. Needs libpcre2-dev (Scripts/setup.sh) and a Swift toolchain whose clang
# runtime has libFuzzer (Swift 6.x on Linux does).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
targets=(wordlist stream regex mail)

usage() {
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
if [ "$1" = list ]; then printf '%s\n' "${targets[@]}"; exit 0; fi
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
[[ "$seconds" =~ ^[0-9]+$ ]] || usage
case "$target" in
  all) run=("${targets[@]}") ;;
  wordlist | stream | regex | mail) run=("$target") ;;
  *) echo "fuzz.sh: unknown target '$target' (one of: ${targets[*]} all)" >&2; exit 2 ;;
esac

scratch=${FUZZ_SCRATCH:-$repo/Fuzz/.build}
# -sanitize=fuzzer instruments every Swift module for coverage and links libFuzzer's runtime;
# address adds ASan. The targets call LLVMFuzzerRunDriver from main.swift (see Fuzz/README.md).
echo "fuzz.sh: building (release, -sanitize=fuzzer,address) in $scratch" >&2
mkdir -p "$scratch"
if ! swift build --package-path Fuzz --scratch-path "$scratch" -c release \
  -Xswiftc -sanitize=fuzzer,address >"$scratch/fuzz-build.log" 2>&1; then
  cat "$scratch/fuzz-build.log" >&2
  echo "fuzz.sh: build failed" >&2
  exit 2
fi
bin=$(swift build --package-path Fuzz --scratch-path "$scratch" -c release --show-bin-path)

status=0
summary=()
for t in "${run[@]}"; do
  name="Fuzz$(tr '[:lower:]' '[:upper:]' <<<"${t:0:1}")${t:1}"
  work="$scratch/corpus/$t"
  artifacts="$scratch/artifacts/$t"
  log="$scratch/fuzz-$t.log"
  mkdir -p "$work" "$artifacts"
  dict=()
  [ -f "Fuzz/dict/$t.dict" ] && dict=(-dict="Fuzz/dict/$t.dict")
  echo "fuzz.sh: $name for ${seconds}s (corpus $work + Fuzz/corpus/$t, log $log)" >&2
  # SWIFT_BACKTRACE=enable=no: Swift's backtracer trips ASan with a spurious report.
  SWIFT_BACKTRACE=enable=no "$bin/$name" \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -max_len="${FUZZ_MAX_LEN:-4096}" \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "${dict[@]}" "$@" "$work" "Fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)

  if [ "$rc" -ne 0 ]; then
    status=1
    result="FAILED (exit $rc): $(grep -m1 -E 'ERROR: libFuzzer|INVARIANT VIOLATED|ERROR: AddressSanitizer|Fatal error' "$log")"
    grep -E 'Test unit written to' "$log" >&2
  else
    result="ok"
  fi
  summary+=("$(printf '%-9s %6ss %12s execs %8s execs/s  %-9s peak %5s MB  %s' \
    "$t" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "${rss:-?}" "$result")")
done

echo
echo "target    time          executions       speed  coverage       memory    result"
printf '%s\n' "${summary[@]}"
exit "$status"
