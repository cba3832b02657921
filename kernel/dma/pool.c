// SPDX-License-Identifier: MIT
/*
 * kernel/dma/pool.c — the atomic DMA pools made at boot.
 *
 * Kernel counterpart: kernel/dma/pool.c (dma_atomic_pool_init).  One pool
 * per DMA-capable zone kind, sized 128 KiB per GiB of memory (at least
 * 128 KiB, at most a MAX_ORDER block), allocated from the page allocator
 * as one block of the next power-of-two size (a smaller one if that
 * fails) and kept.  The line reports what the pool really holds, the
 * block's size (the 6.1.y stable kernel prints gen_pool_size()):
 * "DMA: preallocated N KiB GFP_KERNEL... pool for atomic allocations".
 */
#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

static bool has_managed_dma(void)
{
	int nid;

	if (ZONE_DMA < 0)
		return false;
	for (nid = 0; nid < MMSIM_MAX_NUMNODES_LIMIT; nid++) {
		pg_data_t *pgdat = current_machine->mm.node_data[nid];

		if (pgdat && managed_zone(&pgdat->node_zones[ZONE_DMA]))
			return true;
	}
	return false;
}

static void atomic_pool_create(size_t size, gfp_t gfp, const char *name)
{
	unsigned int order = 0;
	struct page *page;

	while ((PAGE_SIZE << order) < size)
		order++;
	order = min(order, (unsigned int)MAX_ORDER - 1);
	/* atomic_pool_expand(): fall back to smaller blocks */
	while (!(page = alloc_pages(gfp, order)) && order > 0)
		order--;
	if (!page) {
		pr_err("DMA: failed to allocate %zu KiB %s pool for atomic allocation\n",
		       size >> 10, name);
		return;
	}
	pr_info("DMA: preallocated %zu KiB %s pool for atomic allocations\n",
		(size_t)(PAGE_SIZE << order) >> 10, name);
}

void dma_atomic_pool_init(void)
{
	unsigned long pages = totalram_pages() / ((1UL << 30) / (128UL << 10));
	size_t size;

	pages = min(pages, MAX_ORDER_NR_PAGES);
	size = max((size_t)pages << PAGE_SHIFT, (size_t)128 << 10);
	atomic_pool_create(size, GFP_KERNEL, "GFP_KERNEL");
	if (has_managed_dma())
		atomic_pool_create(size, GFP_KERNEL | GFP_DMA, "GFP_KERNEL|GFP_DMA");
	if (ZONE_DMA32 >= 0)
		atomic_pool_create(size, GFP_KERNEL | GFP_DMA32,
				   "GFP_KERNEL|GFP_DMA32");
}
