/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/replay_kmem.h — replay a real kernel's kmem trace on a
 * booted simulated machine (tools/replay_kmem.c, tools/replay_kmem_parse.c;
 * `mmsim replay-kmem`, docs/replay-kmem.md).
 *
 * No kernel counterpart: the input is the text of the kmem trace events of
 * include/trace/events/kmem.h (Linux 6.1; kmalloc_node and
 * kmem_cache_alloc_node of older kernels too) as /sys/kernel/tracing/trace
 * or `trace-cmd report` print them.  Each event becomes the allocator call
 * it records, on the simulated CPU it ran on:
 *
 *   kmalloc, kmalloc_node                 kmalloc_node(bytes_req, gfp, node)
 *   kmem_cache_alloc, kmem_cache_alloc_node  kmem_cache_alloc_node() on the
 *                                         cache the trace names at free time
 *                                         (created when the machine lacks it)
 *   kfree, kmem_cache_free                kfree(), kmem_cache_free()
 *   mm_page_alloc                         alloc_pages(gfp, order), except the
 *                                         slab pages and kmalloc_large pages,
 *                                         which the replayed SLUB allocates
 *   mm_page_free                          __free_pages() of the replayed page
 *   mm_page_free_batched,                 counted: each is part of an
 *   mm_page_alloc_zone_locked             mm_page_free / mm_page_alloc
 *
 * Pointers of the trace (hashed by %p, but stable within one boot) and
 * pfns are mapped onto the simulated allocations.  An event the machine
 * cannot serve (a free of something allocated before tracing began, an
 * unknown cache) is counted by reason, never fatal.
 */
#ifndef _MMSIM_REPLAY_KMEM_H
#define _MMSIM_REPLAY_KMEM_H

#include "linux/types.h"
#include <stdio.h>

struct machine;
struct json_out;

enum kmem_event_kind {
	KEV_KMALLOC,
	KEV_KMALLOC_NODE,
	KEV_KMEM_CACHE_ALLOC,
	KEV_KMEM_CACHE_ALLOC_NODE,
	KEV_KFREE,
	KEV_KMEM_CACHE_FREE,
	KEV_MM_PAGE_ALLOC,
	KEV_MM_PAGE_FREE,
	KEV_MM_PAGE_FREE_BATCHED,
	KEV_MM_PAGE_ALLOC_ZONE_LOCKED,
	KEV_OTHER,              /* another kmem event (rss_stat, ...) */
	KEV_NR
};

/* One event line of the trace. */
struct kmem_event {
	enum kmem_event_kind kind;
	int cpu;
	int line;                 /* in the trace file, from 1 */
	u64 ts_ns;                /* the trace's timestamp */
	unsigned long ptr;        /* ptr= (hashed by the kernel's %p) */
	unsigned long pfn;
	unsigned long bytes_req, bytes_alloc;
	gfp_t gfp;
	int node;                 /* node= (NUMA_NO_NODE when absent) */
	int order;
	int migratetype;
	int percpu_refill;
	bool gfp_unknown;         /* a flag name mmsim does not know */
	bool ptr_hidden;          /* ptr=(____ptrval____): %p before hashing was ready */
	char name[48];            /* kmem_cache_free's name= */
};

/*
 * Parse one line.  Returns 1 and fills @ev for an event of the kmem
 * system, 0 for a line that is not an event (header, comment, blank, an
 * event of another system), -1 for a kmem event line that cannot be
 * parsed (a field missing or malformed).
 */
int kmem_parse_line(const char *line, int lineno, struct kmem_event *ev);
/* Parse "GFP_KERNEL|__GFP_ZERO" (or "none", or 0x hex); false if a name is unknown. */
bool kmem_parse_gfp(const char *s, gfp_t *gfp);
const char *kmem_event_name(enum kmem_event_kind kind);

struct kmem_replay;

/*
 * Replay the trace text @text on booted machine @m (current on this thread
 * during the call and left as it was).  @samples: how many points of the
 * free-list series (at least 2: start and end).  Returns the results, or
 * NULL with @err set when the text holds no kmem event at all.
 */
struct kmem_replay *kmem_replay_run(struct machine *m, const char *text,
				    int samples, char *err, size_t errlen);
/* The researcher's report, as text; the same figures as JSON. */
void kmem_replay_report(struct kmem_replay *r, struct machine *m, FILE *f);
void kmem_replay_json(struct kmem_replay *r, struct machine *m, struct json_out *j);
/* Free what the trace left allocated on @m (the reports then show it gone). */
void kmem_replay_release(struct kmem_replay *r, struct machine *m);
/* Free the results. */
void kmem_replay_free(struct kmem_replay *r);

/* Figures tests check. */
unsigned long kmem_replay_count(const struct kmem_replay *r, enum kmem_event_kind k);
unsigned long kmem_replay_replayed(const struct kmem_replay *r, enum kmem_event_kind k);
unsigned long kmem_replay_unservable(const struct kmem_replay *r);
unsigned long kmem_replay_failed(const struct kmem_replay *r);
unsigned long kmem_replay_bad_lines(const struct kmem_replay *r);

#endif /* _MMSIM_REPLAY_KMEM_H */
