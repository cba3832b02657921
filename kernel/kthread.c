// SPDX-License-Identifier: MIT
/*
 * kernel/kthread.c — kernel threads and the scheduling points that run them.
 *
 * Kernel counterparts: kernel/kthread.c (kthread_create_on_node,
 * kthread_bind, kthread_stop, kthread_should_stop) and, for when and where
 * a thread runs, the wake-up and timeout side of kernel/sched/core.c
 * (wake_up_process, schedule_timeout) and kernel/sched/fair.c
 * (select_task_rq_fair, select_idle_sibling) (Linux 6.1).
 *
 * A simulated kernel thread is a step function (include/linux/kthread.h):
 * a call runs the thread from the moment it wakes to the moment it would
 * sleep again and returns the timeout it sleeps with.  The real kernel
 * runs kswapd on another CPU while the allocating task goes on; the
 * simulation runs it at scheduling points (between system calls) and, by
 * the simulated clock, at the task's own points inside a system call
 * ("Time" below), which keeps every run reproducible.
 *
 * A scheduling point repeats, until none applies (cut off after
 * SCHED_POINT_MAX_STEPS steps, which only a thread that never sleeps
 * reaches; that is reported once on the host's stderr as the bug it is):
 *   1. fire the first due timer;
 *   2. run the first queued work item;
 *   3. let the first runnable thread (creation order) take one step,
 *      a timed sleeper becoming runnable when its timeout has passed.
 *
 * Time.  The work costs simulated time (include/mmsim/sim_cost.h: a fault,
 * a page reclaim scans, a swap write), charged with sim_charge() to the
 * CPU it runs on, so the clock moves during one long system call and the
 * threads can run beside the task, interleaved by that clock:
 *   - on a machine of two CPUs or more a thread runs on a CPU of its own
 *     (kthread->clock_ns).  At the task's points (sim_task_point: the end
 *     of each fault, the cond_resched of an allocation's slow path and of
 *     direct reclaim's shrink_lruvec loop) every
 *     thread whose clock is behind the task's takes steps until it is
 *     ahead or asleep: kswapd's balance_pgdat, one round of shrink_lruvec a step,
 *     goes on beside a task that keeps faulting or reclaims itself;
 *   - with one CPU the task and the threads share it as CFS shares two
 *     runnable tasks: a wake-up preempts the task at its next point
 *     (wakeup preemption of a sleeper), then the thread runs until it
 *     sleeps or has had its slice (SIM_SCHED_SLICE_NS), then the task has
 *     one; their work moves the machine's clock.
 * Where: a thread runs as the CPU its last wake-up placed it on
 * (kthread_select_cpu, "Placement" below: an idle CPU, as 6.1's
 * select_task_rq_fair), so on two CPUs kswapd is on the CPU the task is
 * not on and the per-CPU state it touches is that CPU's.
 * A scheduling point between script lines still runs every runnable
 * thread to sleep; the clock only moves by charges and sleeps, never by the
 * host, so the same script gives the same output.
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
#include "mmsim/sim_cost.h"

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
	spin_lock_init(&s->timer_lock);
	spin_lock_init(&s->pi_lock);
	INIT_LIST_HEAD(&s->works);
	INIT_LIST_HEAD(&s->threads);
	s->task_cpu = -1;
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
	spin_lock(&s->pi_lock);
	list_add_tail(&k->node, &s->threads);
	spin_unlock(&s->pi_lock);
	return k;
}

void kthread_bind(struct kthread *k, unsigned int cpu)
{
	k->cpu = (int)cpu;
	k->bound = true;
}

static bool sim_smp(void)
{
	return nr_cpu_ids > 1;
}

/*
 * Placement.  6.1 puts a waking task where select_task_rq_fair says: its
 * previous CPU when that is idle (wake_affine_idle), else the waker's when
 * idle, else an idle CPU sharing the last-level cache (select_idle_sibling;
 * the oracle's QEMU guests have one socket, so every CPU), else it queues
 * on the previous one.  A CPU is busy here when the running task is on it
 * (mmsim's tasks run on the CPU of the host thread that runs the script)
 * or another kernel thread is runnable or stepping there.  So on two CPUs
 * kswapd, woken by a task that allocates on CPU 0, runs on CPU 1, and what
 * is per CPU follows it: the per-CPU free lists its frees land on, its
 * vmstat deltas, LRU batches and swap slot cache.  Threads bound with
 * kthread_bind stay; so does every thread when the simulated CPUs are host
 * threads (host_run_on_cpus: each runs a job, none is idle).
 */
