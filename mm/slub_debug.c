// SPDX-License-Identifier: MIT
/*
 * mm/slub_debug.c — slub_debug=: red zones, poisoning, owner tracking,
 * consistency checks, and the reports the kernel prints when they fail.
 *
 * Kernel counterpart: mm/slub.c (Linux 6.1), the CONFIG_SLUB_DEBUG part:
 * setup_slub_debug(), kmem_cache_flags(), check_object() and friends,
 * alloc/free_debug_processing(), validate_slab_cache(), and the report
 * helpers slab_bug(), slab_fix(), print_trailer(), object_err(), slab_err().
 *
 * slub_debug=<flags>[,<cache>...][;<flags>,<cache>...]   flags:
 *   F  consistency checks on every allocation and free (SLAB_CONSISTENCY_CHECKS)
 *   Z  red zones around each object (SLAB_RED_ZONE)
 *   P  poison free objects with 0x6b.. 0xa5 (SLAB_POISON)
 *   U  record who allocated and freed each object (SLAB_STORE_USER)
 *   T  trace every allocation and free to the log (SLAB_TRACE)
 *   A  fail allocations on demand (SLAB_FAILSLAB; no fault injection here)
 *   O  drop the metadata flags of caches whose order it would raise
 *   -  switch off;  no flags at all: FZPU
 *
 * Byte values in a debugged slot:
 *
 *   | bb.. or cc.. | 6b 6b .. 6b a5 | bb.. or cc..  | fp | tracks | 5a 5a .. |
 *     left red zone  object (free)    right red zone             padding
 *   (0xbb: the object is free, 0xcc: in use; the object is poisoned only
 *    while free; slab space after the last object is 0x5a too)
 *
 * A failed check prints "BUG <cache> (<taint>): <what>", the object's
 * tracks, the slab and the object with hex dumps, a call trace, and
 * "FIX <cache>: ..." saying how the allocator repaired the damage (it
 * restores the expected bytes, or isolates the slab), then taints the
 * kernel with 'B'.  Pointers print as the kernel's unhashed %p: direct-map
 * addresses for objects, vmemmap addresses (x86 vmemmap_base) for slabs.
 */
#include "linux/kernel.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/panic.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"
#include "mm/slub_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TRACK_ADDRS_COUNT 16

/* ---- a small stack depot (lib/stackdepot.c): traces by handle ---- */

struct slub_depot {
	spinlock_t lock;
	unsigned int nr, cap;       /* traces stored; slots of the hash */
	unsigned long (*traces)[TRACK_ADDRS_COUNT + 1]; /* [0] = depth */
	u32 *hash;                  /* handle (index + 1) or 0 per slot */
};

static struct slub_depot *depot(void)
{
	return (struct slub_depot *)slub_st.depot;
}

static u32 trace_hash(const unsigned long *e, unsigned int n)
{
	u64 h = n;
	unsigned int i;

	for (i = 0; i < n; i++)
		h = (h ^ e[i]) * 0x100000001b3ULL;
	return (u32)(h ^ (h >> 32));
}

static bool trace_equal(const unsigned long *t, const unsigned long *e,
			unsigned int n)
{
	return t[0] == n && !memcmp(t + 1, e, n * sizeof(*e));
}

static void depot_grow(struct slub_depot *d)
{
	unsigned int cap = d->cap ? d->cap * 2 : 1024, i;
	u32 *hash = host_alloc(cap * sizeof(*hash));

	d->traces = host_realloc(d->traces, (cap / 2) * sizeof(*d->traces));
	for (i = 0; i < d->nr; i++) {
		u32 slot = trace_hash(d->traces[i] + 1,
				      (unsigned int)d->traces[i][0]) & (cap - 1);

		while (hash[slot])
			slot = (slot + 1) & (cap - 1);
		hash[slot] = i + 1;
	}
	host_free(d->hash);
	d->hash = hash;
	d->cap = cap;
}

/* Store a trace once; its handle (0 when nothing was captured). */
static u32 stack_depot_save(const unsigned long *e, unsigned int n)
{
	struct slub_depot *d = depot();
	u32 slot, handle;

	if (!n || !d)
		return 0;
	spin_lock(&d->lock);
	if (2 * (d->nr + 1) > d->cap)
		depot_grow(d);
	slot = trace_hash(e, n) & (d->cap - 1);
	while ((handle = d->hash[slot]) &&
	       !trace_equal(d->traces[handle - 1], e, n))
		slot = (slot + 1) & (d->cap - 1);
	if (!handle) {
		d->traces[d->nr][0] = n;
		memcpy(d->traces[d->nr] + 1, e, n * sizeof(*e));
		handle = d->hash[slot] = ++d->nr;
	}
	spin_unlock(&d->lock);
	return handle;
}

