/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/setup.h — x86 boot-time set-up, shared between the
 * files of arch/x86/kernel.
 *
 * Kernel counterparts: arch/x86/include/asm/setup.h, asm/bios_ebda.h,
 * asm/mpspec.h, asm/sections.h.
 */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include "linux/types.h"

#define ISA_START_ADDRESS 0xa0000
#define ISA_END_ADDRESS 0x100000
#define BIOS_BEGIN 0x000a0000
#define BIOS_END 0x00100000

/* ebda.c */
unsigned int get_bios_ebda(void);
void reserve_bios_regions(void);

/* mpparse.c */
void default_find_smp_config(void);

/* head64.c */
int x86_64_start_kernel(void);
int x86_boot_entry(void);

/* arch/x86/mm/init.c, paging.c */
bool pfn_range_is_mapped(unsigned long start_pfn, unsigned long end_pfn);
void initmem_init(void);
void memblock_find_dma_reserve(void);
int paging_init(void);

/* setup.c: where the image is, from the profile and the load address */
int x86_image_layout_init(phys_addr_t load_addr);
int x86_check_image_placement(char *err, size_t errlen);

#endif /* _ASM_X86_SETUP_H */
