// SPDX-License-Identifier: MIT
/*
 * mm/slub_sysfs.c — the attributes of /sys/kernel/slab/<cache>/ that
 * describe a cache's geometry, as one table (slab_attrs.tsv).
 *
 * Kernel counterpart: the sysfs part of mm/slub.c (object_size_show,
 * slab_size_show, objs_per_slab_show, order_show, min_partial_show,
 * cpu_partial_show, align_show).  mmsim has no sysfs; `mmsim boot --dump
 * DIR` writes the table the oracle fixtures keep from the real files:
 *
 *   name  object_size  slab_size  objs_per_slab  order  min_partial  cpu_partial  align
 *   kmalloc-192  192  192  21  0  5  120  8
 *
 * one row per cache, sorted by name in byte order (as `ls` in the C
 * locale lists the directory).  slab_size is s->size, the slot with its
 * metadata; objs_per_slab and order describe a new slab (s->oo).
 */
#include "linux/kernel.h"
#include "linux/seq_file.h"
#include "mmsim/host.h"
#include "mm/slub_internal.h"

#include <stdlib.h>
#include <string.h>

static int cache_name_cmp(const void *a, const void *b)
{
	const struct kmem_cache *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void slab_attrs_row(struct seq_file *m, const struct kmem_cache *s)
{
	seq_printf(m, "%s\t%u\t%u\t%u\t%u\t%lu\t%u\t%u\n", s->name,
		   s->object_size, s->size, oo_objects(s->oo), oo_order(s->oo),
		   s->min_partial, s->cpu_partial, s->align);
}

char *slab_attrs_render(void)
{
	struct kmem_cache **caches, *s;
	struct seq_file m;
	size_t n = 0, i;

	seq_file_init(&m);
	seq_puts(&m, "name\tobject_size\tslab_size\tobjs_per_slab\torder\tmin_partial\tcpu_partial\talign\n");
	spin_lock(&slub_st.slab_mutex);
	list_for_each_entry(s, &slub_st.slab_caches, list)
		n++;
	caches = host_alloc((n + 1) * sizeof(*caches));
	n = 0;
	list_for_each_entry(s, &slub_st.slab_caches, list)
		caches[n++] = s;
	qsort(caches, n, sizeof(*caches), cache_name_cmp);
	for (i = 0; i < n; i++)
		slab_attrs_row(&m, caches[i]);
	spin_unlock(&slub_st.slab_mutex);
	host_free(caches);
	return seq_file_detach(&m, NULL);
}
