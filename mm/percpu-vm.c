// SPDX-License-Identifier: MIT
/*
 * mm/percpu-vm.c — memory behind the chunks made after boot.
 *
 * Kernel counterpart: mm/percpu-vm.c (Linux 6.1; the x86 choice, not
 * percpu-km.c).  The kernel gives each new chunk an address range in the
 * vmalloc area shaped like the first chunk (pcpu_get_vm_areas: the groups
 * at the same distances), and populates it page by page, every unit at
 * once: alloc_pages_node() on the CPU's node, mapped into the range.
 *
 * mmsim does the same with the page allocator directly and host address
 * space in place of vmalloc (which does not exist yet):
 *
 *   host_reserve_va(span, atom)       one inaccessible range per chunk,
 *   |<- group 0 ->|   ...   |<- group n ->|   span = last group's end
 *   | u0 | u1 |             | u4 | u5 |       chunk->base_addr = its start
 *        |
 *        +-- page i of unit u: alloc_pages_node(cpu_to_node(cpu)), then
 *            host_ram_alias() maps that page of simulated RAM at
 *            base_addr + unit offset + i * PAGE_SIZE
 *
 * So a chunk's copies are ordinary host memory, as the first chunk's are
 * (they are in the direct map), and a page's struct page records its
 * chunk (page->index) for free_percpu().  Why not percpu-km.c's single
 * contiguous block: it cannot serve NUMA groups lying far apart, and 64
 * units of 256 KiB need an order-12 block, past MAX_ORDER.
 *
 * The backing interface (mm/percpu-internal.h) is what the kernel's
 * percpu-vm.c and percpu-km.c both provide.  When mmsim gains vmalloc,
 * only pcpu_vm_area_get()/put() (the range) and pcpu_map_page()/
 * pcpu_unmap_page() (the mapping) change, to pcpu_get_vm_areas() and the
 * vmap page-table calls; pcpu_addr_to_page() becomes vmalloc_to_page().
 *
 * Each chunk's bookkeeping here (struct pcpu_vm_area and its page array,
 * one struct page pointer per page of every unit, NULL when unpopulated)
 * lives in simulated RAM, like the chunk's maps.  The areas are listed in
 * pcpu_state.vm_areas (changed under pcpu_lock) so that an address can be
 * traced back to its page.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/printk.h"
#include "linux/mm.h"
#include "linux/cpumask.h"
#include "arch/x86/include/asm/numa.h"
#include "mm/percpu-internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

struct pcpu_vm_area {
	struct list_head list;      /* on pcpu_state.vm_areas */
	struct pcpu_chunk *chunk;
	void *va;                   /* the chunk's base_addr */
	u64 size;                   /* bytes of address space reserved */
	struct page **pages;        /* [unit * unit_pages + page] */
};

#define pcpu_vm_areas (current_machine->pcpu.vm_areas)

static size_t pcpu_vm_pages_bytes(void)
{
	return (size_t)pcpu_nr_units * (size_t)pcpu_unit_pages *
	       sizeof(struct page *);
}

/* Bytes from the chunk's base to the end of its farthest group. */
static u64 pcpu_vm_span(void)
{
	u64 span = 0;
	int group;

	for (group = 0; group < pcpu_nr_groups; group++)
		span = max(span, (u64)pcpu_group_offsets[group] +
					 (u64)pcpu_group_sizes[group]);
	return span;
}

/* A chunk's address range and page table; NULL when either is lacking. */
static struct pcpu_vm_area *pcpu_vm_area_get(struct pcpu_chunk *chunk,
					     gfp_t gfp)
{
	struct pcpu_vm_area *area = pcpu_mem_zalloc(sizeof(*area), gfp);

	if (!area)
		return NULL;
	area->pages = pcpu_mem_zalloc(pcpu_vm_pages_bytes(), gfp);
	if (!area->pages)
		goto out_free_area;
	area->size = pcpu_vm_span();
	area->va = host_reserve_va(area->size, (u64)pcpu_atom_size);
	if (!area->va)
		goto out_free_pages;
	area->chunk = chunk;
	spin_lock_irq(&pcpu_lock);
	list_add(&area->list, &pcpu_vm_areas);
	spin_unlock_irq(&pcpu_lock);
	return area;

out_free_pages:
	pcpu_mem_free(area->pages, pcpu_vm_pages_bytes());
out_free_area:
	pcpu_mem_free(area, sizeof(*area));
	return NULL;
}

