// SPDX-License-Identifier: MIT
/*
 * fs/proc/root.c — the table of /proc views and proc_render().
 *
 * Kernel counterparts: the proc_create_seq()/proc_create_single() calls
 * that register each file (mm/vmstat.c init_mm_internals(),
 * fs/proc/meminfo.c, kernel/resource.c ioresources_init(),
 * fs/proc/cmdline.c), and fs/proc/cmdline.c's show function itself.
 *
 * A view renders the current machine's state at the moment it is called.
 * It reads the global zone and node counters as the kernel's readers do,
 * without the per-CPU deltas still below their CPU's stat_threshold
 * (mm/vmstat.c): those reach the counters when a delta passes the
 * threshold or when its CPU goes idle (quiet_vmstat: the end of boot, a
 * sleep).  Before the memory map exists the zone views are empty.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "fs/proc/internal.h"
#include "mm/page_alloc_internal.h"

#include <string.h>

/* fs/proc/cmdline.c: the command line as the kernel saved it. */
static void cmdline_show(struct seq_file *m)
{
	const char *cmdline = current_machine->saved_command_line;

	seq_puts(m, cmdline ? cmdline : "");
	seq_putc(m, '\n');
}

struct proc_view {
	const char *name;
	void (*show)(struct seq_file *m);
	bool needs_zones; /* walks nodes and zones: empty before the memory map */
};

/* In the order `--dump DIR` writes them. */
static const struct proc_view proc_views[] = {
	{ "zoneinfo", zoneinfo_show, true },
	{ "buddyinfo", buddyinfo_show, true },
	{ "pagetypeinfo", pagetypeinfo_show, true },
	{ "meminfo", meminfo_show, true },
	{ "vmstat", vmstat_show, true },
	{ "iomem", iomem_show, false },
	{ "slabinfo", slabinfo_show, false },
	{ "vmallocinfo", vmallocinfo_show, false }, /* fs/proc/vmallocinfo.c */
	{ "cmdline", cmdline_show, false },
};

const char *proc_view_name(size_t i)
{
	return i < ARRAY_SIZE(proc_views) ? proc_views[i].name : NULL;
}

/* The zones and the page allocator's counters exist once the memory map does. */
static bool zones_ready(void)
{
	return first_online_pgdat() && pa_state.nr_cpu_slots;
}

int proc_render(const char *name, char **text)
{
	struct seq_file m;
	size_t i;

	*text = NULL;
	for (i = 0; i < ARRAY_SIZE(proc_views); i++)
		if (!strcmp(proc_views[i].name, name))
			break;
	if (i == ARRAY_SIZE(proc_views))
		return -ENOENT;
	seq_file_init(&m);
	if (!proc_views[i].needs_zones || zones_ready())
		proc_views[i].show(&m);
	*text = seq_file_detach(&m, NULL);
	return 0;
}
