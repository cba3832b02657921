// SPDX-License-Identifier: MIT
/*
 * kernel/panic.c — panic(), and the taint flags: add_taint(), print_tainted().
 *
 * Kernel counterpart: kernel/panic.c (Linux 6.1).  panic() prints the
 * kernel's "Kernel panic - not syncing:" line, the stack and the closing
 * "---[ end Kernel panic ... ]---" line, and never returns: the simulated
 * kernel stops there.  In mmsim "stops" means a longjmp back to
 * machine_boot() (host/machine.c), which set up the landing place and
 * returns -ECANCELED; the machine is then torn down as after any boot.
 * Outside a boot (or on another thread than the boot's) there is nowhere
 * to return to, and the process aborts as a BUG does.
 *
 * Each
 * of the 19 flags prints one letter when set and another (mostly a
 * space) when clear; the first, "proprietary module", prints 'G' when
 * clear.  The mask lives in the machine (current_machine->tainted_mask).
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Letter when set, letter when clear (the kernel's taint_flags[]). */
static const char taint_letters[TAINT_FLAGS_COUNT][2] = {
	{ 'P', 'G' }, { 'F', ' ' }, { 'S', ' ' }, { 'R', ' ' }, { 'M', ' ' },
	{ 'B', ' ' }, { 'U', ' ' }, { 'D', ' ' }, { 'A', ' ' }, { 'W', ' ' },
	{ 'C', ' ' }, { 'I', ' ' }, { 'O', ' ' }, { 'E', ' ' }, { 'L', ' ' },
	{ 'K', ' ' }, { 'X', ' ' }, { 'T', ' ' }, { 'N', ' ' },
};

void add_taint(unsigned int flag, int lockdep_ok)
{
	(void)lockdep_ok; /* no lockdep in mmsim */
	__atomic_fetch_or(&current_machine->tainted_mask, 1UL << flag,
			  __ATOMIC_RELAXED);
}

bool test_taint(unsigned int flag)
{
	return current_machine->tainted_mask & (1UL << flag);
}

const char *print_tainted(void)
{
	static __thread char buf[TAINT_FLAGS_COUNT + sizeof("Tainted: ")];
	unsigned long mask = current_machine->tainted_mask;
	int i, n;

	if (!mask) {
		snprintf(buf, sizeof(buf), "Not tainted");
		return buf;
	}
	n = snprintf(buf, sizeof(buf), "Tainted: ");
	for (i = 0; i < TAINT_FLAGS_COUNT; i++)
		buf[n++] = taint_letters[i][(mask & (1UL << i)) ? 0 : 1];
	buf[n] = '\0';
	return buf;
}

void panic(const char *fmt, ...)
{
	struct machine *m = current_machine;
	char buf[1024];
	va_list args;
	size_t len;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (m)
		dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	if (m && m->panic_jmp && pthread_equal(m->panic_thread, pthread_self())) {
		m->panicked = true;
		longjmp(*m->panic_jmp, 1);
	}
	fprintf(stderr, "mmsim: kernel panic outside a boot: %s\n", buf);
	fflush(NULL);
	abort();
}
