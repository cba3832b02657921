// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_remove.c — taking ranges out and changing what
 * is there: memblock_remove(), memblock_phys_free(), memblock_free(), the
 * splits memblock_isolate_range() makes for them and for the flag and node
 * setters (mark/clear hotplug, mirror, nomap; memblock_set_node()), and the
 * memory-limit helpers (trim_memory, enforce_memory_limit,
 * cap_memory_range, mem_limit_remove_map).
 *
 * Kernel counterpart: the remove, free and trim groups of
 * tools/testing/memblock/tests/basic_api.c, plus scenarios of our own for
 * the functions it does not cover.  `[ x ]` marks the range passed to the
 * call, `.....` what it took away.
 */
#include "memblock_helpers.h"

#include "linux/mm.h"
#include "mmsim/machine.h"

/*
 * Two memory regions; the first is removed whole:
 *
 *   |  [ r1 ]      [    r2    ]  |
 *   |  .....       [##########]  |
 *
 * Expect r2 to move to index 0 and the total to drop by r1's size.
 */
static void test_remove_simple(void **state)
{
	CHECK_OK(memblock_add(SZ_2K, SZ_4K));
	CHECK_OK(memblock_add(SZ_128K, SZ_4M));
	CHECK_OK(memblock_remove(SZ_2K, SZ_4K));
	CHECK_TYPE(&memblock.memory, 1, SZ_4M);
	CHECK_REGION(&memblock.memory, 0, SZ_128K, SZ_4M);
}

/*
 * Removing a range no region covers:
 *
 *   |  [ r1 ]          [ x ]       |
 *
 * Expect nothing to change.
 */
static void test_remove_absent(void **state)
{
	CHECK_OK(memblock_add(SZ_512K, SZ_4M));
	CHECK_OK(memblock_remove(SZ_64M, SZ_1G));
	CHECK_TYPE(&memblock.memory, 1, SZ_4M);
	CHECK_REGION(&memblock.memory, 0, SZ_512K, SZ_4M);
}

/*
 * Removing a range that overlaps the start of a region:
 *
 *   |      [   x   ]
 *   |          [    r1    ]
 *   |          ....[######]
 *
 * Expect the region to keep only the part above the removed range.
 */
static void test_remove_overlap_below(void **state)
{
	CHECK_OK(memblock_add(SZ_32M, SZ_32M));
	CHECK_OK(memblock_remove(SZ_16M, SZ_32M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_32M + SZ_16M, SZ_16M);
}

/*
 * Removing a range that overlaps the end of a region:
 *
 *   |  [    r1    ]
 *   |        [     x     ]
 *   |  [#####].....
 *
 * Expect the region to keep only the part below the removed range.
 */
static void test_remove_overlap_above(void **state)
{
	CHECK_OK(memblock_add(SZ_2M, SZ_64M));
	CHECK_OK(memblock_remove(SZ_32M, SZ_256M));
	CHECK_TYPE(&memblock.memory, 1, SZ_32M - SZ_2M);
	CHECK_REGION(&memblock.memory, 0, SZ_2M, SZ_32M - SZ_2M);
}

/*
 * Removing a range inside a region:
 *
 *   |  [       r1         ]
 *   |        [ x ]
 *   |  [####].....[#######]
 *
 * Expect the region to be split in two around the hole.
 */
static void test_remove_within(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_32M));
	CHECK_OK(memblock_remove(SZ_16M, SZ_1M));
	CHECK_TYPE(&memblock.memory, 2, SZ_32M - SZ_1M);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_16M - SZ_1M);
	CHECK_REGION(&memblock.memory, 1, SZ_16M + SZ_1M, SZ_16M);
}

/*
 * Removing the only region.
 *
 * Expect the type to fall back to the zero-sized dummy (cnt stays 1).
 */
