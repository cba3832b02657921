// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_memmap_lazy.c — the lazy memory map holds, byte for
 * byte, what the eager one holds (mm/memmap_lazy.c).
 *
 * Scenario: a 2 GiB pc with 2 NUMA nodes of 1 GiB (both nodes' highest
 * zone is deferred past its first section) boots with --memmap=eager,
 * then allocates and frees a fixed sequence of blocks on both nodes; the
 * same again with --memmap=lazy.  Every struct page of both machines is
 * read (the lazy machine fills its host pages as they are read) with the
 * pointers made relative (vmemmap, direct map).  A word that differs
 * between two eager boots (SLUB's hardened freelist pointers, bits of host
 * addresses) is not compared; every other word and the free-list counts
 * must be equal.  Expect: identical, and the lazy boot left struct pages to
 * first access (unless the host has no userfaultfd: then it says so and
 * compares two eager boots).
 *
 *   node 0  [DMA|DMA32 .. 128M eager | deferred: lazy runs .......]
 *   node 1  [DMA32 ..... 128M eager | deferred: lazy runs .......]
 */
#include "testmachine.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "mm/internal.h"
#include "mmsim/host.h"

#include <stdio.h>
#include <string.h>

#define WORDS (sizeof(struct page) / sizeof(u64))

struct snapshot {
	u64 *words;                    /* WORDS per pfn, pointers relative */
	unsigned long nr_pfns;
	unsigned long nr_free[2][16];  /* node, order: free_area[].nr_free summed */
};

/*
 * A host pointer into one of @m's aliases, made comparable across
 * machines; a pointer into the host heap only as "a host pointer".
 */
static u64 relative(const struct machine *m, u64 w)
{
	u64 vb = (u64)(uintptr_t)m->mm.vmemmap_host_base, rb = (u64)(uintptr_t)m->ram.base;

	if (w >= vb && w - vb < m->mm.vmemmap_host_size)
		return (w - vb) | (1ULL << 62);
	if (w >= rb && w - rb < m->ram.span)
		return (w - rb) | (2ULL << 62);
	/* mmsim's own heap (slab bookkeeping): differs from run to run */
	if (w >= 0x500000000000ULL && w < 0x800000000000ULL)
		return 3ULL << 62;
	return w;
}

static void take_snapshot(struct machine *m, struct snapshot *s)
{
	unsigned long pfn;
	int nid, z, o;

	s->nr_pfns = max_pfn;
	s->words = test_malloc(s->nr_pfns * sizeof(struct page));
	for (pfn = 0; pfn < s->nr_pfns; pfn++) {
		const u64 *p = (const u64 *)pfn_to_page(pfn);
		unsigned int i;

		memset(&s->words[pfn * WORDS], 0, sizeof(struct page));
		if (!pfn_valid(pfn))
			continue;
		for (i = 0; i < WORDS; i++)
			s->words[pfn * WORDS + i] = relative(m, p[i]);
	}
	memset(s->nr_free, 0, sizeof(s->nr_free));
	for (nid = 0; nid < 2; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			for (o = 0; o < (int)MAX_ORDER; o++)
				s->nr_free[nid][o] +=
					NODE_DATA(nid)->node_zones[z].free_area[o].nr_free;
}

/* The same allocations on either machine: a few blocks per node, some freed. */
static void exercise(void)
{
	struct page *keep[8];
	int nid, i;

	for (nid = 0; nid < 2; nid++) {
		for (i = 0; i < 4; i++)
			keep[nid * 4 + i] = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE,
							     (unsigned int)(i * 3));
		__free_pages(keep[nid * 4 + 1], 3);
	}
	for (i = 0; i < 8; i++)
		assert_non_null(keep[i]);
}

static struct machine *boot(enum mmsim_memmap mode, struct snapshot *s,
			    bool *lazy)
{
	struct machine_desc d;
	struct machine *m, *old;

	test_machine_desc_default(&d);
	d.ram_size = 2ULL << 30;
	d.smp_cpus = d.max_cpus = 2;
	d.sockets = 2;
	d.cores = d.threads = 1;
	d.nr_nodes = 2;
	d.nodes[0] = (struct numa_node_desc){ 1ULL << 30, 0, 0 };
	d.nodes[1] = (struct numa_node_desc){ 1ULL << 30, 1, 1 };
	d.memmap = mode;
	m = test_machine_boot(&d);
	assert_non_null(m);
	old = machine_enter(m);
	*lazy = m->mm.memmap_lazy != NULL;
	exercise();
	take_snapshot(m, s);
	machine_enter(old);
	return m;
}

static void test_lazy_equals_eager(void **state)
{
	struct snapshot e, e2, l;
	struct machine *me, *me2, *ml;
	unsigned long pfn, compared = 0, noisy = 0;
	bool lazy;
	int nid, o;

	(void)state;
	me = boot(MMSIM_MEMMAP_EAGER, &e, &lazy);
	CHECK_EQ("eager machine uses the lazy memory map", 0, lazy);
	me2 = boot(MMSIM_MEMMAP_EAGER, &e2, &lazy);
	ml = boot(MMSIM_MEMMAP_LAZY, &l, &lazy);
	if (!lazy)
		print_message("# no userfaultfd on this host: eager boots compared\n");

	CHECK_EQ("max_pfn", e.nr_pfns, l.nr_pfns);
	for (pfn = 0; pfn < e.nr_pfns; pfn++) {
		unsigned int i;

		for (i = 0; i < WORDS; i++) {
			u64 want = e.words[pfn * WORDS + i], got = l.words[pfn * WORDS + i];

			if (want != e2.words[pfn * WORDS + i]) {
				noisy++;
				continue;
			}
			compared++;
			if (want != got)
				fail_msg("struct page of pfn %#lx, word %u: eager %#llx, lazy %#llx",
					 pfn, i, (unsigned long long)want,
					 (unsigned long long)got);
		}
	}
	if (noisy * 1000 > compared)
		fail_msg("words that differ between two eager boots: expected < 0.1%%, got %lu of %lu",
			 noisy, noisy + compared);
	for (nid = 0; nid < 2; nid++)
		for (o = 0; o < 16; o++)
			if (e.nr_free[nid][o] != l.nr_free[nid][o])
				fail_msg("node %d order %d nr_free: eager %lu, lazy %lu", nid, o,
					 e.nr_free[nid][o], l.nr_free[nid][o]);
	test_free(e.words);
	test_free(e2.words);
	test_free(l.words);
	test_machine_destroy(me);
	test_machine_destroy(me2);
	test_machine_destroy(ml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lazy_equals_eager),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
