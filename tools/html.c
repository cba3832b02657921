// SPDX-License-Identifier: MIT
/*
 * tools/html.c — mmsim boot --html FILE: one self-contained page of the
 * machine's memory.
 *
 * No kernel counterpart (what one would draw from crash's kmem output and
 * /proc).  The page is written in one piece, with no network needed to
 * show it:
 *
 *   <style>   data/html/mmsim.css
 *   <script>  Chart.js, read from Debian's libjs-chart.js
 *             (/usr/share/javascript/chart.js/chart.min.js) when the page
 *             is written, never kept in this repository
 *   <script>  const MMSIM = { ...the machine as JSON... }
 *   <script>  data/html/mmsim.js: the sections and charts
 *
 * The JSON holds: the firmware ranges (/proc/iomem's top level), memblock
 * memory and reserved regions with who reserved each part (the calltrace
 * owner records), nodes and zones with their free lists counted by
 * walking them, each pageblock's migratetype, per-CPU lists, slab caches
 * (/proc/slabinfo), vmalloc areas (/proc/vmallocinfo), per-CPU chunks,
 * and a snapshot after each step of start_kernel (taken when the step
 * returns, through calltrace_on_return()).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "mmsim/process.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/percpu-internal.h"
#include "mm/slab.h"
#include "mmsim/calltrace.h"
#include "mmsim/cli.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "tools/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHARTJS_PATH "/usr/share/javascript/chart.js/chart.min.js"
#define MAX_OWNERS_SHOWN 8

const char *migratetype_name(int mt);

struct html_snapshots {
	FILE *json;             /* "[{...},{...}" so far */
	size_t len;
	char *buf;
	int nr;
};

/* ---- JSON helpers ---- */

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '<')
			fputs("\\u003c", f);    /* never "</script>" inside the page */
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void jkey(FILE *f, bool *first, const char *key)
{
	fputs(*first ? "" : ",", f);
	*first = false;
	jstr(f, key);
	fputc(':', f);
}

/* A /proc view as one JSON string ("" when it does not exist). */
static void jproc(FILE *f, const char *name)
{
	char *text = NULL;

	proc_render(name, &text);
	jstr(f, text ? text : "");
	host_free(text);
}

/* ---- memblock ---- */

static void json_regions(FILE *f, const struct memblock_type *t)
{
	unsigned long i;

	fputc('[', f);
	for (i = 0; i < t->cnt; i++)
		fprintf(f, "%s[%llu,%llu,%d]", i ? "," : "",
			(unsigned long long)t->regions[i].base,
			(unsigned long long)t->regions[i].size,
			t->regions[i].nid >= MAX_NUMNODES ? -1 : t->regions[i].nid);
	fputc(']', f);
}

/* Who reserved parts of [base, end): the newest record per caller. */
static void json_owners(FILE *f, const struct calltrace_owner *own, size_t nr,
			u64 base, u64 end)
{
	const char *seen[MAX_OWNERS_SHOWN];
	int nseen = 0, k;
	size_t i;

	fputc('[', f);
	for (i = nr; i-- > 0 && nseen < MAX_OWNERS_SHOWN;) {
		if (own[i].base >= end || own[i].base + own[i].size <= base)
			continue;
		for (k = 0; k < nseen && strcmp(seen[k], own[i].caller); k++)
			;
		if (k < nseen)
			continue;
		seen[nseen] = own[i].caller;
		fprintf(f, "%s[", nseen++ ? "," : "");
		jstr(f, own[i].caller);
		fprintf(f, ",%llu,%llu]", own[i].base, own[i].size);
	}
	fputc(']', f);
}

static void json_memblock(FILE *f, const struct calltrace *ct)
{
	const struct calltrace_owner *own = NULL;
	size_t nr = 0;
	unsigned long i;

	if (ct)
		own = calltrace_owners(ct, &nr);
	fputs("\"memory\":", f);
	json_regions(f, &memblock.memory);
	fputs(",\"reserved\":", f);
	json_regions(f, &memblock.reserved);
	fputs(",\"owners\":[", f);
	for (i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		fputs(i ? "," : "", f);
		json_owners(f, own, nr, r->base, r->base + r->size);
	}
	fputc(']', f);
}

