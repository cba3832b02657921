/*
 * probe.c - the real-kernel side of a workload script (docs: WORKLOAD.md).
 *
 * The probe is started as /probe by the oracle guest's /init with a workload script on
 * standard input.  It reads and parses the whole script first (a line it cannot parse
 * is reported on standard error with its number and the run exits 2, nothing run),
 * makes its own image resident (MADV_POPULATE_READ over each read-only PT_LOAD segment
 * found through AT_PHDR, MADV_POPULATE_WRITE over each writable one and over the 64 KiB
 * below the top of the stack VMA), takes its fault baseline from /proc/self/stat, and
 * then runs the lines one at a time, printing `N: RESULT` for each.
 *
 * Processes: `fork CHILD` forks; every process keeps a command pipe and a reply pipe to
 * each child it forked.  Main resolves a line's $VARs into numbers and sends the line's
 * index down the tree of processes to the one that runs it; that process writes its
 * result line to standard output itself and sends a reply (the line's number, when it
 * has one) back up.  A parent that finds a child dead (EOF or EPIPE on its pipes)
 * reaps it and prints `killed SIGNAME` for the line, and for every later line meant
 * for that child or its descendants.  A process whose command pipe closes exits,
 * making its own children exit first.
 *
 * No libc, no heap, no vDSO: system calls are raw (arch.h), buffers are static (bss).
 * Kernel counterparts of what it observes: fs/proc/task_mmu.c, fs/proc/array.c,
 * kernel/printk/printk.c (devkmsg_read), mm/madvise.c (madvise_populate).
 */
#include "arch.h"

#define PAGE 4096UL
#define MAX_SCRIPT (96 * 1024)
#define MAX_LINES 1024
#define MAX_WORDS 12
#define MAX_PROCS 64
#define MAX_VARS 256
#define MAX_FILES 64
#define IOBUF (64 * 1024)

#define AT_FDCWD (-100)
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_NONBLOCK 04000

#define EBADF 9
#define ESRCH 3
#define EAGAIN 11
#define EINTR 4
#define EPIPE 32

#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23

#define SIGBUS 7
#define SIGSEGV 11
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_NODEFER 0x40000000

/* ---- tiny library ------------------------------------------------------------------ */

