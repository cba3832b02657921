// SPDX-License-Identifier: MIT
/*
 * lib/bug.c — what BUG_ON() and WARN_ON() print.
 *
 * Kernel counterparts: lib/bug.c, kernel/panic.c (__warn).  A BUG is an
 * invariant of mmsim itself that does not hold: it is reported in the
 * kernel's words and the process aborts (a debugger stops right there).
 * A WARNING is printed in the kernel's format and the boot continues.
 *
 * mmsim_boot_bug() is the other kind: a BUG() the real kernel reaches on
 * input it accepted (a command line), which is the kernel's outcome, not
 * mmsim's defect.  There the machine ends as the kernel's does, with the
 * panic and exit status 1.
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/printk.h"

#include <stdio.h>
#include <stdlib.h>

void mmsim_bug(const char *file, int line, const char *func, const char *cond)
{
	pr_crit("kernel BUG at %s:%d!\n", file, line);
	fprintf(stderr, "mmsim: kernel BUG at %s:%d in %s(): %s\n", file, line,
		func, cond);
	fflush(NULL);
	abort();
}

/*
 * A BUG() the kernel hits during boot, in the boot CPU's idle task, at
 * 6.1.192's @kfile:@kline: report_bug() prints the line, die() the oops
 * (its register dump and call trace are not simulated), and the oops of
 * the idle task ends in make_task_dead()'s panic.
 */
void mmsim_boot_bug(const char *kfile, int kline)
{
	pr_crit("kernel BUG at %s:%d!\n", kfile, kline);
	panic("Attempted to kill the idle task!");
}

void mmsim_warn(const char *file, int line, const char *func, const char *cond)
{
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: CPU: 0 PID: 0 at %s:%d %s\n", file, line, func);
	pr_warn("condition: %s\n", cond);
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}
