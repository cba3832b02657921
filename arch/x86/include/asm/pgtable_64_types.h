/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/pgtable_64_types.h — the shape of x86_64 paging:
 * how a virtual address is cut into table indexes, and where the direct
 * map starts.
 *
 * Kernel counterparts: arch/x86/include/asm/pgtable_64_types.h,
 * asm/page_64_types.h (__PAGE_OFFSET_BASE_*), asm/page_types.h.
 *
 * The Debian kernel is built with CONFIG_X86_5LEVEL=y but decides at boot:
 * with LA57 on the CPU, 5 levels; without (qemu64), 4 levels, and the P4D
 * level is folded into the PGD (one P4D entry per PGD entry, PTRS_PER_P4D
 * = 1).  So the PGD shift and the P4D fan-out are run-time values:
 *
 *   4-level:  47    39 38    30 29    21 20    12 11       0
 *            +--------+--------+--------+--------+----------+
 *            |  pgd   |  pud   |  pmd   |  pte   |  offset  |   (p4d folded)
 *            +--------+--------+--------+--------+----------+
 *   5-level:  pgd = bits 56..48, p4d = bits 47..39, then as above.
 *
 * PAGE_OFFSET, the direct map's base, is the variable page_offset_base
 * (RANDOMIZE_MEMORY): 0xffff888000000000 on 4-level paging unless KASLR
 * moves it (see arch/x86/mm/kaslr.c).
 */
#ifndef _ASM_X86_PGTABLE_64_TYPES_H
#define _ASM_X86_PGTABLE_64_TYPES_H

#include "linux/types.h"
#include "linux/pfn.h"
#include "arch/x86/include/asm/cpufeature.h"
#include "mmsim/kconfig.h"

/* 5-level paging needs both the .config and the CPU (LA57). */
static inline bool pgtable_l5_enabled(void)
{
	return IS_ENABLED(CONFIG_X86_5LEVEL) && boot_cpu_has(X86_FEATURE_LA57);
}

#define PTRS_PER_PGD 512
#define PTRS_PER_PUD 512
#define PTRS_PER_PMD 512
#define PTRS_PER_PTE 512
#define PTRS_PER_P4D (pgtable_l5_enabled() ? 512 : 1)

#define PMD_SHIFT 21
#define PUD_SHIFT 30
#define P4D_SHIFT 39
#define PGDIR_SHIFT (pgtable_l5_enabled() ? 48 : 39)

#define PMD_SIZE (1UL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PUD_SIZE (1UL << PUD_SHIFT)
#define PUD_MASK (~(PUD_SIZE - 1))
#define P4D_SIZE (1UL << P4D_SHIFT)
#define P4D_MASK (~(P4D_SIZE - 1))
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))

/* The direct map's default base, before KASLR (page_64_types.h). */
#define __PAGE_OFFSET_BASE_L4 0xffff888000000000UL
#define __PAGE_OFFSET_BASE_L5 0xff11000000000000UL

/*
 * The other regions KASLR may move (pgtable_64_types.h): vmalloc and the
 * vmemmap, their default bases and sizes, the physical address width
 * that sizes the direct map, and the fixed top the three must stay under
 * (the CPU entry area, four PGD slots from the top).
 */
#define __VMALLOC_BASE_L4 0xffffc90000000000UL
#define __VMALLOC_BASE_L5 0xffa0000000000000UL
#define VMALLOC_SIZE_TB_L4 32UL
#define VMALLOC_SIZE_TB_L5 12800UL
#define __VMEMMAP_BASE_L4 0xffffea0000000000UL
#define __VMEMMAP_BASE_L5 0xffd4000000000000UL
#define MAX_PHYSMEM_BITS (pgtable_l5_enabled() ? 52 : 46)
#define CPU_ENTRY_AREA_BASE (-4UL << P4D_SHIFT)

#endif /* _ASM_X86_PGTABLE_64_TYPES_H */
