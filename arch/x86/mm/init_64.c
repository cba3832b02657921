// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/init_64.c — writing the x86_64 direct map into the kernel
 * page tables, one level at a time.
 *
 * Kernel counterpart: arch/x86/mm/init_64.c (kernel_physical_mapping_init
 * and the phys_*_init helpers), plus the part of head64.c's
 * x86_64_start_kernel() that empties init_top_pgt.
 *
 * Place in the boot: init_mem_mapping() (init.c) cuts RAM into ranges of
 * one page size each and hands every range to
 * kernel_physical_mapping_init(), which maps it at PAGE_OFFSET + pa:
 *
 *   init_top_pgt (PGD, in the image)
 *     [pgd_index(PAGE_OFFSET)] ──> PUD page  (P4D folded away on 4 levels)
 *        [one entry per GiB]  ──> PMD page  (or a 1 GiB page: PSE)
 *           [one per 2 MiB]   ──> PTE page  (or a 2 MiB page: PSE)
 *              [one per 4 KiB]──> the page
 *
 * Missing table pages come from alloc_low_pages(); where an entry already
 * exists it is reused (a 2 MiB page is split only when 4K pages are
 * asked for).  Every entry newly written or found in the range counts
 * towards DirectMap4k/2M/1G (update_page_count()).  Entries *past* the
 * range are cleared when the e820 map has no RAM under them, so nothing
 * stale maps a hole.  Each helper returns the physical end of what it
 * mapped last, as the kernel's do.
 *
 * populate_extra_pte(): the page tables down to the PTE of one address
 * outside the direct map (fill_p4d/fill_pud/fill_pmd/fill_pte, each
 * missing table a page from memblock: spp_getpage), for the CPU entry
 * areas (cpu_entry_area.c) and the page-by-page per-CPU first chunk
 * (pcpu_populate_pte, arch/x86/kernel/setup_percpu.c).
 *
 * init_top_pgt: the kernel's PGD is a static page in the image's .data.
 * mmsim places it at _text + image.init_top_pgt from the kernel profile
 * (see the profile for how that offset was chosen); entry 511 (the
 * kernel-image mapping at __START_KERNEL_map) is not modelled and stays 0.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/panic.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "arch/x86/include/asm/e820/api.h"
#include "arch/x86/include/asm/cpufeature.h"
#include "arch/x86/include/asm/page_types.h"
#include "arch/x86/mm/mm_internal.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

#include <string.h>

#define pgt (current_machine->x86.pgt)
#define image (current_machine->x86.image)

/* Is [start, end) free of anything the e820 map calls RAM? */
static bool e820_no_ram(u64 start, u64 end)
{
	return !e820__mapped_any(start, end, E820_TYPE_RAM) &&
	       !e820__mapped_any(start, end, E820_TYPE_RESERVED_KERN);
}

static pgprot_t prot_sethuge(pgprot_t prot)
{
	WARN_ON_ONCE(pgprot_val(prot) & _PAGE_PAT);
	return __pgprot(pgprot_val(prot) | _PAGE_PSE);
}

/* 4 KiB pages for [paddr, paddr_end) inside one PTE page. */
static unsigned long phys_pte_init(pte_t *pte_page, unsigned long paddr,
				   unsigned long paddr_end, pgprot_t prot)
{
	unsigned long pages = 0, paddr_next, paddr_last = paddr_end;
	unsigned long i;

	for (i = pte_index(paddr); i < PTRS_PER_PTE; i++, paddr = paddr_next) {
		pte_t *pte = pte_page + i;

		paddr_next = (paddr & PAGE_MASK) + PAGE_SIZE;
		if (paddr >= paddr_end) {
			if (!pgt.after_bootmem &&
			    e820_no_ram(paddr & PAGE_MASK, paddr_next))
				set_pte(pte, __pte(0));
			continue;
		}
		if (!pte_none(*pte)) {          /* mapped before: keep it */
			if (!pgt.after_bootmem)
				pages++;
			continue;
		}
		pages++;
		set_pte(pte, pfn_pte(paddr >> PAGE_SHIFT, prot));
		paddr_last = (paddr & PAGE_MASK) + PAGE_SIZE;
	}
	update_page_count(PG_LEVEL_4K, pages);
	return paddr_last;
}

