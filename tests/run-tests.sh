#!/bin/bash
# tests/run-tests.sh BUILD_DIR — run every test and print one summary line.
#
# Unit and parity tests are cmocka programs run with TAP output; CLI tests
# are shell scripts in tests/cli/ that print TAP lines themselves.  Nothing
# is printed for a passing test.  For a failing one the runner prints its
# name and what the test said (field, expected, got).  The last line is
# always "N passed, M failed"; the exit status is 1 when M > 0.
set -u
build=${1:-build/check}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MMSIM_BUILD="$build"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Count the TAP lines of one test program's output ($2), report failures.
tally() {
	local name=$1 log=$2 rc=$3 p f
	p=$(grep -cE '^ok [0-9]+' "$log")
	f=$(grep -cE '^not ok [0-9]+' "$log")
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1   # crashed or printed no plan
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1   # e.g. a sanitizer report after the last test
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name:"
		grep -vE '^ok [0-9]+|^1\.\.[0-9]+$|^# ok - ' "$log" | head -60 | sed 's/^/    /'
	fi
}

for t in "$build"/tests/unit/test_* "$build"/tests/parity/test_*; do
	[ -x "$t" ] || continue
	log="$tmp/$(basename "$t").log"
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$log" 2>&1
	tally "$(basename "$t")" "$log" $?
done

# Every fuzz target's corpus, fed once (tests/fuzz/fuzz.h).
for t in "$build"/tests/fuzz/replay_*; do
	[ -x "$t" ] || continue
	name=${t##*/replay_}
	log="$tmp/fuzz_$name.log"
	"$t" "tests/fuzz/corpus/$name" >"$log" 2>&1
	tally "fuzz_$name" "$log" $?
done

for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	log="$tmp/$(basename "$t").log"
	bash "$t" "$build/mmsim" >"$log" 2>&1
	tally "$(basename "$t")" "$log" $?
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
