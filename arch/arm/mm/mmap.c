// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/mmap.c — where a 32-bit ARM process's mappings go: the
 * layout of a new address space and the search for a free range.
 *
 * Kernel counterparts (Linux 6.1): arch/arm/mm/mmap.c
 * (arch_get_unmapped_area, arch_get_unmapped_area_topdown),
 * arch/arm/include/uapi/asm/mman.h (arch_mmap_check) and the generic
 * layout of mm/util.c (arch_pick_mmap_layout, mmap_base, mmap_is_legacy)
 * that ARM selects with ARCH_WANT_DEFAULT_TOPDOWN_MMAP_LAYOUT.
 *
 *   0xbf000000  TASK_SIZE = STACK_TOP (3G/1G split: PAGE_OFFSET - 16M)
 *               stack, below it the stack gap: RLIMIT_STACK + the guard
 *               gap (+ the stack's random range under PF_RANDOMIZE),
 *               clamped to [128 MiB, 5/6 of STACK_TOP]
 *   mmap_base   top-down searches start here and go down to
 *               FIRST_USER_ADDRESS (2 pages; mmap_min_addr raises it)
 *               With norandmaps and an 8 MiB stack: 0xb7000000
 *   0x40000000  TASK_UNMAPPED_BASE = TASK_SIZE / 3 rounded up to 16 MiB:
 *               mmap_base of the legacy (bottom-up) layout, taken with an
 *               unlimited stack or ADDR_COMPAT_LAYOUT
 *
 * A top-down search that finds nothing falls back to a bottom-up search
 * of [mmap_base, TASK_SIZE).  MAP_FIXED below FIRST_USER_ADDRESS is
 * -EINVAL (arch_mmap_check), before anything else is looked at.
 *
 * Cache colouring: on a CPU whose caches alias (VIPT aliasing), shared and
 * file mappings are placed at SHMLBA colours and a MAP_FIXED|MAP_SHARED
 * at the wrong colour is -EINVAL.  vexpress-a9's Cortex-A9 has a PIPT data
 * cache and a non-aliasing VIPT instruction cache (cache_is_vipt_aliasing()
 * is false), so placement is by page; the colour-aligned search for an
 * aliasing CPU is not implemented (no machine mmsim models needs it).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/binfmts.h"
#include "linux/prandom.h"
#include "mm/process_internal.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"
#include "mmsim/kconfig.h"

#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
#define FIRST_USER_ADDRESS (PAGE_SIZE * 2)
#define SHMLBA (4 * PAGE_SIZE)          /* the widest cache colour */
#define ARM_STACK_RND_MASK 0x7ffUL      /* STACK_RND_MASK: 8 MiB of pages */
#define MIN_GAP (128UL << 20)
#define MAX_GAP (TASK_SIZE_ARM / 6 * 5)
#define SZ_16M_ARM (16UL << 20)
#define TASK_UNMAPPED_BASE_ARM ALIGN(TASK_SIZE_ARM / 3, SZ_16M_ARM)

/* Cortex-A9 (vexpress-a9): PIPT D-cache, non-aliasing VIPT I-cache. */
static bool cache_is_vipt_aliasing(void)
{
	return false;
}

/* MAP_FIXED below FIRST_USER_ADDRESS: the first two pages stay unmapped. */
unsigned long arch_mmap_check(unsigned long addr, unsigned long len,
			      unsigned long flags)
{
	(void)len;
	if (current_machine->desc.arch != MMSIM_ARCH_ARM)
		return 0;
	return (flags & MAP_FIXED) && addr < FIRST_USER_ADDRESS ?
	       (unsigned long)-EINVAL : 0;
}

/*
 * The MAP_FIXED case and the hint, shared by both searches: the address
 * to return (MAP_FIXED, or a hint that fits), 0 to search, or an error.
 */
static unsigned long arm_fixed_or_hint(struct mm_struct *mm, unsigned long addr,
				       unsigned long len, unsigned long pgoff,
				       unsigned long flags)
{
	struct vm_area_struct *vma;

	if (len > TASK_SIZE_ARM)
		return (unsigned long)-ENOMEM;
	if (flags & MAP_FIXED) {
		if (cache_is_vipt_aliasing() && (flags & MAP_SHARED) &&
		    ((addr - (pgoff << PAGE_SHIFT)) & (SHMLBA - 1)))
			return (unsigned long)-EINVAL;
		return addr;
	}
	if (!addr)
		return 0;
	addr = PAGE_ALIGN(addr);
	vma = find_vma(mm, addr);
	if (TASK_SIZE_ARM - len >= addr && (!vma || addr + len <= vm_start_gap(vma)))
		return addr;
	return 0;
}

/* The legacy layout's search: bottom-up from mmap_base. */
static unsigned long arm_get_unmapped_area(struct file *filp, unsigned long addr,
					   unsigned long len, unsigned long pgoff,
					   unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	(void)filp;
	return arm_fixed_or_hint(mm, addr, len, pgoff, flags) ?:
	       unmapped_area(mm, len, mm->mmap_base, TASK_SIZE_ARM);
}

/* Top-down below mmap_base; when that finds nothing, bottom-up above it. */
static unsigned long arm_topdown_search(struct mm_struct *mm, unsigned long len)
{
	unsigned long found = unmapped_area_topdown(mm, len, FIRST_USER_ADDRESS,
						    mm->mmap_base);

	if (!offset_in_page(found))
		return found;
	return unmapped_area(mm, len, mm->mmap_base, TASK_SIZE_ARM);
}

/* The default layout's search. */
static unsigned long arm_get_unmapped_area_topdown(struct file *filp,
						   unsigned long addr,
						   unsigned long len,
						   unsigned long pgoff,
						   unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	(void)filp;
	return arm_fixed_or_hint(mm, addr, len, pgoff, flags) ?:
	       arm_topdown_search(mm, len);
}

/* mm/util.c mmap_base(): a stack's worth (and its guard gap) below the top. */
static unsigned long arm_mmap_base(unsigned long rnd, unsigned long stack_rlimit)
{
	unsigned long gap = stack_rlimit;
	unsigned long pad = stack_guard_gap;

	if (current->flags & PF_RANDOMIZE)
		pad += ARM_STACK_RND_MASK << PAGE_SHIFT;
	if (gap + pad > gap)
		gap += pad;
	if (gap < MIN_GAP)
		gap = MIN_GAP;
	else if (gap > MAX_GAP)
		gap = MAX_GAP;
	return PAGE_ALIGN(TASK_SIZE_ARM - gap - rnd);
}

/* mm/util.c arch_mmap_rnd(): CONFIG_ARCH_MMAP_RND_BITS random pages. */
static unsigned long arm_mmap_rnd(void)
{
	unsigned long bits = (unsigned long)CONFIG_VALUE(CONFIG_ARCH_MMAP_RND_BITS, 8);
	unsigned long rnd = prandom_u32_state(current_machine->exec_rnd);

	return (rnd & ((1UL << bits) - 1)) << PAGE_SHIFT;
}

/* mm/util.c arch_pick_mmap_layout(), as the armmp kernel runs it. */
void arm_pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlimit)
{
	unsigned long random_factor = 0;

	if (current->flags & PF_RANDOMIZE)
		random_factor = arm_mmap_rnd();
	mm->mmap_topdown = !(current->personality & ADDR_COMPAT_LAYOUT) &&
			   stack_rlimit != RLIM_INFINITY;
	if (mm->mmap_topdown) {
		mm->mmap_base = arm_mmap_base(random_factor, stack_rlimit);
		mm->get_unmapped_area = arm_get_unmapped_area_topdown;
	} else {
		mm->mmap_base = TASK_UNMAPPED_BASE_ARM + random_factor;
		mm->get_unmapped_area = arm_get_unmapped_area;
	}
	mm->mmap_legacy_base = TASK_UNMAPPED_BASE_ARM;
}
