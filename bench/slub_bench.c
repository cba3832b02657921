// SPDX-License-Identifier: MIT
/*
 * bench/slub_bench.c — mmsim's kmalloc/kfree next to the host's malloc
 * implementations on the same three workloads (bench/alloc_workloads.h).
 *
 * No kernel counterpart.  A default machine (pc, 512 MiB, 2 CPUs) is
 * booted with pin_cpus (--pin-cpus: simulated CPU N's host thread on host
 * CPU N, host/cpu.c); this thread is simulated CPU 0 for the one-CPU
 * workloads, the remote workload runs CPUs 0 and 1 on two host threads
 * (the malloc peer pins its two threads the same way).  Debian's kernel zeroes every kmalloc object
 * (CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y); the hot pair is timed as booted
 * (what the kernel does) and once more on a machine booted with
 * init_on_alloc=0 (the allocator alone, as the malloc()s work), and so
 * is the random workload.
 *
 *   slub_bench                         mmsim's figures only
 *   slub_bench --only WHAT             one workload (hot, random, remote or
 *                                      scaling), mmsim only: for profiling
 *   slub_bench --peers PEER NAME=LIB.. the table: PEER (bench/malloc_peer)
 *                                      is run once per NAME with LIB in
 *                                      LD_PRELOAD ("" for none), all in
 *                                      this one run, and each figure is
 *                                      divided by mmsim's: the ratio
 *                                      allocator / mmsim, so > 1 means
 *                                      mmsim is faster
 *
 * Figures are ns per operation, best of ROUNDS; TSC ticks per pair are
 * shown for the hot pair (the kernel's design target: a few tens of
 * cycles).  Never part of the tests.
 */
#include "alloc_workloads.h"

#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/slab.h"
#include "linux/smp.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86intrin.h>

#define MAX_PEERS 6

static volatile unsigned long sink;

/* The host scheduler in the scaling runs (bench: /proc/thread-self/sched). */
struct sched_facts {
	long migrations_2cpu, involuntary_2cpu; /* summed over the 2-CPU runs */
	int shared_start;       /* 2-CPU runs whose threads began on one host CPU */
};

struct figures {
	double hot, hot_noinit, random, random_noinit, remote, remote_noinit, hot_ticks;
	/* mmsim only: 2 CPUs vs 1, pinned ([1]) and placed by the host ([0]) */
	double scale_pages[2], scale_slub[2];
	struct sched_facts sched[2];
};

static struct machine *boot(const char *append)
{
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *prof;
	struct machine *m;
	char path[4096], err[512];

	memset(&d, 0, sizeof(d));
	d.arch = MMSIM_ARCH_X86_64;
	strcpy(d.model, "pc");
	d.ram_size = 512ULL << 20;
	d.smp_cpus = d.max_cpus = 2;
	d.sockets = 1;
	d.cores = 2;
	d.threads = 1;
	d.pin_cpus = true;      /* simulated CPU N on host CPU N: host/cpu.c */
	snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyS0 loglevel=8 %s", append);
	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-56-amd64", host_data_dir());
	kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-56-amd64.profile",
		 host_data_dir());
	prof = kc ? profile_load(path, err, sizeof(err)) : NULL;
	m = prof ? machine_create(&d, kc, prof, err, sizeof(err)) : NULL;
	if (!m) {
		fprintf(stderr, "slub_bench: %s\n", err);
		exit(1);
	}
	m->log.console_enabled = false;
	if (machine_boot(m) || !(machine_enter(m), slab_is_available())) {
		fprintf(stderr, "slub_bench: the machine did not boot\n");
		exit(1);
	}
	return m;
}

static double hot(double *ticks)
{
	u64 t0 = host_time_ns(), c0 = __rdtsc();
	unsigned long i;

	for (i = 0; i < HOT_PAIRS; i++) {
		char *p = kmalloc(64, GFP_KERNEL);

		p[0] = (char)i;
		sink += (unsigned long)p[0];
		kfree(p);
	}
	if (ticks)
		*ticks = (double)(__rdtsc() - c0) / (double)HOT_PAIRS;
	return (double)(host_time_ns() - t0) / (double)HOT_PAIRS;
}

static double random_sizes(void)
{
	static void *slot[WS_SLOTS];
	uint64_t seed = BENCH_SEED;
	unsigned long i;
	u64 t0;
	double ns;

	for (i = 0; i < WS_SLOTS; i++)
		slot[i] = kmalloc(8 + bench_next(&seed) % 4089, GFP_KERNEL);
	t0 = host_time_ns();
	for (i = 0; i < RANDOM_STEPS; i++) {
		uint64_t r = bench_next(&seed);
		unsigned int j = (unsigned int)(r % WS_SLOTS);

		kfree(slot[j]);
		slot[j] = kmalloc(8 + (r >> 32) % 4089, GFP_KERNEL);
		((char *)slot[j])[0] = (char)i;
	}
	ns = (double)(host_time_ns() - t0) / (double)RANDOM_STEPS;
	for (i = 0; i < WS_SLOTS; i++)
		kfree(slot[i]);
	return ns;
}

