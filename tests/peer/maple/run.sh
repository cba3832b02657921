#!/bin/bash
# tests/peer/maple/run.sh — Linux's maple tree test-suite built against
# mmsim's maple tree (lib/maple_tree*.c, include/linux/maple_tree.h).
#
#   tests/peer/maple/run.sh SRC OBJDIR OUT
#     SRC     an unpacked linux-source-6.1 tree (read only); files it lacks
#             are unpacked from /usr/src/linux-source-6.1.tar.xz into OUT
#     OBJDIR  unused (the maple tree is compiled here from lib/maple_tree.c,
#             maple_tree_write.c, maple_tree_rebalance.c and
#             maple_tree_validate.c with ASan + UBSan, as make check does)
#     OUT     where objects, binaries and the log go
#
# What runs: lib/test_maple_tree.c (the kernel's API tests, unchanged)
# with the user-space harness of tools/testing/radix-tree (its headers,
# its kmem_cache in linux.c: counted, and failing GFP_NOWAIT allocations
# as the kernel's test-suite does), through peer_test.c and glue_mmsim.c.
# tools/testing/radix-tree/maple.c is not built: it tests the kernel's
# internal functions through its own copy of the kernel's lib/maple_tree.c
# (it includes the .c file and reaches static functions and the node
# stack's layout), which cannot be pointed at mmsim's.
#
# One check fails on 6.1.192's own maple tree as well (next_prev_test,
# line 1991: the test expects a later kernel's mas_next() end position),
# so the best count for a faithful 6.1.192 tree is all but one.
#
# Prints "maple: P/T checks passed" (MT_BUG_ON counts).  Exit 0 only when
# it built and every check passed.  Needs liburcu-dev (installed when
# missing and running as root).
set -u
src=$1 obj=${2:-} out=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
CC=${CC:-gcc}
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-sanitize=alignment"
mkdir -p "$out"

if ! dpkg-query -W -f='${Status}' liburcu-dev 2>/dev/null | grep -q "ok installed"; then
	if [ "$(id -u)" = 0 ]; then
		echo "installing liburcu-dev"
		apt-get install -y -q liburcu-dev >"$out/apt.log" 2>&1 ||
			{ echo "maple: cannot install liburcu-dev" >&2; exit 1; }
	else
		echo "maple: liburcu-dev is needed" >&2; exit 1
	fi
fi

# The harness needs the kernel's tools/ and a few of its headers.
need="tools/testing/radix-tree tools/include lib/test_maple_tree.c lib/maple_tree.c
      include/linux/xarray.h include/linux/radix-tree.h include/linux/idr.h
      include/linux/kconfig.h include/linux/bitmap.h include/linux/math.h
      include/linux/rwsem.h include/linux/log2.h include/linux/gfp.h
      include/uapi include/asm-generic include/linux/types.h"
ksrc=$src
for f in $need; do
	if [ ! -e "$src/$f" ]; then
		ksrc=$out/linux-source-6.1
		break
	fi
done
if [ "$ksrc" != "$src" ] && { [ ! -f "$ksrc/.unpacked" ] || [ ! -f "$ksrc/lib/maple_tree.c" ]; }; then
	[ -f "$tarball" ] || { echo "maple: $tarball is missing (linux-source-6.1)" >&2; exit 1; }
	tar -C "$out" -xf "$tarball" linux-source-6.1/tools linux-source-6.1/include \
		linux-source-6.1/lib/test_maple_tree.c linux-source-6.1/lib/maple_tree.c ||
		{ echo "maple: cannot unpack $tarball" >&2; exit 1; }
	touch "$ksrc/.unpacked"
fi
rt=$ksrc/tools/testing/radix-tree

# <linux/maple_tree.h> for the test: mmsim's header with its own includes
# dropped and its spinlock type renamed (peer_prelude.h), then the
# debug-build additions of the kernel's header (peer_trailer.h).
mkdir -p "$out/include/linux" "$out/generated"
{
	echo '#include "peer_prelude.h"'
	sed -e '/^#include "linux\//d' \
	    -e 's/\bspinlock_t\b/mmsim_spinlock_t/g' \
	    -e 's/\bspin_lock_init(/mmsim_spin_lock_init(/g' \
	    -e 's/\bspin_lock(/mmsim_spin_lock(/g' \
	    -e 's/\bspin_unlock(/mmsim_spin_unlock(/g' \
	    "$top/include/linux/maple_tree.h"
	echo '#define atomic_t int32_t'
	echo '#include "peer_trailer.h"'
	echo '#define atomic_inc(x) uatomic_inc(x)'
	echo '#define atomic_read(x) uatomic_read(x)'
	echo '#define atomic_set(x, y) do {} while (0)'
	echo '#define U8_MAX UCHAR_MAX'
} >"$out/include/linux/maple_tree.h"
echo "#define XA_CHUNK_SHIFT 3" >"$out/generated/map-shift.h"
echo "#define CONFIG_64BIT 1" >"$out/generated/bit-length.h"

