#!/bin/bash
# tests/cli/see_calls.sh — mmsim boot --calls: the call tree of the boot,
# recorded from the running code (kernel/trace/calltrace.c).  The
# mm_init tree must be seed 001's (mem_init -> memblock_free_all ->
# free_low_memory_core_early, kmem_cache_init -> create_boot_cache,
# create_kmalloc_caches, vmalloc_init) in 6.1's order, with each
# function's file, folded counts and the notes the code adds.
. "$(dirname "$0")/lib.bash"

# expect_order FILE LINE... : each LINE is a line prefix found after the last
expect_order() {
	local file=$1 what="$(basename "$1") in order" n=0 at=0 l got; shift
	for l in "$@"; do
		got=$(grep -nF -- "$l" "$file" | awk -F: -v a="$at" '$1 > a { print $1; exit }')
		if [ -z "$got" ]; then
			not_ok "$what" "expected after line $at a line with: $l" \
				"got: $(sed -n "$((at + 1)),$((at + 3))p" "$file")"
			return
		fi
		at=$got; n=$((n + 1))
	done
	ok "$what ($n lines)"
}

if expect_boot boot --calls mm_init --depth 3; then
	cp "$TMPD/out" "$TMPD/mm_init"
	expect_line "called from: x86_boot_entry → x86_64_start_kernel → start_kernel" "$TMPD/mm_init"
	expect_order "$TMPD/mm_init" "mm_init " \
		"├─ mem_init " \
		"│  ├─ memblock_free_all " \
		"│  │  ├─ reset_all_zones_managed_pages " \
		"│  │  ├─ free_low_memory_core_early " \
		"├─ kmem_cache_init " \
		"│  ├─ create_boot_cache ×2 " \
		"│  ├─ create_kmalloc_caches " \
		"└─ vmalloc_init "
	expect_line "kmem_cache_node, kmem_cache" "$TMPD/mm_init"
	if grep -q "mm/memblock.c" "$TMPD/mm_init" && grep -q "init/main.c" "$TMPD/mm_init"; then
		ok "files of the functions"
	else
		not_ok "files of the functions" "expected mm/memblock.c and init/main.c" "got: $(head -3 "$TMPD/mm_init")"
	fi
	# --depth 3: nothing four levels below mm_init
	deep=$(grep -c "^│  │  │  " "$TMPD/mm_init")
	if [ "$deep" -eq 0 ]; then ok "--depth 3 stops at three levels"; else
		not_ok "--depth 3 stops at three levels" "lines deeper: expected 0, got $deep"; fi
	if grep -q "Linux version\|Memory:" "$TMPD/mm_init"; then
		not_ok "--calls prints the tree, not the log" "got a log line"
	else ok "--calls prints the tree, not the log"; fi
fi

# the hand-over to the buddy allocator, folded, with what each call did
if expect_boot boot --calls memblock_free_all; then
	expect_order "$TMPD/out" "memblock_free_all " "__free_memory_core ×" \
		"__free_pages_memory ×" "memblock_free_pages ×" "__free_pages_core ×"
	expect_line "mm/page_alloc.c            pfn 0x" "$TMPD/out"
fi

# memblock allocations say size and address; reservations who made them
if expect_boot boot --calls setup_command_line; then
	expect_line "memblock_alloc_range_nid ×2" "$TMPD/out"
	if grep -qE "memblock_alloc_range_nid ×2 .* 25 → 0x[0-9a-f]+" "$TMPD/out"; then
		ok "allocation note: size → address"
	else not_ok "allocation note: size → address" "got: $(grep alloc_range "$TMPD/out")"; fi
fi

# the whole boot: start_kernel's steps, two levels (ARM too)
if expect_boot boot --calls; then
	expect_order "$TMPD/out" "start_kernel " "├─ setup_arch " "├─ build_all_zonelists " \
		"├─ mm_init " "├─ setup_per_cpu_pageset "
fi
if expect_boot boot --arch arm --calls mm_init --depth 2; then
	expect_order "$TMPD/out" "mm_init " "├─ arm_mem_init " "memblock_free_all " "├─ kmem_cache_init "
fi

# bad input
run boot --calls no_such_function
if [ "$RC" -ne 0 ] && [ "$(wc -l <"$TMPD/err")" -eq 1 ] && grep -q "no_such_function" "$TMPD/err"; then
	ok "--calls of a function the boot never calls: one line, non-zero exit"
else
	not_ok "--calls of a function the boot never calls" "exit $RC, stderr: $(cat "$TMPD/err")"
fi
expect_reject "abc" boot --calls mm_init --depth abc
expect_reject "--depth" boot --depth 2
expect_reject "--depth" boot --calls --depth

done_testing
