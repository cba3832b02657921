/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/pcpu_state.h — the per-CPU allocator's globals of one
 * machine, and the CPU masks set up beside it.
 *
 * No single kernel counterpart: these are the file-scope variables of
 * mm/percpu.c (pcpu_unit_size, pcpu_chunk_lists, pcpu_first_chunk, ...),
 * __per_cpu_offset[] (arch/x86/kernel/setup_percpu.c), and the cpumask
 * variables of arch/x86/kernel/cpu/common.c and arch/x86/mm/numa.c.  Each
 * field names the kernel variable it stands for.  struct machine holds
 * one of each (current_machine->pcpu, ->cpu_masks); the code reaches them
 * through the kernel's names (aliases in mm/percpu-internal.h).
 *
 * Everything these fields point to lives in simulated RAM (memblock at
 * boot, slab and vmalloc after); the chunks made after boot are vmalloc
 * areas, released with the vmalloc state.
 */
#ifndef _MMSIM_PCPU_STATE_H
#define _MMSIM_PCPU_STATE_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/numa.h"
#include "linux/spinlock.h"
#include "linux/vmalloc.h"

/* == MMSIM_MAX_CPUS (<mmsim/machine.h>), checked in mm/percpu.c */
#define MMSIM_PCPU_MAX_CPUS 8192

struct pcpu_chunk;
struct cpumask;
struct page;

struct pcpu_state {
	/* geometry, fixed by pcpu_setup_first_chunk() */
	int unit_pages;                 /* pcpu_unit_pages */
	int unit_size;                  /* pcpu_unit_size */
	int nr_units;                   /* pcpu_nr_units */
	int atom_size;                  /* pcpu_atom_size */
	int nr_slots;                   /* pcpu_nr_slots */
	int free_slot;                  /* pcpu_free_slot */
	int sidelined_slot;             /* pcpu_sidelined_slot */
	int to_depopulate_slot;         /* pcpu_to_depopulate_slot */
	size_t chunk_struct_size;       /* pcpu_chunk_struct_size */
	unsigned int low_unit_cpu;      /* pcpu_low_unit_cpu */
	unsigned int high_unit_cpu;     /* pcpu_high_unit_cpu */
	void *base_addr;                /* pcpu_base_addr */
	const int *unit_map;            /* pcpu_unit_map: cpu -> unit */
	const unsigned long *unit_offsets; /* pcpu_unit_offsets: cpu -> offset */
	int nr_groups;                  /* pcpu_nr_groups */
	const unsigned long *group_offsets; /* pcpu_group_offsets */
	const size_t *group_sizes;      /* pcpu_group_sizes */

	/* chunks */
	struct pcpu_chunk *first_chunk;    /* pcpu_first_chunk */
	struct pcpu_chunk *reserved_chunk; /* pcpu_reserved_chunk */
	struct list_head *chunk_lists;     /* pcpu_chunk_lists[nr_slots] */
	int nr_empty_pop_pages;            /* pcpu_nr_empty_pop_pages */
	unsigned long nr_populated;        /* pcpu_nr_populated */

	/* locks: pcpu_alloc_mutex before pcpu_lock */
	spinlock_t lock;                /* pcpu_lock */
	spinlock_t alloc_mutex;         /* pcpu_alloc_mutex (see percpu.c) */
	bool locks_ready;

	/* balance work */
	bool async_enabled;             /* pcpu_async_enabled */
	bool atomic_alloc_failed;       /* pcpu_atomic_alloc_failed */
	bool balance_pending;           /* pcpu_balance_work queued */
	int warn_limit;                 /* pcpu_alloc()'s warn_limit */

	/* first-chunk set-up */
	int chosen_fc;                  /* pcpu_chosen_fc (enum pcpu_fc) */
	/* host copies of first-chunk data a 32-bit kernel keeps smaller */
	void *fc_host_bufs[16];
	int nr_fc_host_bufs;
	size_t static_size;             /* __per_cpu_end - __per_cpu_start */
	/* pcpu_page_first_chunk()'s static vm, on vmlist for good */
	struct vm_struct fc_vm;

	/* chunk backing (mm/percpu-vm.c): pcpu_get_pages()'s array */
	struct page **vm_pages;

	/* __per_cpu_offset[]: per_cpu_ptr(p, cpu) = p + per_cpu_offset[cpu] */
	unsigned long per_cpu_offset[MMSIM_PCPU_MAX_CPUS];
};

/* The cpumask variables set up with the per-CPU areas. */
struct cpu_masks_state {
	struct cpumask *node_to_cpumask_map[MMSIM_MAX_NUMNODES_LIMIT];
	struct cpumask *cpu_initialized_mask;
	struct cpumask *cpu_callin_mask;
	struct cpumask *cpu_callout_mask;
	struct cpumask *cpu_sibling_setup_mask;
};

#endif /* _MMSIM_PCPU_STATE_H */
