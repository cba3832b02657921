// SPDX-License-Identifier: MIT
/*
 * tools/inspect.c — a command prompt on a booted (or stopped) machine.
 *
 * No kernel counterpart: it plays the part of crash(8) and of GDB with
 * Linux's scripts/gdb (lx-* commands) for a kernel that is a program.
 * `mmsim boot ... --inspect [FILE]` reads commands after boot, or at
 * `--stop-at FUNC` when the boot is about to enter FUNC; from FILE, from
 * a pipe, or from a terminal with line editing, history and completion
 * (libedit, Debian's libedit-dev).
 *
 * It runs in build/mmsim-calls (the instrumented twin), so that `calls
 * COMMAND` can show the kernel functions a command runs.
 *
 * The loop and the commands that act on the machine live here; the
 * commands that show structures are in tools/inspect_mm.c.  Commands run
 * with the machine entered (current_machine), on the boot thread.  A
 * command with bad arguments prints one "inspect: ..." line on stderr and
 * the loop goes on; from a FILE the first bad command ends the script
 * with status 2, so that a script cannot silently go wrong.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/proc_fs.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "mm/internal.h"
#include "mmsim/calltrace.h"
#include "mmsim/cli.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "tools/inspect.h"

#include <editline/readline.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ARGS 8

void inspect_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("inspect: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int inspect_number(const char *what, const char *s, u64 *out)
{
	if (s && !cli_parse_u64(s, out))
		return 0;
	inspect_error("%s: '%s' is not a number", what, s ? s : "");
	return -EINVAL;
}

/* ---- acting on the machine ------------------------------------------- */

static int cmd_alloc(int argc, char **argv)
{
	struct page *page;
	u64 order = 0;

	if (argc > 1 && inspect_number("alloc ORDER", argv[1], &order))
		return -EINVAL;
	if (order >= (u64)MAX_ORDER) {
		inspect_error("alloc: order %llu is not below MAX_ORDER (%d)",
			      (unsigned long long)order, MAX_ORDER);
		return -EINVAL;
	}
	page = alloc_pages(GFP_KERNEL, (unsigned int)order);
	if (!page) {
		printf("alloc_pages(GFP_KERNEL, %llu) failed\n", (unsigned long long)order);
		return 0;
	}
	printf("alloc_pages(GFP_KERNEL, %llu) = pfn %#lx (phys %#llx)\n",
	       (unsigned long long)order, page_to_pfn(page),
	       (unsigned long long)PFN_PHYS(page_to_pfn(page)));
	return 0;
}

static int cmd_free(int argc, char **argv)
{
	u64 pfn, order = 0;

	if (argc < 2) {
		inspect_error("free: usage: free PFN [ORDER]");
		return -EINVAL;
	}
	if (inspect_number("free PFN", argv[1], &pfn) ||
	    (argc > 2 && inspect_number("free ORDER", argv[2], &order)))
		return -EINVAL;
	if (!pfn_valid((unsigned long)pfn) || order >= (u64)MAX_ORDER ||
	    !page_ref_count(pfn_to_page((unsigned long)pfn))) {
		inspect_error("free: pfn %s order %llu is not an allocated block",
			      argv[1], (unsigned long long)order);
		return -EINVAL;
	}
	__free_pages(pfn_to_page((unsigned long)pfn), (unsigned int)order);
	printf("__free_pages(pfn %#llx, %llu)\n", (unsigned long long)pfn,
	       (unsigned long long)order);
	return 0;
}

static int cmd_kmalloc(int argc, char **argv)
{
	u64 size;
	void *p;

	if (argc < 2 || inspect_number("kmalloc SIZE", argv[1], &size))
		return -EINVAL;
	p = kmalloc((size_t)size, GFP_KERNEL);
	if (!p) {
		printf("kmalloc(%llu) failed\n", (unsigned long long)size);
		return 0;
	}
	printf("kmalloc(%llu) = phys %#llx (kfree it by that address)\n",
	       (unsigned long long)size, (unsigned long long)__pa(p));
	return 0;
}

