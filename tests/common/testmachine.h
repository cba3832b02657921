/* SPDX-License-Identifier: MIT */
/*
 * tests/common/testmachine.h — building machines for tests.
 *
 * test_machine_bare() gives an x86_64 machine with the Debian .config and
 * profile (an ARM description boots with the armmp .config and profile), RAM of the given size and no firmware: memblock starts empty, as
 * in the kernel's tools/testing/memblock.  test_machine_boot() builds a
 * described machine and boots it.  Both enter the machine (current_machine)
 * and silence the console; the log is still recorded.
 *
 * CHECK_EQ(field, expected, got) fails the current test with one line
 * "field: expected X, got Y" (numbers printed in hex and decimal).
 */
#ifndef _MMSIM_TESTMACHINE_H
#define _MMSIM_TESTMACHINE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "linux/types.h"
#include "mmsim/machine.h"

struct machine *test_machine_bare(u64 ram_size);
struct machine *test_machine_boot(const struct machine_desc *desc);
void test_machine_desc_default(struct machine_desc *d);
/* vexpress-a9, 1 GiB, 4 CPUs, the armmp kernel (boot it with test_machine_boot). */
void test_machine_desc_arm(struct machine_desc *d);
void test_machine_destroy(struct machine *m);

/* The log lines (without timestamps) recorded since the last call. */
char *test_log_take(struct machine *m);

void test_check_eq(const char *file, int line, const char *field,
		   unsigned long long expected, unsigned long long got);
void test_check_str(const char *file, int line, const char *field,
		    const char *expected, const char *got);

#define CHECK_EQ(field, expected, got)                                        \
	test_check_eq(__FILE__, __LINE__, field, (unsigned long long)(expected), \
		      (unsigned long long)(got))
#define CHECK_STR(field, expected, got) \
	test_check_str(__FILE__, __LINE__, field, expected, got)

/* Path of a file under tests/fixtures/ (static buffer). */
const char *test_fixture_path(const char *rel);

#endif /* _MMSIM_TESTMACHINE_H */
