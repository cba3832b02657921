// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/mmu.c — the 32-bit ARM kernel's page tables at boot: the
 * memory types, the lowmem/highmem split, and paging_init().
 *
 * Kernel counterparts: arch/arm/mm/mmu.c, arch/arm/mm/ioremap.c
 * (add_static_vm_early), arch/arm/mm/pgd.c / proc-v7-2level.S
 * (set_pte_ext), Linux 6.1, classic (non-LPAE) MMU.
 *
 * The tables are the hardware's short-descriptor tables in simulated RAM
 * (see arch/arm/include/asm/pgtable.h for the two-entries-per-pgd
 * layout), rooted at swapper_pg_dir, 16 KiB below the image's _text.
 *
 *   build_mem_type_table   ARMv7, SMP: write-allocate, shared; prints
 *                          "Memory policy: Data cache writealloc"
 *   adjust_lowmem_bounds   lowmem = RAM below vmalloc_min, where
 *                          vmalloc_min = VMALLOC_END - vmalloc_size (240
 *                          MiB) - VMALLOC_OFFSET (8 MiB), in physical
 *                          terms; memblock's limit = that, 2 MiB aligned
 *   paging_init
 *     prepare_page_table   clear the first-level entries below the image
 *                          and from the end of the first RAM bank's lowmem
 *                          up to VMALLOC_START (only first level entries)
 *     map_lowmem           1 MiB sections of lowmem outside the image:
 *                          MT_MEMORY_RW (never executable)
 *     map_kernel           the image's sections: MT_MEMORY_RWX up to
 *                          __init_end, MT_MEMORY_RW after
 *     devicemaps_init      the vector pages (8 KiB, early_alloc), the DTB's
 *                          read-only window, the vectors at 0xffff0000
 *                          (a PTE page, early_alloc), static I/O areas,
 *                          the PCI I/O window's vm area
 *     kmap_init            PTE pages for pkmap and for the fixmap
 *     the zero page, then bootmem_init() (arch/arm/mm/init.c)
 *
 * A 1 MiB section is one first-level word; anything smaller needs a PTE
 * page (4 KiB: two Linux tables and two hardware tables), taken from
 * memblock with early_alloc() (one line per page with memblock=debug).
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/vmalloc.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

/* arch/arm/mm/mm.h: the ARM bits of vm_struct.flags */
#define VM_ARM_SECTION_MAPPING 0x80000000UL
#define VM_ARM_STATIC_MAPPING 0x40000000UL
#define VM_ARM_EMPTY_MAPPING 0x20000000UL
#define VM_ARM_MTYPE(mt) ((unsigned long)(mt) << 20)

/* --- the layout accessors of asm/memory.h ------------------------------------- */

unsigned long arm_page_offset(void)
{
	return arm_st.page_offset;
}

phys_addr_t arm_phys_offset(void)
{
	return arm_st.phys_offset;
}

unsigned long arm_vmalloc_end(void)
{
	return arm_st.vmalloc_end;
}

unsigned long arm_fixaddr_start(void)
{
	return arm_st.fixaddr_start;
}

/* VMALLOC_START: 8 MiB above high_memory, on an 8 MiB boundary. */
unsigned long arm_vmalloc_start(void)
{
	return (arm_st.high_memory + ARM_VMALLOC_OFFSET) & ~(ARM_VMALLOC_OFFSET - 1UL);
}

arm_pmdval_t *arm_swapper_pg_dir(void)
{
	return __va(arm_st.image.pgdir);
}

/* --- PTE pages --------------------------------------------------------------------- */

arm_pteval_t *arm_pte_offset_kernel(const arm_pmdval_t *pmdp, unsigned long va)
{
	arm_pteval_t *table = __va(pmdp[0] & (u32)PAGE_MASK);

	return table + ((va >> PAGE_SHIFT) & (ARM_PTRS_PER_PTE - 1));
}

