// SPDX-License-Identifier: MIT
/*
 * lib/vsprintf.c — formatting with the kernel's pointer extensions.
 *
 * Kernel counterpart: lib/vsprintf.c.  The C conversions are handed to the
 * host's snprintf one at a time; the kernel's %p extensions that mmsim's
 * messages use are formatted here:
 *
 *   %pa   *(phys_addr_t *): "0x" and the value zero-padded to the width of
 *         the simulated kernel's phys_addr_t (16 digits on x86_64, 8 on
 *         32-bit ARM), as special_hex_number() prints it.
 *   %pS   a caller, given here as the function's name (const char *).
 *   %ps   the same.
 *   %p    a plain pointer, "0x..." (kernel: hashed; mmsim: plain).
 *
 * Output is always NUL-terminated and truncated to @size; the return value
 * is the number of characters written (scnprintf semantics).
 */
#include "linux/kernel.h"
#include "linux/printk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct outbuf {
	char *buf;
	size_t size, len;
};

static void out_str(struct outbuf *o, const char *s, size_t n)
{
	size_t room;

	if (!o->size)
		return;
	room = o->size - 1 - o->len;
	if (n > room)
		n = room;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/*
 * A phys_addr_t of the simulated kernel: on a 32-bit phys_addr_t (ARM
 * without LPAE) the value is what the kernel's variable would hold, the
 * low 32 bits (mmsim's phys_addr_t is 64 bits wide: a sum that wraps in
 * the kernel, such as base + size - 1 of a range ending at 4 GiB, is cut
 * here as there), printed in 8 digits.
 */
static void out_phys(struct outbuf *o, phys_addr_t v)
{
	char tmp[32];
	phys_addr_t max = current_arch_phys_addr_max();
	int digits = max > 0xffffffffULL ? 16 : 8;

	v &= max;

	snprintf(tmp, sizeof(tmp), "0x%0*llx", digits, (unsigned long long)v);
	out_str(o, tmp, strlen(tmp));
}

/* Format one %p extension; returns the number of format chars consumed. */
static size_t format_pointer(struct outbuf *o, const char *f, va_list *ap)
{
	char tmp[32];

	switch (f[0]) {
	case 'a': {
		const phys_addr_t *pa = va_arg(*ap, const phys_addr_t *);

		out_phys(o, *pa);
		return f[1] == 'p' || f[1] == 'd' ? 2 : 1;
	}
	case 'S':
	case 's': {
		const char *name = va_arg(*ap, const char *);

		name = name ? name : "(unknown)";
		out_str(o, name, strlen(name));
		return 1;
	}
	default: {
		void *p = va_arg(*ap, void *);

		snprintf(tmp, sizeof(tmp), "%p", p);
		out_str(o, tmp, strlen(tmp));
		return 0;
	}
	}
}

/* Copy one C conversion spec starting at '%' into @spec; returns its length. */
static size_t conversion_length(const char *f)
{
	size_t i = 1;

	while (f[i] && strchr("-+ #0", f[i]))
		i++;
	while (f[i] && (f[i] == '*' || (f[i] >= '0' && f[i] <= '9')))
		i++;
	if (f[i] == '.') {
		i++;
		while (f[i] && (f[i] == '*' || (f[i] >= '0' && f[i] <= '9')))
			i++;
	}
	while (f[i] && strchr("hlLqjzt", f[i]))
		i++;
	return f[i] ? i + 1 : i;
}

/*
 * The kernel's '#' for hex always writes "0x", even for zero (glibc
 * writes a bare "0"), and the "0x" counts towards a zero-padded width:
 * %#010x of 0 is "0x00000000".  Rewrite @tmp accordingly.
 */
static void kernel_alt_hex(char *tmp, size_t size, const char *spec, size_t n)
{
	char digits[512], fmt[32], *p = fmt;
	bool zero = false, left = false;
	int width = 0;
	size_t i;

	/* strip any "0x" glibc produced and any padding */
	const char *d = tmp;

	while (*d == ' ')
		d++;
	if (d[0] == '0' && (d[1] == 'x' || d[1] == 'X'))
		d += 2;
	snprintf(digits, sizeof(digits), "%s", d);
	for (i = strlen(digits); i > 0 && digits[i - 1] == ' '; i--)
		digits[i - 1] = '\0';
	/* glibc may have zero-padded (and left 0 without "0x"): start bare */
	while (digits[0] == '0' && digits[1])
		memmove(digits, digits + 1, strlen(digits));
	for (i = 1; i < n - 1; i++) {
		if (spec[i] == '0' && !width)
			zero = true;
		else if (spec[i] == '-')
			left = true;
		else if (spec[i] >= '1' && spec[i] <= '9' && !width)
			width = atoi(spec + i);
		else if (spec[i] == '.')
			break;
	}
	/* with zero padding the digits fill the width less the prefix */
	if (zero && !left) {
		int dw = width - 2;
		size_t len = strlen(digits);

		while ((int)len < dw && len + 1 < sizeof(digits)) {
			memmove(digits + 1, digits, len + 1);
			digits[0] = '0';
			len++;
		}
	}
	*p++ = '%';
	if (left)
		*p++ = '-';
	snprintf(p, sizeof(fmt) - 2, "%ds", width);
	{
		char both[520];

		snprintf(both, sizeof(both), "0%c%s",
			 spec[n - 1] == 'X' ? 'X' : 'x', digits);
		snprintf(tmp, size, fmt, both);
	}
}

/* Hand one conversion to snprintf, pulling its arguments from @ap. */
static void format_c(struct outbuf *o, const char *spec, size_t n, va_list *ap)
{
	char fmt[32], tmp[512];
	char conv = spec[n - 1];
	bool ll = false, l = false, z = false, star_w = false, star_p = false;
	int w = 0, p = 0;
	size_t i;

	if (n >= sizeof(fmt))
		return;
	memcpy(fmt, spec, n);
	fmt[n] = '\0';
	for (i = 1; i < n - 1; i++) {
		if (spec[i] == '*') {
			if (i > 1 && spec[i - 1] == '.')
				star_p = true;
			else
				star_w = true;
		}
		if (spec[i] == 'l') {
			ll = l;
			l = true;
		}
		if (spec[i] == 'z' || spec[i] == 't' || spec[i] == 'j' ||
		    spec[i] == 'L' || spec[i] == 'q')
			z = true;
	}
	if (star_w)
		w = va_arg(*ap, int);
	if (star_p)
		p = va_arg(*ap, int);

#define EMIT(val)                                                          \
	do {                                                               \
		if (star_w && star_p)                                      \
			snprintf(tmp, sizeof(tmp), fmt, w, p, val);        \
		else if (star_w)                                           \
			snprintf(tmp, sizeof(tmp), fmt, w, val);           \
		else if (star_p)                                           \
			snprintf(tmp, sizeof(tmp), fmt, p, val);           \
		else                                                       \
			snprintf(tmp, sizeof(tmp), fmt, val);              \
	} while (0)

	switch (conv) {
	case 'd':
	case 'i':
		if (ll || z)
			EMIT(va_arg(*ap, long long));
		else if (l)
			EMIT(va_arg(*ap, long));
		else
			EMIT(va_arg(*ap, int));
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		if (ll || z)
			EMIT(va_arg(*ap, unsigned long long));
		else if (l)
			EMIT(va_arg(*ap, unsigned long));
		else
			EMIT(va_arg(*ap, unsigned int));
		break;
	case 'c':
		EMIT(va_arg(*ap, int));
		break;
	case 's':
		EMIT(va_arg(*ap, const char *));
		break;
	case 'f':
	case 'g':
	case 'e':
		EMIT(va_arg(*ap, double));
		break;
	default:
		snprintf(tmp, sizeof(tmp), "%s", fmt);
		break;
	}
#undef EMIT
	if ((conv == 'x' || conv == 'X') && memchr(spec, '#', n))
		kernel_alt_hex(tmp, sizeof(tmp), spec, n);
	out_str(o, tmp, strlen(tmp));
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct outbuf o = { .buf = buf, .size = size, .len = 0 };
	const char *f = fmt;
	va_list ap;

	if (size)
		buf[0] = '\0';
	va_copy(ap, args);
	while (*f) {
		const char *pct = strchr(f, '%');
		size_t n;

		if (!pct) {
			out_str(&o, f, strlen(f));
			break;
		}
		out_str(&o, f, (size_t)(pct - f));
		if (pct[1] == '%') {
			out_str(&o, "%", 1);
			f = pct + 2;
			continue;
		}
		if (pct[1] == 'p') {
			f = pct + 2;
			f += format_pointer(&o, f, &ap);
			continue;
		}
		n = conversion_length(pct);
		format_c(&o, pct, n, &ap);
		f = pct + n;
	}
	va_end(ap);
	return (int)o.len;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
