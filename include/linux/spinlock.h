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
#include "linux/smp.h"
#include <pthread.h>

typedef struct {
	int lock;  /* 0 free, 1 held (see spin_trylock) */
	int owner; /* simulated CPU holding it, -1 when free (debug aid) */
} spinlock_t;

void spin_lock_init(spinlock_t *l);
void spin_lock_destroy(spinlock_t *l);
void spin_lock_slow(spinlock_t *l);     /* host/cpu.c: contended */
bool spin_is_locked_by_me(spinlock_t *l);

/*
 * The uncontended paths are inline, as the kernel's arch spinlocks are:
 * an out-of-line call into libpthread per lock and unlock was the
 * largest single cost of the page allocator's per-CPU fast path (perf,
 * bench/page_alloc_bench.c).  The lock is one int, 0 free and 1 held: a
 * compare-and-swap takes it, a release store of 0 drops it, and the
 * contended case (spin_lock_slow) spins reading it with a pause, as a
 * test-and-test-and-set lock does.
 */
static inline bool spin_trylock(spinlock_t *l)
{
	int unlocked = 0;

	if (!__atomic_compare_exchange_n(&l->lock, &unlocked, 1, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	l->owner = mmsim_cpu_id;
	return true;
}

static inline void spin_lock(spinlock_t *l)
{
	if (__builtin_expect(!spin_trylock(l), 0))
		spin_lock_slow(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	l->owner = -1;
	__atomic_store_n(&l->lock, 0, __ATOMIC_RELEASE);
}

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
