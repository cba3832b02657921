// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/fault.c — user page faults of a 32-bit ARM process, and the
 * simulated ARMv7 MMU's view of a user page that decides when they happen.
 *
 * Kernel counterparts (Linux 6.1): arch/arm/mm/fault.c (do_page_fault,
 * __do_page_fault, do_translation_fault for user addresses) and the
 * hardware half of arch/arm/mm/proc-v7-2level.S (cpu_v7_set_pte_ext).
 *
 * ARM's MMU has neither an accessed nor a dirty bit.  The kernel keeps
 * both in the Linux PTE (L_PTE_YOUNG, L_PTE_DIRTY) and writes the hardware
 * PTE beside it so that the MMU faults where x86's would set a bit:
 *
 *   Linux PTE                      hardware PTE        an access
 *   not present, or not young      0 (invalid)         translation fault
 *   young, read-only or clean      AP read-only        a store: permission
 *                                                      fault; loads work
 *   young, writable and dirty      AP read/write       loads and stores
 *
 * A translation the CPU's TLB still holds (host/tlb.c) is used without a
 * walk: clear_refs makes PTEs old without a flush, so a page re-read
 * through a cached entry takes no fault and stays old, as on the oracle.
 *
 * So on ARM, where x86 just sets A or D, a user access takes a minor fault
 * that handle_mm_fault() fixes by making the PTE young (and dirty for a
 * store): after fork (the child's PTEs are old), MADV_FREE and clear_refs
 * (old, clean), and on the first store to a page mapped clean and
 * writable (a shared file page after a read fault, say).  Both halves are
 * in simulated RAM (arch/arm/mm/pgd.c): set_pte_at() writes the hardware
 * entry as cpu_v7_set_pte_ext() does, and the MMU model below reads only
 * the first-level entry and that hardware entry, as the table walk does.
 *
 * do_page_fault: a store asks for VM_WRITE, any other access for one of
 * VM_READ|VM_WRITE|VM_EXEC; no VMA, or an address below a VM_GROWSDOWN
 * VMA that cannot grow (or below FIRST_USER_ADDRESS) -> SIGSEGV
 * (VM_FAULT_BADMAP), a VMA without the right -> SIGSEGV (BADACCESS),
 * VM_FAULT_SIGBUS -> SIGBUS, VM_FAULT_OOM -> the OOM path (SIGKILL here).
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "mmsim/tlb.h"
#include "arch/arm/include/asm/pgtable.h"

#define FIRST_USER_ADDRESS (PAGE_SIZE * 2)
#define VM_FAULT_BADMAP    ((vm_fault_t)0x010000)
#define VM_FAULT_BADACCESS ((vm_fault_t)0x020000)

/* What ARM's MMU makes of the hardware PTE @hw, in words (mm-vtop). */
const char *arm_hw_pte_state(u32 hw)
{
	if (!(hw & PTE_TYPE_SMALL) || !(hw & PTE_EXT_AP1))
		return "invalid (not present, old or PROT_NONE): any access faults";
	if (hw & PTE_EXT_APX)
		return "read-only (APX: write-protected or clean): a store faults";
	return "read/write";
}

/* __do_page_fault: the VMA checks, then the generic fault handler. */
static vm_fault_t __do_page_fault(struct mm_struct *mm, unsigned long addr,
				  unsigned int flags, unsigned long vma_flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma)
		return VM_FAULT_BADMAP;
	if (vma->vm_start > addr) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || addr < FIRST_USER_ADDRESS ||
		    expand_stack(vma, addr))
			return VM_FAULT_BADMAP;
	}
	if (!(vma->vm_flags & vma_flags))
		return VM_FAULT_BADACCESS;
	return handle_mm_fault(vma, addr & PAGE_MASK, flags, (void *)1);
}

/* do_page_fault for a user-mode access: 0 when fixed, else the signal. */
int arm_do_page_fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	unsigned int flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE |
			     FAULT_FLAG_USER;
	unsigned long vm_flags = VM_READ | VM_WRITE | VM_EXEC;
	vm_fault_t fault;

	if (addr >= mm->task_size)
		return SIGSEGV;     /* do_translation_fault: a kernel address */
	if (write) {
		flags |= FAULT_FLAG_WRITE;
		vm_flags = VM_WRITE;
	}
	mmap_read_lock(mm);
	fault = __do_page_fault(mm, addr, flags, vm_flags);
	mmap_read_unlock(mm);
	if (!(fault & (VM_FAULT_ERROR | VM_FAULT_BADMAP | VM_FAULT_BADACCESS)))
		return 0;
	if (fault & VM_FAULT_OOM)
		return SIGKILL;     /* pagefault_out_of_memory */
	if (fault & VM_FAULT_SIGBUS)
		return SIGBUS;
	return SIGSEGV;
}

/*
 * The TLB's answer (host/tlb.c): a hit is used without the table walk, so
 * an old or clean Linux PTE whose translation is still cached takes no
 * fault.  The Linux PTE is checked all the same: if it no longer maps the
 * cached frame (a flush mmsim missed), the entry is dropped as stale.
 */
static u8 *arm_tlb_hit(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct mmsim_tlb *tlb = mmsim_this_tlb();
	struct mmsim_tlb_entry e;
	pte_t *ptep;
	pte_t pte;
	bool hit;

	if (!tlb)
		return NULL;
	spin_lock(&tlb->lock);
	hit = tlb_hw_lookup(tlb, addr, write, &e);
	spin_unlock(&tlb->lock);
	if (!hit)
		return NULL;
	ptep = mmsim_pte_lookup(mm, addr, NULL);
	pte = ptep ? ptep_get(ptep) : __pte(0);
	if (pte_present(pte) && pte_pfn(pte) == e.pfn && (!write || pte_write(pte)))
		return __va(PFN_PHYS(e.pfn) + (addr & ~PAGE_MASK));
	spin_lock(&tlb->lock);
	tlb_hw_drop_stale(tlb, addr);
	spin_unlock(&tlb->lock);
	return NULL;
}

/* The MMU's translation of a user access: the host byte, or NULL (a fault). */
u8 *arm_mmu_translate(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct mmsim_tlb *tlb;
	u32 hw;
	u8 *p;

	if (addr >= mm->task_size)
		return NULL;
	p = arm_tlb_hit(mm, addr, write);
	if (p)
		return p;
	p = arm_user_hw_walk(mm, addr, write, &hw);
	tlb = mmsim_this_tlb();
	if (p && tlb) {
		spin_lock(&tlb->lock);
		tlb_hw_fill(tlb, addr, hw >> PAGE_SHIFT, !(hw & PTE_EXT_APX), false);
		spin_unlock(&tlb->lock);
	}
	return p;
}
