// SPDX-License-Identifier: MIT
/*
 * tools/run_exec.c — runs a parsed workload script on a booted machine.
 *
 * No kernel counterpart: this is what the probe (scripts/oracle/probe/)
 * does on the real kernel, done through the simulated kernel's system
 * calls (include/mmsim/process.h) instead of real ones.
 *
 *   khugepaged  scan_sleep_millisecs and alloc_sleep_millisecs set to
 *            86400000, as the oracle guest's /init sets them
 *   helper   the oracle guest's khugepaged helper, when THP is not
 *            `never`: the probe on scripts/oracle/probe/helper.mmw (4 MiB
 *            anonymous, MADV_HUGEPAGE, written once), started before main
 *            and left sleeping; it shares /probe's page cache with main,
 *            as on the real guest (Pss of the file pages is halved); its
 *            huge-page fault puts it on khugepaged's list and wakes
 *            khugepaged, which makes its pass (a scheduling point, for
 *            the guest's `sleep 3`) and sleeps for a day
 *   main     execve("/probe") of the --exec image (fs/exec.c), then the
 *            start-up population: MADV_POPULATE_READ over each read-only
 *            PT_LOAD segment, MADV_POPULATE_WRITE over each writable one
 *            and over the 64 KiB below the top of the stack VMA; then the
 *            fault baseline (min_flt/maj_flt as they are now)
 *   fork     the child repeats the population and takes its baseline,
 *            then the parent repeats the population (counted in its
 *            figures), then the line prints 0
 *   exit     the process's live children first (youngest first, each
 *            with its own descendants), then the process
 *   killed   a process that disappears while it runs a line (the OOM
 *            killer) prints `killed SIGKILL` on that line and every later
 *            one; its descendants exit and print the same
 *
 * Output: one `N: RESULT` per line; `dump` prints `N: dump VIEW`, the
 * text, `N: end`.  Addresses (mmap, mremap, brk, sbrk) print as 0x hex,
 * other numbers in decimal, errors as -ENAME.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/oom.h"
#include "linux/proc_fs.h"
#include "linux/binfmts.h"
#include "linux/swap.h"
#include "linux/kthread.h"
#include "linux/vmstat.h"
#include "mmsim/host.h"
#include "mmsim/json.h"
#include "mmsim/json_views.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "mmsim/tlb.h"
#include "mm/internal.h"
#include "tools/run_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum run_pstate { RP_UNBORN, RP_ALIVE, RP_EXITED, RP_KILLED, RP_FAILED };

struct run_file {
	char *name;
	int fd;
};

/* One named process of the script. */
struct run_proc {
	enum run_pstate state;
	struct task_struct *task;
	int pid;
	int parent;             /* index in the table, -1 for main */
	int sig;                /* RP_KILLED: the signal */
	unsigned long base_min, base_maj;
	struct run_file *files; /* its descriptors by name */
	int nr_files;
	u64 birth;              /* fork order, for "youngest first" */
};

struct run_ctx {
	struct machine *m;
	const struct run_script *s;
	FILE *out, *err;
	struct run_proc *procs;  /* parallel to s->procs */
	s64 *vals;               /* parallel to s->vars */
	struct elf_segment segs[MMSIM_MAX_ELF_SEGS];
	int nr_segs;
	size_t dmesg_from;       /* log records printed by `dump dmesg` */
	u64 births;
	struct task_struct *helper; /* the oracle guest's helper, or NULL */
	char *iobuf;             /* pwrite/pread: the probe's static buffer */
};

#define RUN_IOBUF_SIZE (64 * 1024)

/* ---- output ------------------------------------------------------------ */

static void put_errno(struct run_ctx *c, int lineno, long err)
{
	const char *name = run_errno_name((int)-err);

	if (name)
		fprintf(c->out, "%d: -%s\n", lineno, name);
	else
		fprintf(c->out, "%d: %ld\n", lineno, err);
}

/* An address-valued result: 0x hex, or -ENAME for an error value. */
static void put_addr(struct run_ctx *c, int lineno, unsigned long v)
{
	if (IS_ERR_VALUE(v))
		put_errno(c, lineno, (long)v);
	else
		fprintf(c->out, "%d: 0x%lx\n", lineno, v);
}

