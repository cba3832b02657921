// SPDX-License-Identifier: MIT
/*
 * tests/common/fixture.c — see fixture.h.
 */
#include "fixture.h"
#include "testmachine.h"

#include "linux/kernel.h"
#include "mmsim/host.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/machine.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct case_list {
	struct fixture_case *v;
	size_t nr, cap;
};

static bool file_exists(const char *dir, const char *file)
{
	char path[4608];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A case's status file, when there is one, must say OK. */
static bool status_ok(const char *dir)
{
	char path[4608], *text;
	bool ok;

	snprintf(path, sizeof(path), "%s/status", dir);
	if (!file_exists(dir, "status"))
		return true;
	text = host_read_file(path, NULL);
	ok = text && !strncmp(text, "OK", 2);
	host_free(text);
	return ok;
}

static void add_case(struct case_list *l, const char *dir, const char *name)
{
	if (l->nr == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = host_realloc(l->v, l->cap * sizeof(*l->v));
	}
	snprintf(l->v[l->nr].dir, sizeof(l->v[l->nr].dir), "%s", dir);
	snprintf(l->v[l->nr].name, sizeof(l->v[l->nr].name), "%s", name);
	l->nr++;
}

static void walk(struct case_list *l, const char *dir, const char *name,
		 int depth)
{
	DIR *d;
	struct dirent *e;

	if (file_exists(dir, "dmesg.log")) {
		if (status_ok(dir))
			add_case(l, dir, name);
		return;
	}
	if (depth > 4 || !(d = opendir(dir)))
		return;
	while ((e = readdir(d)) != NULL) {
		char sub[4096], subname[512];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%.3800s/%.255s", dir, e->d_name);
		snprintf(subname, sizeof(subname), "%.250s/%.255s", name,
			 e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			walk(l, sub, subname, depth + 1);
	}
	closedir(d);
}

static int case_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fixture_case *)a)->name,
		      ((const struct fixture_case *)b)->name);
}

size_t fixture_cases(const char *root, struct fixture_case **cases)
{
	struct case_list l = { NULL, 0, 0 };
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s", test_fixture_path(root));
	walk(&l, dir, root, 0);
	if (l.nr)
		qsort(l.v, l.nr, sizeof(*l.v), case_cmp);
	*cases = l.v;
	return l.nr;
}

char *fixture_read(const struct fixture_case *c, const char *file)
{
	char path[4608];

	snprintf(path, sizeof(path), "%s/%s", c->dir, file);
	return host_read_file(path, NULL);
}

/* Skip a "[ sssss.uuuuuu] " timestamp. */
static char *skip_timestamp(char *s)
{
	char *q;

	if (*s != '[')
		return s;
	q = s + 1;
	while (*q == ' ')
		q++;
	if (!isdigit((unsigned char)*q))
		return s;
	while (isdigit((unsigned char)*q) || *q == '.')
		q++;
	if (q[0] != ']')
		return s;
	return q[1] == ' ' ? q + 2 : q + 1;
}

void fixture_lines_split(const char *text, struct fixture_lines *out)
{
	size_t cap = 256;
	char *s, *eol;

	out->buf = host_strdup(text);
	out->line = host_alloc(cap * sizeof(*out->line));
	out->nr = 0;
	for (s = out->buf; *s; s = eol + 1) {
		size_t n;

		eol = strchr(s, '\n');
		if (eol)
			*eol = '\0';
		n = strlen(s);
		if (n && s[n - 1] == '\r')
			s[n - 1] = '\0';
		if (out->nr == cap) {
			cap *= 2;
			out->line = host_realloc(out->line,
						 cap * sizeof(*out->line));
		}
		out->line[out->nr++] = skip_timestamp(s);
		if (!eol)
			break;
	}
}

void fixture_lines_free(struct fixture_lines *l)
{
	host_free(l->buf);
	host_free(l->line);
	memset(l, 0, sizeof(*l));
}

int fixture_log(const struct fixture_case *c, struct fixture_lines *out)
{
	char *text = fixture_read(c, "dmesg.log");

	memset(out, 0, sizeof(*out));
	if (!text)
		return -1;
	fixture_lines_split(text, out);
	host_free(text);
	return 0;
}

size_t fixture_find(const struct fixture_lines *l, size_t from,
		    const char *text)
{
	for (; from < l->nr; from++)
		if (!strcmp(l->line[from], text))
			return from;
	return l->nr;
}

void fixture_caller_func(const char *caller, char *out, size_t size)
{
	size_t n = strcspn(caller, "+.");

	if (n >= size)
		n = size - 1;
	memcpy(out, caller, n);
	out[n] = '\0';
}

/* --- qemu.txt ------------------------------------------------------------ */

