/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/replay_memblock.h — replaying a real kernel log's memblock
 * calls on a simulated machine (`mmsim replay-memblock LOG`).
 *
 * No kernel counterpart.  A kernel booted with `memblock=debug` prints one
 * line per memblock call and dumps the region arrays now and then.  The
 * replay rebuilds the state of the log's first `MEMBLOCK configuration:`
 * dump on a bare machine (RAM only), then makes every later call of the log
 * through mmsim's memblock API, in order, and compares each line mmsim
 * prints with the line the kernel printed.  An allocation that lands
 * anywhere but where the kernel put it shows up as a differing
 * `memblock_reserve:` line.  docs/replay-memblock.md has the details:
 * which lines are replayed, which silent state changes are inferred.
 *
 * The engine is library code (tools/replay_memblock.c and friends) so that
 * tests can call it; tools/replay.c is the command line around it.
 */
#ifndef _MMSIM_REPLAY_MEMBLOCK_H
#define _MMSIM_REPLAY_MEMBLOCK_H

#include "linux/types.h"

/* What replay_memblock() returns (also the CLI's exit status). */
enum replay_status {
	REPLAY_EQUAL = 0, /* every replayed line equals the log's */
	REPLAY_MISMATCH = 1, /* stopped at the first line that differs */
	REPLAY_BAD_INPUT = 2, /* not a memblock=debug log, or malformed */
};

struct replay_stats {
	/* memblock lines of the log from the first dump on, compared so far */
	unsigned long lines_replayed;
	unsigned long lines_equal;
	/* allocations whose request was printed or could be inferred, and
	 * whose result landed where the log says */
	unsigned long allocs_verified;
	/* results with no inferable request, replayed as plain reserves */
	unsigned long allocs_unverified;
	/* REPLAY_MISMATCH: the log line (1-based) and both texts */
	int mismatch_line;
	char expected[512];
	char got[512];
	/* REPLAY_BAD_INPUT: one sentence naming the file (and line) */
	char err[512];
	/* what the replay ran on */
	bool arm; /* 32-bit ARM log (8-digit %pa) */
	unsigned long inferred_ops; /* silent state changes applied */
};

/*
 * Called for every line the replay prints, in order: @text is the line as
 * the kernel formats it (no timestamp, no newline), @ts_nsec the
 * simulated clock when it was printed.
 */
typedef void (*replay_emit_fn)(u64 ts_nsec, const char *text, void *opaque);

/*
 * Replay the kernel log @text (the contents of file @name, used in
 * messages).  @emit may be NULL.  Builds and destroys its own machine;
 * leaves current_machine as it found it.  Returns an enum replay_status
 * with @st filled in.
 */
int replay_memblock(const char *text, const char *name, replay_emit_fn emit,
		    void *opaque, struct replay_stats *st);

/*
 * The reading half of replay_memblock() alone, no machine: the log split
 * into lines, the first `MEMBLOCK configuration:` dump parsed, every
 * memblock call line after it parsed, the command line found.  Returns
 * REPLAY_EQUAL (0) when the log reads, else REPLAY_BAD_INPUT with @st->err.
 */
int replay_memblock_parse(const char *text, const char *name,
			  struct replay_stats *st);

struct kconfig;
struct kernel_profile;
/*
 * The Debian kernels' .config (x86_64, ARM) and the profile the replayed
 * machine is made with, when a caller replays many logs (the fuzz target)
 * and loads them once.  They stay the caller's.
 */
struct replay_image {
	struct kconfig *config_x86, *config_arm;
	struct kernel_profile *profile;
};
/* replay_memblock() on @image's files instead of loading them (NULL: load). */
int replay_memblock_image(const char *text, const char *name, replay_emit_fn emit,
			  void *opaque, struct replay_stats *st,
			  const struct replay_image *image);

#endif /* _MMSIM_REPLAY_MEMBLOCK_H */
