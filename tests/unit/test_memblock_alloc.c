// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_alloc.c — the allocation front ends:
 * memblock_alloc(), _raw(), _from(), _low(), memblock_phys_alloc(),
 * memblock_phys_alloc_range() and memblock_phys_alloc_try_nid().
 *
 * Kernel counterpart: tools/testing/memblock/tests/alloc_api.c and
 * alloc_helpers_api.c (scenarios re-derived, text our own).
 *
 * Every body runs twice, top-down and bottom-up (MB_TEST_BOTH), on the
 * usual test memory [MB_MEM_BASE, MB_MEM_END) = [16M, 32M) unless it says
 * otherwise.  pick(a, b) is the expected value top-down (a) or bottom-up
 * (b).  Failure to allocate is an ordinary result: NULL or 0, with
 * memblock unchanged.
 */
#include "memblock_helpers.h"

#include "linux/mm.h"
#include "mmsim/machine.h"

#define BASE MB_MEM_BASE
#define END MB_MEM_END

static phys_addr_t pick(phys_addr_t top_down, phys_addr_t bottom_up)
{
	return memblock_bottom_up() ? bottom_up : top_down;
}

/*
 * One small allocation from free memory:
 *
 *   top-down   |                          [p]|
 *   bottom-up  |[p]                          |
 *
 * Expect p at the top or the bottom of memory, reserved, and zeroed.
 */
static void test_alloc_simple(void **state)
{
	void *p;

	mb_add_test_memory();
	mb_fill(BASE, MB_MEM_SIZE, 0x5a);
	p = memblock_alloc(SZ_2K, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_2K, BASE), mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, SZ_2K);
	CHECK_REGION(&memblock.reserved, 0, mb_pa(p), SZ_2K);
	CHECK_BYTES(p, SZ_2K, 0);
}

/*
 * An allocation when a reservation sits in the middle of memory:
 *
 *   top-down   |            [r1]            [p]|
 *   bottom-up  |[p]         [r1]               |
 *
 * Expect p at the edge of memory, apart from r1 (two reserved regions).
 */
static void test_alloc_disjoint(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE + SZ_8M, SZ_64K));
	p = memblock_alloc(SZ_16K, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_16K, BASE), mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 2, SZ_64K + SZ_16K);
	CHECK_REGION(&memblock.reserved, pick(0, 1), BASE + SZ_8M, SZ_64K);
	CHECK_REGION(&memblock.reserved, pick(1, 0), mb_pa(p), SZ_16K);
}

/*
 * An allocation next to a reservation at the edge where allocation starts:
 *
 *   top-down   |                    [p][  r1  ]|
 *   bottom-up  |[  r1  ][p]                    |
 *
 * Expect p to touch r1 and the two to merge into one reserved region.
 */
static void test_alloc_next_to_reserved(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(pick(END - SZ_64K, BASE), SZ_64K));
	p = memblock_alloc(SZ_16K, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_64K - SZ_16K, BASE + SZ_64K),
		 mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, SZ_64K + SZ_16K);
	CHECK_REGION(&memblock.reserved, 0, pick(END - SZ_64K - SZ_16K, BASE),
		     SZ_64K + SZ_16K);
}

/*
 * The free gap at the starting edge is too small; the next one fits:
 *
 *   top-down   |              [ p ][ r1 ][gap]|   gap = 16K < 32K
 *   bottom-up  |[gap][ r1 ][ p ]              |
 *
 * Expect p right beyond r1, merged with it.
 */
static void test_alloc_second_fit(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(pick(END - SZ_64K, BASE + SZ_16K),
				  SZ_64K - SZ_16K));
	p = memblock_alloc(SZ_32K, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_64K - SZ_32K, BASE + SZ_64K),
		 mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, SZ_64K - SZ_16K + SZ_32K);
	CHECK_REGION(&memblock.reserved, 0,
		     pick(END - SZ_64K - SZ_32K, BASE + SZ_16K),
		     SZ_64K + SZ_16K);
}

/*
 * Everything is reserved except one gap exactly the requested size:
 *
 *   |[####### r1 #######][p][###### r2 ######]|
 *
 * Expect p to fill the gap and all three to merge into one region that
 * covers memory.
 */
