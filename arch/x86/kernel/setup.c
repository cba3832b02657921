// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/setup.c — setup_arch(): the x86_64 half of booting.
 *
 * Kernel counterpart: arch/x86/kernel/setup.c (Linux 6.1), with the small
 * routines it calls from elsewhere in arch/x86 where they only print
 * (x86_report_nx, dmi_setup, early_gart_iommu_check, pat_init).
 *
 * The order is the kernel's, because every memblock reservation moves the
 * addresses of every later top-down allocation:
 *
 *   early_reserve_memory   kernel image, first 64K, initrd, BIOS regions
 *                          (silent: memblock=debug is not parsed yet)
 *   e820__memory_setup     "BIOS-provided physical RAM map:"
 *   parse_early_param      memblock=debug, mem=, memmap=, loglevel=, ...
 *   e820__finish_early_params   "user-defined physical RAM map:"
 *   probe_roms, image resources  ROMs and "Kernel code" ... in /proc/iomem
 *   trim_bios_range        first page reserved, 640K-1M removed
 *   e820__end_of_ram_pfn   max_pfn ("last_pfn = ...")
 *   find_smp_config        the MP table, reserved
 *   reserve_brk            the brk area the early boot used
 *   e820__memblock_setup   memory -> memblock; first MEMBLOCK dump
 *   ... (page tables, NUMA, zones: arch/x86/mm, with the buddy allocator)
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/start_kernel.h"
#include "linux/string.h"
#include "arch/x86/include/asm/e820/api.h"
#include "arch/x86/include/asm/setup.h"
#include "arch/x86/include/asm/numa.h"
#include "arch/x86/include/asm/page_types.h"
#include "linux/acpi.h"
#include "mmsim/machine.h"

#define image (current_machine->x86.image)

/*
 * Lay the image out at @load_addr using the profile's offsets.  Returns
 * -EINVAL when the profile lacks a value the boot needs.
 */
int x86_image_layout_init(phys_addr_t load_addr)
{
	const struct kernel_profile *p = current_machine->profile;
	static const char *const need[] = {
		"image.end_of_kernel_reserve", "image.brk_start", "image.brk_used",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (!profile_has(p, need[i])) {
			pr_err("kernel profile %s lacks '%s'\n", p->path, need[i]);
			return -EINVAL;
		}
	image.text = load_addr;
	image.end_of_kernel_reserve =
		load_addr + profile_u64(p, "image.end_of_kernel_reserve", 0);
	image.brk_start = load_addr + profile_u64(p, "image.brk_start", 0);
	image.brk_end = image.brk_start + profile_u64(p, "image.brk_used", 0);
	image.end = max(image.end_of_kernel_reserve, image.brk_end);
	image.etext = load_addr + profile_u64(p, "image.etext", 0);
	image.start_rodata = load_addr + profile_u64(p, "image.start_rodata", 0);
	image.end_rodata = load_addr + profile_u64(p, "image.end_rodata", 0);
	image.sdata = load_addr + profile_u64(p, "image.sdata", 0);
	image.edata = load_addr + profile_u64(p, "image.edata", 0);
	image.bss_start = load_addr + profile_u64(p, "image.bss_start", 0);
	image.bss_stop = load_addr + profile_u64(p, "image.bss_stop", 0);
	return 0;
}

/*
 * The image's sections in /proc/iomem ("Kernel code" ... "Kernel bss"),
 * inserted before the e820 ranges so that "System RAM" adopts them.  A
 * profile without the section offsets inserts nothing.
 */
static void insert_image_resources(void)
{
	struct x86_iomem *r = &current_machine->x86.iomem;
	const struct {
		struct resource *res;
		const char *name;
		phys_addr_t start, end;
	} sec[] = {
		{ &r->code, "Kernel code", image.text, image.etext },
		{ &r->rodata, "Kernel rodata", image.start_rodata, image.end_rodata },
		{ &r->data, "Kernel data", image.sdata, image.edata },
		{ &r->bss, "Kernel bss", image.bss_start, image.bss_stop },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sec); i++) {
		if (sec[i].end <= sec[i].start)
			continue;
		memset(sec[i].res, 0, sizeof(*sec[i].res));
		sec[i].res->name = sec[i].name;
		sec[i].res->start = sec[i].start;
		sec[i].res->end = sec[i].end - 1;
		sec[i].res->flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM;
		insert_resource(&iomem_resource, sec[i].res);
	}
}

