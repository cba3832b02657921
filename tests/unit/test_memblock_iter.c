// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_iter.c — walking and asking: the iterators
 * (for_each_mem_range[_rev], for_each_free_mem_range[_reverse],
 * for_each_mem_pfn_range, for_each_reserved_mem_range, for_each_*_region)
 * and the queries (memblock_is_memory/_reserved/_region_memory/
 * _region_reserved, memblock_overlaps_region, memblock_search_pfn_nid,
 * memblock_start/end_of_DRAM, memblock_phys_mem_size, memblock_reserved_size,
 * the bottom-up and current-limit accessors).
 *
 * Kernel counterpart: none in tools/testing/memblock (which tests these
 * only through the allocators); scenarios are our own.  Each iterator test
 * collects what the loop yields and compares it with the expected list,
 * range by range.
 */
#include "memblock_helpers.h"

#include "linux/mm.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

#define MAX_RANGES 16

struct range {
	phys_addr_t start, end;
	int nid;
};

struct ranges {
	int nr;
	struct range r[MAX_RANGES];
};

static void push(struct ranges *rs, phys_addr_t start, phys_addr_t end, int nid)
{
	if (rs->nr == MAX_RANGES)
		fail_msg("more than %d ranges", MAX_RANGES);
	rs->r[rs->nr++] = (struct range){ start, end, nid };
}

/* Compare the collected ranges with @exp (nids only when @with_nid). */
static void check_ranges(const char *file, int line, const char *what,
			 const struct ranges *got, const struct range *exp,
			 int nr_exp, bool with_nid)
{
	int i;

	if (got->nr != nr_exp)
		fail_msg("%s:%d: %s: expected %d ranges, got %d", file, line,
			 what, nr_exp, got->nr);
	for (i = 0; i < nr_exp; i++) {
		const struct range *g = &got->r[i], *e = &exp[i];

		if (g->start != e->start || g->end != e->end ||
		    (with_nid && g->nid != e->nid))
			fail_msg(
				"%s:%d: %s[%d]: expected [%#llx-%#llx) nid %d, got [%#llx-%#llx) nid %d",
				file, line, what, i,
				(unsigned long long)e->start,
				(unsigned long long)e->end, e->nid,
				(unsigned long long)g->start,
				(unsigned long long)g->end, g->nid);
	}
}

#define CHECK_RANGES(what, got, exp, with_nid)                            \
	check_ranges(__FILE__, __LINE__, what, got, exp, ARRAY_SIZE(exp), \
		     with_nid)

/*
 * memory   |  [16M ....... 32M)        [64M ... 80M)           |
 * reserved |[8M..17M) [20M,21M) [30M ........ 66M)     [100M,101M)
 * free     |     [17M,20M) [21M,30M)        [66M,80M)          |
 */
static void free_layout(void)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_add(SZ_64M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_8M, SZ_8M + SZ_1M));
	CHECK_OK(memblock_reserve(SZ_16M + SZ_4M, SZ_1M));
	CHECK_OK(memblock_reserve(SZ_32M - SZ_2M, SZ_32M + SZ_4M));
	CHECK_OK(memblock_reserve(100 * SZ_1M, SZ_1M));
}

static const struct range free_expected[] = {
	{ SZ_16M + SZ_1M, SZ_16M + SZ_4M, 0 },
	{ SZ_16M + SZ_4M + SZ_1M, SZ_32M - SZ_2M, 0 },
	{ SZ_64M + SZ_2M, SZ_64M + SZ_16M, 0 },
};

/*
 * for_each_free_mem_range() over the layout above.
 *
 * Expect exactly the three free pieces, in ascending order, each clipped
 * by the reservations that straddle memory edges; the reservation outside
 * memory plays no part.
 */
static void test_free_ranges(void **state)
{
	struct ranges got = { 0 };
	phys_addr_t start, end;
	u64 i;

	free_layout();
	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				 NULL)
		push(&got, start, end, 0);
	CHECK_RANGES("free ranges", &got, free_expected, false);
}

/*
 * for_each_free_mem_range_reverse() over the same layout.
 *
 * Expect the same three pieces from the top down.
 */
