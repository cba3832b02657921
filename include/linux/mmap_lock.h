/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mmap_lock.h — mm->mmap_lock, the lock of an address space.
 *
 * Kernel counterpart: include/linux/mmap_lock.h (Linux 6.1): a
 * rw_semaphore in struct mm_struct that guards the VMAs (the maple tree,
 * each VMA's bounds and flags) and the page tables' upper structure.
 * Who takes it, as 6.1 does:
 *
 *   read    the page fault (do_user_addr_fault, ARM's do_page_fault),
 *           get_user_pages and the populate that follows mmap/mlock,
 *           madvise's non-destructive advice (MADV_DONTNEED, _FREE,
 *           _COLD, _PAGEOUT, _POPULATE_*, _WILLNEED), /proc readers,
 *           reclaim's rmap walks only trylock it (MGLRU's mm walk)
 *   write   mmap, munmap (downgraded to read for the unmapping of pages
 *           and tables), mprotect, mremap, brk, mlock/munlock's VMA
 *           changes, madvise's VMA-changing advice, fork (dup_mmap
 *           takes the parent's and the new child's), exit_mmap's
 *           final teardown
 *
 * Lock order (mm/rmap.c's design comment has the whole chain):
 * mmap_lock -> page lock -> i_mmap_rwsem / anon_vma->rwsem ->
 * page-table locks -> lruvec->lru_lock.
 */
#ifndef _MMSIM_LINUX_MMAP_LOCK_H
#define _MMSIM_LINUX_MMAP_LOCK_H

#include "linux/kernel.h"
#include "linux/mm_struct.h"
#include "linux/rwsem.h"

static inline void mmap_init_lock(struct mm_struct *mm)
{
	init_rwsem(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

/* fork: the child's lock, taken while the parent's is held (one class). */
static inline void mmap_write_lock_nested(struct mm_struct *mm, int subclass)
{
	(void)subclass;
	down_write(&mm->mmap_lock);
}

static inline bool mmap_write_trylock(struct mm_struct *mm)
{
	return down_write_trylock(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

static inline void mmap_write_downgrade(struct mm_struct *mm)
{
	downgrade_write(&mm->mmap_lock);
}

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_assert_locked(struct mm_struct *mm)
{
	VM_BUG_ON(!rwsem_is_locked(&mm->mmap_lock));
}

static inline void mmap_assert_write_locked(struct mm_struct *mm)
{
	VM_BUG_ON(!rwsem_is_write_locked_by_me(&mm->mmap_lock));
}

#endif /* _MMSIM_LINUX_MMAP_LOCK_H */
