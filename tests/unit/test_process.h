/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_process.h — shared set-up of the process tests: a
 * booted pc machine (512 MiB, 2 CPUs, nokaslr), one task `main` made
 * current, and checks that run the validators.
 */
#ifndef _MMSIM_TESTS_PROCESS_H
#define _MMSIM_TESTS_PROCESS_H

#include "testmachine.h"
#include "process_tasks.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/slab.h"
#include "linux/gfp.h"
#include "linux/huge_mm.h"
#include "linux/vmstat.h"
#include "linux/swap_lru.h"
#include "mm/process_internal.h"
#include "mm/slab.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"
#include "mmsim/swap_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROT_RW (PROT_READ | PROT_WRITE)
#define MAP_ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

struct ptest {
	struct machine *m;
	struct task_struct *main;
	unsigned long pagetable_before, file_before;
	unsigned char *in_use;     /* per pfn: in use at the baseline */
};

/* Free every empty slab of the process caches (so page counts compare). */
static inline void ptest_shrink(void)
{
	ptasks_shrink_caches();
}

/*
 * Is @pfn in use outside the allocators' own hands: a page with a
 * reference that is not part of a slab?  (Free pages, pages on per-CPU
 * lists and slab pages move between one another as SLUB and the buddy
 * allocator please; a page a process used must come back to them.)
 */
static inline bool ptest_pfn_in_use(unsigned long pfn)
{
	struct page *page;

	if (!pfn_valid(pfn))
		return false;
	page = compound_head(pfn_to_page(pfn));
	return !PageBuddy(page) && !PageSlab(page) && page_ref_count(page) > 0;
}

static inline unsigned char *ptest_in_use_map(void)
{
	unsigned char *map = calloc(max_pfn, 1);
	unsigned long pfn;

	for (pfn = 0; pfn < max_pfn; pfn++)
		map[pfn] = ptest_pfn_in_use(pfn);
	return map;
}

static inline int ptest_setup_ram(void **state, u64 ram)
{
	struct ptest *t = calloc(1, sizeof(*t));
	struct machine_desc d;

	test_machine_desc_default(&d);
	if (ram)
		d.ram_size = ram;
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
	t->in_use = ptest_in_use_map();
	t->pagetable_before = global_node_page_state_snapshot(NR_PAGETABLE);
	t->file_before = global_node_page_state_snapshot(NR_FILE_PAGES);
	t->main = mmsim_task_create("probe");
	if (!t->main)
		fail_msg("mmsim_task_create: NULL");
	set_current(t->main);
	*state = t;
	return 0;
}

/*
 * A 128 MiB machine of @cpus CPUs with its task `probe` current and, when
 * @swap_bytes, a swap device of that size: no warm-up or baseline, for the
 * tests of when and where kernel threads run (test_ktime, test_kthread_cpu).
 */
static inline int ptest_boot_cpus(void **state, unsigned int cpus, u64 swap_bytes)
{
	struct ptest *t = calloc(1, sizeof(*t));
	struct machine_desc d;

	test_machine_desc_default(&d);
	d.ram_size = 128ULL << 20;
	d.smp_cpus = d.max_cpus = cpus;
	strcat(d.cmdline, " nokaslr");
	t->m = test_machine_boot(&d);
	t->main = mmsim_task_create("probe");
	if (!t->main)
		fail_msg("mmsim_task_create: NULL");
	set_current(t->main);
	if (swap_bytes && mmsim_swapon("/dev/vda", swap_bytes))
		fail_msg("mmsim_swapon(%lluM) failed", (unsigned long long)(swap_bytes >> 20));
	*state = t;
	return 0;
}

static inline int ptest_setup(void **state)
{
	return ptest_setup_ram(state, 0);
}

/* 1 GiB: 6.1 turns transparent huge pages on (512 MiB and up). */
static inline int ptest_setup_1g(void **state)
{
	return ptest_setup_ram(state, 1ULL << 30);
}

/* Small machines, for memory pressure: compaction (256 MiB), OOM (128 MiB). */
static inline int ptest_setup_256m(void **state)
{
	return ptest_setup_ram(state, 256ULL << 20);
}

