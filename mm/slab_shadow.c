// SPDX-License-Identifier: MIT
/*
 * mm/slab_shadow.c — mmsim's host-sized structures behind kernel-sized
 * slab objects.
 *
 * Kernel counterpart: none as such.  The pattern is the kernel's own
 * per-slab object vector (slab->memcg_data points at one obj_cgroup
 * pointer per object, found by obj_to_index(): memcg_alloc_slab_cgroups()
 * in mm/memcontrol.c, Linux 6.1), and the rule mmsim follows for the
 * FLATMEM memory map on ARM: the kernel's block has the kernel's size,
 * the data mmsim keeps is host-sized.
 *
 * Why.  A cache's geometry (object size, objects per slab, order: what
 * /proc/slabinfo shows, which pages the slabs take, where each object
 * is) follows from the size of the kernel's structure.  mmsim's own C
 * structure for the same thing has 64-bit pointers and longs, so on the
 * 32-bit ARM kernel it can be larger than the object the kernel
 * allocates: struct kmem_cache 160 bytes against the armmp kernel's 140
 * (a 192-byte slot), struct kmem_cache_node 64 against 32, struct
 * vmap_area 64 against 32.  Such a cache is made with the kernel's object
 * size and s->shadow_size = the size of mmsim's structure, and each of
 * its slabs gets a shadow: a host array with one slot per object.
 *
 *   slab in simulated RAM: the kernel's geometry, s->size per object
 *   | object 0 | object 1 | object 2 |  ...  | object n-1 |
 *        ^          ^
 *        |          |         back pointers
 *   slab->shadow (host heap)
 *   | header | back | mmsim's struct 0 | back | mmsim's struct 1 | ...
 *             \__________ stride __________/
 *
 *   object -> shadow   slot obj_to_index(object) of virt_to_slab(object)'s
 *                      shadow
 *   shadow -> object   the slot's back pointer (checked against the
 *                      first direction before it is trusted)
 *
 * The allocator itself works on the kernel's objects only: free lists,
 * counters, hardened pointers, shuffled lists, slub_debug's poison, red
 * zones and tracks are exactly the kernel's, and mmsim never writes into
 * an allocated object of such a cache.  Objects turn into shadows where
 * they leave the allocator (slab_alloc_node(), kmem_cache_alloc_bulk())
 * and back where they return (kmem_cache_free(), kmem_cache_free_bulk(),
 * kfree()); a constructor is run on the shadow.  Zeroing (__GFP_ZERO,
 * init_on_alloc, init_on_free) is applied to both.  A free shadow is
 * poisoned for the host's sanitizers like a free object.
 *
 * Invariants (slub_validate() checks them):
 *   a slab has a shadow exactly when its cache's shadow_size is non-zero;
 *   shadow->slab == slab, shadow->nr == slab->objects, and slot i's back
 *     pointer is object i of the slab (past the left red zone);
 *   every shadow is on slub_st.shadows, and nr_shadows counts them.
 *
 * Lock: shadow_lock guards the list and count only, and nothing is taken
 * under it (a leaf lock: slabs are made and freed under list_lock or
 * under none).  A shadow lives exactly as long as its slab.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mmsim/track.h"
#include "mm/slub_internal.h"

#include <stdio.h>

/* A slot opens with the back pointer, padded to keep the structure aligned. */
#define SHADOW_BACK_BYTES 16u
#define SHADOW_ALIGN 16u

struct slab_shadow {
	struct list_head list;          /* on slub_st.shadows */
	struct slab *slab;
	unsigned int nr;                /* slots: the slab's objects */
	unsigned int stride;            /* bytes per slot */
	unsigned char slots[] __attribute__((aligned(SHADOW_ALIGN)));
};

static inline void **shadow_back(const struct slab_shadow *sh, unsigned int i)
{
	return (void **)(sh->slots + (size_t)i * sh->stride);
}

static inline void *shadow_struct(const struct slab_shadow *sh, unsigned int i)
{
	return (void *)(sh->slots + (size_t)i * sh->stride + SHADOW_BACK_BYTES);
}

/*
 * Give a new slab of @s its shadow, before its objects are set up (a
 * constructor runs on the shadows).  The slots start zeroed.
 */
void slab_shadow_attach(struct kmem_cache *s, struct slab *slab)
{
	unsigned int stride = ALIGN(SHADOW_BACK_BYTES + s->shadow_size, SHADOW_ALIGN);
	char *first = fixup_red_left(s, slab_address(slab));
	struct slab_shadow *sh;
	unsigned int i;

	sh = host_alloc(sizeof(*sh) + (size_t)slab->objects * stride);
	sh->slab = slab;
	sh->nr = slab->objects;
	sh->stride = stride;
	for (i = 0; i < sh->nr; i++)
		*shadow_back(sh, i) = first + (size_t)i * s->size;
	slab->shadow = sh;

	spin_lock(&slub_st.shadow_lock);
	list_add(&sh->list, &slub_st.shadows);
	slub_st.nr_shadows++;
	spin_unlock(&slub_st.shadow_lock);
}

