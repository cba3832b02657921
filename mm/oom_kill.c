// SPDX-License-Identifier: MIT
/*
 * mm/oom_kill.c — the out-of-memory killer and the OOM reaper.
 *
 * Kernel counterpart: mm/oom_kill.c (Linux 6.1): out_of_memory,
 * oom_badness, select_bad_process/oom_evaluate_task, dump_header,
 * dump_tasks, oom_kill_process/__oom_kill_process, mark_oom_victim,
 * task_will_free_mem, queue_oom_reaper, oom_reap_task_mm; and
 * proc_oom_score of fs/proc/base.c.
 *
 * When the allocation slow path has nothing left to try for a small
 * request, __alloc_pages_may_oom() calls out_of_memory():
 *
 *   current already dying?        -> it becomes the victim, nothing printed
 *   else for every process:       oom_badness(p) =
 *                                   rss + swap entries + page-table pages
 *                                   + oom_score_adj * totalpages / 1000
 *     a live victim found first   -> wait for it (chosen = -1)
 *     the highest badness wins (ties: the later process in task order)
 *   report: "<comm> invoked oom-killer: ...", the stack, Mem-Info, the
 *           task table, "oom-kill:constraint=..." (ratelimited: 10 per 5 s)
 *   kill:   SIGKILL, mark_oom_victim (reserves, signal->oom_mm),
 *           "Out of memory: Killed process ...", the reaper queued 2 s on
 *
 * The victim's death.  On the real kernel the victim wakes on another CPU
 * (or while the allocating task waits) and exits; mmsim runs one task at
 * a time, so a victim that is not the allocating task runs its exit at
 * once, right here (do_group_exit: its address space goes, it stays a
 * zombie until its parent reaps it).  The allocating task itself, when
 * chosen, keeps running until its fault returns and dies on the way back
 * to user space (fatal_signal_pending()).  Either way exit_mmap marks the
 * mm MMF_OOM_SKIP, so when the victim's 2 s timer (oom_reaper_timer, on
 * the simulated clock) fires, wake_oom_reaper finds nothing to do and
 * nothing is printed — as on the real kernel when the victim exits
 * promptly.  If the mm still exists then, the oom_reaper kernel thread
 * (include/linux/kthread.h) unmaps its private memory and prints
 * "oom_reaper: reaped process ...".
 *
 * What mmsim does not have: memory cgroups (memcg is always NULL, the
 * report says task_memcg=/), cpusets and mempolicies (CONSTRAINT_NONE),
 * threads (a process is one task; no other process shares an mm), an init
 * process unless `run --guest-shmem/--guest-anon` made one to hold the
 * guest's memory (mm/guest_kernel.c: then it is is_global_init, never
 * chosen and not in the task table, as the oracle's /init), and a panic: where 6.1
 * panics ("System is deadlocked on memory", panic_on_oom) mmsim prints the
 * same report and lets the allocation fail.  Swap entries count once
 * mm/swapfile.c provides total_swap_pages (oom_total_swap_pages()).
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/bitmap.h"
#include "linux/kthread.h"
#include "linux/timer.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/oom.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/smp.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"

#include <limits.h>
#include <string.h>

#define SHOW_MEM_FILTER_NODES 0x0001u

#define K(x) ((unsigned long)(x) << (PAGE_SHIFT - 10))

#define OOM_RATELIMIT_NS (5ULL * 1000000000ULL)    /* DEFAULT_RATELIMIT_INTERVAL */
#define OOM_RATELIMIT_BURST 10                     /* DEFAULT_RATELIMIT_BURST */

static const char *const oom_constraint_text[] = {
	[CONSTRAINT_NONE] = "CONSTRAINT_NONE",
	[CONSTRAINT_CPUSET] = "CONSTRAINT_CPUSET",
	[CONSTRAINT_MEMORY_POLICY] = "CONSTRAINT_MEMORY_POLICY",
	[CONSTRAINT_MEMCG] = "CONSTRAINT_MEMCG",
};

static u64 oom_clock_ns(void)
{
	return current_machine->log.now_ns;
}

/* Pages of swap the victims could free: none until swap areas exist. */
static unsigned long oom_total_swap_pages(void)
{
	return 0;
}

/*
 * The guest's init is one of mmsim's tasks only when `run --guest-shmem`
 * or `--guest-anon` made it (mm/guest_kernel.c; see the header comment).
 */
static bool is_global_init(const struct task_struct *p)
{
	return mmsim_is_guest_init(p);
}

static bool oom_unkillable_task(const struct task_struct *p)
{
	return is_global_init(p) || (p->flags & PF_KTHREAD);
}

