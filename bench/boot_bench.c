// SPDX-License-Identifier: MIT
/*
 * bench/boot_bench.c — what a whole boot costs: wall time and peak host
 * memory of `mmsim boot -m SIZE` for 1, 16, 64 and 256 GiB machines.
 *
 * No kernel counterpart.  Each boot runs as a child process (the mmsim
 * built by `make bench`, or $MMSIM_BIN), so its peak resident set
 * (getrusage's ru_maxrss of the child, which counts the simulated RAM
 * pages it touched) is its own.  The time is the best of three boots.
 * Ratios are to the 1 GiB boot of this same run.
 *
 * Where the cost goes: the kernel initialises one 64-byte struct page
 * per 4 KiB page (deferred struct-page init included, since mmsim boots to
 * the point where the kernel runs /init), so time and memory grow with the
 * machine: 1/64 of its RAM is touched for the memory map alone.
 *
 * The host's own limit, measured in the same run: the cost of first
 * touching fresh anonymous memory (one store per 4 KiB page, so the
 * kernel's fault and page zeroing dominate) with 4 KiB pages
 * (MADV_NOHUGEPAGE) and with transparent huge pages (MADV_HUGEPAGE), and
 * memset()'s bandwidth on memory already mapped.  A simulated GiB has a
 * 16 MiB memory map (262144 pages x 64 bytes); "x 4K"/"x THP" divide the
 * boot time per simulated GiB by the host's time to first-touch those
 * 16 MiB.  MMSIM_BENCH_SIZES (e.g. "16G 64G") replaces the sizes.
 *
 * The parallel deferred memory-map init (page_alloc_init_late on the
 * node's simulated CPUs, one host thread each): the same 16 GiB machine
 * booted with -smp 1 and -smp 2, the host time of that init as `mmsim
 * boot --verbose` reports it, best of RUNS each; the speed-up is the ratio.
 * The -smp 2 boots run with --pin-cpus (simulated CPU N's thread on host
 * CPU N, host/cpu.c), and once more without, to show what the host
 * scheduler's own placement gives.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS 3

struct result {
	double seconds;   /* best of RUNS */
	long peak_kb;     /* largest ru_maxrss seen */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One boot in a child: 0 and the figures, or -1. */
static int boot_once(const char *mmsim, const char *size, double *secs, long *kb)
{
	struct rusage ru;
	double t0 = now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execl(mmsim, mmsim, "boot", "-m", size, "-smp", "2", (char *)NULL);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	*secs = now() - t0;
	*kb = ru.ru_maxrss;
	return 0;
}

#define TOUCH_BYTES (256UL << 20)

/* Seconds to first-touch TOUCH_BYTES of fresh memory; @advice is a madvise(). */
static double first_touch(int advice)
{
	char *p = mmap(NULL, TOUCH_BYTES + (2UL << 20), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;
	unsigned long o;
	double t0, t;

	if (p == MAP_FAILED)
		return -1;
	a = (char *)(((unsigned long)p + (2UL << 20) - 1) & ~((2UL << 20) - 1));
	madvise(a, TOUCH_BYTES, advice);
	t0 = now();
	for (o = 0; o < TOUCH_BYTES; o += 4096)
		((volatile char *)a)[o] = 1;
	t = now() - t0;
	munmap(p, TOUCH_BYTES + (2UL << 20));
	return t;
}

/* Seconds for memset() of TOUCH_BYTES already mapped. */
static double memset_time(void)
{
	char *p = malloc(TOUCH_BYTES);
	double t0, t;

	if (!p)
		return -1;
	memset(p, 1, TOUCH_BYTES);
	t0 = now();
	memset(p, 2, TOUCH_BYTES);
	__asm__ volatile("" : : "r"(p) : "memory");   /* the stores are not dead */
	t = now() - t0;
	free(p);
	return t;
}

/*
 * Host ms of the deferred struct-page init of one `mmsim boot -m @size
 * -smp @smp --verbose` (its stderr line), or -1.
 */
static double deferred_init_ms(const char *mmsim, const char *size, int smp, bool pin)
{
	char cmd[4096], line[512];
	double ms = -1, v;
	unsigned int cpus;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "'%s' boot -m %s -smp %d%s --verbose --quiet 2>&1 >/dev/null",
		 mmsim, size, smp, pin ? " --pin-cpus" : "");
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "mmsim: deferred struct pages initialised in %lf ms of host "
			   "time on %u simulated CPUs", &v, &cpus) == 2 && (int)cpus == smp)
			ms = v;
	if (pclose(p))
		return -1;
	return ms;
}

/*
 * The deferred init's speed-up on 2 simulated CPUs against 1 (best of
 * RUNS, the three kinds of boot in turn): with --pin-cpus (the figure;
 * host/cpu.c) and with the threads placed by the host scheduler.
 */
