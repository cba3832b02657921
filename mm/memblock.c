// SPDX-License-Identifier: MIT
/*
 * mm/memblock.c — the boot-time memory allocator.
 *
 * Kernel counterpart: mm/memblock.c (Linux 6.1).
 *
 * DOC: what memblock is
 *
 * Before the page allocator exists the kernel still has to allocate: page
 * tables, the memory map, per-CPU areas, hash tables.  memblock describes
 * physical memory as two sorted arrays of ranges and allocates by finding
 * a gap in one that is covered by the other:
 *
 *     memory    [=========]     [==========================]
 *     reserved    [==]  [=]          [=====]     [==]
 *     free        ^  ^  ^ ^ ... = memory minus reserved
 *
 * An allocation walks the free ranges from the top (the default) or the
 * bottom (memblock_set_bottom_up(true)), takes the first that fits the
 * size, alignment, address window and node, and adds it to `reserved`.
 * Freeing removes it from `reserved`.  At the end of boot every free range
 * is handed to the buddy allocator (memblock_free_all(), a later step).
 *
 * Invariants of each struct memblock_type, checked by memblock_validate():
 *   - regions[0..cnt) are sorted by base and do not overlap;
 *   - two adjacent regions that touch have a different node or flags
 *     (otherwise memblock_merge_regions() would have joined them);
 *   - total_size is the sum of the sizes;  cnt <= max;
 *   - an empty type holds exactly one zero-sized dummy region (cnt == 1).
 *
 * The region arrays start as static arrays of 128 entries (here: arrays
 * inside struct memblock_state).  Once memblock_allow_resize() has been
 * called, a full array is doubled into memory memblock itself allocates —
 * in simulated RAM, as in the kernel — and the old one is freed.
 *
 * memblock=debug makes every add/remove/reserve/free/alloc call print one
 * line naming its caller, and memblock_dump_all() print the arrays, in the
 * kernel's exact format.
 */
#include "mmsim/calltrace.h"
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/mm.h"
#include "mmsim/kconfig.h"
#include "mmsim/track.h"
#include "mmsim/machine.h"

#include <string.h>

#define mb_state (current_machine->memblock_st)

#define for_each_memblock_type(i, memblock_type, rgn)                \
	for (i = 0, rgn = &memblock_type->regions[0];                \
	     i < (int)memblock_type->cnt; i++, rgn = &memblock_type->regions[i])

#define memblock_dbg(fmt, ...)                                        \
	do {                                                          \
		if (mb_state.debug)                                \
			pr_info(fmt, ##__VA_ARGS__);                  \
	} while (0)

/* Reset @st to the kernel's static initial state. */
void memblock_init(struct memblock_state *st)
{
	memset(st, 0, sizeof(*st));
	st->mb.memory.regions = st->init_memory;
	st->mb.memory.cnt = 1; /* the empty dummy entry */
	st->mb.memory.max = INIT_MEMBLOCK_MEMORY_REGIONS;
	st->mb.memory.name = "memory";
	st->mb.reserved.regions = st->init_reserved;
	st->mb.reserved.cnt = 1;
	st->mb.reserved.max = INIT_MEMBLOCK_RESERVED_REGIONS;
	st->mb.reserved.name = "reserved";
	st->mb.bottom_up = false;
	st->mb.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	st->physmem.regions = st->init_physmem;
	st->physmem.cnt = 1;
	st->physmem.max = INIT_PHYSMEM_REGIONS;
	st->physmem.name = "physmem";
}

bool memblock_debug_enabled(void)
{
	return mb_state.debug;
}

void memblock_set_debug(bool on)
{
	mb_state.debug = on;
}

void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

void memblock_set_mirrored_kernelcore(bool on)
{
	mb_state.mirrored_kernelcore = on;
}

/* Without CONFIG_NUMA every region belongs to node 0, as in the kernel. */
static inline void set_node(struct memblock_region *r, int nid)
{
	memblock_set_region_node(r, current_machine->k_numa ? nid : 0);
}

static enum memblock_flags choose_memblock_flags(void)
{
	return mb_state.has_some_mirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
}

/* Shrink *@size so that @base + *@size does not pass PHYS_ADDR_MAX. */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

static bool memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
				   phys_addr_t base2, phys_addr_t size2)
{
	return base1 < base2 + size2 && base2 < base1 + size1;
}

bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size)
{
	unsigned long i;

	memblock_cap_size(base, &size);
	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			break;
	return i < type->cnt;
}

