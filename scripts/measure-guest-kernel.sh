#!/usr/bin/env bash
# measure-guest-kernel.sh - how much memory the rest of the real guest holds, by kind.
#
#   scripts/measure-guest-kernel.sh [--write] MACHINE_DIR SCRIPT_NAME
#
# MACHINE_DIR is a fixture directory with a qemu.txt (its `mmsim-args:` line) and
# SCRIPT_NAME.out, the real guest's output for tests/workloads/{pressure/,}SCRIPT_NAME.mmw.
# The real guest holds memory mmsim's machine does not (mm/guest_kernel.c), of three kinds;
# each is read at the script's first `dump vmstat`, where the real guest and `mmsim run`
# with the machine's mmsim-args (any --guest-* left out) and the script's `# oracle: swap`
# have run the same lines:
#   shmem   the tmpfs root (initramfs): the guest's nr_shmem - mmsim's
#   anon    init's anonymous pages: the guest's nr_anon_pages - mmsim's
#   kernel  the rest (slab of its dentries, inodes and kernfs nodes, stacks of its kernel
#           threads): with --guest-shmem and --guest-anon given, mmsim's nr_free_pages - the
#           guest's
# Prints `--guest-kernel BYTES --guest-shmem BYTES --guest-anon BYTES`; with --write, puts
# that in the mmsim-args line of qemu.txt (the same for every script of the machine).  The
# lines before the first `dump vmstat` should use a known amount of memory and cause no
# reclaim (a script whose first line is `dump vmstat` is best): their own use is the same on
# both sides.  MMSIM (default build/mmsim) is the binary.
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
base=$(printf '%s' "$args" | sed -E 's/ --guest-(kernel|shmem|anon) [0-9]+//g')
swap=$(sed -n 's/^# oracle: swap //p' "$SCRIPT")

# "LINE nr_free_pages nr_shmem nr_anon_pages" of the first `dump vmstat` of an output
first_vmstat() {
	awk '/^[0-9]+: dump vmstat$/ { if (!line) { line = $1; f = 1 }; next }
	     f && /^[0-9]+: end$/ { print line, v["nr_free_pages"], v["nr_shmem"], v["nr_anon_pages"]; exit }
	     f { v[$1] = $2 }'
}
# the same of `mmsim run` with the base arguments and "$@"
sim_first_vmstat() {
	eval "\"$MMSIM\" run $base ${swap:+--swap $swap} $* \"$SCRIPT\"" 2>/dev/null | first_vmstat
}
read -r line kfree kshmem kanon < <(first_vmstat <"$DIR/$NAME.out") || die "$NAME.out has no dump vmstat"
[ -n "$kanon" ] || die "$NAME.out: its first dump vmstat lacks nr_free_pages, nr_shmem or nr_anon_pages"
read -r line2 _ sshmem sanon < <(sim_first_vmstat) || die "mmsim run gave no dump vmstat"
[ "$line" = "$line2" ] || die "the first dump vmstat is line ${line%:} on the guest, ${line2%:} in mmsim"
pos() { [ "$1" -gt 0 ] && echo "$1" || echo 0; }
shmem=$(pos $((kshmem - sshmem)))
anon=$(pos $((kanon - sanon)))
parts="--guest-shmem $((shmem * 4096)) --guest-anon $((anon * 4096))"
read -r _ sfree _ _ < <(sim_first_vmstat "$parts") || die "mmsim run $parts gave no dump vmstat"
kernel=$(pos $((sfree - kfree)))
guest="--guest-kernel $((kernel * 4096)) $parts"
echo "$guest"
if [ $WRITE = 1 ]; then
	sed -i -E "s|^mmsim-args: .*|mmsim-args: $(printf '%s' "$base $guest" | sed 's/[|&]/\\&/g')|" \
		"$DIR/qemu.txt"
fi
