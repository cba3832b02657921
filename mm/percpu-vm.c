// SPDX-License-Identifier: MIT
/*
 * mm/percpu-vm.c — memory behind the chunks made after boot: vmalloc
 * areas, populated page by page.
 *
 * Kernel counterpart: mm/percpu-vm.c (Linux 6.1; the x86 choice, not
 * percpu-km.c).  A new chunk needs one address range per unit, laid out
 * exactly as the first chunk's units are (the per-CPU pointer of an
 * allocation is the same offset for every chunk), so pcpu_create_chunk()
 * asks vmalloc for all of them at once with pcpu_get_vm_areas(): one area
 * per group of the first chunk, at the groups' distances, as high in the
 * vmalloc space as they fit (mm/vmap_area.c):
 *
 *   vms[0]                      vms[1]          ("pcpu_get_vm_areas")
 *   |<-- group 0: u0 u1 -->|....|<-- group 1: u2 u3 -->|
 *   ^ base_addr = vms[0]->addr - pcpu_group_offsets[0]
 *
 * The areas have no pages at first.  Populating pages [s, e) of a chunk
 * allocates them in every unit, each on its CPU's node, into one
 * temporary array (pcpu_get_pages(): made once, kept), then maps each
 * unit's run with vmap_pages_range_noflush(): PTEs in the kernel page
 * tables and, in mmsim, the same pages in the host window, so a chunk's
 * copies are ordinary memory.  Depopulating unmaps with
 * vunmap_range_noflush() and frees the pages, which it finds through the
 * page tables (vmalloc_to_page()); so does per_cpu_ptr_to_phys().
 *
 *   pcpu_populate_chunk(chunk, s, e)
 *     pages = pcpu_get_pages()                      kzalloc, or vmalloc
 *     pcpu_alloc_pages()   alloc_pages_node(cpu_to_node(cpu)) per page
 *     pcpu_map_pages()     vmap_pages_range_noflush() per unit,
 *                          page->index = chunk (reverse lookup)
 *
 * The chunk's own metadata (struct, maps, memcg vector) comes from
 * pcpu_mem_zalloc() in mm/percpu.c: kzalloc up to a page, vmalloc above,
 * which is why a new chunk shows several "pcpu_create_chunk" lines in
 * /proc/vmallocinfo beside its "pcpu_get_vm_areas" ones.
 *
 * There is no TLB or cache in mmsim, so the kernel's flushes around
 * mapping and unmapping have nothing to do.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/printk.h"
#include "linux/mm.h"
#include "linux/cpumask.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/numa.h"
#include "mm/percpu-internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/machine.h"

/* The page mapped at @cpu's copy of page @page_idx of @chunk, or NULL. */
static struct page *pcpu_chunk_page(struct pcpu_chunk *chunk,
				    unsigned int cpu, int page_idx)
{
	WARN_ON(chunk->immutable);	/* the first chunk is not vmalloc'ed */
	return vmalloc_to_page((void *)pcpu_chunk_addr(chunk, cpu, page_idx));
}

/*
 * The one page array population uses, indexed by pcpu_page_idx(); made
 * on first use and kept.  Serialised by pcpu_alloc_mutex.
 */
static struct page **pcpu_get_pages(void)
{
	struct page ***pages = &current_machine->pcpu.vm_pages;
	size_t pages_size = (size_t)pcpu_nr_units * (size_t)pcpu_unit_pages *
			    sizeof(struct page *);

	lockdep_assert_held(&pcpu_alloc_mutex);
	/* pcpu_get_pages() is inlined into pcpu_populate_chunk() */
	if (!*pages)
		*pages = pcpu_mem_zalloc(pages_size, GFP_KERNEL,
					 "pcpu_populate_chunk");
	return *pages;
}

static void pcpu_free_pages(struct pcpu_chunk *chunk, struct page **pages,
			    int page_start, int page_end)
{
	unsigned int cpu;
	int i;

	for_each_possible_cpu(cpu) {
		for (i = page_start; i < page_end; i++) {
			struct page *page = pages[pcpu_page_idx(cpu, i)];

			if (page)
				__free_page(page);
		}
	}
}

/*
 * A page for [page_start, page_end) of every unit, on its CPU's node.
 * All or nothing: 0, or -ENOMEM with whatever was taken given back.
 */
static int pcpu_alloc_pages(struct pcpu_chunk *chunk, struct page **pages,
			    int page_start, int page_end, gfp_t gfp)
{
	unsigned int cpu, tcpu;
	int i;

	gfp |= __GFP_HIGHMEM;
	for_each_possible_cpu(cpu) {
		for (i = page_start; i < page_end; i++) {
			struct page **pagep = &pages[pcpu_page_idx(cpu, i)];

			*pagep = alloc_pages_node(cpu_to_node((int)cpu), gfp, 0);
			if (!*pagep)
				goto err;
		}
	}
	return 0;

err:
	while (--i >= page_start)
		__free_page(pages[pcpu_page_idx(cpu, i)]);
	for_each_possible_cpu(tcpu) {
		if (tcpu == cpu)
			break;
		for (i = page_start; i < page_end; i++)
			__free_page(pages[pcpu_page_idx(tcpu, i)]);
	}
	return -ENOMEM;
}

/* Unmap @nr_pages pages at host address @addr of a chunk. */
static void __pcpu_unmap_pages(unsigned long addr, int nr_pages)
{
	unsigned long kva = vmalloc_kva((void *)addr);

	vunmap_range_noflush(kva, kva + ((unsigned long)nr_pages << PAGE_SHIFT));
}