static void pcpu_vm_area_put(struct pcpu_vm_area *area)
{
	spin_lock_irq(&pcpu_lock);
	list_del(&area->list);
	spin_unlock_irq(&pcpu_lock);
	host_release_va(area->va, area->size);
	pcpu_mem_free(area->pages, pcpu_vm_pages_bytes());
	pcpu_mem_free(area, sizeof(*area));
}

static int pcpu_map_page(struct pcpu_chunk *chunk, unsigned int cpu, int i,
			 struct page *page)
{
	return host_ram_alias(&current_machine->ram,
			      (void *)pcpu_chunk_addr(chunk, cpu, i),
			      page_to_phys(page), PAGE_SIZE);
}

static void pcpu_unmap_page(struct pcpu_chunk *chunk, unsigned int cpu, int i)
{
	WARN_ON(host_unmap_alias((void *)pcpu_chunk_addr(chunk, cpu, i),
				 PAGE_SIZE));
}

/* Free the pages of [page_start, page_end) in every unit that have one. */
static void pcpu_free_pages(struct pcpu_vm_area *area, int page_start,
			    int page_end)
{
	unsigned int cpu;
	int i;

	for_each_possible_cpu(cpu) {
		for (i = page_start; i < page_end; i++) {
			struct page **pagep = &area->pages[pcpu_page_idx(cpu, i)];

			if (*pagep)
				__free_page(*pagep);
			*pagep = NULL;
		}
	}
}

/* A page for [page_start, page_end) of every unit, on its CPU's node. */
static int pcpu_alloc_pages(struct pcpu_vm_area *area, int page_start,
			    int page_end, gfp_t gfp)
{
	unsigned int cpu;
	int i;

	gfp |= __GFP_HIGHMEM;
	for_each_possible_cpu(cpu) {
		for (i = page_start; i < page_end; i++) {
			struct page **pagep = &area->pages[pcpu_page_idx(cpu, i)];

			*pagep = alloc_pages_node(cpu_to_node((int)cpu), gfp, 0);
			if (!*pagep) {
				pcpu_free_pages(area, page_start, page_end);
				return -ENOMEM;
			}
		}
	}
	return 0;
}

static void pcpu_unmap_pages(struct pcpu_chunk *chunk, int page_start,
			     int page_end)
{
	unsigned int cpu;
	int i;

	for_each_possible_cpu(cpu)
		for (i = page_start; i < page_end; i++)
			pcpu_unmap_page(chunk, cpu, i);
}

/* Map the pages just allocated and tell each its chunk; 0 or -errno. */
static int pcpu_map_pages(struct pcpu_chunk *chunk, struct pcpu_vm_area *area,
			  int page_start, int page_end)
{
	unsigned int cpu;
	int i, err;

	for_each_possible_cpu(cpu) {
		for (i = page_start; i < page_end; i++) {
			struct page *page = area->pages[pcpu_page_idx(cpu, i)];

			err = pcpu_map_page(chunk, cpu, i, page);
			if (err < 0) {
				pcpu_unmap_pages(chunk, page_start, page_end);
				return err;
			}
			pcpu_set_page_chunk(page, chunk);
		}
	}
	return 0;
}

int pcpu_populate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end,
			gfp_t gfp)
{
	struct pcpu_vm_area *area = chunk->data;

	if (pcpu_alloc_pages(area, page_start, page_end, gfp))
		return -ENOMEM;
	if (pcpu_map_pages(chunk, area, page_start, page_end)) {
		pcpu_free_pages(area, page_start, page_end);
		return -ENOMEM;
	}
	return 0;
}

void pcpu_depopulate_chunk(struct pcpu_chunk *chunk, int page_start,
			   int page_end)
{
	struct pcpu_vm_area *area = chunk->data;

	pcpu_unmap_pages(chunk, page_start, page_end);
	pcpu_free_pages(area, page_start, page_end);
}

/* Nothing to flush: the host maps and unmaps synchronously. */
void pcpu_post_unmap_tlb_flush(struct pcpu_chunk *chunk, int page_start,
			       int page_end)
{
}

