#!/bin/bash
# scripts/failsweep.sh MMSIM STEP [ARGS...] — fail the Nth host request
# (MMSIM_FAIL_HOST=N, host/failinject.c) of `mmsim ARGS` for N = 1,
# 1+STEP, 1+2*STEP, ... up to the number of requests the run makes, and
# check that each run ends cleanly: exit 0 (the failure was handled), 1
# (the kernel's panic, its end line last), 2 (one error line) or 3 (host
# out of memory, one line) — never a signal, a BUG or a sanitizer report.
# Prints "N runs, M bad" and each bad N; exit 1 if any.
set -u
mmsim=$1 step=$2; shift 2
[ $# -gt 0 ] || set -- boot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total=$(MMSIM_FAIL_HOST_REPORT=1 "$mmsim" "$@" 2>&1 >/dev/null |
	sed -n 's/^mmsim: \([0-9]*\) host requests$/\1/p')
[ -n "$total" ] || { echo "cannot count the host requests of: $mmsim $*"; exit 1; }
runs=0 bad=0
for ((n = 1; n <= total; n += step)); do
	MMSIM_FAIL_HOST=$n "$mmsim" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$? runs=$((runs + 1)) why=
	if grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|kernel BUG' "$tmp/err" "$tmp/out"; then
		why="sanitizer report or BUG"
	elif [ "$rc" -gt 3 ]; then
		why="exit status $rc"
	elif [ "$rc" -eq 1 ] && ! tail -n 1 "$tmp/out" | grep -q -- '---\[ end Kernel panic' &&
	     ! grep -q "kernel stopped" "$tmp/err"; then
		why="exit 1 without the kernel's panic"
	elif [ "$rc" -ge 2 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		why="exit $rc with $(wc -l <"$tmp/err") lines on stderr"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "N=$n: $why: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
	fi
done
echo "$runs runs of $total host requests, $bad bad"
[ "$bad" -eq 0 ]
