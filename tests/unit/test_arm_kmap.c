// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_arm_kmap.c — HighMem on the 1 GiB vexpress-a9: the
 * zonelist's preference for it, and kmap()/kmap_local_page() round trips.
 *
 * Scenarios (one booted machine):
 *   - GFP_HIGHUSER_MOVABLE takes HighMem first (the zonelist is HighMem,
 *     DMA); GFP_KERNEL never gets HighMem; a HighMem page has no linear
 *     address in the kernel's tables.
 *   - kmap(page): a pkmap address whose PTE maps the page; bytes written
 *     through it are the page's (read back through the direct view of
 *     RAM), and the other way round; kmap of the same page again shares
 *     the slot (count 3), kunmap twice leaves it mapped but unused (1).
 *   - kmap of a lowmem page is its linear address, no slot.
 *   - 512 pages mapped at once fill the pkmap area: the 513th fails; once
 *     they are all unmapped, the next kmap wraps around and the flush
 *     frees every idle slot.
 *   - kmap_local_page() nests per CPU in fixmap slots below FIXADDR_TOP
 *     and unmaps in reverse order; each address translates to its page.
 * After each step kmap_validate() and page_alloc_validate() hold.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/machine.h"

#include <string.h>

#define NR_PKMAP 512

static struct machine *m;

static int setup(void **state)
{
	struct machine_desc d;

	test_machine_desc_arm(&d);
	m = test_machine_boot(&d);
	return 0;
}

static int teardown(void **state)
{
	test_machine_destroy(m);
	m = NULL;
	return 0;
}

static void validate(void)
{
	CHECK_EQ("kmap_validate", 0, kmap_validate());
	CHECK_EQ("page_alloc_validate", 0, page_alloc_validate());
}

/* What the MMU would read at kernel address @va: the page's frame. */
static phys_addr_t translate(unsigned long va)
{
	phys_addr_t pa = 0;
	int level;

	if (arm_walk_virt_to_phys(arm_swapper_pg_dir(), va, &pa, &level))
		return ~(phys_addr_t)0;
	return pa;
}

static struct page *alloc_highmem(void)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);

	assert_non_null(page);
	if (!PageHighMem(page))
		fail_msg("GFP_HIGHUSER_MOVABLE gave pfn %#lx, not HighMem", page_to_pfn(page));
	return page;
}

static void test_zonelist_prefers_highmem(void **state)
{
	struct page *high = alloc_highmem(), *low = alloc_pages(GFP_KERNEL, 0);
	phys_addr_t pa = page_to_phys(high);

	assert_non_null(low);
	CHECK_EQ("GFP_KERNEL: lowmem", false, PageHighMem(low));
	CHECK_EQ("HighMem page above arm_lowmem_limit", true,
		 pa >= m->arm->arm_lowmem_limit);
	CHECK_EQ("lowmem page below it", true,
		 page_to_phys(low) < m->arm->arm_lowmem_limit);
	/* __phys_to_virt of a HighMem address lands past high_memory: unmapped */
	CHECK_EQ("no linear mapping of HighMem", ~(phys_addr_t)0,
		 translate(__phys_to_virt(pa)));
	__free_pages(high, 0);
	__free_pages(low, 0);
	validate();
}

static void test_kmap_round_trip(void **state)
{
	struct page *page = alloc_highmem();
	unsigned char *direct = __va(page_to_phys(page)), *p, *q;
	unsigned long kva;
	unsigned int nr;

	p = kmap(page);
	assert_non_null(p);
	kva = kmap_kva(p);
	CHECK_EQ("pkmap address", true, kva >= PKMAP_BASE && kva < arm_page_offset());
	CHECK_EQ("its PTE maps the page", page_to_phys(page), translate(kva));
	memset(p, 0x3c, PAGE_SIZE);
	CHECK_EQ("written through kmap, seen in RAM", 0x3c, direct[PAGE_SIZE - 1]);
	direct[17] = 0xa5;
	CHECK_EQ("written in RAM, seen through kmap", 0xa5, p[17]);
	nr = (unsigned int)((kva - PKMAP_BASE) >> PAGE_SHIFT);
	CHECK_EQ("count after one kmap", 2, pkmap_count_of(nr));
	q = kmap(page);
	CHECK_EQ("same slot again", (unsigned long)p, (unsigned long)q);
	CHECK_EQ("count after two", 3, pkmap_count_of(nr));
	validate();
	kunmap(page);
	kunmap(page);
	CHECK_EQ("mapped but unused", 1, pkmap_count_of(nr));
	CHECK_EQ("still mapped until a flush", page_to_phys(page), translate(kva));
	validate();
	__free_pages(page, 0);
}

