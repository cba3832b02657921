// SPDX-License-Identifier: MIT
/*
 * mm/mmap.c — the VMAs of an address space: mmap, munmap, brk, stack
 * growth, where VMAs merge and split, and where new ones go.
 *
 * Kernel counterpart: mm/mmap.c (Linux 6.1 as Debian ships it, 6.1.y with
 * the stable fixes to unmapped_area_topdown's guard-gap check and to
 * do_brk_flags' adjacency test).
 *
 *   do_mmap           flags -> vm_flags, checks, get_unmapped_area, then
 *   mmap_region       unmap what is there (MAP_FIXED), charge the commit
 *                     (private writable), try to extend a neighbour
 *                     (prev/next with equal flags, file, anon_vma and
 *                     contiguous offsets), else a new VMA
 *   vma_merge         the eight cases of 6.1 (comment above it)
 *   __split_vma       one VMA becomes two at a page boundary
 *   do_munmap         split at the ends, zap the pages, free the tables
 *                     between the neighbours (free_pgtables), drop the VMAs
 *   brk               grow: extend the brk VMA or make one; shrink: munmap
 *   expand_downwards  a VM_GROWSDOWN VMA grows to a faulting address,
 *                     keeping stack_guard_gap from the VMA below
 *
 * Top-down placement (the x86_64 default layout):
 *
 *   TASK_SIZE  +----------------+
 *              | stack          |
 *   mmap_base  +----------------+  TASK_SIZE - max(128M, RLIMIT_STACK+gap)
 *              | mmap area,     |  highest gap of [max(4K, mmap_min_addr),
 *              | growing down   |  mmap_base) that fits, not closer than
 *              |                |  stack_guard_gap below a GROWSDOWN VMA
 *              | brk heap ^     |
 *              | image          |
 *              +----------------+
 *
 * Locking: mmsim runs one system call at a time per machine (the
 * mmap_lock is implied); the page-table lock is taken where tables are
 * installed.
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/oom.h"
#include "linux/bitmap.h"
#include "linux/fs.h"
#include "linux/pgtable.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/proc_state.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"

#define FIRST_USER_ADDRESS first_user_address()   /* 0; 2 pages on ARM */
#define USER_PGTABLES_CEILING 0UL
#define TASK_UNMAPPED_BASE(mm) PAGE_ALIGN((mm)->task_size / 3)
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

/* ---- protections and accounting ------------------------------------------- */

/* x86's protection_map: the PTE bits of each VM_READ|WRITE|EXEC|SHARED. */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	const pgprotval_t base = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
	const pgprotval_t none = _PAGE_GLOBAL | _PAGE_ACCESSED; /* PROTNONE */
	pgprotval_t v;

	switch (vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)) {
	case 0:
	case VM_SHARED:
		v = none;
		break;
	case VM_EXEC:
	case VM_EXEC | VM_READ:
	case VM_EXEC | VM_WRITE:
	case VM_EXEC | VM_WRITE | VM_READ:
	case VM_SHARED | VM_EXEC:
	case VM_SHARED | VM_EXEC | VM_READ:
		v = base;                          /* PAGE_READONLY_EXEC / COPY_EXEC */
		break;
	case VM_SHARED | VM_EXEC | VM_WRITE:
	case VM_SHARED | VM_EXEC | VM_WRITE | VM_READ:
		v = base | _PAGE_RW;               /* PAGE_SHARED_EXEC */
		break;
	case VM_SHARED | VM_WRITE:
	case VM_SHARED | VM_WRITE | VM_READ:
		v = base | _PAGE_RW | _PAGE_NX;    /* PAGE_SHARED */
		break;
	default:
		v = base | _PAGE_NX;               /* PAGE_READONLY / PAGE_COPY */
		break;
	}
	return __pgprot(v & supported_pte_mask());
}

void vma_set_page_prot(struct vm_area_struct *vma)
{
	/* tmpfs needs no write notification: the flags' protection as is */
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
}

static bool is_stack_mapping(vm_flags_t flags)
{
	return (flags & VM_STACK) == VM_STACK;
}

static bool is_exec_mapping(vm_flags_t flags)
{
	return (flags & (VM_WRITE | VM_EXEC | VM_STACK)) == VM_EXEC;
}

static bool is_data_mapping(vm_flags_t flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

void vm_stat_account(struct mm_struct *mm, vm_flags_t flags, long npages)
{
	mm->total_vm += (unsigned long)npages;
	if (is_exec_mapping(flags))
		mm->exec_vm += (unsigned long)npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += (unsigned long)npages;
	else if (is_data_mapping(flags))
		mm->data_vm += (unsigned long)npages;
}

bool may_expand_vm(struct mm_struct *mm, vm_flags_t flags, unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) &&
	    mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return false;
	return true;
}