static void test_alloc_fills_gap(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE, SZ_8M));
	CHECK_OK(memblock_reserve(BASE + SZ_8M + SZ_32K, SZ_8M - SZ_32K));
	p = memblock_alloc(SZ_32K, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("address", BASE + SZ_8M, mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, MB_MEM_SIZE);
	CHECK_REGION(&memblock.reserved, 0, BASE, MB_MEM_SIZE);
}

/*
 * Three free gaps of 16K, none big enough for 32K:
 *
 *   |[g][####### r1 #######][g][###### r2 ######][g]|
 *
 * Expect NULL and the reservations untouched.
 */
static void test_alloc_gaps_too_small(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE + SZ_16K, SZ_8M - SZ_16K));
	CHECK_OK(memblock_reserve(BASE + SZ_8M + SZ_16K, SZ_8M - SZ_32K));
	CHECK_EQ("memblock_alloc", 0,
		 VALID_PA(memblock_alloc(SZ_32K, SMP_CACHE_BYTES)));
	CHECK_TYPE(&memblock.reserved, 2, MB_MEM_SIZE - 3 * SZ_16K);
}

/*
 * All of memory is reserved:
 *
 *   |[################ r ################]|
 *
 * Expect NULL.
 */
static void test_alloc_all_reserved(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE, MB_MEM_SIZE));
	CHECK_EQ("memblock_alloc", 0,
		 VALID_PA(memblock_alloc(SZ_4K, SMP_CACHE_BYTES)));
	CHECK_TYPE(&memblock.reserved, 1, MB_MEM_SIZE);
}

/*
 * Only 64K is left free and 128K is requested:
 *
 *   |[############### r ###############][64K]|
 *
 * Expect NULL.
 */
static void test_alloc_no_space(void **state)
{
	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE, MB_MEM_SIZE - SZ_64K));
	CHECK_EQ("memblock_alloc", 0,
		 VALID_PA(memblock_alloc(SZ_128K, SMP_CACHE_BYTES)));
	CHECK_TYPE(&memblock.reserved, 1, MB_MEM_SIZE - SZ_64K);
}

/*
 * Only 64K is left free and exactly 64K is requested:
 *
 *   |[############### r ###############][ p ]|
 *
 * Expect p in that space and one reserved region covering all memory.
 */
static void test_alloc_limited_space(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE, MB_MEM_SIZE - SZ_64K));
	p = memblock_alloc(SZ_64K, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("address", END - SZ_64K, mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, MB_MEM_SIZE);
}

/*
 * No memory has been added at all.
 *
 * Expect memblock_alloc() to return NULL and memblock_phys_alloc() 0,
 * with nothing reserved.
 */
static void test_alloc_no_memory(void **state)
{
	CHECK_EQ("memblock_alloc", 0,
		 VALID_PA(memblock_alloc(SZ_1K, SMP_CACHE_BYTES)));
	CHECK_EQ("memblock_phys_alloc", 0,
		 VALID_PHYS(memblock_phys_alloc(SZ_1K, SZ_4K)));
	CHECK_TYPE(&memblock.reserved, 1, 0);
}

/*
 * A request bigger than all of memory:
 *
 *   |[          memory          ]|
 *   |[          request            ]
 *
 * Expect NULL.
 */
static void test_alloc_too_large(void **state)
{
	mb_add_test_memory();
	CHECK_EQ(
		"memblock_alloc", 0,
		VALID_PA(memblock_alloc(MB_MEM_SIZE + SZ_4K, SMP_CACHE_BYTES)));
	CHECK_TYPE(&memblock.reserved, 1, 0);
}

/*
 * A 4K block aligned to 1M, then 100 bytes aligned to 64:
 *
 *   top-down   |                 [p1]      ...    [p2]|
 *   bottom-up  |[p1][p2]                              |
 *
 * Expect p1 on a 1M boundary at the edge of memory (top-down: 1M below
 * the end), and p2 at the highest 64-byte boundary that fits (top-down)
 * or right after p1, merged with it (bottom-up).
 */