/*
 * The hardware small-page descriptor for Linux PTE @pte (what
 * cpu_v7_set_pte_ext computes): the frame and the shared bit carry over;
 * the memory type's low bits become C/B and TEX[0]; it is read-only
 * unless dirty and writable; user access, execute-never; and it maps
 * nothing unless present and young.
 */
arm_pteval_t arm_hw_pte(arm_pteval_t pte, u32 ext)
{
	arm_pteval_t hw = pte & ~(0x3f0U | PTE_TYPE_MASK);

	hw |= ext | PTE_EXT_AP0 | PTE_TYPE_SMALL;
	if (pte & (1U << 4))
		hw |= PTE_EXT_TEX(1);
	if ((pte & L_PTE_RDONLY) || !(pte & L_PTE_DIRTY))
		hw |= PTE_EXT_APX;
	if (pte & L_PTE_USER)
		hw |= PTE_EXT_AP1;
	if (pte & L_PTE_XN)
		hw |= PTE_EXT_XN;
	if (!(pte & L_PTE_YOUNG) || !(pte & L_PTE_VALID) || (pte & L_PTE_NONE))
		hw = 0;
	return hw;
}

void set_pte_ext(arm_pteval_t *ptep, arm_pteval_t pte, u32 ext)
{
	ptep[0] = pte;
	ptep[ARM_PTE_HWTABLE_PTRS] = arm_hw_pte(pte, ext);
}

void arm_pte_clear(arm_pteval_t *ptep)
{
	set_pte_ext(ptep, 0, 0);
}

int arm_walk_virt_to_phys(const arm_pmdval_t *l1, unsigned long va,
			  phys_addr_t *pa, int *level)
{
	arm_pmdval_t e = l1[(u32)va >> ARM_SECTION_SHIFT];
	const arm_pteval_t *l2;
	arm_pteval_t pte;

	switch (e & PMD_TYPE_MASK) {
	case PMD_TYPE_SECT:
		if (e & PMD_SECT_SUPER)
			return -EFAULT;     /* supersections: not made by this kernel */
		*pa = (e & (u32)ARM_SECTION_MASK) | ((u32)va & ~(u32)ARM_SECTION_MASK);
		*level = 1;
		return 0;
	case PMD_TYPE_TABLE:
		l2 = __va(e & 0xfffffc00U);
		pte = l2[((u32)va >> PAGE_SHIFT) & 0xff];
		if ((pte & PTE_TYPE_MASK) != PTE_TYPE_SMALL &&
		    (pte & PTE_TYPE_MASK) != (PTE_TYPE_SMALL | 1))
			return -EFAULT;
		*pa = (pte & (u32)PAGE_MASK) | ((u32)va & ~(u32)PAGE_MASK);
		*level = 2;
		return 0;
	default:
		return -EFAULT;
	}
}

/* --- memory types ------------------------------------------------------------------ */

/*
 * build_mem_type_table() for the CPU the board has (ARMv7 with the
 * extended page tables and TEX remapping, cr bits XP and TRE), SMP, so
 * the cache policy is write-allocate and kernel memory is shared.
 */
