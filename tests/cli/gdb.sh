#!/bin/bash
# tests/cli/gdb.sh — GDB on a boot (README "Debugging with GDB"): the
# kernel's function names are breakpoints (memblock_add, kmem_cache_init,
# __free_pages_core during the boot; vmalloc, which no boot step calls by
# that name, through GDB's `call` after it), its globals print by name
# (max_pfn, memblock, NODE_DATA), and every mm-* command of
# scripts/gdb/mmsim.py runs after the boot and prints what it should; on a
# `mmsim run`, mm-ps, mm-vmas PID and mm-vtop ADDR PID read a process.  Skipped when gdb is missing
# (scripts/deps.sh gdb installs it).
. "$(dirname "$0")/lib.bash"

if ! command -v gdb >/dev/null 2>&1; then
	echo "ok 1 # skip gdb is not installed (scripts/deps.sh gdb)"
	echo "1..1"
	exit 0
fi

cat >"$TMPD/cmds" <<'GDB'
set pagination off
set confirm off
break memblock_add
run
echo @@bt-memblock_add\n
bt 1
echo @@max_pfn\n
p max_pfn
echo @@memblock\n
p memblock
delete
break __free_pages_core
continue
echo @@bt-free_pages_core\n
bt 1
delete
break kmem_cache_init
continue
echo @@bt-kmem_cache_init\n
bt 1
delete
break proc_render
continue
break vmalloc
python
try:
    gdb.execute("print (void *)vmalloc(8192)")
except gdb.error:
    pass   # "stopped while in a function called from GDB": the breakpoint
end
echo @@bt-vmalloc\n
bt 1
delete
finish
echo @@node\n
p *NODE_DATA(0)
echo @@mm-memblock\n
mm-memblock
echo @@mm-zones\n
mm-zones
echo @@mm-buddy\n
mm-buddy 0 DMA32
echo @@mm-page\n
mm-page 0x1000
echo @@mm-slab\n
mm-slab
echo @@mm-slab-cache\n
mm-slab kmem_cache
echo @@mm-vmalloc\n
mm-vmalloc
echo @@mm-percpu\n
mm-percpu
echo @@mm-vtop\n
mm-vtop $mm_machine->x86.page_offset_base+0x1000000
echo @@mm-vmas\n
python
try:
    gdb.execute("mm-vmas 1")
except gdb.error as e:
    print(e)
end
echo @@mm-ps\n
mm-ps
echo @@end\n
kill
GDB

ASAN_OPTIONS=detect_leaks=0 timeout 300 gdb -nx -batch -x scripts/gdb/mmsim.py \
	-x "$TMPD/cmds" --args "$MMSIM" boot -m 256M --proc meminfo \
	>"$TMPD/out" 2>"$TMPD/err"

# section NAME: the lines after "@@NAME" up to the next "@@"
section() {
	sed -n "/^@@$1\$/,/^@@/p" "$TMPD/out" | sed '1d;$d' | grep -v '^\[ *[0-9]'
}

# expect_section NAME REGEX WHAT: a line of the section matches REGEX
expect_section() {
	if section "$1" | grep -qE -- "$2"; then
		ok "gdb: $3"
	else
		not_ok "gdb: $3" "section $1: expected a line matching: $2" \
			"got: $(section "$1" | head -5)" "stderr: $(grep -v '^warning\|auto-load\|safe-path\|gdbinit\|^To \|^For \|^	\|^$\|info "' "$TMPD/err" | head -3)"
	fi
}

expect_section bt-memblock_add '^#0 +memblock_add \(base=' "break memblock_add"
expect_section max_pfn '^\$[0-9]+ = [0-9]+$' "p max_pfn"
expect_section memblock '^\$[0-9]+ = \{bottom_up = false, current_limit = .*memory = \{cnt = ' "p memblock"
expect_section bt-free_pages_core '^#0 +(0x[0-9a-f]+ in )?__free_pages_core \(' "break __free_pages_core"
expect_section bt-kmem_cache_init '^#0 +(0x[0-9a-f]+ in )?kmem_cache_init \(' "break kmem_cache_init"
expect_section bt-vmalloc '^#0 +(0x[0-9a-f]+ in )?vmalloc \(size=' "break vmalloc"
expect_section node 'struct zone DMA32 node 0: pfn 0x1000 \+61408 spanned' "p *NODE_DATA(0) (zone pretty-printer)"
expect_section mm-memblock '^ memory\[0x1\]	\[0x0000000000100000-0x000000000ffdffff\], 0xfee0000 bytes' "mm-memblock"
expect_section mm-zones '^  spanned 61408 present 61408 managed [0-9]+ free [0-9]+' "mm-zones"
expect_section mm-buddy '^ +10 +0 +[1-9][0-9]* +0 +0 +0 +[1-9][0-9]*$' "mm-buddy 0 DMA32"
expect_section mm-page '^page 0x[0-9a-f]+  pfn 0x1000  phys 0x1000000$' "mm-page"
expect_section mm-slab '^kmem_cache_node +64 +64 +64 +0 +64 +-1$' "mm-slab"
expect_section mm-slab-cache '^  node 0: nr_partial [0-9]+' "mm-slab kmem_cache"
expect_section mm-vmalloc '^0x[0-9a-f]{16}-0x[0-9a-f]{16} +[0-9]+ irq_init_percpu_irqstack vmap$' "mm-vmalloc"
expect_section mm-percpu '^slot +[0-9]+: chunk .*\(first chunk\)$' "mm-percpu"
expect_section mm-vtop '^  -> physical 0x1000000$|page -> physical 0x1000000$' "mm-vtop"
expect_section mm-vmas 'no process with PID 1' "mm-vmas on a boot: no process"
expect_section mm-ps '^no user processes' "mm-ps on a boot: none"

