#!/usr/bin/env bash
# run_all.sh - runs the end-to-end tests (two at a time: the machines have
# two cores) and prints "N passed, N failed, N skipped".
# Usage: tests/e2e/run_all.sh [TEST_FUNCTION...]
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
. tests/e2e/cases.sh

mkdir -p "$TEST_ROOT/iso"
gcc -std=c11 -Wall -Wextra -Werror -I. -o "$TEST_ROOT/expect_checksum" \
	tests/tools/expect_checksum.c || exit 1
EXPECTED_CHECKSUM=$("$TEST_ROOT/expect_checksum")

ALL_TESTS="$BOCHS_TESTS ${QEMU_TESTS:-}"
TESTS=${*:-$ALL_TESTS}
JOBS=${JOBS:-2}

# One test in a subshell: its verdict goes to <dir>/result, its report to
# <dir>/report (printed in test order at the end, so parallel runs don't mix).
run_one() {
	local t=$1 out
	out=$TEST_ROOT/results/$t
	mkdir -p "$out"
	(
		begin_test "${t#t_}"
		SKIP_REASON=""
		if ! declare -F "$t" >/dev/null; then
			fail "no such test function: $t"
		elif ! "$t"; then
			fail "$t itself failed (status $?)"
		fi
		if [ -n "$SKIP_REASON" ]; then
			echo "SKIP ${t#t_}: $SKIP_REASON"
			echo skip >"$out/result"
		elif end_test; then
			echo pass >"$out/result"
		else
			echo fail >"$out/result"
		fi
	) >"$out/report" 2>&1
}

rm -rf "$TEST_ROOT/results"
running=0
for t in $TESTS; do
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

pass=0 failn=0 skip=0
for t in $TESTS; do
	cat "$TEST_ROOT/results/$t/report"
	case $(cat "$TEST_ROOT/results/$t/result" 2>/dev/null) in
	pass) pass=$((pass + 1)) ;;
	skip) skip=$((skip + 1)) ;;
	*) failn=$((failn + 1)) ;;
	esac
done
echo "e2e: $pass passed, $failn failed, $skip skipped"
[ "$failn" -eq 0 ]
