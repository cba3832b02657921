// SPDX-License-Identifier: MIT
/*
 * fs/proc/task_mmu.c — a process's address space as text:
 * /proc/PID/maps, smaps, smaps_rollup, statm, and the Vm* lines of status.
 *
 * Kernel counterpart: fs/proc/task_mmu.c (Linux 6.1), the same formats:
 *
 *   maps   start-end perms offset major:minor inode   name
 *          hex addresses of at least 8 digits; the name column starts
 *          after padding to 25 + 6 * sizeof(void *) - 1 characters
 *          (73rd column on x86_64, 49th on 32-bit ARM); names: the file's
 *          path (" (deleted)" once unlinked), the VMA's own ([vdso],
 *          [vvar]), [heap] for a VMA touching [start_brk, brk], [stack]
 *          for the one holding start_stack; none for other anonymous VMAs
 *   smaps  the maps line, then Size .. Locked (kB, 8 columns), THPeligible
 *          and VmFlags (two letters per flag bit, "??" for a bit without
 *          a name, as VM_LOCKONFAULT)
 *   smaps_rollup   one [rollup] line over first start .. last end, the
 *          sums, with Pss_Anon/Pss_File/Pss_Shmem
 *   statm  size resident shared text lib(0) data dt(0), in pages
 *
 * The page figures come from a walk of the VMA's present PTEs
 * (smaps_account): Rss counts every mapped page; a page mapped once
 * (page_count 1) is private, else its mapcount decides and Pss is its
 * share; dirty = PTE dirty or PageDirty; a huge PMD counts its whole
 * compound page (AnonHugePages for an anonymous one; never the huge zero
 * page).  A PTE holding a swap entry counts in Swap, and in SwapPss
 * divided by the entry's swap count (its sharers after fork); the tmpfs
 * pages of a file mapping that are out in swap count in Swap (not
 * SwapPss), as shmem_swap_usage has them.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/fs.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/seq_file.h"
#include "linux/proc_fs.h"
#include "linux/oom.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mm/process_internal.h"
#include "mm/page_alloc_internal.h"
#include "fs/proc/internal.h"
#include "mmsim/machine.h"
#include "mmsim/kconfig.h"

#include <string.h>

#define PSS_SHIFT 12
#define HPAGE_PMD_SIZE_X (1UL << (PAGE_SHIFT + 9)) /* x86_64 HPAGE_PMD_SIZE */

struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean,
		private_dirty, referenced, anonymous, lazyfree, anonymous_thp,
		shmem_thp, file_thp, swap, shared_hugetlb, private_hugetlb;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked, swap_pss;
};

static bool is_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

/* ---- maps --------------------------------------------------------------- */

static void show_vma_header_prefix(struct seq_file *m, unsigned long start,
				   unsigned long end, vm_flags_t flags,
				   unsigned long long pgoff, unsigned int major,
				   unsigned int minor, unsigned long ino)
{
	seq_setwidth(m, 25 + (is_arm() ? 4 : 8) * 6 - 1);
	seq_put_hex_ll(m, NULL, start, 8);
	seq_put_hex_ll(m, "-", end, 8);
	seq_putc(m, ' ');
	seq_putc(m, flags & VM_READ ? 'r' : '-');
	seq_putc(m, flags & VM_WRITE ? 'w' : '-');
	seq_putc(m, flags & VM_EXEC ? 'x' : '-');
	seq_putc(m, flags & VM_MAYSHARE ? 's' : 'p');
	seq_put_hex_ll(m, " ", pgoff, 8);
	seq_put_hex_ll(m, " ", major, 2);
	seq_put_hex_ll(m, ":", minor, 2);
	seq_put_decimal_ull(m, " ", ino);
	seq_putc(m, ' ');
}

static bool is_stack(struct vm_area_struct *vma)
{
	return vma->vm_start <= vma->vm_mm->start_stack &&
	       vma->vm_end >= vma->vm_mm->start_stack;
}

