// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_proc_views.c — the /proc views: their format, their
 * order, and what their numbers must add up to.
 *
 * Small booted machines (pc, 128 MiB, 2 CPUs; and 2 NUMA nodes of
 * 256 MiB), rendered with proc_render() right after boot and again after
 * the test allocates and frees blocks of several orders:
 *
 *   zoneinfo      one block per zone of every node (MAX_NR_ZONES each),
 *                 "per-node stats" once per node under its first populated
 *                 zone, the short form for empty zones, protection with
 *                 MAX_NR_ZONES entries, a pageset per online CPU; the
 *                 figures equal the zone's fields
 *   buddyinfo     sum of nr_free[order] << order == NR_FREE_PAGES of the
 *                 zone == the validator's count of pages in free blocks
 *                 (pcp pages are not free: they left NR_FREE_PAGES too)
 *   pagetypeinfo  per order, the types add up to buddyinfo's count; the
 *                 block counts equal the validator's census
 *   meminfo       the labels of Debian's 6.1 kernel, in its order (read
 *                 from a fixture); MemTotal, MemFree, MemAvailable,
 *                 CommitLimit from their definitions
 *   vmstat        the counter names of the same kernel, in order
 *   iomem         a well-formed tree: children inside their parent,
 *                 siblings sorted and disjoint, indent = depth
 *
 * Expect all of it to hold; each check names the field that broke.
 */
#include "testmachine.h"
#include "fixture.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/nodemask.h"
#include "linux/mm.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K(pages) ((unsigned long long)(pages) << (PAGE_SHIFT - 10))

/* ---- machines and text ---- */

static int setup_pc128(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	d.ram_size = 128ULL << 20;
	*state = test_machine_boot(&d);
	return 0;
}

static int setup_numa2(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	d.ram_size = 512ULL << 20;
	d.sockets = 2;
	d.cores = 1;
	d.nr_nodes = 2;
	d.nodes[0] = (struct numa_node_desc){ 256ULL << 20, 0, 0 };
	d.nodes[1] = (struct numa_node_desc){ 256ULL << 20, 1, 1 };
	*state = test_machine_boot(&d);
	return 0;
}

static int teardown_machine(void **state)
{
	test_machine_destroy(*state);
	return 0;
}

static struct fixture_lines *render_lines(const char *name)
{
	struct fixture_lines *l = host_alloc(sizeof(*l));
	char *text;

	CHECK_EQ(name, 0, proc_render(name, &text));
	fixture_lines_split(text, l);
	host_free(text);
	/* a view ends with '\n': drop the empty piece after it */
	if (l->nr && !*l->line[l->nr - 1])
		l->nr--;
	return l;
}

static void lines_free(struct fixture_lines *l)
{
	fixture_lines_free(l);
	host_free(l);
}

/* The x86 fixture boot whose files give the label lists of this .config. */
static char *fixture_file(const char *file)
{
	struct fixture_case c;
	char *text;

	snprintf(c.dir, sizeof(c.dir), "%s",
		 test_fixture_path("x86/nokaslr/m512M-smp2-pc"));
	snprintf(c.name, sizeof(c.name), "x86/nokaslr/m512M-smp2-pc");
	text = fixture_read(&c, file);
	if (!text)
		fail_msg("cannot read fixture %s/%s", c.dir, file);
	return text;
}

/* Allocate and free a mix of orders so that pcp and buddy lists move. */
static void churn(void)
{
	struct page *keep[16];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(keep); i++) {
		keep[i] = alloc_pages(GFP_KERNEL, i % 5);
		assert_non_null(keep[i]);
	}
	for (i = 0; i < ARRAY_SIZE(keep); i += 2)
		__free_pages(keep[i], i % 5);
	/* the odd ones stay allocated until the machine goes */
}

/* ---- proc_render and seq_file ---- */

