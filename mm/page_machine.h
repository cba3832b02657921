/* SPDX-License-Identifier: MIT */
/*
 * mm/page_machine.h — the page allocator's hottest helpers, inline, with
 * the machine passed in.
 *
 * Kernel counterparts: the static inlines of include/linux/mm.h
 * (page_zonenum, page_to_nid, page_zone), include/asm-generic/
 * memory_model.h (page_to_pfn, pfn_to_page for SPARSEMEM_VMEMMAP and
 * FLATMEM), include/linux/mmzone.h (__pfn_to_section),
 * include/linux/topology.h (numa_node_id) and include/linux/vmstat.h
 * (__count_vm_events).
 *
 * In the kernel each of these is a few instructions inlined into the
 * per-CPU fast path.  In mmsim their layout parameters (the widths of
 * page->flags' fields, vmemmap or mem_map, the section roots, the CPU ->
 * node map) belong to the machine, so each one starts by finding it.
 * The kernel-named functions stay out of line, as the API of every other
 * file and for a debugger (mm/mm_init.c, mm/sparse.c, mm/vmstat.c,
 * mm/page_alloc_pcp.c), each a call of the machine_*() version below.
 * The allocation and free fast paths (rmqueue_pcplist, free_unref_page,
 * get_pfnblock_flags_mask, zone_statistics) read current_machine once
 * and call these: one order-0 pair then does the kernel's work plus a
 * thread-local load, instead of a dozen calls that each look the machine
 * up again.
 *
 * Include this header last: it brings in <mmsim/machine.h>.
 */
#ifndef _MMSIM_MM_PAGE_MACHINE_H
#define _MMSIM_MM_PAGE_MACHINE_H

#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/smp.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

/* ---- pfn <-> struct page (FLATMEM on 32-bit ARM, else the vmemmap) ---- */

static inline unsigned long machine_page_to_pfn(const struct machine *m,
						const struct page *page)
{
	if (m->mm.mem_map)
		return (unsigned long)(page - m->mm.mem_map) +
		       m->mm.arch_pfn_offset;
	return (unsigned long)(page - mm_state_vmemmap(&m->mm));
}

static inline struct page *machine_pfn_to_page(const struct machine *m,
					       unsigned long pfn)
{
	if (m->mm.mem_map)
		return m->mm.mem_map + (pfn - m->mm.arch_pfn_offset);
	return mm_state_vmemmap(&m->mm) + pfn;
}

/* The mem_section of @pfn, or NULL where no root or section exists. */
static inline struct mem_section *machine_pfn_to_section(const struct machine *m,
							 unsigned long pfn)
{
	unsigned long nr = pfn >> pfn_section_shift();
	unsigned long root = nr / SECTIONS_PER_ROOT;
	struct mem_section **roots = m->mm.mem_section;

	if (!roots || root >= m->mm.nr_mem_section_roots || !roots[root])
		return NULL;
	return &roots[root][nr % SECTIONS_PER_ROOT];
}

/* ---- page->flags: | node | zone | ... flags |, from the top bit down ---- */

static inline unsigned int machine_zones_pgshift(const struct machine *m)
{
	return 64 - (unsigned int)m->mmcfg.nodes_width -
	       (unsigned int)m->mmcfg.zones_width;
}

static inline int machine_page_zonenum(const struct machine *m,
				       const struct page *page)
{
	unsigned long mask = (1UL << m->mmcfg.zones_width) - 1;

	/* relaxed: another CPU may be setting a PG_ bit of the same word */
	return (int)((__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >>
		      machine_zones_pgshift(m)) & mask);
}

static inline int machine_page_to_nid(const struct machine *m,
				      const struct page *page)
{
	int width = m->mmcfg.nodes_width;

	if (!width)
		return 0;
	return (int)((__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >> (64 - width)) &
		     ((1UL << width) - 1));
}

static inline struct zone *machine_page_zone(const struct machine *m,
					     const struct page *page)
{
	pg_data_t *pgdat = m->mm.node_data[machine_page_to_nid(m, page)];

	return &pgdat->node_zones[machine_page_zonenum(m, page)];
}

/* ---- pageblock flags: NR_PAGEBLOCK_BITS per pageblock ---- */

/* The bitmap of @pfn's pageblock: the zone's (FLATMEM) or the section's. */
static inline unsigned long *get_pageblock_bitmap(const struct machine *m,
						  const struct page *page,
						  unsigned long pfn)
{
	if (m->mm.mem_map)
		return machine_page_zone(m, page)->pageblock_flags;
	return machine_pfn_to_section(m, pfn)->usage->pageblock_flags;
}

static inline unsigned long pfn_to_bitidx(const struct machine *m,
					  const struct page *page,
					  unsigned long pfn)
{
	if (m->mm.mem_map)
		pfn -= pageblock_start_pfn(machine_page_zone(m, page)->zone_start_pfn);
	else
		pfn &= pages_per_section() - 1;
	return (pfn >> m->mmcfg.order_pageblock) * NR_PAGEBLOCK_BITS;
}

/* get_pfnblock_flags_mask() (mm/page_alloc.c), inline for the free path. */
static inline unsigned long __get_pfnblock_flags_mask(const struct machine *m,
						      const struct page *page,
						      unsigned long pfn,
						      unsigned long mask)
{
	unsigned long *bitmap = get_pageblock_bitmap(m, page, pfn);
	unsigned long bitidx = pfn_to_bitidx(m, page, pfn);
	unsigned long word;

	word = __atomic_load_n(&bitmap[bitidx / BITS_PER_LONG], __ATOMIC_RELAXED);
	return (word >> (bitidx % BITS_PER_LONG)) & mask;
}

/* ---- the running CPU ---- */

/* cpu_to_node(smp_processor_id()), from the cached map. */
static inline int machine_numa_node_id(const struct machine *m)
{
	unsigned int cpu = (unsigned int)smp_processor_id();

	return cpu < m->mm.pa.nr_cpu_slots ? m->mm.pa.cpu_node[cpu] : 0;
}

/* One VM event on the running CPU (its own slot: no lock, no atomic). */
static inline void machine_count_vm_events(struct machine *m,
					   enum vm_event_item item, long delta)
{
	unsigned int cpu = (unsigned int)smp_processor_id();

	if (likely(cpu < m->mm.pa.nr_cpu_slots))
		m->mm.pa.vm_event_states[cpu].event[item] += (unsigned long)delta;
}

#endif /* _MMSIM_MM_PAGE_MACHINE_H */
