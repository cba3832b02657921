// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_ktime.c — kswapd and the task interleaved by simulated
 * time: the work's cost moves the clock, the swap disk has a latency on
 * it, and kswapd runs beside the task (kernel/kthread.c, mm/page_io.c,
 * mm/vmscan_kswapd.c).
 *
 * Scenario: a 128 MiB pc machine with a 256 MiB swap disk.  The task
 * writes 1.5 times the RAM of anonymous memory in one access (one script
 * `write` line: no scheduling point between its faults).
 *
 *   clock:  |fault|fault|...|fault|          the task (64 us a fault)
 *   disk:        [w][w][w][w][w]...          each write 64 us, in turn
 *   kswapd: (2 CPUs) passes whenever its clock is behind the task's;
 *           a pass that met its own pages still under writeback ends in
 *           reclaim_throttle(WRITEBACK): HZ/10, or SWAP_CLUSTER_MAX
 *           completions
 *
 * Expect with 2 CPUs: the clock moved by at least the faults' cost;
 * kswapd reclaimed during the write (pgsteal_kswapd > 0) — it had no
 * scheduling point to run at otherwise; it took its passes one round of
 * shrink_lruvec a step (steps >= pages scanned / 128), so the task ran
 * between two rounds; writes are still in flight when
 * the write ends (NR_WRITEBACK > 0: the disk's latency, two reclaimers
 * writing faster than it serves), and what was written reads back.  With 1 CPU: kswapd
 * too reclaims during the write (the wake-up preempts the task), and the
 * clock moves by at least the faults' and the reclaim's cost.  The same
 * run twice gives the same counters and the same clock (deterministic).
 */
#include "test_process.h"
#include "linux/kthread.h"
#include "linux/swap.h"
#include "mmsim/sim_cost.h"

#define SWAP_SIZE (256ULL << 20)
/* the most one round of shrink_lruvec scans: 4 evictable lists x 32 */
#define NR_EVICTABLE_ROUND (4 * SWAP_CLUSTER_MAX)

static int setup_smp2(void **state)
{
	return ptest_boot_cpus(state, 2, SWAP_SIZE);
}

static int setup_up(void **state)
{
	return ptest_boot_cpus(state, 1, SWAP_SIZE);
}

static int teardown(void **state)
{
	struct ptest *t = *state;

	test_machine_destroy(t->m);
	free(t);
	return 0;
}

struct run_figures {
	unsigned long long clock_ns;
	unsigned long steal_kswapd, steal_direct, scan_kswapd, pswpout;
	unsigned long in_flight, rotated;
	unsigned long long kswapd_runs;
};

/* Write 1.5 x RAM in one access, read the first MiB back; the figures. */
static void write_past_ram(struct ptest *t, struct run_figures *f)
{
	unsigned long len = 192UL << 20, a;
	unsigned long long start = current_machine->log.now_ns;

	a = ptest_mmap(0, len, PROT_RW, MAP_ANON_PRIV);
	assert_true(!IS_ERR_VALUE(a));
	if (ptest_access(t->main, a, 1UL << 20, MMSIM_FILL, 0x3c))
		fail_msg("fill of the first MiB faulted");
	if (ptest_access(t->main, a + (1UL << 20), len - (1UL << 20), MMSIM_WRITE, 0x5a))
		fail_msg("write past RAM faulted");
	f->clock_ns = current_machine->log.now_ns - start;
	f->steal_kswapd = sum_vm_event(PGSTEAL_KSWAPD);
	f->steal_direct = sum_vm_event(PGSTEAL_DIRECT);
	f->scan_kswapd = sum_vm_event(PGSCAN_KSWAPD);
	f->pswpout = sum_vm_event(PSWPOUT);
	f->in_flight = global_node_page_state_snapshot(NR_WRITEBACK);
	f->rotated = sum_vm_event(PGROTATED);
	f->kswapd_runs = NODE_DATA(0)->kswapd ? NODE_DATA(0)->kswapd->nr_runs : 0;
	if (ptest_access(t->main, a, 1UL << 20, MMSIM_CHECK, 0x3c))
		fail_msg("the first MiB did not read back 0x3c after swap");
}

