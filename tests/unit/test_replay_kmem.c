// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_replay_kmem.c — reading kmem trace lines and replaying
 * them (tools/replay_kmem*.c), and the fragmentation indexes of
 * mm/vmstat_extfrag.c.
 *
 * The lines are in the two formats of 6.1's tracing: the ftrace file
 * (with the irq-flags column) and `trace-cmd report` (without).  The
 * replay runs on the default pc machine (512M, 2 CPUs) and must leave the
 * buddy allocator's free pages as it found them once released.
 */
#include "testmachine.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/numa.h"
#include "linux/vmstat.h"
#include "mmsim/host.h"
#include "mmsim/replay_kmem.h"
#include "mm/vmstat_extfrag.h"
#include "mm/page_alloc_internal.h"

#include <stdio.h>
#include <string.h>

#define FTRACE_PFX "     kworker/u4:0-7       [001] d..1.     0.531250: "
#define REPORT_PFX "  <idle>-0     [000]  1234.500001: "

/*
 * Scenario: a 6.1 kmalloc line from the ftrace file.
 * Expect every field: CPU 1, 0.531250 s, ptr, sizes, node 0, the gfp
 * bits of GFP_KERNEL|__GFP_ZERO.
 */
static void test_parse_kmalloc(void **state)
{
	struct kmem_event ev;

	CHECK_EQ("ret", 1, kmem_parse_line(FTRACE_PFX "kmalloc: call_site=alloc_foo+0x2b/0x1c0 "
					   "ptr=00000000f6c045f1 bytes_req=100 bytes_alloc=128 "
					   "gfp_flags=GFP_KERNEL|__GFP_ZERO node=0 accounted=false",
					   7, &ev));
	CHECK_EQ("kind", KEV_KMALLOC, ev.kind);
	CHECK_EQ("cpu", 1, ev.cpu);
	CHECK_EQ("line", 7, ev.line);
	CHECK_EQ("ts_ns", 531250000ull, ev.ts_ns);
	CHECK_EQ("ptr", 0xf6c045f1ul, ev.ptr);
	CHECK_EQ("bytes_req", 100, ev.bytes_req);
	CHECK_EQ("bytes_alloc", 128, ev.bytes_alloc);
	CHECK_EQ("gfp", GFP_KERNEL | __GFP_ZERO, ev.gfp);
	CHECK_EQ("node", 0, ev.node);
	CHECK_EQ("gfp_unknown", 0, ev.gfp_unknown);
}

/*
 * Scenario: page events in trace-cmd's format (no irq-flags column), an
 * old kernel's kmalloc without node=, kmem_cache_free's name.
 * Expect pfn/order/migratetype/percpu_refill, node NUMA_NO_NODE.
 */
static void test_parse_report_format(void **state)
{
	struct kmem_event ev;

	CHECK_EQ("ret", 1, kmem_parse_line(REPORT_PFX "mm_page_alloc: page=00000000deadbeef "
					   "pfn=0x1f3a2 order=3 migratetype=1 "
					   "gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP", 1, &ev));
	CHECK_EQ("kind", KEV_MM_PAGE_ALLOC, ev.kind);
	CHECK_EQ("cpu", 0, ev.cpu);
	CHECK_EQ("pfn", 0x1f3a2, ev.pfn);
	CHECK_EQ("order", 3, ev.order);
	CHECK_EQ("migratetype", 1, ev.migratetype);
	CHECK_EQ("gfp", GFP_HIGHUSER_MOVABLE | __GFP_COMP, ev.gfp);

	CHECK_EQ("ret", 1, kmem_parse_line(REPORT_PFX "mm_page_alloc_zone_locked: "
					   "page=00000000deadbeef pfn=0x100 order=0 migratetype=0 "
					   "percpu_refill=1", 2, &ev));
	CHECK_EQ("kind", KEV_MM_PAGE_ALLOC_ZONE_LOCKED, ev.kind);
	CHECK_EQ("percpu_refill", 1, ev.percpu_refill);

	CHECK_EQ("ret", 1, kmem_parse_line(REPORT_PFX "kmalloc: call_site=c+0x1/0x2 ptr=0x10 "
					   "bytes_req=8 bytes_alloc=8 gfp_flags=GFP_ATOMIC", 3, &ev));
	CHECK_EQ("node", NUMA_NO_NODE, ev.node);

	CHECK_EQ("ret", 1, kmem_parse_line(REPORT_PFX "kmem_cache_free: call_site=c+0x1/0x2 "
					   "ptr=00000000000000ab name=dentry", 4, &ev));
	CHECK_EQ("kind", KEV_KMEM_CACHE_FREE, ev.kind);
	CHECK_STR("name", "dentry", ev.name);
}

