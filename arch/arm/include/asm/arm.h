/* SPDX-License-Identifier: MIT */
/*
 * arch/arm/include/asm/arm.h — what the files of arch/arm call in each
 * other (the kernel spreads these over asm/setup.h, asm/mach/map.h,
 * arch/arm/mm/mm.h, asm/cp15.h and asm/highmem.h).
 *
 * Functions whose kernel name x86 already uses in this program (the two
 * architectures share one binary) carry an arm_ prefix: arm_setup_arch,
 * arm_paging_init, arm_mem_init, ...; the rest keep the kernel's names.
 */
#ifndef _MMSIM_ASM_ARM_ARM_H
#define _MMSIM_ASM_ARM_ARM_H

#include "linux/types.h"
#include "arch/x86/include/asm/pgtable_types.h"  /* pgprot_t of the vmalloc API */

struct map_desc;

/* asm/cp15.h: control register bits */
#define ARM_CR_V (1U << 13)     /* high exception vectors */
#define ARM_CR_XP (1U << 23)    /* extended page tables */
#define ARM_CR_TRE (1U << 28)   /* TEX remap */

/* arch/arm/kernel/head.c */
int arm_boot_entry(void);
int arm_check_image_placement(char *err, size_t errlen);
void arm_smp_setup_processor_id(void);

/* arch/arm/kernel/setup.c */
int arm_add_memory(u64 start, u64 size);
int arm_setup_arch_early(char **cmdline_p);
int arm_setup_arch(char **cmdline_p);

/* arch/arm/mm/mmu.c */
unsigned long arm_vmalloc_start(void);
void early_mm_init(void);
void adjust_lowmem_bounds(void);
void create_mapping(const struct map_desc *md);
void iotable_init(const struct map_desc *io_desc, int nr);
void vm_reserve_area_early(unsigned long addr, unsigned long size,
			   const char *caller);
void arm_static_vm_destroy(void);
int arm_paging_init(void);

/* arch/arm/mm/init.c */
void setup_dma_zone(void);
void arm_memblock_init(void);
int bootmem_init(void);
void arm_mem_init(void);
void arm_mem_init_late_print(void);
void arm_free_initmem(void);
void arm_free_initrd_mem(void);
void arm_mark_rodata_ro(void);
bool arm_pfn_valid(unsigned long pfn);

/* arch/arm/mm/dma-mapping.c */
void dma_contiguous_remap(void);
void arm_atomic_pool_init(void);

/* arch/arm/mm/pgtable.c: the kernel page tables after boot */
int arm_kernel_map_page(unsigned long va, phys_addr_t pa, pgprot_t prot);
void arm_kernel_unmap_range(unsigned long start, unsigned long end);
int arm_kernel_lookup(unsigned long va, phys_addr_t *pa);

#endif /* _MMSIM_ASM_ARM_ARM_H */
