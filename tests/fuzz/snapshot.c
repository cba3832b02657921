// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/snapshot.c — one machine reused across fuzz inputs: its host
 * heap is snapshotted once and put back after every input (fuzz.h).
 *
 * No kernel counterpart.  All of a machine's state lives in host memory
 * from host_alloc() (struct machine itself, the tables of its state
 * objects, the log) plus its simulated RAM.  The fuzz programs are linked
 * with --wrap for host_alloc, host_realloc, host_free and host_strdup
 * (the Makefile's FUZZ_WRAP), so every heap request passes here first:
 *
 *   fuzz_snapshot_begin()     record every block allocated from now on
 *   m = machine_create(...)
 *   fuzz_snapshot_commit()    copy each recorded block that is still live:
 *                             the "base"
 *   per input:
 *     fuzz_snapshot_journal() new blocks are "fresh"; freeing a base block
 *                             only poisons it (ASan then reports any later
 *                             use, as after a real free)
 *     ... the input runs on m ...
 *     fuzz_snapshot_restore() fresh blocks freed, every base block copied
 *                             back (and unpoisoned): the heap is the
 *                             base's again, byte for byte
 *
 * A realloc of a base block during an input moves it to a fresh block and
 * poisons the old one.  Blocks older than the snapshot (the .config and
 * profile, what the caller made before) are not the machine's: freeing
 * or reallocating them during an input is passed on.  Simulated RAM is not covered: a target restores
 * the RAM it lets an input write (fuzz_cmdline.c: the loader's copy of
 * the command line).  Outside begin..restore the wrappers only pass the
 * requests on.
 */
#include "fuzz.h"
#include "mmsim/host.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define SNAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SNAP_ASAN 1
#endif
#endif
#ifdef SNAP_ASAN
#include <sanitizer/asan_interface.h>
#define snap_poison(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define snap_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define snap_poison(p, n) ((void)(p), (void)(n))
#define snap_unpoison(p, n) ((void)(p), (void)(n))
#endif

void *__real_host_alloc(size_t size);
void *__real_host_realloc(void *p, size_t size);
void __real_host_free(void *p);
void *__wrap_host_alloc(size_t size);
void *__wrap_host_realloc(void *p, size_t size);
void __wrap_host_free(void *p);
char *__wrap_host_strdup(const char *s);

struct snap_block {
	void *p;
	size_t size;
	void *copy;     /* the base contents (after commit) */
	bool freed;     /* freed during the current input: poisoned */
};

static struct {
	enum { SNAP_OFF, SNAP_RECORD, SNAP_JOURNAL, SNAP_IDLE } mode;
	struct snap_block *base;
	size_t nbase, capbase;
	void **fresh;
	size_t nfresh, capfresh;
} snap;

static void *grow(void *arr, size_t *cap, size_t elem)
{
	*cap = *cap ? *cap * 2 : 256;
	arr = realloc(arr, *cap * elem);
	if (!arr)
		abort();
	return arr;
}

static struct snap_block *base_find(const void *p)
{
	size_t i;

	for (i = snap.nbase; i--;)
		if (snap.base[i].p == p)
			return &snap.base[i];
	return NULL;
}

static void base_add(void *p, size_t size)
{
	if (snap.nbase == snap.capbase)
		snap.base = grow(snap.base, &snap.capbase, sizeof(*snap.base));
	snap.base[snap.nbase++] = (struct snap_block){ p, size, NULL, false };
}

static void base_del(struct snap_block *b)
{
	*b = snap.base[--snap.nbase];
}

static void fresh_add(void *p)
{
	if (snap.nfresh == snap.capfresh)
		snap.fresh = grow(snap.fresh, &snap.capfresh, sizeof(*snap.fresh));
	snap.fresh[snap.nfresh++] = p;
}

/* Drop @p from the fresh list; false if it is not there. */
static bool fresh_del(const void *p)
{
	size_t i;

	for (i = snap.nfresh; i--;)
		if (snap.fresh[i] == p) {
			snap.fresh[i] = snap.fresh[--snap.nfresh];
			return true;
		}
	return false;
}

void *__wrap_host_alloc(size_t size)
{
	void *p = __real_host_alloc(size);

	if (snap.mode == SNAP_RECORD)
		base_add(p, size ? size : 1);
	else if (snap.mode == SNAP_JOURNAL)
		fresh_add(p);
	return p;
}

char *__wrap_host_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = __wrap_host_alloc(n);

	memcpy(d, s, n);
	return d;
}

void __wrap_host_free(void *p)
{
	struct snap_block *b;

	if (!p)
		return;
	if (snap.mode == SNAP_RECORD && (b = base_find(p)))
		base_del(b);
	if (snap.mode == SNAP_JOURNAL && !fresh_del(p) && (b = base_find(p))) {
		if (b->freed)
			fuzz_check(-1, "snapshot: double free of a base block");
		b->freed = true;
		snap_poison(b->p, b->size);
		return;
	}
	__real_host_free(p);
}

void *__wrap_host_realloc(void *p, size_t size)
{
	struct snap_block *b;
	void *q;

	if (!p)
		return __wrap_host_alloc(size);
	if (snap.mode == SNAP_JOURNAL && (b = base_find(p))) {
		q = __wrap_host_alloc(size);
		memcpy(q, p, min(size, b->size));
		__wrap_host_free(p);
		return q;
	}
	/* a block older than the base is not the machine's: left alone */
	bool was_fresh = snap.mode == SNAP_JOURNAL && fresh_del(p);

	q = __real_host_realloc(p, size);
	if (snap.mode == SNAP_RECORD) {
		b = base_find(p);
		if (b) {
			b->p = q;
			b->size = size ? size : 1;
		}
	} else if (was_fresh) {
		fresh_add(q);
	}
	return q;
}

void fuzz_snapshot_begin(void)
{
	if (snap.mode != SNAP_OFF)
		fuzz_check(-1, "fuzz_snapshot_begin: a snapshot exists");
	snap.mode = SNAP_RECORD;
}

void fuzz_snapshot_commit(void)
{
	size_t i;

	if (snap.mode != SNAP_RECORD)
		fuzz_check(-1, "fuzz_snapshot_commit: not recording");
	for (i = 0; i < snap.nbase; i++) {
		struct snap_block *b = &snap.base[i];

		b->copy = malloc(b->size);
		if (!b->copy)
			abort();
		memcpy(b->copy, b->p, b->size);
	}
	snap.mode = SNAP_IDLE;
}

void fuzz_snapshot_journal(void)
{
	if (snap.mode != SNAP_IDLE)
		fuzz_check(-1, "fuzz_snapshot_journal: no snapshot, or one open");
	snap.mode = SNAP_JOURNAL;
}

void fuzz_snapshot_restore(void)
{
	size_t i;

	if (snap.mode != SNAP_JOURNAL)
		fuzz_check(-1, "fuzz_snapshot_restore: no input open");
	snap.mode = SNAP_IDLE;
	while (snap.nfresh)
		__real_host_free(snap.fresh[--snap.nfresh]);
	for (i = 0; i < snap.nbase; i++) {
		struct snap_block *b = &snap.base[i];

		if (b->freed) {
			snap_unpoison(b->p, b->size);
			b->freed = false;
		}
		memcpy(b->p, b->copy, b->size);
	}
}

void fuzz_snapshot_drop(void)
{
	size_t i;

	if (snap.mode == SNAP_JOURNAL)
		fuzz_snapshot_restore();
	for (i = 0; i < snap.nbase; i++)
		free(snap.base[i].copy);
	free(snap.base);
	free(snap.fresh);
	memset(&snap, 0, sizeof(snap));
}
