// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_zoneinfo.c — nodes, zones and the page allocator's
 * sizes after boot, against every x86 fixture.
 *
 * For each case under tests/fixtures/x86/ the machine of its qemu.txt is
 * booted to the point where the kernel runs /init, and what the real
 * kernel reported is compared field by field (only the fields that are
 * deterministic, see /work/shared/oracle/README.md):
 *
 *   proc_zoneinfo   per zone: spanned, present, managed, min, low, high,
 *                   cma, protection, start_pfn; per CPU: pageset high and
 *                   batch; the list of zones itself
 *   proc_meminfo    MemTotal
 *   proc_iomem      every line except PCI device BARs ("0000:00:02.0"),
 *                   which need PCI enumeration (not simulated)
 *   dmesg.log       the "Zone ranges:", "Movable zone start for each
 *                   node" and "Early memory node ranges" blocks,
 *                   "Initmem setup node", "... pages in unavailable
 *                   ranges", "Fallback order for Node", "Built N zonelists
 *                   ... Total pages", "Policy zone", and the "Memory:"
 *                   line number by number
 *
 * Expect every field equal.  A case fails with one line per differing
 * field, "case: zone 0/DMA32 managed: expected E, got G".  With
 * MMSIM_PARITY_SUMMARY=1 in the environment, a table of how many cases
 * match per field is printed at the end (silent otherwise).
 */
#include "testmachine.h"
#include "fixture.h"
#include "fixture_run.h"

#include "linux/kernel.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- mismatch report and per-field tally ---- */

#define MAX_FIELDS 64

static struct {
	struct seq_file report;   /* this case's mismatches */
	const char *case_name;
	int nr_bad;
	struct { char name[48]; int ok, bad; } field[MAX_FIELDS];
	int nr_fields;
} par;

static void tally(const char *field, bool ok)
{
	int i;

	for (i = 0; i < par.nr_fields; i++)
		if (!strcmp(par.field[i].name, field))
			break;
	if (i == par.nr_fields) {
		if (par.nr_fields == MAX_FIELDS)
			return;
		snprintf(par.field[i].name, sizeof(par.field[i].name), "%s", field);
		par.nr_fields++;
	}
	if (ok)
		par.field[i].ok++;
	else
		par.field[i].bad++;
}

__printf(1, 2) static void mismatch(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	seq_printf(&par.report, "%s: %s\n", par.case_name, line);
	par.nr_bad++;
}

static void check_num(const char *field, const char *where,
		      unsigned long long expected, unsigned long long got)
{
	tally(field, expected == got);
	if (expected != got)
		mismatch("%s%s: expected %llu, got %llu", where, field, expected,
			 got);
}

static void check_str(const char *field, const char *where,
		      const char *expected, const char *got)
{
	bool ok = expected && got && !strcmp(expected, got);

	tally(field, ok);
	if (!ok)
		mismatch("%s%s: expected '%s', got '%s'", where, field,
			 expected ? expected : "(none)", got ? got : "(none)");
}

/* ---- /proc/zoneinfo ---- */

enum { ZI_SPANNED, ZI_PRESENT, ZI_MANAGED, ZI_MIN, ZI_LOW, ZI_HIGH, ZI_CMA,
       ZI_START_PFN, ZI_NR };
static const char *const zi_names[ZI_NR] = {
	"spanned", "present", "managed", "min", "low", "high", "cma", "start_pfn",
};

struct zi_pageset {
	int cpu;
	long high, batch;
};

struct zi_zone {
	int node;
	char name[32];
	unsigned long v[ZI_NR];
	bool have[ZI_NR];
	char protection[256];
	struct zi_pageset ps[256];
	int nr_ps;
};

struct zoneinfo {
	struct zi_zone *zone;
	int nr;
};

static void zi_value(struct zi_zone *z, const char *key, unsigned long v)
{
	int i;

	for (i = 0; i < ZI_NR; i++)
		if (!strcmp(key, zi_names[i])) {
			z->v[i] = v;
			z->have[i] = true;
		}
}

