// SPDX-License-Identifier: MIT
/*
 * tools/replay_kmem.c — replaying a real kernel's kmem trace on a booted
 * simulated machine, and the report a researcher reads from it.
 *
 * No kernel counterpart (the trace format is include/trace/events/kmem.h;
 * the indexes are mm/vmstat.c's, in mm/vmstat_extfrag.c).  The trace is
 * read whole (tools/replay_kmem_parse.c), then:
 *
 *   1. classify   the trace's mm_page_alloc events that SLUB itself made
 *                 (new slabs: __GFP_NOWARN|__GFP_NORETRY, not movable)
 *                 or kmalloc_large made (the same CPU's page of the right
 *                 order just before a kmalloc above KMALLOC_MAX_CACHE_SIZE)
 *                 are left to the replayed SLUB, which makes its own;
 *                 kmem_cache_alloc learns its cache from the free of the
 *                 same pointer (kmem_cache_free name=);
 *   2. replay     event by event, on the event's CPU (CPU ids beyond the
 *                 machine's fold onto it, counted), timing each call;
 *   3. sample     the free lists by order x migrate type at evenly spaced
 *                 points of the trace;
 *   4. report     events, unservable reasons, failures, time per call,
 *                 the free-list series, unusable-free-space and
 *                 fragmentation indexes per zone and order, slab memory
 *                 and waste per cache the replay touched.
 *
 * Live allocations are keyed by the trace's pointer (slab objects) or pfn
 * (pages) in open-addressing hash tables.  Everything still allocated at
 * the end is freed before returning, so the machine is left as found
 * (apart from caches the replay had to create).
 */
#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/slab.h"
#include "linux/mm.h"
#include "linux/numa.h"
#include "linux/smp.h"
#include "linux/seq_file.h"
#include "mm/slab.h"
#include "fs/proc/internal.h"
#include "mm/vmstat_extfrag.h"
#include "mmsim/host.h"
#include "mmsim/json.h"
#include "mmsim/replay_kmem.h"
#include "mm/page_alloc_internal.h"

#include <string.h>

enum unservable_reason {
	UNS_FREE_UNKNOWN_PTR,    /* kfree/kmem_cache_free: not allocated in the trace */
	UNS_FREE_UNKNOWN_PAGE,   /* mm_page_free of a page allocated before it */
	UNS_NO_CACHE,            /* kmem_cache_alloc: cache cannot be made */
	UNS_BAD_ORDER,           /* order >= MAX_ORDER of the machine */
	UNS_FAILED_IN_TRACE,     /* the real allocation failed (ptr 0) */
	UNS_PTR_HIDDEN,          /* a free whose ptr the kernel printed as (____ptrval____) */
	UNS_NR
};

static const char *const unservable_text[UNS_NR] = {
	"free of a pointer allocated before the trace began",
	"free of a page allocated before the trace began",
	"cache could not be created",
	"order beyond the machine's MAX_ORDER",
	"allocation that failed in the trace itself",
	"free of a pointer printed as (____ptrval____)",
};

/* A live allocation of the replay, keyed by trace pointer or pfn. */
struct live {
	unsigned long key;       /* 0 = empty slot */
	void *obj;               /* the simulated object, or struct page * */
	struct kmem_cache *cache;/* NULL for kmalloc and pages */
	unsigned long bytes_req;
	int order;
	int use;                 /* index in caches[] of the object's row, or -1 */
	bool slab_page;          /* a page the trace's SLUB took (not replayed) */
	bool dead;               /* freed: a tombstone for the probing */
};

struct live_table {
	struct live *slots;
	size_t cap, used;
};

struct cache_use {
	char name[48];
	struct kmem_cache *cache;
	unsigned long allocs, frees, live, bytes_req_live;
	bool created;
};

#define MAX_SAMPLES 64

struct free_sample {
	u64 ts_ns;
	int event;               /* index of the next event */
	unsigned long blocks[MMSIM_MAX_MIGRATE_TYPES][MAX_ORDER_LIMIT];
	unsigned long free_pages;
};

