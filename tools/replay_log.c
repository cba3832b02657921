// SPDX-License-Identifier: MIT
/*
 * tools/replay_log.c — reading a kernel log for the memblock replay.
 *
 * No kernel counterpart; the formats read here are the ones mm/memblock.c
 * (Linux 6.1) prints with memblock=debug:
 *
 *   memblock_reserve: [0x...-0x...] caller+0x../0x..       (also
 *       memblock_phys_free, memblock_add, memblock_remove,
 *       memblock_free_late; memblock_add_node adds "nid=N flags=F")
 *   memblock_phys_alloc_range: N bytes align=0x.. from=0x.. max_addr=0x.. caller
 *   memblock_alloc_try_nid: N bytes align=0x.. nid=N from=0x.. max_addr=0x.. caller
 *       (also memblock_alloc_try_nid_raw, memblock_alloc_exact_nid_raw)
 *   memblock: reserved is doubled to 256 at [0x...-0x...]
 *   MEMBLOCK configuration:
 *    memory size = 0x... reserved size = 0x...
 *    memory.cnt  = 0x..
 *    memory[0x0]<TAB>[0x...-0x...], 0x... bytes[ on node N] flags: 0x..
 *    reserved.cnt  = 0x..  and its reserved[...] lines
 *
 * A line may carry the dmesg timestamp "[    0.000000] " (and a syslog
 * "<6>" level before it); both are removed.  Parsing is strict: a line
 * that starts like a memblock line but does not parse is an input error.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "mmsim/host.h"
#include "replay_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *prefix;
	enum rp_kind kind;
} call_prefixes[] = {
	{ "memblock_reserve: ", RP_RESERVE },
	{ "memblock_phys_free: ", RP_PHYS_FREE },
	{ "memblock_add: ", RP_ADD },
	{ "memblock_add_node: ", RP_ADD_NODE },
	{ "memblock_remove: ", RP_REMOVE },
	{ "memblock_free_late: ", RP_FREE_LATE },
	{ "memblock_phys_alloc_range: ", RP_PHYS_ALLOC_RANGE },
	{ "memblock_alloc_try_nid: ", RP_ALLOC_TRY_NID },
	{ "memblock_alloc_try_nid_raw: ", RP_ALLOC_TRY_NID_RAW },
	{ "memblock_alloc_exact_nid_raw: ", RP_ALLOC_EXACT_NID_RAW },
};

static const char *const dump_body_prefixes[] = {
	" memory size = ",   " memory.cnt  = ", " memory[0x",
	" reserved.cnt  = ", " reserved[0x",	" physmem.cnt  = ",
	" physmem[0x",
};

/* Skip "<N>" and "[ sssss.uuuuuu] " at the start of a dmesg line. */
static char *skip_prefix(char *s)
{
	char *p = s;

	if (p[0] == '<' && isdigit((unsigned char)p[1])) {
		char *q = p + 1;

		while (isdigit((unsigned char)*q))
			q++;
		if (*q == '>')
			p = q + 1;
	}
	if (*p == '[') {
		char *q = p + 1;

		while (*q == ' ')
			q++;
		if (isdigit((unsigned char)*q)) {
			while (isdigit((unsigned char)*q) || *q == '.')
				q++;
			if (q[0] == ']' && q[1] == ' ')
				return q + 2;
			if (q[0] == ']' && q[1] == '\0')
				return q + 1;
		}
	}
	return p;
}

enum rp_kind rp_classify(const char *text)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(call_prefixes); i++)
		if (!strncmp(text, call_prefixes[i].prefix,
			     strlen(call_prefixes[i].prefix)))
			return call_prefixes[i].kind;
	if (!strcmp(text, "MEMBLOCK configuration:"))
		return RP_DUMP_HEAD;
	for (i = 0; i < ARRAY_SIZE(dump_body_prefixes); i++)
		if (!strncmp(text, dump_body_prefixes[i],
			     strlen(dump_body_prefixes[i])))
			return RP_DUMP_BODY;
	if (!strncmp(text, "memblock: ", 10))
		return RP_MEMBLOCK_MSG;
	return RP_OTHER;
}

bool rp_kind_is_call(enum rp_kind kind)
{
	return kind >= RP_RESERVE && kind <= RP_ALLOC_EXACT_NID_RAW;
}

bool rp_kind_is_alloc(enum rp_kind kind)
{
	return kind >= RP_PHYS_ALLOC_RANGE && kind <= RP_ALLOC_EXACT_NID_RAW;
}

