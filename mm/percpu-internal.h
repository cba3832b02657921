/* SPDX-License-Identifier: MIT */
/*
 * mm/percpu-internal.h — what the per-CPU allocator's files share: the
 * chunk and its metadata blocks, the kernel's names for the allocator's
 * globals, and the chunk-backing interface.
 *
 * Kernel counterpart: mm/percpu-internal.h (Linux 6.1), plus the
 * declarations mm/percpu.c makes for the file it pulls in (percpu-vm.c or
 * percpu-km.c).  Here the backing is a separate file behind the functions
 * declared at the end; see mm/percpu-vm.c for which one and why.
 *
 * Glossary (all "bits" are PCPU_MIN_ALLOC_SIZE = 4-byte granules):
 *   unit     one CPU's copy of a chunk, unit_size bytes
 *   chunk    the same offsets in every unit; allocation is by offset
 *   block    one page of a unit's offsets = PCPU_BITMAP_BLOCK_BITS bits;
 *            md_blocks[i] describes the free space of page i
 *   hint     contig_hint: the largest known free run (start, length);
 *            scan_hint: a free run before it the scanner may skip over
 *
 * Layout of one chunk's bookkeeping (nr_pages = 3 shown):
 *
 *   alloc_map   |0 0 1 1 1 0 0 ...|... 1024 bits/page ...|            |
 *   bound_map   |0 0 1 0 0 1 0 ...|                      |          |1|
 *                    ^ start of an allocation ^ its end (one extra bit)
 *   md_blocks   [ page 0 md ][ page 1 md ][ page 2 md ]   chunk_md covers all
 *   populated   bit per page: backed by memory in every unit
 *
 * Invariants (checked by pcpu_validate()):
 *   free_bytes == (zero bits of alloc_map) * 4 (hidden ends count as used)
 *   an allocation [s, e): bound bit s set, bits s+1..e-1 clear, bit e set
 *   contig_hint <= the real largest free run of its block/chunk, and
 *   equal to it for a block; scan_hint_start < contig_hint_start unless
 *   scan_hint == contig_hint
 *   nr_empty_pop_pages == pages populated and wholly free
 */
#ifndef _MMSIM_MM_PERCPU_INTERNAL_H
#define _MMSIM_MM_PERCPU_INTERNAL_H

#include "linux/types.h"
#include "linux/bitmap.h"
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/percpu.h"
#include "linux/spinlock.h"
#include "mmsim/machine.h"

/* The free space of one block (or, as chunk_md, of a whole chunk), in bits. */
struct pcpu_block_md {
	int scan_hint;         /* a free run before contig_hint, or 0 */
	int scan_hint_start;   /* its start, block relative */
	int contig_hint;       /* the largest free run known */
	int contig_hint_start; /* its start, block relative */
	int left_free;         /* free bits at the start of the block */
	int right_free;        /* free bits at the end of the block */
	int first_free;        /* the first free bit */
	int nr_bits;           /* bits described */
};

/*
 * One chunk.  The fields are the 6.1 kernel's, in its order, so that the
 * struct has its size (sizeof.pcpu_chunk in the profile, 136 bytes with
 * MEMCG_KMEM): the boot allocates it from memblock with that size.
 */
struct pcpu_chunk {
	struct list_head list;        /* on pcpu_chunk_lists[slot] */
	int free_bytes;               /* free bytes in the chunk */
	struct pcpu_block_md chunk_md;
	void *base_addr;              /* unit 0's offset 0 */
	unsigned long *alloc_map;     /* bit per granule: allocated */
	unsigned long *bound_map;     /* bit per granule + 1: area starts/ends */
	struct pcpu_block_md *md_blocks;
	void *data;                   /* percpu-vm.c: its vm_struct *[groups] */
	bool immutable;               /* no [de]population (the first chunk) */
	bool isolated;                /* off the active slots, to depopulate */
	int start_offset;             /* hidden bytes before the region */
	int end_offset;               /* hidden bytes after it */
	void *obj_cgroups;            /* MEMCG_KMEM: owner per map bit (unused) */
	int nr_pages;                 /* pages of a unit this chunk serves */
	int nr_populated;             /* populated pages */
	int nr_empty_pop_pages;       /* populated pages with nothing in them */
	unsigned long populated[];    /* bit per page */
};

