// SPDX-License-Identifier: MIT
/*
 * fs/proc/array.c — /proc/PID/status.
 *
 * Kernel counterpart: fs/proc/array.c (proc_pid_status and its helpers,
 * Linux 6.1), every line 6.1 prints for a user process, in its order:
 *
 *   Name Umask State Tgid Ngid Pid PPid TracerPid Uid Gid FDSize Groups
 *   NStgid NSpid NSpgid NSsid                           task_state()
 *   VmPeak .. VmSwap HugetlbPages                      task_mem() (task_mmu.c)
 *   CoreDumping THP_enabled
 *   Threads SigQ SigPnd ShdPnd SigBlk SigIgn SigCgt     task_sig()
 *   CapInh CapPrm CapEff CapBnd CapAmb                 task_cap()
 *   NoNewPrivs Seccomp Seccomp_filters Speculation_Store_Bypass
 *   SpeculationIndirectBranch                          task_seccomp()
 *   Cpus_allowed(_list) Mems_allowed(_list)
 *   voluntary_ctxt_switches nonvoluntary_ctxt_switches
 *
 * The process is always the probe as the guest runs it: root with every
 * capability (CAP_LAST_CAP 40), umask 022, one thread, handlers for
 * SIGSEGV and SIGBUS, running (it reads its own status), allowed on every
 * CPU and node.  The speculation lines are what 6.1 says on QEMU's
 * default CPU models (x86_64: as the oracle fixtures show); the process
 * ids and context switches are not compared with the real kernel's
 * (docs/WORKLOAD.md).
 */
#include "linux/kernel.h"
#include "linux/seq_file.h"
#include "linux/proc_fs.h"
#include "linux/numa.h"
#include "linux/mm.h"
#include "mmsim/process.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/machine.h"

#define CAP_LAST_CAP 40

static bool is_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

/* %*pb: 32-bit chunks, most significant first, comma-separated. */
static void seq_bitmap(struct seq_file *m, unsigned int nbits, unsigned int set)
{
	int chunk = (int)((nbits + 31) / 32) - 1;

	for (; chunk >= 0; chunk--) {
		unsigned int lo = (unsigned int)chunk * 32, bits = min(nbits - lo, 32U), i;
		u32 v = 0;

		for (i = 0; i < bits; i++)
			if (lo + i < set)
				v |= 1U << i;
		seq_put_hex_ll(m, NULL, v, chunk == (int)((nbits + 31) / 32) - 1 ?
			       (bits + 3) / 4 : 8);
		if (chunk)
			seq_putc(m, ',');
	}
}

/* %*pbl of bits [0, set): "0", or "0-N". */
static void seq_bitmap_list(struct seq_file *m, unsigned int set)
{
	if (set > 1)
		seq_printf(m, "0-%u", set - 1);
	else
		seq_puts(m, "0");
}

static void render_sigset(struct seq_file *m, const char *header, u64 set)
{
	seq_puts(m, header);
	seq_put_hex_ll(m, NULL, set, 16);
	seq_putc(m, '\n');
}

static void render_cap(struct seq_file *m, const char *header, u64 caps)
{
	seq_puts(m, header);
	seq_put_hex_ll(m, NULL, caps >> 32, 8);
	seq_put_hex_ll(m, NULL, caps & 0xffffffffULL, 8);
	seq_putc(m, '\n');
}

static void task_state(struct seq_file *m, struct task_struct *p)
{
	int ppid = p->real_parent ? p->real_parent->tgid : 0;

	seq_printf(m, "Umask:\t%#04o\n", 022);
	seq_puts(m, "State:\tR (running)");
	seq_put_decimal_ull(m, "\nTgid:\t", (unsigned long long)p->tgid);
	seq_put_decimal_ull(m, "\nNgid:\t", 0);
	seq_put_decimal_ull(m, "\nPid:\t", (unsigned long long)p->pid);
	seq_put_decimal_ull(m, "\nPPid:\t", (unsigned long long)ppid);
	seq_put_decimal_ull(m, "\nTracerPid:\t", 0);
	seq_puts(m, "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0");
	seq_put_decimal_ull(m, "\nFDSize:\t", is_arm() ? 32 : 64);
	seq_puts(m, "\nGroups:\t ");
	seq_printf(m, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   p->tgid, p->pid, 0, 0);
}

static void task_sig(struct seq_file *m, struct task_struct *p)
{
	unsigned long qlim = current_machine->k_max_threads / 2; /* RLIMIT_SIGPENDING */

	seq_put_decimal_ull(m, "Threads:\t", 1);
	seq_put_decimal_ull(m, "\nSigQ:\t", 0);
	seq_put_decimal_ull(m, "/", qlim);
	render_sigset(m, "\nSigPnd:\t", 0);
	render_sigset(m, "ShdPnd:\t", 0);
	render_sigset(m, "SigBlk:\t", 0);
	render_sigset(m, "SigIgn:\t", 0);
	render_sigset(m, "SigCgt:\t", 1ULL << (SIGBUS - 1) | 1ULL << (SIGSEGV - 1));
}

static void task_cap(struct seq_file *m)
{
	const u64 all = (1ULL << (CAP_LAST_CAP + 1)) - 1;

	render_cap(m, "CapInh:\t", 0);
	render_cap(m, "CapPrm:\t", all);
	render_cap(m, "CapEff:\t", all);
	render_cap(m, "CapBnd:\t", all);
	render_cap(m, "CapAmb:\t", 0);
}

static void task_seccomp(struct seq_file *m)
{
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	if (is_arm())
		seq_puts(m, "Speculation_Store_Bypass:\tunknown\n"
			    "SpeculationIndirectBranch:\tunsupported\n");
	else
		seq_puts(m, "Speculation_Store_Bypass:\tnot vulnerable\n"
			    "SpeculationIndirectBranch:\talways enabled\n");
}

void proc_pid_status(struct seq_file *m, struct task_struct *task)
{
	unsigned int nodes = (unsigned int)MAX_NUMNODES;

	seq_printf(m, "Name:\t%s\n", task->comm);
	task_state(m, task);
	if (task->mm) {
		task_mem(m, task->mm);
		seq_puts(m, "CoreDumping:\t0\n");
		seq_printf(m, "THP_enabled:\t%d\n", pa_state.cfg_thp ? 1 : 0);
	}
	task_sig(m, task);
	task_cap(m);
	task_seccomp(m);
	seq_puts(m, "Cpus_allowed:\t");
	seq_bitmap(m, nr_cpu_ids, nr_cpu_ids);
	seq_puts(m, "\nCpus_allowed_list:\t");
	seq_bitmap_list(m, nr_cpu_ids);
	seq_puts(m, "\nMems_allowed:\t");
	seq_bitmap(m, nodes, 1);
	seq_puts(m, "\nMems_allowed_list:\t");
	seq_bitmap_list(m, 1);
	seq_put_decimal_ull(m, "\nvoluntary_ctxt_switches:\t", task->nvcsw);
	seq_put_decimal_ull(m, "\nnonvoluntary_ctxt_switches:\t", task->nivcsw);
	seq_putc(m, '\n');
}
