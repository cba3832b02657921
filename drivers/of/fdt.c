// SPDX-License-Identifier: MIT
/*
 * drivers/of/fdt.c — reading the flattened device tree at boot.
 *
 * Kernel counterpart: drivers/of/fdt.c (Linux 6.1), with of_alias_scan()
 * of drivers/of/base.c.  See include/linux/of_fdt.h for the sequence.
 *
 * The blob is the one QEMU's loader patched into simulated RAM (host/
 * firmware_arm.c); every access goes through libfdt on that memory, as
 * the kernel's own copy of libfdt does.  What the kernel learns here:
 *
 *   /                #address-cells, #size-cells (default 1 and 1)
 *   /chosen          bootargs -> boot_command_line (at most 1023 bytes:
 *                    ARM's COMMAND_LINE_SIZE);
 *                    linux,initrd-start/-end -> phys_initrd_start/size
 *   device_type = "memory" nodes: each reg pair, page-trimmed, clipped to
 *                    what a 32-bit phys_addr_t and PAGE_OFFSET allow,
 *                    -> memblock_add()            (silent: memblock=debug
 *                                                  is not parsed yet)
 *   /memreserve/ and /reserved-memory -> memblock_reserve() or nomap
 *
 * unflatten_device_tree() sizes the tree exactly as the kernel's dry run
 * does — per node sizeof(struct device_node) + its unit name, per
 * property sizeof(struct property), plus a synthesised "name" property
 * (sizeof(struct property) + name) for blobs of version 16 and later,
 * which have none — and takes one memblock block of that size + 4.  The
 * sizes are the simulated kernel's (the image profile); the tree mmsim
 * keeps for itself is an ordinary host copy.  Then of_alias_scan() makes
 * one alias_prop per /aliases entry whose path exists.
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/of_fdt.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <ctype.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define of_st (*current_machine->of)
#define initial_boot_params (of_st.fdt)
#define dt_root_addr_cells (of_st.dt_root_addr_cells)
#define dt_root_size_cells (of_st.dt_root_size_cells)

static struct of_fdt_state *of_state(void)
{
	if (!current_machine->of)
		current_machine->of = host_alloc(sizeof(struct of_fdt_state));
	return current_machine->of;
}

/* Sizes of the simulated kernel's structures (its image profile). */
static unsigned long kernel_sizeof(const char *what, unsigned long dflt)
{
	char key[64];

	snprintf(key, sizeof(key), "sizeof.%s", what);
	return (unsigned long)profile_u64(current_machine->profile, key, dflt);
}

static unsigned long kernel_alignof_ptr(void)
{
	return current_machine->arch.long_bytes;
}

const void *of_get_flat_dt_prop(int node, const char *name, int *size)
{
	return fdt_getprop(initial_boot_params, node, name, size);
}