/* The tmpfs root is device 0:2 here (the guest's initramfs has its own). */
#define TMPFS_MAJOR 0
#define TMPFS_MINOR 2

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct file *file = vma->vm_file;
	const char *name = NULL;

	if (file) {
		struct inode *inode = file_inode(file);

		show_vma_header_prefix(m, vma->vm_start, vma->vm_end, vma->vm_flags,
				       (unsigned long long)vma->vm_pgoff << PAGE_SHIFT,
				       TMPFS_MAJOR, TMPFS_MINOR, inode->i_ino);
		seq_pad(m, ' ');
		seq_printf(m, "%s%s%s", inode->name[0] == '/' ? "" : "/", inode->name,
			   inode->i_nlink ? "" : " (deleted)");
		seq_putc(m, '\n');
		return;
	}
	show_vma_header_prefix(m, vma->vm_start, vma->vm_end, vma->vm_flags, 0, 0, 0, 0);
	if (vma->vm_ops && vma->vm_ops->name)
		name = vma->vm_ops->name(vma);
	if (!name && vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		name = "[heap]";
	else if (!name && is_stack(vma))
		name = "[stack]";
	if (name) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

static void show_maps(struct seq_file *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma, *gate = get_gate_vma(mm);
	VMA_ITERATOR(vmi, mm, 0);

	for_each_vma(vmi, vma)
		show_map_vma(m, vma);
	if (gate)
		show_map_vma(m, gate);
}

/* ---- smaps ---------------------------------------------------------------- */

static void smaps_page_accumulate(struct mem_size_stats *mss, struct page *page,
				  unsigned long size, unsigned long pss,
				  bool dirty, bool locked, bool private)
{
	mss->pss += pss;
	if (PageAnon(page))
		mss->pss_anon += pss;
	else if (PageSwapBacked(page))
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (locked)
		mss->pss_locked += pss;
	if (dirty || PageDirty(page)) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += size;
		else
			mss->shared_dirty += size;
	} else {
		if (private)
			mss->private_clean += size;
		else
			mss->shared_clean += size;
	}
}

static void smaps_account(struct mem_size_stats *mss, struct page *page,
			  bool compound, bool young, bool dirty, bool locked)
{
	int i, nr = compound ? 1 << compound_order(page) : 1;
	unsigned long size = (unsigned long)nr * PAGE_SIZE;

	if (PageAnon(page)) {
		mss->anonymous += size;
		if (!PageSwapBacked(page) && !dirty && !PageDirty(page))
			mss->lazyfree += size;
	}
	mss->resident += size;
	if (young || PageReferenced(page))
		mss->referenced += size;
	if (page_ref_count(page) == 1) {
		smaps_page_accumulate(mss, page, size, size << PSS_SHIFT, dirty,
				      locked, true);
		return;
	}
	for (i = 0; i < nr; i++, page++) {
		int mapcount = page_mapcount(page);
		unsigned long pss = PAGE_SIZE << PSS_SHIFT;

		if (mapcount >= 2)
			pss /= (unsigned long)mapcount;
		smaps_page_accumulate(mss, page, PAGE_SIZE, pss, dirty, locked,
				      mapcount < 2);
	}
}

struct smaps_walk {
	struct vm_area_struct *vma;
	struct mem_size_stats *mss;
};

/* A swap entry: Swap, and SwapPss shared among the entry's references. */
static void smaps_swap_entry(struct mem_size_stats *mss, swp_entry_t entry)
{
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;
	int mapcount;

	if (non_swap_entry(entry))
		return;
	mss->swap += PAGE_SIZE;
	mapcount = swp_swapcount(entry);
	if (mapcount >= 2)
		pss /= (u64)mapcount;
	mss->swap_pss += pss;
}

static void smaps_pte_entry(pte_t *pte, unsigned long addr, void *arg)
{
	struct smaps_walk *w = arg;
	struct page *page;

	if (is_swap_pte(ptep_get(pte))) {
		smaps_swap_entry(w->mss, pte_to_swp_entry(ptep_get(pte)));
		return;
	}
	page = vm_normal_page(w->vma, addr, ptep_get(pte));
	if (!page)
		return;
	smaps_account(w->mss, page, false, pte_young(ptep_get(pte)), pte_dirty(ptep_get(pte)),
		      w->vma->vm_flags & VM_LOCKED);
}

/* A huge PMD (THP): the whole compound page; the huge zero page is not counted. */
static void smaps_pmd_entry(struct vm_area_struct *vma, pmd_t *pmd,
			    struct mem_size_stats *mss)
{
	struct page *page = pmd_page(*pmd);
	struct mm_proc_state *ps = mmsim_proc_state();