/* The kernel's globals of mm/percpu.c, on the current machine. */
#define pcpu_unit_pages (current_machine->pcpu.unit_pages)
#define pcpu_unit_size (current_machine->pcpu.unit_size)
#define pcpu_nr_units (current_machine->pcpu.nr_units)
#define pcpu_atom_size (current_machine->pcpu.atom_size)
#define pcpu_nr_slots (current_machine->pcpu.nr_slots)
#define pcpu_free_slot (current_machine->pcpu.free_slot)
#define pcpu_sidelined_slot (current_machine->pcpu.sidelined_slot)
#define pcpu_to_depopulate_slot (current_machine->pcpu.to_depopulate_slot)
#define pcpu_chunk_struct_size (current_machine->pcpu.chunk_struct_size)
#define pcpu_low_unit_cpu (current_machine->pcpu.low_unit_cpu)
#define pcpu_high_unit_cpu (current_machine->pcpu.high_unit_cpu)
#define pcpu_unit_map (current_machine->pcpu.unit_map)
#define pcpu_nr_groups (current_machine->pcpu.nr_groups)
#define pcpu_group_offsets (current_machine->pcpu.group_offsets)
#define pcpu_group_sizes (current_machine->pcpu.group_sizes)
#define pcpu_first_chunk (current_machine->pcpu.first_chunk)
#define pcpu_reserved_chunk (current_machine->pcpu.reserved_chunk)
#define pcpu_chunk_lists (current_machine->pcpu.chunk_lists)
#define pcpu_nr_empty_pop_pages (current_machine->pcpu.nr_empty_pop_pages)
#define pcpu_nr_populated (current_machine->pcpu.nr_populated)
#define pcpu_lock (current_machine->pcpu.lock)
#define pcpu_alloc_mutex (current_machine->pcpu.alloc_mutex)

/* Slots: by the size of the largest free run; 1-31 bytes share slot 1. */
#define PCPU_SLOT_BASE_SHIFT 5
/* chunks in slots below this are sidelined (slot 0) when an alloc fails */
#define PCPU_SLOT_FAIL_THRESHOLD 3
/* the balance work keeps this many empty populated pages for atomic allocs */
#define PCPU_EMPTY_POP_PAGES_LOW 2
#define PCPU_EMPTY_POP_PAGES_HIGH 4

static inline int pcpu_chunk_nr_blocks(const struct pcpu_chunk *chunk)
{
	return chunk->nr_pages * (int)PAGE_SIZE / (int)PCPU_BITMAP_BLOCK_SIZE;
}

static inline int pcpu_nr_pages_to_map_bits(int pages)
{
	return pages * (int)PAGE_SIZE / PCPU_MIN_ALLOC_SIZE;
}

static inline int pcpu_chunk_map_bits(const struct pcpu_chunk *chunk)
{
	return pcpu_nr_pages_to_map_bits(chunk->nr_pages);
}

/* Bytes of a chunk struct whose populated[] covers @nr_pages (image size). */
size_t pcpu_chunk_alloc_size(int nr_pages);

/* Unit @cpu's page @page_idx in the pages arrays of a chunk. */
static inline int pcpu_page_idx(unsigned int cpu, int page_idx)
{
	return pcpu_unit_map[cpu] * pcpu_unit_pages + page_idx;
}

static inline unsigned long pcpu_unit_page_offset(unsigned int cpu,
						  int page_idx)
{
	return pcpu_unit_offsets[cpu] + ((unsigned long)page_idx << PAGE_SHIFT);
}

static inline unsigned long pcpu_chunk_addr(const struct pcpu_chunk *chunk,
					    unsigned int cpu, int page_idx)
{
	return (unsigned long)chunk->base_addr +
	       pcpu_unit_page_offset(cpu, page_idx);
}

#ifndef offset_in_page
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
#endif

/*
 * Count @nr more (or fewer) empty populated pages in @chunk, and in the
 * global count unless the chunk is the reserved one or isolated.
 */
