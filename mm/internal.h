/* SPDX-License-Identifier: MIT */
/*
 * mm/internal.h — what the files of mm/ share and nothing else may use.
 *
 * Kernel counterpart: mm/internal.h.
 */
#ifndef _MMSIM_MM_INTERNAL_H
#define _MMSIM_MM_INTERNAL_H

#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/gfp.h"

/*
 * Section geometry of the current machine (mm/sparse.c): x86_64 uses
 * 128 MiB sections and 46 physical address bits with 4-level paging.
 */
unsigned long pfn_section_shift(void);        /* PFN_SECTION_SHIFT */
unsigned long pages_per_section(void);        /* PAGES_PER_SECTION */
struct mem_section *__pfn_to_section(unsigned long pfn);
bool pfn_valid(unsigned long pfn);
bool early_section(const struct mem_section *ms);

/* Pageblock flags (mm/page_alloc.c). */
unsigned long get_pfnblock_flags_mask(const struct page *page,
				      unsigned long pfn, unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask);
int get_pageblock_migratetype(const struct page *page);
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn);
void set_pageblock_migratetype(struct page *page, int migratetype);

/* Buddy helpers shared between page_alloc.c and its neighbours. */
static inline unsigned long __find_buddy_pfn(unsigned long page_pfn,
					     unsigned int order)
{
	return page_pfn ^ (1UL << order);
}

static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

void __free_pages_core(struct page *page, unsigned int order);
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
void init_reserved_page(unsigned long pfn);
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void __init_single_page(struct page *page, unsigned long pfn,
			unsigned long zone, int nid);

#endif /* _MMSIM_MM_INTERNAL_H */
