/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/pgtable_types.h — what an x86_64 page-table entry
 * is made of: the entry types, the flag bits and the protections the
 * kernel maps its own memory with.
 *
 * Kernel counterparts: arch/x86/include/asm/pgtable_types.h and
 * asm/pgtable_64_types.h (the types), asm/pgtable_types.h (enum pg_level).
 *
 * An entry at every level is one 64-bit word in a 4 KiB table page of
 * simulated RAM (512 entries a page):
 *
 *    63  62..59  58..52  51 ............................ 12  11..9  8 7 6 5 4 3 2 1 0
 *   +--+-------+-------+-----------------------------------+------+-+-+-+-+-+-+-+-+-+
 *   |NX| pkey  |  sw   |  physical frame (table or page)   |  sw  |G|S|D|A|C|W|U|R|P|
 *   +--+-------+-------+-----------------------------------+------+-+-+-+-+-+-+-+-+-+
 *                                       S = PSE: a PMD/PUD entry maps a 2M/1G page
 *                                       (then bit 12 is the large page's PAT bit)
 *
 * Two masks decide which bits the kernel may set (both "all bits" until
 * the CPU is probed): __supported_pte_mask (what the CPU implements: NX,
 * GLOBAL) and __default_kernel_pte_mask (what kernel mappings use:
 * GLOBAL is dropped under PTI).  mmsim keeps the bits each one *clears*
 * in struct x86_state, so that a zeroed machine starts with "all bits".
 */
#ifndef _ASM_X86_PGTABLE_TYPES_H
#define _ASM_X86_PGTABLE_TYPES_H

#include "linux/types.h"

typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef u64 pudval_t;
typedef u64 p4dval_t;
typedef u64 pgdval_t;
typedef u64 pgprotval_t;

/* One entry of each level; distinct types so that levels cannot be mixed. */
typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pudval_t pud; } pud_t;
typedef struct { p4dval_t p4d; } p4d_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct { pgprotval_t pgprot; } pgprot_t;

#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_PWT 3
#define _PAGE_BIT_PCD 4
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7          /* PMD/PUD: large page */
#define _PAGE_BIT_PAT 7          /* PTE: PAT index bit */
#define _PAGE_BIT_GLOBAL 8
#define _PAGE_BIT_PAT_LARGE 12   /* PAT index bit of a large page */
#define _PAGE_BIT_NX 63

#define _PAGE_PRESENT (1ULL << _PAGE_BIT_PRESENT)
#define _PAGE_RW (1ULL << _PAGE_BIT_RW)
#define _PAGE_USER (1ULL << _PAGE_BIT_USER)
#define _PAGE_PWT (1ULL << _PAGE_BIT_PWT)
#define _PAGE_PCD (1ULL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED (1ULL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY (1ULL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE (1ULL << _PAGE_BIT_PSE)
#define _PAGE_PAT (1ULL << _PAGE_BIT_PAT)
#define _PAGE_GLOBAL (1ULL << _PAGE_BIT_GLOBAL)
#define _PAGE_PAT_LARGE (1ULL << _PAGE_BIT_PAT_LARGE)
#define _PAGE_NX (1ULL << _PAGE_BIT_NX)

/*
 * Physical addresses are at most 52 bits (__PHYSICAL_MASK_SHIFT); no
 * memory encryption on the simulated CPU, so no C-bit to strip.
 */
#define __PHYSICAL_MASK_SHIFT 52
#define __PHYSICAL_MASK ((1ULL << __PHYSICAL_MASK_SHIFT) - 1)

/* Protections, before the masks above are applied. */
#define __PAGE_KERNEL \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_NX | _PAGE_DIRTY | \
	 _PAGE_GLOBAL)
#define __PAGE_KERNEL_EXEC \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)
#define __PAGE_KERNEL_RO \
	(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX | _PAGE_DIRTY | _PAGE_GLOBAL)
#define __PAGE_KERNEL_LARGE (__PAGE_KERNEL | _PAGE_PSE)
/* What a table entry pointing at a lower table carries. */
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_TABLE (_KERNPG_TABLE | _PAGE_USER)

#define pgprot_val(x) ((x).pgprot)
#define __pgprot(x) ((pgprot_t){ (x) })

/*
 * Page sizes a translation can end in (lookup_address()'s *level and the
 * DirectMap counters are indexed by it).
 */
enum pg_level {
	PG_LEVEL_NONE,
	PG_LEVEL_4K,
	PG_LEVEL_2M,
	PG_LEVEL_1G,
	PG_LEVEL_512G,
	PG_LEVEL_NUM
};

/* A range of page frames [start, end) (include/linux/range.h). */
struct pfn_range {
	u64 start;
	u64 end;
};

/* E820_MAX_ENTRIES of the Debian build: 128 + 3 * MAX_NUMNODES (1024). */
#define X86_PFN_MAPPED_MAX (128 + 3 * 1024)

/*
 * The state arch/x86/mm keeps while it builds and changes the kernel page
 * tables: file-scope statics of arch/x86/mm/init.c, init_64.c and
 * pat/set_memory.c in the kernel.  Lives in struct x86_state (as `pgt`);
 * zero is the right starting value of every field.
 *
 *   pgt_buf_start <= pgt_buf_end <= pgt_buf_top      (page frame numbers)
 *   [start, end) handed out by alloc_low_pages(), [end, top) still free;
 *   the buffer is the tail of the image's brk area.
 *
 *   pfn_mapped[0..nr_pfn_mapped)  sorted, disjoint, not touching: what
 *   the direct map covers; max_pfn_mapped (in x86_state) is the highest end.
 */
struct x86_pgtable_state {
	phys_addr_t init_top_pgt_pa;   /* the PGD page (init_top_pgt) */
	pgd_t trampoline_pgd_entry;    /* PGD entry the AP trampoline uses */

	/* early page-table buffer and where alloc_low_pages() may go */
	unsigned long pgt_buf_start, pgt_buf_end, pgt_buf_top;
	unsigned long min_pfn_mapped;
	bool brk_pgt_ready;            /* early_alloc_pgt_buf() has run */
	bool can_use_brk_pgt;
	bool alloc_failed;             /* alloc_low_pages() found nothing */
	int after_bootmem;             /* the page allocator is up */

	/* what the CPU and command line allow */
	unsigned int page_size_mask;   /* 1 << PG_LEVEL_2M | 1 << PG_LEVEL_1G */
	int gbpages_param;             /* gbpages / nogbpages: +1 / -1, 0 unset */
	bool direct_gbpages;
	pteval_t supported_pte_clear;  /* bits not in __supported_pte_mask */
	pteval_t kernel_pte_clear;     /* bits not in __default_kernel_pte_mask */

	/* the direct map's extent and page sizes (DirectMap4k/2M/1G) */
	int nr_pfn_mapped;
	struct pfn_range pfn_mapped[X86_PFN_MAPPED_MAX];
	unsigned long direct_pages_count[PG_LEVEL_NUM];
};

#endif /* _ASM_X86_PGTABLE_TYPES_H */
