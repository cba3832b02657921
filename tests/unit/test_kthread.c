// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_kthread.c — simulated time: jiffies, timers, delayed
 * work and kernel threads at scheduling points (kernel/time/timer.c,
 * kernel/workqueue.c, kernel/kthread.c).
 */
#include <string.h>

#include "testmachine.h"
#include "linux/kthread.h"
#include "linux/timer.h"
#include "linux/workqueue.h"
#include "linux/smp.h"
#include "linux/sched.h"
#include "mmsim/machine.h"
#include "mmsim/sched_state.h"

static char events[256];

static void note(const char *what)
{
	strncat(events, what, sizeof(events) - strlen(events) - 1);
}

static void timer_a(struct timer_list *t) { (void)t; note("A"); }
static void timer_b(struct timer_list *t) { (void)t; note("B"); }

/* HZ from the .config (250), INITIAL_JIFFIES five minutes before the wrap. */
static void test_jiffies(void **state)
{
	struct machine *m = *state;
	unsigned long j0;

	assert_int_equal(HZ, 250);
	m->log.now_ns = 0;
	assert_int_equal(jiffies, (unsigned long)(unsigned int)(-300 * 250));
	j0 = jiffies;
	sim_clock_advance(1000 * NSEC_PER_MSEC);
	assert_int_equal(jiffies - j0, 250);
	assert_int_equal(msecs_to_jiffies(10), 3);   /* rounded up */
	assert_int_equal(jiffies_to_msecs(250), 1000);
}

/* Timers fire only at points, in expiry then arming order. */
static void test_timers(void **state)
{
	struct timer_list a, b, c;
	(void)state;

	events[0] = 0;
	timer_setup(&a, timer_a, 0);
	timer_setup(&b, timer_b, 0);
	timer_setup(&c, timer_a, 0);
	mod_timer(&b, jiffies + 10);
	mod_timer(&a, jiffies + 10);
	mod_timer(&c, jiffies + 20);
	assert_int_equal(del_timer(&c), 1);
	assert_int_equal(del_timer(&c), 0);
	schedule_sim_point();
	assert_string_equal(events, "");
	sim_clock_advance(10 * 4 * NSEC_PER_MSEC - 1);   /* one ns short */
	assert_string_equal(events, "");
	sim_clock_advance(1);
	assert_string_equal(events, "BA");
	assert_false(timer_pending(&a));
}

static int work_cpu = -2;
static struct delayed_work dw;
static void work_fn(struct work_struct *w)
{
	assert_ptr_equal(to_delayed_work(w), &dw);
	work_cpu = smp_processor_id();
	note("W");
}

static void test_delayed_work(void **state)
{
	(void)state;
	events[0] = 0;
	INIT_DELAYED_WORK(&dw, work_fn);
	assert_true(queue_delayed_work_on(1, system_wq, &dw, 25));
	assert_false(queue_delayed_work_on(1, system_wq, &dw, 25));
	assert_true(delayed_work_pending(&dw));
	sim_clock_advance(50 * NSEC_PER_MSEC);
	assert_string_equal(events, "");
	sim_clock_advance(50 * NSEC_PER_MSEC);
	assert_string_equal(events, "W");
	assert_int_equal(work_cpu, 1);
	assert_false(delayed_work_pending(&dw));
	schedule_delayed_work(&dw, 0);      /* no delay: queued at once */
	schedule_sim_point();
	assert_string_equal(events, "WW");
	schedule_delayed_work(&dw, 5);
	assert_true(cancel_delayed_work(&dw));
	sim_clock_advance(100 * NSEC_PER_MSEC);
	assert_string_equal(events, "WW");
}

/* A thread that works three times, sleeping 4 jiffies, then until woken. */
static int steps;
static long thread_fn(void *data)
{
	(void)data;
	assert_null(current);
	note("T");
	return ++steps < 3 ? 4 : MAX_SCHEDULE_TIMEOUT;
}

static void test_threads(void **state)
{
	struct kthread *k;
	(void)state;

	events[0] = 0;
	steps = 0;
	k = kthread_run_sim(thread_fn, NULL, "kswapd%d", 0);
	assert_non_null(k);
	assert_string_equal(k->comm, "kswapd0");
	assert_string_equal(events, "");
	schedule_sim_point();
	assert_string_equal(events, "T");
	sim_clock_advance(15 * NSEC_PER_MSEC);   /* < 4 jiffies */
	assert_string_equal(events, "T");
	sim_clock_advance(100 * NSEC_PER_MSEC);  /* two more, then asleep */
	assert_string_equal(events, "TTT");
	sim_clock_advance(1000 * NSEC_PER_MSEC);
	assert_string_equal(events, "TTT");
	assert_true(wake_up_process(k));
	assert_false(wake_up_process(k));
	schedule_sim_point();
	assert_string_equal(events, "TTTT");
	assert_int_equal(k->nr_runs, 4);
	assert_int_equal(kthread_stop(k), 0);
}

static int setup(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	*state = test_machine_boot(&d);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	test_machine_destroy(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jiffies),
		cmocka_unit_test(test_timers),
		cmocka_unit_test(test_delayed_work),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