struct kmem_replay {
	struct kmem_event *ev;
	int nr_ev, bad_lines;
	unsigned char *skip;          /* ev[i] is left to SLUB (1) */
	char (*cache_of)[48];         /* kmem_cache_alloc: the name from its free */
	unsigned long count[KEV_NR], replayed[KEV_NR], failed[KEV_NR];
	u64 time_ns[KEV_NR];
	unsigned long unservable[UNS_NR];
	unsigned long left_to_slub, gfp_unknown, mt_mismatch, cpus_folded;
	unsigned long hidden_key;     /* keys for (____ptrval____) objects */
	unsigned long failed_by_order[MAX_ORDER_LIMIT];
	struct live_table objs, pages;
	struct cache_use *caches;
	int nr_caches;
	struct free_sample samples[MAX_SAMPLES];
	int nr_samples;
};

/* ---- hash tables ---- */

static size_t live_hash(unsigned long key, size_t cap)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 17) & (cap - 1);
}

static void live_grow(struct live_table *t);

static struct live *live_lookup(struct live_table *t, unsigned long key)
{
	size_t i;

	if (!t->cap)
		return NULL;
	for (i = live_hash(key, t->cap); t->slots[i].key || t->slots[i].dead;
	     i = (i + 1) & (t->cap - 1))
		if (t->slots[i].key == key && !t->slots[i].dead)
			return &t->slots[i];
	return NULL;
}

static struct live *live_insert(struct live_table *t, unsigned long key)
{
	size_t i;

	if ((t->used + 1) * 2 > t->cap)
		live_grow(t);
	for (i = live_hash(key, t->cap); t->slots[i].key && !t->slots[i].dead;
	     i = (i + 1) & (t->cap - 1))
		;
	if (!t->slots[i].dead)
		t->used++;
	memset(&t->slots[i], 0, sizeof(t->slots[i]));
	t->slots[i].key = key;
	return &t->slots[i];
}

static void live_remove(struct live *l)
{
	l->dead = true;
}

static void live_grow(struct live_table *t)
{
	struct live_table n = { NULL, t->cap ? t->cap * 2 : 1024, 0 };
	size_t i;

	n.slots = host_alloc(n.cap * sizeof(*n.slots));
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].key && !t->slots[i].dead)
			*live_insert(&n, t->slots[i].key) = t->slots[i];
	host_free(t->slots);
	*t = n;
}

/* ---- step 1: classify ---- */

