// SPDX-License-Identifier: MIT
/*
 * host/firmware_pc.c — QEMU 7.2 `pc` / `q35` machines with SeaBIOS 1.16,
 * and QEMU's Linux loader.
 *
 * No kernel counterpart: this is the firmware the kernel boots on.  The
 * rules below are QEMU's and SeaBIOS's, derived from their sources and
 * checked against the oracle boots (docs/qemu-firmware.md has the evidence
 * and the list of machines each rule was checked on).
 *
 * RAM split (QEMU hw/i386/pc_piix.c, pc_q35.c):
 *   pc:  RAM >= 3.5 GiB  -> 3 GiB below 4 GiB (gigabyte-aligned), rest above
 *        otherwise       -> all of it below 4 GiB
 *   q35: RAM >= 2.75 GiB -> 2 GiB below 4 GiB, rest above
 *        otherwise       -> all of it below 4 GiB
 *   RAM above 4 GiB starts at 4 GiB, or at 1 TiB when it would reach the
 *   AMD HyperTransport hole [1 TiB - 12 GiB, 1 TiB), which QEMU 7.1+
 *   always reports as reserved for the (AMD) default CPU.
 *
 * The e820 map SeaBIOS hands over, for RAM split as (below, above):
 *
 *   0x00000000 - 0x0009fbff  usable      conventional memory
 *   0x0009fc00 - 0x0009ffff  reserved    EBDA (1 KiB)
 *   0x000f0000 - 0x000fffff  reserved    the BIOS itself
 *   0x00100000 - below-T-1   usable
 *   below-T    - below-1     reserved    SeaBIOS's high tables: the 128 KiB
 *                                        ACPI blob QEMU builds, plus (q35)
 *                                        one page of AHCI buffers: T =
 *                                        0x20000 (pc) or 0x21000 (q35)
 *   0xb0000000 - 0xbfffffff  reserved    q35 only: PCIe MMCONFIG
 *   0xfed1c000 - 0xfed1ffff  reserved    q35 only: ICH9 root complex
 *   0xfffc0000 - 0xffffffff  reserved    the 256 KiB BIOS flash
 *   4G (or 1T) - +above-1    usable      when above > 0
 *   0xfd00000000-0xffffffffff reserved   the AMD HT hole
 *
 * Firmware bytes written into simulated RAM (firmware_load):
 *   0x40e  EBDA segment (0x9fc0);  0x413  base memory in KiB (639)
 *   the MP floating pointer and MP configuration table in the F segment
 *   (SeaBIOS allocates them together, top-down, ending at 0xf5c80; one
 *   processor entry per socket).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/sizes.h"
#include "mmsim/firmware.h"
#include "mmsim/host.h"
#include "linux/mm.h"
#include "mmsim/machine.h"

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
#define PCI_HOLE64_DEFAULT (1ULL << 31)  /* QEMU's default 64-bit PCI hole */

#define EBDA_START 0x9fc00ULL
#define BIOS_START 0xf0000ULL
#define FLASH_START 0xfffc0000ULL
#define SEABIOS_HIGH_PC 0x20000ULL
#define SEABIOS_HIGH_Q35 0x21000ULL
#define Q35_MMCONFIG 0xb0000000ULL
#define Q35_MMCONFIG_SIZE 0x10000000ULL
#define Q35_RCBA 0xfed1c000ULL
#define Q35_RCBA_SIZE 0x4000ULL

/* QEMU's Linux loader keeps the initrd this far below the top of low RAM. */
#define LOADER_GAP_PC 0x20000ULL
#define LOADER_GAP_Q35 0x30000ULL

/* SeaBIOS F-segment: the MP table block ends here (bios-256k.bin 1.16.2). */
#define MPTABLE_BLOCK_END 0xf5c80ULL

static bool is_q35(const char *model)
{
	return !strcmp(model, "q35");
}