static void test_alloc_alignment(void **state)
{
	void *p1, *p2;

	mb_add_test_memory();
	p1 = memblock_alloc(SZ_4K, SZ_1M);
	CHECK_VALID();
	CHECK_EQ("p1", pick(END - SZ_1M, BASE), mb_pa(p1));
	p2 = memblock_alloc(100, SMP_CACHE_BYTES);
	CHECK_VALID();
	CHECK_EQ("p2", pick(END - 128, BASE + SZ_4K), mb_pa(p2));
	CHECK_TYPE(&memblock.reserved, pick(2, 1), SZ_4K + 100);
}

/*
 * Allocation never hands out the first page of physical memory:
 *
 *   memory |[page 0][page 1][page 2][page 3]|   (0..16K)
 *
 * Expect 16K to fail, 8K to come from pages 2-3 (top-down) or 1-2
 * (bottom-up), then one more page, then nothing: page 0 stays free.
 */
static void test_alloc_skips_first_page(void **state)
{
	CHECK_OK(memblock_add(0, SZ_16K));
	CHECK_EQ("16K", 0, VALID_PHYS(memblock_phys_alloc(SZ_16K, SZ_4K)));
	CHECK_EQ("8K", pick(SZ_8K, SZ_4K),
		 VALID_PHYS(memblock_phys_alloc(SZ_8K, SZ_4K)));
	CHECK_EQ("4K", pick(SZ_4K, SZ_8K + SZ_4K),
		 VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K)));
	CHECK_EQ("4K more", 0, VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K)));
	CHECK_EQ("memblock_alloc", 0, VALID_PA(memblock_alloc(SZ_4K, SZ_4K)));
	CHECK_EQ("page 0 reserved", false, memblock_is_reserved(0));
	CHECK_TYPE(&memblock.reserved, 1, SZ_16K - SZ_4K);
	CHECK_REGION(&memblock.reserved, 0, SZ_4K, SZ_16K - SZ_4K);
}

/*
 * memblock_alloc() zeroes; memblock_alloc_raw() and memblock_phys_alloc()
 * do not:
 *
 *   memory filled with 0xa5 |[zeroed][raw][phys] ...|
 *
 * Expect zeros only in the first block.
 */
static void test_alloc_zeroing(void **state)
{
	void *z, *r;
	phys_addr_t ph;

	mb_add_test_memory();
	mb_fill(BASE, MB_MEM_SIZE, 0xa5);
	z = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	r = memblock_alloc_raw(SZ_4K, SZ_4K);
	CHECK_VALID();
	ph = VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K));
	CHECK_BYTES(z, SZ_4K, 0);
	CHECK_BYTES(r, SZ_4K, 0xa5);
	CHECK_BYTES(__va(ph), SZ_4K, 0xa5);
	CHECK_TYPE(&memblock.reserved, 1, 3 * SZ_4K);
}

/*
 * A current limit halfway through memory:
 *
 *   |[   below limit   ]| limit [   above limit   ]|
 *
 * Expect memblock_alloc(), memblock_phys_alloc() (ACCESSIBLE) and
 * memblock_alloc_try_nid(..., ANYWHERE) to stay below the limit, and
 * memblock_phys_alloc_range(..., ANYWHERE) to ignore it.
 */
static void test_alloc_current_limit(void **state)
{
	phys_addr_t limit = BASE + SZ_8M;
	void *p;

	mb_add_test_memory();
	memblock_set_current_limit(limit);
	CHECK_EQ("current_limit", limit, memblock_get_current_limit());

	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("memblock_alloc", pick(limit - SZ_4K, BASE), mb_pa(p));
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE,
				   NUMA_NO_NODE);
	CHECK_VALID();
	CHECK_EQ("memblock_alloc_try_nid", pick(limit - SZ_8K, BASE + SZ_4K),
		 mb_pa(p));
	CHECK_EQ("memblock_phys_alloc_range(ANYWHERE)",
		 pick(END - SZ_4K, BASE + SZ_8K),
		 VALID_PHYS(memblock_phys_alloc_range(
			 SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE)));
	CHECK_EQ("memblock_phys_alloc",
		 pick(limit - 3 * SZ_4K, BASE + 3 * SZ_4K),
		 VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K)));
}