static int deferred_init_speedup(const char *mmsim)
{
	const char *size = "16G";
	double t1 = 1e30, t2 = 1e30, t2free = 1e30;
	int k;

	for (k = 0; k < RUNS; k++) {
		double a = deferred_init_ms(mmsim, size, 1, false);
		double b = deferred_init_ms(mmsim, size, 2, true);
		double c = deferred_init_ms(mmsim, size, 2, false);

		if (a < 0 || b < 0 || c < 0) {
			printf("\ndeferred memory-map init: the boot failed or did not report it\n");
			return 1;
		}
		t1 = a < t1 ? a : t1;
		t2 = b < t2 ? b : t2;
		t2free = c < t2free ? c : t2free;
	}
	printf("\ndeferred memory-map init, -m %s (host time, best of %d): 1 CPU %.1f ms, "
	       "2 CPUs --pin-cpus %.1f ms: %.2fx (target >= 1.7x); 2 CPUs placed by the "
	       "host scheduler %.1f ms: %.2fx\n", size, RUNS, t1, t2, t1 / t2, t2free,
	       t1 / t2free);
	return 0;
}

static double gib_of(const char *size)
{
	double v = strtod(size, NULL);

	return strchr(size, 'T') ? v * 1024 : strchr(size, 'M') ? v / 1024 : v;
}

int main(void)
{
	static const char *sizes[8] = { "1G", "16G", "64G", "256G" };
	char *env = getenv("MMSIM_BENCH_SIZES") ? strdup(getenv("MMSIM_BENCH_SIZES")) : NULL;
	double t4k = 1e30, thp = 1e30, ms = 1e30, per_gib_4k, per_gib_thp;
	size_t nsizes = 4;
	const char *mmsim = getenv("MMSIM_BIN") ? getenv("MMSIM_BIN") : "build/bench/mmsim";
	struct result r[8];
	size_t i;
	int k;

	if (env) {
		nsizes = 0;
		for (char *tok = strtok(env, " "); tok && nsizes < 8; tok = strtok(NULL, " "))
			sizes[nsizes++] = tok;
	}
	for (k = 0; k < RUNS; k++) {
		double v = first_touch(MADV_NOHUGEPAGE);

		t4k = v < t4k ? v : t4k;
		v = first_touch(MADV_HUGEPAGE);
		thp = v < thp ? v : thp;
		v = memset_time();
		ms = v < ms ? v : ms;
	}
	/* the host's time to first-touch one simulated GiB's 16 MiB memory map */
	per_gib_4k = t4k * (16.0 * (1 << 20)) / (double)TOUCH_BYTES;
	per_gib_thp = thp * (16.0 * (1 << 20)) / (double)TOUCH_BYTES;
	setvbuf(stdout, NULL, _IOLBF, 0);       /* nothing buffered across fork() */
	printf("\nhost limits (best of %d): first touch %.2f s/GiB with 4 KiB pages, "
	       "%.2f s/GiB with THP; memset %.1f GiB/s\n", RUNS,
	       t4k * (1 << 30) / (double)TOUCH_BYTES, thp * (1 << 30) / (double)TOUCH_BYTES,
	       (double)TOUCH_BYTES / (1 << 30) / ms);
	printf("  = %.1f ms (4 KiB) / %.1f ms (THP) to first-touch the 16 MiB memory map "
	       "of one simulated GiB\n", per_gib_4k * 1e3, per_gib_thp * 1e3);
	printf("\nboot: mmsim boot -m SIZE -smp 2 (%s), best of %d (1 boot from 256G up)\n",
	       mmsim, RUNS);
	printf("  %-6s %10s %8s %12s %10s %8s %8s\n", "SIZE", "time", "x 1G", "peak RSS",
	       "ms/GiB", "x 4K", "x THP");
	for (i = 0; i < nsizes; i++) {
		int runs = gib_of(sizes[i]) >= 256 ? 1 : RUNS;
		double per_gib;

		r[i].seconds = 1e30;
		r[i].peak_kb = 0;
		for (k = 0; k < runs; k++) {
			double s;
			long kb;

			if (boot_once(mmsim, sizes[i], &s, &kb)) {
				printf("  %-6s boot failed\n", sizes[i]);
				return 1;
			}
			if (s < r[i].seconds)
				r[i].seconds = s;
			if (kb > r[i].peak_kb)
				r[i].peak_kb = kb;
		}
		per_gib = r[i].seconds / gib_of(sizes[i]);
		printf("  %-6s %9.3fs %7.1fx %9.1f MiB %10.1f %7.2fx %7.2fx\n", sizes[i],
		       r[i].seconds, r[i].seconds / r[0].seconds, (double)r[i].peak_kb / 1024,
		       per_gib * 1e3, per_gib / per_gib_4k, per_gib / per_gib_thp);
	}
	free(env);
	return deferred_init_speedup(mmsim);
}