/*
 * Scenario: lines that are not kmem events, and kmem events with a
 * field missing or malformed.
 * Expect 0 for the first (skipped silently), -1 for the second.
 */
static void test_parse_rejects(void **state)
{
	struct kmem_event ev;

	CHECK_EQ("comment", 0, kmem_parse_line("# tracer: nop", 1, &ev));
	CHECK_EQ("blank", 0, kmem_parse_line("", 2, &ev));
	CHECK_EQ("other system", 0, kmem_parse_line(FTRACE_PFX "sched_switch: prev_comm=a", 3, &ev));
	CHECK_EQ("rss_stat", 1, kmem_parse_line(FTRACE_PFX "rss_stat: mm_id=1 curr=1 type=MM_ANONPAGES size=4096B", 4, &ev));
	CHECK_EQ("rss_stat kind", KEV_OTHER, ev.kind);
	CHECK_EQ("no ptr", -1, kmem_parse_line(FTRACE_PFX "kfree: call_site=x+0x1/0x2", 5, &ev));
	CHECK_EQ("bad order", -1, kmem_parse_line(FTRACE_PFX "mm_page_free: page=0 pfn=0x10 order=x", 6, &ev));
	CHECK_EQ("bad size", -1, kmem_parse_line(FTRACE_PFX "kmalloc: call_site=c ptr=1 bytes_req=1z "
						 "bytes_alloc=8 gfp_flags=GFP_KERNEL", 7, &ev));
}

/*
 * Scenario: gfp strings: "none", composite names, leftover hex bits, a
 * name of another architecture.
 * Expect the bits; false for the unknown name with the known bits kept.
 */
static void test_parse_gfp(void **state)
{
	gfp_t g;

	assert_true(kmem_parse_gfp("none", &g));
	CHECK_EQ("none", 0, g);
	assert_true(kmem_parse_gfp("GFP_NOWAIT|__GFP_NOWARN|0x4000000", &g));
	CHECK_EQ("hex", GFP_NOWAIT | __GFP_NOWARN | 0x4000000, g);
	assert_false(kmem_parse_gfp("GFP_KERNEL|__GFP_ZEROTAGS", &g));
	CHECK_EQ("known part", GFP_KERNEL, g);
}

static const char trace[] =
	"# tracer: nop\n"
	"#\n"
	/* boot hand-over: a free of a page never allocated in the trace */
	REPORT_PFX "mm_page_free: page=0 pfn=0x40000 order=10\n"
	REPORT_PFX "kmalloc: call_site=a ptr=00000000000000a1 bytes_req=100 bytes_alloc=128 gfp_flags=GFP_KERNEL node=-1 accounted=false\n"
	REPORT_PFX "kmem_cache_alloc: call_site=b ptr=00000000000000b1 bytes_req=192 bytes_alloc=192 gfp_flags=GFP_KERNEL node=-1 accounted=false\n"
	/* a new slab of the traced kernel: left to the replayed SLUB */
	REPORT_PFX "mm_page_alloc: page=0 pfn=0x2000 order=1 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP\n"
	REPORT_PFX "mm_page_alloc: page=0 pfn=0x3000 order=2 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE\n"
	REPORT_PFX "mm_page_alloc: page=0 pfn=0x3100 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
	REPORT_PFX "mm_page_free_batched: page=0 pfn=0x3100 order=0\n"
	REPORT_PFX "kfree: call_site=c ptr=00000000000000a1\n"
	REPORT_PFX "kfree: call_site=c ptr=0000000000000000\n"
	REPORT_PFX "kfree: call_site=c ptr=00000000000000f0\n"
	REPORT_PFX "kmem_cache_free: call_site=d ptr=00000000000000b1 name=replay_test_cache\n"
	REPORT_PFX "mm_page_free: page=0 pfn=0x3000 order=2\n"
	REPORT_PFX "mm_page_alloc: page=0 pfn=0x3200 order=12 migratetype=0 gfp_flags=GFP_KERNEL\n"
	"  <idle>-0     [003]  1234.500002: kmalloc: call_site=a ptr=00000000000000a2 bytes_req=20000 bytes_alloc=20480 gfp_flags=GFP_KERNEL node=-1\n"
	REPORT_PFX "kfree: call_site=c ptr=00000000000000a2\n"
	REPORT_PFX "kmalloc: call_site=a ptr=0000000000000000 bytes_req=8 bytes_alloc=8 gfp_flags=GFP_KERNEL\n";

/*
 * Scenario: the trace above on a booted machine.
 * Expect: 2 kmalloc and 1 kmem_cache_alloc replayed (the failed kmalloc of
 * the trace is unservable), kfree(NULL) replayed as a no-op, the kfree of
 * 0xf0 unservable (allocated before), the slab page left to SLUB, two
 * pages allocated and one freed by the replay (the order-0 page stays
 * until released; its batched free is only counted), the order-12 page
 * (beyond MAX_ORDER 11) unservable, CPU 3 folded onto the 2-CPU machine; after release the free
 * page count is back where it started.
 */
