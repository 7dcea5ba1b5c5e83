#!/usr/bin/env bash
# run_tests.sh - the whole suite (what `make test` runs): host unit tests,
# then the end-to-end boots in Bochs and QEMU.  Ends with one line
# "total: N passed, N failed, N skipped" and a non-zero status on failure.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}

echo "== host unit tests"
"$BUILD/tests/unit_tests" | tee "$BUILD/tests/unit.out"
unit_status=${PIPESTATUS[0]}

echo "== end-to-end tests (Bochs, QEMU)"
tests/e2e/run_all.sh | tee "$BUILD/tests/e2e.out"
e2e_status=${PIPESTATUS[0]}

# Add up the two summary lines ("unit: ..." and "e2e: ...").
count() { grep -E "^$1: [0-9]+ passed" "$BUILD/tests/$2.out" | grep -o -E "[0-9]+ $3" | cut -d' ' -f1; }
up=$(count unit unit passed); uf=$(count unit unit failed)
ep=$(count e2e e2e passed); ef=$(count e2e e2e failed); es=$(count e2e e2e skipped)
passed=$(( ${up:-0} + ${ep:-0} ))
failed=$(( ${uf:-0} + ${ef:-0} ))
# a runner that died without its summary line counts as a failure
[ -z "$up" ] && failed=$((failed + 1))
[ -z "$ep" ] && failed=$((failed + 1))
echo "total: $passed passed, $failed failed, ${es:-0} skipped"
[ "$unit_status" -eq 0 ] && [ "$e2e_status" -eq 0 ] && [ "$failed" -eq 0 ]
