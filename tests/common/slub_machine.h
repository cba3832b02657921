/* SPDX-License-Identifier: MIT */
/*
 * tests/common/slub_machine.h — booted machines for the SLUB tests.
 *
 * No kernel counterpart (compare lib/slub_kunit.c's set-up).  The slab
 * allocator needs the whole boot (page allocator, per-CPU areas), so each
 * test boots a real machine of the default shape (pc, RAM and CPUs as
 * asked) with extra kernel parameters, e.g. "slub_debug=FZP":
 *
 *   struct machine *m = slub_machine_boot(128, 2, "slub_debug=FZPU");
 *   ... kmalloc() ...
 *   SLUB_CHECK_VALID();              slub_validate() == 0, else the reason
 *   slub_machine_destroy(m);
 *
 * or, for a cmocka group sharing one machine, SLUB_MACHINE_GROUP(m, 128,
 * 1, NULL) and cmocka_run_group_tests(tests, group_setup, group_teardown).
 *
 * slub_on_cpu(cpu, fn, arg) runs fn on simulated CPU @cpu (a host thread)
 * and waits for it.
 */
#ifndef _MMSIM_TESTS_SLUB_MACHINE_H
#define _MMSIM_TESTS_SLUB_MACHINE_H

#include "linux/types.h"

struct machine;

struct machine *slub_machine_boot(unsigned int ram_mib, unsigned int cpus,
				  const char *append);
void slub_machine_destroy(struct machine *m);
/* fail the test with slub_validate()'s complaint unless it returns 0 */
void slub_check_valid(const char *file, int line);
#define SLUB_CHECK_VALID() slub_check_valid(__FILE__, __LINE__)
void slub_on_cpu(struct machine *m, int cpu, void (*fn)(int cpu, void *arg),
		 void *arg);
/*
 * A cmocka group whose tests share one machine: defines group_setup()
 * (boots it into the file's static @var) and group_teardown().
 */
#define SLUB_MACHINE_GROUP(var, ram_mib, cpus, append)			\
	static int group_setup(void **state)				\
	{								\
		(void)state;						\
		var = slub_machine_boot(ram_mib, cpus, append);		\
		return var ? 0 : -1;					\
	}								\
	static int group_teardown(void **state)				\
	{								\
		(void)state;						\
		slub_machine_destroy(var);				\
		return 0;						\
	}

/* Does the log since the last test_log_take() contain @text?  */
bool slub_log_has(const char *log, const char *text);

#endif /* _MMSIM_TESTS_SLUB_MACHINE_H */
