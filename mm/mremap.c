// SPDX-License-Identifier: MIT
/*
 * mm/mremap.c — mremap(2): shrink, grow in place, or move a mapping.
 *
 * Kernel counterpart: mm/mremap.c (Linux 6.1): __do_sys_mremap (the body
 * of SYSCALL_DEFINE5(mremap)), mremap_to, vma_to_resize, vma_expandable,
 * move_vma, move_page_tables (move_ptes, move_normal_pmd).
 *
 *   shrink            munmap the tail
 *   grow in place     when the VMA ends at old_len and the space above is
 *                     free: vma_merge of the extension (which may also
 *                     swallow the next VMA)
 *   move (MAYMOVE)    copy_vma at a new place (merging there if it can),
 *                     move the page tables, munmap the old range;
 *                     whole 2 MiB-aligned PMD spans move their PTE page
 *                     (x86 has HAVE_MOVE_PMD), the rest PTE by PTE
 *   DONTUNMAP         move, but keep the old VMA (now empty); its charge
 *                     stays and it loses VM_LOCKED
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/huge_mm.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"
#include "mmsim/kconfig.h"



static pmd_t *get_old_pmd(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd;

	mmsim_pte_lookup(mm, addr, &pmd);
	if (!pmd || pmd_none(*pmd))
		return NULL;
	return pmd;
}

/* The destination's PMD entry, its upper levels made as needed. */
static pmd_t *alloc_new_pmd(struct mm_struct *mm, unsigned long addr)
{
	return pmd_alloc_walk(mm, addr);
}

static unsigned long get_extent(unsigned long old_addr, unsigned long old_end,
				unsigned long new_addr)
{
	unsigned long next, extent;

	next = (old_addr + PMD_SIZE) & PMD_MASK;
	extent = next - old_addr;
	if (extent > old_end - old_addr)
		extent = old_end - old_addr;
	next = (new_addr + PMD_SIZE) & PMD_MASK;
	if (extent > next - new_addr)
		extent = next - new_addr;
	return extent;
}

/* Moves the PTEs; a present one moved means a flush of the old span. */
static void move_ptes(struct vm_area_struct *vma, pmd_t *old_pmd,
		      unsigned long old_addr, unsigned long old_end,
		      pmd_t *new_pmd, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *old_pte = pte_offset_map(old_pmd, old_addr);
	pte_t *new_pte = pte_offset_map(new_pmd, new_addr);
	unsigned long start = old_addr;
	bool force_flush = false;

	for (; old_addr < old_end; old_addr += PAGE_SIZE, new_addr += PAGE_SIZE,
	     old_pte = ptep_next(old_pte), new_pte = ptep_next(new_pte)) {
		if (pte_none(ptep_get(old_pte)))
			continue;
		force_flush |= pte_present(ptep_get(old_pte));
		set_pte_at(mm, new_addr, new_pte, ptep_get(old_pte));
		ptep_clear(mm, old_addr, old_pte);
	}
	if (force_flush)
		flush_tlb_range(vma, start, old_end);
}

unsigned long move_page_tables(struct vm_area_struct *vma,
			       unsigned long old_addr,
			       struct vm_area_struct *new_vma,
			       unsigned long new_addr, unsigned long len,
			       bool need_rmap_locks)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long extent, old_end = old_addr + len;
	pmd_t *old_pmd, *new_pmd;

	(void)new_vma;
	(void)need_rmap_locks;
	for (; old_addr < old_end; old_addr += extent, new_addr += extent) {
		extent = get_extent(old_addr, old_end, new_addr);
		old_pmd = get_old_pmd(mm, old_addr);
		if (!old_pmd)
			continue;
		new_pmd = alloc_new_pmd(mm, new_addr);
		if (!new_pmd)
			break;
		if (extent == PMD_SIZE && pmd_none(*new_pmd) &&
		    (pmd_large(*old_pmd) || IS_ENABLED(CONFIG_HAVE_MOVE_PMD))) {
			/*
			 * move_huge_pmd for a THP; move_normal_pmd where the
			 * architecture has it (x86_64; not 32-bit ARM, whose
			 * PTEs move one by one into a new table)
			 */
			bool huge = pmd_large(*old_pmd);

			set_pmd(new_pmd, *old_pmd);
			pmd_clear(old_pmd);
			if (huge)       /* move_huge_pmd / move_normal_pmd */
				flush_pmd_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
			else
				flush_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
			continue;
		}
		if (pmd_large(*old_pmd))
			__split_huge_pmd(vma, old_pmd, old_addr);
		if (pmd_none(*new_pmd) && __pte_alloc(mm, new_pmd))
			break;
		move_ptes(vma, old_pmd, old_addr, old_addr + extent, new_pmd, new_addr);
	}
	return len + old_addr - old_end;
}

