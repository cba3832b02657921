#!/bin/bash
# tests/cli/see_run.sh — mmsim run --inspect: the inspector after a
# workload script, its processes still alive (tools/inspect_proc.c):
# ps lists the forked child under the script's name, vm's VMAs match
# `dump maps`, bad PIDs are refused.
. "$(dirname "$0")/lib.bash"

cat >"$TMPD/s.mmw" <<'SCRIPT'
a = mmap 0 64K rw- private,anon
write $a 8K
fork kid
kid: write $a 4K
dump maps
SCRIPT
printf 'ps\nvm 1\nmm-vmas 2\n' >"$TMPD/cmds"
run run --inspect "$TMPD/cmds" "$TMPD/s.mmw"
maps=$(sed -n '/^5: dump maps$/,/^5: end$/p' "$TMPD/out" | grep -c '^[0-9a-f]*-')
pids=$(sed -n '/^mmsim> ps$/,/^mmsim> vm/p' "$TMPD/out" | awk '$1 ~ /^[0-9]+$/ {print $1 "/" $2}' | tr '\n' ' ')
if [ "$RC" -eq 0 ] && [ "$pids" = "1/0 2/1 " ] && ! sanitizer_report; then
	ok "ps lists main and the forked child"
else not_ok "ps lists main and the forked child" "exit $RC" "expected: 1/0 2/1" "got: $pids" "$(head -3 "$TMPD/err")"; fi
names=$(sed -n '/^mmsim> ps$/,/^mmsim> vm/p' "$TMPD/out" | awk '$1 ~ /^[0-9]+$/ {print $1 "=" $NF}' | tr '\n' ' ')
if [ "$names" = "1=main 2=kid " ]; then ok "ps names each process as the script does"
else not_ok "ps names each process as the script does" "expected: 1=main 2=kid" "got: $names"; fi
if grep -qx 'processes: main=1 kid=2' "$TMPD/out"; then ok "the script's names of the pids"
else not_ok "the script's names of the pids" "expected: processes: main=1 kid=2" "got: $(grep '^processes' "$TMPD/out")"; fi
cnt=$(grep -o 'map_count [0-9]*' "$TMPD/out" | awk '{print $2}')
vmas=$(sed -n '/^mmsim> vm 1$/,/^mmsim> mm-vmas/p' "$TMPD/out" | grep -cE '^ *0x[0-9a-f]+ +0x[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+( |$)')
if [ "$maps" -gt 3 ] && [ "$cnt" = "$maps" ] && [ "$vmas" = "$maps" ]; then
	ok "vm: map_count and VMA lines equal the dump maps lines"
else not_ok "vm: map_count and VMA lines equal the dump maps lines" "maps lines: $maps" "map_count: $cnt" "VMA lines: $vmas"; fi
kidvmas=$(sed -n '/^mmsim> mm-vmas 2$/,$p' "$TMPD/out" | grep -cE '^ *0x[0-9a-f]+ +0x[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+( |$)')
if [ "$kidvmas" = "$maps" ]; then ok "mm-vmas of the child"
else not_ok "mm-vmas of the child" "expected $maps VMAs" "got: $kidvmas"; fi

printf 'vm 99\n' >"$TMPD/bad"
run run --inspect "$TMPD/bad" "$TMPD/s.mmw"
if [ "$RC" -eq 2 ] && grep -q "no process with PID 99" "$TMPD/err" && ! sanitizer_report; then
	ok "vm of an unknown PID is refused"
else not_ok "vm of an unknown PID is refused" "exit $RC" "$(cat "$TMPD/err")"; fi

# mm-vtop ADDR PID: the child's page tables; the written page is mapped,
# a page of the VMA never touched is not.
a=$(sed -n 's/^1: //p' "$TMPD/out")
printf 'mm-vtop %s 2\nmm-vtop %#x 2\n' "$a" $((a + 0x7000)) >"$TMPD/vt"
run run --inspect "$TMPD/vt" "$TMPD/s.mmw"
w=$(sed -n '/^mmsim> mm-vtop/,$p' "$TMPD/out" | grep -cE '^  (4K page => phys|PTE .*not present)')
if [ "$RC" -eq 0 ] && [ "$w" = 2 ] && sed -n '/^mmsim> mm-vtop/,$p' "$TMPD/out" | sed -n 7p | grep -q '4K page' &&
   [ "$(sed -n '/^mmsim> mm-vtop/,$p' "$TMPD/out" | grep -c PGD)" = 2 ] && ! sanitizer_report; then
	ok "mm-vtop ADDR PID walks the user page tables"
