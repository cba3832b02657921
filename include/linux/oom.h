/* SPDX-License-Identifier: MIT */
/*
 * include/linux/oom.h — the out-of-memory killer's interface.
 *
 * Kernel counterparts: include/linux/oom.h, the MMF_OOM_* bits of
 * include/linux/sched/coredump.h and OOM_SCORE_ADJ_* of
 * include/uapi/linux/oom.h (Linux 6.1).  The code is mm/oom_kill.c.
 *
 *   __alloc_pages_slowpath
 *     __alloc_pages_may_oom   reclaim made no progress, the request is
 *       out_of_memory(oc)     small enough and may use ZONE_NORMAL
 *         select_bad_process  the task with the highest oom_badness()
 *         oom_kill_process    report, SIGKILL, mark_oom_victim,
 *                             queue_oom_reaper (2 s later)
 *
 * An OOM victim (tsk_is_oom_victim) has signal->oom_mm set for the rest of
 * its life: it may dig into the memory reserves (ALLOC_OOM) so it can exit,
 * and while its mm has not been torn down (MMF_OOM_SKIP unset) no second
 * victim is chosen.
 */
#ifndef _MMSIM_LINUX_OOM_H
#define _MMSIM_LINUX_OOM_H

#include "linux/types.h"
#include "linux/sched.h"

/* oom_score_adj's range (include/uapi/linux/oom.h). */
#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

/* mm->flags bits the OOM killer and exit_mmap use (sched/coredump.h). */
#define MMF_OOM_SKIP		21	/* torn down or reaped: not a candidate */
#define MMF_UNSTABLE		22	/* the reaper has unmapped part of it */
#define MMF_OOM_REAP_QUEUED	25	/* already queued for the reaper */

/* signal->flags: the whole thread group is exiting (sched/signal.h). */
#define SIGNAL_GROUP_EXIT	0x00000004

struct zonelist;

enum oom_constraint {
	CONSTRAINT_NONE,
	CONSTRAINT_CPUSET,
	CONSTRAINT_MEMORY_POLICY,
	CONSTRAINT_MEMCG,
};

/*
 * One OOM invocation.  The caller fills the request (zonelist, nodemask,
 * gfp_mask, order; memcg is always NULL: mmsim has no memory cgroups);
 * out_of_memory() fills the rest.
 */
struct oom_control {
	struct zonelist *zonelist;
	const unsigned long *nodemask;
	void *memcg;
	gfp_t gfp_mask;
	int order;                  /* -1: sysrq (not used by mmsim) */

	unsigned long totalpages;   /* RAM + swap the victim could free */
	struct task_struct *chosen; /* the victim; (void *)-1 if waiting */
	long chosen_points;
	enum oom_constraint constraint;
};

/* A task the OOM killer chose, for the rest of its life. */
static inline bool tsk_is_oom_victim(struct task_struct *tsk)
{
	return tsk->signal->oom_mm != NULL;
}

/* A SIGKILL is pending for @p: it dies on its way back to user space. */
static inline bool fatal_signal_pending(struct task_struct *p)
{
	return p->sig_pending & (1UL << (9 /* SIGKILL */ - 1));
}

/*
 * Kill the "worst" process so the allocation can go on.  true when
 * something was done (a victim killed, or one still on its way out);
 * false when nothing could be.
 */
bool out_of_memory(struct oom_control *oc);

/*
 * The badness of @p: its resident, swapped and page-table pages, plus
 * oom_score_adj thousandths of @totalpages; LONG_MIN for a task that
 * cannot be chosen (unkillable, OOM_SCORE_ADJ_MIN, no mm, already reaped).
 */
long oom_badness(struct task_struct *p, unsigned long totalpages);

/* /proc/PID/oom_score: the badness scaled to 0..1333 (fs/proc/base.c). */
unsigned long proc_oom_score(struct task_struct *p);

/* The victim @tsk has freed its memory: exit_mmap is done with it. */
void exit_oom_victim(struct task_struct *tsk);

/* @tsk is being freed: its reaper timer and place on the reaper's list go. */
void oom_reaper_forget(struct task_struct *tsk);

#endif /* _MMSIM_LINUX_OOM_H */
