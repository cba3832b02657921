// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_cmdline.c — the kernel command line through every
 * early_param() and __setup() handler.
 *
 * Kernel counterparts: kernel/params.c (parse_args, parse_early_param),
 * init/main.c (obsolete_checksetup via unknown_bootoption),
 * arch/x86/kernel/setup.c (the part of setup_arch around the early
 * parameters).  Each input is the command line of a small x86 machine
 * (128M, 1 CPU), which runs the command-line stage of the boot:
 *
 *   the loader's copy (copy_bootdata)   boot_command_line from the zero page
 *   e820__memory_setup                  the firmware map the handlers edit
 *   parse_early_param                   every early_param() handler
 *   e820__finish_early_params           mem=/memmap= as a user-defined map
 *   parse_args + obsolete_checksetup    every __setup() handler
 *
 * A panic (memmap=exactmap with nothing usable) lands back here, as it
 * lands in machine_boot().  The .config and profile are loaded once and
 * the machine is not booted, so an input costs well under a millisecond
 * instead of a whole boot (the first version booted per input: 6 inputs
 * a second).  Replaying the committed corpus (make check) also boots each
 * command line to the end: what the handlers set must then work.
 */
#include "fuzz.h"
#include "arch/x86/include/asm/e820/api.h"
#include "linux/mm.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* init/main.c's unknown_bootoption, less the list kept for user space. */
static int setup_or_unknown(char *param, char *val, const char *doing, void *arg)
{
	if (val)
		param[strlen(param)] = '=';   /* rejoin "name=value" */
	obsolete_checksetup(param);
	return 0;
}

static void command_line_stage(struct machine *m)
{
	u32 ptr = boot_params.hdr.cmd_line_ptr;
	char copy[COMMAND_LINE_SIZE];
	jmp_buf landing;

	m->panic_thread = pthread_self();
	m->panic_jmp = &landing;
	if (setjmp(landing) == 0) {
		if (ptr) {
			memcpy(boot_command_line, __va(ptr), COMMAND_LINE_SIZE);
			boot_command_line[COMMAND_LINE_SIZE - 1] = '\0';
		}
		e820__memory_setup();
		parse_early_param();
		e820__finish_early_params();
		snprintf(copy, sizeof(copy), "%s", boot_command_line);
		parse_args("Booting kernel", copy, setup_or_unknown, NULL);
	}
	m->panic_jmp = NULL;
}

static struct machine *small_machine(const char *cmdline)
{
	struct machine_desc d;
	struct machine *m;
	char err[512];

	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	d.ram_size = 128ULL << 20;
	d.smp_cpus = d.max_cpus = d.cores = 1;
	d.sockets = d.threads = 1;
	snprintf(d.cmdline, sizeof(d.cmdline), "%s", cmdline);
	m = fuzz_machine_create(&d, err, sizeof(err));
	if (m)
		m->log.console_enabled = false;
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine *m, *old = current_machine_raw;
	char *text = fuzz_text(data, size);

	for (char *c = text; *c; c++)
		if (*c == '\n')
			*c = ' ';
	m = small_machine(text);
	if (m) {
		machine_enter(m);
		command_line_stage(m);
		machine_enter(old);
		machine_destroy(m);
	}
	if (fuzz_replaying && (m = small_machine(text))) {
		machine_boot(m);
		machine_destroy(m);
		machine_enter(old);
	}
	host_free(text);
	return 0;
}