static void stack_depot_print(u32 handle)
{
	struct slub_depot *d = depot();
	char sym[160];
	unsigned int i, n;

	spin_lock(&d->lock);
	n = (unsigned int)d->traces[handle - 1][0];
	for (i = 0; i < n; i++) {
		host_symbolize(d->traces[handle - 1][i + 1], sym, sizeof(sym));
		if (!strncmp(sym, "0x", 2) || !strncmp(sym, "main+", 5))
			break; /* the host's frames below the simulated kernel */
		printk(" %s\n", sym);
	}
	spin_unlock(&d->lock);
}

/* The caller's stack, without the frames of the tracking code itself. */
__attribute__((noinline)) u32 set_track_prepare(void)
{
	unsigned long e[TRACK_ADDRS_COUNT + 2];
	int n = host_stack_trace(e, TRACK_ADDRS_COUNT + 2);

	/* skip host_stack_trace() and this function */
	if (n <= 2)
		return 0;
	return stack_depot_save(e + 2, (unsigned int)(n - 2));
}

/* ---- small helpers ---- */

static unsigned long slub_jiffies(void)
{
	u64 hz = (u64)CONFIG_VALUE(CONFIG_HZ, 250);

	return (unsigned long)(current_machine->log.now_ns / (1000000000ULL / hz));
}

/* The address the kernel prints for a slab: its struct page in vmemmap. */
static unsigned long slab_kaddr(const struct slab *slab)
{
	return current_machine->x86.vmemmap_base +
	       page_to_pfn(slab_page(slab)) * sizeof(struct page);
}

static const u8 *memchr_inv(const u8 *start, u8 c, size_t bytes)
{
	size_t i;

	for (i = 0; i < bytes; i++)
		if (start[i] != c)
			return start + i;
	return NULL;
}

/*
 * %pGp: the flags word, the names of the set flags, then node and zone.
 * (The kernel also shows lastcpupid, which mmsim's page->flags lacks.)
 */
static char *format_page_flags(const struct page *page, char *buf, size_t size)
{
	static const struct { int bit; const char *name; } names[] = {
		{ PG_locked, "locked" },     { PG_waiters, "waiters" },
		{ PG_error, "error" },       { PG_referenced, "referenced" },
		{ PG_uptodate, "uptodate" }, { PG_dirty, "dirty" },
		{ PG_lru, "lru" },           { PG_active, "active" },
		{ PG_workingset, "workingset" }, { PG_slab, "slab" },
		{ PG_owner_priv_1, "owner_priv_1" }, { PG_arch_1, "arch_1" },
		{ PG_reserved, "reserved" }, { PG_private, "private" },
		{ PG_private_2, "private_2" }, { PG_writeback, "writeback" },
		{ PG_head, "head" },
	};
	unsigned long flags = page->flags;
	size_t i, len;

	len = (size_t)snprintf(buf, size, "%#lx(", flags);
	for (i = 0; i < ARRAY_SIZE(names) && len < size; i++)
		if (flags & (1UL << names[i].bit))
			len += (size_t)snprintf(buf + len, size - len, "%s|",
						names[i].name);
	if (len < size)
		snprintf(buf + len, size - len, "node=%d|zone=%d)",
			 page_to_nid(page), page_zonenum(page));
	return buf;
}

/* ---- reports ---- */

