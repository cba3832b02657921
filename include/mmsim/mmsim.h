/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/mmsim.h — the host side of libmmsim: describe a machine,
 * boot it, make it current on a thread, run simulated CPUs, destroy it.
 *
 * No kernel counterpart: this is the power switch and the CPU sockets.
 * Once a booted machine is current on a thread, that thread calls the
 * kernel's own API on it (linux/memblock.h, linux/gfp.h, linux/slab.h,
 * linux/vmalloc.h, linux/percpu.h), exactly as kernel code would:
 *
 *   struct mmsim_desc d;
 *   struct machine *m;
 *   char err[256];
 *
 *   mmsim_desc_init(&d);                  defaults: pc, 512M, 2 CPUs
 *   m = mmsim_create(&d, err, sizeof(err));
 *   if (!m || mmsim_boot(m))              start_kernel() .. /init
 *           ...
 *   mmsim_enter(m, 0);                    this thread is CPU 0 of m
 *   p = kmalloc(100, GFP_KERNEL);  kfree(p);
 *   mmsim_leave();
 *   mmsim_destroy(m);
 *
 * Several machines may exist in one process; each thread has at most one
 * current machine.  Misuse is reported, never a crash: kernel code run on
 * a thread with no current machine prints one line on stderr and exits
 * with status 70; these functions return -EINVAL (or NULL) with one line
 * on stderr for a machine that was destroyed or never created, or that is
 * not booted yet.  docs/api.md gives every contract in full.
 *
 * Build against the installed library: cc $(pkg-config --cflags --libs mmsim).
 * Include with quotes ("mmsim/mmsim.h", "linux/slab.h"): the headers live
 * in a directory of their own, reached with -iquote, so mmsim's
 * linux/ headers never shadow the system's own.
 */
#ifndef _MMSIM_MMSIM_H
#define _MMSIM_MMSIM_H

#include <stddef.h>

/* The one place the version is written (the Makefile reads it too). */
#define MMSIM_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

struct machine; /* opaque to embedders */

/* A machine as `mmsim boot`'s options describe it; zero means "default". */
struct mmsim_desc {
	const char *arch;          /* "x86_64" (NULL) or "arm" */
	const char *model;         /* "pc", "q35", "vexpress-a9"; NULL: the arch's */
	unsigned long long ram;    /* bytes of RAM (-m); 0: 512M x86, 1G arm */
	unsigned int cpus;         /* -smp N; 0: 2 x86, 4 arm */
	const char *cmdline;       /* kernel command line; NULL: console + loglevel=8 */
	const char *config;        /* a kernel .config file; NULL: Debian 6.1's */
	const char *profile;       /* an image profile (data/profiles/); NULL: Debian's */
	const char *e820;          /* a file of BIOS-e820 lines; NULL: the firmware's map */
	unsigned long long initrd; /* initrd bytes; 0: none */
	int console;               /* nonzero: echo the kernel log on stdout */
};

/* libmmsim's version, MMSIM_VERSION of the library actually linked. */
const char *mmsim_version(void);

/* Fill @d with the defaults (all zero). */
void mmsim_desc_init(struct mmsim_desc *d);

/*
 * Build a machine from @d: reads the .config and profile, lays out the
 * firmware, maps RAM.  The kernel has not run yet.  Returns the machine,
 * owned by the caller until mmsim_destroy(); or NULL with a one-line
 * reason in @err (a bad value named).  Does not change the thread's
 * current machine.
 */
struct machine *mmsim_create(const struct mmsim_desc *d, char *err, size_t errlen);

/*
 * Boot @m: start_kernel() to the point the kernel runs /init.  Once only.
 * 0, -EINVAL for a machine that is not live or already booted, or the
 * -errno the simulated kernel stopped with (the log says why).
 */
int mmsim_boot(struct machine *m);

/*
 * Make booted machine @m current on the calling thread, which becomes
 * simulated CPU @cpu (0 .. nr_cpu_ids - 1; several threads may not share a
 * CPU at once).  0, or -EINVAL (machine not live, not booted, or @cpu out
 * of range).  mmsim_leave() makes no machine current.
 */
int mmsim_enter(struct machine *m, int cpu);
void mmsim_leave(void);
/* The calling thread's current machine, or NULL. */
struct machine *mmsim_current(void);

/*
 * Run @fn(cpu, @arg) on one new thread per entry of @cpus, each thread
 * being that simulated CPU of booted machine @m, and wait for all.
 * 0, -EINVAL (bad machine or CPU id) or -EAGAIN (no thread).
 */
int mmsim_run_cpus(struct machine *m, const int *cpus, int n,
		   void (*fn)(int cpu, void *arg), void *arg);

/*
 * A /proc view of @m in the kernel's format ("meminfo", "buddyinfo",
 * "zoneinfo", "pagetypeinfo", "vmstat", "slabinfo", "vmallocinfo", "iomem",
 * "cmdline") in *@text, to be freed with mmsim_free().  0 or -EINVAL
 * (unknown name, machine not live or not booted).
 */
int mmsim_proc(struct machine *m, const char *name, char **text);

/* The kernel log of @m as dmesg prints it (mmsim_free() it), or NULL. */
char *mmsim_dmesg(struct machine *m);

void mmsim_free(void *p);

/*
 * Destroy @m and everything it allocated; any pointer into it dies with
 * it.  If @m is current on the calling thread no machine is current
 * afterwards.  NULL is ignored; an unknown machine is one line on stderr.
 * @m must not be current on another thread.
 */
void mmsim_destroy(struct machine *m);

#ifdef __cplusplus
}
#endif

#endif /* _MMSIM_MMSIM_H */
