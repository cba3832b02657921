// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_genalloc.c — the general-purpose allocator
 * (lib/genalloc.c): the bitmap of each chunk, the strategies, several
 * chunks, running out, two CPUs at once, and the pools the boot made.
 *
 * Each test runs on a freshly booted machine (test_vmalloc.h: pc, 512 MiB,
 * 2 CPUs), because a chunk's descriptor is vzalloc'ed.  The memory a test
 * pool manages is a block from the page allocator; a pool hands out its
 * addresses, it never touches the bytes.  gen_pool_validate() (avail
 * matches the bitmap) must hold after every step.
 */
#include "test_vmalloc.h"

#include "linux/errno.h"
#include "linux/genalloc.h"
#include "linux/slab.h"
#include "mmsim/host.h"

#define CHECK_POOL_VALID(pool) \
	CHECK_EQ("gen_pool_validate()", 0, gen_pool_validate(pool))

/* A test pool of 2^@order-byte units over @pages fresh pages. */
struct test_pool {
	struct gen_pool *pool;
	struct page *page;
	unsigned int page_order;
	unsigned long start;
};

static void test_pool_make(struct test_pool *t, int order,
			   unsigned int page_order)
{
	t->pool = gen_pool_create(order, NUMA_NO_NODE);
	if (!t->pool)
		fail_msg("gen_pool_create: expected a pool, got NULL");
	t->page_order = page_order;
	t->page = alloc_pages(GFP_KERNEL, page_order);
	if (!t->page)
		fail_msg("alloc_pages(order %u): expected pages, got NULL", page_order);
	t->start = (unsigned long)page_address(t->page);
	CHECK_EQ("gen_pool_add_virt", 0,
		 gen_pool_add_virt(t->pool, t->start, page_to_phys(t->page),
				   PAGE_SIZE << page_order, NUMA_NO_NODE));
}

static void test_pool_drop(struct test_pool *t)
{
	gen_pool_destroy(t->pool);
	__free_pages(t->page, t->page_order);
}

static struct gen_pool_chunk *only_chunk(struct gen_pool *pool)
{
	return list_first_entry(&pool->chunks, struct gen_pool_chunk, next_chunk);
}

/*
 * Scenario: 16-byte units over 16 KiB (1024 units, 16 bitmap words).
 *   alloc 100 -> 7 units at the start       bits 0..6
 *   alloc 16  -> right after                bit 7
 *   free the first, alloc 48 (3 units)      bits 0..2 again (first fit)
 * Expect the addresses, avail and the bitmap words as drawn, the physical
 * address of any byte, and the chunk descriptor as one page of vmalloc
 * recorded as gen_pool_add_owner's.
 *
 *   bits  |1111111|1|000...   then   |111|0000|1|000...
 */