/* First fit from the bottom of [start, end); 0 when nothing fits. */
static phys_addr_t find_range_bottom_up(phys_addr_t start, phys_addr_t end,
					phys_addr_t size, phys_addr_t align,
					int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		cand = round_up(this_start, align);
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

/* First fit from the top of [start, end); 0 when nothing fits. */
static phys_addr_t find_range_top_down(phys_addr_t start, phys_addr_t end,
				       phys_addr_t size, phys_addr_t align,
				       int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end,
					NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		if (this_end < size)
			continue;
		cand = round_down(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/*
 * Find @size bytes aligned to @align inside [@start, @end) on @nid, in the
 * current direction.  The first page is never handed out (0 means
 * failure).  @end may be MEMBLOCK_ALLOC_ACCESSIBLE: the current limit.
 */
static phys_addr_t memblock_find_in_range_node(phys_addr_t size,
					       phys_addr_t align,
					       phys_addr_t start,
					       phys_addr_t end, int nid,
					       enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE || end == MEMBLOCK_ALLOC_NOLEAKTRACE)
		end = memblock.current_limit;

	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);

	if (memblock_bottom_up())
		return find_range_bottom_up(start, end, size, align, nid, flags);
	return find_range_top_down(start, end, size, align, nid, flags);
}

/* As above on any node, falling back from mirrored to any memory. */
static phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align)
{
	enum memblock_flags flags = choose_memblock_flags();
	phys_addr_t ret;

	for (;;) {
		ret = memblock_find_in_range_node(size, align, start, end,
						  NUMA_NO_NODE, flags);
		if (ret || !(flags & MEMBLOCK_MIRROR))
			return ret;
		pr_warn_ratelimited("Could not allocate %pap bytes of mirrored memory\n",
				    &size);
		flags &= ~MEMBLOCK_MIRROR;
	}
}

static void memblock_remove_region(struct memblock_type *type, unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;

	/* an empty type keeps one zero-sized dummy region */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->cnt = 1;
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = 0;
		set_node(&type->regions[0], MAX_NUMNODES);
	}
}

static bool is_init_array(struct memblock_region *array)
{
	return array == mb_state.init_memory ||
	       array == mb_state.init_reserved;
}

/*
 * Give up the doubled region arrays once boot no longer needs memblock
 * (called from the page allocator's late init in the kernel).
 */
void memblock_discard(void)
{
	phys_addr_t addr, size;

	/* architectures that keep memblock after boot have nothing to do */
	if (IS_ENABLED(CONFIG_ARCH_KEEP_MEMBLOCK))
		return;

	if (!is_init_array(memblock.reserved.regions)) {
		addr = __pa(memblock.reserved.regions);
		size = PAGE_ALIGN(sizeof(struct memblock_region) *
				  memblock.reserved.max);
		memblock_free_late(addr, size);
	}
	if (!is_init_array(memblock.memory.regions)) {
		addr = __pa(memblock.memory.regions);
		size = PAGE_ALIGN(sizeof(struct memblock_region) *
				  memblock.memory.max);
		memblock_free_late(addr, size);
	}
	mb_state.discarded = true;
}

/*
 * Double @type's region array.  The new array is allocated from memblock
 * itself, away from [@new_area_start, +@new_area_size) when that range is
 * about to be reserved; it is page-aligned so it can be freed whole.
 * Returns 0, or -1 when resizing is not allowed yet or no room is left.
 */
static int memblock_double_array(struct memblock_type *type,
				 phys_addr_t new_area_start,
				 phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array;
	phys_addr_t old_alloc_size, new_alloc_size;
	phys_addr_t old_size, new_size, addr, new_end;

	if (!mb_state.can_resize)
		return -1;

	old_size = type->max * sizeof(struct memblock_region);
	new_size = old_size << 1;
	old_alloc_size = PAGE_ALIGN(old_size);
	new_alloc_size = PAGE_ALIGN(new_size);

	/* only the reserved array must avoid the range being reserved */
	if (type != &memblock.reserved)
		new_area_start = new_area_size = 0;

	addr = memblock_find_in_range(new_area_start + new_area_size,
				      memblock.current_limit, new_alloc_size,
				      PAGE_SIZE);
	if (!addr && new_area_size)
		addr = memblock_find_in_range(0, min(new_area_start,
						     memblock.current_limit),
					      new_alloc_size, PAGE_SIZE);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %ld to %ld entries !\n",
		       type->name, type->max, type->max * 2);
		return -1;
	}
	new_array = __va(addr);
	mmsim_track_alloc(new_array, new_alloc_size);

	new_end = addr + new_size - 1;
	memblock_dbg("memblock: %s is doubled to %ld at [%pa-%pa]", type->name,
		     type->max * 2, &addr, &new_end);

	/* move the entries before the new region is added: it may be ours */
	memcpy(new_array, type->regions, old_size);
	memset(new_array + type->max, 0, old_size);
	old_array = type->regions;
	type->regions = new_array;
	type->max <<= 1;

	if (!is_init_array(old_array))
		memblock_free_caller(old_array, old_alloc_size, __func__);

	BUG_ON(memblock_reserve_caller(addr, new_alloc_size, __func__));
	return 0;
}

