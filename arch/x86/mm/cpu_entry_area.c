// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/cpu_entry_area.c — the per-CPU entry areas' page tables.
 *
 * Kernel counterparts: arch/x86/mm/cpu_entry_area.c
 * (setup_cpu_entry_areas), arch/x86/mm/init_64.c (set_pte_vaddr,
 * fill_pud/fill_pmd/fill_pte, spp_getpage).
 *
 * At trap_init() the kernel maps, for every possible CPU, the pages the
 * CPU needs on kernel entry (GDT, entry stack, TSS, exception stacks;
 * the Intel debug store only when the CPU has DTES64, which QEMU's
 * default AMD CPU does not) into a fixed virtual region:
 *
 *   CPU_ENTRY_AREA_BASE  read-only IDT page
 *   + PAGE_SIZE          CPU 0's area | CPU 1's area | ...  (one
 *                        sizeof(struct cpu_entry_area) each)
 *
 * set_pte_vaddr() creates missing PUD, PMD and PTE tables with
 * spp_getpage() (a page from memblock): three pages for the first CPUs,
 * one more PTE page for every further 2 MiB the areas reach.  The entries
 * written point at the CPU's first per-CPU page (mmsim does not model
 * what the kernel keeps in those pages).
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mmsim/machine.h"

#define CPU_ENTRY_AREA_BASE_L4 0xfffffe0000000000UL

static void *spp_getpage(void)
{
	void *ptr = memblock_alloc_try_nid_caller(PAGE_SIZE, PAGE_SIZE,
						  MEMBLOCK_LOW_LIMIT,
						  MEMBLOCK_ALLOC_ACCESSIBLE,
						  NUMA_NO_NODE, "spp_getpage");

	if (!ptr)
		pr_emerg("spp_getpage: Failed to allocate %lu bytes\n", PAGE_SIZE);
	return ptr;
}

/* The kernel's set_pte_vaddr(): map one page, creating tables as needed. */
static int set_pte_vaddr(unsigned long vaddr, phys_addr_t pa)
{
	pgd_t *pgd = pgd_offset_k(vaddr);
	p4d_t *p4d = p4d_offset(pgd, vaddr);
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;
	void *p;

	if (p4d_none(*p4d)) {
		if (!(p = spp_getpage()))
			return -1;
		set_p4d(p4d, __p4d(_PAGE_TABLE | __pa(p)));
	}
	pud = pud_offset(p4d, vaddr);
	if (pud_none(*pud)) {
		if (!(p = spp_getpage()))
			return -1;
		set_pud(pud, __pud(_PAGE_TABLE | __pa(p)));
	}
	pmd = pmd_offset(pud, vaddr);
	if (pmd_none(*pmd)) {
		if (!(p = spp_getpage()))
			return -1;
		set_pmd(pmd, __pmd(_PAGE_TABLE | __pa(p)));
	}
	pte = pte_offset_kernel(pmd, vaddr);
	set_pte(pte, pfn_pte(PHYS_PFN(pa), PAGE_KERNEL));
	return 0;
}

/* Pages of one CPU's area that are mapped: GDT, entry stack, TSS, stacks. */
static int map_cpu_area(unsigned long base, phys_addr_t target)
{
	static const unsigned int stacks = 6;   /* DF NMI DB MCE VC VC2 */
	unsigned long off;
	unsigned int s;

	/* GDT (1 page), entry stack (1), TSS (3) */
	for (off = 0; off < 5 * PAGE_SIZE; off += PAGE_SIZE)
		if (set_pte_vaddr(base + off, target))
			return -1;
	/* exception stacks: a guard page, then two stack pages, each */
	for (s = 0; s < stacks; s++) {
		unsigned long st = 5 * PAGE_SIZE + s * 3 * PAGE_SIZE + PAGE_SIZE;

		if (set_pte_vaddr(base + st, target) ||
		    set_pte_vaddr(base + st + PAGE_SIZE, target))
			return -1;
	}
	return 0;
}

void setup_cpu_entry_areas(void)
{
	unsigned long size = (unsigned long)profile_u64(current_machine->profile,
						"sizeof.cpu_entry_area", 0x39000);
	unsigned int cpu;

	if (set_pte_vaddr(CPU_ENTRY_AREA_BASE_L4, 0))   /* read-only IDT */
		return;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (map_cpu_area(CPU_ENTRY_AREA_BASE_L4 + PAGE_SIZE + cpu * size,
				 0))
			return;
}
