// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_arm_pgtable.c — the ARM short-descriptor tables the
 * boot builds in simulated RAM, read back by the hardware's walk
 * (arm_walk_virt_to_phys over swapper_pg_dir).
 *
 * The 1 GiB vexpress-a9 machine, booted to the end:
 *
 *   0xffff0000  vectors        PTE page (small pages), user-readable
 *   0xff800000  DTB window     two 1 MiB read-only sections
 *   0xf0800000  vmalloc        PTE pages made on demand
 *   0xc0000000  lowmem         1 MiB sections: the image's RWX up to
 *                              __init_end (text and rodata read-only after
 *                              mark_rodata_ro), the rest RW and XN
 *   0xbfe00000  pkmap          an empty PTE page (kmap_init)
 *   0x00000000  user, modules  nothing (prepare_page_table)
 *
 * Expect each address to translate (or fault) as the map above says,
 * every lowmem address to __virt_to_phys(), the hardware PTE of every
 * page mapping to agree with its Linux PTE, and vmalloc'd memory to be
 * the same bytes through the walk's physical address and through the
 * pointer vmalloc() returned; after vfree() the address faults again.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmalloc.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/machine.h"

#include <string.h>

static struct machine *m;

static int setup(void **state)
{
	struct machine_desc d;

	test_machine_desc_arm(&d);
	m = test_machine_boot(&d);
	return 0;
}

static int teardown(void **state)
{
	test_machine_destroy(m);
	m = NULL;
	return 0;
}

static int walk(unsigned long va, phys_addr_t *pa)
{
	int level = 0;

	if (arm_walk_virt_to_phys(arm_swapper_pg_dir(), va, pa, &level))
		return 0;
	return level;
}

static arm_pmdval_t section_of(unsigned long va)
{
	return arm_swapper_pg_dir()[va >> ARM_SECTION_SHIFT];
}

static void test_lowmem_is_linear(void **state)
{
	const unsigned long lo = arm_page_offset(), hi = m->arm->high_memory;
	unsigned long va;
	phys_addr_t pa;

	CHECK_EQ("high_memory", 0xf0000000UL, hi);
	for (va = lo; va < hi; va += ARM_SECTION_SIZE / 2 + 0x1234) {
		CHECK_EQ("lowmem by section", 1, walk(va, &pa));
		CHECK_EQ("lowmem pa", __virt_to_phys(va), pa);
	}
	CHECK_EQ("last lowmem byte", 1, walk(hi - 1, &pa));
	CHECK_EQ("last lowmem pa", m->arm->arm_lowmem_limit - 1, pa);
	/* above lowmem, below VMALLOC_START: the 8 MiB hole */
	CHECK_EQ("hole above lowmem", 0, walk(hi + 0x1000, &pa));
}

static void test_section_permissions(void **state)
{
	const struct arm_image_layout *im = &m->arm->image;
	arm_pmdval_t text = section_of(__phys_to_virt(im->stext));
	arm_pmdval_t data = section_of(__phys_to_virt(im->init_end));
	arm_pmdval_t low = section_of(__phys_to_virt(m->arm->kernel_sec_end));

	CHECK_EQ("text: executable", 0, text & PMD_SECT_XN);
	CHECK_EQ("text: read-only after mark_rodata_ro", PMD_SECT_APX,
		 text & (PMD_SECT_APX | PMD_SECT_AP_WRITE));
	CHECK_EQ("data after __init_end: execute-never", PMD_SECT_XN,
		 data & PMD_SECT_XN);
	CHECK_EQ("data: writable", PMD_SECT_AP_WRITE,
		 data & (PMD_SECT_APX | PMD_SECT_AP_WRITE));
	CHECK_EQ("lowmem: execute-never", PMD_SECT_XN, low & PMD_SECT_XN);
	CHECK_EQ("lowmem: shared, write-allocate", PMD_SECT_S | PMD_SECT_WBWA,
		 low & (PMD_SECT_S | PMD_SECT_WBWA));
}