/* Would locking @len more bytes pass RLIMIT_MEMLOCK?  (root: always) */
static int mlock_future_check(struct mm_struct *mm, unsigned long flags,
			      unsigned long len)
{
	(void)mm;
	(void)flags;
	(void)len;
	return 0; /* CAP_IPC_LOCK: the probe runs as root */
}

unsigned long vm_start_gap(struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= stack_guard_gap;
		if (start > vma->vm_start)
			start = 0;
	}
	return start;
}

unsigned long vm_end_gap(struct vm_area_struct *vma)
{
	return vma->vm_end;
}

static bool vma_is_accessible(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_ACCESS_FLAGS;
}

/* ---- removing and adjusting VMAs ------------------------------------------- */

/* Drop a VMA that is already out of the index. */
void remove_vma_unlinked(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file) {
		shmem_vma_unlink(vma);
		fput(vma->vm_file);
	}
	unlink_anon_vmas(vma);
	vm_area_free(vma);
}

static void vma_remove_from_mm(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_index_remove(mm, vma);
	mm->map_count--;
}

/* @importer takes over pages of @exporter: it needs its anon_vma. */
static int vma_import_anon(struct vm_area_struct *importer,
			   struct vm_area_struct *exporter)
{
	if (exporter && exporter->anon_vma && !importer->anon_vma)
		return anon_vma_clone(importer, exporter);
	return 0;
}

static bool is_mergeable_vma(struct vm_area_struct *vma, struct file *file,
			     unsigned long vm_flags)
{
	if ((vma->vm_flags ^ vm_flags) & ~VM_SOFTDIRTY)
		return false;
	if (vma->vm_file != file)
		return false;
	if (vma->vm_ops && vma->vm_ops->close)
		return false;
	return true;
}

static bool is_mergeable_anon_vma(struct anon_vma *anon_vma1,
				  struct anon_vma *anon_vma2,
				  struct vm_area_struct *vma)
{
	if ((!anon_vma1 || !anon_vma2) &&
	    (!vma || list_is_singular(&vma->anon_vma_chain)))
		return true;
	return anon_vma1 == anon_vma2;
}

static bool can_vma_merge_before(struct vm_area_struct *vma,
				 unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma) &&
	       vma->vm_pgoff == vm_pgoff;
}

static bool can_vma_merge_after(struct vm_area_struct *vma,
				unsigned long vm_flags,
				struct anon_vma *anon_vma, struct file *file,
				unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma) &&
	       vma->vm_pgoff + vma_pages(vma) == vm_pgoff;
}

static void remove_merged(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_remove_from_mm(mm, vma);
	remove_vma_unlinked(vma);
}

/*
 * Merge [addr, end) (flags, file, anon_vma, pgoff given) with its
 * neighbours as 6.1's vma_merge does.  @prev is the VMA before addr (or
 * the one containing addr, when the range is its tail).  With P prev,
 * N next, M the VMA covering the range (when there is one):
 *
 *   1  PPPP    NNNN  -> PPPPPPPPPPPP   6  PPPPMMMMNNNN -> PPPPPPPPPPPP
 *   2  PPPP    xxxx  -> PPPPPPPPxxxx   7  PPPPMMMMxxxx -> PPPPPPPPxxxx
 *   3  xxxx    NNNN  -> xxxxNNNNNNNN   8  xxxxMMMMNNNN -> xxxxNNNNNNNN
 *   4  PPPPPPPPNNNN  -> PPPPNNNNNNNN   5  PPPPMMMMMMMM -> PPPPPPPPMMMM
 *
 * Returns the VMA now covering the range, or NULL when nothing merged.
 */