static void slab_bug(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
static void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %s\n", s->name, print_tainted(), msg);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

static void slab_fix(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
static void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	pr_err("FIX %s: %s\n", s->name, msg);
}

static void print_section(const char *level, const char *text, u8 *addr,
			  unsigned int length)
{
	print_hex_dump(level, text, DUMP_PREFIX_ADDRESS, 16, 1, addr, length, true);
}

static struct track *get_track(struct kmem_cache *s, void *object,
			       enum track_item alloc)
{
	struct track *p = (struct track *)((char *)object + get_info_end(s));

	return p + alloc;
}

static void print_track(const char *s, struct track *t, unsigned long pr_time)
{
	char sym[160];

	if (!t->addr)
		return;
	pr_err("%s in %s age=%lu cpu=%u pid=%d\n", s,
	       host_symbolize(t->addr, sym, sizeof(sym)), pr_time - t->when,
	       t->cpu, t->pid);
	if (t->handle)
		stack_depot_print(t->handle);
	else
		pr_err("object allocation/free stack trace missing\n");
}

void print_tracking(struct kmem_cache *s, void *object)
{
	unsigned long pr_time = slub_jiffies();

	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track("Allocated", get_track(s, object, TRACK_ALLOC), pr_time);
	print_track("Freed", get_track(s, object, TRACK_FREE), pr_time);
}

static void print_slab_info(const struct slab *slab)
{
	char flags[200];

	format_page_flags(slab_page(slab), flags, sizeof(flags));
	pr_err("Slab 0x%016lx objects=%u used=%u fp=0x%016lx flags=%s\n",
	       slab_kaddr(slab), slab->objects, slab->inuse,
	       kernel_ptr_value(slab->freelist), flags);
}

static void set_orig_size(struct kmem_cache *s, void *object,
			  unsigned int orig_size)
{
	char *p = object;

	if (!slub_debug_orig_size(s))
		return;
	p += get_info_end(s) + sizeof(struct track) * 2;
	memcpy(p, &orig_size, sizeof(orig_size));
}

static void print_trailer(struct kmem_cache *s, struct slab *slab, u8 *p)
{
	u8 *addr = slab_address(slab);
	unsigned int off;

	print_tracking(s, p);
	print_slab_info(slab);
	pr_err("Object 0x%016lx @offset=%tu fp=0x%016lx\n\n",
	       kernel_ptr_value(p), p - addr,
	       kernel_ptr_value(get_freepointer(s, p)));
	if (s->flags & SLAB_RED_ZONE)
		print_section(KERN_ERR, "Redzone  ", p - s->red_left_pad,
			      s->red_left_pad);
	else if (p > addr + 16)
		print_section(KERN_ERR, "Bytes b4 ", p - 16, 16);
	print_section(KERN_ERR, "Object   ", p,
		      min_t(unsigned int, s->object_size, PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section(KERN_ERR, "Redzone  ", p + s->object_size,
			      s->inuse - s->object_size);
	off = get_info_end(s);
	if (s->flags & SLAB_STORE_USER)
		off += 2 * sizeof(struct track);
	if (slub_debug_orig_size(s))
		off += sizeof(unsigned int);
	if (off != size_from_object(s))
		print_section(KERN_ERR, "Padding  ", p + off,
			      size_from_object(s) - off);
	dump_stack();
}

static void object_err(struct kmem_cache *s, struct slab *slab, u8 *object,
		       const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, slab, object);
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
}

bool freelist_corrupted(struct kmem_cache *s, struct slab *slab,
			void **freelist, void *nextfree)
{
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) &&
	    !check_valid_pointer(s, slab, nextfree) && freelist) {
		object_err(s, slab, *freelist, "Freechain corrupt");
		*freelist = NULL;
		slab_fix(s, "Isolate corrupted freechain");
		return true;
	}
	return false;
}

void slab_err(struct kmem_cache *s, struct slab *slab, const char *fmt, ...)
{
	char buf[100];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slab_bug(s, "%s", buf);
	print_slab_info(slab);
	dump_stack();
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
}

/* ---- writing and checking the debug bytes ---- */

void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_RED_ZONE)
		memset(p - s->red_left_pad, val, s->red_left_pad);
	if (s->flags & __OBJECT_POISON) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

static void restore_bytes(struct kmem_cache *s, const char *message, u8 data,
			  u8 *from, u8 *to)
{
	slab_fix(s, "Restoring %s 0x%016lx-0x%016lx=0x%x", message,
		 kernel_ptr_value(from), kernel_ptr_value(to - 1), data);
	memset(from, data, (size_t)(to - from));
}

/*
 * Are @bytes at @start all @value?  If not: the report, then the bytes
 * are restored.  Returns 1 when they were intact.
 */
static int check_bytes_and_report(struct kmem_cache *s, struct slab *slab,
				  u8 *object, const char *what, u8 *start,
				  unsigned int value, unsigned int bytes)
{
	u8 *addr = slab_address(slab), *fault, *end;

	fault = (u8 *)memchr_inv(start, (u8)value, bytes);
	if (!fault)
		return 1;
	end = start + bytes;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	pr_err("0x%016lx-0x%016lx @offset=%tu. First byte 0x%x instead of 0x%x\n",
	       kernel_ptr_value(fault), kernel_ptr_value(end - 1), fault - addr,
	       fault[0], value);
	print_trailer(s, slab, object);
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
	restore_bytes(s, what, (u8)value, fault, end);
	return 0;
}

