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
 *   mapping normal pages (by kind) and MM_SWAPENTS the swap entries,
 *   pgtables_bytes = what the architecture counts per PUD, PMD and PTE
 *   page hung below the PGD (mmsim_pte_table_bytes,
 *   mmsim_upper_table_bytes in mm/memory.c).
 * mmsim_validate_processes():
 *   every mm as above; over all of them, each mapped page's mapcount =
 *   the PTEs mapping it; an anonymous page's refcount = its mappings
 *   (+ 1 in the swap cache), a tmpfs page's = its mappings + 1 while in
 *   the page cache; rmap_walk() from each mapped order-0 page reaches
 *   the PTE it was found in; no migration entry is left in any page
 *   table; each count + one per per-CPU LRU batch slot holding the page
 *   (mm/swap.c);
 *   NR_ANON_MAPPED and NR_FILE_MAPPED = the pages mapped of each kind.
 * Each returns 0, or -EUCLEAN with the first problem in @msg.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/swapops.h"
#include "linux/vmstat.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "mm/process_internal.h"
#include "mm/internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "linux/mman.h"
#include "linux/huge_mm.h"
#include "linux/swapops.h"
#include "linux/maple_tree.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/host.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdarg.h>

struct pv {
	struct check_report r;
	unsigned long rss[NR_MM_COUNTERS];
	unsigned long tables;          /* PUD and PMD tables */
	unsigned long pte_tables;      /* PTE tables, deposited ones included */
	unsigned int *maps;        /* per pfn: PTEs mapping it (all mms) */
	unsigned int *pmdmaps;     /* per THP head pfn: PMDs mapping it */
	unsigned long nr_pfns;
	struct mm_struct *mm;
	unsigned long accounted;   /* VM_ACCOUNT pages of every mm */
	unsigned long file_vmas;   /* VMAs with a vm_file, every mm */
};

/* Keep the first failure a validator finds (mm/internal.h). */
void check_fail(struct check_report *r, const char *fmt, ...)
{
	va_list ap;

	if (r->err)
		return;
	r->err = -EUCLEAN;
	va_start(ap, fmt);
	vsnprintf(r->msg, r->len, fmt, ap);
	va_end(ap);
}

static void pv_vmas(struct pv *v, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long prev_end = 0, total = 0;
	int n = 0;

	MA_STATE(mas, &mm->mm_mt, 0, 0);
	char why[160];

	if (mt_validate_report(&mm->mm_mt, why, sizeof(why)))
		check_fail(&v->r, "mm_mt: %s", why);
	mas_for_each(&mas, vma, ULONG_MAX) {
		if (mas.index != vma->vm_start || mas.last != vma->vm_end - 1)
			check_fail(&v->r, "vma %#lx-%#lx: mm_mt holds it at %#lx-%#lx",
				vma->vm_start, vma->vm_end, mas.index, mas.last + 1);
		if (vma->vm_mm != mm)
			check_fail(&v->r, "vma %#lx-%#lx: vm_mm is another mm", vma->vm_start, vma->vm_end);
		if ((vma->vm_start | vma->vm_end) & ~PAGE_MASK || vma->vm_start >= vma->vm_end)
			check_fail(&v->r, "vma %#lx-%#lx: bad bounds", vma->vm_start, vma->vm_end);
		if (vma->vm_start < prev_end)
			check_fail(&v->r, "vma %#lx-%#lx overlaps or precedes the one ending %#lx",
				vma->vm_start, vma->vm_end, prev_end);
		if (vma->anon_vma && list_empty(&vma->anon_vma_chain))
			check_fail(&v->r, "vma %#lx-%#lx: anon_vma without a chain", vma->vm_start, vma->vm_end);
		if (!vma->vm_file != list_empty(&vma->shared))
			check_fail(&v->r, "vma %#lx-%#lx: %s", vma->vm_start, vma->vm_end,
				vma->vm_file ? "file VMA not on its i_mmap" :
					       "on an i_mmap without a file");
		v->file_vmas += !!vma->vm_file;
		prev_end = vma->vm_end;
		total += vma_pages(vma);
		if (vma->vm_flags & VM_ACCOUNT)
			v->accounted += vma_pages(vma);
		n++;
	}
	if (prev_end && mtree_load(&mm->mm_mt, prev_end) != NULL)
		check_fail(&v->r, "mm_mt maps %#lx, past the last VMA", prev_end);
	if (n != mm->map_count)
		check_fail(&v->r, "map_count %d, VMAs %d", mm->map_count, n);
	if (total != mm->total_vm)
		check_fail(&v->r, "total_vm %lu, pages in VMAs %lu", mm->total_vm, total);
}

