// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_process_parity.c — every process fixture run on mmsim
 * and compared with the real kernel's output (docs/WORKLOAD.md
 * "Comparing").
 *
 * For each tests/fixtures/process/<arch>/<machine>/NAME.out, the test runs
 *
 *     $MMSIM_BUILD/mmsim run <mmsim-args of the machine's qemu.txt>
 *                            [--swap SIZE] tests/workloads/NAME.mmw
 *
 * (--swap when the script's header says `# oracle: swap SIZE`: its boot
 * had a swap disk)
 *
 * and compares the two outputs entry by entry (`N: RESULT` lines, `dump`
 * blocks) and the exit status (qemu.txt's "exit: NAME N", else 0):
 *   - results and per-process views equal, except the device and inode
 *     columns of maps/smaps mapping lines, and in status the process ids
 *     and context-switch counts;
 *   - dmesg: only the OOM killer's "Out of memory: Killed process" and
 *     "oom_reaper: reaped process" lines, pids masked (their figures
 *     within the pressure tolerance: a kill is pressure);
 *   - system-wide views: for the counters user memory moves, the change
 *     between two dumps of the same view in the script, not the values;
 *   - a script under memory pressure (swap, reclaim, a kill) may differ
 *     by up to 10% in any figure.
 *
 * While the process side is incomplete most fixtures fail; the fixtures
 * known to pass are listed in tests/parity/process_expected_pass.txt.
 * The test fails when a listed fixture fails (printing case, line,
 * field, expected, got) and when a fixture passes that the list does not
 * name (so the list only grows); it prints the count of all fixtures
 * passing and failing as a "# " TAP comment.  The comparator itself is
 * checked on hand-made outputs, so it can fail.
 */
#include "testmachine.h"

/* Paths and messages are bounded buffers; a longer one is cut, which is fine here. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#include "linux/kernel.h"
#include "mmsim/host.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define FIXTURE_ROOT "tests/fixtures/process"
#define EXPECTED_LIST "tests/parity/process_expected_pass.txt"

/* One entry of an output: a result line or a dump block. */
struct entry {
	int lineno;
	char *result;     /* RESULT text; NULL for a dump */
	char view[32];    /* dump: the view */
	char **lines;     /* dump: its lines */
	int nr;
};

struct output {
	struct entry *e;
	int nr;
	char *buf;
};

static void output_free(struct output *o)
{
	int i;

	for (i = 0; i < o->nr; i++)
		free(o->e[i].lines);
	free(o->e);
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

/* Split @text (taken over) into entries; -1 for a malformed output. */
static int output_parse(char *text, struct output *o)
{
	char *line, *save = NULL;
	struct entry *cur = NULL;
	int cap = 0;

	memset(o, 0, sizeof(*o));
	o->buf = text;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon;
		int n;

		if (cur) { /* inside a dump */
			if (atoi(line) == cur->lineno && strstr(line, ": end") &&
			    !strcmp(strstr(line, ": end"), ": end")) {
				cur = NULL;
				continue;
			}
			cur->lines = realloc(cur->lines, sizeof(char *) * (size_t)(cur->nr + 1));
			cur->lines[cur->nr++] = line;
			continue;
		}
		n = atoi(line);
		colon = strstr(line, ": ");
		if (n <= 0 || !colon)
			return -1;
		if (o->nr == cap) {
			cap = cap ? cap * 2 : 64;
			o->e = realloc(o->e, sizeof(*o->e) * (size_t)cap);
		}
		cur = &o->e[o->nr++];
		memset(cur, 0, sizeof(*cur));
		cur->lineno = n;
		if (!strncmp(colon + 2, "dump ", 5)) {
			snprintf(cur->view, sizeof(cur->view), "%s", colon + 7);
		} else {
			cur->result = colon + 2;
			cur = NULL;
		}
	}
	return cur ? -1 : 0;
}

/* What the comparison found first. */
struct mismatch {
	char msg[1024];
};

static bool pressure; /* the case may differ by 10% */

static bool is_maps_line(const char *l)
{
	const char *c = l;

	while (isxdigit((unsigned char)*c))
		c++;
	return c > l && *c == '-' && isxdigit((unsigned char)c[1]);
}

/* Up to @max whitespace-separated fields of @l into @f (copies in @buf). */
static int fields(const char *l, char *buf, size_t size, char **f, int max)
{
	int n = 0;
	char *c;

	snprintf(buf, size, "%s", l);
	c = buf;
	while (n < max) {
		while (*c == ' ' || *c == '\t')
			c++;
		if (!*c)
			break;
		f[n++] = c;
		while (*c && *c != ' ' && *c != '\t')
			c++;
		if (*c)
			*c++ = '\0';
	}
	/* the rest of the line (a path may hold spaces) */
	if (n == max && *c)
		f[max - 1][strlen(f[max - 1])] = ' ';
	return n;
}

/* Numbers within 10% (under pressure) or equal. */
static bool close_enough(const char *a, const char *b)
{
	char *ea, *eb;
	double x, y;

	if (!strcmp(a, b))
		return true;
	if (!pressure)
		return false;
	x = strtod(a, &ea);
	y = strtod(b, &eb);
	if (ea == a || eb == b || strcmp(ea, eb))
		return false;
	return (x > y ? x - y : y - x) <= 0.1 * (x > y ? x : y);
}

/* Compare two lines word by word (numbers with the pressure tolerance). */
static bool lines_match(const char *a, const char *b)
{
	char ba[1024], bb[1024], *fa[64], *fb[64];
	int na, nb, i;

	if (!strcmp(a, b))
		return true;
	na = fields(a, ba, sizeof(ba), fa, 64);
	nb = fields(b, bb, sizeof(bb), fb, 64);
	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (!close_enough(fa[i], fb[i]))
			return false;
	return true;
}

/* maps/smaps mapping lines: all but the dev and inode columns. */
static bool maps_line_match(const char *a, const char *b)
{
	char ba[1024], bb[1024], *fa[6], *fb[6];
	int na = fields(a, ba, sizeof(ba), fa, 6), nb = fields(b, bb, sizeof(bb), fb, 6);
	int i;

	if (na < 5 || nb < 5 || na != nb)
		return false;
	for (i = 0; i < 3; i++)
		if (strcmp(fa[i], fb[i]))
			return false;
	return na == 5 || !strcmp(fa[5], fb[5]);
}

static const char *const status_ignored[] = {
	"Pid:", "PPid:", "Tgid:", "NStgid:", "NSpid:", "NSpgid:", "NSsid:",
	"voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:",
};

static bool status_ignored_line(const char *l)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(status_ignored); i++)
		if (!strncmp(l, status_ignored[i], strlen(status_ignored[i])))
			return true;
	return false;
}

