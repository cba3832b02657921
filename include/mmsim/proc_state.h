/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/proc_state.h — the process-side globals of one machine.
 *
 * No single kernel counterpart: these are globals of mm/util.c
 * (sysctl_overcommit_*, vm_committed_as), mm/mmap.c (sysctl_max_map_count,
 * mmap_min_addr, stack_guard_gap), mm/huge_memory.c
 * (transparent_hugepage_flags, huge_zero_page), mm/memory.c
 * (fault_around_bytes, the zero page), mm/compaction.c (its sysctls),
 * kernel/pid.c (the last pid),
 * kernel/fork.c (the mm/vma/task caches) and mm/shmem.c (the tmpfs root),
 * gathered per machine (current_machine->proc) and reached by the
 * kernel's names through the aliases below.  The knobs and lists are
 * made with the machine (mmsim_proc_state_init, called by
 * machine_create() before any simulated CPU runs) and never allocate;
 * the caches, the zero page and the overcommit reserves are made once,
 * on first use of mmsim_proc_state(), under caches_lock.  Freed by
 * machine_destroy().
 *
 *   mmsim_proc_knobs()  knobs, task list, counters: no allocation ever,
 *                       safe from inside an allocation (the OOM killer)
 *   mmsim_proc_state()  the same, with the caches and zero page made
 */
#ifndef _MMSIM_PROC_STATE_H
#define _MMSIM_PROC_STATE_H

#include "linux/types.h"
#include "linux/spinlock.h"
#include "linux/rwsem.h"

struct kmem_cache;
struct page;
struct task_struct;
struct kthread;
struct mmsim_tlb;

struct mm_proc_state *mmsim_proc_state(void);
/* The knobs and lists only: never allocates (see the top). */
struct mm_proc_state *mmsim_proc_knobs(void);
/* Made by machine_create(): the knobs and lists, nothing simulated. */
struct machine;
void mmsim_proc_state_init(struct machine *m);
/* Recompute mmap_min_addr after vm.mmap_min_addr changed (kernel/fork.c). */
void update_mmap_min_addr(struct mm_proc_state *ps);

