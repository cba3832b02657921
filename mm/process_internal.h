/* SPDX-License-Identifier: MIT */
/*
 * mm/process_internal.h — what the process-side files of mm/, kernel/ and
 * arch/x86/mm share and nobody else calls.
 *
 * Kernel counterpart: mm/internal.h (the process half) and the static
 * helpers 6.1 shares between mm/mmap.c, mm/memory.c and kernel/fork.c.
 */
#ifndef _MMSIM_MM_PROCESS_INTERNAL_H
#define _MMSIM_MM_PROCESS_INTERNAL_H

#include "linux/mm.h"
#include "linux/err.h"
#include "linux/sched.h"
#include "linux/fs.h"

struct machine;
struct mm_proc_state;
struct ma_state;

/* kernel/fork.c */
void mmsim_proc_state_free(struct machine *m);
void free_task(struct task_struct *t);

/* mm/vma_index.c: the VMAs of an mm in its maple tree mm->mm_mt */
int vma_index_insert(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_index_remove(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_index_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long start, unsigned long end,
			 unsigned long pgoff);
void vma_mas_store(struct vm_area_struct *vma, struct ma_state *mas);
void vma_mas_remove(struct vm_area_struct *vma, struct ma_state *mas);
void vma_mt_init(struct mm_struct *mm);
void vma_mt_destroy(struct mm_struct *mm);

/* mm/mmap.c */
/* vm_unmapped_area(): the lowest / highest free gap of @len in [low, high). */
unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
			    unsigned long low_limit, unsigned long high_limit);
unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len,
				    unsigned long low_limit,
				    unsigned long high_limit);
unsigned long vm_start_gap(struct vm_area_struct *vma);
unsigned long vm_end_gap(struct vm_area_struct *vma);
bool may_expand_vm(struct mm_struct *mm, vm_flags_t flags, unsigned long npages);
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 unsigned long pgoff);
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below);
/* Take @vma out of its mm and free it (remove_vma, unlinked). */
void remove_vma_unlinked(struct vm_area_struct *vma);
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, bool *need_rmap_locks);
void mmsim_mm_populate(unsigned long start, unsigned long len);

/* mm/memory.c: user page tables */
/* VmPTE's count of one table more or fewer at a level (mm->pgtables_bytes). */
void mm_inc_nr_ptes(struct mm_struct *mm);
void mm_dec_nr_ptes(struct mm_struct *mm);
void mm_inc_nr_pmds(struct mm_struct *mm);
void mm_dec_nr_pmds(struct mm_struct *mm);
void mm_inc_nr_puds(struct mm_struct *mm);
void mm_dec_nr_puds(struct mm_struct *mm);
/* What one PTE table / one PMD or PUD table adds to pgtables_bytes. */
long mmsim_pte_table_bytes(void);
long mmsim_upper_table_bytes(void);
int copy_page_range(struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma);
void unmap_vmas(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long start, unsigned long end);
/* free_pgtables over an address-ordered list of detached VMAs. */
void mmsim_free_pgtables_list(struct mm_struct *mm, struct list_head *vmas,
			      unsigned long floor, unsigned long ceiling);
/* mm/huge_memory.c */
vm_fault_t thp_handle_pmd_fault(struct vm_fault *vmf);
int copy_huge_pmd(struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, pmd_t *dst_pmd,
		  pmd_t *src_pmd, unsigned long addr);
void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		  unsigned long addr, unsigned long end);
void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, pgprot_t newprot,
		     bool try_change_writable);
/* Map a new anonymous THP with one PMD over the deposited @pgtable. */
void thp_map_new_anon_pmd(struct vm_area_struct *vma, pmd_t *pmd,
			  struct page *page, unsigned long haddr, pte_t *pgtable);
bool hugepage_vma_check(struct vm_area_struct *vma, unsigned long vm_flags,
			bool smaps, bool in_pf, bool enforce_sysfs);
/* mm/khugepaged.c: the mm lists of khugepaged (see there) */
void khugepaged_enter_vma(struct vm_area_struct *vma, unsigned long vm_flags);
void __khugepaged_enter(struct mm_struct *mm);
void __khugepaged_exit(struct mm_struct *mm);
void khugepaged_fork(struct mm_struct *mm, struct mm_struct *oldmm);
void khugepaged_exit(struct mm_struct *mm);
/* Drop one reference to (a subpage of) a THP; the last frees it. */
void thp_put_page(struct page *page);
/* do_swap_page (memory_user.c): a fault on a PTE holding a swap entry. */
vm_fault_t do_swap_page(struct vm_fault *vmf);
/* Drop a reference to a user page; the last frees it (memory_user.c). */
void put_page(struct page *page);
/*
 * put_page's end for an order-0 page already off the LRU (migration's
 * old page): the last reference clears the page's user state, frees it.
 */