/* Is @name one of the registered views? */
static bool registered(const char *name)
{
	const char *v;
	size_t i;

	for (i = 0; (v = proc_view_name(i)) != NULL; i++)
		if (!strcmp(v, name))
			return true;
	return false;
}

/* The views of this file are registered, and every view renders. */
static void test_registry(void **state)
{
	static const char *const names[] = { "zoneinfo", "buddyinfo",
					      "pagetypeinfo", "meminfo",
					      "vmstat", "iomem", "cmdline" };
	char *text = (char *)1;
	const char *v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		CHECK_STR("registered view", names[i],
			  registered(names[i]) ? names[i] : "(missing)");
	for (i = 0; (v = proc_view_name(i)) != NULL; i++) {
		CHECK_EQ(v, 0, proc_render(v, &text));
		assert_non_null(text);
		if (*text) /* a view may be empty; if not, it ends a line */
			CHECK_EQ("ends with a newline", '\n', text[strlen(text) - 1]);
		host_free(text);
	}
	CHECK_EQ("proc_render(unknown)", -ENOENT, proc_render("no-such-view", &text));
	assert_null(text);
}

static void test_seq_file(void **state)
{
	struct seq_file m;
	char big[10000], *text;
	size_t len;
	int i;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	seq_file_init(&m);
	seq_puts(&m, big);
	seq_printf(&m, "%c", '|');
	for (i = 0; i < 1000; i++)
		seq_printf(&m, "%6d ", i);
	seq_put_decimal_ull(&m, " ", 0);
	seq_put_decimal_ull(&m, "", 18446744073709551615ULL);
	seq_putc(&m, '\n');
	text = seq_file_detach(&m, &len);
	CHECK_EQ("seq length", sizeof(big) - 1 + 1 + 7 * 1000 + 2 + 20 + 1, len);
	CHECK_EQ("seq NUL", 0, text[len]);
	CHECK_EQ("seq '|'", '|', text[sizeof(big) - 1]);
	CHECK_STR("seq tail", "   999  018446744073709551615\n",
		  text + len - 30);
	host_free(text);
	assert_null(m.buf);
}

/* ---- zoneinfo ---- */

struct zone_block {
	int node;
	char name[32];
	size_t first, end;   /* line range */
};

static size_t zone_blocks(const struct fixture_lines *l, struct zone_block *b,
			  size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < l->nr; i++) {
		struct zone_block z = { .first = i };

		if (sscanf(l->line[i], "Node %d, zone %31s", &z.node, z.name) != 2)
			continue;
		if (n)
			b[n - 1].end = i;
		if (n < max)
			b[n++] = z;
	}
	if (n)
		b[n - 1].end = l->nr;
	return n;
}

static size_t count_in(const struct fixture_lines *l, const struct zone_block *b,
		       const char *text)
{
	size_t i, n = 0;

	for (i = b->first; i < b->end; i++)
		n += strstr(l->line[i], text) != NULL;
	return n;
}

static const char *line_with(const struct fixture_lines *l,
			     const struct zone_block *b, const char *prefix)
{
	size_t i;

	for (i = b->first; i < b->end; i++) {
		const char *s = l->line[i];

		while (*s == ' ')
			s++;
		if (!strncmp(s, prefix, strlen(prefix)))
			return s + strlen(prefix);
	}
	return NULL;
}

static unsigned long value_of(const struct fixture_lines *l,
			      const struct zone_block *b, const char *prefix)
{
	const char *v = line_with(l, b, prefix);

	if (!v)
		fail_msg("zone %d/%s has no '%s' line", b->node, b->name, prefix);
	return strtoul(v, NULL, 10);
}