/* The figures of the first 2-CPU run, for test_deterministic. */
static struct run_figures first_smp_run;

static void test_kswapd_beside_task_smp(void **state)
{
	struct run_figures f;
	unsigned long faults = (192UL << 20) >> PAGE_SHIFT;

	write_past_ram(*state, &f);
	first_smp_run = f;
	if (f.clock_ns < faults * SIM_COST_FAULT_NS)
		fail_msg("clock: expected >= %llu ns for %lu faults, got %llu",
			 faults * SIM_COST_FAULT_NS, faults, f.clock_ns);
	if (!f.steal_kswapd)
		fail_msg("pgsteal_kswapd: expected > 0 during one write, got 0 "
			 "(direct %lu)", f.steal_direct);
	/*
	 * kswapd's step is one round of shrink_lruvec (SWAP_CLUSTER_MAX of
	 * each evictable list at most), so the task runs between two of
	 * them: at least scanned / (4 x 32) steps.  A step of a whole
	 * priority pass (thousands of pages at low priority) takes fewer.
	 */
	if (f.kswapd_runs * NR_EVICTABLE_ROUND < f.scan_kswapd)
		fail_msg("kswapd steps: expected >= %lu for %lu pages scanned "
			 "(one round a step), got %llu", f.scan_kswapd / NR_EVICTABLE_ROUND,
			 f.scan_kswapd, f.kswapd_runs);
	/*
	 * Two reclaimers write faster than the one disk: writes wait.  Seen
	 * as writes still in flight when the write ends, or as pages that
	 * reclaim met under writeback and the write's end rotated
	 * (folio_rotate_reclaimable: pgrotated) — which of the two depends on
	 * where the last write falls against the disk's queue.
	 */
	if (!f.in_flight && !f.rotated)
		fail_msg("the disk's latency: expected writes in flight after the write "
			 "(nr_writeback) or pages rotated at their write's end (pgrotated), "
			 "got 0 and 0; pswpout %lu", f.pswpout);
}

static void test_kswapd_up_preempts(void **state)
{
	struct run_figures f;
	unsigned long faults = (192UL << 20) >> PAGE_SHIFT;

	write_past_ram(*state, &f);
	if (!f.steal_kswapd)
		fail_msg("pgsteal_kswapd: expected > 0 on one CPU (its wake-up "
			 "preempts the task), got 0");
	/* one CPU: the task's faults and kswapd's scanning share the clock */
	if (f.clock_ns < (faults + f.scan_kswapd) * SIM_COST_FAULT_NS)
		fail_msg("clock: expected >= %llu ns (faults + kswapd's scan), got %llu",
			 (faults + f.scan_kswapd) * SIM_COST_FAULT_NS, f.clock_ns);
}

/*
 * The same run on a second fresh machine (this test's) gives the figures
 * test_kswapd_beside_task_smp's gave.
 */
static void test_deterministic(void **state)
{
	struct run_figures b;

	if (!first_smp_run.clock_ns)
		fail_msg("test_kswapd_beside_task_smp did not run first");
	write_past_ram(*state, &b);
	if (first_smp_run.clock_ns != b.clock_ns)
		fail_msg("clock: first run %llu, second %llu", first_smp_run.clock_ns,
			 b.clock_ns);
	if (first_smp_run.steal_kswapd != b.steal_kswapd ||
	    first_smp_run.steal_direct != b.steal_direct)
		fail_msg("pgsteal kswapd/direct: first %lu/%lu, second %lu/%lu",
			 first_smp_run.steal_kswapd, first_smp_run.steal_direct,
			 b.steal_kswapd, b.steal_direct);
	if (first_smp_run.pswpout != b.pswpout)
		fail_msg("pswpout: first %lu, second %lu", first_smp_run.pswpout, b.pswpout);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kswapd_beside_task_smp,
						setup_smp2, teardown),
		cmocka_unit_test_setup_teardown(test_kswapd_up_preempts,
						setup_up, teardown),
		cmocka_unit_test_setup_teardown(test_deterministic,
						setup_smp2, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
