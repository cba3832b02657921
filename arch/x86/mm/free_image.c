// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/free_image.c — the parts of the kernel image and of the
 * boot data that the kernel gives back to the page allocator once booted.
 *
 * Kernel counterparts: arch/x86/kernel/alternative.c (the SMP lock table),
 * arch/x86/mm/init.c (free_initmem, free_kernel_image_pages,
 * free_initrd_mem), arch/x86/mm/init_64.c (mark_rodata_ro),
 * arch/x86/mm/mem_encrypt.c (mem_encrypt_free_decrypted_mem).
 *
 *   _text                                                  __end_of_kernel_reserve
 *   | text |gap| rodata |gap| data | ... | init | smp_locks | bss (..decrypted) |
 *            ^ freed     ^ freed          ^ freed ^ freed        ^ unused tail freed
 *
 * Each free is free_reserved_area(): the pages go to the buddy allocator
 * and count as managed again, which is why MemTotal after boot is larger
 * than the "Memory:" line's total minus reserved.  The offsets come from
 * the image profile.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#define image (current_machine->x86.image)

static phys_addr_t sym(const char *key)
{
	return image.text + profile_u64(current_machine->profile, key, 0);
}

static bool have_syms(const char *a, const char *b)
{
	const struct kernel_profile *p = current_machine->profile;

	return profile_has(p, a) && profile_has(p, b);
}

static void free_image_range(const char *what, phys_addr_t start,
			     phys_addr_t end, int poison)
{
	if (start < end)
		free_reserved_area(__va(start), __va(end), poison, what);
}

/* alternative_instructions(): the SMP lock table is not needed on SMP. */
void free_smp_alternatives(void)
{
	if (have_syms("image.smp_locks", "image.smp_locks_end"))
		free_image_range("SMP alternatives", sym("image.smp_locks"),
				 sym("image.smp_locks_end"), 0xcc);
}

/* populate_rootfs(): the initrd has been unpacked; its pages are free. */
void free_initrd_mem(void)
{
	u64 start = current_machine->x86.initrd_start;
	u64 end = current_machine->x86.initrd_end;

	if (!start || start >= end)
		return;
	free_image_range("initrd", start & PAGE_MASK, PAGE_ALIGN(end), -1);
}

/* free_initmem(): .bss..decrypted's unused tail, then the init sections. */
void free_initmem(void)
{
	if (have_syms("image.bss_decrypted_unused", "image.bss_decrypted_end"))
		free_image_range("unused decrypted", sym("image.bss_decrypted_unused"),
				 sym("image.bss_decrypted_end"), -1);
	if (have_syms("image.init_begin", "image.init_end"))
		free_image_range("unused kernel image (initmem)",
				 sym("image.init_begin"), sym("image.init_end"),
				 0xcc);
}

/* mark_rodata_ro(): write-protect text+rodata, free the alignment gaps. */
void mark_rodata_ro(void)
{
	if (!have_syms("image.end_rodata_hpage_align", "image.sdata"))
		return;
	pr_info("Write protecting the kernel read-only data: %lluk\n",
		(unsigned long long)((sym("image.end_rodata_hpage_align") -
				      image.text) >> 10));
	free_image_range("unused kernel image (text/rodata gap)",
			 sym("image.etext"), sym("image.start_rodata"), 0xcc);
	free_image_range("unused kernel image (rodata/data gap)",
			 sym("image.end_rodata"), sym("image.sdata"), 0xcc);
}
