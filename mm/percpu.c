// SPDX-License-Identifier: MIT
/*
 * mm/percpu.c — the per-CPU allocator: areas that exist once per CPU.
 *
 * Kernel counterpart: mm/percpu.c (Linux 6.1), the part that runs after
 * boot: pcpu_alloc, free_percpu, the chunk slots, the balance work,
 * pcpu_nr_pages.  Its siblings: mm/percpu-setup.c (the first chunk, at
 * boot), mm/percpu-map.c (one chunk's maps and hints), mm/percpu-vm.c
 * (memory behind the chunks made later), mm/percpu-validate.c (checker).
 *
 * Memory comes in chunks; a chunk has one unit per possible CPU, and an
 * allocation takes the same offset in every unit:
 *
 *   chunk 0 (first)          chunk 1                  chunk 2
 *   +----+----+----+----+    +----+----+----+----+    +----+----+---
 *   | u0 | u1 | u2 | u3 |    | u0 | u1 | u2 | u3 |    | u0 | u1 | u2
 *   +----+----+----+----+    +----+----+----+----+    +----+----+---
 *     ^ cpu0's copy            area at offset 6K of chunk 1 = 6K into
 *                              c1:u0, c1:u1, c1:u2 and c1:u3
 *
 *   first chunk, each unit:  | static | reserved | dynamic | (unused) |
 *
 * The static part holds the image's DEFINE_PER_CPU variables and is never
 * allocated from; the reserved part is its own chunk (pcpu_reserved_chunk)
 * for modules; the dynamic part is pcpu_first_chunk.  Chunks made later
 * (mm/percpu-vm.c) are populated page by page, in every unit at once,
 * when an allocation first touches a page.
 *
 * Chunks sit in slots by the size of their largest free run
 * (slot = fls(bytes) - 3, at least 1); after the active slots come the
 * sidelined slot (depopulated chunks kept out of the way), the free slot
 * (entirely free chunks) and the to-depopulate slot.  An allocation
 * searches from the smallest slot that could hold it upward, so the
 * fullest chunks are used first; when nothing fits it makes a chunk.
 *
 * Locks: pcpu_alloc_mutex (chunk creation, population, balance work), then
 * pcpu_lock (maps, hints, slots, counters).  The kernel's mutex is a
 * spinlock here: simulated CPUs never sleep.  Atomic allocations take
 * pcpu_lock only and use populated pages only.
 *
 * The balance work (keep PCPU_EMPTY_POP_PAGES_LOW..HIGH empty populated
 * pages for atomic allocations, free surplus empty chunks, depopulate
 * sparse ones) is a kworker in the kernel; mmsim has none, so a scheduled
 * run happens when the allocation or free that scheduled it returns, once
 * percpu_enable_async() has been called (the kernel's subsys_initcall).
 *
 * Counting: pcpu_nr_populated counts populated pages per unit (the first
 * chunk's static, reserved and dynamic pages included); meminfo's Percpu
 * is that times the number of units (pcpu_nr_pages()).
 */
#define pr_fmt(fmt) "percpu: " fmt

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/cpumask.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "mm/percpu-internal.h"
#include "mmsim/machine.h"

#include <string.h>

_Static_assert(MMSIM_PCPU_MAX_CPUS == MMSIM_MAX_CPUS,
	       "pcpu_state's per_cpu_offset[] must cover every CPU");

/* The per-CPU pointer of a unit-0 address, and back (__per_cpu_start = 0). */
static void __percpu *__addr_to_pcpu_ptr(void *addr)
{
	return (void __percpu *)((unsigned long)addr -
				 (unsigned long)pcpu_base_addr);
}

static void *__pcpu_ptr_to_addr(void __percpu *ptr)
{
	return (void *)((unsigned long)ptr + (unsigned long)pcpu_base_addr);
}