static void test_remove_only_region(void **state)
{
	CHECK_OK(memblock_add(SZ_2K, SZ_4K));
	CHECK_OK(memblock_remove(SZ_2K, SZ_4K));
	CHECK_TYPE(&memblock.memory, 1, 0);
	CHECK_REGION(&memblock.memory, 0, 0, 0);
}

/*
 * Removing a range that would end past PHYS_ADDR_MAX from a region that
 * ends there:
 *
 *   |                 [   r1   ]| PHYS_ADDR_MAX
 *   |                     [   x ....
 *   |                 [##]......|
 *
 * Expect only the part up to PHYS_ADDR_MAX to be removed.
 */
static void test_remove_near_max(void **state)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_2M;

	CHECK_OK(memblock_add(base, SZ_2M));
	CHECK_OK(memblock_remove(PHYS_ADDR_MAX - SZ_1M, SZ_2M));
	CHECK_TYPE(&memblock.memory, 1, SZ_1M);
	CHECK_REGION(&memblock.memory, 0, base, SZ_1M);
}

/*
 * Removing a range that covers the end of one region and the start of the
 * next:
 *
 *   |  [   r1   ]   [   r2   ]
 *   |        [     x    ]
 *   |  [####].....   ...[####]
 *
 * Expect both regions to be trimmed.
 */
static void test_remove_overlap_two(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_8M));
	CHECK_OK(memblock_add(SZ_16M, SZ_8M));
	CHECK_OK(memblock_remove(SZ_4M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 2, SZ_4M - SZ_1M + SZ_4M);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_4M - SZ_1M);
	CHECK_REGION(&memblock.memory, 1, SZ_16M + SZ_4M, SZ_4M);
}

/*
 * Removing a range that swallows several whole regions and cuts into two
 * more:
 *
 *   |  [ r1 ]  [r2] [r3] [r4]  [ r5 ]
 *   |     [         x           ]
 *   |  [#]....                 ..[##]
 *
 * Expect only the outer pieces of r1 and r5 to remain.
 */
static void test_remove_across_several(void **state)
{
	int i;

	for (i = 0; i < 5; i++)
		CHECK_OK(memblock_add(SZ_1M + (phys_addr_t)i * SZ_4M, SZ_2M));
	CHECK_OK(memblock_remove(SZ_2M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 2, SZ_1M + SZ_1M);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_1M);
	CHECK_REGION(&memblock.memory, 1, SZ_16M + SZ_2M, SZ_1M);
}

/*
 * A hole punched into a region of node 2 marked HOTPLUG:
 *
 *   |  [   r (node 2, HOTPLUG)   ]
 *   |  [####]......[#############]
 *
 * Expect both remaining pieces to keep the node and the flag.
 */
static void test_remove_keeps_node_and_flags(void **state)
{
	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 2, MEMBLOCK_HOTPLUG));
	CHECK_OK(memblock_remove(SZ_16M + SZ_4M, SZ_4M));
	CHECK_TYPE(&memblock.memory, 2, SZ_16M - SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 0, 2, MEMBLOCK_HOTPLUG);
	CHECK_REGION_NF(&memblock.memory, 1, 2, MEMBLOCK_HOTPLUG);
}

/*
 * memblock_remove() works on memory only:
 *
 *   memory   |  [#########]  |
 *   reserved |     [###]     |    remove [ x ] over both
 *
 * Expect the reservation to stay, and a zero-sized remove to do nothing.
 */
static void test_remove_leaves_reserved(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_16M + SZ_4M, SZ_4M));
	CHECK_OK(memblock_remove(SZ_16M, 0));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_OK(memblock_remove(SZ_16M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 1, 0);
	CHECK_TYPE(&memblock.reserved, 1, SZ_4M);
	CHECK_REGION(&memblock.reserved, 0, SZ_16M + SZ_4M, SZ_4M);
}

/*
 * Two reservations; the first one is freed:
 *
 *   |  [ r1 ]      [ r2 ]  |
 *   |  .....       [####]  |
 *
 * Expect r2 to move to index 0 of memblock.reserved.
 */