/* Join every pair of touching regions with the same node and flags. */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i < type->cnt - 1) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base ||
		    memblock_get_region_node(this) !=
			    memblock_get_region_node(next) ||
		    this->flags != next->flags) {
			BUG_ON(this->base + this->size > next->base);
			i++;
			continue;
		}

		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

/* Insert a region at index @idx; the caller guarantees room and order. */
static void memblock_insert_region(struct memblock_type *type, int idx,
				   phys_addr_t base, phys_addr_t size, int nid,
				   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	set_node(rgn, nid);
	type->cnt++;
	type->total_size += size;
}

/*
 * Add [@base, @base + @size) to @type.  Parts already covered stay as they
 * are; the uncovered parts become new regions with @nid and @flags, and
 * touching regions are merged.  A first pass only counts the new regions
 * (so the array can be doubled first); a second pass inserts them.  When
 * the array has room for the worst case the first pass is skipped.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, int nid,
			      enum memblock_flags flags)
{
	bool insert = false;
	phys_addr_t obase = base;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int idx, nr_new;
	struct memblock_region *rgn;

	if (!size)
		return 0;

	if (type->regions[0].size == 0) { /* empty: fill the dummy */
		WARN_ON(type->cnt != 1 || type->total_size);
		type->regions[0].base = base;
		type->regions[0].size = size;
		type->regions[0].flags = flags;
		set_node(&type->regions[0], nid);
		type->total_size = size;
		return 0;
	}

	if (type->cnt * 2 + 1 < type->max)
		insert = true;

repeat:
	base = obase;
	nr_new = 0;

	for_each_memblock_type(idx, type, rgn) {
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		/* the part of the new range below @rgn is new */
		if (rbase > base) {
			if (current_machine->k_numa)
				WARN_ON(nid != memblock_get_region_node(rgn));
			WARN_ON(flags != rgn->flags);
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base,
						       rbase - base, nid, flags);
		}
		base = min(rend, end);
	}

	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base, nid,
					       flags);
	}

	if (!nr_new)
		return 0;

	if (!insert) {
		while (type->cnt + nr_new > type->max)
			if (memblock_double_array(type, obase, size) < 0)
				return -ENOMEM;
		insert = true;
		goto repeat;
	}
	memblock_merge_regions(type);
	return 0;
}

int memblock_add_node_caller(phys_addr_t base, phys_addr_t size, int nid,
			     enum memblock_flags flags, const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] nid=%d flags=%x %pS\n", "memblock_add_node",
		     &base, &end, nid, flags, caller);
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

int memblock_add_caller(phys_addr_t base, phys_addr_t size, const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_add", &base, &end, caller);
	calltrace_note("[%#llx-%#llx]", (unsigned long long)base,
		       (unsigned long long)end);
	return memblock_add_range(&memblock.memory, base, size, MAX_NUMNODES, 0);
}

/*
 * Split regions of @type so that [@base, @base + @size) is covered by
 * whole regions, and return their index range [*start_rgn, *end_rgn).
 * Makes room for the (at most two) extra regions first.
 */
static int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
				  phys_addr_t size, int *start_rgn,
				  int *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int idx;
	struct memblock_region *rgn;

	*start_rgn = *end_rgn = 0;

	if (!size)
		return 0;

	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	for_each_memblock_type(idx, type, rgn) {
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/* @rgn sticks out below: split off the lower part */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase,
					       memblock_get_region_node(rgn),
					       rgn->flags);
		} else if (rend > end) {
			/* @rgn sticks out above: split, then revisit the bottom */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx--, rbase, end - rbase,
					       memblock_get_region_node(rgn),
					       rgn->flags);
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
	return 0;
}

static int memblock_remove_range(struct memblock_type *type, phys_addr_t base,
				 phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn - 1; i >= start_rgn; i--)
		memblock_remove_region(type, i);
	return 0;
}

int memblock_remove_caller(phys_addr_t base, phys_addr_t size,
			   const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_remove", &base, &end,
		     caller);
	return memblock_remove_range(&memblock.memory, base, size);
}

void memblock_free_caller(void *ptr, size_t size, const char *caller)
{
	if (ptr)
		memblock_phys_free_caller(__pa(ptr), size, caller);
}

int memblock_phys_free_caller(phys_addr_t base, phys_addr_t size,
			      const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_phys_free", &base, &end,
		     caller);
	mmsim_track_free_phys(base, size);
	return memblock_remove_range(&memblock.reserved, base, size);
}

int memblock_reserve_caller(phys_addr_t base, phys_addr_t size,
			    const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_reserve", &base, &end,
		     caller);
	calltrace_note("[%#llx-%#llx] %s", (unsigned long long)base,
		       (unsigned long long)end, caller);
	calltrace_owner(base, size, caller);
	return memblock_add_range(&memblock.reserved, base, size, MAX_NUMNODES, 0);
}

int memblock_physmem_add_caller(phys_addr_t base, phys_addr_t size,
				const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_physmem_add", &base, &end,
		     caller);
	return memblock_add_range(&mb_state.physmem, base, size, MAX_NUMNODES,
				  0);
}

