/* SPDX-License-Identifier: MIT */
/*
 * include/linux/numa.h — NUMA node numbering.
 *
 * Kernel counterpart: include/linux/numa.h.  MAX_NUMNODES comes from the
 * kernel .config (CONFIG_NODES_SHIFT) at run time, so it is a function of
 * the current machine rather than a constant.
 */
#ifndef _MMSIM_LINUX_NUMA_H
#define _MMSIM_LINUX_NUMA_H

#define NUMA_NO_NODE (-1)
#define MAX_NUMNODES (current_max_numnodes())
int current_max_numnodes(void);

/* The largest node count any supported .config may ask for (NODES_SHIFT 10). */
#define MMSIM_MAX_NUMNODES_LIMIT 1024

#endif /* _MMSIM_LINUX_NUMA_H */
