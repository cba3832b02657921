// SPDX-License-Identifier: MIT
/*
 * mm/tlb_flush.c — the kernel's TLB flushes of user translations, and the
 * address-space switch of a context switch.
 *
 * Kernel counterparts (Linux 6.1): arch/x86/mm/tlb.c (flush_tlb_mm_range,
 * flush_tlb_func, switch_mm_irqs_off, tlb_single_page_flush_ceiling),
 * arch/x86/include/asm/tlbflush.h (flush_tlb_page/range/mm as calls of
 * flush_tlb_mm_range), arch/arm/kernel/smp_tlb.c and tlbflush.h (ARMv7:
 * per-page TLBIMVA, TLBIASID for a whole mm), kernel/sched/core.c
 * (context_switch).  The hardware they act on is host/tlb.c.
 *
 *   x86  flush_tlb_mm_range(mm, start, end, stride)
 *          whole mm, or more than 33 pages of the stride -> every CPU
 *          with mm loaded reloads CR3: the whole TLB (flush_tlb_local)
 *          else one INVLPG per stride (4 KiB, or 2 MiB for huge PMDs)
 *        switch_mm_irqs_off to another mm: a CR3 write; without PCID (the
 *          oracle's QEMU CPU has none) that empties the TLB
 *   ARM  flush_tlb_page / flush_tlb_range: one TLBIMVA per page
 *        flush_tlb_mm: TLBIASID, which QEMU carries out as a whole flush
 *        a switch writes CONTEXTIDR (the ASID): QEMU empties its TLB for
 *          short-descriptor tables (a Cortex-A9 would keep the entries)
 *
 * Who is flushed: every CPU whose TLB has @mm loaded (x86 mm_cpumask,
 * ARM's broadcast maintenance); each CPU's TLB under its own lock.
 * Where 6.1 does NOT flush, neither does mmsim: clear_refs 1 and 2
 * (clear_refs_pte_range only clears young bits) and x86's
 * ptep_clear_flush_young (reclaim's folio_referenced); asm-generic's
 * ptep_clear_flush_young, which ARM uses, flushes a young page.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "linux/smp.h"
#include "mmsim/machine.h"
#include "mmsim/proc_state.h"
#include "mmsim/tlb.h"

/* arch/x86/mm/tlb.c: above this many pages a range flush is a full one */
static const unsigned long tlb_single_page_flush_ceiling = 33;

int mmsim_tlb_nr_cpus(void)
{
	struct mm_proc_state *ps = current_machine ? current_machine->proc : NULL;

	return ps ? (int)ps->nr_tlbs : 0;
}

struct mmsim_tlb *mmsim_cpu_tlb(int cpu)
{
	struct mm_proc_state *ps = current_machine ? current_machine->proc : NULL;

	if (!ps || !ps->tlbs || cpu < 0 || (unsigned int)cpu >= ps->nr_tlbs)
		return NULL;
	return &ps->tlbs[cpu];
}

struct mmsim_tlb *mmsim_this_tlb(void)
{
	return mmsim_cpu_tlb(smp_processor_id());
}

static bool arch_is_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

/* One CPU's part of a flush: pages [start, end) by @stride, or all (end 0). */
static void tlb_flush_cpu(struct mmsim_tlb *tlb, struct mm_struct *mm,
			  unsigned long start, unsigned long end,
			  unsigned long stride)
{
	unsigned long a;

	spin_lock(&tlb->lock);
	if (mm && tlb->loaded_mm != mm) {
		spin_unlock(&tlb->lock);
		return;
	}
	if (!end) {
		tlb_hw_flush_all(tlb);
	} else {
		for (a = start; a < end && a >= start; a += stride)
			tlb_hw_flush_page(tlb, a);
	}
	spin_unlock(&tlb->lock);
}

