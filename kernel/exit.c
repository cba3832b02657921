// SPDX-License-Identifier: MIT
/*
 * kernel/exit.c — a process ends: its address space and files go, its
 * parent reaps it.
 *
 * Kernel counterpart: kernel/exit.c (Linux 6.1): do_group_exit, do_exit,
 * exit_mm, exit_files, forget_original_parent, release_task (with
 * wait_task_zombie's accounting of the child's faults into the
 * parent's cmin_flt/cmaj_flt).
 *
 * mmsim's processes are single-threaded and their parent always reaps
 * them, so exit and reaping happen in one call, mmsim_exit().  Children
 * still alive are handed to the exiting task's parent (6.1 would give
 * them to init or a subreaper).
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	sync_mm_rss(mm);        /* tsk is current: its cached counts go home */
	tsk->mm = NULL;
	tsk->active_mm = NULL;
	mm->owner = NULL;
	mmput(mm);
}

static void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	tsk->files = NULL;
	put_files_struct(files);
}

static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &father->children, sibling) {
		list_del(&p->sibling);
		p->real_parent = p->parent = father->parent;
		if (father->parent)
			list_add_tail(&p->sibling, &father->parent->children);
		else
			INIT_LIST_HEAD(&p->sibling);
	}
}

/* do_group_exit(code) of current: what remains is a zombie to reap. */
void do_group_exit(int exit_code)
{
	struct task_struct *tsk = current;

	tsk->flags |= PF_EXITING;
	tsk->signal->group_exit_code = exit_code;
	tsk->exit_code = exit_code;
	exit_mm(tsk);
	exit_files(tsk);
	write_lock_irq(&tasklist_lock);         /* exit_notify */
	forget_original_parent(tsk);
	tsk->exit_state = EXIT_ZOMBIE;
	write_unlock_irq(&tasklist_lock);
}

/* The parent collects the zombie: counters folded in, the task freed. */
static void release_task(struct task_struct *p)
{
	struct task_struct *parent = p->parent;

	write_lock_irq(&tasklist_lock);
	if (parent) {
		parent->signal->cmin_flt += p->min_flt + p->signal->cmin_flt;
		parent->signal->cmaj_flt += p->maj_flt + p->signal->cmaj_flt;
		list_del(&p->sibling);
	}
	p->exit_state = EXIT_DEAD;
	write_unlock_irq(&tasklist_lock);
	free_task(p);
}

void mmsim_exit(struct task_struct *task)
{
	struct task_struct *old = set_current(task);

	do_group_exit(0);
	set_current(old == task ? NULL : old);
	release_task(task);
}