/* The task of @p's thread group that still has an mm (single-threaded). */
static struct task_struct *find_lock_task_mm(struct task_struct *p)
{
	return p->mm ? p : NULL;
}

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (oom_unkillable_task(p))
		return LONG_MIN;
	p = find_lock_task_mm(p);
	if (!p)
		return LONG_MIN;
	adj = p->signal->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || test_bit(MMF_OOM_SKIP, &p->mm->flags))
		return LONG_MIN;
	points = (long)(get_mm_rss(p->mm) + get_mm_counter(p->mm, MM_SWAPENTS) +
			mm_pgtables_bytes(p->mm) / PAGE_SIZE);
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

unsigned long proc_oom_score(struct task_struct *p)
{
	unsigned long totalpages = totalram_pages() + oom_total_swap_pages();
	long badness = oom_badness(p, totalpages);

	if (badness == LONG_MIN)
		return 0;
	return (unsigned long)((1000 + badness * 1000 / (long)totalpages) * 2 / 3);
}

/* No cpuset or mempolicy in mmsim: every allocation may use all RAM. */
static enum oom_constraint constrained_alloc(struct oom_control *oc)
{
	oc->totalpages = totalram_pages() + oom_total_swap_pages();
	return CONSTRAINT_NONE;
}

/* One candidate: 0 to go on, 1 to stop (a victim is still dying). */
static int oom_evaluate_task(struct task_struct *task, struct oom_control *oc)
{
	long points;

	if (oom_unkillable_task(task))
		return 0;
	if (tsk_is_oom_victim(task)) {
		if (test_bit(MMF_OOM_SKIP, &task->signal->oom_mm->flags))
			return 0;
		oc->chosen = (void *)-1UL;
		return 1;
	}
	points = oom_badness(task, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return 0;
	oc->chosen = task;
	oc->chosen_points = points;
	return 0;
}

static void select_bad_process(struct oom_control *oc)
{
	struct task_struct *p;

	oc->chosen_points = LONG_MIN;
	read_lock(&tasklist_lock);      /* 6.1: rcu_read_lock */
	list_for_each_entry(p, mmsim_task_list(), tasks)
		if (oom_evaluate_task(p, oc))
			break;
	read_unlock(&tasklist_lock);
}

/* The task table: one line per killable process that still has an mm. */
static void dump_tasks(void)
{
	struct task_struct *p;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	list_for_each_entry(p, mmsim_task_list(), tasks) {
		struct task_struct *t;

		if (oom_unkillable_task(p))
			continue;
		t = find_lock_task_mm(p);
		if (!t)
			continue;
		pr_info("[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s\n",
			t->pid, 0, t->tgid, t->mm->total_vm, get_mm_rss(t->mm),
			(long)mm_pgtables_bytes(t->mm),
			get_mm_counter(t->mm, MM_SWAPENTS),
			t->signal->oom_score_adj, t->comm);
	}
}

static void dump_oom_summary(struct oom_control *oc, struct task_struct *victim)
{
	pr_info("oom-kill:constraint=%s,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=%s,pid=%d,uid=%d\n",
		oom_constraint_text[oc->constraint], victim->comm, victim->pid, 0);
}

static const char *current_comm(void)
{
	struct task_struct *t = current;

	return t ? t->comm : "swapper/0";
}

static short current_oom_score_adj(void)
{
	struct task_struct *t = current;

	return t ? t->signal->oom_score_adj : 0;
}

static void dump_header(struct oom_control *oc, struct task_struct *victim)
{
	char flags[256];

	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%hd\n",
		current_comm(), oc->gfp_mask,
		format_gfp_flags(oc->gfp_mask, flags, sizeof(flags)), oc->order,
		current_oom_score_adj());
	dump_stack();
	__show_mem(SHOW_MEM_FILTER_NODES, oc->nodemask, gfp_zone(oc->gfp_mask));
	if (mmsim_proc_knobs()->oom_dump_tasks)
		dump_tasks();
	if (victim)
		dump_oom_summary(oc, victim);
}

/* oom_kill_process()'s ratelimit (5 s, burst 10) on the simulated clock. */
static bool oom_ratelimit(void)
{
	struct mm_proc_state *ps = mmsim_proc_knobs();
	u64 now = oom_clock_ns();

	if (!ps->oom_rs_begin || now >= ps->oom_rs_begin + OOM_RATELIMIT_NS) {
		if (ps->oom_rs_missed)
			pr_warn("oom_kill_process: %lu callbacks suppressed\n",
				ps->oom_rs_missed);
		ps->oom_rs_begin = now ? now : 1;
		ps->oom_rs_printed = 0;
		ps->oom_rs_missed = 0;
	}
	if (ps->oom_rs_printed < OOM_RATELIMIT_BURST) {
		ps->oom_rs_printed++;
		return true;
	}
	ps->oom_rs_missed++;
	return false;
}