static int order_of_bytes(unsigned long bytes)
{
	const int top = (int)(8 * sizeof(long)) - PAGE_SHIFT;  /* PAGE_SIZE << top == 2^64 */
	int order = 0;

	while (order < top && (PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

/* A new slab of the traced kernel's SLUB (allocate_slab()'s flags). */
static bool is_slab_page(const struct kmem_event *e)
{
	return (e->gfp & __GFP_NOWARN) && (e->gfp & __GFP_NORETRY) &&
	       e->migratetype != MIGRATE_MOVABLE;
}

static void classify(struct kmem_replay *r)
{
	struct live_table names = { 0 };
	int i, j;

	r->skip = host_alloc((size_t)r->nr_ev + 1);
	r->cache_of = host_alloc(((size_t)r->nr_ev + 1) * sizeof(*r->cache_of));
	for (i = 0; i < r->nr_ev; i++) {
		struct kmem_event *e = &r->ev[i];

		if (e->kind == KEV_MM_PAGE_ALLOC && is_slab_page(e))
			r->skip[i] = 1;
		if ((e->kind == KEV_KMALLOC || e->kind == KEV_KMALLOC_NODE) &&
		    e->bytes_alloc > KMALLOC_MAX_CACHE_SIZE) {
			for (j = i - 1; j >= 0 && j >= i - 64; j--) {
				struct kmem_event *p = &r->ev[j];

				if (p->cpu == e->cpu && p->kind == KEV_MM_PAGE_ALLOC &&
				    !r->skip[j] && p->order == order_of_bytes(e->bytes_alloc)) {
					r->skip[j] = 1;
					break;
				}
			}
		}
	}
	/* the cache of each kmem_cache_alloc: the name its free gives */
	for (i = r->nr_ev - 1; i >= 0; i--) {
		struct kmem_event *e = &r->ev[i];
		struct live *l;

		if (e->ptr_hidden)
			continue;
		if (e->kind == KEV_KMEM_CACHE_FREE) {
			l = live_insert(&names, e->ptr ? e->ptr : 1);
			l->obj = e;
		} else if ((e->kind == KEV_KMEM_CACHE_ALLOC ||
			    e->kind == KEV_KMEM_CACHE_ALLOC_NODE) &&
			   (l = live_lookup(&names, e->ptr ? e->ptr : 1)) != NULL) {
			snprintf(r->cache_of[i], sizeof(r->cache_of[i]), "%s",
				 ((struct kmem_event *)l->obj)->name);
			live_remove(l);
		} else if (e->kind == KEV_KFREE &&
			   (l = live_lookup(&names, e->ptr ? e->ptr : 1)) != NULL) {
			live_remove(l);  /* a kfree'd object: the name stays unknown */
		}
	}
	host_free(names.slots);
}

/* ---- step 2: replay ---- */

static struct cache_use *cache_use_find(struct kmem_replay *r, const char *name)
{
	int i;

	for (i = 0; i < r->nr_caches; i++)
		if (!strcmp(r->caches[i].name, name))
			return &r->caches[i];
	return NULL;
}

static struct cache_use *cache_use_add(struct kmem_replay *r, const char *name,
				       struct kmem_cache *s)
{
	struct cache_use *u;

	r->caches = host_realloc(r->caches, (size_t)(r->nr_caches + 1) * sizeof(*u));
	u = &r->caches[r->nr_caches++];
	memset(u, 0, sizeof(*u));
	snprintf(u->name, sizeof(u->name), "%s", name);
	u->cache = s;
	return u;
}

static struct kmem_cache *find_cache_by_name(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slub_st.slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

/*
 * The cache a kmem_cache_alloc of the trace goes to: the machine's cache
 * of that name, else one made for it with the object size the trace shows.
 * Objects whose name the trace never gives go to "replay-<bytes>".
 */
static struct cache_use *cache_for(struct kmem_replay *r, int i)
{
	const struct kmem_event *e = &r->ev[i];
	char name[48];
	struct cache_use *u;
	struct kmem_cache *s;

	if (r->cache_of[i][0])
		snprintf(name, sizeof(name), "%s", r->cache_of[i]);
	else
		snprintf(name, sizeof(name), "replay-%lu", e->bytes_req);
	u = cache_use_find(r, name);
	if (u)
		return u;
	s = find_cache_by_name(name);
	if (s)
		return cache_use_add(r, name, s);
	s = kmem_cache_create(name, (unsigned int)(e->bytes_req ? e->bytes_req : 8),
			      0, 0, NULL);
	if (!s)
		return NULL;
	u = cache_use_add(r, name, s);
	u->created = true;
	return u;
}

/* kmalloc caches get a cache_use row too, by the cache the object landed in. */
static struct cache_use *cache_use_of_obj(struct kmem_replay *r, void *obj)
{
	struct page *page = virt_to_page(obj);
	struct kmem_cache *s;
	int i;

	if (!PageSlab(page))
		return NULL;   /* kmalloc_large */
	s = page_slab(page)->slab_cache;
	for (i = 0; i < r->nr_caches; i++) {   /* r->caches is NULL before the first */
		struct cache_use *u = &r->caches[i];

		if (u->cache == s && !u->created && !strcmp(u->name, s->name))
			return u;
	}
	return cache_use_add(r, s->name, s);
}

static int replay_node(int node)
{
	return node >= 0 && node < (int)nr_node_ids ? node : NUMA_NO_NODE;
}

static void note_alloc(struct kmem_replay *r, const struct kmem_event *e,
		       unsigned long key, void *obj, struct kmem_cache *cache,
		       struct cache_use *u)
{
	struct live *l = live_lookup(&r->objs, key);

	if (l) {   /* the trace reused a pointer whose free it did not show */
		if (l->cache)
			kmem_cache_free(l->cache, l->obj);
		else
			kfree(l->obj);
		live_remove(l);
	}
	l = live_insert(&r->objs, key);
	l->obj = obj;
	l->cache = cache;
	l->bytes_req = e->bytes_req;
	l->use = u ? (int)(u - r->caches) : -1;
	if (u) {
		u->allocs++;
		u->live++;
		u->bytes_req_live += e->bytes_req;
	}
}

static void replay_slab_alloc(struct kmem_replay *r, int i)
{
	const struct kmem_event *e = &r->ev[i];
	struct cache_use *u = NULL;
	unsigned long key;
	bool from_cache;
	void *obj;
	u64 t0;

	if (!e->ptr && !e->ptr_hidden) {
		r->unservable[UNS_FAILED_IN_TRACE]++;
		return;
	}
	if (e->kind == KEV_KMEM_CACHE_ALLOC || e->kind == KEV_KMEM_CACHE_ALLOC_NODE) {
		u = cache_for(r, i);
		if (!u) {
			r->unservable[UNS_NO_CACHE]++;
			return;
		}
		t0 = host_time_ns();
		obj = kmem_cache_alloc_node(u->cache, e->gfp, replay_node(e->node));
		r->time_ns[e->kind] += host_time_ns() - t0;
	} else {
		t0 = host_time_ns();
		obj = kmalloc_node(e->bytes_req, e->gfp, replay_node(e->node));
		r->time_ns[e->kind] += host_time_ns() - t0;
	}
	r->replayed[e->kind]++;
	if (!obj) {
		r->failed[e->kind]++;
		return;
	}
	from_cache = u != NULL;   /* kmalloc objects are freed with kfree */
	if (!u && !ZERO_OR_NULL_PTR(obj))
		u = cache_use_of_obj(r, obj);
	/* a (____ptrval____) object: no free can name it, kept until released */
	key = e->ptr_hidden ? ~0ul - r->hidden_key++ : e->ptr;
	note_alloc(r, e, key, obj, from_cache ? u->cache : NULL, u);
}

static void replay_slab_free(struct kmem_replay *r, const struct kmem_event *e)
{
	struct live *l = e->ptr ? live_lookup(&r->objs, e->ptr) : NULL;
	struct cache_use *u = NULL;
	u64 t0;

	if (e->ptr_hidden) {
		r->unservable[UNS_PTR_HIDDEN]++;
		return;
	}
	if (!e->ptr) {
		r->replayed[e->kind]++;   /* kfree(NULL): nothing to do, as in the kernel */
		return;
	}
	if (!l) {
		r->unservable[UNS_FREE_UNKNOWN_PTR]++;
		return;
	}
	if (l->use >= 0)
		u = &r->caches[l->use];
	if (u) {
		u->frees++;
		u->live--;
		u->bytes_req_live -= l->bytes_req;
	}
	t0 = host_time_ns();
	if (l->cache)
		kmem_cache_free(l->cache, l->obj);
	else
		kfree(l->obj);
	r->time_ns[e->kind] += host_time_ns() - t0;
	r->replayed[e->kind]++;
	live_remove(l);
}

static void replay_page_alloc(struct kmem_replay *r, int i)
{
	const struct kmem_event *e = &r->ev[i];
	struct live *l;
	struct page *page;
	u64 t0;

	if (r->skip[i]) {
		r->left_to_slub++;
		l = live_insert(&r->pages, e->pfn + 1);
		l->slab_page = true;
		l->order = e->order;
		return;
	}
	if ((unsigned int)e->order >= MAX_ORDER) {
		r->unservable[UNS_BAD_ORDER]++;
		return;
	}
	if (gfp_migratetype(e->gfp) != e->migratetype)
		r->mt_mismatch++;
	t0 = host_time_ns();
	page = alloc_pages(e->gfp, (unsigned int)e->order);
	r->time_ns[e->kind] += host_time_ns() - t0;
	r->replayed[e->kind]++;
	if (!page) {
		r->failed[e->kind]++;
		r->failed_by_order[e->order]++;
		return;
	}
	l = live_lookup(&r->pages, e->pfn + 1);
	if (l && !l->slab_page)
		__free_pages((struct page *)l->obj, (unsigned int)l->order);
	if (l)
		live_remove(l);
	l = live_insert(&r->pages, e->pfn + 1);
	l->obj = page;
	l->order = e->order;
}

static void replay_page_free(struct kmem_replay *r, const struct kmem_event *e)
{
	struct live *l = live_lookup(&r->pages, e->pfn + 1);
	u64 t0;

	if (!l) {
		r->unservable[UNS_FREE_UNKNOWN_PAGE]++;
		return;
	}
	if (l->slab_page) {
		r->left_to_slub++;
	} else {
		t0 = host_time_ns();
		__free_pages((struct page *)l->obj, (unsigned int)l->order);
		r->time_ns[e->kind] += host_time_ns() - t0;
		r->replayed[e->kind]++;
	}
	live_remove(l);
}

/* ---- step 3: samples ---- */

static void take_sample(struct kmem_replay *r, int next_event)
{
	struct free_sample *s;
	struct zone *zone;
	unsigned int order;
	int mt;

	if (r->nr_samples == MAX_SAMPLES)
		return;
	s = &r->samples[r->nr_samples++];
	memset(s, 0, sizeof(*s));
	s->event = next_event;
	s->ts_ns = next_event < r->nr_ev ? r->ev[next_event].ts_ns :
		   (r->nr_ev ? r->ev[r->nr_ev - 1].ts_ns : 0);
	for_each_populated_zone(zone) {
		spin_lock(&zone->lock);
		for (order = 0; order < MAX_ORDER; order++) {
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct list_head *pos;

				list_for_each(pos, &zone->free_area[order].free_list[mt])
					s->blocks[mt][order]++;
			}
			s->free_pages += zone->free_area[order].nr_free << order;
		}
		spin_unlock(&zone->lock);
	}
}

static void replay_one(struct kmem_replay *r, int i)
{
	const struct kmem_event *e = &r->ev[i];

	switch (e->kind) {
	case KEV_KMALLOC:
	case KEV_KMALLOC_NODE:
	case KEV_KMEM_CACHE_ALLOC:
	case KEV_KMEM_CACHE_ALLOC_NODE:
		replay_slab_alloc(r, i);
		break;
	case KEV_KFREE:
	case KEV_KMEM_CACHE_FREE:
		replay_slab_free(r, e);
		break;
	case KEV_MM_PAGE_ALLOC:
		replay_page_alloc(r, i);
		break;
	case KEV_MM_PAGE_FREE:
		replay_page_free(r, e);
		break;
	default:  /* batched frees, zone-locked refills, other events: counted */
		break;
	}
}

/* Free what the trace left allocated, so the machine ends as it began. */
static void release_all(struct kmem_replay *r)
{
	size_t i;

	for (i = 0; i < r->objs.cap; i++) {
		struct live *l = &r->objs.slots[i];

		if (!l->key || l->dead)
			continue;
		if (l->cache)
			kmem_cache_free(l->cache, l->obj);
		else
			kfree(l->obj);
	}
	for (i = 0; i < r->pages.cap; i++) {
		struct live *l = &r->pages.slots[i];

		if (l->key && !l->dead && !l->slab_page)
			__free_pages((struct page *)l->obj, (unsigned int)l->order);
	}
}

static int parse_all(struct kmem_replay *r, const char *text)
{
	const char *p = text;
	char line[4096];
	int lineno = 0, cap = 0;

	while (*p) {
		size_t n = strcspn(p, "\n");
		struct kmem_event ev;
		int ret;

		lineno++;
		snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) ? n : sizeof(line) - 1), p);
		p += n + (p[n] == '\n');
		ret = kmem_parse_line(line, lineno, &ev);
		if (ret < 0)
			r->bad_lines++;
		if (ret <= 0)
			continue;
		if (r->nr_ev == cap) {
			cap = cap ? cap * 2 : 4096;
			r->ev = host_realloc(r->ev, (size_t)cap * sizeof(*r->ev));
		}
		r->ev[r->nr_ev++] = ev;
		r->count[ev.kind]++;
		if (ev.gfp_unknown)
			r->gfp_unknown++;
	}
	return r->nr_ev;
}

