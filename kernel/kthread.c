// SPDX-License-Identifier: MIT
/*
 * kernel/kthread.c — kernel threads and the scheduling points that run them.
 *
 * Kernel counterparts: kernel/kthread.c (kthread_create_on_node,
 * kthread_bind, kthread_stop, kthread_should_stop) and, for when a thread
 * runs, the wake-up and timeout side of kernel/sched/core.c
 * (wake_up_process, schedule_timeout) (Linux 6.1).
 *
 * A simulated kernel thread is a step function (include/linux/kthread.h):
 * a call runs the thread from the moment it wakes to the moment it would
 * sleep again and returns the timeout it sleeps with.  The real kernel
 * runs kswapd on another CPU while the allocating task goes on; the
 * simulation runs it at the next scheduling point instead — after the
 * system call that woke it, before the next one — which is where a
 * thread woken on an idle CPU of a 2-CPU guest has done its work by the
 * time the next system call starts, and keeps every run reproducible.
 *
 * A scheduling point repeats, until none applies (cut off after
 * SCHED_POINT_MAX_STEPS steps, which only a thread that never sleeps
 * reaches; that is reported once on the host's stderr as the bug it is):
 *   1. fire the first due timer;
 *   2. run the first queued work item;
 *   3. let the first runnable thread (creation order) take one step,
 *      a timed sleeper becoming runnable when its timeout has passed.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/smp.h"
#include "linux/timer.h"
#include "linux/workqueue.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/sched_state.h"

#include <stdarg.h>
#include <stdio.h>

#define SCHED_POINT_MAX_STEPS 1000000

struct sched_sim_state *sched_sim_state(void)
{
	struct machine *m = current_machine;
	struct sched_sim_state *s = m->sched;
	long long hz;

	if (s)
		return s;
	s = host_alloc(sizeof(*s));
	hz = kconfig_int(m->config, "CONFIG_HZ", 250);
	s->hz = hz > 0 && hz <= 10000 ? (unsigned long)hz : 250;
	INIT_LIST_HEAD(&s->timers);
	INIT_LIST_HEAD(&s->works);
	INIT_LIST_HEAD(&s->threads);
	m->sched = s;
	return s;
}

void sched_sim_state_free(struct machine *m)
{
	struct sched_sim_state *s = m->sched;
	struct kthread *k, *n;

	if (!s)
		return;
	list_for_each_entry_safe(k, n, &s->threads, node)
		host_free(k);
	host_free(s);
	m->sched = NULL;
}

struct kthread *kthread_run_sim(long (*threadfn)(void *data), void *data,
				const char *namefmt, ...)
{
	struct sched_sim_state *s = sched_sim_state();
	struct kthread *k = host_alloc(sizeof(*k));
	va_list ap;

	if (!k)
		return NULL;
	va_start(ap, namefmt);
	vsnprintf(k->comm, sizeof(k->comm), namefmt, ap);
	va_end(ap);
	k->threadfn = threadfn;
	k->data = data;
	k->cpu = 0;
	k->runnable = true;
	list_add_tail(&k->node, &s->threads);
	return k;
}

void kthread_bind(struct kthread *k, unsigned int cpu)
{
	k->cpu = (int)cpu;
}

bool wake_up_process(struct kthread *k)
{
	if (!k || k->runnable)
		return false;
	k->runnable = true;
	k->timed = false;
	return true;
}

int kthread_stop(struct kthread *k)
{
	struct sched_sim_state *s = sched_sim_state();

	if (!k)
		return -EINVAL;
	if (s->running == k) {
		/* stopping itself: it is freed when its step returns */
		k->should_stop = true;
		return 0;
	}
	list_del(&k->node);
	host_free(k);
	return 0;
}

bool kthread_should_stop(void)
{
	struct kthread *k = sched_sim_state()->running;

	return k && k->should_stop;
}

struct kthread *kthread_current(void)
{
	return sched_sim_state()->running;
}

/* Let @k take one step, as the CPU it is bound to, outside any task. */
static void kthread_step(struct sched_sim_state *s, struct kthread *k)
{
	struct task_struct *saved_task = set_current(NULL);
	int saved_cpu = mmsim_cpu_id;
	long timeout;

	k->runnable = false;
	k->timed = false;
	s->running = k;
	mmsim_cpu_id = k->cpu;
	timeout = k->threadfn(k->data);
	mmsim_cpu_id = saved_cpu;
	s->running = NULL;
	set_current(saved_task);
	k->nr_runs++;
	if (k->should_stop) {
		list_del(&k->node);
		host_free(k);
		return;
	}
	if (k->runnable)        /* woken again during its own step */
		return;
	if (timeout <= 0)
		k->runnable = true;
	else if (timeout != MAX_SCHEDULE_TIMEOUT) {
		k->timed = true;
		k->wake_at = jiffies + (unsigned long)timeout;
	}
}

static struct kthread *first_runnable(struct sched_sim_state *s)
{
	unsigned long now = jiffies;
	struct kthread *k;

	list_for_each_entry(k, &s->threads, node) {
		if (k->timed && time_after_eq(now, k->wake_at)) {
			k->timed = false;
			k->runnable = true;
		}
		if (k->runnable)
			return k;
	}
	return NULL;
}

void schedule_sim_point(void)
{
	struct sched_sim_state *s = sched_sim_state();
	static bool reported;
	long steps;

	if (s->in_point)        /* a thread's own work reached a point */
		return;
	s->in_point = true;
	s->nr_points++;
	for (steps = 0; steps < SCHED_POINT_MAX_STEPS; steps++) {
		struct kthread *k;

		if (run_one_expired_timer() || run_one_work())
			continue;
		k = first_runnable(s);
		if (!k)
			break;
		kthread_step(s, k);
	}
	if (steps == SCHED_POINT_MAX_STEPS && !reported) {
		reported = true;
		fprintf(stderr, "mmsim: bug: a scheduling point gave up after %d "
			"steps (a kernel thread that never sleeps)\n",
			SCHED_POINT_MAX_STEPS);
	}
	s->in_point = false;
}

/* The earliest jiffy at which a timer or a sleeping thread is due. */
static bool next_event(struct sched_sim_state *s, unsigned long *when)
{
	struct kthread *k;
	bool any = next_timer_expiry(when);

	list_for_each_entry(k, &s->threads, node)
		if (k->timed && (!any || time_before(k->wake_at, *when))) {
			*when = k->wake_at;
			any = true;
		}
	return any;
}

void sim_clock_advance(unsigned long long ns)
{
	struct sched_sim_state *s = sched_sim_state();
	struct printk_log *log = &current_machine->log;
	unsigned long long target = log->now_ns + ns;
	unsigned long when;

	schedule_sim_point();
	while (next_event(s, &when)) {
		unsigned long long at = jiffies_to_sim_ns(when);

		if (at > target)
			break;
		if (at > log->now_ns)
			log->now_ns = at;
		schedule_sim_point();
		/* an event still due after a point: only a runaway thread */
		if (next_event(s, &when) && !time_after(when, jiffies))
			break;
	}
	log->now_ns = target;
	schedule_sim_point();
}
