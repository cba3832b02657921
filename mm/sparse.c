// SPDX-License-Identifier: MIT
/*
 * mm/sparse.c — the sparse memory model: sections and pfn <-> page.
 *
 * Kernel counterparts: mm/sparse.c, include/linux/mmzone.h (section
 * lookup), include/asm-generic/memory_model.h (pfn_to_page).
 *
 * With SPARSEMEM_VMEMMAP the struct pages of every section sit in one
 * virtually contiguous array, so pfn_to_page(pfn) is vmemmap + pfn.  The
 * mem_section table records which sections are present and where each
 * section's usage block (sub-section map, pageblock flags) is:
 *
 *   mem_section[pfn >> (PFN_SECTION_SHIFT + log2 SECTIONS_PER_ROOT)]
 *              [(pfn >> PFN_SECTION_SHIFT) % SECTIONS_PER_ROOT]
 *
 * Without it (FLATMEM, 32-bit ARM) pfn_to_page is mem_map + (pfn - ARCH_PFN_OFFSET).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "mm/internal.h"
#include "arch/arm/include/asm/arm.h"
#include "mm/page_machine.h"

struct page *mmsim_pfn_to_page(unsigned long pfn)
{
	return machine_pfn_to_page(current_machine, pfn);
}

unsigned long mmsim_page_to_pfn(const struct page *page)
{
	return machine_page_to_pfn(current_machine, page);
}

struct mem_section *__pfn_to_section(unsigned long pfn)
{
	return machine_pfn_to_section(current_machine, pfn);
}

bool early_section(const struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_IS_EARLY);
}

/* Is there a struct page for @pfn? */
bool pfn_valid(unsigned long pfn)
{
	struct mem_section *ms;

	if (current_machine->mm.mem_map) {
		/* FLATMEM; 32-bit ARM has its own (HAVE_ARCH_PFN_VALID) */
		if (IS_ENABLED(CONFIG_HAVE_ARCH_PFN_VALID) && current_machine->arm)
			return arm_pfn_valid(pfn);
		return pfn >= current_machine->mm.arch_pfn_offset &&
		       pfn - current_machine->mm.arch_pfn_offset <
			       current_machine->mm.max_mapnr;
	}
	ms = __pfn_to_section(pfn);
	return ms && (ms->section_mem_map & SECTION_HAS_MEM_MAP);
}


/*
 * ------------------------------------------------------------------------
 * sparse_init(): find the present sections, give each a usage block and
 * a memory map, in the order and with the memblock requests the kernel
 * makes:
 *
 *   memblocks_present   mem_section[] roots (32 KiB), then one page of
 *                       mem_section entries per root that has memory
 *   sparse_init_nid     per node: all usage blocks in one allocation, near
 *                       the node's pg_data_t; all memory maps in one
 *                       PMD-aligned buffer, carved 2 MiB per section and
 *                       mapped into the vmemmap (vmemmap_populate)
 * ------------------------------------------------------------------------
 */
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/sizes.h"
#include "mmsim/host.h"

#include <string.h>

#define mms (current_machine->mm)
#define MAX_DMA_PHYS 0x1000000UL /* __pa(MAX_DMA_ADDRESS): 16 MiB */

static void *sparsemap_buf, *sparsemap_buf_end;

/* MAX_PHYSMEM_BITS: 46 with 4-level paging (the CPU has no LA57). */
static unsigned int max_physmem_bits(void)
{
	return 46;
}

static unsigned long nr_section_roots(void)
{
	unsigned long nr_sections =
		1UL << (max_physmem_bits() - SECTION_SIZE_BITS_X86_64);

	return nr_sections / SECTIONS_PER_ROOT;
}

static unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> pfn_section_shift();
}

static unsigned long section_nr_to_pfn(unsigned long nr)
{
	return nr << pfn_section_shift();
}

static struct mem_section *__nr_to_section(unsigned long nr)
{
	return __pfn_to_section(section_nr_to_pfn(nr));
}

/* sizeof(struct mem_section_usage) + the pageblock bitmap, as the kernel sizes it. */
static unsigned long mem_section_usage_size(void)
{
	unsigned long blockflags_bits = (pages_per_section() >> pageblock_order) *
					NR_PAGEBLOCK_BITS;
	unsigned long usemap = DIV_ROUND_UP(blockflags_bits, 64) * 8;

	return sizeof(struct mem_section_usage) + usemap;
}

/* Memory map bytes per section, rounded to the 2 MiB PMD mapping. */
static unsigned long section_map_size(void)
{
	return ALIGN(struct_page_size() * pages_per_section(), (unsigned long)SZ_2M);
}

