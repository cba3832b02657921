/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_process.h — shared set-up of the process tests: a
 * booted pc machine (512 MiB, 2 CPUs, nokaslr), one task `main` made
 * current, and checks that run the validators.
 */
#ifndef _MMSIM_TESTS_PROCESS_H
#define _MMSIM_TESTS_PROCESS_H

#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/slab.h"
#include "linux/gfp.h"
#include "linux/vmstat.h"
#include "mm/process_internal.h"
#include "mm/slab.h"
#include "mm/internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROT_RW (PROT_READ | PROT_WRITE)
#define MAP_ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

struct ptest {
	struct machine *m;
	struct task_struct *main;
	unsigned long free_before, pagetable_before, file_before;
};

/* Free every empty slab of the process caches (so page counts compare). */
static inline void ptest_shrink(void)
{
	struct mm_proc_state *ps = mmsim_proc_state();
	struct kmem_cache *c[] = { ps->mm_cachep, ps->vm_area_cachep,
		ps->anon_vma_cachep, ps->anon_vma_chain_cachep,
		ps->task_struct_cachep, ps->signal_cachep, ps->files_cachep,
		ps->filp_cachep, ps->shmem_inode_cachep };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		kmem_cache_shrink(c[i]);
	drain_all_pages(NULL);  /* pages on per-CPU lists are not "free" */
}

/*
 * Free pages plus pages of slabs (found by a walk of the memory map, so
 * CPU slabs count too): the pages not in user or page-table use.
 */
static inline unsigned long ptest_free_or_slab(void)
{
	unsigned long pages = nr_free_pages(), pfn;

	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = compound_head(pfn_to_page(pfn));
		if (PageSlab(page))
			pages++;
	}
	return pages;
}

static inline int ptest_setup(void **state)
{
	struct ptest *t = calloc(1, sizeof(*t));
	struct machine_desc d;

	test_machine_desc_default(&d);
	strcat(d.cmdline, " nokaslr");
	t->m = test_machine_boot(&d);
	/*
	 * Two tasks made and gone warm the caches up: after that a task's
	 * exit and a shrink leave the slabs as they were.
	 */
	for (int i = 0; i < 2; i++) {
		t->main = mmsim_task_create("warm-up");
		if (!t->main)
			fail_msg("mmsim_task_create: NULL");
		mmsim_exit(t->main);
		ptest_shrink();
	}
	t->free_before = ptest_free_or_slab();
	t->pagetable_before = global_node_page_state_snapshot(NR_PAGETABLE);
	t->file_before = global_node_page_state_snapshot(NR_FILE_PAGES);
	t->main = mmsim_task_create("probe");
	if (!t->main)
		fail_msg("mmsim_task_create: NULL");
	set_current(t->main);
	*state = t;
	return 0;
}

static inline int ptest_teardown(void **state)
{
	struct ptest *t = *state;

	set_current(NULL);
	test_machine_destroy(t->m);
	free(t);
	return 0;
}

#define PTEST(f) cmocka_unit_test_setup_teardown(f, ptest_setup, ptest_teardown)

#define CHECK_VALID()                                                         \
	do {                                                                  \
		char _msg[256] = "";                                          \
		int _r = mmsim_validate_processes(_msg, sizeof(_msg));        \
		if (_r)                                                       \
			fail_msg("validate_processes: %s", _msg);             \
	} while (0)

/* Exit every task, give back empty slabs: every page must be back. */
static inline void ptest_all_exit(struct ptest *t)
{
	struct list_head *tasks = mmsim_task_list();

	set_current(NULL);
	while (!list_empty(tasks))
		mmsim_exit(list_last_entry(tasks, struct task_struct, tasks));
	ptest_shrink();
	/*
	 * SLUB may give back, later, a page it held at the baseline (a
	 * deferred slab free), so the count may only have grown.
	 */
	if (ptest_free_or_slab() < t->free_before)
		fail_msg("free + slab pages after every task exited: expected at least %lu, got %lu",
			 t->free_before, ptest_free_or_slab());
	CHECK_EQ("NR_PAGETABLE", t->pagetable_before,
		 global_node_page_state_snapshot(NR_PAGETABLE));
	CHECK_EQ("NR_SHMEM", 0, global_node_page_state_snapshot(NR_SHMEM));
	CHECK_EQ("NR_FILE_PAGES", t->file_before, global_node_page_state_snapshot(NR_FILE_PAGES));
	CHECK_EQ("NR_ANON_MAPPED", 0, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_EQ("NR_FILE_MAPPED", 0, global_node_page_state_snapshot(NR_FILE_MAPPED));
	CHECK_EQ("Committed_AS", 0, vm_memory_committed());
}

static inline unsigned long ptest_mmap(unsigned long addr, unsigned long len,
				       unsigned long prot, unsigned long flags)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, (unsigned long)-1, 0);
}

static inline int ptest_access(struct task_struct *task, unsigned long addr,
			       unsigned long len, enum mmsim_access_op op, u8 byte)
{
	struct mmsim_access_result r;
	int sig = mmsim_access(task, addr, len, op, byte, PAGE_SIZE, &r);

	if (op == MMSIM_CHECK && r.mismatch)
		return -1;
	return sig;
}

#endif /* _MMSIM_TESTS_PROCESS_H */