/* 2 MiB pages, or PTE pages under them, for [paddr, paddr_end) in one PMD page. */
static unsigned long phys_pmd_init(pmd_t *pmd_page, unsigned long paddr,
				   unsigned long paddr_end,
				   unsigned long page_size_mask, pgprot_t prot)
{
	unsigned long pages = 0, paddr_next, paddr_last = paddr_end;
	unsigned long i;

	for (i = pmd_index(paddr); i < PTRS_PER_PMD; i++, paddr = paddr_next) {
		pmd_t *pmd = pmd_page + i;
		pgprot_t new_prot = prot;
		pte_t *pte;

		paddr_next = (paddr & PMD_MASK) + PMD_SIZE;
		if (paddr >= paddr_end) {
			if (!pgt.after_bootmem &&
			    e820_no_ram(paddr & PMD_MASK, paddr_next))
				set_pmd(pmd, __pmd(0));
			continue;
		}
		if (!pmd_none(*pmd)) {
			if (!pmd_large(*pmd)) {
				paddr_last = phys_pte_init(pmd_page_vaddr(*pmd), paddr,
							   paddr_end, prot);
				continue;
			}
			if (page_size_mask & (1 << PG_LEVEL_2M)) {
				if (!pgt.after_bootmem)
					pages++;
				paddr_last = paddr_next;
				continue;
			}
			/* split: the 4K pages keep the large page's protections */
			new_prot = pte_pgprot(pte_clrhuge(*(pte_t *)pmd));
		}
		if (page_size_mask & (1 << PG_LEVEL_2M)) {
			pages++;
			set_pmd(pmd, pfn_pmd(paddr >> PAGE_SHIFT, prot_sethuge(prot)));
			paddr_last = paddr_next;
			continue;
		}
		pte = alloc_low_page();
		if (!pte)
			break;
		paddr_last = phys_pte_init(pte, paddr, paddr_end, new_prot);
		pmd_populate_kernel(pmd, pte);
	}
	update_page_count(PG_LEVEL_2M, pages);
	return paddr_last;
}

/* 1 GiB pages, or PMD pages under them, for [paddr, paddr_end) in one PUD page. */
static unsigned long phys_pud_init(pud_t *pud_page, unsigned long paddr,
				   unsigned long paddr_end,
				   unsigned long page_size_mask, pgprot_t base_prot)
{
	unsigned long pages = 0, paddr_next, paddr_last = paddr_end;
	unsigned long i;

	/* KASLR moves PAGE_OFFSET in whole GiB: index by the virtual address */
	for (i = pud_index(direct_map_va(paddr)); i < PTRS_PER_PUD;
	     i++, paddr = paddr_next) {
		pud_t *pud = pud_page + pud_index(direct_map_va(paddr));
		pgprot_t prot = base_prot;
		pmd_t *pmd;

		paddr_next = (paddr & PUD_MASK) + PUD_SIZE;
		if (paddr >= paddr_end) {
			if (!pgt.after_bootmem &&
			    e820_no_ram(paddr & PUD_MASK, paddr_next))
				set_pud(pud, __pud(0));
			continue;
		}
		if (!pud_none(*pud)) {
			if (!pud_large(*pud)) {
				paddr_last = phys_pmd_init(pmd_offset(pud, 0), paddr,
							   paddr_end,
							   page_size_mask, prot);
				continue;
			}
			if (page_size_mask & (1 << PG_LEVEL_1G)) {
				if (!pgt.after_bootmem)
					pages++;
				paddr_last = paddr_next;
				continue;
			}
			prot = pte_pgprot(pte_clrhuge(*(pte_t *)pud));
		}
		if (page_size_mask & (1 << PG_LEVEL_1G)) {
			pages++;
			set_pud(pud, pfn_pud(paddr >> PAGE_SHIFT, prot_sethuge(prot)));
			paddr_last = paddr_next;
			continue;
		}
		pmd = alloc_low_page();
		if (!pmd)
			break;
		paddr_last = phys_pmd_init(pmd, paddr, paddr_end, page_size_mask,
					   prot);
		pud_populate(pud, pmd);
	}
	update_page_count(PG_LEVEL_1G, pages);
	return paddr_last;
}