static void build_mem_type_table(void)
{
	struct arm_mem_type *mt = arm_st.mem_types;
	const arm_pteval_t kern_pgprot = L_PTE_MT_WRITEALLOC | L_PTE_SHARED;
	const arm_pmdval_t cp_pmd = PMD_SECT_WBWA;
	int i;

	memset(arm_st.mem_types, 0, sizeof(arm_st.mem_types));
	mt[MT_DEVICE] = (struct arm_mem_type){
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_XN |
			    L_PTE_MT_DEV_SHARED | L_PTE_SHARED,
		.prot_l1 = PMD_TYPE_TABLE,
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_S |
			     PMD_SECT_XN | PMD_SECT_TEX(1),
		.domain = DOMAIN_IO,
	};
	mt[MT_LOW_VECTORS] = (struct arm_mem_type){
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			    L_PTE_RDONLY | kern_pgprot,
		.prot_l1 = PMD_TYPE_TABLE,
		.domain = DOMAIN_VECTORS,
	};
	mt[MT_HIGH_VECTORS] = mt[MT_LOW_VECTORS];
	mt[MT_HIGH_VECTORS].prot_pte |= L_PTE_USER;
	mt[MT_MEMORY_RWX] = (struct arm_mem_type){
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | kern_pgprot,
		.prot_l1 = PMD_TYPE_TABLE,
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_S | cp_pmd,
		.domain = DOMAIN_KERNEL,
	};
	mt[MT_MEMORY_RW] = mt[MT_MEMORY_RWX];
	mt[MT_MEMORY_RW].prot_pte |= L_PTE_XN;
	mt[MT_MEMORY_RW].prot_sect |= PMD_SECT_XN;
	mt[MT_MEMORY_RO] = (struct arm_mem_type){
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_XN |
			    L_PTE_RDONLY | kern_pgprot,
		.prot_l1 = PMD_TYPE_TABLE,
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_XN | PMD_SECT_APX |
			     PMD_SECT_AP_WRITE | PMD_SECT_S | cp_pmd,
		.domain = DOMAIN_KERNEL,
	};
	mt[MT_ROM] = (struct arm_mem_type){
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_APX | PMD_SECT_AP_WRITE | cp_pmd,
		.domain = DOMAIN_KERNEL,
	};
	mt[MT_MEMORY_DMA_READY] = (struct arm_mem_type){
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_XN |
			    kern_pgprot,
		.prot_l1 = PMD_TYPE_TABLE,
		.domain = DOMAIN_KERNEL,
	};
	arm_st.cache_policy = "writealloc";
	pr_info("Memory policy: Data cache %s\n", arm_st.cache_policy);
	for (i = 0; i < MT_NR_TYPES; i++) {
		if (mt[i].prot_l1)
			mt[i].prot_l1 |= PMD_DOMAIN(mt[i].domain);
		if (mt[i].prot_sect)
			mt[i].prot_sect |= PMD_DOMAIN(mt[i].domain);
	}
}

void early_mm_init(void)
{
	build_mem_type_table();
}

/* --- vmalloc= and the lowmem limit ----------------------------------------------------- */

/* vmalloc=size: the vmalloc area's size (16 MiB .. what leaves 32 MiB of lowmem). */
static int early_vmalloc(char *arg)
{
	unsigned long vmalloc_reserve, vmalloc_max;

	/* 6.1 parses a bare "vmalloc" as NULL and faults: see coherent_pool */
	if (!arg) {
		panic("%s: NULL pointer dereference: vmalloc needs a size\n",
		      __func__);
		return -EINVAL;
	}
	vmalloc_reserve = (unsigned long)memparse(arg, NULL);

	if (vmalloc_reserve < SZ_16M) {
		vmalloc_reserve = SZ_16M;
		pr_warn("vmalloc area is too small, limiting to %luMiB\n",
			vmalloc_reserve >> 20);
	}
	vmalloc_max = arm_vmalloc_end() -
		      (arm_page_offset() + SZ_32M + ARM_VMALLOC_OFFSET);
	if (vmalloc_reserve > vmalloc_max) {
		vmalloc_reserve = vmalloc_max;
		pr_warn("vmalloc area is too big, limiting to %luMiB\n",
			vmalloc_reserve >> 20);
	}
	arm_st.vmalloc_size = vmalloc_reserve;
	return 0;
}
early_param("vmalloc", early_vmalloc);

