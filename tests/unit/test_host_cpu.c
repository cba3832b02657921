// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_host_cpu.c — where host_run_on_cpus() (host/cpu.c) runs
 * the simulated CPUs' threads.
 *
 * No kernel counterpart (this is the hardware).  A default machine runs
 * simulated CPUs 0, 1 and 2 on host threads; each thread notes its host
 * affinity.  Without pin_cpus the threads keep the whole set this process
 * may use (the host scheduler places them).  With pin_cpus, simulated CPU
 * N's thread may run on exactly one host CPU: the (N mod k)-th of the k
 * usable ones (CPU 2 shares with CPU 0 on a 2-CPU host); with fewer than
 * two usable host CPUs nothing is pinned.  The simulated CPU id and the
 * machine each thread sees are the same either way.
 */
#include "testmachine.h"
#include "buddy_machine.h"

#include "linux/smp.h"
#include "mmsim/host.h"

#include <sched.h>
#include <string.h>
#include <unistd.h>

#define NR 3

struct seen {
	cpu_set_t mask[NR];
	int cpu[NR];
	struct machine *m[NR];
};

static void note_affinity(int cpu, void *arg)
{
	struct seen *s = arg;

	if (sched_getaffinity(0, sizeof(s->mask[cpu]), &s->mask[cpu]))
		CPU_ZERO(&s->mask[cpu]);
	s->cpu[cpu] = smp_processor_id();
	s->m[cpu] = current_machine;
}

/* The (n mod k)-th CPU of @set (k = its count), or -1 with fewer than two. */
static int nth_cpu(const cpu_set_t *set, int n)
{
	int k = CPU_COUNT(set), c;

	if (k < 2)
		return -1;
	n %= k;
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, set) && n-- == 0)
			return c;
	return -1;
}

static void run_and_check(struct machine *m, bool pin)
{
	const int cpus[NR] = { 0, 1, 2 };
	struct seen s;
	cpu_set_t allowed;
	int i;

	memset(&s, 0, sizeof(s));
	CHECK_EQ("sched_getaffinity", 0, sched_getaffinity(getpid(), sizeof(allowed), &allowed));
	m->desc.pin_cpus = pin;
	CHECK_EQ("host_run_on_cpus", 0, host_run_on_cpus(m, cpus, NR, note_affinity, &s));
	for (i = 0; i < NR; i++) {
		int want = pin ? nth_cpu(&allowed, i) : -1;

		CHECK_EQ("smp_processor_id() on the thread", i, s.cpu[i]);
		CHECK_EQ("current_machine on the thread", (unsigned long)m,
			 (unsigned long)s.m[i]);
		if (want < 0) {
			CHECK_EQ("unpinned thread: the process's host CPUs", 1,
				 CPU_EQUAL(&s.mask[i], &allowed));
		} else {
			CHECK_EQ("pinned thread: host CPUs allowed", 1, CPU_COUNT(&s.mask[i]));
			CHECK_EQ("pinned thread: its host CPU (N mod k)", 1,
				 CPU_ISSET(want, &s.mask[i]));
		}
	}
	m->desc.pin_cpus = false;
}

static void test_threads_placed_by_host(void **state)
{
	run_and_check(*state, false);
}

static void test_threads_pinned(void **state)
{
	run_and_check(*state, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BM_TEST(test_threads_placed_by_host),
		BM_TEST(test_threads_pinned),
	};
	return cmocka_run_group_tests_name("host_cpu", tests, NULL, NULL);
}
