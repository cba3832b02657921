/* SPDX-License-Identifier: MIT */
/*
 * include/linux/cpumask.h — sets of CPUs: which CPUs are possible, and the
 * off-stack cpumask variables the boot allocates.
 *
 * Kernel counterpart: include/linux/cpumask.h (and lib/cpumask.c for
 * alloc_bootmem_cpumask_var).  What mmsim keeps:
 *
 *   cpu_possible_mask   x86's prefill_possible_map() makes CPUs
 *                       0 .. nr_cpu_ids-1 possible and no others, so
 *                       "possible" is "below nr_cpu_ids" here.
 *   nr_cpumask_bits     with CONFIG_CPUMASK_OFFSTACK (Debian: MAXSMP) the
 *                       masks are sized by nr_cpu_ids, else by NR_CPUS.
 *   cpumask_var_t       a pointer to a mask; with OFFSTACK its bits live
 *                       in memory alloc_bootmem_cpumask_var() takes from
 *                       memblock (cpumask_size() bytes, cache aligned),
 *                       which is why the boot log shows those requests.
 *
 * NR_CPUS is mmsim's bound for per-CPU tables and the kernel's "no CPU"
 * marker in unit maps; the figure the kernel prints as NR_CPUS is
 * CONFIG_NR_CPUS of the machine's .config (nr_cpus_config()).
 */
#ifndef _MMSIM_LINUX_CPUMASK_H
#define _MMSIM_LINUX_CPUMASK_H

#include "linux/bitmap.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

#define NR_CPUS MMSIM_MAX_CPUS

struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
};
typedef struct cpumask *cpumask_var_t;

#define cpumask_bits(maskp) ((maskp)->bits)

static inline unsigned int nr_cpus_config(void)
{
	return (unsigned int)CONFIG_VALUE(CONFIG_NR_CPUS, NR_CPUS);
}

static inline unsigned int nr_cpumask_bits_now(void)
{
	return IS_ENABLED(CONFIG_CPUMASK_OFFSTACK) ? nr_cpu_ids
						  : nr_cpus_config();
}
#define nr_cpumask_bits nr_cpumask_bits_now()

/* Bytes of one mask: whole longs covering nr_cpumask_bits. */
static inline size_t cpumask_size(void)
{
	return BITS_TO_LONGS(nr_cpumask_bits) * sizeof(long);
}

static inline bool cpu_possible(unsigned int cpu)
{
	return cpu < nr_cpu_ids;
}

static inline unsigned int num_possible_cpus(void)
{
	return nr_cpu_ids;
}

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)

/*
 * Give *@mask its storage from memblock (CPUMASK_OFFSTACK), as the kernel
 * does for masks set up before slab.  0, or -ENOMEM after printing the
 * panic the kernel would raise.  Without OFFSTACK nothing is allocated and
 * *@mask is NULL (mmsim keeps no on-stack masks).
 */
int alloc_bootmem_cpumask_var(cpumask_var_t *mask);

#endif /* _MMSIM_LINUX_CPUMASK_H */
