/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm_types.h — struct page, one per physical page frame.
 *
 * Kernel counterpart: include/linux/mm_types.h (Linux 6.1).  The layout is
 * the 64-bit kernel's with CONFIG_MEMCG: 64 bytes, the same fields at the
 * same offsets, so a memory map in simulated RAM looks like the kernel's:
 *
 *   offset  0  flags          page flags, zone and node in the top bits
 *           8  union (40 bytes):
 *                buddy / page-cache:  lru | buddy_list | pcp_list (16)
 *                                     mapping (8), index (8),
 *                                     private (8) = order of a free buddy
 *                tail page:           compound_head (8, bit 0 set)
 *                                     compound_dtor, compound_order (1+1),
 *                                     compound_mapcount, compound_pincount,
 *                                     compound_nr (4+4+4)
 *                slab (SLUB):         slab_list, slab_cache, freelist,
 *                                     inuse/objects/frozen (mm/slab.h)
 *          48  _mapcount | page_type   (page_type: PageBuddy, PageTable, ...)
 *          52  _refcount
 *          56  memcg_data
 *
 * Invariants: a free page in the buddy allocator has _refcount 0,
 * PageBuddy set in page_type and its order in private; a tail page's
 * compound_head points at its head page plus one.
 */
#ifndef _MMSIM_LINUX_MM_TYPES_H
#define _MMSIM_LINUX_MM_TYPES_H

#include "linux/types.h"
#include "linux/spinlock.h"

struct address_space;
struct kmem_cache;

struct page {
	unsigned long flags;
	union {
		struct { /* page cache, anonymous, buddy and pcp pages */
			union {
				struct list_head lru;
				struct list_head buddy_list;
				struct list_head pcp_list;
			};
			struct address_space *mapping;
			unsigned long index;
			unsigned long private;
		};
		struct { /* tail pages of a compound page */
			unsigned long compound_head; /* bit 0 set */
			unsigned char compound_dtor;
			unsigned char compound_order;
			atomic_t compound_mapcount;
			atomic_t compound_pincount;
			unsigned int compound_nr; /* 1 << compound_order */
		};
		struct { /* second tail page of a compound page */
			unsigned long _compound_pad_1;
			unsigned long _compound_pad_2;
			struct list_head deferred_list;
		};
		struct { /* page-table pages */
			unsigned long _pt_pad_1;
			unsigned long pmd_huge_pte;
			unsigned long _pt_pad_2;
			unsigned long pt_mm;
			spinlock_t ptl;  /* split page-table lock (ptlock_ptr) */
		};
	};
	union {
		atomic_t _mapcount;
		unsigned int page_type;
	};
	atomic_t _refcount;
	unsigned long memcg_data;
};

_Static_assert(sizeof(struct page) == 64, "struct page must be 64 bytes");
_Static_assert(sizeof(spinlock_t) == sizeof(unsigned long),
	       "the split page-table lock fits in page->ptl, as 6.1's does");

/*
 * A folio: a head page and, for a large folio, what 6.1 keeps in its first
 * tail page.  It overlays the memory map, so a folio pointer is the head
 * page's address (page_folio(), folio_page()).  The first 64 bytes are the
 * head page's fields under the names 6.1 gives them; the next 64 bytes are
 * page[1] (valid only when the folio is large): its flags, compound_head,
 * then the order and mapcounts that the compound-page code keeps there.
 */
struct folio {
	union {
		struct {
			unsigned long flags;
			union {
				struct list_head lru;
				struct {
					void *__filler;
					unsigned int mlock_count;
				};
			};
			struct address_space *mapping;
			unsigned long index;
			void *private;
			atomic_t _mapcount;
			atomic_t _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
	unsigned long _flags_1;
	unsigned long _head_1;
	unsigned char _folio_dtor;
	unsigned char _folio_order;
	atomic_t _total_mapcount;
	atomic_t _pincount;
	unsigned int _folio_nr_pages;
};

_Static_assert(__builtin_offsetof(struct folio, _folio_order) ==
		       sizeof(struct page) +
			       __builtin_offsetof(struct page, compound_order),
	       "folio order overlays page[1].compound_order");
_Static_assert(__builtin_offsetof(struct folio, _total_mapcount) ==
		       sizeof(struct page) +
			       __builtin_offsetof(struct page, compound_mapcount),
	       "folio total mapcount overlays page[1].compound_mapcount");
_Static_assert(__builtin_offsetof(struct folio, _folio_nr_pages) ==
		       sizeof(struct page) +
			       __builtin_offsetof(struct page, compound_nr),
	       "folio nr_pages overlays page[1].compound_nr");
_Static_assert(__builtin_offsetof(struct folio, _refcount) ==
		       __builtin_offsetof(struct page, _refcount),
	       "folio refcount overlays the head page's");


/* ---- user address spaces ------------------------------------------------ */

#include "linux/mm_struct.h"

typedef unsigned long vm_flags_t;

struct anon_vma;
struct vm_operations_struct;

/*
 * A virtual memory area: [vm_start, vm_end) of one mm with one set of
 * flags and one backing (anonymous, or a file from vm_pgoff on).  An object
 * of the "vm_area_struct" cache (152 bytes on x86_64 6.1).
 *
 *   vm_flags         VM_* (include/linux/mm.h), 6.1's bit values
 *   vm_page_prot     the PTE bits the flags give (vm_get_page_prot())
 *   anon_vma_chain   this VMA's anon_vma_chain objects (by same_vma)
 *   anon_vma         where its anonymous pages' reverse map lives, or NULL
 *                    until the first anonymous page (anon_vma_prepare)
 *   vm_pgoff         offset in the file in pages; for an anonymous VMA,
 *                    vm_start >> PAGE_SHIFT when it was made (as 6.1)
 *   vm_list          mmsim: link of a list of VMAs taken out of mm_mt
 *                    (munmap, exit_mmap), where 6.1 uses a detached tree
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	vm_flags_t vm_flags;
	struct list_head anon_vma_chain;
	struct anon_vma *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	struct list_head vm_list;
	/* on vm_file->f_mapping->i_mmap (mm/interval_tree.c; 6.1: shared.rb) */
	struct list_head shared;
};

/*
 * One link between a VMA and an anon_vma (mm/rmap.c): on the VMA's
 * anon_vma_chain list by same_vma, and in the anon_vma's set by
 * same_anon_vma ("anon_vma_chain" cache, 64 bytes).
 */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;
	struct list_head same_anon_vma; /* 6.1: rb node of an interval tree */
};

#endif /* _MMSIM_LINUX_MM_TYPES_H */