static void zi_line(struct zoneinfo *zi, const char *l)
{
	struct zi_zone *z = zi->nr ? &zi->zone[zi->nr - 1] : NULL;
	char key[32];
	unsigned long v;
	long lv;
	int node, cpu;

	if (sscanf(l, "Node %d, zone %15s", &node, key) == 2) {
		zi->zone = host_realloc(zi->zone, (size_t)(zi->nr + 1) * sizeof(*z));
		z = &zi->zone[zi->nr++];
		memset(z, 0, sizeof(*z));
		z->node = node;
		snprintf(z->name, sizeof(z->name), "%s", key);
		return;
	}
	if (!z)
		return;
	while (*l == ' ')
		l++;
	if (!strncmp(l, "protection: ", 12)) {
		snprintf(z->protection, sizeof(z->protection), "%s", l + 12);
	} else if (sscanf(l, "cpu: %d", &cpu) == 1) {
		if (z->nr_ps < (int)ARRAY_SIZE(z->ps))
			z->ps[z->nr_ps++] = (struct zi_pageset){ cpu, -1, -1 };
	} else if (sscanf(l, "high: %ld", &lv) == 1 && z->nr_ps) {
		z->ps[z->nr_ps - 1].high = lv;
	} else if (sscanf(l, "batch: %ld", &lv) == 1 && z->nr_ps) {
		z->ps[z->nr_ps - 1].batch = lv;
	} else if (sscanf(l, "start_pfn: %lu", &v) == 1) {
		zi_value(z, "start_pfn", v);
	} else if (sscanf(l, "%31s %lu", key, &v) == 2) {
		zi_value(z, key, v);
	}
}

static void zi_parse(const char *text, struct zoneinfo *zi)
{
	struct fixture_lines l;
	size_t i;

	memset(zi, 0, sizeof(*zi));
	fixture_lines_split(text, &l);
	for (i = 0; i < l.nr; i++)
		zi_line(zi, l.line[i]);
	fixture_lines_free(&l);
}

static void compare_pagesets(const struct zi_zone *k, const struct zi_zone *o,
			     const char *where)
{
	char field[64];
	int i;

	check_num("pageset CPUs", where, (unsigned long long)k->nr_ps,
		  (unsigned long long)o->nr_ps);
	for (i = 0; i < min(k->nr_ps, o->nr_ps); i++) {
		snprintf(field, sizeof(field), "cpu %d pageset high", k->ps[i].cpu);
		tally("pageset high", k->ps[i].high == o->ps[i].high);
		if (k->ps[i].high != o->ps[i].high)
			mismatch("%s%s: expected %ld, got %ld", where, field,
				 k->ps[i].high, o->ps[i].high);
		snprintf(field, sizeof(field), "cpu %d pageset batch", k->ps[i].cpu);
		tally("pageset batch", k->ps[i].batch == o->ps[i].batch);
		if (k->ps[i].batch != o->ps[i].batch)
			mismatch("%s%s: expected %ld, got %ld", where, field,
				 k->ps[i].batch, o->ps[i].batch);
	}
}

static void compare_zone(const struct zi_zone *k, const struct zi_zone *o)
{
	char where[64];
	int i;

	snprintf(where, sizeof(where), "zone %d/%s ", k->node, k->name);
	check_str("zone", where, k->name, o->name);
	check_num("zone node", where, (unsigned long long)k->node,
		  (unsigned long long)o->node);
	for (i = 0; i < ZI_NR; i++) {
		if (!k->have[i] && !o->have[i])
			continue;
		if (k->have[i] != o->have[i]) {
			tally(zi_names[i], false);
			mismatch("%s%s: expected %s, got %s", where, zi_names[i],
				 k->have[i] ? "a value" : "none",
				 o->have[i] ? "a value" : "none");
			continue;
		}
		check_num(zi_names[i], where, k->v[i], o->v[i]);
	}
	check_str("protection", where, k->protection, o->protection);
	compare_pagesets(k, o, where);
}

static void compare_zoneinfo(const char *kernel_text, const char *ours_text)
{
	struct zoneinfo k, o;
	int i;

	zi_parse(kernel_text, &k);
	zi_parse(ours_text, &o);
	check_num("zoneinfo zones", "", (unsigned long long)k.nr,
		  (unsigned long long)o.nr);
	for (i = 0; i < min(k.nr, o.nr); i++)
		compare_zone(&k.zone[i], &o.zone[i]);
	host_free(k.zone);
	host_free(o.zone);
}

/* ---- /proc/meminfo, /proc/iomem ---- */

static bool meminfo_value(const char *text, const char *key,
			  unsigned long long *v)
{
	const char *p = text ? strstr(text, key) : NULL;

	return p && sscanf(p + strlen(key), " %llu", v) == 1;
}

