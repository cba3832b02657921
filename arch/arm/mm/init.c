// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/init.c — memblock reservations, zones and the hand-over to
 * the buddy allocator on 32-bit ARM.
 *
 * Kernel counterparts: arch/arm/mm/init.c, reserve_initrd_mem() of
 * init/initramfs.c, free_highmem_page() of include/linux/highmem.h
 * (Linux 6.1).
 *
 *   setup_dma_zone     ZONE_DMA's limit: the board's dma_zone_size, or
 *                      none (vexpress: arm_dma_limit = 0xffffffff, so all
 *                      lowmem is ZONE_DMA and ZONE_NORMAL is empty)
 *   arm_memblock_init  reserve the image [_stext, _end), the initrd, the
 *                      first-level table (swapper_pg_dir, 16 KiB), the
 *                      device tree's regions; the CMA area; first dump
 *   bootmem_init       find_limits():
 *                        min_low_pfn = first pfn of RAM
 *                        max_low_pfn = memblock's current limit (lowmem)
 *                        max_pfn     = end of RAM
 *                      zone_sizes_init(): DMA up to min(arm_dma_pfn_limit,
 *                      max_low), Normal up to max_low, HighMem up to max_pfn
 *   mem_init           max_mapnr; memblock_free_all() (lowmem only: it
 *                      stops at max_low_pfn); free_highpages() frees every
 *                      free highmem page one by one (free_highmem_page)
 *
 *   pfn   0x60000        0x90000 (max_low_pfn)      0xa0000 (max_pfn)
 *         |---- DMA (lowmem, linear map) ----|---- HighMem (kmap) ----|
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/cma.h"
#include "linux/of_fdt.h"
#include "mm/internal.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/machine.h"

#include <string.h>

void setup_dma_zone(void)
{
	unsigned long max_dma_address = 0xffffffffUL;

	/* MAX_DMA_ADDRESS: the end of the DMA zone when it is in the linear map */
	if (arm_st.arm_dma_zone_size &&
	    arm_st.arm_dma_zone_size < 0x100000000ULL - arm_page_offset())
		max_dma_address = arm_page_offset() + (unsigned long)arm_st.arm_dma_zone_size;
	current_machine->mm.max_dma_phys = __virt_to_phys(max_dma_address);
	if (!IS_ENABLED(CONFIG_ZONE_DMA))
		return;
	if (arm_st.arm_dma_zone_size)
		arm_st.arm_dma_limit = PHYS_OFFSET + arm_st.arm_dma_zone_size - 1;
	else
		arm_st.arm_dma_limit = 0xffffffff;
	arm_st.arm_dma_pfn_limit = (unsigned long)(arm_st.arm_dma_limit >> PAGE_SHIFT);
}

/* HAVE_ARCH_PFN_VALID: a memory map entry exists within a pageblock of RAM. */
bool arm_pfn_valid(unsigned long pfn)
{
	phys_addr_t addr = __pfn_to_phys(pfn);
	phys_addr_t pageblock_size = PAGE_SIZE * pageblock_nr_pages;

	if (addr > current_machine->arch.phys_addr_max)
		return false;
	return memblock_overlaps_region(&memblock.memory,
					ALIGN_DOWN(addr, pageblock_size),
					pageblock_size);
}

/*
 * The initrd as /chosen describes it, page-rounded, if it is RAM that
 * nothing else holds (init/initramfs.c).
 */
static void reserve_initrd_mem(void)
{
	struct of_fdt_state *of = current_machine->of;
	phys_addr_t start;
	unsigned long size;

	arm_st.initrd_start = arm_st.initrd_end = 0;
	if (!of || !of->phys_initrd_size)
		return;
	arm_st.phys_initrd_start = of->phys_initrd_start;
	arm_st.phys_initrd_size = of->phys_initrd_size;
	start = round_down(of->phys_initrd_start, (phys_addr_t)PAGE_SIZE);
	size = of->phys_initrd_size + (unsigned long)(of->phys_initrd_start - start);
	size = round_up(size, PAGE_SIZE);
	if (!memblock_is_region_memory(start, size)) {
		pr_err("INITRD: 0x%08llx+0x%08lx is not a memory region",
		       (unsigned long long)start, size);
		goto disable;
	}
	if (memblock_is_region_reserved(start, size)) {
		pr_err("INITRD: 0x%08llx+0x%08lx overlaps in-use memory region\n",
		       (unsigned long long)start, size);
		goto disable;
	}
	memblock_reserve(start, size);
	arm_st.initrd_start = __phys_to_virt(of->phys_initrd_start);
	arm_st.initrd_end = arm_st.initrd_start + of->phys_initrd_size;
	return;
disable:
	pr_cont(" - disabling initrd\n");
	arm_st.initrd_start = arm_st.initrd_end = 0;
}

