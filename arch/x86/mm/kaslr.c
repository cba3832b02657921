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
 * passed on to user space).  When on, the kernel shifts each base by a
 * random multiple of 1 GiB, from RDRAND/RDTSC entropy.
 *
 * mmsim keeps page_offset_base at its unrandomized value even when KASLR
 * is on: the kernel's choice cannot be read back from a boot log, and the
 * memblock lines of every oracle boot are reproduced with it.  A seeded,
 * deterministic randomization (desc.kaslr_seed) can come later; what it
 * changes is the PGD/PUD slots the direct map uses (so, rarely, how many
 * table pages it needs), never the physical side.
 *
 * With KASLR the trampoline cannot borrow the direct map's whole PGD
 * entry (its PUD index no longer equals the physical GiB), so
 * init_trampoline_kaslr() gives it a PUD page of its own holding a copy
 * of the entry that maps physical 0..1 GiB: one more page from
 * alloc_low_pages().
 */
#include "linux/kernel.h"
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

void kernel_randomize_memory(void)
{
	current_machine->x86.page_offset_base =
		pgtable_l5_enabled() ? __PAGE_OFFSET_BASE_L5 : __PAGE_OFFSET_BASE_L4;
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
