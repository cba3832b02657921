// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_slub_debug.c — slub_debug=: the object layout it
 * implies, and one deliberate corruption per report the kernel prints.
 *
 * Each test boots a machine with a slub_debug= command line, breaks an
 * object the way a buggy driver would, lets the allocator find it (on
 * kfree, on allocation, or by validate_slab_cache() as writing to
 * /sys/kernel/slab/<cache>/validate does), and expects the kernel's
 * report in the log:
 *
 *   =============================================================================
 *   BUG kmalloc-64 (Not tainted): Right Redzone overwritten
 *   -----------------------------------------------------------------------------
 *   <details, the object's tracks, hex dumps, call trace>
 *   FIX kmalloc-64: Restoring Right Redzone 0x...-0x...=0xcc
 *
 * The slot of kmalloc-64 under slub_debug=FZP (calculate_sizes()):
 *
 *   | left red zone 64 | object 64 | right red zone 8 | fp 8 | pad 120 |
 *   0                  64          128                136    144      256
 *   (the left red zone is one word rounded up to the 64-byte alignment;
 *    the free pointer sits after the red zone because the object is
 *    poisoned while free; U adds 2 x 32 bytes of tracks + 4 for the
 *    kmalloc request size, still within 256)
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/gfp.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "mmsim/host.h"
#include "mm/slub_internal.h"

#include <stdio.h>
#include <string.h>

static struct machine *m;
static char *log_text;

static int teardown(void **state)
{
	host_free(log_text);
	log_text = NULL;
	slub_machine_destroy(m);
	m = NULL;
	return 0;
}

static struct kmem_cache *kmalloc_64(void)
{
	return kmalloc_cache(kmalloc_type(GFP_KERNEL), 6);
}

/* The log since the last call must contain each of @lines (NULL-ended). */
static void expect_log(const char *const *lines)
{
	size_t i;

	host_free(log_text);
	log_text = test_log_take(m);
	for (i = 0; lines[i]; i++)
		if (!slub_log_has(log_text, lines[i]))
			fail_msg("log: expected a line containing \"%s\"; the log was:\n%s",
				 lines[i], log_text);
}

static void expect_quiet_log(void)
{
	host_free(log_text);
	log_text = test_log_take(m);
	if (log_text[0])
		fail_msg("log: expected nothing, got:\n%s", log_text);
}

/*
 * Scenario: slub_debug=FZPU at boot.
 * Expect the layouts calculate_sizes() gives by the kernel's rules:
 *   kmalloc-8:  8, +8 red zone, fp 8, tracks 64 + 4, +8, left pad 8 -> 112
 *   kmalloc-64: 64, +8, fp 8, 68, +8, left pad 64, aligned 64 -> 256
 *   kmem_cache_node (64, HWCACHE): as kmalloc-64 without the 4 -> 256
 * every debugged cache without CPU partial slabs (cpu_partial 0), and
 * the notice about unhashed pointers in the boot log.
 */
