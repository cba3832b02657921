/* SPDX-License-Identifier: MIT */
/*
 * include/linux/percpu.h — per-CPU memory: the boot-time first chunk, the
 * dynamic allocator, and the accessors that turn a per-CPU pointer into
 * one CPU's copy.
 *
 * Kernel counterparts: include/linux/percpu.h, include/linux/percpu-defs.h
 * (per_cpu_ptr, this_cpu_*), include/asm-generic/percpu.h and
 * arch/x86/include/asm/percpu.h (__per_cpu_offset).  Same names, sizes and
 * signatures.  Implemented in mm/percpu.c (allocator), mm/percpu-map.c
 * (a chunk's maps and hints), mm/percpu-setup.c (first chunk),
 * mm/percpu-vm.c (chunk backing), mm/percpu-validate.c (checker), and
 * arch/x86/kernel/setup_percpu.c (setup_per_cpu_areas).
 *
 * A per-CPU pointer is not an address: it is an offset that each CPU turns
 * into its own copy by adding its __per_cpu_offset.  As on x86_64, the
 * static per-CPU section starts at 0, so the static variables have
 * pointers 0 .. static_size and the first chunk's dynamic area follows:
 *
 *   per-CPU pointer p                 per_cpu_ptr(p, cpu)
 *   0        static_size  unit_size   = p + __per_cpu_offset[cpu]
 *   |static  |res |dyn |  |           = pcpu_base_addr + unit offset of
 *                                       cpu + p   (a host pointer into
 *                                       simulated RAM, usable as memory)
 *
 * this_cpu_*() act on the copy of the simulated CPU the calling host
 * thread is (smp_processor_id()).  Only that CPU writes its copy through
 * these; the operations are relaxed atomics so that another CPU summing
 * the copies reads whole values.
 */
#ifndef _MMSIM_LINUX_PERCPU_H
#define _MMSIM_LINUX_PERCPU_H

#include "linux/types.h"
#include "linux/pfn.h"
#include "linux/smp.h"
#include "linux/gfp.h"

#define __percpu

/* room in the first chunk for modules' DEFINE_PER_CPU (CONFIG_MODULES) */
#define PERCPU_MODULE_RESERVE (8 << 10)

/* minimum unit size, and the largest allocation the allocator serves */
#define PCPU_MIN_UNIT_SIZE PFN_ALIGN(32 << 10)

/* the allocation granule: 4 bytes, one bit of a chunk's maps */
#define PCPU_MIN_ALLOC_SHIFT 2
#define PCPU_MIN_ALLOC_SIZE (1 << PCPU_MIN_ALLOC_SHIFT)

/* one metadata block per page: the hints count empty pages per block */
#define PCPU_BITMAP_BLOCK_SIZE PAGE_SIZE
#define PCPU_BITMAP_BLOCK_BITS ((int)(PCPU_BITMAP_BLOCK_SIZE >> PCPU_MIN_ALLOC_SHIFT))

/* dynamic room the first chunk must keep for allocations before slab */
#define PERCPU_DYNAMIC_EARLY_SLOTS 128
#define PERCPU_DYNAMIC_EARLY_SIZE (12 << 10)

/* dynamic room asked of the first chunk (64-bit; 20 KiB on 32-bit) */
#define PERCPU_DYNAMIC_RESERVE (28 << 10)
#define PERCPU_DYNAMIC_RESERVE_32 (20 << 10)

/* One group of units placed together (one NUMA node's CPUs). */
struct pcpu_group_info {
	int nr_units;              /* units, a multiple of units per alloc */
	unsigned long base_offset; /* from the lowest group's base */
	unsigned int *cpu_map;     /* unit -> cpu, NR_CPUS for none */
};

/* The shape of the first chunk, as pcpu_build_alloc_info() computes it. */
struct pcpu_alloc_info {
	size_t static_size;
	size_t reserved_size;
	size_t dyn_size;
	size_t unit_size;
	size_t atom_size;
	size_t alloc_size;
	size_t __ai_size;          /* bytes of this allocation */
	int nr_groups;
	struct pcpu_group_info groups[];
};

enum pcpu_fc {
	PCPU_FC_AUTO,
	PCPU_FC_EMBED,
	PCPU_FC_PAGE,
	PCPU_FC_NR,
};
extern const char *const pcpu_fc_names[PCPU_FC_NR];

typedef int(pcpu_fc_cpu_to_node_fn_t)(int cpu);
typedef int(pcpu_fc_cpu_distance_fn_t)(unsigned int from, unsigned int to);

/* -- the first chunk (mm/percpu-setup.c) -------------------------------- */

/* NULL on failure; freed with pcpu_free_alloc_info(). */
struct pcpu_alloc_info *pcpu_alloc_alloc_info(int nr_groups, int nr_units);
void pcpu_free_alloc_info(struct pcpu_alloc_info *ai);
/* 0, or -EINVAL after printing why @ai is unusable. */
int pcpu_setup_first_chunk(const struct pcpu_alloc_info *ai, void *base_addr);
/*
 * Allocate the first chunk from memblock, node by node, and set it up.
 * 0 or -errno; on failure nothing stays allocated.
 */
