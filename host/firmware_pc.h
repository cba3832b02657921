/* SPDX-License-Identifier: MIT */
/*
 * host/firmware_pc.h — the layout QEMU 7.2 + SeaBIOS 1.16.2 give a pc/q35
 * guest, shared by host/firmware_pc.c (memory map, SeaBIOS zones, MP
 * table, loader) and host/firmware_acpi.c (ACPI tables, SMBIOS length).
 *
 * docs/qemu-firmware.md states every rule with its evidence.
 */
#ifndef _MMSIM_HOST_FIRMWARE_PC_H
#define _MMSIM_HOST_FIRMWARE_PC_H

#include "linux/types.h"

#include <stddef.h>

struct machine;

#define PC_ACPI_MAX_TABLES 10

struct pc_acpi_table {
	char sig[5];
	u32 len;
	u64 addr;
};

struct pc_firmware {
	bool q35;
	/* RAM split (QEMU pc_memory_init) */
	u64 below_4g, above_4g, above_4g_start;
	/* CPU topology after QEMU fills in the blanks */
	unsigned int cpus, maxcpus, sockets, cores, threads;
	u32 apic_id_limit;
	/* SeaBIOS allocations */
	bool have_mp;
	u32 mpc_len;
	u64 mp;                 /* MP floating pointer; the config table follows */
	u32 smbios_len;
	u64 smbios_ep, rsdp;
	u64 acpi_base;          /* the 128 KiB ACPI blob (FACS first) */
	u64 low_ram_end;        /* end of usable low RAM */
	struct pc_acpi_table tables[PC_ACPI_MAX_TABLES];
	int nr_tables;
};

/* Little-endian stores and the 8-bit byte sum that BIOS tables carry. */
static inline void fw_put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static inline void fw_put32(u8 *p, u32 v)
{
	fw_put16(p, (u16)v);
	fw_put16(p + 2, (u16)(v >> 16));
}

static inline void fw_put64(u8 *p, u64 v)
{
	fw_put32(p, (u32)v);
	fw_put32(p + 4, (u32)(v >> 32));
}

/* The byte that makes @n bytes sum to zero is (u8)-fw_sum8(...). */
static inline u8 fw_sum8(const u8 *p, size_t n)
{
	u8 s = 0;

	while (n--)
		s += *p++;
	return s;
}

/* host/firmware_pc.c */
u32 pc_apic_id(const struct pc_firmware *pc, unsigned int cpu);
int pc_cpu_node(const struct machine *m, unsigned int cpu);

/* host/firmware_acpi.c */
u32 pc_smbios_length(const struct machine *m, const struct pc_firmware *pc);
void pc_acpi_layout(const struct machine *m, struct pc_firmware *pc);
void pc_acpi_write(struct machine *m, const struct pc_firmware *pc);

#endif /* _MMSIM_HOST_FIRMWARE_PC_H */
