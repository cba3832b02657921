// SPDX-License-Identifier: MIT
/*
 * bench/process_bench.c — the process side's price: a simulated anonymous
 * page fault, a copy-on-write fault, mmap+munmap of one page, and fork of
 * a process with 1 GiB of anonymous memory, each next to the host kernel
 * doing the same thing for real in the same run.
 *
 * No kernel counterpart.  The simulated side is a booted x86_64 pc
 * machine (4 GiB, 2 CPUs, nokaslr, Debian 6.1's config) driven through
 * <mmsim/process.h>; the host side is this process's own mmap(2),
 * fork(2) and stores.  Transparent huge pages are kept out of both sides
 * (MADV_NOHUGEPAGE) so that a fault is one 4 KiB page.  Each figure is
 * the best of ROUNDS; the ratio is mmsim / host (below 1: the simulated
 * operation is cheaper than the real one).  Never part of the tests.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/process.h"
#include "mmsim/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 3
#define FAULT_BYTES (64UL << 20)   /* 16384 faults per round */
#define MMAP_PAIRS 20000UL
#define FORK_BYTES (1UL << 30)

/* the simulator's headers name these as the kernel does; the host's differ */
#define H_MADV_NOHUGEPAGE 15

static struct machine *boot(void)
{
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *prof;
	struct machine *m;
	char path[4096], err[512];

	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	d.ram_size = 4ULL << 30;
	strcat(d.cmdline, " nokaslr");
	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-56-amd64", host_data_dir());
	kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-56-amd64.profile",
		 host_data_dir());
	prof = kc ? profile_load(path, err, sizeof(err)) : NULL;
	m = prof ? machine_create(&d, kc, prof, err, sizeof(err)) : NULL;
	if (!m) {
		fprintf(stderr, "process_bench: %s\n", err);
		exit(1);
	}
	m->log.console_enabled = false;
	if (machine_boot(m)) {
		fprintf(stderr, "process_bench: the machine did not boot\n");
		exit(1);
	}
	machine_enter(m);
	return m;
}

static double ns_since(u64 t0, unsigned long n)
{
	return (double)(host_time_ns() - t0) / (double)n;
}

/* ---- simulated ---- */

static unsigned long sim_map(unsigned long len)
{
	unsigned long a = ksys_mmap_pgoff(0, len, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);

	if (IS_ERR_VALUE(a) || do_madvise(current->mm, a, len, MADV_NOHUGEPAGE)) {
		fprintf(stderr, "process_bench: simulated mmap failed\n");
		exit(1);
	}
	return a;
}

static void sim_touch(struct task_struct *t, unsigned long a, unsigned long len)
{
	struct mmsim_access_result r;

	if (mmsim_access(t, a, len, MMSIM_WRITE, 0x5a, PAGE_SIZE, &r) || r.sig) {
		fprintf(stderr, "process_bench: simulated access failed\n");
		exit(1);
	}
}

static double sim_fault(struct task_struct *t)
{
	unsigned long a = sim_map(FAULT_BYTES);
	u64 t0 = host_time_ns();
	double ns;

	sim_touch(t, a, FAULT_BYTES);
	ns = ns_since(t0, FAULT_BYTES / PAGE_SIZE);
	__vm_munmap(a, FAULT_BYTES, false);
	return ns;
}

static double sim_cow(struct task_struct *t)
{
	unsigned long a = sim_map(FAULT_BYTES);
	int pid;
	u64 t0;
	double ns;

	sim_touch(t, a, FAULT_BYTES);
	pid = mmsim_fork(t);
	if (pid < 0) {
		fprintf(stderr, "process_bench: simulated fork failed\n");
		exit(1);
	}
	t0 = host_time_ns();
	sim_touch(t, a, FAULT_BYTES);   /* the parent writes: one COW per page */
	ns = ns_since(t0, FAULT_BYTES / PAGE_SIZE);
	mmsim_exit(find_task_by_vpid(pid));
	__vm_munmap(a, FAULT_BYTES, false);
	return ns;
}

static double sim_mmap(void)
{
	u64 t0 = host_time_ns();
	unsigned long i;

	for (i = 0; i < MMAP_PAIRS; i++) {
		unsigned long a = ksys_mmap_pgoff(0, PAGE_SIZE, PROT_READ | PROT_WRITE,
						  MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);

		__vm_munmap(a, PAGE_SIZE, false);
	}
	return ns_since(t0, MMAP_PAIRS);
}

