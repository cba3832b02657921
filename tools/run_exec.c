// SPDX-License-Identifier: MIT
/*
 * tools/run_exec.c — runs a parsed workload script on a booted machine.
 *
 * No kernel counterpart (the probe's main loop on the real kernel).
 * Waiting for the process side (include/mmsim/process.h).
 */
#include "tools/run_internal.h"

int run_script_exec(struct machine *m, const struct run_script *s,
		    const struct run_options *opt, FILE *out, FILE *err)
{
	fprintf(err, "mmsim: run: user processes are not simulated yet\n");
	return 1;
}