static void test_free_simple(void **state)
{
	CHECK_OK(memblock_reserve(SZ_4M, SZ_1M));
	CHECK_OK(memblock_reserve(SZ_8M, SZ_1M));
	CHECK_OK(memblock_phys_free(SZ_4M, SZ_1M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
	CHECK_REGION(&memblock.reserved, 0, SZ_8M, SZ_1M);
}

/*
 * Freeing a range that was never reserved:
 *
 *   |  [ r1 ]          [ x ]   |
 *
 * Expect nothing to change.
 */
static void test_free_absent(void **state)
{
	CHECK_OK(memblock_reserve(SZ_2M, SZ_8K));
	CHECK_OK(memblock_phys_free(SZ_16M, SZ_128M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_8K);
	CHECK_REGION(&memblock.reserved, 0, SZ_2M, SZ_8K);
}

/*
 * Freeing a range that overlaps the start of a reservation:
 *
 *   |      [   x   ]
 *   |          [    r1    ]
 *   |          ....[######]
 *
 * Expect the reservation to keep its upper part.
 */
static void test_free_overlap_below(void **state)
{
	CHECK_OK(memblock_reserve(SZ_8M, SZ_32M));
	CHECK_OK(memblock_phys_free(SZ_1M, SZ_8M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_32M - SZ_1M);
	CHECK_REGION(&memblock.reserved, 0, SZ_8M + SZ_1M, SZ_32M - SZ_1M);
}

/*
 * Freeing a range that overlaps the end of a reservation:
 *
 *   |  [    r1    ]
 *   |        [     x     ]
 *   |  [#####].....
 *
 * Expect the reservation to keep its lower part.
 */
static void test_free_overlap_above(void **state)
{
	CHECK_OK(memblock_reserve(SZ_8M, SZ_32M));
	CHECK_OK(memblock_phys_free(SZ_32M, SZ_32M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_32M - SZ_8M);
	CHECK_REGION(&memblock.reserved, 0, SZ_8M, SZ_32M - SZ_8M);
}

/*
 * Freeing a range inside a reservation:
 *
 *   |  [       r1         ]
 *   |        [ x ]
 *   |  [####].....[#######]
 *
 * Expect the reservation to be split in two.
 */
static void test_free_within(void **state)
{
	CHECK_OK(memblock_reserve(SZ_1M, SZ_8M));
	CHECK_OK(memblock_phys_free(SZ_4M, SZ_1M));
	CHECK_TYPE(&memblock.reserved, 2, SZ_8M - SZ_1M);
	CHECK_REGION(&memblock.reserved, 0, SZ_1M, SZ_4M - SZ_1M);
	CHECK_REGION(&memblock.reserved, 1, SZ_4M + SZ_1M, SZ_4M);
}

/*
 * Freeing the only reservation.
 *
 * Expect memblock.reserved to fall back to its dummy entry.
 */
static void test_free_only_region(void **state)
{
	CHECK_OK(memblock_reserve(SZ_2K, SZ_4K));
	CHECK_OK(memblock_phys_free(SZ_2K, SZ_4K));
	CHECK_TYPE(&memblock.reserved, 1, 0);
	CHECK_REGION(&memblock.reserved, 0, 0, 0);
}

/*
 * Freeing the upper half of a reservation that ends at PHYS_ADDR_MAX:
 *
 *   |                 [   r1   ]| PHYS_ADDR_MAX
 *   |                 [##]......|
 *
 * Expect the lower half to remain.  (The freed size is chosen to end at
 * PHYS_ADDR_MAX exactly: see the report on mmsim_track_free_phys().)
 */
static void test_free_near_max(void **state)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_2M;

	CHECK_OK(memblock_reserve(base, SZ_2M));
	CHECK_OK(memblock_phys_free(PHYS_ADDR_MAX - SZ_1M, SZ_1M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
	CHECK_REGION(&memblock.reserved, 0, base, SZ_1M);
}

/*
 * Freeing a range that covers the end of one reservation and the start of
 * the next:
 *
 *   |  [   r1   ]   [   r2   ]
 *   |        [     x    ]
 *   |  [####].....   ...[####]
 *
 * Expect both reservations to be trimmed.
 */
static void test_free_overlap_two(void **state)
{
	CHECK_OK(memblock_reserve(SZ_16M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_64M, SZ_16M));
	CHECK_OK(memblock_phys_free(SZ_16M + SZ_8M, SZ_32M + SZ_16M));
	CHECK_TYPE(&memblock.reserved, 2, SZ_8M + SZ_8M);
	CHECK_REGION(&memblock.reserved, 0, SZ_16M, SZ_8M);
	CHECK_REGION(&memblock.reserved, 1, SZ_64M + SZ_8M, SZ_8M);
}

/*
 * memblock_free() takes a pointer: NULL is ignored; a block handed out by
 * memblock_alloc() goes back.
 *
 *   reserved |   [r]        [ p ]  |  ->  |   [r]              |
 *
 * Expect only the earlier reservation to remain.
 */
static void test_free_pointer(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(MB_MEM_BASE, SZ_4K));
	memblock_free(NULL, SZ_4K);
	CHECK_VALID();
	CHECK_TYPE(&memblock.reserved, 1, SZ_4K);
	p = memblock_alloc(SZ_8K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("memblock_alloc", MB_MEM_END - SZ_8K, mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 2, SZ_4K + SZ_8K);
	memblock_free(p, SZ_8K);
	CHECK_VALID();
	CHECK_TYPE(&memblock.reserved, 1, SZ_4K);
	CHECK_REGION(&memblock.reserved, 0, MB_MEM_BASE, SZ_4K);
}

/*
 * Marking the middle of a region hotpluggable:
 *
 *   |  [            r             ]
 *   |  [ NONE ][ HOTPLUG ][ NONE  ]
 *
 * Expect the region to be split in three with only the middle flagged,
 * and the total unchanged.
 */
static void test_mark_hotplug_middle(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_mark_hotplug(SZ_16M + SZ_4M, SZ_4M));
	CHECK_TYPE(&memblock.memory, 3, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.memory, 1, SZ_16M + SZ_4M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 1, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	CHECK_REGION(&memblock.memory, 2, SZ_16M + SZ_8M, SZ_8M);
	CHECK_REGION_NF(&memblock.memory, 2, MAX_NUMNODES, MEMBLOCK_NONE);
}

/*
 * Clearing the flag again:
 *
 *   |  [ NONE ][ HOTPLUG ][ NONE  ]  ->  [            r             ]
 *
 * Expect the three pieces to merge back into one region.
 */
static void test_clear_hotplug_merges(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_mark_hotplug(SZ_16M + SZ_4M, SZ_4M));
	CHECK_OK(memblock_clear_hotplug(SZ_16M + SZ_4M, SZ_4M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NONE);
}

/*
 * Marking a range that covers the end of r1, a hole and the start of r2:
 *
 *   |  [   r1   ]     [   r2   ]
 *   |        [    mark     ]
 *   |  [ -  ][H ]     [ H ][ - ]
 *
 * Expect both regions to be split at the range's edges and only their
 * covered parts flagged; the hole stays a hole.
 */
static void test_mark_hotplug_across_hole(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_8M));
	CHECK_OK(memblock_add(SZ_32M, SZ_8M));
	CHECK_OK(memblock_mark_hotplug(SZ_16M + SZ_4M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 4, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.memory, 1, SZ_16M + SZ_4M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 1, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	CHECK_REGION(&memblock.memory, 2, SZ_32M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 2, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	CHECK_REGION(&memblock.memory, 3, SZ_32M + SZ_4M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 3, MAX_NUMNODES, MEMBLOCK_NONE);
}

/*
 * Marking a whole region, and a range where there is no memory:
 *
 *   |  [    r    ]        [ mark ]
 *
 * Expect the whole region to be flagged without a split, and the second
 * call to change nothing.
 */
static void test_mark_whole_and_absent(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_mark_nomap(SZ_16M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NOMAP);
	CHECK_OK(memblock_mark_hotplug(SZ_64M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NOMAP);
}

/*
 * NOMAP set and cleared on part of a region:
 *
 *   |  [    r    ][ NOMAP ]  ->  [        r        ]
 *
 * Expect memblock_is_map_memory() to be false inside the NOMAP part while
 * memblock_is_memory() stays true, and a single region after clearing.
 */
static void test_mark_clear_nomap(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_mark_nomap(SZ_16M + SZ_8M, SZ_8M));
	CHECK_TYPE(&memblock.memory, 2, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 1, MAX_NUMNODES, MEMBLOCK_NOMAP);
	CHECK_EQ("is_memory(nomap part)", true,
		 memblock_is_memory(SZ_16M + SZ_8M));
	CHECK_EQ("is_map_memory(nomap part)", false,
		 memblock_is_map_memory(SZ_16M + SZ_8M));
	CHECK_EQ("is_map_memory(mapped part)", true,
		 memblock_is_map_memory(SZ_16M));
	CHECK_EQ("is_map_memory(no memory)", false,
		 memblock_is_map_memory(SZ_1M));
	CHECK_OK(memblock_clear_nomap(SZ_16M + SZ_8M, SZ_8M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_EQ("is_map_memory after clear", true,
		 memblock_is_map_memory(SZ_16M + SZ_8M));
}

/*
 * memblock_mark_mirror() without kernelcore=mirror:
 *
 *   |  [    r    ]   mark mirror on all of it
 *
 * Expect success and no flag: the kernel ignores mirroring unless
 * mirrored_kernelcore is set.
 */
static void test_mark_mirror_ignored(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_mark_mirror(SZ_16M, SZ_8M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NONE);
}

/*
 * memblock_mark_mirror() with kernelcore=mirror:
 *
 *   |  [ MIRROR ][   r   ]
 *
 * Expect the lower half to carry MEMBLOCK_MIRROR.
 */
static void test_mark_mirror(void **state)
{
	memblock_set_mirrored_kernelcore(true);
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_mark_mirror(SZ_16M, SZ_8M));
	CHECK_TYPE(&memblock.memory, 2, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_8M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_MIRROR);
	CHECK_REGION_NF(&memblock.memory, 1, MAX_NUMNODES, MEMBLOCK_NONE);
}

/*
 * memblock_set_node() on two parts of one region:
 *
 *   |  [              r              ]
 *   |  [   node 0    ][    node 1    ]
 *
 * Expect the region to be split at the node boundary.
 */
static void test_set_node_split(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_32M));
	CHECK_OK(memblock_set_node(SZ_16M, SZ_16M, &memblock.memory, 0));
	CHECK_OK(memblock_set_node(SZ_32M, SZ_16M, &memblock.memory, 1));
	CHECK_TYPE(&memblock.memory, 2, SZ_32M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, 0, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.memory, 1, SZ_32M, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 1, 1, MEMBLOCK_NONE);
}

/*
 * Touching regions of nodes 0 and 1 all moved to node 5:
 *
 *   |  [ node 0 ][ node 1 ]   ->   [     node 5      ]
 *
 * Expect them to merge once nothing tells them apart.
 */
static void test_set_node_merges(void **state)
{
	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_32M, SZ_16M, 1, MEMBLOCK_NONE));
	CHECK_EQ("memory.cnt", 2, memblock.memory.cnt);
	CHECK_OK(memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 5));
	CHECK_TYPE(&memblock.memory, 1, SZ_32M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_32M);
	CHECK_REGION_NF(&memblock.memory, 0, 5, MEMBLOCK_NONE);
}

/*
 * A node range that only partly covers a region, applied to
 * memblock.reserved:
 *
 *   reserved |  [        r         ]
 *   node 3   |        [                 ]
 *            |  [ -- ][   node 3   ]
 *
 * Expect the reserved region to be split and only its covered part to get
 * node 3; memory is not touched.
 */
static void test_set_node_reserved_partial(void **state)
{
	CHECK_OK(memblock_reserve(SZ_16M, SZ_16M));
	CHECK_OK(memblock_set_node(SZ_16M + SZ_4M, SZ_64M, &memblock.reserved,
				   3));
	CHECK_TYPE(&memblock.reserved, 2, SZ_16M);
	CHECK_REGION(&memblock.reserved, 0, SZ_16M, SZ_4M);
	CHECK_REGION_NF(&memblock.reserved, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.reserved, 1, SZ_16M + SZ_4M, SZ_16M - SZ_4M);
	CHECK_REGION_NF(&memblock.reserved, 1, 3, MEMBLOCK_NONE);
	CHECK_TYPE(&memblock.memory, 1, 0);
}

/*
 * memblock_trim_memory() on regions already aligned:
 *
 *   |  [ r1 ]   [   r2   ]   |   (both on 4K boundaries)
 *
 * Expect nothing to change.
 */
static void test_trim_aligned(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_64K));
	CHECK_OK(memblock_add(SZ_2M, SZ_128K));
	memblock_trim_memory(SZ_4K);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 2, SZ_64K + SZ_128K);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_64K);
	CHECK_REGION(&memblock.memory, 1, SZ_2M, SZ_128K);
}

