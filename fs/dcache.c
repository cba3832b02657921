// SPDX-License-Identifier: MIT
/*
 * fs/dcache.c — the VFS caches' early hash tables.
 *
 * Kernel counterparts: fs/dcache.c (dcache_init_early), fs/inode.c
 * (inode_init_early), vfs_caches_init_early().  With a single memory node
 * the dentry and inode hash tables are allocated at boot from memblock,
 * one bucket (a list head: 8 bytes, 4 on 32-bit ARM) per 8 KiB / 16 KiB of
 * kernel memory;
 * with NUMA (hashdist) they are made later, spread over the nodes.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

void vfs_caches_init_early(void)
{
	/* a list head is one pointer: 8 bytes, 4 on a 32-bit kernel */
	const unsigned long hlist_bl_head = current_machine->arch.long_bytes;
	const unsigned long hlist_head = current_machine->arch.long_bytes;
	unsigned int d_hash_shift, i_hash_shift;

	if (hashdist())
		return;
	alloc_large_system_hash("Dentry cache", hlist_bl_head, 0, 13,
				HASH_EARLY | HASH_ZERO, &d_hash_shift, NULL, 0, 0);
	alloc_large_system_hash("Inode-cache", hlist_head, 0, 14,
				HASH_EARLY | HASH_ZERO, &i_hash_shift, NULL, 0, 0);
}
