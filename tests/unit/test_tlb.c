// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_tlb.c — the simulated CPU's TLB (host/tlb.c) and the
 * kernel's flushes (mm/tlb_flush.c), on a booted x86_64 machine.
 *
 * Scenarios (each from one empty task, ending with every task gone):
 *   - clear_refs 1 flushes nothing: a re-read of pages whose translations
 *     are cached sets no accessed bit (Referenced stays 0), a page never
 *     touched since is walked and becomes young
 *   - munmap and mprotect flush: the translation is gone, the next access
 *     walks (SIGSEGV after munmap, young again after mprotect)
 *   - x86 dirty bit: a store through an entry a load filled walks again
 *     and sets D; a store through an entry a store filled does not walk
 *   - a context switch to another mm empties the TLB; fork flushes the
 *     parent; a stale entry (a flush mmsim would miss) is never used
 *   - the hardware alone: direct-mapped conflicts go to the 8 victims,
 *     a ninth eviction pushes the oldest out; resize on a full flush
 *
 * Expect every figure named in the checks, no stale hit anywhere (each
 * change of a present PTE was flushed), and the validators content.
 */
#include "test_process.h"
#include "linux/pgtable.h"
#include "linux/proc_fs.h"
#include "mmsim/tlb.h"

static pte_t pte_of(struct task_struct *t, unsigned long a)
{
	pte_t *p = mmsim_pte_lookup(t->mm, a, NULL);

	return p ? ptep_get(p) : __pte(0);
}

static int young_pages(struct task_struct *t, unsigned long a, int n)
{
	int i, y = 0;

	for (i = 0; i < n; i++)
		y += pte_young(pte_of(t, a + (unsigned long)i * PAGE_SIZE)) ? 1 : 0;
	return y;
}

static u64 stale_hits(void)
{
	u64 s = 0;
	int cpu;

	for (cpu = 0; cpu < mmsim_tlb_nr_cpus(); cpu++)
		s += mmsim_cpu_tlb(cpu)->stale;
	return s;
}

static void clear_refs(struct task_struct *t, const char *v)
{
	CHECK_EQ("clear_refs write", 0, proc_pid_write(t, "clear_refs", v, strlen(v)));
}

/*
 * The flush scenarios as tables: each step acts on pages [page, page +
 * npages) of one mapping and names what it expects (an access's signal,
 * a system call's return, or how many of the pages are young).
 */
enum tlb_step_kind { STORE, LOAD, YOUNG, CLEAR_REFS, MPROTECT_RO, MUNMAP };

struct tlb_step {
	const char *what;
	enum tlb_step_kind kind;
	int page, npages;
	long expect;
};

static void run_steps(struct ptest *t, unsigned long npages,
		      const struct tlb_step *steps, size_t n)
{
	unsigned long a = ptest_mmap(0, npages * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tlb_step *s = &steps[i];
		unsigned long at = a + (unsigned long)s->page * PAGE_SIZE;
		unsigned long len = (unsigned long)s->npages * PAGE_SIZE;
		long got = 0;

		switch (s->kind) {
		case STORE: got = ptest_access(t->main, at, len, MMSIM_WRITE, (u8)(i + 1)); break;
		case LOAD: got = ptest_access(t->main, at, len, MMSIM_READ, 0); break;
		case YOUNG: got = young_pages(t->main, at, s->npages); break;
		case CLEAR_REFS: clear_refs(t->main, "1"); break;
		case MPROTECT_RO: got = do_mprotect_pkey(at, len, PROT_READ, -1); break;
		case MUNMAP: got = __vm_munmap(at, len, true); break;
		}
		CHECK_EQ(s->what, s->expect, got);
	}
	CHECK_EQ("stale hits", 0, stale_hits());
	CHECK_VALID();
	ptest_all_exit(t);
}

/* Scenario: clear_refs 1 leaves cached translations: re-reads set no A bit. */
static void test_clear_refs_no_flush(void **state)
{
	static const struct tlb_step steps[] = {
		{ "write 6 pages", STORE, 0, 6, 0 },
		{ "young after the writes", YOUNG, 0, 8, 6 },
		{ "clear_refs 1", CLEAR_REFS, 0, 0, 0 },
		{ "young after clear_refs 1", YOUNG, 0, 8, 0 },
		{ "re-read", LOAD, 0, 6, 0 },
		{ "young after a re-read through the TLB", YOUNG, 0, 8, 0 },
		{ "re-write", STORE, 0, 6, 0 },
		{ "young after a re-write (entries were writable)", YOUNG, 0, 8, 0 },
		{ "write a new page", STORE, 6, 1, 0 },
		{ "the new page walked", YOUNG, 0, 8, 1 },
	};

	run_steps(*state, 8, steps, ARRAY_SIZE(steps));
}

/* Scenario: mprotect and munmap flush: the next access walks. */
static void test_munmap_mprotect_flush(void **state)
{
	static const struct tlb_step steps[] = {
		{ "write", STORE, 0, 4, 0 },
		{ "clear_refs 1", CLEAR_REFS, 0, 0, 0 },
		{ "mprotect r--", MPROTECT_RO, 0, 2, 0 },
		{ "read", LOAD, 0, 4, 0 },
		{ "young: the 2 mprotected pages walked", YOUNG, 0, 4, 2 },
		{ "write to r--", STORE, 0, 1, SIGSEGV },
		{ "munmap", MUNMAP, 2, 1, 0 },
		{ "read the unmapped page", LOAD, 2, 1, SIGSEGV },
	};

	run_steps(*state, 4, steps, ARRAY_SIZE(steps));
}

