// SPDX-License-Identifier: MIT
/*
 * tools/replay_kmem_parse.c — reading the kmem trace events' text.
 *
 * No kernel counterpart; the formats are the TP_printk() strings of
 * include/trace/events/kmem.h (Linux 6.1) behind the ftrace line prefix:
 *
 *   /sys/kernel/tracing/trace:
 *       <task>-<pid>  [<cpu>] <flags> <secs>.<usecs>: <event>: <fields>
 *   trace-cmd report:
 *       <task>-<pid>  [<cpu>] <secs>.<usecs>: <event>: <fields>
 *
 *   kmalloc           call_site=%pS ptr=%p bytes_req=%zu bytes_alloc=%zu
 *                     gfp_flags=%s node=%d accounted=%s   (6.1; no node=
 *                     before 6.0, when kmalloc_node was its own event)
 *   kmem_cache_alloc  the same fields
 *   kfree             call_site=%pS ptr=%p
 *   kmem_cache_free   call_site=%pS ptr=%p name=%s
 *   mm_page_alloc     page=%p pfn=0x%lx order=%d migratetype=%d gfp_flags=%s
 *   mm_page_free      page=%p pfn=0x%lx order=%d
 *   mm_page_free_batched  page=%p pfn=0x%lx order=0
 *   mm_page_alloc_zone_locked  page=%p pfn=0x%lx order=%u migratetype=%d
 *                     percpu_refill=%d
 *
 * The task name may hold spaces, so the line is read from its "[cpu]"
 * field on: the first "secs.usecs:" word after it is the timestamp, the
 * next word ending in ':' the event, and the rest key=value fields.
 * gfp_flags are the names show_gfp_flags() prints ("GFP_KERNEL|__GFP_ZERO",
 * "none", or leftover bits as hex).
 */
#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/numa.h"
#include "mmsim/replay_kmem.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *const event_names[KEV_NR] = {
	[KEV_KMALLOC] = "kmalloc",
	[KEV_KMALLOC_NODE] = "kmalloc_node",
	[KEV_KMEM_CACHE_ALLOC] = "kmem_cache_alloc",
	[KEV_KMEM_CACHE_ALLOC_NODE] = "kmem_cache_alloc_node",
	[KEV_KFREE] = "kfree",
	[KEV_KMEM_CACHE_FREE] = "kmem_cache_free",
	[KEV_MM_PAGE_ALLOC] = "mm_page_alloc",
	[KEV_MM_PAGE_FREE] = "mm_page_free",
	[KEV_MM_PAGE_FREE_BATCHED] = "mm_page_free_batched",
	[KEV_MM_PAGE_ALLOC_ZONE_LOCKED] = "mm_page_alloc_zone_locked",
	[KEV_OTHER] = "other",
};

/* Other events of the kmem system: recognised, counted, not replayed. */
static const char *const other_kmem_events[] = {
	"mm_page_pcpu_drain", "mm_page_alloc_extfrag", "rss_stat",
	"mm_alloc_contig_migrate_range_info",
};

const char *kmem_event_name(enum kmem_event_kind kind)
{
	return kind < KEV_NR ? event_names[kind] : "?";
}