/*
 * A region that contains no whole aligned block:
 *
 *   |  [ r1 ]   [r2]   [ r3 ]  |   r2 = 4K straddling a 4K boundary
 *   |  [####]          [####]  |
 *
 * Expect r2 to be removed and the others kept.
 */
static void test_trim_too_small(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_64K));
	CHECK_OK(memblock_add(SZ_2M + SZ_2K, SZ_4K));
	CHECK_OK(memblock_add(SZ_4M, SZ_64K));
	memblock_trim_memory(SZ_4K);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 2, SZ_128K);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_64K);
	CHECK_REGION(&memblock.memory, 1, SZ_4M, SZ_64K);
}

/*
 * A region whose base is not aligned:
 *
 *   |  [ r1 ]   .[  r2   ]  |
 *
 * Expect the base to move up to the next boundary, the end to stay, and
 * memory.total_size to keep counting the trimmed bytes, as Linux 6.1 does.
 */
static void test_trim_unaligned_base(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_64K));
	CHECK_OK(memblock_add(SZ_2M + 0x123, SZ_64K - 0x123));
	memblock_trim_memory(SZ_4K);
	CHECK_VALID_TRIMMED();
	CHECK_TYPE(&memblock.memory, 2, SZ_64K + SZ_64K - 0x123);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_64K);
	CHECK_REGION(&memblock.memory, 1, SZ_2M + SZ_4K, SZ_64K - SZ_4K);
}

