// SPDX-License-Identifier: MIT
/*
 * tests/parity/test_replay.c — `mmsim replay-memblock` on every fixture.
 *
 * Each real kernel log under tests/fixtures/x86/ (found at run time, so a
 * new case is tested as soon as it lands) and the ARM vexpress log is
 * replayed from its first MEMBLOCK dump on.  Expect every memblock line of
 * the log to be reproduced exactly — 100% equal lines — and every
 * allocation verified: its request known (printed or inferred) and its
 * result at the address the kernel chose.
 *
 * A few hand-made logs check the engine's own verdicts: a moved allocation
 * is a mismatch at that line, a log without a dump or with a malformed
 * memblock line is bad input.
 */
#include "testmachine.h"
#include "fixture.h"

#include "linux/kernel.h"
#include "mmsim/host.h"
#include "mmsim/replay_memblock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replay one fixture case; its struct fixture_case is the test's state. */
static void test_replay_case(void **state)
{
	const struct fixture_case *c = *state;
	struct replay_stats st;
	char *text = fixture_read(c, "dmesg.log");
	int ret;

	if (!text)
		fail_msg("%s: cannot read dmesg.log", c->name);
	ret = replay_memblock(text, c->name, NULL, NULL, &st);
	host_free(text);
	if (ret == REPLAY_BAD_INPUT)
		fail_msg("%s: %s", c->name, st.err);
	if (ret == REPLAY_MISMATCH)
		fail_msg(
			"%s: line %d: expected '%s' got '%s' (%lu of %lu lines equal)",
			c->name, st.mismatch_line, st.expected, st.got,
			st.lines_equal, st.lines_replayed);
	CHECK_EQ("replay status", REPLAY_EQUAL, ret);
	CHECK_EQ("lines equal", st.lines_replayed, st.lines_equal);
	CHECK_EQ("allocations not verified", 0, st.allocs_unverified);
	if (!st.lines_replayed || !st.allocs_verified)
		fail_msg(
			"%s: nothing was replayed (%lu lines, %lu allocations)",
			c->name, st.lines_replayed, st.allocs_verified);
}

/* The m512M log, with @from replaced by @to once (NULL: unchanged). */
static char *edited_log(const char *from, const char *to)
{
	const char *path =
		test_fixture_path("x86/nokaslr/m512M-smp2-pc/dmesg.log");
	char *text = host_read_file(path, NULL), *at, *out;
	size_t n;

	if (!text)
		fail_msg("cannot read %s", path);
	if (!from)
		return text;
	at = strstr(text, from);
	if (!at)
		fail_msg("'%s' is not in %s", from, path);
	n = strlen(text) - strlen(from) + strlen(to);
	out = host_alloc(n + 1);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	host_free(text);
	return out;
}

/*
 * The sparse_init allocation moved one page up in the log: mmsim puts it
 * where the kernel really did, so the replay stops at that result line.
 */
static void test_moved_allocation_is_a_mismatch(void **state)
{
	struct replay_stats st;
	char *text = edited_log("[0x000000001feb1000-0x000000001feb8fff]",
				"[0x000000001feb2000-0x000000001feb9fff]");
	int ret = replay_memblock(text, "moved.log", NULL, NULL, &st);

	host_free(text);
	CHECK_EQ("replay status", REPLAY_MISMATCH, ret);
	CHECK_EQ("mismatch line", 79, st.mismatch_line);
	CHECK_STR(
		"got",
		"memblock_reserve: [0x000000001feb1000-0x000000001feb8fff] memblock_alloc_range_nid",
		st.got);
}

/* Without the "Faking a node" line no node is assigned: the second dump differs. */
static void test_numa_inference_is_needed(void **state)
{
	struct replay_stats st;
	char *text = edited_log("Faking a node at", "Not faking a node at");
	int ret = replay_memblock(text, "nonode.log", NULL, NULL, &st);

	host_free(text);
	CHECK_EQ("replay status", REPLAY_MISMATCH, ret);
	CHECK_EQ("mismatch line", 70, st.mismatch_line);
}

