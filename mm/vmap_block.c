// SPDX-License-Identifier: MIT
/*
 * mm/vmap_block.c — per-CPU blocks of address space for small, short-lived
 * vm_map_ram() mappings.
 *
 * Kernel counterpart: mm/vmalloc.c, "Per cpu kva allocator" (Linux 6.1):
 * struct vmap_block, new_vmap_block, vb_alloc, vb_free,
 * purge_fragmented_blocks, and the dirty-range part of _vm_unmap_aliases.
 *
 * Taking a vmap_area from the global trees for every tiny mapping would
 * contend on free_vmap_area_lock; instead each CPU takes a whole block of
 * VMAP_BBMAP_BITS pages (one busy vmap_area with no vm_struct: shown as
 * "vm_map_ram" in /proc/vmallocinfo) and hands out pieces of it by
 * bumping an offset:
 *
 *   block (VMAP_BBMAP_BITS pages, aligned to its size)
 *   |dirty|used |used|dirty|      free        |
 *   0                       ^ BITS - free: the next piece starts here
 *
 *   free    pages never handed out (at the end)
 *   dirty   pages handed out and given back (unmapped, not reusable
 *           until the block is freed: the TLB may still hold them)
 *
 * A request takes 2^order pages (at most VMAP_MAX_ALLOC = 64).  When
 * every page is dirty the block goes back (lazily) to the global
 * allocator; a block whose pages are all free or dirty but not all dirty
 * ("fragmented") is reclaimed by purge_fragmented_blocks() at the next
 * purge.  VMAP_BBMAP_BITS is min(1024, max(128, 128 GiB of pages /
 * NR_CPUS rounded up to a power of two / 16)): 256 pages (1 MiB) with
 * Debian's NR_CPUS=8192.
 *
 * Locking: the kernel walks a CPU's queue under RCU and takes a block's
 * lock, then the queue's to unlink it.  mmsim has no RCU: the walk holds
 * the queue's lock and takes block locks inside it (queue, then block).
 * vmap_blocks, an xarray by block index in the kernel, is an rbtree here.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/bitmap.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "mm/internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/host.h"

#define VMALLOC_SPACE (128UL << 30)
#define VMALLOC_PAGES (VMALLOC_SPACE / PAGE_SIZE)
#define VMAP_BBMAP_BITS_MAX 1024UL
#define VMAP_BBMAP_BITS_MIN ((unsigned long)VMAP_MAX_ALLOC * 2)

struct vmap_block {
	spinlock_t lock;
	struct vmap_area *va;
	unsigned long free, dirty;       /* pages, see above */
	unsigned long dirty_min, dirty_max; /* the dirty range, in pages */
	struct list_head free_list;      /* on its CPU's queue while free > 0 */
	struct list_head purge;          /* on a local list while purged */
	struct rb_node node;             /* in vmap_blocks, by index */
	unsigned long idx;               /* addr_to_vb_idx(va->va_start) */
};

#define vmap_blocks (vms_state.vmap_blocks)
#define vmap_blocks_lock (vms_state.vmap_blocks_lock)

