// SPDX-License-Identifier: MIT
/*
 * host/firmware_pc.c — QEMU 7.2 `pc` / `q35` machines with SeaBIOS 1.16.2,
 * and the Linux loader option ROM that boots the kernel.
 *
 * No kernel counterpart: this is the firmware the kernel boots on.  Every
 * rule is in docs/qemu-firmware.md with the source it comes from and the
 * 46 boots it was checked on; in short:
 *
 *   RAM split   pc:  >= 3.5 GiB -> 3 GiB below 4 GiB, rest from 4 GiB
 *               q35: >= 2.75 GiB -> 2 GiB below, rest above
 *   SeaBIOS     allocates top-down in the F segment (free top 0xf5c80):
 *               MP table, SMBIOS (if <= 600 bytes), its entry point, the
 *               RSDP; and top-down in the "high" zone below below_4g: the
 *               128 KiB ACPI blob (and SMBIOS when large, and on q35 the
 *               AHCI port buffers).  What the high zone does not use goes
 *               back to RAM, so usable low RAM ends at
 *               low_ram_end = ALIGN_DOWN(lowest high allocation, 4 KiB).
 *   e820        0-0x9fbff usable, EBDA, BIOS, 1M-low_ram_end usable,
 *               low_ram_end-below_4g reserved, q35 MMCONFIG and RCBA,
 *               flash, high RAM, the AMD HT hole [0xfd00000000, 1 TiB).
 *   initrd      linuxboot_dma.bin puts it at
 *               (ALIGN_DOWN(low_ram_end, 64 KiB) - size) & ~4 KiB.
 *   MP table    188 + 20 * packages bytes, absent above 19 packages.
 *
 * Written into simulated RAM by firmware_load(): the BIOS data area, the
 * MP table, the ACPI tables (host/firmware_acpi.c) and the command line.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/sizes.h"
#include "mmsim/firmware.h"
#include "mmsim/host.h"
#include "linux/mm.h"
#include "mmsim/machine.h"
#include "host/firmware_pc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PC_LOWMEM_MAX 0xe0000000ULL     /* pc: default max-ram-below-4g */
#define PC_LOWMEM_GB_ALIGNED 0xc0000000ULL
#define Q35_LOWMEM_SPLIT 0xb0000000ULL
#define Q35_LOWMEM 0x80000000ULL
#define AMD_HT_START 0xfd00000000ULL
#define AMD_HT_END 0x10000000000ULL    /* 1 TiB */
#define PHYS_BITS_QEMU64 40

#define EBDA_START 0x9fc00ULL
#define BIOS_START 0xf0000ULL
#define FLASH_START 0xfffc0000ULL
#define Q35_MMCONFIG 0xb0000000ULL
#define Q35_MMCONFIG_SIZE 0x10000000ULL
#define Q35_RCBA 0xfed1c000ULL
#define Q35_RCBA_SIZE 0x4000ULL

#define FSEG_TOP 0xf5c80ULL            /* SeaBIOS F-segment free top (this build) */
#define SMBIOS_FSEG_MAX 600            /* BUILD_MAX_SMBIOS_FSEG */
#define SMBIOS_EP_LEN 31
#define ACPI_BLOB_ALIGN 0x20000ULL     /* ACPI_BUILD_TABLE_SIZE */

static bool is_q35(const char *model)
{
	return !strcmp(model, "q35");
}

static u64 align_down_u64(u64 x, u64 a)
{
	return x & ~(a - 1);
}

int pc_ram_split(const char *model, u64 ram_size, struct pc_ram_split *out)
{
	u64 lowmem, hole64, max_used;

	if (is_q35(model)) {
		lowmem = ram_size >= Q35_LOWMEM_SPLIT ? Q35_LOWMEM : Q35_LOWMEM_SPLIT;
		hole64 = 32ULL << 30;
	} else if (!strcmp(model, "pc")) {
		lowmem = PC_LOWMEM_MAX;
		if (ram_size >= PC_LOWMEM_MAX)
			lowmem = PC_LOWMEM_GB_ALIGNED;
		hole64 = 2ULL << 30;
	} else {
		return -EINVAL;
	}
	if (ram_size >= lowmem) {
		out->below_4g = lowmem;
		out->above_4g = ram_size - lowmem;
	} else {
		out->below_4g = ram_size;
		out->above_4g = 0;
	}
	out->above_4g_start = SZ_4G;
	/*
	 * QEMU moves high RAM to 1 TiB when it (plus the 64-bit PCI hole)
	 * would reach the HT hole -- and then, with the default CPU's 40
	 * address bits, refuses to start.
	 */
	max_used = ALIGN(SZ_4G + out->above_4g, 1ULL << 30) + hole64 - 1;
	if (out->above_4g && max_used >= AMD_HT_START) {
		out->above_4g_start = AMD_HT_END;
		if (out->above_4g_start + out->above_4g + hole64 - 1 >=
		    1ULL << PHYS_BITS_QEMU64)
			return -ERANGE;
	}
	return 0;
}