	if (ps->huge_zero_page && page == ps->huge_zero_page)
		return;
	if (PageAnon(page))
		mss->anonymous_thp += HPAGE_PMD_SIZE_X;
	else if (PageSwapBacked(page))
		mss->shmem_thp += HPAGE_PMD_SIZE_X;
	else
		mss->file_thp += HPAGE_PMD_SIZE_X;
	smaps_account(mss, page, true, pmd_young(*pmd), pmd_dirty(*pmd),
		      vma->vm_flags & VM_LOCKED);
}

/*
 * The tmpfs pages of @vma's range out in swap (shmem_swap_usage); for a
 * private writable mapping only those no PTE covers (the others may be
 * private copies), as smaps_pte_hole counts them.
 */
static void smaps_shmem_swap(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long addr, pgoff = vma->vm_pgoff;
	unsigned long swapped = shmem_partial_swap_usage(mapping, pgoff,
							 pgoff + vma_pages(vma));

	if (!swapped || (vma->vm_flags & VM_SHARED) || !(vma->vm_flags & VM_WRITE)) {
		mss->swap += swapped;
		return;
	}
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE, pgoff++) {
		pte_t *pte = mmsim_pte_lookup(vma->vm_mm, addr, NULL);

		if (!pte || pte_none(ptep_get(pte)))
			mss->swap += shmem_partial_swap_usage(mapping, pgoff, pgoff + 1);
	}
}

static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct smaps_walk w = { .vma = vma, .mss = mss };
	unsigned long addr;

	if (!vma->vm_mm)
		return; /* the gate VMA: walk_page_vma() refuses it */
	if (vma->vm_file)
		smaps_shmem_swap(vma, mss);
	mmsim_walk_ptes(vma->vm_mm, vma->vm_start, vma->vm_end, smaps_pte_entry, &w);
	if (is_arm())
		return; /* no THP in the 32-bit ARM kernel */
	for (addr = vma->vm_start & ~(HPAGE_PMD_SIZE_X - 1); addr < vma->vm_end;
	     addr += HPAGE_PMD_SIZE_X) {
		pmd_t *pmd = NULL;

		mmsim_pte_lookup(vma->vm_mm, addr, &pmd);
		if (pmd && pmd_present(*pmd) && pmd_large(*pmd) && addr >= vma->vm_start)
			smaps_pmd_entry(vma, pmd, mss);
	}
}

#define SEQ_PUT_DEC(str, val) seq_put_decimal_ull_width(m, str, (val) >> 10, 8)

static void __show_smap(struct seq_file *m, const struct mem_size_stats *mss,
			bool rollup_mode)
{
	SEQ_PUT_DEC("Rss:            ", mss->resident);
	SEQ_PUT_DEC(" kB\nPss:            ", mss->pss >> PSS_SHIFT);
	SEQ_PUT_DEC(" kB\nPss_Dirty:      ", mss->pss_dirty >> PSS_SHIFT);
	if (rollup_mode) {
		SEQ_PUT_DEC(" kB\nPss_Anon:       ", mss->pss_anon >> PSS_SHIFT);
		SEQ_PUT_DEC(" kB\nPss_File:       ", mss->pss_file >> PSS_SHIFT);
		SEQ_PUT_DEC(" kB\nPss_Shmem:      ", mss->pss_shmem >> PSS_SHIFT);
	}
	SEQ_PUT_DEC(" kB\nShared_Clean:   ", mss->shared_clean);
	SEQ_PUT_DEC(" kB\nShared_Dirty:   ", mss->shared_dirty);
	SEQ_PUT_DEC(" kB\nPrivate_Clean:  ", mss->private_clean);
	SEQ_PUT_DEC(" kB\nPrivate_Dirty:  ", mss->private_dirty);
	SEQ_PUT_DEC(" kB\nReferenced:     ", mss->referenced);
	SEQ_PUT_DEC(" kB\nAnonymous:      ", mss->anonymous);
	SEQ_PUT_DEC(" kB\nLazyFree:       ", mss->lazyfree);
	SEQ_PUT_DEC(" kB\nAnonHugePages:  ", mss->anonymous_thp);
	SEQ_PUT_DEC(" kB\nShmemPmdMapped: ", mss->shmem_thp);
	SEQ_PUT_DEC(" kB\nFilePmdMapped:  ", mss->file_thp);
	SEQ_PUT_DEC(" kB\nShared_Hugetlb: ", mss->shared_hugetlb);
	seq_put_decimal_ull_width(m, " kB\nPrivate_Hugetlb: ", mss->private_hugetlb >> 10, 7);
	SEQ_PUT_DEC(" kB\nSwap:           ", mss->swap);
	SEQ_PUT_DEC(" kB\nSwapPss:        ", mss->swap_pss >> PSS_SHIFT);
	SEQ_PUT_DEC(" kB\nLocked:         ", mss->pss_locked >> PSS_SHIFT);
	seq_puts(m, " kB\n");
}

