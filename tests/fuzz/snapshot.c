// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/snapshot.c — machines reused across fuzz inputs: each one's
 * host heap is snapshotted once and put back after every input (fuzz.h).
 *
 * No kernel counterpart.  All of a machine's state lives in host memory
 * from host_alloc() (struct machine itself, the tables of its state
 * objects, the log) plus its simulated RAM.  The fuzz programs are linked
 * with --wrap for host_alloc, host_realloc, host_free and host_strdup
 * (the Makefile's FUZZ_WRAP), so every heap request passes here first:
 *
 *   s = fuzz_snapshot_begin() record every block allocated from now on
 *   m = machine_create(...)
 *   fuzz_snapshot_commit(s)   copy each recorded block that is still live:
 *                             s's "base"
 *   per input on m:
 *     fuzz_snapshot_journal(s) new blocks are "fresh"; freeing a block of
 *                             s's base only poisons it (ASan then reports
 *                             any later use, as after a real free)
 *     ... the input runs on m ...
 *     fuzz_snapshot_restore(s) fresh blocks freed, every base block of s
 *                             copied back (and unpoisoned): the heap is
 *                             s's base again, byte for byte
 *
 * Several snapshots may exist (fuzz_cmdline.c: an x86 and an ARM machine),
 * one recording or journaling at a time; an input runs on one machine, so
 * freeing a base block of another snapshot during it is a finding.  A
 * restore costs a copy of its own base only.
 *
 * A realloc of a base block during an input moves it to a fresh block and
 * poisons the old one.  Blocks older than the snapshot (the .config and
 * profile, what the caller made before) are not the machine's: freeing
 * or reallocating them during an input is passed on.  Simulated RAM is not
 * covered: a target restores the RAM it lets an input write (fuzz_cmdline.c:
 * the loader's copy of the command line, ARM's device tree).  Outside
 * journal..restore the wrappers only pass the requests on.
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

struct fuzz_snapshot {
	enum { SNAP_RECORD, SNAP_IDLE, SNAP_JOURNAL } mode;
	struct snap_block *base;
	size_t nbase, capbase;
};

/* The snapshot recording or journaling (at most one), and its fresh blocks. */
static struct {
	struct fuzz_snapshot *active;
	struct fuzz_snapshot *all[4];
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

static struct snap_block *base_find(struct fuzz_snapshot *s, const void *p)
{
	size_t i;

	for (i = s->nbase; i--;)
		if (s->base[i].p == p)
			return &s->base[i];
	return NULL;
}

static void base_add(struct fuzz_snapshot *s, void *p, size_t size)
{
	if (s->nbase == s->capbase)
		s->base = grow(s->base, &s->capbase, sizeof(*s->base));
	s->base[s->nbase++] = (struct snap_block){ p, size, NULL, false };
}

static void base_del(struct fuzz_snapshot *s, struct snap_block *b)
{
	*b = s->base[--s->nbase];
}

/* During an input: @p is a base block of a snapshot other than the active one. */
static bool other_base(const void *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(snap.all); i++)
		if (snap.all[i] && snap.all[i] != snap.active &&
		    base_find(snap.all[i], p))
			return true;
	return false;
}

static bool recording(void)
{
	return snap.active && snap.active->mode == SNAP_RECORD;
}

static bool journaling(void)
{
	return snap.active && snap.active->mode == SNAP_JOURNAL;
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

	if (recording())
		base_add(snap.active, p, size ? size : 1);
	else if (journaling())
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
	if (recording() && (b = base_find(snap.active, p)))
		base_del(snap.active, b);
	if (journaling() && !fresh_del(p)) {
		if ((b = base_find(snap.active, p))) {
			if (b->freed)
				fuzz_check(-1, "snapshot: double free of a base block");
			b->freed = true;
			snap_poison(b->p, b->size);
			return;
		}
		if (other_base(p))
			fuzz_check(-1, "snapshot: an input freed another machine's block");
	}
	__real_host_free(p);
}

