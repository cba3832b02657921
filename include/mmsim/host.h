/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/host.h — the simulated machine's hardware, as the rest of
 * mmsim sees it.  Implemented in host/, the only layer that calls libc
 * for I/O or the OS.
 *
 * No kernel counterpart: this is the "hardware" under the simulated kernel.
 *
 *   physical RAM   one memfd, mapped MAP_NORESERVE at a direct-map base:
 *                  a machine of any size (up to 1 TiB plus the PCI hole)
 *                  costs host memory only for the pages it touches.
 *
 *       host VA:  ram.base                         ram.base + ram.span
 *                 |<---------- physical address 0 .. span ------->|
 *                 __va(pa) = ram.base + pa,  __pa(p) = p - ram.base
 *
 *   CPUs           host threads; each knows its simulated CPU id
 *                  (smp_processor_id()) and its machine (current_machine).
 *   clock          simulated nanoseconds since power-on (deterministic).
 *   console        where printk echoes: stdout unless redirected.
 */
#ifndef _MMSIM_HOST_H
#define _MMSIM_HOST_H

#include "linux/types.h"

struct host_ram {
	void *base;   /* host address of physical address 0 */
	u64 span;     /* bytes of physical address space mapped */
	int fd;       /* the memfd behind it (-1 when not mapped) */
	/*
	 * The host's shmem huge-page policy when the RAM was mapped (the
	 * bracketed word of /sys/kernel/mm/transparent_hugepage/
	 * shmem_enabled, "" when unreadable), and whether the mappings were
	 * advised MADV_HUGEPAGE (policy "advise", "within_size", "always").
	 */
	char thp_policy[16];
	bool thp_advised;
};

/* Map @span bytes of physical address space; 0 or -errno. */
int host_ram_map(struct host_ram *ram, u64 span);
void host_ram_unmap(struct host_ram *ram);
/* Host bytes actually backing the RAM right now (for benchmarks). */
u64 host_ram_resident_bytes(const struct host_ram *ram);
/*
 * One line saying whether the host backs the RAM with huge pages, for
 * `mmsim boot --verbose`; returns @buf.
 */
const char *host_ram_huge_pages(const struct host_ram *ram, char *buf,
				size_t size);
/*
 * Zero @len bytes of simulated RAM at @pa without costing host memory:
 * whole host pages are handed back (they read as zero in every mapping);
 * the rest is written.  Sanitizer state is neither checked nor changed.
 */
void host_ram_zero(struct host_ram *ram, u64 pa, u64 len);

/*
 * Reserve @size bytes of host address space (no access, no memory) aligned
 * to @align; NULL on failure.  host_ram_alias() then maps simulated-RAM
 * bytes [pa, pa + len) at @host_va inside such a range: the same memory,
 * a second address (vmemmap, vmalloc, kmap).  0 or -errno.
 */
void *host_reserve_va(u64 size, u64 align);
void host_release_va(void *base, u64 size);
/* Clear sanitizer state for a host range about to be unmapped. */
void host_track_forget(void *base, u64 size);
int host_ram_alias(struct host_ram *ram, void *host_va, u64 pa, u64 len);
int host_unmap_alias(void *host_va, u64 len);
/* Map host memory about to be written whole, in one call (host/ram.c). */
void host_populate_write(void *p, u64 len);

/*
 * host/lazymem.c: host pages filled on first access.  A window is a host
 * range whose missing pages @fill(ctx, page, buf) describes (4 KiB into
 * buf, called in a SIGBUS handler: no allocation, no lock);
 * host_lazy_watch() arms a mapping of simulated RAM inside a window;
 * host_lazy_install() fills missing pages in advance, many per call.
 * host_lazy_available() is 0, or -ENOSYS with the reason in @why.
 */
typedef void (*host_lazy_fill_fn)(void *ctx, void *page, void *buf);
int host_lazy_available(char *why, size_t len);
int host_lazy_add_window(void *start, u64 len, host_lazy_fill_fn fill, void *ctx);
void host_lazy_remove_windows(void *ctx);
int host_lazy_watch(void *start, u64 len);
/* Install @len bytes at @src as the missing pages at @dst (pages there stay). */
int host_lazy_install(void *dst, const void *src, u64 len);
unsigned long host_lazy_fills(void);

/* Console sink for printk's echo.  NULL means stdout. */
typedef void (*host_console_fn)(const char *text, size_t len, void *opaque);
void host_console_write(const char *text, size_t len);

/* Read a whole file into a NUL-terminated heap buffer; NULL + errno. */
char *host_read_file(const char *path, size_t *len);
/* Write @len bytes to @path (created or truncated); 0 or -errno. */
int host_write_file(const char *path, const char *data, size_t len);
/* Make a directory (and its parents); 0 or -errno. */
int host_mkdir_p(const char *path);

/*
 * host/failinject.c: MMSIM_FAIL_HOST=N fails the Nth host request (heap
 * or mapping); host_should_fail() counts one request and says whether it
 * fails.  host_out_of_memory() ends the process: one line, status 3.
 */
bool host_should_fail(void);
__attribute__((noreturn)) void host_out_of_memory(size_t size);

/* Heap for mmsim's own bookkeeping (never for simulated-kernel memory). */
void *host_alloc(size_t size);   /* zeroed; host_out_of_memory() if the host is out */
void *host_realloc(void *p, size_t size);
void host_free(void *p);
char *host_strdup(const char *s);

/*
 * Run @fn(cpu, arg) on one host thread per entry of @cpus (simulated CPU
 * ids), on machine @m, and wait for all of them.  0, or -1 if a thread
 * could not be started.  With @m->desc.pin_cpus each thread is pinned to
 * a host CPU (host/cpu.c says which).
 */
struct machine;
int host_run_on_cpus(struct machine *m, const int *cpus, int n,
		     void (*fn)(int cpu, void *arg), void *arg);
/* Give the host CPU away once (a simulated CPU waiting for another). */
void host_cpu_yield(void);

/*
 * Name the host code address @addr as the kernel's %pS does,
 * "function+0xoff/0xsize", from the executable's symbol table (host/
 * symbols.c); "0x..." when it has no symbol.  Returns @buf.
 */
char *host_symbolize(unsigned long addr, char *buf, size_t size);
/* Return addresses of the calling thread's stack, innermost first. */
int host_stack_trace(unsigned long *entries, int max);

/*
 * host/swapdev.c: a simulated disk of @size bytes (zeroed, host memory
 * only for what is written); NULL when the host cannot map it.  _io
 * copies @len bytes at byte @off to (@write) or from @buf; -EIO past
 * the end.
 */
struct swap_device;
struct swap_device *host_swapdev_create(u64 size);
void host_swapdev_destroy(struct swap_device *dev);
u64 host_swapdev_size(const struct swap_device *dev);
int host_swapdev_io(struct swap_device *dev, u64 off, void *buf, size_t len,
		    bool write);

/* Monotonic host time in ns (benchmarks only; never in simulated output). */
u64 host_time_ns(void);

/*
 * Where the project's data files live: $MMSIM_DATA_DIR, data/ of the
 * source tree the binary sits in, PREFIX/share/mmsim beside an installed
 * binary or library, else the copy built into the program, whose files
 * host_read_file() serves under the name MMSIM_EMBEDDED_DIR/NAME.
 */
#define MMSIM_EMBEDDED_DIR "(built-in)"
const char *host_data_dir(void);
bool host_data_is_embedded(void);
/* Can host_read_file() read @path (a file, or a built-in data file)? */
bool host_file_readable(const char *path);

#endif /* _MMSIM_HOST_H */