void adjust_lowmem_bounds(void)
{
	phys_addr_t block_start, block_end, memblock_limit = 0, lowmem_limit = 0;
	u64 vmalloc_limit, i;

	/* in 64 bits: the limit may lie beyond what phys_addr_t can hold */
	vmalloc_limit = (u64)arm_vmalloc_end() - arm_st.vmalloc_size -
			ARM_VMALLOC_OFFSET - arm_page_offset() + PHYS_OFFSET;

	for_each_mem_range(i, &block_start, &block_end) {
		if (!IS_ALIGNED(block_start, ARM_PMD_SIZE))
			memblock_mark_nomap(block_start,
					    round_up(block_start, ARM_PMD_SIZE) -
						    block_start);
		break;
	}
	for_each_mem_range(i, &block_start, &block_end) {
		if (block_start >= vmalloc_limit)
			continue;
		if (block_end > lowmem_limit)
			lowmem_limit = min((u64)vmalloc_limit, (u64)block_end);
		if (!memblock_limit) {
			if (!IS_ALIGNED(block_start, ARM_PMD_SIZE))
				memblock_limit = block_start;
			else if (!IS_ALIGNED(block_end, ARM_PMD_SIZE))
				memblock_limit = lowmem_limit;
		}
	}
	arm_st.arm_lowmem_limit = lowmem_limit;
	arm_st.high_memory = __phys_to_virt(lowmem_limit - 1) + 1;
	current_machine->mm.high_memory_phys = lowmem_limit;
	if (!memblock_limit)
		memblock_limit = lowmem_limit;
	memblock_limit = round_down(memblock_limit, (phys_addr_t)ARM_PMD_SIZE);

	if (!IS_ENABLED(CONFIG_HIGHMEM) && memblock_end_of_DRAM() > lowmem_limit) {
		phys_addr_t end = memblock_end_of_DRAM();

		pr_notice("Ignoring RAM at %pa-%pa\n", &memblock_limit, &end);
		pr_notice("Consider using a HIGHMEM enabled kernel.\n");
		memblock_remove(memblock_limit, end - memblock_limit);
	}
	memblock_set_current_limit(memblock_limit);
	vmalloc_set_area(arm_vmalloc_start(), arm_vmalloc_end());
}

/* --- creating mappings ------------------------------------------------------------- */

/* A PTE page or the vector pages, from memblock, aligned to its size. */
static void *early_alloc(unsigned long sz)
{
	void *ptr = memblock_alloc_try_nid_caller(sz, sz, MEMBLOCK_LOW_LIMIT,
						  MEMBLOCK_ALLOC_ACCESSIBLE,
						  NUMA_NO_NODE, "early_alloc");

	if (!ptr)
		panic("%s: Failed to allocate %lu bytes align=0x%lx\n",
			 __func__, sz, sz);
	return ptr;
}

static arm_pteval_t *early_pte_alloc(arm_pmdval_t *pmd, unsigned long addr,
				     u32 prot)
{
	if (arm_pmd_none(*pmd)) {
		void *pte = early_alloc(ARM_PTE_HWTABLE_OFF + ARM_PTE_HWTABLE_SIZE);

		if (!pte)
			return NULL;
		__pmd_populate(pmd, __pa(pte), prot);
	}
	BUG_ON((*pmd & PMD_TYPE_MASK) != PMD_TYPE_TABLE);
	return arm_pte_offset_kernel(pmd, addr);
}

static void alloc_init_pte(arm_pmdval_t *pmd, unsigned long addr,
			   unsigned long end, unsigned long pfn,
			   const struct arm_mem_type *type)
{
	arm_pteval_t *pte = early_pte_alloc(pmd, addr, type->prot_l1);

	if (!pte)
		return;
	do {
		set_pte_ext(pte, arm_pfn_pte(pfn, type->prot_pte), 0);
		pfn++;
	} while (pte++, addr = (u32)(addr + PAGE_SIZE), addr != end);
}

/*
 * Sections for [addr, end): an odd 1 MiB starts at the second word of
 * its 2 MiB slot.  Addresses are the 32-bit kernel's: the last slot ends
 * at 0 (this loop and alloc_init_pte's wrap as the kernel's do).
 */