static void test_layout(void **state)
{
	struct kmem_cache *k8, *k64;
	char *text;

	m = slub_machine_boot(256, 2, "slub_debug=FZPU");
	k8 = kmalloc_cache(kmalloc_type(GFP_KERNEL), 3);
	k64 = kmalloc_64();
	CHECK_EQ("kmalloc-8 size", 112, k8->size);
	CHECK_EQ("kmalloc-8 offset", 16, k8->offset);
	CHECK_EQ("kmalloc-8 red_left_pad", 8, k8->red_left_pad);
	CHECK_EQ("kmalloc-64 size", 256, k64->size);
	CHECK_EQ("kmalloc-64 inuse", 72, k64->inuse);
	CHECK_EQ("kmalloc-64 offset", 72, k64->offset);
	CHECK_EQ("kmalloc-64 red_left_pad", 64, k64->red_left_pad);
	CHECK_EQ("kmalloc-64 cpu_partial", 0, k64->cpu_partial);
	CHECK_EQ("kmem_cache_node size", 256, slub_st.kmem_cache_node->size);
	text = slab_attrs_render();
	CHECK_EQ("slab_attrs row", 1,
		 strstr(text, "\nkmalloc-64\t64\t256\t16\t0\t5\t0\t64\n") != NULL);
	host_free(text);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: slub_debug=FZP; an object's byte right after its end is
 * overwritten (an off-by-one), then the object is freed.
 * Expect "Right Redzone overwritten", first byte 0x0 instead of 0xcc,
 * the red zone restored, the object not freed; the kernel tainted 'B'
 * so a second report says "Tainted: G    B".
 */
static void test_redzone_right(void **state)
{
	static const char *const report[] = {
		"=============================================================================",
		"BUG kmalloc-64 (Not tainted): Right Redzone overwritten",
		"-----------------------------------------------------------------------------",
		"First byte 0x0 instead of 0xcc",
		"Redzone  ffff",
		"Object   ffff",
		"Call Trace:",
		"FIX kmalloc-64: Restoring Right Redzone 0x",
		"FIX kmalloc-64: Object at 0x",
		"not freed",
		NULL
	};
	static const char *const tainted[] = {
		"BUG kmalloc-64 (Tainted: G    B             ): Right Redzone overwritten",
		NULL
	};
	unsigned char *p;

	m = slub_machine_boot(256, 2, "slub_debug=FZP");
	host_free(test_log_take(m));
	p = kmalloc(64, GFP_KERNEL);
	p[64] = 0;
	kfree(p);
	expect_log(report);
	p = kmalloc(60, GFP_KERNEL);
	p[64 + 3] = 0x41;
	kfree(p);
	expect_log(tainted);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: slub_debug=Z only; a write just before the object.
 * Expect "Left Redzone overwritten", first byte 0x58 instead of 0xcc.
 * Without F the free path still checks (Z makes it a debug cache).
 */
static void test_redzone_left(void **state)
{
	static const char *const report[] = {
		"BUG kmalloc-128 (Not tainted): Left Redzone overwritten",
		"First byte 0x58 instead of 0xcc",
		"FIX kmalloc-128: Restoring Left Redzone",
		NULL
	};
	unsigned char *p;

	m = slub_machine_boot(256, 2, "slub_debug=FZ");
	p = kmalloc(100, GFP_KERNEL);
	p[-3] = 0x58;
	kfree(p);
	expect_log(report);
}

/*
 * Scenario: slub_debug=FZP; write into an object after kfree() (use
 * after free), then validate the cache.
 * Expect "Poison overwritten", first byte 0x42 instead of 0x6b, the
 * poison restored, and a second validation silent.
 */
static void test_use_after_free(void **state)
{
	static const char *const report[] = {
		"BUG kmalloc-64 (Not tainted): Poison overwritten",
		"First byte 0x42 instead of 0x6b",
		"FIX kmalloc-64: Restoring Poison 0x",
		"=0x6b",
		NULL
	};
	unsigned char *p;

	m = slub_machine_boot(256, 2, "slub_debug=FZP");
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	p[10] = 0x42;
	p[11] = 0x42;
	validate_slab_cache(kmalloc_64());
	expect_log(report);
	validate_slab_cache(kmalloc_64());
	expect_quiet_log();
	SLUB_CHECK_VALID();
}

/*
 * Scenario: slub_debug=FZPU; the same object freed twice.
 * Expect "Object already free" with the object's tracks naming this
 * function as where it was allocated and freed, and the second free
 * refused ("Object at ... not freed").  As in 6.1, the free path's
 * freelist hook has already rewritten the object's free pointer before
 * the check, cutting the slab's freelist after it: validating the cache
 * then reports "Wrong object count" and repairs the counter, after which
 * the structure is consistent again.
 */
static void test_double_free(void **state)
{
	static const char *const report[] = {
		"BUG kmalloc-96 (Not tainted): Object already free",
		"Allocated in test_double_free+0x",
		"Freed in test_double_free+0x",
		"FIX kmalloc-96: Object at 0x",
		NULL
	};
	static const char *const repair[] = {
		"BUG kmalloc-96 (Tainted: G    B             ): Wrong object count. Counter is ",
		"FIX kmalloc-96: Object count adjusted",
		NULL
	};
	void *p;

	m = slub_machine_boot(256, 2, "slub_debug=FZPU");
	p = kmalloc(90, GFP_KERNEL);
	kfree(p);
	kfree(p);
	expect_log(report);
	validate_slab_cache(kmalloc_cache(kmalloc_type(GFP_KERNEL), 1));
	expect_log(repair);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: slub_debug=F; kfree() of a pointer 8 bytes into an object.
 * Expect "Invalid object pointer 0x..." naming that address, the slab
 * line, and nothing freed.
 */
static void test_invalid_free(void **state)
{
	static const char *const report[] = {
		"BUG kmalloc-256 (Not tainted): Invalid object pointer 0x",
		"Slab 0x",
		"objects=16",
		"FIX kmalloc-256: Object at 0x",
		NULL
	};
	char *p, expect[96];

	m = slub_machine_boot(256, 2, "slub_debug=F");
	p = kmalloc(200, GFP_KERNEL);
	kfree(p + 8);
	snprintf(expect, sizeof(expect), "Invalid object pointer 0x%016lx",
		 kernel_ptr_value(p + 8));
	expect_log(report);
	if (!slub_log_has(log_text, expect))
		fail_msg("log: expected \"%s\" in:\n%s", expect, log_text);
}

/*
 * Scenario: slub_debug=FZP on a cache of its own; a free object's free
 * pointer (after the red zone, at s->offset) is overwritten, then the
 * cache allocates again.
 * Expect "Freepointer corrupt" when the allocation checks the object,
 * "FIX test_fp: Marking all objects used", and the allocation still
 * served (from a fresh slab).
 */
static void test_freepointer_corrupt(void **state)
{
	static const char *const report[] = {
		"BUG test_fp (Not tainted): Freepointer corrupt",
		"FIX test_fp: Marking all objects used",
		NULL
	};
	struct kmem_cache *s;
	void *a, *b, *c;

	m = slub_machine_boot(256, 2, "slub_debug=FZP,test_fp");
	s = kmem_cache_create("test_fp", 48, 0, 0, NULL);
	CHECK_EQ("test_fp debugged", SLAB_POISON, s->flags & SLAB_POISON);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	/* a is now the first free object; clobber its free pointer */
	memset((char *)a + s->offset, 0x37, sizeof(void *));
	c = kmem_cache_alloc(s, GFP_KERNEL);
	expect_log(report);
	CHECK_EQ("allocation still served", 1, c != NULL);
	kmem_cache_free(s, b);
	kmem_cache_free(s, c);
}

/*
 * Scenario: slub_debug=FP; a write into the padding after an in-use
 * object's metadata, found by validation.
 * Expect "Object padding overwritten", first byte 0x11 instead of 0x5a.
 */
static void test_padding(void **state)
{
	static const char *const report[] = {
		"BUG kmalloc-32 (Not tainted): Object padding overwritten",
		"First byte 0x11 instead of 0x5a",
		"FIX kmalloc-32: Restoring Object padding",
		NULL
	};
	struct kmem_cache *s;
	unsigned char *p;

	m = slub_machine_boot(256, 2, "slub_debug=FP");
	s = kmalloc_cache(kmalloc_type(GFP_KERNEL), 5);
	/* 32: fp after it (P) = 40, aligned to 32 -> 64: 24 bytes of padding */
	CHECK_EQ("kmalloc-32 size", 64, s->size);
	p = kmalloc(32, GFP_KERNEL);
	p[s->offset + 8 + 2] = 0x11;
	validate_slab_cache(s);
	expect_log(report);
	kfree(p);
}

/*
 * Scenario: slub_debug=T for kmalloc-96 only.
 * Expect a TRACE line for the allocation and for the free of a 70-byte
 * object, with its hex dump on free; and no trace for kmalloc-64.
 */
static void test_trace(void **state)
{
	static const char *const report[] = {
		"TRACE kmalloc-96 alloc 0x",
		"TRACE kmalloc-96 free 0x",
		"Object ffff",
		NULL
	};
	void *p;

	m = slub_machine_boot(256, 2, "slub_debug=T,kmalloc-96");
	p = kmalloc(70, GFP_KERNEL);
	kfree(p);
	expect_log(report);
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	expect_quiet_log();
}

/*
 * Scenario: the slub_debug= syntax.
 *   "P,kmalloc-6*"          P for kmalloc-64 (and any kmalloc-6...), none else
 *   "FZ;U,kmalloc-1k"       FZ globally, U for kmalloc-1k only
 *   "ZX"                    'X' reported unknown, Z kept
 *   "-"                     nothing
 *   "" (slub_debug alone)   FZPU
 * Expect the flags of the named caches accordingly.
 */
static void test_parse(void **state)
{
	struct kmem_cache *k64, *k96, *k1k;
	slab_flags_t dbg = SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON |
			   SLAB_STORE_USER | SLAB_TRACE;

	m = slub_machine_boot(256, 2, "slub_debug=P,kmalloc-6*");
	k64 = kmalloc_64();
	k96 = kmalloc_cache(kmalloc_type(GFP_KERNEL), 1);
	CHECK_EQ("P,kmalloc-6*: kmalloc-64", SLAB_POISON, k64->flags & dbg);
	CHECK_EQ("P,kmalloc-6*: kmalloc-96", 0, k96->flags & dbg);
	teardown(state);

	m = slub_machine_boot(256, 2, "slub_debug=FZ;U,kmalloc-1k");
	k64 = kmalloc_64();
	k1k = kmalloc_cache(kmalloc_type(GFP_KERNEL), 10);
	CHECK_EQ("FZ;U,kmalloc-1k: kmalloc-64",
		 SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE, k64->flags & dbg);
	CHECK_EQ("FZ;U,kmalloc-1k: kmalloc-1k", SLAB_STORE_USER,
		 k1k->flags & dbg);
	teardown(state);

	m = slub_machine_boot(256, 2, "slub_debug=ZX");
	CHECK_EQ("ZX: kmalloc-64", SLAB_RED_ZONE, kmalloc_64()->flags & dbg);
	teardown(state);
	m = slub_machine_boot(256, 2, "slub_debug=-");
	CHECK_EQ("-: kmalloc-64", 0, kmalloc_64()->flags & dbg);
	teardown(state);
	m = slub_machine_boot(256, 2, "slub_debug");
	CHECK_EQ("alone: kmalloc-64", SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE |
		 SLAB_POISON | SLAB_STORE_USER, kmalloc_64()->flags & dbg);
}

/*
 * Scenario: the boot log of slub_debug=PX: the option letter X is
 * unknown, P makes init_on_alloc give way, pointers are unhashed.
 */
static void test_boot_messages(void **state)
{
	static const char *const lines[] = {
		"slub_debug option 'X' unknown. skipped",
		"mem auto-init: SLAB_POISON will take precedence over init_on_alloc/init_on_free",
		"** This system shows unhashed kernel memory addresses   **",
		"SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1",
		NULL
	};
	struct machine_desc d;
	size_t i;

	test_machine_desc_default(&d);
	strcat(d.cmdline, " slub_debug=PX");
	m = test_machine_boot(&d);
	host_free(log_text);
	log_text = test_log_take(m);
	for (i = 0; lines[i]; i++)
		if (!slub_log_has(log_text, lines[i]))
			fail_msg("boot log: expected \"%s\"", lines[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_layout, teardown),
		cmocka_unit_test_teardown(test_redzone_right, teardown),
		cmocka_unit_test_teardown(test_redzone_left, teardown),
		cmocka_unit_test_teardown(test_use_after_free, teardown),
		cmocka_unit_test_teardown(test_double_free, teardown),
		cmocka_unit_test_teardown(test_invalid_free, teardown),
		cmocka_unit_test_teardown(test_freepointer_corrupt, teardown),
		cmocka_unit_test_teardown(test_padding, teardown),
		cmocka_unit_test_teardown(test_trace, teardown),
		cmocka_unit_test_teardown(test_parse, teardown),
		cmocka_unit_test_teardown(test_boot_messages, teardown),
	};

	return cmocka_run_group_tests_name("slub_debug", tests, NULL, NULL);
}
