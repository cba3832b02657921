// SPDX-License-Identifier: MIT
/*
 * arch/arm/kernel/head.c — from the boot loader's jump to start_kernel()
 * on 32-bit ARM, and the ARM entries of the architecture hook table.
 *
 * Kernel counterparts: arch/arm/kernel/head.S (__create_page_tables,
 * __fixup_pv_table), arch/arm/boot/compressed/head.S (where the zImage
 * puts the kernel: AUTO_ZRELADDR), smp_setup_processor_id() of
 * arch/arm/kernel/setup.c (Linux 6.1).
 *
 * What happens before C code:
 *
 *   zImage at Z (QEMU: 0x60010000) decompresses the kernel to
 *     (Z & 0xf8000000) + TEXT_OFFSET           -> _text (0x60208000)
 *   PHYS_OFFSET = that - TEXT_OFFSET           -> 0x60000000 (patched into
 *     every __virt_to_phys/__phys_to_virt: ARM_PATCH_PHYS_VIRT)
 *   swapper_pg_dir = _text - 16 KiB            the first-level table:
 *     cleared, then 1 MiB sections from PAGE_OFFSET to _end (phys from
 *     PHYS_OFFSET) and two sections for the DTB at FDT_FIXED_BASE
 *   kernel_sec_start = PHYS_OFFSET, kernel_sec_end = _end rounded up to
 *     a section: the image's part of lowmem (map_lowmem leaves it to
 *     map_kernel)
 *
 * The image's layout comes from its profile (image.* offsets from
 * PAGE_OFFSET, the same from PHYS_OFFSET), the virtual-map constants that
 * changed between kernel versions from its profile too (arm.vmalloc_end,
 * arm.fixaddr_start), PAGE_OFFSET from the .config.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/percpu.h"
#include "linux/printk.h"
#include "linux/start_kernel.h"
#include "linux/cma.h"
#include "linux/of_fdt.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/arch.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define ZRELADDR_MASK 0xf8000000ULL    /* 128 MiB: also __fixup_pv_table's 2 MiB check */

struct arm_state *arm_state_create(void)
{
	struct arm_state *st = host_alloc(sizeof(*st));

	INIT_LIST_HEAD(&st->static_vmlist);
	st->atomic_pool_size = DEFAULT_DMA_COHERENT_POOL_SIZE;
	return st;
}

void arm_state_destroy(struct arm_state *st)
{
	if (!st)
		return;
	host_free(st->resources);
	host_free(st);
}

static phys_addr_t image_offset(const char *key)
{
	return (phys_addr_t)profile_u64(current_machine->profile, key, 0);
}

/*
 * Lay the image out where the decompressor put it.  -EINVAL when the
 * profile lacks what the boot needs or the image does not fit in RAM
 * below the initrd (@err says which, when given).
 */
static int arm_image_layout_init(char *err, size_t errlen)
{
	static const char *const need[] = {
		"image.text_offset", "image.stext", "image.init_begin",
		"image.init_end", "image.sdata", "image.end", "sizeof.page",
		"sizeof.device_node", "sizeof.property", "sizeof.alias_prop",
		"sizeof.static_vm", "sizeof.resource", "arm.cr",
	};
	const struct kernel_profile *p = current_machine->profile;
	struct arm_image_layout *im = &arm_st.image;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (!profile_has(p, need[i])) {
			snprintf(err, errlen, "kernel profile %s lacks '%s'", p->path,
				 need[i]);
			return -EINVAL;
		}
	arm_st.page_offset = (unsigned long)CONFIG_VALUE(CONFIG_PAGE_OFFSET, 0xc0000000);
	arm_st.vmalloc_end = (unsigned long)profile_u64(p, "arm.vmalloc_end", 0xff800000);
	arm_st.fixaddr_start = (unsigned long)profile_u64(p, "arm.fixaddr_start", 0xffc80000);
	arm_st.text_offset = (unsigned long)image_offset("image.text_offset");
	arm_st.cr_alignment = (u32)profile_u64(p, "arm.cr", 0);
	arm_st.vmalloc_size = 240 * SZ_1M;
	arm_st.phys_offset = arm_st.fw_zimage & ZRELADDR_MASK;

	im->text = arm_st.phys_offset + arm_st.text_offset;
	im->pgdir = im->text - ARM_SWAPPER_PG_DIR_SIZE;
	im->stext = arm_st.phys_offset + image_offset("image.stext");
	im->etext = arm_st.phys_offset + image_offset("image.etext");
	im->init_begin = arm_st.phys_offset + image_offset("image.init_begin");
	im->init_end = arm_st.phys_offset + image_offset("image.init_end");
	im->sdata = arm_st.phys_offset + image_offset("image.sdata");
	im->edata = arm_st.phys_offset + image_offset("image.edata");
	im->bss_start = arm_st.phys_offset + image_offset("image.bss_start");
	im->bss_stop = arm_st.phys_offset + image_offset("image.bss_stop");
	im->end = arm_st.phys_offset + image_offset("image.end");
	arm_st.kernel_sec_start = arm_st.phys_offset;
	arm_st.kernel_sec_end = round_up(im->end, (phys_addr_t)ARM_SECTION_SIZE);
	if (im->end > arm_st.board->loader_start + current_machine->desc.ram_size ||
	    (arm_st.fw_initrd_size && arm_st.fw_initrd_start < im->end) ||
	    arm_st.fw_dtb_start < im->end) {
		snprintf(err, errlen,
			 "the kernel image [mem %#010llx-%#010llx] does not fit below the initrd and DTB QEMU places at %#llx with -m %lluM",
			 (unsigned long long)im->text, (unsigned long long)im->end - 1,
			 (unsigned long long)arm_st.fw_initrd_start,
			 (unsigned long long)(current_machine->desc.ram_size >> 20));
		return -EINVAL;
	}
	return 0;
}