static struct mem_section *sparse_index_alloc(int nid)
{
	unsigned long array_size = SECTIONS_PER_ROOT * sizeof(struct mem_section);
	struct mem_section *section;

	section = memblock_alloc_node(array_size, SMP_CACHE_BYTES, nid);
	if (!section)
		pr_emerg("%s: Failed to allocate %lu bytes nid=%d\n", __func__,
			 array_size, nid);
	return section;
}

static int sparse_index_init(unsigned long section_nr, int nid)
{
	unsigned long root = section_nr / SECTIONS_PER_ROOT;
	struct mem_section *section;

	if (mms.mem_section[root])
		return 0;
	section = sparse_index_alloc(nid);
	if (!section)
		return -ENOMEM;
	mms.mem_section[root] = section;
	return 0;
}

/* Mark the sections covering [start, end) present, on node @nid. */
static int memory_present(int nid, unsigned long start, unsigned long end)
{
	unsigned long pfn;

	if (!mms.mem_section) {
		unsigned long size = sizeof(struct mem_section *) * nr_section_roots();

		/* memblocks_present() is inlined into sparse_init() */
		mms.mem_section = memblock_alloc_try_nid_caller(size, 64,
				MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
				NUMA_NO_NODE, "sparse_init");
		if (!mms.mem_section) {
			pr_emerg("memory_present: Failed to allocate %lu bytes align=0x40\n",
				 size);
			return -ENOMEM;
		}
		mms.nr_mem_section_roots = nr_section_roots();
	}

	start &= ~(pages_per_section() - 1);
	for (pfn = start; pfn < end; pfn += pages_per_section()) {
		unsigned long section = pfn_to_section_nr(pfn);
		struct mem_section *ms;

		if (sparse_index_init(section, nid))
			return -ENOMEM;
		ms = __nr_to_section(section);
		if (!ms->section_mem_map)
			ms->section_mem_map = ((unsigned long)nid << SECTION_NID_SHIFT) |
					      SECTION_IS_ONLINE |
					      SECTION_MARKED_PRESENT;
	}
	return 0;
}

static bool present_section(const struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_MARKED_PRESENT);
}

static int sparse_early_nid(const struct mem_section *ms)
{
	return (int)(ms->section_mem_map >> SECTION_NID_SHIFT);
}

/* The next present section number >= @nr, or -1. */
static long next_present_section_nr(unsigned long nr)
{
	unsigned long limit = mms.nr_mem_section_roots * SECTIONS_PER_ROOT;

	for (; nr < limit; nr++) {
		unsigned long root = nr / SECTIONS_PER_ROOT;

		if (!mms.mem_section[root]) {
			nr = (root + 1) * SECTIONS_PER_ROOT - 1;
			continue;
		}
		if (present_section(__nr_to_section(nr)))
			return (long)nr;
	}
	return -1;
}

/*
 * The usage blocks of a node, preferably in the same section as its
 * pg_data_t (so that one section does not pin another), else anywhere.
 */
static struct mem_section_usage *
sparse_early_usemaps_alloc_pgdat_section(pg_data_t *pgdat, unsigned long size)
{
	unsigned long section_bytes = 1UL << SECTION_SIZE_BITS_X86_64;
	phys_addr_t goal = __pa(pgdat) & ~(section_bytes - 1);
	phys_addr_t limit = goal + section_bytes;
	int nid = early_pfn_to_nid(goal >> PAGE_SHIFT);
	struct mem_section_usage *usage;

	for (;;) {
		usage = memblock_alloc_try_nid_caller(size, SMP_CACHE_BYTES, goal,
						      limit, nid, "sparse_init_nid");
		if (usage || !limit)
			return usage;
		limit = 0;
	}
}

static void sparse_buffer_free(unsigned long size)
{
	memblock_free_caller(sparsemap_buf, size, "sparse_buffer_free");
}

static void sparse_buffer_init(unsigned long size, int nid)
{
	/* memmap_alloc(), inlined into sparse_init_nid() */
	sparsemap_buf = memblock_alloc_exact_nid_raw_caller(size,
			section_map_size(), MAX_DMA_PHYS, MEMBLOCK_ALLOC_ACCESSIBLE,
			nid, "sparse_init_nid");
	sparsemap_buf_end = sparsemap_buf ? (char *)sparsemap_buf + size : NULL;
}

static void sparse_buffer_fini(void)
{
	unsigned long size = (unsigned long)((char *)sparsemap_buf_end -
					     (char *)sparsemap_buf);

	if (sparsemap_buf && size > 0)
		sparse_buffer_free(size);
	sparsemap_buf = NULL;
}

