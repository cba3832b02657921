#!/bin/bash
# tests/cli/run.sh — `mmsim run`: a workload script on the default machine.
# Bad scripts and options are one error line naming the line number and the
# bad word, exit status 2, nothing on standard output; a good script prints
# one `N: RESULT` per line (dumps between `N: dump VIEW` and `N: end`).
. "$(dirname "$0")/lib.bash"

printf 'a = mmap 0 8K rw- private,anon\nmmapp 0 4K rw- anon\n' >"$TMPD/bad.mmw"
expect_reject "bad.mmw:2: unknown operation 'mmapp'" run "$TMPD/bad.mmw"
printf 'kid: read 0 1\n' >"$TMPD/noproc.mmw"
expect_reject "'kid'" run "$TMPD/noproc.mmw"
expect_reject "nothing.mmw" run "$TMPD/nothing.mmw"
expect_reject "lots" run --swap lots "$TMPD/bad.mmw"
printf 'dump swaps\n' >"$TMPD/swaps.mmw"
expect_reject "--swap 4096: too small" run --swap 4K "$TMPD/swaps.mmw"
expect_reject "--swap 18691697672192: too large" run --swap 17T "$TMPD/swaps.mmw"

# --swap SIZE: mkswap + swapon of the disk before the probe, as the recipe.
printf 'dump swaps\ndump meminfo\n' >"$TMPD/swapon.mmw"
run run --swap 64M "$TMPD/swapon.mmw"
if [ "$RC" -eq 0 ] && grep -qP '^/dev/vda {32}partition\t65532\t\t0\t\t-2$' "$TMPD/out" &&
   grep -q '^SwapTotal:         65532 kB$' "$TMPD/out" && ! sanitizer_report; then
	ok "--swap 64M: /proc/swaps and SwapTotal as the kernel's"
else
	not_ok "--swap 64M: /proc/swaps and SwapTotal as the kernel's" "exit $RC" \
		"out: $(head -4 "$TMPD/out")" "err: $(head -3 "$TMPD/err")"
fi
expect_reject "SCRIPT" run

# --guest-kernel SIZE: that much kernel memory held before the probe (unreclaimable slab).
expect_reject "--guest-kernel: invalid size 'many'" run --guest-kernel many "$TMPD/swaps.mmw"
expect_reject "--guest-kernel 1099511627776: more than the machine's free memory" \
	run -m 128M --guest-kernel 1T "$TMPD/swaps.mmw"
printf 'dump meminfo\n' >"$TMPD/held.mmw"
run run -m 256M "$TMPD/held.mmw"
base=$(awk '/^SUnreclaim:/ { print $2 }' "$TMPD/out")
run run -m 256M --guest-kernel 16M "$TMPD/held.mmw"
held=$(awk '/^SUnreclaim:/ { print $2 }' "$TMPD/out")
if [ "$RC" -eq 0 ] && [ -n "$base" ] && [ "$((held - base))" -eq 16384 ] && ! sanitizer_report; then
	ok "--guest-kernel 16M: SUnreclaim 16384 kB higher"
else
	not_ok "--guest-kernel 16M: SUnreclaim 16384 kB higher" "exit $RC" "without: $base kB" \
		"with: $held kB" "err: $(head -3 "$TMPD/err")"
fi
# --guest-shmem/--guest-anon SIZE: the tmpfs root's pages and init's anonymous pages.
expect_reject "--guest-shmem: invalid size 'x'" run --guest-shmem x "$TMPD/swaps.mmw"
expect_reject "--guest-anon 1099511627776: more than the machine's free memory" \
	run -m 128M --guest-anon 1T "$TMPD/swaps.mmw"
run run -m 256M "$TMPD/held.mmw"
base=$(awk '/^(Shmem|AnonPages):/ { printf "%s ", $2 }' "$TMPD/out")
run run -m 256M --guest-shmem 4M --guest-anon 2M "$TMPD/held.mmw"
held=$(awk '/^(Shmem|AnonPages):/ { printf "%s ", $2 }' "$TMPD/out")
read -r a0 s0 <<<"$base"
read -r a1 s1 <<<"$held"
if [ "$RC" -eq 0 ] && [ -n "$s0" ] && [ "$((s1 - s0))" -eq 4096 ] && [ "$((a1 - a0))" -eq 2048 ] &&
   ! sanitizer_report; then
	ok "--guest-shmem 4M --guest-anon 2M: Shmem 4096 kB, AnonPages 2048 kB higher"
else
	not_ok "--guest-shmem 4M --guest-anon 2M: Shmem 4096 kB, AnonPages 2048 kB higher" \
		"exit $RC" "without: $base" "with: $held" "err: $(head -3 "$TMPD/err")"
