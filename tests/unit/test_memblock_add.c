// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_add.c — memblock_add(), memblock_add_node() and
 * memblock_reserve(): inserting ranges, merging neighbours, overlapping
 * what is already there, and doubling the region arrays past 128 entries.
 *
 * Kernel counterpart: the add and reserve groups of
 * tools/testing/memblock/tests/basic_api.c (scenarios re-derived, text our
 * own).  Pictures show physical addresses growing to the right; `[ r ]` is
 * a range passed to the call, `[###]` what memblock holds afterwards.
 */
#include "memblock_helpers.h"

#include "linux/errno.h"
#include "linux/mm.h"
#include "mmsim/machine.h"

#include <stdlib.h>
#include <string.h>

#define REGION_SZ sizeof(struct memblock_region)

/*
 * A machine fresh from memblock_init():
 *
 *   memory   [dummy 0+0]      reserved [dummy 0+0]
 *
 * Expect both types to hold one zero-sized dummy region in a static array
 * of 128 entries, the kernel's names, top-down allocation and no limit.
 */
static void test_init_state(void **state)
{
	CHECK_TYPE(&memblock.memory, 1, 0);
	CHECK_TYPE(&memblock.reserved, 1, 0);
	CHECK_REGION(&memblock.memory, 0, 0, 0);
	CHECK_REGION(&memblock.reserved, 0, 0, 0);
	CHECK_EQ("memory.max", INIT_MEMBLOCK_MEMORY_REGIONS,
		 memblock.memory.max);
	CHECK_EQ("reserved.max", INIT_MEMBLOCK_RESERVED_REGIONS,
		 memblock.reserved.max);
	CHECK_STR("memory.name", "memory", memblock.memory.name);
	CHECK_STR("reserved.name", "reserved", memblock.reserved.name);
	CHECK_EQ("bottom_up", false, memblock_bottom_up());
	CHECK_EQ("current_limit", MEMBLOCK_ALLOC_ANYWHERE,
		 memblock_get_current_limit());
	CHECK_VALID();
}

/*
 * One range added to an empty memblock:
 *
 *   |        [  r  ]             |
 *
 * Expect it to fill the dummy entry: one region, no node (MAX_NUMNODES),
 * no flags, total equal to its size.
 */
static void test_add_simple(void **state)
{
	CHECK_OK(memblock_add(SZ_1G, SZ_4M));
	CHECK_TYPE(&memblock.memory, 1, SZ_4M);
	CHECK_REGION(&memblock.memory, 0, SZ_1G, SZ_4M);
	CHECK_REGION_NF(&memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	CHECK_TYPE(&memblock.reserved, 1, 0);
}

/*
 * memblock_add_node() with a node and a flag:
 *
 *   |    [  r (node 3, HOTPLUG)  ]         |
 *
 * Expect one region carrying node 3 and MEMBLOCK_HOTPLUG.
 */
static void test_add_node_simple(void **state)
{
	CHECK_OK(memblock_add_node(SZ_1M, SZ_16M, 3, MEMBLOCK_HOTPLUG));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_1M, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, 3, MEMBLOCK_HOTPLUG);
}

/*
 * Two ranges with a gap between them:
 *
 *   |   [ r1 ]      [ r2 ]      |
 *
 * Expect two regions in address order and the sum of both as total.
 */
static void test_add_disjoint(void **state)
{
	CHECK_OK(memblock_add(SZ_1G, SZ_8K));
	CHECK_OK(memblock_add(SZ_1G + SZ_16K, SZ_8K));
	CHECK_TYPE(&memblock.memory, 2, SZ_16K);
	CHECK_REGION(&memblock.memory, 0, SZ_1G, SZ_8K);
	CHECK_REGION(&memblock.memory, 1, SZ_1G + SZ_16K, SZ_8K);
}

/*
 * The second range is added below the first one, not touching it:
 *
 *   |   [ r2 ]      [ r1 ]      |
 *
 * Expect the new region to be inserted at index 0, keeping the array
 * sorted.
 */
