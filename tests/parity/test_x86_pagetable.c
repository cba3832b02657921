// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_x86_pagetable.c — the real-mode trampoline and the
 * direct map against every x86 fixture.
 *
 * For each case under tests/fixtures/x86/ (found at run time) the machine
 * of its qemu.txt is booted (for a KASLR case at the load address the
 * kernel chose, read from its log).  Expect:
 *
 *   1. the memblock calls from reserve_real_mode's up to the "RAMDISK:"
 *      line equal the kernel's, request and result lines alike, e.g.
 *
 *        memblock_phys_alloc_range: 28672 bytes ... reserve_real_mode
 *        memblock_reserve: [0x98000-0x9efff] memblock_alloc_range_nid
 *        memblock_reserve: [0x0-0xfffff] setup_arch
 *        memblock_phys_alloc_range: 2097152 bytes ... init_mem_mapping
 *        memblock_reserve / memblock_phys_free of that trial 2 MiB
 *        memblock_phys_alloc_range: 4096 bytes ... alloc_low_pages   (x N)
 *
 *      the caller compared by function name only (the kernel prints
 *      name+0xOFF/0xSIZE);
 *
 *   2. DirectMap4k + DirectMap2M (+ 1G) equal the fixture's
 *      /proc/meminfo total.  The split between them is only comparable
 *      loosely: the fixture was read at the end of boot, after the kernel
 *      made parts of its image read-only / non-executable and freed
 *      others (mark_rodata_ro, free_initmem, ...), each of which splits a
 *      2 MiB page of the direct map into 512 4K pages.  So expect the
 *      fixture's DirectMap4k to exceed ours by a whole number of 2 MiB
 *      pages, no more than MAX_LATE_SPLITS of them (10 to 13 in the
 *      oracle boots).
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2 MiB pages the end of boot may split (image permissions, frees). */
#define MAX_LATE_SPLITS 16

static struct {
	struct fixture_lines kernel, ours;
	struct machine *m;
	char *meminfo;
} run;

static int teardown(void **state)
{
	fixture_lines_free(&run.ours);
	fixture_lines_free(&run.kernel);
	host_free(run.meminfo);
	run.meminfo = NULL;
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

static bool is_memblock_line(const char *l)
{
	return !strncmp(l, "memblock_", 9);
}

/*
 * The memblock lines from the first one that names reserve_real_mode up
 * to the first line that is not a memblock line: [*first, return).
 */
static size_t segment(const struct fixture_lines *l, size_t *first)
{
	size_t i = 0;

	while (i < l->nr && !(is_memblock_line(l->line[i]) &&
			      strstr(l->line[i], " reserve_real_mode")))
		i++;
	*first = i;
	while (i < l->nr && is_memblock_line(l->line[i]))
		i++;
	return i;
}

/* One memblock line: the text before the caller, then the caller's name. */
static void compare_line(size_t n, const char *k, const char *o)
{
	const char *ck = strrchr(k, ' '), *co = strrchr(o, ' ');
	char field[128], fk[128], fo[128];

	snprintf(field, sizeof(field), "memblock line %zu", n);
	if (!ck || !co || ck - k != co - o || strncmp(k, o, (size_t)(ck - k)))
		CHECK_STR(field, k, o);
	fixture_caller_func(ck + 1, fk, sizeof(fk));
	fixture_caller_func(co + 1, fo, sizeof(fo));
	snprintf(field, sizeof(field), "memblock line %zu caller", n);
	CHECK_STR(field, fk, fo);
}

static void compare_memblock_segment(void)
{
	size_t k0, o0, k1 = segment(&run.kernel, &k0), o1 = segment(&run.ours, &o0);
	size_t i;

	if (k0 >= run.kernel.nr)
		fail_msg("the kernel's log has no reserve_real_mode line");
	if (k1 >= run.kernel.nr || strncmp(run.kernel.line[k1], "RAMDISK:", 8))
		fail_msg("the kernel's reserve_real_mode block does not end at RAMDISK: ('%s')",
			 k1 < run.kernel.nr ? run.kernel.line[k1] : "end of log");
	if (o0 >= run.ours.nr)
		fail_msg("mmsim printed no reserve_real_mode line");
	for (i = 0; i < min(k1 - k0, o1 - o0); i++)
		compare_line(i + 1, run.kernel.line[k0 + i], run.ours.line[o0 + i]);
	if (k1 - k0 > o1 - o0)
		CHECK_STR("memblock line missing in mmsim",
			  run.kernel.line[k0 + (o1 - o0)], "");
	if (o1 - o0 > k1 - k0)
		CHECK_STR("memblock line not in the kernel's log", "",
			  run.ours.line[o0 + (k1 - k0)]);
}

/* "DirectMap2M:     4167680 kB" in the fixture's /proc/meminfo; 0 if absent. */
static unsigned long meminfo_kb(const char *key)
{
	const char *p = strstr(run.meminfo, key);

	return p ? strtoul(p + strlen(key), NULL, 10) : 0;
}

static void compare_direct_map(const struct fixture_case *c)
{
	struct direct_map_sizes dm = direct_map_sizes_kb();
	unsigned long k4, k2m, k1g, split_kb;

	run.meminfo = fixture_read(c, "proc_meminfo");
	if (!run.meminfo)
		fail_msg("%s: cannot read proc_meminfo", c->name);
	k4 = meminfo_kb("DirectMap4k:");
	k2m = meminfo_kb("DirectMap2M:");
	k1g = meminfo_kb("DirectMap1G:");

	CHECK_EQ("DirectMap total (kB)", k4 + k2m + k1g,
		 dm.kb_4k + dm.kb_2m + dm.kb_1g);
	CHECK_EQ("DirectMap1G (kB)", k1g, dm.kb_1g);
	if (k4 < dm.kb_4k)
		CHECK_EQ("DirectMap4k (kB): fixture below mmsim's boot-time value",
			 k4, dm.kb_4k);
	split_kb = k4 - dm.kb_4k;
	CHECK_EQ("DirectMap4k (kB): fixture - mmsim, in whole 2 MiB pages",
		 0, split_kb % 2048);
	if (split_kb / 2048 > MAX_LATE_SPLITS)
		CHECK_EQ("DirectMap4k (kB): 2 MiB pages split after boot (too many)",
			 MAX_LATE_SPLITS * 2048, split_kb);
	CHECK_EQ("DirectMap2M (kB): fixture + split pages", k2m + split_kb,
		 dm.kb_2m);
}

static void test_case(void **state)
{
	const struct fixture_case *c = *state;

	run.m = fixture_boot_case(c, &run.kernel, &run.ours);

	compare_memblock_segment();
	compare_direct_map(c);
}

int main(void)
{
	return fixture_run_cases("x86_pagetable", "x86", test_case, teardown, NULL, NULL);
}
