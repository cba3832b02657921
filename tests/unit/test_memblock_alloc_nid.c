// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_alloc_nid.c — allocation inside an address
 * window and on a NUMA node: memblock_alloc_try_nid(), _try_nid_raw(),
 * memblock_alloc_exact_nid_raw(), memblock_alloc_node() and
 * memblock_phys_alloc_try_nid().
 *
 * Kernel counterpart: tools/testing/memblock/tests/alloc_nid_api.c
 * (scenarios re-derived, text our own).
 *
 * Rules under test (mm/memblock.c, memblock_alloc_internal() and
 * memblock_alloc_range_nid()):
 *   1. look in [min_addr, max_addr) on the node asked for;
 *   2. unless the node is exact, then on any node in the same window;
 *   3. if that fails and min_addr != 0, start again from 1. with
 *      min_addr = 0 (max_addr stays);
 *   4. regions of different nodes never merge, so one allocation never
 *      spans two nodes.
 *
 * Every body runs top-down and bottom-up; pick(a, b) is the expected value
 * for each.  The window tests use the plain test memory [16M, 32M); the
 * NUMA tests use eight nodes, built with memblock_add_node():
 *
 *   16M     24M  26M    30M    34M  36M  38M     46M  48M
 *   [ node 0 ][ 1 ][  2  ][  3  ][ 4 ][ 5 ][ node 6 ][ 7 ]
 *      8M      2M    4M     4M    2M   2M     8M      2M
 */
#include "memblock_helpers.h"

#include "linux/mm.h"
#include "mmsim/machine.h"

#define BASE MB_MEM_BASE
#define END MB_MEM_END
#define NR_NODES 8

static const phys_addr_t node_size[NR_NODES] = {
	SZ_8M, SZ_2M, SZ_4M, SZ_4M, SZ_2M, SZ_2M, SZ_8M, SZ_2M,
};

static phys_addr_t pick(phys_addr_t top_down, phys_addr_t bottom_up)
{
	return memblock_bottom_up() ? bottom_up : top_down;
}

static phys_addr_t node_base(int nid)
{
	phys_addr_t base = SZ_16M;
	int i;

	for (i = 0; i < nid; i++)
		base += node_size[i];
	return base;
}

static phys_addr_t node_end(int nid)
{
	return node_base(nid) + node_size[nid];
}

/* Add the eight nodes of the picture above. */
static void numa_layout(void)
{
	int nid;

	for (nid = 0; nid < NR_NODES; nid++)
		CHECK_OK(memblock_add_node(node_base(nid), node_size[nid], nid,
					   MEMBLOCK_NONE));
	CHECK_TYPE(&memblock.memory, NR_NODES, SZ_32M);
}

static phys_addr_t try_nid(phys_addr_t size, phys_addr_t min, phys_addr_t max,
			   int nid)
{
	return VALID_PA(
		memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min, max, nid));
}

/*
 * A window with room to spare:
 *
 *   |    min [        ? p ? ] max          |
 *
 * Expect p to end at max (top-down) or start at min (bottom-up), zeroed.
 */
static void test_window_simple(void **state)
{
	phys_addr_t min = BASE + 2 * SMP_CACHE_BYTES, max = min + SZ_512, pa;

	mb_add_test_memory();
	mb_fill(BASE, SZ_4K, 0x5a);
	pa = try_nid(SZ_128, min, max, NUMA_NO_NODE);
	CHECK_EQ("address", pick(max - SZ_128, min), pa);
	CHECK_BYTES(__va(pa), SZ_128, 0);
	CHECK_TYPE(&memblock.reserved, 1, SZ_128);
}

/*
 * A window whose ends are not on the 64-byte alignment:
 *
 *   |    min.[ p ?      ? p ].max           |
 *
 * Expect p on the alignment inside the window: the highest aligned start
 * that still fits, or the first aligned address above min.
 */
static void test_window_misaligned(void **state)
{
	mb_add_test_memory();
	CHECK_EQ("address", pick(BASE + 512, BASE + 192),
		 try_nid(SZ_128, BASE + 144, BASE + 656, NUMA_NO_NODE));
}

/*
 * A window exactly the size of the request:
 *
 *   |      min[ p ]max        |
 *
 * Expect p to fill it in both directions.
 */