static void test_add_disjoint_below(void **state)
{
	CHECK_OK(memblock_add(SZ_256M, SZ_64M));
	CHECK_OK(memblock_add(SZ_32M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 2, SZ_64M + SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_32M, SZ_16M);
	CHECK_REGION(&memblock.memory, 1, SZ_256M, SZ_64M);
}

/*
 * The new range r2 starts below r1 and ends inside it:
 *
 *   |     [ r2    ]
 *   |         [    r1     ]
 *   |     [###############]
 *
 * Expect one region from r2's base to r1's end.
 */
static void test_add_overlap_below(void **state)
{
	CHECK_OK(memblock_add(SZ_512M, SZ_1G));
	CHECK_OK(memblock_add(SZ_256M, SZ_512M));
	CHECK_TYPE(&memblock.memory, 1, SZ_256M + SZ_1G);
	CHECK_REGION(&memblock.memory, 0, SZ_256M, SZ_256M + SZ_1G);
}

/*
 * The new range r2 starts inside r1 and ends above it:
 *
 *   |   [   r1   ]
 *   |        [    r2     ]
 *   |   [################]
 *
 * Expect one region from r1's base to r2's end.
 */
static void test_add_overlap_above(void **state)
{
	CHECK_OK(memblock_add(SZ_128M, SZ_512M));
	CHECK_OK(memblock_add(SZ_256M, SZ_1G));
	CHECK_TYPE(&memblock.memory, 1, SZ_128M + SZ_1G);
	CHECK_REGION(&memblock.memory, 0, SZ_128M, SZ_128M + SZ_1G);
}

/*
 * The new range lies wholly inside an existing region:
 *
 *   |   [      r1       ]
 *   |        [r2]
 *
 * Expect nothing to change.
 */
static void test_add_within(void **state)
{
	CHECK_OK(memblock_add(SZ_8M, SZ_32M));
	CHECK_OK(memblock_add(SZ_16M, SZ_1M));
	CHECK_TYPE(&memblock.memory, 1, SZ_32M);
	CHECK_REGION(&memblock.memory, 0, SZ_8M, SZ_32M);
}

/*
 * The new range covers an existing region and sticks out on both sides:
 *
 *   |        [r1]
 *   |   [      r2       ]
 *
 * Expect one region equal to r2.
 */
static void test_add_covering(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_1M));
	CHECK_OK(memblock_add(SZ_8M, SZ_32M));
	CHECK_TYPE(&memblock.memory, 1, SZ_32M);
	CHECK_REGION(&memblock.memory, 0, SZ_8M, SZ_32M);
}

/*
 * The same range added twice:
 *
 *   |   [ r ]  +  [ r ]
 *
 * Expect a single region and an unchanged total.
 */
static void test_add_twice(void **state)
{
	CHECK_OK(memblock_add(SZ_16K, SZ_2M));
	CHECK_OK(memblock_add(SZ_16K, SZ_2M));
	CHECK_TYPE(&memblock.memory, 1, SZ_2M);
	CHECK_REGION(&memblock.memory, 0, SZ_16K, SZ_2M);
}

/*
 * A range that exactly fills the gap between two regions:
 *
 *   |   [ r1 ][ r3 ][ r2 ]   |
 *
 * Expect the three to merge into one region.
 */
static void test_add_between(void **state)
{
	CHECK_OK(memblock_add(SZ_1G, SZ_8K));
	CHECK_OK(memblock_add(SZ_1G + SZ_16K, SZ_8K));
	CHECK_OK(memblock_add(SZ_1G + SZ_8K, SZ_8K));
	CHECK_TYPE(&memblock.memory, 1, SZ_8K * 3);
	CHECK_REGION(&memblock.memory, 0, SZ_1G, SZ_8K * 3);
}

/*
 * A range that ends exactly where an existing region starts, and one that
 * starts exactly where it ends:
 *
 *   |   [ r2 ][ r1 ][ r3 ]   |
 *
 * Expect each to be merged into the existing region at once.
 */