/*
 * A region whose end is not aligned:
 *
 *   |  [ r1 ]   [  r2   ].  |
 *
 * Expect the end to move down to the previous boundary; memory.total_size
 * again keeps the untrimmed sum (the kernel's x86 dmesg shows the same).
 */
static void test_trim_unaligned_end(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_64K));
	CHECK_OK(memblock_add(SZ_2M, SZ_64K + 0x7ff));
	memblock_trim_memory(SZ_4K);
	CHECK_VALID_TRIMMED();
	CHECK_TYPE(&memblock.memory, 2, SZ_128K + 0x7ff);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_64K);
	CHECK_REGION(&memblock.memory, 1, SZ_2M, SZ_64K);
}

/*
 * Every region is smaller than the alignment:
 *
 *   |  [r1]  [r2]  |  with a 2M alignment
 *
 * Expect memblock.memory to end up as the empty dummy.
 */
static void test_trim_everything(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_64K));
	CHECK_OK(memblock_add(SZ_4M + SZ_4K, SZ_2M));
	memblock_trim_memory(SZ_2M);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 1, 0);
	CHECK_REGION(&memblock.memory, 0, 0, 0);
}

/* memory [16M, 32M) and [64M, 128M); reservations at 20M, 70M, 100M */
static void limit_layout(void)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_add(SZ_64M, SZ_64M));
	CHECK_OK(memblock_reserve(SZ_16M + SZ_4M, SZ_1M));
	CHECK_OK(memblock_reserve(SZ_64M + SZ_8M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_64M + SZ_32M, SZ_1M));
}

