// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_percpu_boot.c — setup_per_cpu_areas() against every x86
 * fixture.
 *
 * For each case under tests/fixtures/x86/ (nokaslr, kaslr, extra: 1 to 64
 * CPUs, sockets, 2- and 3-node NUMA) the machine of its qemu.txt is built
 * and booted.  From the "setup_percpu: NR_CPUS:..." line up to the
 * "Built N zonelists" line, expect the kernel's lines and mmsim's to be
 * equal, in order:
 *
 *   setup_percpu: NR_CPUS:8192 nr_cpumask_bits:2 nr_cpu_ids:2 nr_node_ids:1
 *   memblock_alloc_try_nid: 4096 bytes ... pcpu_build_alloc_info   (ai)
 *   memblock_alloc_try_nid: 4096 bytes ... pcpu_embed_first_chunk  (areas)
 *   memblock_alloc_try_nid: 2097152 bytes align=0x200000 nid=0 ... pcpu_fc_alloc
 *   memblock_phys_free: [unit tails] pcpu_embed_first_chunk
 *   percpu: Embedded 62 pages/cpu s217088 r8192 d28672 u1048576
 *   memblock_alloc_try_nid: ... pcpu_setup_first_chunk     (4 tables)
 *   pcpu-alloc: s217088 r8192 d28672 u1048576 alloc=1*2097152
 *   pcpu-alloc: [0] 0 1
 *   memblock_alloc_try_nid: ... pcpu_setup_first_chunk     (slot lists)
 *   memblock_alloc_try_nid: ... pcpu_alloc_first_chunk     (x4, twice)
 *   memblock_phys_free: ... pcpu_embed_first_chunk         (ai, areas)
 *   memblock_alloc_try_nid: 8 bytes ... alloc_bootmem_cpumask_var (per
 *                                       node, then 4 CPU masks)
 *
 * Every memblock line (and its memblock_reserve) is compared as text up to
 * the caller, and the caller by function name (the kernel prints
 * name+0xOFF/0xSIZE, sometimes name.constprop.N).  The percpu:,
 * pcpu-alloc: and setup_percpu: lines are compared whole, trailing space
 * of the unit map included.
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

/* What one case holds, released by teardown even when a check fails. */
static struct {
	struct fixture_lines kernel, ours;
	struct machine *m;
} run;

static bool is_memblock_call(const char *l)
{
	return !strncmp(l, "memblock_", 9) && strstr(l, ": ") &&
	       (strstr(l, ": [") || strstr(l, " bytes align="));
}

static bool is_percpu_line(const char *l)
{
	return !strncmp(l, "percpu: ", 8) || !strncmp(l, "pcpu-alloc: ", 12) ||
	       !strncmp(l, "setup_percpu: ", 14);
}

/* The window [*from, *to): from "setup_percpu:" to "Built " (exclusive). */
static bool percpu_window(const struct fixture_lines *l, size_t *from,
			  size_t *to)
{
	size_t i;

	*from = *to = l->nr;
	for (i = 0; i < l->nr; i++)
		if (!strncmp(l->line[i], "setup_percpu: ", 14))
			break;
	if (i == l->nr)
		return false;
	*from = i;
	for (; i < l->nr; i++)
		if (!strncmp(l->line[i], "Built ", 6))
			break;
	*to = i;
	return true;
}

static size_t next_line(const struct fixture_lines *l, size_t i, size_t to)
{
	while (i < to && !is_memblock_call(l->line[i]) &&
	       !is_percpu_line(l->line[i]))
		i++;
	return i;
}

/* One line of each log: whole for percpu lines, caller by name for memblock. */
static void compare_line(size_t n, const char *k, const char *o)
{
	char field[128], fk[128], fo[128], bk[512], bo[512];
	const char *ck, *co;

	snprintf(field, sizeof(field), "line %zu", n);
	if (is_percpu_line(k) || !is_memblock_call(o)) {
		CHECK_STR(field, k, o);
		return;
	}
	ck = strrchr(k, ' ');
	co = strrchr(o, ' ');
	snprintf(bk, sizeof(bk), "%.*s", (int)(ck - k), k);
	snprintf(bo, sizeof(bo), "%.*s", (int)(co - o), o);
	CHECK_STR(field, bk, bo);
	fixture_caller_func(ck + 1, fk, sizeof(fk));
	fixture_caller_func(co + 1, fo, sizeof(fo));
	snprintf(field, sizeof(field), "line %zu caller", n);
	CHECK_STR(field, fk, fo);
}

static void compare_window(const struct fixture_lines *kernel,
			   const struct fixture_lines *ours)
{
	size_t kf, kt, of, ot, ik, io, n = 0;

	if (!percpu_window(kernel, &kf, &kt))
		fail_msg("the kernel's log has no setup_percpu: line");
	if (!percpu_window(ours, &of, &ot))
		fail_msg("mmsim printed no setup_percpu: line");
	ik = next_line(kernel, kf, kt);
	io = next_line(ours, of, ot);
	while (ik < kt && io < ot) {
		compare_line(++n, kernel->line[ik], ours->line[io]);
		ik = next_line(kernel, ik + 1, kt);
		io = next_line(ours, io + 1, ot);
	}
	if (ik < kt)
		CHECK_STR("line missing in mmsim", kernel->line[ik], "");
	if (io < ot)
		CHECK_STR("line not in the kernel's log", "", ours->line[io]);
}

static int teardown(void **state)
{
	fixture_lines_free(&run.ours);
	fixture_lines_free(&run.kernel);
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

static void test_percpu_case(void **state)
{
	const struct fixture_case *c = *state;

	run.m = fixture_boot_case(c, &run.kernel, &run.ours);
	compare_window(&run.kernel, &run.ours);
}

int main(void)
{
	return fixture_run_cases("percpu_boot", "x86", test_percpu_case, teardown, NULL, NULL);
}