/* Give @tsk the reserves and pin its mm in signal->oom_mm. */
static void mark_oom_victim(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (tsk->memdie)
		return;
	tsk->memdie = true;
	if (!tsk->signal->oom_mm) {
		tsk->signal->oom_mm = mm;
		mm->mm_count.counter++; /* mmgrab */
	}
	mmsim_proc_knobs()->oom_victims++;
}

void exit_oom_victim(struct task_struct *tsk)
{
	if (!tsk->memdie)
		return;
	tsk->memdie = false;
	mmsim_proc_knobs()->oom_victims--;
}

/* Dying on its own: a SIGKILL pending or exit already under way. */
static bool __task_will_free_mem(struct task_struct *task)
{
	return (task->signal->flags & SIGNAL_GROUP_EXIT) ||
	       (task->flags & PF_EXITING);
}

static bool task_will_free_mem(struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	if (!mm || !__task_will_free_mem(task))
		return false;
	return !test_bit(MMF_OOM_SKIP, &mm->flags);
}

static void wake_oom_reaper(struct timer_list *timer);
static long oom_reaper(void *unused);

/*
 * Give the victim OOM_REAPER_DELAY (2 s) to exit on its own, then hand it
 * to the oom_reaper thread (started on first use); once per mm.
 */
static void queue_oom_reaper(struct task_struct *tsk)
{
	struct mm_proc_state *ps = mmsim_proc_knobs();

	if (test_bit(MMF_OOM_REAP_QUEUED, &tsk->signal->oom_mm->flags))
		return;
	set_bit(MMF_OOM_REAP_QUEUED, &tsk->signal->oom_mm->flags);
	if (!ps->oom_reaper_th)
		ps->oom_reaper_th = kthread_run_sim(oom_reaper, NULL, "oom_reaper");
	timer_setup(&tsk->oom_reaper_timer, wake_oom_reaper, 0);
	mod_timer(&tsk->oom_reaper_timer, jiffies + 2 * HZ);
}

/* SIGKILL to @p's thread group (complete_signal's group exit). */
static void send_sigkill(struct task_struct *p)
{
	p->sig_pending |= 1UL << (SIGKILL - 1);
	p->signal->flags |= SIGNAL_GROUP_EXIT;
	p->signal->group_exit_code = SIGKILL;
}

/*
 * The victim, woken by its SIGKILL, exits (get_signal -> do_group_exit).
 * A victim other than the allocating task runs that now; see the header.
 */
static void oom_victim_runs_exit(struct task_struct *victim)
{
	struct task_struct *old;

	if (victim == current)
		return;
	old = set_current(victim);
	do_group_exit(SIGKILL);
	set_current(old);
}

static void __oom_kill_process(struct task_struct *victim, const char *message)
{
	struct task_struct *p = find_lock_task_mm(victim);
	struct mm_struct *mm;

	if (!p) {
		pr_info("%s: OOM victim %d (%s) is already exiting. Skip killing the task\n",
			message, victim->pid, victim->comm);
		return;
	}
	mm = victim->mm;
	count_vm_event(OOM_KILL);
	send_sigkill(victim);
	mark_oom_victim(victim);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, victim->pid, victim->comm, K(mm->total_vm),
	       K(get_mm_counter(mm, MM_ANONPAGES)),
	       K(get_mm_counter(mm, MM_FILEPAGES)),
	       K(get_mm_counter(mm, MM_SHMEMPAGES)), 0U,
	       (unsigned long)mm_pgtables_bytes(mm) >> 10,
	       victim->signal->oom_score_adj);
	queue_oom_reaper(victim);
	oom_victim_runs_exit(victim);
}

static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen;

	if (task_will_free_mem(victim)) {
		mark_oom_victim(victim);
		queue_oom_reaper(victim);
		return;
	}
	if (oom_ratelimit())
		dump_header(oc, victim);
	__oom_kill_process(victim, message);
}

/* vm.panic_on_oom: the kernel would panic; mmsim reports and goes on. */
static void check_panic_on_oom(struct oom_control *oc)
{
	int mode = mmsim_proc_knobs()->oom_panic_on_oom;

	if (!mode || (mode != 2 && oc->constraint != CONSTRAINT_NONE))
		return;
	dump_header(oc, NULL);
	pr_emerg("Kernel panic - not syncing: Out of memory: %s panic_on_oom is enabled\n",
		 mode == 2 ? "compulsory" : "system-wide");
}