static struct vm_area_struct *vma_to_resize(unsigned long addr,
					    unsigned long old_len,
					    unsigned long new_len,
					    unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pgoff;

	if (!vma)
		return ERR_PTR(-EFAULT);
	/* old_len 0 asks for a duplicate: only meaningful for shared mappings */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE))) {
		pr_warn_once("%s (%d): attempted to duplicate a private mapping with mremap.  This is not supported.\n",
			     current->comm, current->pid);
		return ERR_PTR(-EINVAL);
	}
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return ERR_PTR(-EINVAL);
	if (new_len == old_len)
		return vma;
	pgoff = ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return ERR_PTR(-EFAULT);
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len,
			      unsigned long new_addr, bool *locked,
			      unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new_vma;
	unsigned long vm_flags = vma->vm_flags, new_pgoff, moved_len;
	unsigned long excess = 0, hiwater_vm;
	long to_account = (long)(new_len - old_len);
	bool need_rmap_locks, split = false;

	if (mm->map_count >= sysctl_max_map_count - 3)
		return (unsigned long)-ENOMEM;
	if (flags & MREMAP_DONTUNMAP)
		to_account = (long)new_len;
	if ((vm_flags & VM_ACCOUNT) &&
	    security_vm_enough_memory_mm(mm, to_account >> PAGE_SHIFT))
		return (unsigned long)-ENOMEM;
	new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff, &need_rmap_locks);
	if (!new_vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(to_account >> PAGE_SHIFT);
		return (unsigned long)-ENOMEM;
	}
	moved_len = move_page_tables(vma, old_addr, new_vma, new_addr, old_len,
				     need_rmap_locks);
	if (moved_len < old_len) {
		move_page_tables(new_vma, new_addr, vma, old_addr, moved_len, true);
		vma = new_vma;
		old_len = new_len;
		old_addr = new_addr;
		new_addr = (unsigned long)-ENOMEM;
	}
	if ((vm_flags & VM_ACCOUNT) && !(flags & MREMAP_DONTUNMAP)) {
		vma->vm_flags &= ~VM_ACCOUNT;
		excess = vma->vm_end - vma->vm_start - old_len;
		if (old_addr > vma->vm_start && old_addr + old_len < vma->vm_end)
			split = true;
	}
	hiwater_vm = mm->hiwater_vm;
	vm_stat_account(mm, vma->vm_flags, (long)(new_len >> PAGE_SHIFT));
	if (!IS_ERR_VALUE(new_addr) && (flags & MREMAP_DONTUNMAP)) {
		vma->vm_flags &= ~VM_LOCKED_MASK;
		if (new_vma != vma && vma->vm_start == old_addr &&
		    vma->vm_end == old_addr + old_len)
			unlink_anon_vmas(vma);
		return new_addr;
	}
	if (do_munmap(mm, old_addr, old_len) < 0) {
		if ((vm_flags & VM_ACCOUNT) && !(flags & MREMAP_DONTUNMAP))
			vm_acct_memory((long)(old_len >> PAGE_SHIFT));
		excess = 0;
	}
	if (vm_flags & VM_LOCKED) {
		mm->locked_vm += new_len >> PAGE_SHIFT;
		*locked = true;
	}
	mm->hiwater_vm = hiwater_vm;
	if (excess) {
		vma->vm_flags |= VM_ACCOUNT;
		if (split)
			find_vma(mm, vma->vm_end)->vm_flags |= VM_ACCOUNT;
	}
	return new_addr;
}