/* x86_cpu_apic_id_from_index(): socket, core and thread bit fields. */
static unsigned int bits_for(unsigned int n)
{
	unsigned int b = 0;

	while ((1U << b) < n)
		b++;
	return b;
}

u32 pc_apic_id(const struct pc_firmware *pc, unsigned int cpu)
{
	unsigned int tbits = bits_for(pc->threads), cbits = bits_for(pc->cores);
	unsigned int t = cpu % pc->threads;
	unsigned int c = (cpu / pc->threads) % pc->cores;
	unsigned int sk = cpu / (pc->threads * pc->cores);

	return sk << (cbits + tbits) | c << tbits | t;
}

/* The NUMA node a CPU was put in with -numa ...,cpus= (node 0 otherwise). */
int pc_cpu_node(const struct machine *m, unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < m->desc.nr_nodes; i++)
		if (m->desc.nodes[i].cpu_first >= 0 &&
		    (int)cpu >= m->desc.nodes[i].cpu_first &&
		    (int)cpu <= m->desc.nodes[i].cpu_last)
			return (int)i;
	return 0;
}

static void pc_topology(const struct machine *m, struct pc_firmware *pc)
{
	const struct machine_desc *d = &m->desc;

	pc->cpus = d->smp_cpus;
	pc->maxcpus = d->max_cpus ? d->max_cpus : d->smp_cpus;
	pc->sockets = d->sockets ? d->sockets : 1;
	pc->threads = d->threads ? d->threads : 1;
	pc->cores = d->cores ? d->cores :
			       pc->maxcpus / (pc->sockets * pc->threads);
	if (!pc->cores)
		pc->cores = 1;
	pc->apic_id_limit = pc_apic_id(pc, pc->maxcpus - 1) + 1;
}

/* The MP table: one processor entry per package (mptable_setup). */
static unsigned int mp_entries(const struct pc_firmware *pc)
{
	unsigned int pkgcpus = pc->cores * pc->threads;

	pkgcpus = pkgcpus <= 1 ? 1 : 1U << bits_for(pkgcpus);
	return (pc->apic_id_limit + pkgcpus - 1) / pkgcpus;
}

/* Replay SeaBIOS's allocations to find every table and the end of low RAM. */
static void seabios_layout(const struct machine *m, struct pc_firmware *pc)
{
	u64 fseg = FSEG_TOP, high = pc->below_4g, low, blob = 0;
	int i;

	pc->mpc_len = 188 + 20 * mp_entries(pc);
	pc->have_mp = pc->apic_id_limit <= 255 && 16 + pc->mpc_len <= 600;
	if (pc->have_mp) {
		pc->mp = align_down_u64(fseg - 16 - pc->mpc_len, 16);
		fseg = pc->mp;
	}
	pc->smbios_len = pc_smbios_length(m, pc);
	if (pc->smbios_len <= SMBIOS_FSEG_MAX)
		fseg = align_down_u64(fseg - pc->smbios_len, 16);
	else
		high = align_down_u64(high - pc->smbios_len, 16);
	pc->smbios_ep = align_down_u64(fseg - SMBIOS_EP_LEN, 16);
	pc->rsdp = align_down_u64(pc->smbios_ep - 20, 16);

	pc_acpi_layout(m, pc);
	for (i = 0; i < pc->nr_tables; i++)
		blob += pc->tables[i].len;
	blob = ALIGN(blob, ACPI_BLOB_ALIGN);
	pc->acpi_base = align_down_u64(high - blob, 64);
	for (i = 0, low = pc->acpi_base; i < pc->nr_tables; i++) {
		pc->tables[i].addr = low;
		low += pc->tables[i].len;
	}

	low = pc->acpi_base;
	if (pc->q35) { /* the default empty SATA CD-ROM's AHCI port buffers */
		low = align_down_u64(low - 1024, 1024);
		low = align_down_u64(low - 256, 256);
		low = align_down_u64(low - 256, 256);
	}
	pc->low_ram_end = align_down_u64(low, 4096);
}

