/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/arch.h — the hooks start_kernel() calls into the
 * architecture, for the two architectures one mmsim binary simulates.
 *
 * Kernel counterpart: none as such.  A kernel is built for one
 * architecture, and the linker picks arch/<arch>/'s setup_arch(),
 * mem_init(), free_initmem() ...  mmsim links arch/x86 and arch/arm into
 * one program, so each architecture fills one table of these hooks and
 * the machine carries a pointer to its table (host/machine.c picks it by
 * machine_desc.arch).  init/main.c reads as the kernel's start_kernel()
 * with "arch->" in front of the calls that differ:
 *
 *   hook                  x86_64 (arch/x86)            ARM (arch/arm)
 *   boot_entry            x86_boot_entry (head64.c)    arm_boot_entry (head.c)
 *   smp_setup_processor_id   -                         "Booting Linux on physical CPU"
 *   setup_arch            setup_arch                   arm_setup_arch
 *   setup_per_cpu_areas   x86 (atom 2 MiB, by node)    generic (mm/percpu-setup.c)
 *   trap_init             CPU entry areas              -
 *   mem_init              swiotlb, memblock_free_all   memblock_free_all + highmem
 *   init_IRQ              IRQ stack of CPU 0 (vmap)    -
 *   late_time_init        HPET ioremap                 -
 *   check_bugs            MCE pool, SMP alternatives   -
 *   cpu_up                IRQ stack of the CPU (vmap)  -
 *   late_initcalls        x86 iomem, ...               CMA areas, DMA pool
 *   free_initrd_mem, free_initmem, mark_rodata_ro      each its own
 *   kernel_map_page ...   - (mm/vmalloc_map.c's walk)  two-level tables
 *   cache_line_size       CONFIG_X86_L1_CACHE_SHIFT    CONFIG_ARM_L1_CACHE_SHIFT
 *   dma_minalign          - (none: kmalloc-8 exists)   L1_CACHE_BYTES (kmalloc-64 first)
 *   slab_minalign         - (alignof(u64) = 8)         8 with the AEABI
 *   pgtable               4 levels (x86/mm/pgtable.c)  2 levels (arm/mm/pgd.c)
 *
 * A hook left NULL is a step the architecture does not have.
 */
#ifndef _MMSIM_ARCH_H
#define _MMSIM_ARCH_H

#include "linux/types.h"
#include "arch/x86/include/asm/pgtable_types.h"  /* pgprot_t of the vmalloc API */

struct mm_struct;
struct page;

/*
 * User page tables: what asm/pgalloc.h and asm/pgtable.h give the
 * generic mm/ code (include/linux/pgtable.h wraps these in the kernel's
 * names: pgd_alloc, pmd_offset of a user address, pte_offset_map,
 * ptep_get, set_pte_at ...).  A kernel has one of each; mmsim picks the
 * machine's.  Generic code holds a PTE *value* in one form (pte_t, the
 * bits of arch/x86/include/asm/pgtable_types.h, swap entries as
 * include/linux/swapops.h packs them); the tables in simulated RAM are
 * the architecture's own, and ptep_get()/set_pte_at() translate at that
 * boundary (on x86_64 the two are the same).  A pte_t pointer names an
 * entry in RAM: step it with ptep_next(), read it with ptep_get(), never
 * with `*`, since ARM's entries are 4 bytes.
 *
 *   hook              x86_64                        ARM (2 levels)
 *   pgd_alloc/free    one page, kernel half copied  16 KiB (order 2), the
 *                                                   kernel's L1 words copied
 *   pmd_lookup        pgd->p4d->pud->pmd walk       pgd entry = the 2 MiB
 *   pmd_alloc         ... making PUD/PMD pages      pair of L1 words (folded)
 *   pte_alloc         a PTE page, pmd -> it         a HIGHPTE page: 2 Linux +
 *                                                   2 h/w tables; pmd_populate
 *   pte_offset_map    entry in the PTE page         Linux word (h/w +2 KiB)
 *   set_pte_at        store                         cpu_v7_set_pte_ext
 */
struct mmsim_pgtable_ops {
	pgd_t *(*pgd_alloc)(struct mm_struct *mm);
	void (*pgd_free)(struct mm_struct *mm, pgd_t *pgd);
	pmd_t *(*pmd_lookup)(struct mm_struct *mm, unsigned long addr);
	pmd_t *(*pmd_alloc)(struct mm_struct *mm, unsigned long addr);
	int (*pte_alloc)(struct mm_struct *mm, pmd_t *pmd);
	/* pmd_clear() then pte_free() of the table @pmd points to */
	void (*pte_free_table)(struct mm_struct *mm, pmd_t *pmd);
	/* the PTE page @pmd points to (pmd_pgtable) */
	struct page *(*pmd_pgtable)(pmd_t pmd);
	pte_t *(*pte_offset_map)(pmd_t *pmd, unsigned long addr);
	pte_t (*ptep_get)(pte_t *ptep);
	void (*set_pte_at)(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
			   pte_t pte);
	/* a validator's check of the entry in RAM: NULL when sound, else why */
	const char *(*pte_check)(pte_t *ptep, unsigned long addr);
	unsigned int pte_size;                  /* bytes of one entry in RAM */
	bool folded;                            /* p4d, pud, pmd in the pgd */
	unsigned long first_user_address;       /* free_pgtables' floor */
};

extern const struct mmsim_pgtable_ops x86_64_pgtable_ops;
extern const struct mmsim_pgtable_ops arm_pgtable_ops;

struct mmsim_arch_ops {
	const char *name;
	int (*boot_entry)(void);                /* power-on to start_kernel() */
	void (*smp_setup_processor_id)(void);
	int (*setup_arch)(char **cmdline_p);
	int (*setup_per_cpu_areas)(void);
	void (*trap_init)(void);
	void (*mem_init)(void);
	void (*mem_init_print_late)(void);      /* after "Memory:" (old ARM kernels) */
	void (*init_IRQ)(void);                 /* x86: the boot CPU's IRQ stack */
	void (*late_time_init)(void);           /* x86: the HPET mapped */
	void (*check_bugs)(void);               /* 6.1.y: arch_cpu_finalize_init */
	int (*cpu_up)(unsigned int cpu);        /* smp_init(): one CPU (__cpu_up) */
	/* initcalls of this architecture, by level (kernel_init_freeable) */
	void (*core_initcalls)(void);           /* before postcore (wmarks) */
	void (*postcore_initcalls)(void);       /* DMA atomic pools */
	void (*late_initcalls)(void);           /* subsys .. late */
	void (*free_initrd_mem)(void);
	void (*free_initmem)(void);
	void (*mark_rodata_ro)(void);
	void (*memory_dev_init)(void);          /* driver_init(): memory blocks */
	/*
	 * The kernel page tables after boot, page by page (vmalloc, vmap,
	 * kmap).  NULL: mm/vmalloc_map.c walks x86_64's four levels itself.
	 */
	int (*kernel_map_page)(unsigned long va, phys_addr_t pa, pgprot_t prot);
	void (*kernel_unmap_range)(unsigned long start, unsigned long end);
	int (*kernel_lookup)(unsigned long va, phys_addr_t *pa);
	/*
	 * asm/cache.h of the .config, read once when the machine is made
	 * (slub_state_init): cache_line_size(), the line SLAB_HWCACHE_ALIGN
	 * aligns to; ARCH_DMA_MINALIGN, which when above 8 is also kmalloc's
	 * smallest size and alignment (NULL: the architecture defines none);
	 * ARCH_SLAB_MINALIGN (NULL: __alignof__(unsigned long long), 8).
	 */
	unsigned int (*cache_line_size)(void);
	unsigned int (*dma_minalign)(void);
	unsigned int (*slab_minalign)(void);
	const struct mmsim_pgtable_ops *pgtable;  /* user page tables */
};

extern const struct mmsim_arch_ops x86_64_arch_ops;
extern const struct mmsim_arch_ops arm_arch_ops;

/* The hooks of the machine the current thread runs (host/machine.c). */
const struct mmsim_arch_ops *current_arch(void);

#endif /* _MMSIM_ARCH_H */
