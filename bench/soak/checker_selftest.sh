#!/usr/bin/env bash
# The soak checker must be able to fail: each run doctors defen's report on
# its way to the checker (scripts/soak --tamper) and expects the soak to fail
# naming exactly what was done. A checker that passed these would prove nothing.
#   bench/soak/checker_selftest.sh BUILD_DIR
set -uo pipefail
cd "$(dirname "$0")/../.."
build="$1"
n=3000
failures=0

expect_failure() {  # description, tamper command, text the output must contain
  local out
  out="$(scripts/soak "$n" --engine interp --build "$build" --tamper "$2" 2>&1)"
  local status=$?
  if [ "$status" -eq 0 ]; then
    echo "FAIL: $1: the soak passed"; echo "$out"; failures=$((failures + 1))
  elif ! grep -qF -- "$3" <<<"$out"; then
    echo "FAIL: $1: no “$3” in the output"; echo "$out"; failures=$((failures + 1))
  else
    echo "ok: $1: $(grep -F -- "$3" <<<"$out" | head -n 1)"
  fi
}

# Line 1 is the header, so line k + 1 is row k.
expect_failure "row 1000 dropped" 'sed 1001d' "soak: FAILED: 1 lost"
expect_failure "rows 500 and 501 swapped" \
  "awk 'NR==501{held=\$0; next} NR==502{print; print held; next} {print}'" "soak: FAILED: 1 reordered"
expect_failure "row 300's total altered" \
  "awk -F, -v OFS=, 'NR==301{\$3 = \$3 + 0.01} {print}'" "checksum MISMATCH"
expect_failure "row 7 repeated" "awk 'NR==8{print} {print}'" "soak: FAILED: 1 repeated"
expect_failure "the last row lost" "sed '\$d'" "soak: FAILED: 1 lost"

# And the untouched report passes, so the failures above are the tampering's.
if out="$(scripts/soak "$n" --engine interp --build "$build" --tamper cat 2>&1)"; then
  echo "ok: untouched: $(tail -n 1 <<<"$out")"
else
  echo "FAIL: the untouched report failed"; echo "$out"; failures=$((failures + 1))
fi
exit "$failures"
