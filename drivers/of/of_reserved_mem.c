// SPDX-License-Identifier: MIT
/*
 * drivers/of/of_reserved_mem.c — /reserved-memory regions and the drivers
 * that claim them.
 *
 * Kernel counterpart: drivers/of/of_reserved_mem.c (Linux 6.1).
 *
 * fdt_scan_reserved_mem() (drivers/of/fdt.c) reserves each child's reg
 * ranges and saves the child here; fdt_init_reserved_mem() then gives
 * children that only say "size" a place, and offers each region to the
 * handlers of RESERVEDMEM_OF_DECLARE in link order:
 *
 *   "shared-dma-pool"  kernel/dma/contiguous.c  rmem_cma_setup  (reusable)
 *   "shared-dma-pool"  kernel/dma/coherent.c    rmem_dma_setup  (no-map)
 *
 * The first handler that accepts it wins ("OF: reserved mem: initialized
 * node vram@4c000000, compatible id shared-dma-pool").  On vexpress the
 * DTB's vram@4c000000 lies outside RAM and is no-map: nothing in memblock
 * changes, the coherent pool takes it.
 */
#define pr_fmt(fmt) "OF: reserved mem: " fmt

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/of_fdt.h"
#include "mmsim/machine.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#define of_st (*current_machine->of)

void fdt_reserved_mem_save_node(int node, const char *uname, phys_addr_t base,
				phys_addr_t size)
{
	struct reserved_mem *rmem;

	if (of_st.reserved_mem_count == MAX_RESERVED_REGIONS) {
		pr_err("not enough space for all defined regions.\n");
		return;
	}
	rmem = &of_st.reserved_mem[of_st.reserved_mem_count++];
	memset(rmem, 0, sizeof(*rmem));
	rmem->fdt_node = node;
	rmem->name = uname;
	rmem->base = base;
	rmem->size = size;
}

static u64 read_cells(const fdt32_t *p, int n)
{
	u64 v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* A region that says only "size" (and maybe "alignment"): place it. */
static int __reserved_mem_alloc_size(int node, const char *uname,
				     phys_addr_t *res_base, phys_addr_t *res_size)
{
	int t_len = (of_st.dt_root_addr_cells + of_st.dt_root_size_cells) * 4;
	phys_addr_t base = 0, align = 0, size;
	const fdt32_t *prop;
	bool nomap;
	int len;

	prop = of_get_flat_dt_prop(node, "size", &len);
	if (!prop)
		return -EINVAL;
	if (len != of_st.dt_root_size_cells * 4) {
		pr_err("invalid size property in '%s' node.\n", uname);
		return -EINVAL;
	}
	size = read_cells(prop, of_st.dt_root_size_cells);
	prop = of_get_flat_dt_prop(node, "alignment", &len);
	if (prop) {
		if (len != of_st.dt_root_addr_cells * 4) {
			pr_err("invalid alignment property in '%s' node.\n", uname);
			return -EINVAL;
		}
		align = read_cells(prop, of_st.dt_root_addr_cells);
	}
	nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;
	if (!align)
		align = SMP_CACHE_BYTES;
	prop = of_get_flat_dt_prop(node, "alloc-ranges", &len);
	if (prop && len % t_len == 0) {
		while (len > 0 && !base) {
			phys_addr_t start = read_cells(prop, of_st.dt_root_addr_cells);
			phys_addr_t end = start + read_cells(prop + of_st.dt_root_addr_cells,
							     of_st.dt_root_size_cells);

			base = memblock_phys_alloc_range_caller(size, align, start,
					end, "__reserved_mem_alloc_size");
			len -= t_len;
			prop += t_len / 4;
		}
	} else {
		base = memblock_phys_alloc_range_caller(size, align, 0,
				MEMBLOCK_ALLOC_ANYWHERE, "__reserved_mem_alloc_size");
	}
	if (!base) {
		pr_err("failed to allocate memory for node '%s': size %lu MiB\n",
		       uname, (unsigned long)(size / SZ_1M));
		return -ENOMEM;
	}
	if (nomap) {
		memblock_phys_free(base, size);
		memblock_mark_nomap(base, size);
	}
	*res_base = base;
	*res_size = size;
	return 0;
}

static int rmem_cmp(const void *a, const void *b)
{
	const struct reserved_mem *ra = a, *rb = b;

	if (ra->base != rb->base)
		return ra->base < rb->base ? -1 : 1;
	if (ra->size != rb->size)
		return ra->size < rb->size ? -1 : 1;
	return 0;
}

static void __rmem_check_for_overlap(void)
{
	int i;

	if (of_st.reserved_mem_count < 2)
		return;
	qsort(of_st.reserved_mem, (size_t)of_st.reserved_mem_count,
	      sizeof(of_st.reserved_mem[0]), rmem_cmp);
	for (i = 0; i < of_st.reserved_mem_count - 1; i++) {
		struct reserved_mem *this = &of_st.reserved_mem[i];
		struct reserved_mem *next = &of_st.reserved_mem[i + 1];

		if (this->base + this->size > next->base) {
			phys_addr_t this_end = this->base + this->size;
			phys_addr_t next_end = next->base + next->size;

			pr_err("OVERLAP DETECTED!\n%s (%pa--%pa) overlaps with %s (%pa--%pa)\n",
			       this->name, &this->base, &this_end, next->name,
			       &next->base, &next_end);
		}
	}
}

static bool fdt_is_compatible(int node, const char *compat)
{
	return !fdt_node_check_compatible(of_st.fdt, node, compat);
}

/* RESERVEDMEM_OF_DECLARE entries, in the kernel's link order. */
static const struct {
	const char *compatible;
	int (*init)(struct reserved_mem *rmem);
} reservedmem_of_table[] = {
	{ "shared-dma-pool", rmem_cma_setup },
	{ "shared-dma-pool", rmem_dma_setup },
};

static int __reserved_mem_init_node(struct reserved_mem *rmem)
{
	size_t i;
	int ret = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(reservedmem_of_table); i++) {
		const char *compat = reservedmem_of_table[i].compatible;

		if (!fdt_is_compatible(rmem->fdt_node, compat))
			continue;
		ret = reservedmem_of_table[i].init(rmem);
		if (!ret) {
			pr_info("initialized node %s, compatible id %s\n",
				rmem->name, compat);
			break;
		}
	}
	return ret;
}

void fdt_init_reserved_mem(void)
{
	int i;

	__rmem_check_for_overlap();
	for (i = 0; i < of_st.reserved_mem_count; i++) {
		struct reserved_mem *rmem = &of_st.reserved_mem[i];
		int node = rmem->fdt_node, len, err = 0;
		const fdt32_t *prop;
		bool nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;

		prop = of_get_flat_dt_prop(node, "phandle", &len);
		if (!prop)
			prop = of_get_flat_dt_prop(node, "linux,phandle", &len);
		if (prop)
			rmem->phandle = (u32)read_cells(prop, len / 4);
		if (!rmem->size)
			err = __reserved_mem_alloc_size(node, rmem->name,
							&rmem->base, &rmem->size);
		if (err)
			continue;
		err = __reserved_mem_init_node(rmem);
		if (err && err != -ENOENT) {
			pr_info("node %s compatible matching fail\n", rmem->name);
			if (nomap)
				memblock_clear_nomap(rmem->base, rmem->size);
			else
				memblock_phys_free(rmem->base, rmem->size);
		}
	}
}
