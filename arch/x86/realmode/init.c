// SPDX-License-Identifier: MIT
/*
 * arch/x86/realmode/init.c — room below 1 MiB for the real-mode
 * trampoline, the code secondary CPUs (and resume from suspend) start in.
 *
 * Kernel counterpart: arch/x86/realmode/init.c (reserve_real_mode).
 *
 * Place in the boot: setup_arch(), after e820__memblock_setup() and before
 * the direct map is built, while memblock may only allocate below 1 MiB
 * anyway.  A CPU starting in real mode can only address the first MiB, so
 * the blob is placed there: the highest free pages below 1 MiB (top-down),
 * on QEMU [0x98000, 0x9f000) just under the EBDA.  Then setup_arch()
 * reserves the whole first MiB (see the comment there).
 *
 * The blob's size is a fact of the compiled image (realmode.bin), taken
 * from the kernel profile: image.real_mode_size.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/page_types.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

/*
 * Bytes to reserve: the blob rounded to pages, or 0 once it is placed
 * (or when the profile does not know it: then there is no trampoline).
 */
static size_t real_mode_size_needed(void)
{
	const struct kernel_profile *p = current_machine->profile;

	if (current_machine->x86.real_mode_mem)
		return 0;
	if (!profile_has(p, "image.real_mode_size")) {
		pr_err("kernel profile %s lacks 'image.real_mode_size'\n", p->path);
		return 0;
	}
	return PAGE_ALIGN(profile_u64(p, "image.real_mode_size", 0));
}

void reserve_real_mode(void)
{
	size_t size = real_mode_size_needed();
	phys_addr_t mem;

	if (!size)
		return;
	WARN_ON(current_machine->slab_available);

	mem = memblock_phys_alloc_range(size, PAGE_SIZE, 0, 1 << 20);
	if (!mem)
		pr_info("No sub-1M memory is available for the trampoline\n");
	else
		current_machine->x86.real_mode_mem = mem;
}