static void test_vectors_and_dtb(void **state)
{
	phys_addr_t pa;

	CHECK_EQ("vectors by page", 2, walk(ARM_VECTORS_BASE + 0x10, &pa));
	CHECK_EQ("vectors pa", m->arm->vectors + 0x10, pa);
	CHECK_EQ("second vector page", 2, walk(ARM_VECTORS_BASE + PAGE_SIZE, &pa));
	CHECK_EQ("second vector page pa", m->arm->vectors + PAGE_SIZE, pa);
	CHECK_EQ("no third vector page", 0, walk(ARM_VECTORS_BASE + 2 * PAGE_SIZE, &pa));
	CHECK_EQ("DTB window", 1, walk(FDT_FIXED_BASE + 0x123, &pa));
	CHECK_EQ("DTB window pa", (m->arm->atags_pointer & ARM_SECTION_MASK) + 0x123, pa);
	CHECK_EQ("DTB window read-only", PMD_SECT_APX,
		 section_of(FDT_FIXED_BASE) & PMD_SECT_APX);
}

static void test_cleared_regions(void **state)
{
	phys_addr_t pa;

	CHECK_EQ("user page 0x1000", 0, walk(0x1000, &pa));
	CHECK_EQ("user top", 0, walk(TASK_SIZE_ARM - 1, &pa));
	CHECK_EQ("modules", 0, walk(MODULES_VADDR, &pa));
	CHECK_EQ("pkmap slot 0 (no kmap yet)", 0, walk(PKMAP_BASE, &pa));
	CHECK_EQ("pkmap has a PTE page", PMD_TYPE_TABLE,
		 pmd_off_k(PKMAP_BASE)[0] & PMD_TYPE_MASK);
	CHECK_EQ("fixmap has a PTE page", PMD_TYPE_TABLE,
		 pmd_off_k(FIXADDR_START)[0] & PMD_TYPE_MASK);
}

/* Both halves of every present PTE of @va's table agree. */
static void check_hw_pte(unsigned long va, bool writable, bool xn)
{
	arm_pteval_t *pte = arm_pte_offset_kernel(pmd_off_k(va), va);
	arm_pteval_t hw = pte[ARM_PTE_HWTABLE_PTRS];

	CHECK_EQ("linux pte present", L_PTE_PRESENT, pte[0] & L_PTE_PRESENT);
	CHECK_EQ("hw pte frame", pte[0] & (u32)PAGE_MASK, hw & (u32)PAGE_MASK);
	CHECK_EQ("hw small page", PTE_TYPE_SMALL, hw & PTE_TYPE_SMALL);
	CHECK_EQ("hw read-only bit", writable ? 0 : PTE_EXT_APX, hw & PTE_EXT_APX);
	CHECK_EQ("hw execute-never", xn ? PTE_EXT_XN : 0, hw & PTE_EXT_XN);
}

static void test_vmalloc_mappings(void **state)
{
	const size_t size = 3 * PAGE_SIZE + 100;
	unsigned char *p = vmalloc(size);
	unsigned long kva;
	phys_addr_t pa;
	size_t off;

	assert_non_null(p);
	kva = vmalloc_kva(p);
	CHECK_EQ("in the vmalloc area", true,
		 kva >= arm_vmalloc_start() && kva + size <= arm_vmalloc_end());
	for (off = 0; off < size; off += PAGE_SIZE / 2) {
		p[off] = (unsigned char)(off * 7 + 1);
		CHECK_EQ("vmalloc by page", 2, walk(kva + off, &pa));
		CHECK_EQ("same page as vmalloc_to_page", page_to_phys(vmalloc_to_page(p + off)),
			 pa & PAGE_MASK);
		CHECK_EQ("same bytes through the direct map",
			 (unsigned char)(off * 7 + 1), *(unsigned char *)__va(pa));
		check_hw_pte(kva + off, true, true);
	}
	CHECK_EQ("guard page", 0, walk(kva + 4 * PAGE_SIZE, &pa));
	vfree(p);
	vm_unmap_aliases();
	CHECK_EQ("unmapped after vfree", 0, walk(kva, &pa));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lowmem_is_linear),
		cmocka_unit_test(test_section_permissions),
		cmocka_unit_test(test_vectors_and_dtb),
		cmocka_unit_test(test_cleared_regions),
		cmocka_unit_test(test_vmalloc_mappings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
