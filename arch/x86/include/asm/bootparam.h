/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/bootparam.h — what the boot loader hands the
 * kernel: the "zero page".
 *
 * Kernel counterpart: arch/x86/include/uapi/asm/bootparam.h.  Only the
 * fields mmsim's boot reads are kept; names are the kernel's.  The
 * firmware model (host/firmware_pc.c) fills it as QEMU's Linux loader and
 * SeaBIOS would.
 */
#ifndef _ASM_X86_BOOTPARAM_H
#define _ASM_X86_BOOTPARAM_H

#include "linux/types.h"
#include "arch/x86/include/asm/e820/types.h"

struct boot_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __attribute__((packed));

struct setup_header {
	u32 ramdisk_image;  /* where the loader put the initrd */
	u32 ramdisk_size;
	u32 cmd_line_ptr;
	u32 initrd_addr_max;
	u8 type_of_loader;
};

struct x86_boot_params {
	struct setup_header hdr;
	u32 ext_ramdisk_image;
	u32 ext_ramdisk_size;
	u8 e820_entries;
	struct boot_e820_entry e820_map[E820_MAX_ENTRIES_ZEROPAGE]; /* kernel: e820_table */
};

/*
 * Everything the firmware and loader leave behind for the kernel, beyond
 * the bytes they write into simulated RAM (BIOS data area, MP table, ACPI
 * tables).
 */
struct pc_firmware;

struct firmware_handoff {
	struct x86_boot_params zero_page;
	phys_addr_t kernel_load_addr; /* where the decompressed image runs */
	const char *dmi_line;         /* "QEMU Standard PC (i440FX + PIIX, 1996), BIOS ..." */
	phys_addr_t acpi_rsdp;        /* 0 when the firmware has no ACPI */
	phys_addr_t mp_floating;      /* 0 when there is no MP table */
	struct pc_firmware *pc;       /* the QEMU/SeaBIOS model's layout */
};

#endif /* _ASM_X86_BOOTPARAM_H */