void *memset(void *d, int c, ulong n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, ulong n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

void *memmove(void *d, const void *s, ulong n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	if (p < q) {
		while (n--)
			*p++ = *q++;
	} else {
		while (n--)
			p[n] = q[n];
	}
	return d;
}

int memcmp(const void *a, const void *b, ulong n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

static ulong slen(const char *s)
{
	ulong n = 0;
	while (s[n])
		n++;
	return n;
}

static int seq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void sys_exit(int code) __attribute__((noreturn));
static void sys_exit(int code)
{
	for (;;)
		sc1(NR_exit_group, code);
}

static long write_all(int fd, const void *buf, ulong n)
{
	const char *p = buf;
	while (n) {
		long r = sc3(NR_write, fd, p, n);
		if (r == -EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? r : -EPIPE;
		p += r;
		n -= (ulong)r;
	}
	return 0;
}

/* Read exactly n bytes; 0 on success, 1 on EOF, -errno on error. */
static long read_full(int fd, void *buf, ulong n)
{
	char *p = buf;
	while (n) {
		long r = sc3(NR_read, fd, p, n);
		if (r == -EINTR)
			continue;
		if (r < 0)
			return r;
		if (r == 0)
			return 1;
		p += r;
		n -= (ulong)r;
	}
	return 0;
}

/* Output line assembly in a static buffer. */
static char obuf[512];
static ulong olen;

static void oputs(const char *s)
{
	while (*s && olen < sizeof(obuf) - 1)
		obuf[olen++] = *s++;
}

static void oputc(char c)
{
	if (olen < sizeof(obuf) - 1)
		obuf[olen++] = c;
}

/* 64-bit division by 10 without libgcc (32-bit ARM has no such instruction). */
static u64 div10(u64 v, unsigned *rem)
{
	u64 q = (v >> 1) + (v >> 2);
	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
	q += q >> 32;
	q >>= 3;
	u64 r = v - q * 10;
	while (r > 9) {
		q++;
		r -= 10;
	}
	*rem = (unsigned)r;
	return q;
}

static void oputu(u64 v)
{
	char t[24];
	int n = 0;
	do {
		unsigned r;
		v = div10(v, &r);
		t[n++] = (char)('0' + r);
	} while (v);
	while (n)
		oputc(t[--n]);
}

static void oputd(s64 v)
{
	if (v < 0) {
		oputc('-');
		oputu((u64)0 - (u64)v);
	} else {
		oputu((u64)v);
	}
}

static void oputx(u64 v)
{
	char t[20];
	int n = 0;
	oputs("0x");
	do {
		t[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (n)
		oputc(t[--n]);
}

static void oflush(int fd)
{
	write_all(fd, obuf, olen);
	olen = 0;
}

static const char *const errnames[] = {
	[1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO",
	[6] = "ENXIO", [7] = "E2BIG", [8] = "ENOEXEC", [9] = "EBADF", [10] = "ECHILD",
	[11] = "EAGAIN", [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT",
	[15] = "ENOTBLK", [16] = "EBUSY", [17] = "EEXIST", [18] = "EXDEV", [19] = "ENODEV",
	[20] = "ENOTDIR", [21] = "EISDIR", [22] = "EINVAL", [23] = "ENFILE",
	[24] = "EMFILE", [25] = "ENOTTY", [26] = "ETXTBSY", [27] = "EFBIG",
	[28] = "ENOSPC", [29] = "ESPIPE", [30] = "EROFS", [31] = "EMLINK", [32] = "EPIPE",
	[33] = "EDOM", [34] = "ERANGE", [35] = "EDEADLK", [36] = "ENAMETOOLONG",
	[37] = "ENOLCK", [38] = "ENOSYS", [39] = "ENOTEMPTY", [40] = "ELOOP",
	[61] = "ENODATA", [75] = "EOVERFLOW", [95] = "EOPNOTSUPP", [110] = "ETIMEDOUT",
	[133] = "EHWPOISON",
};

/* Print a result that is 0 or -errno as the contract spells it. */
static void oputerr(long e)
{
	if (e >= 0) {
		oputd(e);
		return;
	}
	ulong n = (ulong)-e;
	oputc('-');
	if (n < sizeof(errnames) / sizeof(errnames[0]) && errnames[n])
		oputs(errnames[n]);
	else {
		oputc('E');
		oputu(n);
	}
}

static const char *const signames[] = {
	"SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO", "SIGPWR", "SIGSYS",
};

static void oputsig(int sig)
{
	if (sig > 0 && sig < 32)
		oputs(signames[sig]);
	else {
		oputs("SIG");
		oputu((u64)sig);
	}
}

static void eputs(const char *s)
{
	write_all(2, s, slen(s));
}

/* ---- the parsed script ---------------------------------------------------------------- */

enum op {
	OP_MMAP = 1, OP_MUNMAP, OP_MPROTECT, OP_MREMAP, OP_MADVISE, OP_MLOCK, OP_MUNLOCK,
	OP_BRK, OP_SBRK, OP_READ, OP_WRITE, OP_FILL, OP_CHECK, OP_FILE, OP_PWRITE, OP_PREAD,
	OP_CLOSE, OP_UNLINK, OP_FORK, OP_EXIT, OP_SYSCTL, OP_SYSFS, OP_PROC, OP_SLEEP,
	OP_DUMP,
};

/* A numeric argument: a literal, or $VAR plus an offset. */
struct num {
	s64 value;
	short var; /* -1: literal */
	short present;
};

#define NARGS 6

struct line {
	unsigned short lineno;
	unsigned char op;
	signed char proc; /* process slot running the line */
	short var;        /* variable the result is stored in, or -1 */
	short child;      /* fork: the new process slot */
	int flags;        /* mmap/mremap flags, prot, advice, mlock flags */
	int prot;
	const char *path; /* file name, sysctl/sysfs/proc name, dump view */
	const char *value;
	struct num a[NARGS];
};

static char script[MAX_SCRIPT + 1];
static struct line lines[MAX_LINES];
static int nlines;
static char procname[MAX_PROCS][32];
static signed char procparent[MAX_PROCS];
static int nprocs;
static char varname[MAX_VARS][32];
static int nvars;
static s64 varval[MAX_VARS];

/* ---- this process ---------------------------------------------------------------------- */

enum cstate { C_NONE = 0, C_ALIVE, C_FAILED, C_KILLED, C_EXITED };

struct child {
	int state;
	int pid;
	int cmd_fd; /* write end of its command pipe */
	int rep_fd; /* read end of its reply pipe */
	int sig;
	int order; /* fork order, for youngest-first exit */
};

static int myslot;        /* this process's slot */
static int in_fd = -1;    /* command pipe from the parent (children) */
static int out_fd = -1;   /* reply pipe to the parent (children) */
static struct child children[MAX_PROCS];
static int fork_count;
static const char *fname[MAX_FILES];
static int fdesc[MAX_FILES];
static int nfiles;
static s64 base_min, base_maj;
static int kmsg_fd = -1;

/* Command and reply messages on the pipes. */
struct cmd {
	int kind; /* 1 run line, 2 exit */
	int idx;
	s64 a[NARGS];
};

struct reply {
	int kind; /* 1 done, 2 ready (a new child) */
	int pad;
	s64 value;
};

static char iobuf[IOBUF];
static char altstack[16384];

/* ---- start-up: population ------------------------------------------------------------ */

struct phdr_info {
	ulong phdr, phnum, execfn;
};
static struct phdr_info image;

struct elf_phdr64 {
	unsigned int p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf_phdr32 {
	unsigned int p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags,
		p_align;
};

static void populate(void)
{
	ulong i;
	for (i = 0; i < image.phnum; i++) {
		ulong vaddr, memsz, flags, type;
#if defined(__x86_64__)
		const struct elf_phdr64 *ph = (const struct elf_phdr64 *)image.phdr + i;
#else
		const struct elf_phdr32 *ph = (const struct elf_phdr32 *)image.phdr + i;
#endif
		type = ph->p_type;
		vaddr = (ulong)ph->p_vaddr;
		memsz = (ulong)ph->p_memsz;
		flags = ph->p_flags;
		if (type != 1 || memsz == 0)
			continue;
		ulong start = vaddr & ~(PAGE - 1);
		ulong end = (vaddr + memsz + PAGE - 1) & ~(PAGE - 1);
		sc3(NR_madvise, start, end - start,
		    (flags & 2) ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
	}
	/* The stack VMA ends just above the execfn string (and a NULL pointer). */
	ulong top = (image.execfn + slen((const char *)image.execfn) + 1 + PAGE - 1) &
		    ~(PAGE - 1);
	sc3(NR_madvise, top - 65536, 65536, MADV_POPULATE_WRITE);
}

/* minflt and majflt of /proc/self/stat. */
static int read_faults(s64 *minf, s64 *majf)
{
	static char st[1024];
	long fd = sc4(NR_openat, AT_FDCWD, "/proc/self/stat", O_RDONLY, 0);
	if (fd < 0)
		return (int)fd;
	long n = sc3(NR_read, fd, st, sizeof(st) - 1);
	sc1(NR_close, fd);
	if (n <= 0)
		return -5;
	st[n] = 0;
	char *p = st + n;
	while (p > st && *p != ')')
		p--;
	p++;
	int field = 0;
	s64 vals[12];
	while (*p && field < 11) {
		while (*p == ' ')
			p++;
		field++;
		s64 v = 0;
		while (*p && *p != ' ') {
			if (*p >= '0' && *p <= '9')
				v = v * 10 + (*p - '0');
			p++;
		}
		vals[field] = v;
	}
	if (field < 10)
		return -5;
	*minf = vals[8];
	*majf = vals[10];
	return 0;
}

static void take_baseline(void)
{
	read_faults(&base_min, &base_maj);
}

/* ---- the SIGSEGV/SIGBUS handler ---------------------------------------------------- */

static jmpbuf_t access_jb;
static volatile int in_access;
static volatile int fault_sig;
static volatile ulong fault_addr;

static void on_fault(int sig, void *info, void *uc)
{
	(void)uc;
	if (!in_access) {
		eputs("probe: unexpected fault\n");
		sys_exit(3);
	}
	in_access = 0;
	fault_sig = sig;
	fault_addr = *(ulong *)((char *)info + SI_ADDR_OFFSET);
	probe_longjmp(access_jb);
}

#if defined(__x86_64__)
void probe_restorer(void);
#endif

static void setup_signals(void)
{
	struct k_stack ss = { altstack, 0, sizeof(altstack) };
	sc2(NR_sigaltstack, &ss, 0);
	struct k_sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.handler = (void *)on_fault;
	sa.flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
#if defined(__x86_64__)
	sa.flags |= SA_RESTORER;
	sa.restorer = (void *)probe_restorer;
#endif
	sc4(NR_rt_sigaction, SIGSEGV, &sa, 0, 8);
	sc4(NR_rt_sigaction, SIGBUS, &sa, 0, 8);
}

/* ---- parsing ------------------------------------------------------------------------- */

static int cur_lineno;

static void parse_error(const char *what, const char *word) __attribute__((noreturn));
static void parse_error(const char *what, const char *word)
{
	olen = 0;
	oputs("probe: line ");
	oputu((u64)cur_lineno);
	oputs(": ");
	oputs(what);
	if (word) {
		oputs(" '");
		oputs(word);
		oputc('\'');
	}
	oputc('\n');
	oflush(2);
	sys_exit(2);
}

/* Parse an unsigned number with optional K/M/G suffix; 0 on success. */
static int parse_uint(const char *s, u64 *out)
{
	u64 v = 0;
	int digits = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		for (;; s++) {
			int d;
			if (*s >= '0' && *s <= '9')
				d = *s - '0';
			else if (*s >= 'a' && *s <= 'f')
				d = *s - 'a' + 10;
			else if (*s >= 'A' && *s <= 'F')
				d = *s - 'A' + 10;
			else
				break;
			if (v >> 60)
				return -1;
			v = v * 16 + (u64)d;
			digits++;
		}
	} else {
		for (; *s >= '0' && *s <= '9'; s++) {
			u64 nv = v * 10 + (u64)(*s - '0');
			if (v > 0x1999999999999999ULL || nv < v)
				return -1;
			v = nv;
			digits++;
		}
	}
	if (!digits)
		return -1;
	int shift = 0;
	if (*s == 'K')
		shift = 10, s++;
	else if (*s == 'M')
		shift = 20, s++;
	else if (*s == 'G')
		shift = 30, s++;
	if (*s)
		return -1;
	if (shift && (v >> (64 - shift)))
		return -1;
	v <<= shift;
	if (v >> 63)
		return -1;
	*out = v;
	return 0;
}

static int find_var(const char *name, ulong len)
{
	int i;
	for (i = 0; i < nvars; i++)
		if (slen(varname[i]) == len && !memcmp(varname[i], name, len))
			return i;
	return -1;
}

/* A numeric argument; signed_ok allows a leading '-' (sbrk's DELTA). */
static struct num parse_num(const char *w, int signed_ok)
{
	struct num n = { 0, -1, 1 };
	u64 v;
	if (w[0] == '$') {
		const char *p = w + 1;
		while (*p && *p != '+' && *p != '-')
			p++;
		n.var = (short)find_var(w + 1, (ulong)(p - (w + 1)));
		if (n.var < 0)
			parse_error("unknown variable", w);
		if (*p) {
			if (parse_uint(p + 1, &v))
				parse_error("bad number", w);
			n.value = *p == '-' ? -(s64)v : (s64)v;
		}
		return n;
	}
	if (w[0] == '-' && signed_ok) {
		if (parse_uint(w + 1, &v))
			parse_error("bad number", w);
		n.value = -(s64)v;
		return n;
	}
	if (parse_uint(w, &v))
		parse_error("bad number", w);
	n.value = (s64)v;
	return n;
}

static int parse_prot(const char *w)
{
	if (seq(w, "---"))
		return 0;
	if (seq(w, "r--"))
		return 1;
	if (seq(w, "rw-"))
		return 3;
	if (seq(w, "r-x"))
		return 5;
	if (seq(w, "rwx"))
		return 7;
	parse_error("bad PROT", w);
}

struct flagname {
	const char *name;
	int value;
};

static const struct flagname mmap_flags[] = {
	{ "private", 0x02 },   { "shared", 0x01 },	   { "anon", 0x20 },
	{ "fixed", 0x10 },     { "fixed_noreplace", 0x100000 }, { "populate", 0x8000 },
	{ "noreserve", 0x4000 }, { "growsdown", 0x0100 }, { "stack", 0x20000 },
	{ "locked", 0x2000 },  { 0, 0 },
};

static const struct flagname mremap_flags[] = {
	{ "maymove", 1 }, { "fixed", 2 }, { "dontunmap", 4 }, { 0, 0 },
};

static const struct flagname advices[] = {
	{ "normal", 0 },	{ "random", 1 },	{ "sequential", 2 },
	{ "willneed", 3 },	{ "dontneed", 4 },	{ "free", 8 },
	{ "remove", 9 },	{ "dontfork", 10 },	{ "dofork", 11 },
	{ "wipeonfork", 18 },	{ "keeponfork", 19 },	{ "hugepage", 14 },
	{ "nohugepage", 15 },	{ "cold", 20 },		{ "pageout", 21 },
	{ "populate_read", 22 }, { "populate_write", 23 }, { 0, 0 },
};

static int parse_flags(char *w, const struct flagname *tab, const char *what)
{
	int flags = 0;
	char *p = w;
	for (;;) {
		char *e = p;
		while (*e && *e != ',')
			e++;
		char save = *e;
		*e = 0;
		int i, found = 0;
		for (i = 0; tab[i].name; i++)
			if (seq(p, tab[i].name)) {
				flags |= tab[i].value;
				found = 1;
			}
		if (!found)
			parse_error(what, p);
		if (!save)
			break;
		*e = ',';
		p = e + 1;
	}
	return flags;
}

static const char *const views[] = {
	"maps", "smaps", "smaps_rollup", "status", "statm", "faults", "meminfo", "vmstat",
	"buddyinfo", "zoneinfo", "pagetypeinfo", "slabinfo", "swaps", "dmesg", 0,
};

static int find_proc(const char *name)
{
	int i;
	for (i = nprocs - 1; i >= 0; i--)
		if (seq(procname[i], name))
			return i;
	return -1;
}

static signed char proc_live[MAX_PROCS];

static void mark_exited(int slot)
{
	int i;
	proc_live[slot] = 0;
	for (i = 0; i < nprocs; i++)
		if (proc_live[i] && procparent[i] == slot)
			mark_exited(i);
}

static int valid_name(const char *w)
{
	if (!*w || slen(w) >= 31)
		return 0;
	for (; *w; w++)
		if (!((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') ||
		      (*w >= '0' && *w <= '9') || *w == '_' || *w == '-' || *w == '.'))
			return 0;
	return 1;
}

static void parse_line(char *text, int lineno)
{
	char *w[MAX_WORDS + 1];
	char *wend[MAX_WORDS + 1];
	char wsep[MAX_WORDS + 1];
	int nw = 0;
	char *p = text;
	cur_lineno = lineno;
	/* Comments and a trailing carriage return. */
	for (p = text; *p; p++)
		if (*p == '#') {
			*p = 0;
			break;
		}
	ulong l = slen(text);
	while (l && (text[l - 1] == '\r' || text[l - 1] == ' ' || text[l - 1] == '\t'))
		text[--l] = 0;
	p = text;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (nw == MAX_WORDS)
			parse_error("too many words", 0);
		w[nw] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		wend[nw] = p;
		wsep[nw++] = *p;
		if (*p)
			*p++ = 0;
	}
	if (!nw)
		return;
	if (nlines == MAX_LINES)
		parse_error("too many lines", 0);
	struct line *ln = &lines[nlines];
	memset(ln, 0, sizeof(*ln));
	for (int k = 0; k < NARGS; k++)
		ln->a[k].var = -1; /* an argument the line leaves out is 0, never a variable */
	ln->lineno = (unsigned short)lineno;
	ln->var = -1;
	ln->child = -1;
	int i = 0;
	int proc = 0;
	ulong wl = slen(w[0]);
	if (wl > 1 && w[0][wl - 1] == ':') {
		w[0][wl - 1] = 0;
		proc = find_proc(w[0]);
		if (proc < 0)
			parse_error("no process of that name", w[0]);
		if (!proc_live[proc])
			parse_error("process has exited", w[0]);
		i = 1;
	}
	if (!proc_live[0])
		parse_error("main has exited", 0);
	ln->proc = (signed char)proc;
	char *var = 0;
	if (i + 1 < nw && seq(w[i + 1], "=")) {
		var = w[i];
		i += 2;
	}
	if (i >= nw)
		parse_error("missing operation", 0);
	const char *op = w[i++];
	char **a = w + i;
	int na = nw - i;
#define NEED(lo, hi)                                          \
	do {                                                  \
		if (na < (lo) || na > (hi))                   \
			parse_error("wrong number of arguments to", op); \
	} while (0)
	if (seq(op, "mmap")) {
		ln->op = OP_MMAP;
		if (na != 4 && na != 6)
			parse_error("wrong number of arguments to", op);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->prot = parse_prot(a[2]);
		ln->flags = parse_flags(a[3], mmap_flags, "bad mmap flag");
		if (na == 6) {
			ln->path = a[4];
			ln->a[2] = parse_num(a[5], 0);
		}
	} else if (seq(op, "munmap") || seq(op, "munlock")) {
		ln->op = seq(op, "munmap") ? OP_MUNMAP : OP_MUNLOCK;
		NEED(2, 2);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
	} else if (seq(op, "mprotect")) {
		ln->op = OP_MPROTECT;
		NEED(3, 3);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->prot = parse_prot(a[2]);
	} else if (seq(op, "mremap")) {
		ln->op = OP_MREMAP;
		NEED(3, 5);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->a[2] = parse_num(a[2], 0);
		if (na >= 4)
			ln->flags = parse_flags(a[3], mremap_flags, "bad mremap flag");
		if (na == 5)
			ln->a[3] = parse_num(a[4], 0);
	} else if (seq(op, "madvise")) {
		ln->op = OP_MADVISE;
		NEED(3, 3);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->flags = -1;
		for (int k = 0; advices[k].name; k++)
			if (seq(a[2], advices[k].name))
				ln->flags = advices[k].value;
		if (ln->flags < 0)
			parse_error("bad advice", a[2]);
	} else if (seq(op, "mlock")) {
		ln->op = OP_MLOCK;
		NEED(2, 3);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		if (na == 3) {
			if (!seq(a[2], "onfault"))
				parse_error("bad mlock flag", a[2]);
			ln->flags = 1;
		}
	} else if (seq(op, "brk")) {
		ln->op = OP_BRK;
		NEED(1, 1);
		ln->a[0] = parse_num(a[0], 0);
	} else if (seq(op, "sbrk")) {
		ln->op = OP_SBRK;
		NEED(1, 1);
		ln->a[0] = parse_num(a[0], 1);
	} else if (seq(op, "read")) {
		ln->op = OP_READ;
		NEED(2, 3);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->a[3] = (struct num){ 4096, -1, 1 };
		if (na == 3)
			ln->a[3] = parse_num(a[2], 0);
	} else if (seq(op, "write")) {
		ln->op = OP_WRITE;
		NEED(2, 4);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->a[2] = (struct num){ 0x5a, -1, 1 };
		ln->a[3] = (struct num){ 4096, -1, 1 };
		if (na >= 3)
			ln->a[2] = parse_num(a[2], 0);
		if (na == 4)
			ln->a[3] = parse_num(a[3], 0);
	} else if (seq(op, "fill") || seq(op, "check")) {
		ln->op = seq(op, "fill") ? OP_FILL : OP_CHECK;
		NEED(3, 3);
		ln->a[0] = parse_num(a[0], 0);
		ln->a[1] = parse_num(a[1], 0);
		ln->a[2] = parse_num(a[2], 0);
		ln->a[3] = (struct num){ 1, -1, 1 };
	} else if (seq(op, "file")) {
		ln->op = OP_FILE;
		NEED(2, 2);
		ln->path = a[0];
		ln->a[0] = parse_num(a[1], 0);
	} else if (seq(op, "pwrite")) {
		ln->op = OP_PWRITE;
		NEED(3, 4);
		ln->path = a[0];
		ln->a[0] = parse_num(a[1], 0);
		ln->a[1] = parse_num(a[2], 0);
		ln->a[2] = (struct num){ 0x5a, -1, 1 };
		if (na == 4)
			ln->a[2] = parse_num(a[3], 0);
	} else if (seq(op, "pread")) {
		ln->op = OP_PREAD;
		NEED(3, 3);
		ln->path = a[0];
		ln->a[0] = parse_num(a[1], 0);
		ln->a[1] = parse_num(a[2], 0);
	} else if (seq(op, "close") || seq(op, "unlink")) {
		ln->op = seq(op, "close") ? OP_CLOSE : OP_UNLINK;
		NEED(1, 1);
		ln->path = a[0];
	} else if (seq(op, "fork")) {
		ln->op = OP_FORK;
		NEED(1, 1);
		if (!valid_name(a[0]) || seq(a[0], "main"))
			parse_error("bad process name", a[0]);
		int old = find_proc(a[0]);
		if (old >= 0 && proc_live[old])
			parse_error("process name in use", a[0]);
		if (nprocs == MAX_PROCS)
			parse_error("too many processes", a[0]);
		memcpy(procname[nprocs], a[0], slen(a[0]) + 1);
		procparent[nprocs] = (signed char)proc;
		proc_live[nprocs] = 1;
		ln->child = (short)nprocs++;
	} else if (seq(op, "exit")) {
		ln->op = OP_EXIT;
		NEED(0, 0);
	} else if (seq(op, "sysctl") || seq(op, "sysfs") || seq(op, "proc")) {
		ln->op = seq(op, "sysctl") ? OP_SYSCTL : seq(op, "sysfs") ? OP_SYSFS : OP_PROC;
		if (na < 2)
			parse_error("wrong number of arguments to", op);
		ln->path = a[0];
		/* VALUE: the rest of the line, its separators put back. */
		for (int k = i + 1; k < nw - 1; k++)
			*wend[k] = wsep[k];
		char *v = w[i + 1];
		ln->value = v;
	} else if (seq(op, "sleep")) {
		ln->op = OP_SLEEP;
		NEED(1, 1);
		ln->a[0] = parse_num(a[0], 0);
	} else if (seq(op, "dump")) {
		ln->op = OP_DUMP;
		NEED(1, 1);
		int k;
		for (k = 0; views[k]; k++)
			if (seq(a[0], views[k]))
				break;
		if (!views[k])
			parse_error("bad view", a[0]);
		ln->path = a[0];
	} else {
		parse_error("unknown operation", op);
	}
	/* Literal checks. */
	if ((ln->op == OP_READ || ln->op == OP_WRITE) && ln->a[3].var < 0 && ln->a[3].value == 0)
		parse_error("STEP of 0 in", op);
	if ((ln->op == OP_WRITE || ln->op == OP_FILL || ln->op == OP_CHECK ||
	     ln->op == OP_PWRITE) &&
	    ln->a[2].var < 0 && ln->a[2].value > 255)
		parse_error("BYTE above 255 in", op);
	if (var) {
		if (ln->op != OP_MMAP && ln->op != OP_MREMAP && ln->op != OP_BRK &&
		    ln->op != OP_SBRK)
			parse_error("VAR = on an operation without a number", op);
		if (var[0] == '$' || !valid_name(var))
			parse_error("bad variable name", var);
		int v = find_var(var, slen(var));
		if (v < 0) {
			if (nvars == MAX_VARS)
				parse_error("too many variables", var);
			v = nvars++;
			memcpy(varname[v], var, slen(var) + 1);
		}
		ln->var = (short)v;
	}
	if (ln->op == OP_EXIT)
		mark_exited(proc);
	nlines++;
}

static void parse_script(void)
{
	ulong n = 0;
	for (;;) {
		long r = sc3(NR_read, 0, script + n, MAX_SCRIPT - n);
		if (r == -EINTR)
			continue;
		if (r < 0) {
			eputs("probe: cannot read the script\n");
			sys_exit(2);
		}
		if (r == 0)
			break;
		n += (ulong)r;
		if (n == MAX_SCRIPT) {
			eputs("probe: script too long\n");
			sys_exit(2);
		}
	}
	script[n] = 0;
	memcpy(procname[0], "main", 5);
	procparent[0] = -1;
	proc_live[0] = 1;
	nprocs = 1;
	char *p = script;
	int lineno = 0;
	while (*p) {
		char *e = p;
		while (*e && *e != '\n')
			e++;
		int last = !*e;
		*e = 0;
		lineno++;
		for (char *q = p; q < e; q++)
			if (*q == 0)
				*q = ' ';
		parse_line(p, lineno);
		if (last)
			break;
		p = e + 1;
	}
}

/* ---- operations ---------------------------------------------------------------------- */

static int file_index(const char *name)
{
	int i;
	for (i = nfiles - 1; i >= 0; i--)
		if (seq(fname[i], name))
			return i;
	return -1;
}

static long do_mmap(ulong addr, ulong len, int prot, int flags, long fd, u64 off)
{
#if defined(__x86_64__)
	return sc6(NR_mmap, (long)addr, (long)len, prot, flags, fd, (long)off);
#else
	if (off & (PAGE - 1))
		return -22;
	return sc6(NR_mmap2, (long)addr, (long)len, prot, flags, fd, (long)(off >> 12));
#endif
}

static long do_pio(int nr, int fd, void *buf, ulong n, u64 off)
{
#if defined(__x86_64__)
	return sc4(nr, fd, buf, n, (long)off);
#else
	return sc6(nr, fd, (long)buf, (long)n, 0, (long)(ulong)off, (long)(ulong)(off >> 32));
#endif
}

static long do_ftruncate(int fd, u64 size)
{
#if defined(__x86_64__)
	return sc2(NR_ftruncate, fd, (long)size);
#else
	return sc4(NR_ftruncate64, fd, 0, (long)(ulong)size, (long)(ulong)(size >> 32));
#endif
}

/* Write text to a /proc or /sys file: 0 or -errno. */
static long write_file(const char *prefix, const char *name, const char *value)
{
	static char path[512];
	ulong pl = slen(prefix), nl = slen(name);
	if (pl + nl + 1 > sizeof(path))
		return -36;
	memcpy(path, prefix, pl);
	memcpy(path + pl, name, nl + 1);
	long fd = sc4(NR_openat, AT_FDCWD, path, O_WRONLY, 0);
	if (fd < 0)
		return fd;
	long r = write_all((int)fd, value, slen(value));
	sc1(NR_close, fd);
	return r;
}

/* Access loops; returns 0, or the signal with fault_addr set. */
#define ACC_READ 1
#define ACC_WRITE 2
#define ACC_FILL 3
#define ACC_CHECK 4

static volatile ulong mis_addr;
static volatile unsigned mis_val;

static int __attribute__((noinline)) access_loop(int kind, ulong addr, ulong len, ulong step,
						 unsigned byte)
{
	ulong off;
	in_access = 1;
	if (kind == ACC_READ || kind == ACC_WRITE) {
		for (off = 0; off < len; off += step) {
			volatile unsigned char *q = (volatile unsigned char *)(addr + off);
			if (kind == ACC_READ)
				(void)*q;
			else
				*q = (unsigned char)byte;
			if (off + step < off)
				break;
		}
	} else {
		ulong pat = byte * (~0UL / 255);
		ulong p = addr, end = addr + len;
		while (p < end && (p & (sizeof(ulong) - 1))) {
			volatile unsigned char *q = (volatile unsigned char *)p;
			if (kind == ACC_FILL)
				*q = (unsigned char)byte;
			else if (*q != byte) {
				mis_addr = p;
				mis_val = *q;
				in_access = 0;
				return -1;
			}
			p++;
		}
		while (end - p >= sizeof(ulong) && p < end) {
			volatile ulong *q = (volatile ulong *)p;
			if (kind == ACC_FILL) {
				*q = pat;
			} else {
				ulong v = *q;
				if (v != pat) {
					int k;
					for (k = 0; k < (int)sizeof(ulong); k++) {
						unsigned b = (unsigned)(v >> (8 * k)) & 255;
						if (b != byte) {
							mis_addr = p + (ulong)k;
							mis_val = b;
							in_access = 0;
							return -1;
						}
					}
				}
			}
			p += sizeof(ulong);
		}
		while (p < end) {
			volatile unsigned char *q = (volatile unsigned char *)p;
			if (kind == ACC_FILL)
				*q = (unsigned char)byte;
			else if (*q != byte) {
				mis_addr = p;
				mis_val = *q;
				in_access = 0;
				return -1;
			}
			p++;
		}
	}
	in_access = 0;
	return 0;
}

/* The handler comes back here (setjmp returning 1) when an access faults. */
static int __attribute__((noinline)) do_access(int kind, ulong addr, ulong len, ulong step,
					       unsigned byte)
{
	if (probe_setjmp(access_jb))
		return fault_sig;
	return access_loop(kind, addr, len, step, byte);
}

static void dump_fd(int fd)
{
	for (;;) {
		long r = sc3(NR_read, fd, iobuf, IOBUF);
		if (r == -EINTR)
			continue;
		if (r <= 0)
			break;
		write_all(1, iobuf, (ulong)r);
	}
}

/* dmesg: the text of each /dev/kmsg record since the last read, escapes decoded. */
static void dump_kmsg(void)
{
	for (;;) {
		long r = sc3(NR_read, kmsg_fd, iobuf, 8192);
		if (r == -EPIPE || r == -EINTR)
			continue;
		if (r <= 0)
			break;
		char *p = iobuf, *e = iobuf + r;
		while (p < e && *p != ';')
			p++;
		if (p == e)
			continue;
		p++;
		char *t = p, *o = p;
		while (p < e && *p != '\n') {
			if (p[0] == '\\' && p + 3 < e && p[1] == 'x') {
				int hi = p[2], lo = p[3];
				hi = hi <= '9' ? hi - '0' : (hi | 32) - 'a' + 10;
				lo = lo <= '9' ? lo - '0' : (lo | 32) - 'a' + 10;
				*o++ = (char)(hi * 16 + lo);
				p += 4;
			} else {
				*o++ = *p++;
			}
		}
		*o++ = '\n';
		write_all(1, t, (ulong)(o - t));
	}
}

static void line_head(const struct line *ln)
{
	olen = 0;
	oputu(ln->lineno);
	oputs(": ");
}

static void print_result(const struct line *ln, long r)
{
	line_head(ln);
	oputerr(r);
	oputc('\n');
	oflush(1);
}

static void print_addr(const struct line *ln, long r)
{
	line_head(ln);
	if (r < 0 && r > -4096)
		oputerr(r);
	else
		oputx((ulong)r);
	oputc('\n');
	oflush(1);
}

/* The number a VAR keeps: -errno, or the address (unsigned on 32-bit ARM too). */
static s64 addr_value(long r)
{
	if (r < 0 && r > -4096)
		return r;
	return (s64)(ulong)r;
}

static void populate_and_baseline_child(void);
static void run_child_loop(void) __attribute__((noreturn));
static void exit_children(void);

/* Run a line in this process; returns its number (for VAR). */
static s64 run_here(int idx, const s64 *a)
{
	const struct line *ln = &lines[idx];
	long r = 0;
	int fi;
	switch (ln->op) {
	case OP_MMAP: {
		long fd = -1;
		if (ln->path) {
			fi = file_index(ln->path);
			if (fi < 0) {
				r = -EBADF;
				print_addr(ln, r);
				return r;
			}
			fd = fdesc[fi];
		}
		r = do_mmap((ulong)a[0], (ulong)a[1], ln->prot, ln->flags, fd, (u64)a[2]);
		print_addr(ln, r);
		return addr_value(r);
	}
	case OP_MUNMAP:
		r = sc2(NR_munmap, (ulong)a[0], (ulong)a[1]);
		break;
	case OP_MPROTECT:
		r = sc3(NR_mprotect, (ulong)a[0], (ulong)a[1], ln->prot);
		break;
	case OP_MREMAP:
		r = sc5(NR_mremap, (ulong)a[0], (ulong)a[1], (ulong)a[2], ln->flags, (ulong)a[3]);
		print_addr(ln, r);
		return addr_value(r);
	case OP_MADVISE:
		r = sc3(NR_madvise, (ulong)a[0], (ulong)a[1], ln->flags);
		break;
	case OP_MLOCK:
		r = sc3(NR_mlock2, (ulong)a[0], (ulong)a[1], ln->flags);
		break;
	case OP_MUNLOCK:
		r = sc2(NR_munlock, (ulong)a[0], (ulong)a[1]);
		break;
	case OP_BRK:
		r = sc1(NR_brk, (ulong)a[0]);
		print_addr(ln, r);
		return (s64)(ulong)r;
	case OP_SBRK: {
		ulong cur = (ulong)sc1(NR_brk, 0);
		r = sc1(NR_brk, cur + (ulong)a[0]);
		print_addr(ln, r);
		return (s64)(ulong)r;
	}
	case OP_READ:
	case OP_WRITE:
	case OP_FILL:
	case OP_CHECK: {
		int kind = ln->op == OP_READ ? ACC_READ : ln->op == OP_WRITE ? ACC_WRITE :
			   ln->op == OP_FILL ? ACC_FILL : ACC_CHECK;
		int s = do_access(kind, (ulong)a[0], (ulong)a[1], (ulong)a[3], (unsigned)a[2]);
		line_head(ln);
		if (s == 0) {
			oputs("ok");
		} else if (s < 0) {
			oputs("mismatch ");
			oputx(mis_addr);
			oputc(' ');
			oputx(mis_val);
		} else {
			oputsig(s);
			oputc(' ');
			oputx(fault_addr);
		}
		oputc('\n');
		oflush(1);
		return 0;
	}
	case OP_FILE: {
		if (nfiles == MAX_FILES) {
			r = -24;
			break;
		}
		long fd = sc4(NR_openat, AT_FDCWD, ln->path, O_RDWR | O_CREAT | O_TRUNC, 0600);
		if (fd < 0) {
			r = fd;
			break;
		}
		fi = file_index(ln->path);
		if (fi < 0) {
			fi = nfiles++;
			fname[fi] = ln->path;
		}
		fdesc[fi] = (int)fd;
		r = do_ftruncate((int)fd, (u64)a[0]);
		break;
	}
	case OP_PWRITE:
	case OP_PREAD: {
		fi = file_index(ln->path);
		if (fi < 0) {
			r = -EBADF;
			break;
		}
		u64 off = (u64)a[0], left = (u64)a[1];
		long done = 0;
		if (ln->op == OP_PWRITE)
			memset(iobuf, (int)a[2], IOBUF);
		while (left) {
			ulong n = left > IOBUF ? IOBUF : (ulong)left;
			long k = do_pio(ln->op == OP_PWRITE ? NR_pwrite64 : NR_pread64, fdesc[fi],
					iobuf, n, off);
			if (k == -EINTR)
				continue;
			if (k < 0) {
				if (!done)
					done = k;
				break;
			}
			if (k == 0)
				break;
			done += k;
			off += (u64)k;
			left -= (u64)k;
		}
		r = done;
		break;
	}
	case OP_CLOSE:
		fi = file_index(ln->path);
		if (fi < 0) {
			r = -EBADF;
			break;
		}
		r = sc1(NR_close, fdesc[fi]);
		fname[fi] = fname[nfiles - 1];
		fdesc[fi] = fdesc[nfiles - 1];
		nfiles--;
		break;
	case OP_UNLINK:
		r = sc3(NR_unlinkat, AT_FDCWD, ln->path, 0);
		break;
	case OP_SYSCTL:
		r = write_file("/proc/sys/", ln->path, ln->value);
		break;
	case OP_SYSFS:
		r = write_file("/sys/", ln->path, ln->value);
		break;
	case OP_PROC:
		r = write_file("/proc/self/", ln->path, ln->value);
		break;
	case OP_SLEEP: {
		long ts[2];
		u64 ms = (u64)a[0];
		unsigned rem;
		u64 sec = div10(div10(div10(ms, &rem), &rem), &rem);
		ts[0] = (long)sec;
		ts[1] = (long)(ms - sec * 1000) * 1000000L;
		while (sc2(NR_nanosleep, ts, ts) == -EINTR)
			;
		r = 0;
		break;
	}
	case OP_DUMP: {
		const char *v = ln->path;
		if (seq(v, "faults")) {
			s64 mi, ma;
			long e = read_faults(&mi, &ma);
			if (e < 0) {
				r = e;
				break;
			}
			line_head(ln);
			oputs("dump faults\nminflt ");
			oputd(mi - base_min);
			oputs(" majflt ");
			oputd(ma - base_maj);
			oputc('\n');
			oflush(1);
		} else if (seq(v, "dmesg")) {
			if (kmsg_fd < 0) {
				r = kmsg_fd;
				break;
			}
			line_head(ln);
			oputs("dump dmesg\n");
			oflush(1);
			dump_kmsg();
		} else {
			static char path[64];
			const char *pre = (seq(v, "maps") || seq(v, "smaps") ||
					   seq(v, "smaps_rollup") || seq(v, "status") ||
					   seq(v, "statm")) ? "/proc/self/" : "/proc/";
			ulong pl = slen(pre);
			memcpy(path, pre, pl);
			memcpy(path + pl, v, slen(v) + 1);
			long fd = sc4(NR_openat, AT_FDCWD, path, O_RDONLY, 0);
			if (fd < 0) {
				r = fd;
				break;
			}
			line_head(ln);
			oputs("dump ");
			oputs(v);
			oputc('\n');
			oflush(1);
			dump_fd((int)fd);
			sc1(NR_close, fd);
		}
		line_head(ln);
		oputs("end\n");
		oflush(1);
		return 0;
	}
	case OP_FORK: {
		/* The reply pipe first: its descriptors are lower than the command pipe's. */
		int cmdp[2], repp[2];
		r = sc2(NR_pipe2, repp, 0);
		if (r < 0) {
			children[ln->child].state = C_FAILED;
			break;
		}
		r = sc2(NR_pipe2, cmdp, 0);
		if (r < 0) {
			sc1(NR_close, repp[0]);
			sc1(NR_close, repp[1]);
			children[ln->child].state = C_FAILED;
			break;
		}
		long pid = sc0(NR_fork);
		if (pid < 0) {
			sc1(NR_close, cmdp[0]);
			sc1(NR_close, cmdp[1]);
			sc1(NR_close, repp[0]);
			sc1(NR_close, repp[1]);
			children[ln->child].state = C_FAILED;
			r = pid;
			break;
		}
		if (pid == 0) {
			/* The child: only its own two pipe ends stay open. */
			int k;
			for (k = 0; k < MAX_PROCS; k++)
				if (children[k].state == C_ALIVE) {
					sc1(NR_close, children[k].cmd_fd);
					sc1(NR_close, children[k].rep_fd);
				}
			memset(children, 0, sizeof(children));
			if (in_fd >= 0)
				sc1(NR_close, in_fd);
			if (out_fd >= 0)
				sc1(NR_close, out_fd);
			sc1(NR_close, cmdp[1]);
			sc1(NR_close, repp[0]);
			in_fd = cmdp[0];
			out_fd = repp[1];
			myslot = ln->child;
			fork_count = 0;
			populate_and_baseline_child();
			struct reply rp = { 2, 0, 0 };
			write_all(out_fd, &rp, sizeof(rp));
			run_child_loop();
		}
		sc1(NR_close, cmdp[0]);
		sc1(NR_close, repp[1]);
		struct child *c = &children[ln->child];
		c->state = C_ALIVE;
		c->pid = (int)pid;
		c->cmd_fd = cmdp[1];
		c->rep_fd = repp[0];
		c->order = ++fork_count;
		struct reply rp;
		if (read_full(c->rep_fd, &rp, sizeof(rp)) != 0) {
			/* Died before it was ready. */
			int status = 0;
			sc4(NR_wait4, c->pid, &status, 0, 0);
			sc1(NR_close, c->cmd_fd);
			sc1(NR_close, c->rep_fd);
			c->state = C_KILLED;
			c->sig = (status & 0x7f) ? (status & 0x7f) : 9;
		}
		populate();
		r = 0;
		break;
	}
	case OP_EXIT:
		exit_children();
		print_result(ln, 0);
		sys_exit(0);
	}
	print_result(ln, r);
	return r;
}

static void populate_and_baseline_child(void)
{
	populate();
	take_baseline();
}

/* Make the live children exit, youngest first, and reap them. */
static void exit_children(void)
{
	for (;;) {
		int best = -1, k;
		for (k = 0; k < MAX_PROCS; k++)
			if (children[k].state == C_ALIVE &&
			    (best < 0 || children[k].order > children[best].order))
				best = k;
		if (best < 0)
			break;
		struct child *c = &children[best];
		struct cmd cm;
		memset(&cm, 0, sizeof(cm));
		cm.kind = 2;
		write_all(c->cmd_fd, &cm, sizeof(cm));
		struct reply rp;
		read_full(c->rep_fd, &rp, sizeof(rp));
		int status;
		sc4(NR_wait4, c->pid, &status, 0, 0);
		sc1(NR_close, c->cmd_fd);
		sc1(NR_close, c->rep_fd);
		c->state = C_EXITED;
	}
}

/* Route a line to the child whose subtree runs it; returns the line's number. */
static s64 route(int idx, const s64 *a)
{
	const struct line *ln = &lines[idx];
	int hop = ln->proc;
	while (procparent[hop] != myslot)
		hop = procparent[hop];
	struct child *c = &children[hop];
	if (c->state == C_FAILED || c->state == C_NONE) {
		print_result(ln, -ESRCH);
		return -ESRCH;
	}
	if (c->state == C_ALIVE) {
		struct cmd cm;
		memset(&cm, 0, sizeof(cm));
		cm.kind = 1;
		cm.idx = idx;
		memcpy(cm.a, a, sizeof(cm.a));
		struct reply rp;
		/*
		 * A dead child's reply pipe reports POLLHUP: its write end (the lower
		 * descriptor, closed first at exit) is gone before the command pipe's read
		 * end, so the probe never writes into a pipe without a reader (SIGPIPE
		 * keeps its default disposition, as WORKLOAD.md's process has it).
		 */
		struct {
			int fd;
			short events, revents;
		} pfd = { c->rep_fd, 1, 0 };
		long pr = sc3(NR_poll, &pfd, 1, 0);
		if (!(pr > 0 && (pfd.revents & 0x10)) &&
		    write_all(c->cmd_fd, &cm, sizeof(cm)) == 0 &&
		    read_full(c->rep_fd, &rp, sizeof(rp)) == 0)
			return rp.value;
		/* The child is gone: reap it. */
		int status = 0;
		sc4(NR_wait4, c->pid, &status, 0, 0);
		sc1(NR_close, c->cmd_fd);
		sc1(NR_close, c->rep_fd);
		if ((status & 0x7f) == 0) {
			c->state = C_EXITED;
			if (ln->op == OP_EXIT && (ln->proc == hop))
				return 0;
			/* A descendant's exit line: the hop child exited?  Not expected. */
			return 0;
		}
		c->state = C_KILLED;
		c->sig = status & 0x7f;
	}
	if (c->state == C_EXITED)
		return 0;
	line_head(ln);
	oputs("killed ");
	oputsig(c->sig);
	oputc('\n');
	oflush(1);
	return 0;
}

static s64 run_line(int idx, const s64 *a)
{
	if (lines[idx].proc == myslot)
		return run_here(idx, a);
	return route(idx, a);
}

static void run_child_loop(void)
{
	for (;;) {
		struct cmd cm;
		if (read_full(in_fd, &cm, sizeof(cm)) != 0 || cm.kind == 2) {
			exit_children();
			sys_exit(0);
		}
		struct reply rp = { 1, 0, 0 };
		rp.value = run_line(cm.idx, cm.a);
		write_all(out_fd, &rp, sizeof(rp));
	}
}

static void runtime_error(const struct line *ln, const char *what) __attribute__((noreturn));
static void runtime_error(const struct line *ln, const char *what)
{
	olen = 0;
	oputs("probe: line ");
	oputu(ln->lineno);
	oputs(": ");
	oputs(what);
	oputc('\n');
	oflush(2);
	exit_children();
	sys_exit(2);
}

void probe_main(ulong *sp) __attribute__((noreturn));
void probe_main(ulong *sp)
{
	ulong argc = sp[0];
	ulong *p = sp + 1 + argc + 1;
	while (*p)
		p++;
	p++;
	for (; p[0]; p += 2) {
		if (p[0] == 3)
			image.phdr = p[1];
		else if (p[0] == 5)
			image.phnum = p[1];
		else if (p[0] == 31)
			image.execfn = p[1];
	}
	populate();
	parse_script();
	kmsg_fd = (int)sc4(NR_openat, AT_FDCWD, "/dev/kmsg", O_RDONLY | O_NONBLOCK, 0);
	if (kmsg_fd >= 0)
		sc3(NR_lseek, kmsg_fd, 0, 2); /* SEEK_END: only what comes from now on */
	setup_signals();
	take_baseline();
	myslot = 0;
	int i;
	for (i = 0; i < nlines; i++) {
		const struct line *ln = &lines[i];
		s64 a[NARGS];
		int k;
		for (k = 0; k < NARGS; k++) {
			a[k] = ln->a[k].value;
			if (ln->a[k].var >= 0)
				a[k] += varval[ln->a[k].var];
		}
		if ((ln->op == OP_READ || ln->op == OP_WRITE) && a[3] <= 0)
			runtime_error(ln, "STEP of 0");
		if ((ln->op == OP_WRITE || ln->op == OP_FILL || ln->op == OP_CHECK ||
		     ln->op == OP_PWRITE) && (a[2] < 0 || a[2] > 255))
			runtime_error(ln, "BYTE above 255");
		s64 v = run_line(i, a);
		if (ln->var >= 0)
			varval[ln->var] = v;
	}
	exit_children();
	sys_exit(0);
}
