// SPDX-License-Identifier: MIT
/*
 * tools/see.c — mmsim boot's options for looking inside the machine.
 *
 * No kernel counterpart: the command-line side of kernel/trace/
 * calltrace.c (the call tree, compare the function_graph tracer and
 * trace-cmd), tools/inspect.c (a command prompt in the spirit of crash
 * and GDB's lx-* helpers) and tools/html.c (one self-contained page).
 *
 *   --calls [FUNC]   print the tree of kernel functions the boot ran
 *                    under FUNC (default start_kernel), instead of the log
 *   --depth N        levels below FUNC shown (default: all under a FUNC
 *                    given, 2 under start_kernel)
 *   --inspect [FILE] a command prompt after boot (tools/inspect.c), or
 *                    commands read from FILE
 *   --stop-at FUNC   ... at the moment the boot enters FUNC instead (the
 *                    tracer's entry hook stops there; the boot goes on
 *                    when the inspector ends)
 *   --html FILE      one self-contained page of the machine after boot,
 *                    with a snapshot after each start_kernel step
 *
 * --calls, --inspect and --html need the instrumented twin, build/mmsim-calls:
 * the plain binary runs it in its place (see_exec_calls()).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include <errno.h>
#include "mmsim/calltrace.h"
#include "mmsim/cli.h"
#include "mmsim/machine.h"
#include "tools/html.h"
#include "tools/inspect.h"
#include "tools/see.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CALLS_DEFAULT_DEPTH 2   /* the whole boot: start_kernel's steps */

/*
 * Is this the instrumented binary (BUILD/mmsim-calls, see the Makefile)?
 * Only there do kernel functions call the tracer's hooks.
 */
#ifndef MMSIM_CALLTRACE
#define MMSIM_CALLTRACE 0
#endif
static const bool instrumented = MMSIM_CALLTRACE;

/* argv[*i + 1] when it is an operand, not the next option. */
static const char *optional_arg(int argc, char **argv, int *i)
{
	if (*i + 1 < argc && argv[*i + 1][0] != '-')
		return argv[++*i];
	return NULL;
}

static const char *required_arg(int argc, char **argv, int *i)
{
	if (*i + 1 < argc)
		return argv[++*i];
	cli_error("option '%s' needs a value", argv[*i]);
	return NULL;
}

int see_parse_opt(int argc, char **argv, int *i, struct see_opts *o)
{
	const char *a = argv[*i], *v;
	u64 n;

	if (!strcmp(a, "--calls")) {
		o->calls = true;
		o->calls_func = optional_arg(argc, argv, i);
		return 1;
	}
	if (!strcmp(a, "--depth")) {
		if (!(v = required_arg(argc, argv, i)))
			return -1;
		if (cli_parse_u64(v, &n) || n > 1000) {
			cli_error("--depth: '%s' is not a depth (0 .. 1000)", v);
			return -1;
		}
		o->depth = (int)n;
		o->depth_given = true;
		return 1;
	}
	if (!strcmp(a, "--inspect")) {
		o->inspect = true;
		o->inspect_file = optional_arg(argc, argv, i);
		return 1;
	}
	if (!strcmp(a, "--html")) {
		if (!(o->html = required_arg(argc, argv, i)))
			return -1;
		return 1;
	}
	if (!strcmp(a, "--stop-at")) {
		if (!(o->stop_at = required_arg(argc, argv, i)))
			return -1;
		o->inspect = true;
		return 1;
	}
	return 0;
}

/*
 * --calls in the plain binary: run the instrumented one beside it with
 * the same arguments.  Returns only on failure (message given).
 */
int see_exec_calls(int argc, char **argv)
{
	return see_exec_twin("boot", argc, argv);
}

int see_exec_twin(const char *cmd, int argc, char **argv)
{
	char self[4096], *slash, **args;
	ssize_t n;
	int i;

	if (instrumented)
		return 0;
	n = readlink("/proc/self/exe", self, sizeof(self) - 16);
	if (n < 0 || !(slash = memchr(self, '/', (size_t)n))) {
		cli_error("--calls: cannot find the mmsim executable: %s", strerror(errno));
		return -1;
	}
	self[n] = '\0';
	slash = strrchr(self, '/');
	strcpy(slash + 1, "mmsim-calls");
	args = calloc((size_t)argc + 3, sizeof(*args));
	if (!args)
		return -1;
	args[0] = self;
	args[1] = (char *)cmd;
	for (i = 0; i < argc; i++)
		args[i + 2] = argv[i];
	execv(self, args);
	cli_error("--calls: cannot run %s (make builds it): %s", self, strerror(errno));
	free(args);
	return -1;
}

