// SPDX-License-Identifier: MIT
/*
 * host/mmsim_api.c — the public host API of libmmsim (include/mmsim/mmsim.h).
 *
 * No kernel counterpart: the power switch and CPU sockets for programs
 * that embed mmsim.  A thin, checking layer over machine_create(),
 * machine_boot(), machine_enter() and host_run_on_cpus().
 *
 * Misuse is caught here and where kernel code reaches current_machine
 * (include/mmsim/machine.h).  To tell a live machine from a destroyed one
 * without touching freed memory, the live machines are kept in a small
 * registry (a list under a mutex, host-side bookkeeping only: the
 * simulated kernels never see it), each with its state:
 *
 *   created --mmsim_boot()--> booted --mmsim_destroy()--> (gone)
 *
 * Only a booted machine can be made current through this API.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/proc_fs.h"
#include "linux/smp.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"
#include "mmsim/mmsim.h"
#include "mmsim/machine.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_X86_KERNEL "6.1.0-56-amd64"
#define DEFAULT_ARM_KERNEL "6.1.0-50-armmp"

struct live_machine {
	struct machine *m;
	bool booted;
	struct live_machine *next;
};

static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static struct live_machine *live_list;

const char *mmsim_version(void)
{
	return MMSIM_VERSION;
}

void mmsim_desc_init(struct mmsim_desc *d)
{
	memset(d, 0, sizeof(*d));
}

static void misuse(const char *fn, const char *what)
{
	fprintf(stderr, "mmsim: %s: %s\n", fn, what);
}

/* Called from machine_current_checked(): kernel code with no machine. */
void machine_misuse_no_machine(void)
{
	fflush(stdout);
	fputs("mmsim: kernel code ran on a thread with no current machine "
	      "(mmsim_enter() a booted machine first; a destroyed machine is "
	      "current nowhere)\n", stderr);
	_exit(70);
}

/* The registry entry of @m, or NULL; the caller holds live_lock. */
static struct live_machine *live_find(struct machine *m)
{
	struct live_machine *l;

	for (l = live_list; l; l = l->next)
		if (l->m == m)
			return l;
	return NULL;
}

/* 0 when @m is live (and booted, if @need_boot); else one line and -EINVAL. */
static int check_machine(const char *fn, struct machine *m, bool need_boot)
{
	struct live_machine *l;
	int ret = 0;

	pthread_mutex_lock(&live_lock);
	l = m ? live_find(m) : NULL;
	if (!l) {
		misuse(fn, m ? "not a live machine (destroyed, or not made by mmsim_create())"
			     : "the machine is NULL");
		ret = -EINVAL;
	} else if (need_boot && !l->booted) {
		misuse(fn, "the machine is not booted (call mmsim_boot() first)");
		ret = -EINVAL;
	}
	pthread_mutex_unlock(&live_lock);
	return ret;
}

static int fill_desc(const struct mmsim_desc *d, struct machine_desc *md,
		     char *err, size_t errlen)
{
	enum mmsim_arch arch = MMSIM_ARCH_X86_64;

	if (d->arch && !strcmp(d->arch, "arm"))
		arch = MMSIM_ARCH_ARM;
	else if (d->arch && strcmp(d->arch, "x86_64")) {
		snprintf(err, errlen, "unknown architecture '%s' (x86_64, arm)", d->arch);
		return -EINVAL;
	}
	machine_desc_default(md, arch);
	if (d->model) {
		if (strlen(d->model) >= sizeof(md->model)) {
			snprintf(err, errlen, "model name too long: '%s'", d->model);
			return -EINVAL;
		}
		strcpy(md->model, d->model);
	}
	if (d->ram)
		md->ram_size = d->ram;
	if (d->cpus > MMSIM_MAX_CPUS) {
		snprintf(err, errlen, "%u CPUs is more than NR_CPUS (%d)", d->cpus,
			 MMSIM_MAX_CPUS);
		return -EINVAL;
	}
	if (d->cpus) {
		md->smp_cpus = md->max_cpus = md->cores = d->cpus;
		md->sockets = md->threads = 1;
	}
	if (d->cmdline) {
		if (strlen(d->cmdline) >= COMMAND_LINE_SIZE) {
			snprintf(err, errlen, "command line longer than %d bytes",
				 COMMAND_LINE_SIZE - 1);
			return -EINVAL;
		}
		strcpy(md->cmdline, d->cmdline);
	}
	md->initrd_size = d->initrd;
	if (d->e820) {
		md->e820_text = host_read_file(d->e820, NULL);
		if (!md->e820_text) {
			snprintf(err, errlen, "cannot read e820 file '%s': %s", d->e820,
				 strerror(errno));
			return -EINVAL;
		}
		md->e820_name = (char *)d->e820;
	}
	return 0;
}