void *__wrap_host_realloc(void *p, size_t size)
{
	struct snap_block *b;
	void *q;

	if (!p)
		return __wrap_host_alloc(size);
	if (journaling() && (b = base_find(snap.active, p))) {
		q = __wrap_host_alloc(size);
		memcpy(q, p, min(size, b->size));
		__wrap_host_free(p);
		return q;
	}
	/* a block older than the base is not the machine's: left alone */
	bool was_fresh = journaling() && fresh_del(p);

	if (journaling() && !was_fresh && other_base(p))
		fuzz_check(-1, "snapshot: an input reallocated another machine's block");
	q = __real_host_realloc(p, size);
	if (recording()) {
		b = base_find(snap.active, p);
		if (b) {
			b->p = q;
			b->size = size ? size : 1;
		}
	} else if (was_fresh) {
		fresh_add(q);
	}
	return q;
}

struct fuzz_snapshot *fuzz_snapshot_begin(void)
{
	struct fuzz_snapshot *s;
	size_t i;

	if (snap.active)
		fuzz_check(-1, "fuzz_snapshot_begin: another snapshot is open");
	for (i = 0; i < ARRAY_SIZE(snap.all) && snap.all[i]; i++)
		;
	if (i == ARRAY_SIZE(snap.all))
		fuzz_check(-1, "fuzz_snapshot_begin: too many snapshots");
	s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	s->mode = SNAP_RECORD;
	snap.all[i] = snap.active = s;
	return s;
}

void fuzz_snapshot_commit(struct fuzz_snapshot *s)
{
	size_t i;

	if (s != snap.active || s->mode != SNAP_RECORD)
		fuzz_check(-1, "fuzz_snapshot_commit: not recording");
	for (i = 0; i < s->nbase; i++) {
		struct snap_block *b = &s->base[i];

		b->copy = malloc(b->size);
		if (!b->copy)
			abort();
		memcpy(b->copy, b->p, b->size);
	}
	s->mode = SNAP_IDLE;
	snap.active = NULL;
}

void fuzz_snapshot_journal(struct fuzz_snapshot *s)
{
	if (snap.active || s->mode != SNAP_IDLE)
		fuzz_check(-1, "fuzz_snapshot_journal: not committed, or an input open");
	s->mode = SNAP_JOURNAL;
	snap.active = s;
}

void fuzz_snapshot_restore(struct fuzz_snapshot *s)
{
	size_t i;

	if (s != snap.active || s->mode != SNAP_JOURNAL)
		fuzz_check(-1, "fuzz_snapshot_restore: no input open");
	s->mode = SNAP_IDLE;
	snap.active = NULL;
	while (snap.nfresh)
		__real_host_free(snap.fresh[--snap.nfresh]);
	for (i = 0; i < s->nbase; i++) {
		struct snap_block *b = &s->base[i];

		if (b->freed) {
			snap_unpoison(b->p, b->size);
			b->freed = false;
		}
		memcpy(b->p, b->copy, b->size);
	}
}

void fuzz_snapshot_drop(struct fuzz_snapshot *s)
{
	size_t i;

	if (s->mode == SNAP_JOURNAL)
		fuzz_snapshot_restore(s);
	if (s == snap.active)
		snap.active = NULL;
	for (i = 0; i < ARRAY_SIZE(snap.all); i++)
		if (snap.all[i] == s)
			snap.all[i] = NULL;
	for (i = 0; i < s->nbase; i++)
		free(s->base[i].copy);
	free(s->base);
	free(s);
	if (!snap.active) {
		for (i = 0; i < ARRAY_SIZE(snap.all) && !snap.all[i]; i++)
			;
		if (i == ARRAY_SIZE(snap.all)) {
			free(snap.fresh);
			memset(&snap, 0, sizeof(snap));
		}
	}
}
