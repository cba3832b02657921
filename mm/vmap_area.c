// SPDX-License-Identifier: MIT
/*
 * mm/vmap_area.c — the allocator of kernel virtual addresses behind
 * vmalloc, vmap, vm_map_ram and the per-CPU chunks.
 *
 * Kernel counterpart: mm/vmalloc.c, "Global kva allocator" (Linux 6.1,
 * the design of Uladzislau Rezki, 2019), pcpu_get_vm_areas() and
 * vmap_init_free_space().
 *
 * Every address in [1, ULONG_MAX) is, at any quiet moment, in exactly one
 * struct vmap_area of exactly one of three sets:
 *
 *   busy    vmap_area_root / vmap_area_list      handed out
 *   free    free_vmap_area_root / _list          available
 *   lazy    purge_vmap_area_root / _list         freed and unmapped, but
 *                                                the TLBs may still hold
 *                                                the old translations
 *
 *   ....|busy|  free  |busy|lazy|  free   |busy|busy|   free ........
 *
 * Each set is a red-black tree by address plus a list in address order
 * (the list gives O(1) neighbours when merging).  The free tree is
 * augmented: each node also records subtree_max_size, the largest free
 * area in its subtree, so that the lowest free area that can hold a
 * request is found in O(log n) (find_vmap_lowest_match()):
 *
 *   go left while the left subtree has a big enough area and lies above
 *   vstart; else take this node if the request fits in it (after
 *   alignment); else go right if the right subtree is big enough; else
 *   climb back to the first ancestor with a big enough right subtree.
 *
 * Free areas never touch (a freed area is merged with its neighbours), so
 * the free set is the set of maximal holes.  Allocating from a free area
 * cuts it in one of four ways:
 *
 *   FL (full)  |#######|       LE (left edge)  |###|...|
 *   RE (right) |...|###|       NE (no edge)    |.|###|.|  <- one more object
 *
 * Lazy freeing: vfree() unmaps the pages at once but puts the address
 * range on the purge list; only when more than lazy_max_pages() pages are
 * waiting (32 MiB times log2 of the CPU count, rounded up) is the whole
 * list merged back into the free tree after one TLB flush.  A failing
 * allocation purges first and retries once.
 *
 * mmsim has no workqueues: the kernel's drain_vmap_work is run at the end
 * of the vfree/vunmap call that scheduled it (vmalloc_run_deferred_work()),
 * which is where the kernel's worker would most likely run it.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/bitmap.h"
#include "linux/printk.h"
#include "linux/rbtree_augmented.h"
#include "linux/smp.h"
#include "mm/vmalloc_internal.h"

unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static unsigned long max3_ul(unsigned long a, unsigned long b, unsigned long c)
{
	return max(a, max(b, c));
}

static unsigned long get_subtree_max_size(const struct rb_node *node)
{
	const struct vmap_area *va = rb_entry_safe(node, struct vmap_area, rb_node);

	return va ? va->subtree_max_size : 0;
}

RB_DECLARE_CALLBACKS_MAX(static, free_vmap_area_rb_augment_cb,
			 struct vmap_area, rb_node, unsigned long,
			 subtree_max_size, va_size);

/* --- lookups ----------------------------------------------------------------- */

/* The lowest busy area with va_end > @addr, or NULL. */
struct vmap_area *find_vmap_area_exceed_addr(unsigned long addr)
{
	struct rb_node *n = vmap_area_root.rb_node;
	struct vmap_area *best = NULL;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (va->va_end <= addr) {
			n = n->rb_right;
			continue;
		}
		best = va;
		if (va->va_start <= addr)
			break;
		n = n->rb_left;
	}
	return best;
}

/* The area of @root containing @addr, or NULL. */
struct vmap_area *__find_vmap_area(unsigned long addr, struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area(addr, &vmap_area_root);
	spin_unlock(&vmap_area_lock);
	return va;
}

/* --- linking into a tree and its list --------------------------------------------- */

/*
 * Where @va would hang: descend from @root (or from node @from) to an
 * empty link; *parent gets its owner.  NULL, after a warning, when @va
 * overlaps an area on the way: the caller must not insert it.
 */
static struct rb_node **find_va_links(struct vmap_area *va,
				      struct rb_root *root,
				      struct rb_node *from,
				      struct rb_node **parent)
{
	struct rb_node *node = root ? root->rb_node : from, **link;

	if (!node) {
		*parent = NULL;
		return &root->rb_node;
	}
	for (;;) {
		struct vmap_area *cur = rb_entry(node, struct vmap_area, rb_node);

		if (va->va_end <= cur->va_start) {
			link = &node->rb_left;
		} else if (va->va_start >= cur->va_end) {
			link = &node->rb_right;
		} else {
			pr_warn("vmalloc bug: 0x%lx-0x%lx overlaps with 0x%lx-0x%lx\n",
				va->va_start, va->va_end, cur->va_start,
				cur->va_end);
			WARN_ON(1);
			return NULL;
		}
		if (!*link)
			break;
		node = *link;
	}
	*parent = node;
	return link;
}