static void e820_push(struct x86_boot_params *bp, u64 addr, u64 size, u32 type)
{
	struct boot_e820_entry *e;

	if (!size || bp->e820_entries >= E820_MAX_ENTRIES_ZEROPAGE)
		return;
	e = &bp->e820_map[bp->e820_entries++];
	e->addr = addr;
	e->size = size;
	e->type = type;
}

static int e820_entry_cmp(const void *a, const void *b)
{
	const struct boot_e820_entry *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The e820 table SeaBIOS hands over, sorted by address. */
static void pc_build_e820(struct machine *m, const struct pc_firmware *pc)
{
	struct x86_boot_params *bp = &m->fw.zero_page;

	bp->e820_entries = 0;
	e820_push(bp, 0, EBDA_START, E820_TYPE_RAM);
	e820_push(bp, EBDA_START, 0xa0000 - EBDA_START, E820_TYPE_RESERVED);
	e820_push(bp, BIOS_START, 0x100000 - BIOS_START, E820_TYPE_RESERVED);
	e820_push(bp, 0x100000, pc->low_ram_end - 0x100000, E820_TYPE_RAM);
	e820_push(bp, pc->low_ram_end, pc->below_4g - pc->low_ram_end,
		  E820_TYPE_RESERVED);
	if (pc->q35) {
		e820_push(bp, Q35_MMCONFIG, Q35_MMCONFIG_SIZE, E820_TYPE_RESERVED);
		e820_push(bp, Q35_RCBA, Q35_RCBA_SIZE, E820_TYPE_RESERVED);
	}
	e820_push(bp, FLASH_START, SZ_4G - FLASH_START, E820_TYPE_RESERVED);
	if (pc->above_4g)
		e820_push(bp, pc->above_4g_start, pc->above_4g, E820_TYPE_RAM);
	e820_push(bp, AMD_HT_START, AMD_HT_END - AMD_HT_START, E820_TYPE_RESERVED);
	qsort(bp->e820_map, bp->e820_entries, sizeof(bp->e820_map[0]),
	      e820_entry_cmp);
}

static int parse_e820_type(const char *s, u32 *type)
{
	static const struct {
		const char *name;
		u32 type;
	} names[] = {
		{ "usable", E820_TYPE_RAM },
		{ "reserved", E820_TYPE_RESERVED },
		{ "soft reserved", E820_TYPE_SOFT_RESERVED },
		{ "ACPI data", E820_TYPE_ACPI },
		{ "ACPI NVS", E820_TYPE_NVS },
		{ "unusable", E820_TYPE_UNUSABLE },
	};
	size_t i;
	unsigned int t;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strncmp(s, names[i].name, strlen(names[i].name))) {
			*type = names[i].type;
			return 0;
		}
	if (sscanf(s, "persistent (type %u)", &t) == 1 ||
	    sscanf(s, "type %u", &t) == 1) {
		*type = t;
		return 0;
	}
	return -EINVAL;
}

/* Parse one "BIOS-e820: [mem A-B] type" line; 1 if it is one, 0 if not. */
static int parse_e820_line(const char *line, size_t len, u64 *start, u64 *end,
			   u32 *type, char *err, size_t errlen, int lineno)
{
	char buf[256];
	const char *p;
	char *q;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	p = strstr(buf, "BIOS-e820:");
	if (!p)
		return 0;	/* other dmesg lines may be pasted around the map */
	if (strncmp(p, "BIOS-e820: [mem ", strlen("BIOS-e820: [mem ")))
		goto bad;
	p += strlen("BIOS-e820: [mem ");
	*start = strtoull(p, &q, 16);
	if (q == p || *q != '-')
		goto bad;
	p = q + 1;
	*end = strtoull(p, &q, 16);
	if (q == p || *q != ']' || q[1] != ' ')
		goto bad;
	if (*end < *start) {
		snprintf(err, errlen,
			 "e820 line %d: inverted range [mem %#018llx-%#018llx]", lineno,
			 (unsigned long long)*start, (unsigned long long)*end);
		return -EINVAL;
	}
	if (parse_e820_type(q + 2, type)) {
		snprintf(err, errlen, "e820 line %d: unknown type '%s'", lineno,
			 q + 2);
		return -EINVAL;
	}
	return 1;
bad:
	snprintf(err, errlen, "e820 line %d: malformed entry '%s'", lineno, buf);
	return -EINVAL;
}

