// SPDX-License-Identifier: MIT
/*
 * mm/vmalloc_map.c — mapping pages at vmalloc addresses: in the simulated
 * kernel page tables, and in the host window that makes them usable C
 * memory.
 *
 * Kernel counterpart: mm/vmalloc.c, "Page table manipulation functions"
 * (vmap_range_noflush, vmap_pages_range_noflush, vunmap_range_noflush and
 * their per-level helpers) and vmalloc_to_page() (Linux 6.1).
 *
 * Mapping [addr, end) walks the kernel page tables from init_top_pgt,
 * creating missing PUD/PMD/PTE tables from the page allocator
 * (<linux/pgtable.h>), and writes one x86_64 PTE per page (or one PMD
 * entry per 2 MiB for huge mappings) into simulated RAM:
 *
 *   init_top_pgt[pgd_index]  (filled at boot for the whole vmalloc area)
 *     -> PUD page [pud_index] -> PMD page [pmd_index] -> PTE page [pte_index]
 *                                                           = pfn | PAGE_KERNEL
 *
 * Every PTE written is mirrored on the host: the page's 4 KiB of the
 * physical-RAM memfd is mapped (MAP_SHARED | MAP_FIXED) at the page's
 * host address in the vmalloc window (see <mmsim/vmalloc_state.h>), runs
 * of physically consecutive pages in one mmap.  Unmapping clears the PTEs
 * and turns the host range back into reserved, inaccessible address
 * space.  So the two views agree at all times:
 *
 *   walk_virt_to_phys(init_top_pgt, kva) == pa
 *     <=>  vmalloc_host(kva) and __va(pa) are the same bytes,
 *   and an unmapped kva (a guard page, a freed area) faults on the host.
 *
 * Table pages are never freed by unmapping, as in the kernel (except when
 * a huge mapping replaces a table).  There is no TLB in mmsim, so the
 * kernel's flushes (flush_cache_vmap, flush_tlb_kernel_range) have
 * nothing to do.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/sizes.h"
#include "mm/internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/arch.h"
#include "mmsim/host.h"

/* --- the host window --------------------------------------------------------- */

/* Smallest window worth having if the whole area cannot be reserved. */
#define HOST_WINDOW_MIN (64ULL << 30)

int vmalloc_host_window_init(void)
{
	u64 area = (u64)(VMALLOC_END - VMALLOC_START) + 1;
	u64 size;
	char *base = NULL;

	/* the whole area (a 32-bit kernel's is small), else a large part */
	for (size = area; size == area || size >= HOST_WINDOW_MIN; size >>= 1) {
		base = host_reserve_va(size, PMD_SIZE);
		if (base)
			break;
	}
	if (!base) {
		pr_err("vmalloc: cannot reserve host address space for the vmalloc area\n");
		return -ENOMEM;
	}
	vms_state.host_base = base;
	vms_state.host_size = size;
	vms_state.host_low = size == area ? size : size / 2;
	if (size != area)
		pr_info("vmalloc: host window of %llu GiB for a %llu GiB area: the bottom and top %llu GiB are usable\n",
			(unsigned long long)(size >> 30),
			(unsigned long long)(area >> 30),
			(unsigned long long)((size / 2) >> 30));
	return 0;
}

void vmalloc_host_window_release(void)
{
	if (vms_state.host_base)
		host_release_va(vms_state.host_base, vms_state.host_size);
	vms_state.host_base = NULL;
	vms_state.host_size = vms_state.host_low = 0;
}

void *vmalloc_host(unsigned long kva)
{
	const struct vmalloc_state *s = &vms_state;
	u64 off, from_top;

	if (!s->host_base || kva < VMALLOC_START || kva > VMALLOC_END)
		return NULL;
	off = kva - VMALLOC_START;
	if (off < s->host_low)
		return s->host_base + off;
	from_top = (u64)(VMALLOC_END - kva) + 1;
	if (from_top <= s->host_size - s->host_low)
		return s->host_base + s->host_size - from_top;
	return NULL;
}

