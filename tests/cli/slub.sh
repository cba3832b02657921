#!/bin/bash
# tests/cli/slub.sh — SLUB from the command line: the boot line, the
# /proc/slabinfo view, --dump's slab_attrs.tsv, and --slub-demo printing
# slub_debug's reports for each kind of corruption.
. "$(dirname "$0")/lib.bash"

if expect_boot boot -m 1G --proc slabinfo; then
	expect_line "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1" "$TMPD/out"
	expect_line "slabinfo - version: 2.1" "$TMPD/out"
	expect_line "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>" "$TMPD/out"
fi

mkdir -p "$TMPD/d"
if expect_boot boot -m 1G --append "slub_min_objects=32" --dump "$TMPD/d"; then
	expect_line "name	object_size	slab_size	objs_per_slab	order	min_partial	cpu_partial	align" "$TMPD/d/slab_attrs.tsv"
	expect_line "kmalloc-1k	1024	1024	32	3	5	24	1024" "$TMPD/d/slab_attrs.tsv"
	expect_line "kmem_cache_node	64	64	64	0	5	120	64" "$TMPD/d/slab_attrs.tsv"
	expect_line "slub_min_objects" "$TMPD/d/proc_cmdline"
fi

if expect_boot boot --append "console=ttyS0 loglevel=8 slub_debug=FZPU" --slub-demo all; then
	expect_line "BUG kmalloc-64 (Not tainted): Right Redzone overwritten" "$TMPD/out"
	expect_line "BUG kmalloc-64 (Tainted: G    B             ): Poison overwritten" "$TMPD/out"
	expect_line "BUG kmalloc-64 (Tainted: G    B             ): Object already free" "$TMPD/out"
	expect_line "Invalid object pointer 0x" "$TMPD/out"
	expect_line "BUG TestSlub_next_ptr_free (Tainted: G    B             ): Freechain corrupt" "$TMPD/out"
	expect_line "FIX kmalloc-64: Restoring Right Redzone" "$TMPD/out"
fi

# without slub_debug the demo refuses rather than corrupting unchecked memory
if expect_boot boot --slub-demo double-free; then
	expect_line "slub_demo: double-free needs slub_debug=F" "$TMPD/out"
fi
expect_reject "bogus" boot --slub-demo bogus

done_testing
