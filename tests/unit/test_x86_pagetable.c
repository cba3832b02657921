// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_x86_pagetable.c — the x86_64 direct map that
 * init_mem_mapping() builds, read back through the page tables.
 *
 * Each test boots one machine and walks init_top_pgt the way the MMU does
 * (walk_virt_to_phys()).  The direct map is expected to cover exactly
 *
 *   the ISA range [0, 1M)  +  every whole page of memblock.memory
 *
 *     0     1M   2M                                  end of RAM
 *     |ISA 4K|4K  |====== 2M pages ======|  4K tail  |   hole   |
 *
 * with a 2 MiB page wherever the whole 2 MiB is memblock memory and 4 KiB
 * pages elsewhere (qemu64 has no 1 GiB pages).  Expect, for every 2 MiB
 * step of physical memory, every page of the ISA range and of every 4K
 * chunk, and the first and last byte of every memory range:
 *
 *   - a mapped address translates to exactly __pa's answer, through an
 *     entry with the kernel's bits (PAGE_KERNEL, + PSE for 2 MiB);
 *   - an address outside RAM (PCI hole, above the end, mem= cut, another
 *     PGD slot, non-canonical) is "not present";
 *   - the DirectMap4k/2M counts equal what the walk finds;
 *   - every table page sits in the brk buffer or in memblock-reserved RAM.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "arch/x86/include/asm/page_types.h"
#include "arch/x86/include/asm/pgtable.h"
#include "arch/x86/include/asm/setup.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define INITRD_SIZE 1029674
#define PTE_KERNEL_BITS 0x8000000000000163ULL  /* P RW A D G NX */
#define PMD_LARGE_BITS 0x80000000000001e3ULL   /* ... + PSE */
#define TABLE_BITS 0x67ULL                     /* _PAGE_TABLE */

static struct machine *m;

static int teardown(void **state)
{
	if (m)
		test_machine_destroy(m);
	m = NULL;
	return 0;
}

static void boot(const char *model, u64 ram, const char *extra_cmdline)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	strcpy(d.model, model);
	d.ram_size = ram;
	d.initrd_size = INITRD_SIZE;
	snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyS0 loglevel=8 %s",
		 extra_cmdline);
	m = test_machine_boot(&d);
}

/* Does the kernel map @pa: the ISA range, or a whole page of memblock.memory? */
static bool expect_mapped(phys_addr_t pa)
{
	unsigned long start_pfn, end_pfn, pfn = PHYS_PFN(pa);
	int i;

	if (pa < ISA_END_ADDRESS)
		return true;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL)
		if (pfn >= start_pfn && pfn < end_pfn)
			return true;
	return false;
}

/* Is all of [base, base + 2M) memblock memory (so a 2 MiB page is due)? */
static bool expect_large(phys_addr_t base)
{
	return base >= PMD_SIZE && memblock_is_region_memory(base, PMD_SIZE);
}

struct walk_counts {
	unsigned long pages_4k, pages_2m;
};

/* Walk one address; check the translation and, when mapped, the leaf. */
static void check_pa(phys_addr_t pa, struct walk_counts *cnt)
{
	unsigned long va = direct_map_va(pa);
	unsigned int level = 0, lk;
	phys_addr_t got = ~0ULL;
	char field[96];
	int ret = walk_virt_to_phys(init_top_pgt, va, &got, &level);
	pte_t *leaf;

	snprintf(field, sizeof(field), "walk of pa %#llx", (unsigned long long)pa);
	if (!expect_mapped(pa)) {
		CHECK_EQ(field, -EFAULT, ret);
		return;
	}
	CHECK_EQ(field, 0, ret);
	CHECK_EQ(field, pa, got);

	snprintf(field, sizeof(field), "page size at pa %#llx",
		 (unsigned long long)pa);
	CHECK_EQ(field, expect_large(pa & PMD_MASK) ? PG_LEVEL_2M : PG_LEVEL_4K,
		 level);

	leaf = lookup_address(va, &lk);
	snprintf(field, sizeof(field), "lookup_address level at pa %#llx",
		 (unsigned long long)pa);
	CHECK_EQ(field, level, lk);
	snprintf(field, sizeof(field), "leaf entry for pa %#llx",
		 (unsigned long long)pa);
	if (level == PG_LEVEL_2M)
		CHECK_EQ(field, (pa & PMD_MASK) | PMD_LARGE_BITS, pte_val(*leaf));
	else
		CHECK_EQ(field, (pa & PAGE_MASK) | PTE_KERNEL_BITS, pte_val(*leaf));
	if (cnt && level == PG_LEVEL_2M)
		cnt->pages_2m++;
	else if (cnt)
		cnt->pages_4k++;
}

