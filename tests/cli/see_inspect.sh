#!/bin/bash
# tests/cli/see_inspect.sh — mmsim boot --inspect: the command prompt on
# a booted machine (tools/inspect.c, tools/inspect_mm.c), from a file, from
# a pipe, at --stop-at FUNC, and in a terminal (tmux) with completion and
# history.  The views must agree with /proc's figures.
. "$(dirname "$0")/lib.bash"

cat >"$TMPD/cmds" <<'CMDS'
# every view once
mm-memblock
mm-zones
mm-buddy 0 DMA32
mm-page 0x1000
mm-slab
mm-slab kmalloc-128
mm-vmalloc
mm-percpu
kmem -i
kmem -f
kmem -z
kmem -s
kmem -v
kmem -p 0x10
proc buddyinfo
alloc 3
kmalloc 100
vmalloc 20000
ps
CMDS
if expect_boot boot --inspect "$TMPD/cmds"; then
	cp "$TMPD/out" "$TMPD/all"
	for l in "memblock.memory: 2 regions" "memblock.reserved: " "0    DMA32        0x1000" \
		"Node 0, zone DMA32: free blocks by order" "pfn 0x1000  phys 0x1000000  node 0  zone DMA32" \
		"cache kmalloc-128: object_size 128  size 128  align 128  objects/slab 32  order 0" \
		"per-CPU allocator: 2 units of" "TOTAL MEM" "alloc_pages(GFP_KERNEL, 3) = pfn 0x" \
		"kmalloc(100) = phys 0x" "vmalloc(20000) = 0x" "ps: no user processes"; do
		expect_line "$l" "$TMPD/all"
	done
	# the free lists counted by walking them equal buddyinfo's counters
	walk=$(sed -n '/^mmsim> mm-buddy 0 DMA32/,/^nr_free/p' "$TMPD/all" | awk '/^nr_free/ { $1 = ""; print }' | xargs)
	proc=$(awk '/^Node 0, zone +DMA32 +[0-9]/ { for (i = 5; i <= NF; i++) printf "%s ", $i }' "$TMPD/all" | xargs)
	if [ -n "$walk" ] && [ "$walk" = "$proc" ]; then ok "mm-buddy's nr_free equals /proc/buddyinfo"
	else not_ok "mm-buddy's nr_free equals /proc/buddyinfo" "expected: $proc" "got: $walk"; fi
fi

# a page-table walk, level by level, of a fresh vmalloc area
printf 'vmalloc 8192\n' >"$TMPD/v1"
if expect_boot boot --inspect "$TMPD/v1"; then
	addr=$(sed -n 's/^vmalloc(8192) = //p' "$TMPD/out")
	printf 'vmalloc 8192\nmm-vtop %s\nvfree %s\n' "$addr" "$addr" >"$TMPD/v2"
	if expect_boot boot --inspect "$TMPD/v2"; then
		expect_line "  PGD 0x" "$TMPD/out"
		expect_line "  PTE 0x" "$TMPD/out"
		expect_line "4K page => phys 0x" "$TMPD/out"
		expect_line "vfree($addr)" "$TMPD/out"
	fi
fi

# commands from a pipe; ARM's page tables
if printf 'mm-zones\nmm-vtop 0xc0000000\n' | "$MMSIM" boot --arch arm --inspect >"$TMPD/out" 2>"$TMPD/err"; then
	expect_line "0    HighMem" "$TMPD/out"
	expect_line "1M section => phys 0x60000000" "$TMPD/out"
else not_ok "--inspect from a pipe (ARM)" "$(head -3 "$TMPD/err")"; fi

# stopped before memblock_free_all: nothing is free in the buddy allocator yet
printf 'mm-zones\n' >"$TMPD/z"
if expect_boot boot --stop-at memblock_free_all --inspect "$TMPD/z"; then
	free=$(awk '/^0    DMA32/ { print $7 }' "$TMPD/out")
	if [ "$free" = 0 ]; then ok "--stop-at memblock_free_all: DMA32 has no free pages yet"
	else not_ok "--stop-at memblock_free_all: no free pages yet" "expected FREE 0, got '$free'"; fi
	expect_line "Freeing unused kernel image" "$TMPD/out"   # the boot went on
fi

# bad input: one line, non-zero status
expect_reject "no-such-file" boot --inspect "$TMPD/no-such-file"
printf 'mm-zones\nbogus-command\nmm-zones\n' >"$TMPD/bad"
run boot --inspect "$TMPD/bad"
if [ "$RC" -ne 0 ] && grep -q "unknown command 'bogus-command'" "$TMPD/err" && \
   grep -q "bad:2: stopped" "$TMPD/err" && [ "$(grep -c '^mmsim> mm-zones' "$TMPD/out")" -eq 1 ]; then
	ok "a script stops at its first bad command"
else not_ok "a script stops at its first bad command" "exit $RC" "$(cat "$TMPD/err")"; fi
printf 'mm-page 0xfffffffffff\nfree 0x10\n' >"$TMPD/bad2"
run boot --inspect "$TMPD/bad2"
if [ "$RC" -ne 0 ] && grep -q "0xfffffffffff" "$TMPD/err"; then ok "mm-page of no RAM: named"
else not_ok "mm-page of no RAM: named" "$(cat "$TMPD/err")"; fi
run boot --stop-at no_such_function --inspect "$TMPD/z"
if [ "$RC" -ne 0 ] && grep -q "no_such_function" "$TMPD/err"; then ok "--stop-at a function never called"
else not_ok "--stop-at a function never called" "exit $RC" "$(cat "$TMPD/err")"; fi

# a terminal: tmux runs the prompt; Tab completes, Up recalls history
if ! command -v tmux >/dev/null; then
	ok "# SKIP terminal test: tmux is not installed (scripts/deps.sh test installs it)"
else
	sock="$TMPD/tmux.sock"
	tmux -S "$sock" new-session -d -x 160 -y 50 "$MMSIM boot --inspect 2>&1; echo EXIT=\$?; sleep 30"
	wait_for() { local i; for i in $(seq 1 100); do tmux -S "$sock" capture-pane -p -S -200 >"$TMPD/pane"; grep -q "$1" "$TMPD/pane" && return 0; sleep 0.1; done; return 1; }
	if wait_for "^mmsim>"; then
		tmux -S "$sock" send-keys "mm-zo" Tab Enter
		wait_for "START_PFN"
		tmux -S "$sock" send-keys Up Enter
		sleep 0.5
		tmux -S "$sock" send-keys "quit" Enter
		wait_for "EXIT=" || true
		n=$(grep -c "START_PFN" "$TMPD/pane")
		if [ "$n" -eq 2 ] && grep -q "EXIT=0" "$TMPD/pane"; then
			ok "terminal: Tab completed mm-zones, Up ran it again, quit left"
		else
			not_ok "terminal: completion and history" "expected 2 zone tables and EXIT=0, got $n" "$(tail -8 "$TMPD/pane")"
		fi
	else
		not_ok "terminal: the prompt appears" "$(tail -5 "$TMPD/pane")"
	fi
	tmux -S "$sock" kill-server 2>/dev/null
fi

done_testing
