// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_replaylog.c — `mmsim replay-memblock`'s log reader
 * alone (tools/replay_log.c, the parsing half of tools/replay_memblock.c).
 *
 * No kernel counterpart: the input is a memblock=debug boot log.  The
 * parser target of the replay: every line split and classified, the
 * first `MEMBLOCK configuration:` dump (its memory and reserved regions)
 * and every memblock call line after it parsed, the command line found
 * (replay_memblock_parse()); any bytes end in "reads" or "bad input".
 * fuzz_replay.c goes on from there, making the machine the log describes
 * and replaying the calls on it, at about a millisecond an input; this
 * target runs at the reader's own speed so that it can be run for 10^7
 * inputs.
 */
#include "fuzz.h"
#include "mmsim/host.h"
#include "mmsim/replay_memblock.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct replay_stats st;
	char *text = fuzz_text(data, size);
	int ret = replay_memblock_parse(text, "fuzz.log", &st);

	if (ret != REPLAY_EQUAL && ret != REPLAY_BAD_INPUT)
		fuzz_check(ret, "replay_memblock_parse: an unknown status");
	if (ret == REPLAY_BAD_INPUT && !memchr(st.err, '\0', sizeof(st.err)))
		fuzz_check(-1, "replay_memblock_parse: error not terminated");
	if (ret == REPLAY_BAD_INPUT && !st.err[0])
		fuzz_check(-1, "replay_memblock_parse: bad input without a message");
	host_free(text);
	return 0;
}