static void test_add_adjacent(void **state)
{
	CHECK_OK(memblock_add(SZ_64M, SZ_4M));
	CHECK_OK(memblock_add(SZ_64M - SZ_2M, SZ_2M));
	CHECK_TYPE(&memblock.memory, 1, SZ_4M + SZ_2M);
	CHECK_REGION(&memblock.memory, 0, SZ_64M - SZ_2M, SZ_4M + SZ_2M);
	CHECK_OK(memblock_add(SZ_64M + SZ_4M, SZ_1M));
	CHECK_TYPE(&memblock.memory, 1, SZ_4M + SZ_2M + SZ_1M);
	CHECK_REGION(&memblock.memory, 0, SZ_64M - SZ_2M,
		     SZ_4M + SZ_2M + SZ_1M);
}

/*
 * One range spanning two regions and both gaps around them:
 *
 *   |      [r1]    [r2]
 *   |   [       r3        ]
 *
 * Expect one region equal to r3: the three uncovered pieces are inserted
 * and then merged with r1 and r2.
 */
static void test_add_spanning_two(void **state)
{
	CHECK_OK(memblock_add(SZ_4M, SZ_1M));
	CHECK_OK(memblock_add(SZ_8M, SZ_1M));
	CHECK_OK(memblock_add(SZ_2M, SZ_16M));
	CHECK_TYPE(&memblock.memory, 1, SZ_16M);
	CHECK_REGION(&memblock.memory, 0, SZ_2M, SZ_16M);
}

/*
 * A range whose end would pass PHYS_ADDR_MAX:
 *
 *   |                          [ r ....
 *   |                          [##]| PHYS_ADDR_MAX
 *
 * Expect the size to be cut so that the region ends at PHYS_ADDR_MAX.
 */
static void test_add_near_max(void **state)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_1M;

	CHECK_OK(memblock_add(base, SZ_2M));
	CHECK_TYPE(&memblock.memory, 1, PHYS_ADDR_MAX - base);
	CHECK_REGION(&memblock.memory, 0, base, PHYS_ADDR_MAX - base);
}

/*
 * A zero-sized range, into an empty and into a non-empty memblock.
 *
 * Expect nothing to change (and the dummy to stay a dummy).
 */
static void test_add_zero_size(void **state)
{
	CHECK_OK(memblock_add(SZ_4M, 0));
	CHECK_TYPE(&memblock.memory, 1, 0);
	CHECK_REGION(&memblock.memory, 0, 0, 0);
	CHECK_OK(memblock_add(SZ_8M, SZ_1M));
	CHECK_OK(memblock_add(SZ_2M, 0));
	CHECK_TYPE(&memblock.memory, 1, SZ_1M);
}

/*
 * Two touching ranges of different nodes:
 *
 *   |   [ r1 (node 0) ][ r2 (node 1) ]   |
 *
 * Expect two regions: a node boundary is never merged away.
 */
static void test_add_node_no_merge_across_nodes(void **state)
{
	CHECK_OK(memblock_add_node(SZ_64M, SZ_64M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_128M, SZ_64M, 1, MEMBLOCK_NONE));
	CHECK_TYPE(&memblock.memory, 2, SZ_128M);
	CHECK_REGION(&memblock.memory, 0, SZ_64M, SZ_64M);
	CHECK_REGION_NF(&memblock.memory, 0, 0, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.memory, 1, SZ_128M, SZ_64M);
	CHECK_REGION_NF(&memblock.memory, 1, 1, MEMBLOCK_NONE);
}

/*
 * Two touching ranges of one node but different flags:
 *
 *   |   [ r1 (NONE) ][ r2 (HOTPLUG) ][ r3 (NONE) ]   |
 *
 * Expect three regions: differing flags keep regions apart.
 */
