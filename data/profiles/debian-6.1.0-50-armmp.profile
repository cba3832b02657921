# Kernel-image profile: Debian 12 linux-image-6.1.0-50-armmp (armhf, 6.1.176-1).
#
# Facts of the compiled 32-bit ARM image that its .config (data/configs/
# config-6.1.0-50-armmp) cannot give.  Every value says where it was read:
#   [log]    the image's own boot log with memblock=debug
#            (tests/fixtures/arm/vexpress-a9-1024M/dmesg.log)
#   [iomem]  that boot's /proc/iomem (Kernel code / Kernel data)
#   [src]    the 6.1 source the image was built from, where the log shows
#            nothing (a constant of the architecture)
#   [est]    placed, not read: nothing printed depends on it (said why)
# Numbers: decimal or 0x hex, optional K / M suffix (binary).  Image
# offsets are from PAGE_OFFSET (virtual) = from PHYS_OFFSET (physical).

name   = debian-6.1.0-50-armmp
arch   = arm
config = config-6.1.0-50-armmp

# [log] second line of every boot
banner = Linux version 6.1.0-50-armmp (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP Debian 6.1.176-1 (2026-07-02)

# [log] "CPU: ARMv7 Processor [410fc090] revision 0 (ARMv7), cr=10c5387d":
#       the control register as __v7_setup leaves it on a Cortex-A9 (high
#       vectors V=1, extended page tables XP=1, TEX remap TRE=1)
arm.cr = 0x10c5387d

# [log] "Memory: ... (11264K kernel code, 1700K rwdata, 3732K rodata,
#       2048K init, 377K bss, ...)"
image.text_kb   = 11264
image.rwdata_kb = 1700
image.rodata_kb = 3732
image.init_kb   = 2048
image.bss_kb    = 377

# The image's layout.
# [log]   "reserved[0x0] [0x60204000-0x60207fff]": swapper_pg_dir, 16 KiB
#         right below _text, so TEXT_OFFSET = 0x208000 (the multiplatform
#         image keeps the Qualcomm 8x60 offset); [iomem] "60208000-611fffff
#         : Kernel code" confirms _text
image.text_offset = 0x208000
# [log]   "memblock_reserve: [0x60300000-0x61607587] arm_memblock_init":
#         KERNEL_START = _stext (1 MiB aligned: STRICT_KERNEL_RWX) and
#         KERNEL_END = _end
image.stext = 0x300000
image.end   = 0x1607588
# [log]   _etext = _stext + 11264K (codesize = _etext - _stext, exact: the
#         text ends on a section, DEBUG_ALIGN_RODATA)
image.etext = 0xe00000
# [iomem] Kernel code ends at __init_begin - 1 = 0x611fffff; init is
#         2048K, so __init_end = 0x61400000, and [iomem] "61400000-61607587
#         : Kernel data" starts at _sdata = __init_end
image.init_begin = 0x1200000
image.init_end   = 0x1400000
image.sdata      = 0x1400000
# [est]   _edata = _sdata + 1700K and .bss = the 377K ending at _end, to
#         the kilobyte (the sizes are rounded down); only the seed-003
#         layout block prints section bounds, and it uses its own profile
image.edata     = 0x15a9000
image.bss_start = 0x15a9000
image.bss_stop  = 0x1607588

# [src]   arch/arm/include/asm/pgtable.h: VMALLOC_END 0xff800000 (6.1; the
#         oracle's highest vmalloc area, the per-CPU chunk, ends there);
#         asm/fixmap.h: FIXADDR_START 0xffc80000
arm.vmalloc_end   = 0xff800000
arm.fixaddr_start = 0xffc80000

# [log] "percpu: Embedded 18 pages/cpu s45012 ...": the static per-CPU area
image.static_percpu_size = 45012

# [log] sizes of structures (32-bit layouts) the boot allocates, read
#       from the memblock=debug request lines they produce:
# "memblock_alloc_try_nid_raw: 9437184 bytes ... free_area_init": the
#       FLATMEM mem_map, 262144 pages (0x60000..0xa0000) * 36 (MEMCG)
sizeof.page = 36
# "memblock_alloc_try_nid: 40024 bytes ... early_init_dt_alloc_memory_arch":
#       unflatten_device_tree() of the blob QEMU patched (106 nodes, 432
#       properties, 106 synthesised "name" properties) = 40020 + 4.  With
#       struct property at 48 bytes (4 pointers/ints + the 32-byte sysfs
#       bin_attribute, no OF_DYNAMIC) struct device_node is 108 (name,
#       phandle, full_name, a 32-byte fwnode_handle, 5 pointers, a 36-byte
#       kobject, _flags, data): the only pair of 32-bit layouts that sums
#       to 40020
sizeof.device_node = 108
sizeof.property    = 48
# "27 bytes ... early_init_dt_alloc_memory_arch" x4, "24 bytes" x2: the
#       alias table, sizeof(struct alias_prop) + the stem ("serial", "i2c")
#       + NUL
sizeof.alias_prop = 20
# "40 bytes align=0x4 ... vm_reserve_area_early": struct static_vm
sizeof.static_vm = 40
# "32 bytes align=0x40 ... setup_arch": request_standard_resources()'s
#       struct resource for "System RAM"
sizeof.resource = 32
# "96 bytes ... pcpu_alloc_first_chunk": struct pcpu_chunk plus one
#       4-byte long of populated[] (3 pages)
sizeof.pcpu_chunk = 92

# [slabinfo] sizes of structures the image allocates from slab caches,
#       read from the oracle boot's /proc/slabinfo (objsize, objperslab):
# "vmap_area 512 512 32 128 1": KMEM_CACHE(vmap_area) aligns to
#       ARCH_SLAB_MINALIGN (8), so the object is 25..32 bytes; the 32-bit
#       6.1 layout (va_start, va_end, a 12-byte rb_node, a list_head, the
#       subtree_max_size/vm union) is 32
sizeof.vmap_area = 32

# [log] functions this image inlined into their callers, so that their
#       memblock=debug lines name the caller: "4096 bytes align=0x1000 ...
#       pcpu_embed_first_chunk+0x3bc" (the allocation info) and "294912
#       bytes ... from=0x9fffffff ... pcpu_embed_first_chunk+0x684" (the
#       units: pcpu_fc_alloc); the x86 image keeps both out of line
inline.pcpu_build_alloc_info = pcpu_embed_first_chunk
inline.pcpu_fc_alloc = pcpu_embed_first_chunk
