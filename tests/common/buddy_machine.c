// SPDX-License-Identifier: MIT
/*
 * tests/common/buddy_machine.c — see buddy_machine.h.
 */
#include "buddy_machine.h"

#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "mm/internal.h"
#include "mmsim/host.h"
#include "mmsim/log.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"
#include "mmsim/track.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>


void bm_desc_default(struct buddy_machine_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->ram_size = 64ULL << 20;
	d->nr_cpus = 2;
	d->nr_nodes = 1;
	d->nodes[0].cpu_first = 0;
	d->nodes[0].cpu_last = 1;
	d->nodes[0].nr_zones = 3;
	d->nodes[0].zones[0] = (struct bm_zone){ 0 /* DMA */, 1, 4096 };
	d->nodes[0].zones[1] = (struct bm_zone){ 1 /* DMA32 */, 4096, 8192 };
	d->nodes[0].zones[2] = (struct bm_zone){ 2 /* Normal */, 8192, 16384 };
}

void bm_desc_two_nodes(struct buddy_machine_desc *d)
{
	bm_desc_default(d);
	d->nr_nodes = 2;
	d->nodes[0].cpu_first = d->nodes[0].cpu_last = 0;
	d->nodes[0].nr_zones = 2;
	d->nodes[1].cpu_first = d->nodes[1].cpu_last = 1;
	d->nodes[1].nr_zones = 1;
	d->nodes[1].zones[0] = (struct bm_zone){ 2 /* Normal */, 8192, 16384 };
}

static int load_kernel(struct kconfig **kc, struct kernel_profile **p,
		       char *err, size_t errlen)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-56-amd64",
		 host_data_dir());
	*kc = kconfig_load(path, err, errlen);
	if (!*kc)
		return -1;
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-56-amd64.profile",
		 host_data_dir());
	*p = profile_load(path, err, errlen);
	if (!*p) {
		kconfig_free(*kc);
		return -1;
	}
	return 0;
}

static void machine_desc_of(const struct buddy_machine_desc *d,
			    struct machine_desc *md)
{
	int nid;

	memset(md, 0, sizeof(*md));
	md->arch = MMSIM_ARCH_X86_64;
	strcpy(md->model, "bare");
	md->ram_size = d->ram_size;
	md->smp_cpus = d->nr_cpus;
	md->sockets = d->nr_nodes > 1 ? (unsigned int)d->nr_nodes : 1;
	md->cores = d->nr_cpus / md->sockets;
	md->threads = 1;
	strcpy(md->cmdline, "console=ttyS0 loglevel=8");
	if (d->nr_nodes < 2)
		return;
	md->nr_nodes = (unsigned int)d->nr_nodes;
	for (nid = 0; nid < d->nr_nodes; nid++) {
		const struct bm_node *n = &d->nodes[nid];

		md->nodes[nid].mem = PFN_PHYS(n->zones[n->nr_zones - 1].end -
					      n->zones[0].start);
		md->nodes[nid].cpu_first = n->cpu_first;
		md->nodes[nid].cpu_last = n->cpu_last;
	}
}

static bool in_ranges(const struct bm_range *r, int n, unsigned long pfn)
{
	int i;

	for (i = 0; i < n; i++)
		if (pfn >= r[i].start && pfn < r[i].end)
			return true;
	return false;
}

static unsigned long desc_end_pfn(const struct buddy_machine_desc *d)
{
	unsigned long end = 0;
	int nid, z;

	for (nid = 0; nid < d->nr_nodes; nid++)
		for (z = 0; z < d->nodes[nid].nr_zones; z++)
			end = max(end, d->nodes[nid].zones[z].end);
	return end;
}

/* Sections, usage blocks and one memory map, all in host memory. */
static void build_sections(unsigned long end_pfn)
{
	struct mm_state *mm = &current_machine->mm;
	unsigned long nr_sections = DIV_ROUND_UP(end_pfn, pages_per_section());
	unsigned long nr_roots = DIV_ROUND_UP(nr_sections, SECTIONS_PER_ROOT);
	size_t usage_size = sizeof(struct mem_section_usage) +
		pages_per_section() / pageblock_nr_pages * NR_PAGEBLOCK_BITS / 8;
	unsigned long nr;

	vmemmap = host_alloc(nr_sections * pages_per_section() *
				 sizeof(struct page));
	mm->mem_section = host_alloc(nr_roots * sizeof(struct mem_section *));
	mm->nr_mem_section_roots = nr_roots;
	for (nr = 0; nr < nr_roots; nr++)
		mm->mem_section[nr] = host_alloc(PAGE_SIZE);
	for (nr = 0; nr < nr_sections; nr++) {
		struct mem_section *ms =
			&mm->mem_section[nr / SECTIONS_PER_ROOT][nr % SECTIONS_PER_ROOT];

		ms->section_mem_map = SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP |
				      SECTION_IS_ONLINE | SECTION_IS_EARLY;
		ms->usage = host_alloc(usage_size);
	}
}