# The head of a command file that stops `mmsim run` in its first dump
# (proc_pid_render) and sets $pid to the newest process's pid.
run_stop_header() {
	cat <<'GDB'
set pagination off
set confirm off
break proc_pid_render
run
python
gdb.set_convenience_variable("pid", max(int(t["pid"]) for t in tasks(machine())))
end
GDB
}

# A process: `mmsim run` stopped in the first `dump` (proc_pid_render), where
# the script has mapped 64 KiB at 0x10000000 and written its first two
# pages.  mm-vmas lists the VMAs from the maple tree, mm-vtop walks the
# process's own page tables to the page the write faulted in.
cat >"$TMPD/proc.mmw" <<'MMW'
a = mmap 0x10000000 64K rw- private,anon,fixed
write $a 8K
dump maps
MMW
{ run_stop_header; cat <<'GDB'
echo @@run-ps\n
mm-ps
echo @@run-vmas\n
mm-vmas $pid
echo @@run-vtop\n
mm-vtop 0x10001234 $pid
echo @@run-vtop-absent\n
mm-vtop 0x10008000 $pid
echo @@run-page\n
python
import re
out = gdb.execute("mm-vtop 0x10001234 $pid", to_string=True)
phys = re.search(r"-> physical (0x[0-9a-f]+)", out)
if phys:
    gdb.execute("mm-page %s" % phys.group(1))
end
echo @@end\n
kill
GDB
} >"$TMPD/cmds"
ASAN_OPTIONS=detect_leaks=0 timeout 300 gdb -nx -batch -x scripts/gdb/mmsim.py \
	-x "$TMPD/cmds" --args "$MMSIM" run -m 256M "$TMPD/proc.mmw" \
	>"$TMPD/out" 2>"$TMPD/err"
expect_section run-ps '^ +[0-9]+ +[0-9]+  probe +0x[0-9a-f]+  [1-9][0-9]*$' "mm-ps on a run"
expect_section run-vmas '^PID [0-9]+ probe: mm 0x[0-9a-f]+, [0-9]+ VMAs$' "mm-vmas: the header"
expect_section run-vmas '^ +0x10000000 +0x10010000  rw-p +[0-9a-f]+ +10000  $' "mm-vmas: the script's mapping (anonymous: pgoff = address >> PAGE_SHIFT)"
expect_section run-vmas '^ +0x7ffff7ffd000 +0x7ffff7fff000  r-xp +[0-9a-f]+ +0  \[vdso\]$' "mm-vmas: the vDSO by its vm_ops name"
expect_section run-vmas '^ +0x400000 +0x401000  r--p .* /probe$' "mm-vmas: the probe's first segment"
expect_section run-vmas '\[stack\]$' "mm-vmas: the stack"
if section run-vmas | grep -q disagrees; then
	not_ok "mm-vmas: tree ranges equal the VMAs" "$(section run-vmas | grep disagrees | head -3)"
else
	ok "mm-vmas: tree ranges equal the VMAs"
fi
expect_section run-vtop '^  PTE\[  1\] @ host 0x[0-9a-f]+ = 0x[0-9a-f]+$' "mm-vtop PID: the PTE level"
expect_section run-vtop '^  -> physical 0x[0-9a-f]+234$' "mm-vtop PID: the written page"
expect_section run-vtop-absent '^  not present$' "mm-vtop PID: a page not touched"
expect_section run-page '^  anonymous page: anon_vma 0x[0-9a-f]+, index 0x10001$' "mm-page of the page mm-vtop found: anonymous"

# An ARM process: its own 16 KiB first-level table, the hardware PTE and
# the Linux PTE 2 KiB below it (arch/arm/mm/pgd.c)
{ run_stop_header; cat <<'GDB'
echo @@arm-run-vtop\n
mm-vtop 0x10001234 $pid
echo @@end\n
kill
GDB
} >"$TMPD/cmds"
ASAN_OPTIONS=detect_leaks=0 timeout 300 gdb -nx -batch -x scripts/gdb/mmsim.py \
	-x "$TMPD/cmds" --args "$MMSIM" run -M vexpress-a9 -m 256M "$TMPD/proc.mmw" \
	>"$TMPD/out" 2>"$TMPD/err"
expect_section arm-run-vtop '^  L1\[ 256\] = 0x[0-9a-f]+831$' "mm-vtop ARM PID: a user table (coarse, bit 4, domain user)"
expect_section arm-run-vtop '^  L2\[  1\] = 0x[0-9a-f]+[a-f0-9]$' "mm-vtop ARM PID: the hardware PTE"
expect_section arm-run-vtop '^  Linux PTE = 0x[0-9a-f]+ \(present young dirty user xn\)$' "mm-vtop ARM PID: the Linux PTE beside it"
expect_section arm-run-vtop '^  -> physical 0x[0-9a-f]+234$' "mm-vtop ARM PID: the written page"

# 32-bit ARM: the short-descriptor walk and the HighMem zone
cat >"$TMPD/cmds" <<'GDB'
set pagination off
break proc_render
run
echo @@arm-vtop\n
mm-vtop 0xc0008000
echo @@arm-zones\n
mm-zones
echo @@end\n
kill
GDB
ASAN_OPTIONS=detect_leaks=0 timeout 300 gdb -nx -batch -x scripts/gdb/mmsim.py \
	-x "$TMPD/cmds" --args "$MMSIM" boot -M vexpress-a9 --proc meminfo \
	>"$TMPD/out" 2>"$TMPD/err"
expect_section arm-vtop '^  section -> physical 0x60008000$' "mm-vtop on ARM (section)"
expect_section arm-zones '^Node 0, zone +HighMem' "mm-zones on ARM"
done_testing
