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
 * CPU is allocating.  Counters are read as the kernel's readers read
 * them: without the per-CPU vmstat deltas not folded yet (mm/vmstat.c).
 */
int proc_render(const char *name, char **text);

/* The @i-th view's name (0, 1, ...), NULL past the last one. */
const char *proc_view_name(size_t i);

/*
 * The files of one process (fs/proc/task_mmu.c, fs/proc/array.c,
 * fs/proc/base.c): maps, smaps, smaps_rollup, statm, status rendered into
 * *@text (host_free it); writes of oom_score_adj and clear_refs.
 * 0 or -errno (-ESRCH without an address space, -ENOENT: no such file).
 */
struct seq_file;
struct task_struct;
struct mm_struct;
int proc_pid_render(struct task_struct *task, const char *name, char **text);
int proc_pid_write(struct task_struct *task, const char *name, const char *buf,
		   size_t len);
void proc_pid_status(struct seq_file *m, struct task_struct *task);
void task_mem(struct seq_file *m, struct mm_struct *mm);

/*
 * /proc/sys/NAME and /sys/PATH (fs/proc/proc_sysctl.c): writes of @len
 * bytes of @buf, reads into *@text; 0 or -errno.  do_sysctl_args()
 * applies the command line's sysctl.* parameters (kernel_init()).
 */
int proc_sys_write(const char *name, const char *buf, size_t len);
int proc_sys_read(const char *name, char **text);
int sysfs_write(const char *path, const char *buf, size_t len);
int sysfs_read(const char *path, char **text);
void do_sysctl_args(void);
/* /proc/swaps (mm/swapfile.c, where the kernel has its swap_show()). */
int proc_swaps_render(char **text);

#endif /* _MMSIM_LINUX_PROC_FS_H */
