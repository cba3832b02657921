// SPDX-License-Identifier: MIT
/*
 * mm/guest_kernel.c — the memory the rest of the real guest holds, which
 * mmsim does not simulate (`mmsim run --guest-kernel SIZE --guest-shmem
 * SIZE --guest-anon SIZE`).
 *
 * No single kernel counterpart.  When the oracle's probe starts, the real
 * guest holds memory that mmsim's machine has no reason to hold, of three
 * kinds that pressure treats differently:
 *
 *   kernel   the slab of the dentries, inodes and kernfs nodes of its
 *            root, /sys and /proc, the stacks of its kernel threads, their
 *            per-CPU data: unmovable, never given back (the guest's tmpfs
 *            dentries stay for the run).  Counted as unreclaimable slab
 *            (meminfo SUnreclaim, vmstat nr_slab_unreclaimable).
 *   shmem    the initramfs unpacked into the tmpfs root (busybox, the
 *            init script, ...): page cache of a tmpfs file, on the anon
 *            LRU, which compaction migrates and reclaim writes to swap as
 *            it does the real ones (nr_shmem).
 *   anon     the anonymous pages of the guest's init (busybox sh, pid 1):
 *            a task of its own, unkillable as `is_global_init`, its pages
 *            on the LRU like any process's (nr_anon_pages).
 *
 * scripts/measure-guest-kernel.sh measures the three once per machine
 * from the real guest's first `dump vmstat` of a script (nr_shmem and
 * nr_anon_pages against mmsim's; then the free pages left over) and the
 * machine's qemu.txt passes them in its `mmsim-args`, the same for every
 * script of that machine.
 *
 * Where they go: right after mmsim's boot, before swapon and the first
 * process, in the order of the real boot — the kernel's own memory (most
 * of it: stacks of the per-CPU threads, slab of the early initcalls),
 * then populate_rootfs() unpacking the initramfs (rootfs_initcall), then
 * /init running as pid 1.  The kernel part is unmovable and the other
 * two movable, so each lands in pageblocks of its own migratetype as the
 * real allocations do.
 *
 *   boot | kernel (GFP_KERNEL)  | shmem (tmpfs root) | init's anon | probe ...
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "linux/vmstat.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/process.h"

#include <string.h>

/* the tmpfs file standing for the initramfs root's files */
#define GUEST_ROOT_FILE "/initramfs"
/* what the stand-in pages hold (content never read by anyone) */
#define GUEST_FILL_BYTE 0x7f

static unsigned long bytes_to_pages(u64 bytes)
{
	return (unsigned long)((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* Take @nr pages of unmovable kernel memory for good; 0 or -ENOMEM. */
static int guest_hold_kernel(unsigned long nr)
{
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

/*
 * Write @nr pages into the tmpfs root's stand-in file, as current (the
 * guest's init), then read them: tmpfs page cache, active, that stays
 * when the file is closed.
 */
static int guest_hold_shmem(unsigned long nr)
{
	char *buf;
	unsigned long i = 0, j;
	long fd, n = 0;

	if (!nr)
		return 0;
	buf = host_alloc(PAGE_SIZE);   /* the writer's buffer: not guest memory */
	memset(buf, GUEST_FILL_BYTE, PAGE_SIZE);
	fd = do_sys_open(AT_FDCWD, GUEST_ROOT_FILE, O_RDWR | O_CREAT, 0644);
	if (fd < 0) {
		host_free(buf);
		return (int)fd;
	}
	for (i = 0; i < nr; i++) {
		n = ksys_pwrite64((unsigned int)fd, buf, PAGE_SIZE,
				  (loff_t)i << PAGE_SHIFT);
		if (n != (long)PAGE_SIZE)
			break;
	}
	/*
	 * The guest then uses its root (execs busybox, reads its scripts):
	 * a second access activates the pages, as the real guest's are
	 * (its nr_active_anon holds nearly all of nr_shmem).
	 */
	for (j = 0; i == nr && j < nr; j++)
		ksys_pread64((unsigned int)fd, buf, PAGE_SIZE, (loff_t)j << PAGE_SHIFT);
	close_fd((unsigned int)fd);
	host_free(buf);
	quiet_vmstat();         /* as guest_hold_kernel: its CPUs idled since */
	return i == nr ? 0 : (n < 0 ? (int)n : -ENOMEM);
}

/* Map and write @nr anonymous pages in current's (init's) address space. */
static int guest_hold_anon(unsigned long nr)
{
	struct mmsim_access_result r;
	unsigned long len = nr << PAGE_SHIFT;
	unsigned long a;
	int ret;

	if (!nr)
		return 0;
	a = ksys_mmap_pgoff(0, len, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, (unsigned long)-1, 0);
	if (IS_ERR_VALUE(a))
		return (int)(long)a;
	ret = mmsim_access(current, a, len, MMSIM_FILL, GUEST_FILL_BYTE, PAGE_SIZE, &r);
	if (ret < 0)
		return ret;
	if (ret || r.sig)
		return -ENOMEM;         /* killed or faulted: memory ran out */
	quiet_vmstat();
	return 0;
}

/*
 * The guest's init, pid 1 of the machine, made the first time shmem or
 * anon is asked for: its files open the root's file, its mm holds the
 * anon part.  NULL when its slab allocations fail.
 */
static struct task_struct *guest_init_task(void)
{
	if (!current_machine->guest_init)
		current_machine->guest_init = mmsim_task_create("init");
	return current_machine->guest_init;
}

int mmsim_guest_hold(const struct mmsim_guest *g, enum mmsim_guest_part *failed)
{
	struct task_struct *old, *init;
	int ret;

	*failed = MMSIM_GUEST_KERNEL;
	ret = guest_hold_kernel(bytes_to_pages(g->kernel_bytes));
	if (ret || (!g->shmem_bytes && !g->anon_bytes))
		return ret;
	*failed = g->shmem_bytes ? MMSIM_GUEST_SHMEM : MMSIM_GUEST_ANON;
	init = guest_init_task();
	if (!init)
		return -ENOMEM;
	old = set_current(init);
	ret = guest_hold_shmem(bytes_to_pages(g->shmem_bytes));
	if (!ret) {
		*failed = MMSIM_GUEST_ANON;
		ret = guest_hold_anon(bytes_to_pages(g->anon_bytes));
	}
	set_current(old);
	return ret;
}

void mmsim_guest_release(void)
{
	struct task_struct *init = current_machine->guest_init;

	if (!init)
		return;
	current_machine->guest_init = NULL;
	mmsim_exit(init);
}

bool mmsim_is_guest_init(const struct task_struct *p)
{
	return p && p == current_machine->guest_init;
}
