/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz.h — what every fuzz target shares.
 *
 * No kernel counterpart.  A target is one file tests/fuzz/fuzz_NAME.c
 * defining libFuzzer's entry point, LLVMFuzzerTestOneInput(data, size).
 * It is built two ways (see the Makefile):
 *
 *   make fuzz     clang -fsanitize=fuzzer,address,undefined: libFuzzer
 *                 drives it, FUZZ_SECONDS per target, new inputs kept in
 *                 build/fuzz/corpus/NAME
 *   make check    gcc with ASan+UBSan and tests/fuzz/replay_main.c: every
 *                 file of tests/fuzz/corpus/NAME is fed once (a regression
 *                 test; no clang needed)
 *
 * Parser targets feed the bytes to one parser as text or a blob; API
 * targets decode the bytes into a sequence of operations on a booted
 * machine and run the allocator's validator after each one.  Targets for
 * the workload script, the kmem trace and the process system calls are
 * added the same way, one fuzz_NAME.c and one corpus/NAME/ each.
 */
#ifndef _MMSIM_FUZZ_H
#define _MMSIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "linux/types.h"
#include "mmsim/machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * true in replay_NAME (make check feeding the committed corpus), false
 * under libFuzzer: a target may do slower, deeper checks when replaying.
 */
extern bool fuzz_replaying;
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* @data as a NUL-terminated string (NULs inside become newlines). */
char *fuzz_text(const uint8_t *data, size_t size);

/* That .config and profile (the target must not free them). */
void fuzz_image(enum mmsim_arch arch, struct kconfig **kc, struct kernel_profile **p);
/*
 * machine_create() of @d with the Debian kernel's .config and profile of
 * its architecture, loaded once per process and shared (d->borrowed_image
 * is set: machine_destroy() leaves them).  NULL with @err filled in.
 */
struct machine *fuzz_machine_create(struct machine_desc *d, char *err, size_t errlen);

/* The default x86 machine with 128M (2 CPUs) booted once, quietly; NULL if
 * it cannot be (then the target does nothing). */
struct machine *fuzz_booted_machine(void);

/* Destroy @m when the process exits (no leak reports for it). */
void fuzz_destroy_at_exit(struct machine *m);

/*
 * One machine for many inputs (tests/fuzz/snapshot.c): begin, make the
 * machine, commit (its host heap is copied); then around each input
 * journal ... restore, which frees what the input allocated and puts
 * every block of the machine back as it was at the commit.  Simulated RAM
 * is the target's to restore.  drop forgets the snapshot.  Up to four
 * snapshots (machines) at once, one input open at a time.
 */
struct fuzz_snapshot;
struct fuzz_snapshot *fuzz_snapshot_begin(void);
void fuzz_snapshot_commit(struct fuzz_snapshot *s);
void fuzz_snapshot_journal(struct fuzz_snapshot *s);
void fuzz_snapshot_restore(struct fuzz_snapshot *s);
void fuzz_snapshot_drop(struct fuzz_snapshot *s);

/*
 * Every line of @text (cut up by strtok) through kmem_parse_line(); an
 * event it accepts must have its fields in range (kind, line number, a
 * CPU not negative, a terminated name).  fuzz_kmem.c, fuzz_kmemparse.c.
 */
void fuzz_kmem_parse_lines(char *text);

/* Abort (a finding) when a validator returns non-zero. */
void fuzz_check(int ret, const char *what);

/* A byte cursor: each read takes the next byte, 0 when exhausted. */
struct fuzz_bytes {
	const uint8_t *p, *end;
};
static inline unsigned int fuzz_u8(struct fuzz_bytes *b)
{
	return b->p < b->end ? *b->p++ : 0;
}
static inline unsigned int fuzz_u16(struct fuzz_bytes *b)
{
	return fuzz_u8(b) | fuzz_u8(b) << 8;
}

#endif /* _MMSIM_FUZZ_H */
