// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_vmalloc_parity.c — vmalloc against every x86 fixture.
 *
 * For each case under tests/fixtures/x86/ (found at run time), boot the
 * machine of its qemu.txt and compare what is determined by what mmsim
 * models:
 *
 *   1. /proc/meminfo: the VmallocTotal and VmallocChunk lines, exactly
 *      (34359738367 kB and 0 kB on every 4-level x86_64 boot).
 *
 *   2. /proc/vmallocinfo: every line mmsim prints has the kernel's shape;
 *      each caller mmsim shows at boot is compared with the kernel's lines
 *      of the same caller (count, size, pages=, flags, node counts).
 *
 *   3. The per-CPU chunk areas.  Every oracle boot made one chunk beyond
 *      the first with pcpu_get_vm_areas(): one area per group of the first
 *      chunk's layout, at atom_size alignment, as high in the vmalloc area
 *      as it fits.  mmsim's own boot-time chunk if it made one, or else
 *      mmsim's allocator asked the same question with the booted machine's
 *      layout (pcpu_group_offsets/sizes, atom_size), must give the
 *      kernel's answer:
 *        nokaslr  the same lines, addresses included, e.g.
 *                 0xffffe8ffffc00000-0xffffe8ffffe00000 2097152 pcpu_get_vm_areas vmalloc
 *        kaslr    the same sizes at the same distances from the top of the
 *                 area: KASLR moved vmalloc_base by whole GiBs (mmsim keeps
 *                 it at 0xffffc90000000000, see arch/x86/mm/kaslr.c), so the
 *                 kernel's VMALLOC_END + 1 is the GiB boundary above its
 *                 highest chunk area;
 *        extra    (addresses printed hashed) the same number of areas and
 *                 sizes.
 *
 * Not compared: everything else in the kernel's vmallocinfo and VmallocUsed
 * (thread stacks, ioremaps of ACPI/HPET, BPF, modules, crypto buffers,
 * hash tables made by subsystems mmsim does not run).
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "linux/proc_fs.h"
#include "linux/vmalloc.h"
#include "mm/percpu-internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_AREAS 64

static struct {
	struct fixture_lines kernel_log, kernel_info, ours_info;
	struct machine *m;
	char *meminfo_k, *meminfo_o;
} run;

