// SPDX-License-Identifier: MIT
/*
 * tools/run_parse.c — the workload script language of docs/WORKLOAD.md,
 * parsed whole before anything runs.
 *
 * No kernel counterpart (the probe, scripts/oracle/probe/, reads the same
 * language on the real kernel).  A line is
 *
 *     [PROC:] [VAR =] OP ARG...        # comment
 *
 * and becomes one struct run_line.  What the parser refuses, with the
 * line number and the offending word:
 *   - an unknown operation, view, PROT, flag or advice word;
 *   - too few or too many arguments;
 *   - a malformed number (decimal or 0x hex, optional K/M/G), a negative
 *     one anywhere but sbrk's DELTA, a literal STEP of 0 or BYTE > 255;
 *   - `VAR =` on an operation that returns no number, a `$VAR` no earlier
 *     line set;
 *   - a PROC no earlier `fork` made, or one that has exited (`exit` ends
 *     the process and, first, its live children and their descendants);
 *   - `fork` of a name in use or of `main`.
 * Whether a `fork` succeeds is only known when it runs: the name exists
 * for the parser either way (a failed one prints -ESRCH on its lines).
 */
#include "linux/kernel.h"
#include "mmsim/host.h"
#include "tools/run_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define RUN_MAX_WORDS 16

static const char *const op_names[RUN_NR_OPS] = {
	[RUN_MMAP] = "mmap", [RUN_MUNMAP] = "munmap", [RUN_MPROTECT] = "mprotect",
	[RUN_MREMAP] = "mremap", [RUN_MADVISE] = "madvise", [RUN_MLOCK] = "mlock",
	[RUN_MUNLOCK] = "munlock", [RUN_BRK] = "brk", [RUN_SBRK] = "sbrk",
	[RUN_READ] = "read", [RUN_WRITE] = "write", [RUN_FILL] = "fill",
	[RUN_CHECK] = "check", [RUN_FILE] = "file", [RUN_PWRITE] = "pwrite",
	[RUN_PREAD] = "pread", [RUN_CLOSE] = "close", [RUN_UNLINK] = "unlink",
	[RUN_FORK] = "fork", [RUN_EXIT] = "exit", [RUN_SYSCTL] = "sysctl",
	[RUN_SYSFS] = "sysfs", [RUN_PROC] = "proc", [RUN_SLEEP] = "sleep",
	[RUN_DUMP] = "dump",
};

static const char *const view_names[RUN_NR_VIEWS] = {
	[RUN_V_MAPS] = "maps", [RUN_V_SMAPS] = "smaps",
	[RUN_V_SMAPS_ROLLUP] = "smaps_rollup", [RUN_V_STATUS] = "status",
	[RUN_V_STATM] = "statm", [RUN_V_FAULTS] = "faults",
	[RUN_V_MEMINFO] = "meminfo", [RUN_V_VMSTAT] = "vmstat",
	[RUN_V_BUDDYINFO] = "buddyinfo", [RUN_V_ZONEINFO] = "zoneinfo",
	[RUN_V_PAGETYPEINFO] = "pagetypeinfo", [RUN_V_SLABINFO] = "slabinfo",
	[RUN_V_SWAPS] = "swaps", [RUN_V_DMESG] = "dmesg",
};

struct word_val {
	const char *word;
	unsigned long val;
};

static const struct word_val prot_words[] = {
	{ "---", 0 },
	{ "r--", RUN_PROT_READ },
	{ "rw-", RUN_PROT_READ | RUN_PROT_WRITE },
	{ "r-x", RUN_PROT_READ | RUN_PROT_EXEC },
	{ "rwx", RUN_PROT_READ | RUN_PROT_WRITE | RUN_PROT_EXEC },
};

