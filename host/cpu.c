// SPDX-License-Identifier: MIT
/*
 * host/cpu.c — simulated CPUs and the locks between them.
 *
 * No kernel counterpart: this is the hardware.  A simulated CPU is a host
 * thread that has set its CPU id (smp_processor_id()) and its machine
 * (current_machine).  host_run_on_cpus() starts one thread per requested
 * CPU, runs a function on each, and waits for all of them: the tests and
 * benchmarks use it to make CPUs allocate and free concurrently, and
 * page_alloc_init_late() to initialise the memory map in parallel.
 *
 * Host placement: by default the host scheduler places the threads.  A
 * machine described with pin_cpus (`--pin-cpus`, the benchmarks) runs
 * simulated CPU N's thread on one host CPU only: the (N mod k)-th of the
 * k host CPUs this process may use (sched_getaffinity of its main thread,
 * which is never pinned), set before the thread starts, so that it neither
 * starts beside another busy thread nor migrates.  Without it, the host
 * places a new thread on the CPU that looks idlest when it is created
 * (its creator still running there or not) and may leave it sharing a
 * core until load balancing moves it, milliseconds later: a large part
 * of a short two-CPU measurement (bench/slub_bench.c counts it).  It is
 * not the default because it is a bad rule for a shared host: simulators
 * run side by side (make check, a loop of runs) would all put their CPU 0
 * on host CPU 0 and their CPU 1 on host CPU 1, and a pinned thread cannot
 * leave a core some other program keeps busy.  With fewer than two usable
 * host CPUs nothing is pinned.
 */
#include "linux/kernel.h"
#include "linux/smp.h"
#include "linux/spinlock.h"
#include "linux/rwsem.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

__thread int mmsim_cpu_id;

void spin_lock_init(spinlock_t *l)
{
	l->lock = 0;
	l->owner = -1;
}

void spin_lock_destroy(spinlock_t *l)
{
	(void)l;
}

/*
 * spin_lock()'s contended case (the fast paths are inline in
 * linux/spinlock.h): wait reading the word until it looks free, then
 * try again; a long wait yields the host CPU (simulated CPUs may
 * outnumber host cores).
 */
void spin_lock_slow(spinlock_t *l)
{
	unsigned int spins = 0;

	while (!spin_trylock(l)) {
		while (__atomic_load_n(&l->lock, __ATOMIC_RELAXED)) {
			if (++spins < 1024) {
#if defined(__x86_64__) || defined(__i386__)
				__builtin_ia32_pause();
#endif
			} else
				sched_yield();
		}
	}
}

/* One round of waiting for another simulated CPU: pause, then yield. */
static void cpu_wait_round(unsigned int *spins)
{
	if (++*spins < 1024) {
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	} else
		sched_yield();
}

/*
 * A simulated CPU waits for another one to finish a step it cannot wait
 * on by a lock (6.1's schedule_timeout_uninterruptible(1) in the swap-in
 * retry): the host thread gives its CPU away once.
 */
void host_cpu_yield(void)
{
	sched_yield();
}

/*
 * A contended rw_semaphore or rwlock_t (linux/rwsem.h): wait until a
 * reader could get in (no writer) or a writer could (free); the caller
 * then tries again.
 */
void rwsem_wait(struct rw_semaphore *sem, bool write)
{
	unsigned int spins = 0;

	for (;;) {
		long c = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

		if (write ? c == 0 : c >= 0)
			return;
		cpu_wait_round(&spins);
	}
}

/* A bit lock (PG_locked, linux/pagemap.h) held elsewhere: wait for it to clear. */
void bit_lock_wait(unsigned long *word, unsigned long mask)
{
	unsigned int spins = 0;

	while (__atomic_load_n(word, __ATOMIC_RELAXED) & mask)
		cpu_wait_round(&spins);
}

bool spin_is_locked_by_me(spinlock_t *l)
{
	return l->owner == mmsim_cpu_id;
}

__thread bool mmsim_on_cpu_thread;

struct cpu_job {
	struct machine *m;
	int cpu;
	void (*fn)(int cpu, void *arg);
	void *arg;
};

/*
 * The host CPU simulated CPU @cpu runs on when pinned: the (@cpu mod k)-th
 * of the k host CPUs in @allowed.  -1 when fewer than two are allowed.
 */
static int host_cpu_for(const cpu_set_t *allowed, int cpu)
{
	int k = CPU_COUNT(allowed), want, c;

	if (k < 2 || cpu < 0)
		return -1;
	want = cpu % k;
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, allowed) && want-- == 0)
			return c;
	return -1;
}

/*
 * Thread attributes for simulated CPU @cpu: pinned to its host CPU when
 * @allowed (the pinning rule above) names one.  false: no attributes.
 */
static bool cpu_thread_attr(pthread_attr_t *attr, const cpu_set_t *allowed, int cpu)
{
	int host = allowed ? host_cpu_for(allowed, cpu) : -1;
	cpu_set_t one;

	if (host < 0 || pthread_attr_init(attr))
		return false;
	CPU_ZERO(&one);
	CPU_SET(host, &one);
	if (pthread_attr_setaffinity_np(attr, sizeof(one), &one)) {
		pthread_attr_destroy(attr);
		return false;
	}
	return true;
}

static void *cpu_thread(void *p)
{
	struct cpu_job *job = p;

	mmsim_cpu_id = job->cpu;
	mmsim_on_cpu_thread = true;
	machine_enter(job->m);
	job->fn(job->cpu, job->arg);
	machine_enter(NULL);
	mmsim_on_cpu_thread = false;
	return NULL;
}

int host_run_on_cpus(struct machine *m, const int *cpus, int n,
		     void (*fn)(int cpu, void *arg), void *arg)
{
	pthread_t *tid = host_alloc((size_t)n * sizeof(*tid));
	struct cpu_job *jobs = host_alloc((size_t)n * sizeof(*jobs));
	int i, started = 0, ret = 0;
	cpu_set_t allowed;
	bool pin = m && m->desc.pin_cpus &&
		   !sched_getaffinity(getpid(), sizeof(allowed), &allowed);

	for (i = 0; i < n; i++) {
		pthread_attr_t attr;
		bool has_attr = cpu_thread_attr(&attr, pin ? &allowed : NULL, cpus[i]);
		int err;

		jobs[i] = (struct cpu_job){ m, cpus[i], fn, arg };
		err = pthread_create(&tid[i], has_attr ? &attr : NULL, cpu_thread, &jobs[i]);
		if (has_attr)
			pthread_attr_destroy(&attr);
		if (err) {
			ret = -1;
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	host_free(tid);
	host_free(jobs);
	return ret;
}