/* The OOM lines of a dmesg dump, pids masked, joined. */
static char *oom_lines(const struct entry *e)
{
	size_t cap = 256, len = 0;
	char *out = calloc(1, cap);
	int i;

	for (i = 0; i < e->nr; i++) {
		const char *l = e->lines[i];
		char masked[1024];
		size_t k = 0;
		const char *c;

		if (!strstr(l, "Out of memory: Killed process") &&
		    !strstr(l, "oom_reaper: reaped process"))
			continue;
		c = strstr(l, "process ") + 8;
		k = (size_t)snprintf(masked, sizeof(masked), "%.*s", (int)(c - l), l);
		while (isdigit((unsigned char)*c))
			c++;
		snprintf(masked + k, sizeof(masked) - k, "PID%s\n", c);
		if (len + strlen(masked) + 1 > cap) {
			cap = (len + strlen(masked) + 1) * 2;
			out = realloc(out, cap);
		}
		strcpy(out + len, masked);
		len += strlen(masked);
	}
	return out;
}

/* Two numbers: equal, or within 10% under pressure. */
static bool numbers_close(unsigned long x, unsigned long y)
{
	unsigned long d = x > y ? x - y : y - x;

	return !d || (pressure && d * 10 <= (x > y ? x : y));
}

/*
 * Two texts equal character by character, except that each run of digits
 * is compared as a number with the pressure tolerance: the OOM lines'
 * "anon-rss:435196kB," depends on what else the guest holds.
 */
static bool text_numbers_match(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			char *ea, *eb;
			unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);

			if (!numbers_close(x, y))
				return false;
			a = ea;
			b = eb;
			continue;
		}
		if (*a++ != *b++)
			return false;
	}
	return *a == *b;
}

/* The counters whose changes are compared in system-wide views. */
static const char *const moved_counters[] = {
	/* meminfo */
	"AnonPages:", "Mapped:", "Shmem:", "AnonHugePages:", "ShmemHugePages:",
	"ShmemPmdMapped:", "Mlocked:", "Committed_AS:",
	/* vmstat */
	"nr_anon_pages", "nr_mapped", "nr_shmem", "nr_anon_transparent_hugepages",
	"nr_mlock", "pgfault", "thp_fault_alloc", "thp_fault_fallback",
	"thp_zero_page_alloc", "thp_split_pmd",
};

static bool counter_value(const struct entry *e, const char *name, long long *v)
{
	int i;

	for (i = 0; i < e->nr; i++) {
		const char *l = e->lines[i];
		size_t n = strlen(name);

		if (!strncmp(l, name, n) && (l[n] == ' ' || l[n] == '\t' || name[n - 1] == ':')) {
			*v = strtoll(l + n, NULL, 10);
			return true;
		}
	}
	return false;
}

static bool is_system_view(const char *v)
{
	return !strcmp(v, "meminfo") || !strcmp(v, "vmstat") || !strcmp(v, "buddyinfo") ||
	       !strcmp(v, "zoneinfo") || !strcmp(v, "pagetypeinfo") ||
	       !strcmp(v, "slabinfo") || !strcmp(v, "swaps");
}

/* The previous dump of @view before entry @i, or NULL. */
static const struct entry *prev_dump(const struct output *o, int i, const char *view)
{
	while (--i >= 0)
		if (!o->e[i].result && !strcmp(o->e[i].view, view))
			return &o->e[i];
	return NULL;
}

