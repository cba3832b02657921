/* SPDX-License-Identifier: MIT */
/*
 * tests/common/fixture_run.h — one cmocka test per kernel fixture case.
 *
 * Every parity test has the same driver: list the fixture cases of an
 * architecture, make one named test of each (its state is the case),
 * run them as one group.  A group that finds no case fails: a parity
 * test that compared nothing must not pass.
 */
#ifndef _MMSIM_FIXTURE_RUN_H
#define _MMSIM_FIXTURE_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

/*
 * Run @fn over the cases of tests/fixtures/@arch that @want accepts (all
 * when NULL), with @teardown after each.  Returns cmocka's result, or 1
 * when no case was run; *@nr_run (if given) is the number of cases.
 */
int fixture_run_cases(const char *group, const char *arch,
		      CMUnitTestFunction fn, CMFixtureFunction teardown,
		      bool (*want)(const struct fixture_case *c), size_t *nr_run);

/*
 * Boot the machine case @c describes (its qemu.txt, and for a KASLR boot
 * the placement its log shows).  The kernel's log is read into @kernel;
 * mmsim's log of the boot goes into @ours when it is not NULL.  Any
 * failure fails the current test.  Returns the booted machine.
 */
struct machine *fixture_boot_case(const struct fixture_case *c,
				  struct fixture_lines *kernel,
				  struct fixture_lines *ours);

#endif /* _MMSIM_FIXTURE_RUN_H */
