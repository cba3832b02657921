// SPDX-License-Identifier: MIT
/*
 * lib/cpumask.c — storage for cpumask variables made before slab exists.
 *
 * Kernel counterpart: lib/cpumask.c (alloc_bootmem_cpumask_var).  With
 * CONFIG_CPUMASK_OFFSTACK a cpumask_var_t is a pointer, and the masks the
 * boot sets up early (the x86 CPU bring-up masks, node_to_cpumask_map)
 * get cpumask_size() bytes each from memblock, cache-line aligned:
 *
 *   memblock_alloc_try_nid: 8 bytes align=0x40 ... alloc_bootmem_cpumask_var
 *
 * (8 bytes = one long covers up to 64 CPUs; 16 for 65..128, and so on.)
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/cpumask.h"

int alloc_bootmem_cpumask_var(cpumask_var_t *mask)
{
	if (!IS_ENABLED(CONFIG_CPUMASK_OFFSTACK)) {
		*mask = NULL;
		return 0;
	}
	*mask = memblock_alloc(cpumask_size(), SMP_CACHE_BYTES);
	if (!*mask) {
		panic("%s: Failed to allocate %zu bytes align=0x%x\n",
			 __func__, cpumask_size(), SMP_CACHE_BYTES);
		return -ENOMEM;
	}
	return 0;
}