static void tlb_flush_cpus(struct mm_struct *mm, unsigned long start,
			   unsigned long end, unsigned long stride)
{
	int cpu, n = mmsim_tlb_nr_cpus();

	for (cpu = 0; cpu < n; cpu++)
		tlb_flush_cpu(mmsim_cpu_tlb(cpu), mm, start, end, stride);
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end, unsigned int stride_shift,
			bool freed_tables)
{
	(void)freed_tables;     /* lazy-TLB CPUs: none in mmsim */
	if (end == TLB_FLUSH_ALL ||
	    ((end - start) >> stride_shift) > tlb_single_page_flush_ceiling) {
		tlb_flush_cpus(mm, 0, 0, 0);
		return;
	}
	tlb_flush_cpus(mm, start & ~((1UL << stride_shift) - 1), end,
		       1UL << stride_shift);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	addr &= PAGE_MASK;
	if (arch_is_arm())
		tlb_flush_cpus(vma->vm_mm, addr, addr + PAGE_SIZE, PAGE_SIZE);
	else
		flush_tlb_mm_range(vma->vm_mm, addr, addr + PAGE_SIZE,
				   PAGE_SHIFT, false);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	if (start >= end)
		return;
	if (arch_is_arm())
		tlb_flush_cpus(vma->vm_mm, start & PAGE_MASK, end, PAGE_SIZE);
	else
		flush_tlb_mm_range(vma->vm_mm, start, end, PAGE_SHIFT, false);
}

void flush_pmd_tlb_range(struct vm_area_struct *vma, unsigned long start,
			 unsigned long end)
{
	if (arch_is_arm())
		flush_tlb_range(vma, start, end);
	else
		flush_tlb_mm_range(vma->vm_mm, start, end, PMD_SHIFT, false);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (arch_is_arm())
		tlb_flush_cpus(mm, 0, 0, 0);    /* TLBIASID: QEMU flushes all */
	else
		flush_tlb_mm_range(mm, 0, TLB_FLUSH_ALL, 0, false);
}

void flush_tlb_all(void)
{
	tlb_flush_cpus(NULL, 0, 0, 0);
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->start = ~0UL;
	tlb->end = 0;
}

void __tlb_adjust_range(struct mmu_gather *tlb, unsigned long address,
			unsigned int range_size)
{
	tlb->start = min(tlb->start, address);
	tlb->end = max(tlb->end, address + range_size);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	if (tlb->end)
		flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end, PAGE_SHIFT, false);
}

void switch_mm_irqs_off(struct mm_struct *prev, struct mm_struct *next,
			struct task_struct *tsk)
{
	struct mmsim_tlb *tlb = mmsim_this_tlb();

	(void)prev;
	(void)tsk;
	if (!tlb)
		return;
	spin_lock(&tlb->lock);
	if (tlb->loaded_mm != next) {
		tlb_hw_flush_all(tlb);
		tlb->loaded_mm = next;
	}
	spin_unlock(&tlb->lock);
}

/*
 * context_switch()'s address-space half: a kernel thread (no mm) borrows
 * the previous one (lazy TLB), a user task loads its own.
 */
void mmsim_switch_to(struct task_struct *tsk)
{
	struct mmsim_tlb *tlb = mmsim_this_tlb();

	if (!tsk || !tsk->mm || !tlb)
		return;
	switch_mm_irqs_off(tlb->loaded_mm, tsk->mm, tsk);
}

void mmsim_tlb_forget_mm(struct mm_struct *mm)
{
	int cpu, n = mmsim_tlb_nr_cpus();
	struct mmsim_tlb *tlb;

	for (cpu = 0; cpu < n; cpu++) {
		tlb = mmsim_cpu_tlb(cpu);
		spin_lock(&tlb->lock);
		if (tlb->loaded_mm == mm) {
			tlb_hw_flush_all(tlb);
			tlb->loaded_mm = NULL;  /* switched to init_mm */
		}
		spin_unlock(&tlb->lock);
	}
}
