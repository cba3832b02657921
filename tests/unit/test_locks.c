// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_locks.c — faults, COW, munmap and reclaim from two
 * simulated CPUs at the same moment, under the kernel's locks.
 *
 * Scenario: a 256 MiB pc machine (2 CPUs, no swap).  Task "filler" (an mm
 * of its own) writes a region of about half of RAM and gives it up with
 * MADV_FREE: lazily freeable pages on the file LRU, which reclaim unmaps
 * (rmap walk, the PTE's lock) and frees.  Tasks "leader" and "thread"
 * share one mm, as two threads of a process do.  Then two host threads,
 * one per simulated CPU, run a seeded stream at once:
 *
 *   CPU 0: leader                    CPU 1: thread
 *     mmap/munmap/MADV_FREE/          the same in its own window,
 *     mprotect/MADV_PAGEOUT in        plus direct reclaim
 *     its own window, writes and      (try_to_free_pages) and kswapd's
 *     reads there and in a window     step for node 0 on this CPU
 *     both share, fork + a child
 *     write (COW) + exit
 *
 *   mm (shared):  [ win0: CPU 0 ][ win1: CPU 1 ][ shared: both fault ]
 *   filler's mm:  [ 120 MiB, MADV_FREE'd: what reclaim takes from ]
 *
 * so two CPUs fault in one mm under mmap_lock for reading (one PTE table
 * for the shared window), one munmaps or mprotects while the other faults
 * (mmap_lock for writing), reclaim on one CPU unmaps pages of mms the
 * other CPU is faulting in, and the allocations of both fall into direct
 * reclaim and wake kswapd.  The interleaving is the host's; the outcome
 * checked is not: after the threads end, every validator (buddy, LRU,
 * processes: rmap, mapcounts, rss, page tables) holds, reclaim freed
 * lazyfree pages (pglazyfreed > 0), the shared window reads back what was
 * last written to it (one byte per page, each CPU its own pages), and
 * once every task exits no page is left in use and the counters are back
 * (ptest_all_exit).  Under `make check SAN=thread` it is one of the
 * concurrent tests ThreadSanitizer runs.
 *
 * Second scenario, with swap, tmpfs and compaction: a 128 MiB pc machine
 * with a 192 MiB swap disk; the same two tasks sharing one mm; a 4 MiB
 * tmpfs file mapped shared by it.  Each CPU writes its own 64 MiB window
 * chunk by chunk (together twice the RAM: both fall into direct reclaim,
 * which swaps), and in between reads back chunks written earlier (swap-in
 * faults, checked byte by byte), MADV_PAGEOUTs chunks, munmaps chunks
 * (swapped ranges: their slots go) and maps them again, writes and reads
 * the tmpfs pages (even pages CPU 0's, odd CPU 1's: shmem faults, and
 * reclaim writes the unmapped ones to swap), and runs compaction: CPU 0
 * order-3 allocations (direct compaction), CPU 1 vm.compact_memory
 * (every zone, migrating pages both CPUs fault on); kswapd runs at the
 * scheduling points of either CPU, woken by their allocations.
 * Checked after: every validator including the swap map counts
 * (mmsim_validate_swap: swap PTEs + shmem entries + swap cache + slot
 * caches = each slot's count, nr_swap_pages = the free slots), that swap
 * was written and read and pages migrated, each window and the file read
 * back what was last written, and after every task exits and the file is
 * gone, no page is left in use.
 */
#include "test_process.h"

#include "linux/kthread.h"
#include "linux/swap_lru.h"
#include "linux/swap.h"
#include "linux/pagemap.h"
#include "linux/fs.h"
#include "linux/compaction.h"
#include "mmsim/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#define OPS_PER_CPU 1200
#define WIN0 0x20000000UL
#define WIN_PAGES 512                   /* 2 MiB each */
#define WIN1 (WIN0 + (4UL << 20))
#define SHARED (WIN0 + (8UL << 20))
#define SHARED_PAGES 64

struct locks_test {
	struct task_struct *task[2];
	u8 shared_byte[SHARED_PAGES];   /* last byte each page was given */
	char failed[256];
};

static u64 rnd(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A second task using @leader's mm: a thread (CLONE_VM) as the test needs it. */
static struct task_struct *make_thread(struct task_struct *leader)
{
	struct task_struct *t = mmsim_task_create("thread");
	struct mm_struct *own;

	if (!t)
		return NULL;
	own = t->mm;
	__atomic_add_fetch(&leader->mm->mm_users.counter, 1, __ATOMIC_RELAXED);
	t->mm = t->active_mm = leader->mm;
	mmput(own);
	return t;
}

/* A child writes part of the window (COW of the pages it shares), then exits. */
static void fork_and_write(struct task_struct *t, unsigned long a, unsigned long len)
{
	struct mmsim_access_result res;
	int pid = mmsim_fork(t);
	struct task_struct *child = pid > 0 ? find_task_by_vpid(pid) : NULL;

	if (!child)
		return;
	mmsim_access(child, a, len, MMSIM_WRITE, 0x33, PAGE_SIZE, &res);
	set_current(NULL);
	mmsim_exit(child);
	set_current(t);
}

/* Node 0's kswapd takes one step here, on this CPU (kthread_step's work). */
static void kswapd_step_here(void)
{
	struct kthread *k = NODE_DATA(0)->kswapd;

	if (k)
		k->threadfn(k->data);
}

static void write_shared(struct locks_test *lt, int cpu, u64 *r)
{
	/* even pages are CPU 0's, odd ones CPU 1's: each knows its last byte */
	unsigned int i = (unsigned int)(rnd(r) % (SHARED_PAGES / 2)) * 2 + (unsigned int)cpu;
	u8 byte = (u8)(rnd(r) | 1);
	struct mmsim_access_result res;

	if (!mmsim_access(lt->task[cpu], SHARED + ((unsigned long)i << PAGE_SHIFT), 1,
			  MMSIM_WRITE, byte, PAGE_SIZE, &res))
		lt->shared_byte[i] = byte;
}

static void one_step(struct locks_test *lt, int cpu, u64 *r)
{
	struct task_struct *t = lt->task[cpu];
	unsigned long win = cpu ? WIN1 : WIN0;
	unsigned long a = win + ((rnd(r) % WIN_PAGES) << PAGE_SHIFT);
	unsigned long len = (1 + rnd(r) % 32) << PAGE_SHIFT;
	struct mmsim_access_result res;

	if (a + len > win + ((unsigned long)WIN_PAGES << PAGE_SHIFT))
		len = win + ((unsigned long)WIN_PAGES << PAGE_SHIFT) - a;
	switch (rnd(r) % 16) {
	case 0: case 1:
		ksys_mmap_pgoff(a, len, PROT_RW, MAP_ANON_PRIV | MAP_FIXED,
				(unsigned long)-1, 0);
		break;
	case 2:
		__vm_munmap(a, len, true);
		break;
	case 3: case 4: case 5:
		mmsim_access(t, a, len, MMSIM_WRITE, (u8)(0x40 + cpu), PAGE_SIZE, &res);
		break;
	case 6:
		mmsim_access(t, a, len, MMSIM_READ, 0, PAGE_SIZE, &res);
		break;
	case 7: case 8:
		write_shared(lt, cpu, r);
		break;
	case 9:
		mmsim_access(t, SHARED, SHARED_PAGES << PAGE_SHIFT, MMSIM_READ, 0,
			     PAGE_SIZE, &res);
		break;
	case 10:
		do_madvise(t->mm, a, len, MADV_FREE);
		break;
	case 11:
		do_mprotect_pkey(a, len, rnd(r) % 2 ? PROT_READ : PROT_RW, -1);
		break;
	case 12:
		do_madvise(t->mm, a, len, MADV_PAGEOUT);
		break;
	case 13:
		if (rnd(r) % 4 == 0)
			fork_and_write(t, a, len);
		break;
	default:
		if (cpu == 0)
			try_to_free_pages(node_zonelist(0, GFP_KERNEL), 0, GFP_KERNEL, NULL);
		else
			kswapd_step_here();
		break;
	}
}

static void cpu_worker(int cpu, void *arg)
{
	struct locks_test *lt = arg;
	u64 r = 0x2545f4914f6cdd1dULL * (u64)(cpu + 3);
	int i;

	set_current(lt->task[cpu]);
	for (i = 0; i < OPS_PER_CPU; i++)
		one_step(lt, cpu, &r);
	set_current(NULL);
}

static void check_validators(const char *when)
{
	char msg[256] = "";
	int ret;

	if ((ret = page_alloc_validate()))
		fail_msg("%s: page_alloc_validate %d", when, ret);
	if (lru_validate(msg, sizeof(msg)))
		fail_msg("%s: lru_validate: %s", when, msg);
	if (mmsim_validate_processes(msg, sizeof(msg)))
		fail_msg("%s: validate_processes: %s", when, msg);
}

/* ---- the second scenario: swap, tmpfs, compaction ------------------------------ */

#define SW_WIN0 0x40000000UL
#define SW_WIN_PAGES 16384UL            /* 64 MiB each */
#define SW_WIN1 (SW_WIN0 + (SW_WIN_PAGES << PAGE_SHIFT) + (2UL << 20))
#define SW_CHUNK 64UL                   /* pages */
#define SW_OPS_PER_CPU 700
#define SW_FILE_PAGES 1024UL            /* 4 MiB of tmpfs */

struct swap_test {
	struct task_struct *task[2];
	unsigned long file;             /* where the tmpfs file is mapped */
	u8 *win_byte[2];                /* last byte of each window page, 0: none */
	unsigned long written[2];       /* pages of the window written so far */
	u8 file_byte[SW_FILE_PAGES];    /* even pages CPU 0's, odd CPU 1's */
	char failed[2][256];
};

static unsigned long sw_win(int cpu)
{
	return cpu ? SW_WIN1 : SW_WIN0;
}

/* Write @n pages from window page @first, a new byte each; record them. */
static void sw_write(struct swap_test *st, int cpu, unsigned long first, unsigned long n,
		     u64 *r)
{
	unsigned long i;

	for (i = first; i < first + n && i < SW_WIN_PAGES; i++) {
		struct mmsim_access_result res;
		u8 byte = (u8)(rnd(r) | 1);

		if (!mmsim_access(st->task[cpu], sw_win(cpu) + (i << PAGE_SHIFT), 1,
				  MMSIM_WRITE, byte, PAGE_SIZE, &res))
			st->win_byte[cpu][i] = byte;
		else if (!st->failed[cpu][0])
			snprintf(st->failed[cpu], sizeof(st->failed[cpu]),
				 "cpu %d: write of window page %lu: signal %d", cpu, i, res.sig);
	}
}

/* Check window pages [@first, @first + @n): each reads back its last byte. */
static void sw_check(struct swap_test *st, int cpu, unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n && i < SW_WIN_PAGES && !st->failed[cpu][0]; i++) {
		struct mmsim_access_result res;
		int sig = mmsim_access(st->task[cpu], sw_win(cpu) + (i << PAGE_SHIFT), 1,
				       MMSIM_CHECK, st->win_byte[cpu][i], PAGE_SIZE, &res);

		if (sig || res.mismatch)
			snprintf(st->failed[cpu], sizeof(st->failed[cpu]),
				 "cpu %d: window page %lu: expected byte %#x, got %#x (signal %d)",
				 cpu, i, st->win_byte[cpu][i], res.value, sig);
	}
}

static void sw_file_access(struct swap_test *st, int cpu, u64 *r)
{
	unsigned long i = (rnd(r) % (SW_FILE_PAGES / 2)) * 2 + (unsigned long)cpu;
	unsigned long a = st->file + (i << PAGE_SHIFT);
	struct mmsim_access_result res;
	u8 byte = (u8)(rnd(r) | 1);
	int sig;

	if (rnd(r) % 2) {
		if (!mmsim_access(st->task[cpu], a, 1, MMSIM_WRITE, byte, PAGE_SIZE, &res))
			st->file_byte[i] = byte;
		return;
	}
	sig = mmsim_access(st->task[cpu], a, 1, MMSIM_CHECK, st->file_byte[i], PAGE_SIZE, &res);
	if ((sig || res.mismatch) && !st->failed[cpu][0])
		snprintf(st->failed[cpu], sizeof(st->failed[cpu]),
			 "cpu %d: file page %lu: expected byte %#x, got %#x (signal %d)",
			 cpu, i, st->file_byte[i], res.value, sig);
}

static void sw_step(struct swap_test *st, int cpu, u64 *r)
{
	unsigned long base = sw_win(cpu), done = st->written[cpu];
	unsigned long chunk = done ? (rnd(r) % DIV_ROUND_UP(done, SW_CHUNK)) * SW_CHUNK : 0;
	unsigned long len = SW_CHUNK << PAGE_SHIFT;

	switch (rnd(r) % 16) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		if (done < SW_WIN_PAGES) {      /* onwards: past RAM, into swap */
			sw_write(st, cpu, done, SW_CHUNK, r);
			st->written[cpu] = done + SW_CHUNK;
		} else {
			sw_write(st, cpu, chunk, SW_CHUNK, r);
		}
		break;
	case 6: case 7:
		sw_check(st, cpu, chunk, SW_CHUNK);     /* swap-in faults */
		break;
	case 8:
		do_madvise(st->task[cpu]->mm, base + (chunk << PAGE_SHIFT), len, MADV_PAGEOUT);
		break;
	case 9:
		/* a swapped range goes, and comes back as zeros */
		__vm_munmap(base + (chunk << PAGE_SHIFT), len, true);
		memset(st->win_byte[cpu] + chunk, 0, SW_CHUNK);
		ksys_mmap_pgoff(base + (chunk << PAGE_SHIFT), len, PROT_RW,
				MAP_ANON_PRIV | MAP_FIXED | MAP_NORESERVE, (unsigned long)-1, 0);
		break;
	case 10: case 11: case 12:
		sw_file_access(st, cpu, r);
		break;
	case 13:
		if (cpu == 0) {
			struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 3);

			if (p)
				__free_pages(p, 3);
		} else if (rnd(r) % 4 == 0) {
			sysctl_compaction_handler();
		}
		break;
	case 14:
		/*
		 * kswapd is not stepped by hand here: on this SMP machine the
		 * scheduling points of both CPUs' faults run it (woken by their
		 * allocations), and one kernel thread never runs on two CPUs.
		 */
		sw_file_access(st, cpu, r);
		break;
	default:
		if (rnd(r) % 8 == 0)
			fork_and_write(st->task[cpu], base + (chunk << PAGE_SHIFT), len);
		break;
	}
}

