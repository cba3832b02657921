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