struct mm_proc_state {
	/* mm/util.c */
	int overcommit_memory;          /* vm.overcommit_memory, 0 */
	int overcommit_ratio;           /* vm.overcommit_ratio, 50 */
	unsigned long overcommit_kbytes;
	unsigned long user_reserve_kbytes;
	unsigned long admin_reserve_kbytes;
	atomic_long_t committed_as;     /* vm_committed_as, pages */
	long shmem_acct_pages;          /* mmsim: the part tmpfs charged */
	/*
	 * mmsim: what stack growth charged for VMAs without VM_ACCOUNT; 6.1
	 * never gives it back (acct_stack_growth charges every growth, the
	 * unmap only VM_ACCOUNT VMAs), so the validators allow for it.
	 */
	long stack_charge_kept;
	/* mm/mmap.c */
	int max_map_count;              /* vm.max_map_count, 65530 */
	/*
	 * security/min_addr.c: vm.mmap_min_addr (dac_mmap_min_addr) starts at
	 * CONFIG_DEFAULT_MMAP_MIN_ADDR; the limit enforced is the larger of it
	 * and CONFIG_LSM_MMAP_MIN_ADDR (x86_64 Debian: 65536 and 65536; armmp:
	 * 4096 and 32768, so an ARM hint below 32 KiB moves up to 0x8000).
	 */
	unsigned long k_dac_mmap_min_addr;
	unsigned long k_mmap_min_addr;
	/* VM_SOFTDIRTY with CONFIG_MEM_SOFT_DIRTY, else 0 (32-bit ARM has none) */
	unsigned long vm_softdirty;
	unsigned long k_stack_guard_gap;  /* 256 pages */
	/* mm/huge_memory.c, mm/memory.c */
	struct page *huge_zero_page;
	unsigned long k_fault_around_bytes;
	struct page *zero_page;         /* ZERO_PAGE(0): empty_zero_page */
	/*
	 * SPLIT_RSS_COUNTING (include/linux/mm_types_task.h): 6.1 defines it
	 * when CONFIG_NR_CPUS >= CONFIG_SPLIT_PTLOCK_CPUS on an MMU kernel;
	 * resolved from the machine's .config when the state is made.
	 */
	bool split_rss_counting;
	/* kernel/fork.c caches */
	struct kmem_cache *mm_cachep, *vm_area_cachep, *anon_vma_cachep,
		*anon_vma_chain_cachep, *task_struct_cachep, *signal_cachep,
		*files_cachep, *filp_cachep, *shmem_inode_cachep;
	/* tasks: kernel/pid.c, kernel/fork.c */
	int last_pid;
	struct list_head tasks;
	int nr_tasks;
	/*
	 * kernel/fork.c's tasklist_lock: written to add or remove a task
	 * (the task list, pids, parent/child links), read to walk them.
	 */
	rwlock_t k_tasklist_lock;
	/* mm/rmap.c: the RCU read section of an rmap walk (see its top) */
	struct rw_semaphore anon_vma_rcu;
	/* mm/oom_kill.c: vm.panic_on_oom, vm.oom_kill_allocating_task,
	 * vm.oom_dump_tasks (1); victims alive; the oom_reaper thread and the
	 * victims waiting for it (linked by task->oom_reaper_list);
	 * oom_kill_process's ratelimit */
	int oom_panic_on_oom, oom_kill_allocating_task, oom_dump_tasks;
	int oom_victims;
	struct kthread *oom_reaper_th;
	struct task_struct *oom_reaper_list;
	u64 oom_rs_begin;
	int oom_rs_printed;
	unsigned long oom_rs_missed;
	/* mm/shmem.c: the tmpfs root's inodes */
	struct list_head shmem_inodes;
	struct list_head shmem_live_inodes; /* named or not, until evicted */
	unsigned long last_ino;
	/* host/tlb.c: each simulated CPU's TLB (nr_tlbs of them, made here) */
	struct mmsim_tlb *tlbs;
	unsigned int nr_tlbs;
	/* mmsim: the caches and zero page are made (once, under caches_lock) */
	spinlock_t caches_lock;
	bool caches_ready;
};

#define sysctl_overcommit_memory (mmsim_proc_state()->overcommit_memory)
#define tasklist_lock (mmsim_proc_knobs()->k_tasklist_lock)
/*
 * The compaction tunables live in the page allocator's state, set when
 * the machine is made: the allocation path reads them, and making the
 * process side (which allocates the zero page) from inside an
 * allocation, possibly on two CPUs at once, would lose that page.
 */
#define sysctl_compaction_proactiveness (current_machine->mm.compaction_proactiveness)
#define sysctl_extfrag_threshold (current_machine->mm.extfrag_threshold)
#define sysctl_compact_unevictable_allowed (current_machine->mm.compact_unevictable_allowed)
#define sysctl_overcommit_ratio (mmsim_proc_state()->overcommit_ratio)
#define sysctl_overcommit_kbytes (mmsim_proc_state()->overcommit_kbytes)
#define sysctl_user_reserve_kbytes (mmsim_proc_state()->user_reserve_kbytes)
#define sysctl_admin_reserve_kbytes (mmsim_proc_state()->admin_reserve_kbytes)
#define vm_committed_as (mmsim_proc_state()->committed_as)
#define sysctl_max_map_count (mmsim_proc_state()->max_map_count)
#define mmap_min_addr (mmsim_proc_state()->k_mmap_min_addr)
#define dac_mmap_min_addr (mmsim_proc_state()->k_dac_mmap_min_addr)
#define stack_guard_gap (mmsim_proc_state()->k_stack_guard_gap)
#define fault_around_bytes (mmsim_proc_state()->k_fault_around_bytes)

#endif /* _MMSIM_PROC_STATE_H */
