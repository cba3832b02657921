#!/bin/bash
# tests/run-tests.sh BUILD_DIR — run every test and print one summary line.
#
# Unit and parity tests are cmocka programs run with TAP output; fuzz
# replays feed each committed corpus once; CLI tests are shell scripts in
# tests/cli/ that print TAP lines themselves.  Nothing is printed for a
# passing test.  For a failing one the runner prints its name and what the
# test said (field, expected, got).  The last line is always
# "N passed, M failed"; the exit status is 1 when M > 0.
#
# Tests run TEST_JOBS at a time (default: the host's CPU count), each into
# its own log; results are reported in a fixed order whatever finishes
# first.  Progress goes to standard error: one line rewritten in place on
# a terminal, a line every tenth of the way otherwise (CI logs).
set -u
build=${1:-build/check}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MMSIM_BUILD="$build"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
jobs_max=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
# TEST_KINDS: which kinds to run (make check SAN=thread: cmocka only)
kinds=" ${TEST_KINDS:-cmocka fuzz cli} "

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

# The jobs, in report order: NAME<TAB>KIND<TAB>PATH.
list=$tmp/jobs
: >"$list"
for t in "$build"/tests/unit/test_* "$build"/tests/parity/test_*; do
	[ -x "$t" ] && printf '%s\tcmocka\t%s\n' "$(basename "$t")" "$t" >>"$list"
done
for t in "$build"/tests/fuzz/replay_*; do
	[ -x "$t" ] && printf 'fuzz_%s\tfuzz\t%s\n' "${t##*/replay_}" "$t" >>"$list"
done
for t in tests/cli/*.sh; do
	[ -f "$t" ] && printf '%s\tcli\t%s\n' "$(basename "$t")" "$t" >>"$list"
done
grep -E "	($(echo $kinds | tr ' ' '|'))	" "$list" >"$list.kinds"
mv "$list.kinds" "$list"
total=$(wc -l <"$list")

# Run one job; its log and exit status land in $tmp/NAME.{log,rc}.
run_one() {
	local name=$1 kind=$2 path=$3 log=$tmp/$1.log
	case $kind in
	cmocka) CMOCKA_MESSAGE_OUTPUT=TAP "$path" >"$log" 2>&1 ;;
	fuzz)   "$path" "tests/fuzz/corpus/${name#fuzz_}" >"$log" 2>&1 ;;
	cli)    bash "$path" "$build/mmsim" >"$log" 2>&1 ;;
	esac
	echo $? >"$tmp/$name.rc"
}

progress() {
	local done=$1
	if [ -t 2 ]; then
		printf '\r  tests: %d/%d' "$done" "$total" >&2
		[ "$done" -eq "$total" ] && printf '\r%*s\r' 24 '' >&2
	elif [ $((done * 10 / total)) -ne $(((done - 1) * 10 / total)) ]; then
		echo "  tests: $done/$total done" >&2
	fi
}

started=0
finished=0
while IFS=$'\t' read -r name kind path; do
	while [ "$(jobs -pr | wc -l)" -ge "$jobs_max" ]; do
		wait -n
		finished=$((finished + 1))
		progress "$finished"
	done
	run_one "$name" "$kind" "$path" &
	started=$((started + 1))
done <"$list"
while [ "$finished" -lt "$started" ]; do
	wait -n
	finished=$((finished + 1))
	progress "$finished"
done

while IFS=$'\t' read -r name kind path; do
	tally "$name" "$tmp/$name.log" "$(cat "$tmp/$name.rc" 2>/dev/null || echo 1)"
done <"$list"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