int rp_log_split(struct rp_log *log, const char *text, const char *name)
{
	size_t cap = 1, nr = 0;
	char *s, *eol;
	int lineno = 0;

	memset(log, 0, sizeof(*log));
	log->name = name;
	log->buf = host_strdup(text);
	for (s = log->buf; (s = strchr(s, '\n')); s++)
		cap++;          /* one entry per line: the array never grows */
	log->lines = host_alloc(cap * sizeof(*log->lines));
	for (s = log->buf; *s; s = eol + 1) {
		size_t n;

		eol = strchr(s, '\n');
		if (eol)
			*eol = '\0';
		lineno++;
		n = strlen(s);
		if (n && s[n - 1] == '\r')
			s[n - 1] = '\0';
		log->lines[nr].lineno = lineno;
		log->lines[nr].text = skip_prefix(s);
		log->lines[nr].kind = rp_classify(log->lines[nr].text);
		nr++;
		if (!eol)
			break;
	}
	log->nr = nr;
	return nr ? 0 : -EINVAL;
}

void rp_log_free(struct rp_log *log)
{
	host_free(log->buf);
	host_free(log->lines);
	memset(log, 0, sizeof(*log));
}

/* A small cursor over one line: each step fails the whole parse. */
struct cursor {
	const char *p;
	bool ok;
};

static void lit(struct cursor *c, const char *s)
{
	size_t n = strlen(s);

	if (c->ok && !strncmp(c->p, s, n))
		c->p += n;
	else
		c->ok = false;
}

/* Hex digits, after "0x" when @prefixed. */
static u64 hexnum(struct cursor *c, bool prefixed)
{
	u64 v = 0;
	int n = 0;

	if (prefixed)
		lit(c, "0x");
	while (c->ok && isxdigit((unsigned char)*c->p) && n < 17) {
		int d = isdigit((unsigned char)*c->p)
				? *c->p - '0'
				: tolower((unsigned char)*c->p) - 'a' + 10;

		v = v << 4 | (u64)d;
		c->p++;
		n++;
	}
	if (!n || n > 16)
		c->ok = false;
	return v;
}

static u64 decnum(struct cursor *c)
{
	u64 v = 0;
	int n = 0;

	while (c->ok && isdigit((unsigned char)*c->p) && n < 20) {
		v = v * 10 + (u64)(*c->p - '0');
		c->p++;
		n++;
	}
	if (!n || n >= 20)
		c->ok = false;
	return v;
}

static int signed_dec(struct cursor *c)
{
	bool neg = false;
	u64 v;

	if (c->ok && *c->p == '-') {
		neg = true;
		c->p++;
	}
	v = decnum(c);
	if (v > 0x7fffffff)
		c->ok = false;
	return neg ? -(int)v : (int)v;
}

/* The rest of the line is the caller: one word. */
static void caller(struct cursor *c, struct rp_call *call)
{
	if (!c->ok || !*c->p || strchr(c->p, ' ') || strchr(c->p, '\t')) {
		c->ok = false;
		return;
	}
	call->caller = c->p;
	rp_caller_func(c->p, call->func, sizeof(call->func));
}

/*
 * "name+0x1f/0x80" -> "name"; compiler clones such as
 * "name.constprop.0" or "name.isra.3" -> "name".
 */
void rp_caller_func(const char *caller, char *out, size_t size)
{
	size_t n = strcspn(caller, "+.");

	if (n >= size)
		n = size - 1;
	memcpy(out, caller, n);
	out[n] = '\0';
}

int rp_parse_call(const char *text, struct rp_call *call)
{
	struct cursor c = { .p = text, .ok = true };
	enum rp_kind kind = rp_classify(text);
	size_t i;

	memset(call, 0, sizeof(*call));
	call->kind = kind;
	call->nid = -1;
	for (i = 0; i < ARRAY_SIZE(call_prefixes); i++)
		if (call_prefixes[i].kind == kind)
			lit(&c, call_prefixes[i].prefix);
	if (!rp_kind_is_call(kind) || !c.ok)
		return -EINVAL;

	if (!rp_kind_is_alloc(kind)) {
		lit(&c, "[");
		call->base = hexnum(&c, true);
		lit(&c, "-");
		call->last = hexnum(&c, true);
		lit(&c, "] ");
		if (kind == RP_ADD_NODE) {
			lit(&c, "nid=");
			call->nid = signed_dec(&c);
			lit(&c, " flags=");
			call->flags = (unsigned int)hexnum(&c, false);
			lit(&c, " ");
		}
	} else {
		call->size = decnum(&c);
		lit(&c, " bytes align=");
		call->align = hexnum(&c, true);
		if (kind != RP_PHYS_ALLOC_RANGE) {
			lit(&c, " nid=");
			call->nid = signed_dec(&c);
		}
		lit(&c, " from=");
		call->from = hexnum(&c, true);
		lit(&c, " max_addr=");
		call->max_addr = hexnum(&c, true);
		lit(&c, " ");
	}
	caller(&c, call);
	return c.ok ? 0 : -EINVAL;
}