static int compare_system(const struct output *x, const struct output *g, int i,
			  struct mismatch *m)
{
	const struct entry *ex = &x->e[i], *gx = &g->e[i];
	const struct entry *px = prev_dump(x, i, ex->view), *pg = prev_dump(g, i, gx->view);
	size_t k;

	if (!px || !pg)
		return 0; /* the first dump: values, not compared */
	for (k = 0; k < ARRAY_SIZE(moved_counters); k++) {
		long long a0, a1, b0, b1;
		char da[32], db[32];

		if (!counter_value(ex, moved_counters[k], &a1) ||
		    !counter_value(px, moved_counters[k], &a0))
			continue;
		if (!counter_value(gx, moved_counters[k], &b1) ||
		    !counter_value(pg, moved_counters[k], &b0)) {
			snprintf(m->msg, sizeof(m->msg), "line %d: %s %s: missing",
				 ex->lineno, ex->view, moved_counters[k]);
			return -1;
		}
		snprintf(da, sizeof(da), "%lld", a1 - a0);
		snprintf(db, sizeof(db), "%lld", b1 - b0);
		if (!close_enough(da, db)) {
			snprintf(m->msg, sizeof(m->msg),
				 "line %d: %s %s change: expected %s, got %s",
				 ex->lineno, ex->view, moved_counters[k], da, db);
			return -1;
		}
	}
	return 0;
}

static int compare_dump(const struct output *x, const struct output *g, int i,
			struct mismatch *m)
{
	const struct entry *ex = &x->e[i], *gx = &g->e[i];
	int a = 0, b = 0;
	bool status = !strcmp(ex->view, "status");
	bool maps = !strcmp(ex->view, "maps") || !strcmp(ex->view, "smaps");

	if (is_system_view(ex->view))
		return compare_system(x, g, i, m);
	if (!strcmp(ex->view, "dmesg")) {
		char *oa = oom_lines(ex), *ob = oom_lines(gx);
		int ret = text_numbers_match(oa, ob) ? 0 : -1;

		if (ret)
			snprintf(m->msg, sizeof(m->msg),
				 "line %d: dmesg OOM lines: expected \"%s\", got \"%s\"",
				 ex->lineno, oa, ob);
		free(oa);
		free(ob);
		return ret;
	}
	for (;;) {
		while (status && a < ex->nr && status_ignored_line(ex->lines[a]))
			a++;
		while (status && b < gx->nr && status_ignored_line(gx->lines[b]))
			b++;
		if (a == ex->nr || b == gx->nr)
			break;
		if (!(maps && is_maps_line(ex->lines[a]) ?
		      maps_line_match(ex->lines[a], gx->lines[b]) :
		      lines_match(ex->lines[a], gx->lines[b]))) {
			snprintf(m->msg, sizeof(m->msg),
				 "line %d: %s line %d: expected \"%s\", got \"%s\"",
				 ex->lineno, ex->view, a + 1, ex->lines[a], gx->lines[b]);
			return -1;
		}
		a++;
		b++;
	}
	if (a != ex->nr || b != gx->nr) {
		snprintf(m->msg, sizeof(m->msg),
			 "line %d: %s: expected %d lines, got %d (first extra: \"%s\")",
			 ex->lineno, ex->view, ex->nr, gx->nr,
			 a < ex->nr ? ex->lines[a] : gx->lines[b]);
		return -1;
	}
	return 0;
}

/* 0 when @got matches @exp; else -1 with the first difference in @m. */
static int compare_outputs(const struct output *exp, const struct output *got,
			   struct mismatch *m)
{
	int i;

	for (i = 0; i < exp->nr && i < got->nr; i++) {
		const struct entry *a = &exp->e[i], *b = &got->e[i];

		if (a->lineno != b->lineno || !a->result != !b->result ||
		    (!a->result && strcmp(a->view, b->view))) {
			snprintf(m->msg, sizeof(m->msg),
				 "entry %d: expected line %d %s, got line %d %s", i + 1,
				 a->lineno, a->result ? a->result : a->view, b->lineno,
				 b->result ? b->result : b->view);
			return -1;
		}
		if (a->result && !lines_match(a->result, b->result)) {
			snprintf(m->msg, sizeof(m->msg), "line %d: result: expected %s, got %s",
				 a->lineno, a->result, b->result);
			return -1;
		}
		if (!a->result && compare_dump(exp, got, i, m))
			return -1;
	}
	if (exp->nr != got->nr) {
		snprintf(m->msg, sizeof(m->msg), "expected %d entries, got %d (from line %d)",
			 exp->nr, got->nr,
			 i < exp->nr ? exp->e[i].lineno : got->e[i].lineno);
		return -1;
	}
	return 0;
}

/* ---- running the fixtures -------------------------------------------- */

static char *read_all(FILE *f)
{
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);

	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	return buf;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *t;

	if (!f)
		return NULL;
	t = read_all(f);
	fclose(f);
	return t;
}

