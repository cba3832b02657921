// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_vmalloc_stress.c — seeded random vmalloc workloads with
 * the validator after every step.
 *
 * A sequence of operations drawn from a seeded generator: vmalloc and
 * vzalloc of 1..40 pages, vmalloc_huge of 2..5 MiB, vmap of random
 * pages, vm_map_ram of 1..8 pages (vmap blocks) or 65..80 (own area),
 * per-CPU area pairs, frees of random live objects, vm_unmap_aliases().
 * Every live object carries a pattern (first and last byte of each page)
 * written through its vmalloc address.  Expect, after every step:
 *
 *   - vmalloc_validate(): busy/free/purge trees consistent with their
 *     lists, sorted, disjoint, covering [1, ULONG_MAX), free areas never
 *     touching, every subtree_max_size right, counters adding up;
 *   - page_alloc_validate() every 25 steps;
 *   - on free, the object's pattern read back through page_address() of
 *     its pages (aliasing), and one random page of every live object
 *     checked against the page-table walk every 25 steps.
 *
 * A second phase runs the same generator on both simulated CPUs at once
 * (host threads), each on its own objects, then validates.
 */
#include "test_vmalloc.h"

#include <stdlib.h>

#define MAX_LIVE 96
#define NR_STEPS 1200

enum obj_kind { OBJ_VMALLOC, OBJ_HUGE, OBJ_VMAP, OBJ_MAP_RAM, OBJ_PCPU };

struct obj {
	enum obj_kind kind;
	unsigned char *p;
	unsigned long pages;
	unsigned char tag;
	struct page **pagev;          /* vmap / vm_map_ram: the pages */
	struct vm_struct **vms;       /* pcpu areas */
};

struct stress {
	unsigned long long rng;
	struct obj live[MAX_LIVE];
	int nr_live;
	unsigned char next_tag;
	int failures;                 /* allocations that returned NULL */
};

static unsigned long rnd(struct stress *s, unsigned long n)
{
	s->rng = s->rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(s->rng >> 33) % n;
}

static void fill(struct obj *o)
{
	unsigned long i;

	for (i = 0; i < o->pages; i++) {
		o->p[i * PAGE_SIZE] = (unsigned char)(o->tag + i);
		o->p[i * PAGE_SIZE + PAGE_SIZE - 1] = (unsigned char)(o->tag ^ i);
	}
}

/* The pattern, read back through the direct map of each mapped page. */
static void verify(const struct obj *o)
{
	unsigned long i;

	for (i = 0; i < o->pages; i++) {
		struct page *page = vmalloc_to_page(o->p + i * PAGE_SIZE);
		unsigned char *d;

		if (!page)
			fail_msg("object tag %u page %lu: not mapped", o->tag, i);
		d = page_address(page);
		if (o->kind == OBJ_VMAP || o->kind == OBJ_MAP_RAM)
			CHECK_EQ("vmap'ed page is the one given",
				 (unsigned long)o->pagev[i], (unsigned long)page);
		CHECK_EQ("first byte via the direct map", (unsigned char)(o->tag + i), d[0]);
		CHECK_EQ("last byte via the direct map", (unsigned char)(o->tag ^ i),
			 d[PAGE_SIZE - 1]);
	}
}

static struct page **some_pages(unsigned long n)
{
	struct page **v = host_alloc(n * sizeof(*v));
	unsigned long i;

	for (i = 0; i < n; i++) {
		v[i] = alloc_page(GFP_KERNEL);
		if (!v[i]) {
			while (i--)
				__free_page(v[i]);
			host_free(v);
			return NULL;
		}
	}
	return v;
}

static void put_pages(struct page **v, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		__free_page(v[i]);
	host_free(v);
}

static bool make_pcpu(struct obj *o)
{
	static const unsigned long offsets[2] = { 0, 8 * PMD_SIZE };
	static const size_t sizes[2] = { PMD_SIZE, PMD_SIZE };

	o->vms = pcpu_get_vm_areas(offsets, sizes, 2, PMD_SIZE);
	if (!o->vms)
		return false;
	o->pagev = some_pages(2);
	if (!o->pagev) {
		pcpu_free_vm_areas(o->vms, 2);
		return false;
	}
	o->p = o->vms[1]->addr;
	o->pages = 2;
	return !vmap_pages_range(vmalloc_kva(o->p),
				 vmalloc_kva(o->p) + 2 * PAGE_SIZE, PAGE_KERNEL,
				 o->pagev, PAGE_SHIFT);
}

