/* SPDX-License-Identifier: MIT */
/*
 * include/linux/swapops.h — swap entries in page-table entries, and the
 * migration entries that borrow their format.
 *
 * Kernel counterparts: include/linux/swapops.h and the x86_64 layout of
 * arch/x86/include/asm/pgtable_64.h (Linux 6.1).  A non-present PTE that
 * is not empty holds a swap entry:
 *
 *   63    59 58                           9  8  7  6  5  4  3  2  1  0
 *   | type  |   offset, bits inverted      | 0|SD| X| X| X| X| X| E| 0|
 *
 *   type     the swap area, or a special type (5 bits, include/linux/swap.h)
 *   offset   the slot, stored inverted: a stale entry then never names
 *            RAM the CPU could speculatively load (L1TF)
 *   bit 8    _PAGE_PROTNONE must stay clear, else the entry is "present"
 *   SD (7)   _PAGE_SWP_SOFT_DIRTY       E (1)  _PAGE_SWP_EXCLUSIVE
 *
 * pte_to_swp_entry() gives the generic swp_entry_t (include/linux/swap.h)
 * with the flag bits dropped; swp_entry_to_pte() the reverse, flags clear.
 *
 * A migration entry (types SWP_MIGRATION_*) has the pfn of the page being
 * moved as its offset, plus two bits above the pfn that keep the PTE's
 * accessed and dirty bits across the move (SWP_MIG_YOUNG, SWP_MIG_DIRTY:
 * x86_64's 50 offset bits have room for them).
 */
#ifndef _MMSIM_LINUX_SWAPOPS_H
#define _MMSIM_LINUX_SWAPOPS_H

#include "linux/swap.h"
#include "linux/pgtable.h"

#define SWP_TYPE_BITS 5
#define SWP_OFFSET_FIRST_BIT 9          /* _PAGE_BIT_PROTNONE + 1 */
#define SWP_OFFSET_SHIFT (SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)
#define _PAGE_SWP_EXCLUSIVE _PAGE_RW
#define _PAGE_SWP_SOFT_DIRTY _PAGE_PSE

/* The architecture's form of an entry (what the PTE holds). */
static inline u64 __swp_entry(unsigned long type, unsigned long offset)
{
	return (~(u64)offset << SWP_OFFSET_SHIFT >> SWP_TYPE_BITS) |
	       ((u64)type << (64 - SWP_TYPE_BITS));
}

static inline unsigned long __swp_type(u64 arch)
{
	return (unsigned long)(arch >> (64 - SWP_TYPE_BITS));
}

static inline unsigned long __swp_offset(u64 arch)
{
	return (unsigned long)(~arch << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT);
}

/* A PTE holding a swap entry (or another non-present entry). */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline pte_t pte_swp_clear_flags(pte_t pte)
{
	return __pte(pte_val(pte) & ~(_PAGE_SWP_EXCLUSIVE | _PAGE_SWP_SOFT_DIRTY));
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	u64 arch = pte_val(pte_swp_clear_flags(pte));

	return swp_entry(__swp_type(arch), __swp_offset(arch));
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __pte(__swp_entry(swp_type(entry), swp_offset(entry)));
}

static inline bool pte_swp_exclusive(pte_t pte)
{
	return pte_val(pte) & _PAGE_SWP_EXCLUSIVE;
}

static inline pte_t pte_swp_mkexclusive(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_EXCLUSIVE);
}

static inline pte_t pte_swp_clear_exclusive(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_SWP_EXCLUSIVE);
}

/* A special entry (migration, hwpoison, marker...), not a swap slot. */
static inline bool non_swap_entry(swp_entry_t entry)
{
	return swp_type(entry) >= MAX_SWAPFILES;
}

/* ---- migration entries ---- */

/* Physical address bits of x86_64 (MAX_PHYSMEM_BITS 46): pfn bits, then A and D. */
#define SWP_PFN_BITS (46 - PAGE_SHIFT)
#define SWP_MIG_YOUNG (1UL << SWP_PFN_BITS)
#define SWP_MIG_DIRTY (1UL << (SWP_PFN_BITS + 1))
#define SWP_PFN_MASK ((1UL << SWP_PFN_BITS) - 1)

static inline bool is_migration_entry(swp_entry_t entry)
{
	unsigned int t = swp_type(entry);

	return t == SWP_MIGRATION_READ || t == SWP_MIGRATION_READ_EXCLUSIVE ||
	       t == SWP_MIGRATION_WRITE;
}

static inline bool is_writable_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline bool is_readable_exclusive_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ_EXCLUSIVE;
}

static inline swp_entry_t make_readable_migration_entry(unsigned long pfn)
{
	return swp_entry(SWP_MIGRATION_READ, pfn);
}

static inline swp_entry_t make_readable_exclusive_migration_entry(unsigned long pfn)
{
	return swp_entry(SWP_MIGRATION_READ_EXCLUSIVE, pfn);
}

static inline swp_entry_t make_writable_migration_entry(unsigned long pfn)
{
	return swp_entry(SWP_MIGRATION_WRITE, pfn);
}

static inline swp_entry_t make_migration_entry_young(swp_entry_t entry)
{
	return swp_entry(swp_type(entry), swp_offset(entry) | SWP_MIG_YOUNG);
}

static inline bool is_migration_entry_young(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_MIG_YOUNG;
}

static inline swp_entry_t make_migration_entry_dirty(swp_entry_t entry)
{
	return swp_entry(swp_type(entry), swp_offset(entry) | SWP_MIG_DIRTY);
}

static inline bool is_migration_entry_dirty(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_MIG_DIRTY;
}

/* The page frame a migration entry stands for. */
static inline unsigned long swp_offset_pfn(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_PFN_MASK;
}

#endif /* _MMSIM_LINUX_SWAPOPS_H */
