// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_process_random.c — seeded random system calls and
 * memory accesses over several processes, with every validator after
 * every step.
 *
 * Scenario (also over a 16 MiB window with lengths up to 4 MiB on a
 * 1 GiB machine, where anonymous faults make transparent huge pages): from one task, a stream of operations chosen by a seeded
 * xorshift generator: anonymous and file mmaps (private/shared, fixed
 * into one 256-page window so they overlap, or placed by the kernel),
 * munmap, mprotect, mremap (move, grow, shrink, DONTUNMAP), madvise
 * (every advice of WORKLOAD.md), mlock/munlock, brk, reads, writes,
 * fills and checks, fork (up to five tasks) and exit, pwrite/ftruncate
 * on two tmpfs files.
 * Expect after each step: mmsim_validate_processes() clean (VMA lists,
 * rss counters against the page tables, pgtables_bytes, mapcounts,
 * refcounts, NR_ANON_MAPPED/NR_FILE_MAPPED); at the end, after every
 * task exited, no page lost and the counters back to zero.
 */
#include "test_process.h"

#define WINDOW 0x20000000UL

/* The window the fixed addresses fall in, and the longest length. */
struct geometry {
	unsigned long window_pages, max_len_pages;
};
static const struct geometry small_geo = { 256, 24 };
static const struct geometry thp_geo = { 4096, 1024 };  /* 16 MiB, 4 MiB */
#define MAX_TASKS 5
#define STEPS 300

struct rnd {
	u64 s;
	const struct geometry *geo;
};

static u64 rnd_next(struct rnd *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return r->s;
}

static unsigned long rnd_below(struct rnd *r, unsigned long n)
{
	return (unsigned long)(rnd_next(r) % n);
}

static unsigned long rnd_addr(struct rnd *r)
{
	unsigned long a = WINDOW + (rnd_below(r, r->geo->window_pages) << PAGE_SHIFT);

	if (r->geo->window_pages > 512 && rnd_below(r, 2))
		a &= ~((2UL << 20) - 1);   /* a 2 MiB boundary, for huge pages */
	return a;
}

static unsigned long rnd_len(struct rnd *r)
{
	if (rnd_below(r, 4) == 0)
		return (1 + rnd_below(r, 24)) << PAGE_SHIFT;
	return (1 + rnd_below(r, r->geo->max_len_pages)) << PAGE_SHIFT;
}

static unsigned long rnd_prot(struct rnd *r)
{
	static const unsigned long prots[] = { PROT_NONE, PROT_READ, PROT_RW,
		PROT_READ | PROT_EXEC, PROT_RW | PROT_EXEC };

	return prots[rnd_below(r, ARRAY_SIZE(prots))];
}

static struct task_struct *rnd_task(struct rnd *r)
{
	return ptasks_nth((int)rnd_below(r, (unsigned long)ptasks_count()));
}

static int nr_tasks(void)
{
	return ptasks_count();
}

static void op_mmap(struct rnd *r, int *fds)
{
	unsigned long flags = rnd_below(r, 3) ? MAP_PRIVATE : MAP_SHARED;
	unsigned long addr = 0, fd = (unsigned long)-1;

	if (rnd_below(r, 4)) {
		addr = rnd_addr(r);
		flags |= rnd_below(r, 4) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	}
	if (rnd_below(r, 3) == 0 && fds[0] >= 0)
		fd = (unsigned long)fds[rnd_below(r, 2)];
	else
		flags |= MAP_ANONYMOUS;
	if (rnd_below(r, 6) == 0)
		flags |= MAP_POPULATE;
	if (rnd_below(r, 8) == 0)
		flags |= MAP_NORESERVE;
	if (rnd_below(r, 10) == 0 && (flags & MAP_TYPE) == MAP_PRIVATE &&
	    (flags & MAP_ANONYMOUS))
		flags |= MAP_GROWSDOWN;
	ksys_mmap_pgoff(addr, rnd_len(r), rnd_prot(r), flags, fd,
			fd == (unsigned long)-1 ? 0 : rnd_below(r, 4));
}

static void op_madvise(struct rnd *r, struct task_struct *t)
{

	do_madvise(t->mm, rnd_addr(r), rnd_len(r),
		   ptasks_advice[rnd_below(r, ARRAY_SIZE(ptasks_advice))]);
}

static void op_mremap(struct rnd *r)
{
	unsigned long old_len = rnd_len(r), new_len = rnd_len(r);
	unsigned long flags = 0, new_addr = 0;

	switch (rnd_below(r, 4)) {
	case 0:
		flags = MREMAP_MAYMOVE;
		break;
	case 1:
		flags = MREMAP_MAYMOVE | MREMAP_FIXED;
		new_addr = rnd_addr(r);
		break;
	case 2:
		flags = MREMAP_MAYMOVE | MREMAP_DONTUNMAP;
		new_len = old_len;
		break;
	}
	__do_sys_mremap(rnd_addr(r), old_len, new_len, flags, new_addr);
}

static void op_access(struct rnd *r, struct task_struct *t)
{
	struct mmsim_access_result res;
	static const enum mmsim_access_op ops[] = { MMSIM_READ, MMSIM_WRITE,
						    MMSIM_FILL, MMSIM_CHECK };

	mmsim_access(t, rnd_addr(r), rnd_len(r), ops[rnd_below(r, 4)],
		     (u8)rnd_below(r, 3), PAGE_SIZE, &res);
}