static unsigned long mremap_to(unsigned long addr, unsigned long old_len,
			       unsigned long new_addr, unsigned long new_len,
			       bool *locked, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret, map_flags = 0;

	if (new_addr & ~PAGE_MASK)
		return (unsigned long)-EINVAL;
	if (new_len > mm->task_size || new_addr > mm->task_size - new_len)
		return (unsigned long)-EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return (unsigned long)-EINVAL;
	if ((unsigned long)mm->map_count + 2 >= (unsigned long)sysctl_max_map_count - 3)
		return (unsigned long)-ENOMEM;
	if (flags & MREMAP_FIXED) {
		ret = (unsigned long)(long)do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = (unsigned long)(long)do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return (unsigned long)PTR_ERR(vma);
	if ((flags & MREMAP_DONTUNMAP) &&
	    !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return (unsigned long)-ENOMEM;
	if (flags & MREMAP_FIXED)
		map_flags |= MAP_FIXED;
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	ret = get_unmapped_area(vma->vm_file, new_addr, new_len,
				vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
				map_flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	if (!(flags & MREMAP_FIXED))
		new_addr = ret;
	return move_vma(vma, addr, old_len, new_len, new_addr, locked, flags);
}

static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end)
		return false;
	if (find_vma_intersection(vma->vm_mm, vma->vm_end, end))
		return false;
	if (get_unmapped_area(NULL, vma->vm_start, end - vma->vm_start, 0,
			      MAP_FIXED) & ~PAGE_MASK)
		return false;
	return true;
}

static unsigned long mremap_locked(unsigned long addr, unsigned long old_len,
				   unsigned long new_len, unsigned long flags,
				   unsigned long new_addr, unsigned long populate[2])
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret = (unsigned long)-EINVAL;
	bool locked = false;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return ret;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return ret;
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return ret;
	if (addr & ~PAGE_MASK)
		return ret;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return ret;
	vma = vma_lookup(mm, addr);
	if (!vma)
		return (unsigned long)-EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		ret = mremap_to(addr, old_len, new_addr, new_len, &locked, flags);
		goto out;
	}
	if (old_len >= new_len) {
		int retval = do_munmap(mm, addr + new_len, old_len - new_len);

		if (retval < 0 && old_len != new_len)
			return (unsigned long)(long)retval;
		return addr;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return (unsigned long)PTR_ERR(vma);
	if (old_len == vma->vm_end - addr &&
	    vma_expandable(vma, new_len - old_len)) {
		long pages = (long)((new_len - old_len) >> PAGE_SHIFT);
		unsigned long ext_start = addr + old_len, ext_end = addr + new_len;
		unsigned long ext_pgoff = vma->vm_pgoff +
					  ((ext_start - vma->vm_start) >> PAGE_SHIFT);

		if ((vma->vm_flags & VM_ACCOUNT) &&
		    security_vm_enough_memory_mm(mm, pages))
			return (unsigned long)-ENOMEM;
		vma = vma_merge(mm, vma, ext_start, ext_end, vma->vm_flags,
				vma->anon_vma, vma->vm_file, ext_pgoff);
		if (!vma) {
			vm_unacct_memory(pages);
			return (unsigned long)-ENOMEM;
		}
		vm_stat_account(mm, vma->vm_flags, pages);
		if (vma->vm_flags & VM_LOCKED) {
			mm->locked_vm += (unsigned long)pages;
			locked = true;
			new_addr = addr;
		}
		ret = addr;
		goto out;
	}
	ret = (unsigned long)-ENOMEM;
	if (flags & MREMAP_MAYMOVE) {
		unsigned long map_flags = (vma->vm_flags & VM_MAYSHARE) ? MAP_SHARED : 0;

		new_addr = get_unmapped_area(vma->vm_file, 0, new_len,
					     vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
					     map_flags);
		if (IS_ERR_VALUE(new_addr))
			return new_addr;
		ret = move_vma(vma, addr, old_len, new_len, new_addr, &locked, flags);
	}
out:
	if (ret & ~PAGE_MASK)
		locked = false;
	if (locked && new_len > old_len) {
		populate[0] = new_addr + old_len;
		populate[1] = new_len - old_len;
	}
	return ret;
}

/* mremap(2): the work under mmap_lock for writing, the populate after it. */
unsigned long __do_sys_mremap(unsigned long addr, unsigned long old_len,
			      unsigned long new_len, unsigned long flags,
			      unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long populate[2] = { 0, 0 }, ret;

	mmap_write_lock(mm);
	ret = mremap_locked(addr, old_len, new_len, flags, new_addr, populate);
	mmap_write_unlock(mm);
	if (populate[1])
		mmsim_mm_populate(populate[0], populate[1]);
	return ret;
}

