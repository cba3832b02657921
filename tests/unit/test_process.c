// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_process.c — address spaces, page faults and fork on a
 * booted x86_64 machine, through the C API of <mmsim/process.h>.
 *
 * Each test starts from one empty task (see test_process.h) and ends by
 * exiting every task and checking that every page came back, the node
 * counters and Committed_AS returned to zero, and the validators agree
 * with the counters after each step.
 */
#include "test_process.h"
#include "linux/pgtable.h"
#include "mmsim/tlb.h"

static const unsigned long MMAP_BASE = 0x7ffff7fff000UL;

/*
 * Scenario: two anonymous mmaps without a hint, then a write to the
 * first page and a read of the second of the lower one.
 *
 *   mmap_base  +------+ <- first (4 pages)
 *              |  A   |
 *              +------+ <- second (2 pages), merged with A into one VMA
 *
 * Expect top-down placement right below mmap_base, one VMA, the write
 * fault giving an anonymous page (rss, NR_ANON_MAPPED, min_flt) and the
 * read mapping the zero page (no rss), both faults counted.
 */
static void test_mmap_topdown_merge_and_faults(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long a, b;

	CHECK_EQ("mmap_base", MMAP_BASE, mm->mmap_base);
	a = ptest_mmap(0, 4 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	CHECK_EQ("first mmap", MMAP_BASE - 4 * PAGE_SIZE, a);
	b = ptest_mmap(0, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	CHECK_EQ("second mmap", a - 2 * PAGE_SIZE, b);
	CHECK_EQ("map_count after a merge", 1, mm->map_count);
	CHECK_EQ("total_vm", 6, mm->total_vm);
	CHECK_EQ("data_vm", 6, mm->data_vm);
	CHECK_EQ("Committed_AS", 6, vm_memory_committed());
	CHECK_EQ("write", 0, ptest_access(t->main, b, 1, MMSIM_WRITE, 0x5a));
	CHECK_EQ("read", 0, ptest_access(t->main, b + PAGE_SIZE, 1, MMSIM_READ, 0));
	CHECK_EQ("MM_ANONPAGES", 1, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("NR_ANON_MAPPED", 1, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_EQ("min_flt", 2, t->main->min_flt);
	CHECK_EQ("check written byte", 0, ptest_access(t->main, b, 1, MMSIM_CHECK, 0x5a));
	CHECK_EQ("check zero page", 0,
		 ptest_access(t->main, b + PAGE_SIZE, PAGE_SIZE, MMSIM_CHECK, 0));
	CHECK_EQ("VmPTE: a PUD, a PMD and a PTE page", 3 * PAGE_SIZE,
		 mm_pgtables_bytes(mm));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: mprotect the middle page of a 3-page RW mapping read-only,
 * then back.  Expect a split into three VMAs, then a merge back to one;
 * a write to the read-only page is SIGSEGV at its address; after the
 * protection comes back, the page written before is writable without a
 * new fault (it is exclusive: MM_CP_TRY_CHANGE_WRITABLE).
 */
static void test_mprotect_split_merge(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long a = ptest_mmap(0, 3 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long flt;

	CHECK_EQ("write all", 0, ptest_access(t->main, a, 3 * PAGE_SIZE, MMSIM_WRITE, 1));
	CHECK_EQ("mprotect r--", 0, do_mprotect_pkey(a + PAGE_SIZE, PAGE_SIZE, PROT_READ, -1));
	CHECK_EQ("map_count after the split", 3, mm->map_count);
	CHECK_EQ("write to r-- page", SIGSEGV,
		 ptest_access(t->main, a + PAGE_SIZE + 8, 1, MMSIM_WRITE, 2));
	CHECK_VALID();
	CHECK_EQ("mprotect rw-", 0, do_mprotect_pkey(a + PAGE_SIZE, PAGE_SIZE, PROT_RW, -1));
	CHECK_EQ("map_count after the merge", 1, mm->map_count);
	flt = t->main->min_flt;
	CHECK_EQ("write again", 0, ptest_access(t->main, a + PAGE_SIZE, 1, MMSIM_WRITE, 3));
	CHECK_EQ("no fault: writable again at once", flt, t->main->min_flt);
	CHECK_EQ("mprotect of a hole", -ENOMEM, do_mprotect_pkey(a - PAGE_SIZE, PAGE_SIZE, PROT_READ, -1));
	CHECK_EQ("mprotect unaligned", -EINVAL, do_mprotect_pkey(a + 1, PAGE_SIZE, PROT_READ, -1));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: munmap the middle of a populated 4-page mapping; MAP_FIXED
 * over the hole; MAP_FIXED_NOREPLACE on it.  Expect two VMAs and two
 * pages freed, then the hole refilled and merged into one VMA, then
 * -EEXIST.
 */
static void test_munmap_fixed(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long a = ptest_mmap(0, 4 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV | MAP_POPULATE);

	CHECK_EQ("populated", 4, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("munmap", 0, __vm_munmap(a + PAGE_SIZE, 2 * PAGE_SIZE, false));
	CHECK_EQ("map_count", 2, mm->map_count);
	CHECK_EQ("rss", 2, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("read the hole", SIGSEGV, ptest_access(t->main, a + PAGE_SIZE, 1, MMSIM_READ, 0));
	CHECK_VALID();
	CHECK_EQ("MAP_FIXED", a + PAGE_SIZE,
		 ptest_mmap(a + PAGE_SIZE, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV | MAP_FIXED));
	CHECK_EQ("map_count after the refill", 1, mm->map_count);
	CHECK_EQ("MAP_FIXED_NOREPLACE", (unsigned long)-EEXIST,
		 ptest_mmap(a, PAGE_SIZE, PROT_RW, MAP_ANON_PRIV | MAP_FIXED_NOREPLACE));
	CHECK_EQ("munmap unaligned", -EINVAL, __vm_munmap(a + 1, PAGE_SIZE, false));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: fork after the parent wrote a page; the child writes it,
 * then the parent writes it.  Expect the child's write to copy
 * (wp_page_copy: a new page, the old one's mapcount back to 1), the
 * parent's to reuse its page (refcount 1: no copy), both contents
 * private, and the child's exit to free its copy.
 */
static void test_fork_cow(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	struct task_struct *child;
	unsigned long anon_before;
	int pid;

	CHECK_EQ("parent write", 0, ptest_access(t->main, a, 1, MMSIM_WRITE, 0x11));
	pid = mmsim_fork(t->main);
	if (pid <= 0)
		fail_msg("fork: %d", pid);
	child = find_task_by_vpid(pid);
	CHECK_EQ("child rss", 1, mmsim_mm_counter_exact(child->mm, MM_ANONPAGES));
	CHECK_EQ("child map_count", 1, child->mm->map_count);
	CHECK_VALID();
	anon_before = global_node_page_state_snapshot(NR_ANON_MAPPED);
	CHECK_EQ("shared page", 1, anon_before);
	CHECK_EQ("child sees parent byte", 0, ptest_access(child, a, 1, MMSIM_CHECK, 0x11));
	CHECK_EQ("child write", 0, ptest_access(child, a, 1, MMSIM_WRITE, 0x22));
	CHECK_EQ("NR_ANON_MAPPED after COW", 2, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_EQ("child min_flt: one COW fault", 1, child->min_flt);
	CHECK_EQ("parent still 0x11", 0, ptest_access(t->main, a, 1, MMSIM_CHECK, 0x11));
	CHECK_EQ("parent write (reuse)", 0, ptest_access(t->main, a, 1, MMSIM_WRITE, 0x33));
	CHECK_EQ("NR_ANON_MAPPED after reuse", 2, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_EQ("child still 0x22", 0, ptest_access(child, a, 1, MMSIM_CHECK, 0x22));
	CHECK_VALID();
	mmsim_exit(child);
	set_current(t->main);
	CHECK_EQ("NR_ANON_MAPPED after the child exit", 1, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: MADV_DONTFORK on one VMA, MADV_WIPEONFORK on another, fork.
 * Expect the child without the first (total_vm lower) and with the
 * second empty (reads zero), the parent's data intact.
 */
static void test_fork_dontfork_wipeonfork(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long b = ptest_mmap(0, PAGE_SIZE, PROT_READ, MAP_ANON_PRIV);
	unsigned long c = ptest_mmap(0, PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	struct task_struct *child;

	(void)b;
	CHECK_EQ("write a", 0, ptest_access(t->main, a, 1, MMSIM_WRITE, 7));
	CHECK_EQ("write c", 0, ptest_access(t->main, c, 1, MMSIM_WRITE, 9));
	CHECK_EQ("dontfork", 0, do_madvise(t->main->mm, a, PAGE_SIZE, MADV_DONTFORK));
	CHECK_EQ("wipeonfork", 0, do_madvise(t->main->mm, c, PAGE_SIZE, MADV_WIPEONFORK));
	CHECK_EQ("wipeonfork of a shared mapping", -EINVAL,
		 do_madvise(t->main->mm, c, PAGE_SIZE, 99));
	child = find_task_by_vpid(mmsim_fork(t->main));
	if (!child)
		fail_msg("fork failed");
	CHECK_EQ("child total_vm", t->main->mm->total_vm - 1, child->mm->total_vm);
	CHECK_EQ("child: a not mapped", SIGSEGV, ptest_access(child, a, 1, MMSIM_READ, 0));
	CHECK_EQ("child: c wiped", 0, ptest_access(child, c, 1, MMSIM_CHECK, 0));
	CHECK_EQ("parent: c kept", 0, ptest_access(t->main, c, 1, MMSIM_CHECK, 9));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a heap set up as the ELF loader leaves it, grown by brk,
 * touched, shrunk.  Expect brk to return the new break, one VMA growing
 * in place, the pages of the shrunk part freed, brk below start_brk
 * refused (the old break returned).
 */
static void test_brk(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long base = 0x405000;

	mm->start_brk = mm->brk = base;
	CHECK_EQ("brk(0)", base, __do_sys_brk(0));
	CHECK_EQ("grow", base + 0x2100, __do_sys_brk(base + 0x2100));
	CHECK_EQ("grow again", base + 0x5000, __do_sys_brk(base + 0x5000));
	CHECK_EQ("map_count", 1, mm->map_count);
	CHECK_EQ("touch", 0, ptest_access(t->main, base, 0x5000, MMSIM_WRITE, 1));
	CHECK_EQ("rss", 5, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("shrink", base + 0x1000, __do_sys_brk(base + 0x1000));
	CHECK_EQ("rss after shrink", 1, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("below start_brk", base + 0x1000, __do_sys_brk(base - 0x1000));
	CHECK_EQ("past the heap", SIGSEGV, ptest_access(t->main, base + 0x1000, 1, MMSIM_READ, 0));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a stack VMA (VM_GROWSDOWN) with a readable page mapped 1 MiB
 * + 12 KiB below it; a touch one page below the stack, then one 4 KiB
 * above that page.  Expect the first to grow the stack by a page, the
 * second to be SIGSEGV (the stack may not come within stack_guard_gap,
 * 1 MiB, of an accessible VMA below); after that page becomes PROT_NONE
 * (not accessible: no gap kept, as 6.1) the same touch grows the stack.
 */
static void test_stack_growth_and_guard_gap(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long top = 0x7ffffffde000UL + 0x21000, s;
	unsigned long guard;

	s = ptest_mmap(top - 0x21000, 0x21000, PROT_RW,
		       MAP_ANON_PRIV | MAP_FIXED | MAP_GROWSDOWN);
	CHECK_EQ("stack mapped", top - 0x21000, s);
	CHECK_EQ("stack_vm", 0x21, mm->stack_vm);
	guard = ptest_mmap(s - 0x100000 - 0x3000, PAGE_SIZE, PROT_READ,
			   MAP_ANON_PRIV | MAP_FIXED);
	CHECK_EQ("grow by one page", 0, ptest_access(t->main, s - 8, 1, MMSIM_WRITE, 1));
	CHECK_EQ("stack start", s - PAGE_SIZE, find_vma(mm, s - 8)->vm_start);
	CHECK_EQ("into the gap", SIGSEGV,
		 ptest_access(t->main, guard + PAGE_SIZE + 0x1000, 1, MMSIM_WRITE, 1));
	CHECK_EQ("mprotect ---", 0, do_mprotect_pkey(guard, PAGE_SIZE, PROT_NONE, -1));
	CHECK_EQ("the PROT_NONE page", SIGSEGV, ptest_access(t->main, guard, 1, MMSIM_READ, 0));
	CHECK_EQ("grow next to PROT_NONE", 0,
		 ptest_access(t->main, guard + PAGE_SIZE + 0x1000, 1, MMSIM_WRITE, 1));
	CHECK_EQ("stack_vm", (top - (guard + 2 * PAGE_SIZE)) >> PAGE_SHIFT, mm->stack_vm);
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a tmpfs file of 3 pages written with pwrite, mapped shared
 * and private; a read through the shared mapping, a write through the
 * private one, an access past the end of the file.  Expect the file's
 * bytes through the mapping, the private write not reaching the file,
 * a write through the shared mapping reaching it, SIGBUS past EOF, and
 * Shmem pages freed with the last reference to the unlinked file.
 */
static void test_shmem_file(void **state)
{
	struct ptest *t = *state;
	char buf[PAGE_SIZE];
	unsigned long sh, pr;
	long fd;

	fd = do_sys_open(AT_FDCWD, "f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK_EQ("fd", 0, fd);
	CHECK_EQ("ftruncate", 0, do_sys_ftruncate((unsigned int)fd, 3 * PAGE_SIZE + 100, 0));
	memset(buf, 0x41, sizeof(buf));
	CHECK_EQ("pwrite", PAGE_SIZE, ksys_pwrite64((unsigned int)fd, buf, PAGE_SIZE, 0));
	CHECK_EQ("NR_SHMEM", 1, global_node_page_state_snapshot(NR_SHMEM));
	sh = ksys_mmap_pgoff(0, 5 * PAGE_SIZE, PROT_RW, MAP_SHARED, (unsigned long)fd, 0);
	pr = ksys_mmap_pgoff(0, 2 * PAGE_SIZE, PROT_RW, MAP_PRIVATE, (unsigned long)fd, 0);
	CHECK_EQ("shared read", 0, ptest_access(t->main, sh, PAGE_SIZE, MMSIM_CHECK, 0x41));
	CHECK_EQ("MM_SHMEMPAGES", 1, mmsim_mm_counter_exact(t->main->mm, MM_SHMEMPAGES));
	CHECK_EQ("private write", 0, ptest_access(t->main, pr, 1, MMSIM_WRITE, 0x42));
	CHECK_EQ("file unchanged", 1, ksys_pread64((unsigned int)fd, buf, 1, 0));
	CHECK_EQ("file byte", 0x41, (unsigned char)buf[0]);
	CHECK_EQ("shared write", 0, ptest_access(t->main, sh + PAGE_SIZE, 1, MMSIM_WRITE, 0x43));
	CHECK_EQ("file sees it", 1, ksys_pread64((unsigned int)fd, buf, 1, PAGE_SIZE));
	CHECK_EQ("file byte 2", 0x43, (unsigned char)buf[0]);
	CHECK_EQ("last page, in the file", 0, ptest_access(t->main, sh + 3 * PAGE_SIZE, 1, MMSIM_READ, 0));
	CHECK_EQ("past EOF", SIGBUS, ptest_access(t->main, sh + 4 * PAGE_SIZE, 1, MMSIM_READ, 0));
	CHECK_VALID();
	CHECK_EQ("unlink", 0, do_unlinkat(AT_FDCWD, "f"));
	CHECK_EQ("close", 0, close_fd((unsigned int)fd));
	CHECK_EQ("munmap shared", 0, __vm_munmap(sh, 5 * PAGE_SIZE, false));
	CHECK_EQ("munmap private", 0, __vm_munmap(pr, 2 * PAGE_SIZE, false));
	CHECK_EQ("NR_SHMEM after the last reference", 0, global_node_page_state_snapshot(NR_SHMEM));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a tmpfs file of 8 pages mapped shared three times by the
 * parent (b1 and b2 at page 0, four pages each; a at page 4, two pages),
 * then a fork.
 *
 *   i_mmap by vm_pgoff:  b1  b1'  b2  b2'  a  a'     (' = the child's copy)
 *
 * Expect the file's i_mmap in that order (equal offsets in insertion
 * order, each fork copy right after its parent's VMA, as 6.1's
 * vma_interval_tree_insert_after puts it), and a query of page 4 to give
 * a then a', of page 0 the four b VMAs.
 */
static void test_file_i_mmap(void **state)
{
	struct ptest *t = *state;
	struct vm_area_struct *want[6], *vma;
	struct address_space *mapping;
	struct task_struct *child;
	unsigned long b1, b2, a;
	long fd;
	int n;

	fd = do_sys_open(AT_FDCWD, "g", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK_EQ("fd", 0, fd);
	CHECK_EQ("ftruncate", 0, do_sys_ftruncate((unsigned int)fd, 8 * PAGE_SIZE, 0));
	b1 = ksys_mmap_pgoff(0, 4 * PAGE_SIZE, PROT_RW, MAP_SHARED, (unsigned long)fd, 0);
	b2 = ksys_mmap_pgoff(0, 4 * PAGE_SIZE, PROT_RW, MAP_SHARED, (unsigned long)fd, 0);
	a = ksys_mmap_pgoff(0, 2 * PAGE_SIZE, PROT_RW, MAP_SHARED, (unsigned long)fd, 4);
	child = find_task_by_vpid(mmsim_fork(t->main));
	if (!child)
		fail_msg("fork failed");
	want[0] = find_vma(t->main->mm, b1);
	want[1] = find_vma(child->mm, b1);
	want[2] = find_vma(t->main->mm, b2);
	want[3] = find_vma(child->mm, b2);
	want[4] = find_vma(t->main->mm, a);
	want[5] = find_vma(child->mm, a);
	mapping = want[0]->vm_file->f_mapping;
	n = 0;
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		if (n < 6 && vma != want[n])
			fail_msg("i_mmap entry %d: vma %#lx pgoff %lu (mm %s), expected %#lx (mm %s)",
				 n, vma->vm_start, vma->vm_pgoff,
				 vma->vm_mm == child->mm ? "child" : "parent",
				 want[n]->vm_start, n & 1 ? "child" : "parent");
		n++;
	}
	CHECK_EQ("i_mmap entries", 6, n);
	n = 0;
	vma_interval_tree_foreach(vma, &mapping->i_mmap, 4, 4)
		CHECK_EQ("page 4's VMA", (unsigned long)want[4 + n++], (unsigned long)vma);
	CHECK_EQ("VMAs mapping page 4", 2, n);
	n = 0;
	vma_interval_tree_foreach(vma, &mapping->i_mmap, 0, 0)
		n++;
	CHECK_EQ("VMAs mapping page 0", 4, n);
	CHECK_VALID();
	CHECK_EQ("close", 0, close_fd((unsigned int)fd));
	ptest_all_exit(t);
}

/*
 * Scenario: a shared anonymous mapping written by the parent, then by a
 * child.  Expect both to see each other's writes (one page, two
 * mappings), the page counted as Shmem.
 */
static void test_shared_anon_fork(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, PAGE_SIZE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS);
	struct task_struct *child;

	CHECK_EQ("parent write", 0, ptest_access(t->main, a, 1, MMSIM_WRITE, 5));
	child = find_task_by_vpid(mmsim_fork(t->main));
	CHECK_EQ("child reads it", 0, ptest_access(child, a, 1, MMSIM_CHECK, 5));
	CHECK_EQ("child write", 0, ptest_access(child, a, 1, MMSIM_WRITE, 6));
	CHECK_EQ("parent reads it", 0, ptest_access(t->main, a, 1, MMSIM_CHECK, 6));
	CHECK_EQ("NR_SHMEM", 1, global_node_page_state_snapshot(NR_SHMEM));
	CHECK_EQ("NR_FILE_MAPPED", 1, global_node_page_state_snapshot(NR_FILE_MAPPED));
	CHECK_VALID();
	ptest_all_exit(t);
	CHECK_EQ("NR_SHMEM after exit", 0, global_node_page_state_snapshot(NR_SHMEM));
}

/*
 * Scenario: mremap of a 2-page mapping with a read-only one right above:
 * grow by moving, grow in place refused without MAYMOVE, shrink,
 * DONTUNMAP, and grow in place into free space.  Expect the contents to
 * follow the moves and the old place of a DONTUNMAP move to read zero;
 * FIXED without MAYMOVE and an old_len of 0 on a private mapping to be
 * -EINVAL and leave the mapping as it was.
 */
static void test_mremap(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long blk = ptest_mmap(0, PAGE_SIZE, PROT_READ, MAP_ANON_PRIV);
	unsigned long a = ptest_mmap(0, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long b, c;

	CHECK_EQ("a right below blk", blk - 2 * PAGE_SIZE, a);
	CHECK_EQ("fill", 0, ptest_access(t->main, a, 2 * PAGE_SIZE, MMSIM_FILL, 0x77));
	b = __do_sys_mremap(a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE, 0);
	CHECK_EQ("no room above: moved", 1, b != a);
	CHECK_EQ("moved contents", 0, ptest_access(t->main, b, 2 * PAGE_SIZE, MMSIM_CHECK, 0x77));
	CHECK_EQ("old range gone", SIGSEGV, ptest_access(t->main, a, 1, MMSIM_READ, 0));
	CHECK_EQ("no move allowed", (unsigned long)-ENOMEM,
		 __do_sys_mremap(b, 4 * PAGE_SIZE, 64 * PAGE_SIZE, 0, 0));
	CHECK_EQ("shrink", b, __do_sys_mremap(b, 4 * PAGE_SIZE, PAGE_SIZE, 0, 0));
	CHECK_VALID();
	c = __do_sys_mremap(b, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	CHECK_EQ("DONTUNMAP moved", 1, !IS_ERR_VALUE(c) && c != b);
	CHECK_EQ("DONTUNMAP: data moved", 0, ptest_access(t->main, c, PAGE_SIZE, MMSIM_CHECK, 0x77));
	CHECK_EQ("DONTUNMAP: old empty", 0, ptest_access(t->main, b, PAGE_SIZE, MMSIM_CHECK, 0));
	CHECK_EQ("bad flags", (unsigned long)-EINVAL, __do_sys_mremap(b, PAGE_SIZE, PAGE_SIZE, 8, 0));
	CHECK_EQ("unmapped", (unsigned long)-EFAULT, __do_sys_mremap(a, PAGE_SIZE, PAGE_SIZE, 0, 0));
	CHECK_EQ("FIXED without MAYMOVE", (unsigned long)-EINVAL,
		 __do_sys_mremap(c, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, 0x30000000));
	CHECK_EQ("duplicate a private mapping", (unsigned long)-EINVAL,
		 __do_sys_mremap(c, 0, PAGE_SIZE, MREMAP_MAYMOVE, 0));
	CHECK_EQ("still there", 0, ptest_access(t->main, c, PAGE_SIZE, MMSIM_CHECK, 0x77));
	b = ptest_mmap(0x10000000, PAGE_SIZE, PROT_RW, MAP_ANON_PRIV | MAP_FIXED);
	CHECK_EQ("grow in place", b, __do_sys_mremap(b, PAGE_SIZE, 3 * PAGE_SIZE, 0, 0));
	CHECK_EQ("grown: total pages", 3, vma_pages(find_vma(mm, b)));
	(void)mm;
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: mlock of an untouched mapping, munlock; mlock onfault;
 * madvise dontneed of populated pages; populate_read/populate_write.
 * Expect locked_vm and Mlocked to follow, mlock to populate (rss), onfault not to,
 * dontneed to free the pages, populate_write to fault every page in.
 */
static void test_mlock_madvise(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long a = ptest_mmap(0, 4 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long b = ptest_mmap(0, 4 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV | MAP_NORESERVE);

	CHECK_EQ("mlock", 0, __do_sys_mlock2(a, 2 * PAGE_SIZE, 0));
	CHECK_EQ("locked_vm", 2, mm->locked_vm);
	CHECK_EQ("mlock populates", 2, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("Mlocked", 2, ptest_nr_mlock());
	CHECK_VALID();
	CHECK_EQ("dontneed on locked", -EINVAL, do_madvise(mm, a, PAGE_SIZE, MADV_DONTNEED));
	CHECK_EQ("munlock", 0, __do_sys_munlock(a, 4 * PAGE_SIZE));
	CHECK_EQ("locked_vm after munlock", 0, mm->locked_vm);
	CHECK_EQ("Mlocked after munlock", 0, ptest_nr_mlock());
	CHECK_EQ("mlock onfault", 0, __do_sys_mlock2(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, MLOCK_ONFAULT));
	CHECK_EQ("onfault does not populate", 2, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("munlock all", 0, __do_sys_munlock(a, 4 * PAGE_SIZE));
	CHECK_EQ("dontneed", 0, do_madvise(mm, a, 4 * PAGE_SIZE, MADV_DONTNEED));
	CHECK_EQ("rss after dontneed", 0, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("populate_write", 0, do_madvise(mm, b, 4 * PAGE_SIZE, MADV_POPULATE_WRITE));
	CHECK_EQ("rss after populate_write", 4, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("madvise hole", -ENOMEM, do_madvise(mm, b - 64 * PAGE_SIZE, 65 * PAGE_SIZE, MADV_NORMAL));
	CHECK_EQ("madvise bad advice", -EINVAL, do_madvise(mm, b, PAGE_SIZE, 1000));
	CHECK_EQ("free", 0, do_madvise(mm, b, 4 * PAGE_SIZE, MADV_FREE));
	CHECK_EQ("hugepage", 0, do_madvise(mm, b, 2 * PAGE_SIZE, MADV_HUGEPAGE));
	CHECK_EQ("map_count after a flag split", 3, mm->map_count);
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: every call with lengths and addresses at the edges of the
 * address space (wrap-around, the top of user space, zero).  Expect the
 * kernel's errors, no crash, and accesses above TASK_SIZE SIGSEGV at
 * the first such address.
 */
static void test_edges(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	struct mmsim_access_result r;

	CHECK_EQ("mmap len 0", (unsigned long)-EINVAL, ptest_mmap(0, 0, PROT_RW, MAP_ANON_PRIV));
	CHECK_EQ("mmap len ~0", (unsigned long)-ENOMEM, ptest_mmap(0, ~0UL, PROT_RW, MAP_ANON_PRIV));
	CHECK_EQ("mmap no type", (unsigned long)-EINVAL, ptest_mmap(0, 4096, PROT_RW, MAP_ANONYMOUS));
	CHECK_EQ("mmap bad fd", (unsigned long)-EBADF, ksys_mmap_pgoff(0, 4096, PROT_RW, MAP_PRIVATE, 7, 0));
	CHECK_EQ("mmap fixed at the top", (unsigned long)-ENOMEM,
		 ptest_mmap(TASK_SIZE_MAX, 4096, PROT_RW, MAP_ANON_PRIV | MAP_FIXED));
	CHECK_EQ("munmap ~0", -EINVAL, __vm_munmap(0x10000, ~0UL, false));
	CHECK_EQ("munmap 0", -EINVAL, __vm_munmap(0x10000, 0, false));
	CHECK_EQ("mprotect wrap", -ENOMEM, do_mprotect_pkey(0x10000, ~0UL - 0x1000, PROT_READ, -1));
	CHECK_EQ("mprotect bad prot", -EINVAL, do_mprotect_pkey(0x10000, 4096, 0x100, -1));
	CHECK_EQ("madvise wrap", -EINVAL, do_madvise(mm, 0x10000, ~0UL - 0x1000, MADV_NORMAL));
	CHECK_EQ("mlock wrap", -EINVAL, __do_sys_mlock2(0x10000, ~0UL - 0x1000, 0));
	CHECK_EQ("mlock bad flag", -EINVAL, __do_sys_mlock2(0x10000, 4096, 2));
	CHECK_EQ("mremap to 0", (unsigned long)-EINVAL, __do_sys_mremap(0x10000, 4096, 0, 0, 0));
	CHECK_EQ("mremap huge", (unsigned long)-EFAULT, __do_sys_mremap(0x10000, 4096, ~0UL >> 1, 1, 0));
	CHECK_EQ("brk to the top", mm->brk, __do_sys_brk(~0UL));
	CHECK_EQ("access across the top", SIGSEGV,
		 mmsim_access(t->main, ~0UL - 10, 100, MMSIM_READ, 0, 4096, &r));
	CHECK_EQ("at", ~0UL - 10, r.addr);
	CHECK_EQ("step 0", -EINVAL, mmsim_access(t->main, 0x10000, 100, MMSIM_READ, 0, 0, &r));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: a fault that cannot fix its entry.  A written page's PTE
 * loses _PAGE_USER behind the kernel's back (flushed, so the MMU walks):
 * a store then faults, the VMA allows it, and the fault handler finds a
 * present writable entry and calls it done, so each walk fails again.
 * Expect the access to end after the bounded retries with -EAGAIN, no
 * signal (the kernel would not send one), the address in the result and
 * the page's byte untouched; the entry put back, everything exits clean.
 */
static void test_fault_no_progress(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	struct mmsim_access_result r;
	pte_t *p, old;

	CHECK_EQ("write", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_FILL, 0x21));
	p = mmsim_pte_lookup(t->main->mm, a, NULL);
	assert_non_null(p);
	old = ptep_get(p);
	set_pte_at(t->main->mm, a, p, pte_clear_flags(old, _PAGE_USER));
	flush_tlb_mm(t->main->mm);
	CHECK_EQ("store through a kernel-only entry", -EAGAIN,
		 mmsim_access(t->main, a + 8, 1, MMSIM_WRITE, 0x42, PAGE_SIZE, &r));
	CHECK_EQ("no signal", 0, r.sig);
	CHECK_EQ("at", a + 8, r.addr);
	set_pte_at(t->main->mm, a, p, old);
	flush_tlb_mm(t->main->mm);
	CHECK_EQ("the page as it was", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_CHECK, 0x21));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: SPLIT_RSS_COUNTING, on in the Debian amd64 config
 * (NR_CPUS 8192 >= SPLIT_PTLOCK_CPUS 4).  With the task's cache just
 * folded, write 70 pages of a fresh mapping one fault each, then unmap
 * one page.
 *
 *   faults   1 .. 65      66            67 .. 70       munmap
 *   cache    +1 each      fold 65, +1   +1 each        fold, zap -1
 *   mm       0            65            65             69
 *
 * Expect /proc's view (get_mm_counter) to lag: 0 after 3 faults, 65 from
 * the 66th fault (the one that finds more than 64 events behind it
 * folds first), the rest after the munmap, whose zap folds the cache of
 * the task unmapping its own pages; the page tables' count always exact.
 */
static void test_split_rss_counting(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long a = ptest_mmap(0, 100 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	int i;

	CHECK_EQ("split rss counting on", 1, mmsim_proc_state()->split_rss_counting);
	sync_mm_rss(mm);
	CHECK_EQ("events after a sync", 0, t->main->rss_stat.events);
	for (i = 0; i < 3; i++)
		CHECK_EQ("write", 0, ptest_access(t->main, a + i * PAGE_SIZE, 1,
						  MMSIM_WRITE, 0x5a));
	CHECK_EQ("mm counter lags", 0, get_mm_counter(mm, MM_ANONPAGES));
	CHECK_EQ("task cache", 3, t->main->rss_stat.count[MM_ANONPAGES]);
	CHECK_EQ("exact", 3, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	for (; i < 65; i++)
		ptest_access(t->main, a + i * PAGE_SIZE, 1, MMSIM_WRITE, 0x5a);
	CHECK_EQ("65 faults: not folded yet", 0, get_mm_counter(mm, MM_ANONPAGES));
	ptest_access(t->main, a + i++ * PAGE_SIZE, 1, MMSIM_WRITE, 0x5a);
	CHECK_EQ("the 66th fault folds the 65 before it", 65,
		 get_mm_counter(mm, MM_ANONPAGES));
	for (; i < 70; i++)
		ptest_access(t->main, a + i * PAGE_SIZE, 1, MMSIM_WRITE, 0x5a);
	CHECK_EQ("after 70 faults", 65, get_mm_counter(mm, MM_ANONPAGES));
	CHECK_EQ("VmHWM follows the mm's counters", 65, get_mm_hiwater_rss(mm));
	CHECK_EQ("munmap", 0, __vm_munmap(a, PAGE_SIZE, false));
	CHECK_EQ("a zap of its own mm folds the cache", 69,
		 get_mm_counter(mm, MM_ANONPAGES));
	CHECK_EQ("nothing left in the cache", 0, t->main->rss_stat.count[MM_ANONPAGES]);
	CHECK_EQ("hiwater raised before the unmap", 65, mm->hiwater_rss);
	CHECK_VALID();
	ptest_all_exit(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST(test_mmap_topdown_merge_and_faults),
		PTEST(test_mprotect_split_merge),
		PTEST(test_munmap_fixed),
		PTEST(test_fork_cow),
		PTEST(test_fork_dontfork_wipeonfork),
		PTEST(test_brk),
		PTEST(test_stack_growth_and_guard_gap),
		PTEST(test_shmem_file),
		PTEST(test_file_i_mmap),
		PTEST(test_shared_anon_fork),
		PTEST(test_mremap),
		PTEST(test_mlock_madvise),
		PTEST(test_edges),
		PTEST(test_fault_no_progress),
		PTEST(test_split_rss_counting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