static int check_pad_bytes(struct kmem_cache *s, struct slab *slab, u8 *p)
{
	unsigned long off = get_info_end(s);

	if (s->flags & SLAB_STORE_USER) {
		off += 2 * sizeof(struct track);
		if (s->flags & SLAB_KMALLOC)
			off += sizeof(unsigned int);
	}
	if (size_from_object(s) == off)
		return 1;
	return check_bytes_and_report(s, slab, p, "Object padding", p + off,
				      POISON_INUSE,
				      size_from_object(s) - (unsigned int)off);
}

/* The bytes after the last object of a slab must still be 0x5a. */
void slab_pad_check(struct kmem_cache *s, struct slab *slab)
{
	u8 *start, *fault, *end, *pad;
	unsigned int length, remainder;

	if (!(s->flags & SLAB_POISON))
		return;
	start = slab_address(slab);
	length = (unsigned int)slab_size(slab);
	end = start + length;
	remainder = length % s->size;
	if (!remainder)
		return;
	pad = end - remainder;
	fault = (u8 *)memchr_inv(pad, POISON_INUSE, remainder);
	if (!fault)
		return;
	while (end > fault && end[-1] == POISON_INUSE)
		end--;
	slab_err(s, slab, "Padding overwritten. 0x%016lx-0x%016lx @offset=%tu",
		 kernel_ptr_value(fault), kernel_ptr_value(end - 1),
		 fault - start);
	print_section(KERN_ERR, "Padding ", pad, remainder);
	restore_bytes(s, "slab padding", POISON_INUSE, fault, end);
}

/*
 * Check one object against what its state should show: red zones of
 * @val (0xcc in use, 0xbb free), poison when free, padding, and a free
 * pointer that points into the slab.  Returns 1 when all is well.
 */
int check_object(struct kmem_cache *s, struct slab *slab, void *object, u8 val)
{
	u8 *p = object, *endobject = p + s->object_size;

	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes_and_report(s, slab, object, "Left Redzone",
					    p - s->red_left_pad, val,
					    s->red_left_pad))
			return 0;
		if (!check_bytes_and_report(s, slab, object, "Right Redzone",
					    endobject, val,
					    s->inuse - s->object_size))
			return 0;
	} else if ((s->flags & SLAB_POISON) && s->object_size < s->inuse) {
		check_bytes_and_report(s, slab, p, "Alignment padding",
				       endobject, POISON_INUSE,
				       s->inuse - s->object_size);
	}

	if (s->flags & SLAB_POISON) {
		if (val != SLUB_RED_ACTIVE && (s->flags & __OBJECT_POISON) &&
		    (!check_bytes_and_report(s, slab, p, "Poison", p,
					     POISON_FREE, s->object_size - 1) ||
		     !check_bytes_and_report(s, slab, p, "End Poison",
					     p + s->object_size - 1,
					     POISON_END, 1)))
			return 0;
		check_pad_bytes(s, slab, p);
	}

	/* an object in use may overlay its free pointer: nothing to check */
	if (!freeptr_outside_object(s) && val == SLUB_RED_ACTIVE)
		return 1;

	if (!check_valid_pointer(s, slab, get_freepointer(s, p))) {
		object_err(s, slab, p, "Freepointer corrupt");
		/* the rest of this slab's free objects are lost */
		set_freepointer(s, p, NULL);
		return 0;
	}
	return 1;
}

static int check_slab(struct kmem_cache *s, struct slab *slab)
{
	unsigned int maxobj;

	if (!PageSlab(slab_page(slab))) {
		slab_err(s, slab, "Not a valid slab page");
		return 0;
	}
	maxobj = order_objects(slab_order(slab), s->size);
	if (slab->objects > maxobj) {
		slab_err(s, slab, "objects %u > max %u", slab->objects, maxobj);
		return 0;
	}
	if (slab->inuse > slab->objects) {
		slab_err(s, slab, "inuse %u > max %u", slab->inuse,
			 slab->objects);
		return 0;
	}
	slab_pad_check(s, slab);
	return 1;
}

/*
 * Is @search on @slab's freelist?  Walking the list also repairs it: a
 * bad pointer cuts the chain, and the object counters are corrected.
 * With @search NULL: 1 when the list is sound.
 */
