// SPDX-License-Identifier: MIT
/*
 * tests/common/fixture_run.c — the shared driver of the parity tests
 * (see fixture_run.h).
 */
#include "fixture_run.h"
#include "testmachine.h"
#include "mmsim/host.h"

#include <stdio.h>

int fixture_run_cases(const char *group, const char *arch,
		      CMUnitTestFunction fn, CMFixtureFunction teardown,
		      bool (*want)(const struct fixture_case *c), size_t *nr_run)
{
	struct fixture_case *cases;
	size_t n = fixture_cases(arch, &cases), i, nt = 0;
	struct CMUnitTest *tests = host_alloc((n + 1) * sizeof(*tests));
	int ret;

	for (i = 0; i < n; i++) {
		if (want && !want(&cases[i]))
			continue;
		tests[nt].name = cases[i].name;
		tests[nt].test_func = fn;
		tests[nt].setup_func = NULL;
		tests[nt].teardown_func = teardown;
		tests[nt].initial_state = &cases[i];
		nt++;
	}
	if (!nt)
		fprintf(stderr, "%s: no fixture case under %s\n", group,
			test_fixture_path(arch));
	ret = _cmocka_run_group_tests(group, tests, nt, NULL, NULL);
	host_free(tests);
	host_free(cases);
	if (nr_run)
		*nr_run = nt;
	return ret || !nt;
}

struct machine *fixture_boot_case(const struct fixture_case *c,
				  struct fixture_lines *kernel,
				  struct fixture_lines *ours)
{
	struct machine_desc d;
	struct machine *m;
	char err[512], *text;

	if (fixture_log(c, kernel))
		fail_msg("%s: cannot read dmesg.log", c->name);
	if (fixture_machine_desc(c, kernel, &d, err, sizeof(err)))
		fail_msg("%s", err);
	m = test_machine_boot(&d);
	if (ours) {
		text = test_log_take(m);
		fixture_lines_split(text, ours);
		host_free(text);
	}
	return m;
}
