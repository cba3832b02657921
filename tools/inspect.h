/* SPDX-License-Identifier: MIT */
/*
 * tools/inspect.h — the inspector's command tables (tools/inspect.c,
 * tools/inspect_mm.c).
 */
#ifndef _MMSIM_TOOLS_INSPECT_H
#define _MMSIM_TOOLS_INSPECT_H

#include "linux/types.h"

struct machine;

struct inspect_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);   /* 0, or -errno after a message */
	const char *args;
	const char *help;
};

/* mm-* and crash's kmem/vtop: views of the structures (inspect_mm.c). */
extern const struct inspect_cmd inspect_mm_cmds[];

/* ps, vm, mm-vmas: user processes (inspect_proc.c). */
extern const struct inspect_cmd inspect_proc_cmds[];

/*
 * The workload script's names of the processes (`mmsim run --inspect`),
 * which ps shows beside each pid: @names[i] is the name of @pids[i].
 * The arrays are the caller's and must outlive the inspector session;
 * inspect_set_proc_names(NULL, NULL, 0) forgets them.
 */
void inspect_set_proc_names(const int *pids, const char *const *names, int nr);

/* One "inspect: ..." line on stderr. */
void inspect_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A decimal or 0x number, or an error naming @what: 0 / -EINVAL. */
int inspect_number(const char *what, const char *s, u64 *out);

/*
 * Read and run commands on @m: from @file, else from standard input (a
 * terminal gets line editing; @where goes into its prompt).  Returns 0,
 * or -EINVAL when a script stopped at a bad command, -ENOENT when @file
 * cannot be read (messages given).
 */
int inspect_run(struct machine *m, const char *file, const char *where);

#endif
