/* SPDX-License-Identifier: MIT */
/*
 * include/linux/spinlock.h — locks between simulated CPUs.
 *
 * Kernel counterpart: include/linux/spinlock.h.  Simulated CPUs are host
 * threads, so a spinlock is a host spinlock (pthread_spinlock_t).  There
 * are no interrupts in the simulation: the _irqsave forms only take the
 * lock and keep the flags argument so the kernel's code shape survives.
 * lockdep_assert_held() checks ownership in debug builds.
 */
#ifndef _MMSIM_LINUX_SPINLOCK_H
#define _MMSIM_LINUX_SPINLOCK_H

#include "linux/types.h"
#include <pthread.h>

typedef struct {
	pthread_spinlock_t lock;
	int owner; /* simulated CPU holding it, -1 when free (debug aid) */
} spinlock_t;

void spin_lock_init(spinlock_t *l);
void spin_lock_destroy(spinlock_t *l);
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
bool spin_trylock(spinlock_t *l);
bool spin_is_locked_by_me(spinlock_t *l);

#define spin_lock_irqsave(l, flags) do { (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { (void)(flags); spin_unlock(l); } while (0)
#define spin_lock_irq(l) spin_lock(l)
#define spin_unlock_irq(l) spin_unlock(l)
#define local_irq_save(flags) ((flags) = 0)
#define local_irq_restore(flags) ((void)(flags))

#if MMSIM_DEBUG >= 1
#define lockdep_assert_held(l) BUG_ON(!spin_is_locked_by_me(l))
#else
#define lockdep_assert_held(l) ((void)(l))
#endif

#endif /* _MMSIM_LINUX_SPINLOCK_H */
