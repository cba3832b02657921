// SPDX-License-Identifier: MIT
/*
 * tests/peer/memblock/glue.c — Linux's own memblock test suite
 * (tools/testing/memblock in linux-source-6.1), run against mmsim's
 * memblock instead of the kernel's mm/memblock.c.
 *
 * Kernel counterpart: tools/testing/memblock/{main.c,mmzone.c,lib/slab.c,
 * internal.h} — the suite's own stand-ins for the rest of the kernel.
 * `make peer-check` compiles the suite's test files unchanged with
 * include/ of this directory first (three small headers: the suite's view
 * of <linux/memblock.h> plus the two it asks for that mmsim has no use for),
 * then mmsim's include/, and links them with this file and mmsim's objects.
 *
 * The suite's "physical memory" is a malloc()ed block whose host address is
 * its physical address, and it reads and writes what memblock_alloc()
 * returns.  So the machine made here, before main(), has no simulated RAM
 * of its own: ram.base is 0, which makes __va()/__pa() the identity, as the
 * suite's own build has them.  What the suite sets directly (memblock's
 * arrays, bottom_up, current_limit) is the machine's memblock state,
 * reached through the `memblock` alias of <mmsim/machine.h>.
 *
 *   make NUMA=1 (the suite's switch)  ->  -DCONFIG_NUMA -DCONFIG_NODES_SHIFT=4
 *   here                              ->  k_numa, MAX_NUMNODES = 16
 *   MEMBLOCK_DEBUG=1                  ->  memblock=debug, log echoed to stdout
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "mmsim/log.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef CONFIG_NODES_SHIFT
#define CONFIG_NODES_SHIFT 0
#endif

static void peer_console(const char *text, size_t len, void *opaque)
{
	fwrite(text, 1, len, stdout);
}

__attribute__((constructor)) static void peer_machine_create(void)
{
	struct machine *m = calloc(1, sizeof(*m));

	if (!m) {
		fprintf(stderr, "memblock peer glue: out of memory\n");
		exit(1);
	}
	m->arch.arch = MMSIM_ARCH_X86_64;
	m->arch.phys_bits = 64;
	m->arch.phys_addr_max = ~(phys_addr_t)0;
	m->arch.long_bytes = sizeof(long);
#ifdef CONFIG_NUMA
	m->k_numa = true;
#endif
	m->k_max_numnodes = 1 << CONFIG_NODES_SHIFT;
	m->k_nr_node_ids = m->k_max_numnodes;
	log_init(&m->log);
	m->log.console = peer_console;
	m->log.console_loglevel = 8;
	m->log.default_msg_level = 4;
	memblock_init(&m->memblock_st);
	machine_enter(m);
#ifdef MEMBLOCK_DEBUG
	m->log.console_enabled = true;
	memblock_set_debug(true);
#endif
	/* the suite's TAP lines survive an assertion that aborts it */
	setvbuf(stdout, NULL, _IOLBF, 0);
}
