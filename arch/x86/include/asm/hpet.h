/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/hpet.h — the High Precision Event Timer, as far as
 * the boot maps it.
 *
 * Kernel counterparts: arch/x86/include/asm/hpet.h, arch/x86/kernel/hpet.c,
 * arch/x86/kernel/time.c (Linux 6.1).  The ACPI HPET table gives the
 * register block's physical base (hpet_address, set by acpi_parse_hpet());
 * late_time_init maps HPET_MMAP_SIZE bytes of it with ioremap() and keeps
 * the mapping for the clocksource.
 */
#ifndef _MMSIM_ASM_X86_HPET_H
#define _MMSIM_ASM_X86_HPET_H

#include "linux/types.h"

#define HPET_MMAP_SIZE 1024    /* the register block hpet_enable() maps */

/* hpet_address is set and the HPET was not disabled on the command line. */
bool is_hpet_capable(void);
/* Map the HPET and take it as the timer; 1 on success, 0 without one. */
int hpet_enable(void);
/* x86_init.timers.timer_init on a PC: the HPET, else the PIT. */
void hpet_time_init(void);
/* start_kernel()'s late_time_init on x86 (arch/x86/kernel/time.c). */
void x86_late_time_init(void);

#endif /* _MMSIM_ASM_X86_HPET_H */
