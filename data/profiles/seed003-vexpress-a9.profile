# Kernel-image profile: the kernel of seed 003 (../shared/seeds/003_*.txt), a
# self-built vexpress-a9 kernel from before Linux 5.0, studied on QEMU with 1 GiB,
# 3G/1G and HIGHMEM; with data/configs/config-seed003-vexpress-a9.
#
#   build/mmsim boot --arch arm --config data/configs/config-seed003-vexpress-a9 \
#       --profile data/profiles/seed003-vexpress-a9.profile \
#       --initrd-size 0 --append "rdinit=/linuxrc console=ttyAMA0 loglevel=8"
#
# The note quotes its boot lines; every value below says which one it was read
# from, or why it could be placed without one:
#   [note]  a line the note quotes
#   [old]   what kernels before 5.x did differently from 6.1, selected here (the
#           mmsim code follows 6.1 and reads these keys; no "if seed 003")
#   [est]   not in the note, and nothing the note quotes depends on it: the
#           6.1 armmp profile's value is kept (data/profiles/debian-6.1.0-50-armmp.profile)
# Image offsets are from PAGE_OFFSET (0xc0000000).

name   = seed003-vexpress-a9
arch   = arm
config = config-seed003-vexpress-a9

# [est] the note does not quote its "Linux version" line
banner = Linux version (the vexpress-a9 kernel of seed 003; its banner is not in the note)

# --- what the note shows -------------------------------------------------------
# [note] "Virtual kernel memory layout: ... .text : 0xc0008000 - 0xc060a270":
#        _text = PAGE_OFFSET + TEXT_OFFSET 0x8000 (the classic value), _etext
image.text_offset = 0x8000
image.etext       = 0x60a270
# [note] ".init : 0xc060b000 - 0xc13e8000   (14196 kB)" (its initramfs is built
#        in: "init ram filesystem (_install)", hence 14 MiB of init)
image.init_begin  = 0x60b000
image.init_end    = 0x13e8000
# [note] ".data : 0xc13e8000 - 0xc140f3c0", ".bss : 0xc140f3c0 - 0xc1438bf0"
image.sdata       = 0x13e8000
image.edata       = 0x140f3c0
image.bss_start   = 0x140f3c0
image.bss_stop    = 0x1438bf0
image.end         = 0x1438bf0
# [est] _stext: right after the head code; KERNEL_START's memblock line is not
#       in the note, so the image is reserved from _text
image.stext       = 0x8000

# [note] "vmalloc : 0xf0000000 - 0xff000000 ( 240 MB)": VMALLOC_END 0xff000000
#        (6.1 moved it to 0xff800000); with vmalloc= unset this also gives
#        "lowmem : 0xc0000000 - 0xef800000 ( 760 MB)" (760 MiB = 1 GiB - 240 MiB
#        - the 8 MiB VMALLOC_OFFSET - the 16 MiB above VMALLOC_END)
arm.vmalloc_end   = 0xff000000
# [note] "fixmap  : 0xffc00000 - 0xfff00000   (3072 kB)" (6.1: 0xffc80000)
arm.fixaddr_start = 0xffc00000
# [note] "Normal zone: 1520 pages used for memmap" for 194560 pages:
#        194560 * 32 / 4096 = 1520, a 32-byte struct page (no MEMCG)
sizeof.page = 32

# [old] mem_init() printed "Virtual kernel memory layout:" (removed in 5.0)
arm.print_vm_layout = 1
# [old] free_area_init_core() printed "N pages used for memmap" and "N pages
#       reserved", zone_pcp_init() "N pages, LIFO batch:B", at KERN_DEBUG
#       (6.1 keeps them as pr_debug, off): the note's four zone lines
mm.zone_debug_lines = 1
# [old] zone_batchsize() capped the batch at 512 KiB of pages (6.1: 1 MiB):
#       "Normal zone: 194560 pages, LIFO batch:31" is min(193040 / 1024, 128)
#       / 4 = 32 -> 31 (6.1's cap would give 63); HighMem's 67584 pages give
#       min(66, 128) / 4 = 16 -> 15 either way
mm.pcp_batch_cap = 512K

# --- what the note does not show ---------------------------------------------------
# [est] the Memory: line's section sizes from the layout above (code = _etext -
#       _text, init and bss as printed); rodata is part of the code there
image.text_kb   = 6153
image.rwdata_kb = 157
image.rodata_kb = 0
image.init_kb   = 14196
image.bss_kb    = 167
# [est] the CPU's control register and the 32-bit structure sizes of the
#       6.1 image (they size memblock requests the note does not quote)
arm.cr = 0x10c5387d
image.static_percpu_size = 45012
sizeof.device_node = 108
sizeof.property    = 48
sizeof.alias_prop  = 20
sizeof.static_vm   = 40
sizeof.resource    = 32
sizeof.pcpu_chunk  = 92
# [est] the 6.1 image's struct vmap_area (the vmap_area cache's objects;
#       the note quotes no /proc/slabinfo)
sizeof.vmap_area   = 32
inline.pcpu_build_alloc_info = pcpu_embed_first_chunk
inline.pcpu_fc_alloc = pcpu_embed_first_chunk