/* Does rmap_walk() from @page come to @vma at @addr (what migration relies on)? */
struct pv_rmap_probe {
	struct vm_area_struct *vma;
	unsigned long addr;
	bool found;
};

static bool pv_rmap_one(struct folio *folio, struct vm_area_struct *vma,
			unsigned long address, void *arg)
{
	struct pv_rmap_probe *p = arg;

	(void)folio;
	if (vma == p->vma && address == p->addr)
		p->found = true;
	return !p->found;
}

static bool pv_rmap_reaches(struct page *page, struct vm_area_struct *vma,
			    unsigned long addr)
{
	struct pv_rmap_probe p = { vma, addr, false };
	struct rmap_walk_control rwc = { .arg = &p, .rmap_one = pv_rmap_one };

	rmap_walk(page_folio(page), &rwc);
	return p.found;
}

static void pv_pte(struct pv *v, struct mm_struct *mm, unsigned long addr, pte_t pte)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pfn;
	struct page *page;

	if (!vma) {
		check_fail(&v->r, "PTE at %#lx outside every VMA", addr);
		return;
	}
	if (!pte_present(pte)) {
		if (is_migration_entry(pte_to_swp_entry(pte)))
			check_fail(&v->r, "migration entry left at %#lx", addr);
		if (!non_swap_entry(pte_to_swp_entry(pte)))
			v->rss[MM_SWAPENTS]++;
		return;
	}
	pfn = pte_pfn(pte);
	if (is_zero_pfn(pfn))
		return;
	page = pfn_to_page(pfn);
	if (!PageCompound(page) && (PageAnon(page) || page->mapping) &&
	    !pv_rmap_reaches(page, vma, addr))
		check_fail(&v->r, "page %#lx mapped at %#lx: rmap_walk does not reach it", pfn, addr);
	if (PageAnon(page))
		v->rss[MM_ANONPAGES]++;
	else
		v->rss[PageSwapBacked(compound_head(page)) ? MM_SHMEMPAGES : MM_FILEPAGES]++;
	if (pfn < v->nr_pfns)
		v->maps[pfn]++;
}

/*
 * Two levels (32-bit ARM): every 2 MiB pgd entry below TASK_SIZE is empty
 * or a pair of table words pointing at the two hardware halves of one
 * PageTable page; each PTE is read through ptep_get().
 */
static void pv_tables_folded(struct pv *v, struct mm_struct *mm)
{
	unsigned long base;

	for (base = 0; base < mm->task_size; base += PMD_SIZE) {
		pmd_t *pmd = arch_pgtable()->pmd_lookup(mm, base);
		pte_t *pte;
		unsigned int l;

		if (pmd_none(*pmd))
			continue;
		if ((u32)(pmd_val(*pmd) >> 32) != (u32)pmd_val(*pmd) + 1024 ||
		    !PageTable(pmd_pgtable(*pmd))) {
			check_fail(&v->r, "pgd entry at %#lx: %#llx is not a PTE table pair", base,
				(unsigned long long)pmd_val(*pmd));
			continue;
		}
		v->pte_tables++;
		pte = pte_offset_map(pmd, base);
		for (l = 0; l < PTRS_PER_PTE; l++, pte = ptep_next(pte)) {
			unsigned long addr = base + ((unsigned long)l << PAGE_SHIFT);
			const char *bad = arch_pgtable()->pte_check ?
					  arch_pgtable()->pte_check(pte, addr) : NULL;

			if (bad)
				check_fail(&v->r, "PTE at %#lx: %s", addr, bad);
			if (!pte_none(ptep_get(pte)))
				pv_pte(v, mm, addr, ptep_get(pte));
		}
	}
}