/* The `mmsim-args:` line of a machine's qemu.txt, or NULL. */
static char *mmsim_args(const char *dir)
{
	char path[4096], *text, *l, *end, *out = NULL;

	snprintf(path, sizeof(path), "%s/qemu.txt", dir);
	text = read_file(path);
	if (!text)
		return NULL;
	l = strstr(text, "mmsim-args:");
	if (l) {
		l += strlen("mmsim-args:");
		end = strchr(l, '\n');
		if (end)
			*end = '\0';
		out = strdup(l);
	}
	free(text);
	return out;
}

static char **expected_list;
static int nr_expected;

static void load_expected(const char *list)
{
	char *text = read_file(list), *l, *save = NULL;

	if (!text)
		return;
	for (l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		while (*l == ' ')
			l++;
		if (!*l || *l == '#')
			continue;
		expected_list = realloc(expected_list, sizeof(char *) * (size_t)(nr_expected + 1));
		expected_list[nr_expected++] = strdup(l);
	}
	free(text);
}

static bool expected_to_pass(const char *name)
{
	int i;

	for (i = 0; i < nr_expected; i++)
		if (!strcmp(expected_list[i], name))
			return true;
	return false;
}

/* The probe's exit status for @name: qemu.txt's "exit: NAME N" line, else 0. */
static int expected_status(const char *dir, const char *name)
{
	char path[4096], *text, *l, want[600];
	int st = 0;

	snprintf(path, sizeof(path), "%s/qemu.txt", dir);
	text = read_file(path);
	if (!text)
		return 0;
	snprintf(want, sizeof(want), "\nexit: %s ", name);
	l = strstr(text, want);
	if (l)
		st = atoi(l + strlen(want));
	free(text);
	return st;
}

/*
 * The fixture @dir/@name.out and its script @scripts/@name.mmw, read into
 * *@exp_text and *@script, its path in @path and the script's swap disk
 * as `--swap SIZE` in @swap_arg (empty without one); -1 with @m set.
 */
static int load_case(const char *dir, const char *scripts, const char *name, char *path,
		     size_t path_size, char **exp_text, char **script, char *swap_arg,
		     size_t swap_size, struct mismatch *m)
{
	const char *swap;

	snprintf(path, path_size, "%s/%s.out", dir, name);
	*exp_text = read_file(path);
	snprintf(path, path_size, "%s/%s.mmw", scripts, name);
	*script = read_file(path);
	if (!*exp_text || !*script) {
		snprintf(m->msg, sizeof(m->msg), "cannot read %s", *exp_text ? path : "the .out");
		free(*exp_text);
		free(*script);
		return -1;
	}
	swap_arg[0] = '\0';
	swap = strstr(*script, "# oracle: swap ");
	if (swap) /* the script's boot had a swap disk of that size */
		snprintf(swap_arg, swap_size, "--swap %.*s", (int)strcspn(swap + 15, " \n"),
			 swap + 15);
	return 0;
}

/* Run one fixture; 0 if it matches, else -1 with the reason in @m. */
static int run_case(const char *mmsim, const char *dir, const char *args,
		    const char *name, const char *label, struct mismatch *m)
{
	int want_status = expected_status(dir, name);
	char path[4096], cmd[8192], swap_arg[64], *exp_text, *got_text, *script;
	struct output exp, got;
	FILE *p;
	int ret, rc;

	(void)label;
	if (load_case(dir, "tests/workloads", name, path, sizeof(path), &exp_text, &script,
		      swap_arg, sizeof(swap_arg), m))
		return -1;
	pressure = swap_arg[0] || strstr(args, "--swap") || strstr(script, "pageout") ||
		   strstr(script, "drop_caches") || strstr(exp_text, "killed SIG") ||
		   strstr(exp_text, "Out of memory");
	free(script);
	snprintf(cmd, sizeof(cmd), "%s run %s %s %s 2>/dev/null", mmsim, args, swap_arg, path);
	p = popen(cmd, "r");
	got_text = read_all(p);
	rc = pclose(p);
	if (output_parse(exp_text, &exp)) {
		snprintf(m->msg, sizeof(m->msg), "the fixture's output is malformed");
		output_free(&exp);
		free(got_text);
		return -1;
	}
	if (output_parse(got_text, &got)) {
		snprintf(m->msg, sizeof(m->msg), "mmsim's output is malformed (exit %d)", rc);
		ret = -1;
	} else {
		ret = compare_outputs(&exp, &got, m);
		if (!ret && (!WIFEXITED(rc) || WEXITSTATUS(rc) != want_status))
			snprintf(m->msg, sizeof(m->msg), "exit status: expected %d, got %d",
				 want_status, WIFEXITED(rc) ? WEXITSTATUS(rc) : -1), ret = -1;
		else if (ret && rc && got.nr < exp.nr)
			snprintf(m->msg + strlen(m->msg), sizeof(m->msg) - strlen(m->msg),
				 " (mmsim exited with status %d)", WEXITSTATUS(rc));
	}
	output_free(&exp);
	output_free(&got);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the subdirectories (or *.out stems) of @dir. */
static int list_dir(const char *dir, bool outs, char ***names)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	*names = NULL;
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		if (outs ? (len < 5 || strcmp(de->d_name + len - 4, ".out")) :
			   de->d_type != DT_DIR)
			continue;
		*names = realloc(*names, sizeof(char *) * (size_t)(n + 1));
		(*names)[n] = strdup(de->d_name);
		if (outs)
			(*names)[n][len - 4] = '\0';
		n++;
	}
	closedir(d);
	if (n)
		qsort(*names, (size_t)n, sizeof(char *), cmp_str);
	return n;
}