static struct vm_area_struct *vma_merge_cases(struct mm_struct *mm,
					      struct vm_area_struct *prev,
					      unsigned long addr, unsigned long end,
					      unsigned long vm_flags,
					      struct anon_vma *anon_vma, struct file *file,
					      unsigned long pgoff)
{
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *mid, *next;
	bool merge_prev = false, merge_next = false;

	if (vm_flags & VM_SPECIAL)
		return NULL;
	next = find_vma(mm, prev ? prev->vm_end : 0);
	mid = next;
	if (next && next->vm_end == end)
		next = find_vma(mm, next->vm_end);

	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, anon_vma, file, pgoff))
		merge_prev = true;
	if (next && end == next->vm_start &&
	    can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen))
		merge_next = true;

	if (merge_prev && merge_next &&
	    is_mergeable_anon_vma(prev->anon_vma, next->anon_vma, NULL)) {
		/* cases 1, 6: prev swallows mid (case 6) and next */
		if (mid != next && vma_import_anon(prev, mid))
			return NULL;
		if (vma_import_anon(prev, next))
			return NULL;
		if (mid != next)
			remove_merged(mm, mid);
		end = next->vm_end;
		remove_merged(mm, next);
		vma_index_set_range(mm, prev, prev->vm_start, end, prev->vm_pgoff);
		return prev;
	}
	if (merge_prev) {
		/* cases 2, 5, 7 */
		if (mid && mid->vm_start < end) {
			if (vma_import_anon(prev, mid))
				return NULL;
			if (mid->vm_end == end) {
				remove_merged(mm, mid);         /* case 7 */
			} else {                                /* case 5 */
				split_huge_pmd_range(mid, end);
				vma_index_set_range(mm, mid, end, mid->vm_end,
						    mid->vm_pgoff +
						    ((end - mid->vm_start) >> PAGE_SHIFT));
			}
		}
		vma_index_set_range(mm, prev, prev->vm_start, end, prev->vm_pgoff);
		return prev;
	}
	if (merge_next) {
		if (prev && addr < prev->vm_end) {              /* case 4 */
			if (vma_import_anon(next, prev))
				return NULL;
			split_huge_pmd_range(prev, addr);
			vma_index_set_range(mm, prev, prev->vm_start, addr,
					    prev->vm_pgoff);
		} else if (mid != next) {                       /* case 8 */
			if (vma_import_anon(next, mid))
				return NULL;
			remove_merged(mm, mid);
		}
		vma_index_set_range(mm, next, addr, next->vm_end,
				    next->vm_pgoff - pglen);
		return next;
	}
	return NULL;
}

/* The merge, then khugepaged told of the grown VMA, as 6.1's vma_merge does. */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 unsigned long pgoff)
{
	struct vm_area_struct *res = vma_merge_cases(mm, prev, addr, end, vm_flags,
						     anon_vma, file, pgoff);

	if (res)
		khugepaged_enter_vma(res, vm_flags);
	return res;
}

int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below)
{
	MA_STATE(mas, &mm->mm_mt, 0, 0);
	struct vm_area_struct *new;

	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	if (new_below) {
		new->vm_end = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	}
	mas_set_range(&mas, new->vm_start, new->vm_end - 1);
	if (mas_preallocate(&mas, new, GFP_KERNEL)) {
		vm_area_free(new);
		return -ENOMEM;
	}
	if (anon_vma_clone(new, vma)) {
		mas_destroy(&mas);
		vm_area_free(new);
		return -ENOMEM;
	}
	if (new->vm_file) {
		get_file(new->vm_file);
		shmem_vma_link(new);
	}
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	split_huge_pmd_range(vma, addr);
	if (new_below)
		vma_index_set_range(mm, vma, addr, vma->vm_end, vma->vm_pgoff +
				    ((addr - vma->vm_start) >> PAGE_SHIFT));
	else
		vma_index_set_range(mm, vma, vma->vm_start, addr, vma->vm_pgoff);
	vma_mas_store(new, &mas);
	mm->map_count++;
	return 0;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(mm, vma, addr, new_below);
}

int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long charged = vma_pages(vma);

	if (find_vma_intersection(mm, vma->vm_start, vma->vm_end))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    security_vm_enough_memory_mm(mm, (long)charged))
		return -ENOMEM;
	if (vma_is_anonymous(vma)) {
		BUG_ON(vma->anon_vma);
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	}
	vma->vm_mm = mm;
	if (vma_index_insert(mm, vma)) {
		if (vma->vm_flags & VM_ACCOUNT)
			vm_unacct_memory((long)charged);
		return -ENOMEM;
	}
	mm->map_count++;
	return 0;
}

/* ---- where a new mapping goes ----------------------------------------------- */

/*
 * The highest free range of at least @length inside [low, high_end]
 * (inclusive), as mas_empty_area_rev finds it in mm_mt; its last address
 * in *last.  -ENOMEM when there is none.
 */
static int empty_area_rev(struct mm_struct *mm, unsigned long low,
			  unsigned long high_end, unsigned long length,
			  unsigned long *last)
{
	MA_STATE(mas, &mm->mm_mt, 0, 0);

	if (mas_empty_area_rev(&mas, low, high_end, length))
		return -ENOMEM;
	*last = mas.last;
	return 0;
}

/* The lowest free range of at least @length in [low, high_end] (mas_empty_area). */
static int empty_area(struct mm_struct *mm, unsigned long low,
		      unsigned long high_end, unsigned long length,
		      unsigned long *first)
{
	MA_STATE(mas, &mm->mm_mt, 0, 0);

	if (mas_empty_area(&mas, low, high_end, length))
		return -ENOMEM;
	*first = mas.index;
	return 0;
}

