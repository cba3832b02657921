// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_script.c — the workload script parser (tools/run_parse.c,
 * docs/WORKLOAD.md).
 *
 * No kernel counterpart: the input is a script `mmsim run` would read.
 * Any bytes end in a parsed script or in bad-line messages, never in a
 * crash.  A script that parses must also be well formed: every line's
 * process, variable and child index inside the script's tables, its
 * number count within RUN_MAX_NUMS, its words and views known; those are
 * what run_exec.c indexes with, unchecked.
 */
#include "fuzz.h"
#include "mmsim/host.h"
#include "tools/run_internal.h"

#include <stdio.h>

static FILE *sink; /* the parser's messages, not wanted here */

static void check_num(const struct run_script *s, const struct run_num *n)
{
	if (n->var < -1 || n->var >= s->nr_vars)
		fuzz_check(-1, "run_parse: a $VAR index outside the variables");
}

static void check_line(const struct run_script *s, const struct run_line *l)
{
	int i;

	if (l->op < 0 || l->op >= RUN_NR_OPS)
		fuzz_check(-1, "run_parse: an unknown operation");
	if (l->proc < 0 || l->proc >= s->nr_procs)
		fuzz_check(-1, "run_parse: a process index outside the processes");
	if (l->var < -1 || l->var >= s->nr_vars)
		fuzz_check(-1, "run_parse: a VAR index outside the variables");
	if (l->var >= 0 && !run_op_returns_number(l->op))
		fuzz_check(-1, "run_parse: VAR = on an operation without a number");
	if (l->nnum < 0 || l->nnum > RUN_MAX_NUMS)
		fuzz_check(-1, "run_parse: a number count outside 0..RUN_MAX_NUMS");
	for (i = 0; i < l->nnum; i++)
		check_num(s, &l->num[i]);
	if (l->op == RUN_FORK && (l->child <= 0 || l->child >= s->nr_procs))
		fuzz_check(-1, "run_parse: fork names no child process");
	if (l->op == RUN_DUMP && (l->view < 0 || l->view >= RUN_NR_VIEWS))
		fuzz_check(-1, "run_parse: dump of an unknown view");
	if (l->lineno <= 0)
		fuzz_check(-1, "run_parse: a line number below 1");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct run_script s;
	int i;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (run_parse(&s, "fuzz.mmw", text, sink) == 0) {
		for (i = 0; i < s.nr_lines; i++)
			check_line(&s, &s.lines[i]);
		for (i = 1; i < s.nr_procs; i++)
			if (s.procs[i].parent < 0 || s.procs[i].parent >= s.nr_procs)
				fuzz_check(-1, "run_parse: a parent outside the processes");
	}
	run_script_free(&s);
	host_free(text);
	return 0;
}
