// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_run_parse.c — the workload script parser of `mmsim run`
 * (tools/run_parse.c, docs/WORKLOAD.md "Lines").
 *
 * Scenarios: a script using every operation parses into the lines,
 * numbers, flags and processes it says; each kind of bad line is refused
 * with its line number and the bad word, and a script with a bad line
 * anywhere yields an error count (so nothing runs).
 *
 * Expect exact values for every field checked; expect each bad line to
 * be reported as "FILE:N:" with the offending word quoted.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "tools/run_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse @text; the error output goes to *@msg (caller frees). */
static int parse(struct run_script *s, const char *text, char **msg)
{
	size_t len = 0;
	FILE *err = open_memstream(msg, &len);
	int ret = run_parse(s, "t.mmw", text, err);

	fclose(err);
	return ret;
}

static void test_every_operation(void **state)
{
	static const char text[] =
		"# header\n"
		"\n"
		"a = mmap 0 64K rw- private,anon\n"
		"write $a 64K 0x11 8K   # comment\n"
		"fork child\n"
		"child: b = mremap $a+4K 4K 1M maymove\n"
		"child: madvise $b-0x1000 2M populate_write\n"
		"sbrk -4K\r\n"
		"\tsysctl vm/drop_caches 3  \n"
		"sysfs kernel/mm/transparent_hugepage/enabled always [madvise] never\n"
		"file f 1G\n"
		"mmap 0 4K r-- shared f 0\n"
		"pwrite f 0 8K 255\n"
		"mlock $a 4K onfault\n"
		"child: exit\n"
		"fork child\n"
		"dump smaps_rollup\n";
	struct run_script s;
	const struct run_line *l;
	char *msg = NULL;

	assert_int_equal(parse(&s, text, &msg), 0);
	assert_string_equal(msg, "");
	assert_int_equal(s.nr_lines, 15);
	l = &s.lines[0];
	assert_int_equal(l->lineno, 3);
	assert_int_equal(l->op, RUN_MMAP);
	assert_int_equal(l->var, 0);
	assert_int_equal(l->nnum, 2);
	assert_int_equal(l->num[1].val, 65536);
	assert_int_equal(l->prot, RUN_PROT_READ | RUN_PROT_WRITE);
	assert_int_equal(l->flags, RUN_MAP_PRIVATE | RUN_MAP_ANONYMOUS);
	l = &s.lines[1];
	assert_int_equal(l->nnum, 4);
	assert_int_equal(l->num[0].var, 0);
	assert_int_equal(l->num[2].val, 0x11);
	assert_int_equal(l->num[3].val, 8192);
	l = &s.lines[3];
	assert_int_equal(l->proc, 1);
	assert_int_equal(l->var, 1);
	assert_int_equal(l->num[0].val, 4096);
	assert_int_equal(l->num[2].val, 1 << 20);
	assert_int_equal(l->flags, RUN_MREMAP_MAYMOVE);
	l = &s.lines[4];
	assert_int_equal(l->num[0].var, 1);
	assert_int_equal(l->num[0].val, -4096);
	assert_int_equal(l->advice, 23);
	assert_int_equal(s.lines[5].num[0].val, -4096);
	assert_string_equal(s.lines[6].name, "vm/drop_caches");
	assert_string_equal(s.lines[6].value, "3");
	assert_string_equal(s.lines[7].value, "always [madvise] never");
	assert_int_equal(s.lines[8].num[0].val, 1LL << 30);
	assert_string_equal(s.lines[9].path, "f");
	assert_int_equal(s.lines[9].flags, RUN_MAP_SHARED);
	assert_int_equal(s.lines[10].num[2].val, 255);
	assert_int_equal(s.lines[11].flags, RUN_MLOCK_ONFAULT);
	assert_int_equal(s.lines[12].op, RUN_EXIT);
	assert_int_equal(s.lines[13].child, 2); /* a new process, same name */
	assert_int_equal(s.lines[14].view, RUN_V_SMAPS_ROLLUP);
	free(msg);
	run_script_free(&s);
}

static const struct {
	const char *text;
	const char *msg; /* what stderr must contain */
} bad_lines[] = {
	{ "mmapp 0 4K rw- anon\n", "t.mmw:1: unknown operation 'mmapp'" },
	{ "\nmmap 0 4K rw+ anon\n", "t.mmw:2: unknown PROT 'rw+'" },
	{ "mmap 0 4K rw- anon,huge\n", "t.mmw:1: unknown flag 'huge'" },
	{ "mmap 0 4X rw- anon\n", "t.mmw:1: bad number '4X'" },
	{ "munmap -4K 4K\n", "t.mmw:1: bad number '-4K'" },
	{ "read 0 4K 0\n", "t.mmw:1: a STEP of 0 '0'" },
	{ "write 0 4K 256\n", "t.mmw:1: a BYTE above 255 '256'" },
	{ "x = munmap 0 4K\n", "'munmap' returns no number for 'x ='" },
	{ "read $y 4K\n", "t.mmw:1: '$y' names no variable an earlier line set" },
	{ "kid: read 0 4K\n", "t.mmw:1: no fork made a process 'kid'" },
	{ "fork kid\nkid: exit\nkid: read 0 1\n", "t.mmw:3: process 'kid' has exited" },
	{ "fork a\na: fork b\na: exit\nb: exit\n", "t.mmw:4: process 'b' has exited" },
	{ "fork kid\nfork kid\n", "t.mmw:2: process name already in use 'kid'" },
	{ "fork main\n", "a child cannot be named 'main'" },
	{ "munmap 0\n", "t.mmw:1: 'munmap' needs 2 arguments" },
	{ "brk 0 1\n", "too many arguments for 'brk' at '1'" },
	{ "madvise 0 4K eat\n", "unknown advice 'eat'" },
	{ "dump everything\n", "unknown view 'everything'" },
	{ "mlock 0 4K now\n", "unknown mlock flag 'now'" },
	{ "mmap 0 4K r-- shared f\n", "needs OFF too 'f'" },
};

static void test_bad_lines(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_lines); i++) {
		struct run_script s;
		char *msg = NULL;
		int n = parse(&s, bad_lines[i].text, &msg);

		if (n != 1 || !strstr(msg, bad_lines[i].msg))
			fail_msg("case %zu (%s): expected 1 error with \"%s\", got %d: %s",
				 i, bad_lines[i].text, bad_lines[i].msg, n, msg);
		free(msg);
		run_script_free(&s);
	}
}

/* Every bad line is counted, the good ones around them do not hide them. */
static void test_error_count(void **state)
{
	struct run_script s;
	char *msg = NULL;

	assert_int_equal(parse(&s, "brk 0\nfoo\nbrk 0\nbar 1\n", &msg), 2);
	assert_non_null(strstr(msg, "t.mmw:2: unknown operation 'foo'"));
	assert_non_null(strstr(msg, "t.mmw:4: unknown operation 'bar'"));
	free(msg);
	run_script_free(&s);
}

static void test_errno_names(void **state)
{
	assert_string_equal(run_errno_name(12), "ENOMEM");
	assert_string_equal(run_errno_name(17), "EEXIST");
	assert_null(run_errno_name(100000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_operation),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_error_count),
		cmocka_unit_test(test_errno_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
