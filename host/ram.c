// SPDX-License-Identifier: MIT
/*
 * host/ram.c — the simulated machine's physical RAM.
 *
 * No kernel counterpart: this is the hardware.  Physical memory is one
 * memfd, sized to the machine's physical address span and mapped
 * MAP_NORESERVE | MAP_SHARED at one host address, the direct-map base:
 *
 *     host address = ram->base + physical address
 *
 * Pages of the memfd that are never touched cost nothing, so holes (the
 * PCI hole below 4 GiB, the gap up to 1 TiB) and unused RAM are free, and
 * a 1 TiB machine can be described on a small host.  The memfd (rather
 * than anonymous memory) is what later lets the same physical page be
 * mapped a second time at another host address, as vmalloc and kmap do.
 *
 * Huge pages: a memfd is shmem, which the host backs with 2 MiB pages
 * only as /sys/kernel/mm/transparent_hugepage/shmem_enabled allows:
 * "always" and "within_size" by themselves (the memfd's size covers the
 * whole span), "advise" for mappings advised MADV_HUGEPAGE, "never" and
 * "deny" not at all.  The policy is read when the RAM is mapped, and the
 * RAM and each later alias of it (the vmemmap first: the memory map is
 * most of what a boot writes) are advised where the advice counts, so
 * the host takes one fault per 2 MiB instead of one per 4 KiB.
 */
#include "mmsim/host.h"
#include "linux/errno.h"
#include "mmsim/track.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The bracketed word of the host's shmem THP policy into @ram. */
static void ram_read_thp_policy(struct host_ram *ram)
{
	char line[128], *open, *close;
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/shmem_enabled", "r");

	ram->thp_policy[0] = '\0';
	ram->thp_advised = false;
	if (!f)
		return;
	if (fgets(line, sizeof(line), f) && (open = strchr(line, '[')) &&
	    (close = strchr(open, ']')) &&
	    (size_t)(close - open - 1) < sizeof(ram->thp_policy))
		snprintf(ram->thp_policy, sizeof(ram->thp_policy), "%.*s",
			 (int)(close - open - 1), open + 1);
	fclose(f);
	ram->thp_advised = !strcmp(ram->thp_policy, "advise") ||
			   !strcmp(ram->thp_policy, "within_size") ||
			   !strcmp(ram->thp_policy, "always");
}

/*
 * MADV_HUGEPAGE on a mapping of the RAM, when the policy makes it count
 * and the mapping can hold a huge page (not kmap's single pages).
 */
static void ram_advise_huge(const struct host_ram *ram, void *p, u64 len)
{
	if (ram->thp_advised && len >= (2ULL << 20))
		madvise(p, len, MADV_HUGEPAGE); /* advice: failure changes nothing */
}

const char *host_ram_huge_pages(const struct host_ram *ram, char *buf,
				size_t size)
{
	if (!ram->thp_policy[0])
		snprintf(buf, size, "host huge pages for simulated RAM: unknown "
			 "(no shmem THP policy readable), 4 KiB host pages");
	else if (ram->thp_advised)
		snprintf(buf, size, "host huge pages for simulated RAM: yes "
			 "(shmem_enabled=%s, MADV_HUGEPAGE given)", ram->thp_policy);
	else
		snprintf(buf, size, "host huge pages for simulated RAM: no "
			 "(shmem_enabled=%s), 4 KiB host pages", ram->thp_policy);
	return buf;
}

int host_ram_map(struct host_ram *ram, u64 span)
{
	void *base;
	int fd;

	ram->base = NULL;
	ram->span = 0;
	ram->fd = -1;
	ram_read_thp_policy(ram);
	if (!span)
		return -EINVAL;
	if (host_should_fail())
		return -ENOMEM;

	fd = memfd_create("mmsim-ram", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)span) < 0)
		goto out_close;
	base = mmap(NULL, span, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_NORESERVE, fd, 0);
	if (base == MAP_FAILED)
		goto out_close;

	ram->base = base;
	ram->span = span;
	ram->fd = fd;
	ram_advise_huge(ram, base, span);
	return 0;

out_close:
	{
		int err = -errno;

		close(fd);
		return err;
	}
}

/*
 * Forget what the sanitizers were told about a host range that is about
 * to be unmapped.  ASan keeps its poison in shadow memory that outlives
 * the mapping, and the next machine is usually mapped at the same host
 * address, so a later machine in the same process would trip over the
 * previous one's freed pages.  Unpoisoning through the public interface
 * writes every shadow byte (512 MiB of shadow for a 4 GiB span); instead
 * the page-aligned middle of the shadow is handed back to the host, which
 * reads back as zero, i.e. "addressable", exactly as ASan does internally
 * for large ranges.  Only the two partial shadow pages use the interface.
 */