/* Is unit-0 address @addr inside the region @chunk serves? */
static bool pcpu_addr_in_chunk(const struct pcpu_chunk *chunk, void *addr)
{
	unsigned long start, end;

	if (!chunk)
		return false;
	start = (unsigned long)chunk->base_addr + (unsigned long)chunk->start_offset;
	end = (unsigned long)chunk->base_addr +
	      (unsigned long)chunk->nr_pages * PAGE_SIZE -
	      (unsigned long)chunk->end_offset;
	return (unsigned long)addr >= start && (unsigned long)addr < end;
}

/* -- slots --------------------------------------------------------------- */

int __pcpu_size_to_slot(int size)
{
	int highbit = fls((unsigned int)size);

	return max(highbit - PCPU_SLOT_BASE_SHIFT + 2, 1);
}

static int pcpu_size_to_slot(int size)
{
	if (size == pcpu_unit_size)
		return pcpu_free_slot;
	return __pcpu_size_to_slot(size);
}

/* The slot @chunk belongs in: by its contig hint, 0 when it is full. */
int pcpu_chunk_slot(const struct pcpu_chunk *chunk)
{
	const struct pcpu_block_md *chunk_md = &chunk->chunk_md;

	if (chunk->free_bytes < PCPU_MIN_ALLOC_SIZE || chunk_md->contig_hint == 0)
		return 0;
	return pcpu_size_to_slot(chunk_md->contig_hint * PCPU_MIN_ALLOC_SIZE);
}

static void __pcpu_chunk_move(struct pcpu_chunk *chunk, int slot,
			      bool move_front)
{
	if (chunk == pcpu_reserved_chunk)
		return;	/* never on a slot */
	if (move_front)
		list_move(&chunk->list, &pcpu_chunk_lists[slot]);
	else
		list_move_tail(&chunk->list, &pcpu_chunk_lists[slot]);
}

static void pcpu_chunk_move(struct pcpu_chunk *chunk, int slot)
{
	__pcpu_chunk_move(chunk, slot, true);
}

/*
 * Put @chunk, which was in @oslot (-1: none), in the slot its free space
 * now calls for: at the front when it moved up, at the back when down.
 * Isolated chunks stay where they are.
 */
void pcpu_chunk_relocate(struct pcpu_chunk *chunk, int oslot)
{
	int nslot = pcpu_chunk_slot(chunk);

	if (chunk->isolated)
		return;
	if (oslot != nslot)
		__pcpu_chunk_move(chunk, nslot, oslot < nslot);
}

/* Take @chunk off the active slots, to have its empty pages freed. */
static void pcpu_isolate_chunk(struct pcpu_chunk *chunk)
{
	lockdep_assert_held(&pcpu_lock);
	if (!chunk->isolated) {
		chunk->isolated = true;
		pcpu_nr_empty_pop_pages -= chunk->nr_empty_pop_pages;
	}
	list_move(&chunk->list, &pcpu_chunk_lists[pcpu_to_depopulate_slot]);
}

static void pcpu_reintegrate_chunk(struct pcpu_chunk *chunk)
{
	lockdep_assert_held(&pcpu_lock);
	if (chunk->isolated) {
		chunk->isolated = false;
		pcpu_nr_empty_pop_pages += chunk->nr_empty_pop_pages;
		pcpu_chunk_relocate(chunk, -1);
	}
}

/* -- chunk life ---------------------------------------------------------- */

/*
 * Metadata memory for chunks made after boot: kzalloc() up to a page,
 * zeroed vmalloc above.  The kernel inlines this into its callers, so a
 * vmalloc'ed piece is recorded as theirs: @caller.
 */
void *pcpu_mem_zalloc(size_t size, gfp_t gfp, const char *caller)
{
	if (WARN_ON_ONCE(!slab_is_available()))
		return NULL;
	if (size <= PAGE_SIZE)
		return kzalloc(size, gfp);
	return __vmalloc_caller(size, gfp | __GFP_ZERO, caller);
}

/* kvfree(): either kind. */
void pcpu_mem_free(void *ptr)
{
	if (is_vmalloc_addr(ptr))
		vfree(ptr);
	else
		kfree(ptr);
}

static size_t pcpu_map_bytes(int nr_pages, int extra_bits)
{
	return BITS_TO_LONGS((unsigned long)(pcpu_nr_pages_to_map_bits(nr_pages) +
					     extra_bits)) *
	       sizeof(unsigned long);
}

