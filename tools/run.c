// SPDX-License-Identifier: MIT
/*
 * tools/run.c — `mmsim run [boot options] [--exec ELF] [--swap SIZE]
 * [--log] SCRIPT`: boot a machine as `mmsim boot` does, then run a
 * workload script (docs/WORKLOAD.md) on it.
 *
 * No kernel counterpart.  The order is the contract's:
 *
 *   read SCRIPT (a file, or - for standard input)
 *   parse all of it             a bad line: "FILE:N: ... 'word'", exit 2
 *   build and boot the machine  the boot log only with --log (on stderr:
 *                               standard output is the script's); without
 *                               --append, the oracle's command line
 *                               (norandmaps nokaslr numa_balancing=disable)
 *   run the lines               "N: RESULT" on standard output
 *
 * Exit status: 0 when every line ran, 2 for a script error (also one met
 * while running: a $VAR value a line cannot take), 1 when the machine
 * cannot run it (boot failure, ELF image refused, kernel panic).
 */
#include "linux/kernel.h"
#include "mmsim/cli.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/calltrace.h"
#include "tools/html.h"
#include "tools/inspect.h"
#include "tools/see.h"

/* --calls without FUNC: each system call and what it called. */
#define RUN_CALLS_DEFAULT_DEPTH 3
#include "tools/run_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Without --append, the kernel command line of the oracle's runs
 * (scripts/regen-process-fixtures.sh): no address-space randomisation,
 * no KASLR, no NUMA balancing.
 */
#define RUN_CMDLINE_X86 "console=ttyS0 loglevel=8 nokaslr norandmaps numa_balancing=disable"
#define RUN_CMDLINE_ARM "console=ttyAMA0 loglevel=8 nokaslr norandmaps numa_balancing=disable"

struct run_args {
	struct run_options opt;
	const char *script;
	bool log;
	bool calls;              /* --calls [FUNC] [--depth N] */
	const char *calls_func;  /* NULL: every system call's tree */
	int depth;               /* -1: all levels */
	char **boot_argv;  /* what is left for the boot options */
	int boot_argc;
};

static void console_to_stderr(const char *text, size_t len, void *opaque)
{
	fwrite(text, 1, len, stderr);
}

/* --inspect: the prompt (or the commands of @file) on the ran machine. */
static int run_inspect(struct machine *m, const char *file)
{
	return inspect_run(m, file, "run") ? -1 : 0;
}

/* --html FILE: the page of the machine, with each process's VMAs. */
static int run_html(struct machine *m, const char *file)
{
	return html_write(m, file, NULL, NULL) ? -1 : 0;
}

/* Split off the options of `run`; the rest are `boot`'s. */
static int parse_run_args(int argc, char **argv, struct run_args *a)
{
	bool appended = false, arm = false, depth_given = false;
	int i;

	memset(a, 0, sizeof(*a));
	if (argc < 1 || (argv[argc - 1][0] == '-' && argv[argc - 1][1])) {
		cli_error("run: no SCRIPT (the last argument: a file, or - for standard input)");
		return -1;
	}
	a->script = argv[argc - 1];
	a->boot_argv = host_alloc(sizeof(char *) * (size_t)(argc + 3));
	for (i = 0; i < argc - 1; i++) {
		if (!strcmp(argv[i], "--log")) {
			a->log = true;
		} else if (!strcmp(argv[i], "--calls")) {
			a->calls = true;
			if (i + 1 < argc - 1 && argv[i + 1][0] != '-')
				a->calls_func = argv[++i];
		} else if (!strcmp(argv[i], "--depth")) {
			u64 n;

			if (i + 1 >= argc - 1 || cli_parse_u64(argv[i + 1], &n) || n > 1000) {
				cli_error("--depth: '%s' is not a depth (0 .. 1000)",
					  i + 1 < argc - 1 ? argv[i + 1] : "");
				return -1;
			}
			a->depth = (int)n;
			depth_given = true;
			i++;
		} else if (!strcmp(argv[i], "--html")) {
			if (i + 1 >= argc - 1) {
				cli_error("option '%s' needs a value", argv[i]);
				return -1;
			}
			a->opt.html = run_html;
			a->opt.html_file = argv[++i];
		} else if (!strcmp(argv[i], "--inspect")) {
			a->opt.inspect = run_inspect;
			if (i + 1 < argc - 1 && argv[i + 1][0] != '-')
				a->opt.inspect_file = argv[++i];
		} else if (!strcmp(argv[i], "--exec") || !strcmp(argv[i], "--swap")) {
			if (i + 1 >= argc - 1) {
				cli_error("option '%s' needs a value", argv[i]);
				return -1;
			}
			if (argv[i][2] == 'e') {
				a->opt.exec_path = argv[++i];
			} else if (cli_parse_size(argv[++i], &a->opt.swap_size, 'B')) {
				cli_error("--swap: invalid size '%s'", argv[i]);
				return -1;
			}
		} else {
			if (!strcmp(argv[i], "--append") || !strcmp(argv[i], "-append"))
				appended = true;
			if ((!strcmp(argv[i], "--arch") || !strcmp(argv[i], "-M")) &&
			    i + 1 < argc - 1 && (!strcmp(argv[i + 1], "arm") ||
						 !strcmp(argv[i + 1], "vexpress-a9")))
				arm = true;
			a->boot_argv[a->boot_argc++] = argv[i];
		}
	}
	if (depth_given && !a->calls) {
		cli_error("--depth: only with --calls");
		return -1;
	}
	if (a->calls && !depth_given)
		a->depth = a->calls_func ? -1 : RUN_CALLS_DEFAULT_DEPTH;
	if (!appended) {
		a->boot_argv[a->boot_argc++] = (char *)"--append";
		a->boot_argv[a->boot_argc++] = (char *)(arm ? RUN_CMDLINE_ARM : RUN_CMDLINE_X86);
	}
	return 0;
}

