/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm.h — address translation between physical addresses and
 * the simulated kernel's direct map (more of mm.h arrives with struct page).
 *
 * Kernel counterparts: include/linux/mm.h, arch/x86/include/asm/page.h
 * (__va, __pa), include/asm-generic/io.h (phys_to_virt).
 *
 * In mmsim the direct map of a physical address is the host address of
 * that byte of simulated RAM (see host/ram.c):  __va(pa) = ram.base + pa.
 * Pointers returned by memblock_alloc() and friends are such addresses and
 * can be used as ordinary C memory.  The address the real kernel would
 * print for them (PAGE_OFFSET + pa) is kernel_va(pa).
 */
#ifndef _MMSIM_LINUX_MM_H
#define _MMSIM_LINUX_MM_H

#include "linux/types.h"
#include "linux/mm_types.h"
#include "linux/page-flags.h"
#include "linux/mmzone.h"
#include "linux/pfn.h"

void *mmsim_va(phys_addr_t pa);
phys_addr_t mmsim_pa(const void *p);

#define __va(pa) mmsim_va((phys_addr_t)(pa))
#define __pa(p) mmsim_pa((const void *)(p))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(p) __pa(p)

/*
 * The memory model.  SPARSEMEM_VMEMMAP (x86_64): the struct pages of all
 * memory form one virtually contiguous array, `vmemmap`, indexed by pfn;
 * mmsim reserves a host address range for it and maps the pieces of
 * simulated RAM that hold the memory map into it (mm/sparse-vmemmap.c),
 * as the kernel's page tables do.  FLATMEM (32-bit ARM): mem_map[] from
 * the first pfn.  Both are set up at boot; the conversions below are the
 * kernel's.
 */
struct page *mmsim_pfn_to_page(unsigned long pfn);
unsigned long mmsim_page_to_pfn(const struct page *page);
#define pfn_to_page(pfn) mmsim_pfn_to_page(pfn)
#define page_to_pfn(page) mmsim_page_to_pfn(page)
#define page_to_phys(page) PFN_PHYS(page_to_pfn(page))
#define phys_to_page(pa) pfn_to_page(PHYS_PFN(pa))
#define virt_to_page(addr) pfn_to_page(PHYS_PFN(__pa(addr)))
#define page_address(page) __va(page_to_phys(page))

/* Zone and node numbers live in the top bits of page->flags. */
int page_zonenum(const struct page *page);
int page_to_nid(const struct page *page);
struct zone *page_zone(const struct page *page);
pg_data_t *page_pgdat(const struct page *page);
void set_page_links(struct page *page, int zone, int nid, unsigned long pfn);

/* Reference counts (include/linux/page_ref.h). */
static inline int page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount.counter, __ATOMIC_RELAXED);
}

static inline void set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->_refcount.counter, v, __ATOMIC_RELAXED);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	__atomic_add_fetch(&page->_refcount.counter, 1, __ATOMIC_RELAXED);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return __atomic_sub_fetch(&page->_refcount.counter, 1,
				  __ATOMIC_ACQ_REL) == 0;
}

static inline bool put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

static inline void page_mapcount_reset(struct page *page)
{
	page->_mapcount.counter = -1;
}

static inline unsigned int compound_order(struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

/* Pages the page allocator accounts (mm/page_alloc.c). */
unsigned long totalram_pages(void);
void totalram_pages_add(long count);
unsigned long nr_free_pages(void);

/* Hand whole pages [start_pfn, end_pfn) to the page allocator (mm/page_alloc.c). */
void memblock_free_late_pages(unsigned long start_pfn, unsigned long end_pfn);

#endif /* _MMSIM_LINUX_MM_H */
