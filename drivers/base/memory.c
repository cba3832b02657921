// SPDX-License-Identifier: MIT
/*
 * drivers/base/memory.c — memory blocks, the unit in which memory is
 * onlined, offlined and hot-plugged (/sys/devices/system/memory/memoryN).
 *
 * Kernel counterpart: drivers/base/memory.c (memory_dev_init), called from
 * driver_init() in do_basic_setup(), before the initcalls.
 *
 * Place in the boot: the first question for the block size, which the
 * architecture answers (x86: memory_block_size_bytes() in
 * arch/x86/mm/init_64.c, which prints "x86/mm: Memory block size").  The
 * kernel then registers one sysfs device per block; mmsim has no sysfs and
 * no hotplug, so the probe is all that happens here.
 */
#include "linux/memory.h"

void memory_dev_init(void)
{
	memory_block_size_bytes();
}