/* A QEMU size: number, optional K/M/G/T suffix, else @unit_shift. */
static int parse_size(const char *s, u64 *out, int unit_shift)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = unit_shift;

	switch (*end) {
	case 'K':
	case 'k':
		shift = 10;
		end++;
		break;
	case 'M':
	case 'm':
		shift = 20;
		end++;
		break;
	case 'G':
	case 'g':
		shift = 30;
		end++;
		break;
	case 'T':
	case 't':
		shift = 40;
		end++;
		break;
	case 'B':
	case 'b':
		shift = 0;
		end++;
		break;
	default:
		break;
	}
	if (end == s || (*end && *end != ',') || !v)
		return -1;
	*out = (u64)v << shift;
	return 0;
}

/* The value of "key=" in a comma-separated option string, or NULL. */
static const char *opt_value(const char *opts, const char *key, char *buf,
			     size_t size)
{
	size_t kl = strlen(key);
	const char *p = opts;

	while (p && *p) {
		if (!strncmp(p, key, kl) && p[kl] == '=') {
			size_t n = strcspn(p + kl + 1, ",");

			snprintf(buf, size, "%.*s", (int)n, p + kl + 1);
			return buf;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return NULL;
}

/*
 * -smp N[,sockets=S,cores=C,threads=T,maxcpus=M] as QEMU 7.2's
 * machine_parse_smp_config() fills it in (cores preferred).
 */
static int parse_smp(const char *arg, struct machine_desc *d)
{
	char buf[64];
	unsigned long cpus = strtoul(arg, NULL, 10), maxcpus = 0;
	unsigned long s = 0, c = 0, t = 0;

	if (opt_value(arg, "sockets", buf, sizeof(buf)))
		s = strtoul(buf, NULL, 10);
	if (opt_value(arg, "cores", buf, sizeof(buf)))
		c = strtoul(buf, NULL, 10);
	if (opt_value(arg, "threads", buf, sizeof(buf)))
		t = strtoul(buf, NULL, 10);
	if (opt_value(arg, "maxcpus", buf, sizeof(buf)))
		maxcpus = strtoul(buf, NULL, 10);
	if (!cpus)
		cpus = maxcpus ? maxcpus
			       : (s ? s : 1) * (c ? c : 1) * (t ? t : 1);
	if (!maxcpus)
		maxcpus = cpus;
	if (!c) {
		s = s ? s : 1;
		t = t ? t : 1;
		c = maxcpus / (s * t);
	} else if (!s) {
		t = t ? t : 1;
		s = maxcpus / (c * t);
	}
	if (!t && s && c)
		t = maxcpus / (s * c);
	if (!cpus || maxcpus < cpus || !s || !c || !t || s * c * t != maxcpus)
		return -1;
	d->smp_cpus = (unsigned int)cpus;
	d->max_cpus = (unsigned int)maxcpus;
	d->sockets = (unsigned int)s;
	d->cores = (unsigned int)c;
	d->threads = (unsigned int)t;
	return 0;
}

struct backend {
	char id[64];
	u64 size;
};

/* -numa node,nodeid=N,memdev=ID|mem=SIZE,cpus=A[-B] */
static int parse_numa(const char *arg, struct machine_desc *d,
		      const struct backend *be, int nr_be)
{
	struct numa_node_desc *n;
	char buf[64];
	int i;

	if (strncmp(arg, "node", 4) || d->nr_nodes >= MMSIM_MAX_DESC_NODES)
		return -1;
	n = &d->nodes[d->nr_nodes];
	n->cpu_first = n->cpu_last = -1;
	n->mem = 0;
	if (opt_value(arg, "memdev", buf, sizeof(buf))) {
		for (i = 0; i < nr_be; i++)
			if (!strcmp(be[i].id, buf))
				n->mem = be[i].size;
	} else if (opt_value(arg, "mem", buf, sizeof(buf)) &&
		   parse_size(buf, &n->mem, 20)) {
		return -1;
	}
	if (opt_value(arg, "cpus", buf, sizeof(buf))) {
		char *dash;

		n->cpu_first = n->cpu_last = (int)strtol(buf, &dash, 10);
		if (*dash == '-')
			n->cpu_last = (int)strtol(dash + 1, NULL, 10);
	}
	d->nr_nodes++;
	return 0;
}

/* The words of "qemu_machine_args: ..." into @d. */
static int parse_machine_args(char *args, struct machine_desc *d, char *err,
			      size_t errlen)
{
	struct backend be[MMSIM_MAX_DESC_NODES];
	int nr_be = 0;
	char *tok, *save = NULL, *val;

	for (tok = strtok_r(args, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		val = strtok_r(NULL, " \t", &save);
		if (!val)
			break;
		if (!strcmp(tok, "-machine") || !strcmp(tok, "-M")) {
			if (arm_board_find(val)) {
				/* a 32-bit ARM board (keep what was read before) */
				d->arch = MMSIM_ARCH_ARM;
				snprintf(d->model, sizeof(d->model), "%s", val);
				continue;
			}
			snprintf(d->model, sizeof(d->model), "%s",
				 strstr(val, "q35") ? "q35" : "pc");
		} else if (!strcmp(tok, "-m")) {
			if (parse_size(val, &d->ram_size, 20))
				goto bad;
		} else if (!strcmp(tok, "-smp")) {
			if (parse_smp(val, d))
				goto bad;
		} else if (!strcmp(tok, "-object")) {
			char buf[64];

			if (strncmp(val, "memory-backend", 14) ||
			    nr_be >= MMSIM_MAX_DESC_NODES ||
			    !opt_value(val, "id", be[nr_be].id,
				       sizeof(be[nr_be].id)) ||
			    !opt_value(val, "size", buf, sizeof(buf)) ||
			    parse_size(buf, &be[nr_be].size, 0))
				goto bad;
			nr_be++;
		} else if (!strcmp(tok, "-numa")) {
			if (parse_numa(val, d, be, nr_be))
				goto bad;
		} else {
			snprintf(err, errlen, "qemu.txt: unknown option '%s'",
				 tok);
			return -1;
		}
		continue;
bad:
		snprintf(err, errlen, "qemu.txt: cannot parse '%s %s'", tok,
			 val);
		return -1;
	}
	return 0;
}

u64 fixture_kernel_addr(const struct fixture_lines *log)
{
	size_t head = fixture_find(log, 0, "MEMBLOCK configuration:"), i;
	unsigned long long brk = 0, base, last, size;

	for (i = 0; i < head; i++) {
		const char *l = log->line[i];

		if (!strncmp(l, "memblock_reserve: ", 18) &&
		    strstr(l, "] setup_arch") &&
		    sscanf(l, "memblock_reserve: [%llx-%llx]", &base, &last) ==
			    2)
			brk = base;
	}
	if (!brk)
		return 0;
	for (i = head; i < log->nr; i++) {
		if (i > head && strncmp(log->line[i], " ", 1))
			break;
		if (sscanf(log->line[i], " reserved[%*x]\t[%llx-%llx], %llx",
			   &base, &last, &size) == 3 &&
		    base <= brk && brk <= last)
			return base;
	}
	return 0;
}

/*
 * The vmalloc base a KASLR boot chose: its lowest vmalloc area (the first
 * one is made at VMALLOC_START) rounded down to the 1 GiB granule of the
 * randomisation.  0 when the case has no proc_vmallocinfo.
 */
unsigned long fixture_kaslr_vmalloc_base(const struct fixture_case *c)
{
	char *text = fixture_read(c, "proc_vmallocinfo"), *line, *save = NULL;
	unsigned long long lowest = ~0ULL, a;

	if (!text)
		return 0;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "0x%llx-", &a) == 1 && a < lowest)
			lowest = a;
	host_free(text);
	return lowest == ~0ULL ? 0 : (unsigned long)(lowest & ~((1ULL << 30) - 1));
}

int fixture_machine_desc(const struct fixture_case *c,
			 const struct fixture_lines *log,
			 struct machine_desc *d, char *err, size_t errlen)
{
	char *text = fixture_read(c, "qemu.txt"), *line, *save = NULL;
	int ret = 0;

	test_machine_desc_default(d);
	if (!text) {
		snprintf(err, errlen, "%s: no qemu.txt", c->name);
		return -1;
	}
	d->initrd_size = 0;
	for (line = strtok_r(text, "\n", &save); line && !ret;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *sz;

		if (!strncmp(line, "qemu_machine_args: ", 19))
			ret = parse_machine_args(line + 19, d, err, errlen);
		else if (!strncmp(line, "kernel_cmdline: ", 16))
			snprintf(d->cmdline, sizeof(d->cmdline), "%s",
				 line + 16);
		else if (!strncmp(line, "initrd: ", 8) &&
			 (sz = strstr(line, " size=")))
			d->initrd_size = strtoull(sz + 6, NULL, 10);
	}
	host_free(text);
	if (!ret && d->arch == MMSIM_ARCH_X86_64 && !strstr(d->cmdline, "nokaslr") &&
	    log) {
		d->kernel_addr = fixture_kernel_addr(log);
		if (!d->kernel_addr) {
			snprintf(
				err, errlen,
				"%s: a KASLR boot whose log does not show the kernel's load address",
				c->name);
			ret = -1;
		}
		d->kaslr_vmalloc = fixture_kaslr_vmalloc_base(c);
	}
	return ret;
}