unsigned long vmalloc_kva(const void *p)
{
	const struct vmalloc_state *s = &vms_state;
	const char *c = p;
	u64 off;

	if (!s->host_base || c < s->host_base || c >= s->host_base + s->host_size)
		return 0;
	off = (u64)(c - s->host_base);
	if (off < s->host_low)
		return VMALLOC_START + off;
	return VMALLOC_END - (s->host_size - off) + 1;
}

bool is_vmalloc_addr(const void *p)
{
	unsigned long kva = vmalloc_kva(p);

	return kva >= VMALLOC_START && kva < VMALLOC_END;
}

/* The host view of [kva, kva + len), or NULL if the window lacks part of it. */
static char *host_range(unsigned long kva, unsigned long len)
{
	char *first = vmalloc_host(kva), *last = vmalloc_host(kva + len - 1);

	return first && last == first + len - 1 ? first : NULL;
}

/*
 * Pending host mapping: a run of pages consecutive both in kernel
 * addresses and in RAM, mapped with one mmap when it ends.
 */
struct host_run {
	unsigned long kva;
	phys_addr_t pa;
	unsigned long len;
	int err;
};

static void host_run_flush(struct host_run *run)
{
	char *host;

	if (!run->len || run->err)
		goto out;
	host = host_range(run->kva, run->len);
	run->err = host ? host_ram_alias(&current_machine->ram, host, run->pa,
					 run->len) : -ENOMEM;
	if (run->err)
		pr_err("vmalloc: no host view for 0x%lx-0x%lx (%d)\n", run->kva,
		       run->kva + run->len, run->err);
out:
	run->len = 0;
}

static void host_run_add(struct host_run *run, unsigned long kva,
			 phys_addr_t pa, unsigned long len)
{
	if (run->len && run->kva + run->len == kva && run->pa + run->len == pa) {
		run->len += len;
		return;
	}
	host_run_flush(run);
	run->kva = kva;
	run->pa = pa;
	run->len = len;
}

/* Make [start, end) inaccessible on the host again (both window parts). */
static void host_unmap(unsigned long start, unsigned long end)
{
	const struct vmalloc_state *s = &vms_state;
	unsigned long low_end, high_start;

	if (!s->host_base || start >= end)
		return;
	low_end = VMALLOC_START + s->host_low;
	high_start = VMALLOC_END + 1 - (s->host_size - s->host_low);
	if (start < low_end)
		host_unmap_alias(vmalloc_host(start),
				 min(end, low_end) - start);
	if (end > high_start && s->host_low != s->host_size) {
		unsigned long from = max(start, high_start);

		host_unmap_alias(vmalloc_host(from), end - from);
	}
}

/* --- mapping a physically contiguous range (ioremap, huge vmalloc) ----------------- */

