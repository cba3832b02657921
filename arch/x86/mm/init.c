// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/init.c — init_mem_mapping(): the x86 direct map of all RAM,
 * and where its page-table pages come from.
 *
 * Kernel counterpart: arch/x86/mm/init.c (Linux 6.1): alloc_low_pages,
 * early_alloc_pgt_buf, probe_page_size_mask, split_mem_range,
 * init_memory_mapping, memory_map_top_down/bottom_up, init_mem_mapping.
 *
 * Place in the boot: setup_arch(), right after the real-mode trampoline
 * is reserved.  memblock already knows all RAM but may only allocate
 * below 1 MiB (memblock.current_limit = ISA_END_ADDRESS): nothing above
 * is mapped yet.  Afterwards the whole of RAM is mapped at PAGE_OFFSET and
 * setup_arch() raises the limit to the end of the direct map.
 *
 * The chicken and egg: mapping memory needs page-table pages, which must
 * themselves be mapped memory.  The kernel solves it in three moves:
 *
 *  1. a small buffer of table pages in the image's brk area (mapped from
 *     the start), early_alloc_pgt_buf(): INIT_PGT_BUF_SIZE = 16 pages on
 *     this build (X86_5LEVEL: 4 levels' worth, x4 for RANDOMIZE_MEMORY);
 *  2. top-down: map the highest 2 MiB of RAM first (found with a trial
 *     memblock allocation that is given straight back), then walk down in
 *     steps that grow x256 each time the RAM mapped so far covers a step
 *     (2M, 512M, 128G, ...), so that each step's tables fit in what the
 *     steps before it mapped;
 *  3. alloc_low_pages(): the brk buffer while it lasts, else memblock,
 *     restricted to [min_pfn_mapped, max_pfn_mapped): what is mapped.
 *     While a range overlapping the buffer itself is being mapped the
 *     buffer is off limits (can_use_brk_pgt), so those tables come from
 *     memblock ("memblock_phys_alloc_range: 4096 bytes ... alloc_low_pages").
 *
 *    0   1M                                  real_end-2M  real_end   max_pfn
 *    |ISA|<------- mapped last, in growing steps ---|  first  |-- tail --|
 *    first                                          (2M pages)  (4K tail)
 *
 * Each range is split (split_mem_range) into a 4K head up to a 2 MiB
 * boundary, 2M (or 1G) pages, and a 4K tail; a 4K piece is promoted to a
 * 2 MiB page when its whole 2 MiB is RAM in memblock.  qemu64 has no
 * 1 GiB pages, so this build maps with 2M and 4K pages only.
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "arch/x86/include/asm/cpufeature.h"
#include "arch/x86/include/asm/page_types.h"
#include "arch/x86/include/asm/setup.h"
#include "arch/x86/mm/mm_internal.h"
#include "mmsim/machine.h"

#include <string.h>

#define pgt (current_machine->x86.pgt)
#define image (current_machine->x86.image)
#define max_pfn_mapped (current_machine->x86.max_pfn_mapped)
#define max_low_pfn_mapped (current_machine->x86.max_low_pfn_mapped)

/* gbpages / nogbpages: allow or forbid 1 GiB direct-map pages. */
static int parse_direct_gbpages_on(char *arg)
{
	pgt.gbpages_param = 1;
	return 0;
}
early_param("gbpages", parse_direct_gbpages_on);

static int parse_direct_gbpages_off(char *arg)
{
	pgt.gbpages_param = -1;
	return 0;
}
early_param("nogbpages", parse_direct_gbpages_off);

/* --- page-table pages ------------------------------------------------- */

/*
 * INIT_PGT_BUF_SIZE: one table page per level below the PGD (3, or 4 with
 * X86_5LEVEL) for each of the first two mappings (the ISA range, the top
 * 2 MiB), twice that under RANDOMIZE_MEMORY, where the direct map's
 * virtual placement may cost extra pages: 16 pages on this build.
 */
static unsigned long init_pgt_buf_size(void)
{
	unsigned long tables = IS_ENABLED(CONFIG_X86_5LEVEL) ? 4 : 3;

	return (IS_ENABLED(CONFIG_RANDOMIZE_MEMORY) ? 4 : 2) * tables * PAGE_SIZE;
}

/*
 * The buffer is the last thing the boot takes from the brk area before
 * reserve_brk() closes it (DMI strings come first), so it is the area's
 * tail: brk_used in the kernel profile already counts it.
 */
int early_alloc_pgt_buf(void)
{
	unsigned long tables = init_pgt_buf_size();
	phys_addr_t base = image.brk_end - tables;

	if (image.brk_end < image.brk_start + tables) {
		pr_err("kernel profile: image.brk_used (%#llx) is smaller than the early page-table buffer (%#lx)\n",
		       (unsigned long long)(image.brk_end - image.brk_start), tables);
		return -EINVAL;
	}
	pgt.pgt_buf_start = PHYS_PFN(base);
	pgt.pgt_buf_end = pgt.pgt_buf_start;
	pgt.pgt_buf_top = pgt.pgt_buf_start + (tables >> PAGE_SHIFT);
	pgt.can_use_brk_pgt = true;
	pgt.brk_pgt_ready = true;
	return 0;
}

void *alloc_low_pages(unsigned int num)
{
	unsigned long pfn;
	void *va;

	/* After mem_init() table pages come from the page allocator instead. */
	VM_BUG_ON(pgt.after_bootmem);
	VM_BUG_ON(!pgt.brk_pgt_ready);

	if (pgt.pgt_buf_end + num > pgt.pgt_buf_top || !pgt.can_use_brk_pgt) {
		phys_addr_t ret = 0;

		if (pgt.min_pfn_mapped < max_pfn_mapped)
			ret = memblock_phys_alloc_range(PAGE_SIZE * num, PAGE_SIZE,
							PFN_PHYS(pgt.min_pfn_mapped),
							PFN_PHYS(max_pfn_mapped));
		/*
		 * The kernel would try extend_brk() next, but reserve_brk()
		 * has closed the brk area by now: that fails too.
		 */
		if (!ret) {
			panic("alloc_low_pages: can not alloc memory\n");
			pgt.alloc_failed = true;
			return NULL;
		}
		pfn = PHYS_PFN(ret);
	} else {
		pfn = pgt.pgt_buf_end;
		pgt.pgt_buf_end += num;
	}
	va = __va(PFN_PHYS(pfn));
	memset(va, 0, PAGE_SIZE * num);
	return va;
}

/* --- which page sizes ----------------------------------------------------- */

static bool debug_pagealloc_enabled(void)
{
	return IS_ENABLED(CONFIG_DEBUG_PAGEALLOC) &&
	       IS_ENABLED(CONFIG_DEBUG_PAGEALLOC_ENABLE_DEFAULT);
}

/*
 * 2 MiB pages with PSE (unless debug_pagealloc wants everything 4K),
 * 1 GiB pages with pdpe1gb and gbpages allowed; global pages with PGE;
 * no-execute with NX (x86_configure_nx() in the kernel, earlier on).
 */
static void probe_page_size_mask(void)
{
	pgt.direct_gbpages = pgt.gbpages_param ?
		pgt.gbpages_param > 0 : IS_ENABLED(CONFIG_X86_DIRECT_GBPAGES);

	if (boot_cpu_has(X86_FEATURE_PSE) && !debug_pagealloc_enabled())
		pgt.page_size_mask |= 1 << PG_LEVEL_2M;
	else
		pgt.direct_gbpages = false;

	if (!boot_cpu_has(X86_FEATURE_NX))
		pgt.supported_pte_clear |= _PAGE_NX;
	if (!boot_cpu_has(X86_FEATURE_PGE))
		pgt.supported_pte_clear |= _PAGE_GLOBAL;
	pgt.kernel_pte_clear = pgt.supported_pte_clear;
	if (cpu_feature_enabled(X86_FEATURE_PTI))
		pgt.kernel_pte_clear |= _PAGE_GLOBAL;

	if (pgt.direct_gbpages && boot_cpu_has(X86_FEATURE_GBPAGES)) {
		printk(KERN_INFO "Using GB pages for direct mapping\n");
		pgt.page_size_mask |= 1 << PG_LEVEL_1G;
	} else {
		pgt.direct_gbpages = false;
	}
}

/* --- cutting a range into page sizes ---------------------------------------- */

struct map_range {
	unsigned long start;
	unsigned long end;
	unsigned int page_size_mask;
};

/* head 4K, 2M up to a GiB, 1G, 2M tail, 4K tail */
#define NR_RANGE_MR 5

static int save_mr(struct map_range *mr, int nr_range, unsigned long start_pfn,
		   unsigned long end_pfn, unsigned int page_size_mask)
{
	if (start_pfn < end_pfn) {
		BUG_ON(nr_range >= NR_RANGE_MR);
		mr[nr_range].start = PFN_PHYS(start_pfn);
		mr[nr_range].end = PFN_PHYS(end_pfn);
		mr[nr_range].page_size_mask = page_size_mask;
		nr_range++;
	}
	return nr_range;
}

/* A 4K piece whose whole 2 MiB (1 GiB) is RAM may use the large page. */
static void adjust_range_page_size_mask(struct map_range *mr, int nr_range)
{
	int i;

	for (i = 0; i < nr_range; i++) {
		if ((pgt.page_size_mask & (1 << PG_LEVEL_2M)) &&
		    !(mr[i].page_size_mask & (1 << PG_LEVEL_2M))) {
			unsigned long start = round_down(mr[i].start, PMD_SIZE);
			unsigned long end = round_up(mr[i].end, PMD_SIZE);

			if (memblock_is_region_memory(start, end - start))
				mr[i].page_size_mask |= 1 << PG_LEVEL_2M;
		}
		if ((pgt.page_size_mask & (1 << PG_LEVEL_1G)) &&
		    !(mr[i].page_size_mask & (1 << PG_LEVEL_1G))) {
			unsigned long start = round_down(mr[i].start, PUD_SIZE);
			unsigned long end = round_up(mr[i].end, PUD_SIZE);

			if (memblock_is_region_memory(start, end - start))
				mr[i].page_size_mask |= 1 << PG_LEVEL_1G;
		}
	}
}

/* Join neighbours that ended up with the same page sizes. */
static int merge_mr(struct map_range *mr, int nr_range)
{
	int i;

	for (i = 0; nr_range > 1 && i < nr_range - 1; i++) {
		unsigned long old_start;

		if (mr[i].end != mr[i + 1].start ||
		    mr[i].page_size_mask != mr[i + 1].page_size_mask)
			continue;
		old_start = mr[i].start;
		memmove(&mr[i], &mr[i + 1],
			(nr_range - 1 - i) * sizeof(struct map_range));
		mr[i--].start = old_start;
		nr_range--;
	}
	return nr_range;
}

static int split_mem_range(struct map_range *mr, int nr_range,
			   unsigned long start, unsigned long end)
{
	const unsigned long pmd_pfns = PFN_DOWN(PMD_SIZE);
	const unsigned long pud_pfns = PFN_DOWN(PUD_SIZE);
	unsigned long start_pfn, end_pfn, limit_pfn = PFN_DOWN(end);
	unsigned long pfn;

	/* head: up to the first 2 MiB boundary */
	pfn = start_pfn = PFN_DOWN(start);
	end_pfn = min(round_up(pfn, pmd_pfns), limit_pfn);
	if (start_pfn < end_pfn) {
		nr_range = save_mr(mr, nr_range, start_pfn, end_pfn, 0);
		pfn = end_pfn;
	}

	/* 2 MiB pages up to the first 1 GiB boundary */
	start_pfn = round_up(pfn, pmd_pfns);
	end_pfn = min(round_up(pfn, pud_pfns), round_down(limit_pfn, pmd_pfns));
	if (start_pfn < end_pfn) {
		nr_range = save_mr(mr, nr_range, start_pfn, end_pfn,
				   pgt.page_size_mask & (1 << PG_LEVEL_2M));
		pfn = end_pfn;
	}

	/* whole GiBs */
	start_pfn = round_up(pfn, pud_pfns);
	end_pfn = round_down(limit_pfn, pud_pfns);
	if (start_pfn < end_pfn) {
		nr_range = save_mr(mr, nr_range, start_pfn, end_pfn,
				   pgt.page_size_mask &
				   ((1 << PG_LEVEL_2M) | (1 << PG_LEVEL_1G)));
		pfn = end_pfn;
	}

	/* 2 MiB pages after the last whole GiB */
	start_pfn = round_up(pfn, pmd_pfns);
	end_pfn = round_down(limit_pfn, pmd_pfns);
	if (start_pfn < end_pfn) {
		nr_range = save_mr(mr, nr_range, start_pfn, end_pfn,
				   pgt.page_size_mask & (1 << PG_LEVEL_2M));
		pfn = end_pfn;
	}

	/* tail: 4K pages after the last 2 MiB boundary */
	nr_range = save_mr(mr, nr_range, pfn, limit_pfn, 0);

	if (!pgt.after_bootmem)
		adjust_range_page_size_mask(mr, nr_range);
	/*
	 * The kernel prints each range here with pr_debug(" [mem ...] page
	 * 2M"), off unless dynamic debug enables it: the oracle logs have none.
	 */
	return merge_mr(mr, nr_range);
}

/* --- what is mapped ----------------------------------------------------------- */

/*
 * Insert [start, end) into pfn_mapped[], kept sorted with overlapping or
 * touching ranges merged (the kernel's add_range_with_merge() followed by
 * clean_sort_range()).  A full array drops the range, as the kernel's does.
 */
static void pfn_mapped_insert(u64 start, u64 end)
{
	struct pfn_range *r = pgt.pfn_mapped;
	int i = 0, j, n = pgt.nr_pfn_mapped;

	if (start >= end)
		return;
	while (i < n && r[i].end < start)
		i++;
	for (j = i; j < n && r[j].start <= end; j++) {
		start = min(start, r[j].start);
		end = max(end, r[j].end);
	}
	if (j == i && n >= X86_PFN_MAPPED_MAX)
		return;
	/* ranges i..j-1 become the one range at i */
	memmove(&r[i + 1], &r[j], (n - j) * sizeof(*r));
	r[i].start = start;
	r[i].end = end;
	pgt.nr_pfn_mapped = n - (j - i) + 1;
}

static void add_pfn_range_mapped(unsigned long start_pfn, unsigned long end_pfn)
{
	pfn_mapped_insert(start_pfn, end_pfn);
	max_pfn_mapped = max(max_pfn_mapped, end_pfn);
	if (start_pfn < (1UL << (32 - PAGE_SHIFT)))
		max_low_pfn_mapped = max(max_low_pfn_mapped,
					 min(end_pfn, 1UL << (32 - PAGE_SHIFT)));
}

bool pfn_range_is_mapped(unsigned long start_pfn, unsigned long end_pfn)
{
	int i;

	for (i = 0; i < pgt.nr_pfn_mapped; i++)
		if (start_pfn >= pgt.pfn_mapped[i].start &&
		    end_pfn <= pgt.pfn_mapped[i].end)
			return true;
	return false;
}

/* --- mapping ---------------------------------------------------------------------- */

/* Map [start, end) at PAGE_OFFSET; returns the pfn where the mapping ends. */
static unsigned long init_memory_mapping(unsigned long start, unsigned long end,
					 pgprot_t prot)
{
	struct map_range mr[NR_RANGE_MR];
	unsigned long ret = 0;
	int nr_range, i;

	memset(mr, 0, sizeof(mr));
	nr_range = split_mem_range(mr, 0, start, end);
	for (i = 0; i < nr_range && !pgt.alloc_failed; i++)
		ret = kernel_physical_mapping_init(mr[i].start, mr[i].end,
						   mr[i].page_size_mask, prot);
	add_pfn_range_mapped(start >> PAGE_SHIFT, ret >> PAGE_SHIFT);
	return ret >> PAGE_SHIFT;
}

/*
 * Map the RAM (memblock.memory) inside [r_start, r_end), skipping holes;
 * returns how many bytes that was.
 */
static unsigned long init_range_memory_mapping(unsigned long r_start,
					       unsigned long r_end)
{
	unsigned long start_pfn, end_pfn, mapped_ram_size = 0;
	int i;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL) {
		u64 start = clamp(PFN_PHYS(start_pfn), (u64)r_start, (u64)r_end);
		u64 end = clamp(PFN_PHYS(end_pfn), (u64)r_start, (u64)r_end);

		if (start >= end)
			continue;
		/* tables for a range that holds the buffer come from memblock */
		pgt.can_use_brk_pgt =
			max(start, (u64)PFN_PHYS(pgt.pgt_buf_end)) >=
			min(end, (u64)PFN_PHYS(pgt.pgt_buf_top));
		init_memory_mapping(start, end, PAGE_KERNEL);
		mapped_ram_size += end - start;
		pgt.can_use_brk_pgt = true;
		if (pgt.alloc_failed)
			break;
	}
	return mapped_ram_size;
}

