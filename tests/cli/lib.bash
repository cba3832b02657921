# tests/cli/lib.bash — TAP helpers for the CLI tests (sourced, not run).
#
# Each tests/cli/*.sh script is run by tests/run-tests.sh as
# `bash SCRIPT BUILD/mmsim` and prints TAP lines: "ok N - what" or
# "not ok N - what" followed by "# " lines saying what differed.
# Nothing else is printed for a passing check.
MMSIM=${1:?usage: $0 path/to/mmsim}
TAPN=0
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

ok()     { TAPN=$((TAPN + 1)); echo "ok $TAPN - $1"; }
not_ok() { TAPN=$((TAPN + 1)); echo "not ok $TAPN - $1"; shift; for l in "$@"; do echo "# $l"; done; }
done_testing() { echo "1..$TAPN"; }

# run ARGS... : runs mmsim, leaving stdout in $TMPD/out, stderr in $TMPD/err,
# the exit status in $RC.
run() {
	"$MMSIM" "$@" >"$TMPD/out" 2>"$TMPD/err"
	RC=$?
}

# A sanitizer or UBSan report in stderr is always a failure.
sanitizer_report() {
	grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$TMPD/err"
}

# expect_reject "WORD" ARGS... : mmsim must exit 2 with exactly one line on
# stderr that names WORD (the bad value), and no sanitizer report.
expect_reject() {
	local word=$1; shift
	local what="rejects: $*"
	run "$@"
	local lines
	lines=$(wc -l <"$TMPD/err")
	if sanitizer_report; then
		not_ok "$what" "sanitizer report:" "$(head -5 "$TMPD/err")"
	elif [ "$RC" -ne 2 ]; then
		not_ok "$what" "exit status: expected 2, got $RC" "stderr: $(head -3 "$TMPD/err")"
	elif [ "$lines" -ne 1 ]; then
		not_ok "$what" "stderr lines: expected 1, got $lines" "$(head -5 "$TMPD/err")"
	elif ! grep -qF -- "$word" "$TMPD/err"; then
		not_ok "$what" "error message does not name '$word':" "$(cat "$TMPD/err")"
	else
		ok "$what"
	fi
}

# expect_boot ARGS... : mmsim must exit 0 without a sanitizer report.
expect_boot() {
	local what="boots: $*"
	run "$@"
	if sanitizer_report; then
		not_ok "$what" "sanitizer report:" "$(head -5 "$TMPD/err")"
	elif [ "$RC" -ne 0 ]; then
		not_ok "$what" "exit status: expected 0, got $RC" "stderr: $(head -3 "$TMPD/err")"
	else
		ok "$what"
		return 0
	fi
	return 1
}

# expect_line "TEXT" FILE : FILE must contain a line containing TEXT.
expect_line() {
	if grep -qF -- "$1" "$2"; then
		ok "$(basename "$2") has '$1'"
	else
		not_ok "$(basename "$2") has '$1'" "expected a line containing: $1" \
			"got: $(grep -F -- "$(echo "$1" | cut -c1-12)" "$2" | head -3)"
	fi
}
