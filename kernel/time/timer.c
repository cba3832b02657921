// SPDX-License-Identifier: MIT
/*
 * kernel/time/timer.c — jiffies and timers on the simulated clock.
 *
 * Kernel counterparts: kernel/time/timer.c (mod_timer, del_timer,
 * run_timer_softirq), kernel/time/time.c (msecs_to_jiffies) and
 * include/linux/jiffies.h (Linux 6.1).
 *
 * The kernel keeps a timer wheel so that arming and firing cost O(1) with
 * a granularity that grows with the timeout; the simulation has few timers
 * (one vmstat work per CPU, kcompactd and khugepaged timeouts) and fires
 * each at its exact expiry, so a plain list scanned for the earliest
 * expiry does.  The wheel's coarsening (a timer 1 s out may fire up to
 * 1/8 later) is not modelled: simulated threads wake at the jiffy they ask
 * for.  Expired timers fire only at scheduling points (kernel/kthread.c).
 */
#include "linux/kernel.h"
#include "linux/timer.h"
#include "linux/kthread.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/sched_state.h"

unsigned long sim_hz(void)
{
	return sched_sim_state()->hz;
}

/* Ticks since boot plus INITIAL_JIFFIES, as the tick handler counts them. */
unsigned long sim_jiffies(void)
{
	struct sched_sim_state *s = sched_sim_state();

	return INITIAL_JIFFIES + (unsigned long)(sim_now() / (NSEC_PER_SEC / s->hz));
}

unsigned long long jiffies_to_sim_ns(unsigned long j)
{
	return (unsigned long long)(j - INITIAL_JIFFIES) * (NSEC_PER_SEC / HZ);
}

/* Rounded up, as 6.1's msecs_to_jiffies for HZ dividing 1000. */
unsigned long msecs_to_jiffies(unsigned int m)
{
	unsigned long hz = HZ;

	return ((unsigned long)m * hz + 999) / 1000;
}

unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)(j * 1000 / HZ);
}

void timer_setup(struct timer_list *timer,
		 void (*function)(struct timer_list *), unsigned int flags)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = function;
	timer->flags = flags;
	timer->expires = 0;
	timer->seq = 0;
	timer->pending = false;
}

/*
 * The list of armed timers is shared by the simulated CPUs (host
 * threads): it changes under timer_lock, 6.1's timer_base->lock, and a
 * timer's function runs with the lock dropped, as __run_timers calls it.
 */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct sched_sim_state *s = sched_sim_state();
	int was;

	spin_lock(&s->timer_lock);
	was = timer->pending;
	if (was)
		list_del(&timer->entry);
	timer->expires = expires;
	timer->seq = ++s->timer_seq;
	__atomic_store_n(&timer->pending, true, __ATOMIC_RELAXED);
	list_add_tail(&timer->entry, &s->timers);
	spin_unlock(&s->timer_lock);
	return was;
}

void add_timer(struct timer_list *timer)
{
	mod_timer(timer, timer->expires);
}

int del_timer(struct timer_list *timer)
{
	struct sched_sim_state *s = sched_sim_state();
	int was;

	spin_lock(&s->timer_lock);
	was = timer->pending;
	if (was) {
		list_del_init(&timer->entry);
		__atomic_store_n(&timer->pending, false, __ATOMIC_RELAXED);
	}
	spin_unlock(&s->timer_lock);
	return was;
}

/* The armed timer that fires first: earliest expiry, then earliest armed. */
static struct timer_list *first_timer(void)
{
	struct sched_sim_state *s = sched_sim_state();
	struct timer_list *t, *best = NULL;

	list_for_each_entry(t, &s->timers, entry)
		if (!best || time_before(t->expires, best->expires) ||
		    (t->expires == best->expires && t->seq < best->seq))
			best = t;
	return best;
}

bool next_timer_expiry(unsigned long *when)
{
	struct sched_sim_state *s = sched_sim_state();
	struct timer_list *t;

	spin_lock(&s->timer_lock);
	t = first_timer();
	if (t)
		*when = t->expires;
	spin_unlock(&s->timer_lock);
	return t != NULL;
}

/* Fire the first due timer (run_timer_softirq, one at a time). */
bool run_one_expired_timer(void)
{
	struct sched_sim_state *s = sched_sim_state();
	unsigned long now = jiffies;
	struct timer_list *t;

	spin_lock(&s->timer_lock);
	t = first_timer();
	if (!t || time_before(now, t->expires)) {
		spin_unlock(&s->timer_lock);
		return false;
	}
	list_del_init(&t->entry);
	__atomic_store_n(&t->pending, false, __ATOMIC_RELAXED);
	spin_unlock(&s->timer_lock);
	t->function(t);
	return true;
}