/*
 * Everything that must never be allocated, then the CMA area, then the
 * first MEMBLOCK dump.  The image and the page directory are reserved
 * from arm_memblock_init itself (the compiled kernel inlines
 * arm_mm_memblock_reserve), so their debug lines name it.
 */
void arm_memblock_init(void)
{
	memblock_reserve_caller(arm_st.image.stext,
				arm_st.image.end - arm_st.image.stext,
				"arm_memblock_init");
	reserve_initrd_mem();
	memblock_reserve_caller(arm_st.image.pgdir,
				ARM_SWAPPER_PG_DIR_SIZE, "arm_memblock_init");
	early_init_fdt_scan_reserved_mem();
	dma_contiguous_reserve(arm_st.arm_dma_limit);
	memblock_dump_all();
}

static void find_limits(unsigned long *min, unsigned long *max_low,
			unsigned long *max_high)
{
	*max_low = PFN_DOWN(memblock_get_current_limit());
	*min = PFN_UP(memblock_start_of_DRAM());
	*max_high = PFN_DOWN(memblock_end_of_DRAM());
}

static void zone_sizes_init(unsigned long min, unsigned long max_low,
			    unsigned long max_high)
{
	unsigned long max_zone_pfn[MMSIM_MAX_NR_ZONES];

	(void)min;
	memset(max_zone_pfn, 0, sizeof(max_zone_pfn));
	if (ZONE_DMA >= 0)
		max_zone_pfn[ZONE_DMA] = min(arm_st.arm_dma_pfn_limit, max_low);
	max_zone_pfn[ZONE_NORMAL] = max_low;
	if (ZONE_HIGHMEM >= 0)
		max_zone_pfn[ZONE_HIGHMEM] = max_high;
	free_area_init(max_zone_pfn);
}

int bootmem_init(void)
{
	memblock_allow_resize();
	find_limits(&min_low_pfn, &max_low_pfn, &max_pfn);
	max_possible_pfn = max_pfn;
	/* FLATMEM: no sparse_init(); the memory map is alloc_node_mem_map's */
	current_machine->mm.arch_pfn_offset = (unsigned long)(PHYS_OFFSET >> PAGE_SHIFT);
	zone_sizes_init(min_low_pfn, max_low_pfn, max_pfn);
	return 0;
}

/* free_highmem_page(): one page of HighMem to the buddy allocator. */
static void free_highmem_page(struct page *page)
{
	ClearPageReserved(page);
	init_page_count(page);
	__free_pages(page, 0);
	adjust_managed_page_count(page, 1);
}

/* Every free page above max_low_pfn (memblock_free_all stopped there). */
static void free_highpages(void)
{
	unsigned long max_low = max_low_pfn;
	phys_addr_t range_start, range_end;
	u64 i;

	if (!IS_ENABLED(CONFIG_HIGHMEM))
		return;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &range_start,
				&range_end, NULL) {
		unsigned long start = PFN_UP(range_start);
		unsigned long end = PFN_DOWN(range_end);

		if (end <= max_low)
			continue;
		if (start < max_low)
			start = max_low;
		for (; start < end; start++)
			free_highmem_page(pfn_to_page(start));
	}
}

/* One line of the old kernels' layout block: "name : 0x... - 0x...  (size unit)". */
static void vm_layout_line(const char *name, unsigned long b, unsigned long e,
			   int shift, const char *unit)
{
	pr_cont("    %-7s : 0x%08lx - 0x%08lx   (%4ld %s)\n", name, b, e,
		(long)((e - b) >> shift), unit);
}

/* The image's sections: sizes rounded up to the kB (MLK_ROUNDUP). */
static void vm_layout_image_line(const char *name, phys_addr_t b, phys_addr_t e)
{
	pr_cont("    %7s : 0x%08lx - 0x%08lx   (%4ld kB)\n", name,
		__phys_to_virt(b), __phys_to_virt(e),
		(long)DIV_ROUND_UP(e - b, (phys_addr_t)SZ_1K));
}

