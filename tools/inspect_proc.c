/* SPDX-License-Identifier: MIT */
/*
 * tools/inspect_proc.c — the inspector's views of user processes:
 * crash's `ps` (with the workload script's name of each process) and
 * `vm`, and mm-vmas.
 *
 * Kernel counterpart: none in the kernel; these read the structures of
 * include/linux/sched.h (task_struct, the task list of kernel/fork.c)
 * and include/linux/mm_struct.h (mm_struct, its VMAs in mm_mt) the way
 * the crash utility's ps and vm commands read a vmcore.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "mmsim/process.h"
#include "tools/inspect.h"

#include <stdio.h>

static const char *task_state_name(const struct task_struct *t)
{
	if (t->exit_state)
		return "ZO";
	return t->__state ? "IN" : "RU";
}

/* The script's names of the pids, for ps (inspect_set_proc_names). */
static struct {
	const int *pids;
	const char *const *names;
	int nr;
} proc_names;

void inspect_set_proc_names(const int *pids, const char *const *names, int nr)
{
	proc_names.pids = pids;
	proc_names.names = names;
	proc_names.nr = nr;
}

static const char *script_name(int pid)
{
	int i;

	for (i = 0; i < proc_names.nr; i++)
		if (proc_names.pids[i] == pid)
			return proc_names.names[i];
	return "-";
}

/*
 * ps: one line a task (crash's columns that mmsim has), and the name the
 * workload script gave it.  RSS is what the mm's counters say, as
 * /proc/PID/status does (with SPLIT_RSS_COUNTING it lags the pages the
 * task still holds in its own cache).
 */
static int cmd_ps(int argc, char **argv)
{
	struct task_struct *t;
	int n = 0;

	printf("%7s %7s %3s %10s  %-16s %s\n", "PID", "PPID", "ST", "RSS", "COMM",
	       "SCRIPT");
	list_for_each_entry(t, mmsim_task_list(), tasks) {
		unsigned long rss = t->mm ? get_mm_rss(t->mm) : 0;

		printf("%7d %7d %3s %9luk  %-16s %s\n", t->pid,
		       t->real_parent ? t->real_parent->pid : 0,
		       task_state_name(t), rss << (PAGE_SHIFT - 10), t->comm,
		       script_name(t->pid));
		n++;
	}
	if (!n)
		printf("ps: no user processes on this machine (mmsim boot stops before /init;"
		       " mmsim run --inspect has them)\n");
	return 0;
}

/* The task of argv[1], or NULL after a message. */
static struct task_struct *task_arg(int argc, char **argv)
{
	struct task_struct *t;
	u64 pid;

	if (argc < 2) {
		inspect_error("%s: which PID? (ps lists them)", argv[0]);
		return NULL;
	}
	if (inspect_number("PID", argv[1], &pid))
		return NULL;
	t = find_task_by_vpid((int)pid);
	if (!t || pid > INT_MAX) {
		inspect_error("%s: no process with PID %s", argv[0], argv[1]);
		return NULL;
	}
	if (!t->mm) {
		inspect_error("%s: PID %s has no address space", argv[0], argv[1]);
		return NULL;
	}
	return t;
}

static void print_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	printf("%18s %18s %8s %10s  %s\n", "VM_START", "VM_END", "FLAGS", "PGOFF", "FILE");
	for_each_vma(vmi, vma)
		printf("%#18lx %#18lx %8lx %10lx  %s\n", vma->vm_start, vma->vm_end,
		       (unsigned long)vma->vm_flags, vma->vm_pgoff,
		       vma->vm_file ? "file" : (vma->vm_start <= mm->brk &&
						vma->vm_end >= mm->start_brk ? "[heap]" :
						vma->vm_flags & VM_STACK ? "[stack]" : ""));
}

/* vm PID: crash's vm — the mm_struct summary, then the VMAs. */
static int cmd_vm(int argc, char **argv)
{
	struct task_struct *t = task_arg(argc, argv);
	struct mm_struct *mm;

	if (!t)
		return -EINVAL;
	mm = t->mm;
	printf("PID: %d  COMM: \"%s\"\n", t->pid, t->comm);
	printf("       MM               PGD          RSS    TOTAL_VM\n");
	printf("%p  %p  %luk  %luk\n", (void *)mm, (void *)mm->pgd,
	       get_mm_rss(mm) << (PAGE_SHIFT - 10), mm->total_vm << (PAGE_SHIFT - 10));
	printf("map_count %d  mmap_base %#lx  brk %#lx-%#lx  stack %#lx  hiwater_rss %lu\n",
	       mm->map_count, mm->mmap_base, mm->start_brk, mm->brk, mm->start_stack,
	       mm->hiwater_rss);
	print_vmas(mm);
	return 0;
}

static int cmd_vmas(int argc, char **argv)
{
	struct task_struct *t = task_arg(argc, argv);

	if (!t)
		return -EINVAL;
	print_vmas(t->mm);
	return 0;
}

const struct inspect_cmd inspect_proc_cmds[] = {
	{ "ps", cmd_ps, "", "processes: pid, parent, state, RSS, comm (crash's ps)" },
	{ "vm", cmd_vm, "PID", "a process's mm_struct and VMAs (crash's vm)" },
	{ "mm-vmas", cmd_vmas, "PID", "a process's VMAs, in mm_mt order" },
	{ NULL, NULL, NULL, NULL }
};