/*
 * Grow the step x256 (one level's fan-out, less one bit for safety): the
 * tables of the next step then fit in the RAM mapped so far even if it
 * all has to be mapped with 4K pages.
 */
static unsigned long get_new_step_size(unsigned long step_size)
{
	return step_size << (PMD_SHIFT - PAGE_SHIFT - 1);
}

/*
 * In the compiled kernel this is inlined into init_mem_mapping(), whose
 * name its memblock lines carry: the calls say so explicitly.
 */
static void memory_map_top_down(unsigned long map_start, unsigned long map_end)
{
	unsigned long real_end, last_start, addr;
	unsigned long step_size = PMD_SIZE, mapped_ram_size = 0;

	/* the highest free 2 MiB: mapped first, so memblock can serve tables */
	addr = memblock_phys_alloc_range_caller(PMD_SIZE, PMD_SIZE, map_start,
						map_end, "init_mem_mapping");
	memblock_phys_free_caller(addr, PMD_SIZE, "init_mem_mapping");
	real_end = addr + PMD_SIZE;

	max_pfn_mapped = 0;
	pgt.min_pfn_mapped = real_end >> PAGE_SHIFT;
	last_start = real_end;

	while (last_start > map_start && !pgt.alloc_failed) {
		unsigned long start;

		if (last_start > step_size) {
			start = round_down(last_start - 1, step_size);
			if (start < map_start)
				start = map_start;
		} else {
			start = map_start;
		}
		mapped_ram_size += init_range_memory_mapping(start, last_start);
		last_start = start;
		pgt.min_pfn_mapped = last_start >> PAGE_SHIFT;
		if (mapped_ram_size >= step_size)
			step_size = get_new_step_size(step_size);
	}

	if (real_end < map_end && !pgt.alloc_failed)
		init_range_memory_mapping(real_end, map_end);
}

