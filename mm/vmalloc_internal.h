/* SPDX-License-Identifier: MIT */
/*
 * mm/vmalloc_internal.h — what the vmalloc files share, and the part of
 * vmalloc the rest of mm/ (the per-CPU allocator) may use.
 *
 * Kernel counterpart: the static functions of mm/vmalloc.c, and the
 * vmap_pages_range_noflush()/vunmap_range_noflush() declarations of
 * mm/internal.h.  mmsim splits the kernel's file by concept:
 *
 *   mm/vmap_area.c     the kernel-virtual-address allocator: busy, free
 *                      (augmented) and purge trees, alloc_vmap_area(),
 *                      lazy purging, pcpu_get_vm_areas(), the validator
 *   mm/vmalloc_map.c   page tables and the host view: mapping pages at a
 *                      vmalloc address (PTEs in simulated RAM, and the
 *                      same page in the host window), unmapping,
 *                      vmalloc_to_page()
 *   mm/vmap_block.c    per-CPU vmap blocks for small vm_map_ram()s
 *   mm/vmalloc.c       vm_struct, the vmalloc/vmap/vfree API, set-up
 *   fs/proc/vmallocinfo.c   /proc/vmallocinfo
 *
 * Lock order (as in the kernel): vmap_purge_lock, then free_vmap_area_lock
 * or vmap_area_lock or purge_vmap_area_lock (never two of those three at
 * once); a vmap_block's lock before its queue's lock.
 */
#ifndef _MMSIM_MM_VMALLOC_INTERNAL_H
#define _MMSIM_MM_VMALLOC_INTERNAL_H

#include "linux/vmalloc.h"
#include "linux/pgtable.h"
#include "mm/internal.h"          /* GFP_RECLAIM_MASK */
#include "mmsim/vmalloc_state.h"
#include "mmsim/machine.h"

/* The kernel's names for the state (include/mmsim/vmalloc_state.h). */
#define vms_state (current_machine->vmalloc_st)
#define vmap_area_root (vms_state.busy_root)
#define vmap_area_list (vms_state.busy_list)
#define vmap_area_lock (vms_state.area_lock)
#define free_vmap_area_root (vms_state.free_root)
#define free_vmap_area_list (vms_state.free_list)
#define free_vmap_area_lock (vms_state.free_lock)
#define purge_vmap_area_root (vms_state.purge_root)
#define purge_vmap_area_list (vms_state.purge_list)
#define purge_vmap_area_lock (vms_state.purge_lock)
#define vmap_purge_lock (vms_state.purge_mutex)
#define vmap_initialized (vms_state.initialized)
#define vmlist (vms_state.vmlist)
#define VMAP_BBMAP_BITS (vms_state.nr_bbmap_bits)
#define VMAP_BLOCK_SIZE ((unsigned long)VMAP_BBMAP_BITS * PAGE_SIZE)
#define VMAP_MAX_ALLOC BITS_PER_LONG   /* largest vmap-block request: 64 pages */


/* Error pointers (include/linux/err.h). */
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static inline long vm_atomic_read(const atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline long vm_atomic_add(atomic_long_t *v, long delta)
{
	return __atomic_add_fetch(&v->counter, delta, __ATOMIC_RELAXED);
}

/*
 * --- objects the kernel takes from slab (mm/vmalloc.c) ---
 * As in 6.1: vmap_area from vmap_area_cachep (made by vmalloc_init(),
 * which runs after kmem_cache_init()), vm_struct and small arrays from
 * kmalloc.  Both zero the object; NULL when slab has no memory.
 * vmap_kfree() also takes host-heap pointers (the per-CPU arrays that
 * stand in for the kernel's static per-CPU variables are host memory).
 */
#define vmap_area_cachep (vms_state.area_cachep)
struct vmap_area *va_alloc(gfp_t gfp, int node);
void va_free(struct vmap_area *va);
void *vmap_kzalloc(size_t size, gfp_t gfp, int node);
void vmap_kfree(const void *p);

/* --- mm/vmap_area.c --- */
unsigned long va_size(const struct vmap_area *va);
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend,
				  int node, gfp_t gfp_mask);
void free_vmap_area(struct vmap_area *va);
void free_vmap_area_noflush(struct vmap_area *va);
void free_unmap_vmap_area(struct vmap_area *va);
struct vmap_area *__find_vmap_area(unsigned long addr, struct rb_root *root);
struct vmap_area *find_vmap_area_exceed_addr(unsigned long addr);
void insert_vmap_area(struct vmap_area *va, struct rb_root *root,
		      struct list_head *head);
void vmap_init_free_space(void);
bool __purge_vmap_area_lazy(unsigned long start, unsigned long end);
void purge_vmap_area_lazy(void);
unsigned long lazy_max_pages(void);
/* drain_vmap_work, if free_vmap_area_noflush() scheduled it. */
void vmalloc_run_drain_work(void);

/*
 * --- mm/vmalloc.c ---
 * Work the kernel would run from a workqueue (the lazy drain, deferred
 * vfrees), run by mmsim at the end of the call that queued it.
 */
void vmalloc_run_deferred_work(void);

void setup_vmalloc_vm_locked(struct vm_struct *vm, struct vmap_area *va,
			     unsigned long flags, const char *caller);
unsigned int vmalloc_num_online_cpus(void);

/* --- mm/vmalloc_map.c --- */
int vmalloc_host_window_init(void);
void vmalloc_host_window_release(void);
int vmap_pages_range_noflush(unsigned long addr, unsigned long end,
			     pgprot_t prot, struct page **pages,
			     unsigned int page_shift);
int vmap_pages_range(unsigned long addr, unsigned long end, pgprot_t prot,
		     struct page **pages, unsigned int page_shift);
void vunmap_range_noflush(unsigned long start, unsigned long end);
void vunmap_range(unsigned long addr, unsigned long end);

/* --- mm/vmap_block.c --- */
void vmap_block_init(void);
void vmap_block_destroy(void);
void purge_fragmented_blocks_allcpus(void);
unsigned long vb_alloc(unsigned long size, gfp_t gfp_mask);
void vb_free(unsigned long addr, unsigned long size);
/* Extend [*start, *end) over the dirty parts of every vmap block; true if any. */
bool vmap_block_dirty_range(unsigned long *start, unsigned long *end);

#endif /* _MMSIM_MM_VMALLOC_INTERNAL_H */
