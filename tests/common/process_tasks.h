/* SPDX-License-Identifier: MIT */
/*
 * tests/common/process_tasks.h — small helpers over the tasks of the
 * current machine, shared by the process tests (tests/unit/test_process*.c)
 * and the process fuzz target (tests/fuzz/fuzz_process.c).  Header only,
 * no test framework: the fuzz build links none.
 */
#ifndef _MMSIM_TESTS_PROCESS_TASKS_H
#define _MMSIM_TESTS_PROCESS_TASKS_H

#include "linux/kernel.h"
#include "linux/slab.h"
#include "linux/gfp.h"
#include "linux/mman.h"
#include "linux/swap_lru.h"
#include "mmsim/proc_state.h"
#include "mmsim/process.h"

/* Every advice of docs/WORKLOAD.md's madvise. */
static const int ptasks_advice[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
	MADV_WILLNEED, MADV_DONTNEED, MADV_FREE, MADV_REMOVE,
	MADV_DONTFORK, MADV_DOFORK, MADV_WIPEONFORK, MADV_KEEPONFORK,
	MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_COLD, MADV_PAGEOUT,
	MADV_POPULATE_READ, MADV_POPULATE_WRITE };

/* How many tasks the machine has. */
static inline int ptasks_count(void)
{
	struct task_struct *t;
	int n = 0;

	list_for_each_entry(t, mmsim_task_list(), tasks)
		n++;
	return n;
}

/* The task at position @k (0 = the first made) of the machine's list. */
static inline struct task_struct *ptasks_nth(int k)
{
	struct task_struct *t;

	list_for_each_entry(t, mmsim_task_list(), tasks)
		if (k-- == 0)
			return t;
	return NULL;
}

/* Free every empty slab of the process caches, drain the per-CPU lists. */
static inline void ptasks_shrink_caches(void)
{
	struct mm_proc_state *ps = mmsim_proc_state();
	struct kmem_cache *c[] = { ps->mm_cachep, ps->vm_area_cachep,
		ps->anon_vma_cachep, ps->anon_vma_chain_cachep,
		ps->task_struct_cachep, ps->signal_cachep, ps->files_cachep,
		ps->filp_cachep, ps->shmem_inode_cachep };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		if (c[i])
			kmem_cache_shrink(c[i]);
	lru_add_drain_all();    /* per-CPU LRU batches hold references */
	drain_all_pages(NULL);  /* pages on per-CPU lists are not "free" */
}

#endif /* _MMSIM_TESTS_PROCESS_TASKS_H */
