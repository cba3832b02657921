#!/bin/bash
# scripts/failsweep.sh [-j JOBS] MMSIM STEP [ARGS...] — fail the Nth host
# request (MMSIM_FAIL_HOST=N, host/failinject.c) of `mmsim ARGS` for N = 1,
# 1+STEP, 1+2*STEP, ... up to the number of requests the run makes, and
# check that each run ends cleanly: exit 0 (the failure was handled), 1
# (the kernel's panic, its end line last), 2 (one error line) or 3 (host
# out of memory, one line) — never a signal, a BUG or a sanitizer report.
# JOBS runs at a time (default 1).  Prints "N runs, M bad" and each bad N;
# exit 1 if any.
set -u
jobs=1
if [ "${1:-}" = -j ]; then
	jobs=$2
	shift 2
fi
mmsim=$1 step=$2; shift 2
[ $# -gt 0 ] || set -- boot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total=$(MMSIM_FAIL_HOST_REPORT=1 "$mmsim" "$@" 2>&1 >/dev/null |
	sed -n 's/^mmsim: \([0-9]*\) host requests$/\1/p')
[ -n "$total" ] || { echo "cannot count the host requests of: $mmsim $*"; exit 1; }

# one run, failing request $1: prints nothing if it ended cleanly, else
# one line "N=...: why: the start of stderr"
one_run() {
	local n=$1 out="$tmp/out.$1" err="$tmp/err.$1" rc why=
	MMSIM_FAIL_HOST=$n "$mmsim" "$@" >"$out" 2>"$err"
	rc=$?
	if grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|kernel BUG' "$err" "$out"; then
		why="sanitizer report or BUG"
	elif [ "$rc" -gt 3 ]; then
		why="exit status $rc"
	elif [ "$rc" -eq 1 ] && ! tail -n 1 "$out" | grep -q -- '---\[ end Kernel panic' &&
	     ! grep -q "kernel stopped" "$err"; then
		why="exit 1 without the kernel's panic"
	elif [ "$rc" -ge 2 ] && [ "$(wc -l <"$err")" -ne 1 ]; then
		why="exit $rc with $(wc -l <"$err") lines on stderr"
	fi
	[ -z "$why" ] || echo "N=$n: $why: $(head -c 300 "$err" | tr '\n' ' ')"
	rm -f "$out" "$err"
}
export -f one_run
export mmsim tmp

seq 1 "$step" "$total" |
	xargs -P "$jobs" -I{} bash -c 'one_run "$@"' _ {} "$@" >"$tmp/bad"
runs=$(seq 1 "$step" "$total" | wc -l)
bad=$(wc -l <"$tmp/bad")
sort -t= -k2 -n "$tmp/bad"
echo "$runs runs of $total host requests, $bad bad"
[ "$bad" -eq 0 ]