static void put_long(struct run_ctx *c, int lineno, long v)
{
	if (v < 0)
		put_errno(c, lineno, v);
	else
		fprintf(c->out, "%d: %ld\n", lineno, v);
}

static const char *signame(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGKILL: return "SIGKILL";
	default: return "SIGUNKNOWN";
	}
}

/* ---- numbers ------------------------------------------------------------ */

static u64 num(const struct run_ctx *c, const struct run_line *l, int k)
{
	const struct run_num *n = &l->num[k];

	return n->var < 0 ? (u64)n->val : (u64)(c->vals[n->var] + n->val);
}

/*
 * An argument as the probe hands it to the kernel: cast to its unsigned
 * long, so cut to 32 bits on a 32-bit ARM machine (a 64G length is 0
 * there).  File offsets and sizes stay 64-bit (mmap2, pread64, ftruncate64).
 */
static u64 user_word(const struct run_ctx *c, u64 v)
{
	return c->m->desc.arch == MMSIM_ARCH_ARM ? (u32)v : v;
}

static u64 uarg(const struct run_ctx *c, const struct run_line *l, int k)
{
	return user_word(c, num(c, l, k));
}

/* ---- processes ---------------------------------------------------------- */

static bool task_alive(const struct run_proc *p)
{
	return p->task && find_task_by_vpid(p->pid) == p->task;
}

/* madvise(MADV_POPULATE_*) of the image's segments and 64 KiB of stack. */
static void populate(struct run_ctx *c, struct task_struct *t)
{
	struct task_struct *old = set_current(t);
	struct vm_area_struct *stack;
	int i;

	for (i = 0; i < c->nr_segs; i++) {
		unsigned long start = c->segs[i].start & PAGE_MASK;

		if (c->segs[i].end == c->segs[i].start)
			continue; /* p_memsz 0 */
		do_madvise(t->mm, start, PAGE_ALIGN(c->segs[i].end) - start,
			   c->segs[i].writable ? MADV_POPULATE_WRITE :
						 MADV_POPULATE_READ);
	}
	stack = vma_lookup(t->mm, t->mm->start_stack);
	if (stack)
		do_madvise(t->mm, stack->vm_end - 64 * 1024, 64 * 1024,
			   MADV_POPULATE_WRITE);
	set_current(old);
}

static void baseline(struct run_proc *p)
{
	p->base_min = p->task->min_flt;
	p->base_maj = p->task->maj_flt;
}

static struct run_file *find_file(struct run_proc *p, const char *name)
{
	int i;

	for (i = 0; i < p->nr_files; i++)
		if (!strcmp(p->files[i].name, name))
			return &p->files[i];
	return NULL;
}

/* Name @fd @name in @p (a second `file` of a name moves the name). */
static void name_file(struct run_proc *p, const char *name, int fd)
{
	struct run_file *f = find_file(p, name);

	if (f) {
		f->fd = fd;
		return;
	}
	if (!(p->nr_files & (p->nr_files - 1)) || !p->nr_files) {
		struct run_file *n = host_alloc(sizeof(*n) * (size_t)(p->nr_files ? p->nr_files * 2 : 4));

		if (p->nr_files)
			memcpy(n, p->files, sizeof(*n) * (size_t)p->nr_files);
		host_free(p->files);
		p->files = n;
	}
	p->files[p->nr_files].name = host_strdup(name);
	p->files[p->nr_files++].fd = fd;
}

static void drop_files(struct run_proc *p)
{
	int i;

	for (i = 0; i < p->nr_files; i++)
		host_free(p->files[i].name);
	host_free(p->files);
	p->files = NULL;
	p->nr_files = 0;
}