struct kmem_replay *kmem_replay_run(struct machine *m, const char *text,
				    int samples, char *err, size_t errlen)
{
	struct kmem_replay *r = host_alloc(sizeof(*r));
	struct machine *old = machine_enter(m);
	int old_cpu = mmsim_cpu_id, i, every;

	if (!parse_all(r, text)) {
		snprintf(err, errlen, "no kmem trace event in the text (%d malformed event lines)",
			 r->bad_lines);
		machine_enter(old);
		kmem_replay_free(r);
		return NULL;
	}
	classify(r);
	samples = clamp(samples, 2, MAX_SAMPLES);
	every = (r->nr_ev + samples - 2) / (samples - 1);
	if (every < 1)
		every = 1;
	for (i = 0; i < r->nr_ev; i++) {
		int cpu = r->ev[i].cpu;

		if (i % every == 0)
			take_sample(r, i);
		if (cpu < 0 || cpu >= (int)nr_cpu_ids) {
			r->cpus_folded++;
			cpu = (cpu < 0 ? -cpu : cpu) % (int)nr_cpu_ids;
		}
		mmsim_cpu_id = cpu;
		replay_one(r, i);
	}
	take_sample(r, r->nr_ev);
	mmsim_cpu_id = old_cpu;
	machine_enter(old);
	return r;
}