/* Carve @size bytes (aligned to @size) from the node's memory-map buffer. */
void *sparse_buffer_alloc(unsigned long size)
{
	char *ptr;

	if (!sparsemap_buf)
		return NULL;
	ptr = (char *)(roundup((unsigned long)mmsim_pa(sparsemap_buf), size) +
		       (unsigned long)current_machine->ram.base);
	if (ptr + size > (char *)sparsemap_buf_end)
		return NULL;
	if (ptr > (char *)sparsemap_buf)
		sparse_buffer_free((unsigned long)(ptr - (char *)sparsemap_buf));
	sparsemap_buf = ptr + size;
	return ptr;
}

static void sparse_init_one_section(struct mem_section *ms, unsigned long pnum,
				    struct page *map, struct mem_section_usage *usage,
				    unsigned long flags)
{
	unsigned long coded = (unsigned long)(map - section_nr_to_pfn(pnum));

	ms->section_mem_map &= ~SECTION_MAP_MASK;
	ms->section_mem_map |= (coded & SECTION_MAP_MASK) | SECTION_HAS_MEM_MAP |
			       flags;
	ms->usage = usage;
}

/* Usage blocks and memory maps for @nid's sections [pnum_begin, pnum_end). */
static void sparse_init_nid(int nid, unsigned long pnum_begin,
			    unsigned long pnum_end, unsigned long map_count)
{
	unsigned long usage_size = mem_section_usage_size();
	struct mem_section_usage *usage;
	long pnum;

	usage = sparse_early_usemaps_alloc_pgdat_section(NODE_DATA(nid),
							 usage_size * map_count);
	if (!usage) {
		pr_err("%s: node[%d] usemap allocation failed", __func__, nid);
		return;
	}
	sparse_buffer_init(map_count * section_map_size(), nid);
	for (pnum = next_present_section_nr(pnum_begin);
	     pnum >= 0 && (unsigned long)pnum < pnum_end;
	     pnum = next_present_section_nr((unsigned long)pnum + 1)) {
		unsigned long pfn = section_nr_to_pfn((unsigned long)pnum);
		struct page *map = __populate_section_memmap(pfn, pages_per_section(),
							     nid);

		if (!map) {
			pr_err("%s: node[%d] memory map backing failed. Some memory will not be available.",
			       __func__, nid);
			break;
		}
		sparse_init_one_section(__nr_to_section((unsigned long)pnum),
					(unsigned long)pnum, map, usage,
					SECTION_IS_EARLY);
		usage = (void *)((char *)usage + usage_size);
	}
	sparse_buffer_fini();
}

/* Record which 2 MiB sub-sections of [pfn, pfn + nr_pages) are present. */
void subsection_map_init(unsigned long pfn, unsigned long nr_pages)
{
	unsigned long sub_shift = 21 - PAGE_SHIFT;

	while (nr_pages) {
		struct mem_section *ms = __pfn_to_section(pfn);
		unsigned long in_sec = pfn & (pages_per_section() - 1);
		unsigned long pfns = min(nr_pages, pages_per_section() - in_sec);
		unsigned long first = in_sec >> sub_shift;
		unsigned long last = (in_sec + pfns - 1) >> sub_shift;
		unsigned long b;

		if (ms && ms->usage)
			for (b = first; b <= last; b++)
				ms->usage->subsection_map[b / 64] |= 1UL << (b % 64);
		pfn += pfns;
		nr_pages -= pfns;
	}
}

int sparse_init(void)
{
	unsigned long start, end, map_count = 1;
	long pnum_begin, pnum_end;
	int i, nid, nid_begin, ret;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid) {
		ret = memory_present(nid, start, end);
		if (ret)
			return ret;
	}

	pnum_begin = next_present_section_nr(0);
	if (pnum_begin < 0)
		return -EINVAL;
	nid_begin = sparse_early_nid(__nr_to_section((unsigned long)pnum_begin));

	for (pnum_end = next_present_section_nr((unsigned long)pnum_begin + 1);
	     pnum_end >= 0;
	     pnum_end = next_present_section_nr((unsigned long)pnum_end + 1)) {
		int snid = sparse_early_nid(__nr_to_section((unsigned long)pnum_end));

		if (snid == nid_begin) {
			map_count++;
			continue;
		}
		sparse_init_nid(nid_begin, (unsigned long)pnum_begin,
				(unsigned long)pnum_end, map_count);
		nid_begin = snid;
		pnum_begin = pnum_end;
		map_count = 1;
	}
	sparse_init_nid(nid_begin, (unsigned long)pnum_begin,
			mms.nr_mem_section_roots * SECTIONS_PER_ROOT, map_count);
	return 0;
}
