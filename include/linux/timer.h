/* SPDX-License-Identifier: MIT */
/*
 * include/linux/timer.h — jiffies and timers on the simulated clock.
 *
 * Kernel counterparts: include/linux/jiffies.h, include/linux/timer.h,
 * kernel/time/timer.c (Linux 6.1).
 *
 * The machine's clock is its log's now_ns (what printk stamps).  jiffies
 * is derived from it as the kernel's tick counter would be: HZ ticks per
 * second (CONFIG_HZ of the .config, 250 on Debian's kernels), starting at
 * INITIAL_JIFFIES, the value five minutes before the 32-bit wrap that 6.1
 * starts from so that wrap bugs show early.
 *
 * A timer fires at a scheduling point (kernel/kthread.c) once jiffies has
 * reached its expiry; timers due at the same jiffy fire in the order they
 * were armed.  Nothing here runs on a host timer: simulated time moves
 * only when the simulation moves it, which keeps a run deterministic.
 */
#ifndef _MMSIM_LINUX_TIMER_H
#define _MMSIM_LINUX_TIMER_H

#include "linux/types.h"
#include "linux/list.h"

#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL

unsigned long sim_hz(void);            /* CONFIG_HZ */
unsigned long sim_jiffies(void);       /* the tick count now */
#define HZ (sim_hz())
#define jiffies (sim_jiffies())
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * (int)HZ))

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)

unsigned long msecs_to_jiffies(unsigned int m);
unsigned int jiffies_to_msecs(unsigned long j);

struct timer_list {
	struct list_head entry;       /* on the machine's timer list while armed */
	unsigned long expires;        /* in jiffies */
	void (*function)(struct timer_list *);
	unsigned int flags;
	unsigned long long seq;       /* arming order, for equal expiries */
	bool pending;
};

#define from_timer(var, callback_timer, field) \
	container_of(callback_timer, __typeof__(*var), field)

void timer_setup(struct timer_list *timer,
		 void (*function)(struct timer_list *), unsigned int flags);
/* Arm (or re-arm) to fire at @expires; 1 when it was already pending. */
int mod_timer(struct timer_list *timer, unsigned long expires);
void add_timer(struct timer_list *timer);
/* Disarm; 1 when it was pending. */
int del_timer(struct timer_list *timer);
#define del_timer_sync(t) del_timer(t)
static inline int timer_pending(const struct timer_list *timer)
{
	return __atomic_load_n(&timer->pending, __ATOMIC_RELAXED);   /* lockless, as 6.1 */
}

#endif /* _MMSIM_LINUX_TIMER_H */
