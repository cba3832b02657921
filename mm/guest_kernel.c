// SPDX-License-Identifier: MIT
/*
 * mm/guest_kernel.c — the memory the rest of the real guest's kernel
 * holds, which mmsim does not simulate (`mmsim run --guest-kernel SIZE`).
 *
 * No single kernel counterpart.  When the oracle's probe starts, the real
 * guest's kernel holds memory that mmsim's machine has no reason to
 * hold: the slab of the dentries, inodes and kernfs nodes of its root
 * file system, /sys and /proc, the stacks and page tables of its other
 * tasks (init, the kernel threads of every CPU), their per-CPU data.  On
 * the small machines of the pressure fixtures that is about 26 MiB,
 * 10% of a 256 MiB machine, and it decides how far a process grows
 * before reclaim or the OOM killer steps in.
 *
 * scripts/measure-guest-kernel.sh measures it once per machine (the real
 * guest's nr_free_pages at a script's first `dump vmstat` against
 * mmsim's without the option) and the machine's qemu.txt passes it in
 * its `mmsim-args`, the same for every script of that machine.  It is
 * taken right after the boot, before swapon and the first process, as
 * what it mostly is in the guest: unmovable, unreclaimable kernel pages,
 * counted as unreclaimable slab (meminfo SUnreclaim, vmstat
 * nr_slab_unreclaimable).  They are never given back: the guest's
 * dentries of a tmpfs root, its stacks and tables stay for the run.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "mmsim/machine.h"
#include "mmsim/process.h"

/*
 * Take @bytes (rounded up to pages) of unmovable kernel memory for good.
 * 0, or -ENOMEM when the machine has not that much (what was taken
 * stays taken: the run ends there anyway).
 */
int mmsim_guest_kernel_hold(u64 bytes)
{
	unsigned long nr = (unsigned long)((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long i;

	for (i = 0; i < nr; i++) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN |
						__GFP_NORETRY, 0);

		if (!page)
			return -ENOMEM;
		mod_node_page_state(page_pgdat(page), NR_SLAB_UNRECLAIMABLE_B,
				    (long)PAGE_SIZE);
		current_machine->guest_kernel_pages++;
	}
	/* taken while that kernel booted: its CPUs have idled since */
	quiet_vmstat();
	return 0;
}
