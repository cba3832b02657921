// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/fault.c — user page faults, and the simulated CPU's loads
 * and stores that take them.
 *
 * Kernel counterpart: arch/x86/mm/fault.c (Linux 6.1): do_user_addr_fault,
 * access_error, bad_area / bad_area_access_error (SIGSEGV), do_sigbus.
 * The hardware half (the MMU's walk of the four levels, the accessed and
 * dirty bits it sets, the error code it pushes) is mmsim's own:
 *
 *   mmsim_access(task, addr, ...)
 *     the CPU switches to task->mm if it ran another (mm/tlb_flush.c)
 *     for each access: walk task->mm->pgd (PGD -> PUD -> PMD [-> PTE]);
 *       a TLB hit (host/tlb.c) with the right asked for: do it, and
 *       leave the entry alone (no A, no D: the CPU does not walk);
 *       else present, user, writable when a store?  set A (and D), cache
 *       the translation (writable only if D is set), do it on the
 *       frame's bytes in simulated RAM;
 *       else the page fault: do_user_addr_fault(error code, address)
 *         find_vma; below it a VM_GROWSDOWN VMA may expand_stack;
 *         none, or access_error  -> SIGSEGV at the address
 *         handle_mm_fault        -> VM_FAULT_SIGBUS -> SIGBUS,
 *                                   VM_FAULT_SIGSEGV -> SIGSEGV,
 *                                   VM_FAULT_OOM -> the OOM path (SIGKILL)
 *       and the access is tried again.
 *
 * A 32-bit ARM machine's accesses go through ARM's MMU and fault handler
 * instead (arch/arm/mm/fault.c: no hardware accessed/dirty bits).
 *
 * Fill and check work a page at a time once the page is translated; the
 * accessed/dirty bits end as the byte accesses would leave them.
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/oom.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "mmsim/tlb.h"

#define X86_PF_PROT  (1UL << 0)
#define X86_PF_WRITE (1UL << 1)
#define X86_PF_USER  (1UL << 2)

/* access_error: may this kind of access touch @vma at all? */
static bool access_error(unsigned long error_code, struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_PROT)
		return true;
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* The VMA checks and the generic handler, under mmap_lock for reading. */
static int user_fault_locked(struct mm_struct *mm, unsigned long error_code,
			     unsigned long address, vm_fault_t *faultp)
{
	unsigned int flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE |
			     FAULT_FLAG_USER;
	struct vm_area_struct *vma;

	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	vma = find_vma(mm, address);
	if (!vma)
		return SIGSEGV;
	if (vma->vm_start > address) {
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return SIGSEGV;
		if (expand_stack(vma, address))
			return SIGSEGV;
	}
	if (access_error(error_code, vma))
		return SIGSEGV;
	*faultp = handle_mm_fault(vma, address, flags, (void *)1);
	return 0;
}

/* The signal a user fault at @address ends in: 0 when it was fixed. */
static int do_user_addr_fault(struct mm_struct *mm, unsigned long error_code,
			      unsigned long address)
{
	vm_fault_t fault = 0;
	int sig;

	if (address >= mm->task_size)
		return SIGSEGV;          /* a kernel address from user mode */
	mmap_read_lock(mm);
	sig = user_fault_locked(mm, error_code, address, &fault);
	mmap_read_unlock(mm);
	if (sig)
		return sig;
	/*
	 * VM_FAULT_OOM: the OOM killer has run in the allocation.  When it
	 * chose this task, the SIGKILL ends it on the way back to user space;
	 * otherwise 6.1 retries the fault (pagefault_out_of_memory) for as
	 * long as it takes, and mmsim, whose allocation gave up, ends it too.
	 */
	if (fault & VM_FAULT_OOM)
		return SIGKILL;
	if (fatal_signal_pending(current))
		return SIGKILL;          /* chosen by the OOM killer meanwhile */
	if (fault & (VM_FAULT_SIGBUS | VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE))
		return SIGBUS;
	if (fault & VM_FAULT_SIGSEGV)
		return SIGSEGV;
	return 0;
}

/* One load of a table entry another CPU may be setting (the MMU's walk). */
static u64 mmu_load(const u64 *entry)
{
	return __atomic_load_n(entry, __ATOMIC_ACQUIRE);
}

