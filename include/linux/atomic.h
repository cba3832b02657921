/* SPDX-License-Identifier: MIT */
/*
 * include/linux/atomic.h — atomic_t and atomic_long_t operations.
 *
 * Kernel counterpart: include/linux/atomic.h and the generated
 * include/linux/atomic/atomic-instrumented.h (Linux 6.1): atomic_read,
 * atomic_set, atomic_inc, atomic_xchg, atomic_long_read, atomic_long_set,
 * atomic_long_add, atomic_long_sub.  The counters (include/linux/types.h)
 * are shared by simulated CPUs on host threads, so each operation is the
 * compiler's atomic builtin: reads and sets relaxed, as the kernel's
 * READ_ONCE/WRITE_ONCE based ones are; read-modify-writes relaxed too
 * (the kernel's non-_return forms order nothing), xchg fully ordered.
 * Only the operations the tree uses are here.
 */
#ifndef _MMSIM_LINUX_ATOMIC_H
#define _MMSIM_LINUX_ATOMIC_H

#include "linux/types.h"

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_inc(atomic_t *v)
{
	__atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED);
}

static inline int atomic_xchg(atomic_t *v, int i)
{
	return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline long atomic_long_read(const atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_long_set(atomic_long_t *v, long i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_long_add(long i, atomic_long_t *v)
{
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_long_sub(long i, atomic_long_t *v)
{
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);
}

/*
 * READ_ONCE/WRITE_ONCE of a plain word the kernel reads or writes without
 * its lock on purpose (a racy peek a locked step then decides on): one
 * relaxed atomic access, so that neither the compiler nor ThreadSanitizer
 * takes it for an ordinary racing access.
 */
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val) __atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

#endif /* _MMSIM_LINUX_ATOMIC_H */
