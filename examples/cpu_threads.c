// SPDX-License-Identifier: MIT
/*
 * examples/cpu_threads.c — one host thread per simulated CPU.  Two ways:
 * mmsim_run_cpus() starts the threads itself; a thread of the program's
 * own (pthread_create) becomes a CPU with mmsim_enter(m, cpu).  The CPUs
 * allocate and free at the same time, through their per-CPU slabs and
 * per-CPU page lists.
 */
#include "mmsim/mmsim.h"
#include "linux/gfp.h"
#include "linux/slab.h"

#include <pthread.h>
#include <stdio.h>

#define ROUNDS 2000

static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void churn(int cpu, void *arg)
{
	void *objs[16];
	int r, i, bad = 0;

	(void)arg;
	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < 16; i++)
			if (!(objs[i] = kmalloc(32 << (i % 6), GFP_KERNEL)))
				bad++;
		for (i = 0; i < 16; i++)
			kfree(objs[i]);
	}
	pthread_mutex_lock(&lock);
	failures += bad;
	pthread_mutex_unlock(&lock);
	printf("cpu %d: %d rounds done\n", cpu, ROUNDS);
}

struct own_thread {
	struct machine *m;
	int cpu;
};

static void *own_thread_fn(void *p)
{
	struct own_thread *t = p;

	if (mmsim_enter(t->m, t->cpu))
		return NULL;
	churn(t->cpu, NULL);
	mmsim_leave();
	return NULL;
}

int main(void)
{
	static const int cpus[2] = { 0, 1 };
	struct own_thread t[2];
	pthread_t tid[2];
	struct mmsim_desc d;
	struct machine *m;
	char err[256];
	int i;

	mmsim_desc_init(&d);
	d.cpus = 4;
	m = mmsim_create(&d, err, sizeof(err));
	if (!m || mmsim_boot(m))
		return 1;
	if (mmsim_run_cpus(m, cpus, 2, churn, NULL))      /* CPUs 0 and 1 */
		return 1;
	for (i = 0; i < 2; i++) {                         /* CPUs 2 and 3 */
		t[i] = (struct own_thread){ m, 2 + i };
		pthread_create(&tid[i], NULL, own_thread_fn, &t[i]);
	}
	for (i = 0; i < 2; i++)
		pthread_join(tid[i], NULL);
	mmsim_destroy(m);
	printf("failures: %d\n", failures);
	return failures ? 1 : 0;
}
