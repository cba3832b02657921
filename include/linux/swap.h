/* SPDX-License-Identifier: MIT */
/*
 * include/linux/swap.h — swap areas, swap entries and the swap cache.
 *
 * Kernel counterpart: include/linux/swap.h and include/linux/swap_slots.h
 * (Linux 6.1).  Implemented in mm/swapfile.c (areas, the swap map, slot
 * allocation, counts), mm/swap_slots.c (the per-CPU slot caches),
 * mm/swap_state.c (the swap cache, readahead) and mm/page_io.c (I/O).
 *
 * Glossary:
 *   swap area     one swapon'ed device; swap_info[type] describes it.
 *   slot/offset   one page-sized place in the area; slot 0 holds the
 *                 header written by mkswap, so it is never handed out.
 *   swap entry    swp_entry_t: (type, offset) packed in a long as the
 *                 generic code of 6.1 packs it (type in the top bits
 *                 below the xarray's value bit); a PTE holds it in the
 *                 architecture's own layout (include/linux/swapops.h).
 *   swap map      one byte per slot: how many swap PTEs (and shmem
 *                 entries) refer to it, plus SWAP_HAS_CACHE while a page
 *                 of the swap cache stands for it.  0 = free.
 *   swap cache    the pages that stand for slots, found by entry: one
 *                 address space per 64 MiB of an area (SWAP_ADDRESS_SPACE
 *                 _PAGES slots), page->private = the entry, PG_swapcache.
 *
 * Invariants (checked by mmsim_validate_swap(), mm/swapfile.c):
 *   swap_count(map[off]) = swap PTEs holding (type, off) + shmem entries;
 *   map[off] & SWAP_HAS_CACHE  <=>  a swap-cache page stands for off;
 *   inuse_pages = slots with map != 0 (the header and bad slots excluded)
 *   nr_swap_pages = sum over writable areas of (pages - inuse_pages)
 *                   minus the slots in per-CPU caches not yet taken.
 */
#ifndef _MMSIM_LINUX_SWAP_H
#define _MMSIM_LINUX_SWAP_H

#include "linux/types.h"
#include "linux/kernel.h"
#include "linux/list.h"
#include "linux/pgtable.h"
#include "linux/spinlock.h"
#include "linux/mutex.h"

struct page;
struct folio;
struct vm_area_struct;
struct vm_fault;
struct address_space;
struct writeback_control;
struct machine;

typedef struct {
	unsigned long val;
} swp_entry_t;

/*
 * Five type bits.  The types at the top are special entries, not swap
 * areas; how many depends on the .config.  Debian's 6.1 amd64 config has
 * migration (3 types: read, read-exclusive, write), memory failure (1),
 * PTE markers (1), no device-private memory (0), and 6.1 always reserves
 * one type for swap-in errors: 32 - 6 = 26 types name swap areas.  The
 * special types are numbered upwards from MAX_SWAPFILES in 6.1's order:
 * hwpoison, migration, (device), PTE marker, swap-in error.
 */
#define MAX_SWAPFILES_SHIFT 5
#define SWP_HWPOISON_NUM 1
#define SWP_MIGRATION_NUM 3
#define SWP_DEVICE_NUM 0
#define SWP_PTE_MARKER_NUM 1
#define SWP_SWAPIN_ERROR_NUM 1
#define MAX_SWAPFILES                                                         \
	((1 << MAX_SWAPFILES_SHIFT) - SWP_DEVICE_NUM - SWP_MIGRATION_NUM -    \
	 SWP_HWPOISON_NUM - SWP_PTE_MARKER_NUM - SWP_SWAPIN_ERROR_NUM)
#define SWP_HWPOISON MAX_SWAPFILES
#define SWP_MIGRATION_READ (MAX_SWAPFILES + SWP_HWPOISON_NUM)
#define SWP_MIGRATION_READ_EXCLUSIVE (MAX_SWAPFILES + SWP_HWPOISON_NUM + 1)
#define SWP_MIGRATION_WRITE (MAX_SWAPFILES + SWP_HWPOISON_NUM + 2)
#define SWP_PTE_MARKER                                                        \
	(MAX_SWAPFILES + SWP_HWPOISON_NUM + SWP_MIGRATION_NUM + SWP_DEVICE_NUM)
#define SWP_SWAPIN_ERROR (SWP_PTE_MARKER + SWP_PTE_MARKER_NUM)
#define SWP_TYPE_SHIFT (BITS_PER_LONG - 1 - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK ((1UL << SWP_TYPE_SHIFT) - 1)

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	swp_entry_t e = { (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK) };

	return e;
}

static inline unsigned int swp_type(swp_entry_t e)
{
	return (unsigned int)(e.val >> SWP_TYPE_SHIFT);
}

static inline unsigned long swp_offset(swp_entry_t e)
{
	return e.val & SWP_OFFSET_MASK;
}

/* ---- the on-disk header mkswap writes (page 0 of the area) -------------- */