static void free_names(char **n, int nr)
{
	while (nr--)
		free(n[nr]);
	free(n);
}

/* Compare one fixture: 0 if it matches, else -1 with the reason in @m. */
typedef int (*case_fn)(const char *mmsim, const char *dir, const char *args,
		       const char *name, const char *label, struct mismatch *m);

/* The tally of one fixture against the expected-pass list. */
static void tally(const char *name, int r, const char *msg, const char *list, int *pass,
		  int *failed, int *wrong)
{
	if (!r) {
		(*pass)++;
		if (!expected_to_pass(name)) {
			print_message("# %s passes but is not in %s\n", name, list);
			(*wrong)++;
		}
		return;
	}
	(*failed)++;
	if (expected_to_pass(name)) {
		print_message("# case %s: %s\n", name, msg);
		(*wrong)++;
	} else if (getenv("MMSIM_PARITY_VERBOSE")) {
		print_message("# case %s: %s\n", name, msg);
	}
}

/*
 * Every <root>/<arch>/<machine>/NAME.out through @run, checked against the
 * expected-pass @list; @what names the set in the summary line.
 */
static void check_fixture_tree(const char *root, const char *const *arches, size_t nr_arches,
			       const char *list, const char *what, case_fn run)
{
	const char *build = getenv("MMSIM_BUILD");
	const char *only = getenv("MMSIM_PARITY_ONLY"); /* a substring of the names to run */
	char mmsim[4096];
	int pass = 0, failed = 0, wrong = 0;
	size_t a;

	snprintf(mmsim, sizeof(mmsim), "%s/mmsim", build ? build : "build/check");
	load_expected(list);
	for (a = 0; a < nr_arches; a++) {
		char dir[4096], **machines;
		int nm, i;

		snprintf(dir, sizeof(dir), "%s/%s", root, arches[a]);
		nm = list_dir(dir, false, &machines);
		for (i = 0; i < nm; i++) {
			char mdir[4096], **cases, *args;
			int nc, k;

			snprintf(mdir, sizeof(mdir), "%s/%s", dir, machines[i]);
			args = mmsim_args(mdir);
			nc = list_dir(mdir, true, &cases);
			for (k = 0; k < nc; k++) {
				char name[1024];
				struct mismatch m = { "" };
				int r;

				snprintf(name, sizeof(name), "%s/%s/%s", arches[a], machines[i],
					 cases[k]);
				if (only && !strstr(name, only))
					continue;
				r = args ? run(mmsim, mdir, args, cases[k], name, &m) : -1;
				if (!args)
					snprintf(m.msg, sizeof(m.msg), "qemu.txt has no mmsim-args: line");
				tally(name, r, m.msg, list, &pass, &failed, &wrong);
			}
			free(args);
			free_names(cases, nc);
		}
		free_names(machines, nm);
	}
	print_message("# %s parity: %d fixtures pass, %d fail (%d expected to pass)\n", what,
		      pass, failed, nr_expected);
	free_names(expected_list, nr_expected);
	expected_list = NULL;
	nr_expected = 0;
	if (wrong)
		fail_msg("%d fixtures disagree with %s", wrong, list);
}

static void test_every_fixture(void **state)
{
	static const char *const arches[] = { "x86", "arm" };

	(void)state;
	check_fixture_tree(FIXTURE_ROOT, arches, ARRAY_SIZE(arches), EXPECTED_LIST, "process",
			   run_case);
}

/* ---- the pressure fixtures (issue 10) ---------------------------------- */

/*
 * tests/fixtures/pressure/<arch>/<machine>/NAME.out, from
 * tests/workloads/pressure/NAME.mmw, are compared on what memory pressure
 * decides, not line by line:
 *   - which lines report `killed SIGKILL` (which processes survive);
 *   - the OOM killer's "Killed process" lines, in order: the victim's
 *     comm, UID, oom_score_adj and total-vm equal, its anon-rss,
 *     file-rss, shmem-rss and pgtables within 10%;
 *   - each `dump status`: VmRSS and VmSwap within 10%;
 *   - each `dump vmstat` after an earlier one: the change of pswpin,
 *     pswpout, pgsteal_* and compact_* within 10%;
 *   - the first `dump buddyinfo` after `sysctl vm/compact_memory`: per
 *     zone, the same highest order with a free block, and the free
 *     memory in blocks of order 9 and up (what a THP fault can use)
 *     within 10%.
 * "Within 10%": |a - b| <= 10% of the larger (0 and 0 are equal).  With
 * MMSIM_PRESSURE_REPORT=1 every compared figure is printed (case, figure,
 * expected, got), the source of the README's table.
 */