static void test_add_node_no_merge_across_flags(void **state)
{
	CHECK_OK(memblock_add_node(SZ_64M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_64M + SZ_16M, SZ_16M, 0,
				   MEMBLOCK_HOTPLUG));
	CHECK_OK(memblock_add_node(SZ_64M + SZ_32M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_TYPE(&memblock.memory, 3, SZ_32M + SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 0, 0, MEMBLOCK_NONE);
	CHECK_REGION_NF(&memblock.memory, 1, 0, MEMBLOCK_HOTPLUG);
	CHECK_REGION_NF(&memblock.memory, 2, 0, MEMBLOCK_NONE);
}

/*
 * Touching ranges of the same node and flags, added out of order:
 *
 *   |   [ r3 ][ r1 ][ r2 ]   all node 2, DRIVER_MANAGED
 *
 * Expect one region with that node and flag.
 */
static void test_add_node_merge_same(void **state)
{
	CHECK_OK(memblock_add_node(SZ_32M, SZ_8M, 2, MEMBLOCK_DRIVER_MANAGED));
	CHECK_OK(memblock_add_node(SZ_32M + SZ_8M, SZ_8M, 2,
				   MEMBLOCK_DRIVER_MANAGED));
	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 2, MEMBLOCK_DRIVER_MANAGED));
	CHECK_TYPE(&memblock.memory, 1, SZ_32M);
	CHECK_REGION(&memblock.memory, 0, SZ_16M, SZ_32M);
	CHECK_REGION_NF(&memblock.memory, 0, 2, MEMBLOCK_DRIVER_MANAGED);
}

/*
 * A range of node 1 laid over a region of node 0 that it covers:
 *
 *   |        [ r1 node 0 ]
 *   |   [       r2 node 1      ]
 *   |   [ 1 ][     0     ][ 1  ]
 *
 * Expect the existing part to keep node 0 and the new pieces to get
 * node 1 (three regions), and the kernel's warning about the mismatch.
 */
static void test_add_node_over_other_node(void **state)
{
	struct machine *m = *state;

	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 0, MEMBLOCK_NONE));
	mb_log_skip(m);
	CHECK_OK(memblock_add_node(SZ_8M, SZ_32M, 1, MEMBLOCK_NONE));
	CHECK_TYPE(&memblock.memory, 3, SZ_32M);
	CHECK_REGION(&memblock.memory, 0, SZ_8M, SZ_8M);
	CHECK_REGION_NF(&memblock.memory, 0, 1, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.memory, 1, SZ_16M, SZ_16M);
	CHECK_REGION_NF(&memblock.memory, 1, 0, MEMBLOCK_NONE);
	CHECK_REGION(&memblock.memory, 2, SZ_32M, SZ_8M);
	CHECK_REGION_NF(&memblock.memory, 2, 1, MEMBLOCK_NONE);
	CHECK_EQ("WARNING logged", true, mb_log_has(m, "WARNING"));
}

/*
 * memblock_add() and memblock_reserve() are independent:
 *
 *   memory   |   [####]               |
 *   reserved |              [####]    |
 *
 * Expect a reservation outside memory to be recorded as it is, and the
 * memory type not to change.
 */
static void test_reserve_outside_memory(void **state)
{
	CHECK_OK(memblock_add(SZ_1M, SZ_1M));
	CHECK_OK(memblock_reserve(SZ_1G, SZ_1M));
	CHECK_TYPE(&memblock.memory, 1, SZ_1M);
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
	CHECK_REGION(&memblock.reserved, 0, SZ_1G, SZ_1M);
}

/*
 * One reservation on an empty memblock:
 *
 *   |        [  r  ]             |
 *
 * Expect one reserved region, without a node (MAX_NUMNODES), and memory
 * still empty.
 */