/*
 * Every 2 MiB step up to the end of RAM (each 4K chunk page by page), the
 * edges of each memory range, and a few addresses that must not map.
 * Returns the pages found mapped, by size.
 */
static struct walk_counts walk_direct_map(void)
{
	phys_addr_t end = PFN_PHYS(max_pfn), pa, off;
	struct walk_counts cnt = { 0, 0 };
	struct memblock_region *r;

	for (pa = 0; pa < end; pa += PMD_SIZE) {
		if (expect_large(pa)) {
			check_pa(pa + 0x12345, &cnt);
			continue;
		}
		for (off = 0; off < PMD_SIZE && pa + off < end; off += PAGE_SIZE)
			check_pa(pa + off + 0x123, &cnt);
	}
	for_each_mem_region(r) {
		check_pa(r->base, NULL);
		check_pa(r->base - 1, NULL);
		check_pa(r->base + r->size - 1, NULL);
		check_pa(r->base + r->size, NULL);
	}
	check_pa(end, NULL);
	check_pa(end + PMD_SIZE, NULL);
	check_pa(ALIGN(end, PUD_SIZE) + PUD_SIZE, NULL);
	return cnt;
}

/* Addresses no table maps: other PGD slots, the non-canonical hole. */
static void check_unmapped_va(void)
{
	static const unsigned long va[] = {
		0x0000000000001000UL, /* user space: nothing at boot */
		0xffffca0000000000UL, /* vmalloc + 1 TiB: nothing that high */
		0x0000800000000000UL, /* non-canonical */
		0xffff7fffffffffffUL, /* non-canonical */
	};
	phys_addr_t pa;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(va); i++)
		CHECK_EQ("walk of an unmapped virtual address", -EFAULT,
			 walk_virt_to_phys(init_top_pgt, va[i], &pa, NULL));
}

static bool in_pgt_buf(phys_addr_t pa)
{
	const struct x86_pgtable_state *s = &m->x86.pgt;

	return PHYS_PFN(pa) >= s->pgt_buf_start && PHYS_PFN(pa) < s->pgt_buf_end;
}

/* A table page: inside the brk buffer, or reserved in memblock. */
static void check_table_page(u64 entry, const char *level)
{
	phys_addr_t pa = entry & PTE_PFN_MASK;
	char field[96];

	snprintf(field, sizeof(field), "%s table entry bits", level);
	CHECK_EQ(field, TABLE_BITS, entry & ~PTE_PFN_MASK);
	snprintf(field, sizeof(field), "%s table page %#llx allocated", level,
		 (unsigned long long)pa);
	CHECK_EQ(field, true,
		 in_pgt_buf(pa) || memblock_is_region_reserved(pa, PAGE_SIZE));
}

static void check_tables(void)
{
	pgd_t *pgd = pgd_offset_k(PAGE_OFFSET);
	pud_t *pud;
	int i, j;

	check_table_page(pgd_val(*pgd), "PGD");
	pud = p4d_pgtable(*(p4d_t *)pgd);
	for (i = 0; i < PTRS_PER_PUD; i++) {
		pmd_t *pmd;

		if (pud_none(pud[i]))
			continue;
		check_table_page(pud_val(pud[i]), "PUD");
		pmd = pud_pgtable(pud[i]);
		for (j = 0; j < PTRS_PER_PMD; j++)
			if (!pmd_none(pmd[j]) && !pmd_large(pmd[j]))
				check_table_page(pmd_val(pmd[j]), "PMD");
	}
}

/*
 * What every booted machine must satisfy.  @recounted_2m: 2 MiB pages the
 * kernel's accounting counts twice (a second pass over an existing large
 * page adds it again).
 */
