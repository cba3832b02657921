/* SPDX-License-Identifier: MIT */
/*
 * include/linux/pagemap.h — the page cache's generic side and the page
 * lock (PG_locked).
 *
 * Kernel counterpart: include/linux/pagemap.h (Linux 6.1), cut to what
 * mmsim's only file system (tmpfs, mm/shmem.c) and reclaim use: taking a
 * folio out of its mapping's xarray (mm/filemap.c).  Every mmsim file is
 * a tmpfs file (shmem_mapping): the swap cache's address spaces have no
 * host inode and never come here.
 *
 * The folio lock (6.1's folio_lock, folio_trylock, folio_unlock,
 * lock_page, trylock_page, unlock_page, folio_test_locked) is bit
 * PG_locked of the head page's flags, set with acquire order and
 * cleared with release order, so whoever takes it next sees what the
 * holder did to the folio.  6.1 sleeps on a hashed wait queue (PG_waiters
 * marks a waiter); nothing sleeps in mmsim, so a waiter spins on the bit
 * (host/cpu.c: bit_lock_wait) and PG_waiters stays clear.
 *
 * Who takes it (6.1's rules, the ones mmsim follows): reclaim
 * (shrink_folio_list: trylock, skip a locked folio), swap-in and the swap
 * cache (do_swap_page, add_to_swap), migration (the source and the new
 * folio), page-cache insertion and truncation.  Lock order: the page lock
 * is taken before the mapping's i_mmap_rwsem and anon_vma->rwsem (see
 * mm/rmap.c's design comment) and never while a page-table lock is held.
 */
#ifndef _MMSIM_LINUX_PAGEMAP_H
#define _MMSIM_LINUX_PAGEMAP_H

#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/fs.h"
#include "linux/xarray.h"

void bit_lock_wait(unsigned long *word, unsigned long mask);

static inline bool folio_trylock(struct folio *folio)
{
	return !(__atomic_fetch_or(&folio->flags, 1UL << PG_locked, __ATOMIC_ACQUIRE) &
		 (1UL << PG_locked));
}

static inline void folio_lock(struct folio *folio)
{
	while (__builtin_expect(!folio_trylock(folio), 0))
		bit_lock_wait(&folio->flags, 1UL << PG_locked);
}

static inline void folio_unlock(struct folio *folio)
{
	VM_BUG_ON(!folio_test_locked(folio));
	__atomic_fetch_and(&folio->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);
}

static inline bool trylock_page(struct page *page)
{
	return folio_trylock(page_folio(page));
}

static inline void lock_page(struct page *page)
{
	folio_lock(page_folio(page));
}

static inline void unlock_page(struct page *page)
{
	folio_unlock(page_folio(page));
}

struct folio;

/* shmem_mapping: a tmpfs file's (every inode's mapping in mmsim). */
static inline bool shmem_mapping(const struct address_space *mapping)
{
	return mapping && mapping->host;
}

void mapping_set_update(struct xa_state *xas, struct address_space *mapping);
void __filemap_remove_folio(struct folio *folio, void *shadow);
void filemap_remove_folio(struct folio *folio);
struct folio *filemap_get_folio(struct address_space *mapping, unsigned long index);

/* mm/workingset.c: xarray nodes that hold only shadows (WORKINGSET_NODES) */
void workingset_update_node(struct xa_node *node);
void workingset_init(void);

#endif /* _MMSIM_LINUX_PAGEMAP_H */