static void test_reserve_simple(void **state)
{
	CHECK_OK(memblock_reserve(SZ_2G, SZ_128M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_128M);
	CHECK_REGION(&memblock.reserved, 0, SZ_2G, SZ_128M);
	CHECK_REGION_NF(&memblock.reserved, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	CHECK_TYPE(&memblock.memory, 1, 0);
}

/*
 * Two reservations apart from each other:
 *
 *   |   [r1]        [    r2    ]  |
 *
 * Expect two reserved regions.
 */
static void test_reserve_disjoint(void **state)
{
	CHECK_OK(memblock_reserve(SZ_256M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_512M, SZ_512M));
	CHECK_TYPE(&memblock.reserved, 2, SZ_16M + SZ_512M);
	CHECK_REGION(&memblock.reserved, 0, SZ_256M, SZ_16M);
	CHECK_REGION(&memblock.reserved, 1, SZ_512M, SZ_512M);
}

/*
 * A reservation that overlaps the start of an earlier one:
 *
 *   |   [  r2  ]
 *   |        [   r1   ]
 *   |   [#############]
 *
 * Expect one region covering both.
 */
static void test_reserve_overlap_below(void **state)
{
	CHECK_OK(memblock_reserve(SZ_1G, SZ_1G));
	CHECK_OK(memblock_reserve(SZ_128M, SZ_1G));
	CHECK_TYPE(&memblock.reserved, 1, SZ_2G - SZ_128M);
	CHECK_REGION(&memblock.reserved, 0, SZ_128M, SZ_2G - SZ_128M);
}

/*
 * A reservation that overlaps the end of an earlier one:
 *
 *   |   [  r1  ]
 *   |        [   r2   ]
 *   |   [#############]
 *
 * Expect one region covering both.
 */
static void test_reserve_overlap_above(void **state)
{
	CHECK_OK(memblock_reserve(SZ_2K, SZ_128K));
	CHECK_OK(memblock_reserve(SZ_128K, SZ_128K));
	CHECK_TYPE(&memblock.reserved, 1, SZ_256K - SZ_2K);
	CHECK_REGION(&memblock.reserved, 0, SZ_2K, SZ_256K - SZ_2K);
}

/*
 * A reservation inside an earlier one:
 *
 *   |   [     r1      ]
 *   |       [r2]
 *
 * Expect nothing to change.
 */
static void test_reserve_within(void **state)
{
	CHECK_OK(memblock_reserve(SZ_1M, SZ_8M));
	CHECK_OK(memblock_reserve(SZ_2M, SZ_64K));
	CHECK_TYPE(&memblock.reserved, 1, SZ_8M);
	CHECK_REGION(&memblock.reserved, 0, SZ_1M, SZ_8M);
}

/*
 * The same reservation made twice.
 *
 * Expect one region and an unchanged total.
 */
static void test_reserve_twice(void **state)
{
	CHECK_OK(memblock_reserve(SZ_16K, SZ_2M));
	CHECK_OK(memblock_reserve(SZ_16K, SZ_2M));
	CHECK_TYPE(&memblock.reserved, 1, SZ_2M);
}

/*
 * A reservation that fills the gap between two others:
 *
 *   |   [ r1 ][ r3 ][ r2 ]   |
 *
 * Expect the three to merge.
 */
static void test_reserve_between(void **state)
{
	CHECK_OK(memblock_reserve(SZ_1G, SZ_8K));
	CHECK_OK(memblock_reserve(SZ_1G + SZ_16K, SZ_8K));
	CHECK_TYPE(&memblock.reserved, 2, SZ_16K);
	CHECK_OK(memblock_reserve(SZ_1G + SZ_8K, SZ_8K));
	CHECK_TYPE(&memblock.reserved, 1, SZ_8K * 3);
	CHECK_REGION(&memblock.reserved, 0, SZ_1G, SZ_8K * 3);
}

/*
 * A reservation whose end would pass PHYS_ADDR_MAX.
 *
 * Expect it to be cut at PHYS_ADDR_MAX.
 */
static void test_reserve_near_max(void **state)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_1M;

	CHECK_OK(memblock_reserve(base, SZ_2M));
	CHECK_TYPE(&memblock.reserved, 1, PHYS_ADDR_MAX - base);
	CHECK_REGION(&memblock.reserved, 0, base, PHYS_ADDR_MAX - base);
}

/*
 * Many small reservations, added in descending order, all touching:
 *
 *   |   [r8][r7]...[r1]   |
 *
 * Expect one merged region after every step.
 */
static void test_reserve_descending_merge(void **state)
{
	int i;

	for (i = 8; i >= 1; i--) {
		CHECK_OK(memblock_reserve(SZ_1M + (phys_addr_t)i * SZ_4K,
					  SZ_4K));
		CHECK_EQ("reserved.cnt", 1, memblock.reserved.cnt);
	}
	CHECK_TYPE(&memblock.reserved, 1, SZ_32K);
	CHECK_REGION(&memblock.reserved, 0, SZ_1M + SZ_4K, SZ_32K);
}

/*
 * 128 disjoint ranges fill the static array exactly; the 129th needs a
 * bigger one, but memblock_allow_resize() has not been called:
 *
 *   memory  [r0]  [r1]  ...  [r127]    (+ [r128] refused)
 *
 * Expect the 128 to fit, the 129th to fail with -ENOMEM and the arrays to
 * stay as they were.
 */
static void test_add_full_array_no_resize(void **state)
{
	phys_addr_t base = SZ_64M;
	int i;

	for (i = 0; i < INIT_MEMBLOCK_MEMORY_REGIONS; i++)
		CHECK_OK(memblock_add(base + (phys_addr_t)i * SZ_128K, SZ_64K));
	CHECK_TYPE(&memblock.memory, 128, 128 * SZ_64K);
	CHECK_EQ("memblock_add #129", -ENOMEM,
		 memblock_add(base + 128 * SZ_128K, SZ_64K));
	CHECK_VALID();
	CHECK_TYPE(&memblock.memory, 128, 128 * SZ_64K);
	CHECK_EQ("memory.max", 128, memblock.memory.max);
	CHECK_EQ("memory.regions is the static array", true,
		 memblock.memory.regions ==
			 current_machine->memblock_st.init_memory);
}

/*
 * 129 disjoint memory ranges with resizing allowed:
 *
 *   memory   [r0]  [r1]  ...  [r127]  [r128]
 *   reserved             new array ^ (inside r127 top-down, r0 bottom-up)
 *
 * Expect the memory array to double to 256 entries in simulated RAM taken
 * from memblock itself (top-down: the top of r127; bottom-up: the start of
 * r0), that page-rounded array to be reserved, and all 129 regions kept.
 */
static void test_add_doubles_memory_array(void **state)
{
	phys_addr_t base = SZ_64M, arr, arr_size = PAGE_ALIGN(256 * REGION_SZ);
	int i;

	memblock_allow_resize();
	for (i = 0; i <= INIT_MEMBLOCK_MEMORY_REGIONS; i++)
		CHECK_OK(memblock_add(base + (phys_addr_t)i * SZ_128K, SZ_64K));

	arr = memblock_bottom_up() ? base
				   : base + 127 * SZ_128K + SZ_64K - arr_size;
	CHECK_EQ("memory.max", 256, memblock.memory.max);
	CHECK_EQ("memory.regions", arr, mb_pa(memblock.memory.regions));
	CHECK_TYPE(&memblock.memory, 129, 129 * SZ_64K);
	for (i = 0; i <= INIT_MEMBLOCK_MEMORY_REGIONS; i++)
		CHECK_REGION(&memblock.memory, i,
			     base + (phys_addr_t)i * SZ_128K, SZ_64K);
	CHECK_TYPE(&memblock.reserved, 1, arr_size);
	CHECK_REGION(&memblock.reserved, 0, arr, arr_size);
}

/* Reserve 128 ranges of 16K every 64K from MB_MEM_BASE: the array is full. */
static void fill_reserved_array(void)
{
	int i;

	for (i = 0; i < INIT_MEMBLOCK_RESERVED_REGIONS; i++)
		CHECK_OK(memblock_reserve(MB_MEM_BASE + (phys_addr_t)i * SZ_64K,
					  SZ_16K));
	CHECK_TYPE(&memblock.reserved, 128, 128 * SZ_16K);
}

/*
 * The reserved array is full and the 129th reservation r lies exactly
 * where the new array would go first:
 *
 *   top-down   |[r0]  [r1] ... [r127]          [new][  r  ]| MB_MEM_END
 *   bottom-up  |[r0][  r  ][new]  [r1] ... [r127]          |
 *
 * Expect the new 256-entry array to be placed next to r, never inside it,
 * and both to end up reserved (merged with their neighbours).
 */
static void test_reserve_doubling_avoids_new_range(void **state)
{
	phys_addr_t arr_size = PAGE_ALIGN(256 * REGION_SZ), r, arr;

	mb_add_test_memory();
	memblock_allow_resize();
	fill_reserved_array();

	if (memblock_bottom_up()) {
		r = MB_MEM_BASE + SZ_16K;
		arr = r + SZ_32K;
	} else {
		r = MB_MEM_END - SZ_32K;
		arr = r - arr_size;
	}
	CHECK_OK(memblock_reserve(r, SZ_32K));

	CHECK_EQ("reserved.max", 256, memblock.reserved.max);
	CHECK_EQ("reserved.regions", arr, mb_pa(memblock.reserved.regions));
	CHECK_EQ("reserved.total_size", 128 * SZ_16K + SZ_32K + arr_size,
		 memblock.reserved.total_size);
	if (memblock_bottom_up()) {
		CHECK_EQ("reserved.cnt", 128, memblock.reserved.cnt);
		CHECK_REGION(&memblock.reserved, 0, MB_MEM_BASE,
			     SZ_16K + SZ_32K + arr_size);
	} else {
		CHECK_EQ("reserved.cnt", 129, memblock.reserved.cnt);
		CHECK_REGION(&memblock.reserved, 128, arr, arr_size + SZ_32K);
	}
}

/*
 * The reserved array is full, resizing is allowed, but memblock has no
 * memory to put a bigger array in:
 *
 *   memory   (none)
 *   reserved [r0] ... [r127]   + [r128]
 *
 * Expect -ENOMEM, the kernel's "Failed to double" message, and the
 * reserved array as it was.
 */
static void test_reserve_doubling_fails_without_memory(void **state)
{
	static const char failed[] =
		"memblock: Failed to double reserved array from 128 to 256 entries !";
	struct machine *m = *state;

	memblock_allow_resize();
	fill_reserved_array();
	mb_log_skip(m);
	CHECK_EQ("memblock_reserve #129", -ENOMEM,
		 memblock_reserve(MB_MEM_BASE + 128 * SZ_64K, SZ_16K));
	CHECK_VALID();
	CHECK_EQ("failure logged", true, mb_log_has(m, failed));
	CHECK_TYPE(&memblock.reserved, 128, 128 * SZ_16K);
	CHECK_EQ("reserved.max", 128, memblock.reserved.max);
}

/*
 * 257 reservations of 8K, 32K apart: the reserved array doubles twice
 * (128 -> 256 -> 512).
 *
 *   |[r0]  [r1]  ...  [r256]        ...         |
 *         first array ^ ... freed when the second one is made
 *
 * Expect 512 entries, the second array reserved (top-down: just below the
 * first one at the top of memory; bottom-up: right after r256, merged with
 * it), the first array freed again, and every reservation kept.
 */
static void test_reserve_doubles_twice(void **state)
{
	phys_addr_t first = 0, second, arr2 = PAGE_ALIGN(512 * REGION_SZ);
	int i;

	mb_add_test_memory();
	memblock_allow_resize();
	for (i = 0; i < 257; i++) {
		CHECK_OK(memblock_reserve(MB_MEM_BASE + (phys_addr_t)i * SZ_32K,
					  SZ_8K));
		if (memblock.reserved.max == 256 && !first)
			first = mb_pa(memblock.reserved.regions);
	}
	second = mb_pa(memblock.reserved.regions);

	CHECK_EQ("reserved.max", 512, memblock.reserved.max);
	CHECK_EQ("first array",
		 memblock_bottom_up() ? MB_MEM_BASE + 128 * SZ_32K + SZ_8K
				      : MB_MEM_END - SZ_8K,
		 first);
	CHECK_EQ("second array",
		 memblock_bottom_up() ? MB_MEM_BASE + 256 * SZ_32K + SZ_8K
				      : first - arr2,
		 second);
	CHECK_EQ("reserved.total_size", 257 * SZ_8K + arr2,
		 memblock.reserved.total_size);
	CHECK_EQ("second array reserved", true,
		 memblock_is_region_reserved(second, arr2));
	CHECK_EQ("first array reserved", false,
		 memblock_is_region_reserved(first, SZ_8K));
	for (i = 0; i < 257; i++)
		CHECK_EQ("reservation kept", true,
			 memblock_is_reserved(MB_MEM_BASE +
					      (phys_addr_t)i * SZ_32K));
}

/*
 * 127 memory regions, then a removal in the middle of the first one,
 * which splits it in two and so needs cnt + 2 = 129 entries:
 *
 *   |[      r0      ]  [r1] ... [r126]|     remove:  [ x ]
 *   |[ r0a ]   [ r0b ]  [r1] ... [r126]|
 *
 * Expect memblock_remove() to double the memory array first (to 256
 * entries, reserved in simulated RAM) and then split r0.
 */
static void test_remove_split_doubles_memory_array(void **state)
{
	phys_addr_t base = SZ_64M;
	int i;

	memblock_allow_resize();
	CHECK_OK(memblock_add(MB_MEM_BASE, MB_MEM_SIZE));
	for (i = 1; i < 127; i++)
		CHECK_OK(memblock_add(base + (phys_addr_t)i * SZ_128K, SZ_64K));
	CHECK_EQ("memory.cnt", 127, memblock.memory.cnt);

	CHECK_OK(memblock_remove(MB_MEM_BASE + SZ_4M, SZ_4M));
	CHECK_EQ("memory.max", 256, memblock.memory.max);
	CHECK_TYPE(&memblock.memory, 128, MB_MEM_SIZE - SZ_4M + 126 * SZ_64K);
	CHECK_REGION(&memblock.memory, 0, MB_MEM_BASE, SZ_4M);
	CHECK_REGION(&memblock.memory, 1, MB_MEM_BASE + SZ_8M, SZ_8M);
	CHECK_EQ("new array reserved", true,
		 memblock_is_region_reserved(mb_pa(memblock.memory.regions),
					     PAGE_ALIGN(256 * REGION_SZ)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST(test_init_state),
		MB_TEST(test_add_simple),
		MB_TEST(test_add_node_simple),
		MB_TEST(test_add_disjoint),
		MB_TEST(test_add_disjoint_below),
		MB_TEST(test_add_overlap_below),
		MB_TEST(test_add_overlap_above),
		MB_TEST(test_add_within),
		MB_TEST(test_add_covering),
		MB_TEST(test_add_twice),
		MB_TEST(test_add_between),
		MB_TEST(test_add_adjacent),
		MB_TEST(test_add_spanning_two),
		MB_TEST(test_add_near_max),
		MB_TEST(test_add_zero_size),
		MB_TEST(test_add_node_no_merge_across_nodes),
		MB_TEST(test_add_node_no_merge_across_flags),
		MB_TEST(test_add_node_merge_same),
		MB_TEST(test_add_node_over_other_node),
		MB_TEST(test_reserve_outside_memory),
		MB_TEST(test_reserve_simple),
		MB_TEST(test_reserve_disjoint),
		MB_TEST(test_reserve_overlap_below),
		MB_TEST(test_reserve_overlap_above),
		MB_TEST(test_reserve_within),
		MB_TEST(test_reserve_twice),
		MB_TEST(test_reserve_between),
		MB_TEST(test_reserve_near_max),
		MB_TEST(test_reserve_descending_merge),
		MB_TEST(test_add_full_array_no_resize),
		MB_TEST_BOTH(test_add_doubles_memory_array),
		MB_TEST_BOTH(test_reserve_doubling_avoids_new_range),
		MB_TEST(test_reserve_doubling_fails_without_memory),
		MB_TEST_BOTH(test_reserve_doubles_twice),
		MB_TEST(test_remove_split_doubles_memory_array),
	};
	return cmocka_run_group_tests_name("memblock_add", tests, NULL, NULL);
}
