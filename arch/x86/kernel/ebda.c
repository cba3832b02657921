// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/ebda.c — keeping the BIOS's low-memory areas.
 *
 * Kernel counterpart: arch/x86/kernel/ebda.c (reserve_bios_regions).
 * Everything from the start of the BIOS-owned area below 640 KiB (the
 * EBDA, or what the BIOS data area says base memory ends at) up to 1 MiB
 * is reserved, with sanity limits for firmware that reports nonsense.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "arch/x86/include/asm/setup.h"
#include "mmsim/machine.h"

#define BIOS_RAM_SIZE_KB_PTR 0x413
#define BIOS_START_MIN 0x20000U /* 128K: less than this is insane */
#define BIOS_START_MAX 0x9f000U /* 640K: the absolute maximum */

/*
 * A 16-bit word of the BIOS data area.  The kernel reads it through its
 * early mapping of page 0, whatever memblock did with that RAM (memmap=
 * can make it usable, allocated and freed before ACPI looks for the
 * EBDA); mmsim reads through the direct map, whose freed ranges the
 * sanitizer poisons, so this read is not checked (as acpi_early_read).
 */
__attribute__((no_sanitize_address))
static unsigned int bda_read16(phys_addr_t pa)
{
	const volatile u8 *p = __va(pa);

	return (unsigned int)(p[0] | p[1] << 8);
}

unsigned int get_bios_ebda(void)
{
	return bda_read16(0x40e) << 4; /* the EBDA's real-mode segment */
}

void reserve_bios_regions(void)
{
	unsigned int bios_start, ebda_start;

	bios_start = bda_read16(BIOS_RAM_SIZE_KB_PTR) << 10;
	if (bios_start < BIOS_START_MIN || bios_start > BIOS_START_MAX)
		bios_start = BIOS_START_MAX;

	ebda_start = get_bios_ebda();
	if (ebda_start >= BIOS_START_MIN && ebda_start < bios_start)
		bios_start = ebda_start;

	bios_start = round_down(bios_start, PAGE_SIZE);
	memblock_reserve(bios_start, 0x100000 - bios_start);
}
