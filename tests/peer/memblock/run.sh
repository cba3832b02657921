#!/bin/bash
# tests/peer/memblock/run.sh — build Linux's tools/testing/memblock against
# mmsim and run it: once as the suite builds by default, once with NUMA=1.
#
#   tests/peer/memblock/run.sh SRC OBJDIR OUT [compile-only]
#     SRC     the unpacked kernel tree (its tools/testing/memblock is used
#             unchanged; nothing is written there)
#     OBJDIR  mmsim's objects built with ASan + UBSan (make check's)
#     OUT     where the suite's objects and binaries go
#
# Prints one line per variant, "memblock: P/T passed" (NUMA=1 says so),
# from the suite's own verbose TAP lines ("ok N ..." / "not ok N ...").
# Exit status 0 only when every variant built and every test passed.
set -u
src=$1 obj=$2 out=$3 mode=${4:-run}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
suite=$src/tools/testing/memblock
CC=${CC:-gcc}
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-sanitize=alignment"
# The suite's own flags (its Makefile), then the include order that puts
# the glue's three headers and mmsim's include/ before the suite's stubs.
cflags="-std=gnu11 -O1 -g -Wall $san -D_GNU_SOURCE -DCONFIG_PHYS_ADDR_T_64BIT \
	-I$here/include -I$top/include -iquote $top/include -iquote $top -I$suite"
core=$(find "$obj" -name '*.o' -path "$obj/host/*" -o -name '*.o' \
	\( -path "$obj/lib/*" -o -path "$obj/kernel/*" -o -path "$obj/mm/*" \
	-o -path "$obj/arch/*" -o -path "$obj/init/*" -o -path "$obj/fs/*" \
	-o -path "$obj/drivers/*" \) | sort)
[ -n "$core" ] || { echo "memblock: no mmsim objects in $obj" >&2; exit 1; }

status=0
for variant in default numa; do
	dir=$out/$variant
	mkdir -p "$dir"
	extra=""
	[ $variant = numa ] && extra="-DCONFIG_NUMA -DCONFIG_NODES_SHIFT=4"
	objs=""
	for c in main.c tests/basic_api.c tests/alloc_api.c \
		 tests/alloc_helpers_api.c tests/alloc_nid_api.c tests/common.c; do
		o=$dir/$(basename "$c" .c).o
		# -w: the suite's files are compiled as its Makefile compiles
		# them (-Wall, no -Werror); their warnings are not ours to fix
		# the suite's parse_args() (its option parser) would clash
		# with the kernel's own, mmsim's kernel/params.c: renamed
		if ! $CC $cflags $extra -w -Dparse_args=memblock_test_parse_args \
			-c -o "$o" "$suite/$c"; then
			echo "memblock ($variant): $c does not compile" >&2
			status=1; continue 2
		fi
		objs="$objs $o"
	done
	if ! $CC $cflags $extra -Wextra -Werror -Wno-unused-parameter -c -o "$dir/glue.o" "$here/glue.c" ||
	   ! $CC $san -pthread -o "$dir/main" $objs "$dir/glue.o" $core -lm -lfdt; then
		echo "memblock ($variant): does not link" >&2
		status=1; continue
	fi
	[ "$mode" = compile-only ] && continue
	"$dir/main" -v >"$dir/log" 2>&1
	rc=$?
	pass=$(grep -c '^ok ' "$dir/log")
	fail=$(grep -c '^not ok ' "$dir/log")
	label="memblock"
	[ $variant = numa ] && label="memblock NUMA=1"
	echo "$label: $pass/$((pass + fail)) passed"
	if [ $rc -ne 0 ] || [ "$fail" -ne 0 ]; then
		echo "$label: exit $rc; the last lines of $dir/log:" >&2
		tail -5 "$dir/log" >&2
		status=1
	fi
done
exit $status