static void sw_worker(int cpu, void *arg)
{
	struct swap_test *st = arg;
	u64 r = 0x9e3779b97f4a7c15ULL * (u64)(cpu + 5);
	int i;

	set_current(st->task[cpu]);
	for (i = 0; i < SW_OPS_PER_CPU && !st->failed[cpu][0]; i++)
		sw_step(st, cpu, &r);
	set_current(NULL);
}

static void check_swap_valid(const char *when)
{
	char msg[256] = "";

	check_validators(when);
	if (mmsim_validate_swap(msg, sizeof(msg)))
		fail_msg("%s: validate_swap: %s", when, msg);
}

static void test_two_cpus_swap_shmem_compaction(void **state)
{
	struct ptest *t = *state;
	const int cpus[2] = { 0, 1 };
	struct swap_test *st;
	unsigned long pswpout, pswpin, migrated, i;
	long fd;
	int cpu;

	st = calloc(1, sizeof(*st));
	assert_non_null(st);
	CHECK_EQ("swapon", 0, mmsim_swapon("/dev/vda", 192ULL << 20));
	set_current(t->main);
	st->task[0] = t->main;
	st->task[1] = make_thread(t->main);
	assert_non_null(st->task[1]);
	for (cpu = 0; cpu < 2; cpu++) {
		st->win_byte[cpu] = calloc(SW_WIN_PAGES, 1);
		assert_non_null(st->win_byte[cpu]);
		assert_false(IS_ERR_VALUE(ptest_mmap(sw_win(cpu), SW_WIN_PAGES << PAGE_SHIFT,
						     PROT_RW, MAP_ANON_PRIV | MAP_FIXED |
						     MAP_NORESERVE)));
	}
	fd = do_sys_open(AT_FDCWD, "locks", O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	CHECK_EQ("ftruncate", 0, do_sys_ftruncate((unsigned int)fd, SW_FILE_PAGES << PAGE_SHIFT, 0));
	st->file = ksys_mmap_pgoff(0, SW_FILE_PAGES << PAGE_SHIFT, PROT_RW, MAP_SHARED,
				   (unsigned long)fd, 0);
	assert_false(IS_ERR_VALUE(st->file));
	check_swap_valid("before");
	pswpout = sum_vm_event(PSWPOUT);
	pswpin = sum_vm_event(PSWPIN);
	migrated = sum_vm_event(PGMIGRATE_SUCCESS);
	set_current(NULL);

	CHECK_EQ("host_run_on_cpus", 0, host_run_on_cpus(t->m, cpus, 2, sw_worker, st));

	machine_enter(t->m);
	set_current(t->main);
	for (cpu = 0; cpu < 2; cpu++)
		if (st->failed[cpu][0])
			fail_msg("%s", st->failed[cpu]);
	lru_add_drain_all();
	check_swap_valid("after the two CPUs");
	if (sum_vm_event(PSWPOUT) == pswpout || sum_vm_event(PSWPIN) == pswpin)
		fail_msg("swap was not used both ways: pswpout +%lu, pswpin +%lu",
			 sum_vm_event(PSWPOUT) - pswpout, sum_vm_event(PSWPIN) - pswpin);
	if (sum_vm_event(PGMIGRATE_SUCCESS) == migrated)
		fail_msg("compaction migrated no page while the CPUs ran");
	for (cpu = 0; cpu < 2; cpu++) {
		sw_check(st, cpu, 0, SW_WIN_PAGES);
		if (st->failed[cpu][0])
			fail_msg("after: %s", st->failed[cpu]);
	}
	for (i = 0; i < SW_FILE_PAGES; i++) {
		struct mmsim_access_result res;
		int sig = mmsim_access(t->main, st->file + (i << PAGE_SHIFT), 1, MMSIM_CHECK,
				       st->file_byte[i], PAGE_SIZE, &res);

		if (sig || res.mismatch)
			fail_msg("file page %lu: expected byte %#x, got %#x (signal %d)",
				 i, st->file_byte[i], res.value, sig);
	}
	CHECK_EQ("close", 0, close_fd((unsigned int)fd));
	CHECK_EQ("unlink", 0, do_unlinkat(AT_FDCWD, "locks"));
	set_current(NULL);
	while (!list_empty(mmsim_task_list()))
		mmsim_exit(list_last_entry(mmsim_task_list(), struct task_struct, tasks));
	/*
	 * Swap-cache pages whose last swap PTE went stay in the cache until
	 * reclaim takes them (mmsim's free_swap_and_cache frees one only when
	 * swap is half full; 6.1 also leaves one another CPU holds locked).
	 * Each must be an orphan: its slot held by the cache alone, unmapped,
	 * unlocked, the cache's reference the only one.  Dropped then as
	 * __try_to_reclaim_swap(TTRS_ANYWAY) drops one, nothing may be left.
	 */
	mmsim_swap_io_complete();       /* the disk finishes its writes */
	lru_add_drain_all();
	for (i = 1; i < swap_info[0]->max; i++) {
		struct page *pg = lookup_swap_cache(swp_entry(0, i), NULL, 0);

		if (!pg)
			continue;
		if (swap_info[0]->swap_map[i] != SWAP_HAS_CACHE || page_mapcount(pg) ||
		    PageLocked(pg) || page_ref_count(pg) != 1)
			fail_msg("swap-cache page of slot %#lx after every exit: map %#x, mapcount %d, refcount %d, flags %#lx",
				 i, swap_info[0]->swap_map[i], page_mapcount(pg),
				 page_ref_count(pg), pg->flags);
		page_ref_inc(pg);
		lock_page(pg);
		folio_free_swap(page_folio(pg));
		unlock_page(pg);
		put_page(pg);
	}
	CHECK_EQ("swap-cache pages left", 0, total_swapcache_pages());
	check_swap_valid("after every task exited");
	ptest_all_exit(t);
	for (cpu = 0; cpu < 2; cpu++)
		free(st->win_byte[cpu]);
	free(st);
}

static void test_two_cpus_fault_and_reclaim(void **state)
{
	struct ptest *t = *state;
	const int cpus[2] = { 0, 1 };
	struct locks_test lt = { .task = { t->main, NULL } };
	unsigned long big = (totalram_pages() << PAGE_SHIFT) / 2, a, i;
	struct task_struct *filler = mmsim_task_create("filler");
	unsigned long lazyfreed_before;

	assert_non_null(filler);
	set_current(filler);
	a = ksys_mmap_pgoff(0, big, PROT_RW, MAP_ANON_PRIV, (unsigned long)-1, 0);
	assert_false(IS_ERR_VALUE(a));
	assert_int_equal(ptest_access(filler, a, big, MMSIM_WRITE, 0x11), 0);
	assert_int_equal(do_madvise(filler->mm, a, big, MADV_FREE), 0);
	lru_add_drain_all();
	set_current(t->main);
	lt.task[1] = make_thread(t->main);
	assert_non_null(lt.task[1]);
	assert_false(IS_ERR_VALUE(ptest_mmap(SHARED, SHARED_PAGES << PAGE_SHIFT, PROT_RW,
					     MAP_ANON_PRIV | MAP_FIXED)));
	for (i = 0; i < SHARED_PAGES; i++)
		lt.shared_byte[i] = 0;
	check_validators("before");
	lazyfreed_before = sum_vm_event(PGLAZYFREED);
	set_current(NULL);

	CHECK_EQ("host_run_on_cpus", 0, host_run_on_cpus(t->m, cpus, 2, cpu_worker, &lt));

	machine_enter(t->m);
	set_current(t->main);
	lru_add_drain_all();
	check_validators("after the two CPUs");
	if (sum_vm_event(PGLAZYFREED) == lazyfreed_before)
		fail_msg("pglazyfreed did not move: reclaim freed nothing while the CPUs ran");
	for (i = 0; i < SHARED_PAGES; i++) {
		struct mmsim_access_result res;
		int sig = mmsim_access(t->main, SHARED + (i << PAGE_SHIFT), 1, MMSIM_CHECK,
				       lt.shared_byte[i], PAGE_SIZE, &res);

		if (sig || res.mismatch)
			fail_msg("shared page %lu: expected byte %#x, got %#x (signal %d)",
				 i, lt.shared_byte[i], res.value, sig);
	}
	ptest_all_exit(t);
	check_validators("after every task exited");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST_256M(test_two_cpus_fault_and_reclaim),
		PTEST_128M(test_two_cpus_swap_shmem_compaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