static void test_window_exact(void **state)
{
	phys_addr_t min = BASE + SZ_4K;

	mb_add_test_memory();
	CHECK_EQ("address", min,
		 try_nid(SZ_1K, min, min + SZ_1K, NUMA_NO_NODE));
}

/*
 * A window narrower than the request:
 *
 *   |           min[ ]max           |
 *   top-down   |     [  p  ]max      |     (min dropped)
 *   bottom-up  |[ p ]       max      |
 *
 * Expect min_addr to be dropped: p ends just below max (aligned), or
 * starts at the beginning of memory.
 */
static void test_window_too_narrow(void **state)
{
	phys_addr_t min = BASE + SZ_8K, max = min + SZ_256;

	mb_add_test_memory();
	CHECK_EQ("address", pick(max - SZ_1K, BASE),
		 try_nid(SZ_1K, min, max, NUMA_NO_NODE));
}

/*
 * A window at the very start of memory that cannot hold the request even
 * with min_addr dropped:
 *
 *   |min[.]max                       |
 *
 * Expect NULL.
 */
static void test_window_low_max(void **state)
{
	mb_add_test_memory();
	CHECK_EQ("address", 0,
		 try_nid(SZ_1K, BASE, BASE + SMP_CACHE_BYTES, NUMA_NO_NODE));
	CHECK_TYPE(&memblock.reserved, 1, 0);
}

/*
 * A reservation ends exactly at min_addr; the window reaches the end of
 * memory and is exactly the request:
 *
 *   |                  [ r1 ]min[ p ]max=end|
 *
 * Expect p to fill the window and merge with r1.
 */
static void test_window_next_to_reserved_below(void **state)
{
	phys_addr_t min = END - SZ_64;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(min - SZ_128, SZ_128));
	CHECK_EQ("address", min, try_nid(SZ_64, min, END, NUMA_NO_NODE));
	CHECK_TYPE(&memblock.reserved, 1, SZ_128 + SZ_64);
	CHECK_REGION(&memblock.reserved, 0, min - SZ_128, SZ_128 + SZ_64);
}

/*
 * A reservation starts exactly at max_addr:
 *
 *   |              min[ p ]max[ r1 ]end|
 *
 * Expect p to fill the window and merge with r1.
 */
static void test_window_next_to_reserved_above(void **state)
{
	phys_addr_t max = END - SZ_128;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(max, SZ_128));
	CHECK_EQ("address", max - SZ_64,
		 try_nid(SZ_64, max - SZ_64, max, NUMA_NO_NODE));
	CHECK_TYPE(&memblock.reserved, 1, SZ_128 + SZ_64);
	CHECK_REGION(&memblock.reserved, 0, max - SZ_64, SZ_128 + SZ_64);
}

/* The window of the next tests: [BASE + 8K, BASE + 24K). */
#define W_MIN (BASE + SZ_8K)
#define W_MAX (BASE + SZ_16K + SZ_8K)

/*
 * Reservations at both edges of the window and an 8K gap between them:
 *
 *   |   min[ r1 ][ ?p  p? ][ r2 ]max   |
 *
 * Expect p (4K) next to r2 (top-down) or r1 (bottom-up), merged with it.
 */
static void test_window_gap_fits(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(W_MIN, SZ_4K));
	CHECK_OK(memblock_reserve(W_MAX - SZ_4K, SZ_4K));
	CHECK_EQ("address", pick(W_MIN + SZ_8K, W_MIN + SZ_4K),
		 VALID_PA(memblock_alloc_try_nid(SZ_4K, SZ_4K, W_MIN, W_MAX,
						 NUMA_NO_NODE)));
	CHECK_TYPE(&memblock.reserved, 2, 3 * SZ_4K);
	CHECK_REGION(&memblock.reserved, 0, W_MIN, pick(SZ_4K, SZ_8K));
	CHECK_REGION(&memblock.reserved, 1, pick(W_MIN + SZ_8K, W_MAX - SZ_4K),
		     pick(SZ_8K, SZ_4K));
}

/*
 * Reservations at both edges with a gap exactly the request:
 *
 *   |   min[ r1 ][ p ][ r2 ]max   |
 *
 * Expect one reserved region from min to max.
 */