/* __init_single_page(): a page "allocated" to nobody, linked to its zone. */
static void init_page(unsigned long pfn, int zone, int nid)
{
	struct page *page = pfn_to_page(pfn);

	memset(page, 0, sizeof(*page));
	set_page_links(page, zone, nid, pfn);
	init_page_count(page);
	page_mapcount_reset(page);
	INIT_LIST_HEAD(&page->lru);
}

/* init_unavailable_range(): pfns of the memory map outside every zone. */
static void init_unavailable(unsigned long end_pfn, int first_zone)
{
	unsigned long pfn, nr = DIV_ROUND_UP(end_pfn, pages_per_section()) *
				pages_per_section();

	for (pfn = 0; pfn < nr; pfn++) {
		init_page(pfn, first_zone, 0);
		SetPageReserved(pfn_to_page(pfn));
	}
}

static void init_zone(pg_data_t *pgdat, int z, const struct bm_zone *bz,
		      const struct buddy_machine_desc *d)
{
	struct zone *zone = &pgdat->node_zones[z];
	unsigned long pfn, holes = 0;

	zone->zone_start_pfn = bz->start;
	zone->spanned_pages = bz->end - bz->start;
	zone->initialized = 1;
	pgdat->nr_zones = max(pgdat->nr_zones, z + 1);
	for (pfn = bz->start; pfn < bz->end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		init_page(pfn, z, pgdat->node_id);
		if (IS_ALIGNED(pfn, pageblock_nr_pages))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		if (in_ranges(d->holes, d->nr_holes, pfn)) {
			SetPageReserved(page);
			holes++;
		} else if (in_ranges(d->reserved, d->nr_reserved, pfn)) {
			SetPageReserved(page);
		}
	}
	zone->present_pages = zone->spanned_pages - holes;
	zone->present_early_pages = zone->present_pages;
	pgdat->node_present_pages += zone->present_pages;
}

static pg_data_t *build_node(int nid, const struct buddy_machine_desc *d)
{
	const struct bm_node *n = &d->nodes[nid];
	pg_data_t *pgdat = host_alloc(sizeof(*pgdat));
	int z;

	NODE_DATA(nid) = pgdat;
	node_set_state(nid, N_POSSIBLE);
	node_set_state(nid, N_ONLINE);
	node_set_state(nid, N_MEMORY);
	if (n->cpu_first >= 0)
		node_set_state(nid, N_CPU);
	pgdat->node_id = nid;
	pgdat->first_deferred_pfn = ~0UL;
	pgdat_init_internals(pgdat);   /* resize lock, LRU lists */
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		zone->node = nid;
		zone->zone_pgdat = pgdat;
		zone->name = current_machine->mmcfg.zone_names[z];
		spin_lock_init(&zone->lock);
		zone_init_free_lists(zone);
		zone_pcp_init(zone);
	}
	for (z = 0; z < n->nr_zones; z++)
		init_zone(pgdat, n->zones[z].zone, &n->zones[z], d);
	pgdat->node_start_pfn = n->zones[0].start;
	pgdat->node_spanned_pages = n->zones[n->nr_zones - 1].end - n->zones[0].start;
	return pgdat;
}

/* memblock_free_all()'s __free_pages_memory(): largest aligned chunks. */
static unsigned long free_range(unsigned long start, unsigned long end)
{
	unsigned long freed = 0;

	while (start < end) {
		unsigned int order = start ? (unsigned int)__builtin_ctzl(start) : MAX_ORDER - 1;

		order = min(order, (unsigned int)MAX_ORDER - 1);
		while (start + (1UL << order) > end)
			order--;
		__free_pages_core(pfn_to_page(start), order);
		freed += 1UL << order;
		start += 1UL << order;
	}
	return freed;
}

static bool pfn_kept(const struct buddy_machine_desc *d, unsigned long pfn)
{
	return in_ranges(d->holes, d->nr_holes, pfn) ||
	       in_ranges(d->reserved, d->nr_reserved, pfn);
}

/* Every run of pages that are neither holes nor reserved. */
static unsigned long free_zone_memory(const struct bm_zone *bz,
				      const struct buddy_machine_desc *d)
{
	unsigned long pfn = bz->start, freed = 0;

	while (pfn < bz->end) {
		unsigned long run_end = pfn;

		if (pfn_kept(d, pfn)) {
			pfn++;
			continue;
		}
		while (run_end < bz->end && !pfn_kept(d, run_end))
			run_end++;
		freed += free_range(pfn, run_end);
		pfn = run_end;
	}
	return freed;
}