static int on_freelist(struct kmem_cache *s, struct slab *slab, void *search)
{
	void *fp = slab->freelist, *object = NULL;
	int nr = 0, max_objects;

	while (fp && nr <= slab->objects) {
		if (fp == search)
			return 1;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object) {
				object_err(s, slab, object, "Freechain corrupt");
				set_freepointer(s, object, NULL);
			} else {
				slab_err(s, slab, "Freepointer corrupt");
				slab->freelist = NULL;
				slab->inuse = slab->objects;
				slab_fix(s, "Freelist cleared");
				return 0;
			}
			break;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}

	max_objects = (int)order_objects(slab_order(slab), s->size);
	if (max_objects > MAX_OBJS_PER_PAGE)
		max_objects = MAX_OBJS_PER_PAGE;
	if ((int)slab->objects != max_objects) {
		slab_err(s, slab, "Wrong number of objects. Found %d but should be %d",
			 slab->objects, max_objects);
		slab->objects = (unsigned int)max_objects;
		slab_fix(s, "Number of objects adjusted");
	}
	if ((int)slab->inuse != (int)slab->objects - nr) {
		slab_err(s, slab, "Wrong object count. Counter is %d but counted were %d",
			 slab->inuse, slab->objects - nr);
		slab->inuse = (unsigned int)(slab->objects - nr);
		slab_fix(s, "Object count adjusted");
	}
	return search == NULL;
}

static void trace(struct kmem_cache *s, struct slab *slab, void *object,
		  int alloc)
{
	if (!(s->flags & SLAB_TRACE))
		return;
	pr_info("TRACE %s %s 0x%016lx inuse=%d fp=0x%016lx\n", s->name,
		alloc ? "alloc" : "free", kernel_ptr_value(object), slab->inuse,
		kernel_ptr_value(slab->freelist));
	if (!alloc)
		print_section(KERN_INFO, "Object ", object, s->object_size);
	dump_stack();
}

/* Full slabs are listed only for SLAB_STORE_USER (to walk all objects). */
void add_full(struct kmem_cache *s, struct kmem_cache_node *n,
	      struct slab *slab)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	lockdep_assert_held(&n->list_lock);
	list_add(&slab->slab_list, &n->full);
}

void remove_full(struct kmem_cache *s, struct kmem_cache_node *n,
		 struct slab *slab)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	lockdep_assert_held(&n->list_lock);
	list_del(&slab->slab_list);
}

/* ---- tracking ---- */

void set_track_update(struct kmem_cache *s, void *object,
		      enum track_item alloc, unsigned long addr, u32 handle)
{
	struct track *p = get_track(s, object, alloc);

	p->handle = handle;
	p->addr = addr;
	p->cpu = smp_processor_id();
	p->pid = 0; /* no tasks in mmsim: the idle task */
	p->when = slub_jiffies();
}

void init_tracking(struct kmem_cache *s, void *object)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	memset(get_track(s, object, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* ---- the allocation-path hooks ---- */

void setup_object_debug(struct kmem_cache *s, void *object)
{
	if (!kmem_cache_debug_flags(s, SLAB_STORE_USER | SLAB_RED_ZONE |
					       __OBJECT_POISON))
		return;
	init_object(s, object, SLUB_RED_INACTIVE);
	init_tracking(s, object);
}

void setup_slab_debug(struct kmem_cache *s, struct slab *slab, void *addr)
{
	if (!kmem_cache_debug_flags(s, SLAB_POISON))
		return;
	memset(addr, POISON_INUSE, slab_size(slab));
}

static int alloc_consistency_checks(struct kmem_cache *s, struct slab *slab,
				    void *object)
{
	if (!check_slab(s, slab))
		return 0;
	if (!check_valid_pointer(s, slab, object)) {
		object_err(s, slab, object, "Freelist Pointer check fails");
		return 0;
	}
	if (!check_object(s, slab, object, SLUB_RED_INACTIVE))
		return 0;
	return 1;
}

int alloc_debug_processing(struct kmem_cache *s, struct slab *slab,
			   void *object, int orig_size)
{
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) &&
	    !alloc_consistency_checks(s, slab, object))
		goto bad;
	trace(s, slab, object, 1);
	set_orig_size(s, object, (unsigned int)orig_size);
	init_object(s, object, SLUB_RED_ACTIVE);
	return 1;
bad:
	if (PageSlab(slab_page(slab))) {
		/* keep away from the other objects of this slab */
		slab_fix(s, "Marking all objects used");
		slab->inuse = slab->objects;
		slab->freelist = NULL;
	}
	return 0;
}