static void test_free_ranges_reverse(void **state)
{
	struct ranges got = { 0 };
	struct range exp[ARRAY_SIZE(free_expected)];
	phys_addr_t start, end;
	unsigned int k;
	u64 i;

	for (k = 0; k < ARRAY_SIZE(exp); k++)
		exp[k] = free_expected[ARRAY_SIZE(exp) - 1 - k];
	free_layout();
	for_each_free_mem_range_reverse (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start,
					 &end, NULL)
		push(&got, start, end, 0);
	CHECK_RANGES("free ranges, reverse", &got, exp, false);
}

/*
 * Free ranges with nothing reserved, and with everything reserved:
 *
 *   memory   |[ 16M..32M ]   [ 64M..80M ]|
 *
 * Expect the memory regions themselves, then nothing.
 */
static void test_free_ranges_extremes(void **state)
{
	static const struct range all[] = {
		{ SZ_16M, SZ_32M, 0 },
		{ SZ_64M, SZ_64M + SZ_16M, 0 },
	};
	struct ranges got = { 0 };
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				 NULL)
		push(&got, start, end, 0);
	CHECK_EQ("ranges of an empty memblock", 0, got.nr);

	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_add(SZ_64M, SZ_16M));
	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				 NULL)
		push(&got, start, end, 0);
	CHECK_RANGES("nothing reserved", &got, all, false);

	got.nr = 0;
	CHECK_OK(memblock_reserve(0, SZ_128M));
	for_each_free_mem_range_reverse (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start,
					 &end, NULL)
		push(&got, start, end, 0);
	CHECK_EQ("ranges when all is reserved", 0, got.nr);
}

/*
 * Free ranges of one node, with the node reported:
 *
 *   memory   |[ node 0 ][ node 1 ][ node 0 ]|
 *   reserved |     [r]                      |
 *
 * Expect node 0's two regions (the first one cut by r) when asking for
 * node 0, node 1's region alone for node 1, and every piece with its node
 * for NUMA_NO_NODE.
 */
static void test_free_ranges_by_node(void **state)
{
	static const struct range node0[] = {
		{ SZ_16M, SZ_16M + SZ_1M, 0 },
		{ SZ_16M + SZ_2M, SZ_32M, 0 },
		{ SZ_64M, SZ_64M + SZ_16M, 0 },
	};
	static const struct range node1[] = { { SZ_32M, SZ_64M, 1 } };
	static const struct range any[] = {
		{ SZ_16M, SZ_16M + SZ_1M, 0 },
		{ SZ_16M + SZ_2M, SZ_32M, 0 },
		{ SZ_32M, SZ_64M, 1 },
		{ SZ_64M, SZ_64M + SZ_16M, 0 },
	};
	struct ranges got = { 0 };
	phys_addr_t start, end;
	int nid;
	u64 i;

	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_32M, SZ_32M, 1, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_64M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_reserve(SZ_16M + SZ_1M, SZ_1M));

	for_each_free_mem_range (i, 0, MEMBLOCK_NONE, &start, &end, &nid)
		push(&got, start, end, nid);
	CHECK_RANGES("node 0", &got, node0, true);
	got.nr = 0;
	for_each_free_mem_range (i, 1, MEMBLOCK_NONE, &start, &end, &nid)
		push(&got, start, end, nid);
	CHECK_RANGES("node 1", &got, node1, true);
	got.nr = 0;
	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				 &nid)
		push(&got, start, end, nid);
	CHECK_RANGES("any node", &got, any, true);
}

/*
 * Free ranges asked for with flags:
 *
 *   memory |[ plain ][ MIRROR ][ NOMAP ]|
 *
 * Expect MEMBLOCK_NONE to give plain and mirrored memory (never NOMAP),
 * MEMBLOCK_MIRROR only the mirrored region, and MEMBLOCK_NOMAP all three.
 */
