// SPDX-License-Identifier: MIT
/*
 * fs/dcache.c — the VFS caches' early hash tables.
 *
 * Kernel counterparts: fs/dcache.c (dcache_init_early), fs/inode.c
 * (inode_init_early), vfs_caches_init_early().  With a single memory node
 * the dentry and inode hash tables are allocated at boot from memblock,
 * one bucket (an 8-byte list head) per 8 KiB / 16 KiB of kernel memory;
 * with NUMA (hashdist) they are made later, spread over the nodes.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#define SIZEOF_HLIST_BL_HEAD 8
#define SIZEOF_HLIST_HEAD 8

void vfs_caches_init_early(void)
{
	unsigned int d_hash_shift, i_hash_shift;

	if (hashdist())
		return;
	alloc_large_system_hash("Dentry cache", SIZEOF_HLIST_BL_HEAD, 0, 13,
				HASH_EARLY | HASH_ZERO, &d_hash_shift, NULL, 0, 0);
	alloc_large_system_hash("Inode-cache", SIZEOF_HLIST_HEAD, 0, 14,
				HASH_EARLY | HASH_ZERO, &i_hash_shift, NULL, 0, 0);
}