static struct bench_ring ring;

static void remote_cpu(int cpu, void *arg)
{
	(void)arg;
	if (cpu == 1)
		BENCH_CONSUMER(&ring, kfree);
	else
		BENCH_PRODUCER(&ring, kmalloc(64, GFP_KERNEL));
}

/* Simulated CPUs 0 and 1 on host threads pinned as the machine says. */
static double remote(struct machine *m)
{
	const int cpus[2] = { 0, 1 };

	memset(&ring, 0, sizeof(ring));
	if (host_run_on_cpus(m, cpus, 2, remote_cpu, NULL)) {
		fprintf(stderr, "slub_bench: cannot start the simulated CPUs\n");
		exit(1);
	}
	return (ring.t_end - ring.t_start) / (double)REMOTE_OBJECTS;
}

/*
 * Scaling: each simulated CPU allocates and frees on its own (order-0
 * pages through its per-CPU list, or kmalloc(64) through its per-CPU
 * slab); 2 CPUs on 2 host threads against one.  The figure is
 * throughput(2) / throughput(1) = 2 * t(1) / t(2), where t is from the
 * first thread's start to the last one's end of the same number of pairs
 * per CPU.
 *
 * What the window leaves out, since it is not the allocators' work: the
 * threads' creation and placement (the timed loop starts at a barrier the
 * threads meet once running), and first touches and list refills (each
 * thread first runs an eighth of its pairs untimed).  The pairs per CPU
 * are calibrated to about SCALE_WINDOW_NS of one CPU's work: a short
 * window is mostly the host's reaction time.  The one-CPU and two-CPU
 * runs alternate, best of SCALE_ROUNDS each, so that a change of the
 * host's load or clock during the run touches both alike.
 */
#define SCALE_WINDOW_NS 100e6
#define SCALE_ROUNDS 5

struct scale_run {
	bool pages;
	unsigned long pairs;    /* per CPU */
	int n, arrived;         /* threads; those at the start barrier */
	double start[2], end[2];
	int host_cpu[2];        /* where each thread began the timed loop */
	long migrations, involuntary; /* host scheduler, in the timed loops */
};

/* Each CPU sums into a local: a shared sum would bounce between the cores. */
static unsigned long scale_loop(bool pages, unsigned long pairs)
{
	unsigned long i, acc = 0;

	for (i = 0; i < pairs; i++) {
		if (pages) {
			struct page *page = alloc_pages(GFP_KERNEL, 0);

			acc += (unsigned long)page;
			__free_pages(page, 0);
		} else {
			char *p = kmalloc(64, GFP_KERNEL);

			p[0] = (char)i;
			acc += (unsigned long)p[0];
			kfree(p);
		}
	}
	return acc;
}

/* This thread's host migrations and involuntary switches so far. */
static void thread_sched(long *migrations, long *involuntary)
{
	FILE *f = fopen("/proc/thread-self/sched", "r");
	char line[256];
	long v;

	*migrations = *involuntary = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon || sscanf(colon + 1, "%ld", &v) != 1)
			continue;
		if (!strncmp(line, "se.nr_migrations ", 17))
			*migrations = v;
		else if (!strncmp(line, "nr_involuntary_switches ", 24))
			*involuntary = v;
	}
	fclose(f);
}

static void scale_cpu(int cpu, void *arg)
{
	struct scale_run *s = arg;
	unsigned int spins = 0;
	long m0, i0, m1, i1;
	unsigned long acc;

	acc = scale_loop(s->pages, s->pairs / 8);
	thread_sched(&m0, &i0);
	__atomic_add_fetch(&s->arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&s->arrived, __ATOMIC_ACQUIRE) < s->n) {
		if (++spins < 1024)
			bench_pause();
		else
			sched_yield();
	}
	s->start[cpu] = bench_now_ns();
	s->host_cpu[cpu] = sched_getcpu();
	acc += scale_loop(s->pages, s->pairs);
	s->end[cpu] = bench_now_ns();
	thread_sched(&m1, &i1);
	__atomic_add_fetch(&s->migrations, m1 - m0, __ATOMIC_RELAXED);
	__atomic_add_fetch(&s->involuntary, i1 - i0, __ATOMIC_RELAXED);
	__atomic_add_fetch(&sink, acc, __ATOMIC_RELAXED);
}

