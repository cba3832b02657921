// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_slub_shadow.c — caches whose kernel objects are smaller
 * than mmsim's structures (mm/slab_shadow.c), and the kmalloc classes of
 * an architecture with a DMA minimum alignment, on the 32-bit ARM
 * machine (vexpress-a9, the armmp kernel).
 *
 * A cache made with kmem_cache_create_shadowed(name, 24, 100, ...) has
 * the kernel's geometry (24-byte slots, 170 per 4 KiB slab) while each
 * object the caller gets is a 100-byte host structure:
 *
 *   slab in RAM    | 24 | 24 | 24 | ... 170 objects ... |   slabinfo: 24 170 1
 *                    ^    ^
 *   its shadow     | back, 100 bytes | back, 100 bytes | ...   (host heap)
 *
 * Expect: every object the caller gets lies outside simulated RAM and
 * stands for a distinct slot of a slab of the cache (slab_kernel_object());
 * the 100 bytes of every live object can be written without touching
 * another's; zeroing, constructors, bulk calls, kfree() and ksize() work
 * on the shadows; a pointer that is no shadow is reported, not freed;
 * slub_validate() holds (shadows included) after every step, also with
 * slub_debug=FZPU, whose poison and red zones stay on the kernel's
 * objects; freeing every object and shrinking frees the slabs and their
 * shadows.  The boot's own caches are shadowed on ARM (kmem_cache 192,
 * kmem_cache_node 64, vmap_area 32 bytes, as the kernel's slabinfo) and
 * not on x86_64, where nothing changes.
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "mm/slub_internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/host.h"

#include <stdio.h>
#include <string.h>

#define KSIZE 24u      /* the kernel's object */
#define HSIZE 100u     /* mmsim's structure behind it */
#define PER_SLAB (4096u / KSIZE)
#define NR_OBJS (3 * PER_SLAB + 7)

static struct machine *m;
static void *objs[NR_OBJS];

static int teardown(void **state)
{
	if (m)
		test_machine_destroy(m);
	m = NULL;
	return 0;
}

static struct machine *arm_boot(const char *append)
{
	struct machine_desc d;
	struct machine *mach;

	test_machine_desc_arm(&d);
	if (append)
		snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyAMA0 loglevel=8 %s",
			 append);
	mach = test_machine_boot(&d);
	if (!slab_is_available())
		fail_msg("the slab allocator did not come up");
	host_free(test_log_take(mach));
	slub_set_random_seed(0x5eed);
	return mach;
}

static void fill(void *p, unsigned int seed)
{
	memset(p, (int)(seed * 7 + 1) & 0xff, HSIZE);
}

static bool intact(const void *p, unsigned int seed)
{
	const unsigned char *c = p;
	unsigned int i;

	for (i = 0; i < HSIZE; i++)
		if (c[i] != ((seed * 7 + 1) & 0xff))
			return false;
	return true;
}

static bool all_zero(const void *p)
{
	const unsigned char *c = p;
	unsigned int i;

	for (i = 0; i < HSIZE; i++)
		if (c[i])
			return false;
	return true;
}

/* @p is a shadow of @s: host memory standing for one slot of @s's slabs. */
static void check_shadow_object(struct kmem_cache *s, void *p, const char *what)
{
	char field[160];
	void *k = slab_kernel_object(p);
	struct slab *slab;
	unsigned long off;

	snprintf(field, sizeof(field), "%s: the caller's object is host memory", what);
	CHECK_EQ(field, false, slab_addr_in_ram(p));
	snprintf(field, sizeof(field), "%s: its kernel object is in RAM", what);
	CHECK_EQ(field, true, k && slab_addr_in_ram(k));
	slab = virt_to_slab(k);
	snprintf(field, sizeof(field), "%s: in a slab of the cache", what);
	CHECK_EQ(field, (unsigned long)s,
		 slab ? (unsigned long)slab->slab_cache : 0UL);
	off = (unsigned long)((char *)restore_red_left(s, k) -
			      (char *)slab_address(slab));
	snprintf(field, sizeof(field), "%s: at a slot boundary", what);
	CHECK_EQ(field, 0, off % s->size);
	snprintf(field, sizeof(field), "%s: inside the slab's objects", what);
	CHECK_EQ(field, true, off / s->size < slab->objects);
}