/* hugepage_vma_check(vma, vm_flags, smaps=true, in_pf=false, enforce_sysfs=true) */
static bool thp_eligible(struct vm_area_struct *vma)
{
	const unsigned long hpage = HPAGE_PMD_SIZE_X;
	unsigned long haddr = (vma->vm_end - hpage) & ~(hpage - 1);
	vm_flags_t f = vma->vm_flags;

	if (is_arm() || !pa_state.cfg_thp) /* no THP in the ARM kernel */
		return false;
	if (f & (VM_NOHUGEPAGE | VM_SPECIAL | VM_HUGETLB))
		return false;
	if (vma->vm_end < hpage || haddr < vma->vm_start || haddr + hpage > vma->vm_end)
		return false; /* transhuge_vma_suitable() */
	if (vma->vm_file) /* tmpfs, mounted without huge= */
		return false;
	if (!hugepage_flags_enabled() || (!(f & VM_HUGEPAGE) && !hugepage_flags_always()))
		return false;
	if (vma->vm_ops)
		return false;
	return (f & VM_STACK_INCOMPLETE_SETUP) != VM_STACK_INCOMPLETE_SETUP;
}

static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	static const char mnemonics[32][3] = {
		"rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", /* 0-7 */
		"gd", "um", "pf", "??", "uw", "lo", "io", "sr", /* 8-15 */
		"rr", "dc", "de", "??", "ac", "nr", "ht", "sf", /* 16-23 */
		"ar", "wf", "dd", "sd", "mm", "hg", "nh", "mg", /* 24-31 */
	};
	unsigned int i, bits = is_arm() ? 32 : 64;

	seq_puts(m, "VmFlags: ");
	for (i = 0; i < bits; i++) {
		const char *mn = i < 32 ? mnemonics[i] : (i < 37 ? "" : "??");

		if (!mn[0] || !(vma->vm_flags & (1UL << i)))
			continue;
		if (i == 24 && is_arm())
			mn = "??"; /* VM_ARCH_1 has no name on ARM */
		seq_putc(m, mn[0]);
		seq_putc(m, mn[1]);
		seq_putc(m, ' ');
	}
	seq_putc(m, '\n');
}

static void show_smap(struct seq_file *m, struct vm_area_struct *vma)
{
	struct mem_size_stats mss;

	memset(&mss, 0, sizeof(mss));
	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma);
	SEQ_PUT_DEC("Size:           ", vma->vm_end - vma->vm_start);
	SEQ_PUT_DEC(" kB\nKernelPageSize: ", PAGE_SIZE);
	SEQ_PUT_DEC(" kB\nMMUPageSize:    ", PAGE_SIZE);
	seq_puts(m, " kB\n");
	__show_smap(m, &mss, false);
	seq_printf(m, "THPeligible:    %d\n", thp_eligible(vma));
	show_smap_vma_flags(m, vma);
}

static void show_smaps(struct seq_file *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma, *gate = get_gate_vma(mm);
	VMA_ITERATOR(vmi, mm, 0);

	for_each_vma(vmi, vma)
		show_smap(m, vma);
	if (gate)
		show_smap(m, gate);
}

static void show_smaps_rollup(struct seq_file *m, struct mm_struct *mm)
{
	struct mem_size_stats mss;
	unsigned long vma_start = 0, last_vma_end = 0;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	memset(&mss, 0, sizeof(mss));
	for_each_vma(vmi, vma) {
		if (!last_vma_end)
			vma_start = vma->vm_start;
		smap_gather_stats(vma, &mss);
		last_vma_end = vma->vm_end;
	}
	show_vma_header_prefix(m, vma_start, last_vma_end, 0, 0, 0, 0, 0);
	seq_pad(m, ' ');
	seq_puts(m, "[rollup]\n");
	__show_smap(m, &mss, true);
}
#undef SEQ_PUT_DEC

/* ---- status (the mm part), statm -------------------------------------- */

#define SEQ_PUT_DEC(str, val) seq_put_decimal_ull_width(m, str, (val) << (PAGE_SHIFT - 10), 8)

