/* SPDX-License-Identifier: MIT */
/*
 * include/linux/of_fdt.h — the flattened device tree at boot: verifying
 * the blob, reading memory and /chosen from it, reserved-memory regions,
 * and unflattening it into device nodes.
 *
 * Kernel counterparts: include/linux/of_fdt.h, include/linux/
 * of_reserved_mem.h, drivers/of/fdt.c, drivers/of/of_reserved_mem.c,
 * drivers/of/base.c (of_alias_scan), Linux 6.1.
 *
 * The blob is read with libfdt, as the kernel does (the kernel carries a
 * copy of libfdt in scripts/dtc/libfdt); it lies in simulated RAM where
 * the boot loader put it, and initial_boot_params is the host view of it.
 *
 *   setup_machine_fdt()            early_init_dt_verify: header + CRC
 *     early_init_dt_scan_nodes()   root cells, /chosen (bootargs, initrd),
 *                                  memory nodes -> memblock_add()
 *   arm_memblock_init()
 *     early_init_fdt_scan_reserved_mem()   /memreserve/, /reserved-memory
 *   unflatten_device_tree()        one memblock block for all nodes and
 *                                  properties, then the /aliases table
 */
#ifndef _MMSIM_LINUX_OF_FDT_H
#define _MMSIM_LINUX_OF_FDT_H

#include "linux/types.h"

#define MAX_RESERVED_REGIONS 64

/* One /reserved-memory child (include/linux/of_reserved_mem.h). */
struct reserved_mem {
	const char *name;
	int fdt_node;            /* offset in the blob */
	u32 phandle;
	phys_addr_t base;
	phys_addr_t size;
	const char *ops;         /* what claimed it: "dma" or "cma" */
};

/* A node of the unflattened tree (include/linux/of.h, reduced). */
struct device_node {
	const char *name;        /* unit name without "@address" */
	const char *full_name;   /* "uart@9000" */
	u32 phandle;
	int fdt_offset;
	int nr_properties;
	struct device_node *parent, *child, *sibling;
};

/* The DT state of one machine (current_machine->of). */
struct of_fdt_state {
	void *fdt;                   /* initial_boot_params: host view of the blob */
	u32 of_fdt_crc32;
	int dt_root_addr_cells, dt_root_size_cells;
	int chosen_node_offset;
	u64 min_memblock_addr;       /* MIN_MEMBLOCK_ADDR: __pa(PAGE_OFFSET) */
	/* init/initramfs.c: the initrd /chosen names */
	phys_addr_t phys_initrd_start;
	unsigned long phys_initrd_size;
	struct reserved_mem reserved_mem[MAX_RESERVED_REGIONS];
	int reserved_mem_count;
	/* unflatten_device_tree() */
	struct device_node *of_root;     /* host copy of the tree */
	size_t nr_nodes;
	phys_addr_t unflat_mem;          /* the kernel's block (memblock) */
	size_t unflat_size;
	int nr_aliases;
};

#define OF_ROOT_NODE_ADDR_CELLS_DEFAULT 1
#define OF_ROOT_NODE_SIZE_CELLS_DEFAULT 1

/* drivers/of/fdt.c */
bool early_init_dt_verify(void *params);
void early_init_dt_scan_nodes(void);
int early_init_dt_scan_root(void);
int early_init_dt_scan_chosen(char *cmdline);
int early_init_dt_scan_memory(void);
void early_init_dt_add_memory_arch(u64 base, u64 size);
void early_init_fdt_scan_reserved_mem(void);
const char *of_flat_dt_get_machine_name(void);
const void *of_get_flat_dt_prop(int node, const char *name, int *size);
int of_fdt_device_is_available(const void *blob, int node);
void unflatten_device_tree(void);
int of_fdt_count_cpus(void);          /* cpu nodes under /cpus */
void of_fdt_state_destroy(void);

/* drivers/of/of_reserved_mem.c */
void fdt_reserved_mem_save_node(int node, const char *uname, phys_addr_t base,
				phys_addr_t size);
void fdt_init_reserved_mem(void);

/* kernel/dma: reserved-memory handlers (their RESERVEDMEM_OF_DECLARE) */
int rmem_dma_setup(struct reserved_mem *rmem);
int rmem_cma_setup(struct reserved_mem *rmem);

#endif /* _MMSIM_LINUX_OF_FDT_H */