static void test_free_ranges_by_flags(void **state)
{
	static const struct range none[] = {
		{ SZ_16M, SZ_16M + SZ_8M, 0 },
		{ SZ_16M + SZ_8M, SZ_32M, 0 },
	};
	static const struct range mirror[] = { { SZ_16M + SZ_8M, SZ_32M, 0 } };
	static const struct range nomap[] = {
		{ SZ_16M, SZ_16M + SZ_8M, 0 },
		{ SZ_16M + SZ_8M, SZ_32M, 0 },
		{ SZ_32M, SZ_32M + SZ_8M, 0 },
	};
	struct ranges got = { 0 };
	phys_addr_t start, end;
	u64 i;

	memblock_set_mirrored_kernelcore(true);
	CHECK_OK(memblock_add(SZ_16M, SZ_16M + SZ_8M));
	CHECK_OK(memblock_mark_mirror(SZ_16M + SZ_8M, SZ_8M));
	CHECK_OK(memblock_mark_nomap(SZ_32M, SZ_8M));

	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				 NULL)
		push(&got, start, end, 0);
	CHECK_RANGES("MEMBLOCK_NONE", &got, none, false);
	got.nr = 0;
	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_MIRROR, &start, &end,
				 NULL)
		push(&got, start, end, 0);
	CHECK_RANGES("MEMBLOCK_MIRROR", &got, mirror, false);
	got.nr = 0;
	for_each_free_mem_range (i, NUMA_NO_NODE, MEMBLOCK_NOMAP, &start, &end,
				 NULL)
		push(&got, start, end, 0);
	CHECK_RANGES("MEMBLOCK_NOMAP", &got, nomap, false);
}

/*
 * for_each_mem_range() and for_each_mem_range_rev():
 *
 *   memory |[ NOMAP ][ HOTPLUG ]  [ DRIVER_MANAGED ]  [ plain ]|
 *
 * Expect every region but the NOMAP one (hotplug and driver-managed
 * memory is memory too, even with movable_node on), in each order.
 */
static void test_mem_ranges(void **state)
{
	static const struct range fwd[] = {
		{ SZ_8M, SZ_16M, 0 },
		{ SZ_32M, SZ_64M, 0 },
		{ SZ_128M, SZ_128M + SZ_16M, 0 },
	};
	struct range rev[ARRAY_SIZE(fwd)];
	struct ranges got = { 0 };
	phys_addr_t start, end;
	unsigned int k;
	u64 i;

	CHECK_OK(memblock_add_node(0, SZ_8M, 0, MEMBLOCK_NOMAP));
	CHECK_OK(memblock_add_node(SZ_8M, SZ_8M, 0, MEMBLOCK_HOTPLUG));
	CHECK_OK(memblock_add_node(SZ_32M, SZ_32M, 0, MEMBLOCK_DRIVER_MANAGED));
	CHECK_OK(memblock_add_node(SZ_128M, SZ_16M, 0, MEMBLOCK_NONE));
	current_machine->k_movable_node = true;

	for_each_mem_range (i, &start, &end)
		push(&got, start, end, 0);
	CHECK_RANGES("for_each_mem_range", &got, fwd, false);

	for (k = 0; k < ARRAY_SIZE(fwd); k++)
		rev[k] = fwd[ARRAY_SIZE(fwd) - 1 - k];
	got.nr = 0;
	for_each_mem_range_rev (i, &start, &end)
		push(&got, start, end, 0);
	CHECK_RANGES("for_each_mem_range_rev", &got, rev, false);
}

/*
 * for_each_reserved_mem_range() and the two region walkers:
 *
 *   memory   |[ r ]   [ r ]|
 *   reserved |  [a]  [b]  [c]|
 *
 * Expect a, b, c in order (reserved ranges are never filtered), and the
 * region walkers to visit cnt regions each.
 */
static void test_reserved_ranges_and_regions(void **state)
{
	static const struct range exp[] = {
		{ SZ_1M, SZ_2M, 0 },
		{ SZ_4M, SZ_4M + SZ_64K, 0 },
		{ SZ_1G, SZ_1G + SZ_1M, 0 },
	};
	struct memblock_region *rgn;
	struct ranges got = { 0 };
	phys_addr_t start, end;
	int n = 0;
	u64 i;

	CHECK_OK(memblock_add(0, SZ_4M));
	CHECK_OK(memblock_add(SZ_8M, SZ_4M));
	for (i = 0; i < ARRAY_SIZE(exp); i++)
		CHECK_OK(memblock_reserve(exp[i].start,
					  exp[i].end - exp[i].start));
	CHECK_OK(memblock_mark_nomap(0, SZ_4M));

	for_each_reserved_mem_range (i, &start, &end)
		push(&got, start, end, 0);
	CHECK_RANGES("for_each_reserved_mem_range", &got, exp, false);

	for_each_mem_region (rgn)
		n++;
	CHECK_EQ("for_each_mem_region", 2, n);
	n = 0;
	for_each_reserved_mem_region (rgn)
		n++;
	CHECK_EQ("for_each_reserved_mem_region", 3, n);
}

