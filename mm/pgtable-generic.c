// SPDX-License-Identifier: MIT
/*
 * mm/pgtable-generic.c — what to do with a corrupt page-table entry.
 *
 * Kernel counterpart: mm/pgtable-generic.c (pgd_clear_bad, p4d_clear_bad,
 * pud_clear_bad, pmd_clear_bad) and the pgd_ERROR family of
 * arch/x86/include/asm/pgtable_64.h.  A walker that finds an entry whose
 * flags are not those of a table pointer (see *_bad() in
 * <linux/pgtable.h>) reports it in the kernel's words and clears it, so
 * that nothing is ever followed through it.
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/pgtable.h"

static void report_bad(const char *level, unsigned long long val)
{
	pr_err("mm/pgtable-generic.c: bad %s %016llx\n", level, val);
}

void pgd_clear_bad(pgd_t *pgd)
{
	report_bad("pgd", pgd_val(*pgd));
	pgd_clear(pgd);
}

void p4d_clear_bad(p4d_t *p4d)
{
	report_bad("p4d", p4d_val(*p4d));
	p4d_clear(p4d);
}

void pud_clear_bad(pud_t *pud)
{
	report_bad("pud", pud_val(*pud));
	pud_clear(pud);
}

void pmd_clear_bad(pmd_t *pmd)
{
	report_bad("pmd", pmd_val(*pmd));
	pmd_clear(pmd);
}
