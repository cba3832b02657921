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
 *   2. /proc/vmallocinfo: every line mmsim prints has the kernel's shape.
 *
 *   3. The boot-time areas mmsim models (the callers in `modelled` below:
 *      the IRQ stacks, ACPI's and the HPET's ioremaps, the gen_pool
 *      chunks of the MCE and DMA pools), and any other caller mmsim shows
 *      at boot: per caller, the same multiset of (size, pages=, phys=,
 *      kind) as the kernel's lines of that caller.  The N<node>= counts
 *      are left out: which node a boot-time vmalloc page comes from
 *      follows the boot task's memory policy (numa_policy_init() makes it
 *      interleave), which mmsim does not model.
 *
 *   4. Addresses, where they can be the same: the kernel's busy areas from
 *      VMALLOC_START up to the first one whose caller mmsim does not model
 *      (a thread stack, a BPF buffer, ...) or the first lazily freed one,
 *      must be mmsim's first areas, at the same distance from each side's
 *      VMALLOC_START (e.g. irq_init_percpu_irqstack at VMALLOC_START, the
 *      ACPI tables, the HPET and the MCE pool after it).  Not for the
 *      extra cases, whose addresses are hashed.
 *
 *   5. The per-CPU chunk areas.  Every oracle boot made one chunk beyond
 *      the first with pcpu_get_vm_areas(): one area per group of the first
 *      chunk's layout, at atom_size alignment, as high in the vmalloc area
 *      as it fits.  mmsim's own boot-time chunk if it made one, or else
 *      mmsim's allocator asked the same question with the booted machine's
 *      layout (pcpu_group_offsets/sizes, atom_size), must give the
 *      kernel's answer:
 *        nokaslr  the same lines, addresses included, e.g.
 *                 0xffffe8ffffc00000-0xffffe8ffffe00000 2097152 pcpu_get_vm_areas vmalloc
 *        kaslr    the same sizes at the same distances from the top of the
 *                 area: the kernel's VMALLOC_END + 1 is the GiB boundary
 *                 above its highest chunk area;
 *        extra    (addresses printed hashed) the same number of areas and
 *                 sizes.
 *
 *   6. The chunk's metadata.  A chunk is made and its first page populated
 *      here (pcpu_create_chunk(), pcpu_populate_chunk()), and its
 *      "pcpu_create_chunk" areas (the maps and memcg vector pcpu_mem_zalloc()
 *      vmallocs when they exceed a page) and the "pcpu_populate_chunk" one
 *      (the population page array, when it exceeds a page) must be the
 *      kernel's, once per chunk the kernel made.
 *
 * With MMSIM_PARITY_SUMMARY=1 in the environment, one line per case says
 * how many areas of each kind were compared (silent otherwise).
 *
 * Not compared: everything else in the kernel's vmallocinfo and VmallocUsed
 * (thread stacks: kernel_clone, fork_idle; BPF; crypto buffers; tty; the
 * DMI table's memremap; hash tables of subsystems mmsim does not run;
 * lazily freed areas).
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

#define MAX_AREAS 256   /* per caller; more is a test error, not a match */

static struct {
	struct fixture_lines kernel_log, kernel_info, ours_info;
	struct machine *m;
	char *meminfo_k, *meminfo_o;
	/* for MMSIM_PARITY_SUMMARY: what this case compared */
	size_t nr_modelled[4], nr_leading, nr_metadata;
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
	memset(run.nr_modelled, 0, sizeof(run.nr_modelled));
	run.nr_leading = run.nr_metadata = 0;
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
	char what[160];     /* rest without the " N<node>=<pages>" counts */
};

/* The boot-time callers mmsim models every instance of. */
static const char *const modelled[] = {
	"irq_init_percpu_irqstack", "acpi_os_map_iomem", "hpet_enable",
	"gen_pool_add_owner",
};

/* Callers whose areas depend on per-CPU demand mmsim's boot lacks. */
static const char *const chunk_callers[] = {
	"pcpu_get_vm_areas", "pcpu_create_chunk", "pcpu_populate_chunk",
};

static bool in_list(const char *const *list, size_t n, const char *caller)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], caller))
			return true;
	return false;
}

