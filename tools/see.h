/* SPDX-License-Identifier: MIT */
/*
 * tools/see.h — the "see it" options of mmsim boot: --calls, --depth,
 * --inspect, --stop-at, --html (tools/see.c).
 *
 * tools/mmsim.c hands every option it does not know to see_parse_opt()
 * and calls see_boot() in place of machine_boot(); everything else lives
 * here and in the files this one drives (kernel/trace/calltrace.c,
 * tools/inspect*.c, tools/html*.c).
 */
#ifndef _MMSIM_SEE_H
#define _MMSIM_SEE_H

#include <stdbool.h>

struct machine;
struct calltrace;
struct html_snapshots;

struct see_opts {
	bool calls;                 /* --calls [FUNC] */
	const char *calls_func;     /* NULL: the whole boot */
	int depth;                  /* --depth N */
	bool depth_given;
	bool inspect;               /* --inspect [FILE] */
	const char *inspect_file;   /* NULL: standard input */
	const char *stop_at;        /* --stop-at FUNC */
	const char *html;           /* --html FILE */
	struct calltrace *trace;    /* the boot's calls, until printed */
	struct html_snapshots *snapshots; /* --html: the boot step by step */
};

/*
 * Option argv[*i] if it is one of ours: 1 when consumed (and *i moved
 * past its arguments), 0 when not ours, -1 after a message for bad input.
 */
int see_parse_opt(int argc, char **argv, int *i, struct see_opts *o);

/*
 * With --calls, the plain build/mmsim runs build/mmsim-calls (the same
 * program with instrumented kernel code) with "boot" and @argv; returns
 * 0 at once in that binary, -1 (message given) when it cannot be run.
 */
int see_exec_calls(int argc, char **argv);
/* The same for the command @cmd ("run": mmsim run --calls). */
int see_exec_twin(const char *cmd, int argc, char **argv);

/* Cross-option checks once all options are read: 0 or -1 (message given). */
int see_check_opts(const struct see_opts *o);

/*
 * Boot @m as machine_boot() does, with what the options ask for around
 * it: the call tree printed after boot, the inspector, the HTML page.
 * Returns machine_boot()'s value, or -errno of a failure of ours.
 */
int see_boot(struct machine *m, struct see_opts *o);

/*
 * After boot (@boot_ret: see_boot()'s value): the call tree, and when the
 * boot succeeded the inspector prompt and the HTML page.  Returns
 * @boot_ret, or when that is 0 our own -errno.
 */
int see_after_boot(struct machine *m, struct see_opts *o, int boot_ret);

#endif
