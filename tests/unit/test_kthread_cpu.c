// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_kthread_cpu.c — which simulated CPU a kernel thread runs
 * on (kernel/kthread.c: kthread_select_cpu, 6.1's select_task_rq_fair
 * for a waking thread) and what follows from it for kswapd
 * (mm/vmscan_kswapd.c: ZONE_RECLAIM_ACTIVE while it balances).
 *
 *   wake-up from the task on CPU 0, 2 CPUs:
 *     previous CPU idle            -> stays there
 *     else the waker's CPU idle    -> the waker's
 *     else the first idle CPU      -> that one      (CPU 1)
 *     none idle (task on 0, another thread runnable on 1) -> previous
 *   bound (kthread_bind) or 1 CPU  -> never moves
 *
 * Then kswapd itself: a 128 MiB machine of 2 CPUs writing past its RAM.
 * kswapd runs on CPU 1 (the task is on CPU 0), so its frees land on CPU
 * 1's per-CPU lists; the zone is ZONE_RECLAIM_ACTIVE exactly while a
 * balance_pgdat is under way, and then CPU 1's lists hold at most four
 * batches after a free (nr_pcp_high).
 */
#include "test_process.h"
#include "linux/kthread.h"
#include "linux/smp.h"
#include "linux/swap.h"
#include "mm/vmscan_internal.h"
#include "mmsim/lru_state.h"
#include "mmsim/sched_state.h"

static int setup_smp2(void **state)
{
	return ptest_boot_cpus(state, 2, 0);
}

static int setup_up(void **state)
{
	return ptest_boot_cpus(state, 1, 0);
}

static int setup_smp2_swap(void **state)
{
	return ptest_boot_cpus(state, 2, 256ULL << 20);
}

static int teardown(void **state)
{
	struct ptest *t = *state;

	test_machine_destroy(t->m);
	free(t);
	return 0;
}

/* A thread that notes the CPU each step ran on and sleeps until woken. */
struct probe_thread {
	int ran_on;
	unsigned int steps;
};

static long probe_step(void *data)
{
	struct probe_thread *p = data;

	p->ran_on = smp_processor_id();
	p->steps++;
	return MAX_SCHEDULE_TIMEOUT;
}

/* Start a probe thread and let it take its first step (it then sleeps). */
static struct kthread *probe_start(struct probe_thread *p, const char *name)
{
	struct task_struct *task = set_current(NULL);
	struct kthread *k = kthread_run_sim(probe_step, p, "%s", name);

	assert_non_null(k);
	schedule_sim_point();
	set_current(task);
	if (p->steps != 1)
		fail_msg("%s: expected 1 step at the scheduling point, got %u", name, p->steps);
	return k;
}

/* Wake @k from the task (CPU 0) and let it step: the CPU it ran on. */
static int wake_and_run(struct kthread *k, struct probe_thread *p)
{
	struct task_struct *task;

	wake_up_process(k);
	task = set_current(NULL);
	schedule_sim_point();
	set_current(task);
	return p->ran_on;
}

static void expect_cpu(const char *what, int expected, int got)
{
	if (expected != got)
		fail_msg("%s: expected CPU %d, got %d", what, expected, got);
}

static void test_wake_placement_smp(void **state)
{
	struct probe_thread pa = { -1, 0 }, pb = { -1, 0 }, pc = { -1, 0 };
	struct kthread *a, *b, *c;

	(void)state;
	expect_cpu("task", 0, smp_processor_id());
	a = probe_start(&pa, "probe_a");
	expect_cpu("probe_a before any wake-up", 0, pa.ran_on);
	/* its previous CPU is the task's: the idle CPU 1 */
	expect_cpu("probe_a woken by the task on CPU 0", 1, wake_and_run(a, &pa));
	/* previous CPU idle: it stays */
	expect_cpu("probe_a woken again", 1, wake_and_run(a, &pa));

	/* a runnable on CPU 1, the task on 0: b has no idle CPU, stays on 0 */
	b = probe_start(&pb, "probe_b");
	wake_up_process(a);
	wake_up_process(b);
	expect_cpu("probe_a's placement", 1, a->cpu);
	expect_cpu("probe_b with both CPUs busy", 0, b->cpu);
	{
		struct task_struct *task = set_current(NULL);

		schedule_sim_point();
		set_current(task);
	}
	expect_cpu("probe_b's step", 0, pb.ran_on);
	/* both asleep again: b's previous CPU is the task's, CPU 1 idle */
	expect_cpu("probe_b woken alone", 1, wake_and_run(b, &pb));

	/* a bound thread stays where it was bound */
	c = probe_start(&pc, "probe_c");
	kthread_bind(c, 0);
	expect_cpu("probe_c bound to CPU 0", 0, wake_and_run(c, &pc));

	kthread_stop(a);
	kthread_stop(b);
	kthread_stop(c);
}

