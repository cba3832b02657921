# Kernel-image profile: Debian 12 linux-image-6.1.0-56-amd64 (6.1.192-2).
#
# Facts of the compiled image that its .config (data/configs/
# config-6.1.0-56-amd64) cannot give.  Every value says where it was read:
#   [log]  the image's own boot log with memblock=debug (tests/fixtures/x86)
#   [map]  the image's System.map / section layout as the log reveals it
# Numbers: decimal or 0x hex, optional K / M suffix (binary).

name   = debian-6.1.0-56-amd64
arch   = x86_64
config = config-6.1.0-56-amd64

# [log] first line of every boot
banner = Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)

# [log] "Memory: ... (14343K kernel code, 2338K rwdata, 9132K rodata,
#        2824K init, 17344K bss, ...)": section sizes as the kernel rounds them
image.text_kb   = 14343
image.rwdata_kb = 2338
image.rodata_kb = 9132
image.init_kb   = 2824
image.bss_kb    = 17344

# [log] the first MEMBLOCK configuration dump: the image reservation
#       [_text, __end_of_kernel_reserve) is 0x3400000 bytes from _text and
#       the brk area right behind it, reserved by reserve_brk() with
#       "memblock_reserve: [_text+0x3400000 - +0x11000) setup_arch", holds
#       0x11000 bytes by then (early page-table buffer and DMI tables).
image.end_of_kernel_reserve = 0x3400000
image.brk_start             = 0x3400000
image.brk_used              = 0x11000

# [log] "percpu: Embedded 62 pages/cpu s217088 ...": the static per-CPU area
image.static_percpu_size = 217088

# [log] "memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0
#        max_addr=0x100000 reserve_real_mode+0x50/0x89" (every x86 boot):
#        the real-mode trampoline blob (realmode.bin), in whole pages
image.real_mode_size = 28672

# [est] init_top_pgt, the kernel's top-level page table: a page-aligned
#       static in head_64.S's .data.  No System.map was at hand, so the
#       offset is placed, not read: "Write protecting the kernel read-only
#       data: 26624k" puts the end of rodata (2 MiB aligned), and so the
#       start of .data, at _text + 0x1a00000; .data opens with the 16 KiB
#       init-task stack; mmsim puts init_top_pgt on the next 8 KiB
#       boundary (PTI alignment).  Nothing printed depends on the value.
image.init_top_pgt = 0x1a04000

# [log] sizes of structures the boot allocates from memblock, read from
#       the memblock=debug request lines they produce
sizeof.pglist_data = 0x2b000        # NODE_DATA(n) allocated [mem ...] (rounded to a page)
sizeof.firmware_map_entry = 104     # firmware_map_add_early: 104 bytes
# [log] setup_log_buf() with 20+ CPUs: 16384 descriptors take 393216 and
#       1441792 bytes (struct prb_desc, struct printk_info)
sizeof.prb_desc = 24
sizeof.printk_info = 88
# [log] trap_init() maps each CPU's entry area: spp_getpage makes 3 table
#       pages for 1-8 CPUs and 10 for 64; with the 6.1 x86_64 layout
#       (GDT, entry stack, 3-page TSS, 6 guarded 8 KiB exception stacks,
#       debug store + its 128 KiB buffers) the area is 0x39000 bytes
sizeof.cpu_entry_area = 0x39000

# [log+est] the image's layout, offsets from _text, for the frees at the
#       end of boot.  Sizes are exact (from the "Freeing ..." and
#       "Write protecting ..." lines); placements derived as follows:
#       PFN_ALIGN(_etext) = 14344K; the text/rodata gap (2040K) ends at
#       the 2 MiB-aligned __start_rodata = 16M; PFN_ALIGN(__end_rodata) =
#       16M + 9132K; the rodata/data gap (1108K) ends at _sdata = 26M =
#       __end_rodata_hpage_align ("Write protecting ... 26624k").  init,
#       .smp_locks and .bss are placed back to back ending at
#       __end_of_kernel_reserve, and .bss..decrypted's unused tail ends on
#       a 2 MiB boundary inside .bss: estimated, exact only to the page
#       counts (they decide nothing but the zone of the freed pages).
image.etext = 0xe01d32
image.start_rodata = 0x1000000
image.end_rodata = 0x18eb000
image.end_rodata_hpage_align = 0x1a00000
image.sdata = 0x1a00000
image.init_begin = 0x2045000
image.init_end = 0x2307000
image.smp_locks = 0x2307000
image.smp_locks_end = 0x2310000
image.bss_decrypted_unused = 0x2403000
image.bss_decrypted_end = 0x2600000

# [iomem] /proc/iomem's "Kernel code/rodata/data/bss" lines (setup_arch's
#       code_resource ...) give the section symbols exactly: _etext =
#       0xe01d32 (above; the text/rodata gap is freed from PFN_ALIGN of
#       it), __end_rodata = 0x18eb000, _edata, __bss_start, __bss_stop.
image.edata = 0x1c48980
image.bss_start = 0x2310000
image.bss_stop = 0x3400000

# [log] the per-CPU allocator's first-chunk bookkeeping: every boot's
#       "memblock_alloc_try_nid: 144 bytes align=0x40 ...
#       pcpu_alloc_first_chunk" is struct_size(chunk, populated, 1), one
#       long of populated[] for the 2-page reserved and 7-page dynamic
#       chunks, so struct pcpu_chunk without populated[] is 136 bytes (the
#       6.1 layout with MEMCG_KMEM's obj_cgroups, without PERCPU_STATS).
#       The alloc_map/bound_map/md_blocks requests (256/264/64 and
#       896/904/224 bytes) confirm 4-byte granules and a 32-byte
#       struct pcpu_block_md, as in the source.
sizeof.pcpu_chunk = 136

# [slabinfo] structures the image allocates from slab caches, read from
#       every x86 fixture's /proc/slabinfo: "vmap_area ... 64 64 1"
#       (va_start, va_end, rb_node, list_head, the union: 64 bytes)
sizeof.vmap_area = 64

# [est] static per-CPU variables the boot maps or writes, as offsets in
#       the static per-CPU area (the per-CPU pointers; __per_cpu_start = 0).
#       No System.map was at hand, so these are placed, not read, from the
#       6.1 link order: .data..percpu..first (fixed_percpu_data) fills
#       page 0; .data..percpu..page_aligned follows at 0x1000 with
#       arch/x86/events' cpu_debug_store (one page), then irq_64.o's
#       irq_stack_backing_store (IRQ_STACK_SIZE, 16 KiB), then cpu_tss_rw,
#       gdt_page, entry_stack_storage and exception_stacks up to about
#       0x13000; hardirq_stack_ptr (cpu/common.o) lies in the plain
#       .data..percpu after that.  They decide only which physical pages
#       map_irq_stack() vmaps and where it stores the stack top; nothing
#       printed depends on them.
image.percpu.irq_stack_backing_store = 0x2000
image.percpu.hardirq_stack_ptr = 0x14000

# [est] gen_pool_buf, the machine-check records buffer (2 pages, .bss of
#       arch/x86/kernel/cpu/mce/genpool.o), offset from _text: placed in
#       the first part of .bss (arch/x86 objects link early), inside
#       [image.bss_start, image.bss_decrypted_unused).  Only the MCE pool
#       chunk's addresses depend on it; nothing is allocated from it.
image.mce_gen_pool_buf = 0x2350000