/* exit_group of process @i: its live children first, youngest first. */
static void exit_proc(struct run_ctx *c, int i, enum run_pstate how, int sig)
{
	for (;;) {
		int k, young = -1;

		for (k = 0; k < c->s->nr_procs; k++)
			if (c->procs[k].parent == i && c->procs[k].state == RP_ALIVE &&
			    (young < 0 || c->procs[k].birth > c->procs[young].birth))
				young = k;
		if (young < 0)
			break;
		exit_proc(c, young, how, sig);
	}
	if (c->procs[i].state == RP_ALIVE && task_alive(&c->procs[i]))
		mmsim_exit(c->procs[i].task);
	c->procs[i].state = how;
	c->procs[i].sig = sig;
	c->procs[i].task = NULL;
	drop_files(&c->procs[i]);
}

/*
 * Processes the kernel killed meanwhile (gone, or with a SIGKILL pending
 * that ends them on their way back to user space): they and their
 * descendants.
 */
static void notice_kills(struct run_ctx *c)
{
	int i;

	for (i = 0; i < c->s->nr_procs; i++) {
		if (c->procs[i].state != RP_ALIVE)
			continue;
		if (!task_alive(&c->procs[i])) {
			c->procs[i].task = NULL;
			exit_proc(c, i, RP_KILLED, SIGKILL);
		} else if (fatal_signal_pending(c->procs[i].task)) {
			exit_proc(c, i, RP_KILLED, SIGKILL);
		}
	}
}

static int do_fork(struct run_ctx *c, const struct run_line *l)
{
	struct run_proc *p = &c->procs[l->proc], *ch = &c->procs[l->child];
	int pid = mmsim_fork(p->task), i;

	memset(ch, 0, sizeof(*ch));
	ch->parent = l->proc;
	if (pid < 0) {
		ch->state = RP_FAILED;
		return pid;
	}
	ch->state = RP_ALIVE;
	ch->pid = pid;
	ch->task = find_task_by_vpid(pid);
	ch->birth = ++c->births;
	for (i = 0; i < p->nr_files; i++)
		name_file(ch, p->files[i].name, p->files[i].fd);
	populate(c, ch->task);
	baseline(ch);
	populate(c, p->task);
	return 0;
}

/* ---- the operations ------------------------------------------------------ */

/*
 * One access line: its result line, 0; -1 (the run stops) when an access
 * kept faulting without progress, mmsim's failure rather than the script's.
 */
static int do_access(struct run_ctx *c, const struct run_line *l, struct run_proc *p)
{
	static const enum mmsim_access_op ops[] = {
		[RUN_READ] = MMSIM_READ, [RUN_WRITE] = MMSIM_WRITE,
		[RUN_FILL] = MMSIM_FILL, [RUN_CHECK] = MMSIM_CHECK,
	};
	struct mmsim_access_result r = { 0 };
	u64 byte = 0x5a, step = 4096;
	int ret;

	if (l->op == RUN_WRITE || l->op == RUN_FILL || l->op == RUN_CHECK)
		byte = l->nnum > 2 ? num(c, l, 2) : 0x5a;
	if (l->op == RUN_READ && l->nnum > 2)
		step = uarg(c, l, 2);
	if (l->op == RUN_WRITE && l->nnum > 3)
		step = uarg(c, l, 3);
	ret = mmsim_access(p->task, uarg(c, l, 0), uarg(c, l, 1), ops[l->op], (u8)byte,
			   step, &r);
	if (ret == -EAGAIN) {
		fprintf(c->err, "mmsim: %s:%d: the access at 0x%lx kept faulting: the fault handler did not fix its entry\n",
			c->s->file, l->lineno, r.addr);
		return -1;
	}
	if (r.sig == SIGKILL) { /* the OOM killer chose this process */
		exit_proc(c, l->proc, RP_KILLED, SIGKILL);
		fprintf(c->out, "%d: killed %s\n", l->lineno, signame(SIGKILL));
	} else if (r.sig) {
		fprintf(c->out, "%d: %s 0x%lx\n", l->lineno, signame(r.sig), r.addr);
	} else if (r.mismatch) {
		fprintf(c->out, "%d: mismatch 0x%lx 0x%x\n", l->lineno, r.mismatch_addr,
			r.value);
	} else {
		fprintf(c->out, "%d: ok\n", l->lineno);
	}
	return 0;
}

