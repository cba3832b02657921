// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_dtb.c — a device tree blob (--dtb FILE, 32-bit ARM).
 *
 * Kernel counterpart: drivers/of/fdt.c's early scan.  The blob is checked
 * as `mmsim boot --arch arm --dtb` checks it (libfdt, then the board's
 * rules); a blob that passes is given to a vexpress-a9 machine, whose
 * firmware reads it with mmsim's reader (memory banks, /chosen, reserved
 * memory) and writes the boot blob.  The machine is not booted.  The
 * Debian .config and profile are loaded once (fuzz_machine_create), not
 * per input: parsing them was most of an input's time.
 */
#include "fuzz.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct arm_board *b = arm_board_find("vexpress-a9");
	struct machine_desc d;
	char err[512];

	if (arm_board_check(b, 1ULL << 30, 4, data, size, err, sizeof(err)))
		return 0;
	machine_desc_default(&d, MMSIM_ARCH_ARM);
	d.dtb = (void *)data;
	d.dtb_size = size;
	machine_destroy(fuzz_machine_create(&d, err, sizeof(err)));
	return 0;
}