/*
 * The TLB's answer for @addr (host/tlb.c).  mmsim walks to the leaf in any
 * case, under its table lock (below), but on a hit it uses the cached
 * translation and leaves the entry alone, as the CPU does.  The leaf @v
 * is only checked: if it no longer maps the cached frame with the right
 * asked for, the kernel would have flushed (it always does before such a
 * change), so mmsim missed a flush: counted as stale, and the access
 * walks.  An entry cached without the write right is a miss for a store:
 * the walk sets D (QEMU caches a clean page read-only for that reason).
 */
static bool mmu_tlb_hit(unsigned long addr, bool write, u64 v, phys_addr_t pa)
{
	struct mmsim_tlb *tlb = mmsim_this_tlb();
	struct mmsim_tlb_entry e;
	bool hit;

	if (!tlb)
		return false;
	spin_lock(&tlb->lock);
	hit = tlb_hw_lookup(tlb, addr, write, &e);
	if (hit && (e.pfn != pa >> PAGE_SHIFT || !(v & _PAGE_PRESENT) ||
		    !(v & _PAGE_USER) || (write && !(v & _PAGE_RW)))) {
		tlb_hw_drop_stale(tlb, addr);
		hit = false;
	}
	spin_unlock(&tlb->lock);
	return hit;
}

static void mmu_tlb_fill(unsigned long addr, phys_addr_t pa, bool writable,
			 bool huge)
{
	struct mmsim_tlb *tlb = mmsim_this_tlb();

	if (!tlb)
		return;
	spin_lock(&tlb->lock);
	tlb_hw_fill(tlb, addr, pa >> PAGE_SHIFT, writable, huge);
	spin_unlock(&tlb->lock);
}

/*
 * The MMU's translation of @addr for a load (or a store when @write):
 * the host address of the byte, with A/D set, or NULL and the page-fault
 * error code in *err.  On success the lock of the leaf's table is held
 * (*ptlp) until the access is done: that is how mmsim models a TLB
 * shootdown, since whoever clears or changes a present entry (reclaim's
 * try_to_unmap, a COW, a zap) holds that lock, and so waits for an
 * access that translated through the old entry to finish.
 */
static u8 *mmu_translate(struct mm_struct *mm, unsigned long addr, bool write,
			 unsigned long *err, spinlock_t **ptlp)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, addr);
	p4d_t *p4d = p4d_offset(pgd, addr);
	pud_t *pud;
	pmd_t *pmd;
	u64 *leaf, need = _PAGE_PRESENT | _PAGE_USER | (write ? _PAGE_RW : 0), v;
	phys_addr_t pa;

	*err = X86_PF_USER | (write ? X86_PF_WRITE : 0);
	if (addr >= mm->task_size || !(mmu_load(&p4d->p4d) & _PAGE_PRESENT))
		return NULL;
	pud = pud_offset(p4d, addr);
	if (!(mmu_load(&pud->pud) & _PAGE_PRESENT))
		return NULL;
	pmd = pmd_offset(pud, addr);
	v = mmu_load(&pmd->pmd);
	if (!(v & _PAGE_PRESENT))
		return NULL;
	if (v & _PAGE_PSE) {
		*ptlp = pmd_lock(mm, pmd);
		leaf = &pmd->pmd;
		v = mmu_load(leaf);
		if (!(v & _PAGE_PSE))   /* split meanwhile: walk again */
			v = 0;
		pa = (v & PHYSICAL_PMD_PAGE_MASK) + (addr & ~PMD_MASK);
	} else {
		*ptlp = pte_lockptr(mm, pmd);
		spin_lock(*ptlp);
		leaf = &pte_offset_kernel(pmd, addr)->pte;
		v = mmu_load(leaf);
		pa = (v & PTE_PFN_MASK) + (addr & ~PAGE_MASK);
	}
	if (mmu_tlb_hit(addr, write, v, pa))
		return __va(pa);        /* the PTE is not touched */
	if ((v & need) != need) {
		if (v & _PAGE_PRESENT)
			*err |= X86_PF_PROT;
		spin_unlock(*ptlp);
		return NULL;
	}
	v = __atomic_or_fetch(leaf, _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0),
			      __ATOMIC_RELAXED);
	mmu_tlb_fill(addr, pa, (v & _PAGE_RW) && (v & _PAGE_DIRTY),
		     leaf == &pmd->pmd);
	return __va(pa);
}