/*
 * The list position right after @va once it hangs on @link of @parent:
 * the parent's list entry if @va goes to its left, the parent's next
 * entry if to its right.  NULL for an empty tree.
 */
static struct list_head *get_va_next_sibling(struct rb_node *parent,
					     struct rb_node **link)
{
	struct list_head *list;

	if (!parent)
		return NULL;
	list = &rb_entry(parent, struct vmap_area, rb_node)->list;
	return &parent->rb_right == link ? list->next : list;
}

static void __link_va(struct vmap_area *va, struct rb_root *root,
		      struct rb_node *parent, struct rb_node **link,
		      struct list_head *head, bool augment)
{
	struct list_head *prev = head;

	if (parent) {
		prev = &rb_entry(parent, struct vmap_area, rb_node)->list;
		if (&parent->rb_right != link)
			prev = prev->prev;
	}
	rb_link_node(&va->rb_node, parent, link);
	if (augment) {
		/* counted by augment_tree_propagate_from() afterwards */
		va->subtree_max_size = 0;
		rb_insert_augmented(&va->rb_node, root,
				    &free_vmap_area_rb_augment_cb);
		va->subtree_max_size = 0;
	} else {
		rb_insert_color(&va->rb_node, root);
	}
	list_add(&va->list, prev);
}

static void __unlink_va(struct vmap_area *va, struct rb_root *root,
			bool augment)
{
	if (WARN_ON(RB_EMPTY_NODE(&va->rb_node)))
		return;
	if (augment)
		rb_erase_augmented(&va->rb_node, root,
				   &free_vmap_area_rb_augment_cb);
	else
		rb_erase(&va->rb_node, root);
	list_del_init(&va->list);
	RB_CLEAR_NODE(&va->rb_node);
}

/*
 * Recompute subtree_max_size from @va upwards, stopping at the first node
 * whose value does not change: after inserting @va, shrinking it
 * (allocation) or growing it (merging).
 */
static void augment_tree_propagate_from(struct vmap_area *va)
{
	free_vmap_area_rb_augment_cb_propagate(&va->rb_node, NULL);
}

void insert_vmap_area(struct vmap_area *va, struct rb_root *root,
		      struct list_head *head)
{
	struct rb_node *parent, **link = find_va_links(va, root, NULL, &parent);

	if (link)
		__link_va(va, root, parent, link, head, false);
}

static void insert_vmap_area_augment(struct vmap_area *va,
				     struct rb_node *from,
				     struct rb_root *root,
				     struct list_head *head)
{
	struct rb_node *parent, **link;

	link = from ? find_va_links(va, NULL, from, &parent) :
		      find_va_links(va, root, NULL, &parent);
	if (!link)
		return;
	__link_va(va, root, parent, link, head, true);
	augment_tree_propagate_from(va);
}

/*
 * Give @va back to the set @root/@head, merging it with the area that
 * ends where it starts and the one that starts where it ends.  Returns
 * the area now holding @va's range (@va itself, or a neighbour that
 * absorbed it: @va is then freed), or NULL when @va overlaps something.
 *
 *   |<- prev ->|<-- va -->|<- next ->|   ==>   |<-------- prev -------->|
 */
static struct vmap_area *__merge_or_add_vmap_area(struct vmap_area *va,
						  struct rb_root *root,
						  struct list_head *head,
						  bool augment)
{
	struct rb_node *parent, **link;
	struct list_head *next;
	struct vmap_area *sib;
	bool merged = false;

	link = find_va_links(va, root, NULL, &parent);
	if (!link)
		return NULL;
	next = get_va_next_sibling(parent, link);
	if (!next)
		goto insert;

	if (next != head) {
		sib = list_entry(next, struct vmap_area, list);
		if (sib->va_start == va->va_end) {
			sib->va_start = va->va_start;
			va_free(va);
			va = sib;
			merged = true;
		}
	}
	if (next->prev != head) {
		sib = list_entry(next->prev, struct vmap_area, list);
		if (sib->va_end == va->va_start) {
			/*
			 * Merging on both sides: take the absorbed next area
			 * out first, so no stale maximum is left in the tree
			 * when the previous one grows.
			 */
			if (merged)
				__unlink_va(va, root, augment);
			sib->va_end = va->va_end;
			va_free(va);
			va = sib;
			merged = true;
		}
	}
insert:
	if (!merged)
		__link_va(va, root, parent, link, head, augment);
	return va;
}

static struct vmap_area *merge_or_add_vmap_area(struct vmap_area *va,
						struct rb_root *root,
						struct list_head *head)
{
	return __merge_or_add_vmap_area(va, root, head, false);
}

