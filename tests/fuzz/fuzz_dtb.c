// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_dtb.c — a device tree blob (--dtb FILE, 32-bit ARM).
 *
 * Kernel counterpart: none directly; this is QEMU's side of the blob
 * (hw/arm/boot.c's arm_load_dtb, as host/firmware_arm.c does it).  The
 * blob is checked as `mmsim boot --arch arm --dtb` checks it (libfdt,
 * then the board's rules); a blob that passes goes through the firmware
 * of a vexpress-a9 machine: the boot layout it implies (arm_boot_layout,
 * arm_firmware_describe), the copy into RAM with /memory, /chosen and the
 * virtio nodes patched in (arm_firmware_load), and the check that the
 * image still fits below it (arm_check_image_placement).
 *
 * Speed: the machine is made once (machine_create costs ~1 ms under
 * ASan: its tables, the RAM mapping) and each input re-runs those three
 * steps on it.  They set every field of the firmware state they use
 * (arm_st.fw_*, board, boot registers) and write the blob afresh, so
 * nothing of one input reaches the next.  Replaying the committed corpus
 * (make check) also makes a whole machine from each blob, as before.
 */
#include "fuzz.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <stdlib.h>

static struct machine *arm_machine(void)
{
	static struct machine *m;
	struct machine_desc d;
	char err[512];

	if (m)
		return m;
	machine_desc_default(&d, MMSIM_ARCH_ARM);
	m = fuzz_machine_create(&d, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	fuzz_destroy_at_exit(m);
	return m;
}

/* The firmware's steps of machine_create() for @data on the kept machine. */
static void firmware_again(const uint8_t *data, size_t size)
{
	struct machine *m = arm_machine();
	struct machine *old = machine_enter(m);
	void *blob = m->desc.dtb;
	size_t blob_size = m->desc.dtb_size;
	char err[512];
	u64 span;

	m->desc.dtb = (void *)data;
	m->desc.dtb_size = size;
	if (!arm_firmware_describe(m, &span, err, sizeof(err))) {
		if (span > m->ram.span)
			fuzz_check(-1, "arm_firmware_describe: RAM span grew");
		if (!arm_firmware_load(m, err, sizeof(err)))
			arm_check_image_placement(err, sizeof(err));
	}
	m->desc.dtb = blob;
	m->desc.dtb_size = blob_size;
	machine_enter(old);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct arm_board *b = arm_board_find("vexpress-a9");
	struct machine_desc d;
	char err[512];

	if (arm_board_check(b, 1ULL << 30, 4, data, size, err, sizeof(err)))
		return 0;
	firmware_again(data, size);
	if (fuzz_replaying) {
		machine_desc_default(&d, MMSIM_ARCH_ARM);
		d.dtb = (void *)data;
		d.dtb_size = size;
		machine_destroy(fuzz_machine_create(&d, err, sizeof(err)));
	}
	return 0;
}