/* A BYTE or STEP from a $VAR that the line cannot take: a script error. */
static int check_values(struct run_ctx *c, const struct run_line *l)
{
	int k;

	for (k = 2; k < l->nnum; k++) {
		bool is_step = (l->op == RUN_READ && k == 2) || (l->op == RUN_WRITE && k == 3);
		bool is_byte = k == 2 && (l->op == RUN_WRITE || l->op == RUN_FILL ||
					  l->op == RUN_CHECK || l->op == RUN_PWRITE);
		s64 v = (s64)num(c, l, k);

		if ((is_step && v <= 0) || (is_byte && (v < 0 || v > 255))) {
			fprintf(c->err, "mmsim: %s:%d: %s value %lld of '$%s' cannot be used\n",
				c->s->file, l->lineno, is_step ? "STEP" : "BYTE",
				(long long)v, c->s->vars[l->num[k].var]);
			return -1;
		}
	}
	return 0;
}

static long do_file_op(struct run_ctx *c, const struct run_line *l, struct run_proc *p)
{
	struct run_file *f = find_file(p, l->path);
	long ret, done = 0;

	switch (l->op) {
	case RUN_FILE:
		ret = do_sys_open(AT_FDCWD, l->path, O_RDWR | O_CREAT | O_TRUNC, 0600);
		if (ret < 0)
			return ret;
		name_file(p, l->path, (int)ret);
		ret = do_sys_ftruncate((unsigned int)ret, (loff_t)num(c, l, 0), 1);
		return ret;
	case RUN_UNLINK:
		return do_unlinkat(AT_FDCWD, l->path);
	default:
		break;
	}
	if (!f)
		return -EBADF;
	if (l->op == RUN_CLOSE) {
		ret = close_fd((unsigned int)f->fd);
		host_free(f->name);
		*f = p->files[--p->nr_files];
		return ret;
	}
	if (l->op == RUN_PWRITE)
		memset(c->iobuf, l->nnum > 2 ? (int)num(c, l, 2) : 0x5a, RUN_IOBUF_SIZE);
	while (done < (long)num(c, l, 1)) {
		size_t piece = min_t(u64, RUN_IOBUF_SIZE, num(c, l, 1) - (u64)done);
		loff_t pos = (loff_t)num(c, l, 0) + done;

		ret = l->op == RUN_PWRITE ?
			ksys_pwrite64((unsigned int)f->fd, c->iobuf, piece, pos) :
			ksys_pread64((unsigned int)f->fd, c->iobuf, piece, pos);
		if (ret < 0)
			return done ? done : ret;
		done += ret;
		if ((size_t)ret < piece)
			break;
	}
	return done;
}

static unsigned long run_mmap(struct run_ctx *c, const struct run_line *l, struct run_proc *p)
{
	unsigned long fd = (unsigned long)-1, off = 0;

	if (l->path) {
		struct run_file *f = find_file(p, l->path);

		if (!f)
			return (unsigned long)-EBADF;
		fd = (unsigned long)f->fd;
		off = num(c, l, 2);
		if (off & ~PAGE_MASK) /* arch sys_mmap: a byte offset */
			return (unsigned long)-EINVAL;
	}
	return ksys_mmap_pgoff(uarg(c, l, 0), uarg(c, l, 1), l->prot, l->flags, fd,
			       off >> PAGE_SHIFT);
}

static void do_dump(struct run_ctx *c, const struct run_line *l, struct run_proc *p)
{
	const char *view = run_view_name(l->view);
	char *text = NULL;
	int ret = 0;

	switch (l->view) {
	case RUN_V_FAULTS:
		text = host_alloc(64);
		snprintf(text, 64, "minflt %lu majflt %lu\n",
			 p->task->min_flt - p->base_min, p->task->maj_flt - p->base_maj);
		break;
	case RUN_V_DMESG:
		text = log_text_since(&c->m->log, c->dmesg_from);
		c->dmesg_from = c->m->log.nr;
		break;
	case RUN_V_MAPS: case RUN_V_SMAPS: case RUN_V_SMAPS_ROLLUP:
	case RUN_V_STATUS: case RUN_V_STATM:
		ret = proc_pid_render(p->task, view, &text);
		break;
	case RUN_V_SWAPS:
		ret = proc_swaps_render(&text);
		break;
	default:
		ret = proc_render(view, &text);
		break;
	}
	if (ret) /* the text as the file has it, no newline added */
		put_errno(c, l->lineno, ret);
	else
		fprintf(c->out, "%d: dump %s\n%s%d: end\n", l->lineno, view, text, l->lineno);
	host_free(text);
}

