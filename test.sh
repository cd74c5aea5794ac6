#!/usr/bin/env bash
# Builds and runs every test leg that fits in CI; exits non-zero on any failure.
#   ./test.sh            all legs
#   ./test.sh LEG...     only these legs (release, asan, windows, fuzz)
# FUZZ_SECONDS (default 20) sets how long each fuzz target runs.
# Each leg prints how long it took; the last line sums the tests of all legs.
set -uo pipefail
cd "$(dirname "$0")"
JOBS=${JOBS:-$(nproc)}

scripts/install-deps.sh test || { echo "dependency installation failed" >&2; exit 1; }

legs=("$@")
[ ${#legs[@]} -eq 0 ] && legs=(release asan windows fuzz)

total_passed=0
total_failed=0
failed_legs=()
summary=()

# Reads ctest's closing line ("N% tests passed, F tests failed out of T").
count_ctest() {
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n 1)
  if [ -n "$line" ]; then
    local failed total
    failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
    total_passed=$((total_passed + total - failed))
    total_failed=$((total_failed + failed))
  fi
}

leg_release() {
  cmake --preset release -DJETSVC_WERROR=ON >/dev/null &&
    cmake --build --preset release -j "$JOBS" &&
    ctest --preset release -j "$JOBS" --timeout 600 | tee "$1"
}

leg_asan() {
  cmake --preset asan -DJETSVC_WERROR=ON >/dev/null &&
    cmake --build --preset asan -j "$JOBS" &&
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --preset asan -j "$JOBS" --timeout 900 -L engine | tee "$1"
}

leg_windows() {
  cmake --preset mingw -DJETSVC_WERROR=ON >/dev/null &&
    cmake --build --preset mingw -j "$JOBS" || return 1
  local prefix rc
  prefix=$(mktemp -d)
  export WINEPREFIX=$prefix/wine WINEDEBUG=-all LANG=C.UTF-8 WINEARCH=win64
  # Boot the wineserver and its helper processes with output to /dev/null:
  # helpers inherit the first command's stdout, and a pipe would never close.
  wineserver -p
  wine wineboot -i </dev/null >/dev/null 2>&1
  wineserver -w
  wineserver -p
  wine cmd /c exit </dev/null >/dev/null 2>&1
  # A test that fails under wine is run once more: wine occasionally fails to
  # start a process (seen: a test "failed" in 0.00 s with no output at all).
  # A test that fails twice fails the leg.
  ctest --preset mingw -j "$JOBS" --timeout 600 --repeat until-pass:2 </dev/null | tee "$1"
  rc=${PIPESTATUS[0]}
  wineserver -k 2>/dev/null
  rm -rf "$prefix"
  return "$rc"
}

# Each libFuzzer target runs from its corpus in tests/fuzz/corpus/<target>;
# new inputs go to a scratch folder, so the repository is never written.
leg_fuzz() {
  cmake --preset fuzz -DJETSVC_WERROR=ON >/dev/null &&
    cmake --build --preset fuzz -j "$JOBS" || return 1
  local rc=0 target scratch passed=0 failed=0
  for target in db_header_fuzz page_fuzz record_fuzz; do
    scratch=$(mktemp -d)
    if build/fuzz/tests/fuzz/$target -max_total_time="${FUZZ_SECONDS:-20}" -timeout=10 \
        -artifact_prefix="$scratch/" "$scratch" "tests/fuzz/corpus/$target" \
        >"$scratch/log" 2>&1; then
      echo "fuzz $target: ok ($(grep -Eo 'Done [0-9]+ runs' "$scratch/log" | head -n 1))"
      passed=$((passed + 1))
    else
      echo "fuzz $target: FAILED"; tail -n 40 "$scratch/log"
      failed=$((failed + 1)); rc=1
    fi
    rm -rf "$scratch"
  done
  # In ctest's words, so the summary counts the targets.
  echo "$(( passed * 100 / (passed + failed) ))% tests passed, $failed tests failed out of $((passed + failed))" >"$1"
  return $rc
}

for leg in "${legs[@]}"; do
  if ! declare -F "leg_$leg" >/dev/null; then
    echo "unknown leg: $leg (release, asan, windows, fuzz)" >&2
    exit 2
  fi
  echo "=== leg $leg ==="
  log=$(mktemp)
  start=$(date +%s)
  "leg_$leg" "$log"
  rc=$?
  secs=$(( $(date +%s) - start ))
  count_ctest "$log"
  rm -f "$log"
  if [ $rc -ne 0 ]; then
    failed_legs+=("$leg")
    summary+=("$(printf '%-10s FAILED  %5ds' "$leg" "$secs")")
  else
    summary+=("$(printf '%-10s ok      %5ds' "$leg" "$secs")")
  fi
done

echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
if [ ${#failed_legs[@]} -ne 0 ]; then
  echo "failed legs: ${failed_legs[*]}"
  [ "$total_failed" -eq 0 ] && total_failed=${#failed_legs[@]}
fi
echo "tests: ${total_passed} passed, ${total_failed} failed"
[ ${#failed_legs[@]} -eq 0 ]
