// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_arm_parity.c — 32-bit ARM boots against every ARM
 * fixture (tests/fixtures/arm/: the Debian armmp kernel on QEMU's
 * vexpress-a9).
 *
 * For each case the machine of its qemu.txt (-M, -m, -smp, the kernel
 * command line, the initrd size) is booted with the shipped device tree,
 * and what the real kernel reported is compared:
 *
 *   dmesg.log      every line from "Booting Linux on physical CPU" up to
 *                  and including the "SLUB:" line, one by one: the CPU
 *                  and DT lines, every memblock=debug line (callers by
 *                  function name: the kernel prints name+0xOFF/0xSIZE),
 *                  both MEMBLOCK dumps' fields, CMA and reserved-memory,
 *                  zone ranges, the memory map and usemap requests, the
 *                  per-CPU first chunk, "Total pages", the hash tables and
 *                  the "Memory:" line with cma-reserved and highmem;
 *                  then, later in the log, the DMA pool and the two
 *                  "Freeing ..." lines
 *   proc_zoneinfo  per zone: spanned, present, managed, cma, min, low,
 *                  high, protection, start_pfn; per CPU pageset high and
 *                  batch; the zones themselves
 *   proc_meminfo   MemTotal, HighTotal, LowTotal, CmaTotal, VmallocTotal
 *
 * Expect every line and field equal.  Live counters (free pages, slab
 * and anon figures) are not deterministic and are not compared.
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "linux/proc_fs.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	struct fixture_lines kernel, ours;
	struct machine *m;
	char *text[2];
	char **fields[2];
} run;

static int teardown(void **state)
{
	fixture_lines_free(&run.kernel);
	fixture_lines_free(&run.ours);
	host_free(run.text[0]);
	host_free(run.text[1]);
	host_free(run.fields[0]);
	host_free(run.fields[1]);
	run.text[0] = run.text[1] = NULL;
	run.fields[0] = run.fields[1] = NULL;
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

/* "name+0x1f/0x80" at the end of a line -> "name" (in place). */
static void strip_offset(char *line)
{
	char *sp = strrchr(line, ' '), *plus;

	if (!sp)
		return;
	plus = strstr(sp, "+0x");
	if (plus && strchr(plus, '/'))
		*plus = '\0';
}

static size_t find_prefix(const struct fixture_lines *l, const char *prefix)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (!strncmp(l->line[i], prefix, strlen(prefix)))
			return i;
	return l->nr;
}

/* The boot log from its first line through "SLUB:", line by line. */
static void compare_early_log(void)
{
	size_t nk = find_prefix(&run.kernel, "SLUB: ");
	size_t no = find_prefix(&run.ours, "SLUB: ");
	char field[64];
	size_t i;

	if (nk == run.kernel.nr)
		fail_msg("the fixture's log has no SLUB: line");
	for (i = 0; i <= min(nk, no) && i < run.ours.nr; i++) {
		strip_offset(run.kernel.line[i]);
		snprintf(field, sizeof(field), "dmesg line %zu", i + 1);
		CHECK_STR(field, run.kernel.line[i], run.ours.line[i]);
	}
	CHECK_EQ("dmesg: lines up to SLUB:", nk, no);
}

/* A later line of the kernel's log (by prefix) must be in ours, equal. */
static void compare_late_line(const char *prefix)
{
	size_t k = find_prefix(&run.kernel, prefix), o = find_prefix(&run.ours, prefix);

	if (k == run.kernel.nr)
		return;         /* the case's kernel did not print it */
	if (o == run.ours.nr)
		fail_msg("dmesg: no line '%s...' (kernel: '%s')", prefix,
			 run.kernel.line[k]);
	CHECK_STR(prefix, run.kernel.line[k], run.ours.line[o]);
}

/*
 * The deterministic fields of /proc/zoneinfo in order: "zone NAME", the
 * watermarks and sizes, protection, the pagesets' high and batch,
 * start_pfn.  Written one per line into @out.
 */
static size_t zoneinfo_fields(char *text, char ***out)
{
	static const char *const keys[] = {
		"min", "low", "high", "spanned", "present", "managed", "cma",
		"protection:", "high:", "batch:", "start_pfn:", NULL,
	};
	char *line, *save = NULL, **v = host_alloc(4096 * sizeof(*v));
	size_t n = 0;

	for (line = strtok_r(text, "\n", &save); line && n < 4096;
	     line = strtok_r(NULL, "\n", &save)) {
		char key[32];
		int k;

		if (!strncmp(line, "Node ", 5)) {
			v[n++] = line;
			continue;
		}
		if (sscanf(line, " %31s", key) != 1)
			continue;
		for (k = 0; keys[k]; k++)
			if (!strcmp(key, keys[k])) {
				while (*line == ' ')
					line++;
				v[n++] = line;
				break;
			}
	}
	*out = v;
	return n;
}

static void compare_zoneinfo(const struct fixture_case *c)
{
	char field[160];
	size_t nk, no, i;

	run.text[0] = fixture_read(c, "proc_zoneinfo");
	if (!run.text[0])
		fail_msg("%s: no proc_zoneinfo", c->name);
	if (proc_render("zoneinfo", &run.text[1]))
		fail_msg("cannot render /proc/zoneinfo");
	nk = zoneinfo_fields(run.text[0], &run.fields[0]);
	no = zoneinfo_fields(run.text[1], &run.fields[1]);
	for (i = 0; i < min(nk, no); i++) {
		snprintf(field, sizeof(field), "zoneinfo field %zu", i + 1);
		CHECK_STR(field, run.fields[0][i], run.fields[1][i]);
	}
	CHECK_EQ("zoneinfo: number of fields", nk, no);
}

static unsigned long meminfo_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtoul(p + strlen(key), NULL, 10) : ~0UL;
}

static void compare_meminfo(const struct fixture_case *c)
{
	static const char *const keys[] = {
		"MemTotal:", "HighTotal:", "LowTotal:", "CmaTotal:", "VmallocTotal:",
	};
	char *kt = fixture_read(c, "proc_meminfo"), *ot = NULL;
	size_t i;

	if (!kt)
		fail_msg("%s: no proc_meminfo", c->name);
	host_free(run.text[0]);
	host_free(run.text[1]);
	run.text[0] = kt;
	run.text[1] = NULL;
	if (proc_render("meminfo", &ot))
		fail_msg("cannot render /proc/meminfo");
	run.text[1] = ot;
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		CHECK_EQ(keys[i], meminfo_kb(kt, keys[i]), meminfo_kb(ot, keys[i]));
}

static void test_arm_case(void **state)
{
	const struct fixture_case *c = *state;

	run.m = fixture_boot_case(c, &run.kernel, &run.ours);
	if (run.m->desc.arch != MMSIM_ARCH_ARM)
		fail_msg("%s: qemu.txt does not describe an ARM machine", c->name);

	compare_early_log();
	compare_late_line("DMA: preallocated ");
	compare_late_line("Freeing initrd memory: ");
	compare_late_line("Freeing unused kernel image (initmem) memory: ");
	compare_zoneinfo(c);
	compare_meminfo(c);
}

int main(void)
{
	return fixture_run_cases("arm_parity", "arm", test_arm_case, teardown,
				 NULL, NULL);
}