void host_track_forget(void *base, u64 size)
{
#if defined(__SANITIZE_ADDRESS__) && defined(__x86_64__)
	const uintptr_t shadow_offset = 0x7fff8000UL;	/* x86_64 default */
	uintptr_t s = ((uintptr_t)base >> 3) + shadow_offset;
	uintptr_t e = (((uintptr_t)base + size) >> 3) + shadow_offset;
	uintptr_t ps = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t ms = (s + ps - 1) & ~(ps - 1), me = e & ~(ps - 1);

	if (me > ms + ps) {
		size_t head = (ms - s) << 3, tail = (e - me) << 3;

		madvise((void *)ms, me - ms, MADV_DONTNEED);
		mmsim_track_alloc(base, head);
		mmsim_track_alloc((char *)base + size - tail, tail);
		return;
	}
#endif
	mmsim_track_alloc(base, size);
}

void host_ram_unmap(struct host_ram *ram)
{
	if (ram->base) {
		host_track_forget(ram->base, ram->span);
		munmap(ram->base, ram->span);
	}
	if (ram->fd >= 0)
		close(ram->fd);
	ram->base = NULL;
	ram->span = 0;
	ram->fd = -1;
}

/*
 * Host memory the simulated RAM really occupies: tmpfs pages of a memfd
 * are counted as RssShmem in /proc/self/status.
 */
u64 host_ram_resident_bytes(const struct host_ram *ram)
{
	unsigned long long kb = 0;
	char line[256];
	FILE *f;

	if (ram->fd < 0)
		return 0;
	f = fopen("/proc/self/status", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "RssShmem: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return (u64)kb * 1024;
}

/*
 * Zero simulated RAM.  Under ASan: word stores, seen by neither ASan (the
 * simulated kernel zeroes pages the allocator has poisoned, as the
 * kernel's kernel_init_pages() turns KASAN off) nor the compiler's memset
 * idiom (which ASan intercepts).  Otherwise memset(): the volatile loop
 * ran at a quarter of memset's speed and made init_on_alloc's page
 * zeroing most of an order-0 allocation's cost (perf on
 * bench/page_alloc_bench.c).
 */
#if defined(__SANITIZE_ADDRESS__)
__attribute__((no_sanitize_address))
static void zero_words(void *p, u64 len)
{
	volatile u64 *w = p;
	volatile u8 *b;
	u64 i;

	for (i = 0; i < len / 8; i++)
		w[i] = 0;
	for (b = (volatile u8 *)(w + i); b < (volatile u8 *)p + len; b++)
		*b = 0;
}
#else
static void zero_words(void *p, u64 len)
{
	memset(p, 0, len);
}
#endif

/* Below this, writing zeroes is cheaper than a system call. */
#define RAM_ZERO_PUNCH_MIN (64ULL << 10)

void host_ram_zero(struct host_ram *ram, u64 pa, u64 len)
{
	u64 ps, s, e;

	if (len < RAM_ZERO_PUNCH_MIN) {   /* a page: no sysconf() call either */
		zero_words((char *)ram->base + pa, len);
		return;
	}
	ps = (u64)sysconf(_SC_PAGESIZE);
	s = (pa + ps - 1) & ~(ps - 1);
	e = (pa + len) & ~(ps - 1);
	if (e > s && !fallocate(ram->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		       (off_t)s, (off_t)(e - s))) {
		zero_words((char *)ram->base + pa, s - pa);
		zero_words((char *)ram->base + e, pa + len - e);
		return;
	}
	zero_words((char *)ram->base + pa, len);
}

void *host_reserve_va(u64 size, u64 align)
{
	u64 span = size + align;
	char *p = host_should_fail() ? MAP_FAILED : mmap(NULL, span, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *aligned;

	if (p == MAP_FAILED)
		return NULL;
	aligned = (char *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
	/* give back the slack on both sides */
	if (aligned > p)
		munmap(p, (size_t)(aligned - p));
	if (aligned + size < p + span)
		munmap(aligned + size, (size_t)(p + span - (aligned + size)));
	return aligned;
}

void host_release_va(void *base, u64 size)
{
	if (base) {
		host_track_forget(base, size);
		munmap(base, size);
	}
}

int host_ram_alias(struct host_ram *ram, void *host_va, u64 pa, u64 len)
{
	void *p;

	if (pa + len > ram->span)
		return -EINVAL;
	if (host_should_fail())
		return -ENOMEM;
	p = mmap(host_va, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 ram->fd, (off_t)pa);
	if (p == MAP_FAILED)
		return -errno;
	ram_advise_huge(ram, p, len);
	return 0;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  /* Linux 5.14 */
#endif

/*
 * One MADV_POPULATE_WRITE over the 4 KiB pages of [@p, @p + @len): the
 * host maps them writable in one call, where writing them one by one
 * takes one host page fault (an exception, and on a virtual machine an
 * exit) per page.  Contents are unchanged; where the host lacks the
 * advice, the writes fault as before.
 */
void host_populate_write(void *p, u64 len)
{
	unsigned long s = (unsigned long)p & ~4095UL;
	unsigned long e = ((unsigned long)p + len + 4095) & ~4095UL;

	if (len)
		madvise((void *)s, e - s, MADV_POPULATE_WRITE); /* advice: may fail */
}

/* Turn an alias back into reserved, inaccessible address space. */
int host_unmap_alias(void *host_va, u64 len)
{
	void *p = mmap(host_va, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		       -1, 0);

	return p == MAP_FAILED ? -errno : 0;
}
