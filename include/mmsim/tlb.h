/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/tlb.h — the translation lookaside buffer of each simulated
 * CPU (host/tlb.c), and the kernel's flush calls that empty it
 * (mm/tlb_flush.c).
 *
 * No single kernel counterpart for the hardware half: it models the TLB of
 * the oracle's "hardware", QEMU 7.2's TCG softmmu TLB for user-mode
 * accesses.  The kernel half is arch/x86/mm/tlb.c (flush_tlb_mm_range,
 * switch_mm_irqs_off) and arch/arm/kernel/smp_tlb.c (flush_tlb_page,
 * flush_tlb_range, flush_tlb_mm), with asm-generic's ptep_clear_flush_young.
 *
 * What a TLB changes: an access that hits uses the cached translation and
 * neither reads nor writes the page-table entry, so it sets no accessed
 * bit (x86) and takes no young/dirty-emulation fault (ARM).  The kernel
 * relies on that where it clears accessed bits without flushing
 * (clear_refs 1, x86's ptep_clear_flush_young).
 */
#ifndef _MMSIM_TLB_H
#define _MMSIM_TLB_H

#include "linux/types.h"
#include "linux/spinlock.h"

struct mm_struct;
struct vm_area_struct;
struct task_struct;

#define MMSIM_TLB_VICTIMS       8   /* QEMU's CPU_VTLB_SIZE */
#define MMSIM_TLB_MIN_BITS      6   /* CPU_TLB_DYN_MIN_BITS */
#define MMSIM_TLB_DEFAULT_BITS  8   /* CPU_TLB_DYN_DEFAULT_BITS */
#define MMSIM_TLB_MAX_BITS      20  /* CPU_TLB_DYN_MAX_BITS (ARM's 32-12; x86 caps at 22) */

/* One cached translation: a 4 KiB virtual page.  vpn ~0UL = empty. */
struct mmsim_tlb_entry {
	unsigned long vpn;
	unsigned long pfn;
	bool writable;   /* a store may use it (x86: RW and D set; ARM: not APX) */
};

/*
 * One CPU's TLB for user accesses: direct-mapped on the page number
 * (index = vpn & (size - 1)), an entry pushed out by another page goes to
 * an 8-slot victim table (round robin) and is swapped back on a victim
 * hit.  size changes only at a full flush (tlb_flush_all): doubled when
 * the most entries in use since the window began passed 70% of it,
 * shrunk to fit when under 30% and the 100 ms window (simulated clock)
 * has expired, between 2^6 and 2^20.  A 2 MiB translation is cached as
 * its 4 KiB page, and the span of all such pages is remembered
 * (large_vpn/large_mask): a one-page flush inside it flushes everything.
 * @lock serialises the CPU's own lookups with flushes from other CPUs.
 */
struct mmsim_tlb {
	spinlock_t lock;
	struct mm_struct *loaded_mm;    /* x86 cpu_tlbstate.loaded_mm / ARM TTBR0 */
	struct mmsim_tlb_entry *table;  /* NULL until the first fill */
	unsigned long size;             /* entries, a power of two */
	struct mmsim_tlb_entry victim[MMSIM_TLB_VICTIMS];
	unsigned int vindex;
	unsigned long n_used, window_max, window_begin;
	unsigned long large_vpn, large_mask;    /* ~0UL: no large page */
	/* counters: lookups that hit, fills, full and one-page flushes, and
	 * hits whose PTE no longer matched (a flush the kernel would have
	 * made and mmsim missed: the access walked instead) */
	u64 hits, fills, full_flushes, page_flushes, stale;
};

/* The running CPU's TLB (allocated with the machine's process state). */
struct mmsim_tlb *mmsim_this_tlb(void);
struct mmsim_tlb *mmsim_cpu_tlb(int cpu);
int mmsim_tlb_nr_cpus(void);
struct mmsim_tlb *mmsim_tlbs_alloc(unsigned int nr_cpus);
void mmsim_tlbs_free(struct mmsim_tlb *tlbs, unsigned int nr_cpus);

/*
 * The hardware (host/tlb.c), each with @tlb->lock held by the caller:
 * tlb_hw_lookup: true and *@e when @addr is cached with the rights of a
 * load (or a store when @write); tlb_hw_fill: cache @addr -> @pfn (@huge:
 * from a 2 MiB entry); tlb_hw_flush_all / tlb_hw_flush_page: drop all, or
 * the one page of @addr.
 */
bool tlb_hw_lookup(struct mmsim_tlb *tlb, unsigned long addr, bool write,
		   struct mmsim_tlb_entry *e);
void tlb_hw_fill(struct mmsim_tlb *tlb, unsigned long addr, unsigned long pfn,
		 bool writable, bool huge);
void tlb_hw_flush_all(struct mmsim_tlb *tlb);
void tlb_hw_flush_page(struct mmsim_tlb *tlb, unsigned long addr);
/* Drop the entry of @addr because its PTE no longer matches (stale). */
void tlb_hw_drop_stale(struct mmsim_tlb *tlb, unsigned long addr);

/*
 * The kernel's flushes (mm/tlb_flush.c): every CPU with @mm loaded drops
 * the pages (x86: above 33 pages the whole TLB, tlb_single_page_flush_ceiling).
 */
#define TLB_FLUSH_ALL (~0UL)
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end, unsigned int stride_shift,
			bool freed_tables);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
/* x86 flush_pmd_tlb_range: a huge PMD's span, one INVLPG per 2 MiB */
void flush_pmd_tlb_range(struct vm_area_struct *vma, unsigned long start,
			 unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_all(void);
/*
 * include/asm-generic/tlb.h's gather, reduced to its range: the span of
 * the entries changed, flushed once by tlb_finish_mmu (nothing if none).
 */
struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;
};
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
void __tlb_adjust_range(struct mmu_gather *tlb, unsigned long address,
			unsigned int range_size);
void tlb_finish_mmu(struct mmu_gather *tlb);
/* The CPU switches to @next's address space (CR3 / TTBR0+CONTEXTIDR write). */
void switch_mm_irqs_off(struct mm_struct *prev, struct mm_struct *next,
			struct task_struct *tsk);
/* The scheduler's context switch to @tsk on this CPU (its mm, if any). */
void mmsim_switch_to(struct task_struct *tsk);
/* @mm is being freed: no CPU keeps it loaded. */
void mmsim_tlb_forget_mm(struct mm_struct *mm);

#endif /* _MMSIM_TLB_H */