#define PRESSURE_ROOT "tests/fixtures/pressure"
#define PRESSURE_LIST "tests/parity/pressure_expected_pass.txt"

static bool pressure_report;

static bool within_10pct(long long x, long long y)
{
	long long d = x > y ? x - y : y - x;

	return d * 10 <= (x > y ? x : y);
}

/* Compare one figure; report it when asked; false (and @m) if too far. */
static bool figure_close(const char *name, int lineno, const char *what,
			 long long x, long long y, bool exact, struct mismatch *m)
{
	bool ok = exact ? x == y : within_10pct(x, y);

	if (pressure_report)
		print_message("# figure %s line %d %s expected %lld got %lld%s\n", name,
			      lineno, what, x, y, ok ? "" : " DIFFERS");
	if (!ok && !m->msg[0])
		snprintf(m->msg, sizeof(m->msg), "line %d: %s: expected %lld, got %lld%s",
			 lineno, what, x, y, exact ? "" : " (more than 10% apart)");
	return ok;
}

static const struct entry *entry_at(const struct output *o, int lineno)
{
	int i;

	for (i = 0; i < o->nr; i++)
		if (o->e[i].lineno == lineno)
			return &o->e[i];
	return NULL;
}

struct killed_line {
	char comm[64];
	unsigned long total_vm, anon, file, shmem, uid, pgtables;
	int adj;
};

/* The "Killed process" lines of every dmesg dump, in order. */
static int killed_lines(const struct output *o, struct killed_line *k, int max)
{
	int i, j, n = 0;

	for (i = 0; i < o->nr; i++) {
		if (o->e[i].result || strcmp(o->e[i].view, "dmesg"))
			continue;
		for (j = 0; j < o->e[i].nr && n < max; j++) {
			const char *l = strstr(o->e[i].lines[j], "Killed process ");

			if (l && sscanf(l, "Killed process %*d (%63[^)]) total-vm:%lukB, anon-rss:%lukB, "
					"file-rss:%lukB, shmem-rss:%lukB, UID:%lu pgtables:%lukB "
					"oom_score_adj:%d", k[n].comm, &k[n].total_vm, &k[n].anon,
					&k[n].file, &k[n].shmem, &k[n].uid, &k[n].pgtables,
					&k[n].adj) == 8)
				n++;
		}
	}
	return n;
}

static bool compare_kills(const char *name, const struct output *x, const struct output *g,
			  struct mismatch *m)
{
	struct killed_line a[16], b[16];
	int na = killed_lines(x, a, 16), nb = killed_lines(g, b, 16), i;
	bool ok = figure_close(name, 0, "Killed process lines", na, nb, true, m);

	for (i = 0; i < na && i < nb; i++) {
		if (strcmp(a[i].comm, b[i].comm) && !m->msg[0]) {
			snprintf(m->msg, sizeof(m->msg), "kill %d: comm expected %s, got %s", i + 1,
				 a[i].comm, b[i].comm);
			ok = false;
		}
		ok &= figure_close(name, i + 1, "kill total-vm", (long long)a[i].total_vm,
				   (long long)b[i].total_vm, true, m);
		ok &= figure_close(name, i + 1, "kill UID", (long long)a[i].uid, (long long)b[i].uid,
				   true, m);
		ok &= figure_close(name, i + 1, "kill oom_score_adj", a[i].adj, b[i].adj, true, m);
		ok &= figure_close(name, i + 1, "kill anon-rss", (long long)a[i].anon,
				   (long long)b[i].anon, false, m);
		ok &= figure_close(name, i + 1, "kill file-rss", (long long)a[i].file,
				   (long long)b[i].file, false, m);
		ok &= figure_close(name, i + 1, "kill shmem-rss", (long long)a[i].shmem,
				   (long long)b[i].shmem, false, m);
		ok &= figure_close(name, i + 1, "kill pgtables", (long long)a[i].pgtables,
				   (long long)b[i].pgtables, false, m);
	}
	return ok;
}

/* "Name:   N kB" of a status dump. */
static bool status_kb(const struct entry *e, const char *field, long long *v)
{
	return counter_value(e, field, v);
}

static bool vmstat_counter_compared(const char *l)
{
	return !strncmp(l, "pswpin ", 7) || !strncmp(l, "pswpout ", 8) ||
	       !strncmp(l, "pgsteal_", 8) || !strncmp(l, "compact_", 8);
}