/* The VMA after the gap ending at @gap_end, and the one before @gap. */
unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len,
				    unsigned long low_limit,
				    unsigned long high_limit)
{
	struct vm_area_struct *tmp, *prev;
	unsigned long gap, last;

	if (low_limit < mmap_min_addr)
		low_limit = mmap_min_addr;
	for (;;) {
		if (high_limit <= low_limit ||
		    empty_area_rev(mm, low_limit, high_limit - 1, len, &last))
			return (unsigned long)-ENOMEM;
		gap = last + 1 - len;
		tmp = find_vma(mm, last);
		if (tmp && (tmp->vm_flags & VM_GROWSDOWN)) {
			if (vm_start_gap(tmp) <= last) {
				high_limit = vm_start_gap(tmp);
				continue;
			}
		} else {
			find_vma_prev(mm, gap, &prev);
			if (prev && vm_end_gap(prev) > gap) {
				high_limit = prev->vm_start;
				continue;
			}
		}
		return gap;
	}
}

unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
			    unsigned long low_limit, unsigned long high_limit)
{
	struct vm_area_struct *tmp, *prev;
	unsigned long gap;

	if (low_limit < mmap_min_addr)
		low_limit = mmap_min_addr;
	for (;;) {
		if (high_limit <= low_limit ||
		    empty_area(mm, low_limit, high_limit - 1, len, &gap))
			return (unsigned long)-ENOMEM;
		tmp = find_vma(mm, gap);
		if (tmp && (tmp->vm_flags & VM_GROWSDOWN) &&
		    vm_start_gap(tmp) < gap + len) {
			low_limit = tmp->vm_end;
			continue;
		}
		find_vma_prev(mm, gap, &prev);
		if (prev && vm_end_gap(prev) > gap) {
			low_limit = vm_end_gap(prev);
			continue;
		}
		return gap;
	}
}

/* x86_64's arch_get_unmapped_area (bottom-up, the fallback). */
static unsigned long arch_get_unmapped_area(struct mm_struct *mm,
					    unsigned long addr,
					    unsigned long len,
					    unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long end = mm->task_size;

	if (flags & MAP_FIXED)
		return addr;
	if (len > end)
		return (unsigned long)-ENOMEM;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (end - len >= addr && (!vma || addr + len <= vm_start_gap(vma)))
			return addr;
	}
	return unmapped_area(mm, len, TASK_UNMAPPED_BASE(mm), end);
}

/* x86_64's arch_get_unmapped_area_topdown (arch/x86/kernel/sys_x86_64.c). */
static unsigned long arch_get_unmapped_area_topdown(struct mm_struct *mm,
						    unsigned long addr0,
						    unsigned long len,
						    unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long addr = addr0;

	if (len > mm->task_size)
		return (unsigned long)-ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr &= PAGE_MASK;
		/* mmap_address_hint_valid */
		if (addr <= mm->task_size && mm->task_size - addr >= len) {
			vma = find_vma(mm, addr);
			if (!vma || addr + len <= vm_start_gap(vma))
				return addr;
		}
	}
	addr = unmapped_area_topdown(mm, len, PAGE_SIZE, mm->mmap_base);
	if (!offset_in_page(addr))
		return addr;
	return arch_get_unmapped_area(mm, addr0, len, flags);
}

unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long error = arch_mmap_check(addr, len, flags);

	if (error)
		return error;
	if (len > mm->task_size)
		return (unsigned long)-ENOMEM;
	/* shmem_get_unmapped_area with huge=never is the mm's own choice */
	if (mm->get_unmapped_area)
		addr = mm->get_unmapped_area(file, addr, len, pgoff, flags);
	else if (mm->mmap_topdown)
		addr = arch_get_unmapped_area_topdown(mm, addr, len, flags);
	else
		addr = arch_get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (addr > mm->task_size - len)
		return (unsigned long)-ENOMEM;
	if (offset_in_page(addr))
		return (unsigned long)-EINVAL;
	return addr; /* security_mmap_addr: root has CAP_SYS_RAWIO */
}

/* ---- mmap ------------------------------------------------------------------ */

