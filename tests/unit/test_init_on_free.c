// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_init_on_free.c — zeroing pages costs no host memory.
 *
 * Scenario: a 2 GiB machine boots with init_on_free=1, so every page
 * memblock hands to the buddy allocator is zeroed on the way in
 * (__free_pages_core -> free_pages_prepare -> kernel_init_pages).
 * Expect the boot to succeed without a sanitizer report and the host to
 * hold far less than the machine's RAM: whole pages are given back to the
 * host (host_ram_zero) instead of being written with zeroes.  Then a
 * __GFP_ZERO allocation of an order-10 block that was dirtied reads as
 * zero, in both of its halves.
 */
#include "testmachine.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "mmsim/host.h"

#include <stdio.h>
#include <string.h>

static void test_init_on_free_costs_no_host_memory(void **state)
{
	struct machine_desc d;
	struct machine *m, *old;
	struct page *page;
	unsigned char *p;
	u64 resident;
	size_t i;

	(void)state;
	test_machine_desc_default(&d);
	d.ram_size = 2ULL << 30;
	snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyS0 init_on_free=1");
	m = test_machine_boot(&d);
	assert_non_null(m);
	resident = host_ram_resident_bytes(&m->ram);
	if (resident > (256ULL << 20))
		fail_msg("host memory after an init_on_free boot: expected < 256 MiB, got %llu MiB",
			 (unsigned long long)(resident >> 20));

	old = machine_enter(m);
	page = alloc_pages(GFP_KERNEL, 10);
	assert_non_null(page);
	p = page_address(page);
	memset(p, 0x5a, PAGE_SIZE << 10);
	__free_pages(page, 10);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 10);
	assert_non_null(page);
	p = page_address(page);
	for (i = 0; i < (PAGE_SIZE << 10); i++)
		if (p[i])
			fail_msg("__GFP_ZERO order-10 block: byte %zu expected 0, got %#x", i, p[i]);
	__free_pages(page, 10);
	machine_enter(old);
	test_machine_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_on_free_costs_no_host_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
