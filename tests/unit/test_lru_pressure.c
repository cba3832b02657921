// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_lru_pressure.c — the LRU lists and reclaim under
 * memory pressure on a small machine, with the validators after every
 * step.
 *
 * Scenario: a 256 MiB pc machine (2 CPUs, no swap).  The task maps an
 * anonymous region larger than half of RAM, writes it, and gives it up
 * with MADV_FREE (lazily freeable: clean, not swap-backed, on the file
 * LRU).  Then, in seeded random steps, it maps and writes more anonymous
 * memory, writes tmpfs pages, reads parts back, marks some regions cold
 * and frees others, until more memory has been asked for than the
 * machine has.
 *
 *   RAM:  [ lazyfree region ........ ][ new anon ... ] -> past the end:
 *         reclaim (kswapd, direct) frees lazyfree pages, the new
 *         writes succeed
 *
 * Expect after each step: lru_validate() clean (every list's pages equal
 * its zone and node counters, no folio on two lists, PG_lru exactly on
 * listed folios), mmsim_validate_processes() clean (refcounts include
 * the per-CPU batch references); in the end pglazyfreed > 0 (reclaim
 * really freed lazyfree pages), the writes past RAM succeeded, and after
 * the task exits no page is lost.
 */
#include "test_process.h"
#include "linux/kthread.h"

#define STEPS 60

static int lru_setup(void **state)
{
	return ptest_setup_ram(state, 256ULL << 20);
}

static void check_all(const char *step)
{
	ptest_check_step(step, false);
}

static void test_reclaim_lazyfree_past_ram(void **state)
{
	struct ptest *t = *state;
	unsigned long ram = totalram_pages() << PAGE_SHIFT;
	unsigned long big = ram / 2 + (ram / 8), asked = 0, a;
	u64 seed = 0x1234abcdULL;
	char step[64];
	int i;

	a = ptest_mmap(0, big, PROT_RW, MAP_ANON_PRIV);
	assert_true(!IS_ERR_VALUE(a));
	assert_int_equal(ptest_access(t->main, a, big, MMSIM_WRITE, 0x11), 0);
	check_all("first write");
	assert_int_equal(do_madvise(t->main->mm, a, big, MADV_FREE), 0);
	check_all("MADV_FREE");
	lru_add_drain_all();
	check_all("drain");
	for (i = 0; i < STEPS; i++) {
		unsigned long len = ((ptest_xorshift(&seed) % 2048) + 256) << PAGE_SHIFT;
		unsigned long r = ptest_mmap(0, len, PROT_RW, MAP_ANON_PRIV);

		snprintf(step, sizeof(step), "step %d", i);
		if (IS_ERR_VALUE(r))
			break;
		if (ptest_access(t->main, r, len, MMSIM_WRITE, (u8)i))
			fail_msg("%s: write of %lu KiB failed after %lu KiB asked", step,
				 len >> 10, asked >> 10);
		asked += len;
		switch (ptest_xorshift(&seed) % 4) {
		case 0:
			do_madvise(t->main->mm, r, len / 2, MADV_COLD);
			break;
		case 1:
			do_madvise(t->main->mm, r, len / 4, MADV_FREE);
			break;
		case 2:
			ptest_access(t->main, r, len, MMSIM_READ, 0);
			break;
		default:
			schedule_sim_point();     /* kswapd runs if woken */
			break;
		}
		check_all(step);
		if (asked > ram - big / 2)
			break;
	}
	if (asked + big <= ram)
		fail_msg("the steps asked for %lu KiB + %lu KiB, not more than RAM (%lu KiB)",
			 asked >> 10, big >> 10, ram >> 10);
	if (!sum_vm_event(PGLAZYFREED))
		fail_msg("pglazyfreed is 0 after asking past RAM: nothing was reclaimed");
	ptest_all_exit(t);
	check_all("exit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reclaim_lazyfree_past_ram,
						lru_setup, ptest_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
