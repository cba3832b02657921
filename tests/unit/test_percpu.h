/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_percpu.h — a booted machine, for the test_percpu*.c
 * programs.
 *
 * The machine boots as `mmsim boot` does (pc, 512 MiB, 2 CPUs; or two
 * NUMA nodes of 256 MiB with one CPU each): setup_per_cpu_areas() makes
 * the first chunk from memblock on the way, and at the end of the boot
 * vmalloc and the page allocator are up, so chunks made afterwards are
 * vmalloc areas populated with pages from it.
 *
 *   first chunk (memblock, direct map)    later chunks (vmalloc areas)
 *   | u0: static|res|dyn | u1: ... |      | u0 pages ... | u1 pages ... |
 *
 * pcpu_setup() turns the balance work on (percpu_enable_async(), as the
 * kernel's subsys_initcall does); pcpu_teardown() releases the per-CPU
 * allocator's locks and the machine.
 */
#ifndef _MMSIM_TEST_PERCPU_H
#define _MMSIM_TEST_PERCPU_H

#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "linux/percpu.h"
#include "mm/percpu-internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

/* pcpu_validate(), failing the test with the validator's message. */
static inline void pcpu_check_valid(const char *file, int line)
{
	struct machine *m = current_machine;
	size_t from = m->log.nr;

	if (pcpu_validate())
		fail_msg("%s:%d: %s", file, line,
			 m->log.nr > from ? m->log.recs[m->log.nr - 1].text : "?");
}
#define CHECK_PCPU_VALID() pcpu_check_valid(__FILE__, __LINE__)

/* Is @line one of the log's records from index @from on? */
static inline bool pcpu_log_has(const struct machine *m, size_t from,
				const char *line)
{
	size_t i;

	for (i = from; i < m->log.nr; i++)
		if (!strcmp(m->log.recs[i].text, line))
			return true;
	return false;
}

static inline int pcpu_setup_desc(void **state, const struct machine_desc *d)
{
	struct machine *m = test_machine_boot(d);

	percpu_enable_async();
	*state = m;
	return 0;
}

/* pc, 512 MiB, 2 CPUs on one node. */
static inline int pcpu_setup(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	return pcpu_setup_desc(state, &d);
}

/* Two nodes of 256 MiB, CPU 0 on node 0 and CPU 1 on node 1. */
static inline void pcpu_desc_two_nodes(struct machine_desc *d)
{
	int nid;

	test_machine_desc_default(d);
	d->sockets = 2;
	d->cores = 1;
	d->nr_nodes = 2;
	for (nid = 0; nid < 2; nid++) {
		d->nodes[nid].mem = 256ULL << 20;
		d->nodes[nid].cpu_first = d->nodes[nid].cpu_last = nid;
	}
}

static inline int pcpu_setup_two_nodes(void **state)
{
	struct machine_desc d;

	pcpu_desc_two_nodes(&d);
	return pcpu_setup_desc(state, &d);
}

static inline int pcpu_teardown(void **state)
{
	struct machine *m = *state;

	machine_enter(m);
	pcpu_state_destroy();
	test_machine_destroy(m);
	return 0;
}

#define PCPU_TEST(f) cmocka_unit_test_setup_teardown(f, pcpu_setup, pcpu_teardown)
#define PCPU_TEST_NUMA(f) \
	cmocka_unit_test_setup_teardown(f, pcpu_setup_two_nodes, pcpu_teardown)

#endif /* _MMSIM_TEST_PERCPU_H */
