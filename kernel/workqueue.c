// SPDX-License-Identifier: MIT
/*
 * kernel/workqueue.c — work items and delayed work.
 *
 * Kernel counterpart: kernel/workqueue.c (Linux 6.1): queue_work_on,
 * queue_delayed_work_on (__queue_delayed_work arms dwork->timer, whose
 * delayed_work_timer_fn queues the work), mod_delayed_work_on,
 * cancel_delayed_work, and the kworkers that run queued items.
 *
 * mmsim has no worker pools: a queued item runs at the next scheduling
 * point (kernel/kthread.c), items in the order they were queued, on the
 * CPU a delayed work was queued for (vmstat_update is per CPU).  A
 * delay of 0 queues the work at once, as the kernel's.
 */
#include "linux/kernel.h"
#include "linux/smp.h"
#include "linux/workqueue.h"
#include "mmsim/machine.h"
#include "mmsim/sched_state.h"

void INIT_WORK(struct work_struct *work, work_func_t func)
{
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
	work->pending = false;
	work->cpu = -1;
}

static void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	queue_work(system_wq, &dwork->work);
}

void INIT_DELAYED_WORK(struct delayed_work *dwork, work_func_t func)
{
	INIT_WORK(&dwork->work, func);
	timer_setup(&dwork->timer, delayed_work_timer_fn, 0);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	(void)wq;
	if (work->pending)
		return false;
	work->pending = true;
	list_add_tail(&work->entry, &sched_sim_state()->works);
	return true;
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	if (delayed_work_pending(dwork))
		return false;
	dwork->work.cpu = cpu;
	if (!delay)
		return queue_work(wq, &dwork->work);
	mod_timer(&dwork->timer, jiffies + delay);
	return true;
}

bool queue_delayed_work(struct workqueue_struct *wq,
			struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(-1, wq, dwork, delay);
}

bool cancel_work(struct work_struct *work)
{
	if (!work->pending)
		return false;
	list_del_init(&work->entry);
	work->pending = false;
	return true;
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	bool was = del_timer(&dwork->timer);

	return cancel_work(&dwork->work) || was;
}

/* Re-arm whatever the state: true when it was pending before. */
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		      unsigned long delay)
{
	bool was = cancel_delayed_work(dwork);

	queue_delayed_work_on(dwork->work.cpu, wq, dwork, delay);
	return was;
}

/* Run the first queued work item, on the CPU it was queued for. */
bool run_one_work(void)
{
	struct sched_sim_state *s = sched_sim_state();
	struct work_struct *w;
	int saved = mmsim_cpu_id;

	if (list_empty(&s->works))
		return false;
	w = list_first_entry(&s->works, struct work_struct, entry);
	list_del_init(&w->entry);
	w->pending = false;
	if (w->cpu >= 0)
		mmsim_cpu_id = w->cpu;
	w->func(w);
	mmsim_cpu_id = saved;
	return true;
}
