/* SPDX-License-Identifier: MIT */
/*
 * include/linux/printk.h — the kernel log as the simulated kernel writes it.
 *
 * Kernel counterparts: include/linux/printk.h, include/linux/kern_levels.h.
 *
 * A message starts with an optional level prefix (KERN_INFO is "\0016",
 * as in the kernel) and may be continued with pr_cont().  printk() keeps
 * every message in the machine's log buffer (what `dmesg` and
 * `--dump DIR/dmesg.log` show) and echoes those whose level is below the
 * console log level (`loglevel=`) to the console.  Each line is stamped
 * "[    0.000000] " from the simulated clock.
 *
 * Besides the C conversions, the format understands the kernel's
 * extensions that mmsim's messages use (implemented in lib/vsprintf.c):
 *   %pa   phys_addr_t *, printed 0x-prefixed at the simulated width
 *   %pS   const char * naming a caller (the kernel prints symbol+off/size
 *         of a return address; mmsim prints the caller's function name)
 *   %pR   struct resource *, "[mem 0x...-0x... flags]" (later issues)
 */
#ifndef _MMSIM_LINUX_PRINTK_H
#define _MMSIM_LINUX_PRINTK_H

#include "linux/types.h"
#include <stdarg.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_EMERG 0
#define LOGLEVEL_ERR 3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_NOTICE 5
#define LOGLEVEL_INFO 6
#define LOGLEVEL_DEBUG 7

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/*
 * pr_debug(): in the 6.1 image these are dynamic-debug sites, off unless
 * enabled, so nothing is logged; older kernels (a profile with
 * "printk.pr_debug = on") printed them at KERN_DEBUG.
 */
bool printk_debug_enabled(void);
/* Move the log into a bigger buffer from memblock (kernel/printk_log_buf.c). */
void setup_log_buf(int early);
#define pr_debug(fmt, ...)                                                \
	({                                                                \
		int __n = 0;                                              \
		if (printk_debug_enabled())                               \
			__n = printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__); \
		__n;                                                      \
	})
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited pr_warn
#define pr_warn_once pr_warn

/* lib/hexdump.c: hex dumps in the log (16 bytes a line, with ASCII). */
enum { DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS, DUMP_PREFIX_OFFSET };
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii);
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len,
		    bool ascii);
/* The value the kernel's unhashed %p shows for @p: for a pointer into
 * simulated RAM, its direct-map address (x86_64: PAGE_OFFSET + pa). */
unsigned long kernel_ptr_value(const void *p);

/* lib/dump_stack.c: task line, hardware name, and the host call trace. */
void dump_stack(void);
void dump_stack_lvl(const char *log_lvl);

/* lib/vsprintf.c: the kernel-format formatter behind printk(). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

#endif /* _MMSIM_LINUX_PRINTK_H */