static void check_zone_block(const struct fixture_lines *l,
			     const struct zone_block *b, struct zone *zone,
			     bool first_populated)
{
	char protection[256];
	size_t len = 0;
	int i;

	CHECK_STR("zone name", zone->name, b->name);
	CHECK_EQ("per-node stats", first_populated,
		 count_in(l, b, "per-node stats"));
	CHECK_EQ("spanned", zone->spanned_pages, value_of(l, b, "spanned"));
	CHECK_EQ("present", zone->present_pages, value_of(l, b, "present"));
	CHECK_EQ("managed", zone_managed_pages(zone), value_of(l, b, "managed"));
	CHECK_EQ("min", min_wmark_pages(zone), value_of(l, b, "min "));
	CHECK_EQ("low", low_wmark_pages(zone), value_of(l, b, "low "));
	CHECK_EQ("high", high_wmark_pages(zone), value_of(l, b, "high "));
	CHECK_EQ("pages free", zone_page_state(zone, NR_FREE_PAGES),
		 value_of(l, b, "pages free"));
	len += (size_t)snprintf(protection, sizeof(protection), "(%ld",
				zone->lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		len += (size_t)snprintf(protection + len, sizeof(protection) - len,
					", %ld", zone->lowmem_reserve[i]);
	snprintf(protection + len, sizeof(protection) - len, ")");
	CHECK_STR("protection", protection, line_with(l, b, "protection: "));
	if (!populated_zone(zone)) {
		/* header + pages free .. cma + protection, nothing else */
		CHECK_EQ("lines of an empty zone", 1 + 9 + 1 +
			 (first_populated ? 1 + NR_VM_NODE_STAT_ITEMS : 0),
			 b->end - b->first);
		return;
	}
	CHECK_EQ("pageset CPUs", pa_nr_online_cpus(), count_in(l, b, "cpu: "));
	CHECK_EQ("vm stats threshold lines", pa_nr_online_cpus(),
		 count_in(l, b, "vm stats threshold: "));
	CHECK_EQ("pageset high", zone_pcp(zone, 0)->high, value_of(l, b, "high:"));
	CHECK_EQ("pageset batch", zone_pcp(zone, 0)->batch,
		 value_of(l, b, "batch:"));
	CHECK_EQ("start_pfn", zone->zone_start_pfn, value_of(l, b, "start_pfn:"));
	CHECK_STR("last line", "node_unreclaimable:  0",
		  line_with(l, b, "node_unreclaimable:") - strlen("node_unreclaimable:"));
}

static void check_zoneinfo(void)
{
	struct fixture_lines *l = render_lines("zoneinfo");
	struct zone_block b[64];
	size_t n = zone_blocks(l, b, ARRAY_SIZE(b)), k = 0;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		bool seen_populated = false;
		int zid;

		for (zid = 0; zid < MAX_NR_ZONES; zid++, k++) {
			struct zone *zone = &pgdat->node_zones[zid];
			bool first = !seen_populated && populated_zone(zone);

			if (k >= n)
				fail_msg("zoneinfo ends before node %d zone %d",
					 pgdat->node_id, zid);
			CHECK_EQ("zone block node", pgdat->node_id, b[k].node);
			check_zone_block(l, &b[k], zone, first);
			seen_populated |= first;
		}
	}
	CHECK_EQ("zone blocks", k, n);
	lines_free(l);
}

static void test_zoneinfo(void **state)
{
	check_zoneinfo();
	churn();
	check_zoneinfo();
}

/* ---- buddyinfo and pagetypeinfo ---- */

static unsigned long buddyinfo_counts(const char *line, unsigned long *count)
{
	unsigned long sum = 0;
	const char *p = strstr(line, "zone ");
	unsigned int order;
	int n;

	p += 5 + 8; /* "zone " and the %8s name */
	for (order = 0; order < MAX_ORDER; order++) {
		if (sscanf(p, " %lu%n", &count[order], &n) != 1)
			fail_msg("buddyinfo: cannot read order %d of '%s'", order, line);
		p += n;
		sum += count[order] << order;
	}
	return sum;
}