/* PUD pages for [paddr, paddr_end) in one P4D page (5 levels only). */
static unsigned long phys_p4d_init(p4d_t *p4d_page, unsigned long paddr,
				   unsigned long paddr_end,
				   unsigned long page_size_mask, pgprot_t prot)
{
	unsigned long vaddr, vaddr_end, vaddr_next, paddr_last = paddr_end;

	if (!pgtable_l5_enabled())
		return phys_pud_init((pud_t *)p4d_page, paddr, paddr_end,
				     page_size_mask, prot);

	vaddr_end = direct_map_va(paddr_end);
	for (vaddr = direct_map_va(paddr); vaddr < vaddr_end; vaddr = vaddr_next) {
		p4d_t *p4d = p4d_page + p4d_index(vaddr);
		pud_t *pud;

		vaddr_next = (vaddr & P4D_MASK) + P4D_SIZE;
		paddr = direct_map_pa(vaddr);
		if (!p4d_none(*p4d)) {
			paddr_last = phys_pud_init(pud_offset(p4d, 0), paddr,
						   paddr_end, page_size_mask, prot);
			continue;
		}
		pud = alloc_low_page();
		if (!pud)
			break;
		paddr_last = phys_pud_init(pud, paddr, paddr_end, page_size_mask,
					   prot);
		p4d_populate(p4d, pud);
	}
	return paddr_last;
}

unsigned long kernel_physical_mapping_init(unsigned long paddr_start,
					   unsigned long paddr_end,
					   unsigned long page_size_mask,
					   pgprot_t prot)
{
	unsigned long vaddr, vaddr_end, vaddr_next, paddr_last = paddr_end;

	vaddr_end = direct_map_va(paddr_end);
	for (vaddr = direct_map_va(paddr_start); vaddr < vaddr_end;
	     vaddr = vaddr_next) {
		pgd_t *pgd = pgd_offset_k(vaddr);
		p4d_t *p4d;

		vaddr_next = (vaddr & PGDIR_MASK) + PGDIR_SIZE;
		if (pgd_val(*pgd)) {
			paddr_last = phys_p4d_init(pgd_page_vaddr(*pgd),
						   direct_map_pa(vaddr), paddr_end,
						   page_size_mask, prot);
			continue;
		}
		p4d = alloc_low_page();
		if (!p4d)
			break;
		paddr_last = phys_p4d_init(p4d, direct_map_pa(vaddr), paddr_end,
					   page_size_mask, prot);
		if (pgtable_l5_enabled())
			pgd_populate(pgd, p4d);
		else
			p4d_populate(p4d_offset(pgd, vaddr), (pud_t *)p4d);
	}
	/*
	 * The kernel now copies new PGD entries into every other page table
	 * (sync_global_pgds); at boot init_top_pgt is the only one.
	 */
	return paddr_last;
}

/*
 * A page-table page for a fixed or early mapping: from memblock, before
 * the page allocator exists (every caller here runs before mm_init()).
 * The kernel cannot go on without it.
 */
static void *spp_getpage(void)
{
	void *ptr = memblock_alloc_try_nid_caller(PAGE_SIZE, PAGE_SIZE,
						  MEMBLOCK_LOW_LIMIT,
						  MEMBLOCK_ALLOC_ACCESSIBLE,
						  NUMA_NO_NODE, "spp_getpage");

	if (!ptr)
		panic("set_pte_phys: cannot allocate page data %s\n", "");
	return ptr;
}

