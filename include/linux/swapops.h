/* SPDX-License-Identifier: MIT */
/*
 * include/linux/swapops.h — swap entries, and the migration entries that
 * borrow their format.
 *
 * Kernel counterparts: include/linux/swapops.h, the swap-entry part of
 * arch/x86/include/asm/pgtable_64.h and include/linux/swap.h (Linux 6.1,
 * x86_64, Debian's .config).
 *
 * A non-present, non-empty PTE holds a swap entry: a 5-bit type and an
 * offset.  Types below MAX_SWAPFILES name swap areas; the types above are
 * special entries, among them the three of page migration:
 *
 *   PTE bits   63..59   58..14             13..9  8 (protnone)  ..  0 (present)
 *              type     ~offset (inverted)  0     0                 0
 *
 * (the offset is stored inverted so that the high physical bits of a
 * non-present PTE are set, the kernel's L1TF mitigation).  A migration
 * entry's offset is the pfn of the page being moved, plus two bits above
 * the pfn that remember the PTE's accessed and dirty bits across the move
 * (SWP_MIG_YOUNG, SWP_MIG_DIRTY: x86_64 has room for them).
 *
 * The type numbers depend on the .config: 32 types minus device-private
 * (2), migration (3), hwpoison (1) and PTE markers (1) leaves
 * MAX_SWAPFILES = 25 on Debian's 6.1.
 */
#ifndef _MMSIM_LINUX_SWAPOPS_H
#define _MMSIM_LINUX_SWAPOPS_H

#include "linux/types.h"
#include "linux/pgtable.h"

typedef struct {
	unsigned long val;
} swp_entry_t;

#define MAX_SWAPFILES_SHIFT 5
#define SWP_DEVICE_NUM 2
#define SWP_MIGRATION_NUM 3
#define SWP_HWPOISON_NUM 1
#define SWP_PTE_MARKER_NUM 1
#define MAX_SWAPFILES                                                         \
	((1 << MAX_SWAPFILES_SHIFT) - SWP_DEVICE_NUM - SWP_MIGRATION_NUM -    \
	 SWP_HWPOISON_NUM - SWP_PTE_MARKER_NUM)
#define SWP_HWPOISON MAX_SWAPFILES
#define SWP_MIGRATION_READ (MAX_SWAPFILES + SWP_HWPOISON_NUM)
#define SWP_MIGRATION_READ_EXCLUSIVE (SWP_MIGRATION_READ + 1)
#define SWP_MIGRATION_WRITE (SWP_MIGRATION_READ + 2)

/* x86_64's layout of a swap entry inside a PTE (see the picture above). */
#define SWP_TYPE_BITS 5
#define SWP_OFFSET_FIRST_BIT 9
#define SWP_OFFSET_SHIFT (SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)

/* Physical address bits of x86_64 (MAX_PHYSMEM_BITS 46): pfn bits, then A and D. */
#define SWP_PFN_BITS (46 - PAGE_SHIFT)
#define SWP_MIG_YOUNG (1UL << SWP_PFN_BITS)
#define SWP_MIG_DIRTY (1UL << (SWP_PFN_BITS + 1))
#define SWP_PFN_MASK ((1UL << SWP_PFN_BITS) - 1)

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	swp_entry_t e;

	e.val = (~(unsigned long)offset << SWP_OFFSET_SHIFT >> SWP_TYPE_BITS) |
		(type << (64 - SWP_TYPE_BITS));
	return e;
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return (unsigned int)(entry.val >> (64 - SWP_TYPE_BITS));
}

static inline unsigned long swp_offset(swp_entry_t entry)
{
	return ~entry.val << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT;
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	swp_entry_t e = { pte_val(pte) };

	return e;
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __pte(entry.val);
}

/* Neither empty nor present: the PTE holds a swap entry. */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline bool non_swap_entry(swp_entry_t entry)
{
	return swp_type(entry) >= MAX_SWAPFILES;
}

/* ---- migration entries ---- */

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