int pcpu_embed_first_chunk(size_t reserved_size, size_t dyn_size,
			   size_t atom_size,
			   pcpu_fc_cpu_distance_fn_t cpu_distance_fn,
			   pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn);
/*
 * The first chunk page by page from memblock, mapped into an early
 * vmalloc area (x86_64: percpu_alloc=page, or when embedding fails).
 * 0 or -errno.
 */
int pcpu_page_first_chunk(size_t reserved_size,
			  pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn);
/* The arch makes the kernel page tables down to @addr's PTE (x86_64). */
void pcpu_populate_pte(unsigned long addr);

/*
 * x86_64's setup (arch/x86/kernel/setup_percpu.c): the first chunk, the
 * __per_cpu_offset table, node_to_cpumask_map and the CPU bring-up masks.
 * 0, or -errno where the kernel would panic.
 */
int setup_per_cpu_areas(void);
/* mm/percpu.c's generic version (32-bit ARM): embedded, page atoms, no NUMA. */
int generic_setup_per_cpu_areas(void);

/* -- the allocator (mm/percpu.c) ---------------------------------------- */

/*
 * Zero-filled per-CPU area of @size bytes aligned to @align (a power of
 * two, at most PAGE_SIZE; @size at most PCPU_MIN_UNIT_SIZE), or NULL.
 * Without all of GFP_KERNEL in @gfp the allocation is atomic: it only uses
 * pages already populated and never makes a chunk.
 */
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void __percpu *__alloc_percpu(size_t size, size_t align);
/* From the reserved chunk (modules' static per-CPU data). */
void __percpu *__alloc_reserved_percpu(size_t size, size_t align);
/* Free an area from any of the above; NULL is ignored. */
void free_percpu(void __percpu *ptr);

#define alloc_percpu_gfp(type, gfp) \
	((__typeof__(type) __percpu *)__alloc_percpu_gfp(sizeof(type), \
							  __alignof__(type), gfp))
#define alloc_percpu(type) \
	((__typeof__(type) __percpu *)__alloc_percpu(sizeof(type), \
						      __alignof__(type)))

/* Physical address of a CPU's copy (an address per_cpu_ptr() gave). */
phys_addr_t per_cpu_ptr_to_phys(void *addr);
bool is_kernel_percpu_address(unsigned long addr);

/* Backing pages in use, over all units: meminfo's "Percpu" (in pages). */
unsigned long pcpu_nr_pages(void);

/* percpu_enable_async(): balance work may run (after boot). */
void percpu_enable_async(void);
/* Run the balance work now if it is pending (mmsim has no workqueues). */
void pcpu_flush_balance_work(void);

/*
 * mmsim's checker: every chunk's maps, hints, free and populated counts
 * and slot agree with each other, allocations do not overlap.  0, or
 * -EINVAL after printing the first inconsistency.
 */
int pcpu_validate(void);

/* Release what the allocator holds outside simulated RAM (machine teardown). */
void pcpu_state_destroy(void);

/* -- reaching a CPU's copy ---------------------------------------------- */

/* The kernel's globals, on the current machine. */
#define pcpu_base_addr (current_machine->pcpu.base_addr)
#define pcpu_unit_offsets (current_machine->pcpu.unit_offsets)
#define __per_cpu_offset (current_machine->pcpu.per_cpu_offset)

#define per_cpu_offset(cpu) (__per_cpu_offset[(cpu)])
#define per_cpu_ptr(ptr, cpu) \
	((__typeof__(ptr))((unsigned long)(ptr) + per_cpu_offset(cpu)))
#define raw_cpu_ptr(ptr) per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr) per_cpu_ptr(ptr, smp_processor_id())
#define per_cpu(var, cpu) (*per_cpu_ptr(&(var), cpu))

#define this_cpu_read(pcp) \
	__atomic_load_n(this_cpu_ptr(&(pcp)), __ATOMIC_RELAXED)
#define this_cpu_write(pcp, val) \
	__atomic_store_n(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define this_cpu_add(pcp, val) \
	((void)__atomic_fetch_add(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define this_cpu_sub(pcp, val) \
	((void)__atomic_fetch_sub(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define this_cpu_inc(pcp) this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp) this_cpu_sub(pcp, 1)
#define this_cpu_add_return(pcp, val) \
	__atomic_add_fetch(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define this_cpu_xchg(pcp, nval) \
	__atomic_exchange_n(this_cpu_ptr(&(pcp)), (nval), __ATOMIC_RELAXED)
#define __this_cpu_read this_cpu_read
#define __this_cpu_write this_cpu_write
#define __this_cpu_add this_cpu_add
#define __this_cpu_inc this_cpu_inc
#define __this_cpu_dec this_cpu_dec
#define raw_cpu_read this_cpu_read
#define raw_cpu_write this_cpu_write

#include "mmsim/machine.h"

#endif /* _MMSIM_LINUX_PERCPU_H */