void kmem_replay_release(struct kmem_replay *r, struct machine *m)
{
	struct machine *old = machine_enter(m);

	if (r->objs.cap || r->pages.cap) {
		release_all(r);
		host_free(r->objs.slots);
		host_free(r->pages.slots);
		memset(&r->objs, 0, sizeof(r->objs));
		memset(&r->pages, 0, sizeof(r->pages));
	}
	machine_enter(old);
}

void kmem_replay_free(struct kmem_replay *r)
{
	if (!r)
		return;
	host_free(r->ev);
	host_free(r->skip);
	host_free(r->cache_of);
	host_free(r->objs.slots);
	host_free(r->pages.slots);
	host_free(r->caches);
	host_free(r);
}

unsigned long kmem_replay_count(const struct kmem_replay *r, enum kmem_event_kind k)
{
	return r->count[k];
}

unsigned long kmem_replay_replayed(const struct kmem_replay *r, enum kmem_event_kind k)
{
	return r->replayed[k];
}

unsigned long kmem_replay_unservable(const struct kmem_replay *r)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < UNS_NR; i++)
		n += r->unservable[i];
	return n;
}

unsigned long kmem_replay_failed(const struct kmem_replay *r)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < KEV_NR; i++)
		n += r->failed[i];
	return n;
}