/* Create one object of a random kind; false when memory ran out. */
static bool make_obj(struct stress *s, struct obj *o)
{
	unsigned long r = rnd(s, 100);

	memset(o, 0, sizeof(*o));
	o->tag = s->next_tag++;
	if (r < 45) {
		o->kind = OBJ_VMALLOC;
		o->pages = 1 + rnd(s, 40);
		o->p = (r & 1) ? vzalloc(o->pages * PAGE_SIZE - rnd(s, 100)) :
				 vmalloc(o->pages * PAGE_SIZE - rnd(s, 100));
	} else if (r < 48) {
		o->kind = OBJ_HUGE;
		o->pages = (2 + rnd(s, 4)) << (PMD_SHIFT - PAGE_SHIFT);
		o->p = vmalloc_huge(o->pages * PAGE_SIZE, GFP_KERNEL);
	} else if (r < 63) {
		o->kind = OBJ_VMAP;
		o->pages = 1 + rnd(s, 16);
		o->pagev = some_pages(o->pages);
		o->p = o->pagev ? vmap(o->pagev, (unsigned int)o->pages, VM_MAP,
				       PAGE_KERNEL) : NULL;
	} else if (r < 80) {
		o->kind = OBJ_MAP_RAM;
		o->pages = r < 77 ? 1 + rnd(s, 8) : 65 + rnd(s, 16);
		o->pagev = some_pages(o->pages);
		o->p = o->pagev ? vm_map_ram(o->pagev, (unsigned int)o->pages,
					     NUMA_NO_NODE) : NULL;
	} else {
		o->kind = OBJ_PCPU;
		if (!make_pcpu(o))
			return false;
	}
	if (!o->p) {
		if (o->pagev)
			put_pages(o->pagev, o->pages);
		return false;
	}
	fill(o);
	return true;
}

static void free_obj(struct obj *o)
{
	verify(o);
	switch (o->kind) {
	case OBJ_VMALLOC:
	case OBJ_HUGE:
		vfree(o->p);
		break;
	case OBJ_VMAP:
		vunmap(o->p);
		put_pages(o->pagev, o->pages);
		break;
	case OBJ_MAP_RAM:
		vm_unmap_ram(o->p, (unsigned int)o->pages);
		put_pages(o->pagev, o->pages);
		break;
	case OBJ_PCPU:
		vunmap_range(vmalloc_kva(o->p), vmalloc_kva(o->p) + 2 * PAGE_SIZE);
		pcpu_free_vm_areas(o->vms, 2);
		put_pages(o->pagev, o->pages);
		break;
	}
}

static void step(struct stress *s)
{
	unsigned long r = rnd(s, 100);

	if (r < 3) {
		vm_unmap_aliases();
	} else if (s->nr_live && (r < 45 || s->nr_live == MAX_LIVE)) {
		int i = (int)rnd(s, (unsigned long)s->nr_live);

		free_obj(&s->live[i]);
		s->live[i] = s->live[--s->nr_live];
	} else if (make_obj(s, &s->live[s->nr_live])) {
		s->nr_live++;
	} else {
		s->failures++;
	}
}

static void check_live(struct stress *s)
{
	int i;

	for (i = 0; i < s->nr_live; i++) {
		struct obj *o = &s->live[i];
		unsigned long pg = rnd(s, o->pages);
		struct page *page = vmalloc_to_page(o->p + pg * PAGE_SIZE);

		CHECK_EQ("walk agrees with vmalloc_to_page", page_to_phys(page),
			 vm_walk(vmalloc_kva(o->p + pg * PAGE_SIZE)));
	}
}

static void drain(struct stress *s)
{
	while (s->nr_live)
		free_obj(&s->live[--s->nr_live]);
	vm_unmap_aliases();
}

static void run(struct machine *m, unsigned long long seed)
{
	struct stress *s = host_alloc(sizeof(*s));
	int i;

	s->rng = seed;
	for (i = 0; i < NR_STEPS; i++) {
		step(s);
		if (vmalloc_validate())
			fail_msg("seed %llu step %d: vmalloc_validate: expected 0, got -EINVAL:\n%s",
				 seed, i, test_log_take(m));
		if (i % 25 == 0) {
			check_live(s);
			CHECK_EQ("page_alloc_validate()", 0, page_alloc_validate());
		}
	}
	drain(s);
	CHECK_VM_VALID();
	host_free(s);
}

static void test_stress_seed_1(void **state) { run(*state, 1); }
static void test_stress_seed_2(void **state) { run(*state, 0x5eed); }
static void test_stress_seed_3(void **state) { run(*state, 20240917); }

static void cpu_worker(int cpu, void *arg)
{
	struct stress *s = (struct stress *)arg + cpu;
	int i;

	for (i = 0; i < NR_STEPS / 2; i++)
		step(s);
	drain(s);
}

/* Both CPUs at once, each on its own objects; the trees stay consistent. */
static void test_stress_two_cpus(void **state)
{
	struct stress *s = host_alloc(2 * sizeof(*s));
	const int cpus[2] = { 0, 1 };

	s[0].rng = 11;
	s[1].rng = 22;
	s[1].next_tag = 128;
	CHECK_EQ("host_run_on_cpus", 0, host_run_on_cpus(*state, cpus, 2, cpu_worker, s));
	machine_enter(*state);
	CHECK_VM_VALID();
	host_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		VM_TEST(test_stress_seed_1),
		VM_TEST(test_stress_seed_2),
		VM_TEST(test_stress_seed_3),
		VM_TEST(test_stress_two_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
