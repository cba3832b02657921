/* SPDX-License-Identifier: MIT */
/*
 * include/linux/rmap.h — reverse mapping of anonymous pages.
 *
 * Kernel counterpart: include/linux/rmap.h, mm/rmap.c (Linux 6.1).
 *
 * An anon_vma ("anon_vma" cache, 96-byte objects in 104-byte slots) is
 * the set of VMAs an anonymous page may be mapped in.  page->mapping of
 * an anonymous page is its anon_vma with bit 0 (PAGE_MAPPING_ANON) set.
 * A VMA links to every anon_vma of its ancestry through anon_vma_chain
 * objects; fork (anon_vma_fork) gives the child VMA the parent's chain
 * plus an anon_vma of its own.
 *
 *   anon_vma.root      the anon_vma at the top of the fork tree
 *   anon_vma.parent    the one this was forked from
 *   refcount           references (chains of the VMAs + child anon_vmas)
 *   degree             child anon_vmas + VMAs pointing here (reuse rule)
 *   chain_list         the anon_vma_chains of this anon_vma (6.1 keeps an
 *                      interval tree, rb_root; mmsim a list)
 */
#ifndef _MMSIM_LINUX_RMAP_H
#define _MMSIM_LINUX_RMAP_H

#include "linux/mm.h"
#include "linux/rwsem.h"

struct anon_vma {
	struct anon_vma *root;
	/*
	 * The root's rwsem guards the chain lists of the whole fork tree:
	 * written when VMAs join or leave (anon_vma_clone, unlink_anon_vmas),
	 * read by rmap walks (anon_vma_lock_read).
	 */
	struct rw_semaphore rwsem;
	atomic_t refcount;
	unsigned long num_children;
	unsigned long num_active_vmas;
	struct anon_vma *parent;
	struct list_head chain_list;
};

static inline void anon_vma_lock_write(struct anon_vma *anon_vma)
{
	down_write(&anon_vma->root->rwsem);
}

static inline void anon_vma_unlock_write(struct anon_vma *anon_vma)
{
	up_write(&anon_vma->root->rwsem);
}

static inline void anon_vma_lock_read(struct anon_vma *anon_vma)
{
	down_read(&anon_vma->root->rwsem);
}

static inline void anon_vma_unlock_read(struct anon_vma *anon_vma)
{
	up_read(&anon_vma->root->rwsem);
}

#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

/* Anonymous: the (head) page's mapping has PAGE_MAPPING_ANON set. */
static inline bool PageAnon(struct page *page)
{
	page = compound_head(page);
	return ((unsigned long)page->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline bool folio_test_anon(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_ANON) != 0;
}

/* _mapcount starts at -1: page_mapcount() is the number of PTEs mapping it. */
int page_mapcount(struct page *page);
int total_mapcount(struct page *page);
/* folio_mapcount(): the PTEs and PMDs mapping any page of the folio. */
static inline int folio_mapcount(struct folio *folio)
{
	return total_mapcount(&folio->page);
}

/* try_to_unmap's flags (6.1 values) */
enum ttu_flags {
	TTU_SPLIT_HUGE_PMD = 0x4,
	TTU_IGNORE_MLOCK = 0x8,
	TTU_SYNC = 0x10,
	TTU_IGNORE_HWPOISON = 0x20,
	TTU_BATCH_FLUSH = 0x40,
	TTU_RMAP_LOCKED = 0x80,
};

/*
 * rmap_walk() (mm/rmap.c): call @rmap_one for every VMA that may map
 * @folio (an order-0 anonymous or page-cache folio), with the address the
 * folio would have there; @rmap_one checks the page table and returns
 * false to stop the walk, as does @done returning true after a VMA.
 * @invalid_vma, when set, filters VMAs out first.  One walk serves
 * reclaim (folio_referenced, try_to_unmap), swap and migration
 * (try_to_migrate, remove_migration_ptes).
 */
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long address, void *arg);
	bool (*done)(struct folio *folio);
	bool (*invalid_vma)(struct vm_area_struct *vma, void *arg);
};
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);
/*
 * How many mappings of @folio had their accessed bit set, clearing them
 * (mm/rmap_walk.c).
 */
struct mem_cgroup;
int folio_referenced(struct folio *folio, int is_locked,
		     struct mem_cgroup *memcg, unsigned long *vm_flags);
/* Unmap @folio everywhere it can be; the caller checks folio_mapped(). */
void try_to_unmap(struct folio *folio, enum ttu_flags flags);
/* The PTE at @addr of @vma if it maps @page, its table locked (*ptlp); else NULL. */
pte_t *page_vma_mapped_pte(struct page *page, struct vm_area_struct *vma,
			   unsigned long addr, spinlock_t **ptlp);

/* Is any PTE or PMD mapping (part of) @page? */
static inline bool page_mapped(struct page *page)
{
	return total_mapcount(page) > 0;
}

static inline bool folio_mapped(struct folio *folio)
{
	return total_mapcount(&folio->page) > 0;
}

/*
 * The page cache a folio belongs to, NULL for an anonymous one (6.1
 * gives a swap-cache folio its swap address_space; mmsim's reclaim asks
 * the swap layer directly for those).
 */
static inline struct address_space *folio_mapping(struct folio *folio)
{
	if (folio_test_anon(folio))
		return NULL;
	return folio->mapping;
}

int __anon_vma_prepare(struct vm_area_struct *vma);
static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	return vma->anon_vma ? 0 : __anon_vma_prepare(vma);
}
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
void unlink_anon_vmas(struct vm_area_struct *vma);

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address);
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, unsigned int flags);
void page_add_file_rmap(struct page *page, struct vm_area_struct *vma,
			bool compound);
void page_remove_rmap(struct page *page, struct vm_area_struct *vma,
		      bool compound);

#define RMAP_NONE		0x0
#define RMAP_EXCLUSIVE		0x1
#define RMAP_COMPOUND		0x2

#endif /* _MMSIM_LINUX_RMAP_H */