static struct vmap_area *merge_or_add_vmap_area_augment(struct vmap_area *va,
							struct rb_root *root,
							struct list_head *head)
{
	va = __merge_or_add_vmap_area(va, root, head, true);
	if (va)
		augment_tree_propagate_from(va);
	return va;
}

/* --- finding and cutting a free area ---------------------------------------------- */

/* Does [ALIGN(max(va_start, vstart)), + size) fit in @va? */
static bool is_within_this_va(const struct vmap_area *va, unsigned long size,
			      unsigned long align, unsigned long vstart)
{
	unsigned long start = ALIGN(max(va->va_start, vstart), align);

	/* alignment or size may wrap around the top of the address space */
	if (start + size < start || start < vstart)
		return false;
	return start + size <= va->va_end;
}

/*
 * The free area with the lowest address that can hold @size bytes at
 * @align at or above @vstart, or NULL.  @length is what a subtree must
 * offer to be worth entering (size, plus align - 1 for the worst case of
 * alignment when @adjust_search_size).
 */
static struct vmap_area *find_vmap_lowest_match(struct rb_root *root,
						unsigned long size,
						unsigned long align,
						unsigned long vstart,
						bool adjust_search_size)
{
	unsigned long length = adjust_search_size ? size + align - 1 : size;
	struct rb_node *node = root->rb_node;
	struct vmap_area *va;

	while (node) {
		va = rb_entry(node, struct vmap_area, rb_node);
		if (get_subtree_max_size(node->rb_left) >= length &&
		    vstart < va->va_start) {
			node = node->rb_left;
			continue;
		}
		if (is_within_this_va(va, size, align, vstart))
			return va;
		if (get_subtree_max_size(node->rb_right) >= length) {
			node = node->rb_right;
			continue;
		}
		/*
		 * Nothing here or below: climb to the first ancestor that
		 * fits itself or whose right subtree may.  Moving vstart
		 * past that ancestor keeps the left side, already searched,
		 * from being entered again.
		 */
		while ((node = rb_parent(node))) {
			va = rb_entry(node, struct vmap_area, rb_node);
			if (is_within_this_va(va, size, align, vstart))
				return va;
			if (get_subtree_max_size(node->rb_right) >= length &&
			    vstart <= va->va_start) {
				vstart = va->va_start + 1;
				node = node->rb_right;
				break;
			}
		}
	}
	return NULL;
}

enum fit_type {
	NOTHING_FIT = 0,
	FL_FIT_TYPE = 1,   /* the request is the whole free area */
	LE_FIT_TYPE = 2,   /* it starts where the free area starts */
	RE_FIT_TYPE = 3,   /* it ends where the free area ends */
	NE_FIT_TYPE = 4,   /* free space is left on both sides */
};

static enum fit_type classify_va_fit_type(const struct vmap_area *va,
					  unsigned long nva_start_addr,
					  unsigned long size)
{
	bool at_start, at_end;

	if (nva_start_addr < va->va_start ||
	    nva_start_addr + size > va->va_end)
		return NOTHING_FIT;
	at_start = va->va_start == nva_start_addr;
	at_end = va->va_end == nva_start_addr + size;
	if (at_start)
		return at_end ? FL_FIT_TYPE : LE_FIT_TYPE;
	return at_end ? RE_FIT_TYPE : NE_FIT_TYPE;
}

static unsigned int this_cpu_slot(void)
{
	unsigned int cpu = (unsigned int)smp_processor_id();

	return cpu < vms_state.nr_cpus ? cpu : 0;
}

/* The preloaded spare object of this CPU, or a fresh one. */
static struct vmap_area *take_ne_fit_object(void)
{
	struct vmap_area *lva = NULL;

	if (vms_state.ne_fit_preload) {
		struct vmap_area **slot = &vms_state.ne_fit_preload[this_cpu_slot()];

		lva = __atomic_exchange_n(slot, NULL, __ATOMIC_ACQ_REL);
	}
	if (!lva)
		lva = va_alloc(GFP_NOWAIT, NUMA_NO_NODE);
	return lva;
}

/*
 * Cut [nva_start_addr, + size) out of free area @va (see the four fit
 * types above).  0, or -1 when it does not fit or no object could be had
 * for the left-over piece.
 */
static int adjust_va_to_fit_type(struct rb_root *root, struct list_head *head,
			  struct vmap_area *va, unsigned long nva_start_addr,
			  unsigned long size)
{
	enum fit_type type = classify_va_fit_type(va, nva_start_addr, size);
	struct vmap_area *lva = NULL;

	switch (type) {
	case FL_FIT_TYPE:
		__unlink_va(va, root, true);
		va_free(va);
		return 0;
	case LE_FIT_TYPE:
		va->va_start += size;
		break;
	case RE_FIT_TYPE:
		va->va_end = nva_start_addr;
		break;
	case NE_FIT_TYPE:
		lva = take_ne_fit_object();
		if (!lva)
			return -1;
		lva->va_start = va->va_start;
		lva->va_end = nva_start_addr;
		va->va_start = nva_start_addr + size;
		break;
	default:
		return -1;
	}
	augment_tree_propagate_from(va);
	if (lva)
		insert_vmap_area_augment(lva, &va->rb_node, root, head);
	return 0;
}

