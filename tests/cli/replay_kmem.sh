#!/bin/bash
# tests/cli/replay_kmem.sh — `mmsim replay-kmem` on the real trace of the
# fixtures (Debian 6.1 under QEMU, scripts/regen-kmem-trace.sh), its
# --json output against the text report, bad input, and `boot --json`
# against the /proc view of the same boot.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TRACE=$ROOT/tests/fixtures/kmem/pc-512M-boot.trace
events=$(grep -vc '^#' "$TRACE")
kmallocs=$(grep -c ' kmalloc: ' "$TRACE")

run replay-kmem --json "$TMPD/r.json" "$TRACE"
if sanitizer_report; then
	not_ok "replay-kmem on the real trace" "$(head -5 "$TMPD/err")"
elif [ "$RC" -ne 0 ]; then
	not_ok "replay-kmem on the real trace" "exit status $RC" "$(head -3 "$TMPD/err")"
else
	ok "replay-kmem on the real trace"
	expect_line "replay-kmem: $events events" "$TMPD/out"
	# every kmalloc of the trace is replayed and served on the 512M machine
	row=$(grep '^kmalloc ' "$TMPD/out" | tr -s ' ')
	if [ "$row" = "kmalloc $kmallocs $kmallocs 0 $(echo "$row" | cut -d' ' -f5)" ]; then
		ok "kmalloc: $kmallocs in the trace, all replayed, none failed"
	else
		not_ok "kmalloc row" "expected: kmalloc $kmallocs $kmallocs 0 <ns>" "got: $row"
	fi
	expect_line "Unusable free space index (extfrag/unusable_index)" "$TMPD/out"
	expect_line "Node 0, zone    DMA32 " "$TMPD/out"
	expect_line "free of a pointer printed as (____ptrval____)" "$TMPD/out"
	# the JSON holds the same figures as the text
	if command -v python3 >/dev/null; then
		got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["replay_kmem"]; print(d["events"], d["by_event"]["kmalloc"]["in_trace"], d["by_event"]["kmalloc"]["replayed"], len(d["free_blocks_series"]), len(d["unusable_index"]))' "$TMPD/r.json" 2>&1)
		if [ "$got" = "$events $kmallocs $kmallocs 9 2" ]; then
			ok "--json: events, kmalloc figures, 9 samples, 2 zones"
		else
			not_ok "--json figures" "expected: $events $kmallocs $kmallocs 9 2" "got: $got"
		fi
	fi
fi

# bad input: one line naming the problem, exit 2
expect_reject "no-such.trace" replay-kmem "$TMPD/no-such.trace"
printf '# tracer: nop\nnothing here\n' >"$TMPD/empty.trace"
expect_reject "no kmem trace event" replay-kmem "$TMPD/empty.trace"
expect_reject "--samples" replay-kmem --samples 1 "$TRACE"
expect_reject "no TRACE" replay-kmem
expect_reject "--samples" boot --samples 3

# garbage lines among events are counted, never a crash
{ head -40 "$TRACE"; echo "  x-1 [000] ..... 1.000000: kmalloc: ptr=zz"; head -c 3000 /dev/urandom | tr -dc 'a-z[]0-9:= \n'; } >"$TMPD/mixed.trace"
run replay-kmem "$TMPD/mixed.trace"
if [ "$RC" -eq 0 ] && ! sanitizer_report && grep -q "malformed kmem event lines (skipped): 1" "$TMPD/out"; then
	ok "replay-kmem: a malformed line is counted"
else
	not_ok "replay-kmem on a mixed file" "status $RC" "$(grep malformed "$TMPD/out") $(head -3 "$TMPD/err")"
fi

# boot --json: the free blocks of DMA32 are /proc/buddyinfo's of the same boot
run boot --json "$TMPD/b.json" --proc buddyinfo
if [ "$RC" -eq 0 ] && command -v python3 >/dev/null; then
	want=$(grep 'zone    DMA32' "$TMPD/out" | sed 's/.*DMA32//' | tr -s ' ' | sed 's/^ //; s/ $//')
	got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); z=[z for z in d["zones"] if z["name"]=="DMA32"][0]; print(" ".join(map(str, z["free_blocks"])))' "$TMPD/b.json" 2>&1)
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		ok "boot --json: DMA32 free blocks = /proc/buddyinfo"
	else
		not_ok "boot --json free blocks" "expected: $want" "got: $got"
	fi
else
	not_ok "boot --json" "exit status $RC" "$(head -3 "$TMPD/err")"
fi
done_testing
