// SPDX-License-Identifier: MIT
/*
 * tests/peer/maple/diff_mmsim.c — diff_ops.h on mmsim's maple tree
 * (lib/maple_tree*.c with glue_mmsim.c and the harness's kmem_cache).
 * No kernel counterpart.
 */
#include "linux/maple_tree.h"

#include <stdio.h>

int kmalloc_verbose;
unsigned int mt_nr_allocated(void);

#include "diff_ops.h"

int main(void)
{
	maple_tree_init();
	diff_ops_run_all();
	return 0;
}