static void test_kmap_lowmem(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	assert_non_null(page);
	CHECK_EQ("lowmem kmap = page_address", (unsigned long)page_address(page),
		 (unsigned long)kmap(page));
	CHECK_EQ("lowmem kmap_local = page_address", (unsigned long)page_address(page),
		 (unsigned long)kmap_local_page(page));
	kunmap_local(page_address(page));
	kunmap(page);
	__free_pages(page, 0);
	validate();
}

static void test_pkmap_full_and_flush(void **state)
{
	struct page **pages = test_malloc((NR_PKMAP + 1) * sizeof(*pages));
	struct page *extra;
	int i, idle = 0;

	for (i = 0; i <= NR_PKMAP; i++)
		pages[i] = alloc_highmem();
	for (i = 0; i < NR_PKMAP; i++)
		if (!kmap(pages[i]))
			fail_msg("kmap %d of %d failed", i, NR_PKMAP);
	validate();
	CHECK_EQ("no slot left", 0, (unsigned long)kmap(pages[NR_PKMAP]));
	for (i = 0; i < NR_PKMAP; i++)
		kunmap(pages[i]);
	for (i = 0; i < NR_PKMAP; i++)
		idle += pkmap_count_of((unsigned int)i) == 1;
	CHECK_EQ("every slot idle", NR_PKMAP, idle);
	/* the search wraps: flush_all_zero_pkmaps frees the idle slots */
	extra = pages[NR_PKMAP];
	if (!kmap(extra))
		fail_msg("kmap after the flush failed");
	for (i = 0, idle = 0; i < NR_PKMAP; i++)
		idle += pkmap_count_of((unsigned int)i) == 1;
	CHECK_EQ("idle slots after the flush", 0, idle);
	validate();
	kunmap(extra);
	for (i = 0; i <= NR_PKMAP; i++)
		__free_pages(pages[i], 0);
	test_free(pages);
	validate();
}

static void test_kmap_local_nesting(void **state)
{
	struct page *a = alloc_highmem(), *b = alloc_highmem();
	unsigned char *pa, *pb;
	unsigned long ka, kb;

	pa = kmap_local_page(a);
	pb = kmap_local_page(b);
	assert_non_null(pa);
	assert_non_null(pb);
	ka = kmap_kva(pa);
	kb = kmap_kva(pb);
	CHECK_EQ("first slot below FIXADDR_TOP", FIXADDR_TOP - PAGE_SIZE, ka);
	CHECK_EQ("nested slot below it", ka - PAGE_SIZE, kb);
	CHECK_EQ("slot a maps a", page_to_phys(a), translate(ka));
	CHECK_EQ("slot b maps b", page_to_phys(b), translate(kb));
	pa[0] = 1;
	pb[0] = 2;
	CHECK_EQ("a's byte", 1, *(unsigned char *)__va(page_to_phys(a)));
	CHECK_EQ("b's byte", 2, *(unsigned char *)__va(page_to_phys(b)));
	kunmap_local(pb);
	kunmap_local(pa);
	CHECK_EQ("slot a unmapped", ~(phys_addr_t)0, translate(ka));
	CHECK_EQ("slot b unmapped", ~(phys_addr_t)0, translate(kb));
	__free_pages(a, 0);
	__free_pages(b, 0);
	validate();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zonelist_prefers_highmem),
		cmocka_unit_test(test_kmap_round_trip),
		cmocka_unit_test(test_kmap_lowmem),
		cmocka_unit_test(test_pkmap_full_and_flush),
		cmocka_unit_test(test_kmap_local_nesting),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