static void pv_tables(struct pv *v, struct mm_struct *mm)
{
	unsigned int i, j, k, l;

	if (pgtable_folded()) {
		pv_tables_folded(v, mm);
		return;
	}

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
					unsigned long hpfn = pmd_pfn(pmd[k]);

					v->pte_tables++; /* the deposited PTE page */
					if (!vma_lookup(mm, base) ||
					    vma_lookup(mm, base)->vm_end < base + PMD_SIZE)
						check_fail(&v->r, "huge PMD at %#lx not inside a VMA", base);
					if (is_huge_zero_pmd(pmd[k]))
						continue;
					v->rss[MM_ANONPAGES] += HPAGE_PMD_NR;
					if (hpfn < v->nr_pfns)
						v->pmdmaps[hpfn]++;
					continue;
				}
				v->pte_tables++;
				pte = pmd_page_vaddr(pmd[k]);
				for (l = 0; l < PTRS_PER_PTE; l++)
					if (!pte_none(pte[l]))
						pv_pte(v, mm, base + ((unsigned long)l << PAGE_SHIFT), pte[l]);
			}
		}
	}
}

unsigned long mmsim_mm_counter_exact(struct mm_struct *mm, int member)
{
	long v = __atomic_load_n(&mm->rss_stat.count[member].counter,
				 __ATOMIC_RELAXED);
	struct task_struct *t;

	list_for_each_entry(t, mmsim_task_list(), tasks)
		if (t->mm == mm)
			v += t->rss_stat.count[member];
	return v < 0 ? 0 : (unsigned long)v;
}

static void pv_mm(struct pv *v, struct mm_struct *mm)
{
	int i;

	memset(v->rss, 0, sizeof(v->rss));
	v->tables = 0;
	v->pte_tables = 0;
	pv_vmas(v, mm);
	pv_tables(v, mm);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (v->rss[i] != mmsim_mm_counter_exact(mm, i))
			check_fail(&v->r, "rss counter %d: %lu, PTEs %lu", i,
				mmsim_mm_counter_exact(mm, i), v->rss[i]);
	if (v->tables * (unsigned long)mmsim_upper_table_bytes() +
	    v->pte_tables * (unsigned long)mmsim_pte_table_bytes() != mm_pgtables_bytes(mm))
		check_fail(&v->r, "pgtables_bytes %lu, upper tables %lu, PTE tables %lu",
			mm_pgtables_bytes(mm), v->tables, v->pte_tables);
}

int mmsim_validate_mm(struct mm_struct *mm, char *msg, size_t msglen)
{
	struct pv v = { .r = { .msg = msg, .len = msglen } };

	pv_mm(&v, mm);
	return v.r.err;
}