static size_t pcpu_md_bytes(int nr_pages)
{
	return (size_t)nr_pages * sizeof(struct pcpu_block_md);
}

/*
 * memcg's per-object owner vector, one pointer per map bit: kept by
 * CONFIG_MEMCG_KMEM kernels unless booted with cgroup.memory=nokmem
 * (which mmsim does not parse: kmem accounting is on, as by default).
 * Nothing is charged in mmsim; the vector exists for its memory.
 */
static size_t pcpu_obj_cgroups_bytes(const struct pcpu_chunk *chunk)
{
	if (!IS_ENABLED(CONFIG_MEMCG_KMEM))
		return 0;
	return (size_t)pcpu_chunk_map_bits(chunk) * sizeof(void *);
}

/*
 * A chunk struct with empty maps for a whole unit; nothing populated.
 * pcpu_alloc_chunk() is inlined into pcpu_create_chunk(), whose name the
 * vmalloc'ed maps carry.
 */
struct pcpu_chunk *pcpu_alloc_chunk(gfp_t gfp)
{
	const char *caller = "pcpu_create_chunk";
	struct pcpu_chunk *chunk;

	chunk = pcpu_mem_zalloc(pcpu_chunk_struct_size, gfp, caller);
	if (!chunk)
		return NULL;
	INIT_LIST_HEAD(&chunk->list);
	chunk->nr_pages = pcpu_unit_pages;

	chunk->alloc_map = pcpu_mem_zalloc(pcpu_map_bytes(chunk->nr_pages, 0),
					   gfp, caller);
	if (!chunk->alloc_map)
		goto out_free_chunk;
	chunk->bound_map = pcpu_mem_zalloc(pcpu_map_bytes(chunk->nr_pages, 1),
					   gfp, caller);
	if (!chunk->bound_map)
		goto out_free_alloc_map;
	chunk->md_blocks = pcpu_mem_zalloc(pcpu_md_bytes(chunk->nr_pages), gfp,
					   caller);
	if (!chunk->md_blocks)
		goto out_free_bound_map;
	if (pcpu_obj_cgroups_bytes(chunk)) {
		chunk->obj_cgroups = pcpu_mem_zalloc(pcpu_obj_cgroups_bytes(chunk),
						     gfp, caller);
		if (!chunk->obj_cgroups)
			goto out_free_md_blocks;
	}

	pcpu_init_md_blocks(chunk);
	chunk->free_bytes = chunk->nr_pages * (int)PAGE_SIZE;
	return chunk;

out_free_md_blocks:
	pcpu_mem_free(chunk->md_blocks);
out_free_bound_map:
	pcpu_mem_free(chunk->bound_map);
out_free_alloc_map:
	pcpu_mem_free(chunk->alloc_map);
out_free_chunk:
	pcpu_mem_free(chunk);
	return NULL;
}

void pcpu_free_chunk(struct pcpu_chunk *chunk)
{
	if (!chunk)
		return;
	pcpu_mem_free(chunk->obj_cgroups);
	pcpu_mem_free(chunk->md_blocks);
	pcpu_mem_free(chunk->bound_map);
	pcpu_mem_free(chunk->alloc_map);
	pcpu_mem_free(chunk);
}

/* Pages [page_start, page_end) of @chunk were just backed in every unit. */
void pcpu_chunk_populated(struct pcpu_chunk *chunk, int page_start,
			  int page_end)
{
	int nr = page_end - page_start;

	lockdep_assert_held(&pcpu_lock);
	bitmap_set(chunk->populated, (unsigned long)page_start,
		   (unsigned long)nr);
	chunk->nr_populated += nr;
	pcpu_nr_populated += (unsigned long)nr;
	pcpu_update_empty_pages(chunk, nr);
}