static void test_replay(void **state)
{
	struct machine_desc d;
	struct machine *m;
	struct kmem_replay *r;
	unsigned long before, after;
	char err[256];

	test_machine_desc_default(&d);
	m = test_machine_boot(&d);
	before = global_zone_page_state(NR_FREE_PAGES);
	r = kmem_replay_run(m, trace, 4, err, sizeof(err));
	assert_non_null(r);
	CHECK_EQ("kmalloc in trace", 3, kmem_replay_count(r, KEV_KMALLOC));
	CHECK_EQ("kmalloc replayed", 2, kmem_replay_replayed(r, KEV_KMALLOC));
	CHECK_EQ("kmem_cache_alloc replayed", 1, kmem_replay_replayed(r, KEV_KMEM_CACHE_ALLOC));
	CHECK_EQ("kfree replayed", 3, kmem_replay_replayed(r, KEV_KFREE));
	CHECK_EQ("kmem_cache_free replayed", 1, kmem_replay_replayed(r, KEV_KMEM_CACHE_FREE));
	CHECK_EQ("mm_page_alloc replayed", 2, kmem_replay_replayed(r, KEV_MM_PAGE_ALLOC));
	CHECK_EQ("mm_page_free replayed", 1, kmem_replay_replayed(r, KEV_MM_PAGE_FREE));
	CHECK_EQ("batched counted", 1, kmem_replay_count(r, KEV_MM_PAGE_FREE_BATCHED));
	CHECK_EQ("batched replayed", 0, kmem_replay_replayed(r, KEV_MM_PAGE_FREE_BATCHED));
	/* page 0x40000, kfree 0xf0, order 12, the trace's failed kmalloc */
	CHECK_EQ("unservable", 4, kmem_replay_unservable(r));
	CHECK_EQ("failed", 0, kmem_replay_failed(r));
	CHECK_EQ("bad lines", 0, kmem_replay_bad_lines(r));
	kmem_replay_release(r, m);
	machine_enter(m);
	/* per-CPU lists may hold the freed pages: count them back */
	drain_all_pages(NULL);
	after = global_zone_page_state(NR_FREE_PAGES);
	assert_true(after + 64 >= before);   /* slabs the replay made may stay */
	kmem_replay_free(r);
	test_machine_destroy(m);
}

/*
 * Scenario: text with no kmem event at all.
 * Expect NULL and an error naming the malformed line count.
 */
static void test_replay_empty(void **state)
{
	struct machine_desc d;
	struct machine *m;
	char err[256];

	test_machine_desc_default(&d);
	m = test_machine_boot(&d);
	assert_null(kmem_replay_run(m, "# tracer: nop\n" FTRACE_PFX "kfree: ptr=\n", 4, err,
				    sizeof(err)));
	assert_non_null(strstr(err, "1 malformed"));
	test_machine_destroy(m);
}

/*
 * Scenario: the indexes on hand-made free counts (mm/vmstat.c's formulas).
 * free_area: 4 blocks of order 0, 2 of order 1, none above: F = 8 pages,
 * B = 6 blocks.
 * Expect unusable(0) = 0 (S = 4 + 2*2 = 8 order-0 units); unusable(1) = (8 - 2*2)/8 = 0.500;
 * unusable(2) = 1.000; fragmentation(1) = -1 (2 suitable blocks);
 * fragmentation(2) = 1 - (1 + 8/4)/6 = 0.500.
 */
static void test_indexes(void **state)
{
	struct contig_page_info info = { 0 };
	struct machine *m = test_machine_bare(64 << 20);  /* for MAX_ORDER */

	info.free_pages = 8;
	info.free_blocks_total = 6;
	info.free_blocks_suitable = 8;
	CHECK_EQ("unusable(0)", 0, unusable_free_index(0, &info));
	info.free_blocks_suitable = 2;
	CHECK_EQ("unusable(1)", 500, unusable_free_index(1, &info));
	CHECK_EQ("frag(1)", (unsigned long long)-1000, (unsigned long long)__fragmentation_index(1, &info));
	info.free_blocks_suitable = 0;
	CHECK_EQ("unusable(2)", 1000, unusable_free_index(2, &info));
	CHECK_EQ("frag(2)", 500, __fragmentation_index(2, &info));
	info.free_pages = 0;
	CHECK_EQ("unusable, nothing free", 1000, unusable_free_index(2, &info));
	test_machine_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_kmalloc),
		cmocka_unit_test(test_parse_report_format),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_gfp),
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_replay_empty),
		cmocka_unit_test(test_indexes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
