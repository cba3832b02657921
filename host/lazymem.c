// SPDX-License-Identifier: MIT
/*
 * host/lazymem.c — simulated RAM whose contents are written on first
 * access.
 *
 * No kernel counterpart: this is the hardware trick behind the lazy memory
 * map (mm/memmap_lazy.c).  A host range of simulated RAM is registered
 * with the host's userfaultfd in "missing" mode with the SIGBUS feature:
 * the first access to a host page that the memfd does not hold yet raises
 * SIGBUS on the accessing thread instead of allocating a zero page.  The
 * handler here asks the window's owner for the page's contents (a fill
 * function, which writes 4 KiB into a buffer), installs them atomically
 * with UFFDIO_COPY and returns; the access is then repeated and succeeds.
 * Whatever later reads or writes that page sees ordinary memory.
 *
 *   thread: load/store at va ──► SIGBUS (page missing in the memfd)
 *             lazy_sigbus(): window w holding va
 *               w->fill(w->ctx, page of va, buf)   owner computes 4 KiB
 *               UFFDIO_COPY(page of va ◄── buf)     page now resident
 *             return ──► the load/store is retried and succeeds
 *
 * Several aliases of the same memfd page (the vmemmap and the direct map)
 * may both be registered: the page-cache page is shared, so whichever is
 * touched first fills it for both.  Two threads faulting on one page: the
 * second UFFDIO_COPY answers EEXIST, which means "already there".
 *
 * Windows: up to HOST_LAZY_MAX_WINDOWS [start, end) host ranges with their
 * owner; each machine in lazy mode adds two (its vmemmap and its direct
 * map) and removes them before it unmaps them.  They are only changed
 * outside any fault on them (machine set-up and teardown).
 *
 * What does not go through the handler: ptrace (a debugger reading an
 * untouched page gets an error rather than the contents: the kernel
 * answers a remote access to a missing page with SIGBUS semantics), and
 * system calls given such a page as a buffer (EFAULT).  mmsim does
 * neither with its memory map.
 *
 * Availability: userfaultfd(2) may be refused (vm.unprivileged_userfaultfd
 * = 0 without CAP_SYS_PTRACE; then UFFD_USER_MODE_ONLY is tried, which is
 * enough since every access is the program's own), or the kernel may lack
 * shmem support; host_lazy_available() says why.
 */
#include "mmsim/host.h"
#include "linux/errno.h"

#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define HOST_LAZY_MAX_WINDOWS 16
#define LAZY_PAGE 4096UL

struct lazy_window {
	uintptr_t start, end;          /* 0, 0: free slot */
	host_lazy_fill_fn fill;
	void *ctx;
};

static struct {
	pthread_once_t once;
	pthread_mutex_t lock;          /* window changes (not the handler) */
	int uffd;                      /* -1: not available */
	int open_errno;
	char why[96];
	struct sigaction old;          /* the SIGBUS handler before ours */
	struct lazy_window win[HOST_LAZY_MAX_WINDOWS];
	unsigned long fills;
} lz = { .once = PTHREAD_ONCE_INIT, .lock = PTHREAD_MUTEX_INITIALIZER,
	 .uffd = -1 };

static __thread unsigned char lazy_buf[LAZY_PAGE] __attribute__((aligned(4096)));

/* SIGBUS that is not ours: the previous handler, or the default action. */
static void lazy_pass_on(int sig, siginfo_t *si, void *uc)
{
	if (lz.old.sa_flags & SA_SIGINFO) {
		if (lz.old.sa_sigaction) {
			lz.old.sa_sigaction(sig, si, uc);
			return;
		}
	} else if (lz.old.sa_handler != SIG_DFL &&
		   lz.old.sa_handler != SIG_IGN) {
		lz.old.sa_handler(sig);
		return;
	}
	signal(SIGBUS, SIG_DFL);    /* returning re-runs the access: killed */
}

static void lazy_die(const char *msg)
{
	ssize_t r = write(2, msg, strlen(msg));

	(void)r;
	_exit(1);
}

