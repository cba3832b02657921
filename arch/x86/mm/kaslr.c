// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/kaslr.c — where the direct map starts (PAGE_OFFSET), and the
 * trampoline's view of low memory when KASLR may have moved it.
 *
 * Kernel counterpart: arch/x86/mm/kaslr.c (kernel_randomize_memory,
 * init_trampoline_kaslr) and asm/setup.h / asm/kaslr.h (kaslr_enabled,
 * kaslr_memory_enabled).
 *
 * With CONFIG_RANDOMIZE_MEMORY the bases of the direct map, vmalloc and
 * vmemmap are variables.  KASLR is on unless the command line says
 * "nokaslr" (the decompressor decides and tells the kernel through
 * boot_params; "nokaslr" is therefore unknown to the kernel proper and is
 * passed on to user space).  kernel_randomize_memory() then places the
 * three regions, in this order, between the direct map's default base and
 * the CPU entry area:
 *
 *   vaddr_start                                            vaddr_end
 *   |--e0--[direct map: RAM + 10 TiB]--e1--[vmalloc 32T]--e2--[vmemmap]--|
 *
 * The free space ("entropy") is shared out in turn: region i gets a
 * random gap, a multiple of 1 GiB, up to its share of what is left.  The
 * random numbers come from the seeded Tausworthe generator
 * (lib/random32.c), seeded with kaslr_get_random_long("Memory").
 *
 * That seed is the one thing mmsim cannot know: the kernel mixes RDRAND,
 * the TSC and the PIT into it.  mmsim takes it from the machine
 * description (`--kaslr-seed`, default 0), so a KASLR boot is
 * reproducible.  To replay one particular real boot, `--kaslr-memory`
 * gives the bases it chose (the vmalloc base can be read off its
 * /proc/vmallocinfo); regions not given keep their default bases.
 *
 * The kernel image's own physical and virtual placement (the
 * decompressor's choose_random_location()) is not simulated: the image is
 * at --kernel-addr, or at CONFIG_PHYSICAL_START.
 *
 * With KASLR the trampoline cannot borrow the direct map's whole PGD
 * entry (its PUD index no longer equals the physical GiB), so
 * init_trampoline_kaslr() gives it a PUD page of its own holding a copy
 * of the entry that maps physical 0..1 GiB: one more page from
 * alloc_low_pages().
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/prandom.h"
#include "linux/printk.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/page_types.h"
#include "arch/x86/mm/mm_internal.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

#include <string.h>

#define pgt (current_machine->x86.pgt)

/* Is @word one of the whitespace-separated words of @cmdline? */
static bool cmdline_has_word(const char *cmdline, const char *word)
{
	size_t n = strlen(word);
	const char *p = cmdline;

	while ((p = strstr(p, word)) != NULL) {
		bool starts = p == cmdline || p[-1] == ' ' || p[-1] == '\t';
		bool ends = p[n] == '\0' || p[n] == ' ' || p[n] == '\t';

		if (starts && ends)
			return true;
		p += n;
	}
	return false;
}

static bool kaslr_enabled(void)
{
	return IS_ENABLED(CONFIG_RANDOMIZE_BASE) &&
	       !cmdline_has_word(boot_command_line, "nokaslr");
}

bool kaslr_memory_enabled(void)
{
	return kaslr_enabled() && IS_ENABLED(CONFIG_RANDOMIZE_MEMORY) &&
	       !IS_ENABLED(CONFIG_KASAN);
}

#define TB_SHIFT 40

struct kaslr_memory_region {
	unsigned long *base;
	unsigned long size_tb;
	unsigned long given;            /* --kaslr-memory, 0 = choose */
};

/*
 * Replaying a real boot: the regions given take the bases given; each
 * other one goes at the first top-level (512 GiB) boundary past the
 * region below it.  The kernel's random gap is a multiple of 1 GiB out of
 * tens of TiB, so the region almost never shares a top-level page-table
 * slot with its neighbour; this keeps that property, which is what
 * decides how many page-table pages the boot allocates.  A given base
 * that overlaps the region below it is an impossible layout.
 */
static int place_given_regions(struct kaslr_memory_region *r, size_t n,
			       unsigned long vaddr)
{
	static const char *const names[] = { "page_offset", "vmalloc", "vmemmap" };
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].given && r[i].given < vaddr) {
			pr_err("KASLR: %s base %#lx overlaps the region below it (free from %#lx)\n",
			       names[i], r[i].given, vaddr);
			return -EINVAL;
		}
		*r[i].base = r[i].given ? r[i].given : round_up(vaddr, PGDIR_SIZE);
		vaddr = round_up(*r[i].base + (r[i].size_tb << TB_SHIFT) + 1, PUD_SIZE);
	}
	return 0;
}