/* A THP: head refcount, compound and subpage mapcounts; pages it maps. */
static unsigned long pv_thp(struct pv *v, unsigned long pfn, struct page *head)
{
	unsigned long i, mapped = 0, refs = v->pmdmaps[pfn];

	if (head[1].compound_mapcount.counter + 1 != (int)v->pmdmaps[pfn])
		check_fail(&v->r, "THP pfn %#lx: compound mapcount %d, PMDs %u", pfn,
			head[1].compound_mapcount.counter + 1, v->pmdmaps[pfn]);
	for (i = 0; i < HPAGE_PMD_NR && pfn + i < v->nr_pfns; i++) {
		if (head[i]._mapcount.counter + 1 != (int)v->maps[pfn + i])
			check_fail(&v->r, "THP pfn %#lx: subpage mapcount %d, PTEs %u", pfn + i,
				head[i]._mapcount.counter + 1, v->maps[pfn + i]);
		refs += v->maps[pfn + i];
		if (v->maps[pfn + i] || v->pmdmaps[pfn])
			mapped++;
	}
	if (refs && page_ref_count(head) != (int)refs)
		check_fail(&v->r, "THP pfn %#lx: refcount %d, mappings %lu", pfn,
			page_ref_count(head), refs);
	return mapped;
}

/* NR_MLOCK, read exactly (every CPU's pending delta added). */
static unsigned long nr_mlock_exact(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		n += zone_page_state_snapshot(zone, NR_MLOCK);
	return n;
}

static void pv_pages(struct pv *v)
{
	unsigned long pfn, anon = 0, file = 0, thps = 0, mlocked = 0;

	for (pfn = 0; pfn < v->nr_pfns; pfn++) {
		struct page *page;
		int want_ref;

		if (!v->maps[pfn] && !v->pmdmaps[pfn])
			continue;
		page = pfn_to_page(pfn);
		if (PageCompound(page)) {
			struct page *head = compound_head(page);
			unsigned long hpfn = page_to_pfn(head);

			/* first mapped subpage met: the whole THP is checked here */
			anon += pv_thp(v, hpfn, head);
			if (PageMlocked(head))
				mlocked += HPAGE_PMD_NR;
			if (v->pmdmaps[hpfn])
				thps += HPAGE_PMD_NR;
			pfn = hpfn + HPAGE_PMD_NR - 1;
			continue;
		}
		if ((unsigned int)page_mapcount(page) != v->maps[pfn])
			check_fail(&v->r, "pfn %#lx: mapcount %d, PTEs %u", pfn,
				page_mapcount(page), v->maps[pfn]);
		/* + the page cache's or swap cache's reference, + one per per-CPU LRU batch slot */
		want_ref = (int)v->maps[pfn] + (!PageAnon(page) && page->mapping ? 1 : 0) +
			   (PageSwapCache(page) ? 1 : 0) +
			   (int)lru_batch_refs(page_folio(page));
		if (page_ref_count(page) != want_ref)
			check_fail(&v->r, "pfn %#lx: refcount %d, expected %d", pfn,
				page_ref_count(page), want_ref);
		if (PageAnon(page))
			anon++;
		else
			file++;
		if (PageMlocked(page))
			mlocked++;
	}
	if (nr_mlock_exact() != mlocked)
		check_fail(&v->r, "NR_MLOCK %lu, mlocked pages mapped %lu", nr_mlock_exact(), mlocked);
	if (global_node_page_state_snapshot(NR_ANON_MAPPED) != anon)
		check_fail(&v->r, "NR_ANON_MAPPED %lu, anonymous pages mapped %lu",
			global_node_page_state_snapshot(NR_ANON_MAPPED), anon);
	if (global_node_page_state_snapshot(NR_FILE_MAPPED) != file)
		check_fail(&v->r, "NR_FILE_MAPPED %lu, file pages mapped %lu",
			global_node_page_state_snapshot(NR_FILE_MAPPED), file);
	if (global_node_page_state_snapshot(NR_ANON_THPS) != thps)
		check_fail(&v->r, "NR_ANON_THPS %lu, PMD-mapped THP pages %lu",
			global_node_page_state_snapshot(NR_ANON_THPS), thps);
}

/*
 * Every file's i_mmap: sorted by vm_pgoff, holding only VMAs of that file,
 * and, all files together, exactly the file VMAs of the address spaces.
 */