static unsigned int order_of(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void vmap_block_init(void)
{
	unsigned long cpus = roundup_pow_of_two((unsigned long)
				CONFIG_VALUE(CONFIG_NR_CPUS, 1));
	unsigned int cpu;

	VMAP_BBMAP_BITS = (unsigned int)min(VMAP_BBMAP_BITS_MAX,
					    max(VMAP_BBMAP_BITS_MIN,
						VMALLOC_PAGES / cpus / 16));
	/* a per-CPU variable in the kernel: host memory here */
	vms_state.block_queue = host_alloc(vms_state.nr_cpus *
					   sizeof(*vms_state.block_queue));
	for (cpu = 0; cpu < vms_state.nr_cpus; cpu++) {
		spin_lock_init(&vms_state.block_queue[cpu].lock);
		INIT_LIST_HEAD(&vms_state.block_queue[cpu].free);
	}
	vmap_blocks = RB_ROOT;
}

void vmap_block_destroy(void)
{
	struct rb_node *n;
	unsigned int cpu;

	while ((n = rb_first(&vmap_blocks))) {
		struct vmap_block *vb = rb_entry(n, struct vmap_block, node);

		rb_erase(n, &vmap_blocks);
		spin_lock_destroy(&vb->lock);
		vmap_kfree(vb);
	}
	for (cpu = 0; cpu < vms_state.nr_cpus && vms_state.block_queue; cpu++)
		spin_lock_destroy(&vms_state.block_queue[cpu].lock);
	host_free(vms_state.block_queue);
	vms_state.block_queue = NULL;
}

static unsigned long addr_to_vb_idx(unsigned long addr)
{
	return (addr - (VMALLOC_START & ~(VMAP_BLOCK_SIZE - 1))) / VMAP_BLOCK_SIZE;
}

static unsigned long vmap_block_vaddr(unsigned long va_start,
				      unsigned long pages_off)
{
	unsigned long addr = va_start + (pages_off << PAGE_SHIFT);

	BUG_ON(addr_to_vb_idx(addr) != addr_to_vb_idx(va_start));
	return addr;
}

static struct vmap_block_queue *this_cpu_vbq(void)
{
	unsigned int cpu = (unsigned int)smp_processor_id();

	return &vms_state.block_queue[cpu < vms_state.nr_cpus ? cpu : 0];
}

/* --- vmap_blocks: the block of an index ------------------------------------------- */

static int vb_tree_insert(struct vmap_block *vb)
{
	struct rb_node **link = &vmap_blocks.rb_node, *parent = NULL;

	spin_lock(&vmap_blocks_lock);
	while (*link) {
		struct vmap_block *cur = rb_entry(*link, struct vmap_block, node);

		parent = *link;
		if (vb->idx == cur->idx) {
			spin_unlock(&vmap_blocks_lock);
			return -EBUSY;
		}
		link = vb->idx < cur->idx ? &(*link)->rb_left : &(*link)->rb_right;
	}
	rb_link_node(&vb->node, parent, link);
	rb_insert_color(&vb->node, &vmap_blocks);
	spin_unlock(&vmap_blocks_lock);
	return 0;
}

static struct vmap_block *vb_tree_find(unsigned long idx, bool erase)
{
	struct rb_node *n;

	spin_lock(&vmap_blocks_lock);
	for (n = vmap_blocks.rb_node; n;) {
		struct vmap_block *cur = rb_entry(n, struct vmap_block, node);

		if (idx == cur->idx) {
			if (erase)
				rb_erase(n, &vmap_blocks);
			spin_unlock(&vmap_blocks_lock);
			return cur;
		}
		n = idx < cur->idx ? n->rb_left : n->rb_right;
	}
	spin_unlock(&vmap_blocks_lock);
	return NULL;
}

/* --- blocks ---------------------------------------------------------------------- */

/* A new block for this CPU with its first 2^order pages taken; 0 on failure. */
static unsigned long new_vmap_block(unsigned int order, gfp_t gfp_mask)
{
	struct vmap_block_queue *vbq;
	struct vmap_block *vb;
	struct vmap_area *va;

	vb = vmap_kzalloc(sizeof(*vb), gfp_mask & GFP_RECLAIM_MASK, numa_node_id());
	if (unlikely(!vb))
		return 0;
	va = alloc_vmap_area(VMAP_BLOCK_SIZE, VMAP_BLOCK_SIZE, VMALLOC_START,
			     VMALLOC_END, numa_node_id(), gfp_mask);
	if (IS_ERR(va)) {
		vmap_kfree(vb);
		return 0;
	}
	spin_lock_init(&vb->lock);
	vb->va = va;
	BUG_ON(VMAP_BBMAP_BITS <= (1UL << order)); /* something must stay free */
	vb->free = VMAP_BBMAP_BITS - (1UL << order);
	vb->dirty = 0;
	vb->dirty_min = VMAP_BBMAP_BITS;
	vb->dirty_max = 0;
	INIT_LIST_HEAD(&vb->free_list);
	vb->idx = addr_to_vb_idx(va->va_start);
	if (vb_tree_insert(vb)) {
		spin_lock_destroy(&vb->lock);
		vmap_kfree(vb);
		free_vmap_area(va);
		return 0;
	}
	vbq = this_cpu_vbq();
	spin_lock(&vbq->lock);
	list_add_tail(&vb->free_list, &vbq->free);
	spin_unlock(&vbq->lock);
	return vmap_block_vaddr(va->va_start, 0);
}

static void free_vmap_block(struct vmap_block *vb)
{
	struct vmap_block *found = vb_tree_find(vb->idx, true);

	BUG_ON(found != vb);
	free_vmap_area_noflush(vb->va);
	spin_lock_destroy(&vb->lock);
	vmap_kfree(vb);
}

static bool vb_fragmented(const struct vmap_block *vb)
{
	return vb->free + vb->dirty == VMAP_BBMAP_BITS &&
	       vb->dirty != VMAP_BBMAP_BITS;
}

/* Give back the blocks of @cpu that hold nothing but free and dirty pages. */
static void purge_fragmented_blocks(unsigned int cpu)
{
	struct vmap_block_queue *vbq = &vms_state.block_queue[cpu];
	struct vmap_block *vb, *n_vb;
	LIST_HEAD(purge);

	spin_lock(&vbq->lock);
	list_for_each_entry_safe(vb, n_vb, &vbq->free, free_list) {
		spin_lock(&vb->lock);
		if (vb_fragmented(vb)) {
			vb->free = 0;                  /* no more pieces from it */
			vb->dirty = VMAP_BBMAP_BITS;   /* and no second purge */
			vb->dirty_min = 0;
			vb->dirty_max = VMAP_BBMAP_BITS;
			list_del(&vb->free_list);
			list_add_tail(&vb->purge, &purge);
		}
		spin_unlock(&vb->lock);
	}
	spin_unlock(&vbq->lock);

	list_for_each_entry_safe(vb, n_vb, &purge, purge) {
		list_del(&vb->purge);
		free_vmap_block(vb);
	}
}

void purge_fragmented_blocks_allcpus(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < vms_state.nr_cpus; cpu++)
		purge_fragmented_blocks(cpu);
}