/* The .config and profile: the given files, else Debian's for the arch. */
static int load_kernel(const struct mmsim_desc *d, enum mmsim_arch arch,
		       struct kconfig **kc, struct kernel_profile **prof,
		       char *err, size_t errlen)
{
	const char *k = arch == MMSIM_ARCH_ARM ? DEFAULT_ARM_KERNEL : DEFAULT_X86_KERNEL;
	char path[4096];

	if (d->config)
		snprintf(path, sizeof(path), "%s", d->config);
	else
		snprintf(path, sizeof(path), "%s/configs/config-%s", host_data_dir(), k);
	*kc = kconfig_load(path, err, errlen);
	if (!*kc)
		return -EINVAL;
	if (d->profile)
		snprintf(path, sizeof(path), "%s", d->profile);
	else
		snprintf(path, sizeof(path), "%s/profiles/debian-%s.profile",
			 host_data_dir(), k);
	*prof = profile_load(path, err, errlen);
	if (!*prof) {
		kconfig_free(*kc);
		return -EINVAL;
	}
	return 0;
}

struct machine *mmsim_create(const struct mmsim_desc *d, char *err, size_t errlen)
{
	struct machine_desc md;
	struct kconfig *kc;
	struct kernel_profile *prof;
	struct live_machine *l;
	struct machine *m = NULL;

	if (!d) {
		snprintf(err, errlen, "no machine description");
		return NULL;
	}
	if (fill_desc(d, &md, err, errlen))
		goto out;
	if (load_kernel(d, md.arch, &kc, &prof, err, errlen))
		goto out;
	m = machine_create(&md, kc, prof, err, errlen);
	if (!m)
		goto out;
	m->log.console_enabled = d->console != 0;
	l = host_alloc(sizeof(*l));
	l->m = m;
	pthread_mutex_lock(&live_lock);
	l->next = live_list;
	live_list = l;
	pthread_mutex_unlock(&live_lock);
out:
	host_free(md.e820_text);
	return m;
}

int mmsim_boot(struct machine *m)
{
	struct live_machine *l;
	int ret = check_machine("mmsim_boot", m, false);

	if (ret)
		return ret;
	pthread_mutex_lock(&live_lock);
	l = live_find(m);
	if (l->booted) {
		pthread_mutex_unlock(&live_lock);
		misuse("mmsim_boot", "the machine is already booted");
		return -EINVAL;
	}
	l->booted = true;
	pthread_mutex_unlock(&live_lock);
	ret = machine_boot(m);
	fflush(stdout);
	return ret;
}

static int check_cpu(const char *fn, struct machine *m, int cpu)
{
	char what[96];

	if (cpu >= 0 && (unsigned int)cpu < m->k_nr_cpu_ids)
		return 0;
	snprintf(what, sizeof(what), "CPU %d does not exist (the machine has %u)",
		 cpu, m->k_nr_cpu_ids);
	misuse(fn, what);
	return -EINVAL;
}

int mmsim_enter(struct machine *m, int cpu)
{
	int ret = check_machine("mmsim_enter", m, true);

	if (ret || (ret = check_cpu("mmsim_enter", m, cpu)))
		return ret;
	mmsim_cpu_id = cpu;
	machine_enter(m);
	return 0;
}

void mmsim_leave(void)
{
	machine_enter(NULL);
	mmsim_cpu_id = 0;
}

struct machine *mmsim_current(void)
{
	return current_machine_raw;
}

int mmsim_run_cpus(struct machine *m, const int *cpus, int n,
		   void (*fn)(int cpu, void *arg), void *arg)
{
	int i, ret = check_machine("mmsim_run_cpus", m, true);

	if (ret)
		return ret;
	if (n < 0 || (n && (!cpus || !fn))) {
		misuse("mmsim_run_cpus", "no CPU list or no function");
		return -EINVAL;
	}
	for (i = 0; i < n; i++)
		if ((ret = check_cpu("mmsim_run_cpus", m, cpus[i])))
			return ret;
	return host_run_on_cpus(m, cpus, n, fn, arg) ? -EAGAIN : 0;
}

int mmsim_proc(struct machine *m, const char *name, char **text)
{
	struct machine *old;
	int ret = check_machine("mmsim_proc", m, true);

	*text = NULL;
	if (ret)
		return ret;
	old = machine_enter(m);
	ret = proc_render(name, text);
	machine_enter(old);
	return ret ? -EINVAL : 0;
}

char *mmsim_dmesg(struct machine *m)
{
	size_t len;

	if (check_machine("mmsim_dmesg", m, false))
		return NULL;
	return log_format_dmesg(&m->log, &len);
}

void mmsim_free(void *p)
{
	host_free(p);
}

void mmsim_destroy(struct machine *m)
{
	struct live_machine **pp, *l = NULL;

	if (!m)
		return;
	pthread_mutex_lock(&live_lock);
	for (pp = &live_list; *pp; pp = &(*pp)->next) {
		if ((*pp)->m == m) {
			l = *pp;
			*pp = l->next;
			break;
		}
	}
	pthread_mutex_unlock(&live_lock);
	if (!l) {
		misuse("mmsim_destroy", "not a live machine (destroyed twice?)");
		return;
	}
	host_free(l);
	machine_destroy(m); /* also leaves it, if it was current here */
}