/* kaslr_get_random_long("Memory"): the machine's KASLR seed. */
static unsigned long kaslr_get_random_long(const char *purpose)
{
	(void)purpose;
	return current_machine->desc.kaslr_seed;
}

static bool kaslr_memory_given(void)
{
	const struct machine_desc *d = &current_machine->desc;

	return d->kaslr_page_offset || d->kaslr_vmalloc || d->kaslr_vmemmap;
}

int kernel_randomize_memory(void)
{
	struct x86_state *x = &current_machine->x86;
	const struct machine_desc *d = &current_machine->desc;
	bool l5 = pgtable_l5_enabled();
	unsigned long vaddr_start = l5 ? __PAGE_OFFSET_BASE_L5 : __PAGE_OFFSET_BASE_L4;
	unsigned long vaddr = vaddr_start, remain_entropy, memory_tb, vmemmap_size;
	struct kaslr_memory_region regions[] = {
		{ &x->page_offset_base, 1UL << (MAX_PHYSMEM_BITS - TB_SHIFT), d->kaslr_page_offset },
		{ &x->vmalloc_base, l5 ? VMALLOC_SIZE_TB_L5 : VMALLOC_SIZE_TB_L4, d->kaslr_vmalloc },
		{ &x->vmemmap_base, 0, d->kaslr_vmemmap },
	};
	struct rnd_state rand_state;
	size_t i;

	x->page_offset_base = vaddr_start;
	x->vmalloc_base = l5 ? __VMALLOC_BASE_L5 : __VMALLOC_BASE_L4;
	x->vmemmap_base = l5 ? __VMEMMAP_BASE_L5 : __VMEMMAP_BASE_L4;
	if (!kaslr_memory_enabled())
		goto out;

	/* the direct map: RAM rounded up to TiB, plus hot-plug padding */
	memory_tb = DIV_ROUND_UP((u64)max_pfn << PAGE_SHIFT, 1UL << TB_SHIFT) +
		    CONFIG_VALUE(CONFIG_RANDOMIZE_MEMORY_PHYSICAL_PADDING, 10);
	regions[0].size_tb = min(regions[0].size_tb, memory_tb);
	/* the vmemmap: one struct page per page of that, in whole TiB */
	vmemmap_size = (regions[0].size_tb << (TB_SHIFT - PAGE_SHIFT)) * sizeof(struct page);
	regions[2].size_tb = DIV_ROUND_UP(vmemmap_size, 1UL << TB_SHIFT);

	if (kaslr_memory_given()) {
		int ret = place_given_regions(regions, ARRAY_SIZE(regions), vaddr_start);

		if (ret)
			return ret;
		goto out;
	}

	remain_entropy = CPU_ENTRY_AREA_BASE - vaddr_start;
	for (i = 0; i < ARRAY_SIZE(regions); i++)
		remain_entropy -= regions[i].size_tb << TB_SHIFT;
	prandom_seed_state(&rand_state, kaslr_get_random_long("Memory"));
	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		unsigned long entropy = remain_entropy / (ARRAY_SIZE(regions) - i);
		unsigned long rand;

		prandom_bytes_state(&rand_state, &rand, sizeof(rand));
		entropy = (rand % (entropy + 1)) & PUD_MASK;
		vaddr += entropy;
		*regions[i].base = vaddr;
		/* skip the region and leave at least a 1 GiB gap */
		vaddr += regions[i].size_tb << TB_SHIFT;
		vaddr = round_up(vaddr + 1, PUD_SIZE);
		remain_entropy -= entropy;
	}
out:
	vmalloc_set_base(x->vmalloc_base);
	return 0;
}

void init_trampoline_kaslr(void)
{
	unsigned long vaddr = direct_map_va(0);
	pgd_t *pgd = pgd_offset_k(vaddr);
	pud_t *pud = pud_offset(p4d_offset(pgd, vaddr), vaddr);
	pud_t *pud_page_tramp;
	p4d_t *p4d_page_tramp;

	pud_page_tramp = alloc_low_page();
	if (!pud_page_tramp)
		return;
	/* identity map: physical 0 sits at virtual 0 */
	pud_page_tramp[pud_index(0)] = *pud;

	if (!pgtable_l5_enabled()) {
		pgt.trampoline_pgd_entry = __pgd(_KERNPG_TABLE | __pa(pud_page_tramp));
		return;
	}
	p4d_page_tramp = alloc_low_page();
	if (!p4d_page_tramp)
		return;
	set_p4d(p4d_page_tramp + p4d_index(0),
		__p4d(_KERNPG_TABLE | __pa(pud_page_tramp)));
	pgt.trampoline_pgd_entry = __pgd(_KERNPG_TABLE | __pa(p4d_page_tramp));
}
