// SPDX-License-Identifier: MIT
/*
 * host/tlb.c — the TLB of a simulated CPU: the hardware half.
 *
 * No kernel counterpart: this is the CPU.  The real kernel fixtures were
 * made under QEMU 7.2 TCG, whose "hardware" TLB is its softmmu TLB
 * (accel/tcg/cputlb.c); mmsim models the part of it that decides when a
 * user access walks the page tables (and so sets an accessed or dirty
 * bit, or takes ARM's young/dirty fault):
 *
 *   index = vpn & (size - 1)           direct-mapped, one entry per 4 KiB
 *   fill:  the slot's old entry (another page) -> victim[vindex++ % 8]
 *   lookup: the slot, else the 8 victims (a victim hit swaps it back in)
 *   store through an entry without the write right: a miss (the walk
 *          sets D on x86; ARM's walk finds APX and faults)
 *   flush all: resize first (below), then empty every slot and victim
 *   flush one page: the slot and any victim of that page; a page inside
 *          the span of the 2 MiB translations cached since the last full
 *          flush empties everything (QEMU tracks one span per TLB)
 *
 *   resize at a full flush, from n_used (entries filled and not evicted)
 *   and window_max (the most seen since the window began):
 *     window_max > 70% of size            -> size * 2 (at most 2^20)
 *     window_max < 30% and window > 100ms -> pow2ceil(window_max) (x2 if
 *                                            that is over 70% full), >= 64
 *   the window is measured on the simulated clock (jiffies), where QEMU
 *   reads the host's.
 *
 * Entries are not tagged with an address space: QEMU's are not (its x86
 * model has no PCID by default and its ARMv7 short-descriptor model
 * flushes on every CONTEXTIDR change), so a switch to another mm empties
 * the TLB (mm/tlb_flush.c: switch_mm_irqs_off).  The kernel-mode TLB
 * (QEMU keeps one per privilege level) is not modelled: mmsim's kernel
 * reaches user pages through the tables, not through an MMU.
 *
 * Callers hold tlb->lock (mm/tlb_flush.c, the MMUs of arch/x86/mm/fault.c
 * and arch/arm/mm/fault.c).
 */
#include "linux/kernel.h"
#include "linux/smp.h"
#include "linux/timer.h"
#include "linux/pfn.h"
#include "mmsim/host.h"
#include "mmsim/tlb.h"

#include <stdlib.h>
#include <string.h>

#define TLB_EMPTY (~0UL)

static void tlb_entries_clear(struct mmsim_tlb_entry *e, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		e[i].vpn = TLB_EMPTY;
}

struct mmsim_tlb *mmsim_tlbs_alloc(unsigned int nr_cpus)
{
	struct mmsim_tlb *tlbs = host_alloc(sizeof(*tlbs) * (nr_cpus ? nr_cpus : 1));
	unsigned int i;

	for (i = 0; i < (nr_cpus ? nr_cpus : 1); i++) {
		spin_lock_init(&tlbs[i].lock);
		tlbs[i].size = 1UL << MMSIM_TLB_DEFAULT_BITS;
		tlbs[i].large_vpn = tlbs[i].large_mask = TLB_EMPTY;
		tlb_entries_clear(tlbs[i].victim, MMSIM_TLB_VICTIMS);
	}
	return tlbs;
}

void mmsim_tlbs_free(struct mmsim_tlb *tlbs, unsigned int nr_cpus)
{
	unsigned int i;

	if (!tlbs)
		return;
	for (i = 0; i < (nr_cpus ? nr_cpus : 1); i++)
		free(tlbs[i].table);
	host_free(tlbs);
}

/* The table exists from the first fill on (most CPUs never run a process). */
static bool tlb_table_ready(struct mmsim_tlb *tlb)
{
	if (tlb->table)
		return true;
	tlb->table = malloc(sizeof(*tlb->table) * tlb->size);
	if (!tlb->table)
		return false;   /* the host is out of memory: run without a TLB */
	tlb_entries_clear(tlb->table, tlb->size);
	tlb->window_begin = jiffies;
	return true;
}

static struct mmsim_tlb_entry *tlb_slot(struct mmsim_tlb *tlb, unsigned long vpn)
{
	return &tlb->table[vpn & (tlb->size - 1)];
}

static bool entry_allows(const struct mmsim_tlb_entry *e, unsigned long vpn,
			 bool write)
{
	return e->vpn == vpn && (!write || e->writable);
}

bool tlb_hw_lookup(struct mmsim_tlb *tlb, unsigned long addr, bool write,
		   struct mmsim_tlb_entry *e)
{
	unsigned long vpn = addr >> PAGE_SHIFT;
	struct mmsim_tlb_entry *slot, tmp;
	unsigned int k;