static int vmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
			  phys_addr_t phys_addr, pgprot_t prot,
			  pgtbl_mod_mask *mask)
{
	unsigned long pfn = (unsigned long)(phys_addr >> PAGE_SHIFT);
	pte_t *pte = pte_alloc_kernel_track(pmd, addr, mask);

	if (!pte)
		return -ENOMEM;
	do {
		BUG_ON(!pte_none(*pte));
		set_pte_at(&init_mm, addr, pte, pfn_pte(pfn, prot));
		pfn++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	*mask |= PGTBL_PTE_MODIFIED;
	return 0;
}

/* One PMD entry for the 2 MiB at @addr, when everything lines up. */
static bool vmap_try_huge_pmd(pmd_t *pmd, unsigned long addr,
			      unsigned long end, phys_addr_t phys_addr,
			      pgprot_t prot, unsigned int max_page_shift)
{
	if (max_page_shift < PMD_SHIFT || !arch_vmap_pmd_supported(prot))
		return false;
	if (end - addr != PMD_SIZE || !IS_ALIGNED(addr, PMD_SIZE) ||
	    !IS_ALIGNED(phys_addr, PMD_SIZE))
		return false;
	if (pmd_present(*pmd) && !pmd_free_pte_page(pmd, addr))
		return false;
	return pmd_set_huge(pmd, phys_addr, prot);
}

static int vmap_pmd_range(pud_t *pud, unsigned long addr, unsigned long end,
			  phys_addr_t phys_addr, pgprot_t prot,
			  unsigned int max_page_shift, pgtbl_mod_mask *mask)
{
	pmd_t *pmd = pmd_alloc_track(&init_mm, pud, addr, mask);
	unsigned long next;

	if (!pmd)
		return -ENOMEM;
	do {
		next = pmd_addr_end(addr, end);
		if (vmap_try_huge_pmd(pmd, addr, next, phys_addr, prot,
				      max_page_shift)) {
			*mask |= PGTBL_PMD_MODIFIED;
			continue;
		}
		if (vmap_pte_range(pmd, addr, next, phys_addr, prot, mask))
			return -ENOMEM;
	} while (pmd++, phys_addr += next - addr, addr = next, addr != end);
	return 0;
}

static bool vmap_try_huge_pud(pud_t *pud, unsigned long addr,
			      unsigned long end, phys_addr_t phys_addr,
			      pgprot_t prot, unsigned int max_page_shift)
{
	if (max_page_shift < PUD_SHIFT || !arch_vmap_pud_supported(prot))
		return false;
	if (end - addr != PUD_SIZE || !IS_ALIGNED(addr, PUD_SIZE) ||
	    !IS_ALIGNED(phys_addr, PUD_SIZE))
		return false;
	if (pud_present(*pud) && !pud_free_pmd_page(pud, addr))
		return false;
	return pud_set_huge(pud, phys_addr, prot);
}

static int vmap_pud_range(p4d_t *p4d, unsigned long addr, unsigned long end,
			  phys_addr_t phys_addr, pgprot_t prot,
			  unsigned int max_page_shift, pgtbl_mod_mask *mask)
{
	pud_t *pud = pud_alloc_track(&init_mm, p4d, addr, mask);
	unsigned long next;

	if (!pud)
		return -ENOMEM;
	do {
		next = pud_addr_end(addr, end);
		if (vmap_try_huge_pud(pud, addr, next, phys_addr, prot,
				      max_page_shift)) {
			*mask |= PGTBL_PUD_MODIFIED;
			continue;
		}
		if (vmap_pmd_range(pud, addr, next, phys_addr, prot,
				   max_page_shift, mask))
			return -ENOMEM;
	} while (pud++, phys_addr += next - addr, addr = next, addr != end);
	return 0;
}

static int vmap_p4d_range(pgd_t *pgd, unsigned long addr, unsigned long end,
			  phys_addr_t phys_addr, pgprot_t prot,
			  unsigned int max_page_shift, pgtbl_mod_mask *mask)
{
	p4d_t *p4d = p4d_alloc_track(&init_mm, pgd, addr, mask);
	unsigned long next;

	if (!p4d)
		return -ENOMEM;
	do {
		next = p4d_addr_end(addr, end);
		if (vmap_pud_range(p4d, addr, next, phys_addr, prot,
				   max_page_shift, mask))
			return -ENOMEM;
	} while (p4d++, phys_addr += next - addr, addr = next, addr != end);
	return 0;
}

/*
 * Map physical [phys_addr, + end - addr) at [addr, end), with pages up to
 * 2^max_page_shift where alignment allows.  0 or -ENOMEM.
 */
static int vmap_range_noflush(unsigned long addr, unsigned long end,
			      phys_addr_t phys_addr, pgprot_t prot,
			      unsigned int max_page_shift)
{
	unsigned long start = addr, next;
	phys_addr_t phys_start = phys_addr;
	pgtbl_mod_mask mask = 0;
	pgd_t *pgd;
	int err;

	BUG_ON(addr >= end);
	pgd = pgd_offset_k(addr);
	do {
		next = pgd_addr_end(addr, end);
		err = vmap_p4d_range(pgd, addr, next, phys_addr, prot,
				     max_page_shift, &mask);
		if (err)
			return err;
	} while (pgd++, phys_addr += next - addr, addr = next, addr != end);
	{
		/* device memory past the simulated RAM has no host view */
		u64 span = current_machine->ram.span;
		struct host_run run = { start, phys_start, 0, 0 };

		if (phys_start < span)
			run.len = (unsigned long)min((u64)(end - start),
						     span - phys_start);
		host_run_flush(&run);
		return run.err;
	}
}

/*
 * Map physical [phys_addr, phys_addr + end - addr) at [addr, end) for
 * ioremap(), with PMD/PUD entries where alignment allows.  On the host,
 * the part of the range inside the simulated RAM span is the memfd's
 * bytes (ACPI tables read through the mapping are the tables); the rest
 * (device registers beyond it) stays inaccessible.  0 or -ENOMEM.
 */
int ioremap_page_range(unsigned long addr, unsigned long end,
		       phys_addr_t phys_addr, pgprot_t prot)
{
	return vmap_range_noflush(addr, end, phys_addr, pgprot_nx(prot),
				  BITS_PER_LONG - 1);
}

/* --- mapping an array of pages ---------------------------------------------------- */

struct vmap_pages_walk {
	pgprot_t prot;
	struct page **pages;
	int nr;                 /* next entry of pages[] to map */
	pgtbl_mod_mask mask;
	struct host_run run;
};

static int vmap_pages_pte_range(pmd_t *pmd, unsigned long addr,
				unsigned long end, struct vmap_pages_walk *w)
{
	pte_t *pte = pte_alloc_kernel_track(pmd, addr, &w->mask);

	if (!pte)
		return -ENOMEM;
	do {
		struct page *page = w->pages[w->nr];

		if (WARN_ON(!pte_none(*pte)))
			return -EBUSY;
		if (WARN_ON(!page))
			return -ENOMEM;
		if (WARN_ON(!pfn_valid(page_to_pfn(page))))
			return -EINVAL;
		set_pte_at(&init_mm, addr, pte, mk_pte(page, w->prot));
		host_run_add(&w->run, addr, page_to_phys(page), PAGE_SIZE);
		w->nr++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	w->mask |= PGTBL_PTE_MODIFIED;
	return 0;
}

static int vmap_pages_pmd_range(pud_t *pud, unsigned long addr,
				unsigned long end, struct vmap_pages_walk *w)
{
	pmd_t *pmd = pmd_alloc_track(&init_mm, pud, addr, &w->mask);
	unsigned long next;

	if (!pmd)
		return -ENOMEM;
	do {
		next = pmd_addr_end(addr, end);
		if (vmap_pages_pte_range(pmd, addr, next, w))
			return -ENOMEM;
	} while (pmd++, addr = next, addr != end);
	return 0;
}

static int vmap_pages_pud_range(p4d_t *p4d, unsigned long addr,
				unsigned long end, struct vmap_pages_walk *w)
{
	pud_t *pud = pud_alloc_track(&init_mm, p4d, addr, &w->mask);
	unsigned long next;

	if (!pud)
		return -ENOMEM;
	do {
		next = pud_addr_end(addr, end);
		if (vmap_pages_pmd_range(pud, addr, next, w))
			return -ENOMEM;
	} while (pud++, addr = next, addr != end);
	return 0;
}

static int vmap_pages_p4d_range(pgd_t *pgd, unsigned long addr,
				unsigned long end, struct vmap_pages_walk *w)
{
	p4d_t *p4d = p4d_alloc_track(&init_mm, pgd, addr, &w->mask);
	unsigned long next;

	if (!p4d)
		return -ENOMEM;
	do {
		next = p4d_addr_end(addr, end);
		if (vmap_pages_pud_range(p4d, addr, next, w))
			return -ENOMEM;
	} while (p4d++, addr = next, addr != end);
	return 0;
}

static int vmap_small_pages_range_noflush(unsigned long addr,
					  unsigned long end, pgprot_t prot,
					  struct page **pages)
{
	struct vmap_pages_walk w = { .prot = prot, .pages = pages };
	unsigned long next;
	pgd_t *pgd;
	int err = 0;

	BUG_ON(addr >= end);
	pgd = pgd_offset_k(addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_bad(*pgd))
			w.mask |= PGTBL_PGD_MODIFIED;
		err = vmap_pages_p4d_range(pgd, addr, next, &w);
		if (err)
			break;
	} while (pgd++, addr = next, addr != end);
	host_run_flush(&w.run);
	return err ? err : w.run.err;
}

/*
 * The architecture maps (32-bit ARM's two-level tables, arch/arm/mm/
 * pgtable.c) page by page; the host window follows here.
 */
static int arch_vmap_pages(const struct mmsim_arch_ops *arch,
			   unsigned long addr, unsigned long end, pgprot_t prot,
			   struct page **pages)
{
	struct host_run run = { 0, 0, 0, 0 };
	int err = 0, i;

	for (i = 0; addr != end && !err; addr += PAGE_SIZE, i++) {
		if (WARN_ON(!pages[i]) || WARN_ON(!pfn_valid(page_to_pfn(pages[i])))) {
			err = -EINVAL;
			break;
		}
		err = arch->kernel_map_page(addr, page_to_phys(pages[i]), prot);
		if (!err)
			host_run_add(&run, addr, page_to_phys(pages[i]), PAGE_SIZE);
	}
	host_run_flush(&run);
	return err ? err : run.err;
}

/*
 * Map pages[0 .. (end - addr) / PAGE_SIZE) at [addr, end).  With
 * @page_shift > PAGE_SHIFT the pages come in physically contiguous,
 * aligned groups of 2^(page_shift - PAGE_SHIFT) and each group is mapped
 * with one large entry where possible.  0 or -errno; on failure part of
 * the range may be mapped (the caller unmaps the whole area).
 */
int vmap_pages_range_noflush(unsigned long addr, unsigned long end,
			     pgprot_t prot, struct page **pages,
			     unsigned int page_shift)
{
	const struct mmsim_arch_ops *arch = current_arch();
	unsigned long i, nr = (end - addr) >> PAGE_SHIFT;

	if (arch->kernel_map_page)
		return arch_vmap_pages(arch, addr, end, prot, pages);

	WARN_ON(page_shift < PAGE_SHIFT);
	if (page_shift == PAGE_SHIFT)
		return vmap_small_pages_range_noflush(addr, end, prot, pages);
	for (i = 0; i < nr; i += 1UL << (page_shift - PAGE_SHIFT)) {
		int err = vmap_range_noflush(addr, addr + (1UL << page_shift),
					     page_to_phys(pages[i]), prot,
					     page_shift);

		if (err)
			return err;
		addr += 1UL << page_shift;
	}
	return 0;
}

int vmap_pages_range(unsigned long addr, unsigned long end, pgprot_t prot,
		     struct page **pages, unsigned int page_shift)
{
	return vmap_pages_range_noflush(addr, end, prot, pages, page_shift);
}

/* --- unmapping --------------------------------------------------------------------- */

static void vunmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	do {
		pte_t old = ptep_get_and_clear(&init_mm, addr, pte);

		WARN_ON(!pte_none(old) && !pte_present(old));
	} while (pte++, addr += PAGE_SIZE, addr != end);
}