static const struct word_val map_words[] = {
	{ "private", RUN_MAP_PRIVATE }, { "shared", RUN_MAP_SHARED },
	{ "anon", RUN_MAP_ANONYMOUS }, { "fixed", RUN_MAP_FIXED },
	{ "fixed_noreplace", RUN_MAP_FIXED_NOREPLACE },
	{ "populate", RUN_MAP_POPULATE }, { "noreserve", RUN_MAP_NORESERVE },
	{ "growsdown", RUN_MAP_GROWSDOWN }, { "stack", RUN_MAP_STACK },
	{ "locked", RUN_MAP_LOCKED },
};

static const struct word_val mremap_words[] = {
	{ "maymove", RUN_MREMAP_MAYMOVE }, { "fixed", RUN_MREMAP_FIXED },
	{ "dontunmap", RUN_MREMAP_DONTUNMAP },
};

/* MADV_* of include/uapi/asm-generic/mman-common.h */
static const struct word_val advice_words[] = {
	{ "normal", 0 }, { "random", 1 }, { "sequential", 2 },
	{ "willneed", 3 }, { "dontneed", 4 }, { "free", 8 }, { "remove", 9 },
	{ "dontfork", 10 }, { "dofork", 11 }, { "hugepage", 14 },
	{ "nohugepage", 15 }, { "wipeonfork", 18 }, { "keeponfork", 19 },
	{ "cold", 20 }, { "pageout", 21 }, { "populate_read", 22 },
	{ "populate_write", 23 },
};

