/* SPDX-License-Identifier: MIT */
/*
 * include/linux/cma.h — the Contiguous Memory Allocator's areas.
 *
 * Kernel counterparts: include/linux/cma.h, mm/cma.h, mm/cma.c,
 * include/linux/dma-map-ops.h (dma_contiguous_*), Linux 6.1.
 *
 * A CMA area is a range of RAM reserved from memblock at boot (so the
 * page allocator never gets it at mem_init), then handed to the buddy
 * allocator a pageblock at a time as MIGRATE_CMA by the core initcall
 * cma_init_reserved_areas(): movable allocations may use it, and
 * cma_alloc() takes contiguous runs back out of it.
 *
 *   dma_contiguous_reserve()     the global area: CONFIG_CMA_SIZE_MBYTES
 *                                or cma=size[@base[-limit]]
 *     cma_declare_contiguous_nid()  place it (highmem first if the range
 *                                   straddles lowmem/highmem), reserve
 *     cma_init_reserved_mem()    record it: totalcma_pages += count
 *   cma_init_reserved_areas()    each area: one bitmap (one bit per page
 *                                with order_per_bit 0), every pageblock
 *                                init_cma_reserved_pageblock()'d: zone
 *                                ->cma_pages, managed pages, free lists
 */
#ifndef _MMSIM_LINUX_CMA_H
#define _MMSIM_LINUX_CMA_H

#include "linux/types.h"

#define CMA_MAX_NAME 64
#define MMSIM_MAX_CMA_AREAS 20

struct page;

struct cma {
	unsigned long base_pfn;
	unsigned long count;            /* pages */
	unsigned long *bitmap;          /* host memory: one bit per 2^order_per_bit pages */
	unsigned int order_per_bit;
	char name[CMA_MAX_NAME];
};

/* The CMA state of one machine (current_machine->cma). */
struct cma_state {
	struct cma cma_areas[MMSIM_MAX_CMA_AREAS];
	unsigned int cma_area_count;
	struct cma *dma_contiguous_default_area;
	/* cma= on the command line: -1 when absent */
	long long size_cmdline;
	phys_addr_t base_cmdline, limit_cmdline;
};

/* mm/cma.c */
int cma_declare_contiguous_nid(phys_addr_t base, phys_addr_t size,
			       phys_addr_t limit, phys_addr_t alignment,
			       unsigned int order_per_bit, bool fixed,
			       const char *name, struct cma **res_cma, int nid);
int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size,
			  unsigned int order_per_bit, const char *name,
			  struct cma **res_cma);
int cma_init_reserved_areas(void);
/* @count pages, aligned to 2^@align pages, from @cma; NULL when none. */
struct page *cma_alloc(struct cma *cma, unsigned long count, unsigned int align);
bool cma_release(struct cma *cma, const struct page *pages, unsigned long count);
phys_addr_t cma_get_base(const struct cma *cma);
unsigned long cma_get_size(const struct cma *cma);
struct cma_state *cma_state(void);
void cma_state_destroy(void);

/* kernel/dma/contiguous.c */
void dma_contiguous_reserve(phys_addr_t limit);
struct cma *dev_get_cma_area(void);
/* arch hook: remember an area for the page-table fix-up (ARM). */
void dma_contiguous_early_fixup(phys_addr_t base, unsigned long size);

#endif /* _MMSIM_LINUX_CMA_H */
