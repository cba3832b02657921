#!/bin/bash
# tests/cli/bad_input.sh — every kind of bad input is one clear error line
# naming the bad value and exit status 2: never a crash, a hang, a
# sanitizer report or a silent boot with something else.
. "$(dirname "$0")/lib.bash"

# the command itself
expect_reject "frobnicate" frobnicate
expect_reject "--bogus" boot --bogus
expect_reject "-m" boot -m

# sizes
expect_reject "0" boot -m 0
expect_reject "lots" boot -m lots
expect_reject "-512M" boot -m -512M
expect_reject "12Q" boot -m 12Q
expect_reject "2T" boot -m 2T
expect_reject "8000000000000000000G" boot -m 8000000000000000000G
expect_reject "huge" boot --initrd-size huge
expect_reject "600000000" boot -m 512M --initrd-size 600000000

# CPUs and topology
expect_reject "0" boot -smp 0
expect_reject "100000" boot -smp 100000
expect_reject "4,sockets=3" boot -smp 4,sockets=3,cores=1,threads=1
expect_reject "x" boot -smp x

# machine type
expect_reject "isapc" boot -M isapc

# NUMA nodes
expect_reject "600M" boot -m 512M -numa node,mem=300M,cpus=0 -numa node,mem=300M,cpus=1
expect_reject "CPU 9" boot -smp 2 -numa node,mem=256M,cpus=0 -numa node,mem=256M,cpus=9
expect_reject "nodeid=999" boot -numa node,nodeid=999,mem=512M,cpus=0-1

# firmware memory map
printf 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\nBIOS-e820: what is this\n' >"$TMPD/bad.e820"
expect_reject "what is this" boot --e820 "$TMPD/bad.e820"
printf 'BIOS-e820: [mem 0x0000000000100000-0x0000000000000fff] usable\n' >"$TMPD/inverted.e820"
expect_reject "0x0000000000100000-0x0000000000000fff" boot --e820 "$TMPD/inverted.e820"
: >"$TMPD/empty.e820"
expect_reject "empty.e820" boot --e820 "$TMPD/empty.e820"
expect_reject "/nonexistent/e820" boot --e820 /nonexistent/e820
# a map whose RAM does not reach the kernel's load address (16 MiB)
printf 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\nBIOS-e820: [mem 0x0000000000100000-0x0000000000efffff] usable\n' >"$TMPD/tiny.e820"
expect_reject "0x0000000001000000" boot --e820 "$TMPD/tiny.e820"

# kernel config and profile
expect_reject "/nonexistent/config" boot --config /nonexistent/config
printf 'CONFIG_NODES_SHIFT=banana\n' >"$TMPD/bad.config"
expect_reject "banana" boot --config "$TMPD/bad.config"
expect_reject "/nonexistent/profile" boot --profile /nonexistent/profile

# placement
expect_reject "0x1234" boot --kernel-addr 0x1234

# dump directory that cannot be written
expect_reject "/proc/version" boot --dump /proc/version/x

done_testing