static void check_geometry(struct kmem_cache *s, unsigned int size,
			   unsigned int per_slab, unsigned int pages,
			   bool shadowed)
{
	char field[160];

	snprintf(field, sizeof(field), "%s: objsize", s->name);
	CHECK_EQ(field, size, s->size);
	snprintf(field, sizeof(field), "%s: objperslab", s->name);
	CHECK_EQ(field, per_slab, oo_objects(s->oo));
	snprintf(field, sizeof(field), "%s: pagesperslab", s->name);
	CHECK_EQ(field, pages, 1u << oo_order(s->oo));
	snprintf(field, sizeof(field), "%s: has shadows", s->name);
	CHECK_EQ(field, shadowed, s->shadow_size != 0);
}

/*
 * Scenario: 3 slabs and 7 objects of a 24/100 cache, each written in
 * full with its own pattern; half freed, reallocated zeroed; all freed.
 * Expect the kernel's geometry and counts (4 slabs of 170, 517 objects
 * in use; with @debug, slub_debug's larger slots), every pattern intact,
 * zeroed shadows after kmem_cache_zalloc, nr_shadows back to what the
 * boot had after shrinking.
 */
static void run_shadow_cache(bool debug)
{
	unsigned long boot_shadows = slub_st.nr_shadows;
	struct kmem_cache *s;
	struct slabinfo si;
	unsigned int i, per_slab;

	s = kmem_cache_create_shadowed("shadow_test", KSIZE, HSIZE, 0, 0, NULL);
	CHECK_EQ("created", true, s != NULL);
	if (!debug)
		check_geometry(s, KSIZE, PER_SLAB, 1, true);
	per_slab = oo_objects(s->oo);
	CHECK_EQ("object_size is the kernel's", KSIZE, s->object_size);
	CHECK_EQ("shadow_size is mmsim's", HSIZE, s->shadow_size);

	for (i = 0; i < NR_OBJS; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		CHECK_EQ("allocated", true, objs[i] != NULL);
		check_shadow_object(s, objs[i], "alloc");
		fill(objs[i], i);
	}
	for (i = 0; i < NR_OBJS; i++)
		CHECK_EQ("every object keeps its 100 bytes", true, intact(objs[i], i));
	for (i = 1; i < NR_OBJS; i++)
		CHECK_EQ("distinct kernel objects", true,
			 slab_kernel_object(objs[i]) != slab_kernel_object(objs[i - 1]));
	CHECK_EQ("ksize of a shadow", HSIZE, ksize(objs[0]));
	SLUB_CHECK_VALID();

	flush_all(s);
	memset(&si, 0, sizeof(si));
	get_slabinfo(s, &si);
	CHECK_EQ("slabs", (NR_OBJS + per_slab - 1) / per_slab, si.num_slabs);
	CHECK_EQ("num_objs", si.num_slabs * per_slab, si.num_objs);
	CHECK_EQ("active_objs", NR_OBJS, si.active_objs);
	CHECK_EQ("a shadow per slab", boot_shadows + si.num_slabs,
		 slub_st.nr_shadows);

	for (i = 0; i < NR_OBJS; i += 2)
		kmem_cache_free(s, objs[i]);
	SLUB_CHECK_VALID();
	for (i = 0; i < NR_OBJS; i += 2) {
		objs[i] = kmem_cache_zalloc(s, GFP_KERNEL);
		check_shadow_object(s, objs[i], "zalloc");
		CHECK_EQ("kmem_cache_zalloc zeroes the shadow", true,
			 all_zero(objs[i]));
	}
	for (i = 1; i < NR_OBJS; i += 2)
		CHECK_EQ("the others untouched", true, intact(objs[i], i));

	for (i = 0; i < NR_OBJS; i++) {
		if (i % 3)
			kfree(objs[i]);
		else
			kmem_cache_free(s, objs[i]);
	}
	SLUB_CHECK_VALID();
	kmem_cache_shrink(s);
	CHECK_EQ("shadows go with their slabs", boot_shadows, slub_st.nr_shadows);
	kmem_cache_destroy(s);
	SLUB_CHECK_VALID();
}

