/* SPDX-License-Identifier: MIT */
/*
 * include/linux/migrate.h — moving pages to other page frames.
 *
 * Kernel counterparts: include/linux/migrate.h, include/linux/migrate_mode.h
 * (Linux 6.1); the code is mm/migrate.c.
 *
 * migrate_pages() takes a list of isolated pages (linked by page->lru,
 * each holding one extra reference for the isolation) and, for each one,
 * asks @get_new_page for a destination, moves the contents and every
 * mapping there, and frees the source.  Pages that cannot move stay on
 * the list (the caller puts them back with putback_movable_pages());
 * unused destinations go back through @put_new_page.
 */
#ifndef _MMSIM_LINUX_MIGRATE_H
#define _MMSIM_LINUX_MIGRATE_H

#include "linux/types.h"
#include "linux/list.h"

struct page;
struct folio;

/* How hard migration may try (include/linux/migrate_mode.h). */
enum migrate_mode {
	MIGRATE_ASYNC,      /* never block: skip locked, dirty or busy pages */
	MIGRATE_SYNC_LIGHT, /* may block, but not on writeback */
	MIGRATE_SYNC,       /* may block on anything */
	MIGRATE_SYNC_NO_COPY,
};

/* Why pages move (the reason of the mm_migrate_pages trace event). */
enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CONTIG_RANGE,
	MR_LONGTERM_PIN,
	MR_DEMOTION,
	MR_TYPES
};

/* Return codes of the move of one page. */
#define MIGRATEPAGE_SUCCESS 0

typedef struct page *new_page_t(struct page *page, unsigned long private);
typedef void free_page_t(struct page *page, unsigned long private);

/*
 * Move every page of @from.  Returns the number of pages that could not
 * be moved (0: all moved), or -ENOMEM when no destination could be had;
 * *@ret_succeeded counts the pages moved.
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  free_page_t put_new_page, unsigned long private,
		  enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded);

/* PTEs of @folio to migration entries and back (to @dst, or @src on failure). */
void try_to_migrate(struct folio *folio, int flags);
void remove_migration_ptes(struct folio *src, struct folio *dst, bool locked);
void migration_entry_wait(struct mm_struct *mm, pmd_t *pmd, unsigned long address);

/* Give isolated pages back (to the LRU; see mm/migrate.c). */
void putback_movable_pages(struct list_head *l);

/*
 * mmsim: a page compaction may take as a migration source — in use,
 * anonymous or in a tmpfs page cache, not compound (see mm/migrate.c).
 */
bool mmsim_page_migratable(struct page *page);
/* isolate_lru_page()'s role for such a page: 0 and one reference taken. */
int isolate_migratable_page(struct page *page);

#endif /* _MMSIM_LINUX_MIGRATE_H */