static void test_wake_placement_up(void **state)
{
	struct probe_thread pa = { -1, 0 };
	struct kthread *a;

	(void)state;
	a = probe_start(&pa, "probe_a");
	expect_cpu("one CPU: probe_a woken by the task", 0, wake_and_run(a, &pa));
	kthread_stop(a);
}

/*
 * kswapd beside a task writing 1.5 x RAM in 4 MiB accesses: after each,
 * kswapd's CPU, the zone's flag against its balance, CPU 1's lists.
 */
static void test_kswapd_cpu_and_reclaim_active(void **state)
{
	struct ptest *t = *state;
	unsigned long len = 192UL << 20, chunk = 4UL << 20, off, a;
	pg_data_t *pgdat = NODE_DATA(0);
	struct kswapd_node *kn = &mmsim_lru_state()->kswapd[0];
	unsigned int seen_active = 0, seen_cpu1_pcp = 0;
	int z;

	a = ptest_mmap(0, len, PROT_RW, MAP_ANON_PRIV);
	assert_true(!IS_ERR_VALUE(a));
	for (off = 0; off < len; off += chunk) {
		if (ptest_access(t->main, a + off, chunk, off ? MMSIM_WRITE : MMSIM_FILL, 0x5a))
			fail_msg("write at +%lu MiB faulted", off >> 20);
		if (!pgdat->kswapd || !kn->balance)
			fail_msg("no kswapd on node 0");
		if (pgdat->kswapd->nr_runs > 1)
			expect_cpu("kswapd0 once woken by the task on CPU 0", 1,
				   pgdat->kswapd->cpu);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = pgdat->node_zones + z;
			bool flag;

			if (!managed_zone(zone))
				continue;
			flag = zone_test_flag(zone, ZONE_RECLAIM_ACTIVE);
			if (z <= kn->balance->highest_zoneidx && flag != kn->balance->active)
				fail_msg("+%lu MiB, zone %s: ZONE_RECLAIM_ACTIVE %d, "
					 "kswapd balancing %d", off >> 20, zone->name,
					 flag, kn->balance->active);
			if (z > kn->balance->highest_zoneidx && flag)
				fail_msg("+%lu MiB, zone %s above kswapd's zone: "
					 "ZONE_RECLAIM_ACTIVE set", off >> 20, zone->name);
			seen_active += flag;
			if (zone_pcp(zone, 1)->count)
				seen_cpu1_pcp++;
		}
	}
	if (!sum_vm_event(PGSTEAL_KSWAPD))
		fail_msg("pgsteal_kswapd: expected > 0, got 0");
	if (!seen_active)
		fail_msg("ZONE_RECLAIM_ACTIVE: never set at the %lu checks", len / chunk);
	if (!seen_cpu1_pcp)
		fail_msg("CPU 1's per-CPU lists: empty at every check (kswapd's frees "
			 "are expected there; the task runs on CPU 0)");
	if (ptest_access(t->main, a, chunk, MMSIM_CHECK, 0x5a))
		fail_msg("the first 4 MiB did not read back 0x5a after swap");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_wake_placement_smp, setup_smp2, teardown),
		cmocka_unit_test_setup_teardown(test_wake_placement_up, setup_up, teardown),
		cmocka_unit_test_setup_teardown(test_kswapd_cpu_and_reclaim_active,
						setup_smp2_swap, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