int firmware_parse_e820_text(const char *text, struct x86_boot_params *bp,
			     char *err, size_t errlen)
{
	const char *s = text;
	int lineno = 0, ret;
	bool any_ram = false;

	bp->e820_entries = 0;
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		u64 start, end;
		u32 type;

		lineno++;
		ret = parse_e820_line(s, len, &start, &end, &type, err, errlen,
				      lineno);
		if (ret < 0)
			return ret;
		if (ret > 0) {
			if (bp->e820_entries >= E820_MAX_ENTRIES_ZEROPAGE) {
				snprintf(err, errlen,
					 "e820 line %d: more than %d entries",
					 lineno, E820_MAX_ENTRIES_ZEROPAGE);
				return -EINVAL;
			}
			e820_push(bp, start, end - start + 1, type);
			any_ram |= type == E820_TYPE_RAM;
		}
		s += len + (eol ? 1 : 0);
	}
	if (!bp->e820_entries) {
		snprintf(err, errlen, "no 'BIOS-e820: [mem ...]' lines found");
		return -EINVAL;
	}
	if (!any_ram) {
		snprintf(err, errlen, "the e820 map has no usable RAM");
		return -EINVAL;
	}
	return 0;
}

/*
 * Physical address space to map: up to the end of every entry, except
 * reserved ranges above 4 GiB that lie beyond the last RAM (MMIO holes
 * such as the HT hole, which nothing ever reads).
 */
static u64 e820_span(const struct x86_boot_params *bp)
{
	u64 ram_end = 0, span = 0;
	int i;

	for (i = 0; i < bp->e820_entries; i++) {
		const struct boot_e820_entry *e = &bp->e820_map[i];

		if (e->type != E820_TYPE_RESERVED)
			ram_end = max(ram_end, e->addr + e->size);
	}
	for (i = 0; i < bp->e820_entries; i++) {
		const struct boot_e820_entry *e = &bp->e820_map[i];

		if (e->type == E820_TYPE_RESERVED && e->addr >= SZ_4G &&
		    e->addr >= ram_end)
			continue;
		span = max(span, e->addr + e->size);
	}
	return ALIGN(max(span, (u64)SZ_2M), (u64)SZ_2M);
}

/* Top of the usable RAM that ends highest below 4 GiB. */
static u64 low_ram_top(const struct x86_boot_params *bp)
{
	u64 top = 0;
	int i;

	for (i = 0; i < bp->e820_entries; i++) {
		const struct boot_e820_entry *e = &bp->e820_map[i];
		u64 end = e->addr + e->size;

		if (e->type == E820_TYPE_RAM && end <= SZ_4G)
			top = max(top, end);
	}
	return top;
}

/*
 * linuxboot_dma.bin: the initrd goes right below the end of usable low RAM
 * as INT 15h E801 reports it (64 KiB granules), page-aligned down.
 */
static int place_initrd(struct machine *m, u64 low_ram_end, char *err,
			size_t errlen)
{
	struct setup_header *hdr = &m->fw.zero_page.hdr;
	u64 size = m->desc.initrd_size;
	u64 top = align_down_u64(low_ram_end, 0x10000);

	if (!size)
		return 0;
	if (top <= 0x1000000 || size >= top - 0x1000000) {
		snprintf(err, errlen,
			 "--initrd-size: %llu bytes does not fit below %#llx (usable low RAM of this machine)",
			 (unsigned long long)size, (unsigned long long)top);
		return -EINVAL;
	}
	hdr->ramdisk_image = (u32)align_down_u64(top - size, 0x1000);
	hdr->ramdisk_size = (u32)size;
	return 0;
}

