// SPDX-License-Identifier: MIT
/*
 * mm/huge_memory.c — transparent huge pages on anonymous faults.
 *
 * Kernel counterpart: mm/huge_memory.c (Linux 6.1).  Not in mmsim yet:
 * every anonymous fault falls back to 4 KiB pages (VM_FAULT_FALLBACK), so
 * no PMD ever maps a huge page and the helpers below that act on one
 * have nothing to do.  This is the place do_huge_pmd_anonymous_page,
 * the huge zero page, copy_huge_pmd, zap_huge_pmd and __split_huge_pmd
 * go.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "mm/process_internal.h"

vm_fault_t thp_handle_pmd_fault(struct vm_fault *vmf)
{
	(void)vmf;
	return VM_FAULT_FALLBACK;
}

int copy_huge_pmd(struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, pmd_t *dst_pmd,
		  pmd_t *src_pmd, unsigned long addr)
{
	(void)dst_vma;
	(void)src_vma;
	(void)dst_pmd;
	(void)src_pmd;
	(void)addr;
	return 0;
}

void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		  unsigned long addr, unsigned long end)
{
	(void)vma;
	(void)pmd;
	(void)addr;
	(void)end;
}

void split_huge_pmd_range(struct vm_area_struct *vma, unsigned long addr)
{
	(void)vma;
	(void)addr;
}
