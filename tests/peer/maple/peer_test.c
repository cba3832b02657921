// SPDX-License-Identifier: MIT
/*
 * tests/peer/maple/peer_test.c — Linux's maple tree test-suite
 * (lib/test_maple_tree.c, unchanged) run against mmsim's maple tree.
 *
 * No kernel counterpart; the shape of tools/testing/radix-tree/maple.c:
 * the harness's headers, the module macros emptied, the kernel's test
 * file included, its module_init function called from main().  The
 * maple tree API comes from mmsim's include/linux/maple_tree.h (run.sh
 * puts it where <linux/maple_tree.h> is found).
 */
#include "test.h"
#include <stdlib.h>
#include <time.h>
#include "linux/init.h"

#define module_init(x)
#define module_exit(x)
#define MODULE_AUTHOR(x)
#define MODULE_LICENSE(x)

#include "lib/test_maple_tree.c"

/* the harness's switch, defined by its main.c in the kernel's build */
int kmalloc_verbose;

int main(void)
{
	int ret;

	maple_tree_init();
	ret = maple_tree_seed();
	rcu_barrier();
	return ret ? 1 : 0;
}