static void __map_init_section(arm_pmdval_t *pmd, unsigned long addr,
			       unsigned long end, phys_addr_t phys,
			       const struct arm_mem_type *type)
{
	if (addr & ARM_SECTION_SIZE)
		pmd++;
	do {
		*pmd = (u32)phys | type->prot_sect;
		phys += ARM_SECTION_SIZE;
	} while (pmd++, addr = (u32)(addr + ARM_SECTION_SIZE), addr != end);
}

/* One 2 MiB slot: sections when everything is section aligned, else pages. */
static void alloc_init_pmd(arm_pmdval_t *pmd, unsigned long addr,
			   unsigned long end, phys_addr_t phys,
			   const struct arm_mem_type *type)
{
	if (type->prot_sect && !((addr | end | phys) & ~ARM_SECTION_MASK))
		__map_init_section(pmd, addr, end, phys, type);
	else
		alloc_init_pte(pmd, addr, end, __phys_to_pfn(phys), type);
}

static unsigned long pgd_addr_end_arm(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + ARM_PMD_SIZE) & ARM_PMD_MASK;

	boundary &= 0xffffffffUL;       /* the last slot wraps to 0 in 32 bits */
	return boundary - 1 < end - 1 ? boundary : end;
}

/*
 * Map @md in the kernel's tables.  Sections where the range allows,
 * PTE pages elsewhere; a type without page bits must be section aligned.
 */
void create_mapping(const struct map_desc *md)
{
	const struct arm_mem_type *type = &arm_st.mem_types[md->type];
	unsigned long addr, length, end;
	phys_addr_t phys;

	if (md->virtual != ARM_VECTORS_BASE && md->virtual < TASK_SIZE_ARM) {
		pr_warn("BUG: not creating mapping for 0x%08llx at 0x%08lx in user region\n",
			(unsigned long long)__pfn_to_phys(md->pfn), md->virtual);
		return;
	}
	addr = md->virtual & PAGE_MASK;
	phys = __pfn_to_phys(md->pfn);
	length = PAGE_ALIGN(md->length + (md->virtual & ~PAGE_MASK));
	if (!type->prot_l1 && ((addr | phys | length) & ~ARM_SECTION_MASK)) {
		pr_warn("BUG: map for 0x%08llx at 0x%08lx can not be mapped using pages, ignoring.\n",
			(unsigned long long)phys, addr);
		return;
	}
	end = (addr + length) & 0xffffffffUL;
	do {
		unsigned long next = pgd_addr_end_arm(addr, end);

		alloc_init_pmd(pmd_off_k(addr), addr, next, phys, type);
		phys += next - addr;
		addr = next;
	} while (addr != end);
}

/* --- boot-time areas of the vmalloc space ------------------------------------------------ */

/*
 * Claim [vm->addr, + size) before vmalloc_init(): keep static_vmlist
 * sorted, and hand the area to vmalloc's early list.
 */
static void add_static_vm_early(struct arm_static_vm *svm)
{
	struct arm_static_vm *curr;

	if (svm->vm->addr)
		vm_area_add_early(svm->vm);
	list_for_each_entry(curr, &arm_st.static_vmlist, list)
		if (curr->kva > svm->kva)
			break;
	list_add_tail(&svm->list, &curr->list);
}

/* A kernel struct static_vm (32-bit layout: its size is in the profile). */
static void *static_vm_alloc(int nr, const char *caller)
{
	unsigned long sz = (unsigned long)profile_u64(current_machine->profile,
						      "sizeof.static_vm", 0);
	void *kobj = memblock_alloc_try_nid_caller(sz * (unsigned long)nr,
						   current_machine->arch.long_bytes,
						   MEMBLOCK_LOW_LIMIT,
						   MEMBLOCK_ALLOC_ACCESSIBLE,
						   NUMA_NO_NODE, caller);

	if (!kobj)
		panic("%s: Failed to allocate %lu bytes align=0x%x\n",
			 caller, sz * (unsigned long)nr,
			 current_machine->arch.long_bytes);
	return kobj;
}

