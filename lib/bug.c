// SPDX-License-Identifier: MIT
/*
 * lib/bug.c — what BUG_ON() and WARN_ON() print.
 *
 * Kernel counterparts: lib/bug.c, kernel/panic.c (__warn).  A BUG is an
 * invariant of mmsim itself that does not hold: it is reported in the
 * kernel's words and the process aborts (a debugger stops right there).
 * A WARNING is printed in the kernel's format and the boot continues.
 */
#include "linux/kernel.h"
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

void mmsim_warn(const char *file, int line, const char *func, const char *cond)
{
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: CPU: 0 PID: 0 at %s:%d %s\n", file, line, func);
	pr_warn("condition: %s\n", cond);
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}