static void do_knob(struct run_ctx *c, const struct run_line *l, struct run_proc *p)
{
	size_t len = strlen(l->value);
	long ret;

	if (l->op == RUN_SYSCTL)
		ret = proc_sys_write(l->name, l->value, len);
	else if (l->op == RUN_SYSFS)
		ret = sysfs_write(l->name, l->value, len);
	else
		ret = proc_pid_write(p->task, l->name, l->value, len);
	put_long(c, l->lineno, ret < 0 ? ret : 0);
}

/* Run one line for live process @p; returns -1 for a script error. */
static int run_line(struct run_ctx *c, const struct run_line *l, struct run_proc *p)
{
	unsigned long a = 0;
	long r = 0;
	bool addr = true;

	if (check_values(c, l))
		return -1;
	switch (l->op) {
	case RUN_MMAP: a = run_mmap(c, l, p); break;
	case RUN_MREMAP:
		a = __do_sys_mremap(uarg(c, l, 0), uarg(c, l, 1), uarg(c, l, 2), l->flags,
				    l->nnum > 3 ? uarg(c, l, 3) : 0);
		break;
	case RUN_BRK: a = __do_sys_brk(uarg(c, l, 0)); break;
	case RUN_SBRK: a = __do_sys_brk(user_word(c, __do_sys_brk(0) + num(c, l, 0))); break;
	default:
		addr = false;
		break;
	}
	if (addr) {
		if (l->var >= 0)
			c->vals[l->var] = IS_ERR_VALUE(a) ? (s64)(long)a : (s64)a;
		notice_kills(c);
		if (p->state != RP_ALIVE)
			fprintf(c->out, "%d: killed %s\n", l->lineno, signame(p->sig));
		else
			put_addr(c, l->lineno, a);
		return 0;
	}
	switch (l->op) {
	case RUN_MUNMAP: r = __vm_munmap(uarg(c, l, 0), uarg(c, l, 1), true); break;
	case RUN_MPROTECT: r = do_mprotect_pkey(uarg(c, l, 0), uarg(c, l, 1), l->prot, -1); break;
	case RUN_MADVISE: r = do_madvise(p->task->mm, uarg(c, l, 0), uarg(c, l, 1), l->advice); break;
	case RUN_MLOCK: r = __do_sys_mlock2(uarg(c, l, 0), uarg(c, l, 1), (int)l->flags); break;
	case RUN_MUNLOCK: r = __do_sys_munlock(uarg(c, l, 0), uarg(c, l, 1)); break;
	case RUN_READ: case RUN_WRITE: case RUN_FILL: case RUN_CHECK:
		if (do_access(c, l, p))
			return -1;
		notice_kills(c);
		return 0;
	case RUN_FILE: case RUN_PWRITE: case RUN_PREAD: case RUN_CLOSE: case RUN_UNLINK:
		r = do_file_op(c, l, p);
		break;
	case RUN_FORK: r = do_fork(c, l); break;
	case RUN_EXIT: exit_proc(c, l->proc, RP_EXITED, 0); break;
	case RUN_SLEEP: /* the clock moves on; timers and kernel threads run */
		quiet_vmstat();   /* nanosleep: the CPU idles, its tick stopped */
		sim_clock_advance(num(c, l, 0) * 1000000ULL);
		break;
	case RUN_SYSCTL: case RUN_SYSFS: case RUN_PROC:
		do_knob(c, l, p);
		notice_kills(c);
		return 0;
	case RUN_DUMP:
		do_dump(c, l, p);
		return 0;
	default:
		break;
	}
	notice_kills(c);
	if (p->state == RP_KILLED)
		fprintf(c->out, "%d: killed %s\n", l->lineno, signame(p->sig));
	else
		put_long(c, l->lineno, r);
	return 0;
}

