// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_exec.c — execve of the probe (fs/exec.c,
 * fs/binfmt_elf.c, arch/x86/entry/vdso/vma.c) and the views of the
 * process it makes (fs/proc/task_mmu.c, fs/proc/array.c), and the sysctl
 * and sysfs knobs (fs/proc/proc_sysctl.c).
 *
 * Scenario: boot the default machine (pc, 512M, norandmaps as the oracle
 * boots), create the first task, execve data/probe/probe-x86_64 and read
 * its maps.  The probe's program headers (readelf -l) give
 *
 *   0x400000 R (headers)  0x401000 R E (.text)  0x406000 R (.rodata)
 *   0x407000 RW filesz 0xc memsz 0x503a0 (.data, .bss)
 *
 * Expect the four file mappings of /probe, the bss as the [heap] VMA up
 * to the page after 0x4573a0, [vvar] (4 pages) and [vdso] (2 pages) just
 * below mmap_base 0x7ffff7fff000, and the 33-page [stack] ending at
 * 0x7ffffffff000; the mm counters statm shows; a non-ELF image refused
 * with -ENOEXEC.  Knobs: vm.watermark_scale_factor moves the watermarks,
 * a value out of range is -EINVAL, THP "enabled" shows the choice made.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/binfmts.h"
#include "linux/proc_fs.h"
#include "linux/mmzone.h"
#include "mmsim/process.h"
#include "mmsim/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct machine *boot_norandmaps(void)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	strncat(d.cmdline, " norandmaps nokaslr", sizeof(d.cmdline) - strlen(d.cmdline) - 1);
	return test_machine_boot(&d);
}

static struct task_struct *exec_probe(struct elf_segment *segs, int *nsegs)
{
	char path[4096], msg[256];
	struct task_struct *t;
	size_t size = 0;
	void *img;
	int ret;

	snprintf(path, sizeof(path), "%s/probe/probe-x86_64", host_data_dir());
	img = host_read_file(path, &size);
	assert_non_null(img);
	t = mmsim_task_create("init");
	assert_non_null(t);
	ret = mmsim_execve(t, "/probe", img, size, segs, nsegs, msg, sizeof(msg));
	host_free(img);
	if (ret)
		fail_msg("mmsim_execve: %d (%s)", ret, msg);
	return t;
}

static const char *const expected_maps[] = {
	"00400000-00401000 r--p 00000000 00:02 ",
	"00401000-00406000 r-xp 00001000 00:02 ",
	"00406000-00407000 r--p 00006000 00:02 ",
	"00407000-00408000 rw-p 00007000 00:02 ",
	"00408000-00458000 rw-p 00000000 00:00 0",
	"7ffff7ff9000-7ffff7ffd000 r--p 00000000 00:00 0",
	"7ffff7ffd000-7ffff7fff000 r-xp 00000000 00:00 0",
	"7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0",
};
static const char *const expected_names[] = {
	"/probe", "/probe", "/probe", "/probe", "[heap]", "[vvar]", "[vdso]", "[stack]",
};

static void test_probe_maps(void **state)
{
	struct machine *m = boot_norandmaps();
	struct elf_segment segs[MMSIM_MAX_ELF_SEGS];
	int nsegs = 0, i = 0;
	struct task_struct *t = exec_probe(segs, &nsegs);
	char *text, *line, *save = NULL;

	CHECK_EQ("PT_LOAD segments", 4, nsegs);
	CHECK_EQ("comm is the file's name", 0, strcmp(t->comm, "probe"));
	assert_int_equal(proc_pid_render(t, "maps", &text), 0);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
		const char *name = line + 73;

		if (i >= (int)ARRAY_SIZE(expected_maps))
			fail_msg("extra maps line %d: %s", i + 1, line);
		if (strncmp(line, expected_maps[i], strlen(expected_maps[i])) ||
		    strlen(line) < 74 || strcmp(name, expected_names[i]))
			fail_msg("maps line %d: expected \"%s ... %s\", got \"%s\"", i + 1,
				 expected_maps[i], expected_names[i], line);
	}
	CHECK_EQ("maps lines", ARRAY_SIZE(expected_maps), i);
	host_free(text);
	CHECK_EQ("start_brk", 0x458000, t->mm->start_brk);
	CHECK_EQ("brk", 0x458000, t->mm->brk);
	CHECK_EQ("mmap_base", 0x7ffff7fff000UL, t->mm->mmap_base);
	CHECK_EQ("start_stack below the strings", 1,
		 t->mm->start_stack < 0x7ffffffff000UL - 16 &&
		 t->mm->start_stack > 0x7ffffffff000UL - 4096);
	CHECK_EQ("stack_vm", 33, t->mm->stack_vm);
	assert_int_equal(proc_pid_render(t, "status", &text), 0);
	assert_non_null(strstr(text, "Name:\tprobe\n"));
	assert_non_null(strstr(text, "VmStk:\t     132 kB\n"));
	host_free(text);
	set_current(t);
	CHECK_EQ("unlink /probe", 0, do_unlinkat(AT_FDCWD, "/probe"));
	set_current(NULL);
	mmsim_exit(t);
	test_machine_destroy(m);
}

