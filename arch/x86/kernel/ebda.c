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

unsigned int get_bios_ebda(void)
{
	const u8 *p = __va(0x40e); /* the EBDA's real-mode segment */

	return (unsigned int)(p[0] | p[1] << 8) << 4;
}

void reserve_bios_regions(void)
{
	const u8 *kb = __va(BIOS_RAM_SIZE_KB_PTR);
	unsigned int bios_start, ebda_start;

	bios_start = (unsigned int)(kb[0] | kb[1] << 8) << 10;
	if (bios_start < BIOS_START_MIN || bios_start > BIOS_START_MAX)
		bios_start = BIOS_START_MAX;

	ebda_start = get_bios_ebda();
	if (ebda_start >= BIOS_START_MIN && ebda_start < bios_start)
		bios_start = ebda_start;

	bios_start = round_down(bios_start, PAGE_SIZE);
	memblock_reserve(bios_start, 0x100000 - bios_start);
}
