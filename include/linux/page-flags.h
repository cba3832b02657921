/* SPDX-License-Identifier: MIT */
/*
 * include/linux/page-flags.h — the bits of page->flags and page->page_type.
 *
 * Kernel counterpart: include/linux/page-flags.h (Linux 6.1, 64-bit,
 * CONFIG_MMU, CONFIG_MEMORY_FAILURE, CONFIG_PAGE_IDLE_FLAG off).
 *
 * page->flags, from bit 63 down:   [ node | zone | ... | PG_* flags ]
 * The node and zone fields are placed by set_page_links() in <linux/mm.h>.
 *
 * page_type overlays _mapcount: -1 means "no type".  A type is marked by
 * clearing its bit, so that a page whose _mapcount was incremented cannot
 * look typed: PageBuddy(page) == ((page_type & 0xf0000080) == 0xf0000000).
 */
#ifndef _MMSIM_LINUX_PAGE_FLAGS_H
#define _MMSIM_LINUX_PAGE_FLAGS_H

#include "linux/mm_types.h"

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_writeback,
	PG_head,
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	PG_hwpoison,
	PG_arch_2,
	__NR_PAGEFLAGS,
};

/*
 * As 6.1's test_bit/set_bit/clear_bit on page->flags: a test is a plain
 * (relaxed) load, a set or clear one atomic read-modify-write, because
 * two simulated CPUs change different bits of one page's flags at once
 * (reclaim's PG_referenced beside a fault's PG_dirty).  The __ forms
 * below are the kernel's non-atomic ones, for a page nobody else sees.
 */
static inline bool test_page_bit(const struct page *page, int bit)
{
	return __atomic_load_n(&page->flags, __ATOMIC_RELAXED) & (1UL << bit);
}

static inline void set_page_bit(struct page *page, int bit)
{
	__atomic_fetch_or(&page->flags, 1UL << bit, __ATOMIC_RELAXED);
}

static inline void clear_page_bit(struct page *page, int bit)
{
	__atomic_fetch_and(&page->flags, ~(1UL << bit), __ATOMIC_RELAXED);
}

static inline bool test_and_set_page_bit(struct page *page, int bit)
{
	return __atomic_fetch_or(&page->flags, 1UL << bit, __ATOMIC_RELAXED) &
	       (1UL << bit);
}

static inline bool test_and_clear_page_bit(struct page *page, int bit)
{
	return __atomic_fetch_and(&page->flags, ~(1UL << bit), __ATOMIC_RELAXED) &
	       (1UL << bit);
}

/*
 * Folio flag operations (6.1's FOLIO_FLAG): the flags of a folio are those
 * of its head page.  folio_test_X / folio_set_X / folio_clear_X, the
 * __folio_set_X / __folio_clear_X (atomic here too: a cheap margin,
 * since a page mmsim calls private may still be peeked at by a PFN
 * walker) and folio_test_set_X / folio_test_clear_X (one atomic step).
 */
