// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_oom_kill.c — the OOM killer (mm/oom_kill.c) on a 128 MiB
 * pc machine with no swap, driven by anonymous write faults.
 *
 *   main ──fork──> small (a few MiB)      oom_badness = rss + page tables
 *        └─fork──> hog (writes past RAM)   + oom_score_adj * totalpages/1000
 *
 * Each scenario checks who the killer chose (the Killed process line,
 * oom_kill in vmstat), that the others keep their memory and content,
 * the validators after every step, and no page lost once every task is
 * gone.
 */
#include "test_process.h"

#include "linux/oom.h"
#include "linux/kthread.h"
#include "mmsim/log.h"
#include "linux/proc_fs.h"

#define SMALL_BYTES (4UL << 20)

/* Records of the kernel log from @from on, as text (host_free it). */
static char *log_since(size_t from)
{
	return log_text_since(&current_machine->log, from);
}

static struct task_struct *fork_of(struct task_struct *parent)
{
	int pid = mmsim_fork(parent);

	if (pid < 0)
		fail_msg("fork: %d", pid);
	return find_task_by_vpid(pid);
}

/* An anonymous MAP_NORESERVE mapping of @len in @t. */
static unsigned long map_in(struct task_struct *t, unsigned long len)
{
	struct task_struct *old = set_current(t);
	unsigned long a = ptest_mmap(0, len, PROT_RW, MAP_ANON_PRIV | MAP_NORESERVE);

	set_current(old);
	if (IS_ERR_VALUE(a))
		fail_msg("mmap: %ld", (long)a);
	return a;
}

/* The pid in the "Killed process N" line of @text, or -1. */
static int killed_pid(const char *text)
{
	const char *l = strstr(text, "Out of memory: Killed process ");

	return l ? atoi(l + strlen("Out of memory: Killed process ")) : -1;
}

/*
 * Scenario: small holds 4 MiB, hog writes 1 GiB.  Expect the hog killed
 * (the SIGKILL ends its write), one oom_kill, the report's header, task
 * table and Killed process line naming it; small's bytes intact.
 */
static void test_oom_kills_the_biggest(void **state)
{
	struct ptest *t = *state;
	struct task_struct *small = fork_of(t->main), *hog = fork_of(t->main);
	unsigned long s = map_in(small, SMALL_BYTES), h = map_in(hog, 1UL << 30);
	unsigned long kills = sum_vm_event(OOM_KILL);
	size_t from = current_machine->log.nr;
	int hog_pid = hog->pid;
	char *text;

	CHECK_EQ("small fill", 0, ptest_access(small, s, SMALL_BYTES, MMSIM_FILL, 0x11));
	CHECK_EQ("hog write ends in SIGKILL", SIGKILL,
		 ptest_access(hog, h, 1UL << 30, MMSIM_WRITE, 0x22));
	CHECK_EQ("oom_kill", kills + 1, sum_vm_event(OOM_KILL));
	CHECK_EQ("hog has SIGKILL pending", 1, fatal_signal_pending(hog));
	CHECK_EQ("hog is an OOM victim", 1, tsk_is_oom_victim(hog));
	text = log_since(from);
	if (!strstr(text, "probe invoked oom-killer: gfp_mask=") ||
	    !strstr(text, "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name") ||
	    !strstr(text, "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null)"))
		fail_msg("the OOM report is incomplete:\n%s", text);
	CHECK_EQ("the Killed process line names the hog", hog_pid, killed_pid(text));
	host_free(text);
	mmsim_exit(hog);
	CHECK_VALID();
	CHECK_EQ("small's bytes", 0, ptest_access(small, s, SMALL_BYTES, MMSIM_CHECK, 0x11));
	CHECK_EQ("small is no victim", 0, tsk_is_oom_victim(small));
	ptest_all_exit(t);
}

/*
 * Scenario: small (4 MiB) has oom_score_adj 1000; hog writes as much as
 * is free (the min watermark's reserve included).  Expect small killed
 * the moment memory runs out: its exit gives its pages back and the hog's
 * write completes.  (All but 2 MiB of what is free may fit: faults cost
 * simulated time, so the machine's timers and threads run during the
 * write, and it no longer runs out there.)
 */