static void test_window_gap_exact(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(W_MIN, SZ_4K));
	CHECK_OK(memblock_reserve(W_MIN + SZ_8K, SZ_4K));
	CHECK_EQ("address", W_MIN + SZ_4K,
		 VALID_PA(memblock_alloc_try_nid(SZ_4K, SZ_4K, W_MIN,
						 W_MIN + SZ_16K - SZ_4K,
						 NUMA_NO_NODE)));
	CHECK_TYPE(&memblock.reserved, 1, 3 * SZ_4K);
	CHECK_REGION(&memblock.reserved, 0, W_MIN, 3 * SZ_4K);
}

/*
 * Reservations at both edges with a 2K gap, too small for 4K:
 *
 *   |        min[ r1 ][g][ r2 ]max   |
 *   top-down   |  [p][ r1 ][g][ r2 ]   |
 *   bottom-up  |[p]  [ r1 ][g][ r2 ]   |
 *
 * Expect min_addr to be dropped: p just below r1 (merged) or at the start
 * of memory.
 */
static void test_window_gap_too_small(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(W_MIN, SZ_4K));
	CHECK_OK(memblock_reserve(W_MIN + SZ_4K + SZ_2K,
				  W_MAX - (W_MIN + SZ_4K + SZ_2K)));
	CHECK_EQ("address", pick(W_MIN - SZ_4K, BASE),
		 VALID_PA(memblock_alloc_try_nid(SZ_4K, SZ_4K, W_MIN, W_MAX,
						 NUMA_NO_NODE)));
	CHECK_TYPE(&memblock.reserved, pick(2, 3),
		   SZ_4K + W_MAX - W_MIN - SZ_2K);
}

/*
 * Everything is reserved except a 2K gap inside the window:
 *
 *   |[######## r1 ###][g][######## r2 ########]|
 *
 * Expect NULL, even with min_addr dropped.
 */
static void test_window_all_reserved(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE, W_MIN + SZ_4K - BASE));
	CHECK_OK(memblock_reserve(W_MIN + SZ_4K + SZ_2K,
				  END - (W_MIN + SZ_4K + SZ_2K)));
	CHECK_EQ("address", 0,
		 VALID_PA(memblock_alloc_try_nid(SZ_4K, SZ_4K, W_MIN, W_MAX,
						 NUMA_NO_NODE)));
	CHECK_TYPE(&memblock.reserved, 2, MB_MEM_SIZE - SZ_2K);
}

/*
 * max_addr beyond the end of memory:
 *
 *   |      min[            ]|end     max
 *
 * Expect p at the end of memory (top-down) or at min (bottom-up).
 */
static void test_window_max_past_memory(void **state)
{
	mb_add_test_memory();
	CHECK_EQ("address", pick(END - SZ_4K, BASE + SZ_8M),
		 try_nid(SZ_4K, BASE + SZ_8M, END + SZ_8M, NUMA_NO_NODE));
}

/*
 * min_addr below the start of memory:
 *
 *   min     |[            ]max       |
 *
 * Expect p just below max (top-down) or at the start of memory.
 */
static void test_window_min_below_memory(void **state)
{
	mb_add_test_memory();
	CHECK_EQ("address", pick(BASE + SZ_8M - SZ_4K, BASE),
		 try_nid(SZ_4K, BASE - SZ_8M, BASE + SZ_8M, NUMA_NO_NODE));
}

/*
 * The _raw variants leave memory as it was:
 *
 *   filled with 0xa5 |[raw][zeroed] ...|
 *
 * Expect the pattern in the block from memblock_alloc_try_nid_raw() and
 * zeros in the one from memblock_alloc_try_nid().
 */
