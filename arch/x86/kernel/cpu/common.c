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