static void test_alloc_free_bitmap(void **state)
{
	struct test_pool t;
	struct gen_pool_chunk *chunk;
	unsigned long a, b, c;
	struct vm_struct *vm;

	test_pool_make(&t, 4, 2);
	chunk = only_chunk(t.pool);
	CHECK_EQ("gen_pool_size", 4 * PAGE_SIZE, gen_pool_size(t.pool));
	CHECK_EQ("gen_pool_avail", 4 * PAGE_SIZE, gen_pool_avail(t.pool));
	vm = find_vm_area(chunk);
	if (!vm)
		fail_msg("chunk descriptor: expected a vmalloc area, got none");
	CHECK_STR("chunk descriptor's caller", "gen_pool_add_owner", vm->caller);
	CHECK_EQ("chunk descriptor: one page", 1, vm->nr_pages);

	a = gen_pool_alloc(t.pool, 100);
	CHECK_EQ("100 bytes at the start", t.start, a);
	CHECK_EQ("avail after 7 units", 4 * PAGE_SIZE - 112, gen_pool_avail(t.pool));
	CHECK_EQ("bitmap word 0", 0x7f, chunk->bits[0]);
	b = gen_pool_alloc(t.pool, 16);
	CHECK_EQ("16 bytes after them", t.start + 112, b);
	CHECK_EQ("bitmap word 0", 0xff, chunk->bits[0]);
	CHECK_POOL_VALID(t.pool);

	gen_pool_free(t.pool, a, 100);
	CHECK_EQ("bitmap word 0 after the free", 0x80, chunk->bits[0]);
	c = gen_pool_alloc(t.pool, 48);
	CHECK_EQ("first fit: the freed start", t.start, c);
	CHECK_EQ("bitmap word 0", 0x87, chunk->bits[0]);
	CHECK_EQ("virt_to_phys", page_to_phys(t.page) + 40,
		 gen_pool_virt_to_phys(t.pool, c + 40));
	CHECK_EQ("virt_to_phys outside", (phys_addr_t)-1,
		 gen_pool_virt_to_phys(t.pool, t.start - 1));
	CHECK_EQ("has_addr inside", 1, gen_pool_has_addr(t.pool, t.start, 64));
	CHECK_EQ("has_addr past the end", 0,
		 gen_pool_has_addr(t.pool, t.start + 4 * PAGE_SIZE - 8, 16));
	CHECK_POOL_VALID(t.pool);

	gen_pool_free(t.pool, b, 16);
	gen_pool_free(t.pool, c, 48);
	CHECK_EQ("all free", 4 * PAGE_SIZE, gen_pool_avail(t.pool));
	CHECK_EQ("bitmap word 0 empty", 0, chunk->bits[0]);
	test_pool_drop(&t);
	CHECK_EQ("descriptor vfree'd", 0, (unsigned long)find_vm_area(chunk));
	CHECK_VM_VALID();
}

/*
 * Scenario: a pool of one page in 1 KiB units (order PAGE_SHIFT - 2):
 * take all four, then ask for more.
 * Expect 0 (not NULL memory) once full, for 0 bytes and for more than a
 * chunk, and the space usable again after a free; the checker notices a
 * corrupted avail.
 */
static void test_exhaustion(void **state)
{
	struct test_pool t;
	unsigned long unit[4];
	int i;

	test_pool_make(&t, PAGE_SHIFT - 2, 0);
	for (i = 0; i < 4; i++) {
		unit[i] = gen_pool_alloc(t.pool, PAGE_SIZE / 4);
		CHECK_EQ("a quarter page", t.start + (unsigned long)i * (PAGE_SIZE / 4),
			 unit[i]);
	}
	CHECK_EQ("full: nothing", 0, gen_pool_alloc(t.pool, 1));
	CHECK_EQ("0 bytes: nothing", 0, gen_pool_alloc(t.pool, 0));
	gen_pool_free(t.pool, unit[2], PAGE_SIZE / 4);
	CHECK_EQ("more than is free: nothing", 0, gen_pool_alloc(t.pool, PAGE_SIZE / 2));
	CHECK_EQ("the freed quarter again", unit[2], gen_pool_alloc(t.pool, 10));
	CHECK_EQ("bigger than the chunk: nothing", 0,
		 gen_pool_alloc(t.pool, 2 * PAGE_SIZE));
	CHECK_POOL_VALID(t.pool);

	only_chunk(t.pool)->avail.counter += 1;
	CHECK_EQ("a wrong avail is caught", -EINVAL, gen_pool_validate(t.pool));
	only_chunk(t.pool)->avail.counter -= 1;
	host_free(test_log_take(*state));
	for (i = 0; i < 4; i++)
		gen_pool_free(t.pool, unit[i], PAGE_SIZE / 4);
	CHECK_POOL_VALID(t.pool);
	test_pool_drop(&t);
}

/*
 * Scenario: the strategies on 1-byte units (order 0) over one page.
 *   first_fit_order_align (the DMA pools): after 1 unit at 0, a 3-unit
 *     request is rounded to 4 for alignment: it starts at 4;
 *   first_fit_align, 64 bytes: after unit 0, starts at 64;
 *   fixed_alloc at offset 200: exactly there, and nothing when busy;
 *   best_fit: holes of 8 and 4 units, a 4-unit request takes the 4 one.
 */