static const struct { int err; const char *name; } errno_names[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
	{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
	{ ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { ENFILE, "ENFILE" },
	{ EMFILE, "EMFILE" }, { ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" },
	{ ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" }, { EROFS, "EROFS" },
	{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOSYS, "ENOSYS" }, { EOVERFLOW, "EOVERFLOW" }, { EHWPOISON, "EHWPOISON" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },
};

const char *run_op_name(enum run_op op)
{
	return (unsigned int)op < RUN_NR_OPS ? op_names[op] : "?";
}

const char *run_view_name(enum run_view v)
{
	return (unsigned int)v < RUN_NR_VIEWS ? view_names[v] : "?";
}

bool run_op_returns_number(enum run_op op)
{
	return op == RUN_MMAP || op == RUN_MREMAP || op == RUN_BRK || op == RUN_SBRK;
}

const char *run_errno_name(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

/* The state of one parse: the script, the line being read, error output. */
struct parser {
	struct run_script *s;
	FILE *err;
	int lineno;
	int errors;
	bool *alive;     /* per proc: may run lines (static view) */
	int cap_alive;
};

__attribute__((format(printf, 2, 3)))
static int bad(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	fprintf(p->err, "mmsim: %s:%d: ", p->s->file, p->lineno);
	va_start(ap, fmt);
	vfprintf(p->err, fmt, ap);
	va_end(ap);
	fputc('\n', p->err);
	return -1;
}

/* A process or variable name: 1..30 of [A-Za-z0-9_.-] (the probe's rule). */
static bool is_name(const char *w)
{
	size_t n = strlen(w);

	if (!n || n >= 31)
		return false;
	for (; *w; w++)
		if (!isalnum((unsigned char)*w) && *w != '_' && *w != '-' && *w != '.')
			return false;
	return true;
}

static void *grow(void *arr, int *cap, int need, size_t elem)
{
	void *n;

	if (need <= *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap < need)
		*cap = need;
	n = host_alloc((size_t)*cap * elem);
	if (arr) {
		memcpy(n, arr, (size_t)need * elem - elem);
		host_free(arr);
	}
	return n;
}

static int find_var(const struct run_script *s, const char *name, size_t len)
{
	int i;

	for (i = 0; i < s->nr_vars; i++)
		if (strlen(s->vars[i]) == len && !strncmp(s->vars[i], name, len))
			return i;
	return -1;
}

/* The latest process of that name (an exited one's name may be reused). */
static int find_proc(const struct run_script *s, const char *name)
{
	int i;

	for (i = s->nr_procs - 1; i >= 0; i--)
		if (!strcmp(s->procs[i].name, name))
			return i;
	return -1;
}

static int add_proc(struct parser *p, const char *name, int parent)
{
	struct run_script *s = p->s;

	s->procs = grow(s->procs, &s->cap_procs, s->nr_procs + 1, sizeof(*s->procs));
	p->alive = grow(p->alive, &p->cap_alive, s->nr_procs + 1, sizeof(*p->alive));
	s->procs[s->nr_procs].name = host_strdup(name);
	s->procs[s->nr_procs].parent = parent;
	p->alive[s->nr_procs] = true;
	return s->nr_procs++;
}

/*
 * A literal: decimal or 0x hex, with an optional K, M or G (binary).
 * @neg_ok allows a leading '-'.  Returns 0 or -1.
 */
static int parse_literal(const char *w, size_t len, bool neg_ok, s64 *out)
{
	char buf[64], *end;
	bool neg = false;
	u64 v, mult = 1;
	int base = 10;

	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, w, len);
	buf[len] = '\0';
	w = buf;
	if (*w == '-') {
		if (!neg_ok)
			return -1;
		neg = true;
		w++;
	}
	if (w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
		base = 16;
		w += 2;
	}
	if (!isxdigit((unsigned char)*w) || (base == 10 && !isdigit((unsigned char)*w)))
		return -1;
	errno = 0;
	v = strtoull(w, &end, base);
	if (errno)
		return -1;
	switch (*end) {
	case '\0': break;
	case 'K': mult = 1ULL << 10; end++; break;
	case 'M': mult = 1ULL << 20; end++; break;
	case 'G': mult = 1ULL << 30; end++; break;
	default: return -1;
	}
	if (*end || (v && mult > 1 && v > ~0ULL / mult))
		return -1;
	v *= mult;
	if (v > (u64)INT64_MAX) /* numbers stay below 2^63 */
		return -1;
	*out = neg ? -(s64)v : (s64)v;
	return 0;
}

/* A number argument: a literal or $VAR[+N|-N] naming an earlier VAR. */
static int parse_num(struct parser *p, const char *w, bool neg_ok,
		     struct run_num *n)
{
	const char *op;
	size_t len;
	s64 off = 0;

	if (*w != '$') {
		n->var = -1;
		if (parse_literal(w, strlen(w), neg_ok, &n->val))
			return bad(p, "bad number '%s'", w);
		return 0;
	}
	for (op = w + 1; *op && *op != '+' && *op != '-'; op++)
		;
	len = (size_t)(op - (w + 1));
	n->var = find_var(p->s, w + 1, len);
	if (!len || n->var < 0)
		return bad(p, "'%s' names no variable an earlier line set", w);
	if (*op && parse_literal(op + 1, strlen(op + 1), false, &off))
		return bad(p, "bad offset in '%s'", w);
	n->val = *op == '-' ? -off : off;
	return 0;
}

static int word_lookup(const struct word_val *t, size_t n, const char *w,
		       unsigned long *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].word, w)) {
			*out = t[i].val;
			return 0;
		}
	return -1;
}

/* FLAGS: words of @t separated by commas. */
static int parse_flag_list(struct parser *p, const struct word_val *t, size_t n,
			   const char *w, unsigned long *out)
{
	char buf[256], *tok, *save = NULL;
	unsigned long v;

	if (strlen(w) >= sizeof(buf))
		return bad(p, "flags too long '%s'", w);
	strcpy(buf, w);
	*out = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (word_lookup(t, n, tok, &v))
			return bad(p, "unknown flag '%s'", tok);
		*out |= v;
	}
	return 0;
}

