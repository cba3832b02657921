// SPDX-License-Identifier: MIT
/*
 * init/main.c — start_kernel(): the boot sequence, one step per line.
 *
 * Kernel counterpart: init/main.c (Linux 6.1).  Each call below is the
 * kernel's, in the kernel's order; a learner can `break` on any of them in
 * GDB and watch the step happen on the simulated machine.  Steps of the
 * kernel that do not touch memory management (interrupts, scheduler, RCU,
 * timers, security modules, ...) are left out; the ones that allocate are
 * kept, because every allocation moves the addresses of the ones after it.
 *
 * start_kernel() returns instead of running /init: the machine is left in
 * the state the kernel is in when it starts user space.
 */
#include "linux/compaction.h"
#include "linux/kernel.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "linux/acpi.h"
#include "linux/maple_tree.h"
#include "linux/xarray.h"
#include "linux/pagemap.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/printk.h"
#include "linux/start_kernel.h"
#include "linux/memblock.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/percpu.h"
#include "linux/slab.h"
#include "linux/smp.h"
#include "linux/string.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mmsim/arch.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

void vfs_caches_init_early(void);

/* "quiet" and "debug" set the console log level, as in the kernel. */
static int quiet_kernel(char *str)
{
	current_machine->log.console_loglevel =
		(int)CONFIG_VALUE(CONFIG_CONSOLE_LOGLEVEL_QUIET, 4);
	return 0;
}
early_param("quiet", quiet_kernel);

static int debug_kernel(char *str)
{
	current_machine->log.console_loglevel = 10;
	return 0;
}
early_param("debug", debug_kernel);

/*
 * init= and rdinit=: the program PID 1 runs (from the root file system,
 * or from the initramfs).  mmsim stops before running it; the handlers
 * claim the parameters so that they are not "unknown".
 */
static int init_setup(char *str)
{
	(void)str;
	return 0;
}
__setup("init=", init_setup);

static int rdinit_setup(char *str)
{
	(void)str;
	return 0;
}
__setup("rdinit=", rdinit_setup);

/*
 * Two copies of the command line for later parsing, from memblock (the
 * kernel inlines this into start_kernel(), whose name the debug lines show).
 */
static void setup_command_line(char *command_line)
{
	size_t len = strlen(boot_command_line) + 1;

	current_machine->saved_command_line =
		memblock_alloc_try_nid_caller(len, SMP_CACHE_BYTES, 0,
					      MEMBLOCK_ALLOC_ACCESSIBLE,
					      NUMA_NO_NODE, "start_kernel");
	current_machine->static_command_line =
		memblock_alloc_try_nid_caller(len, SMP_CACHE_BYTES, 0,
					      MEMBLOCK_ALLOC_ACCESSIBLE,
					      NUMA_NO_NODE, "start_kernel");
	if (current_machine->saved_command_line)
		strcpy(current_machine->saved_command_line, boot_command_line);
	if (current_machine->static_command_line)
		strcpy(current_machine->static_command_line, command_line);
}

/* nr_cpu_ids: the highest possible CPU + 1 (prefill_possible_map set it). */
static void setup_nr_cpu_ids(void)
{
	if (!nr_cpu_ids)
		nr_cpu_ids = 1;
}

/*
 * A parameter no handler claims is passed to init: as an environment
 * variable when it has "=value", as an argument otherwise.  Names with a
 * dot are module parameters and are never "unknown" here.
 */
static int unknown_bootoption(char *param, char *val, const char *doing,
			      void *arg)
{
	struct machine *m = current_machine;
	size_t n = strlen(param);

	if (val)
		param[n] = '='; /* next_arg() split "name=value": rejoin it */
	if (obsolete_checksetup(param) || memchr(param, '.', n))
		return 0;
	if (m->nr_unknown_params < (int)ARRAY_SIZE(m->unknown_params))
		m->unknown_params[m->nr_unknown_params++] = param;
	return 0;
}

/* "Unknown kernel command line parameters ...": built in a memblock buffer. */
static void print_unknown_bootoptions(void)
{
	struct machine *m = current_machine;
	size_t len = 0;
	char *buf, *end;
	int i;

	if (!m->nr_unknown_params)
		return;
	for (i = 0; i < m->nr_unknown_params; i++)
		len += strlen(m->unknown_params[i]) + 1;
	buf = memblock_alloc_try_nid_caller(len + 1, SMP_CACHE_BYTES, 0,
					    MEMBLOCK_ALLOC_ACCESSIBLE,
					    NUMA_NO_NODE, "start_kernel");
	if (!buf)
		return;
	end = buf;
	for (i = 0; i < m->nr_unknown_params; i++)
		end += sprintf(end, " %s", m->unknown_params[i]);
	pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
		  buf + 1);
	memblock_phys_free_caller(__pa(buf), len + 1, "start_kernel");
}

static void parse_boot_args(void)
{
	char *copy = current_machine->static_command_line;

	if (!copy)
		return;
	parse_args("Booting kernel", copy, unknown_bootoption, NULL);
	print_unknown_bootoptions();
}

/*
 * What mm_init() reports about memory initialisation: the .config's
 * defaults as init_on_alloc= / init_on_free= left them.
 */
