/* SPDX-License-Identifier: MIT */
/*
 * include/linux/workqueue.h — work items and delayed work.
 *
 * Kernel counterparts: include/linux/workqueue.h, kernel/workqueue.c
 * (Linux 6.1).  A queued work item runs at the next scheduling point
 * (kernel/kthread.c), as a kworker would run it soon after it was queued;
 * a delayed work item is a timer that queues its work when it fires.
 * Work items run in the order they were queued.  The workqueue argument is
 * kept for the kernel's signatures; every queue behaves as system_wq.
 */
#ifndef _MMSIM_LINUX_WORKQUEUE_H
#define _MMSIM_LINUX_WORKQUEUE_H

#include "linux/timer.h"

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	struct list_head entry;       /* on the machine's pending list */
	work_func_t func;
	bool pending;
	int cpu;                      /* the CPU it runs on (-1: the caller's) */
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
};

struct workqueue_struct;
#define system_wq ((struct workqueue_struct *)0)
#define system_unbound_wq ((struct workqueue_struct *)0)
#define system_power_efficient_wq ((struct workqueue_struct *)0)

void INIT_WORK(struct work_struct *work, work_func_t func);
void INIT_DELAYED_WORK(struct delayed_work *dwork, work_func_t func);
#define INIT_DEFERRABLE_WORK(dw, f) INIT_DELAYED_WORK(dw, f)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

/* false when @work was already queued (as the kernel's). */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work(struct workqueue_struct *wq,
			struct delayed_work *dwork, unsigned long delay);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay);
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		      unsigned long delay);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_work(struct work_struct *work);
#define cancel_delayed_work_sync(d) cancel_delayed_work(d)
#define cancel_work_sync(w) cancel_work(w)
static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}
static inline bool schedule_delayed_work(struct delayed_work *dwork,
					 unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}
static inline bool delayed_work_pending(const struct delayed_work *dwork)
{
	return dwork->work.pending || dwork->timer.pending;
}

#endif /* _MMSIM_LINUX_WORKQUEUE_H */