/* How many arguments each operation takes (after OP): [min, max]. */
static const unsigned char op_args[RUN_NR_OPS][2] = {
	[RUN_MMAP] = { 4, 6 }, [RUN_MUNMAP] = { 2, 2 }, [RUN_MPROTECT] = { 3, 3 },
	[RUN_MREMAP] = { 3, 5 }, [RUN_MADVISE] = { 3, 3 }, [RUN_MLOCK] = { 2, 3 },
	[RUN_MUNLOCK] = { 2, 2 }, [RUN_BRK] = { 1, 1 }, [RUN_SBRK] = { 1, 1 },
	[RUN_READ] = { 2, 3 }, [RUN_WRITE] = { 2, 4 }, [RUN_FILL] = { 3, 3 },
	[RUN_CHECK] = { 3, 3 }, [RUN_FILE] = { 2, 2 }, [RUN_PWRITE] = { 3, 4 },
	[RUN_PREAD] = { 3, 3 }, [RUN_CLOSE] = { 1, 1 }, [RUN_UNLINK] = { 1, 1 },
	[RUN_FORK] = { 1, 1 }, [RUN_EXIT] = { 0, 0 }, [RUN_SYSCTL] = { 2, RUN_MAX_WORDS },
	[RUN_SYSFS] = { 2, RUN_MAX_WORDS }, [RUN_PROC] = { 2, RUN_MAX_WORDS },
	[RUN_SLEEP] = { 1, 1 }, [RUN_DUMP] = { 1, 1 },
};

/* Numbers at word indices; a literal STEP 0 or BYTE > 255 is refused. */
static int nums(struct parser *p, struct run_line *l, char **w, int from, int to)
{
	int i;

	for (i = from; i < to; i++) {
		struct run_num *n = &l->num[l->nnum];

		if (parse_num(p, w[i], l->op == RUN_SBRK, n))
			return -1;
		l->nnum++;
	}
	return 0;
}

/* Is number @k of the line a BYTE (pwrite: OFF LEN BYTE), or a STEP? */
static bool is_byte_arg(const struct run_line *l, int k)
{
	return k == 2 && (l->op == RUN_WRITE || l->op == RUN_FILL ||
			  l->op == RUN_CHECK || l->op == RUN_PWRITE);
}

static bool is_step_arg(const struct run_line *l, int k)
{
	return (l->op == RUN_READ && k == 2) || (l->op == RUN_WRITE && k == 3);
}

/* Literal STEP and BYTE values; $VAR ones are checked when the line runs. */
static int check_literals(struct parser *p, struct run_line *l, char **w)
{
	int k;

	for (k = 0; k < l->nnum; k++) {
		const struct run_num *n = &l->num[k];
		int word = l->path ? k + 1 : k; /* file ops: after PATH */

		if (n->var >= 0)
			continue;
		if (is_step_arg(l, k) && n->val == 0)
			return bad(p, "a STEP of 0 '%s'", w[word]);
		if (is_byte_arg(l, k) &&
		    (n->val < 0 || n->val > 255))
			return bad(p, "a BYTE above 255 '%s'", w[word]);
	}
	return 0;
}

