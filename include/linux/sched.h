/* SPDX-License-Identifier: MIT */
/*
 * include/linux/sched.h — a task, and `current`.
 *
 * Kernel counterpart: struct task_struct in include/linux/sched.h,
 * struct signal_struct in include/linux/sched/signal.h, `current`
 * (arch/x86/include/asm/current.h), Linux 6.1.
 *
 * A task is an object of the "task_struct" cache (6208 bytes on x86_64
 * 6.1); its signal_struct is a "signal_cache" object, its open files a
 * "files_cache" object (struct files_struct, include/linux/fdtable.h).
 * mmsim's tasks are single-threaded processes: tgid == pid, one
 * signal_struct each.
 *
 *   mm          the address space (NULL after exit_mm)
 *   active_mm   == mm for a user task
 *   rss_stat    its cache of its mm's rss counters (SPLIT_RSS_COUNTING,
 *               linux/mm_types_task.h)
 *   min_flt     faults that needed no I/O, maj_flt faults that did
 *               (mm_account_fault in mm/memory.c); /proc/PID/stat
 *   parent      the task that forked it; children/sibling: its family
 *
 * `current` is a per-thread pointer: set_current(task) before calling a
 * system call on behalf of @task, get_current() to read it.  Machine
 * code that runs outside any process sees NULL.
 */
#ifndef _MMSIM_LINUX_SCHED_H
#define _MMSIM_LINUX_SCHED_H

#include "linux/types.h"
#include "linux/mm_types_task.h"
#include "linux/timer.h"

#define TASK_COMM_LEN 16

/* task->flags (a subset) */
#define PF_EXITING	0x00000004
#define PF_KTHREAD	0x00200000
#define PF_RANDOMIZE	0x00400000

/* task->__state */
#define TASK_RUNNING	0x0000
#define EXIT_DEAD	0x0010
#define EXIT_ZOMBIE	0x0020

/* Resource limits used by mm (include/uapi/asm-generic/resource.h). */
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_AS	9
#define RLIMIT_MEMLOCK	8
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0UL)

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

/* Process-wide state (include/linux/sched/signal.h, a subset). */
struct signal_struct {
	atomic_t sigcnt;
	int group_exit_code;
	struct rlimit rlim[RLIM_NLIMITS];
	short oom_score_adj;      /* /proc/PID/oom_score_adj, -1000..1000 */
	short oom_score_adj_min;
	unsigned int flags;       /* SIGNAL_GROUP_EXIT (linux/oom.h) */
	struct mm_struct *oom_mm; /* set (and mmgrab'd) when the OOM killer chose it */
	unsigned long maxrss;     /* peak RSS of exited children, pages */
	unsigned long cmin_flt, cmaj_flt;
};

struct mm_struct;
struct files_struct;
struct machine;

struct task_struct {
	unsigned int __state;
	unsigned int flags;        /* PF_* */
	int exit_state;
	int exit_code;
	int pid;
	int tgid;
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm;
	struct mm_struct *active_mm;
	unsigned long min_flt, maj_flt;
	struct task_rss_stat rss_stat;  /* see linux/mm_types_task.h */
	unsigned long nvcsw, nivcsw;
	struct task_struct *real_parent;
	struct task_struct *parent;
	struct list_head children;  /* its children, by sibling */
	struct list_head sibling;   /* place in the parent's children */
	struct list_head tasks;     /* mmsim: on the machine's task list */
	struct signal_struct *signal;
	struct files_struct *files;
	unsigned int personality;
	u64 start_time;             /* ns since boot (the simulated clock) */
	struct machine *machine;    /* mmsim: the machine it runs on */
	unsigned long sig_pending;  /* pending signals, bit SIG-1 (struct sigpending) */
	bool memdie;                /* TIF_MEMDIE: marked by mark_oom_victim */
	struct task_struct *oom_reaper_list; /* next on the OOM reaper's list */
	struct timer_list oom_reaper_timer;  /* the reaper's 2 s grace period */
	bool oom_reaper_queued;     /* on the OOM reaper's list */
	struct capture_control *capture_control; /* its direct compaction's */
	bool in_lru_fault;          /* MGLRU: in a fault of a VMA without SEQ/RAND hints */
};

/* `current`: the task the calling thread runs system calls for. */
struct task_struct *get_current(void);
struct task_struct *set_current(struct task_struct *task); /* returns old */
#define current get_current()

static inline unsigned long task_rlimit(const struct task_struct *t,
					unsigned int limit)
{
	return t->signal->rlim[limit].rlim_cur;
}

static inline unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(get_current(), limit);
}

/* start_kernel's fork_init(): max_threads (kernel/fork.c). */
void fork_init(void);

/* exit_group(@exit_code) of current: its mm and files go (kernel/exit.c). */
void do_group_exit(int exit_code);

/* The task with this pid on the current machine, or NULL (kernel/pid.c). */
struct task_struct *find_task_by_vpid(int nr);

#endif /* _MMSIM_LINUX_SCHED_H */
