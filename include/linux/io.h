/* SPDX-License-Identifier: MIT */
/*
 * include/linux/io.h — mapping physical ranges that are not (or not only)
 * RAM the kernel owns: device registers, firmware tables.
 *
 * Kernel counterparts: include/linux/io.h, arch/x86/include/asm/io.h,
 * arch/x86/mm/ioremap.c, and ioremap_page_range() of mm/vmalloc.c
 * (Linux 6.1).
 *
 * ioremap(phys, size) takes an area of the vmalloc space flagged
 * VM_IOREMAP (aligned to its size, up to 128 pages), records the physical
 * base in vm_struct.phys_addr (/proc/vmallocinfo prints it as phys=) and
 * writes PTEs for the physical pages with the requested cache mode.  The
 * area covers whole pages; the pointer returned keeps phys's offset in
 * its page:
 *
 *   phys        0x1ffe19df (FADT, 0x74 bytes)
 *   area        [va, va + 1 page + guard)   phys_addr = 0x1ffe1000
 *   returned    va + 0x9df
 *
 * In mmsim the pointer is a host pointer into the vmalloc window.  The part
 * of the range inside the simulated RAM span is backed on the host by the
 * same bytes of simulated RAM (so reading an ACPI table through the
 * mapping reads the table); device memory beyond the span has PTEs but no
 * host backing, and touching it faults.
 *
 * Callers: the kernel records __builtin_return_address(0); ioremap*()
 * are real functions that record the calling function's name, as
 * vmalloc() does (<mmsim/caller.h>).
 */
#ifndef _MMSIM_LINUX_IO_H
#define _MMSIM_LINUX_IO_H

#include "linux/types.h"
#include "mmsim/caller.h"
#include "arch/x86/include/asm/pgtable_types.h"

/* Cache modes (arch/x86/include/asm/pgtable_types.h, the kernel's values). */
enum page_cache_mode {
	_PAGE_CACHE_MODE_WB = 0,
	_PAGE_CACHE_MODE_WC = 1,
	_PAGE_CACHE_MODE_UC_MINUS = 2,
	_PAGE_CACHE_MODE_UC = 3,
	_PAGE_CACHE_MODE_WT = 4,
	_PAGE_CACHE_MODE_WP = 5,
	_PAGE_CACHE_MODE_NUM = 8
};

/* The PTE bits (PWT, PCD, PAT) that select @pcm under the boot's PAT. */
pgprotval_t cachemode2protval(enum page_cache_mode pcm);

/*
 * Map [phys_addr, phys_addr + size) with cache mode @pcm.  A host pointer
 * to phys_addr's byte, or NULL: size 0 or wrapping, beyond the physical
 * address width, RAM in use by the kernel (warned once), or no room.
 */
void *__ioremap_caller(resource_size_t phys_addr, unsigned long size,
		       enum page_cache_mode pcm, const char *caller,
		       bool encrypted);

void *ioremap(resource_size_t phys_addr, unsigned long size);
void *ioremap_uc(resource_size_t phys_addr, unsigned long size);
void *ioremap_wc(resource_size_t phys_addr, unsigned long size);
void *ioremap_wt(resource_size_t phys_addr, unsigned long size);
void *ioremap_cache(resource_size_t phys_addr, unsigned long size);
#define ioremap(...) MMSIM_CALLED_FROM(ioremap, __VA_ARGS__)
#define ioremap_uc(...) MMSIM_CALLED_FROM(ioremap_uc, __VA_ARGS__)
#define ioremap_wc(...) MMSIM_CALLED_FROM(ioremap_wc, __VA_ARGS__)
#define ioremap_wt(...) MMSIM_CALLED_FROM(ioremap_wt, __VA_ARGS__)
#define ioremap_cache(...) MMSIM_CALLED_FROM(ioremap_cache, __VA_ARGS__)

/* Undo ioremap*(); any pointer inside the first page of the mapping. */
void iounmap(volatile void *addr);

/* mm/vmalloc_map.c: the page-table half of ioremap(). */
int ioremap_page_range(unsigned long addr, unsigned long end,
		       phys_addr_t phys_addr, pgprot_t prot);

#endif /* _MMSIM_LINUX_IO_H */