static bool accountable_mapping(struct file *file, vm_flags_t vm_flags)
{
	(void)file;
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

static unsigned long count_vma_pages_range(struct mm_struct *mm,
					   unsigned long addr,
					   unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;
	VMA_ITERATOR(vmi, mm, addr);

	for_each_vma_range(vmi, vma, end) {
		unsigned long s = max(vma->vm_start, addr);
		unsigned long e = min(vma->vm_end, end);

		if (s < e)
			pages += (e - s) >> PAGE_SHIFT;
	}
	return pages;
}

static unsigned long mmap_region(struct file *file, unsigned long addr,
				 unsigned long len, vm_flags_t vm_flags,
				 unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	MA_STATE(mas, &mm->mm_mt, addr, addr + len - 1);
	struct vm_area_struct *vma = NULL, *next, *prev;
	unsigned long end = addr + len, merge_start = addr, merge_end = end;
	unsigned long pglen = len >> PAGE_SHIFT, charged = 0, vm_pgoff;
	int error;

	if (!may_expand_vm(mm, vm_flags, pglen)) {
		unsigned long nr_pages = count_vma_pages_range(mm, addr, end);

		if (!may_expand_vm(mm, vm_flags, pglen - nr_pages))
			return (unsigned long)-ENOMEM;
	}
	if (do_munmap(mm, addr, len))
		return (unsigned long)-ENOMEM;
	if (accountable_mapping(file, vm_flags)) {
		charged = pglen;
		if (security_vm_enough_memory_mm(mm, (long)charged))
			return (unsigned long)-ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}

	next = find_vma_prev(mm, addr, &prev);
	if (vm_flags & VM_SPECIAL)
		goto cannot_expand;
	/* a shared anonymous mapping gets its own file: never expands */
	if (!file && (vm_flags & VM_SHARED))
		goto cannot_expand;
	vm_pgoff = pgoff;
	if (next && next->vm_start == end &&
	    can_vma_merge_before(next, vm_flags, NULL, file, pgoff + pglen)) {
		merge_end = next->vm_end;
		vma = next;
		vm_pgoff = next->vm_pgoff - pglen;
	}
	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, vma ? vma->anon_vma : NULL,
				file, pgoff)) {
		merge_start = prev->vm_start;
		vma = prev;
		vm_pgoff = prev->vm_pgoff;
	}
	if (vma) {
		/* vma_expand: vma grows over [merge_start, merge_end) */
		if (vma == prev && merge_end > end) {
			if (vma_import_anon(prev, next))
				goto cannot_expand;
			remove_merged(mm, next);
		}
		vma_index_set_range(mm, vma, merge_start, merge_end, vm_pgoff);
		khugepaged_enter_vma(vma, vm_flags);
		goto expanded;
	}
cannot_expand:
	vma = vm_area_alloc(mm);
	if (!vma) {
		error = -ENOMEM;
		goto unacct_error;
	}
	vma->vm_start = addr;
	vma->vm_end = end;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_file = get_file(file);
		error = file->f_op->mmap(file, vma);
		if (error)
			goto unmap_and_free_vma;
	} else if (vm_flags & VM_SHARED) {
		error = shmem_zero_setup(vma);
		if (error)
			goto free_vma;
	}
	mas_set_range(&mas, vma->vm_start, vma->vm_end - 1);
	if (mas_preallocate(&mas, vma, GFP_KERNEL)) {
		error = -ENOMEM;
		if (vma->vm_file)
			goto unmap_and_free_vma;
		goto free_vma;
	}
	if (vma->vm_file)
		shmem_vma_link(vma);
	vma_mas_store(vma, &mas);
	mm->map_count++;
	khugepaged_enter_vma(vma, vma->vm_flags);
expanded:
	vm_stat_account(mm, vm_flags, (long)pglen);
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += pglen;
	vma->vm_flags |= mmsim_proc_state()->vm_softdirty;
	vma_set_page_prot(vma);
	return addr;

unmap_and_free_vma:
	fput(vma->vm_file);
	vma->vm_file = NULL;
free_vma:
	vm_area_free(vma);
unacct_error:
	if (charged)
		vm_unacct_memory((long)charged);
	return (unsigned long)(long)error;
}

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0) |
	       (flags & MAP_SYNC ? VM_SYNC : 0);
}

static unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < mmap_min_addr)
		return PAGE_ALIGN(mmap_min_addr);
	return hint;
}

#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS \
			 | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED \
			 | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE \
			 | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

static long do_mmap_file_flags(struct file *file, unsigned long *flags,
			       unsigned long prot, vm_flags_t *vm_flags)
{
	switch (*flags & MAP_TYPE) {
	case MAP_SHARED:
		*flags &= LEGACY_MAP_MASK;
		/* fallthrough */
	case MAP_SHARED_VALIDATE:
		if (*flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		/* fallthrough */
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		if (*vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      unsigned long pgoff, unsigned long *populate)
{
	struct mm_struct *mm = current->mm;
	vm_flags_t vm_flags;
	long err;

	*populate = 0;
	if (!len)
		return (unsigned long)-EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);
	len = PAGE_ALIGN(len);
	if (!len)
		return (unsigned long)-ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return (unsigned long)-EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return (unsigned long)-ENOMEM;
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) &&
	    find_vma_intersection(mm, addr, addr + len))
		return (unsigned long)-EEXIST;
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (mlock_future_check(mm, vm_flags, len))
		return (unsigned long)-EAGAIN;
	if (file) {
		err = do_mmap_file_flags(file, &flags, prot, &vm_flags);
		if (err)
			return (unsigned long)err;
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
				return (unsigned long)-EINVAL;
			pgoff = 0;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			pgoff = addr >> PAGE_SHIFT;
			break;
		default:
			return (unsigned long)-EINVAL;
		}
	}
	if ((flags & MAP_NORESERVE) &&
	    sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;
	addr = mmap_region(file, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) &&
	    ((vm_flags & VM_LOCKED) ||
	     (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		*populate = len;
	return addr;
}

static unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr,
				   unsigned long len, unsigned long prot,
				   unsigned long flag, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret, populate;

	mmap_write_lock(mm);
	ret = do_mmap(file, addr, len, prot, flag, pgoff, &populate);
	mmap_write_unlock(mm);
	if (populate && !IS_ERR_VALUE(ret))
		mmsim_mm_populate(ret, populate);
	return ret;
}

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag,
		      unsigned long offset)
{
	if (offset + PAGE_ALIGN(len) < offset)
		return (unsigned long)-EINVAL;
	if (offset_in_page(offset))
		return (unsigned long)-EINVAL;
	return vm_mmap_pgoff(file, addr, len, prot, flag, offset >> PAGE_SHIFT);
}