/* status absent, "okay" or "ok". */
int of_fdt_device_is_available(const void *blob, int node)
{
	const char *status = fdt_getprop(blob, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static u64 of_read_number(const fdt32_t *cell, int size)
{
	u64 r = 0;

	while (size--)
		r = (r << 32) | fdt32_to_cpu(*cell++);
	return r;
}

static u64 dt_mem_next_cell(int s, const fdt32_t **cellp)
{
	const fdt32_t *p = *cellp;

	*cellp = p + s;
	return of_read_number(p, s);
}

/* A blob the kernel accepts: a sane header (the CRC is only recorded). */
bool early_init_dt_verify(void *params)
{
	if (!params)
		return false;
	if (fdt_check_header(params))
		return false;
	{
		struct of_fdt_state *st = of_state();

		st->fdt = params;
	}
	return true;
}

/* The "model" property, else the first "compatible" string. */
const char *of_flat_dt_get_machine_name(void)
{
	const char *name = fdt_getprop(initial_boot_params, 0, "model", NULL);

	if (!name)
		name = fdt_getprop(initial_boot_params, 0, "compatible", NULL);
	return name;
}

int early_init_dt_scan_root(void)
{
	const fdt32_t *prop;
	int node = fdt_path_offset(initial_boot_params, "/");

	if (node < 0)
		return -ENODEV;
	dt_root_size_cells = OF_ROOT_NODE_SIZE_CELLS_DEFAULT;
	dt_root_addr_cells = OF_ROOT_NODE_ADDR_CELLS_DEFAULT;
	prop = of_get_flat_dt_prop(node, "#size-cells", NULL);
	if (prop)
		dt_root_size_cells = (int)fdt32_to_cpu(*prop);
	prop = of_get_flat_dt_prop(node, "#address-cells", NULL);
	if (prop)
		dt_root_addr_cells = (int)fdt32_to_cpu(*prop);
	pr_debug("dt_root_size_cells = %x\n", dt_root_size_cells);
	pr_debug("dt_root_addr_cells = %x\n", dt_root_addr_cells);
	return 0;
}

/* linux,initrd-start/-end: the initrd's physical range. */
static void early_init_dt_check_for_initrd(int node)
{
	const fdt32_t *prop;
	u64 start, end;
	int len;

	if (!IS_ENABLED(CONFIG_BLK_DEV_INITRD))
		return;
	prop = of_get_flat_dt_prop(node, "linux,initrd-start", &len);
	if (!prop)
		return;
	start = of_read_number(prop, len / 4);
	prop = of_get_flat_dt_prop(node, "linux,initrd-end", &len);
	if (!prop)
		return;
	end = of_read_number(prop, len / 4);
	if (start > end)
		return;
	of_st.phys_initrd_start = start;
	of_st.phys_initrd_size = end - start;
	pr_debug("initrd_start=0x%llx  initrd_end=0x%llx\n",
		 (unsigned long long)start, (unsigned long long)end);
}

int early_init_dt_scan_chosen(char *cmdline)
{
	const char *p;
	int l, node;

	node = fdt_path_offset(initial_boot_params, "/chosen");
	if (node < 0)
		node = fdt_path_offset(initial_boot_params, "/chosen@0");
	if (node < 0)
		return -ENOENT;
	of_st.chosen_node_offset = node;
	early_init_dt_check_for_initrd(node);

	p = of_get_flat_dt_prop(node, "bootargs", &l);
	if (p && l > 0)
		snprintf(cmdline, (size_t)min(l, ARM_COMMAND_LINE_SIZE), "%s", p);
	pr_debug("Command line is: %s\n", cmdline);
	return 0;
}

/*
 * Page-trim a memory range and keep it inside what the kernel can
 * address (phys_addr_t, and nothing below PHYS_OFFSET), then add it.
 */
void early_init_dt_add_memory_arch(u64 base, u64 size)
{
	const u64 min_addr = of_st.min_memblock_addr;
	const u64 max_addr = PHYS_ADDR_MAX;

	if (size < PAGE_SIZE - (base & ~PAGE_MASK)) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}
	if (!PAGE_ALIGNED(base)) {
		size -= PAGE_SIZE - (base & ~PAGE_MASK);
		base = PAGE_ALIGN(base);
	}
	size &= PAGE_MASK;
	if (base > max_addr) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}
	if (base + size - 1 > max_addr) {
		pr_warn("Ignoring memory range 0x%llx - 0x%llx\n",
			(unsigned long long)max_addr + 1,
			(unsigned long long)(base + size));
		size = max_addr - base + 1;
	}
	if (base + size < min_addr) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}
	if (base < min_addr) {
		pr_warn("Ignoring memory range 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)min_addr);
		size -= min_addr - base;
		base = min_addr;
	}
	memblock_add(base, size);
}

int early_init_dt_scan_memory(void)
{
	const void *fdt = initial_boot_params;
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = of_get_flat_dt_prop(node, "device_type", NULL);
		const fdt32_t *reg, *endp;
		bool hotpluggable;
		int l;

		if (!type || strcmp(type, "memory"))
			continue;
		if (!of_fdt_device_is_available(fdt, node))
			continue;
		reg = of_get_flat_dt_prop(node, "linux,usable-memory", &l);
		if (!reg)
			reg = of_get_flat_dt_prop(node, "reg", &l);
		if (!reg)
			continue;
		endp = reg + (l / 4);
		hotpluggable = of_get_flat_dt_prop(node, "hotpluggable", NULL);
		while (endp - reg >= dt_root_addr_cells + dt_root_size_cells) {
			u64 base = dt_mem_next_cell(dt_root_addr_cells, &reg);
			u64 size = dt_mem_next_cell(dt_root_size_cells, &reg);

			if (!size)
				continue;
			pr_debug(" - %llx, %llx\n", (unsigned long long)base,
				 (unsigned long long)size);
			early_init_dt_add_memory_arch(base, size);
			if (hotpluggable && memblock_mark_hotplug(base, size))
				pr_warn("failed to mark hotplug range 0x%llx - 0x%llx\n",
					(unsigned long long)base,
					(unsigned long long)(base + size));
		}
	}
	return 0;
}

void early_init_dt_scan_nodes(void)
{
	early_init_dt_scan_root();
	if (early_init_dt_scan_chosen(boot_command_line))
		pr_warn("No chosen node found, continuing without\n");
	early_init_dt_scan_memory();
}

/* --- /memreserve/ and /reserved-memory ----------------------------------------- */

static int early_init_dt_reserve_memory(phys_addr_t base, phys_addr_t size,
					bool nomap)
{
	if (nomap) {
		if (memblock_overlaps_region(&memblock.memory, base, size) &&
		    memblock_is_region_reserved(base, size))
			return -EBUSY;
		return memblock_mark_nomap(base, size);
	}
	return memblock_reserve(base, size);
}