/* The change of every compared vmstat counter between @prev and @cur. */
static bool compare_vmstat(const char *name, const struct output *x, const struct output *g,
			   const struct entry *ex, struct mismatch *m)
{
	const struct entry *px = prev_dump(x, (int)(ex - x->e), "vmstat");
	const struct entry *gx = entry_at(g, ex->lineno), *pg;
	bool ok = true;
	int i;

	if (!px)
		return true;
	pg = entry_at(g, px->lineno);
	if (!gx || !pg || gx->result || pg->result)
		return figure_close(name, ex->lineno, "vmstat dump present", 1, 0, true, m);
	for (i = 0; i < ex->nr; i++) {
		char cname[64];
		long long a0, a1, b0 = 0, b1 = 0;

		if (!vmstat_counter_compared(ex->lines[i]) ||
		    sscanf(ex->lines[i], "%63s %lld", cname, &a1) != 2 ||
		    !counter_value(px, cname, &a0))
			continue;
		counter_value(gx, cname, &b1);
		counter_value(pg, cname, &b0);
		ok &= figure_close(name, ex->lineno, cname, a1 - a0, b1 - b0, false, m);
	}
	return ok;
}

/*
 * The highest order with a free block in the zone line @zone of a
 * buddyinfo dump (-2 if there is no such line), its name in @zname, and
 * in *@huge the free blocks of order 9 and up, counted in order-9 blocks.
 */
static int buddy_top_order(const struct entry *e, int zone, char zname[32], long *huge)
{
	const char *l;
	int order = -1, k = 0, n;
	long c;

	*huge = 0;
	if (zone >= e->nr)
		return -2;
	l = e->lines[zone];
	if (sscanf(l, "Node %*d, zone %31s%n", zname, &n) != 1)
		return -2;
	for (l += n; sscanf(l, "%ld%n", &c, &n) == 1; l += n, k++) {
		if (c > 0)
			order = k;
		if (k >= 9)
			*huge += c << (k - 9);
	}
	return order;
}

static bool compare_buddyinfo(const char *name, const struct entry *ex, const struct entry *gx,
			      struct mismatch *m)
{
	bool ok = true;
	int z;

	for (z = 0; z < ex->nr; z++) {
		char za[32] = "", zb[32] = "", what[64];
		long ha, hb = -1;
		int a = buddy_top_order(ex, z, za, &ha);
		int b = gx && !gx->result ? buddy_top_order(gx, z, zb, &hb) : -2;

		snprintf(what, sizeof(what), "buddyinfo %s highest order", za);
		ok &= figure_close(name, ex->lineno, what, a, b, true, m);
		snprintf(what, sizeof(what), "buddyinfo %s free 2 MiB blocks", za);
		ok &= figure_close(name, ex->lineno, what, ha, hb, false, m);
	}
	return ok;
}

/* The first line number after `sysctl vm/compact_memory` in @script, or 0. */
static int compact_line(const char *script)
{
	const char *s = script;
	int lineno = 1;

	for (; *s; s++) {
		if (!strncmp(s, "sysctl vm/compact_memory", 24) && (s == script || s[-1] == '\n'))
			return lineno;
		if (*s == '\n')
			lineno++;
	}
	return 0;
}

static int compare_pressure(const char *name, const char *script, const struct output *x,
			    const struct output *g, struct mismatch *m)
{
	int compact = compact_line(script), i;
	bool ok = true, buddy_done = false;

	for (i = 0; i < x->nr; i++) {
		const struct entry *ex = &x->e[i], *gx = entry_at(g, ex->lineno);
		long long a, b;

		if (ex->result) {
			bool ka = !strncmp(ex->result, "killed ", 7);
			bool kb = gx && gx->result && !strncmp(gx->result, "killed ", 7);

			if (ka || kb)
				ok &= figure_close(name, ex->lineno, "killed", ka, kb, true, m);
		} else if (!strcmp(ex->view, "status")) {
			if (status_kb(ex, "VmRSS:", &a))
				ok &= figure_close(name, ex->lineno, "VmRSS", a,
						   gx && status_kb(gx, "VmRSS:", &b) ? b : -1, false, m);
			if (status_kb(ex, "VmSwap:", &a))
				ok &= figure_close(name, ex->lineno, "VmSwap", a,
						   gx && status_kb(gx, "VmSwap:", &b) ? b : -1, false, m);
		} else if (!strcmp(ex->view, "vmstat")) {
			ok &= compare_vmstat(name, x, g, ex, m);
		} else if (!strcmp(ex->view, "buddyinfo") && compact && ex->lineno > compact &&
			   !buddy_done) {
			buddy_done = true;
			ok &= compare_buddyinfo(name, ex, gx, m);
		}
	}
	ok &= compare_kills(name, x, g, m);
	return ok ? 0 : -1;
}

/* Run the pressure fixture @name of machine directory @dir. */
static int run_pressure_case(const char *mmsim, const char *dir, const char *args,
			     const char *name, const char *label, struct mismatch *m)
{
	char path[4096], cmd[8192], swap_arg[64], *exp_text, *got_text, *script;
	struct output exp, got;
	FILE *p;
	int ret;

	if (load_case(dir, "tests/workloads/pressure", name, path, sizeof(path), &exp_text,
		      &script, swap_arg, sizeof(swap_arg), m))
		return -1;
	snprintf(cmd, sizeof(cmd), "%s run %s %s %s 2>/dev/null", mmsim, args, swap_arg, path);
	p = popen(cmd, "r");
	got_text = read_all(p);
	pclose(p);
	if (output_parse(exp_text, &exp) || output_parse(got_text, &got)) {
		snprintf(m->msg, sizeof(m->msg), "an output is malformed");
		ret = -1;
	} else {
		ret = compare_pressure(label, script, &exp, &got, m);
	}
	output_free(&exp);
	output_free(&got);
	free(script);
	return ret;
}