static void test_shadow_cache(void **state)
{
	char *log;

	m = arm_boot(NULL);
	run_shadow_cache(false);
	log = test_log_take(m);
	CHECK_STR("nothing logged", "", log);
	host_free(log);
}

/* The same under slub_debug: its checks see the kernel's objects only. */
static void test_shadow_cache_debug(void **state)
{
	char *log;

	m = arm_boot("slub_debug=FZPU");
	run_shadow_cache(true);
	log = test_log_take(m);
	CHECK_EQ("no slub_debug report", false, slub_log_has(log, "BUG "));
	host_free(log);
}

/* A constructor runs once per object of a new slab, on the shadow. */
static unsigned int ctor_calls;

static void shadow_ctor(void *p)
{
	ctor_calls++;
	CHECK_EQ("the constructor gets host memory", false, slab_addr_in_ram(p));
	memset(p, 0x5a, HSIZE);
}

/*
 * Scenario: a cache with a constructor; bulk-allocate 200 objects, bulk
 * free them (once naming the cache, once with NULL as kfree_bulk does),
 * free a pointer that is no shadow.  Expect 32-byte slots (the free
 * pointer after the object, as the kernel's 24 + 4 aligned to 8), the
 * constructor's bytes in every object, 2 slabs' worth (2 x 128) of
 * constructor calls, the bad pointer reported and the allocator still
 * valid.
 */
static void test_shadow_ctor_bulk(void **state)
{
	unsigned char *bogus;
	struct kmem_cache *s;
	unsigned int i;
	char *log;

	m = arm_boot(NULL);
	s = kmem_cache_create_shadowed("shadow_ctor", KSIZE, HSIZE, 0, 0,
				       shadow_ctor);
	check_geometry(s, 32, 128, 1, true);
	CHECK_EQ("bulk alloc", 200, kmem_cache_alloc_bulk(s, GFP_KERNEL, 200, objs));
	for (i = 0; i < 200; i++) {
		check_shadow_object(s, objs[i], "bulk");
		CHECK_EQ("constructed", true,
			 ((unsigned char *)objs[i])[HSIZE - 1] == 0x5a);
	}
	CHECK_EQ("constructor calls: two slabs", 2 * 128, ctor_calls);
	kmem_cache_free_bulk(s, 100, objs);
	kmem_cache_free_bulk(NULL, 100, objs + 100);
	SLUB_CHECK_VALID();

	bogus = host_alloc(64);
	kmem_cache_free(s, bogus + 16);
	kfree(bogus + 32);
	host_free(bogus);
	log = test_log_take(m);
	CHECK_EQ("a bad pointer is reported", true,
		 slub_log_has(log, "is neither in RAM nor the shadow"));
	host_free(log);
	SLUB_CHECK_VALID();
	kmem_cache_destroy(s);
}

/*
 * Scenario: the ARM boot's caches.  Expect the armmp kernel's slabinfo
 * figures (kmem_cache 192 21 1, kmem_cache_node 64 64 1, vmap_area 32
 * 128 1, kmalloc-192 192 21 1), the first three with shadows; no
 * kmalloc-8/16/32/96; kmalloc rounding to the ARM classes.
 */