#define FOLIO_FLAG(name, bit)                                                \
	static inline bool folio_test_##name(const struct folio *f)          \
	{                                                                    \
		return test_page_bit(&f->page, PG_##bit);                    \
	}                                                                    \
	static inline void folio_set_##name(struct folio *f)                 \
	{                                                                    \
		set_page_bit(&f->page, PG_##bit);                            \
	}                                                                    \
	static inline void folio_clear_##name(struct folio *f)               \
	{                                                                    \
		clear_page_bit(&f->page, PG_##bit);                          \
	}                                                                    \
	static inline void __folio_set_##name(struct folio *f)               \
	{                                                                    \
		folio_set_##name(f);                                         \
	}                                                                    \
	static inline void __folio_clear_##name(struct folio *f)             \
	{                                                                    \
		folio_clear_##name(f);                                       \
	}                                                                    \
	static inline bool folio_test_set_##name(struct folio *f)            \
	{                                                                    \
		return test_and_set_page_bit(&f->page, PG_##bit);            \
	}                                                                    \
	static inline bool folio_test_clear_##name(struct folio *f)          \
	{                                                                    \
		return test_and_clear_page_bit(&f->page, PG_##bit);          \
	}

/*
 * The flags of this very page, seen through the folio accessors: 6.1's
 * PF_ANY policy (a tail page's own bits, not its head's).
 */
static inline struct folio *page_flags_folio(const struct page *p)
{
	return (struct folio *)p;
}

/*
 * Page flag operations (6.1's PAGEFLAG): the folio ones for @lname and,
 * built on them, PageX / SetPageX / ClearPageX on one page.
 */
#define PAGEFLAG(uname, lname)                                               \
	FOLIO_FLAG(lname, lname)                                             \
	static inline bool Page##uname(const struct page *p)                 \
	{                                                                    \
		return folio_test_##lname(page_flags_folio(p));              \
	}                                                                    \
	static inline void SetPage##uname(struct page *p)                    \
	{                                                                    \
		folio_set_##lname(page_flags_folio(p));                      \
	}                                                                    \
	static inline void ClearPage##uname(struct page *p)                  \
	{                                                                    \
		folio_clear_##lname(page_flags_folio(p));                    \
	}

PAGEFLAG(Locked, locked)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Slab, slab)
PAGEFLAG(Head, head)
PAGEFLAG(LRU, lru)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(Private, private)
PAGEFLAG(Active, active)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(HWPoison, hwpoison)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(SwapBacked, swapbacked)
/* PG_anon_exclusive shares PG_mappedtodisk's bit (anonymous pages only) */
PAGEFLAG(AnonExclusive, mappedtodisk)
PAGEFLAG(Workingset, workingset)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Error, error)

/*
 * Bits with a second meaning (6.1's aliases): on a swap-backed page
 * PG_owner_priv_1 says the page is in the swap cache; on a page-cache page
 * of a file system it is PG_checked.
 */
#define PG_swapcache PG_owner_priv_1
#define PG_checked PG_owner_priv_1
PAGEFLAG(Checked, checked)

static inline bool PageSwapCache(const struct page *p)
{
	return test_page_bit(p, PG_swapbacked) && test_page_bit(p, PG_swapcache);
}
static inline void SetPageSwapCache(struct page *p)
{
	set_page_bit(p, PG_swapcache);
}
static inline void ClearPageSwapCache(struct page *p)
{
	clear_page_bit(p, PG_swapcache);
}

/* In the swap cache: swap-backed and PG_swapcache (6.1's folio_test_swapcache). */
static inline bool folio_test_swapcache(const struct folio *f)
{
	return PageSwapCache(&f->page);
}
static inline void folio_set_swapcache(struct folio *f)
{
	SetPageSwapCache(&f->page);
}
static inline void folio_clear_swapcache(struct folio *f)
{
	ClearPageSwapCache(&f->page);
}

/* A large folio: more than one page (its head page has PG_head). */
static inline bool folio_test_large(const struct folio *f)
{
	return folio_test_head(f);
}

/* Bits of page_type; a set type is a *cleared* bit (see the header). */
#define PAGE_TYPE_BASE 0xf0000000
#define PAGE_MAPCOUNT_RESERVE (-128)
#define PG_buddy 0x00000080
#define PG_offline 0x00000100
#define PG_table 0x00000200
#define PG_guard 0x00000400

static inline bool page_has_type(const struct page *page)
{
	return (int)page->page_type < PAGE_MAPCOUNT_RESERVE;
}

#define PAGE_TYPE_OPS(uname, flag)                                           \
	static inline bool Page##uname(const struct page *page)              \
	{                                                                    \
		return (page->page_type & (PAGE_TYPE_BASE | (flag))) ==       \
		       PAGE_TYPE_BASE;                                       \
	}                                                                    \
	static inline void __SetPage##uname(struct page *page)               \
	{                                                                    \
		page->page_type &= ~(unsigned int)(flag);                    \
	}                                                                    \
	static inline void __ClearPage##uname(struct page *page)             \
	{                                                                    \
		page->page_type |= (flag);                                   \
	}

PAGE_TYPE_OPS(Buddy, PG_buddy)
PAGE_TYPE_OPS(Offline, PG_offline)
PAGE_TYPE_OPS(Table, PG_table)
PAGE_TYPE_OPS(Guard, PG_guard)

/* Compound pages: a head page and tail pages pointing back at it. */
static inline bool PageTail(const struct page *page)
{
	return page->compound_head & 1;
}

static inline struct page *compound_head(struct page *page)
{
	unsigned long head = page->compound_head;

	if (head & 1)
		return (struct page *)(head - 1);
	return page;
}

static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

/* The flags a page must not have when it is freed or allocated. */
#define PAGE_FLAGS_CHECK_AT_FREE                                             \
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |              \
	 1UL << PG_private_2 | 1UL << PG_writeback | 1UL << PG_reserved |    \
	 1UL << PG_slab | 1UL << PG_active | 1UL << PG_unevictable |         \
	 1UL << PG_mlocked)
/*
 * The multi-generational LRU's two fields of page->flags (6.1's
 * page-flags-layout.h puts them just under the node/zone/cpupid fields;
 * mmsim's node and zone fields take at most the top 13 bits, so they sit
 * at fixed bits 38..42, well clear of both):
 *   LRU_GEN   gen + 1 of the generation the folio is on, 0 when on none
 *             (order_base_2(MAX_NR_GENS + 1) = 3 bits)
 *   LRU_REFS  accesses through file descriptors beyond PG_referenced and
 *             PG_workingset (MAX_NR_TIERS - 2 = 2 bits)
 */
#define LRU_GEN_WIDTH 3
#define LRU_REFS_WIDTH 2
#define LRU_GEN_PGOFF 40
#define LRU_REFS_PGOFF (LRU_GEN_PGOFF - LRU_REFS_WIDTH)
#define LRU_GEN_MASK (((1UL << LRU_GEN_WIDTH) - 1) << LRU_GEN_PGOFF)
#define LRU_REFS_MASK (((1UL << LRU_REFS_WIDTH) - 1) << LRU_REFS_PGOFF)

#define PAGE_FLAGS_CHECK_AT_PREP \
	(((1UL << __NR_PAGEFLAGS) - 1) | LRU_GEN_MASK | LRU_REFS_MASK)

#endif /* _MMSIM_LINUX_PAGE_FLAGS_H */
