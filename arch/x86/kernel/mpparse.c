// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/mpparse.c — finding the Intel MP table.
 *
 * Kernel counterpart: arch/x86/kernel/mpparse.c (default_find_smp_config,
 * smp_scan_config, smp_reserve_memory).  The MP floating pointer is a
 * 16-byte structure starting "_MP_" on a 16-byte boundary, in the first
 * KiB, the last KiB of base memory, the BIOS area 0xf0000-0xfffff, or the
 * EBDA.  The kernel reserves it and the configuration table it points to,
 * so that nothing overwrites them before ACPI decides how to bring up CPUs.
 * The bytes are found in simulated RAM, where the firmware model put them.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/setup.h"
#include "mmsim/machine.h"

#include <string.h>

struct mpf_intel {
	char signature[4];
	u32 physptr;
	u8 length;
	u8 specification;
	u8 checksum;
	u8 feature1, feature2, feature3, feature4, feature5;
} __attribute__((packed));

static int mpf_checksum(const u8 *mp, int len)
{
	int sum = 0;

	while (len--)
		sum += *mp++;
	return sum & 0xff;
}

/* Length of the MP configuration table at @physptr (its header's field). */
static unsigned long get_mpc_size(unsigned long physptr)
{
	const u8 *mpc = __va(physptr);

	return (unsigned long)mpc[4] | (unsigned long)mpc[5] << 8;
}

static bool smp_scan_config(unsigned long base, unsigned long length)
{
	/* only what the simulated RAM holds can be scanned */
	if (base + length > current_machine->ram.span)
		return false;

	while (length > 0) {
		struct mpf_intel *mpf = __va(base);

		if (!memcmp(mpf->signature, "_MP_", 4) && mpf->length == 1 &&
		    !mpf_checksum((const u8 *)mpf, 16) &&
		    (mpf->specification == 1 || mpf->specification == 4)) {
			current_machine->x86.mpf_found = base;
			pr_info("found SMP MP-table at [mem %#010lx-%#010lx]\n",
				base, base + sizeof(*mpf) - 1);
			memblock_reserve(base, sizeof(*mpf));
			/* smp_reserve_memory(), which the compiler inlines here */
			if (mpf->physptr)
				memblock_reserve(mpf->physptr,
						 get_mpc_size(mpf->physptr));
			return true;
		}
		base += 16;
		length -= 16;
	}
	return false;
}

void default_find_smp_config(void)
{
	unsigned int address;

	if (smp_scan_config(0x0, 0x400) ||
	    smp_scan_config(639 * 0x400, 0x400) ||
	    smp_scan_config(0xF0000, 0x10000))
		return;
	/* the MP spec says to look at the first KiB of the EBDA too */
	address = get_bios_ebda();
	if (address)
		smp_scan_config(address, 0x400);
}
