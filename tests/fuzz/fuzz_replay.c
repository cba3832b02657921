// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_replay.c — `mmsim replay-memblock`'s log reader and
 * replay engine (tools/replay_*.c).
 *
 * No kernel counterpart: the input is a memblock=debug boot log.  Any
 * bytes end in one of the three outcomes (equal, mismatch, bad input).
 */
#include "fuzz.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/replay_memblock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct replay_stats st;
	static struct replay_image image;
	char *text = fuzz_text(data, size);
	int ret;

	if (!image.profile) {   /* loaded once, not per input */
		fuzz_image(MMSIM_ARCH_ARM, &image.config_arm, &image.profile);
		fuzz_image(MMSIM_ARCH_X86_64, &image.config_x86, &image.profile);
	}
	ret = replay_memblock_image(text, "fuzz.log", NULL, NULL, &st, &image);

	if (ret != REPLAY_EQUAL && ret != REPLAY_MISMATCH && ret != REPLAY_BAD_INPUT)
		fuzz_check(ret, "replay_memblock: an unknown status");
	host_free(text);
	return 0;
}
