// SPDX-License-Identifier: MIT
/*
 * fs/proc/slabinfo.c — /proc/slabinfo, version 2.1.
 *
 * Kernel counterpart: mm/slab_common.c (print_slabinfo_header,
 * cache_show, slab_show) with SLUB's get_slabinfo() (mm/slub_init.c).
 * One line per cache, newest cache first (the order of slab_caches):
 *
 *   slabinfo - version: 2.1
 *   # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ... : slabdata ...
 *   kmalloc-64          1664   1664     64   64    1 : tunables    0    0    0 : slabdata     26     26      0
 *
 * objsize is the slot size (s->size), pagesperslab 2^order of a new slab.
 * num_objs counts every object of every slab; active_objs all but the
 * free objects of the node partial lists (objects free on a CPU's slab
 * count as active, as in the kernel).  SLUB has no tunables: zeros.
 * Reading the file flushes nothing, so it may be read at any time.
 */
#include "linux/kernel.h"
#include "linux/seq_file.h"
#include "fs/proc/internal.h"
#include "mm/slab.h"

#include <string.h>

static void print_slabinfo_header(struct seq_file *m)
{
	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>");
	seq_puts(m, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(m, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
	seq_putc(m, '\n');
}

static void cache_show(struct kmem_cache *s, struct seq_file *m)
{
	struct slabinfo sinfo;

	memset(&sinfo, 0, sizeof(sinfo));
	get_slabinfo(s, &sinfo);
	seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, sinfo.active_objs,
		   sinfo.num_objs, s->size, sinfo.objects_per_slab,
		   1 << sinfo.cache_order);
	seq_printf(m, " : tunables %4u %4u %4u", sinfo.limit, sinfo.batchcount,
		   sinfo.shared);
	seq_printf(m, " : slabdata %6lu %6lu %6lu", sinfo.active_slabs,
		   sinfo.num_slabs, sinfo.shared_avail);
	seq_putc(m, '\n');
}

void slabinfo_show(struct seq_file *m)
{
	struct kmem_cache *s;

	spin_lock(&slub_st.slab_mutex);
	list_for_each_entry(s, &slub_st.slab_caches, list) {
		if (&s->list == slub_st.slab_caches.next)
			print_slabinfo_header(m);
		cache_show(s, m);
	}
	spin_unlock(&slub_st.slab_mutex);
}
