/* SPDX-License-Identifier: MIT */
/*
 * tests/common/fixture.h — reading the oracle fixtures (tests/fixtures/).
 *
 * Each fixture case is a directory holding one real kernel boot: qemu.txt
 * (the QEMU command, kernel command line, initrd), dmesg.log and the /proc
 * files (see /work/shared/oracle/README.md).  Tests find the cases at run
 * time, so a case added to the tree is tested without touching the tests:
 *
 *   struct fixture_case *cases;
 *   size_t n = fixture_cases("x86", &cases);   every case under x86/
 *   fixture_machine_desc(&cases[i], &desc, err, sizeof(err));
 *   fixture_log(&cases[i], &lines);            dmesg.log, no timestamps
 *
 * A case directory counts when it has a dmesg.log and, if it has a status
 * file (the generator writes one), the status starts with "OK": a case
 * still being generated, or whose boot failed, is left out.
 */
#ifndef _MMSIM_TESTS_FIXTURE_H
#define _MMSIM_TESTS_FIXTURE_H

#include "linux/types.h"

struct machine_desc;

struct fixture_case {
	char dir[4096]; /* the case directory */
	/* relative to tests/fixtures/: "x86/kaslr/m512M-smp2-pc" */
	char name[512];
};

/*
 * Every case under tests/fixtures/@root (searched recursively), sorted by
 * name.  Returns the count; *@cases is a host_alloc'ed array (NULL when
 * there is none), released with host_free().
 */
size_t fixture_cases(const char *root, struct fixture_case **cases);

/* The contents of @file in the case directory, or NULL (host_free it). */
char *fixture_read(const struct fixture_case *c, const char *file);

/* A log as lines, the "[    0.000000] " timestamps removed. */
struct fixture_lines {
	char *buf;
	char **line;
	size_t nr;
};

void fixture_lines_split(const char *text, struct fixture_lines *out);
void fixture_lines_free(struct fixture_lines *l);
/* The case's dmesg.log; -1 when it cannot be read. */
int fixture_log(const struct fixture_case *c, struct fixture_lines *out);
/* Index of the first line equal to @text at or after @from, or l->nr. */
size_t fixture_find(const struct fixture_lines *l, size_t from,
		    const char *text);

/*
 * The machine of the case's qemu.txt: machine type, -m, -smp, -numa with
 * memory backends, the kernel command line and the initrd size.  For a
 * KASLR boot (no "nokaslr"), also the physical load address the kernel
 * chose, read from @log (the image reservation of its first MEMBLOCK dump
 * that holds the brk area).  Returns 0, or -1 with @err saying why.
 */
int fixture_machine_desc(const struct fixture_case *c,
			 const struct fixture_lines *log,
			 struct machine_desc *d, char *err, size_t errlen);

/*
 * The kernel's physical load address in a log: the base of the first
 * dump's reserved region holding the "memblock_reserve: [...] setup_arch"
 * brk reservation made before that dump.  0 when the log does not show it.
 */
u64 fixture_kernel_addr(const struct fixture_lines *log);
unsigned long fixture_kaslr_vmalloc_base(const struct fixture_case *c);

/* "name+0x1f/0x80" or "name.constprop.0+0x.." -> "name" */
void fixture_caller_func(const char *caller, char *out, size_t size);

#endif /* _MMSIM_TESTS_FIXTURE_H */
