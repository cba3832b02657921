/* SPDX-License-Identifier: MIT */
/*
 * include/linux/memory.h — memory blocks (drivers/base/memory.c).
 *
 * Kernel counterpart: include/linux/memory.h.  The architecture gives the
 * block size; memory_dev_init() counts the blocks of the booted machine.
 */
#ifndef _MMSIM_LINUX_MEMORY_H
#define _MMSIM_LINUX_MEMORY_H

unsigned long memory_block_size_bytes(void);
void memory_dev_init(void);

#endif /* _MMSIM_LINUX_MEMORY_H */