/* Set or clear @flag on the memory regions covering the range. */
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, int set,
				int flag)
{
	struct memblock_type *type = &memblock.memory;
	int i, ret, start_rgn, end_rgn;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		struct memblock_region *r = &type->regions[i];

		if (set)
			r->flags |= flag;
		else
			r->flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 1, MEMBLOCK_HOTPLUG);
}

int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 0, MEMBLOCK_HOTPLUG);
}

/* Only with kernelcore=mirror does mirrored memory change allocation. */
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size)
{
	if (!mb_state.mirrored_kernelcore)
		return 0;
	mb_state.has_some_mirror = true;
	return memblock_setclr_flag(base, size, 1, MEMBLOCK_MIRROR);
}

int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 1, MEMBLOCK_NOMAP);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 0, MEMBLOCK_NOMAP);
}

/* Should the iterators pass over memory region @m for this request? */
static bool should_skip_region(struct memblock_type *type,
			       struct memblock_region *m, int nid, int flags)
{
	int m_nid = memblock_get_region_node(m);

	/*
	 * reserved and physmem are never filtered; nor is memory once
	 * memblock_discard() has run (the kernel's memblock_memory is NULL)
	 */
	if (type != &memblock.memory || mb_state.discarded)
		return false;
	if (nid != NUMA_NO_NODE && nid != m_nid)
		return true;
	if (current_machine->k_movable_node && memblock_is_hotpluggable(m) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !memblock_is_mirror(m))
		return true;
	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return true;
	if (!(flags & MEMBLOCK_DRIVER_MANAGED) && memblock_is_driver_managed(m))
		return true;
	return false;
}

/*
 * Step an iteration over @type_a, or over @type_a minus @type_b when
 * @type_b is given (the gaps between its regions).  *@idx packs the two
 * array positions (a in the low 32 bits, b in the high); ULLONG_MAX ends.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a, struct memblock_type *type_b,
		      phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	if (WARN_ONCE(nid == MAX_NUMNODES,
		      "Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n"))
		nid = NUMA_NO_NODE;

	for (; idx_a < (int)type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m_nid;
			idx_a++;
			*idx = (u32)idx_a | (u64)idx_b << 32;
			return;
		}

		/* walk the gaps of type_b: gap j lies below regions[j] */
		for (; idx_b < (int)type_b->cnt + 1; idx_b++) {
			struct memblock_region *r = &type_b->regions[idx_b];
			phys_addr_t r_start = idx_b ? r[-1].base + r[-1].size : 0;
			phys_addr_t r_end = idx_b < (int)type_b->cnt ?
						    r->base : PHYS_ADDR_MAX;

			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m_nid;
				/* advance whichever ends first */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	*idx = ULLONG_MAX;
}

/* __next_mem_range() from the top down; start with *@idx = ULLONG_MAX. */
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	if (WARN_ONCE(nid == MAX_NUMNODES,
		      "Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n"))
		nid = NUMA_NO_NODE;

	if (*idx == (u64)ULLONG_MAX) {
		idx_a = (int)type_a->cnt - 1;
		idx_b = type_b ? (int)type_b->cnt : 0;
	}

	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m_nid;
			idx_a--;
			*idx = (u32)idx_a | (u64)idx_b << 32;
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			struct memblock_region *r = &type_b->regions[idx_b];
			phys_addr_t r_start = idx_b ? r[-1].base + r[-1].size : 0;
			phys_addr_t r_end = idx_b < (int)type_b->cnt ?
						    r->base : PHYS_ADDR_MAX;

			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m_nid;
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	*idx = ULLONG_MAX;
}

/* Step over memory regions as whole-page ranges (MAX_NUMNODES: any node). */
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	struct memblock_region *r = NULL;
	int r_nid = 0;

	while (++*idx < (int)type->cnt) {
		r = &type->regions[*idx];
		r_nid = memblock_get_region_node(r);

		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		if (nid == MAX_NUMNODES || nid == r_nid)
			break;
	}
	if (*idx >= (int)type->cnt) {
		*idx = -1;
		return;
	}
	if (out_start_pfn)
		*out_start_pfn = PFN_UP(r->base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(r->base + r->size);
	if (out_nid)
		*out_nid = r_nid;
}

/* Assign @nid to the part of @type inside the range (CONFIG_NUMA only). */
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid)
{
	int start_rgn, end_rgn;
	int i, ret;

	if (!current_machine->k_numa)
		return 0;
	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++)
		set_node(&type->regions[i], nid);

	memblock_merge_regions(type);
	return 0;
}

/*
 * The allocator behind every memblock allocation: find a range on @nid
 * (falling back to any node unless @exact_nid, and from mirrored to any
 * memory), reserve it, and return its physical address; 0 on failure.
 */
phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
				     phys_addr_t start, phys_addr_t end, int nid,
				     bool exact_nid)
{
	enum memblock_flags flags = choose_memblock_flags();
	phys_addr_t found;

	if (WARN_ONCE(nid == MAX_NUMNODES,
		      "Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n"))
		nid = NUMA_NO_NODE;

	if (!align) {
		WARN_ON(1);
		align = SMP_CACHE_BYTES;
	}

again:
	found = memblock_find_in_range_node(size, align, start, end, nid, flags);
	if (found && !memblock_reserve_caller(found, size, __func__))
		goto done;

	if (nid != NUMA_NO_NODE && !exact_nid) {
		found = memblock_find_in_range_node(size, align, start, end,
						    NUMA_NO_NODE, flags);
		if (found && !memblock_reserve_caller(found, size, __func__))
			goto done;
	}

	if (flags & MEMBLOCK_MIRROR) {
		flags &= ~MEMBLOCK_MIRROR;
		pr_warn_ratelimited("Could not allocate %pap bytes of mirrored memory\n",
				    &size);
		goto again;
	}
	calltrace_note("%llu failed", (unsigned long long)size);
	return 0;

done:
	mmsim_track_alloc_phys(found, size);
	calltrace_note("%llu → %#llx", (unsigned long long)size,
		       (unsigned long long)found);
	return found;
}

phys_addr_t memblock_phys_alloc_range_caller(phys_addr_t size, phys_addr_t align,
					     phys_addr_t start, phys_addr_t end,
					     const char *caller)
{
	phys_addr_t found;

	memblock_dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS\n",
		     "memblock_phys_alloc_range", (unsigned long long)size,
		     (unsigned long long)align, &start, &end, caller);
	found = memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
					 false);
	if (found)
		calltrace_owner(found, size, caller);
	return found;
}

phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_range_nid(size, align, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

/*
 * Common body of the virtual-address allocators: clip to the current
 * limit, retry without the lower bound, return the direct-map address.
 */
static void *memblock_alloc_internal(phys_addr_t size, phys_addr_t align,
				     phys_addr_t min_addr, phys_addr_t max_addr,
				     int nid, bool exact_nid)
{
	phys_addr_t alloc;

	/* Too late: the kernel would fall back to kzalloc_node() here. */
	if (WARN_ON_ONCE(current_machine->slab_available))
		return NULL;

	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid,
					 exact_nid);
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid,
						 exact_nid);
	if (!alloc)
		return NULL;
	return phys_to_virt(alloc);
}

static void memblock_dbg_alloc(const char *func, phys_addr_t size,
			       phys_addr_t align, int nid, phys_addr_t min_addr,
			       phys_addr_t max_addr, const char *caller)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     func, (unsigned long long)size, (unsigned long long)align,
		     nid, &min_addr, &max_addr, caller);
}

void *memblock_alloc_exact_nid_raw_caller(phys_addr_t size, phys_addr_t align,
					  phys_addr_t min_addr,
					  phys_addr_t max_addr, int nid,
					  const char *caller)
{
	void *ptr;

	memblock_dbg_alloc("memblock_alloc_exact_nid_raw", size, align, nid,
			   min_addr, max_addr, caller);
	ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				      true);
	if (ptr)
		calltrace_owner(__pa(ptr), size, caller);
	return ptr;
}

void *memblock_alloc_try_nid_raw_caller(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr, phys_addr_t max_addr,
					int nid, const char *caller)
{
	void *ptr;

	memblock_dbg_alloc("memblock_alloc_try_nid_raw", size, align, nid,
			   min_addr, max_addr, caller);
	ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				      false);
	if (ptr)
		calltrace_owner(__pa(ptr), size, caller);
	return ptr;
}

void *memblock_alloc_try_nid_caller(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid, const char *caller)
{
	void *ptr;

	memblock_dbg_alloc("memblock_alloc_try_nid", size, align, nid, min_addr,
			   max_addr, caller);
	ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				      false);
	if (ptr) {
		memset(ptr, 0, size);
		calltrace_owner(__pa(ptr), size, caller);
	}
	return ptr;
}

/*
 * Free memblock-allocated memory after the page allocator is up: the whole
 * pages inside the range go straight to the buddy allocator; memblock's
 * own arrays are not touched (they may already be discarded).
 */
void memblock_free_late_caller(phys_addr_t base, phys_addr_t size,
			       const char *caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", "memblock_free_late", &base, &end,
		     caller);
	mmsim_track_free_phys(base, size);
	memblock_free_late_pages(PFN_UP(base), PFN_DOWN(base + size));
}

/*
 * The kernel's entry points, real functions of its names (a debugger can
 * break on them).  Each hands its caller's name (<mmsim/caller.h>) to the
 * body above that prints it on the memblock=debug line.  The names are in
 * parentheses because the header also wraps them as macros.
 */
int (memblock_add_node)(phys_addr_t base, phys_addr_t size, int nid,
			enum memblock_flags flags)
{
	return memblock_add_node_caller(base, size, nid, flags, MMSIM_RET_CALLER);
}