struct pcpu_chunk *pcpu_create_chunk(gfp_t gfp)
{
	struct pcpu_vm_area *area;
	struct pcpu_chunk *chunk;

	chunk = pcpu_alloc_chunk(gfp);
	if (!chunk)
		return NULL;
	area = pcpu_vm_area_get(chunk, gfp);
	if (!area) {
		pcpu_free_chunk(chunk);
		return NULL;
	}
	chunk->data = area;
	chunk->base_addr = area->va;
	return chunk;
}

void pcpu_destroy_chunk(struct pcpu_chunk *chunk)
{
	if (!chunk)
		return;
	if (chunk->data)
		pcpu_vm_area_put(chunk->data);
	pcpu_free_chunk(chunk);
}

/*
 * The unit whose copy lies @off bytes past a chunk's base, or -1; the
 * offset inside that unit goes to *@unit_off.
 */
static int pcpu_vm_off_to_unit(unsigned long off, unsigned long *unit_off)
{
	int group, first_unit = 0;

	for (group = 0; group < pcpu_nr_groups; group++) {
		unsigned long gstart = pcpu_group_offsets[group];

		if (off >= gstart && off < gstart + pcpu_group_sizes[group]) {
			*unit_off = (off - gstart) % (unsigned long)pcpu_unit_size;
			return first_unit + (int)((off - gstart) /
						  (unsigned long)pcpu_unit_size);
		}
		first_unit += (int)(pcpu_group_sizes[group] /
				    (size_t)pcpu_unit_size);
	}
	return -1;
}

struct page *pcpu_addr_to_page(void *addr)
{
	struct pcpu_vm_area *area;
	unsigned long a = (unsigned long)addr;

	list_for_each_entry(area, &pcpu_vm_areas, list) {
		unsigned long base = (unsigned long)area->va, unit_off;
		int unit;

		if (a < base || a >= base + area->size)
			continue;
		unit = pcpu_vm_off_to_unit(a - base, &unit_off);
		if (unit < 0)
			return NULL;
		return area->pages[unit * pcpu_unit_pages +
				   (int)(unit_off >> PAGE_SHIFT)];
	}
	return NULL;
}

int pcpu_verify_alloc_info(const struct pcpu_alloc_info *ai)
{
	return 0;	/* no restriction beyond the allocator's own */
}

/*
 * Depopulate a chunk made after boot when a quarter of its pages are
 * empty and enough empty pages remain elsewhere, or when it is isolated
 * and has empty pages (it may be sidelined).
 */
bool pcpu_should_reclaim_chunk(struct pcpu_chunk *chunk)
{
	if (chunk == pcpu_first_chunk || chunk == pcpu_reserved_chunk)
		return false;
	return (chunk->isolated && chunk->nr_empty_pop_pages) ||
	       (pcpu_nr_empty_pop_pages >
			(PCPU_EMPTY_POP_PAGES_HIGH + chunk->nr_empty_pop_pages) &&
		chunk->nr_empty_pop_pages >= chunk->nr_pages / 4);
}

int pcpu_backing_validate(struct pcpu_chunk *chunk)
{
	struct pcpu_vm_area *area = chunk->data;
	unsigned int cpu;
	int i;

	if (!area || area->chunk != chunk || area->va != chunk->base_addr) {
		pr_err("pcpu_validate: chunk %p: backing area does not match\n",
		       chunk);
		return -EINVAL;
	}
	for_each_possible_cpu(cpu) {
		for (i = 0; i < chunk->nr_pages; i++) {
			struct page *page = area->pages[pcpu_page_idx(cpu, i)];
			bool pop = test_bit((unsigned long)i, chunk->populated);

			if (pop != (page != NULL) ||
			    (page && pcpu_get_page_chunk(page) != chunk)) {
				pr_err("pcpu_validate: chunk %p cpu %u page %d: populated %d, page %p\n",
				       chunk, cpu, i, pop, page);
				return -EINVAL;
			}
		}
	}
	return 0;
}

void pcpu_backing_destroy(void)
{
	struct pcpu_vm_area *area, *next;

	if (!pcpu_vm_areas.next)
		return;
	list_for_each_entry_safe(area, next, &pcpu_vm_areas, list) {
		list_del(&area->list);
		host_release_va(area->va, area->size);
	}
}
