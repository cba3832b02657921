// SPDX-License-Identifier: MIT
/*
 * kernel/dma/pool.c — the atomic DMA pools made at boot.
 *
 * Kernel counterpart: kernel/dma/pool.c (Linux 6.1: dma_atomic_pool_init,
 * __dma_atomic_pool_init, atomic_pool_expand).  Allocations that may not
 * sleep but need DMA-able memory are served from pools set aside at boot:
 * one per kind of memory a device may need (GFP_KERNEL; GFP_DMA when
 * ZONE_DMA has memory; GFP_DMA32 when the .config has the zone).
 *
 *   pool size     128 KiB per GiB of RAM, at least 128 KiB, at most a
 *                 MAX_ORDER-1 block (coherent_pool= overrides it)
 *   each pool     gen_pool_create(PAGE_SHIFT): one bit per page, handed
 *                 out aligned to its own (power-of-two) size
 *   its memory    alloc_pages(gfp, get_order(size)), a smaller order when
 *                 that fails, added with gen_pool_add_virt(): the chunk's
 *                 descriptor is vzalloc'ed (lib/genalloc.c), so each pool
 *                 is one "gen_pool_add_owner" line in /proc/vmallocinfo
 *
 * "DMA: preallocated N KiB <gfp> pool for atomic allocations" reports
 * gen_pool_size(): what the pool really holds.
 *
 * On x86_64 the pages are used through the direct map (no
 * CONFIG_DMA_DIRECT_REMAP), set_memory_decrypted() has nothing to do
 * (no memory encryption), arch_dma_prep_coherent() is empty, and the
 * .config has no DMA CMA area; the background expansion work and the
 * debugfs files are not modelled.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/genalloc.h"
#include "linux/gfp.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/panic.h"
#include "linux/printk.h"
#include "linux/sizes.h"
#include "mmsim/machine.h"

#define atomic_pool_size (current_machine->atomic_pool_size)

/*
 * 6.1 hands a bare "coherent_pool" (no value) to memparse() as NULL and
 * the boot dies on that NULL pointer (on x86 an early page fault before
 * the IDT: "PANIC: early exception 0x0e", then a halt).  mmsim cannot
 * fault the same way; it stops the boot with a panic that says so.
 */
static int early_coherent_pool(char *p)
{
	if (!p) {
		panic("%s: NULL pointer dereference: coherent_pool needs a size\n",
		      __func__);
		return -EINVAL;
	}
	atomic_pool_size = (size_t)memparse(p, &p);
	return 0;
}
/*
 * kernel/dma/pool.c is built only with CONFIG_DMA_COHERENT_POOL (x86: yes;
 * 32-bit ARM: no, its own coherent_pool= is arch/arm/mm/dma-mapping.c's)
 */
early_param_if("CONFIG_DMA_COHERENT_POOL", "coherent_pool", early_coherent_pool);

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

/* Give @pool one block of about @pool_size bytes; 0 or -ENOMEM. */
static int atomic_pool_expand(struct gen_pool *pool, size_t pool_size,
			      gfp_t gfp)
{
	unsigned int order = 0;
	struct page *page = NULL;
	int ret;

	while ((PAGE_SIZE << order) < pool_size)
		order++;
	order = min(order, (unsigned int)MAX_ORDER - 1);
	for (;;) {
		pool_size = (size_t)PAGE_SIZE << order;
		page = alloc_pages(gfp, order);
		if (page || !order)
			break;
		order--;
	}
	if (!page)
		return -ENOMEM;
	ret = gen_pool_add_virt(pool, (unsigned long)page_address(page),
				page_to_phys(page), pool_size, NUMA_NO_NODE);
	if (ret)
		__free_pages(page, order);
	return ret;
}

static struct gen_pool *__dma_atomic_pool_init(size_t pool_size, gfp_t gfp,
					       const char *gfp_name)
{
	struct gen_pool *pool = gen_pool_create(PAGE_SHIFT, NUMA_NO_NODE);

	if (!pool)
		return NULL;
	gen_pool_set_algo(pool, gen_pool_first_fit_order_align, NULL);
	if (atomic_pool_expand(pool, pool_size, gfp)) {
		gen_pool_destroy(pool);
		pr_err("DMA: failed to allocate %zu KiB %s pool for atomic allocation\n",
		       pool_size >> 10, gfp_name);
		return NULL;
	}
	pr_info("DMA: preallocated %zu KiB %s pool for atomic allocations\n",
		gen_pool_size(pool) >> 10, gfp_name);
	return pool;
}

/* postcore_initcall */
void dma_atomic_pool_init(void)
{
	struct machine *m = current_machine;

	if (!atomic_pool_size) {
		unsigned long pages = totalram_pages() / (SZ_1G / SZ_128K);

		pages = min(pages, MAX_ORDER_NR_PAGES);
		atomic_pool_size = max((size_t)pages << PAGE_SHIFT, (size_t)SZ_128K);
	}
	m->atomic_pool_kernel = __dma_atomic_pool_init(atomic_pool_size,
						       GFP_KERNEL, "GFP_KERNEL");
	if (has_managed_dma())
		m->atomic_pool_dma = __dma_atomic_pool_init(atomic_pool_size,
							    GFP_KERNEL | GFP_DMA,
							    "GFP_KERNEL|GFP_DMA");
	if (ZONE_DMA32 >= 0)
		m->atomic_pool_dma32 = __dma_atomic_pool_init(atomic_pool_size,
							      GFP_KERNEL | GFP_DMA32,
							      "GFP_KERNEL|GFP_DMA32");
}
