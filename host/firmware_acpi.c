// SPDX-License-Identifier: MIT
/*
 * host/firmware_acpi.c — the ACPI tables QEMU 7.2 builds and SeaBIOS
 * installs, and the length of the SMBIOS tables (which moves the RSDP).
 *
 * No kernel counterpart: QEMU's hw/i386/acpi-build.c, hw/acpi/cpu.c,
 * hw/smbios/smbios.c and SeaBIOS's fw/biostables.c are the sources;
 * docs/qemu-firmware.md §2.1 and §5 give the rules with their evidence.
 *
 * The tables are packed back to back in one blob from acpi_base:
 *
 *   FACS(64) DSDT FACP APIC HPET [SRAT] [MCFG] WAET RSDT
 *
 * Each is written as real bytes with a valid header and checksum so the
 * kernel's ACPI code (drivers/acpi) finds, prints and parses them as it
 * would QEMU's.  The contents mmsim's kernel reads (FADT pointers and PM
 * timer, MADT entries, HPET block, SRAT affinities, RSDT) are complete;
 * the DSDT's AML body is not modelled — only its length, which the
 * addresses of every later table depend on.
 */
#include "linux/kernel.h"
#include "linux/acpi.h"
#include "linux/mm.h"
#include "host/firmware_pc.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define SEABIOS_VERSION "1.16.2-debian-1.16.2-1"
#define DSDT_FIXED_PC 5468
#define DSDT_FIXED_Q35 7337
#define DSDT_CPUS_DEV_OTHER 750
#define DSDT_SB_SCOPE_OTHER 174
#define GiB (1ULL << 30)

static const char *machine_name(bool q35)
{
	return q35 ? "pc-q35-7.2" : "pc-i440fx-7.2";
}

/* A structure's string set: each string and its NUL, then a final NUL. */
static u32 smbios_strings(const char *const *s, int n)
{
	u32 len = 1;
	int i;

	if (!n)
		return 2;
	for (i = 0; i < n; i++)
		len += (u32)strlen(s[i]) + 1;
	return len;
}

/* QEMU's types 1, 3, 4 (per socket), 16, 17 (per 16 GiB), 19, 32, 127 and SeaBIOS's type 0. */
u32 pc_smbios_length(const struct machine *m, const struct pc_firmware *pc)
{
	const char *mname = machine_name(pc->q35);
	const char *desc = pc->q35 ? "Standard PC (Q35 + ICH9, 2009)" :
				     "Standard PC (i440FX + PIIX, 1996)";
	const char *t0[] = { "SeaBIOS", SEABIOS_VERSION, "04/01/2014" };
	const char *t1[] = { "QEMU", desc, mname };
	const char *t3[] = { "QEMU", mname };
	u64 dimms = (m->desc.ram_size + 16 * GiB - 1) / (16 * GiB);
	char name[32];
	u32 n;
	u64 i;

	n = 24 + smbios_strings(t0, 3);
	n += 27 + smbios_strings(t1, 3);
	n += 22 + smbios_strings(t3, 2);
	for (i = 0; i < pc->sockets; i++) {
		const char *t4[] = { name, "QEMU", mname };

		snprintf(name, sizeof(name), "CPU%2llx", (unsigned long long)i);
		n += 42 + smbios_strings(t4, 3);
	}
	n += 23 + smbios_strings(NULL, 0);
	for (i = 0; i < dimms; i++) {
		const char *t17[] = { name, "QEMU" };

		snprintf(name, sizeof(name), "DIMM %llu", (unsigned long long)i);
		n += 40 + smbios_strings(t17, 2);
	}
	n += (31 + smbios_strings(NULL, 0)) * (pc->above_4g ? 2 : 1);
	n += 11 + smbios_strings(NULL, 0);
	n += 4 + smbios_strings(NULL, 0);
	return n;
}

