#!/bin/bash
# tests/cli/memmap_lazy.sh — the lazy memory map (mm/memmap_lazy.c) gives
# what the eager one gives: a 4 GiB machine with 2 NUMA nodes (the deferred
# part of both nodes is lazy) is booted both ways; the boot log, every
# /proc view and the --json figures must be identical, and so must a workload's output (faults,
# page cache, the views before and after) on the same machine.
. "$(dirname "$0")/lib.bash"

MACHINE=(-m 4G -smp 2,sockets=2 -numa node,mem=2G,cpus=0 -numa node,mem=2G,cpus=1)
WORKLOAD="$(dirname "$0")/../workloads/dump-system-views.mmw"

# same_files WHAT DIR_A DIR_B : every file of DIR_A equal in DIR_B
same_files() {
	local what=$1 a=$2 b=$3 f bad=""
	for f in "$a"/*; do
		if ! cmp -s "$f" "$b/$(basename "$f")"; then
			bad="$(basename "$f")"
			break
		fi
	done
	if [ -z "$bad" ] && [ "$(ls "$a" | wc -l)" -gt 1 ]; then
		ok "$what"
	else
		not_ok "$what" "differs: ${bad:-no files}" \
			"$(diff "$a/$bad" "$b/$bad" 2>&1 | head -6)"
	fi
}

for mode in eager lazy; do
	mkdir -p "$TMPD/$mode"
	expect_boot boot "${MACHINE[@]}" --memmap $mode --verbose -q --dump "$TMPD/$mode" \
		--json "$TMPD/$mode/figures.json"
	cp "$TMPD/err" "$TMPD/verbose-$mode"
	if expect_boot run "${MACHINE[@]}" --memmap $mode "$WORKLOAD"; then
		cp "$TMPD/out" "$TMPD/run-$mode"
	fi
done

same_files "boot log, /proc views, --json: lazy = eager" "$TMPD/eager" "$TMPD/lazy"
if cmp -s "$TMPD/run-eager" "$TMPD/run-lazy" && [ -s "$TMPD/run-eager" ]; then
	ok "workload output: lazy = eager"
else
	not_ok "workload output: lazy = eager" \
		"$(diff "$TMPD/run-eager" "$TMPD/run-lazy" 2>&1 | head -6)"
fi

# boot --verbose says which path ran (lazy needs the host's userfaultfd)
expect_line "memory map: eager (--memmap=eager)" "$TMPD/verbose-eager"
if grep -q "memory map: lazy (userfaultfd)" "$TMPD/verbose-lazy"; then
	ok "verbose-lazy says lazy"
elif grep -q "lazy unavailable" "$TMPD/verbose-lazy"; then
	echo "# userfaultfd unavailable on this host: the lazy path was not exercised"
	ok "verbose-lazy says why lazy is unavailable"
else
	not_ok "verbose-lazy names the memory map mode" "$(cat "$TMPD/verbose-lazy")"
fi

expect_reject "sideways" boot --memmap sideways
done_testing
