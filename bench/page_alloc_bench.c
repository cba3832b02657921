// SPDX-License-Identifier: MIT
/*
 * bench/page_alloc_bench.c — the price of one order-0 page: mmsim's
 * alloc_pages() + __free_pages() through the per-CPU lists, next to
 * glibc's and mimalloc's 4 KiB malloc() + free(), measured in one run.
 *
 * No kernel counterpart.  The machine is the 1 GiB Debian boot's zone
 * layout built by hand (tests/common/buddy_machine.h): DMA [1, 0x1000),
 * DMA32 [0x1000, 0x40000), 2 CPUs; the DMA32 per-CPU list has batch 63,
 * as the oracle's zoneinfo shows (and high about 6900 after the THP
 * raise of min_free_kbytes).  One simulated CPU (this thread)
 * allocates and frees the same hot page over and over: the per-CPU
 * list's fast path, as in the kernel.  Debian's kernel zeroes every page
 * it hands out (CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y), so the pair is timed
 * with that on (what the kernel does) and off (the allocator alone).
 *
 * Each figure is the best of several rounds (ns per alloc+free pair);
 * the ratios divide figures of this same run.  Never part of the tests.
 */
#include "buddy_machine.h"

#include "linux/gfp.h"
#include "linux/mm.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"

#include <mimalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 7
#define PAIRS 2000000UL

/*
 * Debian's libmimalloc replaces malloc() in every program it is linked
 * into; glibc's own allocator stays reachable under these names.
 */
void *__libc_malloc(size_t size);
void __libc_free(void *p);

static volatile unsigned long sink;

static double time_pages(unsigned long n)
{
	u64 t0 = host_time_ns();
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, 0);

		sink += (unsigned long)page;
		__free_pages(page, 0);
	}
	return (double)(host_time_ns() - t0) / (double)n;
}

static double time_glibc(unsigned long n)
{
	u64 t0 = host_time_ns();
	unsigned long i;

	for (i = 0; i < n; i++) {
		char *p = __libc_malloc(4096);

		p[0] = (char)i; /* the caller uses its memory */
		sink += (unsigned long)p[0];
		__libc_free(p);
	}
	return (double)(host_time_ns() - t0) / (double)n;
}

static double time_mimalloc(unsigned long n)
{
	u64 t0 = host_time_ns();
	unsigned long i;

	for (i = 0; i < n; i++) {
		char *p = mi_malloc(4096);

		p[0] = (char)i;
		sink += (unsigned long)p[0];
		mi_free(p);
	}
	return (double)(host_time_ns() - t0) / (double)n;
}

static double best_of(double (*fn)(unsigned long), unsigned long n)
{
	double best = 1e30;
	int r;

	fn(n / 10); /* warm up: lists filled, caches hot */
	for (r = 0; r < ROUNDS; r++) {
		double t = fn(n);

		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	struct buddy_machine_desc d;
	struct machine *m;
	struct zone *dma32;
	double zeroing, plain, glibc, mimalloc;
	char err[256];

	bm_desc_default(&d);
	d.ram_size = 1ULL << 30;
	d.nodes[0].nr_zones = 2;
	d.nodes[0].zones[1] = (struct bm_zone){ 1 /* DMA32 */, 0x1000, 0x40000 };
	m = bm_machine_create(&d, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "page_alloc_bench: %s\n", err);
		return 1;
	}
	dma32 = bm_zone(0, ZONE_DMA32);
	hugepage_init(); /* the THP raise of min_free_kbytes, as at boot */

	m->mm.pa.init_on_alloc = true;
	zeroing = best_of(time_pages, PAIRS);
	m->mm.pa.init_on_alloc = false;
	plain = best_of(time_pages, PAIRS);
	glibc = best_of(time_glibc, PAIRS);
	mimalloc = best_of(time_mimalloc, PAIRS);
	if (page_alloc_validate())
		fprintf(stderr, "page_alloc_bench: the validator complains\n");

	printf("page allocator: order-0 alloc_pages(GFP_KERNEL) + __free_pages() through the per-CPU list\n");
	printf("  machine: 1 GiB zone layout (DMA + DMA32), DMA32 pcp batch %d high %d, best of %d rounds x %lu pairs\n",
	       zone_pcp(dma32, 0)->batch, zone_pcp(dma32, 0)->high, ROUNDS, PAIRS);
	printf("  %-52s %8.1f ns/pair\n", "mmsim alloc_pages+__free_pages, init_on_alloc=1", zeroing);
	printf("  %-52s %8.1f ns/pair\n", "mmsim alloc_pages+__free_pages, init_on_alloc=0", plain);
	printf("  %-52s %8.1f ns/pair\n", "glibc malloc(4096)+free (__libc_malloc)", glibc);
	printf("  %-52s %8.1f ns/pair\n", "mimalloc mi_malloc(4096)+mi_free", mimalloc);
	printf("  ratios (this run): mmsim/glibc %.2fx (%.2fx without zeroing), "
	       "mmsim/mimalloc %.2fx (%.2fx without zeroing)\n",
	       zeroing / glibc, plain / glibc, zeroing / mimalloc, plain / mimalloc);
	bm_machine_destroy(m);
	return 0;
}
