// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_cmdline.c — the kernel command line through every
 * early_param() and __setup() handler.
 *
 * Kernel counterparts: kernel/params.c (parse_args, parse_early_param),
 * init/main.c (obsolete_checksetup via unknown_bootoption).  The first
 * byte chooses:
 *   odd   a whole boot of a small machine (128M, 1 CPU) with the rest as
 *         its command line: the handlers, then everything they change;
 *         a boot may end in the kernel's panic, never in a crash
 *   even  the handlers alone, run again on one booted machine (fast):
 *         the early parameters, then the __setup ones
 */
#include "fuzz.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

#include <stdio.h>
#include <string.h>

static int setup_param(char *param, char *val, const char *doing, void *arg)
{
	if (val)
		param[strlen(param)] = '='; /* rejoin "name=value" */
	obsolete_checksetup(param);
	return 0;
}

static void boot_with(const char *cmdline)
{
	char path[4096], err[512];
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *p;
	struct machine *m, *old = current_machine_raw;  /* may be NULL */

	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	d.ram_size = 128ULL << 20;
	d.smp_cpus = d.max_cpus = d.cores = 1;
	d.sockets = d.threads = 1;
	snprintf(d.cmdline, sizeof(d.cmdline), "%s", cmdline);
	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-56-amd64", host_data_dir());
	kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-56-amd64.profile",
		 host_data_dir());
	p = profile_load(path, err, sizeof(err));
	if (!kc || !p)
		fuzz_check(-1, err);
	m = machine_create(&d, kc, p, err, sizeof(err));
	if (!m)
		return;
	m->log.console_enabled = false;
	machine_boot(m);
	machine_destroy(m);
	machine_enter(old);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[COMMAND_LINE_SIZE], *text;

	if (!size)
		return 0;
	text = fuzz_text(data + 1, size - 1);
	for (char *c = text; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (data[0] & 1) {
		boot_with(text);
	} else if (fuzz_booted_machine()) {
		snprintf(line, sizeof(line), "%s", text);
		parse_early_options(line);
		snprintf(line, sizeof(line), "%s", text);
		parse_args("Booting kernel", line, setup_param, NULL);
	}
	host_free(text);
	return 0;
}
