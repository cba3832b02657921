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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	static const char *const sizes[] = { "1G", "16G", "64G", "256G" };
	const char *mmsim = getenv("MMSIM_BIN") ? getenv("MMSIM_BIN") : "build/bench/mmsim";
	struct result r[sizeof(sizes) / sizeof(sizes[0])];
	size_t i;
	int k;

	setvbuf(stdout, NULL, _IOLBF, 0);       /* nothing buffered across fork() */
	printf("\nboot: mmsim boot -m SIZE -smp 2 (%s), best of %d\n", mmsim, RUNS);
	printf("  %-6s %10s %8s %12s %8s\n", "SIZE", "time", "x 1G", "peak RSS", "x 1G");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		r[i].seconds = 1e30;
		r[i].peak_kb = 0;
		for (k = 0; k < RUNS; k++) {
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
		printf("  %-6s %9.3fs %7.1fx %9.1f MiB %7.1fx\n", sizes[i], r[i].seconds,
		       r[i].seconds / r[0].seconds, (double)r[i].peak_kb / 1024,
		       (double)r[i].peak_kb / (double)r[0].peak_kb);
	}
	return 0;
}