/* A result with no request and no NODE_DATA line: reserved, not verified. */
static void test_unknown_result_is_not_verified(void **state)
{
	struct replay_stats st;
	char *text =
		edited_log("NODE_DATA(0) allocated", "NODE DATA 0 allocated");
	int ret = replay_memblock(text, "nodata.log", NULL, NULL, &st);

	host_free(text);
	CHECK_EQ("replay status", REPLAY_EQUAL, ret);
	CHECK_EQ("allocations not verified", 1, st.allocs_unverified);
	CHECK_EQ("lines equal", st.lines_replayed, st.lines_equal);
}

/*
 * A memblock_free_late() after boot (its timestamp is not 0): replayed as
 * the kernel printed it; mmsim's own note about the page allocator is not
 * part of the comparison.
 */
static void test_free_late(void **state)
{
	struct replay_stats st;
	char *text = edited_log(NULL, NULL), *log;
	const char *extra =
		"[    1.234567] memblock_free_late: [0x000000001fe28000-0x000000001fe28fff] free_initmem+0x12/0x40\n";
	int ret;

	log = host_alloc(strlen(text) + strlen(extra) + 1);
	strcpy(log, text);
	strcat(log, extra);
	host_free(text);
	ret = replay_memblock(log, "late.log", NULL, NULL, &st);
	host_free(log);
	if (ret == REPLAY_MISMATCH)
		fail_msg("line %d: expected '%s' got '%s'", st.mismatch_line,
			 st.expected, st.got);
	CHECK_EQ("replay status", REPLAY_EQUAL, ret);
	CHECK_EQ("lines replayed", 124, st.lines_replayed);
}

static void test_bad_input(void **state)
{
	struct replay_stats st;
	char *text;

	CHECK_EQ("empty log", REPLAY_BAD_INPUT,
		 replay_memblock("", "empty.log", NULL, NULL, &st));
	CHECK_EQ(
		"no dump", REPLAY_BAD_INPUT,
		replay_memblock(
			"[    0.000000] memblock_reserve: [0x0-0xfff] x+0x1/0x2\n",
			"nodump.log", NULL, NULL, &st));
	text = edited_log(
		"memblock_reserve: [0x000000001feafe80-0x000000001feafec8]",
		"memblock_reserve: [0x000000001feafe80-0xzz]");
	CHECK_EQ("malformed line", REPLAY_BAD_INPUT,
		 replay_memblock(text, "bad.log", NULL, NULL, &st));
	host_free(text);
	if (!strstr(st.err, "bad.log:114: malformed memblock line"))
		fail_msg(
			"error: expected 'bad.log:114: malformed memblock line', got '%s'",
			st.err);
}

static void add_cases(struct CMUnitTest **tests, size_t *nr,
		      struct fixture_case *cases, size_t n)
{
	size_t i;

	*tests = host_realloc(*tests, (*nr + n) * sizeof(**tests));
	for (i = 0; i < n; i++) {
		struct CMUnitTest *t = &(*tests)[(*nr)++];

		memset(t, 0, sizeof(*t));
		t->name = cases[i].name;
		t->test_func = test_replay_case;
		t->initial_state = &cases[i];
	}
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_moved_allocation_is_a_mismatch),
		cmocka_unit_test(test_numa_inference_is_needed),
		cmocka_unit_test(test_unknown_result_is_not_verified),
		cmocka_unit_test(test_free_late),
		cmocka_unit_test(test_bad_input),
	};
	struct fixture_case *x86, *arm;
	size_t nx = fixture_cases("x86", &x86), na = fixture_cases("arm", &arm);
	struct CMUnitTest *tests = NULL;
	size_t nr = 0;
	int ret;

	if (!nx)
		fprintf(stderr, "test_replay: no fixture under %s\n",
			test_fixture_path("x86"));
	add_cases(&tests, &nr, x86, nx);
	add_cases(&tests, &nr, arm, na);
	tests = host_realloc(tests, (nr + ARRAY_SIZE(fixed)) * sizeof(*tests));
	memcpy(tests + nr, fixed, sizeof(fixed));
	nr += ARRAY_SIZE(fixed);
	ret = _cmocka_run_group_tests("replay", tests, nr, NULL, NULL);
	host_free(tests);
	host_free(x86);
	host_free(arm);
	return ret || !nx;
}
