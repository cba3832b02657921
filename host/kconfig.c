// SPDX-License-Identifier: MIT
/*
 * host/kconfig.c — reading a kernel .config.
 *
 * Kernel counterpart: scripts/kconfig's output format.  Lines are
 *   CONFIG_FOO=y | m | <number> | "<string>"
 *   # CONFIG_BAR is not set
 * anything else is a comment or blank.  Entries are kept sorted by name so
 * lookups are a binary search.
 */
#include "linux/kernel.h"
#include "mmsim/kconfig.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <errno.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int entry_cmp(const void *a, const void *b)
{
	const struct kconfig_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * Names and values point into kc->strings, one copy of the text made per
 * parse (not two host allocations per line: a .config has ~6,000 lines,
 * and each host request is one more case for the failure sweep).
 */
static void add_entry(struct kconfig *kc, size_t *cap, char **pool,
		      const char *name, size_t nlen, const char *val,
		      size_t vlen)
{
	struct kconfig_entry *e;

	if (kc->nr == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		kc->entries = host_realloc(kc->entries, *cap * sizeof(*e));
	}
	e = &kc->entries[kc->nr++];
	e->name = *pool;
	memcpy(e->name, name, nlen);
	e->name[nlen] = '\0';
	*pool += nlen + 1;
	if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"') {
		val++;
		vlen -= 2;
	}
	e->value = *pool;
	memcpy(e->value, val, vlen);
	e->value[vlen] = '\0';
	*pool += vlen + 1;
}

/* A .config value is y, m, n, a decimal or 0x number, or a quoted string. */
static bool value_ok(const char *v, size_t len)
{
	size_t i = 0;

	if (len == 1 && (*v == 'y' || *v == 'm' || *v == 'n'))
		return true;
	if (len >= 2 && v[0] == '"' && v[len - 1] == '"')
		return true;
	if (len > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		for (i = 2; i < len; i++)
			if (!isxdigit((unsigned char)v[i]))
				return false;
		return true;
	}
	if (len && v[0] == '-')
		i = 1;
	if (i == len)
		return false;
	for (; i < len; i++)
		if (!isdigit((unsigned char)v[i]))
			return false;
	return true;
}

struct kconfig *kconfig_parse(const char *text, const char *name, char *err,
			      size_t errlen)
{
	int lineno = 0;
	struct kconfig *kc = host_alloc(sizeof(*kc));
	const char *s = text;
	size_t cap = 0;
	char *pool;

	kc->path = host_strdup(name);
	/* each kept line gives at most its own length + 1 bytes (two NULs
	 * replace the '=' and the newline) */
	kc->strings = pool = host_alloc(strlen(text) + 2);
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		const char *eq = memchr(s, '=', len);

		lineno++;
		if (len > 7 && !strncmp(s, "CONFIG_", 7) && eq &&
		    !value_ok(eq + 1, len - (size_t)(eq - s) - 1)) {
			snprintf(err, errlen,
				 "%s line %d: '%.*s': the value must be y, m, n, a number or a quoted string",
				 name, lineno, (int)min_t(size_t, len, 200), s);
			kconfig_free(kc);
			return NULL;
		}
		if (len > 7 && !strncmp(s, "CONFIG_", 7) && eq)
			add_entry(kc, &cap, &pool, s, (size_t)(eq - s), eq + 1,
				  len - (size_t)(eq - s) - 1);
		s += len + (eol ? 1 : 0);
	}
	if (!kc->nr) {
		snprintf(err, errlen, "%s: not a kernel .config (no CONFIG_ lines)",
			 name);
		kconfig_free(kc);
		return NULL;
	}
	qsort(kc->entries, kc->nr, sizeof(*kc->entries), entry_cmp);
	return kc;
}

struct kconfig *kconfig_load(const char *path, char *err, size_t errlen)
{
	struct kconfig *kc;
	char *text = host_read_file(path, NULL);

	if (!text) {
		snprintf(err, errlen, "cannot read kernel config '%s': %s", path,
			 strerror(errno));
		return NULL;
	}
	kc = kconfig_parse(text, path, err, errlen);
	host_free(text);
	return kc;
}

void kconfig_free(struct kconfig *kc)
{
	if (!kc)
		return;
	host_free(kc->strings);
	host_free(kc->entries);
	host_free(kc->path);
	host_free(kc);
}

const char *kconfig_get(const struct kconfig *kc, const char *name)
{
	struct kconfig_entry key = { .name = (char *)name };
	struct kconfig_entry *e;

	if (!kc)
		return NULL;
	e = bsearch(&key, kc->entries, kc->nr, sizeof(key), entry_cmp);
	return e ? e->value : NULL;
}

bool kconfig_enabled(const struct kconfig *kc, const char *name)
{
	const char *v = kconfig_get(kc, name);

	return v && (!strcmp(v, "y") || !strcmp(v, "m"));
}

long long kconfig_int(const struct kconfig *kc, const char *name, long long dflt)
{
	const char *v = kconfig_get(kc, name);
	char *end;
	long long n;

	if (!v || !*v)
		return dflt;
	n = strtoll(v, &end, 0);
	return *end ? dflt : n;
}

const struct kconfig *current_kconfig(void)
{
	return current_machine_raw ? current_machine_raw->config : NULL;
}
