// SPDX-License-Identifier: MIT
/*
 * lib/slub_kunit.c — deliberate corruptions of slab objects, to see
 * slub_debug's reports (`mmsim boot --append "slub_debug=FZPU"
 * --slub-demo KIND`).
 *
 * Kernel counterpart: lib/slub_kunit.c (Linux 6.1), whose tests clobber a
 * red zone, the first word and the 50th byte of a free object and a free
 * pointer, then validate the cache.  The KUnit suite counts the errors
 * quietly; here the reports go to the log, which is the point: each kind
 * breaks an object the way a buggy caller would and lets SLUB find it.
 *
 *   redzone         kmalloc(64), write one byte past its end, kfree()
 *   use-after-free  kmalloc(64), kfree(), write into it, validate the cache
 *   double-free     kmalloc(64), kfree() twice
 *   invalid-free    kmalloc(64), kfree() of a pointer 8 bytes inside it
 *   freepointer     a cache of 48-byte objects; free one, overwrite its
 *                   free pointer (at s->offset), validate the cache
 *   all             each of the above in turn
 *
 * A kind runs only when the caches carry the slub_debug flags that
 * detect it (without them the corruption would go unnoticed, or hit the
 * HARDENED BUG_ON of a naive double free); otherwise it says which flags
 * are needed.  The damage is contained: every kind uses objects of its
 * own, and SLUB's repairs leave the allocator consistent.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "mm/slub_internal.h"

#include <string.h>

struct slub_demo {
	const char *name;
	slab_flags_t needs; /* any of these on kmalloc-64 */
	const char *flags;  /* what to put on the command line */
	void (*run)(void);
};

static struct kmem_cache *demo_kmalloc_64(void)
{
	return kmalloc_cache(kmalloc_type(GFP_KERNEL), 6);
}

static void demo_redzone(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	pr_info("slub_demo: kmalloc(64) = 0x%016lx; writing p[64] (one past the end), then kfree()\n",
		kernel_ptr_value(p));
	p[64] = 0x12;
	kfree(p);
}

static void demo_use_after_free(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	pr_info("slub_demo: kmalloc(64) = 0x%016lx; kfree(), then writing p[0] and p[50], then validating kmalloc-64\n",
		kernel_ptr_value(p));
	kfree(p);
	p[0] = 0x78;
	p[50] = 0x9a;
	validate_slab_cache(demo_kmalloc_64());
}

/*
 * Neighbours allocated on both sides keep the slab in use, so the second
 * kfree() meets the object on the free list ("Object already free")
 * rather than an empty slab ("Slab has 0 allocated objects"), whatever
 * the boot left in kmalloc-64.
 */
static void demo_double_free(void)
{
	void *before = kmalloc(64, GFP_KERNEL);
	void *p = kmalloc(64, GFP_KERNEL);
	void *after = kmalloc(64, GFP_KERNEL);

	pr_info("slub_demo: kmalloc(64) = 0x%016lx; kfree() twice\n",
		kernel_ptr_value(p));
	kfree(p);
	kfree(p);
	validate_slab_cache(demo_kmalloc_64());
	kfree(before);
	kfree(after);
}

static void demo_invalid_free(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	pr_info("slub_demo: kmalloc(64) = 0x%016lx; kfree(p + 8)\n",
		kernel_ptr_value(p));
	kfree(p + 8);
}

static void demo_freepointer(void)
{
	struct kmem_cache *s = kmem_cache_create("TestSlub_next_ptr_free", 48, 0, 0,
						 NULL);
	void *keep, *p;

	if (!s)
		return;
	keep = kmem_cache_alloc(s, GFP_KERNEL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	pr_info("slub_demo: %s: object 0x%016lx freed, its free pointer (offset %u) overwritten, then the cache validated\n",
		s->name, kernel_ptr_value(p), s->offset);
	kmem_cache_free(s, p);
	memset((char *)p + s->offset, 0x34, sizeof(void *));
	validate_slab_cache(s);
	kmem_cache_free(s, keep);
}

static const struct slub_demo demos[] = {
	{ "redzone", SLAB_RED_ZONE, "Z", demo_redzone },
	{ "use-after-free", SLAB_POISON, "P", demo_use_after_free },
	{ "double-free", SLAB_CONSISTENCY_CHECKS, "F", demo_double_free },
	{ "invalid-free", SLAB_CONSISTENCY_CHECKS, "F", demo_invalid_free },
	{ "freepointer", SLAB_CONSISTENCY_CHECKS | SLAB_POISON, "F or P",
	  demo_freepointer },
};

bool slub_demo_known(const char *name)
{
	size_t i;

	if (!strcmp(name, "all"))
		return true;
	for (i = 0; i < ARRAY_SIZE(demos); i++)
		if (!strcmp(name, demos[i].name))
			return true;
	return false;
}

static void run_one(const struct slub_demo *d)
{
	struct kmem_cache *k64 = demo_kmalloc_64();

	if (!k64 || !(k64->flags & d->needs)) {
		pr_err("slub_demo: %s needs slub_debug=%s (kmalloc-64 is not debugged for it): skipped\n",
		       d->name, d->flags);
		return;
	}
	d->run();
}

int slub_demo_run(const char *name)
{
	size_t i;

	if (!slab_is_available())
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(demos); i++)
		if (!strcmp(name, "all") || !strcmp(name, demos[i].name))
			run_one(&demos[i]);
	return slub_demo_known(name) ? 0 : -EINVAL;
}