/* The names show_gfp_flags() prints, composite ones included. */
static const struct {
	const char *name;
	gfp_t flags;
} gfp_names[] = {
	{ "GFP_TRANSHUGE", GFP_TRANSHUGE },
	{ "GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT },
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_USER", GFP_USER },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT },
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_NOFS", GFP_NOFS },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_NOIO", GFP_NOIO },
	{ "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_DMA", GFP_DMA },
	{ "GFP_DMA32", GFP_DMA32 },
	{ "__GFP_DMA", __GFP_DMA },
	{ "__GFP_DMA32", __GFP_DMA32 },
	{ "__GFP_HIGHMEM", __GFP_HIGHMEM },
	{ "__GFP_HIGH", __GFP_HIGH },
	{ "__GFP_ATOMIC", __GFP_ATOMIC },
	{ "__GFP_IO", __GFP_IO },
	{ "__GFP_FS", __GFP_FS },
	{ "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_RETRY_MAYFAIL", __GFP_RETRY_MAYFAIL },
	{ "__GFP_NOFAIL", __GFP_NOFAIL },
	{ "__GFP_NORETRY", __GFP_NORETRY },
	{ "__GFP_COMP", __GFP_COMP },
	{ "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_NOMEMALLOC", __GFP_NOMEMALLOC },
	{ "__GFP_MEMALLOC", __GFP_MEMALLOC },
	{ "__GFP_HARDWALL", __GFP_HARDWALL },
	{ "__GFP_THISNODE", __GFP_THISNODE },
	{ "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE },
	{ "__GFP_MOVABLE", __GFP_MOVABLE },
	{ "__GFP_ACCOUNT", __GFP_ACCOUNT },
	{ "__GFP_WRITE", __GFP_WRITE },
	{ "__GFP_RECLAIM", __GFP_RECLAIM },
	{ "__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM },
	{ "__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM },
};

bool kmem_parse_gfp(const char *s, gfp_t *gfp)
{
	char buf[512], *tok, *save = NULL;
	bool known = true;
	size_t i;

	*gfp = 0;
	if (!strcmp(s, "none"))
		return true;
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		if (!strncmp(tok, "0x", 2)) {
			*gfp |= (gfp_t)strtoul(tok, NULL, 16);
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
			if (!strcmp(tok, gfp_names[i].name))
				break;
		if (i == ARRAY_SIZE(gfp_names))
			known = false;   /* e.g. __GFP_ZEROTAGS (arm64 MTE) */
		else
			*gfp |= gfp_names[i].flags;
	}
	return known;
}

static enum kmem_event_kind event_kind(const char *name, size_t len)
{
	int k;
	size_t i;

	for (k = 0; k < KEV_OTHER; k++)
		if (strlen(event_names[k]) == len && !strncmp(name, event_names[k], len))
			return (enum kmem_event_kind)k;
	for (i = 0; i < ARRAY_SIZE(other_kmem_events); i++)
		if (strlen(other_kmem_events[i]) == len &&
		    !strncmp(name, other_kmem_events[i], len))
			return KEV_OTHER;
	return KEV_NR;
}

/* The value of field @key in @fields ("key=value ..."), copied to @out. */
static bool field(const char *fields, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p = fields;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == fields || isspace((unsigned char)p[-1])) && p[klen] == '=') {
			const char *v = p + klen + 1;
			size_t n = strcspn(v, " \t\r\n");

			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return true;
		}
		p += klen;
	}
	return false;
}

static bool field_ul(const char *fields, const char *key, int base, unsigned long *v)
{
	char buf[64], *end;

	if (!field(fields, key, buf, sizeof(buf)) || !buf[0])
		return false;
	*v = strtoul(buf, &end, base);
	return *end == '\0';
}

static bool field_int(const char *fields, const char *key, int *v)
{
	char buf[64], *end;
	long l;

	if (!field(fields, key, buf, sizeof(buf)) || !buf[0])
		return false;
	l = strtol(buf, &end, 10);
	*v = (int)l;
	return *end == '\0';
}

/*
 * ftrace's "secs.usecs:" as nanoseconds, in integers: digits, a dot,
 * digits (past nine only truncated), the colon.  False when it is not
 * that or the seconds do not fit in a u64 of nanoseconds.
 */
static bool parse_timestamp(const char *w, u64 *ns)
{
	const u64 max_secs = U64_MAX / 1000000000ULL;
	u64 secs = 0, frac = 0, scale = 1000000000ULL;

	for (; isdigit((unsigned char)*w); w++) {
		secs = secs * 10 + (u64)(*w - '0');
		if (secs > max_secs)
			return false;
	}
	if (*w++ != '.')
		return false;
	for (; isdigit((unsigned char)*w); w++)
		if (scale > 1) {
			scale /= 10;
			frac += (u64)(*w - '0') * scale;
		}
	if (*w != ':' || secs * 1000000000ULL > U64_MAX - frac)
		return false;
	*ns = secs * 1000000000ULL + frac;
	return true;
}