/*
 * The guest powers off: the files left on the tmpfs root (/probe and the
 * script's) are removed, so that the machine ends with every page free.
 */
static void shutdown_files(struct run_ctx *c)
{
	struct task_struct *t = mmsim_task_create("shutdown");
	int i;

	if (!t)
		return;
	set_current(t);
	do_unlinkat(AT_FDCWD, "/probe");
	for (i = 0; i < c->s->nr_lines; i++)
		if (c->s->lines[i].op == RUN_FILE)
			do_unlinkat(AT_FDCWD, c->s->lines[i].path);
	set_current(NULL);
	mmsim_exit(t);
}

/*
 * scripts/oracle/init-process slows khugepaged down to a pass a day
 * before anything runs (x86_64; 32-bit ARM has no THP).
 */
static void khugepaged_oracle_setup(struct run_ctx *c)
{
	static const char dir[] = "kernel/mm/transparent_hugepage/khugepaged/";
	static const char *const files[] = { "scan_sleep_millisecs", "alloc_sleep_millisecs" };
	char path[128];
	size_t i;

	if (c->m->desc.arch != MMSIM_ARCH_X86_64)
		return;
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s%s", dir, files[i]);
		sysfs_write(path, "86400000\n", 9);
	}
}

/*
 * The helper of scripts/oracle/init-process (its /helper.mmw, run by the
 * probe before any script): only when THP is on, as there.
 */
static struct task_struct *start_helper(struct run_ctx *c, const void *image,
					size_t size)
{
	struct task_struct *t;
	struct mmsim_access_result r;
	unsigned long a;
	char msg[256];

	if (c->m->desc.arch != MMSIM_ARCH_X86_64 || !hugepage_flags_enabled())
		return NULL;
	t = mmsim_task_create("probe");
	if (!t)
		return NULL;
	if (mmsim_execve(t, "/probe", image, size, c->segs, &c->nr_segs, msg,
			 sizeof(msg))) {
		mmsim_exit(t);
		return NULL;
	}
	populate(c, t);
	set_current(t);
	a = ksys_mmap_pgoff(0, 4UL << 20, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, (unsigned long)-1, 0);
	if (!IS_ERR_VALUE(a)) {
		do_madvise(t->mm, a, 4UL << 20, MADV_HUGEPAGE);
		mmsim_access(t, a, 4UL << 20, MMSIM_WRITE, 0x5a, 4096, &r);
	}
	set_current(NULL);
	return t;
}

/*
 * --inspect after the last line: the script's names of the live pids,
 * printed and handed to the inspector's ps, then the session.
 */
static int run_inspect_named(struct run_ctx *c, const struct run_options *opt)
{
	const struct run_script *s = c->s;
	int *pids = host_alloc(sizeof(int) * (size_t)s->nr_procs);
	const char **names = host_alloc(sizeof(char *) * (size_t)s->nr_procs);
	int i, n = 0, ret;

	fprintf(c->out, "processes:");
	for (i = 0; i < s->nr_procs; i++) {
		if (c->procs[i].state != RP_ALIVE)
			continue;
		fprintf(c->out, " %s=%d", s->procs[i].name, c->procs[i].pid);
		pids[n] = c->procs[i].pid;
		names[n++] = s->procs[i].name;
	}
	fprintf(c->out, "\n");
	fflush(c->out);
	set_current(NULL);
	ret = opt->inspect(c->m, opt->inspect_file, pids, names, n);
	host_free(names);
	host_free(pids);
	return ret;
}