/* The slab goes back to the page allocator: its shadow goes with it. */
void slab_shadow_detach(struct slab *slab)
{
	struct slab_shadow *sh = slab->shadow;

	if (!sh)
		return;
	spin_lock(&slub_st.shadow_lock);
	list_del(&sh->list);
	slub_st.nr_shadows--;
	spin_unlock(&slub_st.shadow_lock);
	slab->shadow = NULL;
	host_free(sh);
}

/* A fresh slab's shadows are all free: poisoned for the host's sanitizers. */
void slab_shadow_track_fresh(struct kmem_cache *s, struct slab *slab)
{
	unsigned int i;

	if (!slub_st.host_tracking || !slab->shadow)
		return;
	for (i = 0; i < slab->shadow->nr; i++)
		mmsim_track_free(shadow_struct(slab->shadow, i), s->shadow_size);
}

/*
 * The shadow of @object, an object (past its left red zone) of @slab of
 * @s; NULL when @slab has no shadow or @object is beyond its slots.
 */
void *slab_shadow_of(const struct kmem_cache *s, const struct slab *slab,
		     const void *object)
{
	const struct slab_shadow *sh = slab->shadow;
	unsigned int idx;

	if (!sh)
		return NULL;
	idx = __obj_to_index(s, slab_address(slab), (void *)object);
	return idx < sh->nr ? shadow_struct(sh, idx) : NULL;
}

/*
 * The object a shadow pointer stands for, if @shadow really is the
 * shadow of a live slab's object; NULL otherwise.  *@slabp is its slab.
 */
static void *shadow_to_object(const void *shadow, struct slab **slabp)
{
	void *object = *(void *const *)((const char *)shadow - SHADOW_BACK_BYTES);
	struct slab *slab;

	if (!slab_addr_in_ram(object))
		return NULL;
	slab = virt_to_slab(object);
	if (!slab || !slab->shadow || !slab->slab_cache ||
	    slab_shadow_of(slab->slab_cache, slab, object) != shadow)
		return NULL;
	*slabp = slab;
	return object;
}

/* A free function got a pointer outside simulated RAM that is no shadow. */
static void report_bad_shadow(const char *func, const void *shadow)
{
	pr_err("SLUB: %s: %p is neither in RAM nor the shadow of a slab object\n",
	       func, shadow);
	WARN_ON(1);
}

/* An object of @s leaves the allocator: its shadow, zeroed if @init. */
void *slab_shadow_alloc(struct kmem_cache *s, void *object, bool init)
{
	void *shadow;

	if (!object)
		return NULL;
	shadow = slab_shadow_of(s, virt_to_slab(object), object);
	BUG_ON(!shadow);
	if (slub_st.host_tracking)
		mmsim_track_alloc(shadow, s->shadow_size);
	if (init)
		memset(shadow, 0, s->shadow_size);
	return shadow;
}

/*
 * A shadow comes back to a free function (@func, for the report): the
 * kernel's object to free, or NULL after a report when @shadow is no
 * shadow.  The object's own cache decides (cache_from_obj() then checks
 * it against the cache the caller named, as for any object).
 */
void *slab_shadow_free(const char *func, void *shadow)
{
	struct kmem_cache *s;
	struct slab *slab;
	void *object = shadow_to_object(shadow, &slab);

	if (!object) {
		report_bad_shadow(func, shadow);
		return NULL;
	}
	s = slab->slab_cache;
	if (slab_want_init_on_free(s))
		memset(shadow, 0, s->shadow_size);
	if (slub_st.host_tracking)
		mmsim_track_free(shadow, s->shadow_size);
	return object;
}

void *slab_kernel_object(const void *objp)
{
	struct slab *slab;

	if (ZERO_OR_NULL_PTR(objp) || slab_addr_in_ram(objp))
		return (void *)objp;
	return shadow_to_object(objp, &slab);
}

/*
 * The invariants of the file comment for one slab of @s: 0, or -EINVAL
 * with what is wrong in @why.
 */
int slab_shadow_check(const struct kmem_cache *s, const struct slab *slab,
		      char *why, size_t len)
{
	const struct slab_shadow *sh = slab->shadow;
	char *first = fixup_red_left(s, slab_address(slab));
	unsigned int i;

	if (!s->shadow_size) {
		if (!sh)
			return 0;
		snprintf(why, len, "has a shadow, its cache has none");
		return -EINVAL;
	}
	if (!sh) {
		snprintf(why, len, "has no shadow");
		return -EINVAL;
	}
	if (sh->slab != slab || sh->nr != slab->objects ||
	    sh->stride < SHADOW_BACK_BYTES + s->shadow_size) {
		snprintf(why, len, "shadow of slab %p, %u slots of %u bytes for %u objects",
			 (void *)sh->slab, sh->nr, sh->stride, slab->objects);
		return -EINVAL;
	}
	for (i = 0; i < sh->nr; i++)
		if (*shadow_back(sh, i) != first + (size_t)i * s->size) {
			snprintf(why, len, "shadow slot %u stands for %p, not object %u",
				 i, *shadow_back(sh, i), i);
			return -EINVAL;
		}
	return 0;
}

/* Machine teardown: the slabs go with the RAM, their shadows here. */
void slab_shadow_release_all(void)
{
	struct slab_shadow *sh, *tmp;

	list_for_each_entry_safe(sh, tmp, &slub_st.shadows, list) {
		list_del(&sh->list);
		host_free(sh);
	}
	slub_st.nr_shadows = 0;
}
