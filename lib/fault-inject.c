// SPDX-License-Identifier: MIT
/*
 * lib/fault-inject.c — should_fail(): the decision of failslab= and
 * fail_page_alloc= (include/linux/fault-inject.h).
 *
 * Kernel counterpart: lib/fault-inject.c (Linux 6.1).  The checks run in
 * the kernel's order: probability 0 or no failures left lets the call
 * through; then the "space" allowance is used up by the sizes asked for;
 * then only every interval-th call is a candidate; then the dice (a
 * percentage).  A forced failure prints its notice (unless the caller
 * asked for silence with __GFP_NOWARN) and uses up one of the failures.
 * mmsim has no tasks (no make-it-fail filter, no per-task fail-nth) and
 * no stack-trace filter (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER).
 */
#include "linux/fault-inject.h"
#include "linux/kernel.h"
#include "linux/prandom.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

#include <stdio.h>

static void fault_attr_init(struct fault_attr *attr)
{
	*attr = (struct fault_attr){ .interval = 1, .times = 1, .verbose = 2 };
}

void fault_inject_state_init(struct fault_inject_state *st)
{
	struct rnd_state rnd;

	fault_attr_init(&st->failslab);
	st->failslab_ignore_gfp_reclaim = true;
	st->failslab_cache_filter = false;
	fault_attr_init(&st->fail_page_alloc);
	st->fpa_ignore_gfp_reclaim = true;
	st->fpa_ignore_gfp_highmem = true;
	st->fpa_min_order = 1;
	prandom_seed_state(&rnd, 0x6661756c74ULL);
	st->rnd[0] = rnd.s1;
	st->rnd[1] = rnd.s2;
	st->rnd[2] = rnd.s3;
	st->rnd[3] = rnd.s4;
}

/* A __setup() helper: 1 when "interval,probability,space,times" parsed. */
int setup_fault_attr(struct fault_attr *attr, char *str)
{
	unsigned long probability, interval;
	int times, space;

	if (sscanf(str, "%lu,%lu,%d,%d", &interval, &probability, &space,
		   &times) < 4) {
		pr_warn("FAULT_INJECTION: failed to parse arguments\n");
		return 0;
	}
	attr->probability = probability;
	attr->interval = interval;
	attr->times = times;
	attr->space = space;
	return 1;
}

static void fail_dump(struct fault_attr *attr)
{
	if (!attr->verbose)
		return;
	pr_notice("FAULT_INJECTION: forcing a failure.\n"
		  "name %s, interval %lu, probability %lu, space %d, times %d\n",
		  attr->dname ? attr->dname : "(null)", attr->interval,
		  attr->probability, attr->space, attr->times);
	if (attr->verbose > 1)
		dump_stack();
}

/* The kernel's prandom_u32_max(): a value in [0, ep_ro). */
static u32 fault_random_below(u32 ep_ro)
{
	u32 *reg = current_machine->fault.rnd;
	struct rnd_state rnd = { reg[0], reg[1], reg[2], reg[3] };
	u32 r = prandom_u32_state(&rnd);

	reg[0] = rnd.s1;
	reg[1] = rnd.s2;
	reg[2] = rnd.s3;
	reg[3] = rnd.s4;
	return (u32)(((u64)r * ep_ro) >> 32);
}

bool should_fail_ex(struct fault_attr *attr, ssize_t size, int flags)
{
	if (attr->probability == 0 || attr->times == 0)
		return false;
	if (attr->space > size) {
		attr->space -= (int)size;
		return false;
	}
	if (attr->interval > 1) {
		attr->count++;
		if (attr->count % attr->interval)
			return false;
	}
	if (attr->probability <= fault_random_below(100))
		return false;
	if (!(flags & FAULT_NOWARN))
		fail_dump(attr);
	if (attr->times != -1 && attr->times != 0)
		attr->times--;
	return true;
}

bool should_fail(struct fault_attr *attr, ssize_t size)
{
	return should_fail_ex(attr, size, 0);
}