/* main: execve("/probe") of the image, population, baseline. */
static int start_main(struct run_ctx *c, const struct run_options *opt)
{
	struct run_proc *p = &c->procs[0];
	size_t size = 0;
	void *image = host_read_file(opt->exec_path, &size);
	char msg[256];
	int ret;

	if (!image) {
		fprintf(c->err, "mmsim: --exec: cannot read '%s'\n", opt->exec_path);
		return -1;
	}
	khugepaged_oracle_setup(c);
	c->helper = start_helper(c, image, size);
	if (c->helper) {
		quiet_vmstat();         /* the guest's `sleep 3`: the CPU idles */
		schedule_sim_point();   /* and khugepaged makes its pass */
	}
	p->task = mmsim_task_create("probe");
	if (!p->task) {
		host_free(image);
		fprintf(c->err, "mmsim: run: no memory for the first process\n");
		return -1;
	}
	ret = mmsim_execve(p->task, "/probe", image, size, c->segs,
			   &c->nr_segs, msg, sizeof(msg));
	host_free(image);
	if (ret) {
		fprintf(c->err, "mmsim: --exec %s: %s\n", opt->exec_path, msg);
		mmsim_exit(p->task);
		p->task = NULL;
		return -1;
	}
	p->state = RP_ALIVE;
	p->pid = p->task->pid;
	p->parent = -1;
	populate(c, p->task);
	baseline(p);
	return 0;
}

/*
 * The figures of /proc/PID/smaps and status of @p as JSON: each VMA's
 * range, permissions and Rss from its smaps block, each "Key: N kB"
 * counter of status, and the faults since the process began.
 */
static void json_proc(struct json_out *j, const struct run_ctx *c,
		      const struct run_proc *p)
{
	char *text = NULL, *line, *save = NULL;

	json_begin_object(j, NULL);
	json_i64(j, "pid", p->task->pid);
	json_str(j, "name", p->task->comm);
	json_u64(j, "minflt", p->task->min_flt - p->base_min);
	json_u64(j, "majflt", p->task->maj_flt - p->base_maj);
	json_begin_array(j, "vmas");
	if (!proc_pid_render(p->task, "smaps", &text)) {
		bool open = false;

		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			unsigned long start, end, kb;
			char perms[8];

			if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) == 3) {
				if (open)
					json_end(j);
				json_begin_object(j, NULL);
				json_u64(j, "start", start);
				json_u64(j, "end", end);
				json_str(j, "flags", perms);
				open = true;
			} else if (open && sscanf(line, "Rss: %lu kB", &kb) == 1) {
				json_u64(j, "rss_kb", kb);
			}
		}
		if (open)
			json_end(j);
	}
	json_end(j);
	host_free(text);
	text = NULL;
	json_begin_object(j, "status");
	if (!proc_pid_render(p->task, "status", &text)) {
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char key[32];
			unsigned long v;

			if (sscanf(line, "%31[^:]:%lu kB", key, &v) == 2 &&
			    strstr(line, " kB"))
				json_u64(j, key, v);
		}
	}
	json_end(j);
	host_free(text);
	json_end(j);
}