static int free_consistency_checks(struct kmem_cache *s, struct slab *slab,
				   void *object, unsigned long addr)
{
	if (!check_valid_pointer(s, slab, object)) {
		slab_err(s, slab, "Invalid object pointer 0x%016lx",
			 kernel_ptr_value(object));
		return 0;
	}
	if (on_freelist(s, slab, object)) {
		object_err(s, slab, object, "Object already free");
		return 0;
	}
	if (!check_object(s, slab, object, SLUB_RED_ACTIVE))
		return 0;
	if (unlikely(s != slab->slab_cache)) {
		if (!PageSlab(slab_page(slab))) {
			slab_err(s, slab, "Attempt to free object(0x%016lx) outside of slab",
				 kernel_ptr_value(object));
		} else if (!slab->slab_cache) {
			pr_err("SLUB <none>: no slab for object 0x%016lx.\n",
			       kernel_ptr_value(object));
			dump_stack();
		} else {
			object_err(s, slab, object, "page slab pointer corrupt.");
		}
		return 0;
	}
	return 1;
}

/*
 * Free @bulk_cnt objects (@head .. @tail) of a debug cache under the
 * node's list lock, checking each; on a failed check nothing is freed.
 */
void free_debug_processing(struct kmem_cache *s, struct slab *slab, void *head,
			   void *tail, int bulk_cnt, unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	struct slab *slab_free = NULL;
	void *object = head;
	bool checks_ok = false;
	unsigned long flags;
	u32 handle = 0;
	int cnt = 0;

	if (s->flags & SLAB_STORE_USER)
		handle = set_track_prepare();
	spin_lock_irqsave(&n->list_lock, flags);

	if ((s->flags & SLAB_CONSISTENCY_CHECKS) && !check_slab(s, slab))
		goto out;
	if ((int)slab->inuse < bulk_cnt) {
		slab_err(s, slab, "Slab has %d allocated objects but %d are to be freed\n",
			 slab->inuse, bulk_cnt);
		goto out;
	}
next_object:
	if (++cnt > bulk_cnt)
		goto out_cnt;
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) &&
	    !free_consistency_checks(s, slab, object, addr))
		goto out;
	if (s->flags & SLAB_STORE_USER)
		set_track_update(s, object, TRACK_FREE, addr, handle);
	trace(s, slab, object, 0);
	/* poisoning leaves the free pointer alone (it is outside the object) */
	init_object(s, object, SLUB_RED_INACTIVE);
	if (object != tail) {
		object = get_freepointer(s, object);
		goto next_object;
	}
	checks_ok = true;
out_cnt:
	if (cnt != bulk_cnt)
		slab_err(s, slab, "Bulk free expected %d objects but found %d\n",
			 bulk_cnt, cnt);
out:
	if (checks_ok) {
		void *prior = slab->freelist;

		slab->inuse -= (unsigned int)cnt;
		set_freepointer(s, tail, prior);
		slab->freelist = head;
		/* empty and the node has enough: free it from either list */
		if (slab->inuse == 0 && n->nr_partial >= s->min_partial)
			slab_free = slab;
		if (!prior) {
			remove_full(s, n, slab);
			if (!slab_free)
				add_partial(n, slab, DEACTIVATE_TO_TAIL);
		} else if (slab_free) {
			remove_partial(n, slab);
		}
	}
	if (slab_free)
		dec_slabs_node(s, slab_nid(slab_free), slab_free->objects);
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (!checks_ok)
		slab_fix(s, "Object at 0x%016lx not freed", kernel_ptr_value(object));
	if (slab_free)
		slub_free_slab(s, slab_free);
}

/* ---- whole-cache validation (/sys/kernel/slab/<cache>/validate) ---- */

void __fill_map(unsigned long *obj_map, struct kmem_cache *s,
		struct slab *slab)
{
	void *addr = slab_address(slab), *p;

	memset(obj_map, 0, BITS_TO_LONGS(slab->objects) * sizeof(long));
	for (p = slab->freelist; p; p = get_freepointer(s, p)) {
		unsigned int i = __obj_to_index(s, addr, p);

		obj_map[i / 64] |= 1UL << (i % 64);
	}
}

static void validate_slab(struct kmem_cache *s, struct slab *slab,
			  unsigned long *obj_map)
{
	void *addr = slab_address(slab), *p;

	if (!check_slab(s, slab) || !on_freelist(s, slab, NULL))
		return;
	__fill_map(obj_map, s, slab);
	for_each_object(p, s, addr, slab->objects) {
		unsigned int i = __obj_to_index(s, addr, p);
		u8 val = obj_map[i / 64] & (1UL << (i % 64)) ? SLUB_RED_INACTIVE
							     : SLUB_RED_ACTIVE;

		if (!check_object(s, slab, p, val))
			break;
	}
}

