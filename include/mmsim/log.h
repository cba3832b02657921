/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/log.h — the kernel log buffer of one machine.
 *
 * Kernel counterpart: kernel/printk/printk.c's ring buffer and console
 * loop, reduced to what mmsim needs: every record kept (dmesg), records
 * below the console log level echoed to the console as they are made.
 *
 * Each record is one line: level, simulated timestamp, text.  A pr_cont()
 * fragment extends the last record if it is still open (no newline yet).
 */
#ifndef _MMSIM_LOG_H
#define _MMSIM_LOG_H

#include "linux/types.h"

struct log_record {
	u64 ts_nsec;
	u8 level;
	char *text; /* without the timestamp, without the newline */
};

struct printk_log {
	struct log_record *recs;
	size_t nr, cap;
	bool open;               /* last record awaits more pr_cont() text */
	int console_loglevel;    /* echo records with level < this */
	int default_msg_level;   /* level of a message with no KERN_ prefix */
	bool console_enabled;    /* echo at all (tests turn it off) */
	u64 now_ns;              /* the simulated clock */
	void (*console)(const char *text, size_t len, void *opaque);
	void *console_opaque;
	/* setup_log_buf(): the kernel's buffer size, and a larger one asked for */
	unsigned long log_buf_len;      /* 0 while the static __log_buf is in use */
	unsigned long new_log_buf_len;  /* log_buf_len= or the per-CPU extra */
};

void log_init(struct printk_log *log);
void log_destroy(struct printk_log *log);
/*
 * Room for @nr records before the array grows (it grows by doubling):
 * a machine reused for many runs keeps one array instead of a new one
 * per run (tests/fuzz/fuzz_cmdline.c).
 */
void log_reserve(struct printk_log *log, size_t nr);
/* Records @from.. as bare text, one line each (no timestamps); host_free() it. */
char *log_text_since(const struct printk_log *log, size_t from);
/* The whole buffer in dmesg format ("[    0.000000] text\n" per record). */
char *log_format_dmesg(const struct printk_log *log, size_t *len);
/* Format one record's timestamp prefix "[%5lu.%06lu] " into @buf. */
int log_format_time(u64 ns, char *buf, size_t size);

#endif /* _MMSIM_LOG_H */