static void check_buddyinfo(void)
{
	struct fixture_lines *l = render_lines("buddyinfo");
	unsigned long count[MAX_ORDER], total = 0;
	struct zone *zone;
	size_t i = 0;

	for_each_populated_zone(zone) {
		struct zone_census census;
		char head[64];
		unsigned long sum;

		snprintf(head, sizeof(head), "Node %d, zone %8s ", zone_to_nid(zone),
			 zone->name);
		if (i >= l->nr)
			fail_msg("buddyinfo has no line for %s", head);
		CHECK_STR("buddyinfo line head", head,
			  strncmp(l->line[i], head, strlen(head)) ? l->line[i] : head);
		sum = buddyinfo_counts(l->line[i++], count);
		CHECK_EQ("buddyinfo pages == NR_FREE_PAGES", zone_page_state(zone, NR_FREE_PAGES),
			 sum);
		CHECK_EQ("zone_validate", 0, zone_validate_census(zone, &census));
		CHECK_EQ("buddyinfo pages == free blocks", census.free, sum);
		total += sum;
	}
	CHECK_EQ("buddyinfo lines", i, l->nr);
	CHECK_EQ("global NR_FREE_PAGES", global_zone_page_state(NR_FREE_PAGES), total);
	lines_free(l);
}

static void test_buddyinfo(void **state)
{
	check_buddyinfo();
	churn();
	check_buddyinfo();
}

static void check_pagetypeinfo_node(const struct fixture_lines *l, size_t *i,
				    pg_data_t *pgdat,
				    const struct fixture_lines *buddy, size_t *bi)
{
	char text[512];
	int zid, mt, order;

	CHECK_STR("header 1", "Page block order: 9", l->line[(*i)++]);
	CHECK_STR("header 2", "Pages per block:  512", l->line[(*i)++]);
	CHECK_STR("header 3", "", l->line[(*i)++]);
	CHECK_STR("free header",
		  "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 ",
		  l->line[(*i)++]);
	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &pgdat->node_zones[zid];
		unsigned long sum[MAX_ORDER_LIMIT] = { 0 }, count[MAX_ORDER_LIMIT];

		if (!populated_zone(zone))
			continue;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			const char *p = l->line[(*i)++];
			int n;

			snprintf(text, sizeof(text), "Node %4d, zone %8s, type %12s ",
				 pgdat->node_id, zone->name,
				 mt == MIGRATE_ISOLATE ? "Isolate" :
				 mt == 0 ? "Unmovable" : mt == 1 ? "Movable" :
				 mt == 2 ? "Reclaimable" : "HighAtomic");
			CHECK_STR("free line head", text,
				  strncmp(p, text, strlen(text)) ? p : text);
			p += strlen(text);
			for (order = 0; order < (int)MAX_ORDER; order++, p += n) {
				unsigned long v;

				if (sscanf(p, " %lu%n", &v, &n) != 1)
					fail_msg("pagetypeinfo: bad count in '%s'", p);
				sum[order] += v;
			}
		}
		buddyinfo_counts(buddy->line[(*bi)++], count);
		for (order = 0; order < (int)MAX_ORDER; order++)
			CHECK_EQ("sum over types == buddyinfo", count[order], sum[order]);
	}
	CHECK_STR("blank line", "", l->line[(*i)++]);
	CHECK_STR("blocks header",
		  "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate ",
		  l->line[(*i)++]);
	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &pgdat->node_zones[zid];
		struct zone_census census;
		size_t len;

		if (!populated_zone(zone))
			continue;
		zone_validate_census(zone, &census);
		len = (size_t)snprintf(text, sizeof(text), "Node %d, zone %8s ",
				       pgdat->node_id, zone->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			len += (size_t)snprintf(text + len, sizeof(text) - len,
						"%12lu ", census.blocks_by_type[mt]);
		CHECK_STR("blocks line", text, l->line[(*i)++]);
	}
}

static void check_pagetypeinfo(void)
{
	struct fixture_lines *l = render_lines("pagetypeinfo");
	struct fixture_lines *buddy = render_lines("buddyinfo");
	size_t i = 0, bi = 0;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		check_pagetypeinfo_node(l, &i, pgdat, buddy, &bi);
	CHECK_EQ("pagetypeinfo lines", l->nr, i);
	lines_free(l);
	lines_free(buddy);
}