/*
 * Carve @size bytes at @align out of the free tree, within [vstart,
 * vend).  Returns the start, or @vend when nothing fits.
 */
static unsigned long __alloc_vmap_area(struct rb_root *root,
				       struct list_head *head,
				       unsigned long size, unsigned long align,
				       unsigned long vstart, unsigned long vend)
{
	bool adjust = align > PAGE_SIZE && vend - vstart != size;
	unsigned long nva_start_addr;
	struct vmap_area *va;

	va = find_vmap_lowest_match(root, size, align, vstart, adjust);
	if (!va)
		return vend;
	nva_start_addr = ALIGN(max(va->va_start, vstart), align);
	if (nva_start_addr + size > vend)
		return vend;
	if (WARN_ON_ONCE(adjust_va_to_fit_type(root, head, va, nva_start_addr,
					       size)))
		return vend;
	return nva_start_addr;
}

/* Back to the free set at once (no lazy purge): only never-mapped areas. */
void free_vmap_area(struct vmap_area *va)
{
	spin_lock(&vmap_area_lock);
	__unlink_va(va, &vmap_area_root, false);
	spin_unlock(&vmap_area_lock);

	spin_lock(&free_vmap_area_lock);
	merge_or_add_vmap_area_augment(va, &free_vmap_area_root,
				       &free_vmap_area_list);
	spin_unlock(&free_vmap_area_lock);
}

/*
 * Make sure this CPU holds a spare vmap_area for an NE split before
 * taking @lock: the split itself happens under the lock, where the
 * kernel may not sleep to allocate.
 */
static void preload_this_cpu_lock(spinlock_t *lock, gfp_t gfp_mask, int node)
{
	struct vmap_area *va = NULL, *expected = NULL;
	struct vmap_area **slot = NULL;

	if (vms_state.ne_fit_preload) {
		slot = &vms_state.ne_fit_preload[this_cpu_slot()];
		if (!__atomic_load_n(slot, __ATOMIC_ACQUIRE))
			va = va_alloc(gfp_mask, node);
	}
	spin_lock(lock);
	if (va && !__atomic_compare_exchange_n(slot, &expected, va, false,
					       __ATOMIC_ACQ_REL,
					       __ATOMIC_ACQUIRE))
		va_free(va);
}

/*
 * A busy area of @size bytes (a multiple of PAGE_SIZE) at @align (a power
 * of two) in [vstart, vend), lowest address first.  On overflow, purge the
 * lazy areas and retry once.  ERR_PTR(-EBUSY) before vmalloc_init() or
 * when there is no room, ERR_PTR(-ENOMEM) without memory.
 */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend,
				  int node, gfp_t gfp_mask)
{
	struct vmap_area *va;
	unsigned long addr;
	bool purged = false;

	BUG_ON(!size);
	BUG_ON(!PAGE_ALIGNED(size));
	BUG_ON(!is_power_of_2(align));
	if (unlikely(!vmap_initialized))
		return ERR_PTR(-EBUSY);

	gfp_mask &= GFP_RECLAIM_MASK;
	va = va_alloc(gfp_mask, node);
	if (unlikely(!va))
		return ERR_PTR(-ENOMEM);
retry:
	preload_this_cpu_lock(&free_vmap_area_lock, gfp_mask, node);
	addr = __alloc_vmap_area(&free_vmap_area_root, &free_vmap_area_list,
				 size, align, vstart, vend);
	spin_unlock(&free_vmap_area_lock);
	if (unlikely(addr == vend)) {
		if (!purged) {
			purge_vmap_area_lazy();
			purged = true;
			goto retry;
		}
		if (!(gfp_mask & __GFP_NOWARN))
			pr_warn("vmap allocation for size %lu failed: use vmalloc=<size> to increase size\n",
				size);
		va_free(va);
		return ERR_PTR(-EBUSY);
	}

	va->va_start = addr;
	va->va_end = addr + size;
	va->vm = NULL;
	spin_lock(&vmap_area_lock);
	insert_vmap_area(va, &vmap_area_root, &vmap_area_list);
	spin_unlock(&vmap_area_lock);

	BUG_ON(!IS_ALIGNED(va->va_start, align));
	BUG_ON(va->va_start < vstart);
	BUG_ON(va->va_end > vend);
	return va;
}

/* --- lazy freeing ----------------------------------------------------------------- */

/* Pages of lazily freed address space tolerated before a purge. */
unsigned long lazy_max_pages(void)
{
	unsigned int log = (unsigned int)fls((int)vmalloc_num_online_cpus());

	return log * (32UL * 1024 * 1024 / PAGE_SIZE);
}