static int cmd_kfree(int argc, char **argv)
{
	u64 phys;

	if (argc < 2 || inspect_number("kfree PHYS", argv[1], &phys))
		return -EINVAL;
	if (!pfn_valid(PHYS_PFN(phys))) {
		inspect_error("kfree: %s is not in RAM", argv[1]);
		return -EINVAL;
	}
	kfree(__va(phys));
	printf("kfree(phys %#llx)\n", (unsigned long long)phys);
	return 0;
}

static int cmd_vmalloc(int argc, char **argv)
{
	u64 size;
	void *p;

	if (argc < 2 || inspect_number("vmalloc SIZE", argv[1], &size) || !size)
		return -EINVAL;
	p = vmalloc((unsigned long)size);
	if (!p) {
		printf("vmalloc(%llu) failed\n", (unsigned long long)size);
		return 0;
	}
	printf("vmalloc(%llu) = %#lx\n", (unsigned long long)size, vmalloc_kva(p));
	return 0;
}

static int cmd_vfree(int argc, char **argv)
{
	u64 kva;
	void *p;

	if (argc < 2 || inspect_number("vfree ADDR", argv[1], &kva))
		return -EINVAL;
	p = vmalloc_host((unsigned long)kva);
	if (!p || !find_vmap_area((unsigned long)kva)) {
		inspect_error("vfree: %s is not a vmalloc area", argv[1]);
		return -EINVAL;
	}
	vfree(p);
	printf("vfree(%#llx)\n", (unsigned long long)kva);
	return 0;
}

static int cmd_proc(int argc, char **argv)
{
	char *text;

	if (argc < 2 || proc_render(argv[1], &text)) {
		inspect_error("proc: unknown view '%s'", argc > 1 ? argv[1] : "");
		return -EINVAL;
	}
	fputs(text, stdout);
	host_free(text);
	return 0;
}

static int cmd_help(int argc, char **argv);
static const struct inspect_cmd *find_cmd(const char *name);

/*
 * calls COMMAND [ARGS]: run one command with a trace attached and print
 * the tree of kernel functions it ran ("calls kmalloc 100").
 */
static int cmd_calls(int argc, char **argv)
{
	const struct inspect_cmd *c = argc > 1 ? find_cmd(argv[1]) : NULL;
	struct calltrace *ct;
	int ret;

	if (!c || c->fn == cmd_calls) {
		inspect_error("calls: usage: calls COMMAND [ARGS] (e.g. calls kmalloc 100)");
		return -EINVAL;
	}
	ct = calltrace_create();
	if (!ct)
		return -ENOMEM;
	calltrace_attach(current_machine, ct);
	ret = c->fn(argc - 1, argv + 1);
	calltrace_attach(current_machine, NULL);
	calltrace_print(ct, stdout, NULL, -1);
	calltrace_destroy(ct);
	return ret;
}

static const struct inspect_cmd acting_cmds[] = {
	{ "alloc", cmd_alloc, "[ORDER]", "alloc_pages(GFP_KERNEL, ORDER): a block from the buddy allocator" },
	{ "free", cmd_free, "PFN [ORDER]", "__free_pages() of a block" },
	{ "kmalloc", cmd_kmalloc, "SIZE", "kmalloc(SIZE, GFP_KERNEL)" },
	{ "kfree", cmd_kfree, "PHYS", "kfree() the object at that physical address" },
	{ "vmalloc", cmd_vmalloc, "SIZE", "vmalloc(SIZE)" },
	{ "vfree", cmd_vfree, "ADDR", "vfree() the area at that kernel address" },
	{ "calls", cmd_calls, "COMMAND [ARGS]", "the call tree of one command (calls kmalloc 100)" },
	{ "proc", cmd_proc, "NAME", "print /proc/NAME (zoneinfo, buddyinfo, meminfo, slabinfo, ...)" },
	{ "help", cmd_help, "[COMMAND]", "this list" },
	{ NULL, NULL, NULL, NULL }
};

/* Each table in turn: the structure views, then the actions. */
static const struct inspect_cmd *const cmd_tables[] = { inspect_mm_cmds, inspect_proc_cmds, acting_cmds };

