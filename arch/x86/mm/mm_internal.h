/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/mm/mm_internal.h — what the files of arch/x86/mm share and
 * nobody else calls.
 *
 * Kernel counterpart: arch/x86/mm/mm_internal.h.
 */
#ifndef _ARCH_X86_MM_INTERNAL_H
#define _ARCH_X86_MM_INTERNAL_H

#include "arch/x86/include/asm/pgtable.h"

/*
 * @num zeroed, physically contiguous page-table pages, already inside the
 * direct map (init.c).  Returns their host address, or NULL after printing
 * the kernel's panic message (the caller unwinds; init_mem_mapping()
 * then fails the boot).
 */
void *alloc_low_pages(unsigned int num);

static inline void *alloc_low_page(void)
{
	return alloc_low_pages(1);
}

/*
 * Map [paddr_start, paddr_end) at PAGE_OFFSET + paddr in init_top_pgt,
 * with the page sizes @page_size_mask allows (init_64.c).  Returns the
 * physical end of what was mapped last.
 */
unsigned long kernel_physical_mapping_init(unsigned long paddr_start,
					   unsigned long paddr_end,
					   unsigned long page_size_mask,
					   pgprot_t prot);

/* The trampoline's copy of the low 1 GiB's PUD entry, under KASLR (kaslr.c). */
void init_trampoline_kaslr(void);

#endif /* _ARCH_X86_MM_INTERNAL_H */