/*
 * Flush the TLBs for everything on the purge list (one flush over
 * [min(start, first), max(end, last)); a no-op in mmsim, whose host
 * mappings were already removed) and merge it all back into the free
 * tree.  Caller holds vmap_purge_lock.  false when the list was empty.
 */
bool __purge_vmap_area_lazy(unsigned long start, unsigned long end)
{
	struct list_head local;
	struct vmap_area *va, *n_va;

	lockdep_assert_held(&vmap_purge_lock);
	INIT_LIST_HEAD(&local);
	spin_lock(&purge_vmap_area_lock);
	purge_vmap_area_root = RB_ROOT;
	if (!list_empty(&purge_vmap_area_list)) {
		local.next = purge_vmap_area_list.next;
		local.prev = purge_vmap_area_list.prev;
		local.next->prev = &local;
		local.prev->next = &local;
		INIT_LIST_HEAD(&purge_vmap_area_list);
	}
	spin_unlock(&purge_vmap_area_lock);
	if (list_empty(&local))
		return false;

	start = min(start, list_first_entry(&local, struct vmap_area, list)->va_start);
	end = max(end, list_last_entry(&local, struct vmap_area, list)->va_end);
	(void)start; /* flush_tlb_kernel_range(start, end): no TLB in mmsim */
	(void)end;

	spin_lock(&free_vmap_area_lock);
	list_for_each_entry_safe(va, n_va, &local, list) {
		long nr = (long)(va_size(va) >> PAGE_SHIFT);

		/* detached from the purge tree already: no unlink needed */
		if (!merge_or_add_vmap_area_augment(va, &free_vmap_area_root,
						    &free_vmap_area_list))
			continue;
		vm_atomic_add(&vms_state.lazy_nr, -nr);
	}
	spin_unlock(&free_vmap_area_lock);
	return true;
}

void purge_vmap_area_lazy(void)
{
	spin_lock(&vmap_purge_lock);
	purge_fragmented_blocks_allcpus();
	__purge_vmap_area_lazy(ULONG_MAX, 0);
	spin_unlock(&vmap_purge_lock);
}

/* drain_vmap_work: purge until no more than lazy_max_pages() wait. */
static void drain_vmap_area_work(void)
{
	do {
		spin_lock(&vmap_purge_lock);
		__purge_vmap_area_lazy(ULONG_MAX, 0);
		spin_unlock(&vmap_purge_lock);
	} while ((unsigned long)vm_atomic_read(&vms_state.lazy_nr) >
		 lazy_max_pages());
}

/* Run the drain if free_vmap_area_noflush() scheduled it. */
void vmalloc_run_drain_work(void)
{
	if (!__atomic_exchange_n(&vms_state.drain_pending, false,
				 __ATOMIC_ACQ_REL))
		return;
	drain_vmap_area_work();
}

/*
 * Busy -> lazy.  The caller has unmapped the range.  Schedules a drain
 * when too much address space waits.
 */
void free_vmap_area_noflush(struct vmap_area *va)
{
	unsigned long nr_lazy;

	spin_lock(&vmap_area_lock);
	__unlink_va(va, &vmap_area_root, false);
	spin_unlock(&vmap_area_lock);

	nr_lazy = (unsigned long)vm_atomic_add(&vms_state.lazy_nr,
					       (long)(va_size(va) >> PAGE_SHIFT));
	spin_lock(&purge_vmap_area_lock);
	merge_or_add_vmap_area(va, &purge_vmap_area_root, &purge_vmap_area_list);
	spin_unlock(&purge_vmap_area_lock);

	if (unlikely(nr_lazy > lazy_max_pages()))
		__atomic_store_n(&vms_state.drain_pending, true, __ATOMIC_RELEASE);
}

/* Unmap the whole area (pages and host view), then free it lazily. */
void free_unmap_vmap_area(struct vmap_area *va)
{
	vunmap_range_noflush(va->va_start, va->va_end);
	free_vmap_area_noflush(va);
}

/* --- boot --------------------------------------------------------------------- */

static void add_free_space(unsigned long start, unsigned long end)
{
	struct vmap_area *free = va_alloc(GFP_NOWAIT, NUMA_NO_NODE);

	if (WARN_ON_ONCE(!free))
		return;
	free->va_start = start;
	free->va_end = end;
	insert_vmap_area_augment(free, NULL, &free_vmap_area_root,
				 &free_vmap_area_list);
}

/*
 * The free tree at vmalloc_init(): every gap of [1, ULONG_MAX) between
 * the busy areas imported from vmlist.
 *
 *     B     F     B     B     F
 *   |---|.......|---|---|..........|
 */
void vmap_init_free_space(void)
{
	unsigned long start = 1;
	const unsigned long end = ULONG_MAX;
	struct vmap_area *busy;

	list_for_each_entry(busy, &vmap_area_list, list) {
		if (busy->va_start > start)
			add_free_space(start, busy->va_start);
		start = busy->va_end;
	}
	if (end > start)
		add_free_space(start, end);
}