static int teardown(void **state)
{
	fixture_lines_free(&run.kernel_log);
	fixture_lines_free(&run.kernel_info);
	fixture_lines_free(&run.ours_info);
	host_free(run.meminfo_k);
	host_free(run.meminfo_o);
	run.meminfo_k = run.meminfo_o = NULL;
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

/* The line of @text starting with @label, copied to @out ("" if none). */
static const char *field_line(const char *text, const char *label, char *out,
			      size_t size)
{
	const char *l = text ? strstr(text, label) : NULL;

	snprintf(out, size, "%.*s", l ? (int)strcspn(l, "\n") : 0, l ? l : "");
	return out;
}

static void compare_meminfo(const struct fixture_case *c)
{
	static const char *const labels[] = { "VmallocTotal:", "VmallocChunk:" };
	char k[128], o[128], field[700];
	size_t i;

	run.meminfo_k = fixture_read(c, "proc_meminfo");
	if (!run.meminfo_k)
		fail_msg("%s: cannot read proc_meminfo", c->name);
	if (proc_render("meminfo", &run.meminfo_o))
		fail_msg("proc_render(meminfo)");
	for (i = 0; i < ARRAY_SIZE(labels); i++) {
		snprintf(field, sizeof(field), "%s meminfo %s", c->name, labels[i]);
		CHECK_STR(field, field_line(run.meminfo_k, labels[i], k, sizeof(k)),
			  field_line(run.meminfo_o, labels[i], o, sizeof(o)));
	}
}

/* One vmallocinfo line: addresses (0 when hashed), size, the rest. */
struct info_line {
	unsigned long start, end, size;
	char caller[96];
	char rest[160];     /* after the caller: " pages=.. vmalloc N0=.." */
};

static bool parse_line(const char *l, struct info_line *out)
{
	const char *p = l, *sp;
	char *end;

	memset(out, 0, sizeof(*out));
	if (strncmp(p, "0x", 2))
		return false;
	out->start = strtoul(p + 2, &end, 16);   /* "(____ptrval____)" gives 0 */
	p = strchr(p, '-');
	if (!p || strncmp(p + 1, "0x", 2))
		return false;
	out->end = strtoul(p + 3, &end, 16);
	p = strchr(p, ' ');
	if (!p)
		return false;
	out->size = strtoul(p, &end, 10);
	p = end;
	if (*p == ' ')
		p++;
	sp = strchr(p, ' ');
	fixture_caller_func(sp ? strndupa(p, (size_t)(sp - p)) : p, out->caller,
			    sizeof(out->caller));
	snprintf(out->rest, sizeof(out->rest), "%s", sp ? sp : "");
	return true;
}

/* Every line of ours in the kernel's grammar. */
static void check_format(const struct fixture_case *c)
{
	static const char *const re =
		"^0x[0-9a-f]{16}-0x[0-9a-f]{16} [ 0-9]{7}(( [A-Za-z_][A-Za-z0-9_.]*)"
		"( pages=[0-9]+)?( phys=0x[0-9a-f]{16})?( ioremap)?( vmalloc)?( vmap)?"
		"( user)?( dma-coherent)?( vpages)?( N[0-9]+=[0-9]+)*"
		"| vm_map_ram| unpurged vm_area)$";
	regex_t rx;
	size_t i;

	CHECK_EQ("regcomp", 0, regcomp(&rx, re, REG_EXTENDED | REG_NOSUB));
	for (i = 0; i < run.ours_info.nr; i++)
		if (regexec(&rx, run.ours_info.line[i], 0, NULL, 0)) {
			regfree(&rx);
			fail_msg("%s: vmallocinfo line not in the kernel's format: '%s'",
				 c->name, run.ours_info.line[i]);
		}
	regfree(&rx);
}

/* Lines of @l whose caller is @caller, parsed, in file order. */
static size_t lines_of(const struct fixture_lines *l, const char *caller,
		       struct info_line *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < l->nr && n < max; i++)
		if (parse_line(l->line[i], &out[n]) && !strcmp(out[n].caller, caller))
			n++;
	return n;
}

/* Each boot-time caller mmsim shows: the kernel shows the same lines. */
static void compare_boot_areas(const struct fixture_case *c)
{
	struct info_line *o = host_alloc(MAX_AREAS * sizeof(*o));
	struct info_line *k = host_alloc(MAX_AREAS * sizeof(*k));
	char field[800];
	size_t i, j;

	for (i = 0; i < run.ours_info.nr; i++) {
		struct info_line mine;
		size_t no, nk;

		if (!parse_line(run.ours_info.line[i], &mine) ||
		    !strcmp(mine.caller, "unpurged") || !strcmp(mine.caller, "vm_map_ram"))
			continue;
		no = lines_of(&run.ours_info, mine.caller, o, MAX_AREAS);
		nk = lines_of(&run.kernel_info, mine.caller, k, MAX_AREAS);
		snprintf(field, sizeof(field), "%s: areas of %s", c->name, mine.caller);
		CHECK_EQ(field, nk, no);
		for (j = 0; j < no; j++) {
			snprintf(field, sizeof(field), "%s: %s area %zu size", c->name,
				 mine.caller, j);
			CHECK_EQ(field, k[j].size, o[j].size);
			snprintf(field, sizeof(field), "%s: %s area %zu", c->name,
				 mine.caller, j);
			CHECK_STR(field, k[j].rest, o[j].rest);
		}
	}
	host_free(o);
	host_free(k);
}

static int cmp_ul(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * When mmsim's own boot already made a chunk (the per-CPU allocator's
 * balance work), its highest @nr pcpu_get_vm_areas lines are the answer
 * to compare; else the question is asked here.
 */
static bool own_boot_chunk(int nr, unsigned long *start, unsigned long *size)
{
	struct info_line o[MAX_AREAS];
	size_t no = lines_of(&run.ours_info, "pcpu_get_vm_areas", o, MAX_AREAS);
	int g;

	if (no < (size_t)nr)
		return false;
	for (g = 0; g < nr; g++) {
		start[g] = o[no - (size_t)nr + (size_t)g].start;
		size[g] = o[no - (size_t)nr + (size_t)g].size;
	}
	return true;
}

