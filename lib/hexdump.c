// SPDX-License-Identifier: MIT
/*
 * lib/hexdump.c — hex dumps in the kernel log.
 *
 * Kernel counterpart: lib/hexdump.c (hex_dump_to_buffer, print_hex_dump).
 * One line per 16 (or 32) bytes: the bytes in hex, grouped by 1, 2, 4 or
 * 8, then from a fixed column the printable ones as ASCII ('.' for the
 * rest):
 *
 *   Object   ffff888003c41e00: 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b  kkkkkkkkkkkkkkkk
 *
 * With DUMP_PREFIX_ADDRESS the address is the one the kernel prints for
 * the byte (kernel_ptr_value(): the direct-map address of simulated RAM).
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* x86_64: the direct map starts at page_offset_base. */
unsigned long kernel_ptr_value(const void *p)
{
	const struct machine *m = current_machine;
	const char *c = p;

	if (m && m->ram.base && c >= (const char *)m->ram.base &&
	    c < (const char *)m->ram.base + m->ram.span &&
	    m->arch.arch == MMSIM_ARCH_X86_64)
		return m->x86.page_offset_base +
		       (unsigned long)(c - (const char *)m->ram.base);
	return (unsigned long)p;
}

static unsigned long long load_group(const u8 *p, int groupsize)
{
	unsigned long long v = 0;

	memcpy(&v, p, (size_t)groupsize); /* little-endian, as x86 */
	return v;
}

int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii)
{
	const u8 *ptr = buf;
	int ngroups, j, lx = 0, ascii_column;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > (size_t)rowsize)
		len = (size_t)rowsize;
	if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
		groupsize = 1;
	if (len % (size_t)groupsize)
		groupsize = 1;
	ngroups = (int)len / groupsize;
	ascii_column = rowsize * 2 + rowsize / groupsize + 1;
	if (!linebuflen)
		return 0;
	linebuf[0] = '\0';

	for (j = 0; j < ngroups && lx < (int)linebuflen - 1; j++)
		lx += snprintf(linebuf + lx, linebuflen - (size_t)lx, "%s%0*llx",
			       j ? " " : "", groupsize * 2,
			       load_group(ptr + j * groupsize, groupsize));
	if (!ascii || !len)
		return lx;
	while (lx < ascii_column && lx < (int)linebuflen - 1)
		linebuf[lx++] = ' ';
	for (j = 0; j < (int)len && lx < (int)linebuflen - 1; j++)
		linebuf[lx++] = isascii(ptr[j]) && isprint(ptr[j]) ? (char)ptr[j] : '.';
	linebuf[lx] = '\0';
	return lx;
}

void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len,
		    bool ascii)
{
	const u8 *ptr = buf;
	char linebuf[32 * 3 + 2 + 32 + 1], fmt[16];
	size_t i;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	/* the level must lead the format for printk() to see it */
	snprintf(fmt, sizeof(fmt), "%s%%s", level);
	for (i = 0; i < len; i += (size_t)rowsize) {
		size_t linelen = min(len - i, (size_t)rowsize);
		char line[256];

		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, linebuf,
				   sizeof(linebuf), ascii);
		if (prefix_type == DUMP_PREFIX_ADDRESS)
			snprintf(line, sizeof(line), "%s%016lx: %s\n", prefix_str,
				 kernel_ptr_value(ptr + i), linebuf);
		else if (prefix_type == DUMP_PREFIX_OFFSET)
			snprintf(line, sizeof(line), "%s%.8zx: %s\n", prefix_str,
				 i, linebuf);
		else
			snprintf(line, sizeof(line), "%s%s\n", prefix_str, linebuf);
		printk(fmt, line);
	}
}
