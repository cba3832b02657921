// SPDX-License-Identifier: MIT
/*
 * tools/run.c — `mmsim run [boot options] [--exec ELF] [--swap SIZE]
 * [--log] SCRIPT`: boot a machine as `mmsim boot` does, then run a
 * workload script (docs/WORKLOAD.md) on it.
 *
 * No kernel counterpart.  The order is the contract's:
 *
 *   read the options            tools/options.def, as `mmsim boot` does;
 *                               build the machine (not booted yet)
 *   read SCRIPT (a file, or - for standard input)
 *   parse all of it             a bad line: "FILE:N: ... 'word'", exit 2
 *   boot the machine            the boot log only with --log (on stderr:
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
/* --calls without FUNC: every system call's tree, this many levels deep. */
#define RUN_CALLS_DEFAULT_DEPTH 3
#define RUN_CMDLINE_ARM "console=ttyAMA0 loglevel=8 nokaslr norandmaps numa_balancing=disable"

static void console_to_stderr(const char *text, size_t len, void *opaque)
{
	fwrite(text, 1, len, stderr);
}

/* --calls [FUNC] [--depth N], --inspect [FILE], --html FILE of `run`. */
struct run_see {
	bool calls;              /* --calls [FUNC] [--depth N] */
	const char *calls_func;  /* NULL: every system call's tree */
	int depth;               /* -1: all levels */
};

/*
 * --inspect: the prompt (or the commands of @file) on the ran machine,
 * its ps naming each process as the script does.
 */
static int run_inspect(struct machine *m, const char *file, const int *pids,
		       const char *const *names, int nr)
{
	int ret;

	inspect_set_proc_names(pids, names, nr);
	ret = inspect_run(m, file, "run") ? -1 : 0;
	inspect_set_proc_names(NULL, NULL, 0);
	return ret;
}

/* --html FILE: the page of the machine, with each process's VMAs. */
static int run_html(struct machine *m, const char *file)
{
	return html_write(m, file, NULL, NULL) ? -1 : 0;
}

/*
 * Take the looking-glass options (their optional values are not of the
 * options table's kind) off the first @argc words of @argv, compacting
 * the rest for tools/options.def; 0, or -1 after reporting a bad one.
 */
static int take_see_opts(int *argc, char **argv, struct run_see *s,
			 struct run_options *opt)
{
	bool depth_given = false;
	int i, n = 0;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < *argc; i++) {
		if (!strcmp(argv[i], "--calls")) {
			s->calls = true;
			if (i + 1 < *argc && argv[i + 1][0] != '-')
				s->calls_func = argv[++i];
		} else if (!strcmp(argv[i], "--depth")) {
			u64 v;

			if (i + 1 >= *argc || cli_parse_u64(argv[i + 1], &v) || v > 1000) {
				cli_error("--depth: '%s' is not a depth (0 .. 1000)",
					  i + 1 < *argc ? argv[i + 1] : "");
				return -1;
			}
			s->depth = (int)v;
			depth_given = true;
			i++;
		} else if (!strcmp(argv[i], "--html")) {
			if (i + 1 >= *argc) {
				cli_error("option '%s' needs a value", argv[i]);
				return -1;
			}
			opt->html = run_html;
			opt->html_file = argv[++i];
		} else if (!strcmp(argv[i], "--inspect")) {
			opt->inspect = run_inspect;
			if (i + 1 < *argc && argv[i + 1][0] != '-')
				opt->inspect_file = argv[++i];
		} else {
			argv[n++] = argv[i];
		}
	}
	if (depth_given && !s->calls) {
		cli_error("--depth: only with --calls");
		return -1;
	}
	if (s->calls && !depth_given)
		s->depth = s->calls_func ? -1 : RUN_CALLS_DEFAULT_DEPTH;
	*argc = n;
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
	struct cli_run_opts r = {
		.cmdline_x86 = RUN_CMDLINE_X86, .cmdline_arm = RUN_CMDLINE_ARM,
	};
	struct run_options opt = { 0 };
	struct run_script s = { 0 };
	struct run_see see;
	struct calltrace *trace = NULL;
	const char *script;
	struct machine *m = NULL;
	char *text, *exec = NULL;
	char **opts = NULL;  /* the options, the looking-glass ones taken off */
	int ret = 2, bad, nopts;

	/* SCRIPT is the last argument; the options before it: options.def */
	if (argc < 1 || (argv[argc - 1][0] == '-' && argv[argc - 1][1])) {
		cli_error("run: no SCRIPT (the last argument: a file, or - for standard input)");
		goto out;
	}
	script = argv[argc - 1];
	/* --calls runs this command again as build/mmsim-calls */
	nopts = argc - 1;
	opts = host_alloc(sizeof(char *) * (size_t)argc);
	memcpy(opts, argv, sizeof(char *) * (size_t)nopts);
	if (take_see_opts(&nopts, opts, &see, &opt))
		goto out;
	if (see.calls && see_exec_twin("run", argc, argv))
		goto out;
	/* the options first (a bad one is named before the script is read),
	 * then the whole script, then the boot */
	m = cli_build_machine(nopts, opts, &r);
	if (!m)
		goto out;
	opt.exec_path = r.exec_path;
	opt.swap_size = r.swap_size;
	opt.guest = r.guest;
	opt.json_path = r.json_path;
	if (opt.json_path && strcmp(opt.json_path, "-")) {
		FILE *f = fopen(opt.json_path, "w");  /* written after the run */

		if (!f) {
			cli_error("--json: cannot write '%s': %s", opt.json_path, strerror(errno));
			goto out_machine;
		}
		fclose(f);
	}
	text = read_script(script);
	if (!text)
		goto out_machine;
	bad = run_parse(&s, strcmp(script, "-") ? script : "<stdin>", text, stderr);
	host_free(text);
	if (bad) /* each bad line was reported; nothing runs */
		goto out_machine;
	if (!opt.exec_path)
		opt.exec_path = exec = default_exec(m);
	if (!host_file_readable(opt.exec_path)) {
		cli_error("--exec: cannot read '%s': %s", opt.exec_path, strerror(errno));
		goto out_machine;
	}
	if (r.log)
		m->log.console = console_to_stderr;
	else
		m->log.console_enabled = false;
	if (machine_boot(m)) {
		cli_error("run: the simulated kernel stopped during boot");
		ret = 1;
		goto out_machine;
	}
	if (see.calls) {
		trace = calltrace_create();
		if (!trace) {
			ret = 1;
			goto out_machine;
		}
		calltrace_attach(m, trace);
	}
	ret = run_script_exec(m, &s, &opt, stdout, stderr);
	fflush(stdout);
	if (trace) {
		calltrace_attach(m, NULL);
		if (calltrace_print(trace, stdout, see.calls_func, see.depth) == -ENOENT) {
			cli_error("--calls: the run never called '%s'", see.calls_func);
			ret = ret ? ret : 1;
		}
		fflush(stdout);
		calltrace_destroy(trace);
	}
out_machine:
	host_free(exec);
	machine_destroy(m);
	run_script_free(&s);
out:
	host_free(opts);
	return ret;
}
