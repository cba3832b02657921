// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_kaslr.c — the seeded generator and the KASLR placement
 * of the direct map, vmalloc and vmemmap (arch/x86/mm/kaslr.c).
 *
 * Scenario: a bare 4 GiB machine; max_pfn and the command line are set by
 * hand, then kernel_randomize_memory() runs as setup_arch() runs it.
 * Expect: the generator reproduces the kernel's self-test values; every
 * seed gives three 1 GiB-aligned regions in order, inside the window,
 * without overlap; the same seed gives the same layout; "nokaslr" gives
 * the default bases; a replayed layout keeps the bases it was given.
 */
#include "testmachine.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/prandom.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/page_types.h"
#include "arch/x86/include/asm/pgtable.h"

#include <string.h>

#define TB (1UL << 40)

static int setup(void **state)
{
	*state = test_machine_bare(SZ_4G);
	max_pfn = SZ_4G >> PAGE_SHIFT;
	strcpy(boot_command_line, "console=ttyS0");
	return 0;
}

static int teardown(void **state)
{
	test_machine_destroy(*state);
	return 0;
}

/*
 * lib/random32.c's self-test vectors: the registers seeded through the
 * 69069 LCG as that test seeds them, ten warm-up steps, then one value.
 */
static void test_prandom_vectors(void **state)
{
	static const struct { u32 seed, result; } v[] = {
		{ 1U, 3484351685U }, { 2U, 2623130059U },
		{ 3U, 3125133893U }, { 4U, 984847254U },
	};
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct rnd_state st;

		st.s1 = __seed(v[i].seed * 69069U, 2U);
		st.s2 = __seed(st.s1 * 69069U, 8U);
		st.s3 = __seed(st.s2 * 69069U, 16U);
		st.s4 = __seed(st.s3 * 69069U, 128U);
		for (k = 0; k < 10; k++)
			prandom_u32_state(&st);
		CHECK_EQ("prandom_u32_state after warm-up", v[i].result,
			 prandom_u32_state(&st));
	}
}

static void check_layout(unsigned long ram_tb)
{
	struct x86_state *x = &current_machine->x86;
	unsigned long po = x->page_offset_base, vm = x->vmalloc_base,
		      vmm = x->vmemmap_base;

	CHECK_EQ("page_offset_base 1G-aligned", 0, po & (PUD_SIZE - 1));
	CHECK_EQ("vmalloc_base 1G-aligned", 0, vm & (PUD_SIZE - 1));
	CHECK_EQ("vmemmap_base 1G-aligned", 0, vmm & (PUD_SIZE - 1));
	CHECK_EQ("page_offset_base >= window start", 1,
		 po >= __PAGE_OFFSET_BASE_L4);
	CHECK_EQ("vmalloc above the direct map", 1, vm > po + ram_tb * TB);
	CHECK_EQ("vmemmap above vmalloc", 1, vmm > vm + VMALLOC_SIZE_TB_L4 * TB - 1);
	CHECK_EQ("vmemmap below the CPU entry area", 1, vmm + TB <= CPU_ENTRY_AREA_BASE);
	CHECK_EQ("VMALLOC_START follows vmalloc_base", vm, VMALLOC_START);
}

static void test_seeds_give_valid_layouts(void **state)
{
	u64 seed;

	(void)state;
	for (seed = 0; seed < 200; seed++) {
		current_machine->desc.kaslr_seed = seed * 0x9e3779b97f4a7c15ULL;
		CHECK_EQ("kernel_randomize_memory", 0, kernel_randomize_memory());
		/* 4 GiB of RAM: 1 TiB, plus 10 TiB of hot-plug padding */
		check_layout(11);
	}
}

static void test_same_seed_same_layout(void **state)
{
	unsigned long a[3];

	(void)state;
	current_machine->desc.kaslr_seed = 42;
	kernel_randomize_memory();
	a[0] = current_machine->x86.page_offset_base;
	a[1] = current_machine->x86.vmalloc_base;
	a[2] = current_machine->x86.vmemmap_base;
	kernel_randomize_memory();
	CHECK_EQ("page_offset_base again", a[0], current_machine->x86.page_offset_base);
	CHECK_EQ("vmalloc_base again", a[1], current_machine->x86.vmalloc_base);
	CHECK_EQ("vmemmap_base again", a[2], current_machine->x86.vmemmap_base);
	current_machine->desc.kaslr_seed = 43;
	kernel_randomize_memory();
	CHECK_EQ("another seed moves something", 1,
		 a[0] != current_machine->x86.page_offset_base ||
		 a[1] != current_machine->x86.vmalloc_base ||
		 a[2] != current_machine->x86.vmemmap_base);
}

static void test_nokaslr_keeps_defaults(void **state)
{
	(void)state;
	strcpy(boot_command_line, "console=ttyS0 nokaslr");
	current_machine->desc.kaslr_seed = 7;
	kernel_randomize_memory();
	CHECK_EQ("page_offset_base", __PAGE_OFFSET_BASE_L4, current_machine->x86.page_offset_base);
	CHECK_EQ("vmalloc_base", __VMALLOC_BASE_L4, current_machine->x86.vmalloc_base);
	CHECK_EQ("vmemmap_base", __VMEMMAP_BASE_L4, current_machine->x86.vmemmap_base);
}

/* A real boot's vmalloc base replayed: the others clear of it by a slot. */
static void test_replayed_vmalloc_base(void **state)
{
	unsigned long vm = 0xffffcfc500000000UL;

	(void)state;
	current_machine->desc.kaslr_vmalloc = vm;
	CHECK_EQ("kernel_randomize_memory", 0, kernel_randomize_memory());
	CHECK_EQ("vmalloc_base", vm, current_machine->x86.vmalloc_base);
	CHECK_EQ("page_offset_base (not given)", __PAGE_OFFSET_BASE_L4,
		 current_machine->x86.page_offset_base);
	CHECK_EQ("vmemmap_base on the next 512 GiB boundary",
		 round_up(ALIGN(vm + VMALLOC_SIZE_TB_L4 * TB + 1, PUD_SIZE), 1UL << 39),
		 current_machine->x86.vmemmap_base);
	check_layout(11);
}

static void test_replayed_overlap_is_refused(void **state)
{
	(void)state;
	current_machine->desc.kaslr_page_offset = 0xffffa00000000000UL;
	current_machine->desc.kaslr_vmalloc = 0xffffa00000000000UL + (4UL << 30);
	CHECK_EQ("kernel_randomize_memory", -EINVAL, kernel_randomize_memory());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prandom_vectors),
		cmocka_unit_test_setup_teardown(test_seeds_give_valid_layouts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_seed_same_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nokaslr_keeps_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replayed_vmalloc_base, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replayed_overlap_is_refused, setup, teardown),
	};

	return cmocka_run_group_tests_name("kaslr", tests, NULL, NULL);
}
