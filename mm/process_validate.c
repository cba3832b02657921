// SPDX-License-Identifier: MIT
/*
 * mm/process_validate.c — checkers for address spaces and user pages.
 *
 * Kernel counterpart: validate_mm() in mm/mmap.c (CONFIG_DEBUG_VM_MAPLE_TREE)
 * for the first part; the rest is mmsim's own, in the spirit of the
 * kernel's page_ref/mapcount sanity checks and check_mm()'s "BUG: Bad rss
 * counter state" in kernel/fork.c.
 *
 * mmsim_validate_mm(mm):
 *   VMAs ordered, page aligned, non-empty, non-overlapping, belonging to
 *   mm; as many as map_count; total_vm = their pages; an anon_vma only
 *   with a chain;
 *   the page tables: no PTE outside a VMA, the rss counters equal the PTEs
 *   mapping normal pages (by kind), pgtables_bytes = 4 KiB per PUD, PMD
 *   and PTE page hung below the PGD.
 * mmsim_validate_processes():
 *   every mm as above; over all of them, each mapped page's mapcount =
 *   the PTEs mapping it; an anonymous page's refcount = its mappings, a
 *   tmpfs page's = its mappings + 1 while in the page cache;
 *   NR_ANON_MAPPED and NR_FILE_MAPPED = the pages mapped of each kind.
 * Each returns 0, or -EUCLEAN with the first problem in @msg.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/vmstat.h"
#include "linux/sched.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdarg.h>

struct pv {
	char *msg;
	size_t len;
	int err;
	unsigned long rss[NR_MM_COUNTERS];
	unsigned long tables;
	unsigned int *maps;        /* per pfn: PTEs mapping it (all mms) */
	unsigned long nr_pfns;
	struct mm_struct *mm;
};

static __printf(2, 3) void pv_fail(struct pv *v, const char *fmt, ...)
{
	va_list ap;

	if (v->err)
		return;
	v->err = -EUCLEAN;
	va_start(ap, fmt);
	vsnprintf(v->msg, v->len, fmt, ap);
	va_end(ap);
}

static void pv_vmas(struct pv *v, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long prev_end = 0, total = 0;
	int n = 0;

	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (vma->vm_mm != mm)
			pv_fail(v, "vma %#lx-%#lx: vm_mm is another mm", vma->vm_start, vma->vm_end);
		if ((vma->vm_start | vma->vm_end) & ~PAGE_MASK || vma->vm_start >= vma->vm_end)
			pv_fail(v, "vma %#lx-%#lx: bad bounds", vma->vm_start, vma->vm_end);
		if (vma->vm_start < prev_end)
			pv_fail(v, "vma %#lx-%#lx overlaps or precedes the one ending %#lx",
				vma->vm_start, vma->vm_end, prev_end);
		if (vma->anon_vma && list_empty(&vma->anon_vma_chain))
			pv_fail(v, "vma %#lx-%#lx: anon_vma without a chain", vma->vm_start, vma->vm_end);
		prev_end = vma->vm_end;
		total += vma_pages(vma);
		n++;
	}
	if (n != mm->map_count)
		pv_fail(v, "map_count %d, VMAs %d", mm->map_count, n);
	if (total != mm->total_vm)
		pv_fail(v, "total_vm %lu, pages in VMAs %lu", mm->total_vm, total);
}

static void pv_pte(struct pv *v, struct mm_struct *mm, unsigned long addr, pte_t pte)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pfn;
	struct page *page;

	if (!vma) {
		pv_fail(v, "PTE at %#lx outside every VMA", addr);
		return;
	}
	if (!pte_present(pte))
		return;
	pfn = pte_pfn(pte);
	if (is_zero_pfn(pfn))
		return;
	page = pfn_to_page(pfn);
	if (PageAnon(page))
		v->rss[MM_ANONPAGES]++;
	else
		v->rss[PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES]++;
	if (pfn < v->nr_pfns)
		v->maps[pfn]++;
}

