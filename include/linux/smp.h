/* SPDX-License-Identifier: MIT */
/*
 * include/linux/smp.h — which simulated CPU is running.
 *
 * Kernel counterpart: include/linux/smp.h.  Each host thread that runs
 * simulated-kernel code is one simulated CPU (host/cpu.c); the boot CPU is
 * CPU 0, the thread that calls machine_boot().
 */
#ifndef _MMSIM_LINUX_SMP_H
#define _MMSIM_LINUX_SMP_H

extern __thread int mmsim_cpu_id;
/*
 * This host thread is one simulated CPU of host_run_on_cpus (other CPUs
 * run on their own host threads): it steps only its own CPU's kernel
 * threads at scheduling points.
 */
extern __thread bool mmsim_on_cpu_thread;

static inline int smp_processor_id(void)
{
	return mmsim_cpu_id;
}

#define raw_smp_processor_id() smp_processor_id()
#define get_cpu() smp_processor_id()
#define put_cpu() do { } while (0)

/* kernel_init_freeable(): bring the other present CPUs up (kernel/smp.c). */
void smp_init(void);

#endif /* _MMSIM_LINUX_SMP_H */