/* With memblock bottom-up (movable_node): tables come from above the kernel. */
static void memory_map_bottom_up(unsigned long map_start, unsigned long map_end)
{
	unsigned long next, start = map_start;
	unsigned long step_size = PMD_SIZE, mapped_ram_size = 0;

	pgt.min_pfn_mapped = start >> PAGE_SHIFT;
	while (start < map_end && !pgt.alloc_failed) {
		if (step_size && map_end - start > step_size) {
			next = round_up(start + 1, step_size);
			if (next > map_end)
				next = map_end;
		} else {
			next = map_end;
		}
		mapped_ram_size += init_range_memory_mapping(start, next);
		start = next;
		if (mapped_ram_size >= step_size)
			step_size = get_new_step_size(step_size);
	}
}

/*
 * The AP trampoline runs with an identity map of the low 1 MiB: without
 * KASLR it borrows the direct map's PGD entry; with KASLR, a PUD page of
 * its own (kaslr.c).
 */
static void init_trampoline(void)
{
	if (!kaslr_memory_enabled())
		pgt.trampoline_pgd_entry = *pgd_offset_k(PAGE_OFFSET);
	else
		init_trampoline_kaslr();
}

int init_mem_mapping(void)
{
	unsigned long end;

	probe_page_size_mask();                 /* 2M pages; no 1G on qemu64 */
	end = PFN_PHYS(max_pfn);

	/* the ISA range is mapped whatever the memory map says */
	init_memory_mapping(0, ISA_END_ADDRESS, PAGE_KERNEL);
	init_trampoline();

	if (memblock_bottom_up()) {
		/*
		 * Above the kernel first (image.end is mmsim's _end), so
		 * that the tables for what lies below land above it.
		 */
		memory_map_bottom_up(image.end, end);
		memory_map_bottom_up(ISA_END_ADDRESS, image.end);
	} else {
		memory_map_top_down(ISA_END_ADDRESS, end);
	}
	if (pgt.alloc_failed)
		return -ENOMEM;

	/* on 64-bit all RAM is "low": ZONE_NORMAL runs to max_pfn */
	if (max_pfn > max_low_pfn)
		max_low_pfn = max_pfn;
	/*
	 * The kernel now loads CR3 with init_top_pgt and flushes the TLB;
	 * early_memtest() does nothing without memtest=.
	 */
	return 0;
}