/*
 * for_each_mem_pfn_range() over regions that do not all start or end on
 * page boundaries:
 *
 *   |[0x1000 .. 0x9fc00)  [0x100800 .. 0x100c00)  [1M+64K .. 2M) node 1|
 *
 * Expect whole pages only: pfns [1, 0x9f), nothing for the region without
 * a whole page, [0x110, 0x200) on node 1; filtering by node 1 gives only
 * the last; MAX_NUMNODES means every node.
 */
static void test_pfn_ranges(void **state)
{
	struct pfn_range {
		unsigned long start, end;
		int nid;
	} got[4];
	unsigned long start, end;
	int i, n = 0, nid;

	CHECK_OK(memblock_add_node(0x1000, 0x9fc00 - 0x1000, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(0x100800, 0x400, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_1M + SZ_64K, SZ_1M - SZ_64K, 1,
				   MEMBLOCK_NONE));

	for_each_mem_pfn_range (i, MAX_NUMNODES, &start, &end, &nid) {
		if (n == 4)
			fail_msg("too many pfn ranges");
		got[n++] = (struct pfn_range){ start, end, nid };
	}
	CHECK_EQ("pfn ranges", 2, n);
	CHECK_EQ("[0].start", 1, got[0].start);
	CHECK_EQ("[0].end", 0x9f, got[0].end);
	CHECK_EQ("[0].nid", 0, got[0].nid);
	CHECK_EQ("[1].start", 0x110, got[1].start);
	CHECK_EQ("[1].end", 0x200, got[1].end);
	CHECK_EQ("[1].nid", 1, got[1].nid);

	n = 0;
	for_each_mem_pfn_range (i, 1, &start, &end, NULL)
		got[n++] = (struct pfn_range){ start, end, 1 };
	CHECK_EQ("pfn ranges of node 1", 1, n);
	CHECK_EQ("node 1 start", 0x110, got[0].start);
}

/*
 * memblock_is_memory() and memblock_is_reserved() at region edges:
 *
 *   memory   |   [base ........ end)   |
 *   reserved |        [r .. r_end)     |
 *
 * Expect the first byte in, the byte after the end out, the byte before
 * the base out, for both types.
 */
static void test_is_memory_is_reserved(void **state)
{
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_add(SZ_64M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_16M + SZ_4M, SZ_4K));

	CHECK_EQ("is_memory(base)", true, memblock_is_memory(SZ_16M));
	CHECK_EQ("is_memory(end - 1)", true, memblock_is_memory(SZ_32M - 1));
	CHECK_EQ("is_memory(end)", false, memblock_is_memory(SZ_32M));
	CHECK_EQ("is_memory(base - 1)", false, memblock_is_memory(SZ_16M - 1));
	CHECK_EQ("is_memory(second)", true, memblock_is_memory(SZ_64M + SZ_8M));
	CHECK_EQ("is_memory(hole)", false, memblock_is_memory(SZ_32M + SZ_16M));

	CHECK_EQ("is_reserved(r)", true, memblock_is_reserved(SZ_16M + SZ_4M));
	CHECK_EQ("is_reserved(r_end - 1)", true,
		 memblock_is_reserved(SZ_16M + SZ_4M + SZ_4K - 1));
	CHECK_EQ("is_reserved(r_end)", false,
		 memblock_is_reserved(SZ_16M + SZ_4M + SZ_4K));
	CHECK_EQ("is_reserved(r - 1)", false,
		 memblock_is_reserved(SZ_16M + SZ_4M - 1));
}

/*
 * The queries on an empty memblock.
 *
 * Expect no address to be memory or reserved (the dummy region is empty),
 * DRAM to start and end at 0, and both sizes 0.
 */
