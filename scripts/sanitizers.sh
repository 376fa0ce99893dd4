#!/usr/bin/env bash
# Runs the whole Swift test suite under AddressSanitizer and under ThreadSanitizer, each in a
# build directory of its own, and writes the outcome to docs/reliability.md.
#
#   scripts/sanitizers.sh [address] [thread]
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
mkdir -p .build/sanitizers
status=0
for sanitizer in "${sanitizers[@]}"; do
  log=.build/sanitizers/$sanitizer.log
  echo "sanitizers: swift test --sanitize=$sanitizer" >&2
  start=$SECONDS
  code=0
  # The Swift runtime's crash handler would hide the sanitizer's report.
  SWIFT_BACKTRACE=enable=no TSAN_OPTIONS="halt_on_error=1" ASAN_OPTIONS="detect_leaks=0" \
    swift test --sanitize="$sanitizer" --scratch-path ".build/sanitize-$sanitizer" > "$log" 2>&1 || code=$?
  minutes=$(( (SECONDS - start + 59) / 60 ))
  passed=$(grep -oE 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "$log" | grep -oE '[0-9]+ tests?' | head -1 || true)
  xctest=$(grep -oE 'Executed [1-9][0-9]* tests?, with 0 failures' "$log" | tail -1 || true)
  reports=$(grep -cE '^(==[0-9]+==ERROR: AddressSanitizer|WARNING: ThreadSanitizer)' "$log" || true)
  if [ "$code" = 0 ] && [ "$reports" = 0 ]; then outcome="passed: ${passed:-?}${xctest:+, $xctest}; no sanitizer report"
  else outcome="**failed** (exit $code, $reports report(s)); see $log"; status=1; fi
  printf '| %s | %s | %s min | %s |\n' "$sanitizer" "$outcome" "$minutes" "$(date -u +%Y-%m-%d)" > ".build/sanitizers/$sanitizer.row"
  mkdir -p docs/sanitizers
  cp ".build/sanitizers/$sanitizer.row" "docs/sanitizers/$sanitizer.row"
  echo "sanitizers: $sanitizer: $outcome" >&2
  grep -m3 -A12 -E 'ERROR: AddressSanitizer|WARNING: ThreadSanitizer' "$log" >&2 || true
done
{
  echo "## Sanitizers"
  echo
  echo "\`scripts/sanitizers.sh\`: the whole Swift test suite (unit, integration against the simulator on"
  echo "127.0.0.1, and the parley binary tests) built and run with \`swift test --sanitize=...\`."
  echo
  echo "| sanitizer | outcome | time | date |"
  echo "|---|---|---|---|"
  cat docs/sanitizers/*.row 2>/dev/null || true
  echo
} | scripts/doc-section.sh sanitizers
exit $status
