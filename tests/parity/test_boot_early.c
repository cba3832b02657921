// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_boot_early.c — the boot up to the first MEMBLOCK dump,
 * against every x86 fixture.
 *
 * For each case under tests/fixtures/x86/ (found at run time) the machine
 * of its qemu.txt is built — machine type, -m, -smp, -numa backends, the
 * kernel command line, the initrd size, and for a KASLR boot the load
 * address the kernel chose (read from its log) — and booted.  Expect the
 * lines mmsim prints to equal the kernel's:
 *
 *   BIOS-e820: ...                  the firmware map, every line
 *   e820: update / e820: remove     every edit of the map
 *   user-defined physical RAM map:  the block after mem=/memmap=
 *   last_pfn = ...                  max_pfn and max_low_pfn
 *   found SMP MP-table at ...       the MP table
 *   memblock_*: ... caller          every memblock call before the first
 *                                   dump, the caller by function name only
 *                                   (the kernel prints name+0xOFF/0xSIZE)
 *   MEMBLOCK configuration: ...     the first dump, field by field
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * What one case holds while it runs, released by teardown even when a
 * check fails: both logs, the machine, and the two line selections being
 * compared.
 */
static struct {
	struct fixture_lines kernel, ours;
	struct machine *m;
	const char **sel[2];
} run;

static void free_selections(void)
{
	host_free(run.sel[0]);
	host_free(run.sel[1]);
	run.sel[0] = run.sel[1] = NULL;
}

/* The lines of @l starting with one of @prefixes (NULL-terminated). */
static size_t select_lines(const struct fixture_lines *l,
			   const char *const *prefixes, const char ***out)
{
	size_t i, n = 0;
	int p;

	*out = host_alloc((l->nr + 1) * sizeof(**out));
	for (i = 0; i < l->nr; i++)
		for (p = 0; prefixes[p]; p++)
			if (!strncmp(l->line[i], prefixes[p],
				     strlen(prefixes[p]))) {
				(*out)[n++] = l->line[i];
				break;
			}
	return n;
}

/* Every line with one of @prefixes, in order, equal in both logs. */
static void compare_lines(const char *what, const struct fixture_lines *kernel,
			  const struct fixture_lines *ours,
			  const char *const *prefixes)
{
	const char **k, **o;
	size_t nk, no;
	char field[256];
	size_t i;

	free_selections();
	nk = select_lines(kernel, prefixes, &run.sel[0]);
	no = select_lines(ours, prefixes, &run.sel[1]);
	k = run.sel[0];
	o = run.sel[1];
	for (i = 0; i < min(nk, no); i++) {
		snprintf(field, sizeof(field), "%s line %zu", what, i + 1);
		CHECK_STR(field, k[i], o[i]);
	}
	snprintf(field, sizeof(field), "%s: number of lines", what);
	CHECK_EQ(field, nk, no);
	free_selections();
}

static bool is_memblock_call(const char *l)
{
	return !strncmp(l, "memblock_", 9) && strstr(l, ": ") &&
	       (strstr(l, ": [") || strstr(l, " bytes align="));
}

/* The memblock calls before the first dump; callers by function name. */
static void compare_early_memblock(const struct fixture_lines *kernel,
				   const struct fixture_lines *ours)
{
	size_t hk = fixture_find(kernel, 0, "MEMBLOCK configuration:");
	size_t ho = fixture_find(ours, 0, "MEMBLOCK configuration:");
	size_t ik = 0, io = 0, n = 0;
	char field[128], fk[128], fo[128], bk[512], bo[512];

	for (;;) {
		const char *k, *o, *ck, *co;

		while (ik < hk && !is_memblock_call(kernel->line[ik]))
			ik++;
		while (io < ho && !is_memblock_call(ours->line[io]))
			io++;
		if (ik >= hk || io >= ho)
			break;
		k = kernel->line[ik++];
		o = ours->line[io++];
		n++;
		ck = strrchr(k, ' ');
		co = strrchr(o, ' ');
		snprintf(field, sizeof(field), "early memblock call %zu", n);
		snprintf(bk, sizeof(bk), "%.*s", (int)(ck - k), k);
		snprintf(bo, sizeof(bo), "%.*s", (int)(co - o), o);
		CHECK_STR(field, bk, bo);
		fixture_caller_func(ck + 1, fk, sizeof(fk));
		fixture_caller_func(co + 1, fo, sizeof(fo));
		snprintf(field, sizeof(field), "early memblock call %zu caller",
			 n);
		CHECK_STR(field, fk, fo);
	}
	while (ik < hk && !is_memblock_call(kernel->line[ik]))
		ik++;
	while (io < ho && !is_memblock_call(ours->line[io]))
		io++;
	if (ik < hk)
		CHECK_STR("early memblock call (missing in mmsim)",
			  kernel->line[ik], "");
	if (io < ho)
		CHECK_STR("early memblock call (not in the kernel's log)", "",
			  ours->line[io]);
}

/*
 * The fields of one dump line: the totals (2 values), a count (1), or a
 * region's base, end, size, node (-1 for none) and flags (5); nv = 0 when
 * the line is not a dump line.
 */
