// SPDX-License-Identifier: MIT
/*
 * tools/json_views.c — the figures of a booted machine's views as JSON
 * (`mmsim boot --json FILE`, `mmsim replay-kmem --json FILE`; docs/json.md).
 *
 * No kernel counterpart: the same numbers /proc/zoneinfo, buddyinfo,
 * pagetypeinfo, slabinfo and vmallocinfo print (fs/proc/), as one object:
 *
 *   { "mmsim": VERSION, "machine": {...}, "zones": [...],
 *     "slabs": [...], "vmalloc": {...} }
 *
 * Read from the machine's structures under the same locks the /proc
 * views take; nothing here changes the machine.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/slab.h"
#include "linux/vmstat.h"
#include "mm/slab.h"
#include "mm/vmalloc_internal.h"
#include "fs/proc/internal.h"
#include "mmsim/json.h"
#include "mmsim/mmsim.h"
#include "mmsim/json_views.h"
#include "mm/page_alloc_internal.h"

#include <string.h>

static void json_zone(struct json_out *j, struct zone *zone)
{
	static const char *const wmark[] = { "min", "low", "high" };
	unsigned int order;
	int i, mt;

	json_begin_object(j, NULL);
	json_i64(j, "node", zone->zone_pgdat->node_id);
	json_str(j, "name", zone->name);
	json_u64(j, "start_pfn", zone->zone_start_pfn);
	json_u64(j, "spanned", zone->spanned_pages);
	json_u64(j, "present", zone->present_pages);
	json_u64(j, "managed", zone_managed_pages(zone));
	json_u64(j, "nr_free_pages", zone_page_state(zone, NR_FREE_PAGES));
	json_begin_object(j, "watermarks");
	for (i = 0; i < 3; i++)
		json_u64(j, wmark[i], wmark_pages(zone, i));
	json_end(j);
	json_begin_array(j, "lowmem_reserve");
	for (i = 0; i < MAX_NR_ZONES; i++)
		json_i64(j, NULL, zone->lowmem_reserve[i]);
	json_end(j);
	spin_lock(&zone->lock);
	json_begin_array(j, "free_blocks");     /* buddyinfo: by order */
	for (order = 0; order < MAX_ORDER; order++)
		json_u64(j, NULL, zone->free_area[order].nr_free);
	json_end(j);
	json_begin_object(j, "free_blocks_by_type");  /* pagetypeinfo */
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		json_begin_array(j, migratetype_name(mt));
		for (order = 0; order < MAX_ORDER; order++) {
			json_u64(j, NULL, memmap_list_count(
					 &zone->free_area[order].free_list[mt], ULONG_MAX));
		}
		json_end(j);
	}
	json_end(j);
	spin_unlock(&zone->lock);
	json_end(j);
}

static void json_slabs(struct json_out *j)
{
	struct kmem_cache *s;

	json_begin_array(j, "slabs");
	spin_lock(&slub_st.slab_mutex);
	list_for_each_entry(s, &slub_st.slab_caches, list) {
		struct slabinfo si;

		memset(&si, 0, sizeof(si));
		get_slabinfo(s, &si);
		json_begin_object(j, NULL);
		json_str(j, "name", s->name);
		json_u64(j, "object_size", s->object_size);
		json_u64(j, "size", s->size);
		json_u64(j, "objs_per_slab", si.objects_per_slab);
		json_u64(j, "order", si.cache_order);
		json_u64(j, "active_objs", si.active_objs);
		json_u64(j, "num_objs", si.num_objs);
		json_u64(j, "num_slabs", si.num_slabs);
		json_u64(j, "slab_bytes", si.num_slabs * (PAGE_SIZE << si.cache_order));
		json_end(j);
	}
	spin_unlock(&slub_st.slab_mutex);
	json_end(j);
}

static void json_vmalloc(struct json_out *j)
{
	struct vmap_area *va;
	unsigned long used = 0, pages = 0, n = 0;

	json_begin_object(j, "vmalloc");
	json_u64(j, "start", vmalloc_area_start());
	if (!vmap_initialized) {
		json_end(j);
		return;
	}
	json_begin_array(j, "areas");
	spin_lock(&vmap_area_lock);
	list_for_each_entry(va, &vmap_area_list, list) {
		const struct vm_struct *v = va->vm;

		json_begin_object(j, NULL);
		json_u64(j, "start", v ? vmalloc_kva(v->addr) : va->va_start);
		json_u64(j, "size", v ? v->size : va->va_end - va->va_start);
		json_u64(j, "pages", v ? v->nr_pages : 0);
		json_str(j, "caller", v && v->caller ? v->caller : "");
		json_end(j);
		used += va->va_end - va->va_start;
		pages += v ? v->nr_pages : 0;
		n++;
	}
	spin_unlock(&vmap_area_lock);
	json_end(j);
	json_u64(j, "nr_areas", n);
	json_u64(j, "used_bytes", used);
	json_u64(j, "pages", pages);
	json_end(j);
}

void json_machine_views(struct json_out *j, struct machine *m)
{
	struct machine *old = machine_enter(m);
	struct zone *zone;

	json_str(j, "mmsim", mmsim_version());
	json_begin_object(j, "machine");
	json_str(j, "arch", m->desc.arch == MMSIM_ARCH_ARM ? "arm" : "x86_64");
	json_str(j, "model", m->desc.model);
	json_u64(j, "ram_bytes", m->desc.ram_size);
	json_u64(j, "cpus", m->desc.smp_cpus);
	json_str(j, "cmdline", m->desc.cmdline);
	json_u64(j, "max_order", MAX_ORDER);
	json_u64(j, "pageblock_order", pageblock_order);
	json_end(j);
	json_begin_array(j, "zones");
	for_each_populated_zone(zone)
		json_zone(j, zone);
	json_end(j);
	json_slabs(j);
	json_vmalloc(j);
	machine_enter(old);
}