static void vunmap_pmd_range(pud_t *pud, unsigned long addr, unsigned long end)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		/*
		 * The range ends with the area's guard page, whose PTE may sit
		 * in a table another CPU is filling for the area after it:
		 * the entry is read as pte_alloc_kernel() reads it (acquire,
		 * the reader's side of __pte_alloc_kernel's smp_wmb), so that
		 * table's zeroes are seen before its slot is cleared.
		 */
		if (pmd_none(pmd_load_acquire(pmd)))
			continue;
		if (pmd_clear_huge(pmd))
			continue;
		if (pmd_none_or_clear_bad(pmd))
			continue;
		vunmap_pte_range(pmd, addr, next);
	} while (pmd++, addr = next, addr != end);
}

static void vunmap_pud_range(p4d_t *p4d, unsigned long addr, unsigned long end)
{
	pud_t *pud = pud_offset(p4d, addr);
	unsigned long next;

	do {
		next = pud_addr_end(addr, end);
		if (pud_clear_huge(pud))
			continue;
		if (pud_none_or_clear_bad(pud))
			continue;
		vunmap_pmd_range(pud, addr, next);
	} while (pud++, addr = next, addr != end);
}

static void vunmap_p4d_range(pgd_t *pgd, unsigned long addr, unsigned long end)
{
	p4d_t *p4d = p4d_offset(pgd, addr);
	unsigned long next;

	do {
		next = p4d_addr_end(addr, end);
		if (p4d_none_or_clear_bad(p4d))
			continue;
		vunmap_pud_range(p4d, addr, next);
	} while (p4d++, addr = next, addr != end);
}