/* 0 when the directory @path is to be written in exists and is writable. */
static int html_dir_writable(const char *path)
{
	char dir[4096], *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		return access(".", W_OK);
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return access(dir, W_OK);
}

int see_check_opts(const struct see_opts *o)
{
	if (o->depth_given && !o->calls) {
		cli_error("--depth: only with --calls");
		return -1;
	}
	if (o->html && html_dir_writable(o->html)) {
		cli_error("--html: cannot write '%s': %s", o->html, strerror(errno));
		return -1;
	}
	if (o->inspect_file && access(o->inspect_file, R_OK)) {
		cli_error("--inspect: cannot read '%s': %s", o->inspect_file,
			  strerror(errno));
		return -1;
	}
	return 0;
}

struct stop_ctx {
	struct machine *m;
	struct see_opts *o;
	int ret;
};

/* --stop-at: the boot is entering o->stop_at; the inspector takes over. */
static void stop_here(void *arg)
{
	struct stop_ctx *c = arg;
	char where[160];

	fflush(stdout);
	snprintf(where, sizeof(where), "at %s", c->o->stop_at);
	if (!c->o->inspect_file)
		printf("mmsim: stopped on entry to %s\n", c->o->stop_at);
	c->ret = inspect_run(c->m, c->o->inspect_file, where);
}

/* Boot with a trace attached; the tree is printed by see_after_boot(). */
static int boot_with_calls(struct machine *m, struct see_opts *o)
{
	struct stop_ctx stop = { m, o, 0 };
	int ret;

	o->trace = calltrace_create();
	if (!o->trace)
		return -ENOMEM;
	if (o->calls)
		m->log.console_enabled = false; /* the tree instead of the log */
	if (o->stop_at)
		calltrace_stop_at(o->trace, o->stop_at, stop_here, &stop);
	if (o->html) {
		o->snapshots = html_snapshots_new();
		if (o->snapshots)
			calltrace_on_return(o->trace, "start_kernel", html_snapshot,
					    o->snapshots);
	}
	calltrace_attach(m, o->trace);
	ret = machine_boot(m);
	calltrace_attach(m, NULL);
	if (o->stop_at && !calltrace_stopped(o->trace)) {
		cli_error("--stop-at: the boot never called '%s'", o->stop_at);
		return ret ? ret : -ENOENT;
	}
	return ret ? ret : stop.ret;
}

/* The tree under FUNC (start_kernel by default); -ENOENT if never called. */
static int print_calls(struct see_opts *o)
{
	const char *func = o->calls_func ? o->calls_func : "start_kernel";
	int depth = o->depth_given ? o->depth :
		    o->calls_func ? -1 : CALLS_DEFAULT_DEPTH;
	int ret = calltrace_print(o->trace, stdout, func, depth);

	fflush(stdout);
	if (ret == -ENOENT)
		cli_error("--calls: the boot never called '%s'", func);
	return ret;
}

int see_boot(struct machine *m, struct see_opts *o)
{
	if (o->calls || o->stop_at || o->html)
		return boot_with_calls(m, o);
	return machine_boot(m);
}

int see_after_boot(struct machine *m, struct see_opts *o, int boot_ret)
{
	int ret = 0;

	if (o->trace && o->calls)
		ret = print_calls(o);
	if (!boot_ret && !ret && o->html)
		ret = html_write(m, o->html, o->trace, o->snapshots);
	html_snapshots_free(o->snapshots);
	o->snapshots = NULL;
	calltrace_destroy(o->trace);
	o->trace = NULL;
	if (!boot_ret && !ret && o->inspect && !o->stop_at)
		ret = inspect_run(m, o->inspect_file, "");
	return boot_ret ? boot_ret : ret;
}