/* Pages [page_start, page_end) of @chunk were just given back. */
void pcpu_chunk_depopulated(struct pcpu_chunk *chunk, int page_start,
			    int page_end)
{
	int nr = page_end - page_start;

	lockdep_assert_held(&pcpu_lock);
	bitmap_clear(chunk->populated, (unsigned long)page_start,
		     (unsigned long)nr);
	chunk->nr_populated -= nr;
	pcpu_nr_populated -= (unsigned long)nr;
	pcpu_update_empty_pages(chunk, -nr);
}

/*
 * The chunk holding unit-0 address @addr: the first or reserved chunk by
 * range, any other through the page behind this CPU's copy.
 */
static struct pcpu_chunk *pcpu_chunk_addr_search(void *addr)
{
	struct page *page;

	if (pcpu_addr_in_chunk(pcpu_first_chunk, addr))
		return pcpu_first_chunk;
	if (pcpu_addr_in_chunk(pcpu_reserved_chunk, addr))
		return pcpu_reserved_chunk;
	addr = (char *)addr + pcpu_unit_offsets[raw_smp_processor_id()];
	page = pcpu_addr_to_page(addr);
	return page ? pcpu_get_page_chunk(page) : NULL;
}

/* -- balance work -------------------------------------------------------- */

/* Queue the balance work; it runs when the current call returns. */
static void pcpu_schedule_balance_work(void)
{
	struct pcpu_state *s = &current_machine->pcpu;

	if (s->async_enabled)
		__atomic_store_n(&s->balance_pending, true, __ATOMIC_RELAXED);
}

/* Destroy every entirely free chunk but one (@empty_only: unpopulated ones). */
static void pcpu_balance_free(bool empty_only)
{
	LIST_HEAD(to_free);
	struct list_head *free_head = &pcpu_chunk_lists[pcpu_free_slot];
	struct pcpu_chunk *chunk, *next;

	lockdep_assert_held(&pcpu_lock);
	list_for_each_entry_safe(chunk, next, free_head, list) {
		WARN_ON(chunk->immutable);
		if (chunk == list_first_entry(free_head, struct pcpu_chunk, list))
			continue;	/* keep one */
		if (!empty_only || chunk->nr_empty_pop_pages == 0)
			list_move(&chunk->list, &to_free);
	}
	if (list_empty(&to_free))
		return;

	spin_unlock_irq(&pcpu_lock);
	list_for_each_entry_safe(chunk, next, &to_free, list) {
		unsigned long rs, re;

		for_each_set_bitrange(rs, re, chunk->populated,
				      (unsigned long)chunk->nr_pages) {
			pcpu_depopulate_chunk(chunk, (int)rs, (int)re);
			spin_lock_irq(&pcpu_lock);
			pcpu_chunk_depopulated(chunk, (int)rs, (int)re);
			spin_unlock_irq(&pcpu_lock);
		}
		pcpu_destroy_chunk(chunk);
	}
	spin_lock_irq(&pcpu_lock);
}

/* Populate up to @nr_to_pop pages of the fullest chunk that has room. */
static int pcpu_populate_some(int nr_to_pop, gfp_t gfp)
{
	struct pcpu_chunk *chunk = NULL, *pos;
	unsigned long rs, re;
	int slot, nr_unpop;

	for (slot = pcpu_size_to_slot(PAGE_SIZE); slot <= pcpu_free_slot; slot++) {
		nr_unpop = 0;
		list_for_each_entry(pos, &pcpu_chunk_lists[slot], list) {
			nr_unpop = pos->nr_pages - pos->nr_populated;
			if (nr_unpop) {
				chunk = pos;
				break;
			}
		}
		if (!nr_unpop)
			continue;
		for_each_clear_bitrange(rs, re, chunk->populated,
					(unsigned long)chunk->nr_pages) {
			int nr = min_t(int, (int)(re - rs), nr_to_pop);
			int ret;

			spin_unlock_irq(&pcpu_lock);
			ret = pcpu_populate_chunk(chunk, (int)rs, (int)rs + nr, gfp);
			spin_lock_irq(&pcpu_lock);
			if (ret)
				return 0;
			nr_to_pop -= nr;
			pcpu_chunk_populated(chunk, (int)rs, (int)rs + nr);
			if (!nr_to_pop)
				return 0;
		}
		if (!nr_to_pop)
			break;
	}
	return nr_to_pop;
}

