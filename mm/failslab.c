// SPDX-License-Identifier: MIT
/*
 * mm/failslab.c — failslab=: make slab allocations fail on purpose.
 *
 * Kernel counterpart: mm/failslab.c (Linux 6.1, CONFIG_FAILSLAB).  The
 * bootstrap cache (kmem_cache itself) and __GFP_NOFAIL requests never
 * fail; by default neither do requests that may reclaim
 * (ignore-gfp-wait), so during boot, when gfp_allowed_mask strips the
 * reclaim bits, every slab allocation is a candidate.  The decision is
 * should_fail() on the object size (lib/fault-inject.c).
 */
#include "linux/fault-inject.h"
#include "linux/gfp.h"
#include "linux/init.h"
#include "linux/slab.h"
#include "mm/slab.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

bool should_failslab(struct kmem_cache *s, gfp_t gfpflags)
{
	struct fault_inject_state *st = &current_machine->fault;
	int flags = 0;

	if (unlikely(s == slub_st.kmem_cache))
		return false;
	if (gfpflags & __GFP_NOFAIL)
		return false;
	if (st->failslab_ignore_gfp_reclaim && (gfpflags & __GFP_DIRECT_RECLAIM))
		return false;
	if (gfpflags & __GFP_NOWARN)
		flags |= FAULT_NOWARN;
	return should_fail_ex(&st->failslab, s->object_size, flags);
}

/* Only a kernel built with CONFIG_FAILSLAB knows the parameter. */
static int setup_failslab(char *str)
{
	/* mmsim's __setup handlers return 0 when they took the parameter */
	if (!IS_ENABLED(CONFIG_FAILSLAB))
		return 1;
	return setup_fault_attr(&current_machine->fault.failslab, str) ? 0 : 1;
}
__setup("failslab=", setup_failslab);