unsigned long kmem_replay_bad_lines(const struct kmem_replay *r)
{
	return (unsigned long)r->bad_lines;
}

/* ---- step 4: report ---- */

/* Slab figures of one cache: memory in its slabs, objects in use. */
struct cache_figures {
	unsigned long slab_bytes, objs_active, obj_bytes;
};

static void cache_figures(struct kmem_cache *s, struct cache_figures *c)
{
	struct slabinfo si;

	memset(&si, 0, sizeof(si));
	get_slabinfo(s, &si);
	c->slab_bytes = si.num_slabs * (PAGE_SIZE << si.cache_order);
	c->objs_active = si.active_objs;
	c->obj_bytes = si.active_objs * s->size;
}

static char *render(void (*show)(struct seq_file *m))
{
	struct seq_file m;

	seq_file_init(&m);
	show(&m);
	return seq_file_detach(&m, NULL);
}

static void report_events(struct kmem_replay *r, FILE *f)
{
	int k, i;

	fprintf(f, "%-26s %9s %9s %7s %11s\n", "event", "in trace", "replayed",
		"failed", "ns/call");
	for (k = 0; k < KEV_NR; k++) {
		if (!r->count[k])
			continue;
		fprintf(f, "%-26s %9lu %9lu %7lu %11.0f\n", kmem_event_name((enum kmem_event_kind)k),
			r->count[k], r->replayed[k], r->failed[k],
			r->replayed[k] ? (double)r->time_ns[k] / (double)r->replayed[k] : 0.0);
	}
	fprintf(f, "\npage events left to the replayed SLUB (its slabs, kmalloc_large): %lu\n",
		r->left_to_slub);
	fprintf(f, "unservable events: %lu\n", kmem_replay_unservable(r));
	for (i = 0; i < UNS_NR; i++)
		if (r->unservable[i])
			fprintf(f, "  %-52s %lu\n", unservable_text[i], r->unservable[i]);
	if (r->gfp_unknown)
		fprintf(f, "events with gfp flag names mmsim does not know: %lu\n", r->gfp_unknown);
	if (r->mt_mismatch)
		fprintf(f, "page allocations whose gfp gives another migrate type than the trace's: %lu\n",
			r->mt_mismatch);
	if (r->cpus_folded)
		fprintf(f, "events on CPUs the machine lacks (folded): %lu\n", r->cpus_folded);
	if (r->bad_lines)
		fprintf(f, "malformed kmem event lines (skipped): %d\n", r->bad_lines);
	for (i = 0; i < MAX_ORDER_LIMIT; i++)
		if (r->failed_by_order[i])
			fprintf(f, "failed page allocations of order %d: %lu\n", i,
				r->failed_by_order[i]);
}

