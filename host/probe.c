// SPDX-License-Identifier: MIT
/*
 * host/probe.c — can the process read this address?
 *
 * No kernel counterpart (see include/mmsim/host_probe.h).  The bytes are
 * written into a pipe: the kernel copies them from our address space and
 * answers EFAULT for an unmapped or PROT_NONE page, where a direct read
 * would kill the process.  Probed a page at a time, so the pipe never
 * fills.
 */
#include "mmsim/host_probe.h"

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#define PROBE_CHUNK 4096

bool host_probe_readable(const void *p, size_t len)
{
	const char *c = p;
	bool ok = true;
	int fds[2];

	if (pipe(fds) < 0)
		return false;
	while (ok && len) {
		size_t n = len < PROBE_CHUNK ? len : PROBE_CHUNK;
		char sink[PROBE_CHUNK];
		ssize_t w = write(fds[1], c, n);

		ok = w == (ssize_t)n;
		if (w > 0 && read(fds[0], sink, (size_t)w) != w)
			ok = false;
		c += n;
		len -= n;
	}
	close(fds[0]);
	close(fds[1]);
	return ok;
}