/*
 * Unmap [page_start, page_end) in every unit, collecting the pages into
 * @pages for pcpu_free_pages().
 */
static void pcpu_unmap_pages(struct pcpu_chunk *chunk, struct page **pages,
			     int page_start, int page_end)
{
	unsigned int cpu;
	int i;

	for_each_possible_cpu(cpu) {
		for (i = page_start; i < page_end; i++) {
			struct page *page = pcpu_chunk_page(chunk, cpu, i);

			WARN_ON(!page);
			pages[pcpu_page_idx(cpu, i)] = page;
		}
		__pcpu_unmap_pages(pcpu_chunk_addr(chunk, cpu, page_start),
				   page_end - page_start);
	}
}

int __pcpu_map_pages(unsigned long addr, struct page **pages, int nr_pages)
{
	unsigned long kva = vmalloc_kva((void *)addr);

	return vmap_pages_range_noflush(kva, kva + ((unsigned long)nr_pages << PAGE_SHIFT),
					PAGE_KERNEL, pages, PAGE_SHIFT);
}

/*
 * Map [page_start, page_end) of @pages in every unit and record the chunk
 * in each page; 0, or -errno with the units done so far unmapped again.
 */
static int pcpu_map_pages(struct pcpu_chunk *chunk, struct page **pages,
			  int page_start, int page_end)
{
	unsigned int cpu, tcpu;
	int i, err;

	for_each_possible_cpu(cpu) {
		err = __pcpu_map_pages(pcpu_chunk_addr(chunk, cpu, page_start),
				       &pages[pcpu_page_idx(cpu, page_start)],
				       page_end - page_start);
		if (err < 0)
			goto err;
		for (i = page_start; i < page_end; i++)
			pcpu_set_page_chunk(pages[pcpu_page_idx(cpu, i)], chunk);
	}
	return 0;

err:
	for_each_possible_cpu(tcpu) {
		if (tcpu == cpu)
			break;
		__pcpu_unmap_pages(pcpu_chunk_addr(chunk, tcpu, page_start),
				   page_end - page_start);
	}
	return err;
}

int pcpu_populate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end,
			gfp_t gfp)
{
	struct page **pages = pcpu_get_pages();

	if (!pages)
		return -ENOMEM;
	if (pcpu_alloc_pages(chunk, pages, page_start, page_end, gfp))
		return -ENOMEM;
	if (pcpu_map_pages(chunk, pages, page_start, page_end)) {
		pcpu_free_pages(chunk, pages, page_start, page_end);
		return -ENOMEM;
	}
	return 0;
}

void pcpu_depopulate_chunk(struct pcpu_chunk *chunk, int page_start,
			   int page_end)
{
	/* population has succeeded before, so the array exists */
	struct page **pages = pcpu_get_pages();

	BUG_ON(!pages);
	pcpu_unmap_pages(chunk, pages, page_start, page_end);
	pcpu_free_pages(chunk, pages, page_start, page_end);
}

/* No TLB in mmsim: the unmapped PTEs are gone and the host view with them. */
void pcpu_post_unmap_tlb_flush(struct pcpu_chunk *chunk, int page_start,
			       int page_end)
{
}

struct pcpu_chunk *pcpu_create_chunk(gfp_t gfp)
{
	struct pcpu_chunk *chunk;
	struct vm_struct **vms;

	chunk = pcpu_alloc_chunk(gfp);
	if (!chunk)
		return NULL;
	vms = pcpu_get_vm_areas(pcpu_group_offsets, pcpu_group_sizes,
				pcpu_nr_groups, (size_t)pcpu_atom_size);
	if (!vms) {
		pcpu_free_chunk(chunk);
		return NULL;
	}
	chunk->data = vms;
	chunk->base_addr = (char *)vms[0]->addr - pcpu_group_offsets[0];
	return chunk;
}

void pcpu_destroy_chunk(struct pcpu_chunk *chunk)
{
	if (!chunk)
		return;
	if (chunk->data)
		pcpu_free_vm_areas(chunk->data, pcpu_nr_groups);
	pcpu_free_chunk(chunk);
}

struct page *pcpu_addr_to_page(void *addr)
{
	return vmalloc_to_page(addr);
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

/* The chunk's vmalloc areas are its groups, each one busy area. */
static int pcpu_backing_validate_areas(struct pcpu_chunk *chunk)
{
	struct vm_struct **vms = chunk->data;
	int group;

	if (!vms || (char *)chunk->base_addr !=
			    (char *)vms[0]->addr - pcpu_group_offsets[0]) {
		pr_err("pcpu_validate: chunk %p: its areas do not give its base\n",
		       chunk);
		return -EINVAL;
	}
	for (group = 0; group < pcpu_nr_groups; group++) {
		const struct vm_struct *vm = vms[group];

		if (find_vm_area(vm->addr) != vm || vm->size != pcpu_group_sizes[group] ||
		    (char *)vm->addr != (char *)chunk->base_addr +
						 pcpu_group_offsets[group]) {
			pr_err("pcpu_validate: chunk %p group %d: area %p (%lu bytes) is not the group's\n",
			       chunk, group, vm->addr, vm->size);
			return -EINVAL;
		}
	}
	return 0;
}

/* Populated pages are mapped in every unit and know their chunk. */
int pcpu_backing_validate(struct pcpu_chunk *chunk)
{
	unsigned int cpu;
	int i;

	if (pcpu_backing_validate_areas(chunk))
		return -EINVAL;
	for_each_possible_cpu(cpu) {
		for (i = 0; i < chunk->nr_pages; i++) {
			struct page *page = pcpu_chunk_page(chunk, cpu, i);
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
