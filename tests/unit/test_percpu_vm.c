// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_percpu_vm.c — per-CPU chunks made after boot, as
 * vmalloc areas (mm/percpu-vm.c on mm/vmap_area.c and mm/vmalloc_map.c).
 *
 * Each test runs on a freshly booted machine from test_percpu.h (512 MiB,
 * 2 CPUs; or two nodes with one CPU each).  A new chunk must be one
 * pcpu_get_vm_areas area per group, its metadata kzalloc'ed or vmalloc'ed
 * (the "pcpu_create_chunk" lines of /proc/vmallocinfo), its populated
 * pages mapped in every unit (the page-table walk, vmalloc_to_page() and
 * the host view agree) and its other pages not mapped at all.
 * pcpu_validate() (which checks the backing) must hold after every step.
 */
#include "test_percpu.h"
#include "test_vmalloc.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/sizes.h"
#include "linux/vmstat.h"
#include "arch/x86/include/asm/numa.h"

#include <stdlib.h>

/* The chunk other than the first holding per-CPU pointer @p, or NULL. */
static struct pcpu_chunk *later_chunk_of(void __percpu *p)
{
	unsigned long addr = (unsigned long)p + (unsigned long)pcpu_base_addr;
	struct pcpu_chunk *chunk;
	int slot;

	for (slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list) {
			unsigned long base = (unsigned long)chunk->base_addr;

			if (chunk != pcpu_first_chunk && addr >= base &&
			    addr < base + (unsigned long)chunk->nr_pages * PAGE_SIZE)
				return chunk;
		}
	return NULL;
}

/*
 * Allocate 32 KiB areas until one comes from a chunk made for it; the
 * areas go to @held (at most @max), the count to *@n.  Returns that area.
 */
static void __percpu *grow(void __percpu **held, int max, int *n)
{
	for (*n = 0; *n < max; (*n)++) {
		held[*n] = __alloc_percpu(SZ_32K, PAGE_SIZE);
		if (!held[*n])
			fail_msg("__alloc_percpu(32 KiB): expected memory, got NULL");
		if (later_chunk_of(held[*n]))
			return held[(*n)++];
	}
	fail_msg("no chunk made after %d areas of 32 KiB", max);
	return NULL;
}

static void release(void __percpu **held, int n)
{
	while (n--)
		free_percpu(held[n]);
}

static int cmp_ul(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The vmalloc areas pcpu_mem_zalloc() makes for one chunk, computed from
 * the chunk's geometry: every piece of metadata above a page, rounded to
 * pages, plus the guard page; sorted.  Returns how many.
 */
static int expected_metadata_areas(const struct pcpu_chunk *chunk,
				   unsigned long *sizes)
{
	unsigned long bits = (unsigned long)pcpu_chunk_map_bits(chunk);
	unsigned long bytes[] = {
		pcpu_chunk_struct_size,
		BITS_TO_LONGS(bits) * sizeof(long),
		BITS_TO_LONGS(bits + 1) * sizeof(long),
		(unsigned long)pcpu_chunk_nr_blocks(chunk) * sizeof(struct pcpu_block_md),
		IS_ENABLED(CONFIG_MEMCG_KMEM) ? bits * sizeof(void *) : 0, /* obj_cgroups */
	};
	int i, n = 0;

	for (i = 0; i < (int)ARRAY_SIZE(bytes); i++)
		if (bytes[i] > PAGE_SIZE)
			sizes[n++] = PAGE_ALIGN(bytes[i]) + PAGE_SIZE;
	qsort(sizes, (size_t)n, sizeof(sizes[0]), cmp_ul);
	return n;
}

/* The sizes of /proc/vmallocinfo's lines of @caller, sorted; how many. */
static int info_sizes(const char *caller, unsigned long *sizes, int max)
{
	char *text = vm_info(), *line, *save = NULL, name[64];
	unsigned long size;
	int n = 0;

	for (line = strtok_r(text, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%*s %lu %63s", &size, name) == 2 &&
		    !strcmp(name, caller))
			sizes[n++] = size;
	host_free(text);
	qsort(sizes, (size_t)n, sizeof(sizes[0]), cmp_ul);
	return n;
}

/* Each CPU's copy of @p: mapped, its chunk's, on its node, shared bytes. */
static void check_copies(struct pcpu_chunk *chunk, void __percpu *p)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		unsigned char *copy = per_cpu_ptr((unsigned char *)p, cpu);
		struct page *page = vmalloc_to_page(copy);

		if (!page)
			fail_msg("CPU %u's copy: expected a mapped page, got none", cpu);
		CHECK_EQ("the page knows its chunk", (unsigned long)chunk,
			 (unsigned long)pcpu_get_page_chunk(page));
		CHECK_EQ("the page is on the CPU's node", cpu_to_node((int)cpu),
			 page_to_nid(page));
		CHECK_EQ("walk == page", page_to_phys(page),
			 vm_walk(vmalloc_kva(copy) & PAGE_MASK));
		CHECK_EQ("per_cpu_ptr_to_phys", page_to_phys(page) + offset_in_page(copy),
			 per_cpu_ptr_to_phys(copy));
		copy[5] = (unsigned char)(0xa0 + cpu);
		CHECK_EQ("written per CPU, read in the direct map", 0xa0 + cpu,
			 ((unsigned char *)page_address(page))[offset_in_page(copy) + 5]);
	}
}

