// SPDX-License-Identifier: MIT
/*
 * mm/slub_validate.c — mmsim's checker of the slab allocator's
 * invariants, for tests and debug builds.
 *
 * No kernel counterpart (compare validate_slab_cache() in mm/slub.c,
 * which checks object bytes, and mimalloc's mi_page_is_valid()).  This
 * one checks structure, for every cache at once, without changing
 * anything:
 *
 *   census     every slab page of the memory map (PageSlab head pages) is
 *              found, and per cache and node their number and objects
 *              equal the nr_slabs / total_objects counters;
 *   placement  each slab is in exactly one place, the right one:
 *                a CPU's slab or on a CPU's partial list  -> frozen
 *                on a node's partial list -> not frozen, has free objects,
 *                                            on its own node
 *                on a node's full list    -> SLAB_STORE_USER, no free object
 *                on no list               -> not frozen, full
 *              and nr_partial counts the partial list;
 *   free lists every free pointer points at an object slot of its slab,
 *              no object is twice on a list or on two lists (the CPU's
 *              lockless list and the slab's own), and
 *                objects - inuse == length(slab->freelist)
 *              except for a CPU slab, where the CPU's list holds the rest;
 *   CPU lists  a partial list's head knows its length (slab->slabs);
 *   shadows    a slab has a shadow exactly when its cache has shadows,
 *              with one slot per object standing for that object
 *              (slab_shadow_check()), and slub_st.nr_shadows counts them.
 *
 * Call it while no simulated CPU is allocating or freeing.  It returns 0,
 * or -EINVAL after printing the first problem with pr_err().
 */
#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "linux/errno.h"
#include "linux/percpu.h"
#include "linux/printk.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"
#include "mm/slub_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum slab_place { PLACE_NONE, PLACE_CPU, PLACE_CPU_PARTIAL, PLACE_PARTIAL,
		  PLACE_FULL };

struct slab_seen {
	struct slab *slab;
	enum slab_place place;
};

/* Every slab of the memory map, sorted by address; counted per cache. */
struct census {
	struct slab_seen *seen;
	size_t nr, cap;
	size_t claimed; /* slabs whose cache is on slab_caches */
	size_t shadowed; /* ... of which have a shadow */
	unsigned long nr_slabs[MMSIM_MAX_NUMNODES_LIMIT];
	unsigned long objects[MMSIM_MAX_NUMNODES_LIMIT];
};

struct validator {
	struct census c;
	unsigned long *map; /* one bit per object of the slab being checked */
	int err;
};

static void __printf(2, 3) complain(struct validator *v, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (v->err)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("slub_validate: %s\n", msg);
	v->err = -EINVAL;
}

static int seen_cmp(const void *a, const void *b)
{
	const struct slab_seen *x = a, *y = b;

	return x->slab < y->slab ? -1 : x->slab > y->slab;
}

/* One walk of the memory map: every slab head page. */
static void take_census(struct census *c)
{
	struct zone *zone;

	c->nr = 0;
	for_each_populated_zone(zone) {
		unsigned long pfn;

		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
			struct page *page;
			struct slab *slab;

			if (!pfn_valid(pfn))
				continue;
			page = pfn_to_page(pfn);
			if (PageTail(page) || !PageSlab(page))
				continue;
			slab = page_slab(page);
			if (c->nr == c->cap) {
				c->cap = c->cap ? 2 * c->cap : 256;
				c->seen = host_realloc(c->seen, c->cap * sizeof(*c->seen));
			}
			c->seen[c->nr++] = (struct slab_seen){ slab, PLACE_NONE };
			pfn += (1UL << slab_order(slab)) - 1;
		}
	}
	qsort(c->seen, c->nr, sizeof(*c->seen), seen_cmp);
}