static int describe_pc(struct machine *m, char *err, size_t errlen)
{
	struct pc_firmware *pc = host_alloc(sizeof(*pc));
	struct pc_ram_split split;
	int ret;

	m->fw.pc = pc;
	pc->q35 = is_q35(m->desc.model);
	ret = pc_ram_split(m->desc.model, m->desc.ram_size, &split);
	if (ret == -ERANGE) {
		snprintf(err, errlen,
			 "-m: %llu bytes: QEMU would move RAM above 1 TiB and then refuse to start (phys-bits 40)",
			 (unsigned long long)m->desc.ram_size);
		return ret;
	}
	if (ret) {
		snprintf(err, errlen, "unknown machine type '%s'", m->desc.model);
		return ret;
	}
	pc->below_4g = split.below_4g;
	pc->above_4g = split.above_4g;
	pc->above_4g_start = split.above_4g_start;
	pc_topology(m, pc);
	seabios_layout(m, pc);
	pc_build_e820(m, pc);
	m->fw.dmi_line = pc->q35 ?
		"QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014" :
		"QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014";
	m->fw.acpi_rsdp = pc->rsdp;
	m->fw.mp_floating = pc->have_mp ? pc->mp : 0;
	return place_initrd(m, pc->low_ram_end, err, errlen);
}

int firmware_describe(struct machine *m, u64 *span, char *err, size_t errlen)
{
	struct x86_boot_params *bp = &m->fw.zero_page;
	int ret;

	memset(&m->fw, 0, sizeof(m->fw));
	/*
	 * The image's setup header says initrd_addr_max = 0x7fffffff but also
	 * XLF_CAN_BE_LOADED_ABOVE_4G: the loaders treat the limit as 4 GiB.
	 */
	bp->hdr.initrd_addr_max = 0xffffffff;
	bp->hdr.type_of_loader = 0xb0;        /* QEMU */

	if (!strcmp(m->desc.model, "bare")) {
		/* tests: RAM and nothing else; memblock starts empty */
		*span = ALIGN(m->desc.ram_size, (u64)SZ_2M);
		return 0;
	}
	if (m->desc.e820_text) {
		/* a real machine's map: no QEMU tables, the loader rule for the initrd */
		ret = firmware_parse_e820_text(m->desc.e820_text, bp, err, errlen);
		if (ret && m->desc.e820_name) {
			char why[512];

			snprintf(why, sizeof(why), "%s", err);
			snprintf(err, errlen, "%s: %s", m->desc.e820_name, why);
		}
		if (!ret)
			ret = place_initrd(m, low_ram_top(bp), err, errlen);
	} else {
		ret = describe_pc(m, err, errlen);
	}
	if (ret)
		return ret;
	*span = e820_span(bp);
	return 0;
}

static u8 *mp_entry(u8 *e, u8 type, u8 a, u8 b, u8 c)
{
	e[0] = type;
	e[1] = a;
	e[2] = b;
	e[3] = c;
	return e + 8;
}

/*
 * The MP table: floating pointer, then the configuration table: header,
 * one processor per package, PCI and ISA buses, the I/O APIC, two PCI
 * INTx sources, eleven ISA IRQs (0..15 without 2 and the PCI IRQs 5, 9,
 * 10, 11) and the two local interrupts (ExtINT, NMI).
 */
