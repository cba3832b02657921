// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_slab_parity.c — SLUB's geometry against every x86
 * and ARM fixture: the SLUB boot line, /sys/kernel/slab attributes and
 * /proc/slabinfo.
 *
 * For each case under tests/fixtures/x86/ with a slab_attrs.tsv or a
 * proc_slabinfo (found at run time: nokaslr, kaslr and extra machines),
 * and each case under tests/fixtures/arm/ (proc_slabinfo only: the 32-bit
 * kernel's kmalloc caches start at kmalloc-64 and have no kmalloc-96, and
 * its struct kmem_cache, kmem_cache_node and vmap_area are smaller than
 * mmsim's), the machine of its qemu.txt is booted (with the load address
 * of a KASLR boot, as test_boot_early does).  Expect:
 *
 *   SLUB: HWalign=64, Order=0-3, MinObjects=N, CPUs=N, Nodes=N
 *       the line of the kernel's log, character for character;
 *   slab_attrs.tsv (kmalloc-*, kmem_cache, kmem_cache_node)
 *       every row of the fixture present in mmsim's table
 *       (slab_attrs_render()) with equal object_size, slab_size,
 *       objs_per_slab, order, min_partial, cpu_partial and align;
 *   proc_slabinfo
 *       every cache of the fixture of a kind mmsim's boot creates (the
 *       kmalloc caches of all types, the two boot caches, vmap_area)
 *       present with equal <objsize> <objperslab> <pagesperslab>, listed
 *       in the same order; and every cache mmsim's boot creates present
 *       in the fixture, with the same three figures (so mmsim makes no
 *       cache the kernel does not have, e.g. kmalloc-8 on ARM); the
 *       object counts are live figures and are not compared.
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "linux/proc_fs.h"
#include "linux/slab.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATTR_FIELDS 7

static const char *const attr_names[ATTR_FIELDS] = {
	"object_size", "slab_size", "objs_per_slab", "order", "min_partial",
	"cpu_partial", "align",
};

struct row {
	char name[64];
	unsigned long v[ATTR_FIELDS];
};

struct table {
	struct row *rows;
	size_t nr;
};

/* What a case holds while it runs, released by teardown. */
static struct {
	struct machine *m;
	struct fixture_lines kernel, ours;
	char *texts[4];
	struct table t[4];
} run;