hflags="-g -O1 -w -D_LGPL_SOURCE $san -I$here -I$out/include -I$out -I$out/generated -I$rt -I$ksrc/tools/include -I$ksrc"
mflags="-std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-missing-field-initializers -fno-strict-aliasing -D_GNU_SOURCE \
	-DMMSIM_DEBUG=1 $san -iquote $top/include -iquote $top -I$here"
log=$out/build.log
: >"$log"
ok=1
for f in maple_tree maple_tree_write maple_tree_rebalance maple_tree_validate; do
	$CC $mflags -c -o "$out/$f.o" "$top/lib/$f.c" >>"$log" 2>&1 || ok=0
done
$CC $mflags -c -o "$out/glue_mmsim.o" "$here/glue_mmsim.c" >>"$log" 2>&1 || ok=0
$CC $hflags -c -o "$out/linux.o" "$rt/linux.c" >>"$log" 2>&1 || ok=0
$CC $hflags -c -o "$out/peer_test.o" "$here/peer_test.c" >>"$log" 2>&1 || ok=0
if [ $ok = 1 ]; then
	$CC $san -o "$out/maple" "$out/peer_test.o" "$out/linux.o" \
		"$out/maple_tree.o" "$out/maple_tree_write.o" \
		"$out/maple_tree_rebalance.o" "$out/maple_tree_validate.o" "$out/glue_mmsim.o" -lpthread -lurcu >>"$log" 2>&1 || ok=0
fi
if [ $ok = 0 ]; then
	echo "maple: does not build; the first errors of $log:" >&2
	grep -m 10 -E 'error|undefined' "$log" >&2
	exit 1
fi

"$out/maple" >"$out/log" 2>&1
rc=$?
line=$(grep -E '^maple_tree: [0-9]+ of [0-9]+ tests passed' "$out/log" | tail -1)
if [ -z "$line" ]; then
	run=$(grep -c . "$out/log")
	echo "maple: the suite stopped early (exit $rc); the last lines of $out/log:" >&2
	tail -5 "$out/log" >&2
	exit 1
fi
set -- $line
echo "maple: $2/$4 checks passed (lib/test_maple_tree.c)"
suite_ok=0
[ $rc -eq 0 ] && [ "$2" = "$4" ] && suite_ok=1

# The differential run: the same writes on 6.1.192's own lib/maple_tree.c
# (diff_kernel.c) and on mmsim's (diff_mmsim.c); heights, node counts and
# leaf boundaries after every write must be equal.
dok=1
kflags="-g -O1 -w -D_LGPL_SOURCE $san -I$rt -I$ksrc/tools/include -I$ksrc -I$out -I$out/generated"
$CC $kflags -Dfallthrough='__attribute__((__fallthrough__))' \
	-c -o "$out/diff_kernel.o" "$here/diff_kernel.c" >>"$log" 2>&1 || dok=0
$CC $mflags -c -o "$out/diff_mmsim.o" "$here/diff_mmsim.c" >>"$log" 2>&1 || dok=0
[ $dok = 1 ] && $CC $san -o "$out/diff_kernel" "$out/diff_kernel.o" "$out/linux.o" \
	-lpthread -lurcu >>"$log" 2>&1 || dok=0
[ $dok = 1 ] && $CC $san -o "$out/diff_mmsim" "$out/diff_mmsim.o" "$out/linux.o" \
	"$out/maple_tree.o" "$out/maple_tree_write.o" "$out/maple_tree_rebalance.o" \
	"$out/maple_tree_validate.o" "$out/glue_mmsim.o" -lpthread -lurcu >>"$log" 2>&1 || dok=0
if [ $dok = 0 ]; then
	echo "maple: the differential run does not build; see $log" >&2
	exit 1
fi
"$out/diff_kernel" >"$out/diff_kernel.out" 2>&1 &&
	"$out/diff_mmsim" >"$out/diff_mmsim.out" 2>&1 || dok=0
writes=$(grep -c '^[0-9]' "$out/diff_kernel.out")
if [ $dok = 1 ] && cmp -s "$out/diff_kernel.out" "$out/diff_mmsim.out"; then
	echo "maple: $writes writes, same leaves, height and node count as 6.1.192's lib/maple_tree.c"
else
	echo "maple: differs from 6.1.192's lib/maple_tree.c (kernel, then mmsim):" >&2
	diff "$out/diff_kernel.out" "$out/diff_mmsim.out" | head -4 >&2
	exit 1
fi
[ $suite_ok = 1 ]