/* One run of @n CPUs (0 and 1): the window in ns. */
static double scale_once(struct machine *m, struct scale_run *s, int n,
			 struct sched_facts *facts)
{
	const int cpus[2] = { 0, 1 };
	double t0, t1;

	s->n = n;
	s->arrived = 0;
	s->migrations = s->involuntary = 0;
	if (host_run_on_cpus(m, cpus, n, scale_cpu, s)) {
		fprintf(stderr, "slub_bench: cannot start the simulated CPUs\n");
		exit(1);
	}
	t0 = s->start[0];
	t1 = s->end[0];
	if (n == 2) {
		t0 = min(t0, s->start[1]);
		t1 = max(t1, s->end[1]);
		facts->migrations_2cpu += s->migrations;
		facts->involuntary_2cpu += s->involuntary;
		facts->shared_start += s->host_cpu[0] == s->host_cpu[1];
	}
	return t1 - t0;
}

static double scaling(struct machine *m, bool pages, struct sched_facts *facts)
{
	struct scale_run s = { .pages = pages };
	double t1 = 1e30, t2 = 1e30, t0, ns;
	int r;

	/* calibrate on this thread (simulated CPU 0), warm */
	sink += scale_loop(pages, 100000);
	t0 = bench_now_ns();
	sink += scale_loop(pages, 100000);
	ns = (bench_now_ns() - t0) / 100000;
	s.pairs = (unsigned long)(SCALE_WINDOW_NS / (ns > 1 ? ns : 1));
	for (r = 0; r < SCALE_ROUNDS; r++) {
		t1 = min(t1, scale_once(m, &s, 1, facts));
		t2 = min(t2, scale_once(m, &s, 2, facts));
	}
	return 2 * t1 / t2;
}

/* Which workloads to run (slub_bench --only NAME; all by default). */
enum { W_HOT = 1, W_RANDOM = 2, W_REMOTE = 4, W_SCALING = 8, W_ALL = 15 };

static void measure_mmsim(struct figures *f, unsigned int what)
{
	struct machine *m = boot("");
	double v, ticks;
	int r;

	f->hot = f->random = f->remote = f->hot_ticks = 1e30;
	f->hot_noinit = f->random_noinit = f->remote_noinit = 1e30;
	memset(f->scale_pages, 0, sizeof(f->scale_pages));
	memset(f->scale_slub, 0, sizeof(f->scale_slub));
	memset(f->sched, 0, sizeof(f->sched));
	for (r = 0; r < ROUNDS; r++) {
		if (what & W_HOT) {
			v = hot(&ticks);
			if (v < f->hot) {
				f->hot = v;
				f->hot_ticks = ticks;
			}
		}
		if (what & W_RANDOM) {
			v = random_sizes();
			f->random = v < f->random ? v : f->random;
		}
		if (what & W_REMOTE) {
			v = remote(m);
			f->remote = v < f->remote ? v : f->remote;
		}
	}
	machine_destroy(m);

	m = boot("init_on_alloc=0");
	for (r = 0; r < ROUNDS; r++) {
		if (what & W_HOT) {
			v = hot(NULL);
			f->hot_noinit = v < f->hot_noinit ? v : f->hot_noinit;
		}
		if (what & W_RANDOM) {
			v = random_sizes();
			f->random_noinit = v < f->random_noinit ? v : f->random_noinit;
		}
		if (what & W_REMOTE) {
			v = remote(m);
			f->remote_noinit = v < f->remote_noinit ? v : f->remote_noinit;
		}
	}
	if (what & W_SCALING) {
		int pin;

		for (pin = 1; pin >= 0; pin--) {
			m->desc.pin_cpus = pin;
			f->scale_pages[pin] = scaling(m, true, &f->sched[pin]);
			f->scale_slub[pin] = scaling(m, false, &f->sched[pin]);
		}
		m->desc.pin_cpus = true;
	}
	machine_destroy(m);
}

static unsigned int parse_only(const char *name)
{
	static const char *const names[] = { "hot", "random", "remote", "scaling" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return 1U << i;
	fprintf(stderr, "slub_bench: --only '%s': expected hot, random, remote or scaling\n",
		name);
	exit(2);
}

/* Run @peer with @lib preloaded; its three figures, or -1 each. */
static void measure_peer(const char *peer, const char *lib, struct figures *f)
{
	char cmd[4096], line[256], name[32];
	double v;
	FILE *p;

	f->hot = f->random = f->remote = -1;
	snprintf(cmd, sizeof(cmd), "%s%s%s %s", *lib ? "LD_PRELOAD=" : "", lib,
		 *lib ? "" : "", peer);
	p = popen(cmd, "r");
	if (!p)
		return;
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "%31s %lf", name, &v) == 2) {
			if (!strcmp(name, "hot"))
				f->hot = v;
			else if (!strcmp(name, "random"))
				f->random = v;
			else if (!strcmp(name, "remote"))
				f->remote = v;
		}
	pclose(p);
}

