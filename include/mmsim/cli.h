/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/cli.h — helpers shared by the subcommands in tools/.
 */
#ifndef _MMSIM_CLI_H
#define _MMSIM_CLI_H

#include "linux/types.h"
#include "mmsim/guest.h"

__attribute__((format(printf, 1, 2))) void cli_error(const char *fmt, ...);
int cli_parse_size(const char *s, u64 *out, char default_unit);
int cli_parse_u64(const char *s, u64 *out);

int cmd_replay_memblock(int argc, char **argv);
int cmd_run(int argc, char **argv);

struct machine;
/* `mmsim run`'s own options, read from tools/options.def with the rest. */
struct cli_run_opts {
	const char *exec_path;   /* --exec ELF, NULL = the probe */
	u64 swap_size;           /* --swap SIZE, 0 = none */
	struct mmsim_guest guest; /* --guest-kernel/-shmem/-anon SIZE, 0 = none */
	bool log;                /* --log */
	const char *json_path;   /* --json FILE */
	/* in: the kernel command line without --append, per architecture */
	const char *cmdline_x86, *cmdline_arm;
};
/* The machine `mmsim run` options describe, built, not booted, and run's
 * own options in @r; NULL after reporting a bad option. */
struct machine *cli_build_machine(int argc, char **argv, struct cli_run_opts *r);

struct machine_desc;
/*
 * tools/boot_probe.c: the smallest RAM size (a whole MiB) with which @d
 * boots, found by booting it quietly; 0 if none up to 1 TiB does.
 */
u64 boot_probe_min_ram(const struct machine_desc *d, const char *config_path,
		       const char *profile_path);

#endif /* _MMSIM_CLI_H */