unsigned long ksys_mmap_pgoff(unsigned long addr, unsigned long len,
			      unsigned long prot, unsigned long flags,
			      unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget_raw_nocount((unsigned int)fd);
		if (!file)
			return (unsigned long)-EBADF;
	} else if (flags & MAP_HUGETLB) {
		return (unsigned long)-ENOMEM; /* no hugetlbfs pages reserved */
	}
	return vm_mmap_pgoff(file, addr, len, prot, flags, pgoff);
}

/* ---- munmap ------------------------------------------------------------------ */

/*
 * Take [start, end) out of @mm: split the VMAs at both ends, zap their
 * pages, free the page tables no VMA needs any more, and free the VMAs.
 */
static int do_align_munmap(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long start, unsigned long end)
{
	struct vm_area_struct *prev, *next, *v, *tmp;
	LIST_HEAD(detached);
	unsigned long nr_accounted = 0;
	int error;

	if (start > vma->vm_start) {
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		error = __split_vma(mm, vma, start, 0);
		if (error)
			return error;
		vma = find_vma(mm, start);
	}
	next = find_vma(mm, end - 1);
	if (next && next->vm_start < end && next->vm_end > end) {
		error = __split_vma(mm, next, end, 1);
		if (error)
			return error;
		if (vma == next)
			vma = find_vma(mm, start);
	}
	prev = mmsim_vma_before(vma);
	/* detach [vma .. last VMA below end] */
	v = vma;
	while (v && v->vm_start < end) {
		tmp = mmsim_vma_after(v);
		if (v->vm_flags & VM_LOCKED)
			mm->locked_vm -= vma_pages(v);
		vma_remove_from_mm(mm, v);
		list_add_tail(&v->vm_list, &detached);
		v = tmp;
	}
	next = v;
	update_hiwater_rss(mm);
	list_for_each_entry(v, &detached, vm_list)
		unmap_vmas(mm, v, v->vm_start, v->vm_end);
	mmsim_free_pgtables_list(mm, &detached,
				 prev ? prev->vm_end : FIRST_USER_ADDRESS,
				 next ? next->vm_start : USER_PGTABLES_CEILING);
	update_hiwater_vm(mm);          /* remove_mt: before total_vm drops */
	list_for_each_entry_safe(v, tmp, &detached, vm_list) {
		if (v->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(v);
		vm_stat_account(mm, v->vm_flags, -(long)vma_pages(v));
		list_del_init(&v->vm_list);
		remove_vma_unlinked(v);
	}
	vm_unacct_memory((long)nr_accounted);
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma;
	unsigned long end;

	if (offset_in_page(start) || start > mm->task_size ||
	    len > mm->task_size - start)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end == start)
		return -EINVAL;
	vma = find_vma_intersection(mm, start, end);
	if (!vma)
		return 0;
	return do_align_munmap(mm, vma, start, end);
}

/*
 * munmap(2) under mmap_lock for writing.  6.1 downgrades to a read lock
 * (@downgrade) once the VMAs are detached, for the zapping of pages and
 * tables; mmsim keeps the write lock to the end (the same exclusion for
 * everything but the faults of other threads, which wait a little longer).
 */