static bool kthread_cpu_idle(struct sched_sim_state *s, const struct kthread *k,
			     int cpu, int task_cpu)
{
	struct kthread *j;

	if (cpu == task_cpu)
		return false;
	list_for_each_entry(j, &s->threads, node)
		if (j != k && j->cpu == cpu && (j->runnable || j == s->running))
			return false;
	return true;
}

int kthread_select_cpu(const struct kthread *k, int waker_cpu)
{
	struct sched_sim_state *s = sched_sim_state();
	int task_cpu = current ? smp_processor_id() : s->task_cpu;
	unsigned int cpu;

	if (k->bound || mmsim_on_cpu_thread || !sim_smp())
		return k->cpu;
	if (kthread_cpu_idle(s, k, k->cpu, task_cpu))
		return k->cpu;
	if (waker_cpu >= 0 && kthread_cpu_idle(s, k, waker_cpu, task_cpu))
		return waker_cpu;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (kthread_cpu_idle(s, k, (int)cpu, task_cpu))
			return (int)cpu;
	return k->cpu;
}

/*
 * task_is_running() for a kernel thread: it is taking its step now, or it
 * is runnable (woken, or back from cond_resched), or its timed sleep is
 * over by the clock of whoever asks (its timer would have woken it).
 */
bool kthread_is_running(const struct kthread *k)
{
	struct sched_sim_state *s;
	bool running;

	if (!k)
		return false;
	s = sched_sim_state();
	spin_lock(&s->pi_lock);
	running = k == s->running || k->runnable ||
		  (k->timed && time_after_eq(jiffies, k->wake_at));
	spin_unlock(&s->pi_lock);
	return running;
}

bool wake_up_process(struct kthread *k)
{
	struct sched_sim_state *s = sched_sim_state();

	if (!k)
		return false;
	spin_lock(&s->pi_lock);
	if (k->runnable) {
		spin_unlock(&s->pi_lock);
		return false;
	}
	k->cpu = kthread_select_cpu(k, smp_processor_id());
	k->runnable = true;
	k->timed = false;
	spin_unlock(&s->pi_lock);
	/* a sleeper woken by the task preempts it on the one CPU */
	if (!sim_smp() && !s->running && current)
		s->need_resched = true;
	return true;
}

int kthread_stop(struct kthread *k)
{
	struct sched_sim_state *s = sched_sim_state();

	if (!k)
		return -EINVAL;
	spin_lock(&s->pi_lock);
	if (s->running == k) {
		/* stopping itself: it is freed when its step returns */
		k->should_stop = true;
		spin_unlock(&s->pi_lock);
		return 0;
	}
	list_del(&k->node);
	spin_unlock(&s->pi_lock);
	host_free(k);
	return 0;
}

bool kthread_should_stop(void)
{
	struct sched_sim_state *s = sched_sim_state();
	bool stop;

	spin_lock(&s->pi_lock);
	stop = s->running && s->running->should_stop;
	spin_unlock(&s->pi_lock);
	return stop;
}

/*
 * The thread this host thread is stepping (NULL: the task's own code).
 * sched_sim_state.running says the same for the machine; with simulated
 * CPUs on two host threads, only the stepping host thread may take the
 * step's time or call itself that thread, so the check is per host thread.
 */
static __thread struct kthread *kthread_here;

struct kthread *kthread_current(void)
{
	return kthread_here;
}

/* The machine's clock, read and raised by simulated CPUs on host threads. */
static u64 machine_clock(void)
{
	return __atomic_load_n(&current_machine->log.now_ns, __ATOMIC_RELAXED);
}

static void machine_clock_raise(u64 to)
{
	u64 cur = machine_clock();

	while (cur < to && !__atomic_compare_exchange_n(&current_machine->log.now_ns, &cur, to,
							false, __ATOMIC_RELAXED,
							__ATOMIC_RELAXED))
		;
}

/*
 * How far thread @k's CPU's time has got: charged by the host thread
 * stepping it, read by the others' points and sleeps.
 */
static unsigned long long kthread_clock(const struct kthread *k)
{
	return __atomic_load_n(&k->clock_ns, __ATOMIC_RELAXED);
}

/*
 * The scheduling points' own exclusion: one host thread at a time steps
 * the timers, works and threads; another CPU reaching a point meanwhile
 * leaves the catching up to it.  false when the point is taken.
 */