struct dump_fields {
	char name[32]; /* "memory size", "memory.cnt", "reserved[3]" */
	unsigned long long v[5];
	int nv;
};

static void parse_dump_line(const char *l, struct dump_fields *f)
{
	char type[16];
	const char *flags;
	unsigned int idx;
	int n = 0, nid;

	memset(f, 0, sizeof(*f));
	if (sscanf(l, " memory size = %llx reserved size = %llx", &f->v[0],
		   &f->v[1]) == 2) {
		strcpy(f->name, "total size");
		f->nv = 2;
	} else if (sscanf(l, " %15[a-z].cnt  = %llx", type, &f->v[0]) == 2) {
		snprintf(f->name, sizeof(f->name), "%s.cnt", type);
		f->nv = 1;
	} else if (sscanf(l, " %15[a-z][%x]\t[%llx-%llx], %llx bytes%n", type,
			  &idx, &f->v[0], &f->v[1], &f->v[2], &n) == 5 &&
		   n) {
		snprintf(f->name, sizeof(f->name), "%s[%u]", type, idx);
		f->v[3] = (unsigned long long)-1;
		if (sscanf(l + n, " on node %d", &nid) == 1)
			f->v[3] = (unsigned long long)nid;
		flags = strstr(l + n, "flags: ");
		if (flags && sscanf(flags, "flags: %llx", &f->v[4]) == 1)
			f->nv = 5;
	}
}

static size_t dump_lines(const struct fixture_lines *l, const char ***out)
{
	size_t head = fixture_find(l, 0, "MEMBLOCK configuration:"), i, n = 0;

	*out = host_alloc((l->nr + 1) * sizeof(**out));
	for (i = head + 1; i < l->nr && l->line[i][0] == ' ' &&
			   (l->line[i][1] == 'm' || l->line[i][1] == 'r' ||
			    l->line[i][1] == 'p');
	     i++)
		(*out)[n++] = l->line[i];
	return head < l->nr ? n : 0;
}

/* The first MEMBLOCK dump: every field of every line, then the text. */
static void compare_first_dump(const struct fixture_lines *kernel,
			       const struct fixture_lines *ours)
{
	static const char *const field_names[] = { ".base", ".end", ".size",
						   ".node", ".flags" };
	static const char *const total_names[] = { "memory.total_size",
						   "reserved.total_size" };
	const char **k, **o;
	size_t nk, no, i;
	char field[128];
	int j;

	free_selections();
	nk = dump_lines(kernel, &run.sel[0]);
	no = dump_lines(ours, &run.sel[1]);
	k = run.sel[0];
	o = run.sel[1];
	if (!nk)
		fail_msg("the kernel's log has no MEMBLOCK dump");
	for (i = 0; i < min(nk, no); i++) {
		struct dump_fields fk, fo;

		parse_dump_line(k[i], &fk);
		parse_dump_line(o[i], &fo);
		if (!fk.nv)
			fail_msg("cannot parse the kernel's dump line '%s'",
				 k[i]);
		snprintf(field, sizeof(field), "dump line %zu", i + 1);
		CHECK_STR(field, fk.name, fo.name);
		for (j = 0; j < fk.nv; j++) {
			if (fk.nv == 2)
				snprintf(field, sizeof(field), "dump %s",
					 total_names[j]);
			else if (fk.nv == 1)
				snprintf(field, sizeof(field), "dump %s",
					 fk.name);
			else
				snprintf(field, sizeof(field), "dump %s%s",
					 fk.name, field_names[j]);
			CHECK_EQ(field, fk.v[j], fo.v[j]);
		}
		snprintf(field, sizeof(field), "dump line %zu text", i + 1);
		CHECK_STR(field, k[i], o[i]);
	}
	CHECK_EQ("dump: number of lines", nk, no);
	free_selections();
}

static int teardown(void **state)
{
	free_selections();
	fixture_lines_free(&run.ours);
	fixture_lines_free(&run.kernel);
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

static void test_boot_case(void **state)
{
	static const char *const e820[] = { "BIOS-e820: ", NULL };
	static const char *const edits[] = { "e820: update ", "e820: remove ",
					     NULL };
	static const char *const user[] = { "user-defined physical RAM map:",
					    "user: ", NULL };
	static const char *const last_pfn[] = { "last_pfn = ", NULL };
	static const char *const mptable[] = { "found SMP MP-table at ", NULL };
	const struct fixture_case *c = *state;

	run.m = fixture_boot_case(c, &run.kernel, &run.ours);

	compare_lines("BIOS-e820", &run.kernel, &run.ours, e820);
	compare_lines("e820 update/remove", &run.kernel, &run.ours, edits);
	compare_lines("user-defined map", &run.kernel, &run.ours, user);
	compare_lines("last_pfn", &run.kernel, &run.ours, last_pfn);
	compare_lines("MP table", &run.kernel, &run.ours, mptable);
	compare_early_memblock(&run.kernel, &run.ours);
	compare_first_dump(&run.kernel, &run.ours);
}

int main(void)
{
	return fixture_run_cases("boot_early", "x86", test_boot_case, teardown, NULL, NULL);
}