/*
 * memblock_enforce_memory_limit() with a limit that ends inside the second
 * region (the first 32M of memory end at 80M):
 *
 *   memory   |  [ 16M ]      [ 16M | ..........48M.......... ]
 *   reserved |    [r]           [ r | .... ]      [r]
 *                                   ^ 80M
 *
 * Expect memory and reservations to end at 80M (the reservation across
 * it cut, the one above it gone).  A zero limit, or one at least as big
 * as all memory, changes nothing.
 */
static void test_enforce_memory_limit(void **state)
{
	limit_layout();
	memblock_enforce_memory_limit(0);
	CHECK_VALID();
	memblock_enforce_memory_limit(SZ_1G);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 2, SZ_16M + SZ_64M);
	CHECK_TYPE(&memblock.reserved, 3, SZ_1M + SZ_16M + SZ_1M);

	memblock_enforce_memory_limit(SZ_32M);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 2, SZ_32M);
	CHECK_REGION(&memblock.memory, 1, SZ_64M, SZ_16M);
	CHECK_TYPE(&memblock.reserved, 2, SZ_1M + SZ_8M);
	CHECK_REGION(&memblock.reserved, 1, SZ_64M + SZ_8M, SZ_8M);
}

/*
 * A limit equal to the size of the first region:
 *
 *   memory   |  [ 16M ]|      [ .... ]
 *
 * Expect everything above the first region to go, memory and reserved.
 */
