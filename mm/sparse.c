// SPDX-License-Identifier: MIT
/*
 * mm/sparse.c — the sparse memory model: sections and pfn <-> page.
 *
 * Kernel counterparts: mm/sparse.c, include/linux/mmzone.h (section
 * lookup), include/asm-generic/memory_model.h (pfn_to_page).
 *
 * With SPARSEMEM_VMEMMAP the struct pages of every section sit in one
 * virtually contiguous array, so pfn_to_page(pfn) is vmemmap + pfn.  The
 * mem_section table records which sections are present and where each
 * section's usage block (sub-section map, pageblock flags) is:
 *
 *   mem_section[pfn >> (PFN_SECTION_SHIFT + log2 SECTIONS_PER_ROOT)]
 *              [(pfn >> PFN_SECTION_SHIFT) % SECTIONS_PER_ROOT]
 *
 * Without it (FLATMEM, 32-bit ARM) pfn_to_page is mem_map + (pfn - ARCH_PFN_OFFSET).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#define SECTIONS_PER_ROOT (PAGE_SIZE / sizeof(struct mem_section))

unsigned long pfn_section_shift(void)
{
	return SECTION_SIZE_BITS_X86_64 - PAGE_SHIFT;
}

unsigned long pages_per_section(void)
{
	return 1UL << pfn_section_shift();
}

struct page *mmsim_pfn_to_page(unsigned long pfn)
{
	if (current_machine->mm.mem_map)
		return current_machine->mm.mem_map +
		       (pfn - current_machine->mm.arch_pfn_offset);
	return vmemmap + pfn;
}

unsigned long mmsim_page_to_pfn(const struct page *page)
{
	if (current_machine->mm.mem_map)
		return (unsigned long)(page - current_machine->mm.mem_map) +
		       current_machine->mm.arch_pfn_offset;
	return (unsigned long)(page - vmemmap);
}

struct mem_section *__pfn_to_section(unsigned long pfn)
{
	unsigned long nr = pfn >> pfn_section_shift();
	unsigned long root = nr / SECTIONS_PER_ROOT;
	struct mem_section **roots = current_machine->mm.mem_section;

	if (!roots || root >= current_machine->mm.nr_mem_section_roots ||
	    !roots[root])
		return NULL;
	return &roots[root][nr % SECTIONS_PER_ROOT];
}

bool early_section(const struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_IS_EARLY);
}

/* Is there a struct page for @pfn? */
bool pfn_valid(unsigned long pfn)
{
	struct mem_section *ms;

	if (current_machine->mm.mem_map)
		return pfn >= current_machine->mm.arch_pfn_offset;
	ms = __pfn_to_section(pfn);
	return ms && (ms->section_mem_map & SECTION_HAS_MEM_MAP);
}