static void test_queries_empty(void **state)
{
	CHECK_EQ("is_memory(0)", false, memblock_is_memory(0));
	CHECK_EQ("is_reserved(0)", false, memblock_is_reserved(0));
	CHECK_EQ("is_region_reserved", false,
		 memblock_is_region_reserved(0, SZ_1G));
	CHECK_EQ("start_of_DRAM", 0, memblock_start_of_DRAM());
	CHECK_EQ("end_of_DRAM", 0, memblock_end_of_DRAM());
	CHECK_EQ("phys_mem_size", 0, memblock_phys_mem_size());
	CHECK_EQ("reserved_size", 0, memblock_reserved_size());
}

/*
 * memblock_is_region_memory(): is the whole range inside one region?
 *
 *   memory |[ node 0 ][ node 1 ]   [ r3 ]|
 *
 * Expect true inside one region (up to its very end), false when the
 * range starts outside memory or runs past its region, including into a
 * touching region of another node.
 */
static void test_is_region_memory(void **state)
{
	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_32M, SZ_16M, 1, MEMBLOCK_NONE));
	CHECK_OK(memblock_add(SZ_64M, SZ_16M));

	CHECK_EQ("inside", true,
		 memblock_is_region_memory(SZ_16M + SZ_1M, SZ_1M));
	CHECK_EQ("whole region", true,
		 memblock_is_region_memory(SZ_16M, SZ_16M));
	CHECK_EQ("to the end", true,
		 memblock_is_region_memory(SZ_64M + SZ_8M, SZ_8M));
	CHECK_EQ("past the end", false,
		 memblock_is_region_memory(SZ_64M + SZ_8M, SZ_8M + 1));
	CHECK_EQ("starts in a hole", false,
		 memblock_is_region_memory(SZ_64M - SZ_1M, SZ_2M));
	CHECK_EQ("across two nodes", false,
		 memblock_is_region_memory(SZ_32M - SZ_1M, SZ_2M));
}

/*
 * memblock_is_region_reserved() and memblock_overlaps_region():
 *
 *   reserved |   [ r1 ]      [ r2 ]   ...   [ r3 ]| PHYS_ADDR_MAX
 *
 * Expect any overlap to count, touching not to, and a range that would
 * pass PHYS_ADDR_MAX to be cut there (so it still meets r3) rather than
 * wrap around.
 */
static void test_is_region_reserved(void **state)
{
	CHECK_OK(memblock_reserve(SZ_4M, SZ_4M));
	CHECK_OK(memblock_reserve(SZ_16M, SZ_4M));

	CHECK_EQ("inside r1", true, memblock_is_region_reserved(SZ_4M + 1, 1));
	CHECK_EQ("over r1's end", true,
		 memblock_is_region_reserved(SZ_8M - 1, SZ_8M));
	CHECK_EQ("between", false, memblock_is_region_reserved(SZ_8M, SZ_8M));
	CHECK_EQ("touching r1 below", false,
		 memblock_is_region_reserved(0, SZ_4M));
	CHECK_EQ("covering both", true, memblock_is_region_reserved(0, SZ_1G));
	CHECK_EQ("near max, nothing there", false,
		 memblock_is_region_reserved(PHYS_ADDR_MAX - SZ_4M, SZ_16M));
	CHECK_OK(memblock_reserve(PHYS_ADDR_MAX - SZ_2M, SZ_2M));
	CHECK_EQ("near max, past the end", true,
		 memblock_is_region_reserved(PHYS_ADDR_MAX - SZ_4M, SZ_16M));
	CHECK_EQ("overlaps memory?", false,
		 memblock_overlaps_region(&memblock.memory, SZ_4M, SZ_4M));
	CHECK_EQ("overlaps reserved", true,
		 memblock_overlaps_region(&memblock.reserved, SZ_16M + SZ_2M,
					  SZ_1G));
}

/*
 * memblock_search_pfn_nid():
 *
 *   memory |[ node 2: 16M..24M ]   [ node 5: 64M..64M+6K ]|
 *
 * Expect the node and the region's pfn span for a pfn inside a region
 * (end rounded down), and -1 for a pfn in a hole.
 */