/*
 * A current limit at the start of memory:
 *
 *   limit |[          memory          ]|
 *
 * Expect every allocation bounded by the limit to fail, and one with an
 * explicit MEMBLOCK_ALLOC_ANYWHERE end to succeed.
 */
static void test_alloc_limit_below_memory(void **state)
{
	mb_add_test_memory();
	memblock_set_current_limit(BASE);
	CHECK_EQ("memblock_alloc", 0, VALID_PA(memblock_alloc(SZ_4K, SZ_4K)));
	CHECK_EQ("memblock_phys_alloc", 0,
		 VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K)));
	CHECK_EQ("memblock_alloc_from", 0,
		 VALID_PA(memblock_alloc_from(SZ_4K, SZ_4K, BASE)));
	CHECK_TYPE(&memblock.reserved, 1, 0);
	CHECK_EQ("phys_alloc_range(ANYWHERE)", pick(END - SZ_4K, BASE),
		 VALID_PHYS(memblock_phys_alloc_range(
			 SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE)));
}

/*
 * memblock_alloc_from() with a lower bound in the middle of memory:
 *
 *   top-down   |            min            [p]|
 *   bottom-up  |            min[p]            |
 *
 * Expect p above the bound: at the top, or exactly at the bound.
 */
static void test_alloc_from_simple(void **state)
{
	void *p;

	mb_add_test_memory();
	p = memblock_alloc_from(SZ_4K, SZ_4K, BASE + SZ_8M);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_4K, BASE + SZ_8M), mb_pa(p));
	CHECK_TYPE(&memblock.reserved, 1, SZ_4K);
}

/*
 * memblock_alloc_from() with a lower bound that is not aligned:
 *
 *   bottom-up  |        min.[p]               |
 *
 * Expect p on the next 64-byte boundary (bottom-up) or at the top.
 */
static void test_alloc_from_misaligned(void **state)
{
	void *p;

	mb_add_test_memory();
	p = memblock_alloc_from(SZ_1K, SMP_CACHE_BYTES, BASE + SZ_8M + 100);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_1K, BASE + SZ_8M + 128), mb_pa(p));
}

/*
 * memblock_alloc_from() with a lower bound above all memory:
 *
 *   |[          memory          ]|      min
 *
 * Expect the bound to be dropped and p at the usual place.
 */
static void test_alloc_from_above_memory(void **state)
{
	void *p;

	mb_add_test_memory();
	p = memblock_alloc_from(SZ_4K, SZ_4K, END + SZ_4M);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_4K, BASE), mb_pa(p));
}

/*
 * memblock_alloc_from() when everything above the bound is reserved:
 *
 *   top-down   |             [p]min[#### r ####]|
 *   bottom-up  |[p]             min[#### r ####]|
 *
 * Expect the bound to be dropped: p just below it (merged with r) or at
 * the bottom of memory.
 */
static void test_alloc_from_no_space_above(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_reserve(BASE + SZ_8M, SZ_8M));
	p = memblock_alloc_from(SZ_4K, SZ_4K, BASE + SZ_8M);
	CHECK_VALID();
	CHECK_EQ("address", pick(BASE + SZ_8M - SZ_4K, BASE), mb_pa(p));
	CHECK_TYPE(&memblock.reserved, pick(1, 2), SZ_8M + SZ_4K);
}

/*
 * memblock_alloc_from() with a bound below the start of memory:
 *
 *   min      |[          memory          ]|
 *
 * Expect p at the top or the bottom of memory.
 */
static void test_alloc_from_below_memory(void **state)
{
	void *p;

	mb_add_test_memory();
	p = memblock_alloc_from(SZ_4K, SZ_4K, SZ_1M);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_4K, BASE), mb_pa(p));
}

/*
 * memblock_phys_alloc_range() inside a window, and with windows that cannot
 * hold the request:
 *
 *   |      start[ p ?         ? p ]end              |
 *
 * Expect p at the window's top or bottom; a window too small or outside
 * memory gives 0 (the lower bound is never dropped here).
 */
