/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/firmware_arm.h — QEMU's vexpress-a9 board and its Linux
 * boot loader, as the 32-bit ARM kernel finds them (host/firmware_arm.c).
 *
 * No kernel counterpart: this is the machine under the kernel.  Same two
 * phases as the PC firmware (include/mmsim/firmware.h): describe (how much
 * physical address space, where the loader puts things) before the RAM is
 * mapped, load (the patched device tree and the initrd written into RAM)
 * after.
 */
#ifndef _MMSIM_FIRMWARE_ARM_H
#define _MMSIM_FIRMWARE_ARM_H

#include "linux/types.h"

struct machine;

/* What the model knows about one board (QEMU's hw/arm/vexpress.c). */
struct arm_board {
	const char *name;          /* -M value */
	u64 loader_start;          /* RAM base: where the loader starts */
	u64 ram_max;               /* QEMU refuses more RAM */
	u64 ram_default;           /* QEMU's default -m */
	unsigned int max_cpus;
	u64 virtio_base;           /* first virtio-mmio transport */
	unsigned int nr_virtio;    /* transports added to the device tree */
	/* the CPU (cortex-a9 r0p0), as setup_processor() reads it */
	u32 midr;
	const char *cpu_name, *cpu_arch_name;
	const char *cache_desc;    /* from the cache type register */
};

/* The board named @model, or NULL. */
const struct arm_board *arm_board_find(const char *model);

/*
 * Check a machine description against the board before anything is
 * built (RAM size, CPU count, the DTB blob).  0, or -EINVAL with @err
 * in QEMU's words.
 */
int arm_board_check(const struct arm_board *b, u64 ram_size,
		    unsigned int cpus, const void *dtb, size_t dtb_size,
		    char *err, size_t errlen);

int arm_firmware_describe(struct machine *m, u64 *span, char *err,
			  size_t errlen);
int arm_firmware_load(struct machine *m, char *err, size_t errlen);
void arm_firmware_release(struct machine *m);
/*
 * The device tree alone written again from m->desc (its bootargs are the
 * only part that depends on the command line), as arm_firmware_load()
 * writes it: for a loaded machine given a new command line
 * (tests/fuzz/fuzz_cmdline.c).  0, or -EINVAL with @err as QEMU says it.
 */
int arm_firmware_load_cmdline(struct machine *m, char *err, size_t errlen);

/*
 * Where QEMU's boot loader (hw/arm/boot.c) puts things for a Linux zImage
 * with a device tree: the image at loader_start + 0x10000, the initrd at
 * loader_start + min(RAM / 2, 128 MiB), the DTB on the next 4 KiB after
 * it, grown by QEMU's load_device_tree() to 2 * (file size + 10000).
 */
struct arm_boot_layout {
	u64 zimage;
	u64 initrd_start, initrd_size;
	u64 dtb_start, dtb_size;
};
int arm_boot_layout(const struct arm_board *b, u64 ram_size, u64 initrd_size,
		    size_t dtb_file_size, struct arm_boot_layout *out,
		    char *err, size_t errlen);

#endif /* _MMSIM_FIRMWARE_ARM_H */