bool out_of_memory(struct oom_control *oc)
{
	struct task_struct *cur = current;
	struct mm_proc_state *ps = mmsim_proc_knobs();

	if (cur && task_will_free_mem(cur)) {
		mark_oom_victim(cur);
		queue_oom_reaper(cur);
		return true;
	}
	if (oc->gfp_mask && !(oc->gfp_mask & __GFP_FS))
		return true;
	oc->constraint = constrained_alloc(oc);
	oc->nodemask = NULL;
	check_panic_on_oom(oc);
	if (ps->oom_kill_allocating_task && cur && cur->mm &&
	    !oom_unkillable_task(cur) &&
	    cur->signal->oom_score_adj != OOM_SCORE_ADJ_MIN) {
		oc->chosen = cur;
		oom_kill_process(oc, "Out of memory (oom_kill_allocating_task)");
		return true;
	}
	select_bad_process(oc);
	if (!oc->chosen) {
		dump_header(oc, NULL);
		pr_warn("Out of memory and no killable processes...\n");
		return false;
	}
	if (oc->chosen != (void *)-1UL)
		oom_kill_process(oc, "Out of memory");
	return true;
}

/* ---- the OOM reaper ---------------------------------------------------- */

/* Unmap every private or anonymous VMA of @mm: their pages go back now. */
static void __oom_reap_task_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	set_bit(MMF_UNSTABLE, &mm->flags);
	/*
	 * 6.1 only trylocks and tries again later (MAX_OOM_REAP_RETRIES);
	 * the reaper runs at a scheduling point, where no simulated CPU of
	 * a single-threaded run holds the lock, so mmsim waits for it.
	 */
	mmap_read_lock(mm);
	for_each_vma(vmi, vma) {
		if (vma->vm_flags & (VM_HUGETLB | VM_PFNMAP))
			continue;
		if (vma_is_anonymous(vma) || !(vma->vm_flags & VM_SHARED))
			zap_page_range(vma, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	mmap_read_unlock(mm);
}

static void oom_reap_task_mm(struct task_struct *tsk, struct mm_struct *mm)
{
	if (test_bit(MMF_OOM_SKIP, &mm->flags))
		return;
	__oom_reap_task_mm(mm);
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB\n",
		tsk->pid, tsk->comm, K(get_mm_counter(mm, MM_ANONPAGES)),
		K(get_mm_counter(mm, MM_FILEPAGES)),
		K(get_mm_counter(mm, MM_SHMEMPAGES)));
}

/* The timer fired: reap unless the victim already tore its mm down. */
static void oom_reap_task(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->signal->oom_mm;

	if (!test_bit(MMF_OOM_SKIP, &mm->flags))
		oom_reap_task_mm(tsk, mm);
	set_bit(MMF_OOM_SKIP, &mm->flags);
}

/* The grace period is over: queue @tsk for the reaper unless it exited. */
static void wake_oom_reaper(struct timer_list *timer)
{
	struct task_struct *tsk = from_timer(tsk, timer, oom_reaper_timer);
	struct mm_proc_state *ps = mmsim_proc_knobs();

	if (test_bit(MMF_OOM_SKIP, &tsk->signal->oom_mm->flags))
		return;
	tsk->oom_reaper_list = ps->oom_reaper_list;
	tsk->oom_reaper_queued = true;
	ps->oom_reaper_list = tsk;
	wake_up_process(ps->oom_reaper_th);
}

/* One trip round the oom_reaper thread's loop: reap every queued victim. */
static long oom_reaper(void *unused)
{
	struct mm_proc_state *ps = mmsim_proc_knobs();

	(void)unused;
	while (ps->oom_reaper_list) {
		struct task_struct *tsk = ps->oom_reaper_list;

		ps->oom_reaper_list = tsk->oom_reaper_list;
		tsk->oom_reaper_list = NULL;
		tsk->oom_reaper_queued = false;
		oom_reap_task(tsk);
	}
	return MAX_SCHEDULE_TIMEOUT;
}

/* @tsk is being freed (put_task_struct): its timer and queue entry go. */
void oom_reaper_forget(struct task_struct *tsk)
{
	struct mm_proc_state *ps = mmsim_proc_knobs();
	struct task_struct **link;

	del_timer(&tsk->oom_reaper_timer);
	if (!tsk->oom_reaper_queued)
		return;
	for (link = &ps->oom_reaper_list; *link; link = &(*link)->oom_reaper_list)
		if (*link == tsk) {
			*link = tsk->oom_reaper_list;
			break;
		}
	tsk->oom_reaper_queued = false;
}
