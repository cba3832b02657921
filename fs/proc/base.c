// SPDX-License-Identifier: MIT
/*
 * fs/proc/base.c — the writable files of /proc/PID: oom_score_adj and
 * clear_refs.
 *
 * Kernel counterparts: fs/proc/base.c (oom_score_adj_write) and
 * fs/proc/task_mmu.c (clear_refs_write), Linux 6.1.
 *
 *   oom_score_adj  -1000 .. 1000, kept in the process's signal_struct
 *   clear_refs     1: clear the accessed bits of every mapped page (PTE
 *                  young, PG_referenced); 2: anonymous pages only; 3: file
 *                  pages only; 5: reset the RSS high-water mark (VmHWM);
 *                  4 (soft-dirty) is accepted and not done yet
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/proc_fs.h"
#include "mmsim/process.h"
#include "mm/process_internal.h"
#include "mmsim/machine.h"

#include <string.h>

/* kstrtoint: an optional sign, decimal digits, an optional newline. */
static int kstrtoint(const char *s, int *out)
{
	bool neg = *s == '-';
	const char *c = s + (neg || *s == '+');
	long v = 0;

	if (*c < '0' || *c > '9')
		return -EINVAL;
	for (; *c >= '0' && *c <= '9'; c++) {
		v = v * 10 + (*c - '0');
		if (v > 0x7fffffffL)
			return -EINVAL;
	}
	if (*c && !(*c == '\n' && !c[1]))
		return -EINVAL;
	*out = neg ? (int)-v : (int)v;
	return 0;
}

struct clear_refs_walk {
	struct vm_area_struct *vma;
	int type;
};

static void clear_refs_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct clear_refs_walk *w = arg;
	struct page *page;

	if (!pte_present(ptep_get(pte)))
		return;
	page = vm_normal_page(w->vma, addr, ptep_get(pte));
	if (!page)
		return;
	if ((w->type == 2 && !PageAnon(page)) || (w->type == 3 && PageAnon(page)))
		return;
	set_pte_at(w->vma->vm_mm, addr, pte, pte_mkold(ptep_get(pte)));
	ClearPageReferenced(page);
}

static int clear_refs_write(struct task_struct *task, int type)
{
	struct mm_struct *mm = task->mm;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	if (type < 1 || type > 5)
		return -EINVAL;
	if (type == 5) { /* CLEAR_REFS_MM_HIWATER_RSS */
		mm->hiwater_rss = get_mm_counter(mm, MM_ANONPAGES) +
				  get_mm_counter(mm, MM_FILEPAGES) +
				  get_mm_counter(mm, MM_SHMEMPAGES);
		return 0;
	}
	if (type == 4)
		return 0;
	for_each_vma(vmi, vma) {
		struct clear_refs_walk w = { vma, type };

		if (type == 2 && vma->vm_file)
			continue;
		mmsim_walk_ptes(mm, vma->vm_start, vma->vm_end, clear_refs_pte, &w);
	}
	return 0;
}

int proc_pid_write(struct task_struct *task, const char *name, const char *buf,
		   size_t len)
{
	char tmp[32];
	int v;

	if (!task || !task->mm)
		return -ESRCH;
	if (strcmp(name, "oom_score_adj") && strcmp(name, "clear_refs"))
		return -ENOENT;
	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	if (kstrtoint(tmp, &v))
		return -EINVAL;
	if (!strcmp(name, "clear_refs"))
		return clear_refs_write(task, v);
	if (v < -1000 || v > 1000)
		return -EINVAL;
	task->signal->oom_score_adj = (short)v;
	return 0;
}