static void check_machine_recounted(unsigned long recounted_2m)
{
	struct direct_map_sizes dm = direct_map_sizes_kb();
	unsigned long start_pfn, end_pfn, ram_pages = 0, low_end = 0;
	struct walk_counts cnt;
	int i;

	CHECK_EQ("max_pfn_mapped", max_pfn, m->x86.max_pfn_mapped);
	CHECK_EQ("max_low_pfn (raised to max_pfn)", max_pfn, max_low_pfn);
	CHECK_EQ("memblock.current_limit", PFN_PHYS(max_pfn),
		 memblock_get_current_limit());
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL) {
		start_pfn = max(start_pfn, PHYS_PFN(ISA_END_ADDRESS));
		if (end_pfn > start_pfn)
			ram_pages += end_pfn - start_pfn;
		if (start_pfn < (1UL << 20))
			low_end = max(low_end, min(end_pfn, 1UL << 20));
	}
	CHECK_EQ("max_low_pfn_mapped", low_end, m->x86.max_low_pfn_mapped);
	CHECK_EQ("pfn_range_is_mapped(ISA)", true, pfn_range_is_mapped(0, 256));
	CHECK_EQ("pfn_range_is_mapped(past the end)", false,
		 pfn_range_is_mapped(max_pfn - 1, max_pfn + 1));

	cnt = walk_direct_map();
	check_unmapped_va();
	check_tables();

	CHECK_EQ("DirectMap4k (kB)", cnt.pages_4k * 4, dm.kb_4k);
	CHECK_EQ("DirectMap2M (kB)", (cnt.pages_2m + recounted_2m) * 2048,
		 dm.kb_2m);
	CHECK_EQ("DirectMap1G (kB)", 0, dm.kb_1g);
	CHECK_EQ("DirectMap1G shown", false, dm.show_1g);
	CHECK_EQ("DirectMap total (kB)", (256 + ram_pages + recounted_2m * 512) * 4,
		 dm.kb_4k + dm.kb_2m);
}

static void check_machine(void)
{
	check_machine_recounted(0);
}

/* The first table page of the direct map is the brk buffer's first page. */
static void check_first_table_from_brk(void)
{
	const struct x86_pgtable_state *s = &m->x86.pgt;

	CHECK_EQ("PGD entry of PAGE_OFFSET", PFN_PHYS(s->pgt_buf_start) | TABLE_BITS,
		 pgd_val(*pgd_offset_k(PAGE_OFFSET)));
	CHECK_EQ("brk buffer end", m->x86.image.brk_end, PFN_PHYS(s->pgt_buf_top));
	CHECK_EQ("init_top_pgt inside the image", true,
		 s->init_top_pgt_pa >= m->x86.image.text &&
		 s->init_top_pgt_pa < m->x86.image.end_of_kernel_reserve);
}

/*
 * pc, 512M: RAM [1M, 0x1ffe0000).  Expect 4K pages for [0, 2M) and the
 * tail [0x1fe00000, 0x1ffe0000), 2M pages between; all tables from brk.
 */
static void test_pc_512m(void **state)
{
	boot("pc", 512ULL << 20, "nokaslr");
	check_machine();
	check_first_table_from_brk();
	CHECK_EQ("brk table pages used (PUD, PMD, 2 PTE)", 4,
		 m->x86.pgt.pgt_buf_end - m->x86.pgt.pgt_buf_start);
	CHECK_EQ("DirectMap4k (kB)", 3968, direct_map_sizes_kb().kb_4k);
	CHECK_EQ("trampoline PGD entry (nokaslr: the direct map's)",
		 pgd_val(*pgd_offset_k(PAGE_OFFSET)),
		 pgd_val(m->x86.pgt.trampoline_pgd_entry));
}

/*
 * pc, 4G: RAM [1M, 0xbffe0000) and [4G, 5G).  Expect the PCI hole
 * [0xc0000000, 4G) unmapped and the three tables of [1M, 3G) (the PMD
 * pages of GiB 1 and 2, the tail's PTE page) from memblock at the top.
 */
static void test_pc_4g_highmem(void **state)
{
	boot("pc", 4ULL << 30, "nokaslr");
	check_machine();
	check_first_table_from_brk();
	check_pa(0xd0000000, NULL);
	CHECK_EQ("max_pfn", 0x140000, max_pfn);
	CHECK_EQ("table page from memblock",
		 0x13ffff000ULL | TABLE_BITS,
		 pud_val(*pud_offset(p4d_offset(pgd_offset_k(PAGE_OFFSET), PAGE_OFFSET),
				     direct_map_va(1ULL << 30))));
}

/* q35, 2G: RAM ends at 0x7ffdf000, not on a 4K-chunk boundary of 2M. */
static void test_q35_2g(void **state)
{
	boot("q35", 2ULL << 30, "nokaslr");
	check_machine();
	CHECK_EQ("DirectMap4k (kB)", 3964, direct_map_sizes_kb().kb_4k);
}