/*
 * Keep PCPU_EMPTY_POP_PAGES_HIGH empty populated pages for atomic
 * allocations (all of them after an atomic allocation failed), filling
 * the fullest chunks first and making a chunk when none has room.
 */
static void pcpu_balance_populated(void)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN;
	struct pcpu_chunk *chunk;
	int nr_to_pop;

	lockdep_assert_held(&pcpu_lock);
	for (;;) {
		if (current_machine->pcpu.atomic_alloc_failed) {
			nr_to_pop = PCPU_EMPTY_POP_PAGES_HIGH;
			current_machine->pcpu.atomic_alloc_failed = false;
		} else {
			nr_to_pop = clamp(PCPU_EMPTY_POP_PAGES_HIGH -
						  pcpu_nr_empty_pop_pages,
					  0, PCPU_EMPTY_POP_PAGES_HIGH);
		}
		if (!nr_to_pop)
			return;
		nr_to_pop = pcpu_populate_some(nr_to_pop, gfp);
		if (!nr_to_pop)
			return;
		spin_unlock_irq(&pcpu_lock);
		chunk = pcpu_create_chunk(gfp);
		spin_lock_irq(&pcpu_lock);
		if (!chunk)
			return;
		pcpu_chunk_relocate(chunk, -1);
	}
}

/*
 * Depopulate the empty pages of one isolated chunk, from its end down,
 * while enough empty pages remain elsewhere.  Returns true when the chunk
 * goes back to the active slots.
 */
static bool pcpu_reclaim_chunk(struct pcpu_chunk *chunk)
{
	int freed_page_start = chunk->nr_pages, freed_page_end = 0;
	bool reintegrate = false;
	int i, end = -1;

	for (i = chunk->nr_pages - 1; i >= 0; i--) {
		struct pcpu_block_md *block;

		if (chunk->nr_empty_pop_pages == 0)
			break;
		if (pcpu_nr_empty_pop_pages < PCPU_EMPTY_POP_PAGES_HIGH) {
			reintegrate = true; /* keep them for atomic allocs */
			break;
		}

		block = chunk->md_blocks + i;
		if (block->contig_hint == PCPU_BITMAP_BLOCK_BITS &&
		    test_bit((unsigned long)i, chunk->populated)) {
			if (end == -1)
				end = i;
			if (i > 0)
				continue;
			i--;
		}
		if (end == -1)
			continue;

		spin_unlock_irq(&pcpu_lock);
		pcpu_depopulate_chunk(chunk, i + 1, end + 1);
		spin_lock_irq(&pcpu_lock);
		pcpu_chunk_depopulated(chunk, i + 1, end + 1);
		freed_page_start = min(freed_page_start, i + 1);
		freed_page_end = max(freed_page_end, end + 1);
		end = -1;
	}
	if (freed_page_start < freed_page_end) {
		spin_unlock_irq(&pcpu_lock);
		pcpu_post_unmap_tlb_flush(chunk, freed_page_start,
					  freed_page_end);
		spin_lock_irq(&pcpu_lock);
	}
	return reintegrate;
}

/* Work through the to-depopulate slot; sideline what stays sparse. */
static void pcpu_reclaim_populated(void)
{
	struct list_head *head;
	struct pcpu_chunk *chunk;

	lockdep_assert_held(&pcpu_lock);
	head = &pcpu_chunk_lists[pcpu_to_depopulate_slot];
	while (!list_empty(head)) {
		bool reintegrate;

		chunk = list_first_entry(head, struct pcpu_chunk, list);
		WARN_ON(chunk->immutable);
		reintegrate = pcpu_reclaim_chunk(chunk);
		if (reintegrate || chunk->free_bytes == pcpu_unit_size)
			pcpu_reintegrate_chunk(chunk);
		else
			list_move_tail(&chunk->list,
				       &pcpu_chunk_lists[pcpu_sidelined_slot]);
	}
}

