// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_arm_stress.c — the validators, after every step of a
 * random workload on a booted 32-bit ARM machine (512 MiB without
 * HighMem and 1 GiB with it, so both zone layouts are exercised).
 *
 * Operations (seeded xorshift, reproducible): allocate pages of a random
 * order (0 .. MAX_ORDER - 1; armmp's MAX_ORDER is 12) with GFP_KERNEL,
 * GFP_HIGHUSER_MOVABLE or GFP_USER; free a random block; vmalloc and
 * vfree (PTE pages in the ARM tables, host window); kmap and kunmap a
 * HighMem page; kmap_local_page a page and unmap it; drain the per-CPU
 * lists.  Running out of memory is a normal outcome.
 *
 * After every step: page_alloc_validate(), vmalloc_validate(),
 * kmap_validate() and memblock_validate() hold; a lowmem request never
 * gets HighMem; a kmap'd byte is in RAM.  At the end everything is freed
 * and the free count is back where it started (to within the pages
 * caches keep: vmalloc's PTE pages, SLUB's partial slabs).
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/highmem.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/vmalloc.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEPS 1200
#define LEDGER_MAX 512

struct block {
	struct page *page;
	void *vmem;             /* a vmalloc() area instead of pages */
	unsigned int order;
	bool kmapped;
};

static struct {
	struct machine *m;
	struct block ledger[LEDGER_MAX];
	int nr;
	u64 seed;
} st;

static u64 next_rand(void)
{
	st.seed ^= st.seed << 13;
	st.seed ^= st.seed >> 7;
	st.seed ^= st.seed << 17;
	return st.seed;
}

static int teardown(void **state)
{
	if (st.m)
		test_machine_destroy(st.m);
	st.m = NULL;
	return 0;
}

static void validate(int step)
{
	char what[64];

	snprintf(what, sizeof(what), "step %d: page_alloc_validate", step);
	CHECK_EQ(what, 0, page_alloc_validate());
	snprintf(what, sizeof(what), "step %d: vmalloc_validate", step);
	CHECK_EQ(what, 0, vmalloc_validate());
	snprintf(what, sizeof(what), "step %d: kmap_validate", step);
	CHECK_EQ(what, 0, kmap_validate());
	snprintf(what, sizeof(what), "step %d: memblock_validate", step);
	CHECK_EQ(what, 0, memblock_validate());
}

static void release(int i)
{
	struct block *b = &st.ledger[i];

	if (b->vmem) {
		vfree(b->vmem);
	} else {
		if (b->kmapped)
			kunmap(b->page);
		__free_pages(b->page, b->order);
	}
	st.ledger[i] = st.ledger[--st.nr];
}

static void op_alloc(void)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_USER };
	unsigned int order = (unsigned int)(next_rand() % 100) < 80 ?
			     (unsigned int)(next_rand() % 4) :
			     (unsigned int)(next_rand() % MAX_ORDER);
	gfp_t gfp = gfps[next_rand() % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
	struct page *page;

	if (st.nr == LEDGER_MAX)
		return;
	page = alloc_pages(gfp, order);
	if (!page)
		return;
	if (!(gfp & __GFP_HIGHMEM) && PageHighMem(page))
		fail_msg("a lowmem request got HighMem pfn %#lx", page_to_pfn(page));
	st.ledger[st.nr++] = (struct block){ .page = page, .order = order };
}

static void op_vmalloc(void)
{
	unsigned long size = (next_rand() % 16 + 1) * PAGE_SIZE - next_rand() % 100;
	void *p;

	if (st.nr == LEDGER_MAX)
		return;
	p = vmalloc(size);
	if (!p)
		return;
	memset(p, 0x5a, size);
	st.ledger[st.nr++] = (struct block){ .vmem = p };
}

/* kmap a HighMem block of the ledger (kept mapped until it is freed). */
static void op_kmap(void)
{
	struct block *b;
	unsigned char *p;

	if (!st.nr)
		return;
	b = &st.ledger[next_rand() % (u64)st.nr];
	if (b->vmem || b->kmapped || !PageHighMem(b->page))
		return;
	p = kmap(b->page);
	if (!p)
		return;
	p[0] = 0x11;
	if (*(unsigned char *)__va(page_to_phys(b->page)) != 0x11)
		fail_msg("kmap'd byte not in RAM");
	b->kmapped = true;
}

static void op_kmap_local(void)
{
	struct block *b;
	unsigned char *p;

	if (!st.nr)
		return;
	b = &st.ledger[next_rand() % (u64)st.nr];
	if (b->vmem)
		return;
	p = kmap_local_page(b->page);
	assert_non_null(p);
	p[PAGE_SIZE - 1] = 0x22;
	kunmap_local(p);
}

static void run_machine(u64 ram, u64 seed)
{
	struct machine_desc d;
	unsigned long free_before;
	int step;

	test_machine_desc_arm(&d);
	d.ram_size = ram;
	st.m = test_machine_boot(&d);
	st.nr = 0;
	st.seed = seed;
	vm_unmap_aliases();             /* areas the boot freed lazily */
	drain_all_pages(NULL);
	free_before = nr_free_pages();
	validate(0);
	for (step = 1; step <= STEPS; step++) {
		unsigned int op = (unsigned int)(next_rand() % 100);

		if (op < 40)
			op_alloc();
		else if (op < 65 && st.nr)
			release((int)(next_rand() % (u64)st.nr));
		else if (op < 75)
			op_vmalloc();
		else if (op < 85)
			op_kmap();
		else if (op < 95)
			op_kmap_local();
		else
			drain_all_pages(NULL);
		validate(step);
	}
	while (st.nr)
		release(st.nr - 1);
	vm_unmap_aliases();
	drain_all_pages(NULL);
	validate(STEPS + 1);
	/*
	 * Back where it started, to within what caches legitimately hold or
	 * give back: PTE pages vmalloc made (never freed), slabs SLUB keeps
	 * or releases (min_partial), work the boot left queued.
	 */
	if (labs((long)nr_free_pages() - (long)free_before) > 64)
		fail_msg("free pages %lu after the run, %lu before", nr_free_pages(),
			 free_before);
	test_machine_destroy(st.m);
	st.m = NULL;
}

static void test_stress_1g_highmem(void **state)
{
	run_machine(1ULL << 30, 0x9e3779b97f4a7c15ULL);
}

static void test_stress_512m_lowmem_only(void **state)
{
	run_machine(512ULL << 20, 0x1234567887654321ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_stress_1g_highmem, teardown),
		cmocka_unit_test_teardown(test_stress_512m_lowmem_only, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