/* --- per-CPU chunks ---------------------------------------------------------------- */

/* The free area with the highest start <= @addr, or NULL. */
static struct vmap_area *pvm_find_va_enclose_addr(unsigned long addr)
{
	struct rb_node *n = free_vmap_area_root.rb_node;
	struct vmap_area *best = NULL;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (va->va_start > addr) {
			n = n->rb_left;
			continue;
		}
		best = va;
		if (va->va_end >= addr)
			break;
		n = n->rb_right;
	}
	return best;
}

/*
 * Walking down the free list from *@va: the highest usable end (aligned,
 * at most the aligned VMALLOC_END) of a free area that still has room
 * below it; *@va is left at that area.  0 when none is left.
 */
static unsigned long pvm_determine_end_from_reverse(struct vmap_area **va,
						    unsigned long align)
{
	unsigned long vmalloc_end = VMALLOC_END & ~(align - 1);
	struct list_head *pos;

	if (!*va)
		return 0;
	for (pos = &(*va)->list; pos != &free_vmap_area_list; pos = pos->prev) {
		unsigned long addr;

		*va = list_entry(pos, struct vmap_area, list);
		addr = min((*va)->va_end & ~(align - 1), vmalloc_end);
		if ((*va)->va_start < addr)
			return addr;
	}
	*va = NULL;
	return 0;
}

static struct vmap_area *va_prev_free(struct vmap_area *va)
{
	return rb_entry_safe(rb_prev(&va->rb_node), struct vmap_area, rb_node);
}

/*
 * Find one base such that every [base + offsets[i], + sizes[i]) lies in a
 * free area, as high as possible.  Start with the highest group ending at
 * the top of the free space; whenever a group does not fit, lower the
 * base to the next place that group could fit and restart the round
 * there (term_area); done when a full round fits.  Under
 * free_vmap_area_lock.  The base, or 0 after overflowing below
 * VMALLOC_START.
 */
static unsigned long pvm_find_base(const unsigned long *offsets,
				   const size_t *sizes, int nr_vms,
				   size_t align, int last_area)
{
	const unsigned long vmalloc_start = ALIGN(VMALLOC_START, align);
	unsigned long last_end = offsets[last_area] + sizes[last_area];
	int area = last_area, term_area = last_area;
	unsigned long start = offsets[area], end = start + sizes[area], base;
	struct vmap_area *va = pvm_find_va_enclose_addr(VMALLOC_END & ~(align - 1));

	base = pvm_determine_end_from_reverse(&va, align) - end;
	for (;;) {
		/* base may have wrapped below zero: compare shifted up */
		if (base + last_end < vmalloc_start + last_end || !va)
			return 0;
		if (base + end > va->va_end) {
			base = pvm_determine_end_from_reverse(&va, align) - end;
			term_area = area;
			continue;
		}
		if (base + start < va->va_start) {
			va = va_prev_free(va);
			base = pvm_determine_end_from_reverse(&va, align) - end;
			term_area = area;
			continue;
		}
		area = (area + nr_vms - 1) % nr_vms;
		if (area == term_area)
			return base;
		start = offsets[area];
		end = start + sizes[area];
		va = pvm_find_va_enclose_addr(base + end);
	}
}

/* Cut every area out of the free tree at @base; false (undone) on failure. */
static bool pvm_claim(struct vmap_area **vas, const unsigned long *offsets,
		      const size_t *sizes, int nr_vms, unsigned long base)
{
	int area;

	for (area = 0; area < nr_vms; area++) {
		unsigned long start = base + offsets[area];
		struct vmap_area *va = pvm_find_va_enclose_addr(start);

		if (WARN_ON_ONCE(!va) ||
		    WARN_ON_ONCE(adjust_va_to_fit_type(&free_vmap_area_root,
						       &free_vmap_area_list, va,
						       start, sizes[area])))
			goto recovery;
		vas[area]->va_start = start;
		vas[area]->va_end = start + sizes[area];
	}
	return true;

recovery:
	while (area--) {
		merge_or_add_vmap_area_augment(vas[area], &free_vmap_area_root,
					       &free_vmap_area_list);
		vas[area] = NULL;
	}
	return false;
}

static void pvm_check_args(const unsigned long *offsets, const size_t *sizes,
			   int nr_vms, size_t align, int *last_area)
{
	int area, area2;

	BUG_ON(!PAGE_ALIGNED(align) || !is_power_of_2(align));
	*last_area = 0;
	for (area = 0; area < nr_vms; area++) {
		unsigned long start = offsets[area], end = start + sizes[area];

		BUG_ON(!IS_ALIGNED(offsets[area], align));
		BUG_ON(!IS_ALIGNED(sizes[area], align));
		if (start > offsets[*last_area])
			*last_area = area;
		for (area2 = area + 1; area2 < nr_vms; area2++) {
			unsigned long start2 = offsets[area2];

			BUG_ON(start2 < end && start < start2 + sizes[area2]);
		}
	}
}