int (memblock_add)(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_caller(base, size, MMSIM_RET_CALLER);
}

int (memblock_remove)(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_caller(base, size, MMSIM_RET_CALLER);
}

int (memblock_phys_free)(phys_addr_t base, phys_addr_t size)
{
	return memblock_phys_free_caller(base, size, MMSIM_RET_CALLER);
}

int (memblock_reserve)(phys_addr_t base, phys_addr_t size)
{
	return memblock_reserve_caller(base, size, MMSIM_RET_CALLER);
}

int (memblock_physmem_add)(phys_addr_t base, phys_addr_t size)
{
	return memblock_physmem_add_caller(base, size, MMSIM_RET_CALLER);
}

void (memblock_free)(void *ptr, size_t size)
{
	memblock_free_caller(ptr, size, MMSIM_RET_CALLER);
}

phys_addr_t (memblock_phys_alloc_range)(phys_addr_t size, phys_addr_t align,
					phys_addr_t start, phys_addr_t end)
{
	return memblock_phys_alloc_range_caller(size, align, start, end,
						MMSIM_RET_CALLER);
}

phys_addr_t (memblock_phys_alloc)(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range_caller(size, align, 0,
						MEMBLOCK_ALLOC_ACCESSIBLE,
						MMSIM_RET_CALLER);
}

void *(memblock_alloc_exact_nid_raw)(phys_addr_t size, phys_addr_t align,
				     phys_addr_t min_addr, phys_addr_t max_addr,
				     int nid)
{
	return memblock_alloc_exact_nid_raw_caller(size, align, min_addr,
						   max_addr, nid,
						   MMSIM_RET_CALLER);
}

void *(memblock_alloc_try_nid_raw)(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid)
{
	return memblock_alloc_try_nid_raw_caller(size, align, min_addr,
						 max_addr, nid,
						 MMSIM_RET_CALLER);
}

void *(memblock_alloc_try_nid)(phys_addr_t size, phys_addr_t align,
			       phys_addr_t min_addr, phys_addr_t max_addr,
			       int nid)
{
	return memblock_alloc_try_nid_caller(size, align, min_addr, max_addr,
					     nid, MMSIM_RET_CALLER);
}

void *(memblock_alloc)(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_caller(size, align, MEMBLOCK_LOW_LIMIT,
					     MEMBLOCK_ALLOC_ACCESSIBLE,
					     NUMA_NO_NODE, MMSIM_RET_CALLER);
}

void *(memblock_alloc_raw)(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_raw_caller(size, align, MEMBLOCK_LOW_LIMIT,
						 MEMBLOCK_ALLOC_ACCESSIBLE,
						 NUMA_NO_NODE,
						 MMSIM_RET_CALLER);
}

void *(memblock_alloc_from)(phys_addr_t size, phys_addr_t align,
			    phys_addr_t min_addr)
{
	return memblock_alloc_try_nid_caller(size, align, min_addr,
					     MEMBLOCK_ALLOC_ACCESSIBLE,
					     NUMA_NO_NODE, MMSIM_RET_CALLER);
}

void *(memblock_alloc_low)(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_caller(size, align, MEMBLOCK_LOW_LIMIT,
					     ARCH_LOW_ADDRESS_LIMIT,
					     NUMA_NO_NODE, MMSIM_RET_CALLER);
}

void *(memblock_alloc_node)(phys_addr_t size, phys_addr_t align, int nid)
{
	return memblock_alloc_try_nid_caller(size, align, MEMBLOCK_LOW_LIMIT,
					     MEMBLOCK_ALLOC_ACCESSIBLE, nid,
					     MMSIM_RET_CALLER);
}

void (memblock_free_late)(phys_addr_t base, phys_addr_t size)
{
	memblock_free_late_caller(base, size, MMSIM_RET_CALLER);
}

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	int idx = (int)memblock.memory.cnt - 1;

	return memblock.memory.regions[idx].base +
	       memblock.memory.regions[idx].size;
}

/*
 * The address where the first @limit bytes of memory end, or PHYS_ADDR_MAX
 * when there is no more memory than that.
 */
static phys_addr_t __find_max_addr(phys_addr_t limit)
{
	phys_addr_t max_addr = PHYS_ADDR_MAX;
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size) {
			max_addr = r->base + limit;
			break;
		}
		limit -= r->size;
	}
	return max_addr;
}

/* Keep only the first @limit bytes of memory (and reservations inside it). */
void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/* Keep only [base, base + size) of memory, except NOMAP regions. */
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	if (!size)
		return;
	if (!memblock.memory.total_size) {
		pr_warn("%s: No memory registered yet\n", __func__);
		return;
	}
	ret = memblock_isolate_range(&memblock.memory, base, size, &start_rgn,
				     &end_rgn);
	if (ret)
		return;

	for (i = (int)memblock.memory.cnt - 1; i >= end_rgn; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory, i);
	for (i = start_rgn - 1; i >= 0; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory, i);

	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

void memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_cap_memory_range(0, max_addr);
}

/* Index of the region of @type containing @addr, or -1 (binary search). */
static int memblock_search(struct memblock_type *type, phys_addr_t addr)
{
	unsigned int left = 0, right = (unsigned int)type->cnt;

	do {
		unsigned int mid = (right + left) / 2;

		if (addr < type->regions[mid].base)
			right = mid;
		else if (addr >= type->regions[mid].base + type->regions[mid].size)
			left = mid + 1;
		else
			return (int)mid;
	} while (left < right);
	return -1;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	if (i == -1)
		return false;
	return !memblock_is_nomap(&memblock.memory.regions[i]);
}

int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn)
{
	struct memblock_type *type = &memblock.memory;
	int mid = memblock_search(type, PFN_PHYS(pfn));

	if (mid == -1)
		return -1;
	*start_pfn = PFN_DOWN(type->regions[mid].base);
	*end_pfn = PFN_DOWN(type->regions[mid].base + type->regions[mid].size);
	return memblock_get_region_node(&type->regions[mid]);
}

/* Is all of [base, base + size) inside one memory region? */
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	int idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	if (idx == -1)
		return false;
	return memblock.memory.regions[idx].base +
		       memblock.memory.regions[idx].size >= end;
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/* Shrink every memory region to @align boundaries, dropping any that vanish. */
void memblock_trim_memory(phys_addr_t align)
{
	phys_addr_t start, end, orig_start, orig_end;
	struct memblock_region *r;

	for_each_mem_region(r) {
		orig_start = r->base;
		orig_end = r->base + r->size;
		start = round_up(orig_start, align);
		end = round_down(orig_end, align);

		if (start == orig_start && end == orig_end)
			continue;

		if (start < end) {
			/* total_size is left as it was, as in the kernel */
			mb_state.memory_trim_slack += r->size - (end - start);
			r->base = start;
			r->size = end - start;
		} else {
			memblock_remove_region(&memblock.memory,
					       r - memblock.memory.regions);
			r--;
		}
	}
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

void memblock_allow_resize(void)
{
	mb_state.can_resize = true;
}

static void memblock_dump(struct memblock_type *type)
{
	phys_addr_t base, end, size;
	enum memblock_flags flags;
	int idx;
	struct memblock_region *rgn;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);

	for_each_memblock_type(idx, type, rgn) {
		char nid_buf[32] = "";

		base = rgn->base;
		size = rgn->size;
		end = base + size - 1;
		flags = rgn->flags;
		if (current_machine->k_numa &&
		    memblock_get_region_node(rgn) != MAX_NUMNODES)
			scnprintf(nid_buf, sizeof(nid_buf), " on node %d",
				  memblock_get_region_node(rgn));
		pr_info(" %s[%#x]\t[%pa-%pa], %pa bytes%s flags: %#x\n",
			type->name, idx, &base, &end, &size, nid_buf, flags);
	}
}

void __memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %pa reserved size = %pa\n",
		&memblock.memory.total_size, &memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
	if (current_machine->k_have_physmem)
		memblock_dump(&mb_state.physmem);
}

void memblock_dump_all(void)
{
	if (mb_state.debug)
		__memblock_dump_all();
}

/* Check one type's invariants; prints the first violation. */
static int validate_type(struct memblock_type *type, phys_addr_t slack)
{
	phys_addr_t total = 0;
	unsigned long i;

	if (type->cnt < 1 || type->cnt > type->max) {
		pr_err("memblock: %s.cnt %lu out of range (max %lu)\n",
		       type->name, type->cnt, type->max);
		return -EINVAL;
	}
	if (type->cnt == 1 && type->regions[0].size == 0)
		return type->total_size != slack ? -EINVAL : 0;
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		total += r->size;
		if (!r->size) {
			pr_err("memblock: %s[%lu] is empty\n", type->name, i);
			return -EINVAL;
		}
		if (i == 0)
			continue;
		if (r[-1].base + r[-1].size > r->base) {
			pr_err("memblock: %s[%lu] overlaps or is out of order\n",
			       type->name, i);
			return -EINVAL;
		}
		if (r[-1].base + r[-1].size == r->base &&
		    r[-1].nid == r->nid && r[-1].flags == r->flags) {
			pr_err("memblock: %s[%lu] should have been merged\n",
			       type->name, i);
			return -EINVAL;
		}
	}
	if (total + slack != type->total_size) {
		pr_err("memblock: %s.total_size %#llx != sum %#llx + trimmed %#llx\n",
		       type->name, (unsigned long long)type->total_size,
		       (unsigned long long)total, (unsigned long long)slack);
		return -EINVAL;
	}
	return 0;
}