static void test_algorithms(void **state)
{
	struct genpool_data_align align = { .align = 64 };
	struct genpool_data_fixed fixed = { .offset = 200 };
	unsigned long a, b, x, y, hole8, hole4;
	struct test_pool t;

	test_pool_make(&t, 0, 0);
	gen_pool_set_algo(t.pool, gen_pool_first_fit_order_align, NULL);
	a = gen_pool_alloc(t.pool, 1);
	CHECK_EQ("order-align: 1 unit at 0", t.start, a);
	b = gen_pool_alloc(t.pool, 3);
	CHECK_EQ("order-align: 3 units on a 4-unit boundary", t.start + 4, b);
	gen_pool_free(t.pool, b, 3);

	x = gen_pool_alloc_algo(t.pool, 10, gen_pool_first_fit_align, &align);
	CHECK_EQ("align 64", t.start + 64, x);
	gen_pool_free(t.pool, x, 10);

	x = gen_pool_alloc_algo(t.pool, 8, gen_pool_fixed_alloc, &fixed);
	CHECK_EQ("fixed at 200", t.start + 200, x);
	CHECK_EQ("fixed at 200 again: busy", 0,
		 gen_pool_alloc_algo(t.pool, 8, gen_pool_fixed_alloc, &fixed));
	gen_pool_free(t.pool, x, 8);

	gen_pool_set_algo(t.pool, NULL, NULL);
	CHECK_EQ("NULL algo means first fit", (unsigned long)gen_pool_first_fit,
		 (unsigned long)t.pool->algo);
	/* [a:1][8 free][x:1][4 free][y: the rest] */
	hole8 = gen_pool_alloc(t.pool, 8);
	x = gen_pool_alloc(t.pool, 1);
	hole4 = gen_pool_alloc(t.pool, 4);
	y = gen_pool_alloc(t.pool, PAGE_SIZE - 14);
	CHECK_EQ("page filled", 0, gen_pool_avail(t.pool));
	gen_pool_free(t.pool, hole8, 8);
	gen_pool_free(t.pool, hole4, 4);
	CHECK_EQ("best fit: the 4-unit hole", hole4,
		 gen_pool_alloc_algo(t.pool, 4, gen_pool_best_fit, NULL));
	CHECK_EQ("first fit would take the 8-unit hole", hole8,
		 gen_pool_alloc(t.pool, 3));
	CHECK_POOL_VALID(t.pool);
	gen_pool_free(t.pool, hole4, 4);
	gen_pool_free(t.pool, hole8, 3);
	gen_pool_free(t.pool, a, 1);
	gen_pool_free(t.pool, x, 1);
	gen_pool_free(t.pool, y, PAGE_SIZE - 14);
	CHECK_EQ("all free", PAGE_SIZE, gen_pool_avail(t.pool));
	test_pool_drop(&t);
}

static void count_chunk(struct gen_pool *pool, struct gen_pool_chunk *chunk,
			void *data)
{
	unsigned long *order = data;

	order[order[0] + 1] = chunk->start_addr;
	order[0]++;
}

/*
 * Scenario: two chunks, A added before B; the owner each was added with.
 * Expect B searched first (chunks are added at the head), A used once B
 * is full, the sizes summed, and each allocation's owner reported.
 */