static void print_row(const char *what, double mine, const struct figures *peer,
		      int n, int which)
{
	int i;

	printf("%-36s %7.1f", what, mine);
	for (i = 0; i < n; i++) {
		double v = which == 0 ? peer[i].hot : which == 1 ? peer[i].random
							       : peer[i].remote;

		printf("  %8.1f (x%.2f)", v, v > 0 ? v / mine : 0.0);
	}
	printf("\n");
}

/* The scaling figures, pinned and not, with what the host scheduler did. */
static void print_scaling(const struct figures *f)
{
	int pin;

	printf("scaling, 2 simulated CPUs on 2 host threads vs 1 (init_on_alloc=0, "
	       "throughput ratio, best of %d):\n", SCALE_ROUNDS);
	for (pin = 1; pin >= 0; pin--)
		printf("  %-28s order-0 pages %.2fx, kmalloc(64) %.2fx (target >= 1.8x); "
		       "host: %ld migrations, %ld involuntary switches in the 2-CPU windows, "
		       "%d of %d 2-CPU runs began on one host CPU\n",
		       pin ? "--pin-cpus (host CPU 0, 1):" : "placed by the host scheduler:",
		       f->scale_pages[pin], f->scale_slub[pin], f->sched[pin].migrations_2cpu,
		       f->sched[pin].involuntary_2cpu, f->sched[pin].shared_start,
		       2 * SCALE_ROUNDS);
}

int main(int argc, char **argv)
{
	struct figures mine, peer[MAX_PEERS];
	const char *names[MAX_PEERS];
	int n = 0, i;

	if (argc == 3 && !strcmp(argv[1], "--only")) {
		unsigned int what = parse_only(argv[2]);

		measure_mmsim(&mine, what);
		if (what == W_SCALING)
			print_scaling(&mine);
		else
			printf("slub_bench %s: %.1f ns (init_on_alloc on), %.1f ns (off)\n",
			       argv[2], what == W_HOT ? mine.hot : what == W_RANDOM ?
			       mine.random : mine.remote, what == W_HOT ? mine.hot_noinit :
			       what == W_RANDOM ? mine.random_noinit : mine.remote_noinit);
		return 0;
	}
	measure_mmsim(&mine, W_ALL);
	if (argc < 3 || strcmp(argv[1], "--peers")) {
		printf("slub_bench (mmsim only): kmalloc(64)+kfree %.1f ns (%.0f TSC ticks), "
		       "without init_on_alloc %.1f ns; random sizes %.1f ns/step "
		       "(%.1f without); remote frees %.1f ns/object (%.1f without)\n",
		       mine.hot, mine.hot_ticks, mine.hot_noinit, mine.random,
		       mine.random_noinit, mine.remote, mine.remote_noinit);
		return 0;
	}
	for (i = 3; i < argc && n < MAX_PEERS; i++, n++) {
		char *eq = strchr(argv[i], '=');

		names[n] = argv[i];
		if (eq)
			*eq = '\0';
		measure_peer(argv[2], eq ? eq + 1 : "", &peer[n]);
	}

	printf("\nSLUB (mmsim kmalloc/kfree) vs malloc/free, one run, ns per operation,\n"
	       "best of %d; (xR) = allocator / mmsim: above 1, mmsim is faster\n\n",
	       ROUNDS);
	printf("%-36s %7s", "workload (ns per operation)", "mmsim");
	for (i = 0; i < n; i++)
		printf("  %17s", names[i]);
	printf("\n");
	print_row("hot 64 B pair (init_on_alloc on)", mine.hot, peer, n, 0);
	print_row("hot 64 B pair (init_on_alloc=0)", mine.hot_noinit, peer, n, 0);
	print_row("random 8..4096 B (init_on_alloc on)", mine.random, peer, n, 1);
	print_row("random 8..4096 B (init_on_alloc=0)", mine.random_noinit, peer, n, 1);
	print_row("producer/consumer (init_on_alloc on)", mine.remote, peer, n, 2);
	print_row("producer/consumer (init_on_alloc=0)", mine.remote_noinit, peer, n, 2);
	printf("\nmmsim hot pair: %.0f TSC ticks (with init_on_alloc's 64-byte memset)\n",
	       mine.hot_ticks);
	print_scaling(&mine);
	return 0;
}