/*
 * How many page faults one access may take before mmsim gives up on it.
 * Each fault ends in a signal or changes the entry so that the next walk
 * gets through; one access needs a few in a row at most (not present,
 * then the write-protect fault on what a read fault mapped, a huge PMD
 * split meanwhile).  The CPU itself retries for ever, so only a fault
 * that another simulated CPU undoes every time (reclaim unmapping the
 * page just mapped) could loop there, and this bound is far above that.
 * It exists for a fault path that reports success without fixing the
 * entry (an mmsim bug, or an entry nobody should have written): the
 * access then fails with -EAGAIN and one error line naming the address,
 * instead of hanging, or raising a signal the kernel would not send.
 */
#define USER_FAULT_TRIES 64

/*
 * Translate @addr, taking page faults until it works; 0, the signal, or
 * -EAGAIN after USER_FAULT_TRIES faults without progress.
 * On success the access may go ahead: mmap_lock is held for reading and
 * the leaf's table lock in *ptlp (NULL on ARM), both dropped by
 * user_access_done() (see mmu_translate: no entry changes under an
 * access in flight).
 */
static int user_translate(struct mm_struct *mm, unsigned long addr, bool write,
			  u8 **p, spinlock_t **ptlp)
{
	bool arm = current_machine->desc.arch == MMSIM_ARCH_ARM; /* one binary, two MMUs */
	unsigned long err = 0;
	int tries, sig;

	for (tries = 0; tries < USER_FAULT_TRIES; tries++) {
		*ptlp = NULL;
		mmap_read_lock(mm);
		*p = arm ? arm_mmu_translate(mm, addr, write) :
			   mmu_translate(mm, addr, write, &err, ptlp);
		if (*p)
			return 0;
		mmap_read_unlock(mm);
		sig = arm ? arm_do_page_fault(mm, addr, write) :
			    do_user_addr_fault(mm, err, addr);
		if (sig)
			return sig;
	}
	pr_err("mmsim: a user %s at %#lx (pid %d) faulted %d times without progress (error code %#lx)\n",
	       write ? "store" : "load", addr, current->pid, USER_FAULT_TRIES, err);
	return -EAGAIN;
}

static void user_access_done(struct mm_struct *mm, spinlock_t *ptl)
{
	if (ptl)
		spin_unlock(ptl);
	mmap_read_unlock(mm);
}

static int access_one_page(struct mm_struct *mm, unsigned long addr,
			   unsigned long n, enum mmsim_access_op op, u8 byte,
			   struct mmsim_access_result *r)
{
	bool write = op == MMSIM_WRITE || op == MMSIM_FILL;
	spinlock_t *ptl;
	u8 *p;
	unsigned long i;
	int sig = user_translate(mm, addr, write, &p, &ptl);

	if (sig) {
		r->sig = sig > 0 ? sig : 0;
		r->addr = addr;
		return sig;
	}
	switch (op) {
	case MMSIM_READ:
		(void)*(volatile u8 *)p;
		break;
	case MMSIM_WRITE:
		*p = byte;
		break;
	case MMSIM_FILL:
		memset(p, byte, n);
		break;
	case MMSIM_CHECK:
		for (i = 0; i < n; i++) {
			if (p[i] != byte) {
				r->mismatch = true;
				r->mismatch_addr = addr + i;
				r->value = p[i];
				break;
			}
		}
		break;
	}
	user_access_done(mm, ptl);
	return 0;
}

int mmsim_access(struct task_struct *task, unsigned long addr,
		 unsigned long len, enum mmsim_access_op op, u8 byte,
		 unsigned long step, struct mmsim_access_result *result)
{
	struct task_struct *old;
	unsigned long end = addr + len, a = addr;
	int sig = 0;

	if (end < addr)                 /* past the top: stop at the last byte */
		end = ~0UL;

	memset(result, 0, sizeof(*result));
	if (op == MMSIM_FILL || op == MMSIM_CHECK)
		step = 1;
	if (!step)
		return -EINVAL;
	if (!task->mm)
		return -ESRCH;
	old = set_current(task);
	mmsim_switch_to(task);          /* the CPU runs @task's address space */
	while (a < end && a >= addr) {
		unsigned long n = 1;

		if (step == 1)     /* every byte: up to the end of the page */
			n = min(end - a, PAGE_SIZE - (a & ~PAGE_MASK));
		sig = access_one_page(task->mm, a, n, op, byte, result);
		if (sig || result->mismatch)
			break;
		if (a + (step == 1 ? n : step) < a)
			break;
		a += step == 1 ? n : step;
	}
	set_current(old);
	return sig;
}