int __vm_munmap(unsigned long start, size_t len, bool downgrade)
{
	struct mm_struct *mm = current->mm;
	int ret;

	(void)downgrade;
	mmap_write_lock(mm);
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

int vm_munmap(unsigned long start, size_t len)
{
	return __vm_munmap(start, len, false);
}

/* ---- brk ------------------------------------------------------------------------ */

static int check_brk_limits(unsigned long addr, unsigned long len)
{
	unsigned long mapped_addr;

	mapped_addr = get_unmapped_area(NULL, addr, len, 0, MAP_FIXED);
	if (IS_ERR_VALUE(mapped_addr))
		return (int)(long)mapped_addr;
	return mlock_future_check(current->mm, current->mm->def_flags, len);
}

static int do_brk_flags(struct vm_area_struct *vma, unsigned long addr,
			unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	flags |= VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;
	if (!may_expand_vm(mm, flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	if (security_vm_enough_memory_mm(mm, (long)(len >> PAGE_SHIFT)))
		return -ENOMEM;
	if (vma && vma->vm_end == addr && !vma->vm_file && /* can_vma_merge_after() */
	    vma->vm_pgoff + vma_pages(vma) == addr >> PAGE_SHIFT &&
	    (!vma->anon_vma || list_is_singular(&vma->anon_vma_chain)) &&
	    (vma->vm_flags & ~VM_SOFTDIRTY) == flags) {
		vma_index_set_range(mm, vma, vma->vm_start, addr + len,
				    vma->vm_pgoff);
		khugepaged_enter_vma(vma, flags);
		goto out;
	}
	vma = vm_area_alloc(mm);
	if (!vma) {
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
		return -ENOMEM;
	}
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_pgoff = addr >> PAGE_SHIFT;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	if (vma_index_insert(mm, vma)) {
		vm_area_free(vma);
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
		return -ENOMEM;
	}
	mm->map_count++;
out:
	mm->total_vm += len >> PAGE_SHIFT;
	mm->data_vm += len >> PAGE_SHIFT;
	if (flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	vma->vm_flags |= mmsim_proc_state()->vm_softdirty;
	return 0;
}

static unsigned long brk_locked(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk, origbrk = mm->brk, min_brk = mm->start_brk;
	struct vm_area_struct *brkvma, *next;

	if (brk < min_brk)
		return origbrk;
	/* check_data_rlimit: RLIMIT_DATA is unlimited for the probe */
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		goto success;
	}
	if (brk <= mm->brk) {
		brkvma = find_vma_intersection(mm, newbrk, oldbrk);
		if (!brkvma || brkvma->vm_start >= oldbrk)
			return origbrk;
		mm->brk = brk;
		if (do_align_munmap(mm, brkvma, newbrk, oldbrk)) {
			mm->brk = origbrk;
			return origbrk;
		}
		return brk;
	}
	if (check_brk_limits(oldbrk, newbrk - oldbrk))
		return origbrk;
	next = find_vma(mm, oldbrk);
	if (next && next->vm_start <= newbrk - 1 + PAGE_SIZE + stack_guard_gap &&
	    newbrk + PAGE_SIZE > vm_start_gap(next))
		return origbrk;
	find_vma_prev(mm, oldbrk, &brkvma);
	if (brkvma && brkvma->vm_end <= mm->start_brk)
		brkvma = NULL;
	if (do_brk_flags(brkvma, oldbrk, newbrk - oldbrk, 0) < 0)
		return origbrk;
	mm->brk = brk;
success:
	return brk;
}

/* brk(2): the work under mmap_lock for writing, an mlocked heap's populate after. */
unsigned long __do_sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk, newbrk = PAGE_ALIGN(brk), ret;
	bool populate;

	mmap_write_lock(mm);
	oldbrk = PAGE_ALIGN(mm->brk);
	ret = brk_locked(brk);
	populate = ret == brk && brk >= mm->start_brk && newbrk > oldbrk &&
		   (mm->def_flags & VM_LOCKED);
	mmap_write_unlock(mm);
	if (populate)
		mmsim_mm_populate(oldbrk, newbrk - oldbrk);
	return ret;
}

int vm_brk_flags(unsigned long addr, unsigned long request, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *prev;
	unsigned long len = PAGE_ALIGN(request);
	int ret;

	if (len < request)
		return -ENOMEM;
	if (!len)
		return 0;
	if (flags & ~VM_EXEC)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = check_brk_limits(addr, len);
	if (!ret)
		ret = do_munmap(mm, addr, len);
	if (!ret) {
		find_vma_prev(mm, addr, &prev);
		ret = do_brk_flags(prev, addr, len, flags);
	}
	mmap_write_unlock(mm);
	if (!ret && (mm->def_flags & VM_LOCKED))
		mmsim_mm_populate(addr, len);
	return ret;
}

/* ---- stacks ------------------------------------------------------------------- */

static int acct_stack_growth(struct vm_area_struct *vma, unsigned long size,
			     unsigned long grow)
{
	struct mm_struct *mm = vma->vm_mm;

	if (!may_expand_vm(mm, vma->vm_flags, grow))
		return -ENOMEM;
	if (size > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (security_vm_enough_memory_mm(mm, (long)grow))
		return -ENOMEM;
	return 0;
}

int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = mmsim_vma_before(vma);
	unsigned long size, grow;
	int error;

	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && vma_is_accessible(prev) &&
	    address - prev->vm_end < stack_guard_gap)
		return -ENOMEM;
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	if (address >= vma->vm_start) {
		khugepaged_enter_vma(vma, vma->vm_flags);
		return 0;
	}
	size = vma->vm_end - address;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	if (grow > vma->vm_pgoff)
		return -ENOMEM;
	error = acct_stack_growth(vma, size, grow);
	if (error)
		return error;
	if (!(vma->vm_flags & VM_ACCOUNT))
		mmsim_proc_state()->stack_charge_kept += (long)grow;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	vm_stat_account(mm, vma->vm_flags, (long)grow);
	vma_index_set_range(mm, vma, address, vma->vm_end, vma->vm_pgoff - grow);
	khugepaged_enter_vma(vma, vma->vm_flags);
	return 0;
}

struct vm_area_struct *find_extend_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	unsigned long start;

	addr &= PAGE_MASK;
	vma = find_vma(mm, addr);
	if (!vma)
		return NULL;
	if (vma->vm_start <= addr)
		return vma;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return NULL;
	start = vma->vm_start;
	if (expand_stack(vma, addr))
		return NULL;
	if (vma->vm_flags & VM_LOCKED)
		populate_vma_page_range(vma, addr, start, NULL);
	return vma;
}