/*
 * Static mappings of devices (and CMA areas in lowmem): map each, and
 * record it as an ioremap area.  An area outside the vmalloc space (the
 * lowmem remap of CMA) is kept on static_vmlist only: mmsim's vmalloc
 * areas are host views of the vmalloc space.
 */
void iotable_init(const struct map_desc *io_desc, int nr)
{
	char *kobj;
	int i;

	if (!nr)
		return;
	kobj = static_vm_alloc(nr, "iotable_init");
	if (!kobj)
		return;
	vmalloc_prepare_early();
	for (i = 0; i < nr; i++) {
		const struct map_desc *md = &io_desc[i];
		struct arm_static_vm *svm = host_alloc(sizeof(*svm));
		unsigned long kva = md->virtual & PAGE_MASK;

		create_mapping(md);
		svm->vm = host_alloc(sizeof(*svm->vm));
		svm->kernel_obj = kobj;
		svm->kva = kva;
		svm->vm->addr = vmalloc_host(kva);
		svm->vm->size = PAGE_ALIGN(md->length + (md->virtual & ~PAGE_MASK));
		svm->vm->phys_addr = __pfn_to_phys(md->pfn);
		svm->vm->flags = VM_IOREMAP | VM_ARM_STATIC_MAPPING |
				 VM_ARM_MTYPE(md->type);
		svm->vm->caller = "iotable_init";
		add_static_vm_early(svm);
	}
}

void vm_reserve_area_early(unsigned long addr, unsigned long size,
			   const char *caller)
{
	struct arm_static_vm *svm;
	void *kobj = static_vm_alloc(1, "vm_reserve_area_early");

	if (!kobj)
		return;
	svm = host_alloc(sizeof(*svm));
	svm->vm = host_alloc(sizeof(*svm->vm));
	svm->kernel_obj = kobj;
	svm->kva = addr;
	vmalloc_prepare_early();
	svm->vm->addr = vmalloc_host(addr);
	svm->vm->size = size;
	svm->vm->flags = VM_IOREMAP | VM_ARM_EMPTY_MAPPING;
	svm->vm->caller = caller;
	add_static_vm_early(svm);
}

/*
 * Release mmsim's host objects of static_vmlist (machine teardown, after
 * vmalloc_state_destroy(): vmalloc never frees what its early list holds).
 */
void arm_static_vm_destroy(void)
{
	struct arm_static_vm *svm, *n;

	list_for_each_entry_safe(svm, n, &arm_st.static_vmlist, list) {
		list_del(&svm->list);
		host_free(svm->vm);
		host_free(svm);
	}
}

/*
 * Half-used 2 MiB slots next to static mappings: reserve the unused 1 MiB
 * so vmalloc never puts a page table where a section lives.
 */
static void fill_pmd_gaps(void)
{
	struct arm_static_vm *svm;
	unsigned long addr, next = 0;

	list_for_each_entry(svm, &arm_st.static_vmlist, list) {
		addr = svm->kva;
		if (addr < next)
			continue;
		if ((addr & ~ARM_PMD_MASK) == ARM_SECTION_SIZE &&
		    arm_pmd_none(pmd_off_k(addr)[0]))
			vm_reserve_area_early(addr & ARM_PMD_MASK, ARM_SECTION_SIZE,
					      "pmd_empty_section_gap");
		addr += svm->vm->size;
		if ((addr & ~ARM_PMD_MASK) == ARM_SECTION_SIZE &&
		    arm_pmd_none(pmd_off_k(addr)[1]))
			vm_reserve_area_early(addr, ARM_SECTION_SIZE,
					      "pmd_empty_section_gap");
		next = (addr + ARM_PMD_SIZE - 1) & ARM_PMD_MASK;
	}
}

