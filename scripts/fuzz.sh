#!/usr/bin/env bash
# Fuzzes Parley's input readers with libFuzzer (Swift's -sanitize=fuzzer, with AddressSanitizer):
# the NDJSON and SSE stream decoders with chunk mapping, the .env reader, the theme reader, the
# markdown renderer and the text width / wrap code (Sources/parley-fuzz/FuzzTarget.swift says
# what each checks beyond "no crash").
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]   fuzz each target N seconds (default 600), then
#                                               write the figures to docs/reliability.md
#   scripts/fuzz.sh --replay                    run the committed corpus and every past finding
#                                               through a plain build (part of `make test`)
#
# The seed corpus is fuzz/corpus/TARGET (read only); what a run learns goes to
# .build/fuzz-corpus/TARGET; a crashing input lands in fuzz/findings/TARGET, to be fixed, kept
# there as a regression input, and pinned by a test.
set -euo pipefail
cd "$(dirname "$0")/.."
targets_all=(ndjson sse dotenv theme markdown width store)

if [ "${1:-}" = "--replay" ]; then
  swift build --product parley-fuzz 2>&1 | grep -E "error|warning: .*parley-fuzz" >&2 || true
  for target in "${targets_all[@]}"; do
    # A target with no finding yet has no folder in git.
    inputs=("fuzz/corpus/$target")
    [ ! -d "fuzz/findings/$target" ] || inputs+=("fuzz/findings/$target")
    .build/debug/parley-fuzz "$target" "${inputs[@]}"
  done
  exit 0
fi

seconds=600
if [ "${1:-}" = "--seconds" ]; then seconds=$2; shift 2; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${targets_all[@]}")

# A scratch path of its own: the sanitizer flags apply to every module it builds.
swift build -c release --scratch-path .build/fuzz --product parley-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DPARLEY_FUZZING -Xswiftc -use-ld=lld 2>&1 \
  | grep -vE "Cannot export local symbol|prohibited flag" | grep -E "error|Build" >&2 || true
binary=.build/fuzz/release/parley-fuzz
[ -x "$binary" ] || { echo "fuzz: the libFuzzer build failed" >&2; exit 1; }

mkdir -p fuzz/results
status=0
for target in "${targets[@]}"; do
  corpus=.build/fuzz-corpus/$target
  mkdir -p "$corpus" "fuzz/findings/$target"
  log=.build/fuzz-corpus/$target.log
  before=$(ls "fuzz/findings/$target" | wc -l)
  echo "fuzz: $target for ${seconds}s" >&2
  # The Swift runtime's own crash handler would hide AddressSanitizer's report.
  # FUZZ_KEEP_GOING=1: fork mode, so a finding is recorded and the run goes on for its time.
  keep_going=()
  [ -z "${FUZZ_KEEP_GOING:-}" ] || keep_going=(-fork=1 -ignore_crashes=1)
  PARLEY_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$binary" "${keep_going[@]}" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="fuzz/findings/$target/" "$corpus" "fuzz/corpus/$target" > "$log" 2>&1 || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  # Fork mode prints no final stats; its progress lines start with the executions so far.
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || echo 0)
  [ -n "$runs" ] || runs=0
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [ -n "$speed" ] || speed=$((runs / (seconds > 0 ? seconds : 1)))
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  units=$(ls "$corpus" | wc -l)
  found=$(( $(ls "fuzz/findings/$target" | wc -l) - before ))
  outcome="no finding"
  if [ "$found" -gt 0 ]; then
    outcome="**$found finding(s)**: $(ls -t "fuzz/findings/$target" | head -"$found" | tr '\n' ' ')"
    grep -m1 -E "fuzz finding|ERROR: AddressSanitizer|ERROR: libFuzzer" "$log" >&2 || true
    status=1
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s MB | %s | %s |\n' "$target" "$seconds" "$runs" "$speed" \
    "$cov" "$units" "$rss" "$outcome" "$(date -u +%Y-%m-%d)" > "fuzz/results/$target.md"
  echo "fuzz: $target: $runs executions, $speed/s, coverage $cov, $outcome" >&2
done

{
  echo "## Fuzzing"
  echo
  echo "\`scripts/fuzz.sh\` (libFuzzer + AddressSanitizer, one core per target; the figures are the"
  echo "latest run of each target). Every finding is fixed, kept in \`fuzz/findings/TARGET\` and"
  echo "replayed by \`make test\` (\`scripts/fuzz.sh --replay\`), and pinned by a unit test."
  echo
  echo "| target | seconds | executions | exec/s | coverage (edges) | corpus | peak RSS | outcome | date |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for target in "${targets_all[@]}"; do
    [ -f "fuzz/results/$target.md" ] && cat "fuzz/results/$target.md"
  done
  echo
  echo "Findings so far, each fixed, replayed by \`make test\` and pinned by a unit test (a crash name in"
  echo "the table is the file a run wrote before it was looked at and renamed here):"
  echo
  for target in "${targets_all[@]}"; do
    names=$(ls "fuzz/findings/$target" 2>/dev/null | tr '\n' ' ' || true) # no folder: no finding
    [ -z "$names" ] || echo "- $target: $names"
  done
  echo
} | scripts/doc-section.sh fuzz
exit $status