static bool point_enter(struct sched_sim_state *s)
{
	return !__atomic_exchange_n(&s->in_point, true, __ATOMIC_ACQUIRE);
}

static void point_leave(struct sched_sim_state *s)
{
	__atomic_store_n(&s->in_point, false, __ATOMIC_RELEASE);
}

/*
 * Let @k take one step, as the CPU it is bound to, outside any task.  On
 * an SMP machine its CPU's clock starts no earlier than the machine's (it
 * was idle meanwhile) and its timeouts count from where its step ended.
 */
static void kthread_step(struct sched_sim_state *s, struct kthread *k)
{
	struct task_struct *saved_task = set_current(NULL);
	int saved_cpu = mmsim_cpu_id;
	unsigned long now_j;
	long timeout;

	spin_lock(&s->pi_lock);
	k->runnable = false;
	k->timed = false;
	if (kthread_clock(k) < machine_clock())
		__atomic_store_n(&k->clock_ns, machine_clock(), __ATOMIC_RELAXED);
	s->task_cpu = saved_task ? saved_cpu : -1;
	s->running = k;
	spin_unlock(&s->pi_lock);
	kthread_here = k;
	mmsim_cpu_id = k->cpu;
	timeout = k->threadfn(k->data);
	now_j = jiffies;        /* the thread's own clock on SMP */
	mmsim_cpu_id = saved_cpu;
	kthread_here = NULL;
	set_current(saved_task);
	k->nr_runs++;
	spin_lock(&s->pi_lock);
	s->running = NULL;
	s->task_cpu = -1;
	if (k->should_stop) {
		list_del(&k->node);
		spin_unlock(&s->pi_lock);
		host_free(k);
		return;
	}
	/* not when woken again during its own step: it stays runnable */
	if (!k->runnable) {
		if (timeout <= 0)
			k->runnable = true;
		else if (timeout != MAX_SCHEDULE_TIMEOUT) {
			k->timed = true;
			k->wake_at = now_j + (unsigned long)timeout;
		}
	}
	spin_unlock(&s->pi_lock);
}

/*
 * A timed sleeper whose timeout has passed at jiffy @now becomes runnable
 * (the caller holds pi_lock).
 */
static void kthread_wake_if_due(struct kthread *k, unsigned long now)
{
	if (k->timed && time_after_eq(now, k->wake_at)) {
		k->cpu = kthread_select_cpu(k, -1);     /* the timer's wake-up */
		k->timed = false;
		k->runnable = true;
	}
}

static struct kthread *first_runnable(struct sched_sim_state *s)
{
	unsigned long now = jiffies;
	struct kthread *k;

	spin_lock(&s->pi_lock);
	list_for_each_entry(k, &s->threads, node) {
		kthread_wake_if_due(k, now);
		if (k->runnable) {
			spin_unlock(&s->pi_lock);
			return k;
		}
	}
	spin_unlock(&s->pi_lock);
	return NULL;
}

void schedule_sim_point(void)
{
	struct sched_sim_state *s = sched_sim_state();
	static bool reported;
	long steps;

	if (!point_enter(s))    /* a thread's own work (or another CPU) is in one */
		return;
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
	point_leave(s);
}

/* The earliest jiffy at which a timer or a sleeping thread is due. */
static bool next_event(struct sched_sim_state *s, unsigned long *when)
{
	struct kthread *k;
	bool any = next_timer_expiry(when);

	spin_lock(&s->pi_lock);
	list_for_each_entry(k, &s->threads, node)
		if (k->timed && (!any || time_before(k->wake_at, *when))) {
			*when = k->wake_at;
			any = true;
		}
	spin_unlock(&s->pi_lock);
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
	if (log->now_ns < target)       /* one CPU: threads may have gone past */
		log->now_ns = target;
	schedule_sim_point();
}

/* ---- time: what the work costs, and threads beside the task ---- */

unsigned long long sim_now(void)
{
	struct sched_sim_state *s = current_machine->sched;

	if (s && kthread_here && sim_smp())
		return kthread_clock(kthread_here);
	return machine_clock();
}

void sim_charge(unsigned long long ns)
{
	struct sched_sim_state *s = current_machine->sched;

	if (s && kthread_here && sim_smp())
		__atomic_fetch_add(&kthread_here->clock_ns, ns, __ATOMIC_RELAXED);
	else    /* two simulated CPUs on host threads charge the machine's clock */
		__atomic_fetch_add(&current_machine->log.now_ns, ns, __ATOMIC_RELAXED);
}

