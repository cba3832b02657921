/* SPDX-License-Identifier: MIT */
/*
 * arch/arm/include/asm/pgtable.h — the ARM short-descriptor page tables
 * as the 32-bit kernel lays them out (classic MMU, no LPAE).
 *
 * Kernel counterparts: arch/arm/include/asm/pgtable-2level.h,
 * pgtable-2level-hwdef.h, pgtable-2level-types.h, asm/pgalloc.h
 * (__pmd_populate), arch/arm/mm/proc-v7-2level.S (cpu_v7_set_pte_ext),
 * Linux 6.1.
 *
 * The hardware walks two levels: a 16 KiB first-level table of 4096
 * word entries, one per 1 MiB, and 1 KiB second-level tables of 256
 * entries, one per 4 KiB page.  Linux wants a 4 KiB page per table and
 * PTE bits the hardware lacks (young, dirty), so it groups entries:
 *
 *   swapper_pg_dir (16 KiB)                   one PTE page (4 KiB)
 *   pgd[i] = two L1 words = 2 MiB             +0     Linux pt 0 (256 x 4 B)
 *   +--------+--------+                       +1024  Linux pt 1
 *   | L1[2i] |L1[2i+1]|--- table ---------->  +2048  h/w pt 0   <- L1[2i]
 *   +--------+--------+                       +3072  h/w pt 1   <- L1[2i+1]
 *   pmd_off_k(va) = &L1[2 * (va >> 21)]
 *
 * An L1 word is one of:
 *   ...........................00  fault
 *   <L2 table base [31:10]>...01  page table (coarse), domain in [8:5]
 *   <section base [31:20]>....10  1 MiB section: TEX [14:12], AP [11:10],
 *                                  APX 15, S 16, nG 17, XN 4, C 3, B 2
 * An h/w L2 word: <page base [31:12]> nG 11, S 10, APX 9, TEX [8:6],
 * AP [5:4], C 3, B 2, 1 (small page), XN 0.  The Linux PTE beside it keeps
 * L_PTE_* bits (present, young, dirty, rdonly, user, xn, shared, memory
 * type); set_pte_ext() writes both (cpu_v7_set_pte_ext's translation).
 *
 * The entries are 32-bit words in simulated RAM, little-endian like the
 * CPU; pointers to them are host pointers into the RAM mapping (__va()).
 */
#ifndef _MMSIM_ASM_ARM_PGTABLE_H
#define _MMSIM_ASM_ARM_PGTABLE_H

#include "linux/types.h"
#include "linux/pfn.h"
#include "arch/arm/include/asm/memory.h"

typedef u32 arm_pmdval_t;  /* one L1 word ("pmd" in a 2-level kernel) */
typedef u32 arm_pteval_t;  /* one Linux or h/w L2 word */

#define ARM_PTRS_PER_PTE 512
#define ARM_PTRS_PER_PGD 2048
#define ARM_PTE_HWTABLE_PTRS ARM_PTRS_PER_PTE
#define ARM_PTE_HWTABLE_OFF (ARM_PTE_HWTABLE_PTRS * sizeof(arm_pteval_t))
#define ARM_PTE_HWTABLE_SIZE (ARM_PTRS_PER_PTE * sizeof(u32))
#define ARM_SWAPPER_PG_DIR_SIZE (ARM_PTRS_PER_PGD * 2 * sizeof(arm_pmdval_t))

/* L1 descriptor bits (pgtable-2level-hwdef.h) */
#define PMD_TYPE_MASK 3U
#define PMD_TYPE_FAULT 0U
#define PMD_TYPE_TABLE 1U
#define PMD_TYPE_SECT 2U
#define PMD_PXNTABLE (1U << 2)
#define PMD_BIT4 (1U << 4)
#define PMD_DOMAIN(x) ((u32)(x) << 5)
#define PMD_SECT_BUFFERABLE (1U << 2)
#define PMD_SECT_CACHEABLE (1U << 3)
#define PMD_SECT_XN (1U << 4)
#define PMD_SECT_AP_WRITE (1U << 10)
#define PMD_SECT_AP_READ (1U << 11)
#define PMD_SECT_TEX(x) ((u32)(x) << 12)
#define PMD_SECT_APX (1U << 15)
#define PMD_SECT_S (1U << 16)
#define PMD_SECT_nG (1U << 17)
#define PMD_SECT_SUPER (1U << 18)
#define PMD_SECT_WBWA (PMD_SECT_TEX(1) | PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE)

