/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/iomem.h — the x86 resources of /proc/iomem that
 * are not e820 ranges: the kernel image, the legacy ROMs, and what the
 * ACPI, PCI and APIC initcalls claim.
 *
 * Kernel counterparts: the static resources of arch/x86/kernel/setup.c
 * (code_resource, rodata_resource, data_resource, bss_resource),
 * arch/x86/kernel/probe_roms.c (video_rom_resource, adapter_rom_resources,
 * extension_rom_resource, system_rom_resource), arch/x86/kernel/apic/
 * apic.c (lapic_resource), and the resources the kernel allocates for the
 * PCI root bridge windows, MMCONFIG, the HPET and the I/O APICs.  In the
 * kernel these are globals or small kmalloc/memblock objects; mmsim keeps
 * them per machine, in struct x86_state (current_machine->x86.iomem).
 *
 * Where each enters the tree (6.1 order; see the .c files):
 *   setup_arch      probe_roms(), then the image resources, then
 *                   e820__reserve_resources() (System RAM adopts the
 *                   image, Reserved adopts System ROM)
 *   initcalls       iomem_late_init(): PCI root windows, PNP0103 (subsys),
 *                   late e820 reservations, I/O APICs (subsys), PNP
 *                   system board (fs), MMCONFIG, HPET, Local APIC (late)
 */
#ifndef _ASM_X86_IOMEM_H
#define _ASM_X86_IOMEM_H

#include "linux/types.h"
#include "linux/ioport.h"

#define X86_NR_ADAPTER_ROMS 6
#define X86_NR_PCI_WINDOWS 4
#define X86_MAX_IOAPIC_RES 8
#define X86_RES_NAME_LEN 32

struct x86_iomem {
	/* the kernel image (setup_arch) */
	struct resource code, rodata, data, bss;
	/* legacy ROMs below 1 MiB (probe_roms) */
	struct resource video_rom, extension_rom, system_rom;
	struct resource adapter_rom[X86_NR_ADAPTER_ROMS];
	/* the initcalls (iomem_late_init) */
	struct resource pci_window[X86_NR_PCI_WINDOWS];
	struct resource hpet_pnp, hpet;
	struct resource ioapic[X86_MAX_IOAPIC_RES];
	unsigned int nr_ioapic;
	struct resource pnp_mmcfg, mmcfg, lapic;
	char hpet_name[X86_RES_NAME_LEN], mmcfg_name[X86_RES_NAME_LEN];
	char ioapic_name[X86_MAX_IOAPIC_RES][X86_RES_NAME_LEN];
};

/* arch/x86/kernel/probe_roms.c: the ROMs the firmware left below 1 MiB. */
void probe_roms(void);
/* arch/x86/kernel/iomem_late.c: what the initcalls add to the tree. */
void iomem_late_init(void);

#endif /* _ASM_X86_IOMEM_H */
