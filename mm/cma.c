// SPDX-License-Identifier: MIT
/*
 * mm/cma.c — the Contiguous Memory Allocator: reserving areas at boot,
 * handing them to the buddy allocator, and taking runs back.
 *
 * Kernel counterparts: mm/cma.c, init_cma_reserved_pageblock() of
 * mm/page_alloc.c (Linux 6.1).  See include/linux/cma.h for the life of
 * an area.  Placement (cma_declare_contiguous_nid), for base 0 (anywhere):
 *
 *     limit = min(limit & ~(alignment - 1), memblock_end_of_DRAM())
 *     lowmem         highmem_start          limit
 *     |--------------|-------------------------|
 *                    ^ try [highmem_start, limit) top-down first
 *     ^ then [base, min(limit, highmem_start)) top-down
 *
 * so on a 1 GiB vexpress the 16 MiB area lands at the top of HighMem
 * (0x9f000000), on 512 MiB (no HighMem) at the top of RAM.  Alignment is
 * at least a pageblock (CMA_MIN_ALIGNMENT_BYTES: 8 MiB with armmp's
 * MAX_ORDER 12).
 *
 * The bitmap is host memory (the kernel's is a bitmap_zalloc'ed slab
 * object); cma_alloc() takes the pages of a free run out of the buddy
 * lists (alloc_contig_range() of a range that holds only free pages:
 * nothing needs migrating at boot).
 */
#define pr_fmt(fmt) "cma: " fmt

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/gfp.h"
#include "linux/printk.h"
#include "linux/cma.h"
#include "linux/bitmap.h"
#include "mm/internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define CMA_MIN_ALIGNMENT_PAGES pageblock_nr_pages
#define CMA_MIN_ALIGNMENT_BYTES (PAGE_SIZE * CMA_MIN_ALIGNMENT_PAGES)

struct cma_state *cma_state(void)
{
	struct machine *m = current_machine;

	if (!m->cma) {
		m->cma = host_alloc(sizeof(*m->cma));
		m->cma->size_cmdline = -1;
	}
	return m->cma;
}

void cma_state_destroy(void)
{
	struct cma_state *cs = current_machine->cma;
	unsigned int i;

	if (!cs)
		return;
	for (i = 0; i < cs->cma_area_count; i++)
		host_free(cs->cma_areas[i].bitmap);
	host_free(cs);
	current_machine->cma = NULL;
}

phys_addr_t cma_get_base(const struct cma *cma)
{
	return PFN_PHYS(cma->base_pfn);
}

unsigned long cma_get_size(const struct cma *cma)
{
	return cma->count << PAGE_SHIFT;
}

static bool is_power_of_2_u64(u64 n)
{
	return n && !(n & (n - 1));
}

int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size,
			  unsigned int order_per_bit, const char *name,
			  struct cma **res_cma)
{
	struct cma_state *cs = cma_state();
	unsigned int max_areas = (unsigned int)min(CONFIG_VALUE(CONFIG_CMA_AREAS, 7),
						   (long long)MMSIM_MAX_CMA_AREAS);
	struct cma *cma;

	if (cs->cma_area_count == max_areas) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}
	if (!size || !memblock_is_region_reserved(base, size))
		return -EINVAL;
	if (!IS_ALIGNED(CMA_MIN_ALIGNMENT_PAGES, 1UL << order_per_bit))
		return -EINVAL;
	if (!IS_ALIGNED(base | size, CMA_MIN_ALIGNMENT_BYTES))
		return -EINVAL;
	cma = &cs->cma_areas[cs->cma_area_count];
	if (name)
		snprintf(cma->name, CMA_MAX_NAME, "%s", name);
	else
		snprintf(cma->name, CMA_MAX_NAME, "cma%u\n", cs->cma_area_count);
	cma->base_pfn = PFN_DOWN(base);
	cma->count = (unsigned long)(size >> PAGE_SHIFT);
	cma->order_per_bit = order_per_bit;
	*res_cma = cma;
	cs->cma_area_count++;
	totalcma_pages += (unsigned long)(size / PAGE_SIZE);
	return 0;
}

