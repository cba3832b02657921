/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm_types_task.h — the mm types a task_struct holds: the
 * resident-set counter kinds and a task's cache of them.
 *
 * Kernel counterpart: include/linux/mm_types_task.h (Linux 6.1).
 *
 * An mm counts its resident pages by kind in mm->rss_stat.  With
 * SPLIT_RSS_COUNTING (6.1 defines it when NR_CPUS >= SPLIT_PTLOCK_CPUS,
 * that is when page tables have per-table locks: both Debian configs
 * mmsim models), the faults a task takes on its own mm count into the
 * task's struct task_rss_stat first, and are folded into the mm only
 * at sync_mm_rss() (mm/memory_user.c): every so many faults, when the
 * task zaps its own pages, at exec and at exit.  Readers of the mm's
 * figures (/proc/PID/status, statm, the OOM killer) see the mm's
 * counters only, so they lag by what the task holds back:
 *
 *     true rss[k] = mm->rss_stat.count[k] + sum over tasks t using mm
 *                   of t->rss_stat.count[k]
 */
#ifndef _MMSIM_LINUX_MM_TYPES_TASK_H
#define _MMSIM_LINUX_MM_TYPES_TASK_H

/* Resident-set counters of an mm. */
enum {
	MM_FILEPAGES,   /* resident file mapping pages */
	MM_ANONPAGES,   /* resident anonymous pages */
	MM_SWAPENTS,    /* anonymous swap entries */
	MM_SHMEMPAGES,  /* resident shared memory pages */
	NR_MM_COUNTERS
};

/* A task's not yet folded share of its mm's counters (SPLIT_RSS_COUNTING). */
struct task_rss_stat {
	int events;                 /* faults since the last sync */
	int count[NR_MM_COUNTERS];
};

#endif /* _MMSIM_LINUX_MM_TYPES_TASK_H */