void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES);
	unsigned long file = get_mm_counter(mm, MM_FILEPAGES);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);
	unsigned long hiwater_vm, total_vm, hiwater_rss, total_rss, text, lib;

	hiwater_vm = total_vm = mm->total_vm;
	if (hiwater_vm < mm->hiwater_vm)
		hiwater_vm = mm->hiwater_vm;
	hiwater_rss = total_rss = anon + file + shmem;
	if (hiwater_rss < mm->hiwater_rss)
		hiwater_rss = mm->hiwater_rss;
	text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	text = min(text, mm->exec_vm << PAGE_SHIFT);
	lib = (mm->exec_vm << PAGE_SHIFT) - text;

	SEQ_PUT_DEC("VmPeak:\t", hiwater_vm);
	SEQ_PUT_DEC(" kB\nVmSize:\t", total_vm);
	SEQ_PUT_DEC(" kB\nVmLck:\t", mm->locked_vm);
	SEQ_PUT_DEC(" kB\nVmPin:\t", (unsigned long)__atomic_load_n(&mm->pinned_vm.counter, __ATOMIC_RELAXED));
	SEQ_PUT_DEC(" kB\nVmHWM:\t", hiwater_rss);
	SEQ_PUT_DEC(" kB\nVmRSS:\t", total_rss);
	SEQ_PUT_DEC(" kB\nRssAnon:\t", anon);
	SEQ_PUT_DEC(" kB\nRssFile:\t", file);
	SEQ_PUT_DEC(" kB\nRssShmem:\t", shmem);
	SEQ_PUT_DEC(" kB\nVmData:\t", mm->data_vm);
	SEQ_PUT_DEC(" kB\nVmStk:\t", mm->stack_vm);
	seq_put_decimal_ull_width(m, " kB\nVmExe:\t", text >> 10, 8);
	seq_put_decimal_ull_width(m, " kB\nVmLib:\t", lib >> 10, 8);
	seq_put_decimal_ull_width(m, " kB\nVmPTE:\t",
				  (unsigned long)__atomic_load_n(&mm->pgtables_bytes.counter, __ATOMIC_RELAXED) >> 10, 8);
	SEQ_PUT_DEC(" kB\nVmSwap:\t", get_mm_counter(mm, MM_SWAPENTS));
	seq_puts(m, " kB\n");
	if (IS_ENABLED(CONFIG_HUGETLB_PAGE)) /* hugetlb_report_usage */
		seq_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
}
#undef SEQ_PUT_DEC

static void show_statm(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long shared = get_mm_counter(mm, MM_FILEPAGES) +
			       get_mm_counter(mm, MM_SHMEMPAGES);
	unsigned long text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >>
			     PAGE_SHIFT;
	unsigned long data = mm->data_vm + mm->stack_vm;
	unsigned long resident = shared + get_mm_counter(mm, MM_ANONPAGES);

	seq_put_decimal_ull(m, "", mm->total_vm);
	seq_put_decimal_ull(m, " ", resident);
	seq_put_decimal_ull(m, " ", shared);
	seq_put_decimal_ull(m, " ", text);
	seq_put_decimal_ull(m, " ", 0);
	seq_put_decimal_ull(m, " ", data);
	seq_put_decimal_ull(m, " ", 0);
	seq_putc(m, '\n');
}

/* ---- /proc/PID/<name> --------------------------------------------------- */

int proc_pid_render(struct task_struct *task, const char *name, char **text)
{
	struct seq_file m;
	struct mm_struct *mm = task ? task->mm : NULL;

	*text = NULL;
	if (!mm)
		return -ESRCH;
	seq_file_init(&m);
	if (!strcmp(name, "maps"))
		show_maps(&m, mm);
	else if (!strcmp(name, "smaps"))
		show_smaps(&m, mm);
	else if (!strcmp(name, "smaps_rollup"))
		show_smaps_rollup(&m, mm);
	else if (!strcmp(name, "statm"))
		show_statm(&m, mm);
	else if (!strcmp(name, "status"))
		proc_pid_status(&m, task);
	else if (!strcmp(name, "oom_score"))
		seq_printf(&m, "%lu\n", proc_oom_score(task));
	else if (!strcmp(name, "oom_score_adj"))
		seq_printf(&m, "%d\n", task->signal->oom_score_adj);
	else {
		seq_file_release(&m);
		return -ENOENT;
	}
	*text = seq_file_detach(&m, NULL);
	return 0;
}