/* "[mem 0xSTART-0xLAST]" at @s (the kernel's %#010Lx / %#018Lx ranges). */
bool rp_parse_mem_range(const char *s, u64 *start, u64 *last)
{
	struct cursor c = { .p = s, .ok = true };

	lit(&c, "[mem ");
	*start = hexnum(&c, true);
	lit(&c, "-");
	*last = hexnum(&c, true);
	lit(&c, "]");
	return c.ok && *last >= *start;
}

/* " memory[0x3]\t[0x...-0x...], 0x... bytes on node 0 flags: 0x0" */
static int parse_region(const char *text, const char *type, size_t idx,
			struct rp_region *r, int *digits)
{
	struct cursor c = { .p = text, .ok = true };
	const char *size_at;
	u64 last;

	lit(&c, " ");
	lit(&c, type);
	lit(&c, "[");
	if (hexnum(&c, true) != idx)
		c.ok = false;
	lit(&c, "]\t[");
	r->base = hexnum(&c, true);
	lit(&c, "-");
	last = hexnum(&c, true);
	lit(&c, "], ");
	size_at = c.p;
	r->size = hexnum(&c, true);
	lit(&c, " bytes");
	*digits = c.ok ? (int)(c.p - size_at) - 2 - 6 : 0;
	r->nid = -1;
	if (c.ok && !strncmp(c.p, " on node ", 9)) {
		lit(&c, " on node ");
		r->nid = signed_dec(&c);
	}
	lit(&c, " flags: ");
	r->flags = (unsigned int)hexnum(&c, true);
	if (c.ok && *c.p)
		c.ok = false;
	if (c.ok && r->size && last != r->base + r->size - 1)
		c.ok = false;
	return c.ok ? 0 : -EINVAL;
}

/* " memory.cnt  = 0x2" then that many region lines; returns the next index. */
static int parse_type(const struct rp_log *log, size_t *li, const char *type,
		      struct rp_region **out, size_t *nr, int *digits,
		      char *err, size_t errlen)
{
	char head[64];
	struct cursor c;
	u64 cnt, i;

	snprintf(head, sizeof(head), " %s.cnt  = ", type);
	if (*li >= log->nr)
		goto bad;
	c = (struct cursor){ .p = log->lines[*li].text, .ok = true };
	lit(&c, head);
	cnt = hexnum(&c, true);
	if (!c.ok || *c.p || cnt == 0 || cnt > 1u << 20)
		goto bad;
	(*li)++;
	*out = host_alloc(cnt * sizeof(**out));
	*nr = cnt;
	for (i = 0; i < cnt; i++, (*li)++) {
		int d;

		if (*li >= log->nr ||
		    parse_region(log->lines[*li].text, type, i, &(*out)[i], &d))
			goto bad;
		if (d != *digits) {
			snprintf(err, errlen,
				 "%s:%d: %%pa width changes inside the dump",
				 log->name, log->lines[*li].lineno);
			return -EINVAL;
		}
	}
	return 0;
bad:
	snprintf(err, errlen,
		 "%s:%d: malformed %s array in the MEMBLOCK dump: '%s'",
		 log->name,
		 *li < log->nr ? log->lines[*li].lineno
			       : log->lines[log->nr - 1].lineno,
		 type, *li < log->nr ? log->lines[*li].text : "(end of file)");
	return -EINVAL;
}

int rp_parse_dump(const struct rp_log *log, size_t head, struct rp_dump *d,
		  char *err, size_t errlen)
{
	struct cursor c;
	const char *at;
	size_t li = head + 1;

	memset(d, 0, sizeof(*d));
	d->head = head;
	if (li >= log->nr)
		goto bad;
	c = (struct cursor){ .p = log->lines[li].text, .ok = true };
	lit(&c, " memory size = ");
	at = c.p;
	d->memory_size = hexnum(&c, true);
	d->pa_digits = (int)(c.p - at) - 2;
	lit(&c, " reserved size = ");
	d->reserved_size = hexnum(&c, true);
	if (!c.ok || *c.p || (d->pa_digits != 8 && d->pa_digits != 16))
		goto bad;
	li++;
	if (parse_type(log, &li, "memory", &d->memory, &d->nr_memory,
		       &d->pa_digits, err, errlen) ||
	    parse_type(log, &li, "reserved", &d->reserved, &d->nr_reserved,
		       &d->pa_digits, err, errlen))
		return -EINVAL;
	/* a physmem array (CONFIG_HAVE_MEMBLOCK_PHYS_MAP) is not rebuilt */
	while (li < log->nr && log->lines[li].kind == RP_DUMP_BODY)
		li++;
	d->end = li;
	return 0;
bad:
	snprintf(err, errlen, "%s:%d: malformed MEMBLOCK dump line: '%s'",
		 log->name, log->lines[li < log->nr ? li : log->nr - 1].lineno,
		 li < log->nr ? log->lines[li].text : "(end of file)");
	return -EINVAL;
}

void rp_dump_free(struct rp_dump *d)
{
	host_free(d->memory);
	host_free(d->reserved);
	memset(d, 0, sizeof(*d));
}