static void pvm_free_arrays(struct vmap_area **vas, struct vm_struct **vms,
			    int nr_vms)
{
	int area;

	for (area = 0; area < nr_vms; area++) {
		if (vas && vas[area])
			va_free(vas[area]);
		if (vms)
			vmap_kfree(vms[area]);
	}
	vmap_kfree(vas);
	vmap_kfree(vms);
}

struct vm_struct **pcpu_get_vm_areas(const unsigned long *offsets,
				     const size_t *sizes, int nr_vms,
				     size_t align)
{
	const unsigned long vmalloc_start = ALIGN(VMALLOC_START, align);
	const unsigned long vmalloc_end = VMALLOC_END & ~(align - 1);
	struct vmap_area **vas;
	struct vm_struct **vms;
	bool purged = false;
	unsigned long base;
	int area, last_area;

	pvm_check_args(offsets, sizes, nr_vms, align, &last_area);
	if (vmalloc_end - vmalloc_start < offsets[last_area] + sizes[last_area]) {
		WARN_ON(true);
		return NULL;
	}
	vms = vmap_kzalloc(nr_vms * sizeof(vms[0]), GFP_KERNEL, NUMA_NO_NODE);
	vas = vmap_kzalloc(nr_vms * sizeof(vas[0]), GFP_KERNEL, NUMA_NO_NODE);
	if (!vas || !vms)
		goto err_free;
	for (area = 0; area < nr_vms; area++) {
		vas[area] = va_alloc(GFP_KERNEL, NUMA_NO_NODE);
		vms[area] = vmap_kzalloc(sizeof(*vms[area]), GFP_KERNEL, NUMA_NO_NODE);
		if (!vas[area] || !vms[area])
			goto err_free;
	}
retry:
	spin_lock(&free_vmap_area_lock);
	base = pvm_find_base(offsets, sizes, nr_vms, align, last_area);
	if (!base || !pvm_claim(vas, offsets, sizes, nr_vms, base)) {
		spin_unlock(&free_vmap_area_lock);
		if (purged)
			goto err_free;
		purge_vmap_area_lazy();
		purged = true;
		for (area = 0; area < nr_vms; area++) {
			if (!vas[area])
				vas[area] = va_alloc(GFP_KERNEL, NUMA_NO_NODE);
			if (!vas[area])
				goto err_free;
		}
		goto retry;
	}
	spin_unlock(&free_vmap_area_lock);

	spin_lock(&vmap_area_lock);
	for (area = 0; area < nr_vms; area++) {
		insert_vmap_area(vas[area], &vmap_area_root, &vmap_area_list);
		setup_vmalloc_vm_locked(vms[area], vas[area], VM_ALLOC,
					"pcpu_get_vm_areas");
	}
	spin_unlock(&vmap_area_lock);
	vmap_kfree(vas);
	return vms;

err_free:
	pvm_free_arrays(vas, vms, nr_vms);
	return NULL;
}

void pcpu_free_vm_areas(struct vm_struct **vms, int nr_vms)
{
	int i;

	for (i = 0; i < nr_vms; i++)
		free_vm_area(vms[i]);
	vmap_kfree(vms);
}

/* --- the validator ------------------------------------------------------------- */

struct va_census {
	unsigned long pages;
	unsigned long count;
};

/*
 * One set: the tree is a valid red-black tree whose in-order walk is the
 * list; areas are page aligned (except the free space's edges at 1 and
 * ULONG_MAX), non-empty, sorted and disjoint; in the free set they never
 * touch and subtree_max_size is exact.
 */
static int validate_set(const char *name, struct rb_root *root,
			struct list_head *head, bool is_free,
			struct va_census *census)
{
	struct rb_node *n = rb_first(root);
	struct vmap_area *va, *prev = NULL;
	const char *why;

	if (rb_tree_check(root, NULL, &why)) {
		pr_err("vmalloc: %s tree: %s\n", name, why);
		return -EINVAL;
	}
	list_for_each_entry(va, head, list) {
		if (!n || rb_entry(n, struct vmap_area, rb_node) != va) {
			pr_err("vmalloc: %s list and tree disagree at 0x%lx\n",
			       name, va->va_start);
			return -EINVAL;
		}
		n = rb_next(n);
		if (va->va_start >= va->va_end) {
			pr_err("vmalloc: %s area 0x%lx-0x%lx is empty\n", name,
			       va->va_start, va->va_end);
			return -EINVAL;
		}
		if (prev && (prev->va_end > va->va_start ||
			     (is_free && prev->va_end == va->va_start))) {
			pr_err("vmalloc: %s areas 0x%lx-0x%lx and 0x%lx-0x%lx %s\n",
			       name, prev->va_start, prev->va_end, va->va_start,
			       va->va_end,
			       prev->va_end > va->va_start ? "overlap" : "touch");
			return -EINVAL;
		}
		if (is_free) {
			unsigned long want = max3_ul(va_size(va),
						     get_subtree_max_size(va->rb_node.rb_left),
						     get_subtree_max_size(va->rb_node.rb_right));

			if (va->subtree_max_size != want) {
				pr_err("vmalloc: free area 0x%lx-0x%lx: subtree_max_size %lu, should be %lu\n",
				       va->va_start, va->va_end,
				       va->subtree_max_size, want);
				return -EINVAL;
			}
		}
		census->pages += va_size(va) >> PAGE_SHIFT;
		census->count++;
		prev = va;
	}
	if (n) {
		pr_err("vmalloc: %s tree has areas its list lacks\n", name);
		return -EINVAL;
	}
	return 0;
}