int memblock_validate(void)
{
	int ret = validate_type(&memblock.memory, mb_state.memory_trim_slack);

	return ret ? ret : validate_type(&memblock.reserved, 0);
}

/* memblock=debug: print every call and the MEMBLOCK configuration dumps. */
static int early_memblock(char *p)
{
	if (p && strstr(p, "debug"))
		mb_state.debug = true;
	return 0;
}
early_param("memblock", early_memblock);

/*
 * ------------------------------------------------------------------------
 * The hand-over: memblock_free_all() gives every free range to the buddy
 * allocator at mem_init().  Reserved ranges get PageReserved struct pages
 * (they stay out of the allocator); free ranges are cut into the largest
 * naturally aligned blocks, at most MAX_ORDER - 1:
 *
 *   pfn 0x100 .. 0x7fe0:  order min(10, __ffs(pfn)), shrunk to fit
 *     0x100 (o8) 0x200 (o9) 0x400 (o10) 0x800 (o10) ... 0x7c00 (o9) ...
 *
 * Pages past the first section of each node's last zone are deferred
 * (DEFERRED_STRUCT_PAGE_INIT): memblock_free_pages() skips them and
 * page_alloc_init_late() frees them later.
 * ------------------------------------------------------------------------
 */
#include "mm/internal.h"

static void __free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = start ? min_t(unsigned int, MAX_ORDER - 1, __builtin_ctzl(start)) :
					     MAX_ORDER - 1;

		while (start + (1UL << order) > end)
			order--;
		memblock_free_pages(pfn_to_page(start), start, order);
		start += 1UL << order;
	}
}

static unsigned long __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = min_t(unsigned long, PFN_DOWN(end), max_low_pfn);

	if (start_pfn >= end_pfn)
		return 0;
	__free_pages_memory(start_pfn, end_pfn);
	return end_pfn - start_pfn;
}

static void memmap_init_reserved_pages(void)
{
	struct memblock_region *region;
	phys_addr_t start, end;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end)
		reserve_bootmem_region(start, end);
	/* NOMAP memory is reserved too, as far as struct pages go */
	for_each_mem_region(region) {
		if (memblock_is_nomap(region)) {
			start = region->base;
			end = start + region->size;
			reserve_bootmem_region(start, end);
		}
	}
}

static unsigned long free_low_memory_core_early(void)
{
	unsigned long count = 0;
	phys_addr_t start, end;
	u64 i;

	memblock_clear_hotplug(0, -1);
	memmap_init_reserved_pages();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		count += __free_memory_core(start, end);
	return count;
}

static void reset_all_zones_managed_pages(void)
{
	int nid, z;

	for (nid = 0; nid < MMSIM_MAX_NUMNODES_LIMIT; nid++) {
		pg_data_t *pgdat = current_machine->mm.node_data[nid];

		if (!pgdat)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++)
			pgdat->node_zones[z].managed_pages.counter = 0;
	}
}

/* Where the kernel's mem_map holds the struct page of @pfn (FLATMEM). */
static phys_addr_t mem_map_entry_phys(unsigned long pfn)
{
	const struct mm_state *mm = &current_machine->mm;

	return mm->mem_map_phys +
	       (phys_addr_t)(pfn - mm->mem_map_start_pfn) * struct_page_size();
}

/* The whole pages of the kernel's mem_map that describe [@start_pfn, @end_pfn). */
static void free_memmap(unsigned long start_pfn, unsigned long end_pfn)
{
	phys_addr_t pg = PAGE_ALIGN(mem_map_entry_phys(start_pfn));
	phys_addr_t pgend = mem_map_entry_phys(end_pfn) & PAGE_MASK;

	/* free_unused_memmap() is inlined in memblock_free_all() */
	if (pg < pgend)
		memblock_phys_free_caller(pg, pgend - pg, "memblock_free_all");
}

/*
 * FLATMEM with pfn_valid() of its own (32-bit ARM): the parts of the one
 * mem_map array that describe holes between memory banks (mem= banks
 * apart) go back to memblock, each bank widened to whole pageblocks
 * first.  The banks come in address order.  mmsim's own struct pages
 * (a host array) stay; only the kernel's block in simulated RAM shrinks.
 */
static void free_unused_memmap(void)
{
	unsigned long start, end, prev_end = 0;
	int i;

	if (!IS_ENABLED(CONFIG_HAVE_ARCH_PFN_VALID) || IS_ENABLED(CONFIG_SPARSEMEM) ||
	    !current_machine->mm.mem_map_phys)
		return;         /* SPARSEMEM without VMEMMAP: not modelled */
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, NULL) {
		start = pageblock_start_pfn(start);
		if (prev_end && prev_end < start)
			free_memmap(prev_end, start);
		prev_end = pageblock_align(end);
	}
}

void memblock_free_all(void)
{
	unsigned long pages;

	free_unused_memmap();
	reset_all_zones_managed_pages();
	pages = free_low_memory_core_early();
	totalram_pages_add((long)pages);
}