static void op_file(struct rnd *r, int *fds)
{
	char buf[256];

	if (fds[0] < 0)
		return;
	memset(buf, (int)rnd_below(r, 256), sizeof(buf));
	if (rnd_below(r, 2))
		ksys_pwrite64((unsigned int)fds[rnd_below(r, 2)], buf, sizeof(buf),
			      (loff_t)rnd_below(r, 40) << PAGE_SHIFT);
	else
		do_sys_ftruncate((unsigned int)fds[rnd_below(r, 2)],
				 (loff_t)rnd_below(r, 40 << PAGE_SHIFT), 0);
}

/* One random step for a random task. */
static void step(struct rnd *r, struct ptest *pt, int *fds)
{
	struct task_struct *t = rnd_task(r);
	unsigned long op = rnd_below(r, 16);

	set_current(t);
	if (getenv("PTEST_TRACE"))
		fprintf(stderr, "op %lu task %d\n", op, t->pid);
	switch (op) {
	case 0: case 1: case 2:
		op_mmap(r, t == pt->main ? fds : (int[]){ -1, -1 });
		break;
	case 3:
		__vm_munmap(rnd_addr(r), rnd_len(r), false);
		break;
	case 4:
		do_mprotect_pkey(rnd_addr(r), rnd_len(r), rnd_prot(r), -1);
		break;
	case 5:
		op_mremap(r);
		break;
	case 6:
		op_madvise(r, t);
		break;
	case 7:
		if (rnd_below(r, 2))
			__do_sys_mlock2(rnd_addr(r), rnd_len(r),
					rnd_below(r, 2) ? MLOCK_ONFAULT : 0);
		else
			__do_sys_munlock(rnd_addr(r), rnd_len(r));
		break;
	case 8:
		__do_sys_brk(t->mm->brk + (rnd_below(r, 16) << PAGE_SHIFT) -
			     (8 << PAGE_SHIFT));
		break;
	case 9: case 10: case 11:
		op_access(r, t);
		break;
	case 12:
		if (nr_tasks() < MAX_TASKS)
			mmsim_fork(t);
		break;
	case 13:
		if (t != pt->main) {
			set_current(NULL);
			mmsim_exit(t);
		}
		break;
	default:
		if (t == pt->main)
			op_file(r, fds);
		else
			op_access(r, t);
		break;
	}
	set_current(NULL);
}

static void run_seed(struct ptest *pt, u64 seed, const struct geometry *geo)
{
	struct rnd r = { seed, geo };
	int fds[2], i;
	char msg[256];

	set_current(pt->main);
	pt->main->mm->start_brk = pt->main->mm->brk = 0x10000000;
	fds[0] = (int)do_sys_open(AT_FDCWD, "a", O_RDWR | O_CREAT | O_TRUNC, 0600);
	fds[1] = (int)do_sys_open(AT_FDCWD, "b", O_RDWR | O_CREAT | O_TRUNC, 0600);
	do_sys_ftruncate((unsigned int)fds[0], 16 << PAGE_SHIFT, 0);
	do_sys_ftruncate((unsigned int)fds[1], 3 << PAGE_SHIFT, 0);
	do_unlinkat(AT_FDCWD, "b");
	for (i = 0; i < STEPS; i++) {
		step(&r, pt, fds);
		if (getenv("PTEST_TRACE"))
			fprintf(stderr, "step %d: tasks %d main vmas %d rss %lu\n", i,
				nr_tasks(), pt->main->mm->map_count,
				get_mm_rss(pt->main->mm));
		if (mmsim_validate_processes(msg, sizeof(msg)))
			fail_msg("seed %llu step %d: %s", (unsigned long long)seed, i, msg);
	}
	if (getenv("PTEST_TRACE"))
		fprintf(stderr, "thp_fault_alloc %lu thp_split_pmd %lu pgfault %lu\n",
			sum_vm_event(THP_FAULT_ALLOC), sum_vm_event(THP_SPLIT_PMD),
			sum_vm_event(PGFAULT));
	set_current(pt->main);
	do_unlinkat(AT_FDCWD, "a");
	ptest_all_exit(pt);
}

static void test_random_seed_1(void **state)
{
	run_seed(*state, 1, &small_geo);
}

static void test_random_seed_2(void **state)
{
	run_seed(*state, 0x9e3779b97f4a7c15ULL, &small_geo);
}

static void test_random_seed_3(void **state)
{
	const char *env = getenv("PTEST_SEED"); /* explore: PTEST_SEED=N */

	run_seed(*state, env ? strtoull(env, NULL, 0) : 20261207, &small_geo);
}

/* The same over 16 MiB on a 1 GiB machine: huge pages, splits, COW. */
static void test_random_thp(void **state)
{
	const char *env = getenv("PTEST_SEED");

	run_seed(*state, env ? strtoull(env, NULL, 0) : 4242, &thp_geo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST(test_random_seed_1),
		PTEST(test_random_seed_2),
		PTEST(test_random_seed_3),
		PTEST_1G(test_random_thp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
