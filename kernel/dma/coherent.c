// SPDX-License-Identifier: MIT
/*
 * kernel/dma/coherent.c — per-device coherent memory pools declared in
 * the device tree ("shared-dma-pool" without "reusable").
 *
 * Kernel counterpart: kernel/dma/coherent.c, rmem_dma_setup() (Linux 6.1).
 * At boot only the declaration is checked and announced; the pool is
 * mapped when a device claims it (no devices are simulated).  On ARM such
 * a region must be no-map: the kernel may not have it in its linear map.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/of_fdt.h"
#include "mmsim/machine.h"

#include <libfdt.h>

int rmem_dma_setup(struct reserved_mem *rmem)
{
	const void *fdt = current_machine->of->fdt;

	if (fdt_getprop(fdt, rmem->fdt_node, "reusable", NULL))
		return -EINVAL;
	if (current_machine->arch.arch == MMSIM_ARCH_ARM &&
	    !fdt_getprop(fdt, rmem->fdt_node, "no-map", NULL)) {
		pr_err("Reserved memory: regions without no-map are not yet supported\n");
		return -EINVAL;
	}
	rmem->ops = "dma";
	pr_info("Reserved memory: created DMA memory pool at %pa, size %lu MiB\n",
		&rmem->base, (unsigned long)(rmem->size / SZ_1M));
	return 0;
}