/* build_zonelists(): own node first (highest zone first), then the others. */
static int add_node_zones(pg_data_t *pgdat, struct zoneref *zr, int n)
{
	int z;

	for (z = MAX_NR_ZONES - 1; z >= 0; z--) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		zr[n].zone = zone;
		zr[n].zone_idx = z;
		n++;
	}
	return n;
}

static void build_zonelists(int nr_nodes)
{
	int nid, other;

	for (nid = 0; nid < nr_nodes; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		size_t size = (size_t)(MAX_NR_ZONES * nr_nodes + 1) * sizeof(struct zoneref);
		struct zoneref *fb = host_alloc(size), *nofb = host_alloc(size);
		int n;

		n = add_node_zones(pgdat, fb, 0);
		for (other = 1; other < nr_nodes; other++)
			n = add_node_zones(NODE_DATA((nid + other) % nr_nodes), fb, n);
		fb[n] = (struct zoneref){ NULL, 0 };
		n = add_node_zones(pgdat, nofb, 0);
		nofb[n] = (struct zoneref){ NULL, 0 };
		pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs = fb;
		pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs = nofb;
	}
}

struct machine *bm_machine_create(const struct buddy_machine_desc *d,
				  char *err, size_t errlen)
{
	struct kconfig *kc;
	struct kernel_profile *p;
	struct machine_desc md;
	struct machine *m;
	unsigned long freed = 0, end_pfn = desc_end_pfn(d);
	int nid, z;

	if (PFN_PHYS(end_pfn) > d->ram_size) {
		snprintf(err, errlen, "zones end at pfn %#lx, past the RAM", end_pfn);
		return NULL;
	}
	if (load_kernel(&kc, &p, err, errlen))
		return NULL;
	machine_desc_of(d, &md);
	m = machine_create(&md, kc, p, err, errlen);
	if (!m)
		return NULL;
	m->log.console_enabled = false;
	machine_enter(m);
	nr_cpu_ids = d->nr_cpus;
	nr_node_ids = d->nr_nodes;
	max_pfn = max_low_pfn = end_pfn;
	page_alloc_state_init();

	build_sections(end_pfn);
	init_unavailable(end_pfn, d->nodes[0].zones[0].zone);
	for (nid = 0; nid < d->nr_nodes; nid++)
		build_node(nid, d);
	for (nid = 0; nid < d->nr_nodes; nid++)
		for (z = 0; z < d->nodes[nid].nr_zones; z++)
			freed += free_zone_memory(&d->nodes[nid].zones[z], d);
	totalram_pages_add((long)freed);
	build_zonelists(d->nr_nodes);
	page_group_by_mobility_disabled =
		nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE)) <
		pageblock_nr_pages * (unsigned long)MIGRATE_TYPES;
	if (!d->skip_pagesets)
		setup_per_cpu_pageset();
	if (!d->skip_wmarks)
		init_per_zone_wmark_min();
	m->mm.pa.gfp_allowed_mask = __GFP_BITS_MASK;
	m->mm.page_alloc_ready = true;
	return m;
}

void bm_machine_destroy(struct machine *m)
{
	struct mm_state *mm = &m->mm;
	unsigned long nr;
	int nid;

	machine_enter(m);
	page_alloc_state_destroy();
	for (nid = 0; nid < nr_node_ids; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		host_free(pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs);
		host_free(pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs);
		host_free(pgdat);
		NODE_DATA(nid) = NULL;
	}
	for (nr = 0; nr < mm->nr_mem_section_roots * SECTIONS_PER_ROOT; nr++)
		host_free(mm->mem_section[nr / SECTIONS_PER_ROOT][nr % SECTIONS_PER_ROOT].usage);
	for (nr = 0; nr < mm->nr_mem_section_roots; nr++)
		host_free(mm->mem_section[nr]);
	host_free(mm->mem_section);
	host_free(vmemmap);
	mm->mem_section = NULL;
	vmemmap = NULL;
	/* freed pages were poisoned for ASan: the mapping goes, the shadow must too */
	mmsim_track_alloc(m->ram.base, m->ram.span);
	machine_destroy(m);
	machine_enter(NULL);
}

struct zone *bm_zone(int nid, int zone)
{
	return &NODE_DATA(nid)->node_zones[zone];
}

char *bm_log_since(struct machine *m, size_t from)
{
	return log_text_since(&m->log, from);
}

void bm_fill_page(struct page *page, unsigned int order, int byte)
{
	memset(page_address(page), byte, PAGE_SIZE << order);
}

bool bm_page_is(struct page *page, unsigned int order, int byte)
{
	const unsigned char *p = page_address(page);
	size_t i;

	for (i = 0; i < (PAGE_SIZE << order); i++)
		if (p[i] != (unsigned char)byte)
			return false;
	return true;
}
