// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/ioremap.c — mapping physical ranges into the vmalloc area:
 * ioremap() and its cache-mode variants, iounmap().
 *
 * Kernel counterpart: arch/x86/mm/ioremap.c (Linux 6.1: __ioremap_caller,
 * __ioremap_check_mem, ioremap*, iounmap) and the PAT cache-mode table of
 * arch/x86/mm/pat/memtype.c (cachemode2protval).
 *
 *   __ioremap_caller(phys, size, pcm, caller)
 *     refuse size 0, wrap-around, addresses past the physical width
 *     refuse System RAM the kernel uses (a page not PageReserved)
 *     round to whole pages: offset = phys & ~PAGE_MASK
 *     get_vm_area_caller(size, VM_IOREMAP, caller)   area->phys_addr = phys
 *     ioremap_page_range(va, va + size, phys, PAGE_KERNEL_IO | cache bits)
 *     return va + offset
 *
 * Boot-time users in mmsim, in boot order: acpi_os_map_iomem() for the ACPI
 * tables (drivers/acpi/osl.c, from acpi_early_init()), hpet_enable() for
 * the HPET registers (arch/x86/kernel/hpet.c, from late_time_init), and
 * acpi_os_map_iomem() again for the HPET region the ACPI interpreter reads
 * (acpi_init()).
 *
 * Not modelled: the PAT memtype tree (memtype_reserve/memtype_free: the
 * requested mode is granted, as when nothing else maps the range with a
 * conflicting one) and memtype_kernel_map_sync() (the direct map has no
 * per-page cache attributes here; nothing mmsim ioremaps is in it), SEV /
 * TDX encryption bits, mmiotrace.
 */
#include "linux/kernel.h"
#include "linux/io.h"
#include "linux/ioport.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

/*
 * The PAT pat_init() programs on the boot CPU ("x86/PAT: Configuration
 * [0-7]: WB WC UC- UC WB WP UC- WT"): PTE index PAT<<2 | PCD<<1 | PWT.
 */
static const enum page_cache_mode pat_table[8] = {
	_PAGE_CACHE_MODE_WB, _PAGE_CACHE_MODE_WC, _PAGE_CACHE_MODE_UC_MINUS,
	_PAGE_CACHE_MODE_UC, _PAGE_CACHE_MODE_WB, _PAGE_CACHE_MODE_WP,
	_PAGE_CACHE_MODE_UC_MINUS, _PAGE_CACHE_MODE_WT,
};

/* The first PAT index holding @pcm, as PTE bits; UC when none does. */
pgprotval_t cachemode2protval(enum page_cache_mode pcm)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pat_table); i++)
		if (pat_table[i] == pcm)
			return ((i & 1) ? _PAGE_PWT : 0) | ((i & 2) ? _PAGE_PCD : 0) |
			       ((i & 4) ? _PAGE_PAT : 0);
	return _PAGE_PCD | _PAGE_PWT;
}

/*
 * Does [start, end] hold RAM the kernel uses?  The System RAM resources
 * it meets, page by page: a valid page that is not PageReserved is in use
 * (reserved pages, such as firmware areas inside RAM, may be remapped).
 * Only pages wholly inside the range count, as in 6.1: a request for a
 * few bytes of a RAM page is not caught.
 */
static bool ioremap_hits_system_ram(u64 start, u64 end)
{
	struct resource *res;

	for (res = iomem_resource.child; res; res = res->sibling) {
		u64 s = max(start, (u64)res->start), e = min(end, (u64)res->end);
		unsigned long pfn, start_pfn, stop_pfn;

		if ((res->flags & IORESOURCE_SYSTEM_RAM) != IORESOURCE_SYSTEM_RAM ||
		    s > e)
			continue;
		start_pfn = (unsigned long)((s + PAGE_SIZE - 1) >> PAGE_SHIFT);
		stop_pfn = (unsigned long)((e + 1) >> PAGE_SHIFT);
		for (pfn = start_pfn; pfn < stop_pfn; pfn++)
			if (pfn_valid(pfn) && !PageReserved(pfn_to_page(pfn)))
				return true;
	}
	return false;
}

void *__ioremap_caller(resource_size_t phys_addr, unsigned long size,
		       enum page_cache_mode pcm, const char *caller,
		       bool encrypted)
{
	resource_size_t last_addr = phys_addr + size - 1;
	unsigned long offset, vaddr;
	struct vm_struct *area;
	pgprot_t prot;

	if (!size || last_addr < phys_addr)
		return NULL;
	if (last_addr > iomem_resource.end) {
		pr_warn("ioremap: invalid physical address %llx\n",
			(unsigned long long)phys_addr);
		WARN_ON_ONCE(1);
		return NULL;
	}
	if (ioremap_hits_system_ram(phys_addr, last_addr)) {
		pr_warn("ioremap on RAM at 0x%016llx - 0x%016llx\n",
			(unsigned long long)phys_addr,
			(unsigned long long)last_addr);
		WARN_ON_ONCE(1);
		return NULL;
	}
	offset = (unsigned long)(phys_addr & ~PAGE_MASK);
	phys_addr &= PAGE_MASK;
	size = (unsigned long)(PAGE_ALIGN(last_addr + 1) - phys_addr);
	(void)encrypted; /* no memory encryption on the simulated CPU */
	prot = __pgprot(pgprot_val(PAGE_KERNEL) | cachemode2protval(pcm)); /* PAGE_KERNEL_IO */

	area = get_vm_area_caller(size, VM_IOREMAP, caller);
	if (!area)
		return NULL;
	area->phys_addr = phys_addr;
	vaddr = vmalloc_kva(area->addr);
	if (ioremap_page_range(vaddr, vaddr + size, phys_addr, prot)) {
		free_vm_area(area);
		return NULL;
	}
	return (char *)area->addr + offset;
}

/* The kernel's entry points; each names its caller (<mmsim/caller.h>). */
void *(ioremap)(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, _PAGE_CACHE_MODE_UC_MINUS,
				MMSIM_RET_CALLER, false);
}

void *(ioremap_uc)(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, _PAGE_CACHE_MODE_UC,
				MMSIM_RET_CALLER, false);
}

void *(ioremap_wc)(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, _PAGE_CACHE_MODE_WC,
				MMSIM_RET_CALLER, false);
}

void *(ioremap_wt)(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, _PAGE_CACHE_MODE_WT,
				MMSIM_RET_CALLER, false);
}

void *(ioremap_cache)(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, _PAGE_CACHE_MODE_WB,
				MMSIM_RET_CALLER, false);
}

void iounmap(volatile void *addr)
{
	void *base = (void *)((unsigned long)addr & PAGE_MASK);
	struct vm_struct *p, *o;

	if (!is_vmalloc_addr((const void *)addr))
		return;	/* not from ioremap() (the kernel: below high_memory) */
	p = find_vm_area(base);
	if (!p) {
		pr_err("iounmap: bad address %p\n", (void *)addr);
		WARN_ON(1);
		return;
	}
	o = remove_vm_area(base);
	BUG_ON(p != o || o == NULL);
	kfree(p);
}
