#!/bin/bash
# tests/cli/robust.sh — the defects of issue 11, each one case: a machine
# the kernel cannot boot ends in the kernel's panic and exit status 1 (the
# panic line, the closing "---[ end Kernel panic" line last, nothing
# after it, no BUG after the panic or from mmsim itself, no crash); limits QEMU 7.2 enforces are clear errors;
# error messages say what would work.
. "$(dirname "$0")/lib.bash"

# expect_panic "TEXT" ARGS... : exit 1, "Kernel panic - not syncing: TEXT"
# in the log, the end-of-panic line last and whole, no sanitizer report.
expect_panic() {
	local text=$1; shift
	local what="panics: $*"
	run "$@"
	local last
	last=$(tail -c 300 "$TMPD/out" | tail -n 1)
	if sanitizer_report; then
		not_ok "$what" "sanitizer report:" "$(head -5 "$TMPD/err")"
	elif [ "$RC" -ne 1 ]; then
		not_ok "$what" "exit status: expected 1, got $RC" "stderr: $(head -3 "$TMPD/err")"
	elif ! grep -qF -- "Kernel panic - not syncing: $text" "$TMPD/out"; then
		not_ok "$what" "expected a line: Kernel panic - not syncing: $text" \
			"got: $(grep -i panic "$TMPD/out" | head -3)"
	elif [[ "$last" != "[    0.000000] ---[ end Kernel panic - not syncing: $text"*" ]---" ]] ||
	     [ -n "$(tail -c 1 "$TMPD/out")" ]; then
		not_ok "$what" "last line: expected the end-of-panic line, got: $last"
	elif sed -n '/Kernel panic - not syncing/,$p' "$TMPD/out" | grep -q "kernel BUG" ||
	     grep -q "kernel BUG" "$TMPD/err"; then
		not_ok "$what" "a BUG after the panic:" "$(grep "kernel BUG" "$TMPD/out" "$TMPD/err" | head -2)"
	else
		ok "$what"
	fi
}

# more CPUs than the per-CPU areas fit in: the kernel's panic, not SIGSEGV
expect_panic "cannot initialize percpu area" boot -m 100M -smp 255
expect_panic "Creation of kmalloc slab" boot --append "slub_min_order=11"
expect_panic "Invalid user supplied memory map" boot --append "memmap=exactmap"
# RAM declared where the machine has none (found by fuzz_cmdline's corpus):
# SIGSEGV in alloc_low_pages before
expect_panic "memmap= declared RAM at [mem 0x0000000100000000-0x0000001fffffffff]" boot -m 128M --append "memmap=127G@1G"
# the ACPI tables' memory given to memblock by exactmap, allocated and freed
# before acpi_table_init reads it (ASan use-after-poison before)
expect_boot boot -m 128M -smp 1 --append "memmap=exactmap memmap=640K@0 memmap=127M@1M"

# QEMU 7.2's machine types: pc takes 255 CPUs, q35 288
expect_reject "256" boot -smp 256
expect_reject "289" boot -M q35 -smp 289
expect_reject "1729" boot -smp 1729
expect_boot boot -M q35 -m 1G -smp 288

# sizes: the bad value and the forms that work; the smallest size that boots
expect_reject "1e9" boot -m 1e9
grep -qF "512M" "$TMPD/err" && ok "-m 1e9 names the accepted forms" ||
	not_ok "-m 1e9 names the accepted forms" "got: $(cat "$TMPD/err")"
expect_reject "0x10" boot -m 0x10
expect_reject "64M" boot -m 64M
grep -qF "smallest size that boots is 69M" "$TMPD/err" && ok "-m 64M names 69M" ||
	not_ok "-m 64M names 69M" "got: $(cat "$TMPD/err")"
expect_boot boot -m 69M
# an initrd the loader would put under the kernel image: refused, not a crash
expect_reject "608M" boot -m 608M --initrd-size 600000000

# an option the architecture does not have, for the right reason
expect_reject "--kaslr-seed" boot --arch arm --kaslr-seed 5
grep -qF "no KASLR" "$TMPD/err" && ok "--arch arm --kaslr-seed: the reason is KASLR" ||
	not_ok "--arch arm --kaslr-seed: the reason is KASLR" "got: $(cat "$TMPD/err")"

# a command line of any length: the loader takes it, the kernel keeps 2047 bytes
long="console=ttyS0 loglevel=8 $(head -c 5000 /dev/zero | tr '\0' 'x')"
run boot --append "$long" --proc cmdline
if [ "$RC" -ne 0 ] || sanitizer_report; then
	not_ok "boots with a 5025-byte command line" "exit $RC: $(head -3 "$TMPD/err")"
else
	got=$(tail -n 1 "$TMPD/out")
	if [ "${#got}" -eq 2047 ]; then
		ok "5025-byte command line: the kernel keeps 2047 bytes"
	else
		not_ok "5025-byte command line: the kernel keeps 2047 bytes" "got ${#got} bytes"
	fi
	grep -qF "5025 bytes" "$TMPD/err" && ok "overlong command line: warning names its length" ||
		not_ok "overlong command line: warning names its length" "got: $(cat "$TMPD/err")"
fi

# replay-memblock follows NUMA emulation: a numa=fake= log mmsim made
# itself replays to the end (the emulated nodes come from "Faking node")
for fake in 4 256M; do
	"$MMSIM" boot -m 2G -smp 4 --append "console=ttyS0 loglevel=8 memblock=debug numa=fake=$fake" \
		>"$TMPD/fake.log" 2>&1
	run replay-memblock "$TMPD/fake.log"
	if [ "$RC" -eq 0 ] && ! sanitizer_report; then
		ok "replay-memblock of a numa=fake=$fake boot"
	else
		not_ok "replay-memblock of a numa=fake=$fake boot" "exit $RC" "$(tail -2 "$TMPD/err")"
	fi
