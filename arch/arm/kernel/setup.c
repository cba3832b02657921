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

/*
 * mem=SIZE[@START] adds one bank of RAM (arm_add_memory): the start
 * rounded up and the size down to whole pages, inside what a 32-bit
 * kernel can address, nothing below PHYS_OFFSET.  The arithmetic is the
 * kernel's, in 64 bits; only the last mask is a phys_addr_t, which
 * without LPAE is 32 bits wide, so a size past 4 GiB keeps its low 32
 * bits.  Returns -EINVAL for a bank that ends up empty.
 */
int arm_add_memory(u64 start, u64 size)
{
	const bool phys32 = !IS_ENABLED(CONFIG_PHYS_ADDR_T_64BIT);
	const u64 ulong_max = 0xffffffffULL;            /* a 32-bit long */
	const u64 phys_page_mask = phys32 ? (u64)(u32)~(PAGE_SIZE - 1) :
					    ~(u64)(PAGE_SIZE - 1);
	u64 aligned_start = (start + PAGE_SIZE - 1) & ~(u64)(PAGE_SIZE - 1);

	if (aligned_start > start + size)
		size = 0;
	else
		size -= aligned_start - start;

	if (phys32) {
		if (aligned_start > ulong_max) {
			pr_crit("Ignoring memory at 0x%08llx outside 32-bit physical address space\n",
				(unsigned long long)start);
			return -EINVAL;
		}
		if (aligned_start + size > ulong_max) {
			pr_crit("Truncating memory at 0x%08llx to fit in 32-bit physical address space\n",
				(unsigned long long)start);
			/* ULONG_MAX, not 4 GiB: the end must fit; a page is lost */
			size = ulong_max - aligned_start;
		}
	}

	if (aligned_start < PHYS_OFFSET) {
		if (aligned_start + size <= PHYS_OFFSET) {
			pr_info("Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n",
				(unsigned long long)aligned_start,
				(unsigned long long)(aligned_start + size));
			return -EINVAL;
		}
		pr_info("Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n",
			(unsigned long long)aligned_start, (unsigned long long)PHYS_OFFSET);
		size -= PHYS_OFFSET - aligned_start;
		aligned_start = PHYS_OFFSET;
	}

	start = aligned_start;
	size &= phys_page_mask;
	if (size == 0)
		return -EINVAL;
	memblock_add_caller((phys_addr_t)start, (phys_addr_t)size, "arm_add_memory");
	return 0;
}

/*
 * mem=SIZE[@START] (START defaults to PHYS_OFFSET).  The first one throws
 * away every bank the device tree gave; each one adds a bank.
 */
static int early_mem(char *p)
{
	u64 size, start;
	char *endp;

	if (!arm_st.usermem) {
		arm_st.usermem = true;
		memblock_remove_caller(memblock_start_of_DRAM(),
				       memblock_end_of_DRAM() - memblock_start_of_DRAM(),
				       "early_mem");
	}
	/* 6.1 hands a bare "mem" to memparse() as NULL: see early_vmalloc */
	if (!p) {
		panic("%s: NULL pointer dereference: mem needs a size\n", __func__);
		return -EINVAL;
	}
	start = PHYS_OFFSET;
	size = memparse(p, &endp);
	if (*endp == '@')
		start = memparse(endp + 1, NULL);
	arm_add_memory(start, size);
	return 0;
}
early_param("mem", early_mem);

/*
 * mem= may declare RAM the board does not have (a bank past the end of
 * -m, or -m smaller than the bank).  The kernel believes it: memblock
 * hands out lowmem top-down, page tables first, and on QEMU's
 * vexpress-a9 an access where no RAM is mapped is an external abort long
 * before the console is up (nothing printed).  mmsim has no memory there
 * for the kernel to fail on, so it stops here, naming the range, with
 * the kernel's panic exit (compare e820__check_userdef_backed on x86).
 */
static void arm_check_usermem_backed(void)
{
	const struct arm_board *b = arm_st.board;
	phys_addr_t start, end;
	u64 i, ram_start, ram_end;

	if (!arm_st.usermem || !b)
		return;
	ram_start = b->loader_start;
	ram_end = ram_start + current_machine->desc.ram_size;
	for_each_mem_range(i, &start, &end) {
		/* no bank left (all ignored): the boot fails on its own */
		if (end <= start || (start >= ram_start && end <= ram_end))
			continue;
		panic("mem= declared RAM at [mem %#010llx-%#010llx], outside this machine's memory [mem %#010llx-%#010llx]: the kernel would use memory that does not exist",
		      (unsigned long long)start, (unsigned long long)end - 1,
		      (unsigned long long)ram_start, (unsigned long long)ram_end - 1);
	}
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
 * reservation, parse_early_param() (the mem= banks then checked against
 * the board's RAM).  -EINVAL with the kernel's words when r2 holds no
 * device tree.  Shared with tests/fuzz/fuzz_cmdline.c, which
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
	arm_check_usermem_backed();
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