static void test_two_chunks(void **state)
{
	struct page *pa = alloc_page(GFP_KERNEL), *pb = alloc_page(GFP_KERNEL);
	unsigned long a = (unsigned long)page_address(pa);
	unsigned long b = (unsigned long)page_address(pb), x, seen[3] = { 0 };
	struct gen_pool *pool = gen_pool_create(PAGE_SHIFT - 1, NUMA_NO_NODE);
	void *owner;
	int tag_a, tag_b;

	CHECK_EQ("add A", 0, gen_pool_add_owner(pool, a, page_to_phys(pa), PAGE_SIZE,
						 NUMA_NO_NODE, &tag_a));
	CHECK_EQ("add B", 0, gen_pool_add_owner(pool, b, page_to_phys(pb), PAGE_SIZE,
						 NUMA_NO_NODE, &tag_b));
	CHECK_EQ("size of both", 2 * PAGE_SIZE, gen_pool_size(pool));
	gen_pool_for_each_chunk(pool, count_chunk, seen);
	CHECK_EQ("two chunks", 2, seen[0]);
	CHECK_EQ("B listed first", b, seen[1]);
	x = gen_pool_alloc_owner(pool, PAGE_SIZE, &owner);
	CHECK_EQ("from B first", b, x);
	CHECK_EQ("B's owner", (unsigned long)&tag_b, (unsigned long)owner);
	CHECK_EQ("then from A", a, gen_pool_alloc_owner(pool, 1, &owner));
	CHECK_EQ("A's owner", (unsigned long)&tag_a, (unsigned long)owner);
	CHECK_EQ("A's second half", a + PAGE_SIZE / 2, gen_pool_alloc(pool, 1));
	CHECK_EQ("full", 0, gen_pool_alloc(pool, 1));
	CHECK_POOL_VALID(pool);
	gen_pool_free_owner(pool, b, PAGE_SIZE, &owner);
	CHECK_EQ("free reports B's owner", (unsigned long)&tag_b, (unsigned long)owner);
	gen_pool_free(pool, a, 1);
	gen_pool_free(pool, a + PAGE_SIZE / 2, 1);
	gen_pool_destroy(pool);
	__free_page(pa);
	__free_page(pb);
}

/* Two CPUs allocating and freeing single units of one pool at once. */
struct race {
	struct gen_pool *pool;
	unsigned long start;
	unsigned char owner[64];   /* 0, or 1 + the CPU holding the unit */
	int doubles, failures;
};

#define RACE_ROUNDS 20000

