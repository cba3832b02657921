// SPDX-License-Identifier: MIT
/*
 * kernel/params.c — walking the kernel command line.
 *
 * Kernel counterparts: kernel/params.c (parse_args, parameq) and the
 * early-parameter part of init/main.c (do_early_param, parse_early_param).
 *
 * parse_args() splits the line into param[=value] words (next_arg) and
 * hands each to a callback; "--" ends the kernel's part of the line.
 * parse_early_param() runs every early_param() handler whose name matches
 * a word, on a copy of boot_command_line, exactly once per boot.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

/* Parameter names compare with '-' and '_' as the same character. */
static char dash2underscore(char c)
{
	return c == '-' ? '_' : c;
}

bool parameqn(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dash2underscore(a[i]) != dash2underscore(b[i]))
			return false;
	return true;
}

bool parameq(const char *a, const char *b)
{
	return parameqn(a, b, strlen(a) + 1);
}

char *parse_args(const char *doing, char *args,
		 int (*unknown)(char *param, char *val, const char *doing,
				void *arg),
		 void *arg)
{
	char *param, *val, *err = NULL;

	args = skip_spaces(args);
	while (*args) {
		int ret;

		args = next_arg(args, &param, &val);
		if (!val && strcmp(param, "--") == 0)
			return err ? err : args;
		ret = unknown ? unknown(param, val, doing, arg) : -ENOENT;
		if (ret == 0)
			continue;
		if (ret == -ENOENT)
			pr_err("%s: Unknown parameter `%s'\n", doing, param);
		else
			pr_err("%s: `%s' invalid for parameter `%s'\n", doing,
			       val ? val : "", param);
		err = (char *)-1;
	}
	return err;
}

/*
 * Whether registration @p belongs to the running machine's kernel: a
 * handler registered under arch/x86/ or arch/arm/ exists only in that
 * architecture's build, one registered with a CONFIG_ option only where
 * the .config has it.
 */
bool setup_param_applies(const struct obs_kernel_param *p)
{
	enum mmsim_arch arch = current_machine->desc.arch;

	if (p->config && !kconfig_enabled(current_kconfig(), p->config))
		return false;
	if (!strncmp(p->file, "arch/x86/", 9))
		return arch == MMSIM_ARCH_X86_64;
	if (!strncmp(p->file, "arch/arm/", 9))
		return arch == MMSIM_ARCH_ARM;
	return true;
}

static int do_early_param(char *param, char *val, const char *unused,
			  void *arg)
{
	const struct obs_kernel_param *p;

	for (p = __start_mmsim_setup; p < __stop_mmsim_setup; p++) {
		if (((p->early && parameq(param, p->str)) ||
		     (strcmp(param, "console") == 0 &&
		      strcmp(p->str, "earlycon") == 0)) &&
		    setup_param_applies(p)) {
			if (p->setup_func(val) != 0)
				pr_warn("Malformed early option '%s'\n", param);
		}
	}
	/* everything is accepted at this stage */
	return 0;
}

void parse_early_options(char *cmdline)
{
	parse_args("early options", cmdline, do_early_param, NULL);
}

void parse_early_param(void)
{
	char tmp_cmdline[COMMAND_LINE_SIZE];

	if (current_machine->early_params_done)
		return;
	/* the kernel's strscpy(): at most COMMAND_LINE_SIZE - 1 bytes, NUL-ended */
	snprintf(tmp_cmdline, sizeof(tmp_cmdline), "%s", boot_command_line);
	parse_early_options(tmp_cmdline);
	current_machine->early_params_done = true;
}

/*
 * The kernel's obsolete_checksetup(): find the __setup() handlers whose
 * name ("slub_min_objects=", "quiet", ...) starts @line and run them with
 * the rest of the line.  Early parameters were handled by
 * parse_early_param() already; they only count as known here.  Returns
 * true when some handler took the parameter.
 */
bool obsolete_checksetup(char *line)
{
	const struct obs_kernel_param *p;
	bool had_early_param = false;

	for (p = __start_mmsim_setup; p < __stop_mmsim_setup; p++) {
		size_t n = strlen(p->str);

		if (!parameqn(line, p->str, n) || !setup_param_applies(p))
			continue;
		if (p->early) {
			if (line[n] == '\0' || line[n] == '=')
				had_early_param = true;
		} else if (!p->setup_func) {
			pr_warn("Parameter %s is obsolete, ignored\n", p->str);
			return true;
		} else if (p->setup_func(line + n) == 0) {
			return true;
		}
	}
	return had_early_param;
}
