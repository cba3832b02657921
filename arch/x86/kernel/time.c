// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/time.c — the timer set-up start_kernel() runs late, once
 * the allocators and ACPI are up.
 *
 * Kernel counterpart: arch/x86/kernel/time.c (Linux 6.1: hpet_time_init,
 * x86_late_time_init).  time_init() only schedules x86_late_time_init as
 * late_time_init; start_kernel() calls it right after acpi_early_init().
 * Its memory-management effect is the HPET mapping; the interrupt-mode
 * selection, the PIT fallback's set-up and tsc_init() are not modelled.
 */
#include "linux/kernel.h"
#include "arch/x86/include/asm/hpet.h"

void hpet_time_init(void)
{
	if (!hpet_enable())
		return;	/* the PIT would be the timer: nothing is mapped */
}

void x86_late_time_init(void)
{
	hpet_time_init();	/* x86_init.timers.timer_init */
}
