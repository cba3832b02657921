// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/hpet.c — the HPET's registers mapped for the timer code.
 *
 * Kernel counterpart: arch/x86/kernel/hpet.c (Linux 6.1: hpet_enable,
 * hpet_set_mapping, is_hpet_capable, the hpet= and nohpet parameters).
 *
 * hpet_enable() ioremap()s HPET_MMAP_SIZE bytes at hpet_address (from the
 * ACPI HPET table, QEMU's is 0xfed00000) and keeps the mapping: one page
 * plus its guard page in the vmalloc area, "hpet_enable ... phys=...
 * ioremap" in /proc/vmallocinfo.  (hpet_set_mapping() is inlined into
 * hpet_enable(), whose name the kernel records.)
 *
 * The kernel then reads the registers: the configuration register must
 * hold what it writes, the period must be sane, the counter must run;
 * otherwise it unmaps and falls back to the PIT.  mmsim has no HPET
 * device behind the mapping (the page is simulated RAM when the machine's
 * span covers it, else nothing), so those checks are taken as passed, as
 * they pass on QEMU ("clocksource: hpet" in every oracle boot).  The
 * channel array and the clocksource/clockevent registration are not
 * modelled.
 */
#include "linux/kernel.h"
#include "linux/init.h"
#include "linux/io.h"
#include "linux/string.h"
#include "arch/x86/include/asm/hpet.h"
#include "mmsim/machine.h"

/* The kernel's globals of this file (struct x86_state). */
#define hpet_address (current_machine->x86.hpet_address)
#define boot_hpet_disable (current_machine->x86.boot_hpet_disable)
#define hpet_virt_address (current_machine->x86.hpet_virt_address)

/* "hpet=disable" turns the HPET off (other values are for the driver). */
static int hpet_setup(char *str)
{
	if (str && !strncmp("disable", str, 7))
		boot_hpet_disable = true;
	return 0;
}
__setup("hpet=", hpet_setup);

static int disable_hpet(char *str)
{
	boot_hpet_disable = true;
	return 0;
}
__setup("nohpet", disable_hpet);

/*
 * no_timer_check (6.1: arch/x86/kernel/apic/io_apic.c) skips the check
 * that the IO-APIC timer ticks, which a slow emulator can fail; mmsim has
 * no such check, so the parameter is only claimed, as the kernel claims it.
 */
static int notimercheck(char *s)
{
	(void)s;
	return 0;
}
__setup("no_timer_check", notimercheck);

bool is_hpet_capable(void)
{
	return !boot_hpet_disable && hpet_address;
}

int hpet_enable(void)
{
	if (!is_hpet_capable())
		return 0;
	hpet_virt_address = ioremap(hpet_address, HPET_MMAP_SIZE);
	if (!hpet_virt_address)
		return 0;
	return 1;
}