/* ---- mremap's helper, exit --------------------------------------------------- */

/* A copy of *vmap at [addr, addr+len) offset pgoff, merged if possible. */
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, bool *need_rmap_locks)
{
	struct vm_area_struct *vma = *vmap, *new_vma, *prev;
	struct mm_struct *mm = vma->vm_mm;
	MA_STATE(mas, &mm->mm_mt, 0, 0);

	if (vma_is_anonymous(vma) && !vma->anon_vma) {
		pgoff = addr >> PAGE_SHIFT;
	}
	find_vma_prev(mm, addr, &prev);
	new_vma = vma_merge(mm, prev, addr, addr + len, vma->vm_flags,
			    vma->anon_vma, vma->vm_file, pgoff);
	if (new_vma) {
		if (new_vma->vm_start <= vma->vm_start &&
		    new_vma->vm_end > vma->vm_start)
			*vmap = vma = new_vma;
		*need_rmap_locks = new_vma->vm_pgoff <= vma->vm_pgoff;
		return new_vma;
	}
	new_vma = vm_area_dup(vma);
	if (!new_vma)
		return NULL;
	new_vma->vm_start = addr;
	new_vma->vm_end = addr + len;
	new_vma->vm_pgoff = pgoff;
	mas_set_range(&mas, addr, addr + len - 1);
	if (mas_preallocate(&mas, new_vma, GFP_KERNEL)) {
		vm_area_free(new_vma);
		return NULL;
	}
	if (anon_vma_clone(new_vma, vma)) {
		mas_destroy(&mas);
		vm_area_free(new_vma);
		return NULL;
	}
	if (new_vma->vm_file) {
		get_file(new_vma->vm_file);
		shmem_vma_link(new_vma);
	}
	if (new_vma->vm_ops && new_vma->vm_ops->open)
		new_vma->vm_ops->open(new_vma);
	vma_mas_store(new_vma, &mas);
	mm->map_count++;
	*need_rmap_locks = false;
	return new_vma;
}

void exit_mmap(struct mm_struct *mm)
{
	MA_STATE(mas, &mm->mm_mt, 0, 0);
	struct vm_area_struct *vma, *tmp;
	unsigned long nr_accounted = 0;
	LIST_HEAD(all);

	/*
	 * The fullmm gather: no CPU runs the mm any more (mmsim drops it
	 * from every TLB now, once; 6.1 flushes it once at the end).
	 */
	mmsim_tlb_forget_mm(mm);
	/* 6.1: the pages go under the read lock (the OOM reaper may be at it) */
	mmap_read_lock(mm);
	/* walk the tree; vm_list strings the VMAs for free_pgtables/removal */
	mas_for_each(&mas, vma, ULONG_MAX) {
		unmap_vmas(mm, vma, vma->vm_start, vma->vm_end);
		list_add_tail(&vma->vm_list, &all);
	}
	mmap_read_unlock(mm);
	/* the memory is gone: hide the mm from the OOM killer and reaper */
	set_bit(MMF_OOM_SKIP, &mm->flags);
	mmap_write_lock(mm);
	mmsim_free_pgtables_list(mm, &all, FIRST_USER_ADDRESS,
				 USER_PGTABLES_CEILING);
	list_for_each_entry_safe(vma, tmp, &all, vm_list) {
		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(vma);
		list_del_init(&vma->vm_list);
		mm->map_count--;
		remove_vma_unlinked(vma);
	}
	vm_unacct_memory((long)nr_accounted);
	vma_mt_destroy(mm);
	mmap_write_unlock(mm);
}

/* __mm_populate with ignore_errors, for MAP_POPULATE/MAP_LOCKED/brk. */
void mmsim_mm_populate(unsigned long start, unsigned long len)
{
	__mm_populate(start, len, 1);
}

