/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_vmalloc.h — what the vmalloc tests share: a booted
 * machine per test, and checks of the two views of a vmalloc address.
 *
 * The machine is the default test machine (QEMU pc, 512 MiB, 2 CPUs)
 * booted through start_kernel(), so vmalloc runs on the real kernel page
 * tables, the real page allocator and the real host window.
 *
 *   VM_TEST(f)              f on a freshly booted machine
 *   CHECK_VM_VALID()        vmalloc_validate() and page_alloc_validate() hold
 *   check_mapped(p, len)    every page of [p, p + len): the page-table walk
 *                           gives the page vmalloc_to_page() gives, and a
 *                           byte written through p is read back through
 *                           page_address() of that page, and the reverse
 *   check_unmapped(p, len)  no translation, and the host faults there
 */
#ifndef _MMSIM_TESTS_VMALLOC_H
#define _MMSIM_TESTS_VMALLOC_H

#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/proc_fs.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mm/internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/host.h"
#include "mmsim/host_probe.h"

#include <stdio.h>
#include <string.h>

static inline int vm_setup(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	strcat(d.cmdline, " nokaslr");
	*state = test_machine_boot(&d);
	return 0;
}

static inline int vm_teardown(void **state)
{
	test_machine_destroy(*state);
	return 0;
}

#define VM_TEST(f) cmocka_unit_test_setup_teardown(f, vm_setup, vm_teardown)
#define CHECK_VM_VALID()                                              \
	do {                                                          \
		CHECK_EQ("vmalloc_validate()", 0, vmalloc_validate()); \
		CHECK_EQ("page_alloc_validate()", 0, page_alloc_validate()); \
	} while (0)

/* The physical address the MMU would reach for @kva, or ~0 if none. */
static inline phys_addr_t vm_walk(unsigned long kva)
{
	phys_addr_t pa;

	if (walk_virt_to_phys(init_top_pgt, kva, &pa, NULL))
		return ~(phys_addr_t)0;
	return pa;
}

/* See the header comment; @salt varies the bytes written. */
static inline void check_mapped(const void *p, unsigned long len, int salt)
{
	const char *c = p;
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		unsigned long kva = vmalloc_kva(c + off);
		struct page *page = vmalloc_to_page(c + off);
		volatile unsigned char *direct, *virt = (unsigned char *)(c + off);
		unsigned long x = (off / PAGE_SIZE * 131 + (unsigned long)salt) % PAGE_SIZE;

		if (!page)
			fail_msg("kva %#lx: vmalloc_to_page: expected a page, got NULL", kva);
		CHECK_EQ("page-table walk == page_to_phys(vmalloc_to_page)",
			 page_to_phys(page), vm_walk(kva));
		direct = page_address(page);
		virt[x] = (unsigned char)(salt + off);
		CHECK_EQ("byte written via vmalloc, read via page_address",
			 (unsigned char)(salt + off), direct[x]);
		direct[x] = (unsigned char)~(salt + off);
		CHECK_EQ("byte written via page_address, read via vmalloc",
			 (unsigned char)~(salt + off), virt[x]);
	}
}

static inline void check_unmapped(const void *p, unsigned long len)
{
	const char *c = p;
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		CHECK_EQ("page-table walk of an unmapped page", ~(phys_addr_t)0,
			 vm_walk(vmalloc_kva(c + off)));
		CHECK_EQ("host can read an unmapped page", 0,
			 host_probe_readable(c + off, 1));
	}
}

/* /proc/vmallocinfo now (host_free it). */
static inline char *vm_info(void)
{
	char *text;

	if (proc_render("vmallocinfo", &text))
		fail_msg("proc_render(vmallocinfo) failed");
	return text;
}

/* The line of /proc/vmallocinfo starting at kernel address @kva, or NULL. */
static inline char *vm_info_line(const char *text, unsigned long kva,
				 char *out, size_t size)
{
	char prefix[40];
	const char *l;

	snprintf(prefix, sizeof(prefix), "0x%016lx-", kva);
	for (l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (!strncmp(l, prefix, strlen(prefix))) {
			size_t n = strcspn(l, "\n");

			snprintf(out, size, "%.*s", (int)n, l);
			return out;
		}
	}
	return NULL;
}

#endif /* _MMSIM_TESTS_VMALLOC_H */
