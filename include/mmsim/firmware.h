/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/firmware.h — the simulated firmware and boot loader.
 *
 * No kernel counterpart: this is what runs before the kernel.  For
 * `-M pc` and `-M q35` it models QEMU 7.2 with SeaBIOS 1.16 and QEMU's
 * Linux loader (see docs/qemu-firmware.md for the rules and the evidence):
 * the e820 map, where the initrd is loaded, the BIOS data area, the MP
 * table and the ACPI tables, all written into simulated RAM so that the
 * kernel code finds them the way the real kernel does.  `--e820 FILE`
 * replaces the memory map with a real machine's `BIOS-e820:` lines.
 * 32-bit ARM boards (QEMU's vexpress-a9 and its loader: a patched device
 * tree instead of e820) are include/mmsim/firmware_arm.h.
 *
 * Two phases, because the RAM cannot be mapped before its size is known:
 *   firmware_describe()  compute the map, the initrd and kernel placement,
 *                        and how much physical address space to map;
 *   firmware_load()      write the firmware's tables into the mapped RAM.
 */
#ifndef _MMSIM_FIRMWARE_H
#define _MMSIM_FIRMWARE_H

#include "linux/types.h"

struct machine;
struct x86_boot_params;

int firmware_describe(struct machine *m, u64 *span, char *err, size_t errlen);
int firmware_load(struct machine *m, char *err, size_t errlen);
/*
 * The loader's copy of m->desc.cmdline alone, as firmware_load() writes
 * it (nothing else it writes depends on the command line): for a loaded
 * machine given a new command line (tests/fuzz/fuzz_cmdline.c).
 */
void firmware_load_cmdline(struct machine *m);
void firmware_release(struct machine *m);

/*
 * Parse "BIOS-e820: [mem 0x...-0x...] <type>" lines (as the kernel prints
 * them; a dmesg timestamp prefix is allowed, other lines are ignored) into
 * @bp's e820 table.  Returns 0, or -EINVAL with @err naming the bad line.
 */
int firmware_parse_e820_text(const char *text, struct x86_boot_params *bp,
			     char *err, size_t errlen);

/* RAM below 4 GiB and above it, as QEMU splits -m for this machine type. */
struct pc_ram_split {
	u64 below_4g;
	u64 above_4g;
	u64 above_4g_start; /* 4 GiB, or 1 TiB when RAM would cross the HT hole */
};
int pc_ram_split(const char *model, u64 ram_size, struct pc_ram_split *out);

#endif /* _MMSIM_FIRMWARE_H */
