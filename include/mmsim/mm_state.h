/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/mm_state.h — the memory manager's global state of one
 * machine: what the kernel keeps in globals of mm/ (node_data[],
 * mem_section[], vmemmap, totalram_pages, the zone-size limits, the
 * page-allocator tunables).
 *
 * No single kernel counterpart; each field names the kernel variable it
 * stands for.  Reached as current_machine->mm; the kernel names are
 * aliases defined in <linux/mm.h> and <linux/mmzone.h>.
 */
#ifndef _MMSIM_MM_STATE_H
#define _MMSIM_MM_STATE_H

#include "linux/types.h"
#include "linux/mmzone.h"
#include "linux/numa.h"

struct page;
struct mem_section;

/* Node state masks (include/linux/nodemask.h: node_states[]). */
enum node_states {
	N_POSSIBLE,
	N_ONLINE,
	N_NORMAL_MEMORY,
	N_HIGH_MEMORY,
	N_MEMORY,
	N_CPU,
	N_GENERIC_INITIATOR,
	NR_NODE_STATES
};

struct per_cpu_pages;
struct per_cpu_zonestat;
struct khugepaged_state;
struct per_cpu_nodestat;
struct vm_event_state;

/*
 * The page allocator's and vmstat's globals (mm/page_alloc*.c,
 * mm/vmstat.c, mm/khugepaged.c), set up by page_alloc_state_init() when
 * the machine is made and released by page_alloc_state_destroy().
 * Per-CPU arrays have nr_cpu_slots entries, indexed by simulated CPU id.
 */
struct page_alloc_state {
	/* facts of the .config, resolved once (hot paths never look them up) */
	bool cfg_numa, cfg_highmem, cfg_cma, cfg_thp, cfg_isolation, cfg_hugetlb;
	/*
	 * CONFIG_PCP_BATCH_SCALE_MAX (6.1.y, Debian: 5): a per-CPU list's
	 * free_factor stops growing there, and a drain gives back at most
	 * batch << it pages per hold of the list's lock.  Configurations
	 * without the option (older kernels) have no such limit.
	 */
	int cfg_pcp_batch_scale_max;

	/* kernel globals */
	gfp_t gfp_allowed_mask;        /* GFP_BOOT_MASK until kernel_init_freeable */
	bool init_on_alloc;            /* init_on_alloc= (CONFIG_INIT_ON_ALLOC_DEFAULT_ON) */
	bool init_on_free;             /* init_on_free= (CONFIG_INIT_ON_FREE_DEFAULT_ON) */
	unsigned long transparent_hugepage_flags; /* mm/huge_memory.c */
	bool khugepaged_running;       /* khugepaged_thread != NULL */
	struct khugepaged_state *khugepaged; /* mm/khugepaged_internal.h */
	int nr_online_nodes;           /* cached num_online_nodes() */

	/* per-CPU storage, host memory (a later issue moves it to percpu) */
	unsigned int nr_cpu_slots;
	int *cpu_node;                 /* cpu_to_node(), cached */
	struct per_cpu_pages *boot_pageset;            /* boot_pageset */
	struct per_cpu_pages **boot_pageset_ptrs;
	struct per_cpu_zonestat *boot_zonestats;       /* boot_zonestats */
	struct per_cpu_zonestat **boot_zonestats_ptrs;
	struct per_cpu_nodestat *boot_nodestats;       /* boot_nodestats */
	struct per_cpu_nodestat **boot_nodestats_ptrs;
	struct vm_event_state *vm_event_states;        /* vm_event_states */

	/* vmstat's global counters (vm_zone_stat, vm_node_stat, vm_numa_event) */
	atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
	atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];
	atomic_long_t vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];

	spinlock_t pcpu_drain_mutex;   /* pcpu_drain_mutex */
	spinlock_t pcp_batch_high_lock;
	spinlock_t wmark_lock;         /* setup_per_zone_wmarks()'s lock */
	u64 nopage_rs_begin;           /* warn_alloc's ratelimit: 1 per 10 s */
	int nopage_rs_printed;
	unsigned long nopage_rs_missed;
};

struct mm_state {
	pg_data_t *node_data[MMSIM_MAX_NUMNODES_LIMIT]; /* NODE_DATA(nid) */
	bool node_state[NR_NODE_STATES][MMSIM_MAX_NUMNODES_LIMIT];

	/* the memory model */
	struct page *vmemmap;          /* vmemmap: struct page of pfn 0 */
	void *vmemmap_host_base;       /* host VA range reserved for it */
	u64 vmemmap_host_size;
	struct memmap_lazy *memmap_lazy; /* mm/memmap_lazy.c; NULL: eager */
	const char *memmap_eager_why;  /* lazy wanted but not possible: why */
	struct mem_section **mem_section; /* SPARSEMEM_EXTREME roots */
	unsigned long nr_mem_section_roots;
	struct page *mem_map;          /* FLATMEM (ARM): struct page of ARCH_PFN_OFFSET */
	unsigned long arch_pfn_offset;
	unsigned long max_mapnr;       /* FLATMEM: pages mem_map covers */
	phys_addr_t mem_map_phys;      /* FLATMEM: the kernel's mem_map block... */
	unsigned long mem_map_start_pfn; /* ...whose first entry is this pfn's */
	phys_addr_t high_memory_phys;  /* __pa(high_memory - 1) + 1; 0: no HIGHMEM split */
	phys_addr_t max_dma_phys;      /* __pa(MAX_DMA_ADDRESS) (32-bit ARM) */

	/* page counts (mm/page_alloc.c, mm/memblock.c) */
	atomic_long_t totalram_pages;
	unsigned long totalreserve_pages;
	unsigned long totalcma_pages;
	unsigned long nr_kernel_pages, nr_all_pages;
	unsigned long dma_reserve;

	/* free_area_init() inputs and results */
	unsigned long arch_zone_lowest_possible_pfn[MMSIM_MAX_NR_ZONES];
	unsigned long arch_zone_highest_possible_pfn[MMSIM_MAX_NR_ZONES];
	unsigned long zone_movable_pfn[MMSIM_MAX_NUMNODES_LIMIT];
	unsigned long required_kernelcore, required_kernelcore_percent;
	unsigned long required_movablecore, required_movablecore_percent;
	bool mirrored_kernelcore;
	int movable_zone;              /* movable_zone: the zone Movable borrows from */

	/* page allocator tunables (sysctls in /proc/sys/vm) */
	int min_free_kbytes;
	int user_min_free_kbytes;
	int watermark_boost_factor;
	int watermark_scale_factor;
	int sysctl_lowmem_reserve_ratio[MMSIM_MAX_NR_ZONES];
	int percpu_pagelist_high_fraction;
	int page_group_by_mobility_disabled;
	/* compaction tunables (mm/compaction.c globals in the kernel) */
	int compaction_proactiveness;   /* vm.compaction_proactiveness, 20 */
	int extfrag_threshold;          /* vm.extfrag_threshold, 500 */
	int compact_unevictable_allowed; /* vm.compact_unevictable_allowed, 1 */
	bool page_alloc_ready;         /* mem_init() has handed memory over */
	int policy_zone;               /* highest zone below Movable (mempolicy) */

	/* appended by the page allocator: */
	struct page_alloc_state pa;
};

/*
 * The vmemmap of @mm, for code that has the machine in hand: after
 * <mmsim/machine.h> the name vmemmap is the current machine's alias.
 */
static inline struct page *mm_state_vmemmap(const struct mm_state *mm)
{
	return mm->vmemmap;
}

#endif /* _MMSIM_MM_STATE_H */