/*
 * Walk the three lists together in address order: consecutive areas
 * (whatever their set) must meet exactly, from 1 up to ULONG_MAX.
 */
static int validate_coverage(void)
{
	struct list_head *heads[3] = { &vmap_area_list, &free_vmap_area_list,
				       &purge_vmap_area_list };
	struct list_head *pos[3];
	unsigned long at = 1;
	int i;

	for (i = 0; i < 3; i++)
		pos[i] = heads[i]->next;
	for (;;) {
		struct vmap_area *next = NULL;
		int which = -1;

		for (i = 0; i < 3; i++) {
			struct vmap_area *va;

			if (pos[i] == heads[i])
				continue;
			va = list_entry(pos[i], struct vmap_area, list);
			if (!next || va->va_start < next->va_start) {
				next = va;
				which = i;
			}
		}
		if (!next)
			break;
		if (next->va_start != at) {
			pr_err("vmalloc: address 0x%lx..0x%lx is in no set\n", at,
			       next->va_start);
			return -EINVAL;
		}
		at = next->va_end;
		pos[which] = pos[which]->next;
	}
	if (at != ULONG_MAX) {
		pr_err("vmalloc: the sets end at 0x%lx, not at the top\n", at);
		return -EINVAL;
	}
	return 0;
}

/* Busy areas: their vm_struct describes them; the page counter adds up. */
static int validate_busy_areas(void)
{
	unsigned long alloc_pages = 0;
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *vm = va->vm;

		if (!vm)
			continue;
		if (vm->addr != vmalloc_host(va->va_start)) {
			pr_err("vmalloc: area 0x%lx: vm->addr %p is not its host address\n",
			       va->va_start, vm->addr);
			return -EINVAL;
		}
		if (vm->size != va_size(va) ||
		    (unsigned long)vm->nr_pages > (vm->size >> PAGE_SHIFT)) {
			pr_err("vmalloc: area 0x%lx: size %lu / %u pages for an area of %lu bytes\n",
			       va->va_start, vm->size, vm->nr_pages, va_size(va));
			return -EINVAL;
		}
		if ((vm->flags & VM_ALLOC) && !(vm->flags & VM_MAP_PUT_PAGES))
			alloc_pages += vm->nr_pages;
	}
	if (alloc_pages != (unsigned long)vm_atomic_read(&vms_state.nr_vmalloc_pages)) {
		pr_err("vmalloc: nr_vmalloc_pages %ld, areas hold %lu\n",
		       vm_atomic_read(&vms_state.nr_vmalloc_pages), alloc_pages);
		return -EINVAL;
	}
	return 0;
}

int vmalloc_validate(void)
{
	struct va_census busy = { 0 }, free = { 0 }, lazy = { 0 };
	int ret;

	if (!vmap_initialized)
		return 0;
	spin_lock(&vmap_purge_lock);
	spin_lock(&vmap_area_lock);
	spin_lock(&free_vmap_area_lock);
	spin_lock(&purge_vmap_area_lock);
	ret = validate_set("busy", &vmap_area_root, &vmap_area_list, false, &busy);
	if (!ret)
		ret = validate_set("free", &free_vmap_area_root,
				   &free_vmap_area_list, true, &free);
	if (!ret)
		ret = validate_set("purge", &purge_vmap_area_root,
				   &purge_vmap_area_list, false, &lazy);
	if (!ret)
		ret = validate_coverage();
	if (!ret)
		ret = validate_busy_areas();
	if (!ret && lazy.pages != (unsigned long)vm_atomic_read(&vms_state.lazy_nr)) {
		pr_err("vmalloc: vmap_lazy_nr %ld, purge list holds %lu pages\n",
		       vm_atomic_read(&vms_state.lazy_nr), lazy.pages);
		ret = -EINVAL;
	}
	spin_unlock(&purge_vmap_area_lock);
	spin_unlock(&free_vmap_area_lock);
	spin_unlock(&vmap_area_lock);
	spin_unlock(&vmap_purge_lock);
	return ret;
}
