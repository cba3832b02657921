#!/bin/bash
# tests/cli/arm.sh — 32-bit ARM machines from the command line: the
# acceptance boot, the seed-003 profile, and every kind of bad input
# (exit 2 with one line naming the bad value).
. "$(dirname "$0")/lib.bash"
DATA=$(cd "$(dirname "$0")/../../data" && pwd)

# the acceptance command: vexpress-a9, 1 GiB, 4 CPUs, --dump
mkdir -p "$TMPD/d"
if expect_boot boot --arch arm -M vexpress-a9 -m 1024M -smp 4 --dump "$TMPD/d"; then
	expect_line "Booting Linux on physical CPU 0x0" "$TMPD/out"
	expect_line "OF: fdt: Machine model: V2P-CA9" "$TMPD/out"
	expect_line "  HighMem  [mem 0x0000000090000000-0x000000009fffffff]" "$TMPD/out"
	expect_line "Built 1 zonelists, mobility grouping on.  Total pages: 260416" "$TMPD/out"
	expect_line "245760K highmem)" "$TMPD/out"
	expect_line "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=4, Nodes=1" "$TMPD/out"
	for f in dmesg.log proc_zoneinfo proc_meminfo proc_buddyinfo proc_vmallocinfo; do
		if [ -s "$TMPD/d/$f" ]; then ok "--dump wrote $f"; else not_ok "--dump wrote $f"; fi
	done
	expect_line "HighTotal:        262144 kB" "$TMPD/d/proc_meminfo"
	expect_line "VmallocTotal:     245760 kB" "$TMPD/d/proc_meminfo"
fi

# -M vexpress-a9 alone means --arch arm; -m patches the DTB's memory node
if expect_boot boot -M vexpress-a9 -m 512M --append "console=ttyAMA0 memblock=debug"; then
	expect_line " memory[0x0]	[0x60000000-0x7fffffff], 0x20000000 bytes flags: 0x0" "$TMPD/out"
	expect_line "  HighMem  empty" "$TMPD/out"
	expect_line "cma: Reserved 16 MiB at 0x7f000000" "$TMPD/out"
fi

# the seed-003 profile prints the study note's lines
if expect_boot boot --arch arm --config "$DATA/configs/config-seed003-vexpress-a9" \
	--profile "$DATA/profiles/seed003-vexpress-a9.profile" \
	--initrd-size 0 --append "rdinit=/linuxrc console=ttyAMA0 loglevel=8"; then
	expect_line "  Normal zone: 1520 pages used for memmap" "$TMPD/out"
	expect_line "  Normal zone: 0 pages reserved" "$TMPD/out"
	expect_line "  Normal zone: 194560 pages, LIFO batch:31" "$TMPD/out"
	expect_line "  HighMem zone: 67584 pages, LIFO batch:15" "$TMPD/out"
	expect_line "    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)" "$TMPD/out"
	expect_line "    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)" "$TMPD/out"
	expect_line "      .text : 0xc0008000 - 0xc060a270   (6153 kB)" "$TMPD/out"
fi

# bad input: one line, exit 2
expect_reject "1GB" boot --arch arm -m 2G
expect_reject "5" boot --arch arm -smp 5
expect_reject "sparc" boot --arch sparc
expect_reject "vexpress-a9" boot --arch x86_64 -M vexpress-a9
expect_reject "pc" boot --arch arm -M pc
expect_reject "--e820" boot --arch arm --e820 /dev/null
expect_reject "-numa" boot --arch arm -numa node,mem=512M
expect_reject "--dtb" boot --dtb "$DATA/vexpress-v2p-ca9.dtb"
expect_reject "$TMPD/none.dtb" boot --arch arm --dtb "$TMPD/none.dtb"
head -c 100 "$DATA/vexpress-v2p-ca9.dtb" >"$TMPD/trunc.dtb"
expect_reject "$TMPD/trunc.dtb" boot --arch arm --dtb "$TMPD/trunc.dtb"
head -c 40 /dev/zero >"$TMPD/zero.dtb"
expect_reject "$TMPD/zero.dtb" boot --arch arm --dtb "$TMPD/zero.dtb"
printf 'not a device tree, just some text that goes on for a while\n' >"$TMPD/text.dtb"
expect_reject "$TMPD/text.dtb" boot --arch arm --dtb "$TMPD/text.dtb"
expect_reject "initrd" boot --arch arm -m 256M --initrd-size 200000000
# the image (22 MiB) does not fit below where QEMU puts the initrd
expect_reject "-m 16M" boot --arch arm -m 16M

done_testing