static unsigned long validate_slab_node(struct kmem_cache *s,
					struct kmem_cache_node *n,
					unsigned long *obj_map)
{
	unsigned long count = 0, flags;
	struct slab *slab;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(slab, &n->partial, slab_list) {
		validate_slab(s, slab, obj_map);
		count++;
	}
	if (count != n->nr_partial)
		pr_err("SLUB %s: %ld partial slabs counted but counter=%ld\n",
		       s->name, (long)count, (long)n->nr_partial);
	if (!(s->flags & SLAB_STORE_USER))
		goto out;
	list_for_each_entry(slab, &n->full, slab_list) {
		validate_slab(s, slab, obj_map);
		count++;
	}
	if (count != node_nr_slabs(n))
		pr_err("SLUB: %s %ld slabs counted but counter=%ld\n", s->name,
		       (long)count, (long)node_nr_slabs(n));
out:
	spin_unlock_irqrestore(&n->list_lock, flags);
	return count;
}

/*
 * Check every slab of @s on the node lists, object by object (the CPUs'
 * slabs are flushed first; the other CPUs must be quiet).  Returns the
 * number of slabs checked.
 */
long validate_slab_cache(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	unsigned long count = 0;
	unsigned long *obj_map;
	int node;

	obj_map = host_alloc(BITS_TO_LONGS(oo_objects(s->oo) + 1) * sizeof(long) +
			     BITS_TO_LONGS(MAX_OBJS_PER_PAGE) * sizeof(long));
	flush_all(s);
	for_each_kmem_cache_node(s, node, n)
		count += validate_slab_node(s, n, obj_map);
	host_free(obj_map);
	return (long)count;
}

/* The in-use objects of a slab a destroyed cache still holds. */
void list_slab_objects(struct kmem_cache *s, struct slab *slab,
		       const char *text)
{
	void *addr = slab_address(slab), *p;

	if (!slub_st.cfg_debug)
		return;
	slab_err(s, slab, text, s->name);
	spin_lock(&slub_st.object_map_lock);
	__fill_map(slub_st.object_map, s, slab);
	for_each_object(p, s, addr, slab->objects) {
		unsigned int i = __obj_to_index(s, addr, p);

		if (!(slub_st.object_map[i / 64] & (1UL << (i % 64)))) {
			pr_err("Object 0x%016lx @offset=%tu\n",
			       kernel_ptr_value(p), (char *)p - (char *)addr);
			print_tracking(s, p);
		}
	}
	spin_unlock(&slub_st.object_map_lock);
}

/* ---- the command line ---- */

/*
 * One block of slub_debug options, up to ';'.  *@flags gets its flags
 * (FZPU when the block is only a cache list), *@slabs the start of its
 * cache list or NULL.  Returns the next block or NULL.
 */
static char *parse_slub_debug_flags(char *str, slab_flags_t *flags,
				    char **slabs, bool init)
{
	bool higher_order_disable = false;

	while (*str && *str == ';')
		str++;
	if (*str == ',') {
		*flags = DEBUG_DEFAULT_FLAGS;
		goto check_slabs;
	}
	*flags = 0;
	for (; *str && *str != ',' && *str != ';'; str++) {
		switch (tolower((unsigned char)*str)) {
		case '-':
			*flags = 0;
			break;
		case 'f':
			*flags |= SLAB_CONSISTENCY_CHECKS;
			break;
		case 'z':
			*flags |= SLAB_RED_ZONE;
			break;
		case 'p':
			*flags |= SLAB_POISON;
			break;
		case 'u':
			*flags |= SLAB_STORE_USER;
			break;
		case 't':
			*flags |= SLAB_TRACE;
			break;
		case 'a':
			*flags |= SLAB_FAILSLAB;
			break;
		case 'o':
			higher_order_disable = true;
			break;
		default:
			if (init)
				pr_err("slub_debug option '%c' unknown. skipped\n",
				       *str);
		}
	}
check_slabs:
	*slabs = *str == ',' ? ++str : NULL;
	while (*str && *str != ';')
		str++;
	while (*str && *str == ';')
		str++;
	if (init && higher_order_disable)
		slub_st.disable_higher_order_debug = 1;
	return *str ? str : NULL;
}

