// SPDX-License-Identifier: MIT
/*
 * mm/fail_page_alloc.c — fail_page_alloc=: make page allocations fail
 * on purpose.
 *
 * Kernel counterpart: the CONFIG_FAIL_PAGE_ALLOC part of mm/page_alloc.c
 * (Linux 6.1; a file of its own from 6.3).  Defaults as the kernel's:
 * order-0 requests never fail (min-order 1), nor __GFP_NOFAIL, HighMem
 * or reclaiming requests.  prepare_alloc_pages() asks first; a request
 * that is made to fail fails as one that found no memory.
 */
#include "linux/fault-inject.h"
#include "linux/gfp.h"
#include "linux/init.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order)
{
	struct fault_inject_state *st = &current_machine->fault;
	int flags = 0;

	if (order < st->fpa_min_order)
		return false;
	if (gfp_mask & __GFP_NOFAIL)
		return false;
	if (st->fpa_ignore_gfp_highmem && (gfp_mask & __GFP_HIGHMEM))
		return false;
	if (st->fpa_ignore_gfp_reclaim && (gfp_mask & __GFP_DIRECT_RECLAIM))
		return false;
	if (gfp_mask & __GFP_NOWARN)
		flags |= FAULT_NOWARN;
	return should_fail_ex(&st->fail_page_alloc, (ssize_t)1 << order, flags);
}

static int setup_fail_page_alloc(char *str)
{
	/* mmsim's __setup handlers return 0 when they took the parameter */
	if (!IS_ENABLED(CONFIG_FAIL_PAGE_ALLOC))
		return 1;
	return setup_fault_attr(&current_machine->fault.fail_page_alloc, str) ? 0 : 1;
}
__setup("fail_page_alloc=", setup_fail_page_alloc);