static void test_pagetypeinfo(void **state)
{
	check_pagetypeinfo();
	churn();
	check_pagetypeinfo();
}

/* ---- meminfo, vmstat ---- */

/* The first word of every line ("MemTotal:", "nr_free_pages", ...). */
static char *labels(const char *text)
{
	struct seq_file m;
	const char *p = text;

	seq_file_init(&m);
	while (*p) {
		size_t n = strcspn(p, " \n");

		seq_printf(&m, "%.*s\n", (int)n, p);
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return seq_file_detach(&m, NULL);
}

static unsigned long long meminfo_kb(const char *text, const char *label)
{
	const char *p = strstr(text, label);
	unsigned long long v;

	if (!p || sscanf(p + strlen(label), " %llu", &v) != 1)
		fail_msg("meminfo has no '%s'", label);
	return v;
}

static void check_meminfo(void)
{
	char *text, *ours, *theirs = fixture_file("proc_meminfo"), *want;
	unsigned long long avail, wmark_low = 0;
	struct zone *zone;

	CHECK_EQ("render", 0, proc_render("meminfo", &text));
	ours = labels(text);
	want = labels(theirs);
	CHECK_STR("meminfo labels", want, ours);
	CHECK_EQ("MemTotal", K(totalram_pages()), meminfo_kb(text, "MemTotal:"));
	CHECK_EQ("MemFree", K(global_zone_page_state(NR_FREE_PAGES)),
		 meminfo_kb(text, "MemFree:"));
	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	/* no page cache and no reclaimable slab yet: free - totalreserve */
	avail = global_zone_page_state(NR_FREE_PAGES) -
		current_machine->mm.totalreserve_pages;
	CHECK_EQ("MemAvailable", K(avail), meminfo_kb(text, "MemAvailable:"));
	CHECK_EQ("CommitLimit", K(totalram_pages() / 2), meminfo_kb(text, "CommitLimit:"));
	CHECK_EQ("VmallocTotal", 34359738367ULL, meminfo_kb(text, "VmallocTotal:"));
	CHECK_EQ("Hugepagesize", 2048, meminfo_kb(text, "Hugepagesize:"));
	CHECK_EQ("Percpu", K(current_machine->pcpu.nr_populated *
			     (unsigned long)current_machine->pcpu.nr_units),
		 meminfo_kb(text, "Percpu:"));
	assert_non_null(strstr(text, "\nVmallocTotal:   34359738367 kB\n"));
	assert_non_null(strstr(text, "\nHardwareCorrupted:     0 kB\n"));
	host_free(want);
	host_free(ours);
	host_free(theirs);
	host_free(text);
}

static void test_meminfo(void **state)
{
	check_meminfo();
	churn();
	check_meminfo();
}

static void test_vmstat(void **state)
{
	char *text, *ours, *want, *theirs = fixture_file("proc_vmstat");
	unsigned long long v, free_before;
	const char *p;

	CHECK_EQ("render", 0, proc_render("vmstat", &text));
	ours = labels(text);
	want = labels(theirs);
	CHECK_STR("vmstat names", want, ours);
	assert_int_equal(sscanf(text, "nr_free_pages %llu", &v), 1);
	CHECK_EQ("nr_free_pages", global_zone_page_state(NR_FREE_PAGES), v);
	p = strstr(text, "\npgfree ");
	assert_non_null(p);
	free_before = strtoull(p + 8, NULL, 10);
	CHECK_STR("last line", "nr_unstable 0\n", text + strlen(text) - 14);
	host_free(text);

	churn();
	CHECK_EQ("render", 0, proc_render("vmstat", &text));
	p = strstr(text, "\npgfree ");
	assert_true(strtoull(p + 8, NULL, 10) > free_before);
	host_free(want);
	host_free(ours);
	host_free(theirs);
	host_free(text);
}

/* ---- iomem ---- */

struct iomem_line {
	int depth;
	unsigned long long start, end;
	char name[64];
};

static void check_iomem(void)
{
	struct fixture_lines *l = render_lines("iomem");
	struct iomem_line stack[8], cur, prev_at[8];
	bool have_prev[8] = { false };
	int sp = 0;
	size_t i, code = 0;

	assert_true(l->nr > 0);
	for (i = 0; i < l->nr; i++) {
		const char *s = l->line[i];
		int indent = 0;

		while (s[indent] == ' ')
			indent++;
		memset(&cur, 0, sizeof(cur));
		if (sscanf(s + indent, "%llx-%llx : %63[^\n]", &cur.start, &cur.end,
			   cur.name) != 3)
			fail_msg("iomem: cannot parse '%s'", s);
		CHECK_EQ("indent is even", 0, indent % 2);
		cur.depth = indent / 2;
		if (cur.depth > sp)
			fail_msg("iomem: '%s' is indented below no parent", s);
		sp = cur.depth;
		assert_true(cur.start <= cur.end);
		if (sp > 0 && (cur.start < stack[sp - 1].start ||
			       cur.end > stack[sp - 1].end))
			fail_msg("iomem: '%s' is outside its parent", s);
		if (have_prev[sp] && cur.start <= prev_at[sp].end)
			fail_msg("iomem: '%s' overlaps or precedes its sibling", s);
		prev_at[sp] = cur;
		have_prev[sp] = true;
		memset(have_prev + sp + 1, 0, sizeof(have_prev) - (size_t)(sp + 1));
		stack[sp++] = cur;
		if (!strcmp(cur.name, "Kernel code")) {
			code++;
			CHECK_STR("Kernel code's parent", "System RAM",
				  stack[sp - 2].name);
			CHECK_EQ("Kernel code start",
				 current_machine->x86.image.text, cur.start);
		}
	}
	CHECK_EQ("Kernel code lines", 1, code);
	lines_free(l);
}

static void test_iomem(void **state)
{
	check_iomem();
}

static void test_cmdline(void **state)
{
	char *text;

	CHECK_EQ("render", 0, proc_render("cmdline", &text));
	CHECK_STR("cmdline", "console=ttyS0 loglevel=8\n", text);
	host_free(text);
}

/* ---- two nodes ---- */

static size_t count_lines(const char *view, const char *text)
{
	struct fixture_lines *l = render_lines(view);
	size_t i, n = 0;

	for (i = 0; i < l->nr; i++)
		n += strstr(l->line[i], text) != NULL;
	lines_free(l);
	return n;
}

static void test_numa_views(void **state)
{
	CHECK_EQ("online nodes", 2, num_online_nodes());
	CHECK_EQ("per-node stats blocks", 2, count_lines("zoneinfo", "per-node stats"));
	CHECK_EQ("zoneinfo zones", 2 * MAX_NR_ZONES,
		 count_lines("zoneinfo", ", zone "));
	CHECK_EQ("pagetypeinfo headers", 2,
		 count_lines("pagetypeinfo", "Page block order: "));
	CHECK_EQ("node 1 buddyinfo lines", 1, count_lines("buddyinfo", "Node 1, "));
	check_zoneinfo();
	check_buddyinfo();
	check_pagetypeinfo();
	check_iomem();
}

#define PC128(f) cmocka_unit_test_setup_teardown(f, setup_pc128, teardown_machine)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq_file),
		PC128(test_registry),
		PC128(test_zoneinfo),
		PC128(test_buddyinfo),
		PC128(test_pagetypeinfo),
		PC128(test_meminfo),
		PC128(test_vmstat),
		PC128(test_iomem),
		PC128(test_cmdline),
		cmocka_unit_test_setup_teardown(test_numa_views, setup_numa2,
						teardown_machine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
