/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/page_types.h — the x86 direct map as setup_arch()
 * sees it: building it, and how far it reaches.
 *
 * Kernel counterparts: arch/x86/include/asm/page_types.h (get_max_mapped,
 * init_mem_mapping), asm/pgtable.h (early_alloc_pgt_buf), asm/kaslr.h,
 * asm/realmode.h (reserve_real_mode).
 *
 * Order in setup_arch(), each step silent unless it says otherwise:
 *
 *   x86_64_clear_init_top_pgt   the PGD page empty (head64.c's part)
 *   kernel_randomize_memory     page_offset_base (PAGE_OFFSET)
 *   early_alloc_pgt_buf         16 pages at the end of the brk area
 *   reserve_real_mode           "memblock_phys_alloc_range: 28672 bytes"
 *   init_mem_mapping            the direct map; the alloc_low_pages lines
 *   memblock_set_current_limit(get_max_mapped())
 */
#ifndef _ASM_X86_PAGE_TYPES_H
#define _ASM_X86_PAGE_TYPES_H

#include "linux/types.h"
#include "linux/pfn.h"
#include "mmsim/machine.h"

/* End of the direct map: what memblock may hand out once it exists. */
static inline phys_addr_t get_max_mapped(void)
{
	return PFN_PHYS(current_machine->x86.max_pfn_mapped);
}

/* Empty init_top_pgt and fix where it lives (init_64.c).  0 or -EINVAL. */
int x86_64_clear_init_top_pgt(void);
/* Choose page_offset_base (arch/x86/mm/kaslr.c). */
int kernel_randomize_memory(void);
/* Is the direct map's base randomized (KASLR on, RANDOMIZE_MEMORY)? */
bool kaslr_memory_enabled(void);
/* Carve the early page-table buffer out of the brk area.  0 or -EINVAL. */
int early_alloc_pgt_buf(void);
/* Map all RAM at PAGE_OFFSET (arch/x86/mm/init.c).  0 or -ENOMEM. */
int init_mem_mapping(void);
/* Is [start_pfn, end_pfn) wholly inside one mapped range of the direct map? */
bool pfn_range_is_mapped(unsigned long start_pfn, unsigned long end_pfn);

/* arch/x86/realmode/init.c: room for the AP trampoline below 1 MiB. */
void reserve_real_mode(void);

#endif /* _ASM_X86_PAGE_TYPES_H */
