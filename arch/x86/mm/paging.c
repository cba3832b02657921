// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/paging.c — from memblock to zones: the x86_64 paging_init().
 *
 * Kernel counterparts: arch/x86/mm/init_64.c (initmem_init, paging_init),
 * arch/x86/mm/init.c (memblock_find_dma_reserve, zone_sizes_init).
 *
 *   initmem_init()             NUMA nodes (arch/x86/mm/numa.c)
 *   memblock_find_dma_reserve  pages below 16 MiB already reserved: the
 *                              DMA zone's managed count starts without them
 *   paging_init()              sparse_init() builds the memory map, then
 *                              zone_sizes_init() gives the zone limits:
 *                              DMA < 16 MiB, DMA32 < 4 GiB, Normal above
 */
#include "linux/kernel.h"
#include "linux/vmalloc.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/gfp.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/pgtable.h"
#include "arch/x86/include/asm/numa.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#include <string.h>

#define MAX_DMA_PFN ((16UL * 1024 * 1024) >> PAGE_SHIFT)
#define MAX_DMA32_PFN (1UL << (32 - PAGE_SHIFT))

void initmem_init(void)
{
	x86_numa_init();
}

/* set_dma_reserve(): pages below 16 MiB that memblock holds reserved. */
void memblock_find_dma_reserve(void)
{
	u64 nr_pages = 0, nr_free_pages = 0, u;
	unsigned long start_pfn, end_pfn;
	phys_addr_t start_addr, end_addr;
	int i;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL) {
		start_pfn = min(start_pfn, MAX_DMA_PFN);
		end_pfn = min(end_pfn, MAX_DMA_PFN);
		nr_pages += end_pfn - start_pfn;
	}
	for_each_free_mem_range(u, NUMA_NO_NODE, MEMBLOCK_NONE, &start_addr,
				&end_addr, NULL) {
		start_pfn = min_t(unsigned long, PFN_UP(start_addr), MAX_DMA_PFN);
		end_pfn = min_t(unsigned long, PFN_DOWN(end_addr), MAX_DMA_PFN);
		if (start_pfn < end_pfn)
			nr_free_pages += end_pfn - start_pfn;
	}
	current_machine->mm.dma_reserve = (unsigned long)(nr_pages - nr_free_pages);
}

static void zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MMSIM_MAX_NR_ZONES];

	memset(max_zone_pfns, 0, sizeof(max_zone_pfns));
	if (ZONE_DMA >= 0)
		max_zone_pfns[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn);
	if (ZONE_DMA32 >= 0)
		max_zone_pfns[ZONE_DMA32] = min(MAX_DMA32_PFN, max_low_pfn);
	max_zone_pfns[ZONE_NORMAL] = max_low_pfn;
	free_area_init(max_zone_pfns);
}

int paging_init(void)
{
	int ret = sparse_init();

	if (ret)
		return ret;
	/* the default "node 0 has memory" is recomputed by free_area_init */
	node_clear_state(0, N_MEMORY);
	node_clear_state(0, N_NORMAL_MEMORY);
	zone_sizes_init();
	return 0;
}

void pci_iommu_alloc(void);

/*
 * The vmalloc area's top-level tables are allocated once at boot so that
 * no page-table change there ever has to be copied into other PGDs: with
 * 4 levels, one PUD page for each PGD slot the 32 TiB vmalloc area
 * touches, from the page allocator (after memblock is gone) — 64 slots
 * at the default base, 65 when KASLR put the base off a 512 GiB boundary.
 */
static void preallocate_vmalloc_pages(void)
{
	unsigned long addr;

	for (addr = VMALLOC_START; addr <= VMALLOC_END;
	     addr = ALIGN(addr + 1, PGDIR_SIZE)) {
		pgd_t *pgd = pgd_offset_k(addr);
		p4d_t *p4d = p4d_offset(pgd, addr);
		unsigned long page;

		if (!p4d_none(*p4d))
			continue;
		page = get_zeroed_page(GFP_KERNEL);
		if (!page) {
			pr_emerg("Failed to pre-allocate pud pages for vmalloc area\n");
			return;
		}
		set_p4d(p4d, __p4d(_PAGE_TABLE | __pa((void *)page)));
	}
}

/* mem_init(): IOMMU/bounce buffers, then all free memory to the buddy allocator. */
void mem_init(void)
{
	pci_iommu_alloc();
	memblock_free_all();
	current_machine->mm.page_alloc_ready = true;
	preallocate_vmalloc_pages();
}