/* h/w L2 small-page bits */
#define PTE_TYPE_MASK 3U
#define PTE_TYPE_SMALL 2U
#define PTE_EXT_XN (1U << 0)
#define PTE_EXT_AP0 (1U << 4)
#define PTE_EXT_AP1 (2U << 4)
#define PTE_EXT_TEX(x) ((u32)(x) << 6)
#define PTE_EXT_APX (1U << 9)
#define PTE_EXT_SHARED (1U << 10)
#define PTE_EXT_NG (1U << 11)

/* Linux PTE bits (pgtable-2level.h) */
#define L_PTE_VALID (1U << 0)
#define L_PTE_PRESENT (1U << 0)
#define L_PTE_YOUNG (1U << 1)
#define L_PTE_DIRTY (1U << 6)
#define L_PTE_RDONLY (1U << 7)
#define L_PTE_USER (1U << 8)
#define L_PTE_XN (1U << 9)
#define L_PTE_SHARED (1U << 10)
#define L_PTE_NONE (1U << 11)
#define L_PTE_MT_MASK (0x0fU << 2)
#define L_PTE_MT_WRITEALLOC (0x07U << 2)
#define L_PTE_MT_DEV_SHARED (0x04U << 2)

/* Domains (asm/domain.h) */
#define DOMAIN_KERNEL 0
#define DOMAIN_USER 1
#define DOMAIN_IO 2
#define DOMAIN_VECTORS 3

/* Table descriptor the kernel uses for its own PTE pages (asm/pgalloc.h). */
#define ARM_PAGE_KERNEL_TABLE (PMD_TYPE_TABLE | PMD_BIT4 | PMD_DOMAIN(DOMAIN_KERNEL))

/* The first-level table and the L1 words of @va (pmd_off_k). */
arm_pmdval_t *arm_swapper_pg_dir(void);
static inline arm_pmdval_t *pmd_off_k(unsigned long va)
{
	return arm_swapper_pg_dir() + 2 * ((u32)va >> ARM_PMD_SHIFT);
}

static inline bool arm_pmd_none(arm_pmdval_t pmd)
{
	return pmd == 0;
}

/* pmd_clear(): both L1 words of the 2 MiB slot. */
static inline void arm_pmd_clear(arm_pmdval_t *pmdp)
{
	pmdp[0] = 0;
	pmdp[1] = 0;
}

/*
 * __pmd_populate(): point both L1 words of a slot at the two h/w halves
 * of the PTE page at physical @pte_pa.
 */
static inline void __pmd_populate(arm_pmdval_t *pmdp, phys_addr_t pte_pa,
				  u32 prot)
{
	arm_pmdval_t v = (u32)(pte_pa + ARM_PTE_HWTABLE_OFF) | prot;

	pmdp[0] = v;
	pmdp[1] = v + 256 * sizeof(arm_pteval_t);
}

/* The Linux PTE of @va in the table the slot @pmdp points to. */
arm_pteval_t *arm_pte_offset_kernel(const arm_pmdval_t *pmdp, unsigned long va);

static inline arm_pteval_t arm_pfn_pte(unsigned long pfn, u32 prot)
{
	return (u32)(pfn << PAGE_SHIFT) | prot;
}

static inline unsigned long arm_pte_pfn(arm_pteval_t pte)
{
	return pte >> PAGE_SHIFT;
}

/* cpu_v7_set_pte_ext's hardware entry for Linux PTE @pte (ext: nG ...). */
arm_pteval_t arm_hw_pte(arm_pteval_t pte, u32 ext);

/* set_pte_ext(): the Linux PTE and its h/w twin 2 KiB above it. */
void set_pte_ext(arm_pteval_t *ptep, arm_pteval_t pte, u32 ext);
void arm_pte_clear(arm_pteval_t *ptep);

/*
 * The hardware's view: translate @va through the first-level table at
 * @l1 (host pointer to 4096 words), as the MMU's table walk does.
 * Returns 0 and *@pa, or -EFAULT for a translation fault.  *@level says
 * what mapped it: 1 = section, 2 = small page.
 */
int arm_walk_virt_to_phys(const arm_pmdval_t *l1, unsigned long va,
			  phys_addr_t *pa, int *level);

#endif /* _MMSIM_ASM_ARM_PGTABLE_H */
