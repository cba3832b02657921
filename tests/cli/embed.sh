#!/bin/bash
# tests/cli/embed.sh — libmmsim as an embedder meets it: `make lib` and
# `make install PREFIX=<tmp>` (reusing the objects of the build under test),
# then every program of examples/ and the misuse cases of tests/embed/
# built with `cc $(pkg-config --cflags --libs mmsim)` and run; the binary
# copied out of the tree boots from its built-in data; --version.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(dirname "$MMSIM")
INST=$TMPD/inst
# the build's own switches, so that make reuses its objects
SAN=0; grep -q -- '-fsanitize=address' "$BUILD/.flags" && SAN=1
O=$(grep -o -- ' -O[0-9s]' "$BUILD/.flags" | head -1 | tr -d ' O-')
DEBUG=$(grep -o -- '-DMMSIM_DEBUG=[0-9]' "$BUILD/.flags" | head -1 | cut -d= -f2)
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

if make -C "$ROOT" --no-print-directory BUILD="$BUILD" SAN=$SAN O="${O:-2}" \
	DEBUG="${DEBUG:-1}" PREFIX="$INST" lib install >"$TMPD/make.log" 2>&1; then
	ok "make lib && make install PREFIX=<tmp>"
else
	not_ok "make lib && make install PREFIX=<tmp>" "$(tail -5 "$TMPD/make.log")"
fi
for f in lib/libmmsim.a lib/libmmsim.so.0 lib/pkgconfig/mmsim.pc include/mmsim-0/mmsim/mmsim.h \
	include/mmsim-0/linux/slab.h share/mmsim/configs/config-6.1.0-56-amd64 bin/mmsim; do
	if [ -e "$INST/$f" ]; then ok "installed $f"; else not_ok "installed $f" "missing: $INST/$f"; fi
done

export PKG_CONFIG_PATH=$INST/lib/pkgconfig LD_LIBRARY_PATH=$INST/lib
# build NAME SOURCE : cc SOURCE $(pkg-config ...) -o $TMPD/NAME
build() {
	# shellcheck disable=SC2046
	if cc -std=gnu11 -Wall -Wextra -Werror -o "$TMPD/$1" "$2" \
		$(pkg-config --cflags --libs mmsim) 2>"$TMPD/cc.log"; then
		ok "cc \$(pkg-config --cflags --libs mmsim) $(basename "$2")"
		return 0
	fi
	not_ok "cc \$(pkg-config --cflags --libs mmsim) $(basename "$2")" "$(head -5 "$TMPD/cc.log")"
	return 1
}
# example NAME ARGS... : build and run examples/NAME.c, which must exit 0
example() {
	local name=$1; shift
	build "$name" "$ROOT/examples/$name.c" || return
	if "$TMPD/$name" "$@" >"$TMPD/$name.out" 2>&1; then
		ok "examples/$name runs"
	else
		not_ok "examples/$name runs" "exit status $?" "$(tail -5 "$TMPD/$name.out")"
	fi
}
example allocators
grep -q "kmalloc(100): ksize 128" "$TMPD/allocators.out" && ok "allocators: kmalloc-128" ||
	not_ok "allocators: kmalloc-128" "expected 'kmalloc(100): ksize 128'" "got: $(cat "$TMPD/allocators.out")"
example two_machines
example cpu_threads
example custom_config "$INST/share/mmsim/configs/config-6.1.0-56-amd64"
example process "$INST/share/mmsim/probe/probe-x86_64"
# main wrote 64 KiB of its 1 MiB mapping, the child copied one page on write
if grep -q "^7ffff7.*rw-p 00000000 00:00 0 *$" "$TMPD/process.out" &&
	[ "$(grep -c '^VmRSS:' "$TMPD/process.out")" = 2 ]; then
	ok "process: the mapping in maps, VmRSS of parent and child"
else
	not_ok "process: maps and status of both" "got: $(head -20 "$TMPD/process.out")"
fi

# misuse: one line on stderr, the expected status, no crash
if build misuse "$ROOT/tests/embed/misuse.c"; then
	for c in no-machine:70:"no current machine" after-destroy:70:"no current machine" \
		enter-destroyed:1:"not a live machine" enter-unbooted:1:"not booted" \
		bad-cpu:1:"CPU 7 does not exist"; do
		name=${c%%:*}; rest=${c#*:}; want=${rest%%:*}; text=${rest#*:}
		"$TMPD/misuse" "$name" >/dev/null 2>"$TMPD/err"
		rc=$?
		lines=$(wc -l <"$TMPD/err")
		if [ "$rc" -eq "$want" ] && [ "$lines" -eq 1 ] && grep -qF "$text" "$TMPD/err"; then
			ok "misuse $name: one line, status $want"
		else
			not_ok "misuse $name" "expected status $want and one line with '$text'" \
				"got status $rc, $lines lines: $(head -3 "$TMPD/err")"
		fi
	done
fi

# a copy of the binary outside the tree boots from its built-in data
mkdir -p "$TMPD/copy"
cp "$MMSIM" "$TMPD/copy/mmsim"
MMSIM=$TMPD/copy/mmsim
if expect_boot boot -m 256M; then
	expect_line "Memory: " "$TMPD/out"
fi
run --version
if [ "$RC" -eq 0 ] && grep -q "^mmsim [0-9]*\.[0-9]*\.[0-9]* .*data: (built-in)" "$TMPD/out"; then
	ok "--version of a copied binary names the built-in data"
else
	not_ok "--version" "got status $RC: $(cat "$TMPD/out" "$TMPD/err")"
fi
done_testing