static void report_samples(struct kmem_replay *r, FILE *f)
{
	int s, mt;
	unsigned int order;

	fprintf(f, "\nFree blocks by migrate type and order (all zones), over the trace\n");
	for (s = 0; s < r->nr_samples; s++) {
		const struct free_sample *x = &r->samples[s];

		fprintf(f, "at %llu.%06llu (event %d): %lu free pages\n",
			(unsigned long long)(x->ts_ns / 1000000000ull),
			(unsigned long long)(x->ts_ns % 1000000000ull / 1000), x->event,
			x->free_pages);
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			fprintf(f, "  %-12s", migratetype_name(mt));
			for (order = 0; order < MAX_ORDER; order++)
				fprintf(f, " %6lu", x->blocks[mt][order]);
			fputc('\n', f);
		}
	}
}

static void report_caches(struct kmem_replay *r, FILE *f)
{
	int i;

	fprintf(f, "\nSlab caches the replay used (at the end of the trace, before its leftovers are freed)\n");
	fprintf(f, "%-24s %8s %8s %10s %10s %10s %10s %6s\n", "cache", "allocs", "live",
		"requested", "objects", "slabs", "waste", "waste%");
	for (i = 0; i < r->nr_caches; i++) {
		struct cache_use *u = &r->caches[i];
		struct cache_figures c;
		unsigned long waste;

		cache_figures(u->cache, &c);
		waste = c.slab_bytes > u->bytes_req_live ? c.slab_bytes - u->bytes_req_live : 0;
		fprintf(f, "%-24s %8lu %8lu %10lu %10lu %10lu %10lu %5.1f%%%s%s%s\n", u->name,
			u->allocs, u->live, u->bytes_req_live, c.obj_bytes, c.slab_bytes,
			waste, c.slab_bytes ? 100.0 * (double)waste / (double)c.slab_bytes : 0.0,
			u->created ? "  (created)" : "",
			strcmp(u->cache->name, u->name) ? "  merged into " : "",
			strcmp(u->cache->name, u->name) ? u->cache->name : "");
	}
}