/* Reserve @size bytes somewhere below @limit, one zone only. */
static phys_addr_t cma_place(phys_addr_t base, phys_addr_t size,
			     phys_addr_t limit, phys_addr_t alignment, int nid)
{
	phys_addr_t highmem_start = current_machine->mm.high_memory_phys;
	phys_addr_t addr = 0;

	if (highmem_start && base < highmem_start && limit > highmem_start) {
		addr = memblock_alloc_range_nid(size, alignment, highmem_start,
						limit, nid, true);
		limit = highmem_start;
	}
	if (current_machine->arch.phys_bits > 32 && !memblock_bottom_up() &&
	    memblock_end_of_DRAM() >= SZ_4G + size && !addr) {
		memblock_set_bottom_up(true);
		addr = memblock_alloc_range_nid(size, alignment, SZ_4G, limit,
						nid, true);
		memblock_set_bottom_up(false);
	}
	if (!addr)
		addr = memblock_alloc_range_nid(size, alignment, base, limit,
						nid, true);
	return addr;
}

int cma_declare_contiguous_nid(phys_addr_t base, phys_addr_t size,
			       phys_addr_t limit, phys_addr_t alignment,
			       unsigned int order_per_bit, bool fixed,
			       const char *name, struct cma **res_cma, int nid)
{
	phys_addr_t memblock_end = memblock_end_of_DRAM();
	phys_addr_t highmem_start = current_machine->mm.high_memory_phys;
	int ret;

	pr_debug("%s(size %pa, base %pa, limit %pa alignment %pa)\n", __func__,
		 &size, &base, &limit, &alignment);
	if (cma_state()->cma_area_count == MMSIM_MAX_CMA_AREAS) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}
	if (!size)
		return -EINVAL;
	if (alignment && !is_power_of_2_u64(alignment))
		return -EINVAL;
	alignment = max(alignment, (phys_addr_t)CMA_MIN_ALIGNMENT_BYTES);
	if (fixed && (base & (alignment - 1))) {
		pr_err("Region at %pa must be aligned to %pa bytes\n", &base,
		       &alignment);
		ret = -EINVAL;
		goto err;
	}
	base = ALIGN(base, alignment);
	size = ALIGN(size, alignment);
	limit &= ~(alignment - 1);
	if (!base)
		fixed = false;
	if (!IS_ALIGNED(size >> PAGE_SHIFT, 1UL << order_per_bit))
		return -EINVAL;
	if (fixed && highmem_start && base < highmem_start &&
	    base + size > highmem_start) {
		pr_err("Region at %pa defined on low/high memory boundary (%pa)\n",
		       &base, &highmem_start);
		ret = -EINVAL;
		goto err;
	}
	if (limit == 0 || limit > memblock_end)
		limit = memblock_end;
	if (base + size > limit) {
		pr_err("Size (%pa) of region at %pa exceeds limit (%pa)\n", &size,
		       &base, &limit);
		ret = -EINVAL;
		goto err;
	}
	if (fixed) {
		if (memblock_is_region_reserved(base, size) ||
		    memblock_reserve(base, size) < 0) {
			ret = -EBUSY;
			goto err;
		}
	} else {
		base = cma_place(base, size, limit, alignment, nid);
		if (!base) {
			ret = -ENOMEM;
			goto err;
		}
	}
	ret = cma_init_reserved_mem(base, size, order_per_bit, name, res_cma);
	if (ret)
		goto free_mem;
	pr_info("Reserved %lu MiB at %pa\n", (unsigned long)(size / SZ_1M), &base);
	return 0;

free_mem:
	memblock_phys_free(base, size);
err:
	pr_err("Failed to reserve %lu MiB\n", (unsigned long)(size / SZ_1M));
	return ret;
}

/*
 * One pageblock of a CMA area into the buddy allocator: no longer
 * reserved, migrate type CMA, freed as one block, counted as managed
 * (and in the zone's cma pages).
 */
