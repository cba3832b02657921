// SPDX-License-Identifier: MIT
/*
 * examples/two_machines.c — two simulated machines of different sizes in
 * one process; each thread switches between them with mmsim_enter().
 * Each machine's kernel sees only its own memory.
 */
#include "mmsim/mmsim.h"
#include "linux/slab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MemTotal: of a machine, from its /proc/meminfo. */
static unsigned long memtotal_kb(struct machine *m)
{
	char *text;
	unsigned long kb = 0;

	if (mmsim_proc(m, "meminfo", &text))
		return 0;
	sscanf(text, "MemTotal: %lu kB", &kb);
	mmsim_free(text);
	return kb;
}

int main(void)
{
	static const unsigned long long ram[2] = { 256ULL << 20, 2ULL << 30 };
	struct machine *m[2];
	struct mmsim_desc d;
	char err[256];
	void *p[2];
	int i;

	for (i = 0; i < 2; i++) {
		mmsim_desc_init(&d);
		d.ram = ram[i];
		m[i] = mmsim_create(&d, err, sizeof(err));
		if (!m[i] || mmsim_boot(m[i])) {
			fprintf(stderr, "two_machines: machine %d: %s\n", i,
				m[i] ? "boot failed" : err);
			return 1;
		}
	}
	for (i = 0; i < 2; i++) {
		mmsim_enter(m[i], 0);
		p[i] = kmalloc(4096, GFP_KERNEL);
		printf("machine %d: MemTotal %lu kB, kmalloc(4096) %s\n", i,
		       memtotal_kb(m[i]), p[i] ? "ok" : "failed");
	}
	for (i = 0; i < 2; i++) {
		mmsim_enter(m[i], 0);   /* free on the machine that allocated */
		kfree(p[i]);
	}
	mmsim_leave();
	if (memtotal_kb(m[0]) >= memtotal_kb(m[1]))
		return 1;
	mmsim_destroy(m[0]);
	mmsim_destroy(m[1]);
	return 0;
}
