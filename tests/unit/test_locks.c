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
 */
#include "test_process.h"

#include "linux/kthread.h"
#include "linux/swap_lru.h"
#include "mmsim/host.h"

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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
