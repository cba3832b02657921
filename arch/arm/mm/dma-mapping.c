// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/dma-mapping.c — what ARM's DMA code does to memory at boot:
 * remapping CMA areas that lie in lowmem, and the atomic coherent pool.
 *
 * Kernel counterpart: arch/arm/mm/dma-mapping.c (Linux 6.1):
 * dma_contiguous_early_fixup(), dma_contiguous_remap(), atomic_pool_init().
 *
 *   dma_contiguous_early_fixup  remember each CMA area (at most 8)
 *   dma_contiguous_remap        (paging_init) a CMA area in lowmem loses
 *                               its sections: it is mapped again with
 *                               pages (MT_MEMORY_DMA_READY), so single
 *                               pages can later be remapped uncached;
 *                               an area in HighMem needs nothing
 *   atomic_pool_init            (postcore) 256 KiB (coherent_pool=) for
 *                               atomic coherent allocations, from the CMA
 *                               area when there is one (mapped in the
 *                               vmalloc space when the pages are HighMem),
 *                               else from the page allocator:
 *                               "DMA: preallocated 256 KiB pool for
 *                                atomic coherent allocations"
 *
 * coherent_pool=SIZE is this file's own early parameter on ARM (the
 * generic kernel/dma/pool.c is not built: no CONFIG_DMA_COHERENT_POOL).
 * The size is a size_t of this 32-bit kernel.  Partial: from the page
 * allocator (no CMA area, cma=0) the kernel takes 2^order pages and gives
 * back those past the size (split_page); mmsim keeps the whole block.
 */
#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/init.h"
#include "linux/panic.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/vmalloc.h"
#include "linux/pgtable.h"
#include "linux/cma.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

void dma_contiguous_early_fixup(phys_addr_t base, unsigned long size)
{
	if (!current_machine->arm ||
	    arm_st.dma_mmu_remap_num >= (int)ARRAY_SIZE(arm_st.dma_mmu_remap))
		return;
	arm_st.dma_mmu_remap[arm_st.dma_mmu_remap_num].base = base;
	arm_st.dma_mmu_remap[arm_st.dma_mmu_remap_num].size = size;
	arm_st.dma_mmu_remap_num++;
}

void dma_contiguous_remap(void)
{
	int i;

	for (i = 0; i < arm_st.dma_mmu_remap_num; i++) {
		phys_addr_t start = arm_st.dma_mmu_remap[i].base;
		phys_addr_t end = start + arm_st.dma_mmu_remap[i].size;
		struct map_desc map;
		unsigned long addr;

		if (end > arm_st.arm_lowmem_limit)
			end = arm_st.arm_lowmem_limit;
		if (start >= end)
			continue;
		map.pfn = __phys_to_pfn(start);
		map.virtual = __phys_to_virt(start);
		map.length = (unsigned long)(end - start);
		map.type = MT_MEMORY_DMA_READY;
		for (addr = __phys_to_virt(start); addr < __phys_to_virt(end);
		     addr += ARM_PMD_SIZE)
			arm_pmd_clear(pmd_off_k(addr));
		iotable_init(&map, 1);
	}
}

/* coherent_pool=SIZE; 6.1 hands a bare "coherent_pool" to memparse() as NULL */
static int early_coherent_pool(char *p)
{
	if (!p) {
		panic("%s: NULL pointer dereference: coherent_pool needs a size\n",
		      __func__);
		return -EINVAL;
	}
	arm_st.atomic_pool_size = (u32)memparse(p, &p);
	return 0;
}
early_param("coherent_pool", early_coherent_pool);

/* get_order() of a 32-bit kernel: 0 bytes wraps to the largest order. */
static unsigned int arm_get_order(u32 size)
{
	return (unsigned int)fls((unsigned int)((size - 1) >> PAGE_SHIFT));
}

/* The pool's pages, from CMA when there is an area, else from the buddy. */
static struct page *atomic_pool_pages(unsigned long count, unsigned int order)
{
	struct cma *cma = dev_get_cma_area();

	if (cma)
		return cma_alloc(cma, count,
				 min(order, (unsigned int)CONFIG_VALUE(CONFIG_CMA_ALIGNMENT, 8)));
	return alloc_pages(GFP_KERNEL, order);
}

void arm_atomic_pool_init(void)
{
	const size_t size = arm_st.atomic_pool_size;
	unsigned long count = size >> PAGE_SHIFT, i;
	unsigned int order = arm_get_order(arm_st.atomic_pool_size);
	struct page *page, **pages;
	void *ptr;

	page = atomic_pool_pages(count, order);
	if (!page)
		goto out;
	pages = host_alloc(count * sizeof(*pages));
	for (i = 0; i < count; i++)
		pages[i] = page + i;
	/* HighMem pages have no linear address: map them (dma_common_contiguous_remap) */
	if (page_to_pfn(page) >= max_low_pfn)
		ptr = vmap_caller(pages, (unsigned int)count, VM_DMA_COHERENT,
				  PAGE_KERNEL, "dma_common_contiguous_remap");
	else
		ptr = page_address(page);
	host_free(pages);
	if (!ptr)
		goto out;
	arm_st.atomic_pool = page_to_phys(page);
	arm_st.atomic_pool_pages = count;
	pr_info("DMA: preallocated %zu KiB pool for atomic coherent allocations\n",
		size / 1024);
	return;
out:
	pr_err("DMA: failed to allocate %zu KiB pool for atomic coherent allocation\n",
	       size / 1024);
}