static void test_enforce_memory_limit_boundary(void **state)
{
	limit_layout();
	memblock_enforce_memory_limit(SZ_16M);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_16M);
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
}

/*
 * memblock_cap_memory_range(20M, 50M), i.e. keep [20M, 70M):
 *
 *   memory   |  [ 16M..32M ]     [ 64M..128M ]    [NOMAP 256M]
 *   keep     |     [20M ...................70M)
 *   after    |     [######]      [##]             [NOMAP]
 *
 * Expect memory outside the range removed except the NOMAP region, and
 * reservations outside the range removed (the one across 70M cut).
 */
static void test_cap_memory_range(void **state)
{
	limit_layout();
	CHECK_OK(memblock_add(SZ_256M, SZ_4M));
	CHECK_OK(memblock_mark_nomap(SZ_256M, SZ_4M));
	CHECK_OK(memblock_reserve(SZ_256M, SZ_1M));

	memblock_cap_memory_range(SZ_16M + SZ_4M, SZ_32M + SZ_16M + SZ_2M);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 3, SZ_16M - SZ_4M + SZ_8M - SZ_2M + SZ_4M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M + SZ_4M, SZ_16M - SZ_4M);
	CHECK_REGION(&memblock.memory, 1, SZ_64M, SZ_8M - SZ_2M);
	CHECK_REGION(&memblock.memory, 2, SZ_256M, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 2, MAX_NUMNODES, MEMBLOCK_NOMAP);
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
	CHECK_REGION(&memblock.reserved, 0, SZ_16M + SZ_4M, SZ_1M);
}

