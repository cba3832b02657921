// SPDX-License-Identifier: MIT
/*
 * kernel/smp.c — bringing the secondary CPUs up during boot.
 *
 * Kernel counterparts: kernel/smp.c (smp_init), kernel/cpu.c
 * (bringup_nonboot_cpus, cpu_up), Linux 6.1.  kernel_init_freeable()
 * calls smp_init() once the scheduler and workqueues are up; each present
 * CPU that is not online yet goes through cpu_up(), which ends in the
 * architecture's __cpu_up().
 *
 * In mmsim the simulated CPUs exist from the start (host threads), so
 * what is left of bringing one up is what the architecture allocates for
 * it: on x86_64 its IRQ stack, vmap()ed (arch/x86/kernel/irq_64.c).  The
 * idle threads (fork_idle: thread stacks) and the hotplug threads are not
 * modelled; "smp: Bringing up secondary CPUs ..." and the per-CPU
 * messages are not printed.
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "mmsim/arch.h"
#include "mmsim/machine.h"

void smp_init(void)
{
	const struct mmsim_arch_ops *arch = current_arch();
	unsigned int cpu, boot = (unsigned int)smp_processor_id();

	if (!arch->cpu_up)
		return;
	for (cpu = 0; cpu < current_machine->nr_present_cpus; cpu++) {
		int ret;

		if (cpu == boot)
			continue;
		ret = arch->cpu_up(cpu);
		if (ret)
			pr_err("smp: CPU %u failed to come up (%d)\n", cpu, ret);
	}
}