/* fork of a task holding FORK_BYTES of touched memory: µs per fork */
static double sim_fork(struct task_struct *t, unsigned long a)
{
	u64 t0 = host_time_ns();
	int pid = mmsim_fork(t);
	double us = (double)(host_time_ns() - t0) / 1e3;

	if (pid < 0) {
		fprintf(stderr, "process_bench: simulated fork failed\n");
		exit(1);
	}
	(void)a;
	mmsim_exit(find_task_by_vpid(pid));
	return us;
}

/* ---- the host ---- */

static char *host_map(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("process_bench: mmap");
		exit(1);
	}
	madvise(p, len, H_MADV_NOHUGEPAGE);
	return p;
}

static void host_touch(char *p, unsigned long len)
{
	unsigned long o;

	for (o = 0; o < len; o += 4096)
		((volatile char *)p)[o] = 0x5a;
}

static double host_fault(void)
{
	char *p = host_map(FAULT_BYTES);
	u64 t0 = host_time_ns();
	double ns;

	host_touch(p, FAULT_BYTES);
	ns = ns_since(t0, FAULT_BYTES / 4096);
	munmap(p, FAULT_BYTES);
	return ns;
}

static double host_cow(void)
{
	char *p = host_map(FAULT_BYTES);
	int fd[2], status;
	double ns = -1;
	pid_t pid;

	host_touch(p, FAULT_BYTES);
	if (pipe(fd))
		return -1;
	pid = fork();
	if (pid == 0) {
		u64 t0 = host_time_ns();

		host_touch(p, FAULT_BYTES);   /* the child writes: one COW per page */
		ns = ns_since(t0, FAULT_BYTES / 4096);
		if (write(fd[1], &ns, sizeof(ns)) != sizeof(ns))
			_exit(1);
		_exit(0);
	}
	if (pid < 0 || read(fd[0], &ns, sizeof(ns)) != sizeof(ns))
		ns = -1;
	waitpid(pid, &status, 0);
	close(fd[0]);
	close(fd[1]);
	munmap(p, FAULT_BYTES);
	return ns;
}

static double host_mmap(void)
{
	u64 t0 = host_time_ns();
	unsigned long i;

	for (i = 0; i < MMAP_PAIRS; i++) {
		void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		munmap(p, 4096);
	}
	return ns_since(t0, MMAP_PAIRS);
}

static double host_fork(void)
{
	u64 t0 = host_time_ns();
	pid_t pid = fork();
	double us;
	int status;

	if (pid == 0)
		_exit(0);
	us = (double)(host_time_ns() - t0) / 1e3;
	waitpid(pid, &status, 0);
	return us;
}

static double best(double a, double b)
{
	return a < b ? a : b;
}

static void row(const char *what, const char *unit, double sim, double host)
{
	printf("  %-40s %10.1f %10.1f %s   x%.2f\n", what, sim, host, unit, sim / host);
}

int main(void)
{
	struct machine *m = boot();
	struct task_struct *t = mmsim_task_create("bench");
	double sf = 1e30, sc = 1e30, sm = 1e30, sk = 1e30;
	double hf = 1e30, hc = 1e30, hm = 1e30, hk = 1e30;
	unsigned long sa;
	char *ha;
	int r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!t) {
		fprintf(stderr, "process_bench: mmsim_task_create failed\n");
		return 1;
	}
	set_current(t);
	for (r = 0; r < ROUNDS; r++) {
		sf = best(sf, sim_fault(t));
		sc = best(sc, sim_cow(t));
		sm = best(sm, sim_mmap());
		hf = best(hf, host_fault());
		hc = best(hc, host_cow());
		hm = best(hm, host_mmap());
	}
	sa = sim_map(FORK_BYTES);
	sim_touch(t, sa, FORK_BYTES);
	ha = host_map(FORK_BYTES);
	host_touch(ha, FORK_BYTES);
	for (r = 0; r < ROUNDS; r++) {
		sk = best(sk, sim_fork(t, sa));
		hk = best(hk, host_fork());
	}
	printf("\nprocesses: mmsim (4 GiB pc, 2 CPUs) vs this host's kernel, best of %d, "
	       "no THP; ratio mmsim/host\n", ROUNDS);
	printf("  %-40s %10s %10s\n", "operation", "mmsim", "host");
	row("anonymous page fault (write)", "ns ", sf, hf);
	row("COW fault (write after fork)", "ns ", sc, hc);
	row("mmap+munmap, 4 KiB anonymous", "ns ", sm, hm);
	row("fork, 1 GiB touched anonymous", "us ", sk, hk);
	munmap(ha, FORK_BYTES);
	__vm_munmap(sa, FORK_BYTES, false);
	mmsim_exit(t);
	set_current(NULL);
	machine_destroy(m);
	return 0;
}
