// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_basic.c — memblock_add() and memblock_reserve()
 * on an empty memblock, in the shape of the kernel's tools/testing/memblock.
 */
#include "testmachine.h"

#include "linux/memblock.h"
#include "mmsim/machine.h"

static struct machine *m;

static int setup(void **state)
{
	m = test_machine_bare(256ULL << 20);
	return 0;
}

static int teardown(void **state)
{
	test_machine_destroy(m);
	return 0;
}

/*
 * A simple memblock_add() on an empty memblock:
 *
 *   |        [   r1   ]        |
 *
 * Expect one memory region with the given base and size, and a total
 * size equal to it.
 */
static void test_add_simple(void **state)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];

	memblock_add(0x100000, 0x400000);
	CHECK_EQ("memory.cnt", 1, memblock.memory.cnt);
	CHECK_EQ("memory[0].base", 0x100000, rgn->base);
	CHECK_EQ("memory[0].size", 0x400000, rgn->size);
	CHECK_EQ("memory.total_size", 0x400000, memblock.memory.total_size);
	CHECK_EQ("validate", 0, memblock_validate());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_simple, setup, teardown),
	};
	return cmocka_run_group_tests_name("memblock_basic", tests, NULL, NULL);
}
