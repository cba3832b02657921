// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_memblock.c — API sequences on memblock.
 *
 * Kernel counterpart: mm/memblock.c.  Each input runs on a bare machine
 * (4 GiB of address space; made once, its memblock reset to the kernel's
 * static initial state by memblock_init() per input) as a program of
 * 8-byte operations: add, reserve, remove, free a range, allocate a size
 * and alignment within a range, switch between top-down and bottom-up.
 * Ranges are pages of the 4 GiB span.  memblock_validate() (regions
 * sorted, merged, within bounds, totals equal the sums) after each one.
 */
#include "fuzz.h"
#include "linux/memblock.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

#include <stdio.h>

#define SPAN (4ULL << 30)

static struct machine *bare_machine(void)
{
	static struct machine *m;
	char path[4096], err[512];
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *p;

	if (m)
		return m;
	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	snprintf(d.model, sizeof(d.model), "bare");
	d.ram_size = SPAN;
	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-56-amd64", host_data_dir());
	kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-56-amd64.profile",
		 host_data_dir());
	p = profile_load(path, err, sizeof(err));
	if (!kc || !p)
		fuzz_check(-1, err);
	m = machine_create(&d, kc, p, err, sizeof(err));
	if (!m)
		fuzz_check(-1, err);
	m->log.console_enabled = false;
	fuzz_destroy_at_exit(m);
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_bytes b = { data, data + size };
	struct machine *m = bare_machine(), *old = machine_enter(m);
	int ops = 0;

	memblock_init(&m->memblock_st);
	while (b.p < b.end && ops++ < 256) {
		unsigned int op = fuzz_u8(&b);
		phys_addr_t base = (phys_addr_t)(fuzz_u16(&b) << 4 | fuzz_u8(&b) >> 4) << 12;
		phys_addr_t len = (phys_addr_t)(fuzz_u16(&b) + 1) << (12 + op / 16 % 5);
		unsigned int a = fuzz_u8(&b);

		base %= SPAN;
		switch (op % 7) {
		case 0:
		case 1:
			memblock_add(base, len);
			break;
		case 2:
			memblock_reserve(base, len);
			break;
		case 3:
			memblock_remove(base, len);
			break;
		case 4:
			memblock_phys_free(base, len);
			break;
		case 5:
			memblock_phys_alloc_range(len, 1ULL << (a % 22), base,
						  base + ((phys_addr_t)fuzz_u16(&b) << 16));
			break;
		case 6:
			memblock_set_bottom_up(a & 1);
			break;
		}
		fuzz_check(memblock_validate(), "memblock_validate");
	}
	machine_enter(old);
	return 0;
}