static void pcpu_balance_workfn(void)
{
	spin_lock(&pcpu_alloc_mutex);
	spin_lock_irq(&pcpu_lock);
	pcpu_balance_free(false);
	pcpu_reclaim_populated();
	pcpu_balance_populated();
	pcpu_balance_free(true);
	spin_unlock_irq(&pcpu_lock);
	spin_unlock(&pcpu_alloc_mutex);
}

void pcpu_flush_balance_work(void)
{
	struct pcpu_state *s = &current_machine->pcpu;

	if (!s->async_enabled || !pcpu_first_chunk ||
	    !__atomic_exchange_n(&s->balance_pending, false, __ATOMIC_RELAXED))
		return;
	pcpu_balance_workfn();
}

void percpu_enable_async(void)
{
	current_machine->pcpu.async_enabled = true;
}

/* -- allocation ---------------------------------------------------------- */

/* Try the reserved chunk; the byte offset, or -1. */
static int pcpu_alloc_reserved(int bits, size_t bit_align, bool is_atomic)
{
	int off = pcpu_find_block_fit(pcpu_reserved_chunk, bits, bit_align,
				      is_atomic);

	if (off < 0)
		return -1;
	return pcpu_alloc_area(pcpu_reserved_chunk, bits, bit_align, off);
}

/*
 * Search the slots that can hold @size, fullest first; on success
 * *@chunkp is the chunk and the byte offset is returned, else -1.
 * Chunks in the low slots that fail are moved to slot 0 (sidelined for
 * small allocations).
 */
static int pcpu_alloc_from_slots(size_t size, int bits, size_t bit_align,
				 bool is_atomic, struct pcpu_chunk **chunkp)
{
	struct pcpu_chunk *chunk, *next;
	int slot, off;

	for (slot = pcpu_size_to_slot((int)size); slot <= pcpu_free_slot; slot++) {
		list_for_each_entry_safe(chunk, next, &pcpu_chunk_lists[slot],
					 list) {
			off = pcpu_find_block_fit(chunk, bits, bit_align,
						  is_atomic);
			if (off < 0) {
				if (slot < PCPU_SLOT_FAIL_THRESHOLD)
					pcpu_chunk_move(chunk, 0);
				continue;
			}
			off = pcpu_alloc_area(chunk, bits, bit_align, off);
			if (off >= 0) {
				pcpu_reintegrate_chunk(chunk);
				*chunkp = chunk;
				return off;
			}
		}
	}
	return -1;
}

/* Back the pages of [off, off + size) that are not yet; 0 or -ENOMEM. */
static int pcpu_populate_area(struct pcpu_chunk *chunk, int off, size_t size,
			      gfp_t gfp)
{
	unsigned long rs = PFN_DOWN((unsigned long)off), re;
	unsigned long page_end = PFN_UP((unsigned long)off + size);
	int ret;

	for_each_clear_bitrange_from(rs, re, chunk->populated, page_end) {
		WARN_ON(chunk->immutable);
		ret = pcpu_populate_chunk(chunk, (int)rs, (int)re, gfp);
		spin_lock_irq(&pcpu_lock);
		if (ret) {
			pcpu_free_area(chunk, off);
			spin_unlock_irq(&pcpu_lock);
			return ret;
		}
		pcpu_chunk_populated(chunk, (int)rs, (int)re);
		spin_unlock_irq(&pcpu_lock);
	}
	return 0;
}

static void pcpu_alloc_warn(size_t size, size_t align, bool is_atomic,
			    const char *err)
{
	struct pcpu_state *s = &current_machine->pcpu;

	if (!s->warn_limit)
		return;
	pr_warn("allocation failed, size=%zu align=%zu atomic=%d, %s\n", size,
		align, is_atomic, err);
	if (!--s->warn_limit)
		pr_info("limit reached, disable warning\n");
}

/* Zero @size bytes at @off of every possible CPU's unit of @chunk. */
static void pcpu_clear_area(struct pcpu_chunk *chunk, int off, size_t size)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		memset((char *)pcpu_chunk_addr(chunk, cpu, 0) + off, 0, size);
}

/*
 * The allocator: @size bytes aligned to @align, from the reserved chunk
 * (@reserved) or the dynamic ones; a new chunk when none has room
 * (blocking allocations only).  A per-CPU pointer, or NULL.
 */
