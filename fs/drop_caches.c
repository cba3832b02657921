// SPDX-License-Identifier: MIT
/*
 * fs/drop_caches.c — vm.drop_caches: drop clean page cache (1), the
 * shrinkable slab caches (2), or both (3); 4 silences the log line.
 *
 * Kernel counterpart: fs/drop_caches.c (Linux 6.1):
 * drop_caches_sysctl_handler, drop_pagecache_sb.
 *
 * Page cache in mmsim is tmpfs only: its clean pages that nothing maps
 * or holds are dropped (a page read in by a fault on a hole, say); dirty
 * or mapped ones stay and are queued for deactivation, as 6.1's
 * invalidate_mapping_pages does.  Slab: every registered shrinker is
 * run until it frees little (drop_slab).  The first write logs
 * "COMM (PID): drop_caches: N" (pr_info), later ones too unless a value
 * with bit 2 (4) was written once.
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/swap_lru.h"
#include "linux/vmstat.h"
#include "mm/process_internal.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"

int drop_caches_sysctl_write(int val)
{
	struct lru_state *ls = mmsim_lru_state();
	struct task_struct *t = current;

	if (val & 1) {
		shmem_drop_pagecache();
		count_vm_event(DROP_PAGECACHE);
	}
	if (val & 2) {
		drop_slab();
		count_vm_event(DROP_SLAB);
	}
	if (!ls->drop_caches_logged)
		pr_info("%s (%d): drop_caches: %d\n", t ? t->comm : "sysctl",
			t ? t->pid : 0, val);
	if (val & 4)
		ls->drop_caches_logged = true;
	ls->drop_caches_runs++;
	return 0;
}