static void compare_memtotal(const char *kernel_text, const char *ours_text)
{
	unsigned long long k = 0, o = 0;

	if (!meminfo_value(kernel_text, "MemTotal:", &k)) {
		mismatch("proc_meminfo has no MemTotal");
		return;
	}
	meminfo_value(ours_text, "MemTotal:", &o);
	check_num("MemTotal", "meminfo ", k, o);
}

/* A PCI device's BAR: "  fd000000-fdffffff : 0000:00:02.0". */
static bool is_pci_bar_line(const char *l)
{
	const char *name = strstr(l, " : ");
	unsigned int dom, bus, dev, fn;

	return name && sscanf(name + 3, "%4x:%2x:%2x.%1x", &dom, &bus, &dev,
			      &fn) == 4;
}

static void compare_iomem(const char *kernel_text, const char *ours_text)
{
	struct fixture_lines k, o;
	size_t i, j = 0, nk = 0;
	char where[32];
	bool ok = true;

	fixture_lines_split(kernel_text, &k);
	fixture_lines_split(ours_text, &o);
	for (i = 0; i < k.nr; i++) {
		if (!*k.line[i] || is_pci_bar_line(k.line[i]))
			continue;
		nk++;
		snprintf(where, sizeof(where), "iomem line %zu ", nk);
		if (j >= o.nr || strcmp(k.line[i], o.line[j])) {
			if (ok)
				mismatch("%stext: expected '%s', got '%s'", where,
					 k.line[i], j < o.nr ? o.line[j] : "(end)");
			ok = false;
		}
		j++;
	}
	while (j < o.nr && !*o.line[j])
		j++;
	if (ok && j != o.nr) {
		mismatch("iomem: %zu more lines than the kernel's, first '%s'",
			 o.nr - j, o.line[j]);
		ok = false;
	}
	tally("iomem (without PCI BARs)", ok);
	fixture_lines_free(&k);
	fixture_lines_free(&o);
}

/* ---- dmesg ---- */

/*
 * The lines of @l that start with @prefix, each followed by the indented
 * lines ("  ...") right after it when @block; joined with '\n'.
 */
static char *select_lines(const struct fixture_lines *l, const char *prefix,
			  bool block)
{
	struct seq_file s;
	size_t i;

	seq_file_init(&s);
	for (i = 0; i < l->nr; i++) {
		if (strncmp(l->line[i], prefix, strlen(prefix)))
			continue;
		seq_printf(&s, "%s\n", l->line[i]);
		while (block && i + 1 < l->nr && !strncmp(l->line[i + 1], "  ", 2))
			seq_printf(&s, "%s\n", l->line[++i]);
	}
	return seq_file_detach(&s, NULL);
}

static void compare_block(const struct fixture_lines *k,
			  const struct fixture_lines *o, const char *prefix,
			  bool block, const char *field)
{
	char *kt = select_lines(k, prefix, block);
	char *ot = select_lines(o, prefix, block);
	struct fixture_lines kl, ol;
	size_t i;
	bool ok = !strcmp(kt, ot);

	tally(field, ok);
	if (!ok) {
		fixture_lines_split(kt, &kl);
		fixture_lines_split(ot, &ol);
		for (i = 0; i < max(kl.nr, ol.nr); i++) {
			const char *a = i < kl.nr ? kl.line[i] : "(none)";
			const char *b = i < ol.nr ? ol.line[i] : "(none)";

			if (strcmp(a, b))
				mismatch("dmesg %s line %zu: expected '%s', got '%s'",
					 field, i + 1, a, b);
		}
		fixture_lines_free(&kl);
		fixture_lines_free(&ol);
	}
	host_free(kt);
	host_free(ot);
}

static const char *find_prefix(const struct fixture_lines *l, const char *prefix)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (!strncmp(l->line[i], prefix, strlen(prefix)))
			return l->line[i];
	return NULL;
}

/* "Memory: 207548K/523768K available (14343K kernel code, ...)" */
static int parse_memory_line(const char *l, unsigned long long v[9])
{
	if (!l)
		return 0;
	return sscanf(l, "Memory: %lluK/%lluK available (%lluK kernel code, "
			 "%lluK rwdata, %lluK rodata, %lluK init, %lluK bss, "
			 "%lluK reserved, %lluK cma-reserved)",
		      &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		      &v[8]);
}

