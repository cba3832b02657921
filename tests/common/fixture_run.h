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

#endif /* _MMSIM_FIXTURE_RUN_H */