/* AML size of an integer constant. */
static u32 aml_int_len(u64 v)
{
	return v <= 1 ? 1 : v <= 0xff ? 2 : v <= 0xffff ? 3 : 5;
}

/* A package whose body is @content bytes, with its PkgLength encoding. */
static u32 aml_pkg(u32 content)
{
	u32 n;

	for (n = 1; n <= 4; n++)
		if (content + n <= (n == 1 ? 0x3fu : n == 2 ? 0xfffu :
				    n == 3 ? 0xfffffu : 0xfffffffu))
			return content + n;
	return content + 4;
}

/* The DSDT: a fixed part plus build_cpus_aml()'s objects per possible CPU. */
static u32 dsdt_length(const struct machine *m, const struct pc_firmware *pc)
{
	bool numa = m->desc.nr_nodes > 0;
	u32 ctfy = 0, cpus = 0, i;

	for (i = 0; i < pc->maxcpus; i++) {
		u32 u = aml_int_len(i), body;

		ctfy += 1 + aml_pkg(1 + 1 + u + 1 + 4 + 1);
		body = 1 + aml_pkg(4 + 1 + 1 + 4 + u);     /* Method(_STA) */
		body += 1 + 4 + 1 + aml_pkg(2 + 8);        /* Name(_MAT, Buffer(8)) */
		if (i)
			body += 1 + aml_pkg(4 + 1 + 4 + u);  /* Method(_EJ0) */
		body += 1 + aml_pkg(4 + 1 + 4 + u + 3);    /* Method(_OST) */
		if (numa)
			body += 1 + 4 + aml_int_len((u64)pc_cpu_node(m, i));
		cpus += 2 + aml_pkg(4 + 1 + 4 + 1 + body); /* Processor() */
	}
	ctfy = 1 + aml_pkg(4 + 1 + ctfy);
	cpus = 2 + aml_pkg(DSDT_CPUS_DEV_OTHER + aml_int_len(pc->maxcpus) + ctfy +
			   cpus);
	return (pc->q35 ? DSDT_FIXED_Q35 : DSDT_FIXED_PC) +
	       1 + aml_pkg(DSDT_SB_SCOPE_OTHER + cpus);
}

struct srat_mem {
	int node;
	u64 base, len;
};

/* build_srat(): each node's share of RAM, cut around the 640K and PCI holes. */
static int srat_memory(const struct machine *m, const struct pc_firmware *pc,
		       struct srat_mem *out, int max)
{
	u64 next = 0;
	int n = 0;
	unsigned int i;

#define EMIT(nd, b, l)                                                   \
	do {                                                             \
		if (n < max)                                             \
			out[n] = (struct srat_mem){ (nd), (b), (l) };    \
		n++;                                                     \
	} while (0)

	for (i = 0; i < m->desc.nr_nodes; i++) {
		u64 base = next, len = m->desc.nodes[i].mem;

		next = base + len;
		if (base <= 0xa0000 && 0xa0000 < next) {
			if (0xa0000 > base)
				EMIT((int)i, base, 0xa0000 - base);
			if (next <= 0x100000) {
				next = 0x100000;
				continue;
			}
			base = 0x100000;
			len = next - 0x100000;
		}
		if (base <= pc->below_4g && pc->below_4g < next) {
			if (pc->below_4g > base)
				EMIT((int)i, base, pc->below_4g - base);
			len = next - pc->below_4g;
			base = pc->above_4g_start;
			next = base + len;
		}
		if (len)
			EMIT((int)i, base, len);
	}
#undef EMIT
	return n;
}

static int srat_entries(const struct machine *m, const struct pc_firmware *pc)
{
	int real = srat_memory(m, pc, NULL, 0);
	int min_entries = (int)m->desc.nr_nodes + 2;

	return real > min_entries ? real : min_entries;
}

static void add_table(struct pc_firmware *pc, const char *sig, u32 len)
{
	struct pc_acpi_table *t = &pc->tables[pc->nr_tables++];

	memcpy(t->sig, sig, 5);
	t->len = len;
}

