// SPDX-License-Identifier: MIT
/*
 * kernel/dma/swiotlb.c — the bounce buffer for devices that cannot reach
 * all of memory.
 *
 * Kernel counterpart: kernel/dma/swiotlb.c (swiotlb_init_remap, 6.1.y with
 * per-CPU areas).  On x86_64 it is set up at mem_init() when memory
 * reaches above 4 GiB: 64 MiB of low memory (below 4 GiB) cut into 2 KiB
 * slabs, the slot array, and one area per CPU (rounded to a power of two)
 * -- three memblock allocations, which move every later one.  Bouncing
 * itself is not simulated (there are no devices).
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

#define IO_TLB_SHIFT 11
#define IO_TLB_DEFAULT_SIZE (64UL << 20)
#define SIZEOF_IO_TLB_SLOT 24
#define SIZEOF_IO_TLB_AREA 16

static unsigned int roundup_pow_of_two_u(unsigned int n)
{
	unsigned int p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

void swiotlb_init(bool addressing_limit)
{
	unsigned long bytes = IO_TLB_DEFAULT_SIZE;
	unsigned long nslabs = bytes >> IO_TLB_SHIFT;
	unsigned int nareas;
	void *tlb, *slots, *areas;

	if (!addressing_limit)
		return;
	nareas = roundup_pow_of_two_u(nr_cpu_ids ? nr_cpu_ids : 1);
	pr_info("software IO TLB: area num %u.\n", nareas);

	tlb = memblock_alloc_try_nid_caller(bytes, PAGE_SIZE, MEMBLOCK_LOW_LIMIT,
					    ARCH_LOW_ADDRESS_LIMIT, NUMA_NO_NODE,
					    "swiotlb_init_remap");
	if (!tlb) {
		pr_warn("software IO TLB: %s: Failed to allocate %lu bytes tlb structure\n",
			__func__, bytes);
		return;
	}
	slots = memblock_alloc_try_nid_caller(PAGE_ALIGN(SIZEOF_IO_TLB_SLOT * nslabs),
					      PAGE_SIZE, MEMBLOCK_LOW_LIMIT,
					      MEMBLOCK_ALLOC_ACCESSIBLE,
					      NUMA_NO_NODE, "swiotlb_init_remap");
	areas = memblock_alloc_try_nid_caller(SIZEOF_IO_TLB_AREA * nareas,
					      SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
					      MEMBLOCK_ALLOC_ACCESSIBLE,
					      NUMA_NO_NODE, "swiotlb_init_remap");
	current_machine->swiotlb_start = __pa(tlb);
	current_machine->swiotlb_size = bytes;
	(void)slots;
	(void)areas;
}
