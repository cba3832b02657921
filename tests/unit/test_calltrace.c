// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_calltrace.c — the call-tree recorder behind --calls
 * (kernel/trace/calltrace.c), driven by calling its entry/exit hooks by
 * hand with the addresses of real kernel functions (this test binary is
 * not instrumented, so only these calls are recorded).
 *
 * Scenarios:
 *   - A calls B twice, then C: one line "└─ memblock_reserve_caller ×2"
 *     folded, children in first-call order, files from DWARF.
 *     Expect "memblock_add_caller", "├─ memblock_reserve_caller ×2",
 *     "└─ memblock_free_all" and "mm/memblock.c".
 *   - an exit that skips frames (a longjmp out of a panic): the tracer
 *     unwinds to the matching ancestor; a new call of A folds into A.
 *   - notes: duplicates kept once, three distinct kept, then "…".
 *   - no trace attached, or another thread's machine: nothing recorded.
 *   - --calls FUNC of a function never called: -ENOENT.
 *   - calltrace_stop_at(): the callback runs once, on the first entry.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "mmsim/calltrace.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void __cyg_profile_func_enter(void *fn, void *site);
void __cyg_profile_func_exit(void *fn, void *site);

#define A ((void *)memblock_add_caller)
#define B ((void *)memblock_reserve_caller)
#define C ((void *)memblock_free_all)

static struct machine *m, *old;
static struct calltrace *ct;

static int setup(void **state)
{
	m = calloc(1, sizeof(*m));
	ct = calltrace_create();
	old = machine_enter(m);
	calltrace_attach(m, ct);
	return m && ct ? 0 : -1;
}

static int teardown(void **state)
{
	calltrace_attach(m, NULL);
	machine_enter(old);
	calltrace_destroy(ct);
	free(m);
	return 0;
}

static void call(void *fn) { __cyg_profile_func_enter(fn, NULL); }
static void ret(void *fn) { __cyg_profile_func_exit(fn, NULL); }

/* The printed tree (under @func, NULL: all), in a host buffer to free(). */
static char *tree(const char *func, int depth, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	*rc = calltrace_print(ct, f, func, depth);
	fclose(f);
	return buf;
}

static void expect_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("tree: expected a line with '%s', got:\n%s", want, text);
}

static void test_folding(void **state)
{
	unsigned long calls, nodes;
	char *t;
	int rc;

	call(A); call(B); ret(B); call(B); ret(B); call(C); ret(C); ret(A);
	calltrace_stats(ct, &calls, &nodes);
	assert_int_equal(calls, 4);
	assert_int_equal(nodes, 3);
	t = tree(NULL, -1, &rc);
	assert_int_equal(rc, 0);
	expect_has(t, "memblock_add_caller");
	expect_has(t, "├─ memblock_reserve_caller ×2");
	expect_has(t, "└─ memblock_free_all ");
	expect_has(t, "mm/memblock.c");
	free(t);
}

static void test_unwind_skipped_exits(void **state)
{
	unsigned long calls, nodes;
	char *t;
	int rc;

	call(A); call(B); call(C);
	ret(A);                 /* B and C never returned */
	call(A); ret(A);
	calltrace_stats(ct, &calls, &nodes);
	assert_int_equal(nodes, 3);     /* A, A/B, A/B/C: the second A folded */
	t = tree("memblock_add_caller", 0, &rc);
	expect_has(t, "memblock_add_caller ×2");
	free(t);
}

static void test_notes(void **state)
{
	char *t;
	int rc;

	call(A);
	calltrace_note("x %d", 1);
	calltrace_note("x %d", 1);
	calltrace_note("y");
	calltrace_note("z");
	calltrace_note("w");
	ret(A);
	calltrace_note("outside any function");
	t = tree(NULL, -1, &rc);
	expect_has(t, " x 1, y, z, …");
	if (strstr(t, "outside"))
		fail_msg("a note with no function running was kept:\n%s", t);
	free(t);
}

static void test_not_recording(void **state)
{
	unsigned long calls, nodes;

	calltrace_attach(m, NULL);
	call(A); ret(A);
	calltrace_attach(m, ct);
	calltrace_stats(ct, &calls, &nodes);
	assert_int_equal(calls, 0);
	assert_true(calltrace_active());
}

static void test_unknown_function(void **state)
{
	char *t;
	int rc;

	call(A); ret(A);
	t = tree("no_such_function", -1, &rc);
	assert_int_equal(rc, -ENOENT);
	free(t);
}

static int stops;
static void on_stop(void *arg) { stops++; assert_ptr_equal(arg, &stops); }

static void test_stop_at(void **state)
{
	stops = 0;
	calltrace_stop_at(ct, "memblock_reserve_caller", on_stop, &stops);
	call(A); call(B); ret(B); call(B); ret(B); ret(A);
	assert_int_equal(stops, 1);
	assert_true(calltrace_stopped(ct));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_folding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwind_skipped_exits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_recording, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_function, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_at, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