static int teardown(void **state)
{
	int i;

	for (i = 0; i < 4; i++) {
		host_free(run.texts[i]);
		host_free(run.t[i].rows);
		run.texts[i] = NULL;
		run.t[i].rows = NULL;
		run.t[i].nr = 0;
	}
	fixture_lines_free(&run.kernel);
	fixture_lines_free(&run.ours);
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

/* slab_attrs.tsv: a header line, then name and seven numbers per row. */
static void parse_attrs(const char *text, struct table *t)
{
	const char *l = text ? strchr(text, '\n') : NULL;

	while (l && *++l) {
		struct row r;

		if (sscanf(l, "%63s %lu %lu %lu %lu %lu %lu %lu", r.name, &r.v[0],
			   &r.v[1], &r.v[2], &r.v[3], &r.v[4], &r.v[5],
			   &r.v[6]) == 8) {
			t->rows = host_realloc(t->rows, (t->nr + 1) * sizeof(r));
			t->rows[t->nr++] = r;
		}
		l = strchr(l, '\n');
	}
}

/* /proc/slabinfo: name, active, total, objsize, objperslab, pagesperslab. */
static void parse_slabinfo(const char *text, struct table *t)
{
	const char *l = text;

	while (l && *l) {
		struct row r;
		unsigned long active, total;

		if (l[0] != '#' && strncmp(l, "slabinfo", 8) &&
		    sscanf(l, "%63s %lu %lu %lu %lu %lu", r.name, &active, &total,
			   &r.v[0], &r.v[1], &r.v[2]) == 6) {
			t->rows = host_realloc(t->rows, (t->nr + 1) * sizeof(r));
			t->rows[t->nr++] = r;
		}
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
}

static const struct row *find_row(const struct table *t, const char *name,
				  size_t *index)
{
	size_t i;

	for (i = 0; i < t->nr; i++)
		if (!strcmp(t->rows[i].name, name)) {
			if (index)
				*index = i;
			return &t->rows[i];
		}
	return NULL;
}

/*
 * The kinds of cache mmsim's boot makes: kmalloc of every type, the boot
 * caches, vmalloc_init()'s vmap_area.
 */
static bool boot_cache(const char *name)
{
	return !strncmp(name, "kmalloc-", 8) || !strncmp(name, "dma-kmalloc-", 12) ||
	       !strcmp(name, "kmem_cache") || !strcmp(name, "kmem_cache_node") ||
	       !strcmp(name, "vmap_area");
}

static void compare_slub_line(const struct fixture_case *c)
{
	size_t k, o;
	char field[600];

	for (k = 0; k < run.kernel.nr; k++)
		if (!strncmp(run.kernel.line[k], "SLUB: ", 6))
			break;
	for (o = 0; o < run.ours.nr; o++)
		if (!strncmp(run.ours.line[o], "SLUB: ", 6))
			break;
	snprintf(field, sizeof(field), "%s: the SLUB line", c->name);
	if (k == run.kernel.nr)
		fail_msg("%s: the kernel's log has no SLUB line", c->name);
	CHECK_STR(field, run.kernel.line[k], o < run.ours.nr ? run.ours.line[o] : "");
}

static void compare_attrs(const struct fixture_case *c)
{
	const struct table *want = &run.t[0], *got = &run.t[1];
	char field[700];
	size_t i;
	int j;

	if (!run.texts[0])
		return;
	if (!want->nr)
		fail_msg("%s: cannot read slab_attrs.tsv", c->name);
	for (i = 0; i < want->nr; i++) {
		const struct row *w = &want->rows[i];
		const struct row *g = find_row(got, w->name, NULL);

		snprintf(field, sizeof(field), "%s: slab_attrs %s", c->name, w->name);
		if (!g)
			CHECK_STR(field, w->name, "(no such cache)");
		for (j = 0; j < ATTR_FIELDS; j++) {
			snprintf(field, sizeof(field), "%s: slab_attrs %s.%s",
				 c->name, w->name, attr_names[j]);
			CHECK_EQ(field, w->v[j], g->v[j]);
		}
	}
}

static const char *const slabinfo_fields[3] = { "objsize", "objperslab",
						"pagesperslab" };

static void compare_geometry(const struct fixture_case *c, const struct row *w,
			     const struct row *g)
{
	char field[700];
	int j;

	for (j = 0; j < 3; j++) {
		snprintf(field, sizeof(field), "%s: slabinfo %s <%s>", c->name,
			 w->name, slabinfo_fields[j]);
		CHECK_EQ(field, w->v[j], g->v[j]);
	}
}

static void compare_slabinfo(const struct fixture_case *c)
{
	const struct table *want = &run.t[2], *got = &run.t[3];
	size_t i, last = 0, idx = 0;
	char field[700];

	if (!run.texts[2])
		return;
	if (!want->nr)
		fail_msg("%s: cannot read proc_slabinfo", c->name);
	if (!got->nr)
		fail_msg("%s: mmsim's /proc/slabinfo lists no cache", c->name);
	for (i = 0; i < want->nr; i++) {
		const struct row *w = &want->rows[i], *g;

		if (!boot_cache(w->name))
			continue;
		g = find_row(got, w->name, &idx);
		snprintf(field, sizeof(field), "%s: slabinfo %s", c->name, w->name);
		if (!g)
			CHECK_STR(field, w->name, "(no such cache)");
		compare_geometry(c, w, g);
		snprintf(field, sizeof(field), "%s: slabinfo %s listed in the kernel's order",
			 c->name, w->name);
		CHECK_EQ(field, 1, idx >= last);
		last = idx;
	}
	for (i = 0; i < got->nr; i++) {
		const struct row *g = &got->rows[i];
		const struct row *w = find_row(want, g->name, NULL);

		snprintf(field, sizeof(field), "%s: mmsim's cache %s in the kernel's slabinfo",
			 c->name, g->name);
		if (!w)
			CHECK_STR(field, g->name, "(the kernel has no such cache)");
		compare_geometry(c, w, g);
	}
}

static void test_case(void **state)
{
	const struct fixture_case *c = *state;

	run.m = fixture_boot_case(c, &run.kernel, &run.ours);

	run.texts[0] = fixture_read(c, "slab_attrs.tsv");
	run.texts[1] = slab_attrs_render();
	run.texts[2] = fixture_read(c, "proc_slabinfo");
	if (proc_render("slabinfo", &run.texts[3]))
		fail_msg("no /proc/slabinfo view");
	parse_attrs(run.texts[0], &run.t[0]);
	parse_attrs(run.texts[1], &run.t[1]);
	parse_slabinfo(run.texts[2], &run.t[2]);
	parse_slabinfo(run.texts[3], &run.t[3]);

	compare_slub_line(c);
	compare_attrs(c);
	compare_slabinfo(c);
}

static bool has_slab_files(const struct fixture_case *c)
{
	char *a = fixture_read(c, "slab_attrs.tsv"), *b = fixture_read(c, "proc_slabinfo");
	bool yes = a || b;

	host_free(a);
	host_free(b);
	return yes;
}

int main(void)
{
	int x86 = fixture_run_cases("slab_parity", "x86", test_case, teardown,
				    has_slab_files, NULL);
	int arm = fixture_run_cases("slab_parity_arm", "arm", test_case, teardown,
				    has_slab_files, NULL);

	return x86 || arm;
}
