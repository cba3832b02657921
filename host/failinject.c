// SPDX-License-Identifier: MIT
/*
 * host/failinject.c — the host failing on purpose: MMSIM_FAIL_HOST=N.
 *
 * No kernel counterpart (the kernel's own switches are failslab= and
 * fail_page_alloc=, lib/fault-inject.c).  This one fails the simulator's
 * requests to the host, counted from the start of the process: heap
 * (host_alloc, host_realloc, host_strdup) and mappings (the RAM memfd,
 * address-space reservations, aliases of RAM).  With MMSIM_FAIL_HOST=N
 * the Nth request fails; MMSIM_FAIL_HOST_REPORT=1 prints how many
 * requests the process made, at exit, so that a sweep knows the range
 * (tests/cli/failinject.sh).
 *
 * What a failure does:
 *   mapping   returned as -ENOMEM / NULL; its caller reports it (an
 *             error line, or the kernel's own failure path)
 *   heap      fatal: mmsim's bookkeeping cannot go on without it.
 *             host_out_of_memory() prints one line and ends the process
 *             at once with status 3 (_exit: everything still allocated
 *             is in use, not leaked, so no leak report is wanted)
 *
 * The counter is process-wide on purpose (there is one host, whatever
 * the number of machines); it is the only state here.
 */
#include "mmsim/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct {
	unsigned long requests;  /* host requests so far */
	unsigned long fail_at;   /* MMSIM_FAIL_HOST, 0: never */
	int state;               /* 0: environment not read yet */
} fi;

static void report_requests(void)
{
	fprintf(stderr, "mmsim: %lu host requests\n", fi.requests);
}

static void read_environment(void)
{
	const char *v = getenv("MMSIM_FAIL_HOST");

	fi.state = 1;
	fi.fail_at = v ? strtoul(v, NULL, 10) : 0;
	v = getenv("MMSIM_FAIL_HOST_REPORT");
	if (v && *v == '1')
		atexit(report_requests);
}

bool host_should_fail(void)
{
	unsigned long n;

	if (!fi.state)
		read_environment();
	n = __atomic_add_fetch(&fi.requests, 1, __ATOMIC_RELAXED);
	return fi.fail_at && n == fi.fail_at;
}

void host_out_of_memory(size_t size)
{
	fprintf(stderr, "mmsim: host out of memory (%zu bytes)\n", size);
	fflush(NULL);
	_exit(3);
}