#define SWAP_MAGIC "SWAPSPACE2"
#define SWAP_MAGIC_LEN 10
/*
 * The first 1 KiB is left for boot blocks; the info block follows; the
 * magic is the last ten bytes of the page.
 */
struct swap_header_info {
	u32 version;       /* 1 */
	u32 last_page;     /* the last usable slot */
	u32 nr_badpages;
	u8 sws_uuid[16];
	u8 sws_volume[16];
	u32 padding[117];
	u32 badpages[1];
};
#define SWAP_HEADER_INFO_OFFSET 1024

/* ---- the swap map ---------------------------------------------------------- */

#define SWAP_HAS_CACHE 0x40   /* a swap-cache page stands for the slot */
#define COUNT_CONTINUED 0x80  /* counts above SWAP_MAP_MAX continue elsewhere */
#define SWAP_MAP_MAX 0x3e     /* highest count the byte holds by itself */
#define SWAP_MAP_BAD 0x3f     /* the header or a bad block */
#define SWAP_MAP_SHMEM 0xbf   /* a shmem/tmpfs entry (swap_shmem_alloc) */

#define SWAPFILE_CLUSTER 256  /* slots allocated in a row before re-seeking */
#define SWAP_BATCH 64         /* slots get_swap_pages hands out at most */
#define LATENCY_LIMIT 256     /* slots scanned before taking a break */

/* swap_info_struct.flags */
enum {
	SWP_USED = (1 << 0),
	SWP_WRITEOK = (1 << 1),
	SWP_DISCARDABLE = (1 << 2),
	SWP_DISCARDING = (1 << 3),
	SWP_SOLIDSTATE = (1 << 4),
	SWP_CONTINUED = (1 << 5),
	SWP_BLKDEV = (1 << 6),
	SWP_ACTIVATED = (1 << 7),
	SWP_FS_OPS = (1 << 8),
	SWP_AREA_DISCARD = (1 << 9),
	SWP_PAGE_DISCARD = (1 << 10),
	SWP_STABLE_WRITES = (1 << 11),
	SWP_SYNCHRONOUS_IO = (1 << 12),
	SWP_SCANNING = (1 << 14),
};

struct swap_device;     /* host/swapdev.c: the simulated disk */

/*
 * One swap area (6.1's swap_info_struct, the fields mmsim uses).  A
 * rotational device (QEMU's virtio disk reports no SSD) has no cluster
 * array: slots are handed out by the sequential scan with cluster_next /
 * cluster_nr, and readahead is by cluster, not by VMA.
 */
struct swap_info_struct {
	/*
	 * si->lock: the map bytes' changes, the scan positions (lowest_bit,
	 * highest_bit, cluster_next, cluster_nr), inuse_pages and flags.  A
	 * rotational area has no cluster array, so 6.1's
	 * lock_cluster_or_swap_info() takes this lock for a slot's count too.
	 */
	spinlock_t lock;
	unsigned long flags;          /* SWP_* */
	signed short prio;            /* swapon's priority (-2 for the first) */
	signed char type;             /* index in swap_info[] */
	unsigned int max;             /* slots incl. the header: last_page + 1 */
	unsigned char *swap_map;      /* a byte per slot (see above) */
	unsigned int lowest_bit;      /* lowest slot that may be free */
	unsigned int highest_bit;     /* highest slot that may be free */
	unsigned int pages;           /* usable slots (max - 1 - bad) */
	unsigned int inuse_pages;     /* slots with a non-zero map byte */
	unsigned int cluster_next;    /* where the sequential scan goes on */
	unsigned int cluster_nr;      /* slots left in the current run */
	struct list_head list;        /* swap_active_head, by priority */
	struct list_head avail_list;  /* swap_avail_head while it has room */
	char name[32];                /* /proc/swaps' Filename: the device */
	struct swap_device *bdev;     /* mmsim: where the bytes go */
};

/*
 * The per-CPU slot caches (mm/swap_slots.c): up to SWAP_SLOTS_CACHE_SIZE
 * slots taken from the areas in one go, handed out one per swapped page;
 * freed slots are batched back the same way.
 */
#define SWAP_SLOTS_CACHE_SIZE SWAP_BATCH
#define THRESHOLD_ACTIVATE_SWAP_SLOTS_CACHE (5 * SWAP_SLOTS_CACHE_SIZE)
#define THRESHOLD_DEACTIVATE_SWAP_SLOTS_CACHE (2 * SWAP_SLOTS_CACHE_SIZE)

struct swap_slots_cache {
	bool lock_initialized;
	struct mutex alloc_lock;      /* slots, nr, cur */
	swp_entry_t *slots;           /* allocation side */
	int nr;
	int cur;
	spinlock_t free_lock;         /* slots_ret, n_ret */
	swp_entry_t *slots_ret;       /* free side */
	int n_ret;
};

/* The swap cache: one address space per 2^14 slots (64 MiB). */
#define SWAP_ADDRESS_SPACE_SHIFT 14
#define SWAP_ADDRESS_SPACE_PAGES (1UL << SWAP_ADDRESS_SPACE_SHIFT)

