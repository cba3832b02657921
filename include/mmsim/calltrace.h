/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/calltrace.h — the call tree of the simulated kernel.
 *
 * Kernel counterpart: the function_graph tracer (kernel/trace/
 * trace_functions_graph.c), which hooks every function's entry and exit.
 * Here the compiler does the hooking: the kernel-side directories are
 * built with -finstrument-functions (see the Makefile), so every kernel
 * function calls __cyg_profile_func_enter/exit.  Those hooks record into
 * the trace of the current machine, only while one is attached
 * (machine->calltrace != NULL); otherwise they return at once.
 *
 * The trace is a calling-context tree: one node per distinct call path,
 * with a call count, so that the 60000 calls of __free_pages_core during
 * memblock_free_all() fold into one line "×60000".  calltrace_note() lets
 * the code add what a call did ("28672 → 0x98000") to the node of the
 * function that is running.
 */
#ifndef _MMSIM_CALLTRACE_H
#define _MMSIM_CALLTRACE_H

#include <stdbool.h>
#include <stdio.h>

struct calltrace;
struct machine;

/* A new empty trace that records the calls of the thread that made it. */
struct calltrace *calltrace_create(void);
void calltrace_destroy(struct calltrace *ct);

/* Start / stop recording @m's calls into @ct (NULL stops). */
void calltrace_attach(struct machine *m, struct calltrace *ct);

/*
 * Print the tree (or every subtree rooted at a function named @func, each
 * after the path that led to it) down to @depth levels below its root
 * (negative: all).  Returns 0, or -ENOENT when @func was never called.
 */
int calltrace_print(struct calltrace *ct, FILE *out, const char *func,
		    int depth);

/*
 * Call @fn(@arg) the first time the function named @func is entered (on
 * entry, before its body runs); its own calls are not recorded.
 */
void calltrace_stop_at(struct calltrace *ct, const char *func,
		       void (*fn)(void *arg), void *arg);
/*
 * Call @fn(@arg, name) each time a function called by @parent returns
 * (start_kernel: after each boot step); its own calls are not recorded.
 */
void calltrace_on_return(struct calltrace *ct, const char *parent,
			 void (*fn)(void *arg, const char *func), void *arg);

/*
 * Who reserved physical memory: memblock records [base, base + size) and
 * the function that asked for it while a trace records (the newest record
 * covering an address is its owner).
 */
struct calltrace_owner {
	unsigned long long base, size;
	char caller[48];
};
void calltrace_owner(unsigned long long base, unsigned long long size,
		     const char *caller);
const struct calltrace_owner *calltrace_owners(const struct calltrace *ct,
					       size_t *nr);

/* Was the calltrace_stop_at() function reached? */
bool calltrace_stopped(const struct calltrace *ct);

/* Totals: calls recorded, distinct call paths (nodes). */
void calltrace_stats(const struct calltrace *ct, unsigned long *calls,
		     unsigned long *nodes);

/*
 * What the running kernel function did, attached to its node (the first
 * few distinct notes of a folded node are kept).  Does nothing when no
 * trace is attached, so it may be called on any path.
 */
void calltrace_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Is a trace recording on this thread's machine (to skip costly notes)? */
bool calltrace_active(void);

/*
 * calltrace_active() where a note can land: only objects built with the
 * hooks (-DMMSIM_CALLTRACE=1, the objects of BUILD/mmsim-calls) ever have
 * a running function to attach a note to.  Elsewhere a note is always
 * dropped, so hot paths (the page allocator's) skip even the test.
 */
static inline bool calltrace_wanted(void)
{
#ifdef MMSIM_CALLTRACE
	return calltrace_active();
#else
	return false;
#endif
}

#endif
