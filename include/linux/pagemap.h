/* SPDX-License-Identifier: MIT */
/*
 * include/linux/pagemap.h — the page cache's generic side.
 *
 * Kernel counterpart: include/linux/pagemap.h (Linux 6.1), cut to what
 * mmsim's only file system (tmpfs, mm/shmem.c) and reclaim use: taking a
 * folio out of its mapping's xarray (mm/filemap.c).  Every mmsim file is
 * a tmpfs file (shmem_mapping): the swap cache's address spaces have no
 * host inode and never come here.
 */
#ifndef _MMSIM_LINUX_PAGEMAP_H
#define _MMSIM_LINUX_PAGEMAP_H

#include "linux/fs.h"
#include "linux/xarray.h"

struct folio;

/* shmem_mapping: a tmpfs file's (every inode's mapping in mmsim). */
static inline bool shmem_mapping(const struct address_space *mapping)
{
	return mapping && mapping->host;
}

void mapping_set_update(struct xa_state *xas, struct address_space *mapping);
void __filemap_remove_folio(struct folio *folio, void *shadow);
void filemap_remove_folio(struct folio *folio);

/* mm/workingset.c: xarray nodes that hold only shadows (WORKINGSET_NODES) */
void workingset_update_node(struct xa_node *node);
void workingset_init(void);

#endif /* _MMSIM_LINUX_PAGEMAP_H */
