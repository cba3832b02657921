// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/head64.c — the first C code of the x86_64 kernel.
 *
 * Kernel counterpart: arch/x86/kernel/head64.c (x86_64_start_kernel,
 * copy_bootdata).  By the time it runs, the boot loader has left the zero
 * page (boot_params) and the command line in memory; the kernel copies the
 * command line out of simulated RAM into boot_command_line and calls
 * start_kernel().
 */
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/start_kernel.h"
#include "arch/x86/include/asm/e820/api.h"
#include "arch/x86/include/asm/setup.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

/* Copy what the loader left for us before anything can overwrite it. */
static void copy_bootdata(void)
{
	u32 ptr = boot_params.hdr.cmd_line_ptr;

	if (ptr) {
		/* the kernel copies COMMAND_LINE_SIZE bytes; the last is NUL */
		memcpy(boot_command_line, __va(ptr), COMMAND_LINE_SIZE);
		boot_command_line[COMMAND_LINE_SIZE - 1] = '\0';
	}
}

int x86_64_start_kernel(void)
{
	copy_bootdata();
	return start_kernel();
}

/*
 * Where the decompressor leaves the kernel: the address the user gave
 * (--kernel-addr, e.g. read from a KASLR boot's log), or the link-time
 * CONFIG_PHYSICAL_START.
 */
static phys_addr_t kernel_load_address(void)
{
	if (current_machine->desc.kernel_addr)
		return current_machine->desc.kernel_addr;
	return (phys_addr_t)CONFIG_VALUE(CONFIG_PHYSICAL_START, 0x1000000);
}

/*
 * The decompressor writes the kernel where kernel_load_address() says; on
 * a firmware map with no RAM there the real machine dies silently before
 * printing anything.  mmsim refuses such a machine up front instead, with
 * the range it needed.  0, or -EINVAL with @err filled in.
 */
int x86_check_image_placement(char *err, size_t errlen)
{
	const struct x86_boot_params *bp = &boot_params;
	phys_addr_t start = kernel_load_address(), end;
	int i, ret = x86_image_layout_init(start);

	if (ret) {
		snprintf(err, errlen, "kernel profile %s is incomplete",
			 current_machine->profile->path);
		return ret;
	}
	end = current_machine->x86.image.end;
	if (bp->hdr.ramdisk_size && bp->hdr.ramdisk_image < end &&
	    start < (u64)bp->hdr.ramdisk_image + bp->hdr.ramdisk_size) {
		/* the decompressor would write the kernel over the initrd */
		snprintf(err, errlen,
			 "the initrd the loader placed at [mem %#018llx-%#018llx] overlaps the kernel image at [mem %#018llx-%#018llx]",
			 (unsigned long long)bp->hdr.ramdisk_image,
			 (unsigned long long)bp->hdr.ramdisk_image + bp->hdr.ramdisk_size - 1,
			 (unsigned long long)start, (unsigned long long)end - 1);
		return -EINVAL;
	}
	for (i = 0; i < bp->e820_entries; i++) {
		const struct boot_e820_entry *e = &bp->e820_map[i];

		if (e->type == E820_TYPE_RAM && e->addr <= start &&
		    end <= e->addr + e->size)
			return 0;
	}
	snprintf(err, errlen,
		 "the firmware memory map has no usable RAM for the kernel image at [mem %#018llx-%#018llx]",
		 (unsigned long long)start, (unsigned long long)end - 1);
	return -EINVAL;
}

/* Power-on to start_kernel(): place the image, then run head64. */
int x86_boot_entry(void)
{
	int ret = x86_image_layout_init(kernel_load_address());

	if (ret)
		return ret;
	current_machine->fw.kernel_load_addr = current_machine->x86.image.text;
	return x86_64_start_kernel();
}
