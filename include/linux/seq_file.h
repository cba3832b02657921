/* SPDX-License-Identifier: MIT */
/*
 * include/linux/seq_file.h — building a /proc file's text.
 *
 * Kernel counterpart: include/linux/seq_file.h, fs/seq_file.c (Linux 6.1).
 * The kernel's seq_file fills one page-sized buffer per read() and
 * restarts the walk where the last read stopped.  mmsim renders a whole
 * view at once into one host buffer that grows as needed, so only the
 * output half of the API exists: a view's show function calls
 * seq_printf() and friends exactly as its kernel counterpart does.
 *
 *   struct seq_file m;
 *   seq_file_init(&m);
 *   zoneinfo_show(&m);            seq_printf(&m, "Node %d, ...", ...)
 *   text = seq_file_detach(&m);   NUL-terminated, host_free() it
 *
 * Invariant: buf[count] == '\0' and count < size whenever buf != NULL.
 * The buffer is host memory (mmsim's own bookkeeping), never simulated
 * RAM.  Formats are the kernel's (lib/vsprintf.c), %p extensions included;
 * lib/vsprintf.c formats each conversion in a 512-byte buffer, so one
 * %s longer than 511 characters is cut: write long text with seq_puts().
 */
#ifndef _MMSIM_LINUX_SEQ_FILE_H
#define _MMSIM_LINUX_SEQ_FILE_H

#include "linux/types.h"
#include <stddef.h>

struct seq_file {
	char *buf;     /* host_alloc'ed, NUL-terminated */
	size_t size;   /* bytes allocated */
	size_t count;  /* bytes of text so far */
	size_t pad_until; /* seq_setwidth()'s column for seq_pad() */
};

void seq_file_init(struct seq_file *m);
/* Hand the text over to the caller (host_free it); @m is empty afterwards. */
char *seq_file_detach(struct seq_file *m, size_t *len);
void seq_file_release(struct seq_file *m);

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
/* @delimiter then @num in decimal, as /proc/vmstat prints its values. */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter,
		    unsigned long long v, unsigned int width);
void seq_setwidth(struct seq_file *m, size_t size);
void seq_pad(struct seq_file *m, char c);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num);

#endif /* _MMSIM_LINUX_SEQ_FILE_H */