static void race_cpu(int cpu, void *arg)
{
	struct race *r = arg;
	unsigned long held[8];
	int round, i, n = 0;

	for (round = 0; round < RACE_ROUNDS; round++) {
		if (n < 8 && (round % 3 || !n)) {
			unsigned long addr = gen_pool_alloc(r->pool, 1);
			unsigned char none = 0;

			if (!addr) {
				__atomic_add_fetch(&r->failures, 1, __ATOMIC_RELAXED);
				continue;
			}
			if (!__atomic_compare_exchange_n(&r->owner[addr - r->start], &none,
							 (unsigned char)(cpu + 1), false,
							 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
				__atomic_add_fetch(&r->doubles, 1, __ATOMIC_RELAXED);
			held[n++] = addr;
			continue;
		}
		i = round % n;
		__atomic_store_n(&r->owner[held[i] - r->start], 0, __ATOMIC_RELEASE);
		gen_pool_free(r->pool, held[i], 1);
		held[i] = held[--n];
	}
	while (n--) {
		__atomic_store_n(&r->owner[held[n] - r->start], 0, __ATOMIC_RELEASE);
		gen_pool_free(r->pool, held[n], 1);
	}
}

/*
 * Scenario: CPUs 0 and 1, 20000 rounds each, allocate single bytes of a
 * 64-byte pool (64 bits in one bitmap word: every claim races on it) and
 * free them, each holding up to 8.
 * Expect no byte handed to both at once, no failure (at most 16 held),
 * and an empty, consistent pool at the end.
 */
static void test_two_cpus(void **state)
{
	static struct race r;
	const int cpus[2] = { 0, 1 };
	struct page *page = alloc_page(GFP_KERNEL);

	memset(&r, 0, sizeof(r));
	r.pool = gen_pool_create(0, NUMA_NO_NODE);
	r.start = (unsigned long)page_address(page);
	CHECK_EQ("add", 0, gen_pool_add(r.pool, r.start, sizeof(r.owner), NUMA_NO_NODE));
	CHECK_EQ("run", 0, host_run_on_cpus(*state, cpus, 2, race_cpu, &r));
	CHECK_EQ("bytes held by two CPUs at once", 0, r.doubles);
	CHECK_EQ("failed allocations", 0, r.failures);
	CHECK_EQ("all free again", sizeof(r.owner), gen_pool_avail(r.pool));
	CHECK_POOL_VALID(r.pool);
	gen_pool_destroy(r.pool);
	__free_page(page);
}

static void check_dma_pool(struct gen_pool *pool, const char *what)
{
	struct gen_pool_chunk *chunk;
	unsigned long a, b;
	char field[96];

	snprintf(field, sizeof(field), "%s: made at boot", what);
	CHECK_EQ(field, 1, pool != NULL);
	chunk = only_chunk(pool);
	snprintf(field, sizeof(field), "%s: 128 KiB (512 MiB machine)", what);
	CHECK_EQ(field, 128 << 10, gen_pool_size(pool));
	snprintf(field, sizeof(field), "%s: its chunk is the direct map of its block",
		 what);
	CHECK_EQ(field, chunk->phys_addr, __pa((void *)chunk->start_addr));
	a = gen_pool_alloc(pool, PAGE_SIZE);
	b = gen_pool_alloc(pool, 3 * PAGE_SIZE);
	snprintf(field, sizeof(field), "%s: 3 pages aligned to 4", what);
	CHECK_EQ(field, chunk->start_addr + 4 * PAGE_SIZE, b);
	snprintf(field, sizeof(field), "%s: dma address", what);
	CHECK_EQ(field, __pa((void *)b), gen_pool_virt_to_phys(pool, b));
	gen_pool_free(pool, a, PAGE_SIZE);
	gen_pool_free(pool, b, 3 * PAGE_SIZE);
	CHECK_POOL_VALID(pool);
}

/*
 * Scenario: the pools the boot made: the three atomic DMA pools
 * (postcore initcall) and the machine-check records pool (boot CPU
 * identification), each one chunk.
 * Expect 128 KiB DMA pools in page units handing out blocks aligned to
 * their size (gen_pool_first_fit_order_align), with DMA addresses, and the
 * MCE pool of 2 pages in 128-byte units (ilog2 of a 136-byte record).
 */
static void test_boot_pools(void **state)
{
	struct machine *m = current_machine;
	struct gen_pool *mce = m->x86.mce_evt_pool;

	check_dma_pool(m->atomic_pool_kernel, "GFP_KERNEL pool");
	check_dma_pool(m->atomic_pool_dma, "GFP_DMA pool");
	check_dma_pool(m->atomic_pool_dma32, "GFP_DMA32 pool");
	CHECK_EQ("DMA pools: gen_pool_first_fit_order_align",
		 (unsigned long)gen_pool_first_fit_order_align,
		 (unsigned long)m->atomic_pool_kernel->algo);
	CHECK_EQ("MCE pool made", 1, mce != NULL);
	CHECK_EQ("MCE pool: 128-byte units", 7, mce->min_alloc_order);
	CHECK_EQ("MCE pool: 2 pages", 2 * PAGE_SIZE, gen_pool_size(mce));
	CHECK_EQ("MCE pool: no physical address", (phys_addr_t)-1,
		 gen_pool_virt_to_phys(mce, only_chunk(mce)->start_addr));
	CHECK_POOL_VALID(mce);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		VM_TEST(test_alloc_free_bitmap),
		VM_TEST(test_exhaustion),
		VM_TEST(test_algorithms),
		VM_TEST(test_two_chunks),
		VM_TEST(test_two_cpus),
		VM_TEST(test_boot_pools),
	};

	return cmocka_run_group_tests_name("genalloc", tests, NULL, NULL);
}
