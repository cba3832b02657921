// SPDX-License-Identifier: MIT
/*
 * kernel/power/snapshot.c — ranges hibernation must not save.
 *
 * Kernel counterpart: kernel/power/snapshot.c (register_nosave_region).
 * Each region is recorded in a small block from memblock (32 bytes, as in
 * the kernel), a region that continues the previous one extends it, and
 * each is announced as "PM: hibernation: Registered nosave memory".
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/suspend.h"
#include "mmsim/machine.h"

/* The kernel's layout (32 bytes): a list link and the pfn range. */
struct nosave_region {
	struct nosave_region *next, *prev;
	unsigned long start_pfn, end_pfn;
};

void register_nosave_region(unsigned long start_pfn, unsigned long end_pfn)
{
	struct nosave_region *region = current_machine->nosave_regions;

	if (start_pfn >= end_pfn)
		return;
	/* extend the last region when the new one follows it */
	if (region && region->end_pfn == start_pfn) {
		region->end_pfn = end_pfn;
		goto report;
	}
	region = memblock_alloc(sizeof(*region), SMP_CACHE_BYTES);
	if (!region) {
		pr_emerg("register_nosave_region: Failed to allocate\n");
		return;
	}
	region->start_pfn = start_pfn;
	region->end_pfn = end_pfn;
	region->next = current_machine->nosave_regions;
	current_machine->nosave_regions = region;
report:
	pr_info("PM: hibernation: Registered nosave memory: [mem %#010llx-%#010llx]\n",
		(unsigned long long)start_pfn << PAGE_SHIFT,
		((unsigned long long)end_pfn << PAGE_SHIFT) - 1);
}