static u64 get_ramdisk_image(void)
{
	return boot_params.hdr.ramdisk_image |
	       (u64)boot_params.ext_ramdisk_image << 32;
}

static u64 get_ramdisk_size(void)
{
	return boot_params.hdr.ramdisk_size |
	       (u64)boot_params.ext_ramdisk_size << 32;
}

static void early_reserve_initrd(void)
{
	u64 ramdisk_image = get_ramdisk_image();
	u64 ramdisk_size = get_ramdisk_size();
	u64 ramdisk_end = PAGE_ALIGN(ramdisk_image + ramdisk_size);

	if (!boot_params.hdr.type_of_loader || !ramdisk_image || !ramdisk_size)
		return; /* no initrd */
	memblock_reserve(ramdisk_image, ramdisk_end - ramdisk_image);
}

/*
 * Reservations made before anything else can allocate: the image
 * [_text, __end_of_kernel_reserve), the first 64 KiB that BIOSes are known
 * to scribble on, the initrd, and the BIOS areas below 1 MiB.
 */
static void early_reserve_memory(void)
{
	memblock_reserve(image.text, image.end_of_kernel_reserve - image.text);
	memblock_reserve(0, SZ_64K);
	early_reserve_initrd();
	reserve_bios_regions();
}

/* If mem=/memmap= dropped the image from RAM, put it back (with a warning). */
static void e820_add_kernel_range(void)
{
	u64 start = image.text;
	u64 size = image.end - start;

	if (e820__mapped_all(start, start + size, E820_TYPE_RAM))
		return;
	pr_warn(".text .data .bss are not marked as E820_TYPE_RAM!\n");
	e820__range_remove(start, size, E820_TYPE_RAM, 0);
	e820__range_add(start, size, E820_TYPE_RAM);
}

/*
 * The initrd must be in the direct map; if mem= or memmap= cut it off,
 * copy it down into mapped memory (relocate_initrd, inlined here as in
 * the compiled kernel: its memblock lines name setup_arch).
 */
static void reserve_initrd(void)
{
	u64 ramdisk_image = get_ramdisk_image();
	u64 ramdisk_size = get_ramdisk_size();
	u64 ramdisk_end = PAGE_ALIGN(ramdisk_image + ramdisk_size);
	u64 area_size, relocated;

	if (!boot_params.hdr.type_of_loader || !ramdisk_image || !ramdisk_size)
		return;
	pr_info("RAMDISK: [mem %#010llx-%#010llx]\n",
		(unsigned long long)ramdisk_image,
		(unsigned long long)(ramdisk_end - 1));
	if (pfn_range_is_mapped(PFN_DOWN(ramdisk_image), PFN_DOWN(ramdisk_end))) {
		current_machine->x86.initrd_start = ramdisk_image;
		current_machine->x86.initrd_end = ramdisk_image + ramdisk_size;
		return;
	}

	area_size = PAGE_ALIGN(ramdisk_size);
	/* the compiled kernel inlines this into setup_arch(): name it so */
	relocated = memblock_phys_alloc_range_caller(area_size, PAGE_SIZE, 0,
			PFN_PHYS(current_machine->x86.max_pfn_mapped), "setup_arch");
	if (!relocated) {
		panic("Cannot find place for new RAMDISK of size %llu\n",
			 (unsigned long long)ramdisk_size);
		return;
	}
	current_machine->x86.relocated_ramdisk = relocated;
	current_machine->x86.initrd_start = relocated;
	current_machine->x86.initrd_end = relocated + ramdisk_size;
	pr_info("Allocated new RAMDISK: [mem %#010llx-%#010llx]\n",
		(unsigned long long)relocated,
		(unsigned long long)(relocated + ramdisk_size - 1));
	memcpy(__va(relocated), __va(ramdisk_image), ramdisk_size);
	pr_info("Move RAMDISK from [mem %#010llx-%#010llx] to [mem %#010llx-%#010llx]\n",
		(unsigned long long)ramdisk_image,
		(unsigned long long)(ramdisk_image + ramdisk_size - 1),
		(unsigned long long)relocated,
		(unsigned long long)(relocated + ramdisk_size - 1));
	memblock_phys_free_caller(ramdisk_image, ramdisk_end - ramdisk_image,
				  "setup_arch");
}

