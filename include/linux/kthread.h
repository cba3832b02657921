/* SPDX-License-Identifier: MIT */
/*
 * include/linux/kthread.h — kernel threads of the simulated machine.
 *
 * Kernel counterparts: include/linux/kthread.h, kernel/kthread.c and the
 * part of kernel/sched/ that decides when a sleeping thread runs again
 * (Linux 6.1).
 *
 * A kernel thread (kswapd, kcompactd, khugepaged, the oom reaper) is a
 * loop that does some work and sleeps until it is woken or a timeout
 * passes.  mmsim runs it as a step function: one call is one trip round
 * the loop, from waking up to the next sleep, and returns how long the
 * thread then sleeps, in jiffies, or MAX_SCHEDULE_TIMEOUT to sleep until
 * wake_up_process().  Returning 0 means "runnable again" (cond_resched).
 *
 * Threads run at scheduling points, never in the middle of another
 * thread's work; inside a system call only at the task's own points
 * (sim_task_point, sim_task_sleep below: the end of a fault, the
 * cond_resched of an allocation, a sleep on I/O or reclaim_throttle):
 *   schedule_sim_point()   every due timer fires, every queued work item
 *                          runs, every runnable thread takes its step,
 *                          until nothing is runnable or due (the order is
 *                          fixed: timers by expiry then arming order, work
 *                          in queue order, threads in creation order);
 *   sim_clock_advance(ns)  the clock moves on by @ns, stopping at every
 *                          timer expiry and thread timeout on the way, with
 *                          a scheduling point at each.
 * `mmsim run` makes a scheduling point after each script line and moves
 * the clock for `sleep`; an embedder calls the same two functions
 * (<mmsim/process.h>).  Same script, same output.
 *
 * While a thread steps, `current` is NULL (no user mm) and
 * smp_processor_id() is the CPU the thread runs on: the one it was bound
 * to (kthread_bind), else the one its last wake-up placed it on
 * (kthread_select_cpu: an idle CPU, so on two CPUs kswapd runs on the CPU
 * the task is not on); CPU 0 until its first wake-up.
 */
#ifndef _MMSIM_LINUX_KTHREAD_H
#define _MMSIM_LINUX_KTHREAD_H

#include "linux/types.h"
#include "linux/list.h"

#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct kthread {
	char comm[16];                 /* TASK_COMM_LEN, e.g. "kswapd0" */
	long (*threadfn)(void *data);  /* one trip round the thread's loop */
	void *data;
	int cpu;                       /* where it runs (its last CPU) */
	bool bound;                    /* kthread_bind: never moves */
	bool runnable;                 /* woken, not yet run */
	bool timed;                    /* sleeping with a timeout ... */
	unsigned long wake_at;         /* ... until this jiffy */
	bool should_stop;              /* kthread_stop() asked */
	unsigned long long nr_runs;    /* steps taken */
	/*
	 * On a machine of more than one CPU the thread runs on a CPU of its
	 * own: clock_ns is how far that CPU's time has got (its steps charge
	 * it, sim_charge()), and at the task's points it runs only while
	 * clock_ns is behind the task's clock.  With one CPU it is unused:
	 * its work moves the machine's clock.
	 */
	unsigned long long clock_ns;
	bool mid_fault;                /* may run at the task's allocation points */
	struct list_head node;         /* on the machine's thread list */
};

/*
 * Create a kernel thread and make it runnable (kthread_run): its first
 * step comes at the next scheduling point.  NULL when out of host memory.
 */
struct kthread *kthread_run_sim(long (*threadfn)(void *data), void *data,
				const char *namefmt, ...)
	__attribute__((format(printf, 3, 4)));
void kthread_bind(struct kthread *k, unsigned int cpu);
/*
 * Make a sleeping thread runnable, on the CPU the scheduler's wake-up
 * placement gives it (kthread_select_cpu); false when it already was.
 */
bool wake_up_process(struct kthread *k);
/*
 * select_task_rq_fair for a waking unbound thread (@waker_cpu: the CPU of
 * the task that wakes it, -1 for a timer): the CPU it will run on.
 */
int kthread_select_cpu(const struct kthread *k, int waker_cpu);
/* task_is_running(): on the CPU, runnable, or its timeout passed. */
bool kthread_is_running(const struct kthread *k);
/* Stop and free the thread; it takes no further step. */
int kthread_stop(struct kthread *k);
bool kthread_should_stop(void);
/* The thread taking its step now, or NULL (kthread_self-like). */
struct kthread *kthread_current(void);

void schedule_sim_point(void);
void sim_clock_advance(unsigned long long ns);

/*
 * Simulated time of the work itself (kernel/kthread.c, "time" below).
 *   sim_now()            the clock of what runs now: the machine's (the
 *                        task's CPU), or a thread's own on an SMP machine;
 *   sim_charge(ns)       what runs now spent @ns of CPU time;
 *   sim_task_point(all)  the task passes a preemption point (cond_resched,
 *                        return to user space): threads run as they would
 *                        have meanwhile; @all false at an allocation's
 *                        cond_resched, where only threads marked mid_fault
 *                        (kswapd) may run;
 *   sim_task_sleep(ns)   the task sleeps @ns (I/O, reclaim_throttle): the
 *                        clock moves on and threads run meanwhile.
 */
unsigned long long sim_now(void);
void sim_charge(unsigned long long ns);
void sim_task_point(bool all);
void sim_task_sleep(unsigned long long ns);

#endif /* _MMSIM_LINUX_KTHREAD_H */