done

# found by the cmdline fuzz target: memmap=exactmap hands the ACPI tables'
# memory to memblock, log_buf_len= reuses it before ACPI reads the root
# table: the kernel's "Invalid table length" and no ACPI, not SIGSEGV
expect_boot boot -m 128M -smp 1 --append "memmap=exactmap memmap=640K@0 memmap=127M@1M log_buf_len=1M"

# found by the cmdline fuzz target: a bare "coherent_pool" (and, on ARM,
# "vmalloc") reaches memparse() as NULL, where 6.1 dies on the NULL
# pointer; a panic that says so, not a crash
expect_panic "early_coherent_pool: NULL pointer dereference" boot --append "coherent_pool"
expect_panic "early_vmalloc: NULL pointer dereference" boot --arch arm --append "vmalloc"

# found by the cmdline fuzz target: every architecture's handlers are linked
# into one program, and ARM's vmalloc= ran on an x86 machine over ARM state
# that does not exist (SIGSEGV).  x86_64's kernel has no vmalloc= (it is
# 32-bit only): unknown, passed to user space, as 6.1 prints
if expect_boot boot --append "vmalloc=100M"; then
	expect_line 'Unknown kernel command line parameters "vmalloc=100M", will be passed to user space.' "$TMPD/out"
fi

# found by the cmdline fuzz target: memmap=SIZE%OFFSET-T+T (the same type
# twice) reaches the BUG_ON of __e820__range_update() in 6.1; the kernel's
# BUG in the idle task and its panic, not mmsim's abort
expect_panic "Attempted to kill the idle task!" boot --append "memmap=1M%2g-1+1"

# found by replaying the cmdline fuzz target's corpus: slub_min_order=-1
# shifted PAGE_SIZE by 2^32-1 (UBSan); the CPU's shift gives no objects,
# so every order is refused and the boot cache fails, as with 11
expect_panic "Creation of kmalloc slab" boot --append "slub_min_order=-1"
expect_panic "Creation of kmalloc slab" boot --arch arm --append "slub_min_order=-1"

# ARM's mem= (arch/arm/kernel/setup.c early_mem, arm_add_memory): a bank
# past the RAM QEMU gives the board is memory that does not exist; a bare
# "mem" reaches memparse() as NULL
expect_panic "mem= declared RAM at [mem 0x60000000-0x6fffffff], outside this machine's memory [mem 0x60000000-0x67ffffff]" \
	boot --arch arm -m 128M --append "mem=256M"
expect_panic "early_mem: NULL pointer dereference" boot --arch arm --append "mem"
# mem= smaller than the kernel image: 6.1's map_lowmem maps a negative
# length, round the address space over itself (kernel BUG in mmsim before)
expect_panic "map_lowmem: RAM [mem 0x60000000-0x607fffff] lies within the kernel's sections" \
	boot --arch arm --append "mem=8M"
# memory that starts above PHYS_OFFSET: FLATMEM's mem_map is indexed from
# there (found by the cmdline fuzz target's ARM mode: SIGSEGV freeing the
# init sections, which lay outside memory)
expect_panic "alloc_node_mem_map: memory starts at pfn 0x66001, above ARCH_PFN_OFFSET 0x60000" \
	boot --arch arm -m 128M --append "mem=32M@0x66000020"
# every bank ignored: no memory at all, the first early allocation fails
expect_panic "early_alloc: Failed to allocate" boot --arch arm --append "mem=1M@4G"
if expect_boot boot --arch arm -m 256M --append "memblock=debug mem=64M@0x50000000 mem=96M"; then
	expect_line "Ignoring memory below PHYS_OFFSET: 0x50000000-0x54000000" "$TMPD/out"
	expect_line "memblock_add: [0x60000000-0x65ffffff] arm_add_memory" "$TMPD/out"
	expect_line "Memory: " "$TMPD/out"
fi

# parameters whose handlers the kernel builds only with an option the
# .config lacks are unknown there: 32-bit ARM has no NUMA, memory hotplug,
# huge vmalloc or THP; Debian's x86_64 kernel has no DMA_CMA
if expect_boot boot --arch arm --append "hashdist=1 movable_node nohugevmalloc transparent_hugepage=never"; then
	expect_line 'Unknown kernel command line parameters "hashdist=1 movable_node nohugevmalloc transparent_hugepage=never", will be passed to user space.' "$TMPD/out"
fi
if expect_boot boot --append "cma=16M"; then
	expect_line 'Unknown kernel command line parameters "cma=16M", will be passed to user space.' "$TMPD/out"
fi
# ARM's own coherent_pool= (arch/arm/mm/dma-mapping.c) sizes its pool
if expect_boot boot --arch arm --append "coherent_pool=512K"; then
	expect_line "DMA: preallocated 512 KiB pool for atomic coherent allocations" "$TMPD/out"
fi

# init_on_free zeroes every page handed to the buddy allocator: no
# sanitizer report on either architecture
expect_boot boot --append "console=ttyS0 init_on_free=1"
expect_boot boot --arch arm --append "console=ttyAMA0 init_on_free=1"

# a blob on which Debian's libfdt 1.6.1 fdt_check_full() dereferenced a NULL
# name (a version-4 root node without '/'; found by fuzz_dtb): refused
expect_reject "no valid name" boot --arch arm --dtb tests/fuzz/corpus/dtb/regress-libfdt-root-name-null
# and one on which it looped for ever (a property length of -12)
expect_reject "wraps round" boot --arch arm --dtb tests/fuzz/corpus/dtb/regress-libfdt-prop-length-wraps

done_testing