static void init_cma_reserved_pageblock(struct page *page)
{
	unsigned long i;

	for (i = 0; i < pageblock_nr_pages; i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	set_pageblock_migratetype(page, MIGRATE_CMA);
	set_page_count(page, 1);
	__free_pages(page, pageblock_order);
	adjust_managed_page_count(page, (long)pageblock_nr_pages);
	page_zone(page)->cma_pages += pageblock_nr_pages;
}

static unsigned long cma_bitmap_maxno(const struct cma *cma)
{
	return cma->count >> cma->order_per_bit;
}

static void cma_activate_area(struct cma *cma)
{
	unsigned long base_pfn = cma->base_pfn, pfn;
	struct zone *zone;

	cma->bitmap = host_alloc(BITS_TO_LONGS(cma_bitmap_maxno(cma)) *
				 sizeof(unsigned long));
	WARN_ON_ONCE(!pfn_valid(base_pfn));
	zone = page_zone(pfn_to_page(base_pfn));
	for (pfn = base_pfn + 1; pfn < base_pfn + cma->count; pfn++)
		if (!pfn_valid(pfn) || page_zone(pfn_to_page(pfn)) != zone)
			goto not_in_zone;
	for (pfn = base_pfn; pfn < base_pfn + cma->count; pfn += pageblock_nr_pages)
		init_cma_reserved_pageblock(pfn_to_page(pfn));
	return;

not_in_zone:
	host_free(cma->bitmap);
	cma->bitmap = NULL;
	for (pfn = base_pfn; pfn < base_pfn + cma->count; pfn++) {
		struct page *page = pfn_to_page(pfn);

		ClearPageReserved(page);
		init_page_count(page);
		__free_pages(page, 0);
		adjust_managed_page_count(page, 1);
	}
	totalcma_pages -= cma->count;
	cma->count = 0;
	pr_err("CMA area %s could not be activated\n", cma->name);
}

/* core_initcall(cma_init_reserved_areas) */
int cma_init_reserved_areas(void)
{
	struct cma_state *cs = current_machine->cma;
	unsigned int i;

	if (!cs)
		return 0;
	for (i = 0; i < cs->cma_area_count; i++)
		cma_activate_area(&cs->cma_areas[i]);
	return 0;
}

static bool bit_test(const unsigned long *map, unsigned long i)
{
	return map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void bits_assign(unsigned long *map, unsigned long i, unsigned long n,
			bool set)
{
	for (; n; n--, i++) {
		if (set)
			map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
		else
			map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
	}
}

/* The first clear run of @nr bits at a multiple of @align_mask + 1. */
static long find_free_run(const struct cma *cma, unsigned long nr,
			  unsigned long align_mask)
{
	unsigned long maxno = cma_bitmap_maxno(cma), start, i;

	for (start = 0; start + nr <= maxno; start = (start + align_mask + 1) & ~align_mask) {
		for (i = 0; i < nr && !bit_test(cma->bitmap, start + i); i++)
			;
		if (i == nr)
			return (long)start;
	}
	return -1;
}

/*
 * alloc_contig_range() for a range of free pages (what CMA holds until
 * something movable is put there): take each page off the free lists.
 * -EBUSY, with the pages taken so far given back, when one is in use.
 */
static int alloc_contig_range(unsigned long start, unsigned long end,
			      int migratetype)
{
	unsigned long pfn;

	(void)migratetype;
	for (pfn = start; pfn < end; pfn++) {
		if (take_page_off_buddy(pfn_to_page(pfn)))
			continue;
		while (pfn-- > start) {
			set_page_count(pfn_to_page(pfn), 1);
			__free_pages(pfn_to_page(pfn), 0);
		}
		return -EBUSY;
	}
	return 0;
}

struct page *cma_alloc(struct cma *cma, unsigned long count, unsigned int align)
{
	unsigned long align_mask, nr, pfn, i;
	long bitmap_no;

	if (!cma || !cma->count || !cma->bitmap || !count)
		return NULL;
	align_mask = (1UL << (align > cma->order_per_bit ?
			      align - cma->order_per_bit : 0)) - 1;
	nr = ALIGN(count, 1UL << cma->order_per_bit) >> cma->order_per_bit;
	bitmap_no = find_free_run(cma, nr, align_mask);
	if (bitmap_no < 0)
		return NULL;
	pfn = cma->base_pfn + ((unsigned long)bitmap_no << cma->order_per_bit);
	if (alloc_contig_range(pfn, pfn + count, MIGRATE_CMA)) {
		pr_err("%s: alloc failed, req-size: %lu pages, ret: %d\n", cma->name,
		       count, -EBUSY);
		return NULL;
	}
	bits_assign(cma->bitmap, (unsigned long)bitmap_no, nr, true);
	for (i = 0; i < count; i++)
		set_page_count(pfn_to_page(pfn + i), 1);
	return pfn_to_page(pfn);
}

bool cma_release(struct cma *cma, const struct page *pages, unsigned long count)
{
	unsigned long pfn, i;

	if (!cma || !pages)
		return false;
	pfn = page_to_pfn(pages);
	if (pfn < cma->base_pfn || pfn >= cma->base_pfn + cma->count)
		return false;
	for (i = 0; i < count; i++)
		__free_pages(pfn_to_page(pfn + i), 0);
	bits_assign(cma->bitmap, (pfn - cma->base_pfn) >> cma->order_per_bit,
		    ALIGN(count, 1UL << cma->order_per_bit) >> cma->order_per_bit,
		    false);
	return true;
}