static void test_pressure_fixtures(void **state)
{
	static const char *const arches[] = { "x86" };

	(void)state;
	pressure_report = getenv("MMSIM_PRESSURE_REPORT") != NULL;
	check_fixture_tree(PRESSURE_ROOT, arches, ARRAY_SIZE(arches), PRESSURE_LIST, "pressure",
			   run_pressure_case);
}

/* ---- the comparator on hand-made outputs ------------------------------- */

static int compare_texts(const char *a, const char *b, struct mismatch *m)
{
	struct output x, y;
	int ret;

	assert_int_equal(output_parse(strdup(a), &x), 0);
	assert_int_equal(output_parse(strdup(b), &y), 0);
	ret = compare_outputs(&x, &y, m);
	output_free(&x);
	output_free(&y);
	return ret;
}

static void test_comparator(void **state)
{
	static const char exp[] =
		"1: 0x7ffff7ff9000\n"
		"2: dump maps\n"
		"00400000-00401000 r--p 00000000 00:02 12                                 /probe\n"
		"7ffff7ff9000-7ffff7ffa000 rw-p 00000000 00:00 0 \n"
		"2: end\n"
		"3: dump status\n"
		"Name:\tprobe\nPid:\t77\nVmRSS:\t     400 kB\n"
		"3: end\n"
		"4: dump meminfo\nAnonPages:        1000 kB\nMemFree:  5 kB\n4: end\n"
		"5: dump meminfo\nAnonPages:        1400 kB\nMemFree:  9 kB\n5: end\n";
	static const char same[] =
		"1: 0x7ffff7ff9000\n"
		"2: dump maps\n"
		"00400000-00401000 r--p 00000000 00:1d 3                                  /probe\n"
		"7ffff7ff9000-7ffff7ffa000 rw-p 00000000 00:00 0 \n"
		"2: end\n"
		"3: dump status\n"
		"Name:\tprobe\nPid:\t1\nVmRSS:\t     400 kB\n"
		"3: end\n"
		"4: dump meminfo\nAnonPages:        2000 kB\nMemFree:  7 kB\n4: end\n"
		"5: dump meminfo\nAnonPages:        2400 kB\nMemFree:  1 kB\n5: end\n";
	static const char *const differ[][2] = {
		{ "0x7ffff7ff9000", "0x7ffff7ff8000" },
		{ "r--p 00000000 00:1d", "r-xp 00000000 00:1d" },
		{ "VmRSS:\t     400", "VmRSS:\t     404" },
		{ "AnonPages:        2400", "AnonPages:        2404" },
	};
	struct mismatch m;
	size_t i;

	pressure = false;
	if (compare_texts(exp, same, &m))
		fail_msg("equal outputs differ: %s", m.msg);
	for (i = 0; i < ARRAY_SIZE(differ); i++) {
		char *t = strdup(same), *at = strstr(t, differ[i][0]);

		assert_non_null(at);
		memcpy(at, differ[i][1], strlen(differ[i][1]));
		if (!compare_texts(exp, t, &m))
			fail_msg("change %zu (%s) not seen", i, differ[i][1]);
		free(t);
	}
	/* OOM lines: pid masked, figures within 10% under pressure */
	{
		static const char kexp[] =
			"1: dump dmesg\nprobe invoked oom-killer: x\n"
			"Out of memory: Killed process 91 (probe) total-vm:5243388kB, anon-rss:435196kB, "
			"file-rss:0kB, shmem-rss:28kB, UID:0 pgtables:884kB oom_score_adj:1000\n1: end\n";
		char *t = strdup(kexp);

		pressure = true;
		memcpy(strstr(t, "91 "), "12 ", 3);
		memcpy(strstr(t, "435196"), "461344", 6);
		if (compare_texts(kexp, t, &m))
			fail_msg("OOM line within 6%% differs: %s", m.msg);
		memcpy(strstr(t, "461344"), "535196", 6);
		if (!compare_texts(kexp, t, &m))
			fail_msg("OOM line 23%% off matched");
		memcpy(strstr(t, "535196"), "435196", 6);
		memcpy(strstr(t, "(probe)"), "(probx)", 7);
		if (!compare_texts(kexp, t, &m))
			fail_msg("OOM line of another comm matched");
		pressure = false;
		free(t);
	}
	/* a missing entry */
	if (!compare_texts(exp, "1: 0x7ffff7ff9000\n", &m))
		fail_msg("a short output matched");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comparator),
		cmocka_unit_test(test_every_fixture),
		cmocka_unit_test(test_pressure_fixtures),
	};

	/* MMSIM_TEST_FILTER=test_pressure_fixtures: only that one (a pattern) */
	if (getenv("MMSIM_TEST_FILTER"))
		cmocka_set_test_filter(getenv("MMSIM_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