/* The PCI I/O window (CONFIG_PCI without mach/io.h). */
static void pci_reserve_io(void)
{
	struct arm_static_vm *svm;

	if (!IS_ENABLED(CONFIG_PCI) || IS_ENABLED(CONFIG_NEED_MACH_IO_H))
		return;
	list_for_each_entry(svm, &arm_st.static_vmlist, list)
		if (svm->kva == ARM_PCI_IO_VIRT_BASE)
			return;
	vm_reserve_area_early(ARM_PCI_IO_VIRT_BASE, SZ_2M, "pci_reserve_io");
}

/* --- paging_init() ------------------------------------------------------------------ */

/* Only first-level entries: PTE pages of the boot tables are not freed. */
static void prepare_page_table(void)
{
	unsigned long addr;
	phys_addr_t end;

	for (addr = 0; addr < MODULES_VADDR; addr += ARM_PMD_SIZE)
		arm_pmd_clear(pmd_off_k(addr));
	for (; addr < arm_page_offset(); addr += ARM_PMD_SIZE)
		arm_pmd_clear(pmd_off_k(addr));
	end = memblock.memory.regions[0].base + memblock.memory.regions[0].size;
	if (end >= arm_st.arm_lowmem_limit)
		end = arm_st.arm_lowmem_limit;
	for (addr = __phys_to_virt(end); addr < arm_vmalloc_start();
	     addr += ARM_PMD_SIZE)
		arm_pmd_clear(pmd_off_k(addr));
}

static void map_range(phys_addr_t start, phys_addr_t end, unsigned int type)
{
	struct map_desc map = {
		.pfn = __phys_to_pfn(start),
		.virtual = __phys_to_virt(start),
		.length = (u32)(end - start),   /* a 32-bit phys_addr_t's difference */
		.type = type,
	};

	create_mapping(&map);
}

/*
 * Every lowmem range, minus the image's sections (map_kernel() maps
 * those): six placements of the image against a range are possible.
 */
static void map_lowmem(void)
{
	const phys_addr_t ks = arm_st.kernel_sec_start, ke = arm_st.kernel_sec_end;
	phys_addr_t start, end, bank_start, bank_end;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		pr_debug("map lowmem start: 0x%08llx, end: 0x%08llx\n",
			 (unsigned long long)start, (unsigned long long)end);
		if (end > arm_st.arm_lowmem_limit)
			end = arm_st.arm_lowmem_limit;
		if (start >= end)
			break;
		bank_start = start;
		bank_end = end;
		if (start > ks && end < ke)
			break;          /* the image covers the range */
		if (ks >= start && ks <= end) {
			if (start < ks && end > ke) {
				map_range(start, ks, MT_MEMORY_RW);
				map_range(ke, end, MT_MEMORY_RW);
				break;
			}
			if (ks == start)
				start = ke;
			if (ke == end)
				end = ks;
		} else if (ks < start && ke > start && ke < end) {
			start = ke;
		} else if (ks > start && ks < end && ke > end) {
			end = ks;
		}
		/*
		 * A bank that starts at the image and ends within it (mem=
		 * smaller than the image): the kernel maps from the image's
		 * end for end - start, a negative length, i.e. round the whole
		 * 32-bit space, its pgd pointer walking past swapper_pg_dir
		 * into its own text.  It dies somewhere after; mmsim stops.
		 */
		if (start > end) {
			panic("map_lowmem: RAM [mem %#010llx-%#010llx] lies within the kernel's sections [mem %#010llx-%#010llx]: the kernel would map round the address space over itself",
			      (unsigned long long)bank_start,
			      (unsigned long long)bank_end - 1,
			      (unsigned long long)ks, (unsigned long long)ke - 1);
			return;
		}
		map_range(start, end, MT_MEMORY_RW);
	}
}

