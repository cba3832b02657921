// SPDX-License-Identifier: MIT
/*
 * tools/replay.c — `mmsim replay-memblock LOG` (being written).
 */
#include "mmsim/cli.h"

int cmd_replay_memblock(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("replay-memblock: not implemented yet");
	return 2;
}
