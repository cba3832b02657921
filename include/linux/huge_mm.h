/* SPDX-License-Identifier: MIT */
/*
 * include/linux/huge_mm.h — transparent huge pages: the sysfs modes and
 * the PMD-level helpers mm/memory_user.c calls.
 *
 * Kernel counterpart: include/linux/huge_mm.h (Linux 6.1), x86_64:
 * HPAGE_PMD_ORDER 9, HPAGE_PMD_NR 512, HPAGE_PMD_SIZE 2 MiB.
 */
#ifndef _MMSIM_LINUX_HUGE_MM_H
#define _MMSIM_LINUX_HUGE_MM_H

#include "linux/mm.h"

/* Bits of transparent_hugepage_flags. */
enum transparent_hugepage_flag {
	TRANSPARENT_HUGEPAGE_NEVER_DAX,
	TRANSPARENT_HUGEPAGE_FLAG,
	TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_DIRECT_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_OR_MADV_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_KHUGEPAGED_FLAG,
	TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG,
};

#define HPAGE_PMD_ORDER 9
#define HPAGE_PMD_NR (1 << HPAGE_PMD_ORDER)
#define HPAGE_PMD_SIZE (1UL << (PAGE_SHIFT + HPAGE_PMD_ORDER))
#define HPAGE_PMD_MASK (~(HPAGE_PMD_SIZE - 1))

bool hugepage_flags_enabled(void);
/* The gfp flags of a huge-page fault in @vma (the defrag setting). */
gfp_t vma_thp_gfp_mask(struct vm_area_struct *vma);
/* May a fault in @vma make a huge PMD (hugepage_vma_check, in_pf)? */
bool hugepage_vma_check_fault(struct vm_area_struct *vma);
/* Is @pmd the huge zero page? */
bool is_huge_zero_pmd(pmd_t pmd);
struct page *mmsim_huge_zero_page(void);
/* Replace the huge PMD at @pmd of @vma by a table of 512 PTEs. */
void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address);

#endif /* _MMSIM_LINUX_HUGE_MM_H */
