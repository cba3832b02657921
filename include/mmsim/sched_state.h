/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/sched_state.h — the machine's timers, work items and
 * kernel threads (kernel/time/timer.c, kernel/workqueue.c,
 * kernel/kthread.c).  Host-allocated on first use (sched_sim_state()),
 * freed by machine_destroy(); a machine that never runs a thread has none.
 */
#ifndef _MMSIM_SCHED_STATE_H
#define _MMSIM_SCHED_STATE_H

#include "linux/list.h"
#include "linux/spinlock.h"

struct machine;
struct kthread;

struct sched_sim_state {
	unsigned long hz;              /* CONFIG_HZ, read once */
	struct list_head timers;       /* armed timer_lists */
	spinlock_t timer_lock;         /* timers, timer_seq (6.1: timer_base->lock) */
	unsigned long long timer_seq;  /* arming order */
	struct list_head works;        /* queued work_structs, in order */
	struct list_head threads;      /* kthreads, in creation order */
	/*
	 * The threads' states (runnable, timed, wake_at, cpu) and `running`:
	 * woken on one simulated CPU while another's scheduling point wakes
	 * or steps them (6.1: the task's pi_lock with its runqueue's lock).
	 */
	spinlock_t pi_lock;
	struct kthread *running;       /* the thread taking its step */
	int task_cpu;                  /* while it steps: the CPU of the task it
					* interrupted, -1 for none */
	bool in_point;                 /* inside schedule_sim_point() */
	unsigned long long nr_points;  /* scheduling points made */
	/* one CPU: the task's time slice, and a wake-up that preempts it */
	unsigned long long slice_start_ns;
	bool need_resched;
};

struct sched_sim_state *sched_sim_state(void);
void sched_sim_state_free(struct machine *m);

/* kernel/time/timer.c, for kernel/kthread.c's scheduling points */
bool run_one_expired_timer(void);
/* The earliest armed expiry, in jiffies; false when none is armed. */
bool next_timer_expiry(unsigned long *when);
/* The simulated time, in ns since boot, at which jiffies reaches @j. */
unsigned long long jiffies_to_sim_ns(unsigned long j);
/* kernel/workqueue.c */
bool run_one_work(void);

#endif /* _MMSIM_SCHED_STATE_H */
