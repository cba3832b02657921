/* SPDX-License-Identifier: MIT */
/*
 * include/linux/fault-inject.h — failures on purpose: failslab= and
 * fail_page_alloc=.
 *
 * Kernel counterparts: include/linux/fault-inject.h, lib/fault-inject.c,
 * mm/failslab.c, fail_page_alloc in mm/page_alloc.c (Linux 6.1).  A
 * fault_attr decides, at each call of should_fail(), whether this one
 * fails: never while its probability is 0 or its failure budget (times;
 * -1 = unlimited) is spent; not until "space" bytes have been asked for;
 * then every interval-th call, with the given probability in percent.
 * Each forced failure prints "FAULT_INJECTION: forcing a failure." and,
 * at the default verbosity 2, the stack.  The boot parameters set the four
 * numbers as "interval,probability,space,times", and exist only in
 * kernels built with CONFIG_FAILSLAB / CONFIG_FAIL_PAGE_ALLOC (Debian's
 * are not: use --config with them set).  The state is the machine's
 * (current_machine->fault).
 */
#ifndef _MMSIM_LINUX_FAULT_INJECT_H
#define _MMSIM_LINUX_FAULT_INJECT_H

#include "linux/types.h"
#include <sys/types.h>

struct fault_attr {
	unsigned long probability;  /* percent */
	unsigned long interval;     /* fail only every interval-th call */
	int times;                  /* failures left; -1: no limit */
	int space;                  /* bytes to let through first */
	unsigned long verbose;      /* 1: the notice, 2: and the stack */
	unsigned long count;        /* calls seen (for interval) */
	const char *dname;          /* debugfs name; NULL before debugfs */
};

enum fault_flags {
	FAULT_NOWARN = 1 << 0,
};

struct fault_inject_state {
	struct fault_attr failslab;
	bool failslab_ignore_gfp_reclaim;
	bool failslab_cache_filter;
	struct fault_attr fail_page_alloc;
	bool fpa_ignore_gfp_highmem;
	bool fpa_ignore_gfp_reclaim;
	unsigned int fpa_min_order;
	u32 rnd[4];  /* the dice: a struct rnd_state's registers (prandom.h) */
};

/* The kernel's static initialisers (FAULT_ATTR_INITIALIZER, ...). */
void fault_inject_state_init(struct fault_inject_state *st);

int setup_fault_attr(struct fault_attr *attr, char *str);
bool should_fail_ex(struct fault_attr *attr, ssize_t size, int flags);
bool should_fail(struct fault_attr *attr, ssize_t size);

struct kmem_cache;
/* mm/failslab.c: should this slab allocation fail? */
bool should_failslab(struct kmem_cache *s, gfp_t gfpflags);
/* mm/fail_page_alloc.c: should this page allocation fail? */
bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order);

#endif /* _MMSIM_LINUX_FAULT_INJECT_H */