/* The first page belongs to the BIOS; 640K-1M is never RAM. */
static void trim_bios_range(void)
{
	e820__range_update(0, PAGE_SIZE, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820__range_remove(BIOS_BEGIN, BIOS_END - BIOS_BEGIN, E820_TYPE_RAM, 1);
	e820__update_table(e820_table);
}

/* What the boot CPU and firmware report while setup_arch() runs. */
static void x86_report_nx(void)
{
	pr_info("NX (Execute Disable) protection: active\n");
}

static void dmi_setup(void)
{
	if (!current_machine->fw.dmi_line) {
		pr_info("DMI not present or invalid.\n");
		return;
	}
	pr_info("SMBIOS 2.8 present.\n");
	pr_info("DMI: %s\n", current_machine->fw.dmi_line);
}

static void early_gart_iommu_check(void)
{
	pr_info("AGP: No AGP bridge found\n");
}

static void pat_init(void)
{
	pr_info("x86/PAT: Configuration [0-7]: WB  WC  UC- UC  WB  WP  UC- WT  \n");
}

int setup_arch(char **cmdline_p)
{
	int ret;

	printk(KERN_INFO "Command line: %s\n", boot_command_line);

	early_reserve_memory();                 /* image, 64K, initrd, BIOS */
	e820__memory_setup();                   /* BIOS-provided map */
	*cmdline_p = boot_command_line;
	parse_early_param();                    /* memblock=debug, mem=, ... */
	/* movable_node: allocate bottom-up, next to the kernel, until SRAT is read */
	if (current_machine->k_movable_node)
		memblock_set_bottom_up(true);
	x86_report_nx();
	ret = e820__finish_early_params();      /* user-defined map */
	if (ret)
		return ret;
	dmi_setup();
	probe_roms();                           /* Video/Adapter/System ROM */
	insert_image_resources();               /* Kernel code ... Kernel bss */
	e820_add_kernel_range();
	trim_bios_range();                      /* first page, 640K-1M */
	early_gart_iommu_check();
	max_pfn = e820__end_of_ram_pfn();
	pat_init();
	max_possible_pfn = max_pfn;
	if (max_pfn > (1UL << (32 - PAGE_SHIFT)))
		max_low_pfn = e820__end_of_low_ram_pfn();
	else
		max_low_pfn = max_pfn;
	default_find_smp_config();              /* MP table */
	/* reserve_brk(), inlined: the brk area extend_brk() handed out */
	if (image.brk_end > image.brk_start)
		memblock_reserve(image.brk_start, image.brk_end - image.brk_start);
	memblock_set_current_limit(ISA_END_ADDRESS);
	e820__memblock_setup();                 /* memory -> memblock */

	/* --- begin arch/x86/mm: real-mode trampoline and the direct map --- */
	{
		ret = x86_64_clear_init_top_pgt(); /* head64.c: empty PGD */
		if (ret)
			return ret;
		ret = kernel_randomize_memory();   /* PAGE_OFFSET, vmalloc, vmemmap */
		if (ret)
			return ret;
		ret = early_alloc_pgt_buf();       /* brk tail: table pages */
		if (ret)
			return ret;
		reserve_real_mode();               /* AP trampoline below 1M */
		/*
		 * All of the first MiB: BIOSes scribble on it.  The kernel
		 * source has this at the end of reserve_real_mode(); Debian's
		 * 6.1.192 image makes it from setup_arch() (its memblock line
		 * names setup_arch), so it is made here.
		 */
		memblock_reserve(0, SZ_1M);
		ret = init_mem_mapping();          /* direct map of all RAM */
		if (ret)
			return ret;
		/* get_max_mapped(): memblock may now use the whole direct map */
		memblock_set_current_limit(get_max_mapped());
	}
	/* --- end arch/x86/mm --- */
	setup_log_buf(1);                       /* only if log_buf_len= asked */

	reserve_initrd();                       /* RAMDISK (moved if unmapped) */
	acpi_boot_table_init();                 /* ACPI tables: print, reserve */
	initmem_init();                         /* NUMA nodes, NODE_DATA */
	memblock_find_dma_reserve();
	ret = paging_init();                    /* memory map, zones */
	if (ret)
		return ret;
	acpi_boot_init();                       /* MADT: CPUs, I/O APIC, HPET */
	prefill_possible_map();                 /* "Allowing N CPUs" */
	init_cpu_to_node();
	io_apic_init_mappings();
	e820__reserve_resources();              /* /proc/iomem, firmware map */
	e820__register_nosave_regions(max_pfn);
	e820__setup_pci_gap();
	pr_info("Booting paravirtualized kernel on bare hardware\n");
	pr_info("clocksource: refined-jiffies: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 7645519600211568 ns\n");
	return 0;
}