/*
 * memblock_cap_memory_range() with nothing to do: a zero size, and no
 * memory registered yet.
 *
 * Expect no change, and for the second the kernel's warning.
 */
static void test_cap_memory_range_noop(void **state)
{
	struct machine *m = *state;

	CHECK_OK(memblock_reserve(SZ_1M, SZ_1M));
	mb_log_skip(m);
	memblock_cap_memory_range(SZ_2M, SZ_4M);
	CHECK_VALID();
	CHECK_EQ(
		"warning logged", true,
		mb_log_has(
			m,
			"memblock_cap_memory_range: No memory registered yet"));
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);

	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	memblock_cap_memory_range(SZ_2M, 0);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
}

/*
 * memblock_mem_limit_remove_map() with 24M: the first 24M of memory end at
 * 72M, so everything from 72M up goes except NOMAP memory:
 *
 *   memory   |  [ 16M..32M ]     [64M..72M|......]   [NOMAP]
 *
 * Expect [16M, 32M), [64M, 72M) and the NOMAP region; reservations above
 * 72M dropped.  A zero limit and a limit beyond all memory change nothing.
 */
static void test_mem_limit_remove_map(void **state)
{
	limit_layout();
	CHECK_OK(memblock_add(SZ_256M, SZ_4M));
	CHECK_OK(memblock_mark_nomap(SZ_256M, SZ_4M));

	memblock_mem_limit_remove_map(0);
	CHECK_VALID();
	memblock_mem_limit_remove_map(SZ_1G);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 3, SZ_16M + SZ_64M + SZ_4M);

	memblock_mem_limit_remove_map(SZ_16M + SZ_8M);
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 3, SZ_16M + SZ_8M + SZ_4M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_16M);
	CHECK_REGION(&memblock.memory, 1, SZ_64M, SZ_8M);
	CHECK_REGION(&memblock.memory, 2, SZ_256M, SZ_4M);
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST(test_remove_simple),
		MB_TEST(test_remove_absent),
		MB_TEST(test_remove_overlap_below),
		MB_TEST(test_remove_overlap_above),
		MB_TEST(test_remove_within),
		MB_TEST(test_remove_only_region),
		MB_TEST(test_remove_near_max),
		MB_TEST(test_remove_overlap_two),
		MB_TEST(test_remove_across_several),
		MB_TEST(test_remove_keeps_node_and_flags),
		MB_TEST(test_remove_leaves_reserved),
		MB_TEST(test_free_simple),
		MB_TEST(test_free_absent),
		MB_TEST(test_free_overlap_below),
		MB_TEST(test_free_overlap_above),
		MB_TEST(test_free_within),
		MB_TEST(test_free_only_region),
		MB_TEST(test_free_near_max),
		MB_TEST(test_free_overlap_two),
		MB_TEST(test_free_pointer),
		MB_TEST(test_mark_hotplug_middle),
		MB_TEST(test_clear_hotplug_merges),
		MB_TEST(test_mark_hotplug_across_hole),
		MB_TEST(test_mark_whole_and_absent),
		MB_TEST(test_mark_clear_nomap),
		MB_TEST(test_mark_mirror_ignored),
		MB_TEST(test_mark_mirror),
		MB_TEST(test_set_node_split),
		MB_TEST(test_set_node_merges),
		MB_TEST(test_set_node_reserved_partial),
		MB_TEST(test_trim_aligned),
		MB_TEST(test_trim_too_small),
		MB_TEST(test_trim_unaligned_base),
		MB_TEST(test_trim_unaligned_end),
		MB_TEST(test_trim_everything),
		MB_TEST(test_enforce_memory_limit),
		MB_TEST(test_enforce_memory_limit_boundary),
		MB_TEST(test_cap_memory_range),
		MB_TEST(test_cap_memory_range_noop),
		MB_TEST(test_mem_limit_remove_map),
	};
	return cmocka_run_group_tests_name("memblock_remove", tests, NULL,
					   NULL);
}
