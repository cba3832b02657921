/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm_struct.h — an address space, as far as kernel page-table
 * code needs one.
 *
 * Kernel counterpart: struct mm_struct in include/linux/mm_types.h, and
 * init_mm (mm/init-mm.c).  mmsim has no processes yet, so the only address
 * space is init_mm, the kernel's own: its page tables are the kernel page
 * tables rooted at swapper_pg_dir (init_top_pgt on x86_64).  The fields
 * kept are the ones the page-table allocation code uses:
 *
 *   pgd              host pointer to the top-level table (simulated RAM)
 *   page_table_lock  serialises installing a new table page into an entry
 *   pgtables_bytes   bytes of table pages hung below the top level
 *
 * init_mm is current_machine->k_init_mm (alias in <mmsim/machine.h>).
 */
#ifndef _MMSIM_LINUX_MM_STRUCT_H
#define _MMSIM_LINUX_MM_STRUCT_H

#include "linux/types.h"
#include "linux/spinlock.h"
#include "arch/x86/include/asm/pgtable_types.h"

struct mm_struct {
	pgd_t *pgd;
	spinlock_t page_table_lock;
	atomic_long_t pgtables_bytes;
};

#endif /* _MMSIM_LINUX_MM_STRUCT_H */