static inline int ptest_setup_128m(void **state)
{
	return ptest_setup_ram(state, 128ULL << 20);
}

static inline int ptest_teardown(void **state)
{
	struct ptest *t = *state;

	set_current(NULL);
	test_machine_destroy(t->m);
	free(t->in_use);
	free(t);
	return 0;
}

#define PTEST(f) cmocka_unit_test_setup_teardown(f, ptest_setup, ptest_teardown)
#define PTEST_1G(f) cmocka_unit_test_setup_teardown(f, ptest_setup_1g, ptest_teardown)
#define PTEST_256M(f) cmocka_unit_test_setup_teardown(f, ptest_setup_256m, ptest_teardown)
#define PTEST_128M(f) cmocka_unit_test_setup_teardown(f, ptest_setup_128m, ptest_teardown)

#define CHECK_VALID()                                                         \
	do {                                                                  \
		char _msg[256] = "";                                          \
		int _r = mmsim_validate_processes(_msg, sizeof(_msg));        \
		if (_r)                                                       \
			fail_msg("validate_processes: %s", _msg);             \
		if (lru_validate(_msg, sizeof(_msg)))                         \
			fail_msg("lru_validate: %s", _msg);                   \
	} while (0)

/* The seeded generator of the stress tests (xorshift64): reproducible runs. */
static inline u64 ptest_xorshift(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * The validators after a named step of a pressure test: the LRU lists
 * against their counters, the processes, and with @with_swap the swap map
 * against the swap entries in page tables.
 */
static inline void ptest_check_step(const char *step, bool with_swap)
{
	char msg[256] = "";

	if (lru_validate(msg, sizeof(msg)))
		fail_msg("%s: lru_validate: %s", step, msg);
	if (mmsim_validate_processes(msg, sizeof(msg)))
		fail_msg("%s: validate_processes: %s", step, msg);
	if (with_swap && mmsim_validate_swap(msg, sizeof(msg)))
		fail_msg("%s: validate_swap: %s", step, msg);
}

/* Exit every task, give back empty slabs: every page must be back. */
static inline void ptest_all_exit(struct ptest *t)
{
	struct list_head *tasks = mmsim_task_list();

	set_current(NULL);
	while (!list_empty(tasks))
		mmsim_exit(list_last_entry(tasks, struct task_struct, tasks));
	ptest_shrink();
	{
		struct page *hz = mmsim_proc_state()->huge_zero_page;
		unsigned long pfn, hz_pfn = hz ? page_to_pfn(hz) : 0;

		for (pfn = 0; pfn < max_pfn; pfn++) {
			if (t->in_use[pfn] || !ptest_pfn_in_use(pfn))
				continue;
			if (hz && pfn >= hz_pfn && pfn < hz_pfn + HPAGE_PMD_NR)
				continue;       /* the huge zero page stays, as in 6.1 */
			fail_msg("pfn %#lx: in use after every task exited (flags %#lx, refcount %d)",
				 pfn, pfn_to_page(pfn)->flags, page_ref_count(pfn_to_page(pfn)));
		}
	}
	CHECK_EQ("NR_PAGETABLE", t->pagetable_before,
		 global_node_page_state_snapshot(NR_PAGETABLE));
	CHECK_EQ("NR_SHMEM", 0, global_node_page_state_snapshot(NR_SHMEM));
	CHECK_EQ("NR_FILE_PAGES", t->file_before, global_node_page_state_snapshot(NR_FILE_PAGES));
	CHECK_EQ("NR_ANON_MAPPED", 0, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_EQ("NR_FILE_MAPPED", 0, global_node_page_state_snapshot(NR_FILE_MAPPED));
	CHECK_EQ("Committed_AS (stack growth of unaccounted VMAs stays)",
		 (unsigned long)mmsim_proc_state()->stack_charge_kept,
		 vm_memory_committed());
}

/* /proc/meminfo's Mlocked, in pages, exactly. */
static inline unsigned long ptest_nr_mlock(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		n += zone_page_state_snapshot(zone, NR_MLOCK);
	return n;
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
