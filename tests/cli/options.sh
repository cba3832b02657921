#!/bin/bash
# tests/cli/options.sh — the option table (tools/options.def): every
# subcommand's --help is generated from it and each takes only its own
# options; --e820 refuses the options it would otherwise override; profile
# files refuse unknown keys; --quiet and --log keep the kernel log out of
# --proc's output; --verbose reports the host's huge pages on stderr;
# --pin-cpus changes nothing simulated.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# help_has CMD OPTION... : `mmsim CMD --help` exits 0 and lists each OPTION
help_has() {
	local cmd=$1; shift
	run "$cmd" --help
	local o missing=
	for o in "$@"; do grep -qE -- "^  $o[ ,]" "$TMPD/out" || missing="$missing $o"; done
	if [ "$RC" -eq 0 ] && [ -z "$missing" ]; then
		ok "$cmd --help lists $*"
	else
		not_ok "$cmd --help" "status $RC, missing:$missing" "$(head -5 "$TMPD/out")"
	fi
}
help_lacks() {
	local cmd=$1 o=$2
	run "$cmd" --help
	if grep -qE -- "^  $o[ ,]" "$TMPD/out"; then
		not_ok "$cmd --help does not list $o" "it does"
	else
		ok "$cmd --help does not list $o"
	fi
}
help_has boot -m -smp --e820 --proc --json --quiet --log --verbose --pin-cpus
help_has replay-kmem -m --samples --json --log
help_has run -m --exec --swap --guest-kernel --guest-shmem --guest-anon --log
help_lacks boot --samples
help_lacks replay-kmem --proc
help_has run --json

expect_reject "'--samples' for 'mmsim boot'" boot --samples 3
expect_reject "'--proc' for 'mmsim replay-kmem'" replay-kmem --proc meminfo "$ROOT/tests/fixtures/kmem/pc-512M-boot.trace"
expect_reject "--quiet" boot --quiet --log

# --e820 is a real map without QEMU's tables: -m, -smp, -numa, -M are refused
printf 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\nBIOS-e820: [mem 0x0000000000100000-0x000000001fffffff] usable\n' >"$TMPD/map.e820"
expect_reject "-m" boot --e820 "$TMPD/map.e820" -m 1G
expect_reject "-numa" boot --e820 "$TMPD/map.e820" -numa node,mem=512M,cpus=0-1
expect_reject "-smp" boot --e820 "$TMPD/map.e820" -smp 4
expect_reject "-M" boot --e820 "$TMPD/map.e820" -M q35
if expect_boot boot --e820 "$TMPD/map.e820"; then
	expect_line "BIOS-e820: [mem 0x0000000000100000-0x000000001fffffff] usable" "$TMPD/out"
fi

# a profile key nobody reads is an error naming it
{ cat "$ROOT/data/profiles/debian-6.1.0-56-amd64.profile"; echo "mm.bogus_key = 1"; } >"$TMPD/bad.profile"
expect_reject "mm.bogus_key" boot --profile "$TMPD/bad.profile"

# --quiet: only the view on stdout; --log: the view on stdout, the log on stderr
run boot --quiet --proc meminfo
if [ "$RC" -eq 0 ] && head -1 "$TMPD/out" | grep -q '^MemTotal:' && ! grep -q 'Linux version' "$TMPD/out"; then
	ok "boot --quiet --proc meminfo: the view alone"
else
	not_ok "boot --quiet" "status $RC" "first line: $(head -1 "$TMPD/out")"
fi
run boot --log --proc meminfo
if [ "$RC" -eq 0 ] && head -1 "$TMPD/out" | grep -q '^MemTotal:' && grep -q 'Linux version' "$TMPD/err"; then
	ok "boot --log --proc meminfo: the log on stderr"
else
	not_ok "boot --log" "status $RC" "stdout: $(head -1 "$TMPD/out")" "stderr: $(head -1 "$TMPD/err")"
fi
# --verbose: the host's huge-page answer and the resident RAM, on stderr only
run boot --quiet --verbose -m 256M
if [ "$RC" -eq 0 ] && [ ! -s "$TMPD/out" ] &&
   grep -qE '^mmsim: host huge pages for simulated RAM: (yes|no|unknown)' "$TMPD/err" &&
   grep -qE '^mmsim: simulated RAM resident on the host: [0-9]+ MiB of [0-9]+ MiB mapped$' "$TMPD/err"; then
	ok "boot --verbose: huge pages and resident RAM on stderr"
else
	not_ok "boot --verbose" "status $RC" "stdout bytes: $(wc -c <"$TMPD/out")" "stderr: $(head -3 "$TMPD/err")"
fi
# ... and the deferred struct-page init: none below 4G (all of it is DMA32,
# initialised early); above, on the node's two CPUs
if grep -qx 'mmsim: deferred struct pages: none' "$TMPD/err"; then
	ok "boot --verbose -m 256M: no deferred struct pages"
else
	not_ok "boot --verbose -m 256M: deferred line" "stderr: $(cat "$TMPD/err")"
fi
run boot --quiet --verbose -m 5G -smp 2
if [ "$RC" -eq 0 ] && grep -qE '^mmsim: deferred struct pages initialised in [0-9]+\.[0-9] ms of host time on 2 simulated CPUs$' "$TMPD/err"; then
	ok "boot --verbose -m 5G -smp 2: deferred init on 2 CPUs"
else
	not_ok "boot --verbose -m 5G -smp 2" "status $RC" "stderr: $(cat "$TMPD/err")"
fi
# --pin-cpus places the host threads only: the same boot, byte for byte
# (the deferred init of -m 5G runs on both CPUs' threads)
run boot --quiet -m 5G -smp 2 --proc buddyinfo --proc zoneinfo
cp "$TMPD/out" "$TMPD/unpinned"
run boot --quiet -m 5G -smp 2 --proc buddyinfo --proc zoneinfo --pin-cpus
if [ "$RC" -eq 0 ] && [ -s "$TMPD/out" ] && cmp -s "$TMPD/out" "$TMPD/unpinned"; then
	ok "boot --pin-cpus: the same buddyinfo and zoneinfo as without"
else
	not_ok "boot --pin-cpus" "status $RC" "$(diff "$TMPD/unpinned" "$TMPD/out" | head -5)"
fi
done_testing