static void pv_tables(struct pv *v, struct mm_struct *mm)
{
	unsigned int i, j, k, l;

	for (i = 0; i < 256; i++) {
		pgd_t *pgd = mm->pgd + i;
		pud_t *pud;

		if (!(pgd_val(*pgd) & _PAGE_PRESENT))
			continue;
		v->tables++;
		pud = (pud_t *)pgd_page_vaddr(*pgd);
		for (j = 0; j < PTRS_PER_PUD; j++) {
			pmd_t *pmd;

			if (pud_none(pud[j]))
				continue;
			v->tables++;
			pmd = pud_pgtable(pud[j]);
			for (k = 0; k < PTRS_PER_PMD; k++) {
				pte_t *pte;
				unsigned long base = ((unsigned long)i << 39) |
						     ((unsigned long)j << 30) |
						     ((unsigned long)k << 21);

				if (pmd_none(pmd[k]))
					continue;
				if (pmd_large(pmd[k])) {
					pv_fail(v, "huge PMD at %#lx: mmsim makes none", base);
					continue;
				}
				v->tables++;
				pte = pmd_page_vaddr(pmd[k]);
				for (l = 0; l < PTRS_PER_PTE; l++)
					if (!pte_none(pte[l]))
						pv_pte(v, mm, base + ((unsigned long)l << PAGE_SHIFT), pte[l]);
			}
		}
	}
}

static void pv_mm(struct pv *v, struct mm_struct *mm)
{
	int i;

	memset(v->rss, 0, sizeof(v->rss));
	v->tables = 0;
	pv_vmas(v, mm);
	pv_tables(v, mm);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (v->rss[i] != get_mm_counter(mm, i))
			pv_fail(v, "rss counter %d: %lu, PTEs %lu", i,
				get_mm_counter(mm, i), v->rss[i]);
	if (v->tables * PAGE_SIZE != mm_pgtables_bytes(mm))
		pv_fail(v, "pgtables_bytes %lu, table pages %lu", mm_pgtables_bytes(mm),
			v->tables);
}

int mmsim_validate_mm(struct mm_struct *mm, char *msg, size_t msglen)
{
	struct pv v = { .msg = msg, .len = msglen };

	pv_mm(&v, mm);
	return v.err;
}

static void pv_pages(struct pv *v)
{
	unsigned long pfn, anon = 0, file = 0;

	for (pfn = 0; pfn < v->nr_pfns; pfn++) {
		struct page *page;
		int want_ref;

		if (!v->maps[pfn])
			continue;
		page = pfn_to_page(pfn);
		if ((unsigned int)page_mapcount(page) != v->maps[pfn])
			pv_fail(v, "pfn %#lx: mapcount %d, PTEs %u", pfn,
				page_mapcount(page), v->maps[pfn]);
		want_ref = (int)v->maps[pfn] + (!PageAnon(page) && page->mapping ? 1 : 0);
		if (page_ref_count(page) != want_ref)
			pv_fail(v, "pfn %#lx: refcount %d, expected %d", pfn,
				page_ref_count(page), want_ref);
		if (PageAnon(page))
			anon++;
		else
			file++;
	}
	if (global_node_page_state_snapshot(NR_ANON_MAPPED) != anon)
		pv_fail(v, "NR_ANON_MAPPED %lu, anonymous pages mapped %lu",
			global_node_page_state_snapshot(NR_ANON_MAPPED), anon);
	if (global_node_page_state_snapshot(NR_FILE_MAPPED) != file)
		pv_fail(v, "NR_FILE_MAPPED %lu, file pages mapped %lu",
			global_node_page_state_snapshot(NR_FILE_MAPPED), file);
}

int mmsim_validate_processes(char *msg, size_t msglen)
{
	struct pv v = { .msg = msg, .len = msglen };
	struct task_struct *t;

	v.nr_pfns = max_pfn;
	v.maps = host_alloc(v.nr_pfns * sizeof(*v.maps));
	list_for_each_entry(t, mmsim_task_list(), tasks) {
		if (!t->mm)
			continue;
		pv_mm(&v, t->mm);
		if (v.err)
			break;
	}
	if (!v.err)
		pv_pages(&v);
	host_free(v.maps);
	return v.err;
}
