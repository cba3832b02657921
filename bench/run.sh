#!/bin/sh
# bench/run.sh BUILD_DIR — build and run every benchmark (make bench).
#
# Each bench/*_bench.c is one program with its own main(), linked against
# the simulator's objects in BUILD_DIR (built by `make bench` first, with
# SAN=0 DEBUG=0 O=2) and the cmocka-free test fixtures of tests/common/
# it needs.  Libraries the benchmarks compare against (mimalloc) come from
# scripts/deps.sh bench.  Benchmarks are never part of `make check`.
set -eu
build=${1:-build/bench}
CC=${CC:-gcc}
scripts/deps.sh bench

CFLAGS="-std=gnu11 -O2 -g -DMMSIM_DEBUG=0 -D_GNU_SOURCE -pthread -Wall -Wextra -Werror \
	-iquote include -iquote . -iquote tests/common"

# The simulator proper: the objects of every source file of the core dirs.
objs=""
for src in $(find host lib kernel mm arch init fs drivers -name '*.c' 2>/dev/null | sort); do
	objs="$objs $build/${src%.c}.o"
done
objs="$objs $build/host/data_blob.o"   # data/ built in (the Makefile's DATA_BLOB)
libs="-lmimalloc -lfdt -ldw -lelf -ledit -lm"

mkdir -p "$build/bench"
for b in bench/*_bench.c; do
	[ -f "$b" ] || continue
	name=$(basename "$b" .c)
	$CC $CFLAGS -o "$build/bench/$name" "$b" tests/common/buddy_machine.c \
		$objs -pthread $libs
	# slub_bench runs once below, next to the mallocs
	[ "$name" = slub_bench ] || "$build/bench/$name"
done

# --- SLUB next to the host's malloc()s (bench/slub_bench.c) ---
# bench/malloc_peer.c runs slub_bench's workloads on malloc/free; several
# mallocs cannot share a process, so slub_bench runs it once per
# allocator with LD_PRELOAD and prints one table of ratios.
$CC -std=gnu11 -O2 -g -pthread -o "$build/bench/malloc_peer" bench/malloc_peer.c
lib() { $CC -print-file-name="$1"; }
"$build/bench/slub_bench" --peers "$build/bench/malloc_peer" glibc= \
	mimalloc="$(lib libmimalloc.so.2)" jemalloc="$(lib libjemalloc.so.2)" \
	tcmalloc="$(lib libtcmalloc.so.4)"

# --- a near-1 TiB machine: -m 896G, 16 nodes of 56G, the lazy memory map ---
# (mm/memmap_lazy.c).  Peak host RSS and time of one boot; the eager
# memory map of the same machine (about 14 GiB of host memory, a minute
# or more) only with MMSIM_BENCH_EAGER_896=1.
numa=""
for n in $(seq 0 15); do numa="$numa -numa node,mem=56G,cpus=$n"; done
boot896() {
	/usr/bin/time -f "%M %e %U %S" -o "$build/bench/boot896.time" \
		"$build/mmsim" boot -m 896G -smp 16,sockets=16 $numa --memmap "$1" -q
	read -r rss_kb wall user sys <"$build/bench/boot896.time"
	printf 'boot -m 896G, 16 nodes, --memmap %-5s: peak host RSS %6d MiB (target <= 2048), %s s (CPU %s s user + %s s sys)\n' \
		"$1" $((rss_kb / 1024)) "$wall" "$user" "$sys"
}
echo
boot896 lazy
[ "${MMSIM_BENCH_EAGER_896:-0}" = 1 ] && boot896 eager
exit 0