static char *read_script(const char *name)
{
	char *text;

	if (!strcmp(name, "-")) {
		size_t len = 0, cap = 4096, n;

		text = host_alloc(cap);
		while ((n = fread(text + len, 1, cap - len - 1, stdin)) > 0) {
			len += n;
			if (cap - len - 1 == 0) {
				char *bigger = host_alloc(cap * 2);

				memcpy(bigger, text, len);
				host_free(text);
				text = bigger;
				cap *= 2;
			}
		}
		text[len] = '\0';
		return text;
	}
	text = host_read_file(name, NULL);
	if (!text)
		cli_error("run: cannot read '%s': %s", name, strerror(errno));
	return text;
}

/* data/probe/probe-<arch> next to the other data files. */
static char *default_exec(const struct machine *m)
{
	char *p = host_alloc(4096);

	snprintf(p, 4096, "%s/probe/probe-%s", host_data_dir(),
		 m->desc.arch == MMSIM_ARCH_ARM ? "arm" : "x86_64");
	return p;
}

int cmd_run(int argc, char **argv)
{
	struct run_args a;
	struct run_script s = { 0 };
	struct machine *m = NULL;
	char *text, *exec = NULL;
	struct calltrace *trace = NULL;
	int ret = 2, bad;

	if (parse_run_args(argc, argv, &a))
		goto out;
	if (a.calls && see_exec_twin("run", argc, argv)) /* build/mmsim-calls */
		goto out;
	text = read_script(a.script);
	if (!text)
		goto out;
	bad = run_parse(&s, strcmp(a.script, "-") ? a.script : "<stdin>", text, stderr);
	host_free(text);
	if (bad) /* each bad line was reported; nothing runs */
		goto out_script;
	m = cli_build_machine(a.boot_argc, a.boot_argv);
	if (!m)
		goto out_script;
	if (!a.opt.exec_path)
		a.opt.exec_path = exec = default_exec(m);
	if (!host_file_readable(a.opt.exec_path)) {
		cli_error("--exec: cannot read '%s': %s", a.opt.exec_path, strerror(errno));
		goto out_machine;
	}
	if (a.log)
		m->log.console = console_to_stderr;
	else
		m->log.console_enabled = false;
	if (machine_boot(m)) {
		cli_error("run: the simulated kernel stopped during boot");
		ret = 1;
		goto out_machine;
	}
	if (a.calls) {
		trace = calltrace_create();
		if (!trace) {
			ret = 1;
			goto out_machine;
		}
		calltrace_attach(m, trace);
	}
	ret = run_script_exec(m, &s, &a.opt, stdout, stderr);
	fflush(stdout);
	if (trace) {
		calltrace_attach(m, NULL);
		if (calltrace_print(trace, stdout, a.calls_func, a.depth) == -ENOENT) {
			cli_error("--calls: the run never called '%s'", a.calls_func);
			ret = ret ? ret : 1;
		}
		fflush(stdout);
		calltrace_destroy(trace);
	}
out_machine:
	host_free(exec);
	machine_destroy(m);
out_script:
	run_script_free(&s);
out:
	host_free(a.boot_argv);
	return ret;
}
