/* SPDX-License-Identifier: MIT */
/*
 * include/linux/highmem.h — reaching pages that have no linear address.
 *
 * Kernel counterparts: include/linux/highmem.h, highmem-internal.h,
 * mm/highmem.c, arch/arm/include/asm/highmem.h and asm/fixmap.h
 * (Linux 6.1, CONFIG_HIGHMEM, CONFIG_KMAP_LOCAL).
 *
 * On a 32-bit kernel with 1 GiB of kernel address space, RAM above
 * arm_lowmem_limit (ZONE_HIGHMEM) is not in the linear map.  To touch such
 * a page the kernel maps it for a while:
 *
 *   kmap(page)             a permanent slot in the pkmap area (LAST_PKMAP =
 *                          512 pages at PKMAP_BASE, just below PAGE_OFFSET);
 *                          shared, counted, may be held across sleeps;
 *                          kunmap(page) drops the count.  A slot whose count
 *                          falls to 1 (mapped, unused) is reclaimed in bulk
 *                          (flush_all_zero_pkmaps) when the search wraps.
 *   kmap_local_page(page)  a per-CPU fixmap slot (KM_MAX_IDX = 16 per CPU,
 *                          FIX_KMAP_BEGIN + idx + 16 * cpu), stacked: the
 *                          last one mapped is unmapped first.
 *
 *   pkmap_count[i]:  0 free,  1 mapped but unused (stale TLB),  n+1 n users
 *
 * A lowmem page needs neither: both return its linear address.  In mmsim
 * the returned pointer is a host address where the page's RAM is mapped a
 * second time (the pkmap and fixmap areas have host windows, as vmalloc
 * does), and the kernel's PTEs are written in the simulated page tables,
 * so `*(int *)kmap(page) = 1` is seen through any other mapping of the
 * page.  Only 32-bit ARM has HIGHMEM here; on x86_64 these are the
 * trivial linear-map versions.
 */
#ifndef _MMSIM_LINUX_HIGHMEM_H
#define _MMSIM_LINUX_HIGHMEM_H

#include "linux/types.h"

struct page;

#define KM_MAX_IDX 16

/* Does @page lie in a HighMem zone (no linear address)? */
bool PageHighMem(const struct page *page);

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *vaddr);

/*
 * copy_user_highpage(): a copy-on-write copy, both pages reached through
 * kmap_local_page() (a user page of a 32-bit ARM machine is usually in
 * ZONE_HIGHMEM, with no linear address); the source is mapped first, so
 * it is unmapped last.
 */
void copy_user_highpage(struct page *to, struct page *from);

/* The kernel virtual address of a kmap()/kmap_local_page() pointer, or 0. */
unsigned long kmap_kva(const void *host);
/* The pkmap slot count of @nr (tests and the validator). */
int pkmap_count_of(unsigned int nr);
/* Consistency of the pkmap area: counts, PTEs, page addresses.  0 or -EINVAL. */
int kmap_validate(void);

/* Machine teardown (host/machine.c). */
void highmem_state_destroy(void);

#endif /* _MMSIM_LINUX_HIGHMEM_H */