	if (!tlb->table)
		return false;
	slot = tlb_slot(tlb, vpn);
	if (entry_allows(slot, vpn, write))
		goto hit;
	for (k = 0; k < MMSIM_TLB_VICTIMS; k++) {
		if (!entry_allows(&tlb->victim[k], vpn, write))
			continue;
		if (slot->vpn == TLB_EMPTY)
			tlb->n_used++;
		tmp = *slot;            /* victim hit: the two change places */
		*slot = tlb->victim[k];
		tlb->victim[k] = tmp;
		goto hit;
	}
	return false;
hit:
	tlb->hits++;
	*e = *slot;
	return true;
}

/* Forget every cached copy of @vpn (slot and victims). */
static void tlb_drop_vpn(struct mmsim_tlb *tlb, unsigned long vpn)
{
	struct mmsim_tlb_entry *slot = tlb_slot(tlb, vpn);
	unsigned int k;

	if (slot->vpn == vpn) {
		slot->vpn = TLB_EMPTY;
		tlb->n_used--;
	}
	for (k = 0; k < MMSIM_TLB_VICTIMS; k++)
		if (tlb->victim[k].vpn == vpn)
			tlb->victim[k].vpn = TLB_EMPTY;
}

/* The span of the 2 MiB pages cached: grow the mask until both fit. */
static void tlb_add_large(struct mmsim_tlb *tlb, unsigned long vpn)
{
	unsigned long mask = ~((1UL << 9) - 1);     /* 2 MiB of 4 KiB pages */

	vpn &= mask;
	if (tlb->large_vpn == TLB_EMPTY) {
		tlb->large_vpn = vpn;
		tlb->large_mask = mask;
		return;
	}
	mask &= tlb->large_mask;
	while ((tlb->large_vpn ^ vpn) & mask)
		mask <<= 1;
	tlb->large_mask = mask;
	tlb->large_vpn &= mask;
}

void tlb_hw_fill(struct mmsim_tlb *tlb, unsigned long addr, unsigned long pfn,
		 bool writable, bool huge)
{
	unsigned long vpn = addr >> PAGE_SHIFT;
	struct mmsim_tlb_entry *slot;

	if (!tlb_table_ready(tlb))
		return;
	tlb->fills++;
	tlb_drop_vpn(tlb, vpn);       /* no second copy of the page */
	slot = tlb_slot(tlb, vpn);
	if (slot->vpn != TLB_EMPTY) { /* another page: to the victims */
		tlb->victim[tlb->vindex++ % MMSIM_TLB_VICTIMS] = *slot;
		tlb->n_used--;
	}
	if (huge)
		tlb_add_large(tlb, vpn);
	slot->vpn = vpn;
	slot->pfn = pfn;
	slot->writable = writable;
	tlb->n_used++;
}

static unsigned long pow2ceil(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* The size the next table gets, from the use since the window began. */
static unsigned long tlb_new_size(struct mmsim_tlb *tlb, bool *expired)
{
	unsigned long now = jiffies, rate, want;

	*expired = now - tlb->window_begin > max(HZ / 10, 1UL);
	if (tlb->n_used > tlb->window_max)
		tlb->window_max = tlb->n_used;
	rate = tlb->window_max * 100 / tlb->size;
	if (rate > 70)
		return min(tlb->size << 1, 1UL << MMSIM_TLB_MAX_BITS);
	if (rate >= 30 || !*expired)
		return tlb->size;
	want = pow2ceil(tlb->window_max);
	if (want && tlb->window_max * 100 / want > 70)
		want <<= 1;
	return max(want, 1UL << MMSIM_TLB_MIN_BITS);
}

void tlb_hw_flush_all(struct mmsim_tlb *tlb)
{
	bool expired;
	unsigned long size = tlb_new_size(tlb, &expired);
	struct mmsim_tlb_entry *t;

	tlb->full_flushes++;
	if (size != tlb->size) {
		t = malloc(sizeof(*t) * size);
		if (t) {                /* else keep the old size */
			free(tlb->table);
			tlb->table = t;
			tlb->size = size;
		}
		tlb->window_begin = jiffies;
		tlb->window_max = 0;
	} else if (expired) {
		tlb->window_begin = jiffies;
		tlb->window_max = tlb->n_used;
	}
	if (tlb->table)
		tlb_entries_clear(tlb->table, tlb->size);
	tlb_entries_clear(tlb->victim, MMSIM_TLB_VICTIMS);
	tlb->vindex = 0;
	tlb->n_used = 0;
	tlb->large_vpn = tlb->large_mask = TLB_EMPTY;
}

void tlb_hw_flush_page(struct mmsim_tlb *tlb, unsigned long addr)
{
	unsigned long vpn = addr >> PAGE_SHIFT;

	if (!tlb->table)
		return;
	if (tlb->large_vpn != TLB_EMPTY &&
	    (vpn & tlb->large_mask) == tlb->large_vpn) {
		tlb_hw_flush_all(tlb);
		return;
	}
	tlb->page_flushes++;
	tlb_drop_vpn(tlb, vpn);
}

void tlb_hw_drop_stale(struct mmsim_tlb *tlb, unsigned long addr)
{
	tlb->stale++;
	if (tlb->table)
		tlb_drop_vpn(tlb, addr >> PAGE_SHIFT);
}