static inline void pcpu_update_empty_pages(struct pcpu_chunk *chunk, int nr)
{
	chunk->nr_empty_pop_pages += nr;
	/* stored atomically: pcpu_alloc() peeks at it after dropping pcpu_lock */
	if (chunk != pcpu_reserved_chunk && !chunk->isolated)
		__atomic_store_n(&pcpu_nr_empty_pop_pages, pcpu_nr_empty_pop_pages + nr,
				 __ATOMIC_RELAXED);
}

/* -- chunk slots (mm/percpu.c) -------------------------------------------- */

int __pcpu_size_to_slot(int size);
int pcpu_chunk_slot(const struct pcpu_chunk *chunk);
void pcpu_chunk_relocate(struct pcpu_chunk *chunk, int oslot);

/* -- the allocation map (mm/percpu-map.c) --------------------------------- */

void pcpu_init_md_blocks(struct pcpu_chunk *chunk);
void pcpu_block_update_hint_alloc(struct pcpu_chunk *chunk, int bit_off,
				  int bits);
/* Where to scan for an area, or -1. */
int pcpu_find_block_fit(struct pcpu_chunk *chunk, int alloc_bits, size_t align,
			bool pop_only);
/* The byte offset of a new area, or -1. */
int pcpu_alloc_area(struct pcpu_chunk *chunk, int alloc_bits, size_t align,
		    int start);
/* Bytes freed. */
int pcpu_free_area(struct pcpu_chunk *chunk, int off);

/* -- the first chunk (mm/percpu-setup.c) ---------------------------------- */

/* The first chunk's size must be the profile's; 0 or -EINVAL. */
int pcpu_check_chunk_struct(void);

/* -- chunk life, for the backing (mm/percpu.c) ---------------------------- */

/*
 * Zeroed memory for chunk metadata: kzalloc up to a page, vmalloc (as
 * @caller) above; NULL if none.  pcpu_mem_free() takes either.
 */
void *pcpu_mem_zalloc(size_t size, gfp_t gfp, const char *caller);
void pcpu_mem_free(void *ptr);
struct pcpu_chunk *pcpu_alloc_chunk(gfp_t gfp);
void pcpu_free_chunk(struct pcpu_chunk *chunk);
void pcpu_chunk_populated(struct pcpu_chunk *chunk, int page_start,
			  int page_end);
void pcpu_chunk_depopulated(struct pcpu_chunk *chunk, int page_start,
			    int page_end);

static inline void pcpu_set_page_chunk(struct page *page,
				       struct pcpu_chunk *pcpu)
{
	page->index = (unsigned long)pcpu;
}

static inline struct pcpu_chunk *pcpu_get_page_chunk(struct page *page)
{
	return (struct pcpu_chunk *)page->index;
}

/* -- the chunk backing (mm/percpu-vm.c) ----------------------------------- */

/* Back pages [page_start, page_end) of every unit; 0 or -ENOMEM. */
int pcpu_populate_chunk(struct pcpu_chunk *chunk, int page_start,
			int page_end, gfp_t gfp);
void pcpu_depopulate_chunk(struct pcpu_chunk *chunk, int page_start,
			   int page_end);
void pcpu_post_unmap_tlb_flush(struct pcpu_chunk *chunk, int page_start,
			       int page_end);
/* Map @nr_pages of @pages at host address @addr of vmalloc space; 0 or -errno. */
int __pcpu_map_pages(unsigned long addr, struct page **pages, int nr_pages);
/* A new chunk with its address range and nothing populated, or NULL. */
struct pcpu_chunk *pcpu_create_chunk(gfp_t gfp);
/* Free a chunk that is fully depopulated. */
void pcpu_destroy_chunk(struct pcpu_chunk *chunk);
/* The page behind a CPU's address in a chunk made after boot, or NULL. */
struct page *pcpu_addr_to_page(void *addr);
int pcpu_verify_alloc_info(const struct pcpu_alloc_info *ai);
bool pcpu_should_reclaim_chunk(struct pcpu_chunk *chunk);
/* Pages behind @chunk match its populated bitmap; 0 or -EINVAL. */
int pcpu_backing_validate(struct pcpu_chunk *chunk);

#endif /* _MMSIM_MM_PERCPU_INTERNAL_H */
