// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/probe_roms.c — find the option ROMs the BIOS left in
 * the ISA hole and claim them in /proc/iomem.
 *
 * Kernel counterpart: arch/x86/kernel/probe_roms.c (Linux 6.1) probe_roms(),
 * romsignature(), romchecksum().  Called from setup_arch() before the
 * image and e820 resources are inserted.
 *
 *   0xc0000      0xc8000                               0xe0000   0xf0000  0x100000
 *   | Video ROM  | Adapter ROMs, on 2 KiB boundaries ... | Ext ROM | System ROM |
 *
 * A ROM starts with the signature 0x55 0xaa and a length byte (in 512-byte
 * units), and its bytes sum to 0 mod 256.  The video ROM is looked for in
 * [0xc0000, 0xc8000) and trusted for its length only when the checksum
 * holds; adapter ROMs follow it up to the system ROM (or the extension
 * ROM at 0xe0000 when there is one) and need a good checksum.  The system
 * ROM is claimed unconditionally.  mmsim's firmware (host/firmware_pc.c)
 * writes the ROM headers QEMU + SeaBIOS leave there, so this scan reads
 * simulated memory exactly as the kernel reads the real one.
 */
#include "linux/kernel.h"
#include "linux/ioport.h"
#include "linux/mm.h"
#include "arch/x86/include/asm/iomem.h"
#include "mmsim/machine.h"

#include <string.h>

#define ROMSIGNATURE 0xaa55
#define IORESOURCE_READONLY 0x00004000
#define ROM_FLAGS (IORESOURCE_BUSY | IORESOURCE_READONLY | IORESOURCE_MEM)
#define ISA_ROM_END 0x100000ULL

#define rom_res (current_machine->x86.iomem)

static void rom_resource_init(struct resource *r, const char *name,
			      resource_size_t start, resource_size_t end)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->start = start;
	r->end = end;
	r->flags = ROM_FLAGS;
}

static bool romsignature(const unsigned char *rom)
{
	return (rom[0] | rom[1] << 8) == ROMSIGNATURE;
}

static bool romchecksum(const unsigned char *rom, unsigned long length)
{
	unsigned char sum = 0;

	while (length--)
		sum += *rom++;
	return !sum;
}

/* The first video ROM signature below the adapter area. */
static void probe_video_rom(unsigned long upper)
{
	struct resource *vr = &rom_res.video_rom;
	unsigned long start, length;

	for (start = vr->start; start < upper; start += 2048) {
		const unsigned char *rom = __va(start);

		if (!romsignature(rom))
			continue;
		vr->start = start;
		length = rom[2] * 512UL;
		if (length && romchecksum(rom, length))
			vr->end = start + length - 1;
		request_resource(&iomem_resource, vr);
		break;
	}
}

static void probe_adapter_roms(unsigned long start, unsigned long upper)
{
	unsigned int i = 0;

	for (; i < X86_NR_ADAPTER_ROMS && start < upper; start += 2048) {
		const unsigned char *rom = __va(start);
		struct resource *ar = &rom_res.adapter_rom[i];
		unsigned long length;

		if (!romsignature(rom))
			continue;
		length = rom[2] * 512UL;
		if (!length || start + length > upper || !romchecksum(rom, length))
			continue;
		ar->start = start;
		ar->end = start + length - 1;
		request_resource(&iomem_resource, ar);
		start = ar->end & ~2047UL;
		i++;
	}
}

void probe_roms(void)
{
	struct resource *er = &rom_res.extension_rom;
	unsigned long start, upper;
	unsigned int i;

	rom_resource_init(&rom_res.system_rom, "System ROM", 0xf0000, 0xfffff);
	rom_resource_init(er, "Extension ROM", 0xe0000, 0xeffff);
	rom_resource_init(&rom_res.video_rom, "Video ROM", 0xc0000, 0xc7fff);
	rom_resource_init(&rom_res.adapter_rom[0], "Adapter ROM", 0xc8000, 0);
	for (i = 1; i < X86_NR_ADAPTER_ROMS; i++)
		rom_resource_init(&rom_res.adapter_rom[i], "Adapter ROM", 0, 0);
	if (current_machine->ram.span < ISA_ROM_END)
		return; /* a test machine without the ISA hole mapped */

	upper = (unsigned long)rom_res.adapter_rom[0].start;
	probe_video_rom(upper);
	start = ((unsigned long)rom_res.video_rom.end + 1 + 2047) & ~2047UL;
	if (start < upper)
		start = upper;

	request_resource(&iomem_resource, &rom_res.system_rom);
	upper = (unsigned long)rom_res.system_rom.start;
	if (romsignature(__va(er->start)) &&
	    romchecksum(__va(er->start), (unsigned long)resource_size(er))) {
		request_resource(&iomem_resource, er);
		upper = (unsigned long)er->start;
	}
	probe_adapter_roms(start, upper);
}