static void strip_node_counts(const char *rest, char *out, size_t size)
{
	const char *p = rest;
	size_t n = 0;

	while (*p && n + 1 < size) {
		if (p[0] == ' ' && p[1] == 'N' && p[2] >= '0' && p[2] <= '9') {
			p++;
			while (*p && *p != ' ')
				p++;
			continue;
		}
		out[n++] = *p++;
	}
	out[n] = '\0';
}

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
	strip_node_counts(out->rest, out->what, sizeof(out->what));
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

	for (i = 0; i < l->nr; i++) {
		struct info_line one;

		if (!parse_line(l->line[i], &one) || strcmp(one.caller, caller))
			continue;
		if (n == max)
			fail_msg("more than %zu areas of %s: raise MAX_AREAS", max, caller);
		out[n++] = one;
	}
	return n;
}

static int cmp_area(const void *a, const void *b)
{
	const struct info_line *x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->what, y->what);
}

/*
 * The kernel's lines of @caller against @no lines of ours (@o), as
 * multisets of (size, what); @times copies of ours are expected.
 */
static void compare_caller(const struct fixture_case *c, const char *caller,
			   struct info_line *o, size_t no, size_t times)
{
	struct info_line *k = host_alloc(MAX_AREAS * sizeof(*k));
	char field[800];
	size_t nk = lines_of(&run.kernel_info, caller, k, MAX_AREAS), j;

	snprintf(field, sizeof(field), "%s: areas of %s", c->name, caller);
	if (nk != no * times) {
		host_free(k);
		CHECK_EQ(field, no * times, nk);
	}
	qsort(k, nk, sizeof(*k), cmp_area);
	qsort(o, no, sizeof(*o), cmp_area);
	for (j = 0; j < nk; j++) {
		const struct info_line *mine = &o[j / times];
		bool same = k[j].size == mine->size && !strcmp(k[j].what, mine->what);

		snprintf(field, sizeof(field), "%s: %s area %zu: expected %lu%s, got %lu%s",
			 c->name, caller, j, k[j].size, k[j].what, mine->size,
			 mine->what);
		if (!same) {
			host_free(k);
			fail_msg("%s", field);
		}
	}
	host_free(k);
}

/* Each modelled caller, and each caller mmsim shows at boot (point 3). */
static void compare_boot_areas(const struct fixture_case *c)
{
	struct info_line *o = host_alloc(MAX_AREAS * sizeof(*o)), mine;
	const char *callers[MAX_AREAS];
	size_t nc = 0, i;

	for (i = 0; i < ARRAY_SIZE(modelled); i++)
		callers[nc++] = modelled[i];
	for (i = 0; i < run.ours_info.nr && nc < MAX_AREAS; i++)
		if (parse_line(run.ours_info.line[i], &mine) &&
		    strcmp(mine.caller, "unpurged") && strcmp(mine.caller, "vm_map_ram") &&
		    !in_list(chunk_callers, ARRAY_SIZE(chunk_callers), mine.caller) &&
		    !in_list(callers, nc, mine.caller))
			callers[nc++] = host_strdup(mine.caller);
	for (i = 0; i < nc; i++) {
		size_t no = lines_of(&run.ours_info, callers[i], o, MAX_AREAS);

		compare_caller(c, callers[i], o, no, 1);
		if (i < ARRAY_SIZE(modelled))
			run.nr_modelled[i] = no;
	}
	for (i = ARRAY_SIZE(modelled); i < nc; i++)
		host_free((char *)callers[i]);
	host_free(o);
}

/*
 * Point 4: the kernel's lowest areas, up to its first area mmsim cannot
 * have, are mmsim's lowest areas at the same offsets.
 */
