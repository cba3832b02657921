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
			unsigned long ptl;
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

#endif /* _MMSIM_LINUX_MM_TYPES_H */
