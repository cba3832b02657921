/* SPDX-License-Identifier: MIT */
/*
 * arch/arm/include/asm/memory.h — the 32-bit ARM kernel's virtual memory
 * map and the linear (lowmem) translation.
 *
 * Kernel counterparts: arch/arm/include/asm/memory.h, asm/pgtable.h
 * (VMALLOC_*), asm/highmem.h (PKMAP_BASE), asm/fixmap.h, asm/page.h
 * (Linux 6.1, !CONFIG_ARM_LPAE, CONFIG_VMSPLIT_3G).
 *
 * The 4 GiB virtual space of a 3G/1G kernel (6.1 figures; the older
 * kernel of seed 003 ended vmalloc at 0xff000000, its fixmap at
 * 0xffc00000):
 *
 *   0xffff0000 +-----------------+ vectors (high vectors, 2 pages)
 *   0xfff00000 +-----------------+ FIXADDR_END
 *              | fixmap          |   kmap_local slots, early_ioremap
 *   0xffc80000 +-----------------+ FIXADDR_START
 *   0xff800000 +-----------------+ VMALLOC_END = FDT_FIXED_BASE (2 MiB DTB map)
 *              | vmalloc         |   ioremap, vmalloc, per-CPU chunks
 *              |                 |   (PCI I/O at 0xfee00000, 2 MiB)
 *   VMALLOC_START = high_memory + 8 MiB, 8 MiB aligned (0xf0800000 at 1 GiB)
 *              | 8 MiB hole      |   VMALLOC_OFFSET: catches overruns
 *   high_memory+-----------------+ __phys_to_virt(arm_lowmem_limit)
 *              | lowmem          |   the linear map:  va = pa - PHYS_OFFSET
 *              |                 |                          + PAGE_OFFSET
 *   0xc0000000 +-----------------+ PAGE_OFFSET (kernel image at + TEXT_OFFSET)
 *              | pkmap (2 MiB)   |   kmap(): LAST_PKMAP = 512 page slots
 *   0xbfe00000 +-----------------+ PKMAP_BASE = MODULES_END
 *              | modules (14 MiB)|
 *   0xbf000000 +-----------------+ MODULES_VADDR = TASK_SIZE
 *              | user space      |
 *   0x00000000 +-----------------+
 *
 * Physical memory above arm_lowmem_limit (the highest address that still
 * fits below vmalloc_min) has no linear address: it is ZONE_HIGHMEM and
 * is reached through kmap()/kmap_local_page() (mm/highmem.c).
 *
 * mmsim runs this 32-bit kernel on a 64-bit host: kernel virtual
 * addresses are held in `unsigned long` (64 bits here) but never exceed
 * 32 bits; where the kernel's 32-bit arithmetic relies on wrapping, the
 * code here uses u32 explicitly.  phys_addr_t is 32 bits wide in this
 * kernel (no LPAE), which the machine's arch.phys_addr_max records.
 */
#ifndef _MMSIM_ASM_ARM_MEMORY_H
#define _MMSIM_ASM_ARM_MEMORY_H

#include "linux/types.h"
#include "linux/sizes.h"
#include "linux/pfn.h"

#define ARM_SECTION_SHIFT 20
#define ARM_SECTION_SIZE (1UL << ARM_SECTION_SHIFT)   /* 1 MiB: one L1 entry */
#define ARM_SECTION_MASK (~(ARM_SECTION_SIZE - 1))
#define ARM_PMD_SHIFT 21
#define ARM_PMD_SIZE (1UL << ARM_PMD_SHIFT)           /* 2 MiB: one Linux pgd */
#define ARM_PMD_MASK (~(ARM_PMD_SIZE - 1))

#define ARM_VMALLOC_OFFSET SZ_8M
#define ARM_FDT_FIXED_SIZE SZ_2M
#define ARM_PCI_IO_VIRT_BASE 0xfee00000UL
#define ARM_VECTORS_BASE 0xffff0000UL
#define ARM_LAST_PKMAP 512                           /* PTRS_PER_PTE */

/*
 * The layout constants of the running kernel, resolved at setup_arch()
 * from the .config (PAGE_OFFSET) and the image profile (the ones a
 * kernel version moved: VMALLOC_END, FIXADDR_START).
 */
unsigned long arm_page_offset(void);     /* PAGE_OFFSET */
phys_addr_t arm_phys_offset(void);       /* PHYS_OFFSET */
unsigned long arm_vmalloc_end(void);     /* VMALLOC_END */
unsigned long arm_fixaddr_start(void);   /* FIXADDR_START */

#define PAGE_OFFSET_ARM (arm_page_offset())
#define PHYS_OFFSET (arm_phys_offset())
#define TASK_SIZE_ARM (arm_page_offset() - SZ_16M)
#define MODULES_VADDR (arm_page_offset() - SZ_16M)
#define PKMAP_BASE (arm_page_offset() - ARM_PMD_SIZE)
#define MODULES_END PKMAP_BASE                       /* HIGHMEM: below pkmap */
#define FIXADDR_START (arm_fixaddr_start())
#define FIXADDR_END 0xfff00000UL
#define FIXADDR_TOP (FIXADDR_END - PAGE_SIZE)
#define FDT_FIXED_BASE 0xff800000UL

/* __virt_to_phys / __phys_to_virt: the linear map (ARM_PATCH_PHYS_VIRT). */
static inline phys_addr_t __virt_to_phys(unsigned long x)
{
	return (phys_addr_t)(u32)((u32)x - (u32)arm_page_offset() +
				  (u32)arm_phys_offset());
}

static inline unsigned long __phys_to_virt(phys_addr_t x)
{
	return (u32)((u32)x - (u32)arm_phys_offset() + (u32)arm_page_offset());
}

#define __phys_to_pfn(paddr) ((unsigned long)((paddr) >> PAGE_SHIFT))
#define __pfn_to_phys(pfn) ((phys_addr_t)(pfn) << PAGE_SHIFT)

#endif /* _MMSIM_ASM_ARM_MEMORY_H */