/* ---- zones ---- */

static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *p;
	unsigned long n = 0;

	for (p = head->next; p && p != head; p = p->next)
		n++;
	return n;
}

static void json_free_lists(FILE *f, struct zone *zone)
{
	unsigned int order;
	int mt;

	fputs(",\"free\":[", f);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		fputs(mt ? ",[" : "[", f);
		for (order = 0; order < MAX_ORDER; order++)
			fprintf(f, "%s%lu", order ? "," : "",
				list_length(&zone->free_area[order].free_list[mt]));
		fputc(']', f);
	}
	fputs("],\"nr_free\":[", f);
	for (order = 0; order < MAX_ORDER; order++)
		fprintf(f, "%s%lu", order ? "," : "", zone->free_area[order].nr_free);
	fputc(']', f);
}

/* One character per pageblock: its migratetype number, '.' for a hole. */
static void json_pageblocks(FILE *f, struct zone *zone)
{
	unsigned long pfn = zone->zone_start_pfn & ~(pageblock_nr_pages - 1);
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;

	fputs(",\"pageblocks\":\"", f);
	for (; pfn < end; pfn += pageblock_nr_pages) {
		unsigned long p = max(pfn, zone->zone_start_pfn);

		if (pfn_valid(p) && memmap_peek_zone(pfn_to_page(p)) == zone)
			fputc('0' + get_pageblock_migratetype(pfn_to_page(p)), f);
		else
			fputc('.', f);
	}
	fputc('"', f);
}

static void json_pcp(FILE *f, struct zone *zone)
{
	unsigned int cpu;

	fputs(",\"pcp\":[", f);
	for (cpu = 0; zone->per_cpu_pageset && cpu < nr_cpu_ids; cpu++) {
		const struct per_cpu_pages *pcp = zone->per_cpu_pageset[cpu];

		if (pcp)
			fprintf(f, "%s[%u,%d,%d,%d]", cpu ? "," : "", cpu, pcp->count,
				pcp->high, pcp->batch);
	}
	fputc(']', f);
}

static void json_zones(FILE *f, bool full)
{
	bool first = true;
	int nid, z;

	fputs("\"zones\":[", f);
	for (nid = 0; nid < (int)nr_node_ids; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (z = 0; pgdat && z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!zone->name || !zone->spanned_pages)
				continue;
			fprintf(f, "%s{\"node\":%d,\"name\":", first ? "" : ",", nid);
			first = false;
			jstr(f, zone->name);
			fprintf(f, ",\"start_pfn\":%lu,\"spanned\":%lu,\"present\":%lu,"
				"\"managed\":%lu,\"nr_free_pages\":%lu",
				zone->zone_start_pfn, zone->spanned_pages,
				zone->present_pages, zone_managed_pages(zone),
				zone_page_state(zone, NR_FREE_PAGES));
			if (full) {
				fprintf(f, ",\"wmark\":[%lu,%lu,%lu]", min_wmark_pages(zone),
					low_wmark_pages(zone), high_wmark_pages(zone));
				json_free_lists(f, zone);
				json_pageblocks(f, zone);
				json_pcp(f, zone);
			}
			fputc('}', f);
		}
	}
	fputc(']', f);
}

static void json_nodes(FILE *f)
{
	bool first = true;
	int nid;

	fputs("\"nodes\":[", f);
	for (nid = 0; nid < (int)nr_node_ids; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		fprintf(f, "%s[%d,%lu,%lu,%lu]", first ? "" : ",", nid,
			pgdat->node_start_pfn, pgdat->node_spanned_pages,
			pgdat->node_present_pages);
		first = false;
	}
	fputc(']', f);
}