void pc_acpi_layout(const struct machine *m, struct pc_firmware *pc)
{
	int listed;

	pc->nr_tables = 0;
	add_table(pc, "FACS", 64);
	add_table(pc, "DSDT", dsdt_length(m, pc));
	add_table(pc, "FACP", pc->q35 ? 0xf4 : 0x74);
	add_table(pc, "APIC", 44 + 8 * pc->maxcpus + 12 + 10 * 5 + 6);
	add_table(pc, "HPET", 0x38);
	if (m->desc.nr_nodes)
		add_table(pc, "SRAT", 48 + 16 * pc->maxcpus +
					      40 * (u32)srat_entries(m, pc));
	if (pc->q35)
		add_table(pc, "MCFG", 0x3c);
	add_table(pc, "WAET", 0x28);
	listed = pc->nr_tables - 2; /* FACS and DSDT hang off the FADT */
	add_table(pc, "RSDT", 36 + 4 * (u32)listed);
}

static u64 table_addr(const struct pc_firmware *pc, const char *sig)
{
	int i;

	for (i = 0; i < pc->nr_tables; i++)
		if (!strcmp(pc->tables[i].sig, sig))
			return pc->tables[i].addr;
	return 0;
}

/* A standard header with QEMU's ids; the checksum is set by finish(). */
static u8 *header(const struct pc_firmware *pc, const char *sig, u8 rev)
{
	u64 pa = table_addr(pc, sig);
	struct acpi_table_header *h = __va(pa);
	u32 len = 0;
	int i;

	for (i = 0; i < pc->nr_tables; i++)
		if (!strcmp(pc->tables[i].sig, sig))
			len = pc->tables[i].len;
	memset(h, 0, len);
	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = rev;
	memcpy(h->oem_id, "BOCHS ", 6);
	memcpy(h->oem_table_id, "BXPC    ", 8);
	h->oem_revision = 1;
	memcpy(h->asl_compiler_id, "BXPC", 4);
	h->asl_compiler_revision = 1;
	return (u8 *)h;
}

static void finish(u8 *t)
{
	struct acpi_table_header *h = (void *)t;

	h->checksum = 0;
	h->checksum = (u8)-fw_sum8(t, h->length);
}

static void write_madt(const struct machine *m, const struct pc_firmware *pc)
{
	u8 *t = header(pc, "APIC", 1), *e = t + 44;
	static const u8 level_irqs[] = { 5, 9, 10, 11 };
	unsigned int i;

	fw_put32(t + 36, 0xfee00000);
	fw_put32(t + 40, 1); /* PCAT_COMPAT */
	for (i = 0; i < pc->maxcpus; i++, e += 8) {
		e[0] = ACPI_MADT_TYPE_LOCAL_APIC;
		e[1] = 8;
		e[2] = (u8)i;
		e[3] = (u8)pc_apic_id(pc, i);
		fw_put32(e + 4, i < pc->cpus ? ACPI_MADT_ENABLED : 0);
	}
	e[0] = ACPI_MADT_TYPE_IO_APIC;
	e[1] = 12;
	fw_put32(e + 4, 0xfec00000);
	e += 12;
	e[0] = ACPI_MADT_TYPE_INTERRUPT_OVERRIDE;   /* IRQ0 -> GSI2 */
	e[1] = 10;
	fw_put32(e + 4, 2);
	e += 10;
	for (i = 0; i < ARRAY_SIZE(level_irqs); i++, e += 10) {
		e[0] = ACPI_MADT_TYPE_INTERRUPT_OVERRIDE;
		e[1] = 10;
		e[3] = level_irqs[i];
		fw_put32(e + 4, level_irqs[i]);
		fw_put16(e + 8, 0xd); /* active high, level triggered */
	}
	e[0] = ACPI_MADT_TYPE_LOCAL_APIC_NMI;
	e[1] = 6;
	e[2] = 0xff;
	e[5] = 1; /* LINT1 */
	(void)m;
	finish(t);
}