/*
 * 2^order pages (order of @size) from one of this CPU's blocks, first
 * fit in queue order, or from a new block.  Returns the kernel address,
 * 0 on failure.
 */
unsigned long vb_alloc(unsigned long size, gfp_t gfp_mask)
{
	struct vmap_block_queue *vbq;
	struct vmap_block *vb;
	unsigned long vaddr = 0;
	unsigned int order;

	BUG_ON(!PAGE_ALIGNED(size));
	BUG_ON(size > PAGE_SIZE * VMAP_MAX_ALLOC);
	if (WARN_ON(size == 0))
		return 0;
	order = order_of(size);

	vbq = this_cpu_vbq();
	spin_lock(&vbq->lock);
	list_for_each_entry(vb, &vbq->free, free_list) {
		unsigned long pages_off;

		spin_lock(&vb->lock);
		if (vb->free < (1UL << order)) {
			spin_unlock(&vb->lock);
			continue;
		}
		pages_off = VMAP_BBMAP_BITS - vb->free;
		vaddr = vmap_block_vaddr(vb->va->va_start, pages_off);
		vb->free -= 1UL << order;
		if (vb->free == 0)
			list_del(&vb->free_list);
		spin_unlock(&vb->lock);
		break;
	}
	spin_unlock(&vbq->lock);

	if (!vaddr)
		vaddr = new_vmap_block(order, gfp_mask);
	return vaddr;
}

/* Unmap a piece and mark it dirty; a wholly dirty block goes back. */
void vb_free(unsigned long addr, unsigned long size)
{
	unsigned long offset;
	unsigned int order;
	struct vmap_block *vb;

	BUG_ON(!PAGE_ALIGNED(size));
	BUG_ON(size > PAGE_SIZE * VMAP_MAX_ALLOC);
	order = order_of(size);
	offset = (addr & (VMAP_BLOCK_SIZE - 1)) >> PAGE_SHIFT;
	vb = vb_tree_find(addr_to_vb_idx(addr), false);
	BUG_ON(!vb);

	vunmap_range_noflush(addr, addr + size);

	spin_lock(&vb->lock);
	vb->dirty_min = min(vb->dirty_min, offset);
	vb->dirty_max = max(vb->dirty_max, offset + (1UL << order));
	vb->dirty += 1UL << order;
	if (vb->dirty == VMAP_BBMAP_BITS) {
		BUG_ON(vb->free);
		spin_unlock(&vb->lock);
		free_vmap_block(vb);
		return;
	}
	spin_unlock(&vb->lock);
}

bool vmap_block_dirty_range(unsigned long *start, unsigned long *end)
{
	bool found = false;
	unsigned int cpu;

	for (cpu = 0; cpu < vms_state.nr_cpus; cpu++) {
		struct vmap_block_queue *vbq = &vms_state.block_queue[cpu];
		struct vmap_block *vb;

		spin_lock(&vbq->lock);
		list_for_each_entry(vb, &vbq->free, free_list) {
			spin_lock(&vb->lock);
			if (vb->dirty && vb->dirty != VMAP_BBMAP_BITS) {
				unsigned long va_start = vb->va->va_start;

				*start = min(*start, va_start + (vb->dirty_min << PAGE_SHIFT));
				*end = max(*end, va_start + (vb->dirty_max << PAGE_SHIFT));
				found = true;
			}
			spin_unlock(&vb->lock);
		}
		spin_unlock(&vbq->lock);
	}
	return found;
}