/* "[003]" at @p: the CPU; then the timestamp and the event name. */
static const char *parse_prefix(const char *line, struct kmem_event *ev,
				const char **name, size_t *namelen)
{
	const char *p = line, *w;
	char *end;

	for (;;) {   /* the first "[digits]" word is the CPU field */
		unsigned long cpu;

		p = strchr(p, '[');
		if (!p)
			return NULL;
		/* digits only: no sign, no value an int cannot hold */
		if (isdigit((unsigned char)p[1])) {
			cpu = strtoul(p + 1, &end, 10);
			if (*end == ']' && cpu <= INT_MAX) {
				ev->cpu = (int)cpu;
				break;
			}
		}
		p++;
	}
	p = end + 1;
	for (;;) {   /* skip the irq-flags word up to "secs.usecs:" */
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			return NULL;
		w = p;
		p += strcspn(p, " \t");
		if (p[-1] == ':' && isdigit((unsigned char)*w) && memchr(w, '.', (size_t)(p - w)))
			break;
	}
	if (!parse_timestamp(w, &ev->ts_ns))
		return NULL;
	while (isspace((unsigned char)*p))
		p++;
	w = p;
	p += strcspn(p, " \t");
	if (p == w || p[-1] != ':')
		return NULL;
	*name = w;
	*namelen = (size_t)(p - w - 1);
	return p;
}

/*
 * ptr=: hex, or "(____ptrval____)", which %p prints until the kernel's
 * pointer-hashing key is ready early in boot: such events are replayed but
 * their pointer cannot be matched to a free.
 */
static bool field_ptr(const char *f, struct kmem_event *ev)
{
	char buf[64];

	if (field(f, "ptr", buf, sizeof(buf)) && !strcmp(buf, "(____ptrval____)")) {
		ev->ptr = 0;
		ev->ptr_hidden = true;
		return true;
	}
	return field_ul(f, "ptr", 16, &ev->ptr);
}

static bool parse_slab_alloc(const char *f, struct kmem_event *ev)
{
	char gfp[512];

	if (!field_ptr(f, ev) ||
	    !field_ul(f, "bytes_req", 10, &ev->bytes_req) ||
	    !field_ul(f, "bytes_alloc", 10, &ev->bytes_alloc) ||
	    !field(f, "gfp_flags", gfp, sizeof(gfp)))
		return false;
	ev->gfp_unknown = !kmem_parse_gfp(gfp, &ev->gfp);
	if (!field_int(f, "node", &ev->node))
		ev->node = NUMA_NO_NODE;
	return true;
}

static bool parse_page(const char *f, struct kmem_event *ev, bool mt, bool gfp)
{
	char buf[512];

	if (!field_ul(f, "pfn", 16, &ev->pfn) || !field_int(f, "order", &ev->order) ||
	    ev->order < 0 || ev->order > 20)
		return false;
	if (mt && !field_int(f, "migratetype", &ev->migratetype))
		return false;
	if (gfp) {
		if (!field(f, "gfp_flags", buf, sizeof(buf)))
			return false;
		ev->gfp_unknown = !kmem_parse_gfp(buf, &ev->gfp);
	}
	return true;
}

int kmem_parse_line(const char *line, int lineno, struct kmem_event *ev)
{
	const char *name, *f;
	size_t namelen;
	bool ok = true;

	if (line[0] == '#' || !strchr(line, '['))
		return 0;
	memset(ev, 0, sizeof(*ev));
	ev->line = lineno;
	ev->node = NUMA_NO_NODE;
	f = parse_prefix(line, ev, &name, &namelen);
	if (!f)
		return 0;
	ev->kind = event_kind(name, namelen);
	switch (ev->kind) {
	case KEV_NR:
		return 0;           /* an event of another system */
	case KEV_OTHER:
		return 1;
	case KEV_KMALLOC:
	case KEV_KMALLOC_NODE:
	case KEV_KMEM_CACHE_ALLOC:
	case KEV_KMEM_CACHE_ALLOC_NODE:
		ok = parse_slab_alloc(f, ev);
		break;
	case KEV_KFREE:
		ok = field_ptr(f, ev);
		break;
	case KEV_KMEM_CACHE_FREE:
		ok = field_ptr(f, ev) && field(f, "name", ev->name, sizeof(ev->name));
		break;
	case KEV_MM_PAGE_ALLOC:
		ok = parse_page(f, ev, true, true);
		break;
	case KEV_MM_PAGE_FREE:
	case KEV_MM_PAGE_FREE_BATCHED:
		ok = parse_page(f, ev, false, false);
		break;
	case KEV_MM_PAGE_ALLOC_ZONE_LOCKED:
		ok = parse_page(f, ev, true, false);
		if (ok && !field_int(f, "percpu_refill", &ev->percpu_refill))
			ev->percpu_refill = 0;
		break;
	}
	return ok ? 1 : -1;
}