int pc_ram_split(const char *model, u64 ram_size, struct pc_ram_split *out)
{
	u64 lowmem;

	if (is_q35(model)) {
		lowmem = ram_size >= Q35_LOWMEM_SPLIT ? Q35_LOWMEM : Q35_LOWMEM_SPLIT;
	} else if (!strcmp(model, "pc")) {
		lowmem = PC_LOWMEM_MAX;
		if (ram_size >= PC_LOWMEM_MAX)
			lowmem = PC_LOWMEM_GB_ALIGNED;
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
	/* QEMU moves high RAM to 1 TiB when it (plus the 64-bit PCI hole) would
	 * reach the HT hole. */
	if (out->above_4g &&
	    SZ_4G + out->above_4g + PCI_HOLE64_DEFAULT > AMD_HT_START)
		out->above_4g_start = AMD_HT_END;
	return 0;
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

/* The e820 table SeaBIOS hands to the loader for -M pc / -M q35. */
static void pc_build_e820(struct machine *m, const struct pc_ram_split *s)
{
	struct x86_boot_params *bp = &m->fw.zero_page;
	bool q35 = is_q35(m->desc.model);
	u64 high = q35 ? SEABIOS_HIGH_Q35 : SEABIOS_HIGH_PC;

	bp->e820_entries = 0;
	e820_push(bp, 0, EBDA_START, E820_TYPE_RAM);
	e820_push(bp, EBDA_START, 0xa0000 - EBDA_START, E820_TYPE_RESERVED);
	e820_push(bp, BIOS_START, 0x100000 - BIOS_START, E820_TYPE_RESERVED);
	e820_push(bp, 0x100000, s->below_4g - high - 0x100000, E820_TYPE_RAM);
	e820_push(bp, s->below_4g - high, high, E820_TYPE_RESERVED);
	if (q35) {
		e820_push(bp, Q35_MMCONFIG, Q35_MMCONFIG_SIZE, E820_TYPE_RESERVED);
		e820_push(bp, Q35_RCBA, Q35_RCBA_SIZE, E820_TYPE_RESERVED);
	}
	e820_push(bp, FLASH_START, SZ_4G - FLASH_START, E820_TYPE_RESERVED);
	if (s->above_4g)
		e820_push(bp, s->above_4g_start, s->above_4g, E820_TYPE_RAM);
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
	p = strstr(buf, "BIOS-e820: [mem ");
	if (!p)
		return 0;
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
			 "e820 line %d: inverted range [mem %#llx-%#llx]", lineno,
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
	snprintf(err, errlen, "e820 line %d: malformed range in '%s'", lineno, buf);
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
 * QEMU's x86 Linux loader: the initrd goes as high as it can below the top
 * of low RAM, less a gap kept for the firmware, page-aligned down.
 */
static int place_initrd(struct machine *m, u64 below_4g, char *err,
			size_t errlen)
{
	struct setup_header *hdr = &m->fw.zero_page.hdr;
	u64 size = m->desc.initrd_size, gap, initrd_max;

	if (!size)
		return 0;
	gap = is_q35(m->desc.model) ? LOADER_GAP_Q35 : LOADER_GAP_PC;
	initrd_max = min(below_4g - gap - 1, (u64)hdr->initrd_addr_max);
	if (below_4g <= gap || size >= initrd_max) {
		snprintf(err, errlen,
			 "initrd of %llu bytes does not fit below %#llx (the loader's limit for this RAM)",
			 (unsigned long long)size,
			 (unsigned long long)(below_4g > gap ? below_4g - gap : 0));
		return -EINVAL;
	}
	hdr->ramdisk_image = (u32)((initrd_max - size) & ~0xfffULL);
	hdr->ramdisk_size = (u32)size;
	return 0;
}

int firmware_describe(struct machine *m, u64 *span, char *err, size_t errlen)
{
	struct x86_boot_params *bp = &m->fw.zero_page;
	struct pc_ram_split split;
	u64 below;
	int ret;

	memset(&m->fw, 0, sizeof(m->fw));
	/*
	 * The image's setup header says initrd_addr_max = 0x7fffffff but also
	 * XLF_CAN_BE_LOADED_ABOVE_4G, so QEMU lifts the limit to 4 GiB - 1.
	 */
	bp->hdr.initrd_addr_max = 0xffffffff;
	bp->hdr.type_of_loader = 0xb0;        /* QEMU */

	if (!strcmp(m->desc.model, "bare")) {
		/* tests: RAM and nothing else; memblock starts empty */
		*span = ALIGN(m->desc.ram_size, (u64)SZ_2M);
		return 0;
	}
	if (m->desc.e820_text) {
		ret = firmware_parse_e820_text(m->desc.e820_text, bp, err, errlen);
		if (ret)
			return ret;
		below = low_ram_top(bp);
	} else {
		if (pc_ram_split(m->desc.model, m->desc.ram_size, &split)) {
			snprintf(err, errlen, "unknown machine type '%s'",
				 m->desc.model);
			return -EINVAL;
		}
		pc_build_e820(m, &split);
		below = split.below_4g;
	}
	ret = place_initrd(m, below, err, errlen);
	if (ret)
		return ret;
	m->fw.dmi_line = is_q35(m->desc.model) ?
		"QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014" :
		"QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014";
	*span = e820_span(bp);
	return 0;
}

static u8 checksum8(const u8 *p, size_t n)
{
	u8 sum = 0;

	while (n--)
		sum += *p++;
	return sum;
}

static void put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static void put32(u8 *p, u32 v)
{
	put16(p, (u16)v);
	put16(p + 2, (u16)(v >> 16));
}

/* Number of sockets QEMU reports for the machine's -smp. */
static unsigned int nr_sockets(const struct machine_desc *d)
{
	if (d->sockets)
		return d->sockets;
	return 1; /* QEMU >= 6.2 fills cores before sockets */
}

/*
 * The MP table: a 16-byte floating pointer followed by the configuration
 * table (44-byte header, one 20-byte processor entry per socket, then
 * 8-byte entries: PCI and ISA buses, the I/O APIC, 15 interrupt sources).
 */
static void write_mptable(struct machine *m)
{
	unsigned int sockets = nr_sockets(&m->desc), i, nent = 0;
	u32 cfg_len = 44 + 20 * sockets + 8 * (2 + 1 + 15);
	u64 block = ALIGN(16 + cfg_len, 16ULL);
	u64 mpf = MPTABLE_BLOCK_END - block, cfg = mpf + 16;
	u8 *f = __va(mpf), *c = __va(cfg), *e;

	memset(f, 0, block);
	memcpy(f, "_MP_", 4);
	put32(f + 4, (u32)cfg);
	f[8] = 1;   /* length in 16-byte units */
	f[9] = 4;   /* MP spec 1.4 */
	f[10] = (u8)-checksum8(f, 16);

	memcpy(c, "PCMP", 4);
	put16(c + 4, (u16)cfg_len);
	c[6] = 4;
	memcpy(c + 8, "BOCHSCPU", 8);
	memcpy(c + 16, "0.1         ", 12);
	put32(c + 36, 0xfee00000);
	e = c + 44;
	for (i = 0; i < sockets; i++, nent++, e += 20) {
		e[0] = 0;                   /* processor */
		e[1] = (u8)i;               /* local APIC id */
		e[2] = 0x14;
		e[3] = i == 0 ? 3 : 1;      /* enabled, BSP */
	}
	for (i = 0; i < 2; i++, nent++, e += 8) {
		e[0] = 1;                   /* bus */
		e[1] = (u8)i;
		memcpy(e + 2, i == 0 ? "PCI   " : "ISA   ", 6);
	}
	e[0] = 2;                           /* I/O APIC */
	e[1] = (u8)sockets;
	e[2] = 0x11;
	e[3] = 1;
	put32(e + 4, 0xfec00000);
	e += 8;
	nent++;
	for (i = 0; i < 16; i++) {
		if (i == 2)
			continue;
		e[0] = 3;                   /* I/O interrupt */
		e[5] = (u8)i;               /* source bus IRQ */
		e[6] = (u8)sockets;
		e[7] = (u8)(i == 0 ? 2 : i);
		e += 8;
		nent++;
	}
	put16(c + 34, (u16)nent);
	c[7] = (u8)-checksum8(c, cfg_len);
	m->fw.mp_floating = mpf;
}

/* The BIOS data area words the kernel reads (get_bios_ebda and friends). */
static void write_bda(struct machine *m)
{
	u8 *bda = __va(0x400);

	put16(bda + 0x0e, (u16)(EBDA_START >> 4)); /* 0x40e: EBDA segment */
	put16(bda + 0x13, (u16)(EBDA_START >> 10)); /* 0x413: base KiB */
}

/* QEMU's loader puts the command line at 0x20000 for a recent kernel. */
#define LOADER_CMDLINE_ADDR 0x20000ULL

static void write_cmdline(struct machine *m)
{
	size_t n = strlen(m->desc.cmdline);

	memcpy(__va(LOADER_CMDLINE_ADDR), m->desc.cmdline, n + 1);
	m->fw.zero_page.hdr.cmd_line_ptr = (u32)LOADER_CMDLINE_ADDR;
}

int firmware_load(struct machine *m, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	if (!strcmp(m->desc.model, "bare"))
		return 0;
	write_cmdline(m);
	write_bda(m);
	if (!m->desc.e820_text || m->ram.span > MPTABLE_BLOCK_END)
		write_mptable(m);
	return 0;
}

void firmware_release(struct machine *m)
{
	(void)m;
}
