/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/machine.h — one simulated machine: its description, its
 * hardware, and every piece of state its simulated kernel keeps.
 *
 * No single kernel counterpart: in the kernel this state is a few hundred
 * global variables.  mmsim gathers them in `struct machine` so that a test
 * can build a machine, boot it, inspect it and destroy it, and so that two
 * machines can exist in one process.
 *
 * Which machine the kernel code is running on is a per-thread pointer,
 * current_machine, set by the boot CPU and by every simulated CPU thread
 * (compare the kernel's `current`).  The kernel's global variables are
 * reached through aliases defined at the end of this file, so that
 * mm/memblock.c can say `memblock.memory.cnt` and arch/x86 can say
 * `max_pfn` exactly as the kernel does.  The aliases are object-like
 * macros: include this header *after* every other header, and never use
 * an aliased name for anything else (the compiler will refuse it).
 *
 *   struct machine
 *     desc        what the user asked for (tools/ fills it)
 *     arch        word sizes of the simulated kernel
 *     config      the kernel .config;   profile  facts of the kernel image
 *     ram, log, clock                   the hardware (host/)
 *     fw          what the firmware hands the kernel (x86: boot_params,
 *                 e820, ACPI, MP table written into simulated RAM)
 *     memblock_st memblock (mm/memblock.c)
 *     x86         arch/x86 state (e820 tables, ...)
 *     arch_ops    the architecture's boot hooks (include/mmsim/arch.h)
 *     arm         arch/arm state (asm/arm_state.h), NULL on x86_64
 *     of, cma, highmem  device tree, CMA areas, kmap (made when used)
 *     k_*         the kernel's scalar globals (max_pfn, ...)
 */
#ifndef _MMSIM_MACHINE_H
#define _MMSIM_MACHINE_H

#include "linux/types.h"
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"
#include "mmsim/log.h"
#include "mmsim/mm_state.h"
#include "mmsim/pcpu_state.h"
#include "mmsim/vmalloc_state.h"
#include "linux/mm_struct.h"
#include "mmsim/slub_state.h"
#include "linux/ioport.h"
#include "linux/fault-inject.h"
#include "arch/x86/include/asm/e820/types.h"
#include "arch/x86/include/asm/bootparam.h"
#include "arch/x86/include/asm/numa.h"

#include <pthread.h>
#include <setjmp.h>

enum mmsim_arch {
	MMSIM_ARCH_X86_64,
	MMSIM_ARCH_ARM,
};

/* How the deferred memory map is written (mm/memmap_lazy.c). */
enum mmsim_memmap {
	MMSIM_MEMMAP_AUTO,      /* lazy above MEMMAP_LAZY_AUTO_BYTES of RAM */
	MMSIM_MEMMAP_EAGER,     /* every struct page at boot, as the kernel */
	MMSIM_MEMMAP_LAZY,      /* untouched struct pages on first access */
};
#define MEMMAP_LAZY_AUTO_BYTES (256ULL << 30)

#define MMSIM_MAX_CPUS 8192
#define MMSIM_MAX_DESC_NODES 64
/*
 * The kernel's command-line buffers (asm/setup.h): x86_64 2048 bytes, the
 * size of mmsim's buffers; 32-bit ARM 1024 (its kernel keeps the first
 * 1023 bytes of the device tree's bootargs).
 */
#define COMMAND_LINE_SIZE 2048
#define ARM_COMMAND_LINE_SIZE 1024
static inline int arch_command_line_size(enum mmsim_arch arch)
{
	return arch == MMSIM_ARCH_ARM ? ARM_COMMAND_LINE_SIZE : COMMAND_LINE_SIZE;
}

/* One -numa node,mem=SIZE,cpus=A[-B] option. */
struct numa_node_desc {
	u64 mem;
	int cpu_first, cpu_last; /* -1 when the node has no CPUs */
};

/* The machine as the user described it (the `mmsim boot` options). */
struct machine_desc {
	enum mmsim_arch arch;
	char model[32];          /* "pc", "q35", "vexpress-a9" */
	u64 ram_size;            /* -m */
	unsigned int smp_cpus;   /* -smp N */
	unsigned int max_cpus;   /* -smp maxcpus= (default N) */
	unsigned int sockets, cores, threads;
	unsigned int nr_nodes;   /* -numa count; 0 = no NUMA description */
	struct numa_node_desc nodes[MMSIM_MAX_DESC_NODES];
	char *e820_text;         /* --e820: the BIOS-e820 lines, or NULL */
	char *e820_name;         /* where they came from (errors name it), or NULL */
	char cmdline[COMMAND_LINE_SIZE + 1024]; /* --append (may be overlong) */
	u64 initrd_size;         /* --initrd-size, 0 = no initrd */
	u64 kernel_addr;         /* --kernel-addr: image placement, 0 = loader's */
	u64 kaslr_seed;          /* --kaslr-seed: kaslr_get_random_long()'s value */
	/* --kaslr-memory: bases a real KASLR boot chose (0 = not given) */
	unsigned long kaslr_page_offset, kaslr_vmalloc, kaslr_vmemmap;
	/* ARM: the device tree blob QEMU's -dtb would load (--dtb), or NULL */
	void *dtb;
	size_t dtb_size;
	/*
	 * The .config and profile given to machine_create() stay the
	 * caller's: machine_destroy() leaves them (a program making many
	 * machines of one kernel loads them once; they must outlive every
	 * such machine).  false: the machine owns and frees them.
	 */
	bool borrowed_image;
	enum mmsim_memmap memmap; /* --memmap=auto|eager|lazy */
	/*
	 * --pin-cpus: each simulated CPU's host thread runs on one host CPU
	 * (host/cpu.c: CPU N on the (N mod k)-th usable one).  Host
	 * placement only; the simulated machine is the same either way.
	 */
	bool pin_cpus;
};

/* Word sizes of the simulated kernel (not of the host). */
struct arch_params {
	enum mmsim_arch arch;
	unsigned int phys_bits;    /* width of phys_addr_t: 64, or 32 on ARM */
	phys_addr_t phys_addr_max; /* PHYS_ADDR_MAX */
	unsigned int long_bytes;   /* sizeof(long) == sizeof(void *): 8, or 4 on ARM */
};

struct machine {
	struct machine_desc desc;
	struct arch_params arch;
	struct kconfig *config;
	struct kernel_profile *profile;

	struct host_ram ram;
	struct printk_log log;

	struct firmware_handoff fw;

	struct memblock_state memblock_st;
	struct mm_config mmcfg;
	struct mm_state mm;
	struct x86_state x86;
	struct x86_numa *x86_numa; /* host-allocated: it is large */
	struct acpi_state *acpi;   /* drivers/acpi: the tables found */
	struct resource iomem_root; /* iomem_resource (kernel/resource.c) */
	struct firmware_map_entry *firmware_map;  /* drivers/firmware/memmap.c */
	struct nosave_region *nosave_regions;     /* kernel/power/snapshot.c */
	phys_addr_t swiotlb_start;                /* kernel/dma/swiotlb.c */
	u64 swiotlb_size;
	/* kernel/dma/pool.c: the atomic pools, coherent_pool= */
	struct gen_pool *atomic_pool_kernel, *atomic_pool_dma, *atomic_pool_dma32;
	size_t atomic_pool_size;

	char boot_command_line[COMMAND_LINE_SIZE];
	bool early_params_done;
	char *saved_command_line;       /* in memblock memory */
	char *static_command_line;
	char *unknown_params[64];       /* point into static_command_line */
	int nr_unknown_params;
	char console_name[32];          /* console= */

	/* Facts resolved once from the .config and command line. */
	bool k_numa;            /* CONFIG_NUMA */
	bool k_have_physmem;    /* CONFIG_HAVE_MEMBLOCK_PHYS_MAP */
	bool k_movable_node;    /* movable_node on the command line */
	bool slab_available;    /* slab_is_available() */
	int k_hashdist;         /* hashdist= (-1: the default) */

	/* The kernel's scalar globals (see the aliases below). */
	unsigned long k_max_pfn, k_max_low_pfn, k_min_low_pfn;
	unsigned long long k_max_possible_pfn;
	unsigned int k_nr_cpu_ids;
	unsigned int nr_present_cpus;  /* CPUs up at boot (the rest hotplug) */
	int k_nr_node_ids;
	int k_max_numnodes;

	/* appended by the per-CPU allocator: */
	struct pcpu_state pcpu;           /* mm/percpu.c, __per_cpu_offset[] */
	struct cpu_masks_state cpu_masks; /* cpumask_var_t's made with it */

	/* appended by vmalloc: */
	struct vmalloc_state vmalloc_st;  /* mm/vmalloc.c, vmalloc_base */
	struct mm_struct k_init_mm;       /* init_mm: the kernel page tables */

	/* appended by the slab allocator: */
	struct slub_state slub;           /* mm/slab_common.c, mm/slub.c */
	struct kmem_cache *maple_node_cache; /* lib/maple_tree.c */
	struct kmem_cache *radix_tree_node_cachep; /* lib/xarray.c */
	unsigned long tainted_mask;       /* kernel/panic.c */

	/* appended by 32-bit ARM (host-allocated; NULL on x86_64): */
	const struct mmsim_arch_ops *arch_ops; /* include/mmsim/arch.h */
	struct arm_state *arm;            /* arch/arm (asm/arm_state.h) */
	struct of_fdt_state *of;          /* drivers/of: the flattened tree */
	struct cma_state *cma;            /* mm/cma.c: CMA areas */
	struct highmem_state *highmem;    /* mm/highmem.c: pkmap, kmap_local */
	struct page *flat_mem_map;        /* FLATMEM: mmsim's struct pages */

	struct calltrace *calltrace;      /* kernel/trace/calltrace.c: --calls */

	/* kernel/panic.c: where panic() lands (machine_boot's frame) */
	jmp_buf *panic_jmp;               /* NULL outside machine_boot() */
	pthread_t panic_thread;           /* the thread that booted */
	bool panicked;                    /* the boot ended in panic() */
	struct fault_inject_state fault;  /* failslab=, fail_page_alloc= */

	/* appended by user processes (host-allocated on first use): */
	struct mm_proc_state *proc;       /* include/mmsim/proc_state.h */
	/* appended by reclaim (host-allocated on first use): */
	struct lru_state *lru;            /* include/mmsim/lru_state.h */
	/* timers, work items, kernel threads (include/mmsim/sched_state.h) */
	struct sched_sim_state *sched;

	/* appended by execve (fs/exec.c, fs/binfmt_elf.c): */
	int k_randomize_va_space;         /* 2; norandmaps: 0 */
	struct rnd_state *exec_rnd;       /* exec's get_random_*(), seeded */
	unsigned long k_max_threads;      /* kernel/fork.c max_threads */
	/* appended by swap (host-allocated on first use): */
	struct swap_state *swap;          /* include/mmsim/swap_state.h */
	/* mm/guest_kernel.c: pages the rest of the guest's kernel holds */
	unsigned long guest_kernel_pages;
	struct task_struct *guest_init;   /* the guest's init (pid 1), or NULL */
	/*
	 * Host facts of the boot, for `mmsim boot --verbose` and the
	 * benchmarks (no simulated effect): the host time page_alloc_init_late()
	 * spent initialising deferred struct pages, and on how many simulated
	 * CPUs (the most any zone used).
	 */
	u64 host_deferred_init_ns;
	unsigned int host_deferred_init_cpus;
};

struct acpi_state;
struct rnd_state;
struct gen_pool;
struct mmsim_arch_ops;
struct arm_state;
struct of_fdt_state;
struct cma_state;
struct highmem_state;
struct calltrace;
struct firmware_map_entry;
struct nosave_region;
struct mm_proc_state;
struct swap_state;
struct lru_state;
struct sched_sim_state;
/*
 * The machine this thread runs on.  Kernel code reaches it as
 * current_machine, which stops the program with one message when no
 * machine is current (a thread that never entered one, or whose machine
 * was destroyed) instead of following a NULL pointer: one predictable
 * test and branch per access.  The optimised, unchecked build (DEBUG=0,
 * what `make bench` measures) leaves the test out, as it leaves out
 * VM_BUG_ON: there current_machine is one thread-local load, and kernel
 * code reached with no machine faults on the NULL pointer.  Code that
 * must work outside a machine (printk from the CLI, the misuse checks)
 * reads current_machine_raw, which may be NULL.
 */
extern __thread struct machine *current_machine_raw;
void machine_misuse_no_machine(void) __attribute__((noreturn, cold));
static inline struct machine *machine_current_checked(void)
{
	struct machine *m = current_machine_raw;

	if (MMSIM_DEBUG >= 1 && __builtin_expect(m == NULL, 0))
		machine_misuse_no_machine();
	return m;
}
#define current_machine (machine_current_checked())

/*
 * The slab state of the machine this thread runs on, never NULL: with no
 * current machine it is an empty one, in which every kmalloc cache is
 * NULL.  kmalloc()'s size-class lookup (inline at the call site,
 * <linux/slab.h>, and kmalloc_slab()) reads it instead of
 * current_machine, so that with no machine it finds no cache instead of
 * following a NULL pointer, and kmalloc's slow path for "no cache"
 * reports the misuse: the same message in every build, DEBUG=0 included,
 * for no test on the fast path.  machine_enter() sets it with
 * current_machine_raw.
 */
extern __thread const struct slub_state *current_slub_raw;

/*
 * The default machine of an architecture, as `mmsim boot` describes it
 * when no option is given: x86_64 is QEMU's pc with 512M and 2 CPUs;
 * 32-bit ARM is seed 003's and the oracle's vexpress-a9 with 1G and 4 CPUs
 * (QEMU's own default for that board would be 128M and one CPU).  No
 * initrd.
 */
#define MMSIM_DEFAULT_CMDLINE_X86 "console=ttyS0 loglevel=8"
#define MMSIM_DEFAULT_CMDLINE_ARM "console=ttyAMA0 loglevel=8"
void machine_desc_default(struct machine_desc *d, enum mmsim_arch arch);

/*
 * Build a machine from @desc with the given configuration and image
 * profile (both owned by the machine afterwards, unless
 * desc->borrowed_image).  Maps its RAM and lays
 * out its firmware.  Returns NULL and fills @err on failure.
 */
struct machine *machine_create(const struct machine_desc *desc,
			       struct kconfig *config,
			       struct kernel_profile *profile, char *err,
			       size_t errlen);
void machine_destroy(struct machine *m);
/*
 * Power on: firmware hand-over, then the kernel boots.  0 or -errno;
 * -ECANCELED when the kernel panicked (m->panicked, kernel/panic.c).
 */
int machine_boot(struct machine *m);
/* Make @m the machine this thread's kernel code runs on; returns the old one. */
struct machine *machine_enter(struct machine *m);
/* mm/memmap_lazy.c: how the memory map is written, for boot --verbose. */
const char *memmap_lazy_describe(const struct machine *m, char *buf,
				 size_t size);

/* The kernel's global variables, on the current machine. */
#define memblock (current_machine->memblock_st.mb)
#define randomize_va_space (current_machine->k_randomize_va_space)
#define max_pfn (current_machine->k_max_pfn)
#define max_low_pfn (current_machine->k_max_low_pfn)
#define min_low_pfn (current_machine->k_min_low_pfn)
#define max_possible_pfn (current_machine->k_max_possible_pfn)
#define boot_command_line (current_machine->boot_command_line)
#define boot_params (current_machine->fw.zero_page)
#define nr_cpu_ids (current_machine->k_nr_cpu_ids)
#define nr_node_ids (current_machine->k_nr_node_ids)
#define NODE_DATA(nid) (current_machine->mm.node_data[nid])
#define vmemmap (current_machine->mm.vmemmap)
#define totalcma_pages (current_machine->mm.totalcma_pages)
#define min_free_kbytes (current_machine->mm.min_free_kbytes)
#define page_group_by_mobility_disabled (current_machine->mm.page_group_by_mobility_disabled)
#define init_mm (current_machine->k_init_mm)

#endif /* _MMSIM_MACHINE_H */