/* Two NUMA nodes of 2G each: the direct map does not care about nodes. */
static void test_numa2_4g(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	d.ram_size = 4ULL << 30;
	d.initrd_size = INITRD_SIZE;
	d.smp_cpus = 2;
	d.sockets = 2;
	d.cores = 1;
	d.threads = 1;
	d.nr_nodes = 2;
	d.nodes[0] = (struct numa_node_desc){ 2ULL << 30, 0, 0 };
	d.nodes[1] = (struct numa_node_desc){ 2ULL << 30, 1, 1 };
	strcpy(d.cmdline, "console=ttyS0 loglevel=8 nokaslr");
	m = test_machine_boot(&d);
	check_machine();
}

/* mem=1536M: the RAM above is cut from e820 and must stay unmapped. */
static void test_mem_limit(void **state)
{
	boot("pc", 2ULL << 30, "nokaslr mem=1536M");
	check_machine();
	CHECK_EQ("max_pfn", 0x60000, max_pfn);
	check_pa(0x60000000, NULL);
	check_pa(0x70000000, NULL);
	CHECK_EQ("DirectMap4k (kB)", 2048, direct_map_sizes_kb().kb_4k);
}

/*
 * KASLR on: the trampoline gets a PUD page of its own whose first entry
 * is the direct map's entry for physical GiB 0.
 */
static void test_kaslr_trampoline(void **state)
{
	pud_t *tramp, *pud;

	boot("pc", 512ULL << 20, "");
	check_machine();
	tramp = p4d_pgtable(__p4d(pgd_val(m->x86.pgt.trampoline_pgd_entry)));
	pud = pud_offset(p4d_offset(pgd_offset_k(PAGE_OFFSET), PAGE_OFFSET), PAGE_OFFSET);
	CHECK_EQ("trampoline PGD entry bits", _KERNPG_TABLE,
		 pgd_val(m->x86.pgt.trampoline_pgd_entry) & ~PTE_PFN_MASK);
	CHECK_EQ("trampoline PUD[0]", pud_val(*pud), pud_val(tramp[0]));
	CHECK_EQ("brk table pages used (PUD, PMD, PTE, trampoline, PTE)", 5,
		 m->x86.pgt.pgt_buf_end - m->x86.pgt.pgt_buf_start);
}

/*
 * memblock bottom-up (as with movable_node): the same direct map, built
 * from above the kernel image upwards and then below it.  The booted
 * machine's tables are thrown away and init_mem_mapping() runs again on
 * an empty init_top_pgt.  Expect the same translations; in the counts,
 * the 2 MiB page holding the image's end [0x4400000, 0x4600000) twice:
 * the first pass maps it (its 4K head is promoted: all of it is RAM), the
 * second pass finds it mapped and counts it again, as the kernel does.
 */
static void test_bottom_up(void **state)
{
	struct x86_pgtable_state *s;
	phys_addr_t pgd_pa;

	boot("pc", 4ULL << 30, "nokaslr");
	s = &m->x86.pgt;
	pgd_pa = s->init_top_pgt_pa;
	memset(s, 0, sizeof(*s));
	s->init_top_pgt_pa = pgd_pa;
	memset(init_top_pgt, 0, PAGE_SIZE);
	m->x86.max_pfn_mapped = 0;
	m->x86.max_low_pfn_mapped = 0;
	memblock_set_bottom_up(true);

	CHECK_EQ("early_alloc_pgt_buf", 0, early_alloc_pgt_buf());
	CHECK_EQ("init_mem_mapping (bottom-up)", 0, init_mem_mapping());
	memblock_set_current_limit(get_max_mapped());
	check_machine_recounted(1);
	check_first_table_from_brk();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_pc_512m, teardown),
		cmocka_unit_test_teardown(test_pc_4g_highmem, teardown),
		cmocka_unit_test_teardown(test_q35_2g, teardown),
		cmocka_unit_test_teardown(test_numa2_4g, teardown),
		cmocka_unit_test_teardown(test_mem_limit, teardown),
		cmocka_unit_test_teardown(test_kaslr_trampoline, teardown),
		cmocka_unit_test_teardown(test_bottom_up, teardown),
	};
	return cmocka_run_group_tests_name("x86_pagetable", tests, NULL, NULL);
}