/*
 * Scenario: 32 KiB areas until the first chunk is full and a chunk is
 * made (512 MiB, 2 CPUs: units of 1 MiB, one group).
 * Expect the chunk's units to be a pcpu_get_vm_areas area of the group's
 * size whose start is the chunk's base, its metadata areas the ones its
 * geometry calls for (alloc_map, bound_map, md_blocks, obj_cgroups above
 * a page), the area's populated pages mapped in both units (each CPU's
 * copy on the CPU's node) and its last page mapped in neither; after
 * everything is freed the chunk stays (one spare kept), still valid.
 */
static void test_chunk_is_vmalloc(void **state)
{
	static void __percpu *held[64];
	unsigned long want[8], got[8];
	struct vm_struct **vms;
	struct pcpu_chunk *chunk;
	void __percpu *p;
	unsigned int cpu;
	int n, nwant, i;

	p = grow(held, ARRAY_SIZE(held), &n);
	chunk = later_chunk_of(p);
	CHECK_PCPU_VALID();
	vms = chunk->data;
	CHECK_EQ("one group", 1, pcpu_nr_groups);
	CHECK_EQ("the area's start is the chunk's base",
		 (unsigned long)chunk->base_addr + pcpu_group_offsets[0],
		 (unsigned long)vms[0]->addr);
	CHECK_EQ("the area is the group", pcpu_group_sizes[0], vms[0]->size);
	CHECK_STR("the area's caller", "pcpu_get_vm_areas", vms[0]->caller);
	CHECK_EQ("no guard page, no pages of its own", 0, vms[0]->nr_pages);
	CHECK_EQ("vmallocinfo: one pcpu_get_vm_areas line", 1,
		 info_sizes("pcpu_get_vm_areas", got, ARRAY_SIZE(got)));
	CHECK_EQ("its size", pcpu_group_sizes[0], got[0]);

	nwant = expected_metadata_areas(chunk, want);
	CHECK_EQ("pcpu_create_chunk areas", nwant,
		 info_sizes("pcpu_create_chunk", got, ARRAY_SIZE(got)));
	for (i = 0; i < nwant; i++)
		CHECK_EQ("pcpu_create_chunk area size", want[i], got[i]);

	check_copies(chunk, p);
	for_each_possible_cpu(cpu)
		check_unmapped((void *)pcpu_chunk_addr(chunk, cpu, chunk->nr_pages - 1),
			       PAGE_SIZE);
	release(held, n);
	pcpu_flush_balance_work();
	CHECK_PCPU_VALID();
	CHECK_VM_VALID();
}

/*
 * Scenario: a chunk made and populated by hand, as the balance work does:
 * pages [1, 3) populated, then page 1 depopulated, then the chunk
 * destroyed.
 * Expect pages 1 and 2 mapped in every unit and counted off the free
 * pages; page 1 then unmapped everywhere (and its pages given back) while
 * page 2 stays; after the destruction no busy area of the chunk is left.
 */
