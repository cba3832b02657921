// SPDX-License-Identifier: MIT
/*
 * drivers/base/memory.c — memory blocks, the unit in which memory is
 * onlined, offlined and hot-plugged (/sys/devices/system/memory/memoryN).
 *
 * Kernel counterpart: drivers/base/memory.c (memory_dev_init), called from
 * driver_init() in do_basic_setup(), before the initcalls.
 *
 * Place in the boot: the architecture decides the block size
 * (x86: memory_block_size_bytes() in arch/x86/mm/init_64.c, which prints
 * "x86/mm: Memory block size"); memory_dev_init() then creates one block
 * for every block-sized, block-aligned span that holds a present section.
 * mmsim keeps the count of blocks (what `ls /sys/devices/system/memory`
 * would show); there is no sysfs and no hotplug.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/memory.h"
#include "mmsim/machine.h"

void memory_dev_init(void)
{
	unsigned long block_pages = memory_block_size_bytes() >> PAGE_SHIFT;
	unsigned long start_pfn, end_pfn, pfn, last = ULONG_MAX, n = 0;
	int i;

	/* a block exists when any RAM lies in it (all sections are present) */
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL) {
		for (pfn = ALIGN_DOWN(start_pfn, block_pages); pfn < end_pfn;
		     pfn += block_pages) {
			if (pfn / block_pages == last)
				continue;
			last = pfn / block_pages;
			n++;
		}
	}
	current_machine->nr_memory_blocks = n;
}