fi
# The guest's init holds more than the probe but is never the OOM killer's victim.
printf 'a = mmap 0 200M rw- private,anon\nwrite $a 200M\n' >"$TMPD/oom.mmw"
run run -m 256M --guest-anon 120M "$TMPD/oom.mmw"
if [ "$RC" -eq 0 ] && grep -q '^2: killed SIGKILL$' "$TMPD/out" && ! sanitizer_report; then
	ok "--guest-anon 120M: the probe is killed, not init"
else
	not_ok "--guest-anon 120M: the probe is killed, not init" "exit $RC" \
		"out: $(tail -2 "$TMPD/out")" "err: $(head -3 "$TMPD/err")"
fi
printf 'brk 0\n' >"$TMPD/brk.mmw"
expect_reject "--proc" run --proc meminfo "$TMPD/brk.mmw"

# A $VAR value a line cannot take stops the run with status 2 after the
# lines before it.
printf 'e = mmap 0 0 rw- private,anon\nwrite 0x10000000 4K $e\n' >"$TMPD/rt.mmw"
run run "$TMPD/rt.mmw"
if [ "$RC" -eq 2 ] && [ "$(cat "$TMPD/out")" = "1: -EINVAL" ] &&
   grep -q "rt.mmw:2" "$TMPD/err" && ! sanitizer_report; then
	ok "a negative BYTE from \$VAR stops the run"
else
	not_ok "a negative BYTE from \$VAR stops the run" "exit $RC" "out: $(cat "$TMPD/out")" "err: $(head -3 "$TMPD/err")"
fi

# The same script from a file and from standard input; the output format.
cat >"$TMPD/good.mmw" <<'SCRIPT'
# a comment line
a = mmap 0 64K rw- private,anon
write $a 64K
dump faults
read $a-4K 1
fork kid
kid: write $a 4K 0x42
kid: check $a 1 0x42
check $a 1 0x42
kid: exit
SCRIPT
run run "$TMPD/good.mmw"
cp "$TMPD/out" "$TMPD/file.out"
expected='2: 0x7ffff7fe9000
3: ok
4: dump faults
minflt 16 majflt 0
4: end
5: SIGSEGV 0x7ffff7fe8000
6: 0
7: ok
8: ok
9: mismatch 0x7ffff7fe9000 0x5a
10: 0'
if [ "$RC" -eq 0 ] && [ "$(cat "$TMPD/out")" = "$expected" ] && ! sanitizer_report; then
	ok "a script's output"
else
	not_ok "a script's output" "exit $RC" "$(diff <(echo "$expected") "$TMPD/out" | head -8)" "$(head -3 "$TMPD/err")"
fi
"$MMSIM" run - <"$TMPD/good.mmw" >"$TMPD/stdin.out" 2>"$TMPD/err"
if cmp -s "$TMPD/stdin.out" "$TMPD/file.out"; then
	ok "SCRIPT - reads standard input"
else
	not_ok "SCRIPT - reads standard input" "$(diff "$TMPD/file.out" "$TMPD/stdin.out" | head -5)"
fi

# --log: the boot log goes to standard error, standard output stays the script's.
run run --log "$TMPD/brk.mmw"
if [ "$RC" -eq 0 ] && [ "$(cat "$TMPD/out")" = "1: 0x458000" ] && grep -q "Memory:" "$TMPD/err"; then
	ok "--log: the boot log on stderr"
else
	not_ok "--log: the boot log on stderr" "exit $RC" "out: $(head -3 "$TMPD/out")"
fi

# --exec: an image that is not a static ELF executable is refused.
printf '#!/bin/sh\n' >"$TMPD/script.sh"
run run --exec "$TMPD/script.sh" "$TMPD/brk.mmw"
if [ "$RC" -eq 1 ] && grep -q "script.sh" "$TMPD/err" && ! sanitizer_report; then
	ok "--exec of a non-ELF file"
else
	not_ok "--exec of a non-ELF file" "exit $RC" "$(head -3 "$TMPD/err")"
fi

# khugepaged (scripts/examples/khugepaged.mmw): the three aligned 2 MiB blocks of an
# 8 MiB mapping of 4 KiB pages collapse within a simulated second of 100 ms scans.
run run -M pc -m 1G "$(dirname "$0")/../../scripts/examples/khugepaged.mmw"
if [ "$RC" -eq 0 ] && grep -q '^14: ok$' "$TMPD/out" &&
   [ "$(grep -c '^AnonHugePages:      6144 kB$' "$TMPD/out")" = 1 ] &&
   grep -q '^thp_collapse_alloc 3$' "$TMPD/out" && ! sanitizer_report; then
	ok "khugepaged collapses the example's three blocks, data intact"
else
	not_ok "khugepaged collapses the example's three blocks, data intact" "exit $RC" \
		"$(grep 'AnonHuge\|thp_collapse_alloc \|^1[0-4]:' "$TMPD/out" | head -8)" "$(head -3 "$TMPD/err")"
fi

done_testing
