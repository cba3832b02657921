// SPDX-License-Identifier: MIT
/*
 * fs/proc/seq_file.c — the output half of seq_file, into a host buffer.
 *
 * Kernel counterpart: fs/seq_file.c (seq_printf, seq_puts, seq_putc,
 * seq_put_decimal_ull).  See include/linux/seq_file.h for why only the
 * output half exists.  The buffer doubles when a write does not fit, so a
 * view never sees truncation (the kernel instead retries the record with
 * a bigger page).
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "mmsim/host.h"

#include <stdarg.h>
#include <string.h>

#define SEQ_INITIAL_SIZE 4096

void seq_file_init(struct seq_file *m)
{
	m->size = SEQ_INITIAL_SIZE;
	m->buf = host_alloc(m->size);
	m->count = 0;
	m->pad_until = 0;
}

void seq_file_release(struct seq_file *m)
{
	host_free(m->buf);
	m->buf = NULL;
	m->size = m->count = 0;
}

char *seq_file_detach(struct seq_file *m, size_t *len)
{
	char *text = m->buf;

	if (len)
		*len = m->count;
	m->buf = NULL;
	m->size = m->count = 0;
	return text;
}

/* Room for at least @need more bytes and the terminating NUL. */
static void seq_reserve(struct seq_file *m, size_t need)
{
	if (!m->buf)
		seq_file_init(m);
	if (m->count + need + 1 <= m->size)
		return;
	while (m->count + need + 1 > m->size)
		m->size *= 2;
	m->buf = host_realloc(m->buf, m->size);
}

static void seq_write(struct seq_file *m, const char *s, size_t n)
{
	seq_reserve(m, n);
	memcpy(m->buf + m->count, s, n);
	m->count += n;
	m->buf[m->count] = '\0';
}

/*
 * vscnprintf() reports what it wrote, not what it needed: a result that
 * fills the room exactly may have been cut, so grow and format again.
 */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	seq_reserve(m, 256);
	for (;;) {
		room = m->size - m->count;
		va_start(ap, fmt);
		n = vscnprintf(m->buf + m->count, room, fmt, ap);
		va_end(ap);
		if ((size_t)n + 1 < room)
			break;
		seq_reserve(m, room * 2);
	}
	m->count += (size_t)n;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num)
{
	char digits[24];
	int n = 0;

	seq_puts(m, delimiter);
	do {
		digits[n++] = (char)('0' + num % 10);
		num /= 10;
	} while (num);
	seq_reserve(m, (size_t)n);
	while (n)
		m->buf[m->count++] = digits[--n];
	m->buf[m->count] = '\0';
}

/* @num right-aligned in @width columns after @delimiter (num_to_str). */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width)
{
	char digits[24];
	unsigned int n = 0;

	seq_puts(m, delimiter ? delimiter : "");
	do {
		digits[n++] = (char)('0' + num % 10);
		num /= 10;
	} while (num);
	while (width > n) {
		seq_putc(m, ' ');
		width--;
	}
	while (n)
		seq_putc(m, digits[--n]);
}

/* @v in lower-case hex, zero-padded to at least @width digits. */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter,
		    unsigned long long v, unsigned int width)
{
	static const char hex_asc[] = "0123456789abcdef";
	char digits[16];
	unsigned int n = 0;

	seq_puts(m, delimiter ? delimiter : "");
	do {
		digits[n++] = hex_asc[v & 0xf];
		v >>= 4;
	} while (v);
	while (width > n) {
		seq_putc(m, '0');
		width--;
	}
	while (n)
		seq_putc(m, digits[--n]);
}

/* The column seq_pad() pads to: @size from here. */
void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

/* Spaces up to the column seq_setwidth() set, then @c (if not 0). */
void seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}
