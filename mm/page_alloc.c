// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc.c — the page allocator.
 *
 * Kernel counterpart: mm/page_alloc.c.  The buddy allocator arrives with
 * the x86_64 boot-through-buddy work; until then this file holds only the
 * entry point memblock needs, and says plainly that nothing can take the
 * pages yet.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/printk.h"

void memblock_free_late_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	pr_err("memblock_free_late: no page allocator yet; pfns %#lx-%#lx stay unused\n",
	       start_pfn, end_pfn);
}