void free_user_page(struct page *page);
void user_page_forget(struct page *page);
void user_folio_release(struct page *head, int nr);
/* Which rss counter (MM_ANONPAGES, ...) a mapped page counts in. */
int mm_counter(struct page *page);
/* Split a huge PMD mapping that straddles @addr in @vma. */
void split_huge_pmd_range(struct vm_area_struct *vma, unsigned long addr);
/* The PTE of @addr in @mm, or NULL when a level is missing (no alloc). */
pte_t *mmsim_pte_lookup(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp);
/* The PMD entry of @addr, the upper table levels made as needed; NULL on OOM. */
pmd_t *pmd_alloc_walk(struct mm_struct *mm, unsigned long addr);
/* __pte_alloc: a PTE table for the empty user @pmd (0 or -ENOMEM) */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte);
struct page *mmsim_zero_page(void);
bool is_zero_pfn(unsigned long pfn);
/* Change the protection of present PTEs of [start, end) (mprotect.c). */
unsigned long change_protection(struct vm_area_struct *vma,
				unsigned long start, unsigned long end,
				pgprot_t newprot);
/* kernel/fork.c: an earlier task on the task list shares @t's mm. */
bool mmsim_mm_seen_before(struct task_struct *t);
/* Visit every PTE of [start, end) in @mm that is not empty. */
typedef void (*pte_visit_fn)(pte_t *pte, unsigned long addr, void *arg);
void mmsim_walk_ptes(struct mm_struct *mm, unsigned long start,
		     unsigned long end, pte_visit_fn fn, void *arg);
void mmsim_walk_ptes_locked(struct mm_struct *mm, unsigned long start,
			    unsigned long end, pte_visit_fn fn, void *arg);

/*
 * arch/arm/mm/fault.c: a user access on a 32-bit ARM machine: its MMU's
 * translation (the host byte, NULL for a fault) and its fault handler
 * (0 when the fault was fixed, else the signal).
 */
u8 *arm_mmu_translate(struct mm_struct *mm, unsigned long addr, bool write);
int arm_do_page_fault(struct mm_struct *mm, unsigned long addr, bool write);
/* What ARM's MMU makes of hardware PTE @hw, in words (the inspector's mm-vtop). */
const char *arm_hw_pte_state(u32 hw);
/* arch/arm/mm/pgd.c: the MMU's walk of a user address through the h/w
 * entries: the host byte, or NULL for a fault; *hwp = the h/w PTE (or 0) */
u8 *arm_user_hw_walk(struct mm_struct *mm, unsigned long addr, bool write,
		     u32 *hwp);
/* arch/arm/mm/mmap.c: ARM's MAP_FIXED floor (0 elsewhere) */
unsigned long arch_mmap_check(unsigned long addr, unsigned long len,
			      unsigned long flags);

/* arch/x86/mm/pgtable.c */
pte_t *pte_alloc_one(struct mm_struct *mm);
void pte_free(struct mm_struct *mm, pte_t *pte);

/* mm/shmem.c */
int shmem_zero_setup(struct vm_area_struct *vma);
void shmem_vma_link(struct vm_area_struct *vma);
void shmem_vma_link_after(struct vm_area_struct *vma,
			  struct vm_area_struct *parent);
void shmem_vma_unlink(struct vm_area_struct *vma);
vm_fault_t shmem_fault(struct vm_fault *vmf);
struct page *shmem_find_page(struct inode *inode, unsigned long index);
void shmem_truncate_range(struct inode *inode, loff_t lstart, loff_t lend);
/* FALLOC_FL_PUNCH_HOLE of [start, end): file pages unmapped and dropped. */
void shmem_punch_hole(struct inode *inode, loff_t start, loff_t end);
/* Drop the clean unused pages of a tmpfs file (mm/truncate.c's name). */
unsigned long invalidate_mapping_pages(struct address_space *mapping,
				       unsigned long start, unsigned long end);
/* drop_caches' walk over the tmpfs root's files. */
void shmem_drop_pagecache(void);
/* zap_page_range keeping private anonymous copies (even_cows = false). */
void zap_page_range_file(struct vm_area_struct *vma, unsigned long start,
			 unsigned long size);

/* mm/mlock.c: one locked mapping of a page more / fewer (VM_LOCKED VMAs) */
void mlock_vma_page(struct page *page, struct vm_area_struct *vma, bool compound);
void munlock_vma_page(struct page *page, struct vm_area_struct *vma, bool compound);

#endif /* _MMSIM_MM_PROCESS_INTERNAL_H */
