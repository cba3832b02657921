// SPDX-License-Identifier: MIT
/*
 * init/main.c — start_kernel(): the boot sequence, one step per line.
 *
 * Kernel counterpart: init/main.c (Linux 6.1).  Each call below is the
 * kernel's, in the kernel's order; a learner can `break` on any of them in
 * GDB and watch the step happen on the simulated machine.  Steps of the
 * kernel that do not touch memory management (interrupts, scheduler, RCU,
 * timers, security modules, ...) are left out; the ones that allocate are
 * kept, because every allocation moves the addresses of the ones after it.
 *
 * start_kernel() returns instead of running /init: the machine is left in
 * the state the kernel is in when it starts user space.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/printk.h"
#include "linux/start_kernel.h"
#include "mmsim/machine.h"

/* "quiet" and "debug" set the console log level, as in the kernel. */
static int quiet_kernel(char *str)
{
	current_machine->log.console_loglevel =
		(int)CONFIG_VALUE(CONFIG_CONSOLE_LOGLEVEL_QUIET, 4);
	return 0;
}
early_param("quiet", quiet_kernel);

static int debug_kernel(char *str)
{
	current_machine->log.console_loglevel = 10;
	return 0;
}
early_param("debug", debug_kernel);

int start_kernel(void)
{
	char *command_line;
	int ret;

	pr_notice("%s\n", profile_str(current_machine->profile, "banner"));
	ret = setup_arch(&command_line);        /* memory map -> memblock */
	if (ret)
		return ret;
	return 0;
}
