// SPDX-License-Identifier: MIT
/*
 * examples/process.c — a process from a script, through the C API
 * (include/mmsim/process.h): boot the default machine, make the first
 * process from the probe ELF (argv[1]; installed as
 * share/mmsim/probe/probe-x86_64) with mmsim_execve(), mmap 1 MiB,
 * touch it with mmsim_access() (page faults), fork, and print the
 * /proc/PID/maps and status lines of both, as a script's `dump` does.
 */
#include "mmsim/mmsim.h"
#include "mmsim/process.h"
#include "linux/binfmts.h"
#include "linux/proc_fs.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*size = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* /proc/PID/maps and the VmRSS line of /proc/PID/status. */
static int show(struct task_struct *t)
{
	char *text = NULL, *rss;

	if (proc_pid_render(t, "maps", &text))
		return -1;
	printf("--- pid %d maps\n%s", t->pid, text);
	host_free(text);
	text = NULL;
	if (proc_pid_render(t, "status", &text))
		return -1;
	rss = strstr(text, "VmRSS:");
	if (rss)
		printf("%.*s\n", (int)strcspn(rss, "\n"), rss);
	printf("minflt %lu majflt %lu\n", t->min_flt, t->maj_flt);
	host_free(text);
	return 0;
}

static int run(const void *image, size_t size)
{
	struct elf_segment segs[MMSIM_MAX_ELF_SEGS];
	struct mmsim_access_result r;
	struct task_struct *t, *child;
	char msg[256];
	unsigned long a;
	int nr_segs = 0, pid, ret;

	t = mmsim_task_create("probe");
	if (!t)
		return -1;
	if (mmsim_execve(t, "/probe", image, size, segs, &nr_segs, msg, sizeof(msg))) {
		fprintf(stderr, "process: execve: %s\n", msg);
		return -1;
	}
	set_current(t);
	a = ksys_mmap_pgoff(0, 1 << 20, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (IS_ERR_VALUE(a))
		return -1;
	printf("mmap(1 MiB) = %#lx\n", a);
	/* write 64 KiB: 16 page faults */
	if (mmsim_access(t, a, 64 << 10, MMSIM_FILL, 0x5a, 4096, &r))
		return -1;
	pid = mmsim_fork(t);
	if (pid < 0)
		return -1;
	child = find_task_by_vpid(pid);
	/* the child writes a page it shares with the parent: copy on write */
	if (!child || mmsim_access(child, a, 4096, MMSIM_FILL, 0x42, 4096, &r))
		return -1;
	ret = show(t) || show(child);
	mmsim_exit(child);
	set_current(NULL);
	mmsim_exit(t);
	return ret ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct mmsim_desc d;
	struct machine *m;
	char err[256];
	void *image;
	size_t size;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: process PROBE_ELF\n");
		return 2;
	}
	image = read_all(argv[1], &size);
	if (!image) {
		fprintf(stderr, "process: cannot read '%s'\n", argv[1]);
		return 2;
	}
	mmsim_desc_init(&d);
	m = mmsim_create(&d, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "process: %s\n", err);
		free(image);
		return 1;
	}
	if (mmsim_boot(m) || mmsim_enter(m, 0)) {
		mmsim_destroy(m);
		free(image);
		return 1;
	}
	ret = run(image, size);
	mmsim_leave();
	mmsim_destroy(m);
	free(image);
	if (ret)
		fprintf(stderr, "process: a call failed\n");
	return ret ? 1 : 0;
}
