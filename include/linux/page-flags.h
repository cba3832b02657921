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

static inline bool test_page_bit(const struct page *page, int bit)
{
	return page->flags & (1UL << bit);
}

static inline void set_page_bit(struct page *page, int bit)
{
	page->flags |= 1UL << bit;
}

static inline void clear_page_bit(struct page *page, int bit)
{
	page->flags &= ~(1UL << bit);
}

#define PAGEFLAG(name, bit)                                                  \
	static inline bool Page##name(const struct page *p)                  \
	{                                                                    \
		return test_page_bit(p, PG_##bit);                           \
	}                                                                    \
	static inline void SetPage##name(struct page *p)                     \
	{                                                                    \
		set_page_bit(p, PG_##bit);                                   \
	}                                                                    \
	static inline void ClearPage##name(struct page *p)                   \
	{                                                                    \
		clear_page_bit(p, PG_##bit);                                 \
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
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Reclaim, reclaim)

/* PG_swapcache shares PG_owner_priv_1's bit (swap-backed pages only). */
static inline bool PageSwapCache(const struct page *p)
{
	return PageSwapBacked(p) && test_page_bit(p, PG_owner_priv_1);
}

static inline void SetPageSwapCache(struct page *p)
{
	set_page_bit(p, PG_owner_priv_1);
}

static inline void ClearPageSwapCache(struct page *p)
{
	clear_page_bit(p, PG_owner_priv_1);
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
#define PAGE_FLAGS_CHECK_AT_PREP ((1UL << __NR_PAGEFLAGS) - 1)

#endif /* _MMSIM_LINUX_PAGE_FLAGS_H */
