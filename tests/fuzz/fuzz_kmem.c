// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_kmem.c — `mmsim replay-kmem`'s trace reader
 * (tools/replay_kmem_parse.c) and replay engine (tools/replay_kmem.c).
 *
 * No kernel counterpart: the input is the text of the kmem trace events
 * (include/trace/events/kmem.h).  Every line goes through
 * kmem_parse_line(): an event's fields must come back in range (a CPU
 * and an order the reader accepted are not negative, the line number is
 * the one given).  Then the whole text is replayed on the default
 * machine (booted once) and what it left allocated released; the slab
 * and page allocators' validators must pass afterwards, so inputs do not
 * depend on one another.
 *
 * The reader alone, at its own speed, is fuzz_kmemparse.c.
 *
 * Speed: the two validators walk every page of the 128 MiB machine and
 * every slab, three quarters of an input's time.  Under libFuzzer they
 * run after every VALIDATE_EVERY-th input; a corruption may then surface
 * up to VALIDATE_EVERY - 1 inputs after the input that caused it
 * (libFuzzer keeps the last; the run's -seed replays the sequence).
 * Replaying the corpus (make check) validates after every input.
 */
#include "fuzz.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "mmsim/host.h"
#include "mmsim/replay_kmem.h"

#define VALIDATE_EVERY 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned long inputs;
	struct machine *m = fuzz_booted_machine();
	char *text = fuzz_text(data, size), err[256];
	struct kmem_replay *r;

	fuzz_kmem_parse_lines(text);
	host_free(text);
	text = fuzz_text(data, size);
	r = m ? kmem_replay_run(m, text, 2, err, sizeof(err)) : NULL;
	if (r) {
		kmem_replay_release(r, m);
		kmem_replay_free(r);
		if (fuzz_replaying || ++inputs % VALIDATE_EVERY == 0) {
			fuzz_check(slub_validate(), "slub_validate");
			fuzz_check(page_alloc_validate(), "page_alloc_validate");
		}
	}
	host_free(text);
	return 0;
}
