// SPDX-License-Identifier: MIT
/*
 * tests/common/slub_machine.c — booted machines for the SLUB tests (see
 * slub_machine.h).
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/slab.h"
#include "mmsim/host.h"
#include "mm/slab.h"

#include <stdio.h>
#include <string.h>

struct machine *slub_machine_boot(unsigned int ram_mib, unsigned int cpus,
				  const char *append)
{
	struct machine_desc d;
	struct machine *m;

	test_machine_desc_default(&d);
	d.ram_size = (u64)ram_mib << 20;
	d.smp_cpus = d.max_cpus = cpus;
	d.cores = cpus;
	if (append && *append)
		snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyS0 loglevel=8 %s",
			 append);
	m = test_machine_boot(&d);
	if (!slab_is_available())
		fail_msg("the slab allocator did not come up");
	host_free(test_log_take(m)); /* the boot log is not the test's */
	slub_set_random_seed(0x5eed);
	return m;
}

void slub_machine_destroy(struct machine *m)
{
	if (m)
		test_machine_destroy(m);
}

void slub_check_valid(const char *file, int line)
{
	char *log;

	if (!slub_validate())
		return;
	log = test_log_take(current_machine);
	fail_msg("%s:%d: slub_validate: %s", file, line, log);
}

void slub_on_cpu(struct machine *m, int cpu, void (*fn)(int cpu, void *arg),
		 void *arg)
{
	if (host_run_on_cpus(m, &cpu, 1, fn, arg))
		fail_msg("cannot start simulated CPU %d", cpu);
}

bool slub_log_has(const char *log, const char *text)
{
	return log && strstr(log, text) != NULL;
}
