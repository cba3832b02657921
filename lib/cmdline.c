// SPDX-License-Identifier: MIT
/*
 * lib/cmdline.c — parsing numbers and words out of the kernel command line.
 *
 * Kernel counterparts: lib/cmdline.c (memparse, get_option, next_arg),
 * lib/kstrtox.c / lib/vsprintf.c (simple_strtoull), lib/string.c
 * (skip_spaces).  Behaviour matches the kernel's on malformed input: these
 * never fail, they stop at the first character they cannot use.
 */
#include "linux/kernel.h"

#include <ctype.h>
#include <string.h>

char *skip_spaces(const char *str)
{
	while (isspace((unsigned char)*str))
		++str;
	return (char *)str;
}

/* Value of one digit in bases up to 16, or 16 when it is not a digit. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return (unsigned int)(c - 'a' + 10);
	return 16;
}

/* strtoull without errors; base 0 picks 0x (hex) / 0 (octal) / decimal. */
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base)
{
	unsigned long long result = 0;
	unsigned int v;

	if (base == 0) {
		base = 10;
		if (cp[0] == '0') {
			base = 8;
			if (tolower((unsigned char)cp[1]) == 'x' &&
			    isxdigit((unsigned char)cp[2])) {
				base = 16;
				cp += 2;
			}
		}
	} else if (base == 16 && cp[0] == '0' &&
		   tolower((unsigned char)cp[1]) == 'x') {
		cp += 2;
	}
	while ((v = digit_value(*cp)) < base) {
		result = result * base + v;
		cp++;
	}
	if (endp)
		*endp = (char *)cp;
	return result;
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)simple_strtoull(cp + 1, endp, base);
	return (long)simple_strtoull(cp, endp, base);
}

/*
 * A size with an optional binary suffix: K, M, G, T, P, E (either case).
 * *@retptr is left after the number and its suffix.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = simple_strtoull(ptr, &endptr, 0);
	int shift = 0;

	switch (*endptr) {
	case 'E':
	case 'e':
		shift += 10;
		/* fall through */
	case 'P':
	case 'p':
		shift += 10;
		/* fall through */
	case 'T':
	case 't':
		shift += 10;
		/* fall through */
	case 'G':
	case 'g':
		shift += 10;
		/* fall through */
	case 'M':
	case 'm':
		shift += 10;
		/* fall through */
	case 'K':
	case 'k':
		shift += 10;
		endptr++;
		/* fall through */
	default:
		break;
	}
	ret <<= shift;
	if (retptr)
		*retptr = endptr;
	return ret;
}

/*
 * Parse an integer and step past a following comma.  Returns 0 when there
 * was no number, 1 when it ended the string, 2 when a comma follows, 3 for
 * a hyphen (a range).
 */
int get_option(char **str, int *pint)
{
	char *cur = *str;
	int value;

	if (!cur || !(*cur))
		return 0;
	if (*cur == '-')
		value = -(int)simple_strtoull(++cur, str, 0);
	else
		value = (int)simple_strtoull(cur, str, 0);
	if (pint)
		*pint = value;
	if (cur == *str)
		return 0;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	if (**str == '-')
		return 3;
	return 1;
}

/*
 * Split off the next "param" or "param=value" (double quotes group spaces;
 * a quoted value loses its quotes).  Returns the rest of the line.
 */
char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	int in_quote = 0, quoted = 0;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (isspace((unsigned char)args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}

	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';

	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}
