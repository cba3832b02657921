// SPDX-License-Identifier: MIT
/*
 * host/profile.c — reading a kernel-image profile (data/profiles/NAME.profile).
 *
 * Format: one "key = value" per line; a line whose first non-blank
 * character is '#' is a comment; blank lines are ignored; the value runs to the end of the line (trailing blanks
 * dropped).  Numbers may be decimal or 0x-hex, with an optional K or M
 * suffix (binary).
 */
#include "mmsim/profile.h"
#include "mmsim/host.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_trimmed(const char *s, size_t n)
{
	char *d;

	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	d = host_alloc(n + 1);
	memcpy(d, s, n);
	return d;
}

/*
 * The keys a profile may hold (docs/profile.md says what each means);
 * "inline." and "sizeof." start open families (a function folded into its
 * caller, the size of a named structure).  Anything else is refused, so a
 * misspelt key is an error rather than a silent default.
 */
static const char *const profile_keys[] = {
	"arch", "arm.cr", "arm.fixaddr_start", "arm.print_vm_layout",
	"arm.vmalloc_end", "banner", "config", "image.brk_start",
	"image.brk_used", "image.bss_decrypted_end",
	"image.bss_decrypted_unused", "image.bss_kb", "image.bss_start",
	"image.bss_stop", "image.edata", "image.end",
	"image.end_of_kernel_reserve", "image.end_rodata",
	"image.end_rodata_hpage_align", "image.etext", "image.init_begin",
	"image.init_end", "image.init_kb", "image.init_top_pgt",
	"image.mce_gen_pool_buf", "image.percpu.hardirq_stack_ptr",
	"image.percpu.irq_stack_backing_store", "image.real_mode_size",
	"image.rodata_kb", "image.rwdata_kb", "image.sdata", "image.smp_locks",
	"image.smp_locks_end", "image.start_rodata",
	"image.static_percpu_size", "image.stext", "image.text_kb",
	"image.text_offset", "inline.pcpu_build_alloc_info",
	"inline.pcpu_fc_alloc", "mm.pcp_batch_cap", "mm.zone_debug_lines",
	"name", "printk.pr_debug", "sizeof.alias_prop",
	"sizeof.cpu_entry_area", "sizeof.device_node",
	"sizeof.firmware_map_entry", "sizeof.page", "sizeof.pcpu_chunk",
	"sizeof.pglist_data", "sizeof.prb_desc", "sizeof.printk_info",
	"sizeof.property", "sizeof.resource", "sizeof.static_vm",
	"sizeof.vmap_area",
};

static bool profile_key_known(const char *key)
{
	size_t i;

	if (!strncmp(key, "inline.", 7) || !strncmp(key, "sizeof.", 7))
		return key[7] != '\0';
	for (i = 0; i < sizeof(profile_keys) / sizeof(profile_keys[0]); i++)
		if (!strcmp(key, profile_keys[i]))
			return true;
	return false;
}

struct kernel_profile *profile_parse(const char *text, const char *name,
				     char *err, size_t errlen)
{
	struct kernel_profile *p = host_alloc(sizeof(*p));
	const char *s = text;
	size_t cap = 0;
	int lineno = 0;

	p->path = host_strdup(name);
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		const char *first = s;
		size_t body;

		while (first < s + len && (*first == ' ' || *first == '\t'))
			first++;
		body = first < s + len && *first == '#' ? 0 : len;
		const char *eq = memchr(s, '=', body);
		char *key;

		lineno++;
		key = dup_trimmed(s, body);
		if (!*key) {
			host_free(key);
			goto next;
		}
		host_free(key);
		if (!eq) {
			snprintf(err, errlen, "%s:%d: expected 'key = value'",
				 name, lineno);
			profile_free(p);
			return NULL;
		}
		if (p->nr == cap) {
			cap = cap ? cap * 2 : 64;
			p->entries = host_realloc(p->entries,
						  cap * sizeof(*p->entries));
		}
		p->entries[p->nr].key = dup_trimmed(s, (size_t)(eq - s));
		if (!profile_key_known(p->entries[p->nr].key)) {
			snprintf(err, errlen,
				 "%s:%d: unknown key '%s' (docs/profile.md lists the keys)",
				 name, lineno, p->entries[p->nr].key);
			host_free(p->entries[p->nr].key);
			profile_free(p);
			return NULL;
		}
		p->entries[p->nr].value =
			dup_trimmed(eq + 1, body - (size_t)(eq - s) - 1);
		p->nr++;
next:
		s += len + (eol ? 1 : 0);
	}
	return p;
}

struct kernel_profile *profile_load(const char *path, char *err, size_t errlen)
{
	struct kernel_profile *p;
	char *text = host_read_file(path, NULL);

	if (!text) {
		snprintf(err, errlen, "cannot read kernel profile '%s': %s", path,
			 strerror(errno));
		return NULL;
	}
	p = profile_parse(text, path, err, errlen);
	host_free(text);
	return p;
}

void profile_free(struct kernel_profile *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nr; i++) {
		host_free(p->entries[i].key);
		host_free(p->entries[i].value);
	}
	host_free(p->entries);
	host_free(p->path);
	host_free(p);
}

const char *profile_str(const struct kernel_profile *p, const char *key)
{
	size_t i;

	if (!p)
		return NULL;
	for (i = p->nr; i-- > 0;) /* a later line overrides an earlier one */
		if (!strcmp(p->entries[i].key, key))
			return p->entries[i].value;
	return NULL;
}

bool profile_has(const struct kernel_profile *p, const char *key)
{
	return profile_str(p, key) != NULL;
}

u64 profile_u64(const struct kernel_profile *p, const char *key, u64 dflt)
{
	const char *v = profile_str(p, key);
	char *end;
	u64 n;

	if (!v || !*v)
		return dflt;
	n = strtoull(v, &end, 0);
	if (*end == 'K' || *end == 'k')
		n <<= 10;
	else if (*end == 'M')
		n <<= 20;
	return n;
}

/*
 * The function a memblock=debug line names for @func: the compiled image
 * may have inlined @func into its caller ("inline.pcpu_fc_alloc =
 * pcpu_embed_first_chunk" in an ARM profile), else @func itself.
 */
const char *profile_caller(const struct kernel_profile *p, const char *func)
{
	char key[128];
	const char *v;

	snprintf(key, sizeof(key), "inline.%s", func);
	v = profile_str(p, key);
	return v && *v ? v : func;
}