static void compare_memory_line(const struct fixture_lines *k,
				const struct fixture_lines *o)
{
	static const char *const names[9] = {
		"Memory: available", "Memory: total", "Memory: kernel code",
		"Memory: rwdata", "Memory: rodata", "Memory: init",
		"Memory: bss", "Memory: reserved", "Memory: cma-reserved",
	};
	unsigned long long kv[9], ov[9] = { 0 };
	int i;

	if (parse_memory_line(find_prefix(k, "Memory: "), kv) != 9) {
		mismatch("the kernel's log has no Memory: line");
		return;
	}
	if (parse_memory_line(find_prefix(o, "Memory: "), ov) != 9)
		mismatch("mmsim printed no Memory: line");
	for (i = 0; i < 9; i++)
		check_num(names[i], "dmesg ", kv[i], ov[i]);
}

static void compare_total_pages(const struct fixture_lines *k,
				const struct fixture_lines *o)
{
	const char *kl = find_prefix(k, "Built "), *ol = find_prefix(o, "Built ");
	const char *kp = kl ? strstr(kl, "Total pages: ") : NULL;
	const char *op = ol ? strstr(ol, "Total pages: ") : NULL;

	if (!kp) {
		mismatch("the kernel's log has no Total pages");
		return;
	}
	check_num("Total pages", "dmesg ", strtoull(kp + 13, NULL, 10),
		  op ? strtoull(op + 13, NULL, 10) : 0);
}

static void compare_dmesg(const struct fixture_lines *k,
			  const struct fixture_lines *o)
{
	compare_block(k, o, "Zone ranges:", true, "Zone ranges");
	compare_block(k, o, "Movable zone start for each node", true,
		      "Movable zone start");
	compare_block(k, o, "Early memory node ranges", true,
		      "Early memory node ranges");
	compare_block(k, o, "Initmem setup node ", false, "Initmem setup node");
	compare_block(k, o, "On node ", false, "unavailable ranges");
	compare_block(k, o, "Fallback order for Node ", false, "Fallback order");
	compare_block(k, o, "Built ", false, "Built N zonelists");
	compare_total_pages(k, o);
	compare_block(k, o, "Policy zone: ", false, "Policy zone");
	compare_memory_line(k, o);
}

/* ---- one case ---- */

static struct {
	struct fixture_lines kernel, ours;
	struct machine *m;
	char *text[6];
} run;

static int teardown(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(run.text); i++) {
		host_free(run.text[i]);
		run.text[i] = NULL;
	}
	fixture_lines_free(&run.ours);
	fixture_lines_free(&run.kernel);
	seq_file_release(&par.report);
	if (run.m)
		test_machine_destroy(run.m);
	run.m = NULL;
	return 0;
}

static char *render(const char *name)
{
	char *text;

	if (proc_render(name, &text))
		fail_msg("proc_render(%s) failed", name);
	return text;
}

static void test_zoneinfo_case(void **state)
{
	const struct fixture_case *c = *state;

	seq_file_init(&par.report);
	par.case_name = c->name;
	par.nr_bad = 0;
	run.m = fixture_boot_case(c, &run.kernel, &run.ours);

	run.text[0] = fixture_read(c, "proc_zoneinfo");
	run.text[1] = render("zoneinfo");
	run.text[2] = fixture_read(c, "proc_meminfo");
	run.text[3] = render("meminfo");
	run.text[4] = fixture_read(c, "proc_iomem");
	run.text[5] = render("iomem");
	if (!run.text[0])
		fail_msg("%s: no proc_zoneinfo", c->name);
	compare_zoneinfo(run.text[0], run.text[1]);
	compare_memtotal(run.text[2], run.text[3]);
	if (run.text[4])
		compare_iomem(run.text[4], run.text[5]);
	compare_dmesg(&run.kernel, &run.ours);
	if (par.nr_bad)
		fail_msg("%d fields differ:\n%s", par.nr_bad, par.report.buf);
}

static void print_summary(size_t nr_cases)
{
	int i;

	fprintf(stderr, "# zoneinfo parity over %zu cases: field, cases (or zones/CPUs) matching, differing\n",
		nr_cases);
	for (i = 0; i < par.nr_fields; i++)
		fprintf(stderr, "#   %-32s %6d %6d\n", par.field[i].name,
			par.field[i].ok, par.field[i].bad);
}

int main(void)
{
	size_t n;
	int ret = fixture_run_cases("zoneinfo", "x86", test_zoneinfo_case,
				    teardown, NULL, &n);

	if (getenv("MMSIM_PARITY_SUMMARY"))
		print_summary(n);
	return ret;
}