static void test_populate_depopulate_destroy(void **state)
{
	unsigned long free0, sizes[8];
	struct pcpu_chunk *chunk;
	struct vm_struct **vms;
	unsigned int cpu;
	void *area;
	int areas0 = info_sizes("pcpu_get_vm_areas", sizes, ARRAY_SIZE(sizes));

	chunk = pcpu_create_chunk(GFP_KERNEL);
	if (!chunk)
		fail_msg("pcpu_create_chunk: expected a chunk, got NULL");
	vms = chunk->data;
	area = vms[0]->addr;
	vm_stats_fold_all();
	free0 = nr_free_pages();
	spin_lock(&pcpu_alloc_mutex);
	CHECK_EQ("populate [1, 3)", 0, pcpu_populate_chunk(chunk, 1, 3, GFP_KERNEL));
	spin_unlock(&pcpu_alloc_mutex);
	vm_stats_fold_all();
	if (nr_free_pages() + 2 * (unsigned long)pcpu_nr_units > free0)
		fail_msg("free pages: expected at most %lu after 2 pages per unit, got %lu",
			 free0 - 2 * (unsigned long)pcpu_nr_units, nr_free_pages());
	for_each_possible_cpu(cpu) {
		check_mapped((void *)pcpu_chunk_addr(chunk, cpu, 1), 2 * PAGE_SIZE,
			     (int)cpu);
		check_unmapped((void *)pcpu_chunk_addr(chunk, cpu, 0), PAGE_SIZE);
	}

	spin_lock(&pcpu_alloc_mutex);
	pcpu_depopulate_chunk(chunk, 1, 2);
	spin_unlock(&pcpu_alloc_mutex);
	for_each_possible_cpu(cpu) {
		check_unmapped((void *)pcpu_chunk_addr(chunk, cpu, 1), PAGE_SIZE);
		check_mapped((void *)pcpu_chunk_addr(chunk, cpu, 2), PAGE_SIZE, 7);
	}
	spin_lock(&pcpu_alloc_mutex);
	pcpu_depopulate_chunk(chunk, 2, 3);
	spin_unlock(&pcpu_alloc_mutex);
	drain_all_pages(NULL);
	vm_stats_fold_all();
	CHECK_EQ("pages given back", 1, nr_free_pages() + 16 >= free0);

	pcpu_destroy_chunk(chunk);
	CHECK_EQ("the chunk's area is no longer busy", 0,
		 (unsigned long)find_vm_area(area));
	CHECK_EQ("pcpu_get_vm_areas lines as before", areas0,
		 info_sizes("pcpu_get_vm_areas", sizes, ARRAY_SIZE(sizes)));
	CHECK_VM_VALID();
}

/*
 * Scenario: two nodes, one CPU each: the first chunk has two groups, so a
 * new chunk is two areas at the groups' distance.
 * Expect both areas at base + their group's offset, and each CPU's copy
 * on its own node.
 */
static void test_numa_chunk(void **state)
{
	static void __percpu *held[64];
	struct vm_struct **vms;
	struct pcpu_chunk *chunk;
	void __percpu *p;
	int n, g;

	p = grow(held, ARRAY_SIZE(held), &n);
	chunk = later_chunk_of(p);
	vms = chunk->data;
	CHECK_EQ("two groups", 2, pcpu_nr_groups);
	for (g = 0; g < pcpu_nr_groups; g++) {
		CHECK_EQ("area at base + group offset",
			 (unsigned long)chunk->base_addr + pcpu_group_offsets[g],
			 (unsigned long)vms[g]->addr);
		CHECK_EQ("area of the group's size", pcpu_group_sizes[g], vms[g]->size);
	}
	check_copies(chunk, p);
	CHECK_PCPU_VALID();
	release(held, n);
	CHECK_PCPU_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PCPU_TEST(test_chunk_is_vmalloc),
		PCPU_TEST(test_populate_depopulate_destroy),
		PCPU_TEST_NUMA(test_numa_chunk),
	};

	return cmocka_run_group_tests_name("percpu_vm", tests, NULL, NULL);
}