/* The per-node totals of @s's slabs in the census; their shadows checked. */
static void count_cache(struct validator *v, struct kmem_cache *s)
{
	struct census *c = &v->c;
	char why[160];
	size_t i;

	memset(c->nr_slabs, 0, sizeof(unsigned long) * (size_t)nr_node_ids);
	memset(c->objects, 0, sizeof(unsigned long) * (size_t)nr_node_ids);
	for (i = 0; i < c->nr; i++) {
		struct slab *slab = c->seen[i].slab;

		if (slab->slab_cache != s)
			continue;
		c->claimed++;
		if (slab_shadow_check(s, slab, why, sizeof(why)))
			complain(v, "%s: slab %p %s", s->name, (void *)slab, why);
		c->shadowed += slab->shadow != NULL;
		c->nr_slabs[slab_nid(slab)]++;
		c->objects[slab_nid(slab)] += slab->objects;
	}
}

static struct slab_seen *find_seen(struct census *c, struct slab *slab)
{
	struct slab_seen key = { slab, PLACE_NONE };

	return bsearch(&key, c->seen, c->nr, sizeof(*c->seen), seen_cmp);
}

/* Mark where @slab was found; it must be a slab of @s and found once. */
static void place_slab(struct validator *v, struct kmem_cache *s,
		       struct slab *slab, enum slab_place place)
{
	struct slab_seen *e = find_seen(&v->c, slab);

	if (!e || slab->slab_cache != s) {
		complain(v, "%s: slab %p on a list is not a slab of the cache",
			 s->name, (void *)slab);
		return;
	}
	if (e->place != PLACE_NONE)
		complain(v, "%s: slab %p is in two places (%d and %d)", s->name,
			 (void *)slab, e->place, place);
	e->place = place;
	if ((place == PLACE_CPU || place == PLACE_CPU_PARTIAL) != !!slab->frozen)
		complain(v, "%s: slab %p frozen=%u in place %d", s->name,
			 (void *)slab, slab->frozen, place);
}

/* Walk a free list of @slab, marking its objects; its length or -1. */
static long walk_freelist(struct validator *v, struct kmem_cache *s,
			  struct slab *slab, void *head, const char *which)
{
	void *addr = slab_address(slab), *p;
	long n = 0;

	for (p = head; p; p = get_freepointer(s, p)) {
		unsigned int idx;

		if (!check_valid_pointer(s, slab, p)) {
			complain(v, "%s: %s of slab %p: %p is not an object slot",
				 s->name, which, (void *)slab, p);
			return -1;
		}
		idx = __obj_to_index(s, addr, restore_red_left(s, p));
		if (v->map[idx / 64] & (1UL << (idx % 64))) {
			complain(v, "%s: %s of slab %p: object %u listed twice",
				 s->name, which, (void *)slab, idx);
			return -1;
		}
		v->map[idx / 64] |= 1UL << (idx % 64);
		if (++n > (long)slab->objects)
			break;
	}
	return n;
}

/* The slab's own list (and @cpu_list for a CPU slab) against inuse. */
static void check_slab_lists(struct validator *v, struct kmem_cache *s,
			     struct slab *slab, void *cpu_list)
{
	long own, cpu = 0;

	memset(v->map, 0, BITS_TO_LONGS(slab->objects + 1) * sizeof(long));
	if (slab->inuse > slab->objects ||
	    slab->objects > order_objects(slab_order(slab), s->size)) {
		complain(v, "%s: slab %p inuse %u objects %u order %u", s->name,
			 (void *)slab, slab->inuse, slab->objects,
			 slab_order(slab));
		return;
	}
	own = walk_freelist(v, s, slab, slab->freelist, "freelist");
	if (cpu_list)
		cpu = walk_freelist(v, s, slab, cpu_list, "CPU freelist");
	if (own < 0 || cpu < 0)
		return;
	if (own != (long)(slab->objects - slab->inuse))
		complain(v, "%s: slab %p: %ld objects on its freelist, objects - inuse = %u",
			 s->name, (void *)slab, own, slab->objects - slab->inuse);
	if (own + cpu > (long)slab->objects)
		complain(v, "%s: slab %p: more free objects than objects", s->name,
			 (void *)slab);
}

