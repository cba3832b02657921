#!/usr/bin/env bash
# regen-kmem-trace.sh - record a real kmem trace on the oracle kernel (Debian 12's
# linux-image-6.1.0-56-amd64) under QEMU, for `mmsim replay-kmem`.
#
# The kernel is booted with every kmem trace event on from the command line
# (trace_event=kmem:*), so the ring buffer records the boot's own slab and page
# allocations; the guest /init (scripts/oracle/init-kmem) runs a small workload,
# stops tracing and prints /sys/kernel/tracing/trace on the console.  The host keeps
# the text between the marker lines and trims it to at most MAX_LINES event lines
# (the header is kept; the head of the trace is the interesting part: the ring
# buffer keeps the newest events when it overflows).
#
# The kernel .deb and its unpacked tree are shared with scripts/regen-fixtures.sh
# (cache /tmp/mmsim-oracle or $MMSIM_ORACLE_CACHE): run that script once first, or
# let this one run `apt-get download linux-image-6.1.0-56-amd64`.
#
# Usage: scripts/regen-kmem-trace.sh OUT [MAX_LINES]
#   the fixture: scripts/regen-kmem-trace.sh tests/fixtures/kmem/pc-512M-boot.trace 12000
#   (12000 events keep it under 2 MB; tests/cli/replay_kmem.sh reads its figures from it)
# The machine is mmsim's default: qemu-system-x86_64 -M pc -m 512M -smp 2 (TCG), run at
# nice 10.  no_timer_check: on a loaded host TCG's timer can look broken to the kernel's
# IO-APIC check, which then panics; the check changes nothing the trace records.
# Early events print ptr=(____ptrval____) (pointer hashing not ready yet): replay-kmem
# counts their frees as unservable.
set -euo pipefail
OUT=${1:?usage: regen-kmem-trace.sh OUT [MAX_LINES]}
MAX=${2:-12000}
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${MMSIM_ORACLE_CACHE:-/tmp/mmsim-oracle}
KVER=6.1.0-56-amd64
mkdir -p "$CACHE"
VMLINUZ=$CACHE/kernel/boot/vmlinuz-$KVER
if [ ! -f "$VMLINUZ" ]; then
	(cd "$CACHE" && apt-get download linux-image-$KVER)
	dpkg -x "$CACHE"/linux-image-${KVER}_*.deb "$CACHE/kernel"
fi
command -v busybox >/dev/null || { echo "regen-kmem-trace: busybox-static is needed" >&2; exit 1; }
WORK=$(mktemp -d "$CACHE/kmem.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/root/bin" "$WORK/root/dev"
cp "$(command -v busybox)" "$WORK/root/bin/busybox"
install -m 755 "$SCRIPT_DIR/oracle/init-kmem" "$WORK/root/init"
(cd "$WORK/root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -9 -n) \
	>"$WORK/initrd.gz"
nice -n 10 timeout 600 qemu-system-x86_64 -accel tcg -M pc -m 512M -smp 2 -nographic \
	-no-reboot -kernel "$VMLINUZ" -initrd "$WORK/initrd.gz" \
	-append "console=ttyS0 loglevel=4 nokaslr no_timer_check panic=-1 trace_event=kmem:* trace_buf_size=4M" \
	</dev/null >"$WORK/console.log" 2>&1 || true
cp "$WORK/console.log" "$CACHE/kmem-console.log"   # kept for a look when this fails
tr -d '\r' <"$WORK/console.log" |
	awk 'index($0, "==MMSIM== END kmem-trace.txt") { on = 0 } on { print }
	     index($0, "==MMSIM== BEGIN kmem-trace.txt") { on = 1 }' >"$WORK/trace"
[ -s "$WORK/trace" ] || { echo "regen-kmem-trace: no trace in the console log" >&2; tail -20 "$WORK/console.log" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
awk -v max="$MAX" '/^#/ { print; next } n < max { print; n++ }' "$WORK/trace" >"$OUT"
echo "regen-kmem-trace: $(grep -vc '^#' "$OUT") events in $OUT"
