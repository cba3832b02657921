/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mutex.h — sleeping mutual exclusion between simulated CPUs.
 *
 * Kernel counterpart: include/linux/mutex.h, kernel/locking/mutex.c
 * (struct mutex: mutex_init, mutex_lock, mutex_unlock, mutex_trylock,
 * mutex_is_locked).  Nothing in the simulation sleeps: a mutex is a
 * rw_semaphore only ever taken for writing (include/linux/rwsem.h), whose
 * contended path yields the host CPU as a sleeping waiter gives its CPU
 * away.  The owner is the simulated CPU holding it, for the held checks.
 */
#ifndef _MMSIM_LINUX_MUTEX_H
#define _MMSIM_LINUX_MUTEX_H

#include "linux/rwsem.h"

struct mutex {
	struct rw_semaphore sem;
};

static inline void mutex_init(struct mutex *lock) { init_rwsem(&lock->sem); }
static inline void mutex_lock(struct mutex *lock) { down_write(&lock->sem); }
static inline bool mutex_trylock(struct mutex *lock) { return down_write_trylock(&lock->sem); }
static inline void mutex_unlock(struct mutex *lock) { up_write(&lock->sem); }
static inline bool mutex_is_locked(struct mutex *lock) { return rwsem_is_locked(&lock->sem); }

/* lockdep_assert_held of a mutex: this simulated CPU holds it (debug builds). */
#if MMSIM_DEBUG >= 1
#define mutex_assert_held(l) BUG_ON(!rwsem_is_write_locked_by_me(&(l)->sem))
#else
#define mutex_assert_held(l) ((void)(l))
#endif

#endif /* _MMSIM_LINUX_MUTEX_H */
