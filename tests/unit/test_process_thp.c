// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_process_thp.c — transparent huge pages on anonymous
 * faults, on a 1 GiB pc machine (THP "always", as Debian's 6.1 has it).
 *
 * Each scenario maps 4 MiB of anonymous memory below mmap_base; its
 * 2 MiB-aligned block [H, H + 2M) is where a huge PMD can go.  Each ends
 * with every task gone, no page lost (the huge zero page, once made,
 * stays) and the counters back, validators after every step.
 */
#include "test_process.h"

static unsigned long thp_block(unsigned long a)
{
	return (a + HPAGE_PMD_SIZE - 1) & HPAGE_PMD_MASK;
}

/*
 * Scenario: a write into the aligned block.  Expect one fault, one THP
 * (thp_fault_alloc, NR_ANON_THPS 512, rss 512), VmPTE = PUD + PMD +
 * the deposited PTE page, the whole block readable without a fault.
 */
static void test_thp_write_fault(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 4 << 20, PROT_RW, MAP_ANON_PRIV), h = thp_block(a);
	unsigned long alloc = sum_vm_event(THP_FAULT_ALLOC);

	CHECK_EQ("write", 0, ptest_access(t->main, h + 4096 * 3, 1, MMSIM_WRITE, 9));
	CHECK_EQ("thp_fault_alloc", alloc + 1, sum_vm_event(THP_FAULT_ALLOC));
	CHECK_EQ("rss", HPAGE_PMD_NR, mmsim_mm_counter_exact(t->main->mm, MM_ANONPAGES));
	CHECK_EQ("NR_ANON_THPS", HPAGE_PMD_NR, global_node_page_state_snapshot(NR_ANON_THPS));
	CHECK_EQ("VmPTE", 3 * PAGE_SIZE, mm_pgtables_bytes(t->main->mm));
	CHECK_EQ("read the block", 0, ptest_access(t->main, h, HPAGE_PMD_SIZE, MMSIM_READ, 0));
	CHECK_EQ("min_flt: one fault", 1, t->main->min_flt);
	CHECK_EQ("the byte", 0, ptest_access(t->main, h + 4096 * 3, 1, MMSIM_CHECK, 9));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a read of the block, then a write.  Expect the huge zero
 * page (no rss), then a split (thp_split_pmd) and one 4 KiB copy.
 */
static void test_thp_zero_page_then_write(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 4 << 20, PROT_RW, MAP_ANON_PRIV), h = thp_block(a);
	unsigned long split = sum_vm_event(THP_SPLIT_PMD);

	CHECK_EQ("read", 0, ptest_access(t->main, h, 1, MMSIM_READ, 0));
	CHECK_EQ("rss after the read", 0, mmsim_mm_counter_exact(t->main->mm, MM_ANONPAGES));
	CHECK_VALID();
	CHECK_EQ("write", 0, ptest_access(t->main, h + 8192, 1, MMSIM_WRITE, 1));
	CHECK_EQ("thp_split_pmd", split + 1, sum_vm_event(THP_SPLIT_PMD));
	CHECK_EQ("rss after the write", 1, mmsim_mm_counter_exact(t->main->mm, MM_ANONPAGES));
	CHECK_EQ("still zero around", 0, ptest_access(t->main, h, 8192, MMSIM_CHECK, 0));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a THP, fork, the child writes one byte, the parent writes
 * one byte.  Expect each split and a 4 KiB copy each, the rest of the
 * THP still shared, the contents private.
 */
static void test_thp_fork_cow(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 4 << 20, PROT_RW, MAP_ANON_PRIV), h = thp_block(a);
	struct task_struct *child;

	CHECK_EQ("fill", 0, ptest_access(t->main, h, HPAGE_PMD_SIZE, MMSIM_FILL, 3));
	child = find_task_by_vpid(mmsim_fork(t->main));
	CHECK_EQ("child rss", HPAGE_PMD_NR, mmsim_mm_counter_exact(child->mm, MM_ANONPAGES));
	CHECK_VALID();
	CHECK_EQ("child write", 0, ptest_access(child, h + 100, 1, MMSIM_WRITE, 4));
	CHECK_VALID();
	CHECK_EQ("parent write", 0, ptest_access(t->main, h + 5000, 1, MMSIM_WRITE, 5));
	CHECK_VALID();
	CHECK_EQ("parent keeps 3", 0, ptest_access(t->main, h + 100, 1, MMSIM_CHECK, 3));
	CHECK_EQ("child keeps 3", 0, ptest_access(child, h + 5000, 1, MMSIM_CHECK, 3));
	CHECK_EQ("child's own", 0, ptest_access(child, h + 100, 1, MMSIM_CHECK, 4));
	mmsim_exit(child);
	set_current(t->main);
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a THP, then munmap of its upper half, mprotect of a page in
 * the lower half, mremap of another THP to a new 2 MiB-aligned place.
 * Expect splits where a boundary cuts the block, rss to follow, the
 * moved THP still one PMD.
 */
static void test_thp_partial_unmap_mprotect_mremap(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long a = ptest_mmap(0, 8 << 20, PROT_RW, MAP_ANON_PRIV), h = thp_block(a);
	unsigned long m;

	CHECK_EQ("write", 0, ptest_access(t->main, h, 1, MMSIM_WRITE, 1));
	CHECK_EQ("write 2", 0, ptest_access(t->main, h + HPAGE_PMD_SIZE, 1, MMSIM_WRITE, 2));
	CHECK_EQ("munmap upper half", 0, __vm_munmap(h + HPAGE_PMD_SIZE / 2, HPAGE_PMD_SIZE / 2, false));
	CHECK_EQ("rss", HPAGE_PMD_NR + HPAGE_PMD_NR / 2, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_VALID();
	CHECK_EQ("mprotect a page", 0, do_mprotect_pkey(h + 4096, 4096, PROT_READ, -1));
	CHECK_VALID();
	m = __do_sys_mremap(h + HPAGE_PMD_SIZE, HPAGE_PMD_SIZE, HPAGE_PMD_SIZE,
			    MREMAP_MAYMOVE | MREMAP_FIXED, 0x40000000);
	CHECK_EQ("mremap", 0x40000000, m);
	CHECK_EQ("moved data", 0, ptest_access(t->main, m, 1, MMSIM_CHECK, 2));
	CHECK_EQ("NR_ANON_THPS: the moved one", HPAGE_PMD_NR,
		 global_node_page_state_snapshot(NR_ANON_THPS));
	CHECK_VALID();
	CHECK_EQ("dontneed half", 0, do_madvise(mm, m, HPAGE_PMD_SIZE / 2, MADV_DONTNEED));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: MADV_NOHUGEPAGE on the mapping, then a write.  Expect a
 * 4 KiB page, no THP.
 */
static void test_thp_nohugepage(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 4 << 20, PROT_RW, MAP_ANON_PRIV), h = thp_block(a);

	CHECK_EQ("nohugepage", 0, do_madvise(t->main->mm, a, 4 << 20, MADV_NOHUGEPAGE));
	CHECK_EQ("write", 0, ptest_access(t->main, h, 1, MMSIM_WRITE, 1));
	CHECK_EQ("rss", 1, mmsim_mm_counter_exact(t->main->mm, MM_ANONPAGES));
	CHECK_VALID();
	ptest_all_exit(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST_1G(test_thp_write_fault),
		PTEST_1G(test_thp_zero_page_then_write),
		PTEST_1G(test_thp_fork_cow),
		PTEST_1G(test_thp_partial_unmap_mprotect_mremap),
		PTEST_1G(test_thp_nohugepage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