static void write_srat(const struct machine *m, const struct pc_firmware *pc)
{
	u8 *t = header(pc, "SRAT", 1), *e = t + 48;
	struct srat_mem mem[2 * MMSIM_MAX_DESC_NODES + 8];
	int n = srat_memory(m, pc, mem, (int)ARRAY_SIZE(mem)), total, i;
	unsigned int cpu;

	fw_put32(t + 36, 1); /* table revision */
	for (cpu = 0; cpu < pc->maxcpus; cpu++, e += 16) {
		int node = pc_cpu_node(m, cpu);

		e[0] = ACPI_SRAT_TYPE_CPU_AFFINITY;
		e[1] = 16;
		e[2] = (u8)node;
		e[3] = (u8)pc_apic_id(pc, cpu);
		fw_put32(e + 4, ACPI_SRAT_CPU_ENABLED);
	}
	total = srat_entries(m, pc);
	for (i = 0; i < total; i++, e += 40) {
		e[0] = ACPI_SRAT_TYPE_MEMORY_AFFINITY;
		e[1] = 40;
		if (i >= n)
			continue; /* disabled padding entry */
		fw_put32(e + 2, (u32)mem[i].node);
		fw_put64(e + 8, mem[i].base);
		fw_put64(e + 16, mem[i].len);
		fw_put32(e + 28, ACPI_SRAT_MEM_ENABLED);
	}
	finish(t);
}

static void write_fadt(const struct pc_firmware *pc)
{
	u8 *t = header(pc, "FACP", pc->q35 ? 3 : 1);

	fw_put32(t + ACPI_FADT_OFFSET_FACS, (u32)table_addr(pc, "FACS"));
	fw_put32(t + ACPI_FADT_OFFSET_DSDT, (u32)table_addr(pc, "DSDT"));
	fw_put16(t + 46, 9);                       /* SCI interrupt */
	fw_put32(t + ACPI_FADT_OFFSET_PM_TMR_BLK, 0x608);
	t[91] = 4;                              /* PM_TMR_LEN */
	if (pc->q35) {
		fw_put64(t + 140, table_addr(pc, "FACS")); /* X_FIRMWARE_CTRL */
		fw_put64(t + 148, table_addr(pc, "DSDT")); /* X_DSDT */
	}
	finish(t);
}

void pc_acpi_write(struct machine *m, const struct pc_firmware *pc)
{
	u8 *t, *facs, *rsdp;
	int i, j;

	facs = __va(table_addr(pc, "FACS"));
	memset(facs, 0, 64);
	memcpy(facs, "FACS", 4);
	fw_put32(facs + 4, 64);

	t = header(pc, "DSDT", 1);
	finish(t);
	write_fadt(pc);
	write_madt(m, pc);
	t = header(pc, "HPET", 1);
	fw_put32(t + 36, 0x8086a201);
	fw_put64(t + 44, 0xfed00000);
	finish(t);
	if (m->desc.nr_nodes)
		write_srat(m, pc);
	if (pc->q35) {
		t = header(pc, "MCFG", 1);
		fw_put64(t + 44, 0xb0000000);
		t[55] = 0xff; /* end bus */
		finish(t);
	}
	t = header(pc, "WAET", 1);
	fw_put32(t + 36, 2);
	finish(t);

	t = header(pc, "RSDT", 1);
	for (i = 2, j = 0; i < pc->nr_tables - 1; i++, j++)
		fw_put32(t + 36 + 4 * j, (u32)pc->tables[i].addr);
	finish(t);

	rsdp = __va(pc->rsdp);
	memset(rsdp, 0, 20);
	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "BOCHS ", 6);
	fw_put32(rsdp + 16, (u32)table_addr(pc, "RSDT"));
	rsdp[8] = (u8)-fw_sum8(rsdp, 20);
}
