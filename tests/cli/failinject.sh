#!/bin/bash
# tests/cli/failinject.sh — failures on purpose end cleanly.
#
# The kernel's failslab= and fail_page_alloc= (on a .config that has
# CONFIG_FAILSLAB and CONFIG_FAIL_PAGE_ALLOC; Debian's does not, so there
# they are unknown parameters passed to init), and the host failing its
# Nth request (MMSIM_FAIL_HOST=N): a sample (every 50th of ~400-600
# requests) over a boot of each architecture and over a short workload
# here, every N by `make failsweep`.
. "$(dirname "$0")/lib.bash"

cfg="$TMPD/fi.config"
sed 's/^# CONFIG_FAULT_INJECTION is not set/CONFIG_FAULT_INJECTION=y\nCONFIG_FAILSLAB=y\nCONFIG_FAIL_PAGE_ALLOC=y/' \
	"$(dirname "$0")/../../data/configs/config-6.1.0-56-amd64" >"$cfg"

# the first slab allocation the bootstrap makes fails: the kernel panics
run boot --config "$cfg" --append "console=ttyS0 failslab=1,100,0,1"
if [ "$RC" -eq 1 ] && grep -qF "FAULT_INJECTION: forcing a failure." "$TMPD/out" &&
   grep -qF "Kernel panic - not syncing: Creation of kmalloc slab" "$TMPD/out" && ! sanitizer_report; then
	ok "failslab=1,100,0,1: forced failure, then the kernel's panic"
else
	not_ok "failslab=1,100,0,1: forced failure, then the kernel's panic" "exit $RC" \
		"$(grep -E 'FAULT|panic' "$TMPD/out" | head -3)" "$(head -3 "$TMPD/err")"
fi
# after 1 MB of slab requests nothing is left to fail in a boot
expect_boot boot --config "$cfg" --append "console=ttyS0 failslab=1,100,1000000,1"
# page allocations: order >= 1, no reclaim: handled (SLUB falls back)
expect_boot boot --config "$cfg" --append "console=ttyS0 fail_page_alloc=1,100,0,-1"
# a malformed value: the kernel's warning, and the boot goes on
run boot --config "$cfg" --append "console=ttyS0 failslab=x"
if [ "$RC" -eq 0 ] && grep -qF "FAULT_INJECTION: failed to parse arguments" "$TMPD/out"; then
	ok "failslab=x: the kernel's parse warning"
else
	not_ok "failslab=x: the kernel's parse warning" "exit $RC" "$(grep FAULT "$TMPD/out")"
fi
# without CONFIG_FAILSLAB the parameter is unknown, as in Debian's kernel
run boot --append "console=ttyS0 failslab=1,100,0,1"
if [ "$RC" -eq 0 ] && grep -qF 'Unknown kernel command line parameters "failslab=1,100,0,1"' "$TMPD/out"; then
	ok "failslab= without CONFIG_FAILSLAB: an unknown parameter"
else
	not_ok "failslab= without CONFIG_FAILSLAB: an unknown parameter" "exit $RC" \
		"$(grep -i unknown "$TMPD/out")"
fi

# the host fails its Nth request: a sample over a boot of each architecture
sweep=$(dirname "$0")/../../scripts/failsweep.sh
for arch in "x86_64 -m 72M" "arm -m 48M"; do
	# shellcheck disable=SC2086
	if out=$("$sweep" "$MMSIM" 50 boot --arch $arch 2>&1); then
		ok "MMSIM_FAIL_HOST sample over a $arch boot: $(tail -n 1 <<<"$out")"
	else
		not_ok "MMSIM_FAIL_HOST sample over a $arch boot" "$(tail -n 5 <<<"$out")"
	fi
done
# ... and over a short workload (the boot, then the script's processes),
# with LeakSanitizer on: a sample here, every N by make failsweep
if out=$(ASAN_OPTIONS=detect_leaks=1 "$sweep" "$MMSIM" 50 run -m 72M \
	"$(dirname "$0")/../workloads/fork-cow.mmw" 2>&1); then
	ok "MMSIM_FAIL_HOST sample over a workload: $(tail -n 1 <<<"$out")"
else
	not_ok "MMSIM_FAIL_HOST sample over a workload" "$(tail -n 5 <<<"$out")"
fi

done_testing
