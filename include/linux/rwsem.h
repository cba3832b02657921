/* SPDX-License-Identifier: MIT */
/*
 * include/linux/rwsem.h — reader/writer semaphores and reader/writer
 * spinlocks between simulated CPUs.
 *
 * Kernel counterparts: include/linux/rwsem.h, kernel/locking/rwsem.c
 * (struct rw_semaphore: down_read, down_write, *_trylock, up_*,
 * downgrade_write) and include/linux/rwlock.h (rwlock_t: read_lock,
 * write_lock, as tasklist_lock is).  Simulated CPUs are host threads and
 * nothing in the simulation sleeps, so both are one word that waiters
 * spin on (a contended rwsem yields the host CPU, as a sleeping waiter
 * gives its CPU away):
 *
 *   count  > 0   that many readers hold it
 *          = 0   free
 *          = -1  one writer holds it (owner = its simulated CPU)
 *
 * Taking it is a compare-and-swap with acquire order, dropping it a
 * release: what one holder wrote, the next holder reads.  Writers do not
 * queue ahead of later readers (6.1's handoff and optimistic spinning
 * are fairness, not exclusion).  The uncontended paths are inline, as
 * spinlock_t's are; the waiting loop is host/cpu.c's rwsem_wait().
 */
#ifndef _MMSIM_LINUX_RWSEM_H
#define _MMSIM_LINUX_RWSEM_H

#include "linux/types.h"
#include "linux/smp.h"

struct rw_semaphore {
	long count;     /* readers, 0 free, -1 a writer (see the top) */
	int owner;      /* the writer's simulated CPU, -1 otherwise */
};

#define RWSEM_WRITER_LOCKED (-1L)

/* Spin (then yield the host CPU) until @sem's count may let us in. */
void rwsem_wait(struct rw_semaphore *sem, bool write);

static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->owner = -1;
}

static inline bool down_read_trylock(struct rw_semaphore *sem)
{
	long c = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (c >= 0)
		if (__atomic_compare_exchange_n(&sem->count, &c, c + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

static inline bool down_write_trylock(struct rw_semaphore *sem)
{
	long free = 0;

	if (!__atomic_compare_exchange_n(&sem->count, &free, RWSEM_WRITER_LOCKED,
					 false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	__atomic_store_n(&sem->owner, mmsim_cpu_id, __ATOMIC_RELAXED);
	return true;
}

static inline void down_read(struct rw_semaphore *sem)
{
	while (__builtin_expect(!down_read_trylock(sem), 0))
		rwsem_wait(sem, false);
}

static inline void down_write(struct rw_semaphore *sem)
{
	while (__builtin_expect(!down_write_trylock(sem), 0))
		rwsem_wait(sem, true);
}

static inline void up_read(struct rw_semaphore *sem)
{
	__atomic_fetch_sub(&sem->count, 1, __ATOMIC_RELEASE);
}

static inline void up_write(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->owner, -1, __ATOMIC_RELAXED);
	__atomic_store_n(&sem->count, 0, __ATOMIC_RELEASE);
}

/* The writer becomes one reader without letting another writer in. */
static inline void downgrade_write(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->owner, -1, __ATOMIC_RELAXED);
	__atomic_store_n(&sem->count, 1, __ATOMIC_RELEASE);
}

static inline bool rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) != 0;
}

/* Held for writing by this simulated CPU (lockdep's write-held check). */
static inline bool rwsem_is_write_locked_by_me(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) == RWSEM_WRITER_LOCKED &&
	       __atomic_load_n(&sem->owner, __ATOMIC_RELAXED) == mmsim_cpu_id;
}

/*
 * rwlock_t: the kernel's spinning reader/writer lock (tasklist_lock).
 * The same word as a rw_semaphore; read_lock_irq and friends take it
 * the same way (no interrupts in the simulation).
 */
typedef struct {
	struct rw_semaphore sem;
} rwlock_t;

static inline void rwlock_init(rwlock_t *l) { init_rwsem(&l->sem); }
static inline void read_lock(rwlock_t *l) { down_read(&l->sem); }
static inline void read_unlock(rwlock_t *l) { up_read(&l->sem); }
static inline void write_lock(rwlock_t *l) { down_write(&l->sem); }
static inline void write_unlock(rwlock_t *l) { up_write(&l->sem); }
#define write_lock_irq(l) write_lock(l)
#define write_unlock_irq(l) write_unlock(l)

#endif /* _MMSIM_LINUX_RWSEM_H */