static void test_not_elf(void **state)
{
	struct machine *m = boot_norandmaps();
	struct elf_segment segs[MMSIM_MAX_ELF_SEGS];
	struct task_struct *t = mmsim_task_create("init");
	static const char junk[256] = "#!/bin/sh\n";
	char msg[256];
	int n;

	assert_non_null(t);
	CHECK_EQ("execve of a script", -ENOEXEC,
		 mmsim_execve(t, "/probe", junk, sizeof(junk), segs, &n, msg, sizeof(msg)));
	set_current(t);
	CHECK_EQ("unlink /probe", 0, do_unlinkat(AT_FDCWD, "/probe"));
	set_current(NULL);
	mmsim_exit(t);
	test_machine_destroy(m);
}

static void test_knobs(void **state)
{
	struct machine *m = boot_norandmaps();
	struct zone *z = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	unsigned long high = z->_watermark[WMARK_HIGH];
	char *text;

	CHECK_EQ("watermark_scale_factor 3001", -EINVAL,
		 proc_sys_write("vm/watermark_scale_factor", "3001", 4));
	CHECK_EQ("no such sysctl", -ENOENT, proc_sys_write("vm/nothing", "1", 1));
	CHECK_EQ("watermark_scale_factor 100", 0,
		 proc_sys_write("vm/watermark_scale_factor", "100\n", 4));
	CHECK_EQ("high watermark grew", 1, z->_watermark[WMARK_HIGH] > high);
	assert_int_equal(proc_sys_read("vm/watermark_scale_factor", &text), 0);
	CHECK_STR("watermark_scale_factor", "100\n", text);
	host_free(text);
	CHECK_EQ("THP never", 0,
		 sysfs_write("kernel/mm/transparent_hugepage/enabled", "never", 5));
	assert_int_equal(sysfs_read("kernel/mm/transparent_hugepage/enabled", &text), 0);
	CHECK_STR("THP enabled", "always madvise [never]\n", text);
	host_free(text);
	CHECK_EQ("THP bogus", -EINVAL,
		 sysfs_write("kernel/mm/transparent_hugepage/enabled", "sometimes", 9));
	test_machine_destroy(m);
}

/* sysctl.vm.watermark_scale_factor= applies at boot as the write does. */
static void test_sysctl_param(void **state)
{
	struct machine_desc d;
	struct machine *m;
	unsigned long high_default, high_param;

	test_machine_desc_default(&d);
	m = test_machine_boot(&d);
	high_default = NODE_DATA(0)->node_zones[ZONE_DMA32]._watermark[WMARK_HIGH];
	test_machine_destroy(m);
	strncat(d.cmdline, " sysctl.vm.watermark_scale_factor=100",
		sizeof(d.cmdline) - strlen(d.cmdline) - 1);
	m = test_machine_boot(&d);
	high_param = NODE_DATA(0)->node_zones[ZONE_DMA32]._watermark[WMARK_HIGH];
	CHECK_EQ("high watermark with the parameter above the default", 1,
		 high_param > high_default);
	test_machine_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_maps),
		cmocka_unit_test(test_not_elf),
		cmocka_unit_test(test_knobs),
		cmocka_unit_test(test_sysctl_param),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
