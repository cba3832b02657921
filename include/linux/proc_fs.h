/* SPDX-License-Identifier: MIT */
/*
 * include/linux/proc_fs.h — the /proc files mmsim can show.
 *
 * Kernel counterpart: include/linux/proc_fs.h (proc_create_seq,
 * proc_create_single).  In the kernel each file is registered once and
 * rendered on every read(); in mmsim a view is rendered on demand from
 * the current machine's state (after boot, or at any point a test
 * chooses), in the kernel's exact text format:
 *
 *   char *text;
 *   if (proc_render("zoneinfo", &text) == 0) { ...; host_free(text); }
 *
 * The names are the files under /proc: "zoneinfo", "buddyinfo",
 * "pagetypeinfo", "vmstat", "meminfo", "iomem", "cmdline".
 */
#ifndef _MMSIM_LINUX_PROC_FS_H
#define _MMSIM_LINUX_PROC_FS_H

#include <stddef.h>

/*
 * Render /proc/@name of the current machine into a new NUL-terminated
 * host buffer (*@text, host_free() it).  Returns 0, or -ENOENT for a name
 * mmsim does not have (*@text is then NULL).  Call it while no simulated
 * CPU is allocating: the per-CPU vmstat deltas are folded first, as the
 * kernel's vmstat_update has done by the time user space reads /proc.
 */
int proc_render(const char *name, char **text);

/* The @i-th view's name (0, 1, ...), NULL past the last one. */
const char *proc_view_name(size_t i);

#endif /* _MMSIM_LINUX_PROC_FS_H */
