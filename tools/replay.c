// SPDX-License-Identifier: MIT
/*
 * tools/replay.c — `mmsim replay-memblock LOG`.
 *
 * No kernel counterpart.  The command line around the replay engine
 * (tools/replay_memblock.c): reads the log, prints every replayed line to
 * stdout in the kernel's format ("[    0.000000] memblock_reserve: ..."),
 * and reports to stderr: the first differing line, then a one-line
 * summary.  Exit status 0 when every line is equal, 1 at the first
 * difference, 2 for a file that cannot be read or is not a memblock=debug
 * log.  docs/replay-memblock.md describes what is replayed and inferred.
 */
#include "linux/kernel.h"
#include "mmsim/cli.h"
#include "mmsim/host.h"
#include "mmsim/log.h"
#include "mmsim/replay_memblock.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void print_line(u64 ts_nsec, const char *text, void *opaque)
{
	char ts[32];

	(void)opaque;
	log_format_time(ts_nsec, ts, sizeof(ts));
	printf("%s%s\n", ts, text);
}

static void print_summary(const char *path, const struct replay_stats *st)
{
	double pct = st->lines_replayed ? 100.0 * (double)st->lines_equal /
						  (double)st->lines_replayed
					: 100.0;

	fprintf(stderr,
		"replay-memblock: %s: %lu lines replayed, %lu equal (%.1f%%), %lu allocations verified, %lu not verified%s, %lu inferred state changes\n",
		path, st->lines_replayed, st->lines_equal, pct,
		st->allocs_verified, st->allocs_unverified,
		st->allocs_unverified ? " (replayed as plain reserves)" : "",
		st->inferred_ops);
}

int cmd_replay_memblock(int argc, char **argv)
{
	struct replay_stats st;
	const char *path;
	char *text;
	int ret;

	if (argc != 1 || argv[0][0] == '-') {
		cli_error(
			"usage: mmsim replay-memblock LOG (a kernel log taken with memblock=debug)");
		return REPLAY_BAD_INPUT;
	}
	path = argv[0];
	text = host_read_file(path, NULL);
	if (!text) {
		cli_error("replay-memblock: cannot read '%s': %s", path,
			  strerror(errno));
		return REPLAY_BAD_INPUT;
	}
	ret = replay_memblock(text, path, print_line, NULL, &st);
	host_free(text);
	fflush(stdout);
	if (ret == REPLAY_BAD_INPUT) {
		fprintf(stderr, "replay-memblock: %s\n", st.err);
		return ret;
	}
	if (ret == REPLAY_MISMATCH)
		fprintf(stderr,
			"replay-memblock: line %d: expected '%s' got '%s'\n",
			st.mismatch_line, st.expected, st.got);
	print_summary(path, &st);
	return ret;
}
