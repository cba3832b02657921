#!/usr/bin/env bash
# measure-guest-kernel.sh - how much memory the rest of the real guest's kernel holds.
#
#   scripts/measure-guest-kernel.sh [--write] MACHINE_DIR SCRIPT_NAME
#
# MACHINE_DIR is a fixture directory with a qemu.txt (its `mmsim-args:` line) and
# SCRIPT_NAME.out, the real guest's output for tests/workloads/{pressure/,}SCRIPT_NAME.mmw.
# At the script's first `dump vmstat` the real guest has nr_free_pages K; `mmsim run` with
# the machine's mmsim-args (any --guest-kernel left out) and the script's `# oracle: swap`
# has M.  M - K pages are what the guest's kernel holds and mmsim does not simulate (the
# slab of its dentries, inodes and kernfs nodes, the stacks and tables of its other tasks:
# mm/guest_kernel.c).  Prints that in bytes; with --write, puts `--guest-kernel BYTES` in
# the mmsim-args line of qemu.txt (the same for every script of the machine).  The lines
# before the first `dump vmstat` should use a known amount of memory (a script whose first
# line is `dump vmstat` is best): their own use is the same on both sides.
# MMSIM (default build/mmsim) is the binary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WRITE=0
[ "${1:-}" = --write ] && { WRITE=1; shift; }
[ $# = 2 ] || { echo "usage: $0 [--write] MACHINE_DIR SCRIPT_NAME" >&2; exit 2; }
DIR=$1
NAME=$2
MMSIM=${MMSIM:-$ROOT/build/mmsim}
die() { echo "measure-guest-kernel: $*" >&2; exit 1; }
[ -f "$DIR/qemu.txt" ] || die "no $DIR/qemu.txt"
[ -f "$DIR/$NAME.out" ] || die "no $DIR/$NAME.out"
SCRIPT=$ROOT/tests/workloads/pressure/$NAME.mmw
[ -f "$SCRIPT" ] || SCRIPT=$ROOT/tests/workloads/$NAME.mmw
[ -f "$SCRIPT" ] || die "no script $NAME.mmw under tests/workloads"
[ -x "$MMSIM" ] || die "no $MMSIM (make)"

args=$(sed -n 's/^mmsim-args: //p' "$DIR/qemu.txt")
[ -n "$args" ] || die "$DIR/qemu.txt has no mmsim-args line"
base=$(printf '%s' "$args" | sed -E 's/ --guest-kernel [0-9]+//')
swap=$(sed -n 's/^# oracle: swap //p' "$SCRIPT")

# nr_free_pages of the first `dump vmstat` of an output
free_at_first_vmstat() {
	awk '/^[0-9]+: dump vmstat$/ { if (!line) { line = $1; f = 1 }; next }
	     f && /^nr_free_pages / { print line, $2; exit }'
}
read -r line kernel < <(free_at_first_vmstat <"$DIR/$NAME.out") || die "$NAME.out has no dump vmstat"
read -r line2 sim < <(eval "\"$MMSIM\" run $base ${swap:+--swap $swap} \"$SCRIPT\"" 2>/dev/null |
	free_at_first_vmstat) || die "mmsim run gave no dump vmstat"
[ "$line" = "$line2" ] || die "the first dump vmstat is line ${line%:} on the guest, ${line2%:} in mmsim"
pages=$((sim - kernel))
[ $pages -gt 0 ] || pages=0
bytes=$((pages * 4096))
echo "$bytes"
if [ $WRITE = 1 ]; then
	sed -i -E "s|^mmsim-args: .*|mmsim-args: $(printf '%s' "$base --guest-kernel $bytes" | sed 's/[|&]/\\&/g')|" \
		"$DIR/qemu.txt"
fi