static void write_mptable(struct machine *m, const struct pc_firmware *pc)
{
	u8 *f = __va(pc->mp), *c = __va(pc->mp + 16), *e;
	unsigned int pkgcpus = pc->cores * pc->threads, i, nent = 0;
	static const u8 isa_irqs[] = { 0, 1, 3, 4, 6, 7, 8, 12, 13, 14, 15 };

	pkgcpus = pkgcpus <= 1 ? 1 : 1U << bits_for(pkgcpus);
	memset(f, 0, 16 + pc->mpc_len);
	memcpy(f, "_MP_", 4);
	fw_put32(f + 4, (u32)(pc->mp + 16));
	f[8] = 1;   /* length in 16-byte units */
	f[9] = 4;   /* MP spec 1.4 */
	f[10] = (u8)-fw_sum8(f, 16);

	memcpy(c, "PCMP", 4);
	fw_put16(c + 4, (u16)pc->mpc_len);
	c[6] = 4;
	memcpy(c + 8, "BOCHSCPU", 8);
	memcpy(c + 16, "0.1         ", 12);
	fw_put32(c + 36, 0xfee00000);
	e = c + 44;
	for (i = 0; i < pc->apic_id_limit; i += pkgcpus, nent++, e += 20) {
		e[0] = 0;                   /* processor */
		e[1] = (u8)i;               /* local APIC id */
		e[2] = 0x11;
		e[3] = i == 0 ? 3 : 1;      /* enabled, BSP */
	}
	e = mp_entry(e, 1, 0, 'P', 'C');
	memcpy(e - 6, "PCI   ", 6);
	e = mp_entry(e, 1, 1, 'I', 'S');
	memcpy(e - 6, "ISA   ", 6);
	e = mp_entry(e, 2, 0, 0x11, 1);     /* I/O APIC 0, enabled */
	fw_put32(e - 4, 0xfec00000);
	nent += 3;
	for (i = 0; i < 2; i++, nent++)     /* PCI INTx of two bus-0 devices */
		e = mp_entry(e, 3, 0, 0, 0);
	for (i = 0; i < ARRAY_SIZE(isa_irqs); i++, nent++) {
		e = mp_entry(e, 3, 0, 0, 0);
		e[-4] = 1;                  /* source bus: ISA */
		e[-3] = isa_irqs[i];
		e[-1] = isa_irqs[i] == 0 ? 2 : isa_irqs[i];
	}
	e = mp_entry(e, 4, 3, 0, 0);        /* ExtINT -> LINT0 */
	e = mp_entry(e, 4, 1, 0, 0);        /* NMI -> LINT1 */
	e[-2] = 0xff;
	e[-1] = 1;
	nent += 2;
	fw_put16(c + 34, (u16)nent);
	c[7] = (u8)-fw_sum8(c, pc->mpc_len);
}

/* The BIOS data area words the kernel reads (get_bios_ebda and friends). */
static void write_bda(struct machine *m)
{
	u8 *bda = __va(0x400);

	fw_put16(bda + 0x0e, (u16)(EBDA_START >> 4)); /* 0x40e: EBDA segment */
	fw_put16(bda + 0x13, (u16)(EBDA_START >> 10)); /* 0x413: base KiB */
}

/* QEMU's loader puts the command line at 0x20000 for a recent kernel. */
#define LOADER_CMDLINE_ADDR 0x20000ULL

static void write_cmdline(struct machine *m)
{
	size_t n = strlen(m->desc.cmdline);

	memcpy(__va(LOADER_CMDLINE_ADDR), m->desc.cmdline, n + 1);
	m->fw.zero_page.hdr.cmd_line_ptr = (u32)LOADER_CMDLINE_ADDR;
}

void firmware_load_cmdline(struct machine *m)
{
	if (strcmp(m->desc.model, "bare"))
		write_cmdline(m);
}

/*
 * The option ROMs SeaBIOS leaves in the ISA hole after initialising them
 * (the kernel's probe_roms() finds them by signature and checksum): the
 * VGA BIOS (vgabios-stdvga, 39936 bytes), the NIC's iPXE ROM shrunk to
 * its 3584-byte resident part, and QEMU's linuxboot_dma.bin (1536 bytes).
 * The same three on every pc/q35 oracle boot; only their headers and a
 * checksum byte are written here.
 */
static void write_option_roms(void)
{
	static const struct { u64 addr; u8 blocks; } roms[] = {
		{ 0xc0000, 78 }, { 0xca000, 7 }, { 0xcb000, 3 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(roms); i++) {
		u8 *rom = __va(roms[i].addr);
		size_t len = roms[i].blocks * 512UL;

		memset(rom, 0, len);
		rom[0] = 0x55;
		rom[1] = 0xaa;
		rom[2] = roms[i].blocks;
		rom[len - 1] = (u8)-fw_sum8(rom, len);
	}
}

int firmware_load(struct machine *m, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	if (!strcmp(m->desc.model, "bare"))
		return 0;
	write_cmdline(m);
	write_bda(m);
	if (m->fw.pc) {
		if (m->fw.pc->have_mp)
			write_mptable(m, m->fw.pc);
		pc_acpi_write(m, m->fw.pc);
		write_option_roms();
	}
	return 0;
}

void firmware_release(struct machine *m)
{
	host_free(m->fw.pc);
	m->fw.pc = NULL;
}