/* ---- mm/swapfile.c ----------------------------------------------------------- */

/*
 * swapon of the simulated disk @name of @size bytes (mmsim's stand-in for
 * the recipe's `mkswap DEV; swapon DEV`): the header written as mkswap
 * writes it, then read back and enabled as sys_swapon does, priority
 * from least_priority.  0 or -errno (-EINVAL: too small for a header
 * and one slot; -EPERM: every type in use).
 */
int mmsim_swapon(const char *name, u64 size);
/* swapoff of every area is not simulated: areas live as long as the machine. */

long get_nr_swap_pages(void);
bool vm_swap_full(void);
int get_swap_pages(int n_goal, swp_entry_t swp_entries[], int entry_size);
void swapcache_free_entries(swp_entry_t *entries, int n);
int swap_duplicate(swp_entry_t entry);
int swapcache_prepare(swp_entry_t entry);
void swap_free(swp_entry_t entry);
int free_swap_and_cache(swp_entry_t entry);
int __swap_count(swp_entry_t entry);
int swp_swapcount(swp_entry_t entry);
struct swap_info_struct *swp_swap_info(swp_entry_t entry);
int swap_shmem_alloc(swp_entry_t entry);
void si_swapinfo_pages(unsigned long *totalswap, unsigned long *freeswap);
/* /proc/swaps (swap_show); the text in a host buffer. */
int proc_swaps_render(char **text);
/* Validators: the swap maps against every swap PTE and the swap cache. */
int mmsim_validate_swap(char *msg, size_t msglen);
/* Give back every area (the machine is going away). */
void mmsim_swap_state_free(struct machine *m);
/* The swap state made at boot (a subsys initcall). */
void swapfile_init(void);

/* ---- mm/swap_slots.c ------------------------------------------------------------ */

swp_entry_t folio_alloc_swap(struct folio *folio);
void free_swap_slot(swp_entry_t entry);
void enable_swap_slots_cache(void);

/* ---- mm/swap_state.c --------------------------------------------------------------- */

struct address_space *swap_address_space(swp_entry_t entry);
bool add_to_swap(struct folio *folio);
int add_to_swap_cache(struct folio *folio, swp_entry_t entry, gfp_t gfp,
		      void **shadowp);
void __delete_from_swap_cache(struct folio *folio, swp_entry_t entry,
			      void *shadow);
void delete_from_swap_cache(struct folio *folio);
void put_swap_folio(struct folio *folio, swp_entry_t entry);
bool folio_free_swap(struct folio *folio);
void *get_shadow_from_swap_cache(swp_entry_t entry);
void clear_shadow_from_swap_cache(int type, unsigned long begin, unsigned long end);
struct page *lookup_swap_cache(swp_entry_t entry, struct vm_area_struct *vma,
			       unsigned long addr);
struct folio *swap_cache_get_folio(swp_entry_t entry, struct vm_area_struct *vma,
				   unsigned long addr);
struct folio *swap_cache_get_folio_ref(swp_entry_t entry);
struct page *read_swap_cache_async(swp_entry_t entry, gfp_t gfp,
				   struct vm_area_struct *vma,
				   unsigned long addr, bool *new_page_allocated);
struct page *swapin_readahead(swp_entry_t entry, gfp_t gfp,
			      struct vm_fault *vmf);
unsigned long total_swapcache_pages(void);

/* ---- mm/page_io.c -------------------------------------------------------------------- */

int swap_writepage(struct page *page, struct writeback_control *wbc);
int swap_readpage(struct page *page, bool synchronous);
/*
 * Complete every swap write in flight (end_swap_bio_write for each), as
 * if the simulated disk had caught up: for tests.
 */
void mmsim_swap_io_complete(void);
/* Complete the writes the disk has finished by sim_now(). */
void swap_io_complete_due(void);
struct timer_list;
void swap_io_timer_fn(struct timer_list *t);

/* ---- mm/shmem.c ---------------------------------------------------------------------- */

int shmem_writepage(struct page *page, struct writeback_control *wbc);
unsigned long shmem_partial_swap_usage(struct address_space *mapping,
				       unsigned long start, unsigned long end);

/* ---- mm/rmap.c ------------------------------------------------------------------------ */

/*
 * The swap part of try_to_unmap_one: the PTE @pte of @vma, just cleared
 * from @pteval, becomes the swap entry of the anonymous swap-cache @folio
 * (one more reference to the slot, exclusive if the page was, counted
 * in MM_SWAPENTS).  false, with the PTE restored, when the slot cannot
 * take another reference.  The caller drops the mapping as for any page
 * (MM_ANONPAGES, page_remove_rmap, the reference).  do_swap_page
 * (mm/memory_user.c) is the way back.
 */
struct vm_area_struct;
bool try_to_unmap_swap(struct folio *folio, struct vm_area_struct *vma,
		       unsigned long addr, pte_t *pte, pte_t pteval);

#endif /* _MMSIM_LINUX_SWAP_H */