/*
 * The kernel's chunk areas (the highest nr_groups pcpu_get_vm_areas
 * lines: the first chunk it made) against mmsim's placement for the same
 * layout, both sorted by address.
 */
static void compare_pcpu_chunk(const struct fixture_case *c)
{
	const int nr = pcpu_nr_groups;
	struct info_line k[MAX_AREAS], *kc;
	unsigned long o_start[MAX_AREAS], o_size[MAX_AREAS];
	unsigned long k_top = 0, o_top = VMALLOC_END + 1;
	bool hashed, kaslr = strstr(c->name, "/kaslr/") != NULL;
	struct vm_struct **vms;
	char field[800];
	size_t nk;
	int g, h;

	if (nr < 1 || nr > MAX_AREAS)
		fail_msg("%s: pcpu_nr_groups %d", c->name, nr);
	nk = lines_of(&run.kernel_info, "pcpu_get_vm_areas", k, MAX_AREAS);
	snprintf(field, sizeof(field), "%s: kernel chunk areas, a multiple of the %d groups",
		 c->name, nr);
	CHECK_EQ(field, 0, nk % (size_t)nr);
	if (!nk)
		fail_msg("%s: the kernel shows no pcpu_get_vm_areas area", c->name);
	kc = k + nk - (size_t)nr;
	if (own_boot_chunk(nr, o_start, o_size)) {
		vms = NULL;
	} else {
		vms = pcpu_get_vm_areas(pcpu_group_offsets, pcpu_group_sizes, nr,
					(size_t)pcpu_atom_size);
		if (!vms)
			fail_msg("%s: pcpu_get_vm_areas: expected areas, got NULL",
				 c->name);
		for (g = 0; g < nr; g++)
			o_start[g] = vmalloc_kva(vms[g]->addr);
		qsort(o_start, (size_t)nr, sizeof(o_start[0]), cmp_ul);
		for (g = 0; g < nr; g++)
			for (h = 0; h < nr; h++)
				if (vmalloc_kva(vms[h]->addr) == o_start[g])
					o_size[g] = vms[h]->size;
	}
	hashed = kc[0].start == 0;
	for (g = 0; g < nr; g++)
		k_top = max(k_top, kc[g].end);
	if (kaslr)
		k_top = round_up(k_top, 1UL << 30);
	for (g = 0; g < nr; g++) {
		snprintf(field, sizeof(field), "%s: chunk area %d size", c->name, g);
		CHECK_EQ(field, kc[g].size, o_size[g]);
		if (hashed)
			continue;
		snprintf(field, sizeof(field), "%s: chunk area %d: distance below %s",
			 c->name, g, kaslr ? "the top of the area" : "VMALLOC_END + 1");
		CHECK_EQ(field, (kaslr ? k_top : VMALLOC_END + 1) - kc[g].start,
			 o_top - o_start[g]);
		if (!kaslr) {
			snprintf(field, sizeof(field), "%s: chunk area %d start", c->name, g);
			CHECK_EQ(field, kc[g].start, o_start[g]);
		}
	}
	if (vms)
		pcpu_free_vm_areas(vms, nr);
}

static void test_vmalloc_case(void **state)
{
	const struct fixture_case *c = *state;
	struct machine_desc d;
	char err[512], *text;

	if (fixture_log(c, &run.kernel_log))
		fail_msg("%s: cannot read dmesg.log", c->name);
	if (fixture_machine_desc(c, &run.kernel_log, &d, err, sizeof(err)))
		fail_msg("%s", err);
	run.m = test_machine_boot(&d);
	text = fixture_read(c, "proc_vmallocinfo");
	if (!text)
		fail_msg("%s: cannot read proc_vmallocinfo", c->name);
	fixture_lines_split(text, &run.kernel_info);
	host_free(text);
	if (proc_render("vmallocinfo", &text))
		fail_msg("proc_render(vmallocinfo)");
	fixture_lines_split(text, &run.ours_info);
	host_free(text);

	compare_meminfo(c);
	check_format(c);
	compare_boot_areas(c);
	compare_pcpu_chunk(c);
	CHECK_EQ("vmalloc_validate()", 0, vmalloc_validate());
}

int main(void)
{
	return fixture_run_cases("vmalloc_parity", "x86", test_vmalloc_case, teardown, NULL, NULL);
}
