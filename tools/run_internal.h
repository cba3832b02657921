/* SPDX-License-Identifier: MIT */
/*
 * tools/run_internal.h — what the pieces of `mmsim run` share.
 *
 * No kernel counterpart: this is the mmsim side of the workload script
 * language of docs/WORKLOAD.md, which the probe (scripts/oracle/probe/)
 * implements on the real kernel.  Three files, one job each:
 *
 *   run_parse.c   the script as data: every line parsed and checked before
 *                 anything runs (pure; no kernel calls)
 *   run_exec.c    runs the parsed lines on a booted machine: processes by
 *                 name, the start-up population and fault baseline, the
 *                 system calls, the `N: RESULT` output
 *   run.c         `mmsim run [boot options] [--exec ELF] [--swap SIZE]
 *                 [--log] SCRIPT`: options, boot, then run_exec
 *
 *   script ──run_parse()──▶ struct run_script ──run_script_exec()──▶ stdout
 *
 * Flag and advice words become the numbers of Linux's uapi headers
 * (MAP_*, MADV_*, MREMAP_*), which x86_64 and 32-bit ARM share.
 */
#ifndef _MMSIM_TOOLS_RUN_INTERNAL_H
#define _MMSIM_TOOLS_RUN_INTERNAL_H

#include "linux/types.h"
#include "mmsim/guest.h"

#include <stdio.h>

struct machine;

enum run_op {
	RUN_MMAP, RUN_MUNMAP, RUN_MPROTECT, RUN_MREMAP, RUN_MADVISE,
	RUN_MLOCK, RUN_MUNLOCK, RUN_BRK, RUN_SBRK,
	RUN_READ, RUN_WRITE, RUN_FILL, RUN_CHECK,
	RUN_FILE, RUN_PWRITE, RUN_PREAD, RUN_CLOSE, RUN_UNLINK,
	RUN_FORK, RUN_EXIT, RUN_SYSCTL, RUN_SYSFS, RUN_PROC, RUN_SLEEP,
	RUN_DUMP,
	RUN_NR_OPS
};

/* The uapi values the words stand for. */
#define RUN_PROT_READ  0x1
#define RUN_PROT_WRITE 0x2
#define RUN_PROT_EXEC  0x4

#define RUN_MAP_SHARED          0x01
#define RUN_MAP_PRIVATE         0x02
#define RUN_MAP_FIXED           0x10
#define RUN_MAP_ANONYMOUS       0x20
#define RUN_MAP_GROWSDOWN       0x0100
#define RUN_MAP_LOCKED          0x2000
#define RUN_MAP_NORESERVE       0x4000
#define RUN_MAP_POPULATE        0x8000
#define RUN_MAP_STACK           0x20000
#define RUN_MAP_FIXED_NOREPLACE 0x100000

#define RUN_MREMAP_MAYMOVE   1
#define RUN_MREMAP_FIXED     2
#define RUN_MREMAP_DONTUNMAP 4

#define RUN_MLOCK_ONFAULT 1

/* The views `dump` prints. */
enum run_view {
	RUN_V_MAPS, RUN_V_SMAPS, RUN_V_SMAPS_ROLLUP, RUN_V_STATUS, RUN_V_STATM,
	RUN_V_FAULTS,
	/* the machine's */
	RUN_V_MEMINFO, RUN_V_VMSTAT, RUN_V_BUDDYINFO, RUN_V_ZONEINFO,
	RUN_V_PAGETYPEINFO, RUN_V_SLABINFO, RUN_V_SWAPS, RUN_V_DMESG,
	RUN_NR_VIEWS
};

/* A number argument: a literal, or $VAR plus an offset. */
struct run_num {
	int var; /* index in run_script.vars, or -1 for a literal */
	s64 val; /* the literal, or the offset added to the variable */
};

#define RUN_MAX_NUMS 4

/*
 * One script line that does something.  The number arguments are in
 * num[] in the order the operation's syntax gives them, optional ones
 * included only when present (nnum says how many).
 */
struct run_line {
	int lineno;
	enum run_op op;
	int proc;   /* index in run_script.procs: the process running it */
	int var;    /* VAR = ...: index in run_script.vars, or -1 */
	int nnum;
	struct run_num num[RUN_MAX_NUMS];
	unsigned long prot;   /* mmap, mprotect */
	unsigned long flags;  /* mmap MAP_*, mremap MREMAP_*, mlock onfault */
	int advice;           /* madvise MADV_* */
	int view;             /* dump: enum run_view */
	int child;            /* fork: index in run_script.procs */
	char *path;           /* mmap's PATH, file ops' PATH */
	char *name;           /* sysctl/sysfs/proc NAME */
	char *value;          /* sysctl/sysfs/proc VALUE (rest of the line) */
};

struct run_proc_name {
	char *name;
	int parent;  /* index, -1 for main */
};

struct run_script {
	const char *file;        /* for messages */
	struct run_line *lines;
	int nr_lines, cap_lines;
	char **vars;
	int nr_vars, cap_vars;
	struct run_proc_name *procs; /* [0] is main */
	int nr_procs, cap_procs;
};

/*
 * Parse the whole of @text (NUL-terminated).  Every line that cannot be
 * parsed is reported on @err as "FILE:N: what 'word'"; returns 0, or the
 * number of bad lines (the script must then not run).  run_script_free()
 * in both cases.
 */
int run_parse(struct run_script *s, const char *file, const char *text, FILE *err);
void run_script_free(struct run_script *s);

const char *run_op_name(enum run_op op);
const char *run_view_name(enum run_view v);
/* Does the operation return a number a VAR can hold? */
bool run_op_returns_number(enum run_op op);
/* "ENOMEM" for 12 (without the minus), NULL when unknown. */
const char *run_errno_name(int err);

struct machine;

struct run_options {
	const char *exec_path;   /* host ELF file: the image of /probe */
	u64 swap_size;           /* --swap, 0 = none */
	struct mmsim_guest guest; /* --guest-kernel/-shmem/-anon, 0 = none */
	const char *json_path;   /* --json FILE (- = stdout): the processes at
				  * the end and the machine views (docs/json.md) */
	/*
	 * --inspect [FILE]: called after the last line, while the script's
	 * processes are still alive (NULL: not asked for); @names[i] is the
	 * script's name of the live process @pids[i], @nr of them.
	 */
	int (*inspect)(struct machine *m, const char *file, const int *pids,
		       const char *const *names, int nr);
	const char *inspect_file;
	/* --html FILE: called at the same moment (NULL: not asked for). */
	int (*html)(struct machine *m, const char *file);
	const char *html_file;
};

/*
 * Run @s on the booted machine @m, writing the output to @out.  Returns
 * 0, 2 when a line's $VAR value cannot be used (after printing the lines
 * before it, with the message on @err), or 1 when the machine cannot run
 * it (no process side, the ELF cannot be loaded, a kernel panic).
 */
int run_script_exec(struct machine *m, const struct run_script *s,
		    const struct run_options *opt, FILE *out, FILE *err);

#endif /* _MMSIM_TOOLS_RUN_INTERNAL_H */