static void pv_i_mmap(struct pv *v)
{
	unsigned long n = 0;
	struct inode *inode;

	list_for_each_entry(inode, &mmsim_proc_knobs()->shmem_live_inodes, i_live) {
		struct address_space *mapping = inode->i_mapping;
		unsigned long prev_pgoff = 0;
		struct vm_area_struct *vma;

		list_for_each_entry(vma, &mapping->i_mmap, shared) {
			if (!vma->vm_file || vma->vm_file->f_mapping != mapping)
				check_fail(&v->r, "i_mmap of inode %lu holds vma %#lx-%#lx of another file",
					inode->i_ino, vma->vm_start, vma->vm_end);
			if (vma->vm_pgoff < prev_pgoff)
				check_fail(&v->r, "i_mmap of inode %lu: pgoff %#lx after %#lx",
					inode->i_ino, vma->vm_pgoff, prev_pgoff);
			prev_pgoff = vma->vm_pgoff;
			n++;
		}
	}
	if (n != v->file_vmas)
		check_fail(&v->r, "i_mmap entries %lu, file VMAs %lu", n, v->file_vmas);
}

/*
 * Every file's page cache: a well-formed xarray (lib/xarray.c's
 * invariants) whose pages are the file's (mapping, index), nrpages of
 * them, and whose value entries are the pages out in swap.
 */
static void pv_page_cache(struct pv *v)
{
	struct inode *inode;

	list_for_each_entry(inode, &mmsim_proc_knobs()->shmem_live_inodes, i_live) {
		struct address_space *mapping = inode->i_mapping;
		unsigned long index, pages = 0, values = 0;
		void *entry;

		if (xa_validate(&mapping->i_pages, "page cache") < 0) {
			check_fail(&v->r, "page cache of inode %lu: malformed xarray",
				   inode->i_ino);
			return;
		}
		xa_for_each(&mapping->i_pages, index, entry) {
			struct page *page = entry;

			if (xa_is_value(entry)) {
				values++;
				continue;
			}
			pages++;
			if (page->mapping != mapping || page->index != index)
				check_fail(&v->r, "page cache of inode %lu: index %lu holds pfn %#lx of mapping %p index %lu",
					   inode->i_ino, index, page_to_pfn(page),
					   (void *)page->mapping, page->index);
		}
		if (pages != mapping->nrpages || values != inode->swapped)
			check_fail(&v->r, "page cache of inode %lu: %lu pages (nrpages %lu), %lu swap entries (swapped %lu)",
				   inode->i_ino, pages, mapping->nrpages, values, inode->swapped);
	}
}

int mmsim_validate_processes(char *msg, size_t msglen)
{
	struct pv v = { .r = { .msg = msg, .len = msglen } };
	struct task_struct *t;

	v.nr_pfns = max_pfn;
	v.maps = host_alloc(v.nr_pfns * sizeof(*v.maps));
	v.pmdmaps = host_alloc(v.nr_pfns * sizeof(*v.pmdmaps));
	list_for_each_entry(t, mmsim_task_list(), tasks) {
		if (!t->mm || mmsim_mm_seen_before(t))
			continue;       /* a thread's mm is checked once */
		pv_mm(&v, t->mm);
		if (v.r.err)
			break;
	}
	if (!v.r.err)
		pv_i_mmap(&v);
	if (!v.r.err)
		pv_page_cache(&v);
	if (!v.r.err)
		pv_pages(&v);
	if (!v.r.err && vm_memory_committed() !=
		      v.accounted + (unsigned long)mmsim_proc_state()->shmem_acct_pages +
		      (unsigned long)mmsim_proc_state()->stack_charge_kept)
		check_fail(&v.r, "Committed_AS %lu, VM_ACCOUNT pages %lu + tmpfs %ld + kept %ld",
			vm_memory_committed(), v.accounted,
			mmsim_proc_state()->shmem_acct_pages,
			mmsim_proc_state()->stack_charge_kept);
	host_free(v.maps);
	host_free(v.pmdmaps);
	return v.r.err;
}
