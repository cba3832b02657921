// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/cpu/common.c — the CPU bring-up masks.
 *
 * Kernel counterpart: arch/x86/kernel/cpu/common.c (Linux 6.1),
 * setup_cpu_local_masks() only: the four cpumask variables SMP bring-up
 * uses, given their storage by setup_per_cpu_areas() right after the
 * node masks:
 *
 *   cpu_initialized_mask    CPUs that ran cpu_init()
 *   cpu_callin_mask         APs that reported in
 *   cpu_callout_mask        APs the boot CPU released
 *   cpu_sibling_setup_mask  CPUs whose sibling maps are built
 *
 * With CPUMASK_OFFSTACK each is one memblock request of cpumask_size()
 * bytes, in this order.
 *
 * Also arch_cpu_finalize_init(), which later 6.1 stable kernels (the
 * oracle's 6.1.192: its log frees the SMP alternatives before "pid_max")
 * run where 6.1.0 ran check_bugs(), right after calibrate_delay() in
 * start_kernel().  Its memory-management steps:
 * identifying the boot CPU sets up machine checks (the MCE records pool,
 * cpu/mce/genpool.c), and alternative_instructions() frees the SMP lock
 * table (arch/x86/mm/free_image.c).
 */
#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "mmsim/machine.h"

void setup_cpu_local_masks(void)
{
	struct cpu_masks_state *cm = &current_machine->cpu_masks;

	alloc_bootmem_cpumask_var(&cm->cpu_initialized_mask);
	alloc_bootmem_cpumask_var(&cm->cpu_callin_mask);
	alloc_bootmem_cpumask_var(&cm->cpu_callout_mask);
	alloc_bootmem_cpumask_var(&cm->cpu_sibling_setup_mask);
}

void mcheck_cpu_init(void);
void free_smp_alternatives(void);

void arch_cpu_finalize_init(void)
{
	mcheck_cpu_init();              /* identify_boot_cpu() -> identify_cpu() */
	free_smp_alternatives();        /* alternative_instructions() */
}