static void test_arm_boot_caches(void **state)
{
	int t;

	m = arm_boot(NULL);
	t = kmalloc_type(GFP_KERNEL);
	check_geometry(slub_st.kmem_cache, 192, 21, 1, true);
	check_geometry(slub_st.kmem_cache_node, 64, 64, 1, true);
	check_geometry(vmap_area_cachep, 32, 128, 1, true);
	check_geometry(kmalloc_cache(t, 2), 192, 21, 1, false);
	CHECK_EQ("KMALLOC_MIN_SIZE", 64, KMALLOC_MIN_SIZE);
	CHECK_EQ("ARCH_KMALLOC_MINALIGN", 64, ARCH_KMALLOC_MINALIGN);
	CHECK_EQ("no kmalloc-8", true, kmalloc_cache(t, 3) == NULL);
	CHECK_EQ("no kmalloc-32", true, kmalloc_cache(t, 5) == NULL);
	CHECK_EQ("no kmalloc-96", true, kmalloc_cache(t, 1) == NULL);
	CHECK_EQ("kmalloc(8) rounds to 64", 64, kmalloc_size_roundup(8));
	CHECK_EQ("kmalloc(72) rounds to 128", 128, kmalloc_size_roundup(72));
	CHECK_EQ("kmalloc(150) rounds to 192", 192, kmalloc_size_roundup(150));
	CHECK_EQ("kmalloc_index(96)", 7, kmalloc_index(96));
	CHECK_EQ("kmalloc_index(150)", 2, kmalloc_index(150));
	check_shadow_object(slub_st.kmem_cache, kmalloc_cache(t, 6), "kmalloc-64's cache");
	check_shadow_object(slub_st.kmem_cache_node,
			    get_node(kmalloc_cache(t, 6), 0), "its node");
	SLUB_CHECK_VALID();
}

/*
 * Scenario: 300 one-page vmalloc areas on ARM, then freed.  Expect each
 * area's vmap_area to be a shadow of a 32-byte object of vmap_area's
 * slabs with the area's bounds, the vmalloc validator and the slab
 * validator to hold, the memory to be usable.
 */
static void test_arm_vmap_area(void **state)
{
	static void *areas[300];
	unsigned int i;

	m = arm_boot(NULL);
	for (i = 0; i < ARRAY_SIZE(areas); i++) {
		struct vmap_area *va;

		areas[i] = vmalloc(PAGE_SIZE);
		CHECK_EQ("vmalloc", true, areas[i] != NULL);
		memset(areas[i], (int)i, PAGE_SIZE);
		va = find_vmap_area(vmalloc_kva(areas[i]));
		CHECK_EQ("its vmap_area", true, va != NULL);
		check_shadow_object(vmap_area_cachep, va, "vmap_area");
		CHECK_EQ("va_start", vmalloc_kva(areas[i]), va->va_start);
	}
	CHECK_EQ("vmalloc_validate", 0, vmalloc_validate());
	SLUB_CHECK_VALID();
	for (i = 0; i < ARRAY_SIZE(areas); i++)
		vfree(areas[i]);
	CHECK_EQ("vmalloc_validate after vfree", 0, vmalloc_validate());
	SLUB_CHECK_VALID();
}

/* x86_64: the kernel's structures hold mmsim's; no cache has shadows. */
static void test_x86_no_shadows(void **state)
{
	int t;

	m = slub_machine_boot(128, 2, NULL);
	t = kmalloc_type(GFP_KERNEL);
	check_geometry(slub_st.kmem_cache, 256, 16, 1, false);
	check_geometry(vmap_area_cachep, 64, 64, 1, false);
	CHECK_EQ("kmem_cache_node", 0, slub_st.kmem_cache_node->shadow_size);
	CHECK_EQ("KMALLOC_MIN_SIZE", 8, KMALLOC_MIN_SIZE);
	CHECK_EQ("kmalloc-8", true, kmalloc_cache(t, 3) != NULL);
	CHECK_EQ("kmalloc-96", true, kmalloc_cache(t, 1) != NULL);
	CHECK_EQ("no shadows", 0, slub_st.nr_shadows);
	SLUB_CHECK_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_shadow_cache, teardown),
		cmocka_unit_test_teardown(test_shadow_cache_debug, teardown),
		cmocka_unit_test_teardown(test_shadow_ctor_bulk, teardown),
		cmocka_unit_test_teardown(test_arm_boot_caches, teardown),
		cmocka_unit_test_teardown(test_arm_vmap_area, teardown),
		cmocka_unit_test_teardown(test_x86_no_shadows, teardown),
	};

	return cmocka_run_group_tests_name("slub_shadow", tests, NULL, NULL);
}