/* Each level's entry for @vaddr, its table made first when missing. */
static p4d_t *fill_p4d(pgd_t *pgd, unsigned long vaddr)
{
	if (pgd_none(*pgd))
		pgd_populate(pgd, spp_getpage());
	return p4d_offset(pgd, vaddr);
}

static pud_t *fill_pud(p4d_t *p4d, unsigned long vaddr)
{
	if (p4d_none(*p4d))
		p4d_populate(p4d, spp_getpage());
	return pud_offset(p4d, vaddr);
}

static pmd_t *fill_pmd(pud_t *pud, unsigned long vaddr)
{
	if (pud_none(*pud))
		pud_populate(pud, spp_getpage());
	return pmd_offset(pud, vaddr);
}

static pte_t *fill_pte(pmd_t *pmd, unsigned long vaddr)
{
	if (pmd_none(*pmd))
		pmd_populate_kernel(pmd, spp_getpage());
	return pte_offset_kernel(pmd, vaddr);
}

pmd_t *populate_extra_pmd(unsigned long vaddr)
{
	pgd_t *pgd = pgd_offset_k(vaddr);
	p4d_t *p4d = fill_p4d(pgd, vaddr);
	pud_t *pud = fill_pud(p4d, vaddr);

	return fill_pmd(pud, vaddr);
}

pte_t *populate_extra_pte(unsigned long vaddr)
{
	return fill_pte(populate_extra_pmd(vaddr), vaddr);
}

int x86_64_clear_init_top_pgt(void)
{
	const struct kernel_profile *p = current_machine->profile;
	phys_addr_t pa;

	if (!profile_has(p, "image.init_top_pgt")) {
		pr_err("kernel profile %s lacks 'image.init_top_pgt'\n", p->path);
		return -EINVAL;
	}
	pa = image.text + profile_u64(p, "image.init_top_pgt", 0);
	if (!PAGE_ALIGNED(pa) || pa + PAGE_SIZE > image.end_of_kernel_reserve) {
		pr_err("kernel profile %s: image.init_top_pgt is not a page inside the image\n",
		       p->path);
		return -EINVAL;
	}
	pgt.init_top_pgt_pa = pa;
	memset(init_top_pgt, 0, PAGE_SIZE);
	return 0;
}

/*
 * The size of a memory block, the unit of memory hotplug and of
 * /sys/devices/system/memory (init_64.c: probe_memory_block_size).  One
 * section (128 MiB) unless the machine has 64 GiB or more; then, on bare
 * metal, 2 GiB, and under a hypervisor (every QEMU guest) the largest power
 * of two up to 2 GiB that the end of memory is aligned to, so that memory
 * hot-added later by the host lines up with the blocks.
 */
#define MIN_MEMORY_BLOCK_SIZE (1UL << SECTION_SIZE_BITS_X86_64)
#define MAX_BLOCK_SIZE SZ_2G
#define MEM_SIZE_FOR_LARGE_BLOCK (64ULL << 30)

static unsigned long probe_memory_block_size(void)
{
	u64 boot_mem_end = (u64)max_pfn << PAGE_SHIFT;
	unsigned long bz;

	if (boot_mem_end < MEM_SIZE_FOR_LARGE_BLOCK) {
		bz = MIN_MEMORY_BLOCK_SIZE;
	} else if (!boot_cpu_has(X86_FEATURE_HYPERVISOR)) {
		bz = MAX_BLOCK_SIZE;
	} else {
		for (bz = MAX_BLOCK_SIZE; bz > MIN_MEMORY_BLOCK_SIZE; bz >>= 1)
			if (IS_ALIGNED(boot_mem_end, bz))
				break;
	}
	pr_info("x86/mm: Memory block size: %luMB\n", bz >> 20);
	return bz;
}

unsigned long memory_block_size_bytes(void)
{
	struct x86_state *x = &current_machine->x86;

	if (!x->memory_block_size)
		x->memory_block_size = probe_memory_block_size();
	return x->memory_block_size;
}
