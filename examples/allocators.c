// SPDX-License-Identifier: MIT
/*
 * examples/allocators.c — boot the default machine and allocate from each
 * of the kernel's allocators: memblock (what it handed over), the buddy
 * allocator, SLUB (kmalloc and a cache of our own), vmalloc and the
 * per-CPU allocator.
 *
 *   cc allocators.c $(pkg-config --cflags --libs mmsim) -o allocators
 */
#include "mmsim/mmsim.h"
#include "linux/memblock.h"
#include "linux/gfp.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "linux/percpu.h"
#include "linux/mm.h"
#include "mmsim/machine.h" /* after the kernel headers: the kernel globals */

#include <stdio.h>
#include <string.h>

struct item {
	int id;
	char name[52];
};

static int use_allocators(void)
{
	struct kmem_cache *items;
	struct item *it;
	struct page *page;
	void *p, *v;
	int __percpu *counter;
	int cpu, sum = 0;

	/* memblock: what the firmware map gave, before the buddy took over */
	printf("memblock: %lu memory regions, %llu bytes of RAM\n",
	       (unsigned long)memblock.memory.cnt,
	       (unsigned long long)memblock_phys_mem_size());

	page = alloc_pages(GFP_KERNEL, 3);          /* buddy: 8 pages */
	if (!page)
		return -1;
	printf("alloc_pages(order 3): pfn %#lx\n", page_to_pfn(page));
	__free_pages(page, 3);

	p = kmalloc(100, GFP_KERNEL);               /* SLUB: kmalloc-128 */
	if (!p)
		return -1;
	printf("kmalloc(100): ksize %zu\n", ksize(p));
	kfree(p);

	items = kmem_cache_create("example_item", sizeof(struct item), 0, 0, NULL);
	if (!items)
		return -1;
	it = kmem_cache_alloc(items, GFP_KERNEL);
	if (!it)
		return -1;
	it->id = 1;
	strcpy(it->name, "first");
	printf("kmem_cache_alloc(example_item): object size %u\n",
	       kmem_cache_size(items));
	kmem_cache_free(items, it);
	kmem_cache_destroy(items);

	v = vmalloc(1 << 20);                       /* vmalloc: 1 MiB */
	if (!v)
		return -1;
	memset(v, 0x5a, 1 << 20);
	printf("vmalloc(1M): %s\n", ((unsigned char *)v)[12345] == 0x5a ? "ok" : "bad");
	vfree(v);

	counter = alloc_percpu(int);                /* per-CPU */
	if (!counter)
		return -1;
	for (cpu = 0; cpu < (int)nr_cpu_ids; cpu++)
		*per_cpu_ptr(counter, cpu) = cpu + 1;
	for (cpu = 0; cpu < (int)nr_cpu_ids; cpu++)
		sum += *per_cpu_ptr(counter, cpu);
	printf("alloc_percpu(int): sum over %u CPUs = %d\n", nr_cpu_ids, sum);
	free_percpu(counter);
	return 0;
}

int main(void)
{
	struct mmsim_desc d;
	struct machine *m;
	char err[256];
	int ret;

	mmsim_desc_init(&d);
	m = mmsim_create(&d, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "allocators: %s\n", err);
		return 1;
	}
	if (mmsim_boot(m) || mmsim_enter(m, 0)) {
		mmsim_destroy(m);
		return 1;
	}
	ret = use_allocators();
	mmsim_leave();
	mmsim_destroy(m);
	if (ret)
		fprintf(stderr, "allocators: an allocation failed\n");
	return ret ? 1 : 0;
}