/* machine_create(): refuse a machine the image cannot boot on. */
int arm_check_image_placement(char *err, size_t errlen)
{
	return arm_image_layout_init(err, errlen);
}

/* __create_page_tables: the kernel's sections and the DTB's, nothing else. */
static void create_boot_page_tables(void)
{
	arm_pmdval_t *pgd = arm_swapper_pg_dir();
	const arm_pmdval_t flags = PMD_TYPE_SECT | PMD_SECT_AP_WRITE |
				   PMD_SECT_AP_READ | PMD_SECT_S | PMD_SECT_WBWA;
	unsigned long va;
	phys_addr_t pa;

	memset(pgd, 0, ARM_SWAPPER_PG_DIR_SIZE);
	for (va = arm_page_offset(), pa = arm_st.phys_offset;
	     pa < arm_st.kernel_sec_end; va += ARM_SECTION_SIZE, pa += ARM_SECTION_SIZE)
		pgd[va >> ARM_SECTION_SHIFT] = (u32)pa | flags;
	if (arm_st.boot_r2) {
		pa = arm_st.boot_r2 & ARM_SECTION_MASK;
		pgd[FDT_FIXED_BASE >> ARM_SECTION_SHIFT] = (u32)pa | flags;
		pgd[(FDT_FIXED_BASE >> ARM_SECTION_SHIFT) + 1] =
			(u32)(pa + ARM_SECTION_SIZE) | flags;
	}
}

/* Non-NUMA: node 0 is contig_page_data, possible, online, with memory. */
static void arm_node_init(void)
{
	struct mm_state *mms = &current_machine->mm;

	mms->node_data[0] = &arm_st.contig_page_data;
	mms->node_state[N_POSSIBLE][0] = true;
	mms->node_state[N_ONLINE][0] = true;
	mms->node_state[N_CPU][0] = true;
	nr_node_ids = 1;
}

int arm_boot_entry(void)
{
	char err[256];
	int ret = arm_image_layout_init(err, sizeof(err));

	if (ret) {
		pr_emerg("%s\n", err);
		return ret;
	}
	create_boot_page_tables();
	arm_node_init();
	return start_kernel();
}

void arm_smp_setup_processor_id(void)
{
	pr_info("Booting Linux on physical CPU 0x%x\n", 0u);
}

/* core_initcall: the CMA areas go to the buddy allocator. */
static void arm_core_initcalls(void)
{
	cma_init_reserved_areas();
}

/*
 * asm/cache.h: L1_CACHE_BYTES from CONFIG_ARM_L1_CACHE_SHIFT (64 on the
 * armmp kernel, whose Cortex-A9/A15 lines are 64 bytes).  kmalloc'ed
 * buffers may be handed to non-coherent DMA, so ARCH_DMA_MINALIGN is a
 * whole line: kmalloc's smallest cache is kmalloc-64.  The EABI aligns
 * 64-bit integers to 8 bytes (ARCH_SLAB_MINALIGN 8); the old ABI to 4.
 */
static unsigned int arm_l1_cache_bytes(void)
{
	return 1u << CONFIG_VALUE(CONFIG_ARM_L1_CACHE_SHIFT, 6);
}

static unsigned int arm_slab_minalign(void)
{
	return IS_ENABLED(CONFIG_AEABI) ? 8 : 4;
}

const struct mmsim_arch_ops arm_arch_ops = {
	.name = "arm",
	.boot_entry = arm_boot_entry,
	.smp_setup_processor_id = arm_smp_setup_processor_id,
	.setup_arch = arm_setup_arch,
	.setup_per_cpu_areas = generic_setup_per_cpu_areas,
	.mem_init = arm_mem_init,
	.mem_init_print_late = arm_mem_init_late_print,
	.core_initcalls = arm_core_initcalls,
	.postcore_initcalls = arm_atomic_pool_init,
	.free_initrd_mem = arm_free_initrd_mem,
	.free_initmem = arm_free_initmem,
	.mark_rodata_ro = arm_mark_rodata_ro,
	.kernel_map_page = arm_kernel_map_page,
	.kernel_unmap_range = arm_kernel_unmap_range,
	.kernel_lookup = arm_kernel_lookup,
	.cache_line_size = arm_l1_cache_bytes,
	.dma_minalign = arm_l1_cache_bytes,
	.slab_minalign = arm_slab_minalign,
	.pgtable = &arm_pgtable_ops,
};