static void test_phys_alloc_range(void **state)
{
	phys_addr_t lo = BASE + SZ_4M, hi = BASE + SZ_8M;

	mb_add_test_memory();
	CHECK_EQ("in window", pick(hi - SZ_64K, lo),
		 VALID_PHYS(memblock_phys_alloc_range(SZ_64K, SZ_4K, lo, hi)));
	CHECK_EQ("window too small", 0,
		 VALID_PHYS(memblock_phys_alloc_range(SZ_64K, SZ_4K, BASE,
						      BASE + SZ_32K)));
	CHECK_EQ("window outside memory", 0,
		 VALID_PHYS(memblock_phys_alloc_range(SZ_4K, SZ_4K, SZ_64M,
						      SZ_128M)));
	CHECK_TYPE(&memblock.reserved, 1, SZ_64K);
}

/*
 * memblock_phys_alloc_range() with a window that runs past the end of
 * memory:
 *
 *   |[      start[        ]|   ...   end
 *
 * Expect p at the end of memory or at the window's start.
 */
static void test_phys_alloc_range_past_end(void **state)
{
	mb_add_test_memory();
	CHECK_EQ("address", pick(END - SZ_4K, BASE + SZ_8M),
		 VALID_PHYS(memblock_phys_alloc_range(SZ_4K, SZ_4K,
						      BASE + SZ_8M, SZ_1G)));
}

/*
 * memblock_phys_alloc_try_nid() for node 0 when the memory has no node
 * yet (memblock_add() gives MAX_NUMNODES):
 *
 *   |[ memory, no node ]|
 *
 * Expect the fallback to any node to succeed.
 */
static void test_phys_alloc_try_nid_fallback(void **state)
{
	mb_add_test_memory();
	CHECK_EQ("address", pick(END - SZ_4K, BASE),
		 VALID_PHYS(memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 0)));
}

/*
 * An alignment of 0:
 *
 * Expect the kernel's warning and the cache-line alignment used instead.
 */
static void test_alloc_align_zero(void **state)
{
	struct machine *m = *state;
	phys_addr_t p;

	mb_add_test_memory();
	mb_log_skip(m);
	p = VALID_PHYS(
		memblock_phys_alloc_range(100, 0, 0, MEMBLOCK_ALLOC_ANYWHERE));
	CHECK_EQ("address", pick(END - 128, BASE), p);
	CHECK_EQ("warning logged", true, mb_log_has(m, "WARNING"));
}

/*
 * Allocate, free, allocate the same size again:
 *
 *   |        [p]  ->  |               ->  |        [p]
 *
 * Expect the same address twice and one reserved region at the end.
 */
