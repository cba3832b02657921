// SPDX-License-Identifier: MIT
/*
 * arch/arm/kernel/setup.c — setup_arch() for 32-bit ARM with a device
 * tree, and the ARM entries of the architecture hook table.
 *
 * Kernel counterparts: arch/arm/kernel/setup.c, arch/arm/kernel/devtree.c
 * (setup_machine_fdt, arm_dt_init_cpu_maps), drivers/firmware/efi/
 * fdtparams.c (the "UEFI not found." probe), Linux 6.1.
 *
 * The order is the kernel's; every memblock call moves the addresses of
 * every later top-down allocation:
 *
 *   setup_processor          "CPU: ARMv7 Processor [410fc090] ..." lines
 *   setup_machine_fdt        verify the DTB (r2), "Machine model:", scan
 *                            /chosen and memory -> memblock_add (silent),
 *                            then reserve the DTB itself (silent)
 *   parse_early_param        memblock=debug, mem=, vmalloc=, cma=, ...
 *   early_mm_init            the memory types ("Memory policy: ...")
 *   setup_dma_zone, efi      ZONE_DMA limit; "efi: UEFI not found."
 *   adjust_lowmem_bounds     lowmem/highmem split, memblock limit
 *   arm_memblock_init        image, initrd, page directory, reserved-
 *                            memory, CMA; first MEMBLOCK dump
 *   adjust_lowmem_bounds     again: memory may have been removed
 *   paging_init              page tables, vectors, pkmap, zero page,
 *                            bootmem_init (zones, memory map)
 *   request_standard_resources  "System RAM", "Kernel code/data"
 *   unflatten_device_tree    the device nodes, the alias table
 *   arm_dt_init_cpu_maps, smp_init_cpus   possible and present CPUs
 */
#define pr_fmt(fmt) fmt

#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/ioport.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/of_fdt.h"
#include "linux/cpumask.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <libfdt.h>
#include <string.h>

static void setup_processor(void)
{
	const struct arm_board *b = arm_st.board;

	pr_info("CPU: %s [%08x] revision %u (%s), cr=%08x\n", b->cpu_name,
		b->midr, b->midr & 15, b->cpu_arch_name, arm_st.cr_alignment);
	pr_info("CPU: %s\n", b->cache_desc);
}

/*
 * The generic DT machine ("Generic DT based system") matches any DTB
 * that has a root node: verify it, name it, read its memory and /chosen.
 */
static bool setup_machine_fdt(void *dt_virt)
{
	const char *model;

	if (!dt_virt || !early_init_dt_verify(dt_virt))
		return false;
	model = of_flat_dt_get_machine_name();
	if (!model)
		model = "<unknown>";
	pr_info("OF: fdt: Machine model: %s\n", model);
	arm_st.machine_name = "Generic DT based system";
	current_machine->of->min_memblock_addr = PHYS_OFFSET;
	early_init_dt_scan_nodes();
	return true;
}

/* The EFI stub leaves linux,uefi-system-table in /chosen; QEMU does not. */
static void arm_efi_init(void)
{
	const void *fdt;
	int node;

	if (!IS_ENABLED(CONFIG_EFI) || !current_machine->of)
		return;
	fdt = current_machine->of->fdt;
	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0 && fdt_getprop(fdt, node, "linux,uefi-system-table", NULL))
		return;         /* an EFI boot: not what QEMU's loader does */
	pr_info("efi: UEFI not found.\n");
}

/*
 * One "System RAM" resource per memblock range (the kernel allocates
 * struct resource from memblock: its 32-bit size is in the profile),
 * with "Kernel code" and "Kernel data" inside the range that holds them.
 */
static void request_standard_resources(void)
{
	const struct arm_image_layout *im = &arm_st.image;
	unsigned long rsize = (unsigned long)profile_u64(current_machine->profile,
							 "sizeof.resource", 0);
	/* mmsim's own resources: Kernel code, Kernel data, one per range */
	struct resource *code = host_alloc(sizeof(*code) * (2 + memblock.memory.cnt));
	struct resource *data = code + 1, *res = code + 2;
	phys_addr_t start, end;
	u64 i;

	code->name = "Kernel code";
	code->start = im->text;
	code->end = im->init_begin - 1;
	code->flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
	data->name = "Kernel data";
	data->start = im->sdata;
	data->end = im->end - 1;
	data->flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
	arm_st.resources = code;

	for_each_mem_range(i, &start, &end) {
		if (!memblock_alloc_try_nid_caller(rsize, SMP_CACHE_BYTES,
						   MEMBLOCK_LOW_LIMIT,
						   MEMBLOCK_ALLOC_ACCESSIBLE,
						   NUMA_NO_NODE, "setup_arch")) {
			panic("%s: Failed to allocate %lu bytes\n",
				 __func__, rsize);
			return;
		}
		res->name = "System RAM";
		res->start = start;
		res->end = end - 1;
		res->flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
		request_resource(&iomem_resource, res);
		if (code->start >= res->start && code->end <= res->end)
			request_resource(res, code);
		if (data->start >= res->start && data->end <= res->end)
			request_resource(res, data);
		res++;
	}
}

/* Possible CPUs: the device tree's cpu nodes, at most NR_CPUS. */
static void arm_dt_init_cpu_maps(void)
{
	unsigned int n = (unsigned int)of_fdt_count_cpus();

	if (!n)
		n = 1;
	if (n > nr_cpus_config())
		n = nr_cpus_config();
	nr_cpu_ids = n;
}

/* Present: the CPUs the board really has (QEMU's -smp). */
static void smp_init_cpus(void)
{
	unsigned int cpus = current_machine->desc.smp_cpus;

	current_machine->nr_present_cpus = min(cpus ? cpus : 1, nr_cpu_ids);
}

/*
 * setup_arch() up to its early parameters: the processor, the device tree
 * (the command line and the memory banks from it), the DTB's own
 * reservation, parse_early_param().  -EINVAL with the kernel's words when
 * r2 holds no device tree.  Shared with tests/fuzz/fuzz_cmdline.c, which
 * runs the command-line stage alone.
 */
int arm_setup_arch_early(char **cmdline_p)
{
	void *atags_vaddr = NULL;

	arm_st.atags_pointer = arm_st.boot_r2;
	if (arm_st.atags_pointer)
		atags_vaddr = __va(arm_st.atags_pointer);
	setup_processor();
	if (!setup_machine_fdt(atags_vaddr)) {
		pr_emerg("\nError: invalid dtb and unrecognized/unsupported machine ID\n");
		pr_emerg("  r1=0x%08x, r2=0x%08x\n", arm_st.boot_r1, arm_st.boot_r2);
		return -EINVAL;
	}
	memblock_reserve_caller(arm_st.atags_pointer,
				fdt_totalsize(atags_vaddr), "setup_arch");
	*cmdline_p = boot_command_line;
	parse_early_param();
	return 0;
}

int arm_setup_arch(char **cmdline_p)
{
	int ret = arm_setup_arch_early(cmdline_p);

	if (ret)
		return ret;
	early_mm_init();                        /* memory types */
	setup_dma_zone();
	arm_efi_init();
	adjust_lowmem_bounds();
	arm_memblock_init();                    /* reservations, CMA, first dump */
	adjust_lowmem_bounds();                 /* memory may have been removed */
	ret = arm_paging_init();                /* page tables, zones */
	if (ret)
		return ret;
	request_standard_resources();
	unflatten_device_tree();
	arm_dt_init_cpu_maps();
	smp_init_cpus();
	return 0;
}
