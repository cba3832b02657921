// SPDX-License-Identifier: MIT
/*
 * mm/util.c — overcommit accounting: may a mapping commit more memory?
 *
 * Kernel counterpart: mm/util.c (Linux 6.1): __vm_enough_memory,
 * vm_commit_limit, vm_memory_committed, and vm_acct_memory /
 * vm_unacct_memory (include/linux/mman.h).
 *
 *   vm.overcommit_memory 0 (guess)  fail only when the request exceeds
 *                                   totalram + total swap (minus the
 *                                   admin reserve, none for root)
 *                        1 (always) never fail
 *                        2 (never)  Committed_AS + pages <= CommitLimit
 *                                   (minus the admin reserve for root)
 *   CommitLimit = (totalram - hugetlb) * overcommit_ratio / 100 + swap,
 *                 or overcommit_kbytes when set
 *
 * Committed_AS (vm_committed_as) is charged for private writable
 * mappings, brk, stacks and VM_ACCOUNT VMAs copied by fork, and given
 * back when they go.  Total swap is what swapon enabled (mm/swapfile.c).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"
#include "linux/swap.h"

static unsigned long total_swap_pages_now(void)
{
	unsigned long total, free;

	si_swapinfo_pages(&total, &free);
	return total;
}

void vm_acct_memory(long pages)
{
	__atomic_add_fetch(&mmsim_proc_state()->committed_as.counter, pages,
			   __ATOMIC_RELAXED);
}

void vm_unacct_memory(long pages)
{
	vm_acct_memory(-pages);
}

unsigned long vm_memory_committed(void)
{
	long v = __atomic_load_n(&mmsim_proc_state()->committed_as.counter,
				 __ATOMIC_RELAXED);

	return v < 0 ? 0 : (unsigned long)v;
}

unsigned long vm_commit_limit(void)
{
	unsigned long allowed;

	if (sysctl_overcommit_kbytes)
		allowed = sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	else
		allowed = totalram_pages() * (unsigned long)sysctl_overcommit_ratio / 100;
	return allowed + total_swap_pages_now();
}

int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin)
{
	long allowed;

	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if ((unsigned long)pages > totalram_pages() + total_swap_pages_now())
			goto error;
		return 0;
	}
	allowed = (long)vm_commit_limit();
	if (!cap_sys_admin)
		allowed -= (long)(sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10));
	if (mm) {
		long reserve = (long)(sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10));

		allowed -= min((long)(mm->total_vm / 32), reserve);
	}
	if ((long)vm_memory_committed() < allowed)
		return 0;
error:
	if (current)
		pr_warn("%s: pid: %d, comm: %s, no enough memory for the allocation\n",
			"__vm_enough_memory", current->pid, current->comm);
	vm_unacct_memory(pages);
	return -ENOMEM;
}
