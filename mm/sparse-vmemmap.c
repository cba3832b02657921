// SPDX-License-Identifier: MIT
/*
 * mm/sparse-vmemmap.c — backing the virtual memory map with real memory.
 *
 * Kernel counterpart: mm/sparse-vmemmap.c (Linux 6.1).
 *
 * The vmemmap is one virtual array of struct page indexed by pfn.  Each
 * section's part of it is backed by 2 MiB blocks taken from the node's
 * memory-map buffer (sparse_buffer_alloc) and mapped with PMD entries in
 * the kernel page tables (arch vmemmap_populate(); the page-table pages it
 * needs come from vmemmap_alloc_block_zero()).
 *
 * mmsim keeps the same array in the host too: a host address range is
 * reserved for the whole vmemmap and every 2 MiB block of simulated RAM
 * that the kernel maps into the vmemmap is mapped there as well (the same
 * memfd pages, MAP_SHARED), so `vmemmap + pfn` is an ordinary C pointer to
 * the struct page that lives in simulated RAM:
 *
 *   host:    vmemmap_host_base + pfn * sizeof(struct page)
 *              |  mmap(MAP_FIXED | MAP_SHARED, ram fd, offset = block pa)
 *   RAM:     the 2 MiB block the kernel's PMD entry points at
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/sizes.h"
#include "mm/internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

#define MAX_DMA_PHYS 0x1000000UL

/*
 * Reserve the host range for the whole vmemmap: one struct page for every
 * pfn up to the end of the machine's physical address space.
 */
int vmemmap_host_init(void)
{
	struct mm_state *mms = &current_machine->mm;
	u64 pages = ALIGN(current_machine->ram.span >> PAGE_SHIFT,
			  (u64)pages_per_section());
	u64 size = ALIGN(pages * sizeof(struct page), (u64)SZ_2M);
	void *base = host_reserve_va(size, SZ_2M);

	if (!base)
		return -ENOMEM;
	mms->vmemmap_host_base = base;
	mms->vmemmap_host_size = size;
	vmemmap = base;
	return memmap_lazy_init();
}

void vmemmap_host_destroy(void)
{
	struct mm_state *mms = &current_machine->mm;

	memmap_lazy_destroy();
	if (mms->vmemmap_host_base)
		host_release_va(mms->vmemmap_host_base, mms->vmemmap_host_size);
	mms->vmemmap_host_base = NULL;
	vmemmap = NULL;
}

/*
 * Make the host see simulated-RAM block [@pa, @pa + @len) at the vmemmap
 * offset @off (what the kernel's PMD entry does for its virtual address).
 */
int vmemmap_host_map(unsigned long off, phys_addr_t pa, unsigned long len)
{
	struct mm_state *mms = &current_machine->mm;
	int ret;

	if (off + len > mms->vmemmap_host_size)
		return -EINVAL;
	ret = host_ram_alias(&current_machine->ram,
			     (char *)mms->vmemmap_host_base + off, pa, len);
	return ret ? ret : memmap_lazy_map(off, pa, len);
}

static void *earlyonly_bootmem_alloc(int node, unsigned long size,
				     unsigned long align, unsigned long goal)
{
	return memblock_alloc_try_nid_raw_caller(size, align, goal,
						 MEMBLOCK_ALLOC_ACCESSIBLE, node,
						 "vmemmap_alloc_block_zero");
}

/* A block for the vmemmap or its page tables, from memblock at boot. */
void *vmemmap_alloc_block(unsigned long size, int node)
{
	if (current_machine->slab_available) {
		pr_err("vmemmap_alloc_block: memory hotplug is not simulated\n");
		return NULL;
	}
	return earlyonly_bootmem_alloc(node, size, size, MAX_DMA_PHYS);
}

void *vmemmap_alloc_block_buf(unsigned long size, int node)
{
	void *ptr = sparse_buffer_alloc(size);

	if (!ptr)
		ptr = vmemmap_alloc_block(size, node);
	return ptr;
}

void *vmemmap_alloc_block_zero(unsigned long size, int node)
{
	void *p = vmemmap_alloc_block(size, node);

	if (!p)
		return NULL;
	memset(p, 0, size);
	return p;
}

/* Back the memory map of [pfn, pfn + nr_pages) and return its first page. */
struct page *__populate_section_memmap(unsigned long pfn, unsigned long nr_pages,
				       int nid)
{
	unsigned long start = pfn * sizeof(struct page);
	unsigned long end = start + nr_pages * sizeof(struct page);

	if (vmemmap_populate(start, end, nid) < 0)
		return NULL;
	return pfn_to_page(pfn);
}