/* Text and rodata executable (RWX) up to __init_end; the rest RW. */
static void map_kernel(void)
{
	phys_addr_t x_start = arm_st.kernel_sec_start;
	phys_addr_t x_end = round_up(arm_st.image.init_end, (phys_addr_t)ARM_SECTION_SIZE);

	map_range(x_start, x_end, MT_MEMORY_RWX);
	if (x_end == arm_st.kernel_sec_end)
		return;
	map_range(x_end, arm_st.kernel_sec_end, MT_MEMORY_RW);
}

/* The vector pages (early_trap_init copies the vectors and stubs in). */
static void early_trap_init(void *vectors)
{
	memset(vectors, 0xe7, 2 * PAGE_SIZE);   /* undefined instructions */
}

static void devicemaps_init(void)
{
	struct map_desc map;
	unsigned long addr;
	void *vectors = early_alloc(PAGE_SIZE * 2);

	if (!vectors)
		return;
	early_trap_init(vectors);
	arm_st.vectors = __pa(vectors);
	for (addr = arm_vmalloc_start(); addr < (FIXADDR_TOP & ARM_PMD_MASK);
	     addr += ARM_PMD_SIZE)
		arm_pmd_clear(pmd_off_k(addr));
	if (arm_st.atags_pointer) {
		map.pfn = __phys_to_pfn(arm_st.atags_pointer & ARM_SECTION_MASK);
		map.virtual = FDT_FIXED_BASE;
		map.length = ARM_FDT_FIXED_SIZE;
		map.type = MT_MEMORY_RO;
		create_mapping(&map);
	}
	map.pfn = __phys_to_pfn(arm_st.vectors);
	map.virtual = ARM_VECTORS_BASE;
	map.length = PAGE_SIZE;
	map.type = IS_ENABLED(CONFIG_KUSER_HELPERS) ? MT_HIGH_VECTORS : MT_LOW_VECTORS;
	create_mapping(&map);
	if (!(arm_st.cr_alignment & ARM_CR_V)) {
		map.virtual = 0;
		map.length = PAGE_SIZE * 2;
		map.type = MT_LOW_VECTORS;
		create_mapping(&map);
	}
	map.pfn += 1;
	map.virtual = ARM_VECTORS_BASE + PAGE_SIZE;
	map.length = PAGE_SIZE;
	map.type = MT_LOW_VECTORS;
	create_mapping(&map);
	/* the generic DT machine has no map_io, and no DEBUG_LL mapping */
	fill_pmd_gaps();
	pci_reserve_io();
}

static void kmap_init(void)
{
	if (IS_ENABLED(CONFIG_HIGHMEM))
		arm_st.pkmap_page_table = early_pte_alloc(pmd_off_k(PKMAP_BASE),
							  PKMAP_BASE,
							  ARM_PAGE_KERNEL_TABLE);
	arm_st.fixmap_page_table = early_pte_alloc(pmd_off_k(FIXADDR_START),
						   FIXADDR_START,
						   ARM_PAGE_KERNEL_TABLE);
}

int arm_paging_init(void)
{
	void *zero_page;
	int ret;

	pr_debug("physical kernel sections: 0x%08llx-0x%08llx\n",
		 (unsigned long long)arm_st.kernel_sec_start,
		 (unsigned long long)arm_st.kernel_sec_end);
	prepare_page_table();
	map_lowmem();
	memblock_set_current_limit(arm_st.arm_lowmem_limit);
	pr_debug("lowmem limit is %08llx\n",
		 (unsigned long long)arm_st.arm_lowmem_limit);
	map_kernel();
	dma_contiguous_remap();
	/* early_fixmap_shutdown(): no early fixmap mapping exists to keep */
	devicemaps_init();
	kmap_init();
	zero_page = early_alloc(PAGE_SIZE);
	if (!zero_page)
		return -ENOMEM;
	arm_st.zero_page = __pa(zero_page);
	ret = bootmem_init();
	if (ret)
		return ret;
	return 0;
}