static void __percpu *pcpu_alloc(size_t size, size_t align, bool reserved,
				 gfp_t gfp)
{
	gfp_t pcpu_gfp = gfp & (GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
	bool is_atomic = (gfp & GFP_KERNEL) != GFP_KERNEL;
	bool do_warn = !(gfp & __GFP_NOWARN);
	struct pcpu_chunk *chunk = NULL;
	const char *err;
	size_t bits, bit_align;
	int off;

	if (!pcpu_first_chunk)
		return NULL;	/* before setup_per_cpu_areas() */
	if (unlikely(align < PCPU_MIN_ALLOC_SIZE))
		align = PCPU_MIN_ALLOC_SIZE;
	size = ALIGN(size, PCPU_MIN_ALLOC_SIZE);
	bits = size >> PCPU_MIN_ALLOC_SHIFT;
	bit_align = align >> PCPU_MIN_ALLOC_SHIFT;
	if (unlikely(!size || size > PCPU_MIN_UNIT_SIZE || align > PAGE_SIZE ||
		     !is_power_of_2(align))) {
		if (do_warn)
			pr_warn("illegal size (%zu) or align (%zu) for percpu allocation\n",
				size, align);
		return NULL;
	}

	if (!is_atomic)
		spin_lock(&pcpu_alloc_mutex);
	spin_lock_irq(&pcpu_lock);

	if (reserved && pcpu_reserved_chunk) {
		chunk = pcpu_reserved_chunk;
		off = pcpu_alloc_reserved((int)bits, bit_align, is_atomic);
		if (off >= 0)
			goto area_found;
		err = "alloc from reserved chunk failed";
		goto fail_unlock;
	}

	for (;;) {
		off = pcpu_alloc_from_slots(size, (int)bits, bit_align,
					    is_atomic, &chunk);
		if (off >= 0)
			goto area_found;
		spin_unlock_irq(&pcpu_lock);
		if (is_atomic) {
			err = "atomic alloc failed, no space left";
			goto fail;
		}
		/* no room: make a chunk unless a free one appeared meanwhile */
		if (list_empty(&pcpu_chunk_lists[pcpu_free_slot])) {
			chunk = pcpu_create_chunk(pcpu_gfp);
			if (!chunk) {
				err = "failed to allocate new chunk";
				goto fail;
			}
			spin_lock_irq(&pcpu_lock);
			pcpu_chunk_relocate(chunk, -1);
		} else {
			spin_lock_irq(&pcpu_lock);
		}
	}

area_found:
	spin_unlock_irq(&pcpu_lock);
	if (!is_atomic) {
		if (pcpu_populate_area(chunk, off, size, pcpu_gfp)) {
			err = "failed to populate";
			goto fail;
		}
		spin_unlock(&pcpu_alloc_mutex);
	}
	/* a heuristic read without pcpu_lock, as in the kernel */
	if (__atomic_load_n(&pcpu_nr_empty_pop_pages, __ATOMIC_RELAXED) <
	    PCPU_EMPTY_POP_PAGES_LOW)
		pcpu_schedule_balance_work();
	pcpu_clear_area(chunk, off, size);
	return __addr_to_pcpu_ptr((char *)chunk->base_addr + off);

fail_unlock:
	spin_unlock_irq(&pcpu_lock);
fail:
	if (!is_atomic && do_warn)
		pcpu_alloc_warn(size, align, is_atomic, err);
	if (is_atomic) {
		current_machine->pcpu.atomic_alloc_failed = true;
		pcpu_schedule_balance_work();
	} else {
		spin_unlock(&pcpu_alloc_mutex);
	}
	return NULL;
}

void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	void __percpu *ptr = pcpu_alloc(size, align, false, gfp);

	pcpu_flush_balance_work();
	return ptr;
}

void __percpu *__alloc_percpu(size_t size, size_t align)
{
	return __alloc_percpu_gfp(size, align, GFP_KERNEL);
}

