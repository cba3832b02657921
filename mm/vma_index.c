// SPDX-License-Identifier: MIT
/*
 * mm/vma_index.c — the ordered set of an mm's VMAs and its lookups.
 *
 * Kernel counterpart: the VMA side of the maple tree in mm/mmap.c (6.1):
 * find_vma, find_vma_prev, vma_lookup, find_vma_intersection, the
 * vma_next/vma_prev iterator (include/linux/mm.h) and vma_mas_store /
 * vma_mas_remove.  6.1 keeps the VMAs in mm->mm_mt, a maple tree; until
 * lib/maple_tree.c is in mmsim this file keeps them on mm->mmap_list in
 * address order (what 6.0 and earlier kept besides their rbtree).  The
 * lookups are linear in the number of VMAs; callers never see the list.
 *
 * Invariant (mmsim_validate_mm): the list is ordered by vm_start, no two
 * VMAs overlap, every VMA has vm_start < vm_end, both page aligned, and
 * the list has mm->map_count entries.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "mm/process_internal.h"
#include "linux/maple_tree.h"

/* MM_MT_FLAGS: a range tree with gaps tracked, locked by the mmap_lock. */
#define MM_MT_FLAGS (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN)

void vma_mt_init(struct mm_struct *mm)
{
	mt_init_flags(&mm->mm_mt, MM_MT_FLAGS);
}

void vma_mt_destroy(struct mm_struct *mm)
{
	mtree_destroy(&mm->mm_mt);
}

/*
 * Make mm_mt hold exactly the VMAs of the list: [vm_start, vm_end - 1]
 * -> vma, gaps empty.  Rebuilt from scratch (the list is the truth).
 * 0, or -ENOMEM when a node could not be had (the tree is then empty).
 */
int vma_mt_sync(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	mtree_destroy(&mm->mm_mt);
	vma_mt_init(mm);
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (mtree_store_range(&mm->mm_mt, vma->vm_start, vma->vm_end - 1,
				      vma, GFP_KERNEL)) {
			mtree_destroy(&mm->mm_mt);
			vma_mt_init(mm);
			return -ENOMEM;
		}
	}
	return 0;
}

void vma_index_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *pos;

	list_for_each_entry(pos, &mm->mmap_list, vm_list) {
		if (pos->vm_start > vma->vm_start) {
			list_add_tail(&vma->vm_list, &pos->vm_list);
			return;
		}
	}
	list_add_tail(&vma->vm_list, &mm->mmap_list);
}

void vma_index_remove(struct mm_struct *mm, struct vm_area_struct *vma)
{
	(void)mm;
	list_del_init(&vma->vm_list);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap_list, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma, *prev = NULL;

	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (vma->vm_end > addr) {
			*pprev = prev;
			return vma;
		}
		prev = vma;
	}
	*pprev = prev;
	return NULL;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	struct vm_area_struct *vma = find_vma(vmi->mm, vmi->index);

	if (vma)
		vmi->index = vma->vm_end;
	return vma;
}

struct vm_area_struct *vma_prev(struct vma_iterator *vmi)
{
	struct vm_area_struct *vma, *found = NULL;

	list_for_each_entry(vma, &vmi->mm->mmap_list, vm_list) {
		if (vma->vm_start >= vmi->index)
			break;
		found = vma;
	}
	if (found)
		vmi->index = found->vm_start;
	return found;
}

struct vm_area_struct *mmsim_vma_after(struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &vma->vm_mm->mmap_list)
		return NULL;
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

struct vm_area_struct *mmsim_vma_before(struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &vma->vm_mm->mmap_list)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}
