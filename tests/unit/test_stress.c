// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_stress.c — every allocator and the process system calls
 * at once, from two simulated CPUs, for a long time (make stress) or a
 * short while (make check).
 *
 * Scenario: a booted pc machine (512 MiB, 2 CPUs).  Each simulated CPU is
 * a host thread (host_run_on_cpus) running a seeded stream of mixed
 * operations, concurrently with the other:
 *
 *   alloc_pages/__free_pages (orders 0-3)   kmalloc/kfree (8 B - 8 KiB)
 *   kmem_cache_alloc/free on one shared cache  vmalloc/vfree (1-16 pages)
 *   __alloc_percpu/free_percpu              drain_all_pages
 *   a process system call or access (mmap, munmap, mprotect, madvise,
 *   mlock, brk, read/write, fork + exit) by the CPU's own task
 *
 * Each allocator has a shared table of slots; a CPU puts what it
 * allocated into a random slot with an atomic exchange and frees what the
 * slot held, often an object the other CPU allocated (SLUB's remote
 * frees, the other CPU's per-CPU page list, percpu and vmalloc from two
 * CPUs).  The two CPUs' tasks run their system calls and faults at the
 * same moment, under the kernel's locks (tasklist_lock for fork and exit,
 * each mm's mmap_lock, the page-table locks, lruvec->lru_lock for the
 * LRU both share); tests/unit/test_locks.c adds one mm shared by both
 * and reclaim.
 *
 * Every CHECK_EVERY operations (both CPUs together) the CPUs meet at a
 * barrier and CPU 0 runs every validator: page_alloc_validate,
 * slub_validate, vmalloc_validate, pcpu_validate and
 * mmsim_validate_processes.  At the end everything is freed and the page
 * balance must hold: the pages not free are those of the start, plus what
 * the allocators keep cached, each by its own counter (SLUB's slabs, the
 * per-CPU allocator's populated pages and its chunks' vmalloc memory, the
 * vmalloc area's page tables, the huge zero page).
 *
 * STRESS_OPS=N (default 20000: make check) sets the number of operations;
 * make stress runs 10^7 and prints operations per second.
 */
#include "testmachine.h"

#include "linux/gfp.h"
#include "linux/huge_mm.h"
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/percpu.h"
#include "linux/pgtable.h"
#include "linux/slab.h"
#include "linux/swap_lru.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/proc_state.h"
#include "mmsim/process.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK_EVERY 10000UL
#define SLOTS 256
#define WINDOW 0x20000000UL
#define WINDOW_PAGES 128

enum kind { K_PAGE, K_KMALLOC, K_CACHE, K_VMALLOC, K_PERCPU, K_NR };

/*
 * What a slot holds: the object; for pages the order rides in the low
 * two bits of the struct page pointer, so one atomic word says both.
 */
struct slot {
	void *p;
	unsigned int order;
};

struct stress {
	struct machine *m;
	unsigned long ops_per_cpu;
	struct kmem_cache *cache;
	uintptr_t *slots[K_NR];    /* SLOTS words each, swapped atomically */
	pthread_barrier_t barrier;
	struct task_struct *task[2];
	char failed[256];
};

static u64 rnd(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void release(enum kind k, struct slot old, struct stress *st)
{
	if (!old.p)
		return;
	switch (k) {
	case K_PAGE:
		__free_pages(old.p, old.order);
		break;
	case K_KMALLOC:
		kfree(old.p);
		break;
	case K_CACHE:
		kmem_cache_free(st->cache, old.p);
		break;
	case K_VMALLOC:
		vfree(old.p);
		break;
	default:
		free_percpu(old.p);
		break;
	}
}

/* Empty the slot; what it held now belongs to the caller. */
static struct slot take(uintptr_t *s)
{
	uintptr_t w = __atomic_exchange_n(s, 0, __ATOMIC_ACQ_REL);

	return (struct slot){ (void *)(w & ~(uintptr_t)3), (unsigned int)(w & 3) };
}

/* Fill an empty slot; if the other CPU filled it meanwhile, free ours. */
static void put(uintptr_t *s, struct slot v, enum kind k, struct stress *st)
{
	uintptr_t expected = 0;

	if (!v.p)
		return;
	if (!__atomic_compare_exchange_n(s, &expected, (uintptr_t)v.p | v.order, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		release(k, v, st);
}

static struct slot allocate(enum kind k, u64 *r, struct stress *st)
{
	struct slot v = { NULL, 0 };
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;

	switch (k) {
	case K_PAGE:
		v.order = (unsigned int)(rnd(r) % 4);
		v.p = alloc_pages(gfp, v.order);
		break;
	case K_KMALLOC:
		v.p = kmalloc(8 + rnd(r) % 8192, gfp);
		break;
	case K_CACHE:
		v.p = kmem_cache_alloc(st->cache, gfp);
		break;
	case K_VMALLOC:
		v.p = vmalloc((1 + rnd(r) % 16) << PAGE_SHIFT);
		break;
	default:
		v.p = __alloc_percpu(8 << (rnd(r) % 6), 8);
		break;
	}
	return v;
}

/* One allocator step: allocate into a random slot, free what it held. */
static void alloc_step(struct stress *st, u64 *r)
{
	enum kind k = (enum kind)(rnd(r) % K_NR);
	uintptr_t *s = &st->slots[k][rnd(r) % SLOTS];
	struct slot old = take(s);

	release(k, old, st);
	if (rnd(r) % 4)
		put(s, allocate(k, r, st), k, st);
}

/* One system call or access of this CPU's task (the kernel's locks only). */
static void process_step(struct stress *st, int cpu, u64 *r)
{
	struct task_struct *t = st->task[cpu];
	unsigned long a = WINDOW + (rnd(r) % WINDOW_PAGES << PAGE_SHIFT);
	unsigned long len = (1 + rnd(r) % 16) << PAGE_SHIFT;
	struct mmsim_access_result res;

	set_current(t);
	switch (rnd(r) % 9) {
	case 0: case 1:
		ksys_mmap_pgoff(a, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, (unsigned long)-1, 0);
		break;
	case 2:
		__vm_munmap(a, len, false);
		break;
	case 3:
		do_mprotect_pkey(a, len, rnd(r) % 2 ? PROT_READ : PROT_READ | PROT_WRITE, -1);
		break;
	case 4:
		do_madvise(t->mm, a, len, rnd(r) % 2 ? MADV_DONTNEED : MADV_POPULATE_WRITE);
		break;
	case 5:
		if (rnd(r) % 2)
			__do_sys_mlock2(a, len, 0);
		else
			__do_sys_munlock(a, len);
		break;
	case 6:
		__do_sys_brk(t->mm->start_brk + (rnd(r) % 64 << PAGE_SHIFT));
		break;
	case 7:
		mmsim_access(t, a, len, rnd(r) % 2 ? MMSIM_WRITE : MMSIM_READ, 0x5a,
			     PAGE_SIZE, &res);
		break;
	default: {      /* a child that copies the address space, then exits */
		int pid = mmsim_fork(t);
		struct task_struct *child = pid > 0 ? find_task_by_vpid(pid) : NULL;

		if (child) {
			mmsim_access(child, a, len, MMSIM_WRITE, 0x11, PAGE_SIZE, &res);
			set_current(NULL);
			mmsim_exit(child);
		}
		break;
	}
	}
	set_current(NULL);
}

static void validate_all(struct stress *st, unsigned long round)
{
	char msg[200] = "";
	int ret;

	if ((ret = page_alloc_validate()))
		snprintf(st->failed, sizeof(st->failed), "round %lu: page_alloc_validate %d",
			 round, ret);
	else if ((ret = slub_validate()))
		snprintf(st->failed, sizeof(st->failed), "round %lu: slub_validate %d", round, ret);
	else if ((ret = vmalloc_validate()))
		snprintf(st->failed, sizeof(st->failed), "round %lu: vmalloc_validate %d",
			 round, ret);
	else if ((ret = pcpu_validate()))
		snprintf(st->failed, sizeof(st->failed), "round %lu: pcpu_validate %d", round, ret);
	else if (mmsim_validate_processes(msg, sizeof(msg)))
		snprintf(st->failed, sizeof(st->failed), "round %lu: processes: %s", round, msg);
}

static void cpu_worker(int cpu, void *arg)
{
	struct stress *st = arg;
	u64 r = 0x9e3779b97f4a7c15ULL * (u64)(cpu + 1);
	unsigned long i, per_round = CHECK_EVERY / 2, round = 0;

	for (i = 1; i <= st->ops_per_cpu; i++) {
		u64 what = rnd(&r) % 64;

		if (what < 6)
			process_step(st, cpu, &r);
		else if (what == 6)
			drain_all_pages(NULL);
		else
			alloc_step(st, &r);
		if (i % per_round && i != st->ops_per_cpu)
			continue;
		pthread_barrier_wait(&st->barrier);
		if (cpu == 0 && !st->failed[0])
			validate_all(st, ++round);
		pthread_barrier_wait(&st->barrier);
		if (st->failed[0])
			return;
	}
}

/*
 * The kernel's page-table pages under the vmalloc area: made as vmalloc
 * maps, never given back (as in the kernel).  Walked level by level,
 * skipping empty entries.
 */
static long vmalloc_table_pages(void)
{
	unsigned long addr = VMALLOC_START, end = VMALLOC_END;
	long n = 0;

	while (addr < end && addr >= VMALLOC_START) {
		pgd_t *pgd = pgd_offset_k(addr);
		pud_t *pud;
		pmd_t *pmd;

		if (pgd_none(*pgd)) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE;
			continue;
		}
		pud = pud_offset(p4d_offset(pgd, addr), addr);
		if (addr == VMALLOC_START || !(addr & ~PGDIR_MASK))
			n++;                    /* the pud table of this pgd entry */
		if (pud_none(*pud) || pud_leaf(*pud)) {
			addr = (addr & PUD_MASK) + PUD_SIZE;
			continue;
		}
		if (!(addr & ~PUD_MASK) || addr == VMALLOC_START)
			n++;                    /* the pmd table */
		pmd = pmd_offset(pud, addr);
		if (!pmd_none(*pmd) && !pmd_leaf(*pmd))
			n++;                    /* a pte table */
		addr = (addr & PMD_MASK) + PMD_SIZE;
	}
	return n;
}

/*
 * Pages neither free nor kept by SLUB, the per-CPU allocator, vmalloc's
 * users (what the slots held is freed by then: the rest is the per-CPU
 * allocator's chunk memory), the vmalloc area's page tables or the huge
 * zero page (made by the first read fault of a huge-page-sized range,
 * kept for good, as in 6.1).  Every CPU's counter deltas folded first.
 */
static long pages_held(void)
{
	long n;

	lru_add_drain_all();    /* a page in a per-CPU LRU batch keeps its reference */
	drain_all_pages(NULL);
	vm_stats_fold_all();
	n = (long)totalram_pages() - (long)nr_free_pages() -
	    (long)((global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		    global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B))) -
	    (long)pcpu_nr_pages() - (long)vmalloc_nr_pages() - vmalloc_table_pages();
	if (mmsim_proc_state()->huge_zero_page)
		n -= HPAGE_PMD_NR;
	return n;
}

static void free_everything(struct stress *st)
{
	int k, i;

	for (k = 0; k < K_NR; k++)
		for (i = 0; i < SLOTS; i++)
			release((enum kind)k, take(&st->slots[k][i]), st);
	set_current(NULL);
	for (i = 0; i < 2; i++)
		if (st->task[i])
			mmsim_exit(st->task[i]);
}

static void test_stress(void **state)
{
	const char *env = getenv("STRESS_OPS");
	unsigned long ops = env ? strtoul(env, NULL, 0) : 20000;
	const int cpus[2] = { 0, 1 };
	struct stress st = { .m = *state };
	struct timespec t0, t1;
	long held_before;
	double secs;
	int k;

	st.ops_per_cpu = (ops + 1) / 2;
	st.cache = kmem_cache_create("stress_cache", 200, 0, 0, NULL);
	assert_non_null(st.cache);
	for (k = 0; k < K_NR; k++)
		st.slots[k] = calloc(SLOTS, sizeof(uintptr_t));
	pthread_barrier_init(&st.barrier, NULL, 2);
	/* a task made and gone first: the process caches exist before the baseline */
	mmsim_exit(mmsim_task_create("warm-up"));
	held_before = pages_held();
	for (k = 0; k < 2; k++) {
		st.task[k] = mmsim_task_create(k ? "stress1" : "stress0");
		assert_non_null(st.task[k]);
		st.task[k]->mm->start_brk = st.task[k]->mm->brk = 0x10000000;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ("host_run_on_cpus", 0, host_run_on_cpus(st.m, cpus, 2, cpu_worker, &st));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	machine_enter(st.m);
	if (st.failed[0])
		fail_msg("%s", st.failed);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (env)
		fprintf(stderr, "stress: %lu operations on 2 CPUs in %.1f s: %.0f ops/s\n",
			st.ops_per_cpu * 2, secs, (double)(st.ops_per_cpu * 2) / secs);
	free_everything(&st);
	if (env)
		fprintf(stderr, "stress: after freeing, %lu percpu pages, %lu vmalloc pages\n",
			pcpu_nr_pages(), vmalloc_nr_pages());
	kmem_cache_destroy(st.cache);
	validate_all(&st, 0);
	if (st.failed[0])
		fail_msg("after freeing everything: %s", st.failed);
	CHECK_EQ("pages held (not free, not cached by an allocator) after freeing everything",
		 held_before, pages_held());
	for (k = 0; k < K_NR; k++)
		free(st.slots[k]);
	pthread_barrier_destroy(&st.barrier);
}

static int setup(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	strcat(d.cmdline, " nokaslr");
	*state = test_machine_boot(&d);
	return 0;
}

static int teardown(void **state)
{
	test_machine_destroy(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stress, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