void __percpu *__alloc_reserved_percpu(size_t size, size_t align)
{
	void __percpu *ptr = pcpu_alloc(size, align, true, GFP_KERNEL);

	pcpu_flush_balance_work();
	return ptr;
}

/* -- free ---------------------------------------------------------------- */

/*
 * Is there an entirely free chunk besides @chunk?  Then the balance work
 * should free one.
 */
static bool pcpu_other_free_chunk(const struct pcpu_chunk *chunk)
{
	struct pcpu_chunk *pos;

	list_for_each_entry(pos, &pcpu_chunk_lists[pcpu_free_slot], list)
		if (pos != chunk)
			return true;
	return false;
}

void free_percpu(void __percpu *ptr)
{
	struct pcpu_chunk *chunk;
	bool need_balance = false;
	void *addr;
	int off;

	if (!ptr)
		return;
	addr = __pcpu_ptr_to_addr(ptr);

	spin_lock_irq(&pcpu_lock);
	chunk = pcpu_chunk_addr_search(addr);
	if (WARN_ON(!chunk)) {
		spin_unlock_irq(&pcpu_lock);
		return;
	}
	off = (int)((char *)addr - (char *)chunk->base_addr);
	pcpu_free_area(chunk, off);

	if (!chunk->isolated && chunk->free_bytes == pcpu_unit_size) {
		need_balance = pcpu_other_free_chunk(chunk);
	} else if (pcpu_should_reclaim_chunk(chunk)) {
		pcpu_isolate_chunk(chunk);
		need_balance = true;
	}
	spin_unlock_irq(&pcpu_lock);

	if (need_balance)
		pcpu_schedule_balance_work();
	pcpu_flush_balance_work();
}

/* -- addresses and counts ------------------------------------------------ */

/* Is @addr inside some CPU's copy of the static per-CPU area? */
bool is_kernel_percpu_address(unsigned long addr)
{
	const size_t static_size = current_machine->pcpu.static_size;
	unsigned int cpu;

	if (!pcpu_first_chunk)
		return false;
	for_each_possible_cpu(cpu) {
		unsigned long start = per_cpu_offset(cpu);

		if (addr >= start && addr < start + static_size)
			return true;
	}
	return false;
}

/* Is @addr inside some CPU's unit of the first chunk? */
static bool pcpu_in_first_chunk(void *addr)
{
	unsigned long first_low, first_high, a = (unsigned long)addr;
	unsigned int cpu;

	first_low = (unsigned long)pcpu_base_addr +
		    pcpu_unit_page_offset(pcpu_low_unit_cpu, 0);
	first_high = (unsigned long)pcpu_base_addr +
		     pcpu_unit_page_offset(pcpu_high_unit_cpu, pcpu_unit_pages);
	if (a < first_low || a >= first_high)
		return false;
	for_each_possible_cpu(cpu) {
		unsigned long start = per_cpu_offset(cpu);

		if (a >= start && a < start + (unsigned long)pcpu_unit_size)
			return true;
	}
	return false;
}

/* The physical address behind @addr, a CPU's copy from per_cpu_ptr(). */
phys_addr_t per_cpu_ptr_to_phys(void *addr)
{
	struct page *page;

	if (pcpu_in_first_chunk(addr)) {
		if (!is_vmalloc_addr(addr))
			return __pa(addr);	/* embedded: in the direct map */
		page = vmalloc_to_page(addr);	/* page by page */
	} else {
		page = pcpu_addr_to_page(addr);
	}
	if (WARN_ON(!page))
		return 0;
	return page_to_phys(page) + offset_in_page(addr);
}

unsigned long pcpu_nr_pages(void)
{
	return pcpu_nr_populated * (unsigned long)pcpu_nr_units;
}

void pcpu_state_destroy(void)
{
	struct pcpu_state *s = &current_machine->pcpu;

	while (s->nr_fc_host_bufs)
		host_free(s->fc_host_bufs[--s->nr_fc_host_bufs]);
	if (!s->locks_ready)
		return;
	spin_lock_destroy(&s->lock);
	spin_lock_destroy(&s->alloc_mutex);
	s->locks_ready = false;
}
