// SPDX-License-Identifier: MIT
/*
 * kernel/panic.c — taint flags: add_taint(), print_tainted().
 *
 * Kernel counterpart: kernel/panic.c (Linux 6.1), the taint part.  Each
 * of the 19 flags prints one letter when set and another (mostly a
 * space) when clear; the first, "proprietary module", prints 'G' when
 * clear.  The mask lives in the machine (current_machine->tainted_mask).
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "mmsim/machine.h"

#include <stdio.h>

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