/* Every reg range of one reserved-memory child. */
static int __reserved_mem_reserve_reg(int node, const char *uname)
{
	int t_len = (dt_root_addr_cells + dt_root_size_cells) * 4;
	const fdt32_t *prop;
	bool nomap, first = true;
	int len;

	prop = of_get_flat_dt_prop(node, "reg", &len);
	if (!prop)
		return -ENOENT;
	if (len && len % t_len) {
		pr_err("Reserved memory: invalid reg property in '%s', skipping node.\n",
		       uname);
		return -EINVAL;
	}
	nomap = of_get_flat_dt_prop(node, "no-map", NULL) != NULL;
	while (len >= t_len) {
		phys_addr_t base = dt_mem_next_cell(dt_root_addr_cells, &prop);
		phys_addr_t size = dt_mem_next_cell(dt_root_size_cells, &prop);

		if (size && !early_init_dt_reserve_memory(base, size, nomap))
			pr_debug("Reserved memory: reserved region for node '%s': base %pa, size %lu MiB\n",
				 uname, &base, (unsigned long)(size / SZ_1M));
		else
			pr_err("Reserved memory: failed to reserve memory for node '%s': base %pa, size %lu MiB\n",
			       uname, &base, (unsigned long)(size / SZ_1M));
		len -= t_len;
		if (first) {
			fdt_reserved_mem_save_node(node, uname, base, size);
			first = false;
		}
	}
	return 0;
}

static int __reserved_mem_check_root(int node)
{
	const fdt32_t *prop;

	prop = of_get_flat_dt_prop(node, "#size-cells", NULL);
	if (!prop || (int)fdt32_to_cpu(*prop) != dt_root_size_cells)
		return -EINVAL;
	prop = of_get_flat_dt_prop(node, "#address-cells", NULL);
	if (!prop || (int)fdt32_to_cpu(*prop) != dt_root_addr_cells)
		return -EINVAL;
	if (!of_get_flat_dt_prop(node, "ranges", NULL))
		return -EINVAL;
	return 0;
}

static int fdt_scan_reserved_mem(void)
{
	const void *fdt = initial_boot_params;
	int node, child;

	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0)
		return -ENODEV;
	if (__reserved_mem_check_root(node)) {
		pr_err("Reserved memory: unsupported node format, ignoring\n");
		return -EINVAL;
	}
	fdt_for_each_subnode(child, fdt, node) {
		const char *uname;

		if (!of_fdt_device_is_available(fdt, child))
			continue;
		uname = fdt_get_name(fdt, child, NULL);
		if (__reserved_mem_reserve_reg(child, uname) == -ENOENT &&
		    of_get_flat_dt_prop(child, "size", NULL))
			fdt_reserved_mem_save_node(child, uname, 0, 0);
	}
	return 0;
}

void early_init_fdt_scan_reserved_mem(void)
{
	u64 base, size;
	int n;

	if (!current_machine->of || !initial_boot_params)
		return;
	for (n = 0;; n++) {
		if (fdt_get_mem_rsv(initial_boot_params, n, &base, &size) || !size)
			break;
		memblock_reserve(base, size);
	}
	fdt_scan_reserved_mem();
	fdt_init_reserved_mem();
}

/* --- unflattening ---------------------------------------------------------------- */

/* One node's and its properties' bytes in the kernel's dry run. */
static void unflatten_size_node(const void *blob, int offset,
				unsigned long *mem)
{
	const unsigned long align = kernel_alignof_ptr();
	const unsigned long node_size = kernel_sizeof("device_node", 0);
	const unsigned long prop_size = kernel_sizeof("property", 0);
	const char *name = fdt_get_name(blob, offset, NULL);
	bool has_name = false;
	int prop;

	*mem = ALIGN(*mem, align) + node_size + strlen(name) + 1;
	fdt_for_each_property_offset(prop, blob, offset) {
		const char *pname;

		if (!fdt_getprop_by_offset(blob, prop, &pname, NULL) || !pname)
			continue;
		if (!strcmp(pname, "name"))
			has_name = true;
		*mem = ALIGN(*mem, align) + prop_size;
	}
	if (!has_name) {
		/* "name" = the unit name up to '@' (after the last '/') */
		const char *ps = name, *pa = NULL, *p;

		for (p = name; *p; p++) {
			if (*p == '@')
				pa = p;
			else if (*p == '/')
				ps = p + 1;
		}
		if (!pa || pa < ps)
			pa = p;
		*mem = ALIGN(*mem, align) + prop_size + (unsigned long)(pa - ps) + 1;
	}
}

/* mmsim's own copy of one node, linked under @dad. */
static struct device_node *copy_node(const void *blob, int offset,
				     struct device_node *dad)
{
	struct device_node *np = host_alloc(sizeof(*np));
	const char *full = fdt_get_name(blob, offset, NULL);
	size_t n = strcspn(full, "@");
	char *name = host_alloc(n + 1);
	int prop;