/* Clear every mapping in [start, end), in the tables and on the host. */
void vunmap_range_noflush(unsigned long start, unsigned long end)
{
	const struct mmsim_arch_ops *arch = current_arch();
	unsigned long addr = start, next;
	pgd_t *pgd;

	if (arch->kernel_unmap_range) {
		arch->kernel_unmap_range(start, end);
		host_unmap(start, end);
		return;
	}

	BUG_ON(addr >= end);
	pgd = pgd_offset_k(addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none_or_clear_bad(pgd))
			continue;
		vunmap_p4d_range(pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
	host_unmap(start, end);
}

void vunmap_range(unsigned long addr, unsigned long end)
{
	vunmap_range_noflush(addr, end);
}

/* --- translation ---------------------------------------------------------------------- */

/*
 * The page mapped at @vmalloc_addr, by walking the kernel page tables
 * (a huge mapping yields the 4 KiB page inside it).  NULL when nothing
 * is mapped there.
 */
struct page *vmalloc_to_page(const void *vmalloc_addr)
{
	unsigned long addr = vmalloc_kva(vmalloc_addr);
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t pte;

	if (WARN_ON_ONCE(!addr))
		return NULL;
	if (current_arch()->kernel_lookup) {
		phys_addr_t pa;

		return current_arch()->kernel_lookup(addr, &pa) ? NULL :
		       pfn_to_page(PHYS_PFN(pa));
	}
	pgd = pgd_offset_k(addr);
	if (pgd_none(*pgd) || WARN_ON_ONCE(pgd_leaf(*pgd)) ||
	    WARN_ON_ONCE(pgd_bad(*pgd)))
		return NULL;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || WARN_ON_ONCE(p4d_bad(*p4d)))
		return NULL;
	pud = pud_offset(p4d, addr);
	if (pud_none(*pud))
		return NULL;
	if (pud_leaf(*pud))
		return pud_page(*pud) + ((addr & ~PUD_MASK) >> PAGE_SHIFT);
	if (WARN_ON_ONCE(pud_bad(*pud)))
		return NULL;
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd))
		return NULL;
	if (pmd_leaf(*pmd))
		return pmd_page(*pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	if (WARN_ON_ONCE(pmd_bad(*pmd)))
		return NULL;
	pte = *pte_offset_kernel(pmd, addr);
	return pte_present(pte) ? pte_page(pte) : NULL;
}

unsigned long vmalloc_to_pfn(const void *vmalloc_addr)
{
	return page_to_pfn(vmalloc_to_page(vmalloc_addr));
}