static void test_search_pfn_nid(void **state)
{
	unsigned long start = 0, end = 0;

	CHECK_OK(memblock_add_node(SZ_16M, SZ_8M, 2, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_64M, SZ_4K + SZ_2K, 5, MEMBLOCK_NONE));

	CHECK_EQ("nid", 2,
		 memblock_search_pfn_nid(PFN_DOWN(SZ_16M) + 3, &start, &end));
	CHECK_EQ("start_pfn", PFN_DOWN(SZ_16M), start);
	CHECK_EQ("end_pfn", PFN_DOWN(SZ_16M + SZ_8M), end);
	CHECK_EQ("nid", 5,
		 memblock_search_pfn_nid(PFN_DOWN(SZ_64M), &start, &end));
	CHECK_EQ("start_pfn", PFN_DOWN(SZ_64M), start);
	CHECK_EQ("end_pfn", PFN_DOWN(SZ_64M) + 1, end);
	CHECK_EQ("hole", (unsigned long long)-1,
		 (unsigned long long)memblock_search_pfn_nid(PFN_DOWN(SZ_32M),
							     &start, &end));
}

/*
 * memblock_start_of_DRAM(), memblock_end_of_DRAM(), memblock_phys_mem_size()
 * and memblock_reserved_size() through a series of changes:
 *
 *   memory   |   [ a ]      [ b ]      [ c ]   |   then a removed
 *   reserved |     [x]        [y]              |   then y freed
 *
 * Expect DRAM to span from the lowest base to the highest end, and the
 * sizes to follow every add, remove, reserve and free.
 */
static void test_dram_and_sizes(void **state)
{
	CHECK_OK(memblock_add(SZ_64M, SZ_16M));
	CHECK_OK(memblock_add(SZ_16M, SZ_8M));
	CHECK_OK(memblock_add(SZ_128M, SZ_32M));
	CHECK_EQ("start_of_DRAM", SZ_16M, memblock_start_of_DRAM());
	CHECK_EQ("end_of_DRAM", SZ_128M + SZ_32M, memblock_end_of_DRAM());
	CHECK_EQ("phys_mem_size", SZ_8M + SZ_16M + SZ_32M,
		 memblock_phys_mem_size());

	CHECK_OK(memblock_reserve(SZ_16M, SZ_1M));
	CHECK_OK(memblock_reserve(SZ_64M, SZ_2M));
	CHECK_EQ("reserved_size", SZ_1M + SZ_2M, memblock_reserved_size());

	CHECK_OK(memblock_remove(SZ_16M, SZ_8M));
	CHECK_EQ("start_of_DRAM after remove", SZ_64M,
		 memblock_start_of_DRAM());
	CHECK_EQ("phys_mem_size after remove", SZ_16M + SZ_32M,
		 memblock_phys_mem_size());
	CHECK_OK(memblock_phys_free(SZ_64M, SZ_2M));
	CHECK_EQ("reserved_size after free", SZ_1M, memblock_reserved_size());
}

/*
 * The direction and limit accessors.
 *
 * Expect memblock_bottom_up() to report what memblock_set_bottom_up()
 * set, and memblock_get_current_limit() what memblock_set_current_limit()
 * set (MEMBLOCK_ALLOC_ANYWHERE at first).
 */
static void test_direction_and_limit(void **state)
{
	CHECK_EQ("bottom_up at first", false, memblock_bottom_up());
	memblock_set_bottom_up(true);
	CHECK_EQ("bottom_up", true, memblock_bottom_up());
	CHECK_EQ("memblock.bottom_up", true, memblock.bottom_up);
	memblock_set_bottom_up(false);
	CHECK_EQ("bottom_up again", false, memblock_bottom_up());

	CHECK_EQ("limit at first", MEMBLOCK_ALLOC_ANYWHERE,
		 memblock_get_current_limit());
	memblock_set_current_limit(SZ_1G);
	CHECK_EQ("limit", SZ_1G, memblock_get_current_limit());
	CHECK_EQ("memblock.current_limit", SZ_1G, memblock.current_limit);
}

/*
 * memblock_discard() on x86 (CONFIG_ARCH_KEEP_MEMBLOCK unset), with the
 * arrays still static:
 *
 *   memory |[ node 0 ][ node 1, NOMAP ]|
 *
 * Expect nothing to be freed, and the iterators to stop filtering memory
 * by node or flag afterwards, as the kernel's do once its memblock_memory
 * pointer is NULL: node 0's free ranges then include node 1's NOMAP
 * region.
 */
