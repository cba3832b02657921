// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/pci-dma.c — IOMMU detection at mem_init().
 *
 * Kernel counterparts: arch/x86/kernel/pci-dma.c (pci_iommu_alloc,
 * pci_swiotlb_detect), arch/x86/kernel/aperture_64.c
 * (gart_iommu_hole_init).  QEMU's machines have no AGP/GART, no AMD or
 * Intel IOMMU; what remains is the software bounce buffer when memory
 * reaches above 4 GiB.
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

#define MAX_DMA32_PFN (1UL << (32 - PAGE_SHIFT))

void swiotlb_init(bool addressing_limit);

void pci_iommu_alloc(void)
{
	bool swiotlb = max_possible_pfn > MAX_DMA32_PFN;

	pr_info("AGP: Checking aperture...\n");
	pr_info("AGP: No AGP bridge found\n");
	swiotlb_init(swiotlb);
}