/*
 * The first thread that may run at the task's point: runnable (a timed
 * sleeper whose timeout passed by the machine's clock), allowed at this
 * kind of point, and on SMP with its CPU's clock not ahead of the task's.
 */
static struct kthread *first_due_thread(struct sched_sim_state *s, bool all)
{
	unsigned long long now = machine_clock();
	unsigned long now_j = jiffies;
	struct kthread *k;

	spin_lock(&s->pi_lock);
	list_for_each_entry(k, &s->threads, node) {
		kthread_wake_if_due(k, now_j);
		if (!k->runnable || (!all && !k->mid_fault))
			continue;
		/* another host thread is that CPU: the thread is its to step */
		if (mmsim_on_cpu_thread && k->cpu != mmsim_cpu_id)
			continue;
		if (sim_smp() && kthread_clock(k) > now)
			continue;
		spin_unlock(&s->pi_lock);
		return k;
	}
	spin_unlock(&s->pi_lock);
	return NULL;
}

/* SMP: every due timer, work item and thread, until none is due. */
static void catch_up_smp(struct sched_sim_state *s, bool all)
{
	long steps;

	for (steps = 0; steps < SCHED_POINT_MAX_STEPS; steps++) {
		struct kthread *k;

		if (all && (run_one_expired_timer() || run_one_work()))
			continue;
		k = first_due_thread(s, all);
		if (!k)
			break;
		kthread_step(s, k);
	}
}

/*
 * One CPU: after a wake-up, or once the task's slice is over and a thread
 * is runnable, the threads have the CPU for up to one slice each turn.
 */
static void catch_up_up(struct sched_sim_state *s, bool all)
{
	struct printk_log *log = &current_machine->log;
	unsigned long long start = log->now_ns;
	long steps;

	if (all)
		while (run_one_expired_timer() || run_one_work())
			;
	if (!s->need_resched && log->now_ns - s->slice_start_ns < SIM_SCHED_SLICE_NS)
		return;
	s->need_resched = false;
	for (steps = 0; steps < SCHED_POINT_MAX_STEPS; steps++) {
		struct kthread *k = first_due_thread(s, all);

		if (!k || log->now_ns - start >= SIM_SCHED_SLICE_NS)
			break;
		kthread_step(s, k);
	}
	s->slice_start_ns = log->now_ns;
}

void sim_task_point(bool all)
{
	struct sched_sim_state *s = current_machine->sched;

	if (!s || kthread_here || !current || !point_enter(s))
		return;
	if (sim_smp())
		catch_up_smp(s, all);
	else
		catch_up_up(s, all);
	point_leave(s);
}

/*
 * Where a sleep from @now must stop next, at @target at the latest: the
 * first timer expiry or thread timeout after @now, or (SMP) the clock of
 * a runnable thread that is ahead of @now.
 */
static unsigned long long next_stop(struct sched_sim_state *s,
				    unsigned long long now,
				    unsigned long long target)
{
	unsigned long long at = target, t;
	struct kthread *k;
	unsigned long when;

	if (next_timer_expiry(&when)) {
		t = jiffies_to_sim_ns(when);
		if (t > now && t < at)
			at = t;
	}
	spin_lock(&s->pi_lock);
	list_for_each_entry(k, &s->threads, node) {
		t = k->timed ? jiffies_to_sim_ns(k->wake_at) :
		    k->runnable && sim_smp() ? kthread_clock(k) : 0;
		if (t > now && t < at)
			at = t;
	}
	spin_unlock(&s->pi_lock);
	return at;
}

/*
 * The task sleeps @ns: the clock moves on through every timer, thread
 * timeout and (SMP) thread clock on the way, with the threads running at
 * each as at the task's points; on one CPU they have the CPU meanwhile.
 */
void sim_task_sleep(unsigned long long ns)
{
	struct sched_sim_state *s = sched_sim_state();
	unsigned long long target = machine_clock() + ns;
	bool up = !sim_smp();   /* the slice and its preemption: one CPU only */

	if (__atomic_load_n(&s->in_point, __ATOMIC_RELAXED) || kthread_here)
		return;
	if (up)
		s->need_resched = true;         /* the task gives up the CPU */
	sim_task_point(true);
	while (machine_clock() < target) {
		machine_clock_raise(next_stop(s, machine_clock(), target));
		if (up)
			s->need_resched = true;
		sim_task_point(true);
	}
	if (up)
		s->slice_start_ns = machine_clock();
}