/* ---- per-CPU chunks, counts for the snapshots ---- */

static void json_chunk(FILE *f, const struct pcpu_chunk *c, const char *kind,
		       bool *first)
{
	fprintf(f, "%s{\"kind\":\"%s\",\"nr_pages\":%d,\"populated\":%d,"
		"\"free_bytes\":%d,\"base\":\"%p\"}", *first ? "" : ",", kind,
		c->nr_pages, c->nr_populated, c->free_bytes, c->base_addr);
	*first = false;
}

static void json_percpu(FILE *f)
{
	const struct pcpu_state *p = &current_machine->pcpu;
	const struct pcpu_chunk *c;
	bool first = true;
	int slot;

	fprintf(f, "\"percpu\":{\"unit_size\":%d,\"nr_units\":%d,\"atom_size\":%d,"
		"\"nr_groups\":%d,\"populated\":%lu,\"chunks\":[", p->unit_size,
		p->nr_units, p->atom_size, p->nr_groups, p->nr_populated);
	if (p->first_chunk)
		json_chunk(f, p->first_chunk, "first", &first);
	if (p->reserved_chunk)
		json_chunk(f, p->reserved_chunk, "reserved", &first);
	for (slot = 0; p->chunk_lists && slot < p->nr_slots; slot++)
		list_for_each_entry(c, &p->chunk_lists[slot], list)
			if (c != p->first_chunk && c != p->reserved_chunk)
				json_chunk(f, c, "dynamic", &first);
	fputs("]}", f);
}

static unsigned long nr_slab_caches(void)
{
	return slub_st.slab_caches.next ? list_length(&slub_st.slab_caches) : 0;
}

static unsigned long nr_vmap_areas(void)
{
	const struct list_head *h = &current_machine->vmalloc_st.busy_list;

	return h->next ? list_length(h) : 0;
}

/* ---- snapshots at each step of start_kernel ---- */

struct html_snapshots *html_snapshots_new(void)
{
	struct html_snapshots *s = host_alloc(sizeof(*s));

	if (!s)
		return NULL;
	s->json = open_memstream(&s->buf, &s->len);
	if (!s->json) {
		host_free(s);
		return NULL;
	}
	fputc('[', s->json);
	return s;
}

void html_snapshot(void *arg, const char *step)
{
	struct html_snapshots *s = arg;
	FILE *f = s->json;

	fprintf(f, "%s{\"step\":", s->nr++ ? "," : "");
	jstr(f, step);
	fprintf(f, ",\"memory_total\":%llu,\"reserved_total\":%llu,\"reserved\":",
		(unsigned long long)memblock.memory.total_size,
		(unsigned long long)memblock.reserved.total_size);
	json_regions(f, &memblock.reserved);
	fprintf(f, ",\"totalram\":%lu,\"slab_caches\":%lu,\"vmap_areas\":%lu,"
		"\"pcpu_populated\":%lu,", totalram_pages(), nr_slab_caches(),
		nr_vmap_areas(), current_machine->pcpu.nr_populated);
	json_zones(f, false);
	fputc('}', f);
}

void html_snapshots_free(struct html_snapshots *s)
{
	if (!s)
		return;
	fclose(s->json);
	free(s->buf);
	host_free(s);
}

/* ---- processes (mmsim run --html) ---- */

/* Each task with an address space: its smaps (VMAs and resident pages). */
static void json_processes(FILE *f)
{
	struct task_struct *t;
	bool first = true;

	fputs("\"processes\":[", f);
	list_for_each_entry(t, mmsim_task_list(), tasks) {
		char *text = NULL;

		if (!t->mm)
			continue;
		fprintf(f, "%s{\"pid\":%d,\"rss\":%lu,\"comm\":", first ? "" : ",",
			t->pid, get_mm_rss(t->mm) << (PAGE_SHIFT - 10));
		jstr(f, t->comm);
		fputs(",\"smaps\":", f);
		proc_pid_render(t, "smaps", &text);
		jstr(f, text ? text : "");
		host_free(text);
		fputc('}', f);
		first = false;
	}
	fputc(']', f);
}

