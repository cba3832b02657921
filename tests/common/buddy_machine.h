/* SPDX-License-Identifier: MIT */
/*
 * tests/common/buddy_machine.h — a small machine with a working page
 * allocator, built by hand (no boot code needed).
 *
 * No kernel counterpart: this does in a few hundred lines what
 * free_area_init(), memblock_free_all(), build_all_zonelists(),
 * setup_per_cpu_pageset() and init_per_zone_wmark_min() do at boot, for
 * a machine described directly by its zones:
 *
 *   struct buddy_machine_desc d;
 *   bm_desc_default(&d);            64 MiB, 2 CPUs, one node:
 *                                   DMA [1, 4096) DMA32 [4096, 8192)
 *                                   Normal [8192, 16384)
 *   struct machine *m = bm_machine_create(&d, err, sizeof(err));
 *   ... alloc_pages() ...
 *   bm_machine_destroy(m);
 *
 * What it builds, in host memory (the simulated RAM holds only page
 * contents, so that __GFP_ZERO and init_on_alloc can be observed):
 *   - a bare x86_64 machine (Debian .config and profile, no firmware);
 *   - SPARSEMEM sections covering the RAM, each with a usage block
 *     (pageblock flags), and one memory map for all of them (vmemmap);
 *   - pg_data_t per node, every zone initialised (free lists, boot
 *     pagesets, lock), struct pages linked to their zone and node,
 *     refcount 1, pageblocks MIGRATE_MOVABLE;
 *   - holes (not present) and reserved ranges (present, PageReserved);
 *     every other page handed over with __free_pages_core() in
 *     __free_pages_memory()'s order-aligned chunks, as memblock_free_all
 *     does, and counted in totalram_pages;
 *   - zonelists: own node's populated zones from highest to lowest, then
 *     the other nodes' (FALLBACK); own node only (NOFALLBACK);
 *   - real pagesets, watermarks, lowmem reserves, vmstat thresholds;
 *     blocking allocations allowed (gfp_allowed_mask = all).
 *
 * Works without cmocka, so benchmarks can use it too.
 */
#ifndef _MMSIM_TESTS_BUDDY_MACHINE_H
#define _MMSIM_TESTS_BUDDY_MACHINE_H

#include "linux/types.h"
#include "linux/mmzone.h"

struct machine;
struct page;
struct zone;

#define BM_MAX_NODES 2
#define BM_MAX_RANGES 8

struct bm_range {
	unsigned long start, end; /* pfns [start, end) */
};

struct bm_zone {
	int zone;                  /* zone index: ZONE_DMA, ZONE_NORMAL, ... */
	unsigned long start, end;  /* pfns [start, end) */
};

struct bm_node {
	int nr_zones;
	struct bm_zone zones[MMSIM_MAX_NR_ZONES]; /* in rising pfn order */
	int cpu_first, cpu_last;   /* CPUs of the node, -1 for none */
};

struct buddy_machine_desc {
	u64 ram_size;                     /* must cover every zone */
	unsigned int nr_cpus;             /* simulated CPUs */
	int nr_nodes;
	struct bm_node nodes[BM_MAX_NODES];
	int nr_holes;
	struct bm_range holes[BM_MAX_RANGES];       /* no RAM there */
	int nr_reserved;
	struct bm_range reserved[BM_MAX_RANGES];    /* kept by "boot" */
	bool skip_wmarks;                 /* leave watermarks at 0 */
	bool skip_pagesets;               /* stay on the boot pagesets */
};

/* 64 MiB, 2 CPUs, one node: DMA [1, 4096), DMA32 [4096, 8192), Normal [8192, 16384). */
void bm_desc_default(struct buddy_machine_desc *d);
/* Two nodes of 32 MiB, one CPU each: node 0 DMA [1,4096) DMA32 [4096,8192), node 1 Normal [8192,16384). */
void bm_desc_two_nodes(struct buddy_machine_desc *d);

/*
 * Build the machine and enter it (current_machine, console silenced).
 * Returns NULL and fills @err on failure.
 */
struct machine *bm_machine_create(const struct buddy_machine_desc *d,
				  char *err, size_t errlen);
/* Tear down everything bm_machine_create() made, and leave the machine. */
void bm_machine_destroy(struct machine *m);

/* The zone @zone of node @nid. */
struct zone *bm_zone(int nid, int zone);

/* Every record of the log from index @from on, one line each (host_free it). */
char *bm_log_since(struct machine *m, size_t from);

/* Fill a page's contents (simulated RAM) with @byte. */
void bm_fill_page(struct page *page, unsigned int order, int byte);
/* Are all bytes of the block equal to @byte? */
bool bm_page_is(struct page *page, unsigned int order, int byte);

/*
 * cmocka helpers, present when the test included testmachine.h first:
 *   BM_TEST(f)             f on a fresh default machine (*state = machine)
 *   CHECK_VALID()          page_alloc_validate() holds
 */
#ifdef cmocka_unit_test
#include "mm/internal.h"

static inline int bm_setup_desc(void **state,
				const struct buddy_machine_desc *d)
{
	char err[256];
	struct machine *m = bm_machine_create(d, err, sizeof(err));

	if (!m)
		fail_msg("bm_machine_create: %s", err);
	*state = m;
	return 0;
}

static inline int bm_setup(void **state)
{
	struct buddy_machine_desc d;

	bm_desc_default(&d);
	return bm_setup_desc(state, &d);
}

static inline int bm_teardown(void **state)
{
	bm_machine_destroy(*state);
	return 0;
}

#define BM_TEST(f) cmocka_unit_test_setup_teardown(f, bm_setup, bm_teardown)
#define CHECK_VALID() CHECK_EQ("page_alloc_validate()", 0, page_alloc_validate())
#endif

#endif /* _MMSIM_TESTS_BUDDY_MACHINE_H */
