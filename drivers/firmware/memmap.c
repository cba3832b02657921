// SPDX-License-Identifier: MIT
/*
 * drivers/firmware/memmap.c — the firmware memory map behind
 * /sys/firmware/memmap.
 *
 * Kernel counterpart: drivers/firmware/memmap.c (firmware_map_add_early).
 * At boot each firmware e820 entry becomes a firmware_map_entry allocated
 * from memblock (104 bytes in the 6.1 image: the profile's
 * sizeof.firmware_map_entry); mmsim keeps the range and type in it and
 * chains the entries, as the kernel's list does.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/firmware-map.h"
#include "linux/memblock.h"
#include "mmsim/machine.h"

struct firmware_map_entry {
	u64 start;
	u64 end;      /* exclusive */
	const char *type;
	struct firmware_map_entry *next;
};

int firmware_map_add_early(u64 start, u64 end, const char *type)
{
	size_t size = (size_t)profile_u64(current_machine->profile,
					  "sizeof.firmware_map_entry",
					  sizeof(struct firmware_map_entry));
	struct firmware_map_entry *entry;

	entry = memblock_alloc(max(size, sizeof(*entry)), SMP_CACHE_BYTES);
	if (!entry)
		return -ENOMEM;
	entry->start = start;
	entry->end = end - 1;
	entry->type = type;
	entry->next = current_machine->firmware_map;
	current_machine->firmware_map = entry;
	return 0;
}
