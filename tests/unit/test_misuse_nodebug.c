// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_misuse_nodebug.c — kmalloc() on a thread with no
 * current machine, as code built unchecked (DEBUG=0) calls it.
 *
 * This file is compiled as the unchecked build compiles kernel code
 * (MMSIM_DEBUG 0 below, whatever the test build says): its inline
 * kmalloc() looks the size class up at the call site without the NULL
 * test that DEBUG>=1 keeps in current_machine.  The library's promise
 * (README "Embed mmsim", include/mmsim/machine.h) is the same in every
 * build: one line on stderr naming the missing machine and exit status
 * 70, never a crash.
 *
 * Each case runs in a child process with no machine entered:
 *   - kmalloc(8): a constant size, the inline path (kmalloc_trace)
 *   - kmalloc(n), n not known to the compiler: the function
 *   - kmalloc(100 KiB): above the largest cache, the page allocator path
 * Expect for each: exit status 70 and exactly one stderr line with
 * "no current machine".
 */
#undef MMSIM_DEBUG
#define MMSIM_DEBUG 0

#include "linux/kernel.h"
#include "linux/slab.h"
#include "mmsim/machine.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

enum misuse_case { CONST_SIZE, VARIABLE_SIZE, LARGE_SIZE };

static volatile size_t variable_size = 100;

static void child(enum misuse_case c)
{
	void *p = NULL;

	machine_enter(NULL);
	switch (c) {
	case CONST_SIZE:
		p = kmalloc(8, GFP_KERNEL);
		break;
	case VARIABLE_SIZE:
		p = kmalloc(variable_size, GFP_KERNEL);
		break;
	case LARGE_SIZE:
		p = kmalloc(variable_size << 10, GFP_KERNEL);
		break;
	}
	fprintf(stderr, "kmalloc returned %p\n", p);
	_exit(0);
}

/* Run @c in a child; its exit status (-1: not an exit) and its stderr. */
static int run_child(enum misuse_case c, char *err, size_t len)
{
	int fd[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		dup2(fd[1], 2);
		close(fd[0]);
		child(c);
	}
	close(fd[1]);
	while (got < (ssize_t)len - 1 && (n = read(fd[0], err + got, len - 1 - (size_t)got)) > 0)
		got += n;
	err[got] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void check_case(enum misuse_case c, const char *name)
{
	char err[4096];
	int status = run_child(c, err, sizeof(err));
	const char *nl = strchr(err, '\n');

	if (status != 70)
		fail_msg("%s: exit status: expected 70, got %d (stderr: %.300s)", name, status, err);
	if (!strstr(err, "no current machine"))
		fail_msg("%s: stderr: expected 'no current machine', got '%.300s'", name, err);
	if (!nl || nl[1])
		fail_msg("%s: stderr: expected one line, got '%.300s'", name, err);
}

static void test_kmalloc_const_no_machine(void **state)
{
	(void)state;
	check_case(CONST_SIZE, "kmalloc(8)");
}

static void test_kmalloc_variable_no_machine(void **state)
{
	(void)state;
	check_case(VARIABLE_SIZE, "kmalloc(n)");
}

static void test_kmalloc_large_no_machine(void **state)
{
	(void)state;
	check_case(LARGE_SIZE, "kmalloc(100 KiB)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kmalloc_const_no_machine),
		cmocka_unit_test(test_kmalloc_variable_no_machine),
		cmocka_unit_test(test_kmalloc_large_no_machine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