else not_ok "mm-vtop ADDR PID walks the user page tables" "exit $RC" "$(sed -n '/^mmsim> mm-vtop/,$p' "$TMPD/out")" "$(head -3 "$TMPD/err")"; fi

# The same on 32-bit ARM: the process's own first-level table, then the
# Linux PTE and its hardware twin 2 KiB above it (arch/arm/mm/pgd.c).
printf 'a = mmap 0x10000000 64K rw- private,anon,fixed\nwrite $a 8K\n' >"$TMPD/arm.mmw"
printf 'mm-vtop 0x10001234 1\nmm-vtop 0x10008000 1\n' >"$TMPD/vt"
run run -M vexpress-a9 -m 256M --inspect "$TMPD/vt" "$TMPD/arm.mmw"
v=$(sed -n '/^mmsim> mm-vtop/,$p' "$TMPD/out")
if [ "$RC" -eq 0 ] && echo "$v" | grep -qE '^  pgd 0x[0-9a-f]+, first-level entry 0x[0-9a-f]+: 0x[0-9a-f]{5}831$' &&
   echo "$v" | grep -qE '^  Linux PTE 0x[0-9a-f]+004: 0x[0-9a-f]{5}75f$' &&
   echo "$v" | grep -qE '^  h/w PTE   0x[0-9a-f]+804: 0x[0-9a-f]{5}c7f$' &&
   echo "$v" | grep -q '^  4K page => phys 0x[0-9a-f]*234$' &&
   echo "$v" | grep -q '^  ARM MMU: invalid' && ! sanitizer_report; then
	ok "mm-vtop ADDR PID on ARM: L1 word, Linux and hardware PTEs"
else not_ok "mm-vtop ADDR PID on ARM: L1 word, Linux and hardware PTEs" "exit $RC" "$v" "$(head -3 "$TMPD/err")"; fi

# --calls FUNC: the run's call tree (build/mmsim-calls); an anonymous
# write faults through do_anonymous_page.
run run --calls handle_mm_fault --depth 4 "$TMPD/s.mmw"
if [ "$RC" -eq 0 ] && grep -q '^5: end$' "$TMPD/out" &&
   grep -q '^handle_mm_fault  *mm/' "$TMPD/out" &&
   grep -q 'do_anonymous_page' "$TMPD/out" && ! sanitizer_report; then
	ok "--calls handle_mm_fault shows do_anonymous_page"
else not_ok "--calls handle_mm_fault shows do_anonymous_page" "exit $RC" "$(grep -c . "$TMPD/out") lines" "$(head -3 "$TMPD/err")"; fi
run run --calls no_such_function "$TMPD/s.mmw"
if [ "$RC" -ne 0 ] && grep -q "never called 'no_such_function'" "$TMPD/err"; then
	ok "--calls of a function never called is an error"
else not_ok "--calls of a function never called is an error" "exit $RC" "$(cat "$TMPD/err")"; fi
expect_reject "lots" run --calls --depth lots "$TMPD/s.mmw"
expect_reject "--depth" run --depth 2 "$TMPD/s.mmw"

# --html FILE: each process's VMAs and resident KiB, drawn by the page
# (headless chromium when there is one).
run run --html "$TMPD/page.html" "$TMPD/s.mmw"
if [ "$RC" -eq 0 ] && grep -q '"processes":\[{"pid":1,' "$TMPD/page.html" && ! sanitizer_report; then
	ok "--html writes the processes into the page"
else not_ok "--html writes the processes into the page" "exit $RC" "$(head -3 "$TMPD/err")"; fi
browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
	ok "# SKIP headless browser: chromium is not installed"
else
	timeout 180 "$browser" --headless=new --no-sandbox --disable-gpu --user-data-dir="$TMPD/chrome" \
		--virtual-time-budget=15000 --dump-dom "file://$TMPD/page.html" >"$TMPD/dom.html" 2>/dev/null
	rows=$(sed 's/<section/\n<section/g' "$TMPD/dom.html" | grep '<section id="proc-2"' | sed 's/<\/section>.*//' |
		grep -o '<tr>' | wc -l)
	if grep -q 'data-ready="1"' "$TMPD/dom.html" && [ "$rows" = $((maps + 1)) ]; then
		ok "the page draws the child's VMAs"
	else not_ok "the page draws the child's VMAs" "expected $((maps + 1)) rows (header + $maps VMAs)" "got: $rows"; fi
fi

done_testing