/*
 * "Virtual kernel memory layout:" — printed by mem_init() until Linux
 * 5.0 (and kept by the older kernel of seed 003); a profile asks for it
 * with arm.print_vm_layout = 1.
 */
static void print_vm_layout(void)
{
	const struct arm_image_layout *im = &arm_st.image;

	pr_notice("Virtual kernel memory layout:\n");
	vm_layout_line("vector", ARM_VECTORS_BASE, ARM_VECTORS_BASE + PAGE_SIZE,
		       10, "kB");
	vm_layout_line("fixmap", FIXADDR_START, FIXADDR_END, 10, "kB");
	vm_layout_line("vmalloc", arm_vmalloc_start(), arm_vmalloc_end(), 20, "MB");
	vm_layout_line("lowmem", arm_page_offset(), arm_st.high_memory, 20, "MB");
	if (IS_ENABLED(CONFIG_HIGHMEM))
		vm_layout_line("pkmap", PKMAP_BASE,
			       PKMAP_BASE + ARM_LAST_PKMAP * PAGE_SIZE, 20, "MB");
	if (IS_ENABLED(CONFIG_MODULES))
		vm_layout_line("modules", MODULES_VADDR, MODULES_END, 20, "MB");
	vm_layout_image_line(".text", im->text, im->etext);
	vm_layout_image_line(".init", im->init_begin, im->init_end);
	vm_layout_image_line(".data", im->sdata, im->edata);
	vm_layout_image_line(".bss", im->bss_start, im->bss_stop);
}

void arm_mem_init(void)
{
	current_machine->mm.max_mapnr = max_pfn - current_machine->mm.arch_pfn_offset;
	memblock_free_all();
	free_highpages();
	current_machine->mm.page_alloc_ready = true;
}

/* After the "Memory:" line (mem_init_print_info) in the old kernels. */
void arm_mem_init_late_print(void)
{
	if (profile_u64(current_machine->profile, "arm.print_vm_layout", 0))
		print_vm_layout();
}

/* Fill freed init memory with undefined instructions (poison_init_mem). */
static void poison_init_mem(phys_addr_t start, phys_addr_t size)
{
	u32 *p = __va(start);
	phys_addr_t n;

	for (n = 0; n + 4 <= size; n += 4)
		*p++ = 0xe7fddef0;
}

void arm_free_initmem(void)
{
	const struct arm_image_layout *im = &arm_st.image;

	poison_init_mem(im->init_begin, im->init_end - im->init_begin);
	free_reserved_area(__va(im->init_begin), __va(im->init_end), -1,
			   "unused kernel image (initmem)");
}

void arm_free_initrd_mem(void)
{
	phys_addr_t start, end;

	if (!arm_st.initrd_start)
		return;
	start = round_down(arm_st.phys_initrd_start, (phys_addr_t)PAGE_SIZE);
	end = round_up(arm_st.phys_initrd_start + arm_st.phys_initrd_size,
		       (phys_addr_t)PAGE_SIZE);
	poison_init_mem(start, PAGE_ALIGN(end) - start);
	free_reserved_area(__va(start), __va(end), -1, "initrd");
}

/*
 * STRICT_KERNEL_RWX: text and rodata become read-only sections.  The
 * first-level words of [_stext, __init_begin) get APX set and AP_WRITE
 * cleared (read-only for the kernel, no access for user space).
 */
void arm_mark_rodata_ro(void)
{
	unsigned long addr = __phys_to_virt(arm_st.image.stext);
	unsigned long end = __phys_to_virt(arm_st.image.init_begin);

	if (!IS_ENABLED(CONFIG_STRICT_KERNEL_RWX))
		return;
	for (; addr < end; addr += ARM_SECTION_SIZE) {
		arm_pmdval_t *pmd = pmd_off_k(addr) + ((addr & ARM_SECTION_SIZE) ? 1 : 0);

		if ((*pmd & PMD_TYPE_MASK) != PMD_TYPE_SECT)
			continue;
		*pmd = (*pmd & ~(PMD_SECT_APX | PMD_SECT_AP_WRITE)) | PMD_SECT_APX;
	}
}
