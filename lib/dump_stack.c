// SPDX-License-Identifier: MIT
/*
 * lib/dump_stack.c — dump_stack(): who is running, and how it got here.
 *
 * Kernel counterpart: lib/dump_stack.c (dump_stack_print_info) and the
 * x86 stack unwinder's "Call Trace:" block.  The task line names the
 * simulated CPU and the kernel release from the image profile's banner;
 * the PID and command are current's, or outside any process the idle
 * task's (PID 0, "swapper/N").  The call trace is the host's: the simulated kernel's
 * functions are host functions, each printed as the kernel prints a
 * frame, "name+0xoff/0xsize", up to the first frame outside mmsim.
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/sched.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

static void dump_stack_print_info(const char *log_lvl)
{
	const char *banner = profile_str(current_machine->profile, "banner");
	const char *deb = banner ? strstr(banner, " Debian ") : NULL;
	char release[64] = "unknown", distro[64] = "", fmt[16];
	char line[256], comm[32];
	struct task_struct *t = current;

	if (t)
		snprintf(comm, sizeof(comm), "%s", t->comm);
	else
		snprintf(comm, sizeof(comm), "swapper/%d", smp_processor_id());
	if (banner)
		sscanf(banner, "Linux version %63s", release);
	if (deb)
		sscanf(deb + 1, "%*s %63s", distro);
	snprintf(fmt, sizeof(fmt), "%s%%s", log_lvl);
	snprintf(line, sizeof(line), "CPU: %d PID: %d Comm: %s %s %s #1%s%s%s\n",
		 smp_processor_id(), t ? t->pid : 0, comm, print_tainted(),
		 release, deb ? "  " : "", deb ? "Debian " : "", distro);
	printk(fmt, line);
	if (current_machine->fw.dmi_line) {
		snprintf(line, sizeof(line), "Hardware name: %s\n",
			 current_machine->fw.dmi_line);
		printk(fmt, line);
	}
}

static bool outermost_frame(const char *sym)
{
	return !strncmp(sym, "main+", 5) || !strncmp(sym, "0x", 2) ||
	       !strncmp(sym, "cpu_thread+", 11);
}

void dump_stack_lvl(const char *log_lvl)
{
	unsigned long entries[48];
	char sym[160], fmt[16];
	int n, i;

	dump_stack_print_info(log_lvl);
	snprintf(fmt, sizeof(fmt), "%s%%s", log_lvl);
	printk(fmt, "Call Trace:\n");
	printk(fmt, " <TASK>\n");
	n = host_stack_trace(entries, (int)ARRAY_SIZE(entries));
	/* entries[0] is host_stack_trace() itself */
	for (i = 1; i < n; i++) {
		char line[200];

		host_symbolize(entries[i], sym, sizeof(sym));
		if (outermost_frame(sym))
			break;
		snprintf(line, sizeof(line), " %s\n", sym);
		printk(fmt, line);
	}
	printk(fmt, " </TASK>\n");
}

void dump_stack(void)
{
	dump_stack_lvl(KERN_DEFAULT);
}