static void lazy_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t va = (uintptr_t)si->si_addr, page = va & ~(LAZY_PAGE - 1);
	int saved = errno, i;

	for (i = 0; i < HOST_LAZY_MAX_WINDOWS; i++) {
		struct lazy_window *w = &lz.win[i];
		struct uffdio_copy c;

		if (va < w->start || va >= w->end)
			continue;
		w->fill(w->ctx, (void *)page, lazy_buf);
		c = (struct uffdio_copy){ .dst = page, .src = (uintptr_t)lazy_buf,
					  .len = LAZY_PAGE, .mode = 0 };
		if (ioctl(lz.uffd, UFFDIO_COPY, &c) && errno != EEXIST)
			lazy_die("mmsim: cannot fill a lazily initialised page of the memory map (UFFDIO_COPY failed: host out of memory?)\n");
		__atomic_add_fetch(&lz.fills, 1, __ATOMIC_RELAXED);
		errno = saved;
		return;
	}
	errno = saved;
	lazy_pass_on(sig, si, uc);
}

static int lazy_open(unsigned int flags)
{
	return (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | flags);
}

static void lazy_setup(void)
{
	struct uffdio_api api = { .api = UFFD_API,
		.features = UFFD_FEATURE_SIGBUS | UFFD_FEATURE_MISSING_SHMEM };
	struct sigaction sa;
	int fd = lazy_open(0);

	if (fd < 0)
		fd = lazy_open(UFFD_USER_MODE_ONLY);
	if (fd < 0) {
		snprintf(lz.why, sizeof(lz.why), "userfaultfd: %s", strerror(errno));
		return;
	}
	if (ioctl(fd, UFFDIO_API, &api)) {
		snprintf(lz.why, sizeof(lz.why),
			 "userfaultfd without SIGBUS/shmem support: %s", strerror(errno));
		close(fd);
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = lazy_sigbus;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &lz.old)) {
		snprintf(lz.why, sizeof(lz.why), "sigaction(SIGBUS): %s", strerror(errno));
		close(fd);
		return;
	}
	lz.uffd = fd;
}

int host_lazy_available(char *why, size_t len)
{
	pthread_once(&lz.once, lazy_setup);
	if (lz.uffd >= 0)
		return 0;
	if (why && len)
		snprintf(why, len, "%s", lz.why);
	return -ENOSYS;
}

int host_lazy_add_window(void *start, u64 len, host_lazy_fill_fn fill, void *ctx)
{
	int i, ret = -ENOSPC;

	if (host_lazy_available(NULL, 0))
		return -ENOSYS;
	pthread_mutex_lock(&lz.lock);
	for (i = 0; i < HOST_LAZY_MAX_WINDOWS; i++) {
		struct lazy_window *w = &lz.win[i];

		if (w->end)
			continue;
		w->fill = fill;
		w->ctx = ctx;
		w->start = (uintptr_t)start;
		__atomic_store_n(&w->end, (uintptr_t)start + len, __ATOMIC_RELEASE);
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&lz.lock);
	return ret;
}

void host_lazy_remove_windows(void *ctx)
{
	int i;

	pthread_mutex_lock(&lz.lock);
	for (i = 0; i < HOST_LAZY_MAX_WINDOWS; i++)
		if (lz.win[i].end && lz.win[i].ctx == ctx)
			memset(&lz.win[i], 0, sizeof(lz.win[i]));
	pthread_mutex_unlock(&lz.lock);
}

int host_lazy_watch(void *start, u64 len)
{
	struct uffdio_register r = {
		.range = { .start = (uintptr_t)start, .len = len },
		.mode = UFFDIO_REGISTER_MODE_MISSING,
	};

	if (host_lazy_available(NULL, 0))
		return -ENOSYS;
	if (host_should_fail())
		return -ENOMEM;
	return ioctl(lz.uffd, UFFDIO_REGISTER, &r) ? -errno : 0;
}

int host_lazy_install(void *dst, const void *src, u64 len)
{
	u64 done = 0;

	while (done < len) {
		struct uffdio_copy c = { .dst = (uintptr_t)dst + done,
					 .src = (uintptr_t)src + done,
					 .len = len - done, .mode = 0 };

		if (!ioctl(lz.uffd, UFFDIO_COPY, &c)) {
			done = len;
		} else if (errno == EEXIST) {
			/* a page of the batch exists: keep it, go on after it */
			done += (c.copy > 0 ? (u64)c.copy : 0) + LAZY_PAGE;
		} else if (errno == EAGAIN && c.copy > 0) {
			done += (u64)c.copy;
		} else {
			return -errno;
		}
	}
	__atomic_add_fetch(&lz.fills, len / LAZY_PAGE, __ATOMIC_RELAXED);
	return 0;
}

unsigned long host_lazy_fills(void)
{
	return __atomic_load_n(&lz.fills, __ATOMIC_RELAXED);
}