static void test_discard_stops_filtering(void **state)
{
	static const struct range before[] = { { SZ_16M, SZ_32M, 0 } };
	static const struct range after[] = {
		{ SZ_16M, SZ_32M, 0 },
		{ SZ_32M, SZ_64M, 1 },
	};
	struct ranges got = { 0 };
	phys_addr_t start, end;
	int nid;
	u64 i;

	CHECK_OK(memblock_add_node(SZ_16M, SZ_16M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(SZ_32M, SZ_32M, 1, MEMBLOCK_NOMAP));
	for_each_free_mem_range (i, 0, MEMBLOCK_NONE, &start, &end, &nid)
		push(&got, start, end, nid);
	CHECK_RANGES("before discard", &got, before, true);

	memblock_discard();
	CHECK_VALID();
	CHECK_EQ("memory.regions is the static array", true,
		 memblock.memory.regions ==
			 current_machine->memblock_st.init_memory);
	got.nr = 0;
	for_each_free_mem_range (i, 0, MEMBLOCK_NONE, &start, &end, &nid)
		push(&got, start, end, nid);
	CHECK_RANGES("after discard", &got, after, true);
}

/*
 * memblock_discard() with CONFIG_ARCH_KEEP_MEMBLOCK=y (ARM's Debian
 * kernel), after the reserved array was doubled into simulated RAM:
 *
 *   reserved |[r0] [r1] ... [r128]        [array]|
 *
 * Expect no effect: the kernel compiles memblock_discard() to nothing
 * there, so the doubled array stays in use and reserved, and the
 * iterators keep filtering.
 */
static void test_discard_kept_memblock(void **state)
{
	struct kconfig *own = current_machine->config, *keep;
	struct memblock_region *array;
	struct ranges got = { 0 };
	phys_addr_t start, end;
	char err[128];
	u64 i;
	int k;

	keep = kconfig_parse("CONFIG_NUMA=y\nCONFIG_NODES_SHIFT=10\n"
			     "CONFIG_ARCH_KEEP_MEMBLOCK=y\n",
			     "keep-memblock", err, sizeof(err));
	if (!keep)
		fail_msg("kconfig_parse: %s", err);
	CHECK_OK(memblock_add(MB_MEM_BASE, MB_MEM_SIZE));
	CHECK_OK(memblock_mark_nomap(MB_MEM_END - SZ_1M, SZ_1M));
	memblock_allow_resize();
	for (k = 0; k <= INIT_MEMBLOCK_RESERVED_REGIONS; k++)
		CHECK_OK(memblock_reserve(MB_MEM_BASE + (phys_addr_t)k * SZ_64K,
					  SZ_16K));
	array = memblock.reserved.regions;

	current_machine->config = keep;
	memblock_discard();
	current_machine->config = own;
	kconfig_free(keep);

	CHECK_VALID();
	CHECK_EQ("reserved.regions kept", true,
		 memblock.reserved.regions == array);
	CHECK_EQ("array still reserved", true,
		 memblock_is_region_reserved(mb_pa(array), SZ_8K));
	for_each_mem_range (i, &start, &end)
		push(&got, start, end, 0);
	CHECK_EQ("mem ranges (NOMAP still skipped)", 1, got.nr);
	CHECK_EQ("end of the mem range", MB_MEM_END - SZ_1M, got.r[0].end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST(test_free_ranges),
		MB_TEST(test_free_ranges_reverse),
		MB_TEST(test_free_ranges_extremes),
		MB_TEST(test_free_ranges_by_node),
		MB_TEST(test_free_ranges_by_flags),
		MB_TEST(test_mem_ranges),
		MB_TEST(test_reserved_ranges_and_regions),
		MB_TEST(test_pfn_ranges),
		MB_TEST(test_is_memory_is_reserved),
		MB_TEST(test_queries_empty),
		MB_TEST(test_is_region_memory),
		MB_TEST(test_is_region_reserved),
		MB_TEST(test_search_pfn_nid),
		MB_TEST(test_dram_and_sizes),
		MB_TEST(test_direction_and_limit),
		MB_TEST(test_discard_stops_filtering),
		MB_TEST(test_discard_kept_memblock),
	};
	return cmocka_run_group_tests_name("memblock_iter", tests, NULL, NULL);
}