/* --json FILE: the live processes, then what `boot --json` writes. */
static int write_run_json(struct run_ctx *c, const char *path)
{
	struct json_out j;
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	int i, bad;

	if (!f) {
		fprintf(c->err, "mmsim: --json: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	json_init(&j, f);
	json_begin_object(&j, NULL);
	json_begin_array(&j, "processes");
	for (i = 0; i < c->s->nr_procs; i++)
		if (c->procs[i].state == RP_ALIVE && task_alive(&c->procs[i]))
			json_proc(&j, c, &c->procs[i]);
	json_end(&j);
	json_machine_views(&j, c->m);
	json_end(&j);
	bad = f == stdout ? fflush(f) : fclose(f);
	if (bad) {
		fprintf(c->err, "mmsim: --json: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * --guest-kernel/--guest-shmem/--guest-anon: the rest of the real guest's
 * memory, before swapon and the probe (mm/guest_kernel.c).  -1 with the
 * message naming the option when the machine has not that much.
 */
static int hold_guest(struct run_ctx *c, const struct mmsim_guest *g)
{
	static const char *const opt_names[] = {
		[MMSIM_GUEST_KERNEL] = "--guest-kernel",
		[MMSIM_GUEST_SHMEM] = "--guest-shmem",
		[MMSIM_GUEST_ANON] = "--guest-anon",
	};
	const u64 sizes[] = {
		[MMSIM_GUEST_KERNEL] = g->kernel_bytes,
		[MMSIM_GUEST_SHMEM] = g->shmem_bytes,
		[MMSIM_GUEST_ANON] = g->anon_bytes,
	};
	enum mmsim_guest_part part;

	if (!mmsim_guest_hold(g, &part))
		return 0;
	fprintf(c->err, "mmsim: %s %llu: more than the machine's free memory\n",
		opt_names[part], (unsigned long long)sizes[part]);
	return -1;
}

int run_script_exec(struct machine *m, const struct run_script *s,
		    const struct run_options *opt, FILE *out, FILE *err)
{
	struct machine *old = machine_enter(m);
	struct run_ctx c = { .m = m, .s = s, .out = out, .err = err };
	int i, ret = 0;

	c.procs = host_alloc(sizeof(*c.procs) * (size_t)s->nr_procs);
	memset(c.procs, 0, sizeof(*c.procs) * (size_t)s->nr_procs);
	c.vals = host_alloc(sizeof(*c.vals) * (size_t)(s->nr_vars + 1));
	c.iobuf = host_alloc(RUN_IOBUF_SIZE);
	if (hold_guest(&c, &opt->guest)) {
		ret = 2;
		goto out;
	}
	if (opt->swap_size) {
		/* the recipe's mkswap + swapon of the virtio disk, before the probe */
		int e = mmsim_swapon("/dev/vda", opt->swap_size);

		if (e) {
			fprintf(err, "mmsim: --swap %llu: %s\n",
				(unsigned long long)opt->swap_size,
				e == -EINVAL ? "too small for a swap area (a header page and one slot: 8K at least)" :
				e == -EFBIG ? "too large for a swap area (2^32 pages at most)" :
				"the swap disk cannot be made on this host");
			ret = e == -EINVAL || e == -EFBIG ? 2 : 1;   /* a bad value: 2 */
			goto out;
		}
	}
	c.dmesg_from = m->log.nr;
	if (start_main(&c, opt)) {
		if (c.helper)
			mmsim_exit(c.helper);
		shutdown_files(&c);
		ret = 1;
		goto out;
	}
	for (i = 0; i < s->nr_lines; i++) {
		const struct run_line *l = &s->lines[i];
		struct run_proc *p = &c.procs[l->proc];

		if (p->state == RP_FAILED) {
			put_errno(&c, l->lineno, -ESRCH);
			continue;
		}
		if (p->state == RP_KILLED) {
			fprintf(out, "%d: killed %s\n", l->lineno, signame(p->sig));
			continue;
		}
		set_current(p->task);
		mmsim_switch_to(p->task);       /* its probe runs the line */
		if (run_line(&c, l, p)) {
			ret = 2;
			break;
		}
		/* main's probe takes the reply: back to its address space */
		if (c.procs[0].state == RP_ALIVE)
			mmsim_switch_to(c.procs[0].task);
		/* between two system calls: woken kernel threads take their step */
		schedule_sim_point();
	}
	fflush(out);
	if (opt->json_path && write_run_json(&c, opt->json_path) && !ret)
		ret = 1;
	if (opt->html && ret == 0) {
		set_current(NULL);
		if (opt->html(m, opt->html_file))
			ret = 1;
	}
	if (opt->inspect && ret == 0 && run_inspect_named(&c, opt))
		ret = 2;
	for (i = s->nr_procs - 1; i >= 0; i--)
		if (c.procs[i].state == RP_ALIVE)
			exit_proc(&c, i, RP_EXITED, 0);
	if (c.helper && find_task_by_vpid(c.helper->pid) == c.helper)
		mmsim_exit(c.helper);
	shutdown_files(&c);
	set_current(NULL);
out:
	mmsim_guest_release();
	for (i = 0; i < s->nr_procs; i++)
		drop_files(&c.procs[i]);
	host_free(c.iobuf);
	host_free(c.vals);
	host_free(c.procs);
	machine_enter(old);
	return ret;
}