void kmem_replay_report(struct kmem_replay *r, struct machine *m, FILE *f)
{
	struct machine *old = machine_enter(m);
	char *text;

	fprintf(f, "replay-kmem: %d events\n\n", r->nr_ev);
	report_events(r, f);
	report_samples(r, f);
	report_caches(r, f);
	text = render(unusable_show);
	fprintf(f, "\nUnusable free space index (extfrag/unusable_index), end of the trace\n%s", text);
	host_free(text);
	text = render(extfrag_show);
	fprintf(f, "\nFragmentation index (extfrag/extfrag_index), end of the trace\n%s", text);
	host_free(text);
	machine_enter(old);
}

static void json_indexes(struct json_out *j, const char *key, bool unusable)
{
	struct contig_page_info info;
	struct zone *zone;
	unsigned int order;

	json_begin_array(j, key);
	for_each_populated_zone(zone) {
		json_begin_object(j, NULL);
		json_i64(j, "node", zone->zone_pgdat->node_id);
		json_str(j, "zone", zone->name);
		json_begin_array(j, "by_order");
		for (order = 0; order < MAX_ORDER; order++) {
			fill_contig_page_info(zone, order, &info);
			json_double(j, NULL, (unusable ? unusable_free_index(order, &info) :
					      __fragmentation_index(order, &info)) / 1000.0);
		}
		json_end(j);
		json_end(j);
	}
	json_end(j);
}

static void json_samples(struct kmem_replay *r, struct json_out *j)
{
	unsigned int order;
	int s, mt;

	json_begin_array(j, "free_blocks_series");
	for (s = 0; s < r->nr_samples; s++) {
		json_begin_object(j, NULL);
		json_u64(j, "ts_ns", r->samples[s].ts_ns);
		json_i64(j, "event", r->samples[s].event);
		json_u64(j, "free_pages", r->samples[s].free_pages);
		json_begin_object(j, "blocks");
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			json_begin_array(j, migratetype_name(mt));
			for (order = 0; order < MAX_ORDER; order++)
				json_u64(j, NULL, r->samples[s].blocks[mt][order]);
			json_end(j);
		}
		json_end(j);
		json_end(j);
	}
	json_end(j);
}

void kmem_replay_json(struct kmem_replay *r, struct machine *m, struct json_out *j)
{
	struct machine *old = machine_enter(m);
	int k, i;

	json_begin_object(j, "replay_kmem");
	json_i64(j, "events", r->nr_ev);
	json_begin_object(j, "by_event");
	for (k = 0; k < KEV_NR; k++) {
		if (!r->count[k])
			continue;
		json_begin_object(j, kmem_event_name((enum kmem_event_kind)k));
		json_u64(j, "in_trace", r->count[k]);
		json_u64(j, "replayed", r->replayed[k]);
		json_u64(j, "failed", r->failed[k]);
		json_u64(j, "host_ns", r->time_ns[k]);
		json_end(j);
	}
	json_end(j);
	json_u64(j, "left_to_slub", r->left_to_slub);
	json_begin_object(j, "unservable");
	for (i = 0; i < UNS_NR; i++)
		json_u64(j, unservable_text[i], r->unservable[i]);
	json_end(j);
	json_u64(j, "malformed_lines", (unsigned long long)r->bad_lines);
	json_samples(r, j);
	json_begin_array(j, "caches");
	for (i = 0; i < r->nr_caches; i++) {
		struct cache_figures c;

		cache_figures(r->caches[i].cache, &c);
		json_begin_object(j, NULL);
		json_str(j, "name", r->caches[i].name);
		json_u64(j, "allocs", r->caches[i].allocs);
		json_u64(j, "live", r->caches[i].live);
		json_u64(j, "requested_bytes", r->caches[i].bytes_req_live);
		json_u64(j, "object_bytes", c.obj_bytes);
		json_u64(j, "slab_bytes", c.slab_bytes);
		json_bool(j, "created", r->caches[i].created);
		json_str(j, "cache", r->caches[i].cache->name);
		json_end(j);
	}
	json_end(j);
	json_indexes(j, "unusable_index", true);
	json_indexes(j, "extfrag_index", false);
	json_end(j);
	machine_enter(old);
}
