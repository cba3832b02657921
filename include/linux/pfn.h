/* SPDX-License-Identifier: MIT */
/*
 * include/linux/pfn.h — page-frame-number conversions.
 *
 * Kernel counterparts: include/linux/pfn.h, arch/x86/include/asm/page_types.h.
 * Both simulated architectures use 4 KiB pages.
 */
#ifndef _MMSIM_LINUX_PFN_H
#define _MMSIM_LINUX_PFN_H

#include "linux/types.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(x) (((x) & (PAGE_SIZE - 1)) == 0)

#define PFN_ALIGN(x) (((unsigned long)(x) + (PAGE_SIZE - 1)) & PAGE_MASK)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))

#endif /* _MMSIM_LINUX_PFN_H */