static const struct inspect_cmd *find_cmd(const char *name)
{
	const struct inspect_cmd *c;
	size_t t;

	for (t = 0; t < ARRAY_SIZE(cmd_tables); t++)
		for (c = cmd_tables[t]; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	const struct inspect_cmd *c;
	size_t t;

	for (t = 0; t < ARRAY_SIZE(cmd_tables); t++)
		for (c = cmd_tables[t]; c->name; c++)
			if (argc < 2 || !strcmp(argv[1], c->name))
				printf("  %-10s %-14s %s\n", c->name, c->args, c->help);
	if (argc < 2)
		printf("  %-10s %-14s %s\n", "quit", "", "leave (also: exit, continue, end of input)");
	return 0;
}

/* ---- the loop ---------------------------------------------------------- */

/* 1: the loop ends; 0: done; -EINVAL: a bad command (message given). */
static int run_line(char *line)
{
	char *argv[MAX_ARGS + 1], *save = NULL, *tok, *hash = strchr(line, '#');
	const struct inspect_cmd *c;
	int argc = 0;

	if (hash)
		*hash = '\0';
	for (tok = strtok_r(line, " \t\r\n", &save); tok && argc < MAX_ARGS;
	     tok = strtok_r(NULL, " \t\r\n", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (!argc)
		return 0;
	if (!strcmp(argv[0], "quit") || !strcmp(argv[0], "exit") ||
	    !strcmp(argv[0], "continue") || !strcmp(argv[0], "q"))
		return 1;
	c = find_cmd(argv[0]);
	if (!c) {
		inspect_error("unknown command '%s' (try 'help')", argv[0]);
		return -EINVAL;
	}
	return c->fn(argc, argv) ? -EINVAL : 0;
}

/* Completion of the first word: every command name. */
static char *complete_cmd(const char *text, int state)
{
	static size_t t, i;
	size_t len = strlen(text);

	if (!state)
		t = i = 0;
	for (; t < ARRAY_SIZE(cmd_tables); t++, i = 0)
		while (cmd_tables[t][i].name) {
			const char *name = cmd_tables[t][i++].name;

			if (!strncmp(name, text, len))
				return strdup(name);
		}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1;
	return start ? NULL : rl_completion_matches(text, complete_cmd);
}

/* A terminal: libedit's readline with history and completion. */
static int loop_terminal(const char *where)
{
	char prompt[64], *line;
	int ret = 0;

	snprintf(prompt, sizeof(prompt), "mmsim%s%s> ", *where ? " " : "", where);
	rl_attempted_completion_function = complete;
	using_history();
	printf("mmsim inspector: 'help' lists the commands, Tab completes, 'quit' leaves.\n");
	while ((line = readline(prompt))) {
		if (*line)
			add_history(line);
		ret = run_line(line);
		free(line);
		fflush(stdout);
		if (ret == 1)
			break;
	}
	return 0;
}

/* A script (FILE or a pipe): echo each command, stop at the first error. */
static int loop_script(FILE *in, const char *name)
{
	char line[1024];
	int lineno = 0, ret;

	while (fgets(line, sizeof(line), in)) {
		lineno++;
		if (line[strspn(line, " \t\r\n")] && line[0] != '#')
			printf("mmsim> %s%s", line, strchr(line, '\n') ? "" : "\n");
		ret = run_line(line);
		fflush(stdout);
		if (ret == 1)
			break;
		if (ret < 0) {
			inspect_error("%s:%d: stopped at this command", name, lineno);
			return -EINVAL;
		}
	}
	return 0;
}

int inspect_run(struct machine *m, const char *file, const char *where)
{
	struct machine *old = machine_enter(m);
	FILE *in = stdin;
	int ret;

	fflush(stdout);
	if (file) {
		in = fopen(file, "r");
		if (!in) {
			machine_enter(old);
			cli_error("--inspect: cannot read '%s'", file);
			return -ENOENT;
		}
		ret = loop_script(in, file);
		fclose(in);
	} else if (isatty(STDIN_FILENO)) {
		ret = loop_terminal(where);
	} else {
		ret = loop_script(stdin, "<stdin>");
	}
	fflush(stdout);
	machine_enter(old);
	return ret;
}