/* The arguments after OP, by operation. */
static int parse_args(struct parser *p, struct run_line *l, char **w, int nw,
		      const char *rest)
{
	unsigned long v;

	switch (l->op) {
	case RUN_MMAP:
		if (nw == 5)
			return bad(p, "mmap with PATH needs OFF too '%s'", w[4]);
		if (nums(p, l, w, 0, 2))
			return -1;
		if (word_lookup(prot_words, ARRAY_SIZE(prot_words), w[2], &l->prot))
			return bad(p, "unknown PROT '%s'", w[2]);
		if (parse_flag_list(p, map_words, ARRAY_SIZE(map_words), w[3], &l->flags))
			return -1;
		if (nw == 6) {
			l->path = host_strdup(w[4]);
			return nums(p, l, w, 5, 6);
		}
		return 0;
	case RUN_MPROTECT:
		if (word_lookup(prot_words, ARRAY_SIZE(prot_words), w[2], &l->prot))
			return bad(p, "unknown PROT '%s'", w[2]);
		return nums(p, l, w, 0, 2);
	case RUN_MREMAP:
		if (nums(p, l, w, 0, 3))
			return -1;
		if (nw >= 4 && parse_flag_list(p, mremap_words, ARRAY_SIZE(mremap_words),
					       w[3], &l->flags))
			return -1;
		return nw == 5 ? nums(p, l, w, 4, 5) : 0;
	case RUN_MADVISE:
		if (word_lookup(advice_words, ARRAY_SIZE(advice_words), w[2], &v))
			return bad(p, "unknown advice '%s'", w[2]);
		l->advice = (int)v;
		return nums(p, l, w, 0, 2);
	case RUN_MLOCK:
		if (nw == 3) {
			if (strcmp(w[2], "onfault"))
				return bad(p, "unknown mlock flag '%s'", w[2]);
			l->flags = RUN_MLOCK_ONFAULT;
		}
		return nums(p, l, w, 0, 2);
	case RUN_FILE: case RUN_PWRITE: case RUN_PREAD: case RUN_CLOSE: case RUN_UNLINK:
		l->path = host_strdup(w[0]);
		if (nums(p, l, w, 1, nw))
			return -1;
		return check_literals(p, l, w);
	case RUN_SYSCTL: case RUN_SYSFS: case RUN_PROC:
		l->name = host_strdup(w[0]);
		l->value = host_strdup(rest);
		return 0;
	case RUN_DUMP: {
		int i;

		for (i = 0; i < RUN_NR_VIEWS && strcmp(view_names[i], w[0]); i++)
			;
		if (i == RUN_NR_VIEWS)
			return bad(p, "unknown view '%s'", w[0]);
		l->view = i;
		return 0;
	}
	case RUN_FORK:
		return 0; /* the name: parse_line() */
	default:
		if (nums(p, l, w, 0, nw))
			return -1;
		return check_literals(p, l, w);
	}
}

/* Split @buf in place into words; returns the count, or -1 if too many. */
static int split_words(char *buf, char **w, const char **starts, int max)
{
	int n = 0;
	char *c = buf;

	for (;;) {
		while (*c == ' ' || *c == '\t')
			c++;
		if (!*c)
			return n;
		if (n == max)
			return -1;
		w[n] = c;
		starts[n] = c;
		n++;
		while (*c && *c != ' ' && *c != '\t')
			c++;
		if (*c)
			*c++ = '\0';
	}
}

/* fork CHILD by @parent; exit of @proc (its descendants first). */
static int line_procs(struct parser *p, struct run_line *l, char **w)
{
	struct run_script *s = p->s;
	int i;

	if (l->op == RUN_FORK) {
		if (!is_name(w[0]))
			return bad(p, "bad process name '%s'", w[0]);
		if (!strcmp(w[0], "main"))
			return bad(p, "a child cannot be named '%s'", w[0]);
		i = find_proc(s, w[0]);
		if (i >= 0 && p->alive[i])
			return bad(p, "process name already in use '%s'", w[0]);
		l->child = add_proc(p, w[0], l->proc);
		return 0;
	}
	if (l->op == RUN_EXIT) {
		bool changed = true;

		p->alive[l->proc] = false;
		while (changed) { /* every descendant */
			changed = false;
			for (i = 1; i < s->nr_procs; i++)
				if (p->alive[i] && !p->alive[s->procs[i].parent]) {
					p->alive[i] = false;
					changed = true;
				}
		}
	}
	return 0;
}