static void check_cpus(struct validator *v, struct kmem_cache *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);
		struct slab *slab;
		int len = 0;

		if (c->slab) {
			place_slab(v, s, c->slab, PLACE_CPU);
			check_slab_lists(v, s, c->slab, c->freelist);
		} else if (c->freelist) {
			complain(v, "%s: CPU %u has a freelist but no slab",
				 s->name, cpu);
		}
		for (slab = c->partial; slab && !v->err; slab = slab->next) {
			place_slab(v, s, slab, PLACE_CPU_PARTIAL);
			check_slab_lists(v, s, slab, NULL);
			len++;
		}
		if (c->partial && c->partial->slabs != len)
			complain(v, "%s: CPU %u partial list: head says %d slabs, %d found",
				 s->name, cpu, c->partial->slabs, len);
	}
}

static void check_node_list(struct validator *v, struct kmem_cache *s,
			    int node, struct list_head *list,
			    enum slab_place place)
{
	struct slab *slab;
	unsigned long n = 0;

	list_for_each_entry(slab, list, slab_list) {
		place_slab(v, s, slab, place);
		if (slab_nid(slab) != node)
			complain(v, "%s: slab %p of node %d on node %d's list",
				 s->name, (void *)slab, slab_nid(slab), node);
		if (place == PLACE_PARTIAL && !slab->freelist)
			complain(v, "%s: full slab %p on a partial list",
				 s->name, (void *)slab);
		if (place == PLACE_FULL && slab->freelist)
			complain(v, "%s: slab %p with free objects on the full list",
				 s->name, (void *)slab);
		check_slab_lists(v, s, slab, NULL);
		if (v->err)
			return;
		n++;
	}
	if (place == PLACE_PARTIAL && n != get_node(s, node)->nr_partial)
		complain(v, "%s: node %d: nr_partial %lu, %lu slabs on the list",
			 s->name, node, get_node(s, node)->nr_partial, n);
}

static void check_cache(struct validator *v, struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	size_t i;
	int node;

	count_cache(v, s);
	for_each_kmem_cache_node(s, node, n) {
		if (node_nr_slabs(n) != v->c.nr_slabs[node] ||
		    node_nr_objs(n) != v->c.objects[node])
			complain(v, "%s: node %d counts %lu slabs / %lu objects, the memory map %lu / %lu",
				 s->name, node, node_nr_slabs(n), node_nr_objs(n),
				 v->c.nr_slabs[node], v->c.objects[node]);
		check_node_list(v, s, node, &n->partial, PLACE_PARTIAL);
		check_node_list(v, s, node, &n->full, PLACE_FULL);
		if (!(s->flags & SLAB_STORE_USER) && !list_empty(&n->full))
			complain(v, "%s: node %d has a full list without SLAB_STORE_USER",
				 s->name, node);
	}
	check_cpus(v, s);
	for (i = 0; i < v->c.nr && !v->err; i++) {
		struct slab *slab = v->c.seen[i].slab;

		if (slab->slab_cache != s || v->c.seen[i].place != PLACE_NONE)
			continue;
		/* on no list: must be a full slab nobody holds */
		if (slab->frozen || slab->freelist || slab->inuse != slab->objects)
			complain(v, "%s: slab %p is on no list but frozen=%u inuse=%u/%u freelist=%p",
				 s->name, (void *)slab, slab->frozen, slab->inuse,
				 slab->objects, slab->freelist);
		else if (s->flags & SLAB_STORE_USER)
			complain(v, "%s: full slab %p missing from the full list",
				 s->name, (void *)slab);
	}
}

int slub_validate(void)
{
	struct validator v = { 0 };
	struct kmem_cache *s;

	v.map = host_alloc(BITS_TO_LONGS(MAX_OBJS_PER_PAGE) * sizeof(long));
	take_census(&v.c);
	list_for_each_entry(s, &slub_st.slab_caches, list) {
		check_cache(&v, s);
		if (v.err)
			break;
	}
	if (!v.err && v.c.claimed != v.c.nr)
		complain(&v, "%zu slab pages belong to no cache on slab_caches",
			 v.c.nr - v.c.claimed);
	if (!v.err && v.c.shadowed != slub_st.nr_shadows)
		complain(&v, "%lu slab shadows, %zu slabs with one",
			 slub_st.nr_shadows, v.c.shadowed);
	host_free(v.map);
	host_free(v.c.seen);
	return v.err;
}