static void test_alloc_after_free(void **state)
{
	void *p, *q;

	mb_add_test_memory();
	p = memblock_alloc(SZ_64K, SZ_4K);
	CHECK_VALID();
	memblock_free(p, SZ_64K);
	CHECK_VALID();
	CHECK_TYPE(&memblock.reserved, 1, 0);
	q = memblock_alloc(SZ_64K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("second address", mb_pa(p), mb_pa(q));
	CHECK_TYPE(&memblock.reserved, 1, SZ_64K);
}

/*
 * Sixteen 64-byte allocations in a row:
 *
 *   top-down   |            [16][15]...[1]|
 *   bottom-up  |[1][2]...[16]             |
 *
 * Expect them to be packed into one reserved region of 1K.
 */
static void test_alloc_packs_small(void **state)
{
	int i;

	mb_add_test_memory();
	for (i = 0; i < 16; i++) {
		void *p = memblock_alloc(SZ_64, SMP_CACHE_BYTES);

		CHECK_VALID();
		CHECK_EQ("address",
			 pick(END - (phys_addr_t)(i + 1) * SZ_64,
			      BASE + (phys_addr_t)i * SZ_64),
			 mb_pa(p));
	}
	CHECK_TYPE(&memblock.reserved, 1, SZ_1K);
	CHECK_REGION(&memblock.reserved, 0, pick(END - SZ_1K, BASE), SZ_1K);
}

/*
 * Memory marked NOMAP on the side where allocation starts:
 *
 *   top-down   |[     usable    ][    NOMAP    ]|
 *   bottom-up  |[    NOMAP    ][     usable    ]|
 *
 * Expect p in the usable half, next to the NOMAP part.
 */
static void test_alloc_skips_nomap(void **state)
{
	void *p;

	mb_add_test_memory();
	CHECK_OK(memblock_mark_nomap(pick(BASE + SZ_8M, BASE), SZ_8M));
	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("address", pick(BASE + SZ_8M - SZ_4K, BASE + SZ_8M), mb_pa(p));
}

/*
 * Memory added as driver-managed on the side where allocation starts:
 *
 *   top-down   |[   normal   ][ DRIVER_MANAGED ]|
 *   bottom-up  |[ DRIVER_MANAGED ][   normal   ]|
 *
 * Expect p in the normal memory.
 */
static void test_alloc_skips_driver_managed(void **state)
{
	phys_addr_t dm = pick(BASE + SZ_8M, BASE),
		    normal = pick(BASE, BASE + SZ_8M);
	void *p;

	CHECK_OK(memblock_add_node(dm, SZ_8M, 0, MEMBLOCK_DRIVER_MANAGED));
	CHECK_OK(memblock_add_node(normal, SZ_8M, 0, MEMBLOCK_NONE));
	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("address", pick(BASE + SZ_8M - SZ_4K, BASE + SZ_8M), mb_pa(p));
}

/*
 * Hotpluggable memory where allocation starts, with and without
 * movable_node:
 *
 *   top-down   |[   normal   ][ HOTPLUG ]|
 *   bottom-up  |[ HOTPLUG ][   normal   ]|
 *
 * Expect the hotpluggable memory to be used normally, and skipped once
 * movable_node is on.
 */
static void test_alloc_movable_node_skips_hotplug(void **state)
{
	phys_addr_t hp = pick(BASE + SZ_8M, BASE),
		    normal = pick(BASE, BASE + SZ_8M);

	CHECK_OK(memblock_add_node(normal, SZ_8M, 0, MEMBLOCK_NONE));
	CHECK_OK(memblock_add_node(hp, SZ_8M, 0, MEMBLOCK_HOTPLUG));
	CHECK_EQ("without movable_node", pick(END - SZ_4K, BASE),
		 VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K)));
	current_machine->k_movable_node = true;
	CHECK_EQ("with movable_node", pick(BASE + SZ_8M - SZ_4K, BASE + SZ_8M),
		 VALID_PHYS(memblock_phys_alloc(SZ_4K, SZ_4K)));
}

/*
 * kernelcore=mirror with a mirrored range in the middle of memory:
 *
 *   |[        ][ MIRROR ][                ]|
 *
 * Expect allocations to come from the mirrored range first.
 */
static void test_alloc_prefers_mirror(void **state)
{
	void *p;

	memblock_set_mirrored_kernelcore(true);
	mb_add_test_memory();
	CHECK_OK(memblock_mark_mirror(BASE + SZ_4M, SZ_4M));
	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("address", pick(BASE + SZ_8M - SZ_4K, BASE + SZ_4M), mb_pa(p));
}

/*
 * kernelcore=mirror, but the mirrored range is all reserved:
 *
 *   |[        ][#MIRROR#][                ]|
 *
 * Expect the kernel's "Could not allocate ... mirrored memory" warning and
 * the allocation served from ordinary memory.
 */
static void test_alloc_mirror_fallback(void **state)
{
	static const char warning[] =
		"Could not allocate 0x0000000000001000 bytes of mirrored memory";
	struct machine *m = *state;
	void *p;

	memblock_set_mirrored_kernelcore(true);
	mb_add_test_memory();
	CHECK_OK(memblock_mark_mirror(BASE + SZ_4M, SZ_4M));
	CHECK_OK(memblock_reserve(BASE + SZ_4M, SZ_4M));
	mb_log_skip(m);
	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("address", pick(END - SZ_4K, BASE), mb_pa(p));
	CHECK_EQ("warning logged", true, mb_log_has(m, warning));
}

/* RAM past 4G for the memblock_alloc_low() tests. */
static int setup_4g_top_down(void **state)
{
	return mb_setup_ram(state, SZ_4G + SZ_64M, false);
}

static int setup_4g_bottom_up(void **state)
{
	return mb_setup_ram(state, SZ_4G + SZ_64M, true);
}

