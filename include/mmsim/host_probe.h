/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/host_probe.h — asking the host whether an address can be
 * read, without touching it.
 *
 * No kernel counterpart: a test aid for the host views of simulated memory
 * (vmalloc's window, the vmemmap): a guard page or a freed vmalloc area
 * must not be accessible, a mapped one must be.  Implemented in
 * host/probe.c by letting the OS copy the bytes (which fails with EFAULT
 * instead of faulting the process).
 */
#ifndef _MMSIM_HOST_PROBE_H
#define _MMSIM_HOST_PROBE_H

#include <stdbool.h>
#include <stddef.h>

/* Can all of [p, p + len) be read?  (len >= 1) */
bool host_probe_readable(const void *p, size_t len);

#endif /* _MMSIM_HOST_PROBE_H */
