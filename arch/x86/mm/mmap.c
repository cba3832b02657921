// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/mmap.c — the layout of a new x86_64 address space.
 *
 * Kernel counterpart: arch/x86/mm/mmap.c (Linux 6.1): arch_pick_mmap_layout,
 * mmap_base, mmap_is_legacy.
 *
 * Top-down (the default): mmap_base sits a stack's worth below TASK_SIZE,
 * the gap being RLIMIT_STACK plus the stack guard gap (plus the stack's
 * random range when PF_RANDOMIZE), clamped to [128 MiB, 5/6 of TASK_SIZE],
 * then page aligned.  With norandmaps (mmsim runs without PF_RANDOMIZE)
 * and the default 8 MiB stack limit the gap is the 128 MiB floor:
 *
 *   mmap_base = 0x7ffffffff000 - 0x8000000 = 0x7ffff7fff000
 *
 * The legacy (bottom-up) layout is used when RLIMIT_STACK is unlimited:
 * mmap_legacy_base = TASK_UNMAPPED_BASE = PAGE_ALIGN(TASK_SIZE / 3).
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"

#define SIZE_128M (128UL << 20)

static unsigned long mmap_base(unsigned long task_size,
			       unsigned long stack_rlimit)
{
	unsigned long gap = stack_rlimit;
	unsigned long pad = stack_guard_gap; /* + stack_maxrandom_size(): 0 */
	unsigned long gap_min = SIZE_128M, gap_max = (task_size / 6) * 5;

	if (gap + pad > gap)
		gap += pad;
	if (gap < gap_min)
		gap = gap_min;
	else if (gap > gap_max)
		gap = gap_max;
	return PAGE_ALIGN(task_size - gap);
}

void arch_pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlimit)
{
	mm->mmap_topdown = stack_rlimit != RLIM_INFINITY;
	mm->mmap_legacy_base = PAGE_ALIGN(mm->task_size / 3);
	mm->mmap_base = mm->mmap_topdown ?
			mmap_base(mm->task_size, stack_rlimit) :
			mm->mmap_legacy_base;
}