static int setup_slub_debug(char *str)
{
	slab_flags_t flags, global_flags = DEBUG_DEFAULT_FLAGS;
	bool global_changed = false, list_specified = false;
	char *saved, *slab_list;

	if (*str++ != '=' || !*str)
		goto out; /* "slub_debug" alone: full debugging */

	host_free(slub_st.slub_debug_string);
	saved = slub_st.slub_debug_string = host_strdup(str);
	str = saved;
	while (str) {
		str = parse_slub_debug_flags(str, &flags, &slab_list, true);
		if (!slab_list) {
			global_flags = flags;
			global_changed = true;
		} else {
			list_specified = true;
		}
	}
	/* flags with a cache list alone leave the global setting as it was */
	if (list_specified) {
		if (!global_changed)
			global_flags = slub_st.slub_debug;
	} else {
		host_free(slub_st.slub_debug_string);
		slub_st.slub_debug_string = NULL;
	}
out:
	slub_st.slub_debug = global_flags;
	slub_st.slub_debug_enabled = slub_st.slub_debug || slub_st.slub_debug_string;
	if ((pa_state.init_on_alloc || pa_state.init_on_free) &&
	    (slub_st.slub_debug & SLAB_POISON))
		pr_info("mem auto-init: SLAB_POISON will take precedence over init_on_alloc/init_on_free\n");
	return 0;
}
__setup("slub_debug", setup_slub_debug);

/*
 * The debug flags for a new cache: those of the first slub_debug block
 * whose cache list names it (a trailing '*' matches a prefix), else the
 * global ones.
 */
slab_flags_t kmem_cache_flags(unsigned int object_size, slab_flags_t flags,
			      const char *name)
{
	slab_flags_t block_flags, slub_debug_local = slub_st.slub_debug;
	char *iter, *next_block = slub_st.slub_debug_string;
	size_t len;

	if (!slub_st.cfg_debug || (flags & SLAB_NO_USER_FLAGS))
		return flags;
	if (flags & SLAB_NOLEAKTRACE)
		slub_debug_local &= ~SLAB_STORE_USER;
	len = strlen(name);
	while (next_block) {
		next_block = parse_slub_debug_flags(next_block, &block_flags,
						    &iter, false);
		if (!iter)
			continue;
		while (*iter) {
			char *end = strchrnul(iter, ','), *glob;
			size_t cmplen;

			if (next_block && next_block < end)
				end = next_block - 1;
			glob = memchr(iter, '*', (size_t)(end - iter));
			cmplen = glob ? (size_t)(glob - iter)
				      : max(len, (size_t)(end - iter));
			if (!strncmp(name, iter, cmplen))
				return flags | block_flags;
			if (!*end || *end == ';')
				break;
			iter = end + 1;
		}
	}
	return flags | slub_debug_local;
}

/*
 * With slub_debug the kernel prints pointers unhashed (kmem_cache_init
 * calls no_hash_pointers_enable(), which announces it).
 */
void slub_debug_boot_notice(void)
{
	if (!slub_st.slub_debug_enabled)
		return;
	pr_warn("**********************************************************\n");
	pr_warn("**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n");
	pr_warn("**                                                      **\n");
	pr_warn("** This system shows unhashed kernel memory addresses   **\n");
	pr_warn("** via the console, logs, and other interfaces. This    **\n");
	pr_warn("** might reduce the security of your system.            **\n");
	pr_warn("**                                                      **\n");
	pr_warn("** If you see this message and you are not debugging    **\n");
	pr_warn("** the kernel, report this immediately to your system   **\n");
	pr_warn("** administrator!                                       **\n");
	pr_warn("**                                                      **\n");
	pr_warn("**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n");
	pr_warn("**********************************************************\n");
}

void slub_debug_state_init(void)
{
	struct slub_depot *d = host_alloc(sizeof(*d));

	spin_lock_init(&d->lock);
	slub_st.depot = d;
	spin_lock_init(&slub_st.object_map_lock);
	slub_st.object_map = host_alloc(BITS_TO_LONGS(MAX_OBJS_PER_PAGE) *
					sizeof(long));
}

void slub_debug_state_destroy(void)
{
	struct slub_depot *d = depot();

	if (d) {
		spin_lock_destroy(&d->lock);
		host_free(d->traces);
		host_free(d->hash);
		host_free(d);
	}
	slub_st.depot = NULL;
	spin_lock_destroy(&slub_st.object_map_lock);
	host_free(slub_st.object_map);
	slub_st.object_map = NULL;
	host_free(slub_st.slub_debug_string);
	slub_st.slub_debug_string = NULL;
}
