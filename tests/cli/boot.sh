#!/bin/bash
# tests/cli/boot.sh — the acceptance commands of the README boot, and what
# they print or write is the kernel's format.
. "$(dirname "$0")/lib.bash"

# the default machine (make run)
if expect_boot boot; then
	expect_line "Linux version 6.1.0" "$TMPD/out"
	expect_line "Kernel command line: console=ttyS0 loglevel=8" "$TMPD/out"
	expect_line "Memory: " "$TMPD/out"
	expect_line "Freeing unused kernel image (initmem) memory" "$TMPD/out"
fi

# memblock=debug prints the MEMBLOCK dumps and every call
if expect_boot boot --append "console=ttyS0 loglevel=8 memblock=debug"; then
	expect_line "MEMBLOCK configuration:" "$TMPD/out"
	expect_line "memblock_reserve: [0x" "$TMPD/out"
fi

# --dump writes dmesg.log identical to what was printed
mkdir -p "$TMPD/d"
if expect_boot boot -m 1G -smp 4 --dump "$TMPD/d"; then
	if [ -s "$TMPD/d/dmesg.log" ] && diff -q "$TMPD/out" "$TMPD/d/dmesg.log" >/dev/null; then
		ok "--dump dmesg.log equals stdout"
	else
		not_ok "--dump dmesg.log equals stdout" \
			"$(diff "$TMPD/out" "$TMPD/d/dmesg.log" 2>&1 | head -5)"
	fi
fi

# what the kernel itself accepts boots as the kernel would: an unsorted,
# overlapping map is sanitised (e820__update_table) before it is printed
printf 'BIOS-e820: [mem 0x0000000000100000-0x000000001fffffff] usable\nBIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\nBIOS-e820: [mem 0x0000000010000000-0x0000000017ffffff] reserved\n' >"$TMPD/overlap.e820"
if expect_boot boot --e820 "$TMPD/overlap.e820"; then
	expect_line "BIOS-e820: [mem 0x0000000000100000-0x000000000fffffff] usable" "$TMPD/out"
	expect_line "BIOS-e820: [mem 0x0000000010000000-0x0000000017ffffff] reserved" "$TMPD/out"
	expect_line "BIOS-e820: [mem 0x0000000018000000-0x000000001fffffff] usable" "$TMPD/out"
fi
# a malformed memmap= value is the kernel's business, not a CLI error:
# parse_memmap_one() finds no number in "junk" and ignores it
if expect_boot boot --append "console=ttyS0 memmap=junk"; then
	expect_line "Memory: " "$TMPD/out"
fi
# an overlong command line is cut where the kernel cuts it, with a warning
long=$(printf 'x%.0s' $(seq 1 2100))
if expect_boot boot --append "$long"; then
	if grep -q "warning: command line is 2100 bytes" "$TMPD/err"; then
		ok "overlong command line warns"
	else
		not_ok "overlong command line warns" "stderr: $(head -2 "$TMPD/err")"
	fi
fi

# big and odd machines boot
expect_boot boot -M q35 -m 16G -smp 4
expect_boot boot -m 5G -smp 2
expect_boot boot -m 2G -smp 2 -numa node,mem=1G,cpus=0 -numa node,mem=1G,cpus=1
expect_boot boot -m 1G --append "console=ttyS0 loglevel=8 numa=fake=4"

# a machine too small for the kernel stops like the kernel, not like a crash
run boot -m 8M
if sanitizer_report; then
	not_ok "-m 8M stops cleanly" "sanitizer report:" "$(head -5 "$TMPD/err")"
elif [ "$RC" -eq 0 ] || [ "$RC" -gt 2 ]; then
	not_ok "-m 8M stops cleanly" "exit status: expected 1 or 2, got $RC"
else
	ok "-m 8M stops cleanly"
fi

# help
run help
if [ "$RC" -eq 0 ] && grep -q "mmsim boot" "$TMPD/out"; then ok "help"; else not_ok "help" "exit $RC"; fi

done_testing
