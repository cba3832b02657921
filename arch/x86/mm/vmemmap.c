// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/vmemmap.c — mapping the virtual memory map with 2 MiB pages.
 *
 * Kernel counterpart: arch/x86/mm/init_64.c (vmemmap_populate,
 * vmemmap_populate_hugepages) and mm/sparse-vmemmap.c (vmemmap_p4d_populate,
 * vmemmap_pud_populate).
 *
 * The vmemmap lives at VMEMMAP_START (0xffffea0000000000 with 4-level
 * paging).  For each 2 MiB of struct pages the kernel walks its page
 * tables from init_top_pgt, allocating a missing PUD or PMD table with
 * vmemmap_alloc_block_zero() (memblock, above 16 MiB), and points a PMD
 * entry at a 2 MiB block of the node's memory-map buffer.  With 4 levels
 * the P4D level is the PGD entry, so the first section of a machine costs
 * two table pages (a PUD table and a PMD table), as the logs show.
 *
 * mmsim also maps each block into the host's vmemmap range
 * (mm/sparse-vmemmap.c), so struct pages in simulated RAM are plain C
 * objects.  The table entries sit at vmemmap_base, which KASLR may have
 * moved (arch/x86/mm/kaslr.c).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

static void *populate_table(int node)
{
	return vmemmap_alloc_block_zero(PAGE_SIZE, node);
}

/* Make sure the PUD and PMD tables for @addr exist; the PMD entry, or NULL. */
static pmd_t *vmemmap_pmd_for(unsigned long addr, int node)
{
	pgd_t *pgd = pgd_offset_k(addr);
	p4d_t *p4d;
	pud_t *pud;
	void *p;

	if (pgd_none(*pgd)) { /* only with 5 levels */
		p = populate_table(node);
		if (!p)
			return NULL;
		set_pgd(pgd, __pgd(_PAGE_TABLE | __pa(p)));
	}
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d)) {
		p = populate_table(node);
		if (!p)
			return NULL;
		set_p4d(p4d, __p4d(_PAGE_TABLE | __pa(p)));
	}
	pud = pud_offset(p4d, addr);
	if (pud_none(*pud)) {
		p = populate_table(node);
		if (!p)
			return NULL;
		set_pud(pud, __pud(_PAGE_TABLE | __pa(p)));
	}
	return pmd_offset(pud, addr);
}

/*
 * Map vmemmap bytes [start, end) (offsets from VMEMMAP_START) with 2 MiB
 * pages from the memory-map buffer.  QEMU's CPU has PSE, so the 4 KiB
 * fallback of the kernel is never taken; it is reported if it would be.
 */
int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	unsigned long off, next;

	for (off = start; off < end; off = next) {
		unsigned long addr = current_machine->x86.vmemmap_base + off;
		pmd_t *pmd;
		void *p;

		next = min(ALIGN(off + 1, PMD_SIZE), end);
		pmd = vmemmap_pmd_for(addr, node);
		if (!pmd)
			return -ENOMEM;
		if (!pmd_none(*pmd)) {
			if (pmd_large(*pmd))
				continue;
			pr_err("vmemmap: 4 KiB vmemmap mappings are not simulated\n");
			return -ENOSYS;
		}
		p = vmemmap_alloc_block_buf(PMD_SIZE, node);
		if (!p) {
			pr_err("vmemmap: no 2 MiB block for the memory map\n");
			return -ENOMEM;
		}
		set_pmd(pmd, pfn_pmd(__pa(p) >> PAGE_SHIFT, PAGE_KERNEL_LARGE));
		if (vmemmap_host_map(ALIGN_DOWN(off, PMD_SIZE), __pa(p), PMD_SIZE))
			return -ENOMEM;
	}
	return 0;
}
