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
 * spp_getpage() (a page from memblock, arch/x86/mm/init_64.c's
 * populate_extra_pte()): three pages for the first CPUs,
 * one more PTE page for every further 2 MiB the areas reach.  The entries
 * written point at the CPU's first per-CPU page (mmsim does not model
 * what the kernel keeps in those pages).
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mmsim/machine.h"

#define CPU_ENTRY_AREA_BASE_L4 0xfffffe0000000000UL

/* The kernel's set_pte_vaddr(): map one page, creating tables as needed. */
static void set_pte_vaddr(unsigned long vaddr, phys_addr_t pa)
{
	set_pte(populate_extra_pte(vaddr), pfn_pte(PHYS_PFN(pa), PAGE_KERNEL));
}

/* Pages of one CPU's area that are mapped: GDT, entry stack, TSS, stacks. */
static void map_cpu_area(unsigned long base, phys_addr_t target)
{
	static const unsigned int stacks = 6;   /* DF NMI DB MCE VC VC2 */
	unsigned long off;
	unsigned int s;

	/* GDT (1 page), entry stack (1), TSS (3) */
	for (off = 0; off < 5 * PAGE_SIZE; off += PAGE_SIZE)
		set_pte_vaddr(base + off, target);
	/* exception stacks: a guard page, then two stack pages, each */
	for (s = 0; s < stacks; s++) {
		unsigned long st = 5 * PAGE_SIZE + s * 3 * PAGE_SIZE + PAGE_SIZE;

		set_pte_vaddr(base + st, target);
		set_pte_vaddr(base + st + PAGE_SIZE, target);
	}
}

void setup_cpu_entry_areas(void)
{
	unsigned long size = (unsigned long)profile_u64(current_machine->profile,
						"sizeof.cpu_entry_area", 0x39000);
	unsigned int cpu;

	set_pte_vaddr(CPU_ENTRY_AREA_BASE_L4, 0);   /* read-only IDT */
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		map_cpu_area(CPU_ENTRY_AREA_BASE_L4 + PAGE_SIZE + cpu * size, 0);
}
