/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/vmalloc_state.h — the vmalloc allocator's globals of one
 * machine.
 *
 * No single kernel counterpart: these are the file-scope variables of
 * mm/vmalloc.c (vmap_area_root, free_vmap_area_root, purge_vmap_area_list,
 * vmap_lazy_nr, nr_vmalloc_pages, vmlist, the per-CPU vmap_block_queue and
 * ne_fit_preload_node, ...) and arch/x86's vmalloc_base.  Each field names
 * the kernel variable it stands for.  struct machine holds one
 * (current_machine->vmalloc_st); mm/vmalloc*.c reach the fields through the
 * kernel's names (aliases in mm/vmalloc_internal.h).
 *
 * Besides the kernel's state, the host window: a range of host address
 * space reserved for the vmalloc area, where every page the simulated
 * kernel maps at a vmalloc address is mapped too (the same simulated-RAM
 * page, a second time), so that vmalloc() returns ordinary C memory:
 *
 *   kernel VA  VMALLOC_START                                  VMALLOC_END
 *              |<----------------- 32 TiB (4-level) ------------------>|
 *   host       host_base                       host_base + host_size
 *              |<--- host_low --->|<--- host_size - host_low --->|
 *              maps [START, START + host_low)   maps the top of the area
 *
 * When the whole area fits (the usual case on x86_64 hosts), host_low is
 * the whole window and host address = host_base + (kva - VMALLOC_START).
 * A smaller window (the host could not reserve 32 TiB, or 5-level paging's
 * 12800 TiB) keeps the bottom of the area (where vmalloc allocates
 * lowest-first) and the top (where pcpu_get_vm_areas allocates
 * highest-first); an address in between has no host view and cannot be
 * mapped (vmap fails with -ENOMEM there).
 *
 * Everything is created by vmalloc_init() (except the locks, made with
 * the machine) and released by vmalloc_state_destroy().
 */
#ifndef _MMSIM_VMALLOC_STATE_H
#define _MMSIM_VMALLOC_STATE_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/rbtree.h"
#include "linux/spinlock.h"

struct vmap_area;
struct vm_struct;
struct kmem_cache;

/* Per CPU: the vmap blocks that still have free space (vmap_block_queue). */
struct vmap_block_queue {
	spinlock_t lock;
	struct list_head free;
};

struct vmalloc_state {
	unsigned long base;            /* vmalloc_base (VMALLOC_START) */
	unsigned long end;             /* VMALLOC_END: base + size - 1 */
	bool deferred_running;         /* vmalloc_run_deferred_work() active */
	bool initialized;              /* vmap_initialized */
	bool allow_huge;               /* vmap_allow_huge (nohugevmalloc clears) */
	bool nohugevmalloc;            /* "nohugevmalloc" on the command line */
	unsigned int nr_bbmap_bits;    /* VMAP_BBMAP_BITS (from NR_CPUS) */

	/* the host window (see above) */
	char *host_base;
	u64 host_size;
	u64 host_low;

	/* busy areas: vmap_area_root + vmap_area_list, under vmap_area_lock */
	struct rb_root busy_root;
	struct list_head busy_list;
	spinlock_t area_lock;
	/* free space: free_vmap_area_root (augmented) + list, free_vmap_area_lock */
	struct rb_root free_root;
	struct list_head free_list;
	spinlock_t free_lock;
	/* lazily freed areas: purge_vmap_area_root + list, purge_vmap_area_lock */
	struct rb_root purge_root;
	struct list_head purge_list;
	spinlock_t purge_lock;
	spinlock_t purge_mutex;        /* vmap_purge_lock (a mutex) */

	struct kmem_cache *area_cachep; /* vmap_area_cachep */
	bool tearing_down;             /* vmalloc_state_destroy() is running */
	struct vm_struct *vmlist;      /* vmlist: registered before vmalloc_init */
	atomic_long_t nr_vmalloc_pages; /* nr_vmalloc_pages: VmallocUsed */
	atomic_long_t lazy_nr;         /* vmap_lazy_nr: pages waiting for a purge */
	bool drain_pending;            /* drain_vmap_work scheduled */
	void *deferred_free;           /* vfree_deferred: areas to vfree later */
	spinlock_t deferred_lock;

	/* per CPU, nr_cpus entries, made by vmalloc_init() */
	unsigned int nr_cpus;
	struct vmap_area **ne_fit_preload;      /* ne_fit_preload_node */
	struct vmap_block_queue *block_queue;   /* vmap_block_queue */
	/* vmap_blocks (an xarray by block index in the kernel): by address */
	struct rb_root vmap_blocks;
	spinlock_t vmap_blocks_lock;
};

/* Machine creation / destruction (host/machine.c). */
void vmalloc_state_init(void);
void vmalloc_state_destroy(void);

#endif /* _MMSIM_VMALLOC_STATE_H */
