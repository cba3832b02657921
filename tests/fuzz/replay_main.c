// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/replay_main.c — a fuzz target's corpus as a regression test.
 *
 * No kernel counterpart.  Linked with one fuzz target instead of
 * libFuzzer (make check builds it with gcc): `replay_NAME DIR` feeds every
 * file of DIR to LLVMFuzzerTestOneInput once, in name order, and prints
 * one TAP line.  A finding aborts (or a sanitizer reports) on the input,
 * whose name is printed first on stderr.
 */
#include "fuzz.h"
#include "mmsim/host.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

static char current[4096]; /* the input being fed, named when it fails */

static void name_current(void)
{
	fprintf(stderr, "fuzz: the failing input is %s\n", current);
}

static void on_abort(int sig)
{
	name_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	char *names[4096], path[4096];
	const char *target = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	struct dirent *de;
	size_t n = 0, i, size;
	DIR *dir;

	if (argc != 2 || !(dir = opendir(argv[1]))) {
		printf("not ok 1 - %s: cannot read corpus '%s'\n1..1\n", target,
		       argc > 1 ? argv[1] : "");
		return 1;
	}
	while ((de = readdir(dir)) && n < 4096)
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(dir);
	qsort(names, n, sizeof(names[0]), name_cmp);
	fuzz_replaying = true;
	LLVMFuzzerInitialize(&argc, &argv);
	signal(SIGABRT, on_abort);
#if defined(__SANITIZE_ADDRESS__)
	__sanitizer_set_death_callback(name_current);
#endif
	for (i = 0; i < n; i++) {
		void *data;

		snprintf(path, sizeof(path), "%s/%s", argv[1], names[i]);
		data = host_read_file(path, &size);
		if (!data) {
			printf("not ok 1 - %s: cannot read '%s'\n1..1\n", target, path);
			return 1;
		}
		snprintf(current, sizeof(current), "%s", path);
		LLVMFuzzerTestOneInput(data, size);
		host_free(data);
		free(names[i]);
	}
	printf("ok 1 - %s: %zu corpus inputs\n1..1\n", target, n);
	return n ? 0 : 1;
}
