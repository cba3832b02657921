// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_kmemparse.c — `mmsim replay-kmem`'s trace reader alone
 * (tools/replay_kmem_parse.c).
 *
 * No kernel counterpart: the input is the text of the kmem trace events
 * (include/trace/events/kmem.h).  The parser target of the kmem trace:
 * every line goes through kmem_parse_line() — every event of the kmem
 * system and each of its fields (ptr, pfn, bytes, gfp flags, node, order,
 * migratetype, the ftrace head with task, CPU and timestamp) — and an
 * event it accepts must come back in range (fuzz_kmem_parse_lines()).
 * fuzz_kmem.c then replays the trace on a booted machine with the
 * allocators' validators, at milliseconds an input; this target runs at
 * the reader's own speed so that it can be run for 10^7 inputs.
 */
#include "fuzz.h"
#include "mmsim/host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);

	fuzz_kmem_parse_lines(text);
	host_free(text);
	return 0;
}