static void compare_leading_addresses(const struct fixture_case *c)
{
	unsigned long kbase = fixture_kaslr_vmalloc_base(c), limit = ~0UL;
	struct info_line k, mine;
	size_t i, n = 0;
	char field[800];

	for (i = 0; i < run.kernel_info.nr; i++)
		if (parse_line(run.kernel_info.line[i], &k) &&
		    !strcmp(k.caller, "unpurged"))
			limit = min(limit, k.start);
	if (!kbase || (run.kernel_info.nr && parse_line(run.kernel_info.line[0], &k) &&
		       !k.start))
		return;	/* hashed addresses */
	for (i = 0; i < run.kernel_info.nr; i++) {
		if (!parse_line(run.kernel_info.line[i], &k) || k.start >= limit ||
		    !in_list(modelled, ARRAY_SIZE(modelled), k.caller))
			break;
		snprintf(field, sizeof(field), "%s: leading area %zu", c->name, i);
		if (i >= run.ours_info.nr || !parse_line(run.ours_info.line[i], &mine))
			fail_msg("%s: expected %s, mmsim has no more areas", field,
				 run.kernel_info.line[i]);
		if (k.start - kbase != mine.start - VMALLOC_START ||
		    k.size != mine.size || strcmp(k.caller, mine.caller) ||
		    strcmp(k.what, mine.what))
			fail_msg("%s: expected VMALLOC_START+0x%lx %lu %s%s, got VMALLOC_START+0x%lx %lu %s%s",
				 field, k.start - kbase, k.size, k.caller, k.what,
				 mine.start - VMALLOC_START, mine.size, mine.caller,
				 mine.what);
		n++;
	}
	snprintf(field, sizeof(field), "%s: a leading area to compare", c->name);
	CHECK_EQ(field, 1, n > 0);
	run.nr_leading = n;
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

/* Ours of @caller not in @before (a multiset difference, by what/size). */
static size_t new_lines_of(const char *caller, const struct fixture_lines *before,
			   struct info_line *out, size_t max)
{
	struct info_line *old = host_alloc(MAX_AREAS * sizeof(*old));
	size_t nold = lines_of(before, caller, old, MAX_AREAS), n, i, j;

	n = lines_of(&run.ours_info, caller, out, max);
	for (i = 0; i < nold; i++)
		for (j = 0; j < n; j++)
			if (old[i].start == out[j].start) {
				out[j] = out[--n];
				break;
			}
	host_free(old);
	return n;
}

/*
 * Point 6: make a chunk as pcpu_alloc() would when no chunk has room,
 * populate its first page, and compare the metadata areas that appear.
 */
static void compare_pcpu_metadata(const struct fixture_case *c)
{
	struct info_line *o = host_alloc(MAX_AREAS * sizeof(*o));
	struct info_line *k = host_alloc(MAX_AREAS * sizeof(*k));
	struct fixture_lines before = run.ours_info;
	struct pcpu_chunk *chunk;
	size_t chunks, no;
	char *text;
	int ret;

	chunks = lines_of(&run.kernel_info, "pcpu_get_vm_areas", k, MAX_AREAS) /
		 (size_t)pcpu_nr_groups;
	host_free(k);
	chunk = pcpu_create_chunk(GFP_KERNEL);
	if (!chunk)
		fail_msg("%s: pcpu_create_chunk: expected a chunk, got NULL", c->name);
	spin_lock(&pcpu_alloc_mutex);
	ret = pcpu_populate_chunk(chunk, 0, 1, GFP_KERNEL);
	spin_unlock(&pcpu_alloc_mutex);
	CHECK_EQ("pcpu_populate_chunk(page 0)", 0, ret);

	memset(&run.ours_info, 0, sizeof(run.ours_info));
	if (proc_render("vmallocinfo", &text))
		fail_msg("proc_render(vmallocinfo)");
	fixture_lines_split(text, &run.ours_info);
	host_free(text);
	no = new_lines_of("pcpu_create_chunk", &before, o, MAX_AREAS);
	compare_caller(c, "pcpu_create_chunk", o, no, chunks);
	run.nr_metadata = no * chunks;
	no = lines_of(&run.ours_info, "pcpu_populate_chunk", o, MAX_AREAS);
	compare_caller(c, "pcpu_populate_chunk", o, no, 1);
	run.nr_metadata += no;
	fixture_lines_free(&before);

	spin_lock(&pcpu_alloc_mutex);
	pcpu_depopulate_chunk(chunk, 0, 1);
	spin_unlock(&pcpu_alloc_mutex);
	pcpu_destroy_chunk(chunk);
	host_free(o);
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
	compare_leading_addresses(c);
	compare_pcpu_chunk(c);
	compare_pcpu_metadata(c);
	CHECK_EQ("vmalloc_validate()", 0, vmalloc_validate());
	if (getenv("MMSIM_PARITY_SUMMARY"))
		printf("# %s: equal to the kernel's: IRQ stacks %zu, ACPI maps %zu, HPET %zu, gen_pool chunks %zu; leading areas at equal addresses %zu; chunk metadata areas %zu\n",
		       c->name, run.nr_modelled[0], run.nr_modelled[1],
		       run.nr_modelled[2], run.nr_modelled[3], run.nr_leading,
		       run.nr_metadata);
}

int main(void)
{
	return fixture_run_cases("vmalloc_parity", "x86", test_vmalloc_case, teardown, NULL, NULL);
}