/*
 * memblock_alloc_low() on memory that straddles 4G:
 *
 *   |[ 4G-8M ....... ]| 4G [ ....... 4G+8M ]|
 *
 * Expect p below 4G: bottom-up at 4G-8M; top-down at 4G-8K, because the
 * low limit is the inclusive address 0xffffffff, so the highest aligned
 * start is one page lower than 4G-4K.
 */
static void test_alloc_low(void **state)
{
	void *p;

	CHECK_OK(memblock_add(SZ_4G - SZ_8M, SZ_16M));
	p = memblock_alloc_low(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("address", pick(SZ_4G - SZ_8K, SZ_4G - SZ_8M), mb_pa(p));
	CHECK_BYTES(p, SZ_4K, 0);
}

/*
 * memblock_alloc_low() when everything below 4G is reserved:
 *
 *   |[###### reserved ######]| 4G [ free ]|
 *
 * Expect NULL, while memblock_alloc() still succeeds above 4G.
 */
static void test_alloc_low_full(void **state)
{
	void *p;

	CHECK_OK(memblock_add(SZ_4G - SZ_8M, SZ_16M));
	CHECK_OK(memblock_reserve(SZ_4G - SZ_8M, SZ_8M));
	CHECK_EQ("memblock_alloc_low", 0,
		 VALID_PA(memblock_alloc_low(SZ_4K, SZ_4K)));
	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	CHECK_EQ("memblock_alloc", pick(SZ_4G + SZ_8M - SZ_4K, SZ_4G),
		 mb_pa(p));
}

/* clang-format off */
#define TEST_BOTH_4G(f)                                                    \
	{ #f " (top-down)", f, setup_4g_top_down, mb_teardown, NULL },     \
	{ #f " (bottom-up)", f, setup_4g_bottom_up, mb_teardown, NULL }
/* clang-format on */

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST_BOTH(test_alloc_simple),
		MB_TEST_BOTH(test_alloc_disjoint),
		MB_TEST_BOTH(test_alloc_next_to_reserved),
		MB_TEST_BOTH(test_alloc_second_fit),
		MB_TEST_BOTH(test_alloc_fills_gap),
		MB_TEST_BOTH(test_alloc_gaps_too_small),
		MB_TEST_BOTH(test_alloc_all_reserved),
		MB_TEST_BOTH(test_alloc_no_space),
		MB_TEST_BOTH(test_alloc_limited_space),
		MB_TEST_BOTH(test_alloc_no_memory),
		MB_TEST_BOTH(test_alloc_too_large),
		MB_TEST_BOTH(test_alloc_alignment),
		MB_TEST_BOTH(test_alloc_skips_first_page),
		MB_TEST_BOTH(test_alloc_zeroing),
		MB_TEST_BOTH(test_alloc_current_limit),
		MB_TEST_BOTH(test_alloc_limit_below_memory),
		MB_TEST_BOTH(test_alloc_from_simple),
		MB_TEST_BOTH(test_alloc_from_misaligned),
		MB_TEST_BOTH(test_alloc_from_above_memory),
		MB_TEST_BOTH(test_alloc_from_no_space_above),
		MB_TEST_BOTH(test_alloc_from_below_memory),
		MB_TEST_BOTH(test_phys_alloc_range),
		MB_TEST_BOTH(test_phys_alloc_range_past_end),
		MB_TEST_BOTH(test_phys_alloc_try_nid_fallback),
		MB_TEST_BOTH(test_alloc_align_zero),
		MB_TEST_BOTH(test_alloc_after_free),
		MB_TEST_BOTH(test_alloc_packs_small),
		MB_TEST_BOTH(test_alloc_skips_nomap),
		MB_TEST_BOTH(test_alloc_skips_driver_managed),
		MB_TEST_BOTH(test_alloc_movable_node_skips_hotplug),
		MB_TEST_BOTH(test_alloc_prefers_mirror),
		MB_TEST_BOTH(test_alloc_mirror_fallback),
		TEST_BOTH_4G(test_alloc_low),
		TEST_BOTH_4G(test_alloc_low_full),
	};
	return cmocka_run_group_tests_name("memblock_alloc", tests, NULL, NULL);
}