static void report_meminit(void)
{
	const struct page_alloc_state *pa = &current_machine->mm.pa;

	pr_info("mem auto-init: stack:all(zero), heap alloc:%s, heap free:%s\n",
		pa->init_on_alloc ? "on" : "off", pa->init_on_free ? "on" : "off");
}

/* Set up kernel memory allocators (init/main.c: mm_init). */
static void mm_init(void)
{
	report_meminit();
	current_arch()->mem_init();             /* memblock -> buddy */
	mem_init_print_info();                  /* "Memory: ..." */
	if (current_arch()->mem_init_print_late)
		current_arch()->mem_init_print_late(); /* old ARM: memory layout */
	kmem_cache_init();                      /* SLUB: boot caches, kmalloc caches */
	vmalloc_init();                         /* after kmem_cache_init, pgtable_init in 6.1 */
}

/*
 * The memory-related initcalls of kernel_init_freeable(), in initcall
 * order: CMA areas (core), watermarks and DMA pools (postcore), THP's
 * raise of min_free_kbytes and the ACPI interpreter's mappings (subsys,
 * mm/ before drivers/), the initrd (rootfs).
 */
static void do_initcalls(void)
{
	const struct mmsim_arch_ops *arch = current_arch();

	if (arch->core_initcalls)
		arch->core_initcalls();         /* core: CMA areas (ARM) */
	init_per_zone_wmark_min();              /* postcore: min_free_kbytes, wmarks */
	if (arch->postcore_initcalls)
		arch->postcore_initcalls();     /* postcore: DMA atomic pools */
	percpu_enable_async();                  /* subsys: per-CPU balance work */
	kcompactd_init();                       /* subsys: kcompactd per node */
	swapfile_init();                        /* subsys: the swap state */
	hugepage_init();                        /* subsys: THP raise */
	acpi_init();                            /* subsys: ACPI's HPET region */
	arch->free_initrd_mem();                /* rootfs: "Freeing initrd memory" */
	kswapd_init();                          /* module: a kswapd per node */
	workingset_init();                      /* module: the shadow-node shrinker */
	if (arch->late_initcalls)
		arch->late_initcalls();         /* subsys..late: x86 /proc/iomem */
}

/* Driver-model set-up, then the initcalls (init/main.c: do_basic_setup). */
static void do_basic_setup(void)
{
	if (current_arch()->memory_dev_init)
		current_arch()->memory_dev_init(); /* driver_init(): memory blocks */
	do_initcalls();
}

/* PID 1 before it runs /init: late page init, initcalls (kernel_init_freeable). */
static void kernel_init_freeable(void)
{
	/* the scheduler is up: allocations may now sleep and reclaim */
	current_machine->mm.pa.gfp_allowed_mask = __GFP_BITS_MASK;
	smp_init();                             /* other CPUs: their IRQ stacks */
	page_alloc_init_late();                 /* deferred struct pages */
	do_basic_setup();
}

/* The last steps of kernel_init() before user space. */
static void kernel_init(void)
{
	kernel_init_freeable();
	current_arch()->free_initmem();         /* init sections, decrypted bss */
	current_arch()->mark_rodata_ro();       /* write-protect, free the gaps */
	do_sysctl_args();                       /* sysctl.* of the command line */
	vm_stats_fold_all();                    /* the CPUs idle: quiet_vmstat */
}

int start_kernel(void)
{
	const struct mmsim_arch_ops *arch = current_arch();
	char *command_line;
	int ret;

	if (arch->smp_setup_processor_id)
		arch->smp_setup_processor_id(); /* ARM: "Booting Linux on physical CPU" */
	pr_notice("%s\n", profile_str(current_machine->profile, "banner"));
	ret = arch->setup_arch(&command_line);  /* memory map -> memblock, zones */
	if (ret)
		return ret;
	setup_command_line(command_line);
	setup_nr_cpu_ids();
	arch->setup_per_cpu_areas();            /* per-CPU first chunk, offsets, cpumasks */
	build_all_zonelists(NULL);              /* fallback order per node */
	pr_notice("Kernel command line: %s\n", current_machine->saved_command_line);
	parse_boot_args();                      /* __setup params, unknown ones */
	setup_log_buf(0);                       /* bigger log for many CPUs */
	vfs_caches_init_early();                /* dentry/inode hash tables */
	if (arch->trap_init)
		arch->trap_init();              /* x86 trap_init(): entry-area tables */
	mm_init();                              /* buddy allocator takes over */
	radix_tree_init();                      /* the radix_tree_node cache (xarray nodes) */
	maple_tree_init();                      /* the maple_node cache */
	if (arch->init_IRQ)
		arch->init_IRQ();               /* x86: CPU 0's IRQ stack (vmap) */
	kmem_cache_init_late();                 /* SLUB: flush workqueue */
	setup_per_cpu_pageset();                /* real pcp lists per CPU */
	acpi_early_init();                      /* ACPI tables mapped for good */
	if (arch->late_time_init)
		arch->late_time_init();         /* x86: HPET registers (ioremap) */
	fork_init();                            /* max_threads from the RAM now */
	if (arch->check_bugs)
		arch->check_bugs();             /* arch_cpu_finalize_init: MCE pool, SMP locks */
	kernel_init();                          /* rest_init() -> kernel_init() */
	return 0;
}
