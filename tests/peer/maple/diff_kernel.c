// SPDX-License-Identifier: MIT
/*
 * tests/peer/maple/diff_kernel.c — diff_ops.h on Linux 6.1.192's own
 * maple tree: the kernel's lib/maple_tree.c (from the linux-source-6.1
 * tarball, unpacked by run.sh, never committed) built with the
 * user-space harness of tools/testing/radix-tree, as the kernel's own
 * maple test-suite builds it.  No kernel counterpart.
 */
#include "test.h"
#include "lib/maple_tree.c"

#include <stdio.h>

int kmalloc_verbose;

unsigned int mt_nr_allocated(void)
{
	return kmem_cache_nr_allocated(maple_node_cache);
}

#include "diff_ops.h"

int main(void)
{
	maple_tree_init();
	diff_ops_run_all();
	rcu_barrier();
	return 0;
}