/* One line (comment already cut, CR dropped); 0 for nothing or a line. */
static int parse_line(struct parser *p, char *text, const char *orig)
{
	struct run_script *s = p->s;
	char *w[RUN_MAX_WORDS + 4];
	const char *starts[RUN_MAX_WORDS + 4];
	struct run_line l = { .lineno = p->lineno, .var = -1, .proc = 0 };
	int nw, k = 0, nargs, op;
	const char *rest = "";

	nw = split_words(text, w, starts, ARRAY_SIZE(w));
	if (nw == 0)
		return 0;
	if (nw < 0)
		return bad(p, "too many words");
	if (w[0][strlen(w[0]) - 1] == ':') {
		w[0][strlen(w[0]) - 1] = '\0';
		l.proc = find_proc(s, w[0]);
		if (l.proc < 0)
			return bad(p, "no fork made a process '%s'", w[0]);
		if (!p->alive[l.proc])
			return bad(p, "process '%s' has exited", w[0]);
		k = 1;
	}
	if (k + 1 < nw && !strcmp(w[k + 1], "=")) {
		if (!is_name(w[k]))
			return bad(p, "bad variable name '%s'", w[k]);
		l.var = k; /* resolved below, after the arguments */
		k += 2;
	}
	if (k >= nw)
		return bad(p, "no operation after '%s'", w[nw - 1]);
	for (op = 0; op < RUN_NR_OPS && strcmp(op_names[op], w[k]); op++)
		;
	if (op == RUN_NR_OPS)
		return bad(p, "unknown operation '%s'", w[k]);
	l.op = op;
	nargs = nw - k - 1;
	if (nargs < op_args[op][0])
		return bad(p, "'%s' needs %d argument%s", w[k], op_args[op][0],
			   op_args[op][0] == 1 ? "" : "s");
	if (nargs > op_args[op][1])
		return bad(p, "too many arguments for '%s' at '%s'", w[k],
			   w[k + 1 + op_args[op][1]]);
	if (l.var >= 0 && !run_op_returns_number(l.op))
		return bad(p, "'%s' returns no number for '%s ='", w[k], w[l.var]);
	if (nargs >= 2) /* sysctl/sysfs/proc: VALUE is the rest of the line */
		rest = orig + (starts[k + 2] - text);
	if (parse_args(p, &l, w + k + 1, nargs, rest))
		goto fail;
	if (line_procs(p, &l, w + k + 1))
		goto fail;
	if (l.var >= 0) {
		const char *name = w[l.var];

		l.var = find_var(s, name, strlen(name));
		if (l.var < 0) {
			s->vars = grow(s->vars, &s->cap_vars, s->nr_vars + 1, sizeof(*s->vars));
			s->vars[s->nr_vars] = host_strdup(name);
			l.var = s->nr_vars++;
		}
	}
	s->lines = grow(s->lines, &s->cap_lines, s->nr_lines + 1, sizeof(*s->lines));
	s->lines[s->nr_lines++] = l;
	return 0;
fail:
	host_free(l.path);
	host_free(l.name);
	host_free(l.value);
	return -1;
}

int run_parse(struct run_script *s, const char *file, const char *text, FILE *err)
{
	struct parser p = { .s = s, .err = err };
	const char *line = text;

	memset(s, 0, sizeof(*s));
	s->file = file;
	add_proc(&p, "main", -1);
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line), full = len;
		char *buf = host_alloc(len + 1), *orig = host_alloc(len + 1), *c;

		p.lineno++;
		memcpy(buf, line, len);
		buf[len] = '\0';
		if ((c = strchr(buf, '#')))
			*c = '\0';
		len = strlen(buf);
		while (len && (buf[len - 1] == '\r' || buf[len - 1] == ' ' ||
			       buf[len - 1] == '\t'))
			buf[--len] = '\0';
		memcpy(orig, buf, len + 1);
		if (parse_line(&p, buf, orig))
			p.errors++;
		host_free(buf);
		host_free(orig);
		line += nl ? full + 1 : full;
	}
	host_free(p.alive);
	return p.errors;
}

void run_script_free(struct run_script *s)
{
	int i;

	for (i = 0; i < s->nr_lines; i++) {
		host_free(s->lines[i].path);
		host_free(s->lines[i].name);
		host_free(s->lines[i].value);
	}
	for (i = 0; i < s->nr_vars; i++)
		host_free(s->vars[i]);
	for (i = 0; i < s->nr_procs; i++)
		host_free(s->procs[i].name);
	host_free(s->lines);
	host_free(s->vars);
	host_free(s->procs);
	memset(s, 0, sizeof(*s));
}
