// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memblock_debug.c — what memblock=debug prints: one line
 * per call naming the caller, the array-doubling lines, and the
 * "MEMBLOCK configuration:" dump, checked character for character.
 *
 * Kernel counterpart: none in tools/testing/memblock; the reference is the
 * Debian 6.1 oracle's dmesg in tests/fixtures/x86/nokaslr/m512M-smp2-pc/.
 * The kernel prints the caller as %pS (function+offset/size); mmsim prints
 * the bare function name, so the callers below are this file's test
 * functions, and memblock's own internal callers (memblock_alloc_range_nid,
 * memblock_double_array) where the kernel names them too.
 */
#include "memblock_helpers.h"

#include "linux/mm.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

static char log_buf[65536];

/* The log since the last take, copied into log_buf (host copy freed). */
static const char *take_log(struct machine *m)
{
	char *text = test_log_take(m);

	snprintf(log_buf, sizeof(log_buf), "%s", text);
	host_free(text);
	return log_buf;
}

/* Check the whole log since the last take against @expected. */
static void check_log(struct machine *m, const char *file, int line,
		      const char *expected)
{
	const char *got = take_log(m);

	if (strcmp(expected, got))
		fail_msg("%s:%d: log:\n--- expected\n%s--- got\n%s", file, line,
			 expected, got);
}

#define CHECK_LOG(m, expected) check_log(m, __FILE__, __LINE__, expected)

/*
 * Every public call with debugging on:
 *
 *   memory   |[16M .. 32M)        [64M .. 80M) node 1, HOTPLUG|
 *   reserved |[r]          [q]                            [p] |
 *
 * Expect one line per call in the kernel's words, naming this function
 * as the caller, plus a memblock_reserve line from
 * memblock_alloc_range_nid for every successful allocation; and silence
 * once debugging is off again.
 */