static void test_oom_score_adj_chooses(void **state)
{
	struct ptest *t = *state;
	struct task_struct *small = fork_of(t->main), *hog = fork_of(t->main);
	unsigned long s = map_in(small, SMALL_BYTES), len, h;
	size_t from = current_machine->log.nr;
	int small_pid = small->pid;
	char *text;

	CHECK_EQ("oom_score_adj", 0, proc_pid_write(small, "oom_score_adj", "1000", 4));
	CHECK_EQ("small fill", 0, ptest_access(small, s, SMALL_BYTES, MMSIM_FILL, 0x11));
	ptest_shrink();
	len = nr_free_pages() << PAGE_SHIFT;
	h = map_in(hog, len);
	CHECK_EQ("the hog's write completes", 0, ptest_access(hog, h, len, MMSIM_WRITE, 0x22));
	text = log_since(from);
	CHECK_EQ("the Killed process line names small", small_pid, killed_pid(text));
	if (!strstr(text, "oom_score_adj:1000"))
		fail_msg("no oom_score_adj:1000 in the Killed process line:\n%s", text);
	host_free(text);
	CHECK_EQ("small has no mm left (it exited)", 1, small->mm == NULL);
	CHECK_EQ("hog alive", 0, fatal_signal_pending(hog));
	mmsim_exit(small);
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: the badness and /proc/PID/oom_score of one process with
 * 4 MiB resident, at oom_score_adj 0, 500 and -1000.  Expect rss + page
 * tables, + adj * totalpages / 1000, and LONG_MIN (score 0) at -1000.
 */
static void test_oom_badness(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, SMALL_BYTES, PROT_RW, MAP_ANON_PRIV);
	unsigned long total = totalram_pages();
	struct mm_struct *mm = t->main->mm;
	long base;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, SMALL_BYTES, MMSIM_FILL, 1));
	base = (long)(get_mm_rss(mm) + mm_pgtables_bytes(mm) / PAGE_SIZE);
	CHECK_EQ("badness at 0", base, oom_badness(t->main, total));
	CHECK_EQ("oom_score at 0", (unsigned long)((1000 + base * 1000 / (long)total) * 2 / 3),
		 proc_oom_score(t->main));
	t->main->signal->oom_score_adj = 500;
	CHECK_EQ("badness at 500", base + 500 * (long)(total / 1000),
		 oom_badness(t->main, total));
	t->main->signal->oom_score_adj = OOM_SCORE_ADJ_MIN;
	CHECK_EQ("badness at -1000", LONG_MIN, oom_badness(t->main, total));
	CHECK_EQ("oom_score at -1000", 0, proc_oom_score(t->main));
	t->main->signal->oom_score_adj = 0;
	ptest_all_exit(t);
}

/*
 * Scenario: the hog is killed but has not exited when the reaper's 2 s
 * timer fires (the simulated clock moved on).  Expect the oom_reaper
 * thread to unmap its anonymous memory, report
 * "oom_reaper: reaped process N (probe), now anon-rss:0kB" and mark the
 * mm MMF_OOM_SKIP; nothing is reaped before the 2 s.
 */
static void test_oom_reaper(void **state)
{
	struct ptest *t = *state;
	struct task_struct *hog = fork_of(t->main);
	unsigned long h = map_in(hog, 1UL << 30);
	size_t from;
	char *text, want[96];

	CHECK_EQ("hog write ends in SIGKILL", SIGKILL,
		 ptest_access(hog, h, 1UL << 30, MMSIM_WRITE, 0x22));
	from = current_machine->log.nr;
	sim_clock_advance(1000000000ULL);
	CHECK_EQ("nothing reaped after 1 s", 0, current_machine->log.nr - from);
	sim_clock_advance(1500000000ULL);
	text = log_since(from);
	snprintf(want, sizeof(want), "oom_reaper: reaped process %d (probe), now anon-rss:0kB",
		 hog->pid);
	if (!strstr(text, want))
		fail_msg("expected \"%s\" in:\n%s", want, text);
	host_free(text);
	CHECK_EQ("anon rss after the reaper", 0, get_mm_counter(hog->mm, MM_ANONPAGES));
	CHECK_EQ("MMF_OOM_SKIP", 1, test_bit(MMF_OOM_SKIP, &hog->mm->flags));
	CHECK_VALID();
	ptest_all_exit(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST_128M(test_oom_kills_the_biggest),
		PTEST_128M(test_oom_score_adj_chooses),
		PTEST_128M(test_oom_badness),
		PTEST_128M(test_oom_reaper),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
