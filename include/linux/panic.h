/* SPDX-License-Identifier: MIT */
/*
 * include/linux/panic.h — panic() and the kernel's taint flags.
 *
 * Kernel counterparts: include/linux/panic.h, kernel/panic.c (Linux 6.1).
 * A taint records that something happened which makes later reports
 * less trustworthy (a bad page, a warning, ...).  Reports print the set
 * as "Not tainted" or "Tainted: " and one letter per flag, as the
 * kernel's print_tainted() does: "Tainted: G    B             ".
 * The mask is per machine (current_machine->tainted_mask).
 */
#ifndef _MMSIM_LINUX_PANIC_H
#define _MMSIM_LINUX_PANIC_H

#include "linux/types.h"

#define TAINT_PROPRIETARY_MODULE 0
#define TAINT_BAD_PAGE 5
#define TAINT_WARN 9
#define TAINT_FLAGS_COUNT 19

#define LOCKDEP_STILL_OK 0
#define LOCKDEP_NOW_UNRELIABLE 1

/*
 * Print the kernel's panic lines and stop the simulated kernel: control
 * returns to machine_boot(), which returns -ECANCELED (kernel/panic.c).
 */
void panic(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

void add_taint(unsigned int flag, int lockdep_ok);
bool test_taint(unsigned int flag);
/* "Not tainted" or "Tainted: ..." (a static buffer, as in the kernel). */
const char *print_tainted(void);

#endif /* _MMSIM_LINUX_PANIC_H */