static void test_debug_call_lines(void **state)
{
	struct machine *m = *state;
	phys_addr_t q;
	void *p;

	memblock_set_debug(true);
	CHECK_EQ("memblock_debug_enabled", true, memblock_debug_enabled());
	CHECK_OK(memblock_add(SZ_16M, SZ_16M));
	CHECK_OK(memblock_add_node(SZ_64M, SZ_16M, 1, MEMBLOCK_HOTPLUG));
	CHECK_OK(memblock_reserve(SZ_16M, SZ_4K));
	CHECK_LOG(
		m,
		"memblock_add: [0x0000000001000000-0x0000000001ffffff] test_debug_call_lines\n"
		"memblock_add_node: [0x0000000004000000-0x0000000004ffffff] nid=1 flags=1 test_debug_call_lines\n"
		"memblock_reserve: [0x0000000001000000-0x0000000001000fff] test_debug_call_lines\n");

	p = memblock_alloc(SZ_4K, SZ_4K);
	CHECK_VALID();
	q = VALID_PHYS(memblock_phys_alloc_range(SZ_8K, SZ_4K, SZ_16M, SZ_32M));
	CHECK_LOG(
		m,
		"memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 test_debug_call_lines\n"
		"memblock_reserve: [0x0000000004fff000-0x0000000004ffffff] memblock_alloc_range_nid\n"
		"memblock_phys_alloc_range: 8192 bytes align=0x1000 from=0x0000000001000000 max_addr=0x0000000002000000 test_debug_call_lines\n"
		"memblock_reserve: [0x0000000001ffe000-0x0000000001ffffff] memblock_alloc_range_nid\n");

	memblock_free(p, SZ_4K);
	CHECK_VALID();
	CHECK_OK(memblock_phys_free(q, SZ_8K));
	CHECK_OK(memblock_remove(SZ_64M, SZ_16M));
	CHECK_LOG(
		m,
		"memblock_phys_free: [0x0000000004fff000-0x0000000004ffffff] test_debug_call_lines\n"
		"memblock_phys_free: [0x0000000001ffe000-0x0000000001ffffff] test_debug_call_lines\n"
		"memblock_remove: [0x0000000004000000-0x0000000004ffffff] test_debug_call_lines\n");

	p = memblock_alloc_try_nid_raw(SZ_4K, SZ_4K, SZ_16M,
				       MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	CHECK_VALID();
	CHECK_EQ("try_nid_raw", SZ_32M - SZ_4K, mb_pa(p));
	p = memblock_alloc_exact_nid_raw(SZ_4K, SZ_4K, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	CHECK_VALID();
	CHECK_EQ("exact_nid_raw", 0, mb_pa(p));
	CHECK_LOG(
		m,
		"memblock_alloc_try_nid_raw: 4096 bytes align=0x1000 nid=0 from=0x0000000001000000 max_addr=0x0000000000000000 test_debug_call_lines\n"
		"memblock_reserve: [0x0000000001fff000-0x0000000001ffffff] memblock_alloc_range_nid\n"
		"memblock_alloc_exact_nid_raw: 4096 bytes align=0x1000 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 test_debug_call_lines\n");

	memblock_set_debug(false);
	CHECK_OK(memblock_reserve(SZ_16M + SZ_1M, SZ_4K));
	CHECK_EQ("memblock_alloc", SZ_32M - SZ_8K,
		 VALID_PA(memblock_alloc(SZ_4K, SZ_4K)));
	memblock_dump_all();
	CHECK_LOG(m, "");
}

/*
 * The reserved array doubles twice with debugging on (257 reservations of
 * 8K, 32K apart, from 16M; top-down):
 *
 *   |[r0] ... [r128] ... [r255] ...            [A2][A1]| 32M
 *
 * Expect, after the line for r128, the "doubled to 256" line and the
 * reservation of the new array A1 by memblock_double_array; after the
 * line for r255, "doubled to 512", the release of A1 and the reservation
 * of A2.  The "doubled" line shows the array's byte size, the reservation
 * its page-rounded size.
 */
static void test_debug_doubling_lines(void **state)
{
	static const char first[] =
		"memblock_reserve: [0x0000000001400000-0x0000000001401fff] test_debug_doubling_lines\n"
		"memblock: reserved is doubled to 256 at [0x0000000001ffe000-0x0000000001fff7ff]\n"
		"memblock_reserve: [0x0000000001ffe000-0x0000000001ffffff] memblock_double_array\n";
	static const char second[] =
		"memblock_reserve: [0x00000000017f8000-0x00000000017f9fff] test_debug_doubling_lines\n"
		"memblock: reserved is doubled to 512 at [0x0000000001ffb000-0x0000000001ffdfff]\n"
		"memblock_phys_free: [0x0000000001ffe000-0x0000000001ffffff] memblock_double_array\n"
		"memblock_reserve: [0x0000000001ffb000-0x0000000001ffdfff] memblock_double_array\n";
	struct machine *m = *state;
	const char *log;
	int i;

	mb_add_test_memory();
	memblock_allow_resize();
	memblock_set_debug(true);
	for (i = 0; i < 257; i++)
		CHECK_OK(memblock_reserve(MB_MEM_BASE + (phys_addr_t)i * SZ_32K,
					  SZ_8K));
	log = take_log(m);
	CHECK_EQ("first doubling", true, strstr(log, first) != NULL);
	CHECK_EQ("second doubling", true, strstr(log, second) != NULL);
}

/*
 * The dump of an empty memblock, straight after boot:
 *
 *   memory   [dummy]   reserved [dummy]
 *
 * Expect both dummies listed as [0x0-0xffffffffffffffff] of 0 bytes "on
 * node 0": the kernel's static arrays start zeroed, so their node is 0,
 * not MAX_NUMNODES.
 */
static void test_debug_dump_empty(void **state)
{
	struct machine *m = *state;

	memblock_set_debug(true);
	memblock_dump_all();
	CHECK_LOG(
		m,
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000000000000 reserved size = 0x0000000000000000\n"
		" memory.cnt  = 0x1\n"
		" memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n"
		" reserved.cnt  = 0x1\n"
		" reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n");
}

static char oracle_buf[8192];

/*
 * The @nth "MEMBLOCK configuration:" block of the oracle's dmesg, without
 * timestamps: the header and every following line that starts with a
 * space.  Returns a static buffer.
 */
static const char *oracle_dump(int nth)
{
	size_t len, n = 0;
	char *dmesg = host_read_file(
		test_fixture_path("x86/nokaslr/m512M-smp2-pc/dmesg.log"), &len);
	char *line, *save = NULL;
	int seen = 0;
	bool in = false;

	if (!dmesg)
		fail_msg("cannot read the oracle dmesg");
	oracle_buf[0] = '\0';
	for (line = strtok_r(dmesg, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *text = strstr(line, "] ");

		text = text ? text + 2 : line;
		if (!strcmp(text, "MEMBLOCK configuration:"))
			in = ++seen == nth;
		else if (in && text[0] != ' ')
			break;
		if (in && n < sizeof(oracle_buf))
			n += (size_t)snprintf(oracle_buf + n,
					      sizeof(oracle_buf) - n, "%s\n",
					      text);
	}
	host_free(dmesg);
	if (!seen)
		fail_msg("no MEMBLOCK configuration in the oracle dmesg");
	return oracle_buf;
}

/*
 * The e820 memory of the oracle's pc machine (512M) as
 * e820__memblock_setup() registers it, before any node is known.
 */
static void oracle_memory(void)
{
	CHECK_OK(memblock_add(0x1000, 0x9fc00 - 0x1000));
	CHECK_OK(memblock_add(0x100000, 0x1ffe0000 - 0x100000));
	memblock_trim_memory(PAGE_SIZE);
	CHECK_VALID_TRIMMED();
}

/*
 * The first dump of the oracle's boot (x86, 512M, nokaslr):
 *
 *   memory   |[0x1000..0x9f000)  [1M ..................... 0x1ffe0000)|
 *   reserved |[low 64K] [0x9f000..1M) [16M .. kernel) [0x1fee4000..)   |
 *
 * Expect memblock_dump_all() to print exactly the oracle's lines,
 * including the "memory size" that still counts the 0xc00 bytes
 * memblock_trim_memory() cut from the first region.
 */
static void test_debug_dump_matches_oracle(void **state)
{
	struct machine *m = *state;

	oracle_memory();
	CHECK_OK_TRIMMED(memblock_reserve(0, 0x10000));
	CHECK_OK_TRIMMED(memblock_reserve(0x9f000, 0x100000 - 0x9f000));
	CHECK_OK_TRIMMED(memblock_reserve(0x1000000, 0x4411000 - 0x1000000));
	CHECK_OK_TRIMMED(memblock_reserve(0x1fee4000, 0x1ffe0000 - 0x1fee4000));
	memblock_set_debug(true);
	mb_log_skip(m);
	memblock_dump_all();
	CHECK_LOG(m, oracle_dump(1));
}

/*
 * The second dump of the same boot, after NUMA set-up gave node 0 to
 * memory and to the reservations below 0x1ffe0000, and two reservations
 * were made after that (NODE_DATA, ACPI tables):
 *
 *   reserved |[0..1M) n0  [16M..) n0  [NODE_DATA][0x1fee4000..) n0  [ACPI]|
 *
 * Expect the oracle's lines: " on node 0" only where a node was set, and
 * the node-less reservations kept apart from their node-0 neighbours.
 */
static void test_debug_dump_nodes_matches_oracle(void **state)
{
	struct machine *m = *state;

	oracle_memory();
	CHECK_OK_TRIMMED(memblock_reserve(0, 0x100000));
	CHECK_OK_TRIMMED(memblock_reserve(0x1000000, 0x4411000 - 0x1000000));
	CHECK_OK_TRIMMED(memblock_reserve(0x1fee4000, 0x1ffe0000 - 0x1fee4000));
	CHECK_OK_TRIMMED(memblock_set_node(0, 0x1ffe0000, &memblock.memory, 0));
	CHECK_OK_TRIMMED(
		memblock_set_node(0, 0x1ffe0000, &memblock.reserved, 0));
	CHECK_OK_TRIMMED(memblock_reserve(0x1ffe0000, 0x1ffe1b33 - 0x1ffe0000));
	CHECK_OK_TRIMMED(memblock_reserve(0x1feb9000, 0x1fee4000 - 0x1feb9000));
	memblock_set_debug(true);
	mb_log_skip(m);
	memblock_dump_all();
	CHECK_LOG(m, oracle_dump(2));
}

/*
 * memblock=debug on the command line.
 *
 * Expect "memblock=debug" to switch debugging on and another value of
 * memblock= to leave it off.
 */
static void test_debug_early_param(void **state)
{
	char other[] = "memblock=quiet";
	char debug[] = "memblock=debug";

	parse_early_options(other);
	CHECK_EQ("memblock=quiet", false, memblock_debug_enabled());
	parse_early_options(debug);
	CHECK_EQ("memblock=debug", true, memblock_debug_enabled());
}

/*
 * memblock_add() and memblock_reserve() are real functions: called without
 * the header's wrapper (a function pointer, GDB's `call`) they name their
 * return address as %pS would, "function+0xoff/0xsize", here inside this
 * test function; and a wrapped call right after names the function again.
 *
 * Expect "test_debug_unwrapped_call+0x" on the unwrapped lines.
 */
static void test_debug_unwrapped_call(void **state)
{
	struct machine *m = *state;
	int (*reserve)(phys_addr_t, phys_addr_t) = memblock_reserve;
	const char *got;

	memblock_set_debug(true);
	CHECK_OK((memblock_add)(SZ_16M, SZ_16M));
	CHECK_OK(reserve(SZ_16M, SZ_4K));
	got = take_log(m);
	if (!strstr(got, "memblock_add: [0x0000000001000000-0x0000000001ffffff] test_debug_unwrapped_call+0x") ||
	    !strstr(got, "memblock_reserve: [0x0000000001000000-0x0000000001000fff] test_debug_unwrapped_call+0x"))
		fail_msg("unwrapped calls: expected callers test_debug_unwrapped_call+0x.../0x..., got:\n%s", got);
	CHECK_OK(memblock_reserve(SZ_16M + SZ_8K, SZ_4K));
	CHECK_LOG(m, "memblock_reserve: [0x0000000001002000-0x0000000001002fff] test_debug_unwrapped_call\n");
	memblock_set_debug(false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST(test_debug_call_lines),
		MB_TEST(test_debug_doubling_lines),
		MB_TEST(test_debug_dump_empty),
		MB_TEST(test_debug_dump_matches_oracle),
		MB_TEST(test_debug_dump_nodes_matches_oracle),
		MB_TEST(test_debug_early_param),
		MB_TEST(test_debug_unwrapped_call),
	};
	return cmocka_run_group_tests_name("memblock_debug", tests, NULL, NULL);
}