/* ---- the page ---- */

static void json_machine(FILE *f, const struct calltrace *ct,
			 struct html_snapshots *snaps)
{
	const struct machine_desc *d = &current_machine->desc;
	bool first = true;

	fputs("{", f);
	jkey(f, &first, "arch");
	jstr(f, d->arch == MMSIM_ARCH_ARM ? "arm" : "x86_64");
	jkey(f, &first, "model");
	jstr(f, d->model);
	fprintf(f, ",\"ram\":%llu,\"cpus\":%u,\"page_size\":%lu,"
		"\"pageblock_pages\":%lu,\"max_order\":%u,\"max_pfn\":%lu,",
		(unsigned long long)d->ram_size, nr_cpu_ids, PAGE_SIZE,
		pageblock_nr_pages, MAX_ORDER, max_pfn);
	fputs("\"migratetypes\":[", f);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		fputs(mt ? "," : "", f);
		jstr(f, migratetype_name(mt));
	}
	fputs("],\"cmdline\":", f);
	jstr(f, boot_command_line);
	fputc(',', f);
	json_memblock(f, ct);
	fputc(',', f);
	json_nodes(f);
	fputc(',', f);
	json_zones(f, true);
	fputc(',', f);
	json_percpu(f);
	fputc(',', f);
	json_processes(f);
	fputs(",\"proc\":{\"iomem\":", f);
	jproc(f, "iomem");
	fputs(",\"buddyinfo\":", f);
	jproc(f, "buddyinfo");
	fputs(",\"meminfo\":", f);
	jproc(f, "meminfo");
	fputs(",\"slabinfo\":", f);
	jproc(f, "slabinfo");
	fputs(",\"vmallocinfo\":", f);
	jproc(f, "vmallocinfo");
	fputs("},\"snapshots\":", f);
	if (snaps) {
		fflush(snaps->json);
		fwrite(snaps->buf, 1, snaps->len, f);
	} else {
		fputc('[', f);
	}
	fputs("]}", f);
}

/* Copy a file into the page; -errno (message given) when it cannot. */
static int inline_file(FILE *f, const char *path, const char *why)
{
	size_t len;
	char *text = host_read_file(path, &len);

	if (!text) {
		cli_error("--html: cannot read %s (%s)", path, why);
		return -ENOENT;
	}
	fwrite(text, 1, len, f);
	host_free(text);
	return 0;
}

int html_write(struct machine *m, const char *path, const struct calltrace *ct,
	       struct html_snapshots *snaps)
{
	struct machine *old = machine_enter(m);
	char own[4096];
	FILE *f = fopen(path, "w");
	int ret;

	if (!f) {
		machine_enter(old);
		cli_error("--html: cannot write '%s'", path);
		return -EIO;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<title>mmsim</title>\n<style>\n", f);
	snprintf(own, sizeof(own), "%s/html/mmsim.css", host_data_dir());
	ret = inline_file(f, own, "mmsim's data directory");
	fputs("</style>\n<script>\n", f);
	if (!ret)
		ret = inline_file(f, CHARTJS_PATH,
				  "Debian's libjs-chart.js: scripts/deps.sh build installs it");
	fputs("\n</script>\n<script>\nconst MMSIM = ", f);
	json_machine(f, ct, snaps);
	fputs(";\n</script>\n</head>\n<body>\n<script>\n", f);
	snprintf(own, sizeof(own), "%s/html/mmsim.js", host_data_dir());
	if (!ret)
		ret = inline_file(f, own, "mmsim's data directory");
	fputs("\n</script>\n</body></html>\n", f);
	if (fclose(f) && !ret) {
		cli_error("--html: cannot write '%s'", path);
		ret = -EIO;
	}
	machine_enter(old);
	return ret;
}