	memcpy(name, full, n);
	np->name = name;
	np->full_name = host_strdup(full);
	np->phandle = fdt_get_phandle(blob, offset);
	np->fdt_offset = offset;
	fdt_for_each_property_offset(prop, blob, offset)
		np->nr_properties++;
	np->parent = dad;
	if (dad) {
		struct device_node **pp = &dad->child;

		while (*pp)
			pp = &(*pp)->sibling;
		*pp = np;
	}
	return np;
}

static void free_nodes(struct device_node *np)
{
	while (np) {
		struct device_node *next = np->sibling;

		free_nodes(np->child);
		host_free((void *)np->name);
		host_free((void *)np->full_name);
		host_free(np);
		np = next;
	}
}

/* Walk the blob depth-first: size everything, keep the host copy. */
static unsigned long unflatten_dt_nodes(const void *blob)
{
	struct device_node *stack[64] = { NULL };
	unsigned long mem = 0;
	int offset, depth = 0;

	for (offset = 0; offset >= 0 && depth >= 0;
	     offset = fdt_next_node(blob, offset, &depth)) {
		if (depth >= (int)ARRAY_SIZE(stack))
			continue;
		unflatten_size_node(blob, offset, &mem);
		stack[depth] = copy_node(blob, offset, depth ? stack[depth - 1] : NULL);
		if (!depth)
			of_st.of_root = stack[0];
		of_st.nr_nodes++;
	}
	return mem;
}

static void *early_init_dt_alloc_memory_arch(u64 size, u64 align)
{
	void *ptr = memblock_alloc_try_nid_caller(size, align, MEMBLOCK_LOW_LIMIT,
						  MEMBLOCK_ALLOC_ACCESSIBLE,
						  NUMA_NO_NODE,
						  "early_init_dt_alloc_memory_arch");

	if (!ptr)
		panic("%s: Failed to allocate %llu bytes align=0x%llx\n",
			 __func__, (unsigned long long)size,
			 (unsigned long long)align);
	return ptr;
}

/*
 * of_alias_scan(): one alias_prop (plus the stem, "serial" of
 * "serial0") for every /aliases property naming an existing node.
 */
static void of_alias_scan(void)
{
	const void *fdt = initial_boot_params;
	const unsigned long ap_size = kernel_sizeof("alias_prop", 0);
	int aliases = fdt_path_offset(fdt, "/aliases"), prop;

	if (aliases < 0)
		return;
	fdt_for_each_property_offset(prop, fdt, aliases) {
		const char *pname, *path, *end;
		size_t len;

		path = fdt_getprop_by_offset(fdt, prop, &pname, NULL);
		if (!path || !pname || !strcmp(pname, "name") ||
		    !strcmp(pname, "phandle") || !strcmp(pname, "linux,phandle"))
			continue;
		if (fdt_path_offset(fdt, path) < 0)
			continue;
		end = pname + strlen(pname);
		while (end > pname && isdigit((unsigned char)end[-1]))
			end--;
		len = (size_t)(end - pname);
		if (!*end)
			continue;       /* no id: kstrtoint() fails */
		if (early_init_dt_alloc_memory_arch(ap_size + len + 1,
						    kernel_alignof_ptr()))
			of_st.nr_aliases++;
	}
}

void unflatten_device_tree(void)
{
	unsigned long size;
	void *mem;

	if (!current_machine->of || !initial_boot_params)
		return;
	size = unflatten_dt_nodes(initial_boot_params);
	size = ALIGN(size, 4UL);
	pr_debug("  size is %lu, allocating...\n", size);
	mem = early_init_dt_alloc_memory_arch(size + 4, kernel_alignof_ptr());
	if (!mem)
		return;
	/* the kernel's end marker, checked after the real pass */
	((u8 *)mem)[size] = 0xef;
	((u8 *)mem)[size + 1] = 0xbe;
	((u8 *)mem)[size + 2] = 0xad;
	((u8 *)mem)[size + 3] = 0xde;
	of_st.unflat_mem = __pa(mem);
	of_st.unflat_size = size;
	of_alias_scan();
}

/* The cpu nodes under /cpus (arm_dt_init_cpu_maps counts them). */
int of_fdt_count_cpus(void)
{
	const void *fdt = initial_boot_params;
	int cpus, node, n = 0;

	if (!fdt || (cpus = fdt_path_offset(fdt, "/cpus")) < 0)
		return 0;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "cpu"))
			n++;
	}
	return n;
}

void of_fdt_state_destroy(void)
{
	if (!current_machine->of)
		return;
	free_nodes(of_st.of_root);
	host_free(current_machine->of);
	current_machine->of = NULL;
}