static void test_dirty_through_read_entry(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	pte_t *p;

	/* a read-only zero-page mapping first, then a write: a private page */
	CHECK_EQ("write", 0, ptest_access(t->main, a, 2 * PAGE_SIZE, MMSIM_WRITE, 1));
	p = mmsim_pte_lookup(t->main->mm, a, NULL);
	set_pte_at(t->main->mm, a, p, pte_mkclean(ptep_get(p)));
	flush_tlb_mm(t->main->mm);      /* as a cleaner of the PTE would */
	CHECK_EQ("read", 0, ptest_access(t->main, a, 1, MMSIM_READ, 0));
	CHECK_EQ("D after a read", 0, pte_dirty(pte_of(t->main, a)));
	CHECK_EQ("write through the read-filled entry", 0,
		 ptest_access(t->main, a, 1, MMSIM_WRITE, 2));
	CHECK_EQ("D after the write", 1, pte_dirty(pte_of(t->main, a)));
	/* the entry is writable now: clearing D without a flush goes unseen */
	set_pte_at(t->main->mm, a, p, pte_mkclean(ptep_get(p)));
	CHECK_EQ("write again", 0, ptest_access(t->main, a, 1, MMSIM_WRITE, 3));
	CHECK_EQ("D stays clear: no walk", 0, pte_dirty(pte_of(t->main, a)));
	CHECK_EQ("stale hits", 0, stale_hits());
	ptest_all_exit(t);
}

static void test_switch_fork_and_stale(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	struct task_struct *child;
	pte_t *p;
	int pid;

	CHECK_EQ("write", 0, ptest_access(t->main, a, 2 * PAGE_SIZE, MMSIM_WRITE, 1));
	clear_refs(t->main, "1");
	pid = mmsim_fork(t->main);
	child = find_task_by_vpid(pid);
	assert_non_null(child);
	CHECK_EQ("child reads", 0, ptest_access(child, a, 1, MMSIM_READ, 0));
	CHECK_EQ("parent reads after the switch back", 0,
		 ptest_access(t->main, a, 2 * PAGE_SIZE, MMSIM_READ, 0));
	CHECK_EQ("parent's pages walked again", 2, young_pages(t->main, a, 2));
	CHECK_EQ("parent writes (COW: a writable entry)", 0,
		 ptest_access(t->main, a, 1, MMSIM_WRITE, 2));
	/* a PTE changed without a flush (what a missed flush site would do) */
	p = mmsim_pte_lookup(t->main->mm, a, NULL);
	set_pte_at(t->main->mm, a, p, pte_wrprotect(ptep_get(p)));
	CHECK_EQ("write after the unflushed write-protect", 0,
		 ptest_access(t->main, a + 8, 1, MMSIM_WRITE, 2));
	CHECK_EQ("stale hits: the cached right was not used", 1, stale_hits());
	CHECK_VALID();
	ptest_all_exit(t);
}

static void test_hw_victims_and_resize(void **state)
{
	struct mmsim_tlb *tlb = mmsim_this_tlb();
	struct mmsim_tlb_entry e;
	unsigned long size, i;

	(void)state;
	assert_non_null(tlb);
	spin_lock(&tlb->lock);
	tlb_hw_flush_all(tlb);
	size = tlb->size;
	/* ten pages on one slot: the last in the slot, 8 victims, 1 lost */
	for (i = 0; i < 10; i++)
		tlb_hw_fill(tlb, (i * size) << PAGE_SHIFT, 100 + i, true, false);
	CHECK_EQ("first page lost", false, tlb_hw_lookup(tlb, 0, false, &e));
	CHECK_EQ("second page in the victims", true,
		 tlb_hw_lookup(tlb, size << PAGE_SHIFT, false, &e));
	CHECK_EQ("its frame", 101, e.pfn);
	CHECK_EQ("last page swapped out still found", true,
		 tlb_hw_lookup(tlb, (9 * size) << PAGE_SHIFT, true, &e));
	/* over 70% of the slots in use at a full flush: the table doubles */
	for (i = 0; i < size; i++)
		tlb_hw_fill(tlb, i << PAGE_SHIFT, i, false, false);
	CHECK_EQ("write through a read entry misses", false, tlb_hw_lookup(tlb, 0, true, &e));
	tlb_hw_flush_all(tlb);
	CHECK_EQ("size doubled", size * 2, tlb->size);
	CHECK_EQ("empty after a flush", false, tlb_hw_lookup(tlb, PAGE_SIZE, false, &e));
	/* a 2 MiB translation: a one-page flush inside its span flushes all */
	tlb_hw_fill(tlb, 0x40000000UL, 7, true, true);
	tlb_hw_fill(tlb, 0x1000UL, 8, true, false);
	tlb_hw_flush_page(tlb, 0x40005000UL);
	CHECK_EQ("flushed with the large page", false, tlb_hw_lookup(tlb, 0x1000UL, false, &e));
	spin_unlock(&tlb->lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST(test_clear_refs_no_flush),
		PTEST(test_munmap_mprotect_flush),
		PTEST(test_dirty_through_read_entry),
		PTEST(test_switch_fork_and_stale),
		PTEST(test_hw_victims_and_resize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
