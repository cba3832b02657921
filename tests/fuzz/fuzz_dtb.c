// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_dtb.c — a device tree blob (--dtb FILE, 32-bit ARM).
 *
 * Kernel counterpart: drivers/of/fdt.c's early scan.  The blob is checked
 * as `mmsim boot --arch arm --dtb` checks it (libfdt, then the board's
 * rules); a blob that passes is given to a vexpress-a9 machine, whose
 * firmware reads it with mmsim's reader (memory banks, /chosen, reserved
 * memory) and writes the boot blob.  The machine is not booted.
 */
#include "fuzz.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct arm_board *b = arm_board_find("vexpress-a9");
	char err[512], path[4096];
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *p;
	struct machine *m;

	if (arm_board_check(b, 1ULL << 30, 4, data, size, err, sizeof(err)))
		return 0;
	machine_desc_default(&d, MMSIM_ARCH_ARM);
	d.dtb = (void *)data;
	d.dtb_size = size;
	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-50-armmp", host_data_dir());
	kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-50-armmp.profile",
		 host_data_dir());
	p = profile_load(path, err, sizeof(err));
	if (!kc || !p)
		fuzz_check(-1, err);
	m = machine_create(&d, kc, p, err, sizeof(err));
	machine_destroy(m);
	return 0;
}
