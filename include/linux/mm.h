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

void *mmsim_va(phys_addr_t pa);
phys_addr_t mmsim_pa(const void *p);

#define __va(pa) mmsim_va((phys_addr_t)(pa))
#define __pa(p) mmsim_pa((const void *)(p))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(p) __pa(p)

/* Hand whole pages [start_pfn, end_pfn) to the page allocator (mm/page_alloc.c). */
void memblock_free_late_pages(unsigned long start_pfn, unsigned long end_pfn);

#endif /* _MMSIM_LINUX_MM_H */
