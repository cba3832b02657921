// SPDX-License-Identifier: MIT
/*
 * kernel/dma/contiguous.c — the global CMA area for DMA, and CMA regions
 * from the device tree.
 *
 * Kernel counterpart: kernel/dma/contiguous.c (Linux 6.1).
 *
 * Place in the boot: arm_memblock_init() -> dma_contiguous_reserve(
 * arm_dma_limit), after the image, initrd and reserved-memory regions are
 * reserved and before the first MEMBLOCK dump.  The size is
 *
 *   cma=size[@base[-limit]]            when given (a fixed area when
 *                                       base + size == limit)
 *   CONFIG_CMA_SIZE_MBYTES (16)        with CONFIG_CMA_SIZE_SEL_MBYTES
 *   CONFIG_CMA_SIZE_PERCENTAGE of RAM  with ..._SEL_PERCENTAGE (MIN/MAX:
 *                                       the smaller/larger of the two)
 *
 * and the area is placed by cma_declare_contiguous_nid() (mm/cma.c).
 */
#define pr_fmt(fmt) "cma: " fmt

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/cma.h"
#include "linux/of_fdt.h"
#include "mmsim/machine.h"

#include <libfdt.h>

#define cma_cmdline (*cma_state())

/* cma=nn[MG]@[start[MG][-end[MG]]] */
static int early_cma(char *p)
{
	if (!p) {
		pr_err("Config string not provided\n");
		return -EINVAL;
	}
	cma_cmdline.size_cmdline = (long long)memparse(p, &p);
	if (*p != '@')
		return 0;
	cma_cmdline.base_cmdline = memparse(p + 1, &p);
	if (*p != '-') {
		cma_cmdline.limit_cmdline = cma_cmdline.base_cmdline +
					    (phys_addr_t)cma_cmdline.size_cmdline;
		return 0;
	}
	cma_cmdline.limit_cmdline = memparse(p + 1, &p);
	return 0;
}
/* kernel/dma/contiguous.c is built only with CONFIG_DMA_CMA */
early_param_if("CONFIG_DMA_CMA", "cma", early_cma);

/* CONFIG_CMA_SIZE_PERCENTAGE of all RAM memblock knows, in bytes. */
static phys_addr_t cma_early_percent_memory(void)
{
	phys_addr_t total_pages = PHYS_PFN(memblock_phys_mem_size());

	return (total_pages * (phys_addr_t)CONFIG_VALUE(CONFIG_CMA_SIZE_PERCENTAGE, 0) /
		100) << PAGE_SHIFT;
}

static phys_addr_t cma_size_from_config(void)
{
	phys_addr_t mbytes = (phys_addr_t)CONFIG_VALUE(CONFIG_CMA_SIZE_MBYTES, 0) * SZ_1M;

	if (IS_ENABLED(CONFIG_CMA_SIZE_SEL_MBYTES))
		return mbytes;
	if (IS_ENABLED(CONFIG_CMA_SIZE_SEL_PERCENTAGE))
		return cma_early_percent_memory();
	if (IS_ENABLED(CONFIG_CMA_SIZE_SEL_MIN))
		return min(mbytes, cma_early_percent_memory());
	if (IS_ENABLED(CONFIG_CMA_SIZE_SEL_MAX))
		return max(mbytes, cma_early_percent_memory());
	return 0;
}

static int dma_contiguous_reserve_area(phys_addr_t size, phys_addr_t base,
				       phys_addr_t limit, struct cma **res_cma,
				       bool fixed)
{
	int ret = cma_declare_contiguous_nid(base, size, limit, 0, 0, fixed,
					     "reserved", res_cma, NUMA_NO_NODE);

	if (ret)
		return ret;
	dma_contiguous_early_fixup(cma_get_base(*res_cma), cma_get_size(*res_cma));
	return 0;
}

void dma_contiguous_reserve(phys_addr_t limit)
{
	struct cma_state *cs = cma_state();
	phys_addr_t selected_size, selected_base = 0, selected_limit = limit;
	bool fixed = false;

	if (!IS_ENABLED(CONFIG_DMA_CMA))
		return;
	pr_debug("%s(limit %08lx)\n", __func__, (unsigned long)limit);
	if (cs->size_cmdline != -1) {
		selected_size = (phys_addr_t)cs->size_cmdline;
		selected_base = cs->base_cmdline;
		/* min_not_zero(limit_cmdline, limit) */
		if (!cs->limit_cmdline)
			selected_limit = limit;
		else if (!limit)
			selected_limit = cs->limit_cmdline;
		else
			selected_limit = min(cs->limit_cmdline, limit);
		if (cs->base_cmdline + selected_size == cs->limit_cmdline)
			fixed = true;
	} else {
		selected_size = cma_size_from_config();
	}
	if (selected_size && !cs->dma_contiguous_default_area) {
		pr_debug("%s: reserving %lu MiB for global area\n", __func__,
			 (unsigned long)(selected_size / SZ_1M));
		dma_contiguous_reserve_area(selected_size, selected_base,
					    selected_limit,
					    &cs->dma_contiguous_default_area,
					    fixed);
	}
}

struct cma *dev_get_cma_area(void)
{
	return current_machine->cma ? current_machine->cma->dma_contiguous_default_area :
				      NULL;
}

/* RESERVEDMEM_OF_DECLARE(cma, "shared-dma-pool", rmem_cma_setup) */
int rmem_cma_setup(struct reserved_mem *rmem)
{
	struct cma_state *cs = cma_state();
	const void *fdt = current_machine->of->fdt;
	bool default_cma = fdt_getprop(fdt, rmem->fdt_node, "linux,cma-default", NULL);
	struct cma *cma;
	int err;

	if (cs->size_cmdline != -1 && default_cma) {
		pr_info("Reserved memory: bypass %s node, using cmdline CMA params instead\n",
			rmem->name);
		return -EBUSY;
	}
	if (!fdt_getprop(fdt, rmem->fdt_node, "reusable", NULL) ||
	    fdt_getprop(fdt, rmem->fdt_node, "no-map", NULL))
		return -EINVAL;
	if (!IS_ALIGNED(rmem->base | rmem->size, PAGE_SIZE * pageblock_nr_pages)) {
		pr_err("Reserved memory: incorrect alignment of CMA region\n");
		return -EINVAL;
	}
	err = cma_init_reserved_mem(rmem->base, rmem->size, 0, rmem->name, &cma);
	if (err) {
		pr_err("Reserved memory: unable to setup CMA region\n");
		return err;
	}
	dma_contiguous_early_fixup(rmem->base, (unsigned long)rmem->size);
	if (default_cma)
		cs->dma_contiguous_default_area = cma;
	rmem->ops = "cma";
	pr_info("Reserved memory: created CMA memory pool at %pa, size %lu MiB\n",
		&rmem->base, (unsigned long)(rmem->size / SZ_1M));
	return 0;
}