static void test_try_nid_raw_not_zeroed(void **state)
{
	void *raw, *zeroed;

	mb_add_test_memory();
	mb_fill(BASE, MB_MEM_SIZE, 0xa5);
	raw = memblock_alloc_try_nid_raw(SZ_1K, SMP_CACHE_BYTES, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE,
					 NUMA_NO_NODE);
	CHECK_VALID();
	zeroed =
		memblock_alloc_try_nid(SZ_1K, SMP_CACHE_BYTES, 0,
				       MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
	CHECK_VALID();
	CHECK_BYTES(raw, SZ_1K, 0xa5);
	CHECK_BYTES(zeroed, SZ_1K, 0);
}

/*
 * A node with room for the request:
 *
 *   [ 0 ][1][ 2 ][ ?p3p? ][4][5][ 6 ][7]
 *
 * Expect p at the end (top-down) or start (bottom-up) of node 3.
 */
static void test_numa_simple(void **state)
{
	numa_layout();
	CHECK_EQ("address", pick(node_end(3) - SZ_1M, node_base(3)),
		 try_nid(SZ_1M, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
			 3));
	CHECK_TYPE(&memblock.reserved, 1, SZ_1M);
}

/*
 * A node smaller than the request (node 1 has 2M, 4M is asked for):
 *
 *   [ 0:p? ][1][ 2 ][ 3 ][4][5][ 6:?p ][7]
 *
 * Expect the fallback to any node: the top of node 6 (node 7 is too
 * small) or the start of node 0.
 */
static void test_numa_small_node(void **state)
{
	numa_layout();
	CHECK_EQ("address", pick(node_end(6) - SZ_4M, node_base(0)),
		 try_nid(SZ_4M, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
			 1));
}

/*
 * The requested node is fully reserved:
 *
 *   [ 0:p? ][1][#2#][ 3 ][4][5][ 6 ][7:?p]
 *
 * Expect the fallback: the top of node 7 or the start of node 0.
 */
static void test_numa_node_reserved(void **state)
{
	numa_layout();
	CHECK_OK(memblock_reserve(node_base(2), node_size[2]));
	CHECK_EQ("address", pick(node_end(7) - SZ_1M, node_base(0)),
		 try_nid(SZ_1M, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
			 2));
	CHECK_TYPE(&memblock.reserved, 2, node_size[2] + SZ_1M);
}

/*
 * The requested node is partly reserved, with room left:
 *
 *   node 3 |[ r ][ ?p      p? ]|
 *
 * Expect p inside node 3: at its top, or right after r (merged).
 */
static void test_numa_part_reserved(void **state)
{
	numa_layout();
	CHECK_OK(memblock_reserve(node_base(3), SZ_1M));
	CHECK_EQ("address", pick(node_end(3) - SZ_1M, node_base(3) + SZ_1M),
		 try_nid(SZ_1M, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
			 3));
	CHECK_TYPE(&memblock.reserved, pick(2, 1), SZ_2M);
}

/*
 * The requested node has enough free memory in total, but not in one
 * piece:
 *
 *   node 3 |[1M][### r ###][1M]|   request 2M
 *
 * Expect the fallback: node 7 exactly (top-down) or the start of node 0.
 */
static void test_numa_part_reserved_fallback(void **state)
{
	numa_layout();
	CHECK_OK(memblock_reserve(node_base(3) + SZ_1M, SZ_2M));
	CHECK_EQ("address", pick(node_base(7), node_base(0)),
		 try_nid(SZ_2M, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
			 3));
}

/*
 * A window across the boundary of nodes 2 and 3, too small on either
 * side; node 2 is asked for:
 *
 *   [  2  min|max  3  ]
 *
 * Expect min_addr to be dropped and p placed in node 2: at its end, or at
 * its start.
 */
static void test_numa_split_window_low(void **state)
{
	phys_addr_t b = node_end(2);

	numa_layout();
	CHECK_EQ("address", pick(node_end(2) - SZ_1M, node_base(2)),
		 try_nid(SZ_1M, b - SZ_512K, b + SZ_512K, 2));
}

/*
 * The same window, asking for node 3, which lies above it:
 *
 *   [  2  min|max  3  ]
 *
 * Expect min_addr to be dropped; node 3 has nothing below max, so the
 * any-node fallback places p at the end of node 2, or the start of node 0.
 */
static void test_numa_split_window_high(void **state)
{
	phys_addr_t b = node_end(2);

	numa_layout();
	CHECK_EQ("address", pick(node_end(2) - SZ_1M, node_base(0)),
		 try_nid(SZ_1M, b - SZ_512K, b + SZ_512K, 3));
}

/*
 * A small window across the boundary of nodes 2 and 3, asking for node 1
 * which ends below it:
 *
 *   [ 1 ][  2  min|max  3  ]
 *
 * Expect min_addr to be dropped and p placed in node 1.
 */
static void test_numa_window_past_node(void **state)
{
	phys_addr_t b = node_end(2);

	numa_layout();
	CHECK_EQ("address", pick(node_end(1) - SZ_1M, node_base(1)),
		 try_nid(SZ_1M, b - SZ_256K, b + SZ_256K, 1));
}

/*
 * A wide window over nodes 4-6, asking for node 1 below it:
 *
 *   [ 1 ] ... min[ 4 ][ 5 ][  6  ]max
 *
 * Expect the any-node fallback inside the window: the end of node 6 or
 * the start of node 4.
 */
static void test_numa_window_above_node(void **state)
{
	numa_layout();
	CHECK_EQ("address", pick(node_end(6) - SZ_512K, node_base(4)),
		 try_nid(SZ_512K, node_base(4), node_end(6), 1));
}

/*
 * A wide window over nodes 2-4, asking for node 7 above it:
 *
 *   min[ 2 ][ 3 ][ 4 ]max ... [ 7 ]
 *
 * Expect the any-node fallback inside the window: the end of node 4 or
 * the start of node 2.
 */
static void test_numa_window_below_node(void **state)
{
	numa_layout();
	CHECK_EQ("address", pick(node_end(4) - SZ_512K, node_base(2)),
		 try_nid(SZ_512K, node_base(2), node_end(4), 7));
}

/*
 * A request larger than any node, though smaller than all memory.
 *
 * Expect NULL: an allocation never spans nodes.
 */
static void test_numa_too_large(void **state)
{
	numa_layout();
	CHECK_EQ("address", 0,
		 try_nid(SZ_8M + SZ_1M, MEMBLOCK_LOW_LIMIT,
			 MEMBLOCK_ALLOC_ACCESSIBLE, 6));
	CHECK_TYPE(&memblock.reserved, 1, 0);
}

/*
 * Node 5 is the window; reservations at both ends leave a gap of exactly
 * the request:
 *
 *   node 5 |[ r1 ][ p ][   r2   ]|
 *
 * Expect p to fill the gap and one reserved region to cover node 5.
 */
static void test_numa_gap_exact(void **state)
{
	numa_layout();
	CHECK_OK(memblock_reserve(node_base(5), SZ_512K));
	CHECK_OK(memblock_reserve(node_base(5) + SZ_1M, SZ_1M));
	CHECK_EQ("address", node_base(5) + SZ_512K,
		 try_nid(SZ_512K, node_base(5), node_end(5), 5));
	CHECK_TYPE(&memblock.reserved, 1, node_size[5]);
	CHECK_REGION(&memblock.reserved, 0, node_base(5), node_size[5]);
}

/*
 * Everything is reserved except 256K either side of the boundary of nodes
 * 3 and 4; 512K is asked for on any node:
 *
 *   [####### 3 #][g|g][# 4 #######...]
 *
 * Expect NULL: the two free pieces belong to different nodes.
 */
static void test_numa_split_all_reserved(void **state)
{
	phys_addr_t b = node_end(3);

	numa_layout();
	CHECK_OK(memblock_reserve(node_base(0), b - SZ_256K - node_base(0)));
	CHECK_OK(memblock_reserve(b + SZ_256K, node_end(7) - b - SZ_256K));
	CHECK_EQ("address", 0,
		 try_nid(SZ_512K, b - SZ_256K, b + SZ_256K, NUMA_NO_NODE));
}

/*
 * memblock_alloc_exact_nid_raw() on a node that is too small, then on one
 * that fits:
 *
 *   [ 0:?p ][1: too small][ 2 ] ...
 *
 * Expect NULL for node 1 (no fallback to other nodes) and p in node 0.
 */
static void test_exact_nid_no_fallback(void **state)
{
	void *p;

	numa_layout();
	p = memblock_alloc_exact_nid_raw(SZ_4M, SMP_CACHE_BYTES, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE, 1);
	CHECK_VALID();
	CHECK_EQ("node 1", 0, mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, 0);
	p = memblock_alloc_exact_nid_raw(SZ_4M, SMP_CACHE_BYTES, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	CHECK_VALID();
	CHECK_EQ("node 0", pick(node_end(0) - SZ_4M, node_base(0)), mb_pa(p));
}

/*
 * memblock_alloc_exact_nid_raw() with a window inside node 6, asking for
 * node 1:
 *
 *   [ 1 ] ...  min[  6  ]max
 *
 * Expect min_addr to be dropped but the node kept: p in node 1.
 */
static void test_exact_nid_drops_min(void **state)
{
	void *p;

	numa_layout();
	p = memblock_alloc_exact_nid_raw(SZ_1M, SMP_CACHE_BYTES, node_base(6),
					 node_end(6), 1);
	CHECK_VALID();
	CHECK_EQ("address", pick(node_end(1) - SZ_1M, node_base(1)), mb_pa(p));
}

/*
 * memblock_alloc_exact_nid_raw() does not clear memory:
 *
 *   node 2 filled with 0xa5 |[ p ]|
 *
 * Expect the pattern still there.
 */
static void test_exact_nid_raw_not_zeroed(void **state)
{
	void *p;

	numa_layout();
	mb_fill(node_base(2), node_size[2], 0xa5);
	p = memblock_alloc_exact_nid_raw(SZ_64K, SZ_4K, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE, 2);
	CHECK_VALID();
	CHECK_EQ("address", pick(node_end(2) - SZ_64K, node_base(2)), mb_pa(p));
	CHECK_BYTES(p, SZ_64K, 0xa5);
}

/*
 * memblock_alloc_node() and memblock_phys_alloc_try_nid() on nodes 5 and 4:
 *
 *   ... [ 4:?q ][ 5:?p ] ...
 *
 * Expect each block at the end or start of its node, p zeroed.
 */
static void test_alloc_node_helpers(void **state)
{
	void *p;

	numa_layout();
	mb_fill(node_base(5), node_size[5], 0x33);
	p = memblock_alloc_node(SZ_1M, SZ_4K, 5);
	CHECK_VALID();
	CHECK_EQ("memblock_alloc_node", pick(node_end(5) - SZ_1M, node_base(5)),
		 mb_pa(p));
	CHECK_BYTES(p, SZ_1M, 0);
	CHECK_EQ("memblock_phys_alloc_try_nid",
		 pick(node_end(4) - SZ_1M, node_base(4)),
		 VALID_PHYS(memblock_phys_alloc_try_nid(SZ_1M, SZ_4K, 4)));
}

/*
 * Requests for node MAX_NUMNODES, which the kernel treats (with a
 * deprecation warning) as NUMA_NO_NODE:
 *
 *   [ 0:p? ] ... [ 7:?p ]
 *
 * Expect p at the top of node 7 or the start of node 0.
 */
static void test_max_numnodes_is_any_node(void **state)
{
	numa_layout();
	CHECK_EQ("address", pick(node_end(7) - SZ_4K, node_base(0)),
		 try_nid(SZ_4K, 0, MEMBLOCK_ALLOC_ACCESSIBLE, MAX_NUMNODES));
}

/*
 * The same eight nodes made with memblock_add() of the whole range and
 * memblock_set_node() per node:
 *
 *   [              one region              ]
 *   [ 0 ][1][ 2 ][ 3 ][4][5][ 6 ][7]
 *
 * Expect the same regions as memblock_add_node() gives (except flags and
 * nodes only), and allocation on node 4 to land in node 4.
 */
static void test_set_node_layout(void **state)
{
	int nid;

	CHECK_OK(memblock_add(node_base(0), SZ_32M));
	for (nid = 0; nid < NR_NODES; nid++)
		CHECK_OK(memblock_set_node(node_base(nid), node_size[nid],
					   &memblock.memory, nid));
	CHECK_TYPE(&memblock.memory, NR_NODES, SZ_32M);
	for (nid = 0; nid < NR_NODES; nid++) {
		CHECK_REGION(&memblock.memory, nid, node_base(nid),
			     node_size[nid]);
		CHECK_REGION_NF(&memblock.memory, nid, nid, MEMBLOCK_NONE);
	}
	CHECK_EQ("address", pick(node_end(4) - SZ_512K, node_base(4)),
		 try_nid(SZ_512K, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 4));
}

/*
 * Node 6 is hotpluggable and movable_node is on:
 *
 *   [ 0:p? ] ... [ 6: HOTPLUG ][ 7:?p ]
 *
 * Expect node 6 never to be used: the fallback goes to node 7 or node 0,
 * and an exact request for node 6 fails.
 */
static void test_numa_movable_node(void **state)
{
	void *p;

	numa_layout();
	CHECK_OK(memblock_mark_hotplug(node_base(6), node_size[6]));
	current_machine->k_movable_node = true;
	CHECK_EQ("address", pick(node_end(7) - SZ_1M, node_base(0)),
		 try_nid(SZ_1M, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 6));
	p = memblock_alloc_exact_nid_raw(SZ_1M, SMP_CACHE_BYTES, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE, 6);
	CHECK_VALID();
	CHECK_EQ("exact node 6", 0, mb_pa(p));
}

/*
 * Node 7 is filled by one allocation, then asked for again:
 *
 *   [ 0:q? ] ... [ 6:?q ][## 7 ##]
 *
 * Expect the second request to fall back: the top of node 6 or the start
 * of node 0.
 */
static void test_numa_fill_node_then_fallback(void **state)
{
	numa_layout();
	CHECK_EQ("first", node_base(7),
		 try_nid(SZ_2M, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 7));
	CHECK_EQ("second", pick(node_end(6) - SZ_1M, node_base(0)),
		 try_nid(SZ_1M, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 7));
}

/*
 * A reservation across the boundary of nodes 1 and 2, leaving 1M at the
 * start of node 1:
 *
 *   [ 0 ][p][##|## ][ 3 ] ...
 *
 * Expect a 1M request for node 1 to take exactly that space.
 */
static void test_numa_reserved_across_nodes(void **state)
{
	numa_layout();
	CHECK_OK(memblock_reserve(node_base(1) + SZ_1M, SZ_2M));
	CHECK_EQ("address", node_base(1),
		 try_nid(SZ_1M, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 1));
	CHECK_TYPE(&memblock.reserved, 1, SZ_2M + SZ_1M);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST_BOTH(test_window_simple),
		MB_TEST_BOTH(test_window_misaligned),
		MB_TEST_BOTH(test_window_exact),
		MB_TEST_BOTH(test_window_too_narrow),
		MB_TEST_BOTH(test_window_low_max),
		MB_TEST_BOTH(test_window_next_to_reserved_below),
		MB_TEST_BOTH(test_window_next_to_reserved_above),
		MB_TEST_BOTH(test_window_gap_fits),
		MB_TEST_BOTH(test_window_gap_exact),
		MB_TEST_BOTH(test_window_gap_too_small),
		MB_TEST_BOTH(test_window_all_reserved),
		MB_TEST_BOTH(test_window_max_past_memory),
		MB_TEST_BOTH(test_window_min_below_memory),
		MB_TEST_BOTH(test_try_nid_raw_not_zeroed),
		MB_TEST_BOTH(test_numa_simple),
		MB_TEST_BOTH(test_numa_small_node),
		MB_TEST_BOTH(test_numa_node_reserved),
		MB_TEST_BOTH(test_numa_part_reserved),
		MB_TEST_BOTH(test_numa_part_reserved_fallback),
		MB_TEST_BOTH(test_numa_split_window_low),
		MB_TEST_BOTH(test_numa_split_window_high),
		MB_TEST_BOTH(test_numa_window_past_node),
		MB_TEST_BOTH(test_numa_window_above_node),
		MB_TEST_BOTH(test_numa_window_below_node),
		MB_TEST_BOTH(test_numa_too_large),
		MB_TEST_BOTH(test_numa_gap_exact),
		MB_TEST_BOTH(test_numa_split_all_reserved),
		MB_TEST_BOTH(test_exact_nid_no_fallback),
		MB_TEST_BOTH(test_exact_nid_drops_min),
		MB_TEST_BOTH(test_exact_nid_raw_not_zeroed),
		MB_TEST_BOTH(test_alloc_node_helpers),
		MB_TEST_BOTH(test_max_numnodes_is_any_node),
		MB_TEST_BOTH(test_set_node_layout),
		MB_TEST_BOTH(test_numa_movable_node),
		MB_TEST_BOTH(test_numa_fill_node_then_fallback),
		MB_TEST_BOTH(test_numa_reserved_across_nodes),
	};
	return cmocka_run_group_tests_name("memblock_alloc_nid", tests, NULL,
					   NULL);
}
