#!/bin/bash
# tests/cli/test_proc.sh MMSIM — `mmsim boot --proc NAME` and `--dump DIR`.
#
# Expect: each --proc view printed after the boot log, in the order given;
# an unknown view rejected with exit status 2 and the list of known ones;
# --dump DIR holding dmesg.log and one proc_NAME file per view, named as
# in the oracle fixtures.  Prints TAP lines.
set -u
mmsim=${1:?usage: test_proc.sh MMSIM}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
echo "1..6"

out=$("$mmsim" boot -m 256M --proc meminfo --proc buddyinfo 2>"$tmp/err")
rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q '^MemTotal: *[0-9]* kB$' &&
   echo "$out" | grep -q '^Node 0, zone    DMA32 '; then
	ok "--proc meminfo --proc buddyinfo"
else
	not_ok "--proc meminfo --proc buddyinfo" "exit $rc" "$(tail -3 "$tmp/err")"
fi
mem_line=$(echo "$out" | grep -n '^MemTotal:' | cut -d: -f1)
buddy_line=$(echo "$out" | grep -n '^Node 0, zone' | head -1 | cut -d: -f1)
if [ -n "$mem_line" ] && [ -n "$buddy_line" ] && [ "$mem_line" -lt "$buddy_line" ]; then
	ok "views in the order given"
else
	not_ok "views in the order given" "MemTotal at line ${mem_line:-none}, buddyinfo at ${buddy_line:-none}"
fi

"$mmsim" boot --proc no-such-view >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "unknown view 'no-such-view' (known: zoneinfo, buddyinfo, pagetypeinfo, meminfo, vmstat, iomem, .*cmdline" "$tmp/err"; then
	ok "unknown view: exit 2 with the known ones"
else
	not_ok "unknown view: exit 2 with the known ones" "exit $rc" "$(cat "$tmp/err")"
fi

"$mmsim" boot --proc >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ]; then ok "--proc without a name: exit 2"; else not_ok "--proc without a name: exit 2" "exit $rc"; fi

"$mmsim" boot -m 256M --dump "$tmp/dump" >/dev/null 2>"$tmp/err"
rc=$?
missing=""
for f in dmesg.log proc_zoneinfo proc_buddyinfo proc_pagetypeinfo proc_meminfo proc_vmstat proc_iomem proc_cmdline; do
	[ -s "$tmp/dump/$f" ] || missing="$missing $f"
done
if [ $rc -eq 0 ] && [ -z "$missing" ]; then
	ok "--dump writes dmesg.log and every proc_NAME"
else
	not_ok "--dump writes dmesg.log and every proc_NAME" "exit $rc" "missing:$missing"
fi

if [ -s "$tmp/dump/proc_zoneinfo" ] && head -1 "$tmp/dump/proc_zoneinfo" | grep -q '^Node 0, zone      DMA$' &&
   grep -q '^00100000-0ffdffff : System RAM$' "$tmp/dump/proc_iomem" 2>/dev/null; then
	ok "dumped views are the kernel's formats"
else
	not_ok "dumped views are the kernel's formats" "$(head -1 "$tmp/dump/proc_zoneinfo" 2>/dev/null)" "$(grep 'System RAM' "$tmp/dump/proc_iomem" 2>/dev/null | head -2)"
fi
