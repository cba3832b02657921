# mmsim — the Linux 6.1 memory manager as a user-space simulator.
#
#   make            build build/mmsim
#   make run        build, then boot the default machine (pc, 512M, 2 CPUs)
#                   with memblock=debug
#   make check      unit + parity + CLI tests, built with ASan and UBSan
#   make peer-check Linux's own user-space test suites built against mmsim
#                   (installs Debian's linux-source-6.1; not part of check)
#   make debug      build/debug/mmsim unoptimised with macro information,
#                   for GDB (scripts/gdb/mmsim.py)
#   make bench      benchmarks (never part of the tests)
#   make lib        build/libmmsim.a and build/libmmsim.so (the embeddable library)
#   make install    install bin/mmsim, the libraries, the headers, mmsim.pc and
#                   the data under PREFIX (default /usr/local; DESTDIR too)
#   make probe      the real-kernel probe (build/probe/probe-x86_64, probe-arm)
#   make fuzz       build the fuzz targets with clang's libFuzzer and run each
#                   FUZZ_SECONDS (default 60) at nice 19, one at a time
#   make failsweep  fail every host request of a boot and of a short
#                   workload in turn (MMSIM_FAIL_HOST, ASan build with leak
#                   checking); make check runs a sample of it
#   make stress     10^7 mixed operations over every allocator and the
#                   process system calls on two simulated CPUs (STRESS_OPS=N
#                   to change; not part of check, which runs 20000)
#   make help       this text, and the switches
#
# Switches (on the command line):
#   SAN=1           build with AddressSanitizer + UndefinedBehaviorSanitizer
#   SAN=thread      build with ThreadSanitizer; `make check SAN=thread` runs
#                   the tests where simulated CPUs run concurrently
#   DEBUG=N         self-check level 0..3 (VM_BUG_ON / validators; default 1)
#   O=N             optimisation level (default 2)
#   BUILD=DIR       output directory (default build)
#   CHECK_BUILD=DIR output directory of `make check` (default build/check)
#   V=1             print every command in full (default: one short line each)
#   PREFIX=DIR      where `make install` puts things (default /usr/local)
#
# Changing a switch rebuilds what it affects: the flags of each build
# directory are kept in BUILD/.flags and every object depends on them.
#
# One GNU Makefile, no configure step.  Everything the build needs from Debian
# is installed by scripts/deps.sh, called from here only when it is missing.

BUILD   ?= build
SAN     ?= 0
DEBUG   ?= 1
O       ?= 2
CC      ?= gcc
PREFIX  ?= /usr/local
# The version lives in one place: include/mmsim/mmsim.h.
VERSION := $(shell sed -n 's/^\#define MMSIM_VERSION "\(.*\)"/\1/p' include/mmsim/mmsim.h)
SOVERSION := $(firstword $(subst ., ,$(VERSION)))

CFLAGS_BASE := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-missing-field-initializers -fno-strict-aliasing \
	-O$(O) -g -iquote include -iquote . -DMMSIM_DEBUG=$(DEBUG) \
	-D_GNU_SOURCE -pthread -fno-omit-frame-pointer
# Every object can go into the shared library: position-independent, calls
# inside the library bound locally, the per-thread machine pointer in
# static TLS (as fast as in an executable).
CFLAGS_BASE += -fPIC -fno-semantic-interposition -ftls-model=initial-exec
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-sanitize=alignment
ifeq ($(SAN),1)
CFLAGS_BASE += $(SANFLAGS)
LDFLAGS_SAN := $(SANFLAGS)
endif
# SAN=thread: ThreadSanitizer (not with ASan: one sanitizer of memory
# accesses per build).  make check SAN=thread runs the tests where
# simulated CPUs run concurrently (CONCURRENT_TESTS below).
ifeq ($(SAN),thread)
CFLAGS_BASE += -fsanitize=thread
LDFLAGS_SAN := -fsanitize=thread
endif
CFLAGS  := $(CFLAGS_BASE) $(EXTRA_CFLAGS)
LDFLAGS := -pthread $(LDFLAGS_SAN) $(EXTRA_LDFLAGS)
LDLIBS  := -lm -lfdt -ldw -lelf -ledit

# The call tree (mmsim boot --calls, kernel/trace/calltrace.c): a second
# binary, BUILD/mmsim-calls, whose kernel-side code calls
# __cyg_profile_func_enter/exit at every function entry and exit; `mmsim
# boot --calls` runs it.  (In build/mmsim itself the hooks, even switched
# off, made an 8G boot 35-40% slower.)  Left out: host/ and tools/ (not the
# kernel), the tracer itself, printk's formatting, the lazy memory map's
# filling (mm/memmap_lazy.c: host machinery, run from a signal handler),
# inline functions of headers (.h).
TRACE_CFLAGS := -finstrument-functions -finstrument-functions-exclude-file-list=.h
NOTRACE_SRCS := host/% tools/% kernel/trace/% kernel/printk% lib/vsprintf.c lib/hexdump.c \
	mm/memmap_lazy.c
trace_flags = $(if $(filter $(NOTRACE_SRCS),$(1)),,$(TRACE_CFLAGS))

# One short line per step; V=1 prints the whole commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

# The flags a build directory was compiled with.  When they change (O=0 after
# a plain make, DEBUG=3, SAN=1 into the same BUILD) the stamp changes and
# every object is rebuilt; otherwise make would keep the old objects.
FLAGS_STAMP := $(BUILD)/.flags
FLAGS_NOW := $(CC) $(CFLAGS) | $(LDFLAGS) | $(LDLIBS) | calls: $(TRACE_CFLAGS)
$(shell mkdir -p $(BUILD); [ "$$(cat $(FLAGS_STAMP) 2>/dev/null)" = '$(FLAGS_NOW)' ] || \
	printf '%s\n' '$(FLAGS_NOW)' >$(FLAGS_STAMP))

# The simulator proper: every directory that mirrors the kernel, plus host/.
CORE_DIRS := host lib kernel mm arch init fs drivers
CORE_SRCS := $(sort $(shell find $(CORE_DIRS) -name '*.c' 2>/dev/null))
TOOL_SRCS := $(wildcard tools/*.c)
# data/ (configs, profiles, DTB, probes) is also built into the binary and
# the library (host/data_blob.S, generated), so a copied binary still boots.
DATA_FILES := $(sort $(shell find data -type f 2>/dev/null))
DATA_BLOB := $(BUILD)/host/data_blob.o
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/%.o) $(DATA_BLOB)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/%.o)
# Tool code that tests call directly (the replay engine, the workload
# script parser and runner; no main, no CLI).
TOOL_LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tools/replay_*.c tools/run_*.c tools/json_views.c))

UNIT_SRCS   := $(wildcard tests/unit/test_*.c)
PARITY_SRCS := $(wildcard tests/parity/test_*.c)
TEST_COMMON := $(wildcard tests/common/*.c)
TEST_BINS   := $(UNIT_SRCS:%.c=$(BUILD)/%) $(PARITY_SRCS:%.c=$(BUILD)/%)
TEST_COMMON_OBJS := $(TEST_COMMON:%.c=$(BUILD)/%.o)

.PHONY: all run check bench help clean deps build-deps test-deps tests format lib install probe fuzz fuzz-targets failsweep stress

# Fuzz targets (tests/fuzz/fuzz.h): each tests/fuzz/fuzz_NAME.c is built as
# replay_NAME (any compiler; make check feeds it tests/fuzz/corpus/NAME) and,
# by make fuzz, as fuzz_NAME with clang's libFuzzer.
FUZZ_SRCS    := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES   := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_REPLAYS := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/replay_%)
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build/fuzz
all: $(BUILD)/mmsim $(BUILD)/mmsim-calls

$(BUILD)/mmsim: $(CORE_OBJS) $(TOOL_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/host/data_blob.S: scripts/embed-data.sh $(DATA_FILES)
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)
	$(Q)scripts/embed-data.sh data >$@

$(DATA_BLOB): $(BUILD)/host/data_blob.S $(FLAGS_STAMP)
	$(call say,AS,$<)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

# The library: every simulator object, linked into one relocatable object
# first so that a program using any part of it gets all of it (the
# early_param and __setup tables are linker sections nothing names, which
# an archive of separate members would leave out).
LIB_A  := $(BUILD)/libmmsim.a
LIB_SO := $(BUILD)/libmmsim.so
LIB_SO_REAL := $(LIB_SO).$(VERSION)
lib: $(LIB_A) $(LIB_SO)

$(BUILD)/libmmsim.o: $(CORE_OBJS)
	$(call say,LD,$@)
	$(Q)$(LD) -r -o $@ $^

$(LIB_A): $(BUILD)/libmmsim.o
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $<

$(LIB_SO_REAL): $(CORE_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) -shared -Wl,-soname,libmmsim.so.$(SOVERSION) -Wl,-Bsymbolic \
		-o $@ $^ $(LDFLAGS) $(LDLIBS)

$(LIB_SO): $(LIB_SO_REAL)
	$(Q)ln -sf $(notdir $<) $(BUILD)/libmmsim.so.$(SOVERSION)
	$(Q)ln -sf $(notdir $<) $@

# pkg-config file; a sanitizer build's library needs the sanitizers at link.
$(BUILD)/mmsim.pc: scripts/mmsim.pc.in $(FLAGS_STAMP) FORCE
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@SOVERSION@|$(SOVERSION)|' \
		-e 's|@LIBS_SAN@|$(LDFLAGS_SAN)|' $< >$@

# Headers keep their tree (linux/, mmsim/, arch/..., mm/) under
# include/mmsim-$(SOVERSION) so they never shadow the system's <linux/*.h>.
HEADERS := $(sort $(shell find include arch mm -name '*.h'))
install: all lib $(BUILD)/mmsim.pc
	$(call say,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/share/mmsim
	$(Q)install -m 755 $(BUILD)/mmsim $(DESTDIR)$(PREFIX)/bin/mmsim
	$(Q)install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	$(Q)install -m 755 $(LIB_SO_REAL) $(DESTDIR)$(PREFIX)/lib/
	$(Q)ln -sf $(notdir $(LIB_SO_REAL)) $(DESTDIR)$(PREFIX)/lib/libmmsim.so.$(SOVERSION)
	$(Q)ln -sf $(notdir $(LIB_SO_REAL)) $(DESTDIR)$(PREFIX)/lib/libmmsim.so
	$(Q)install -m 644 $(BUILD)/mmsim.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	$(Q)for h in $(HEADERS); do \
		install -D -m 644 $$h $(DESTDIR)$(PREFIX)/include/mmsim-$(SOVERSION)/$${h#include/}; \
	done
	$(Q)cp -R data/. $(DESTDIR)$(PREFIX)/share/mmsim/

# libfdt (Debian libfdt-dev): the device-tree code of the ARM machines;
# libdw (libdw-dev): source files of functions in the call tree;
# libedit (libedit-dev): the inspector's line editing
build-deps:
	@scripts/deps.sh build

$(BUILD)/%.o: %.c $(FLAGS_STAMP) | build-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

CALLS_OBJS := $(CORE_SRCS:%.c=$(BUILD)/calls/%.o) $(TOOL_SRCS:%.c=$(BUILD)/calls/%.o) $(DATA_BLOB)
$(BUILD)/mmsim-calls: $(CALLS_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/calls/%.o: %.c $(FLAGS_STAMP) | build-deps
	@mkdir -p $(dir $@)
	$(call say,CC,calls/$<)
	$(Q)$(CC) $(CFLAGS) -DMMSIM_CALLTRACE=1 $(call trace_flags,$<) -MMD -MP -c -o $@ $<

# Tests link the whole simulator (not an archive: the early_param and
# __setup tables live in linker sections, which an archive would drop).
$(BUILD)/tests/%: tests/%.c $(CORE_OBJS) $(TOOL_LIB_OBJS) $(TEST_COMMON_OBJS) | test-deps
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)
	$(Q)$(CC) $(CFLAGS) -iquote tests/common -o $@ $< $(CORE_OBJS) \
		$(TOOL_LIB_OBJS) $(TEST_COMMON_OBJS) $(LDFLAGS) $(LDLIBS) -lcmocka

# tests/fuzz/snapshot.c sees every host heap request of a fuzz program.
FUZZ_COMMON := tests/fuzz/common.c tests/fuzz/snapshot.c
FUZZ_WRAP := -Wl,--wrap=host_alloc,--wrap=host_realloc,--wrap=host_free,--wrap=host_strdup

$(BUILD)/tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(FUZZ_COMMON) \
		tests/fuzz/fuzz.h $(CORE_OBJS) $(TOOL_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote tests/fuzz -o $@ $< tests/fuzz/replay_main.c \
		$(FUZZ_COMMON) $(CORE_OBJS) $(TOOL_LIB_OBJS) $(LDFLAGS) $(FUZZ_WRAP) $(LDLIBS)

$(BUILD)/tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) tests/fuzz/fuzz.h $(CORE_OBJS) $(TOOL_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -iquote tests/fuzz -o $@ $< \
		$(FUZZ_COMMON) $(CORE_OBJS) $(TOOL_LIB_OBJS) $(LDFLAGS) $(FUZZ_WRAP) \
		-fsanitize=fuzzer $(LDLIBS)

fuzz-targets: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%)

# clang with libFuzzer, ASan and UBSan over the whole simulator (its own
# build directory); then each target for FUZZ_SECONDS (scripts/fuzz.sh).
fuzz:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang SAN=0 O=1 \
		EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=alignment -fno-sanitize-recover=undefined" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" fuzz-targets
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_NAMES)

$(BUILD)/tests/common/%.o: tests/common/%.c $(FLAGS_STAMP) | test-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -iquote tests/common -MMD -MP -c -o $@ $<

# The default machine, with memblock=debug so the MEMBLOCK dumps show.
run: $(BUILD)/mmsim
	$(BUILD)/mmsim boot --append "console=ttyS0 loglevel=8 memblock=debug"

# gdb is optional: the GDB test skips itself without it.
test-deps:
	@scripts/deps.sh test
	-@scripts/deps.sh gdb

.PHONY: core peer-check debug

# The simulator's objects alone (what the peer suites link with).
core: $(CORE_OBJS)

# For GDB: no optimisation, macro information (-g3: `p max_pfn` expands
# the alias), and scripts/gdb/mmsim.py named in a .debug_gdb_scripts
# section (host/gdb_autoload.c) so that GDB loads it when its auto-load
# safe-path allows; README "Debugging with GDB".
debug:
	@$(MAKE) --no-print-directory BUILD=build/debug O=0 \
		EXTRA_CFLAGS="-g3 -DMMSIM_GDB_SCRIPT='\"$(CURDIR)/scripts/gdb/mmsim.py\"'" \
		build/debug/mmsim

# Linux's own user-space tests of the allocators, the kernel's files
# unchanged, built against mmsim's objects (those of make check: ASan and
# UBSan, as the suites' own Makefiles build): tools/testing/memblock
# through tests/peer/memblock/, and the maple tree test of
# tools/testing/radix-tree through tests/peer/maple/run.sh when that
# exists (same arguments: SRC OBJDIR OUT).  The kernel source is unpacked
# into build/peer/ from Debian's linux-source-6.1; nothing of it is kept
# in the repository.
PEER_TARBALL := /usr/src/linux-source-6.1.tar.xz
PEER_SRC := build/peer/linux-source-6.1
PEER_FILES := Makefile tools lib/maple_tree.c lib/test_maple_tree.c \
	include/linux/maple_tree.h
peer-check:
	@scripts/deps.sh peer
	@if [ ! -f $(PEER_SRC)/.unpacked ]; then \
		echo "unpacking $(PEER_TARBALL) into build/peer/"; \
		mkdir -p build/peer && \
		tar -C build/peer -xf $(PEER_TARBALL) \
			$(addprefix linux-source-6.1/,$(PEER_FILES)) && \
		touch $(PEER_SRC)/.unpacked; \
	fi
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) SAN=1 O=1 core \
		>build/peer/build.log 2>&1 || { cat build/peer/build.log; exit 1; }
	@status=0; \
	tests/peer/memblock/run.sh $(PEER_SRC) $(CHECK_BUILD) build/peer/memblock || status=1; \
	if [ -x tests/peer/maple/run.sh ]; then \
		tests/peer/maple/run.sh $(PEER_SRC) $(CHECK_BUILD) build/peer/maple || status=1; \
	else \
		echo "maple: tests/peer/maple/run.sh is not on this branch"; \
	fi; \
	exit $$status

tests: $(BUILD)/mmsim $(BUILD)/mmsim-calls $(TEST_BINS) $(FUZZ_REPLAYS)

# The tests in which simulated CPUs (host threads) run at the same time:
# what make check SAN=thread builds and runs.
CONCURRENT_TESTS := test_buddy_stress test_genalloc test_pcp test_percpu \
	test_percpu_stress test_slub_cpus test_slub_stress test_vmalloc_stress \
	test_stress test_locks
TSAN_BUILD ?= build/check-thread

CHECK_BUILD ?= build/check
ifeq ($(SAN),thread)
check:
	@mkdir -p $(TSAN_BUILD)
	@$(MAKE) --no-print-directory BUILD=$(TSAN_BUILD) SAN=thread O=1 \
		$(CONCURRENT_TESTS:%=$(TSAN_BUILD)/tests/unit/%) >$(TSAN_BUILD)/build.log 2>&1 \
		|| { cat $(TSAN_BUILD)/build.log; echo "0 passed, 1 failed"; exit 1; }
	@TEST_KINDS=cmocka TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 history_size=7 suppressions=$(CURDIR)/tests/tsan.supp" \
		tests/run-tests.sh $(TSAN_BUILD)
else
check:
	@mkdir -p $(CHECK_BUILD)
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) SAN=1 O=1 tests >$(CHECK_BUILD)/build.log 2>&1 \
		|| { cat $(CHECK_BUILD)/build.log; echo "0 passed, 1 failed"; exit 1; }
	@tests/run-tests.sh $(CHECK_BUILD)
endif

# Every host request of a boot of each architecture, then of a short
# workload (boot + the script's processes), fails in turn; LeakSanitizer
# on.  The smallest machines that boot (x86 69M, ARM 45M; a little above)
# and FAILSWEEP_JOBS runs at a time keep each sweep to minutes.
FAILSWEEP_SCRIPT ?= tests/workloads/fork-cow.mmw
FAILSWEEP_JOBS ?= 2
failsweep:
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) SAN=1 O=1 $(CHECK_BUILD)/mmsim >/dev/null
	@ASAN_OPTIONS=detect_leaks=1 scripts/failsweep.sh -j $(FAILSWEEP_JOBS) $(CHECK_BUILD)/mmsim 1 boot -m 72M
	@ASAN_OPTIONS=detect_leaks=1 scripts/failsweep.sh -j $(FAILSWEEP_JOBS) $(CHECK_BUILD)/mmsim 1 boot --arch arm -m 48M
	@ASAN_OPTIONS=detect_leaks=1 scripts/failsweep.sh -j $(FAILSWEEP_JOBS) $(CHECK_BUILD)/mmsim 1 run -m 72M $(FAILSWEEP_SCRIPT)

# The long stress (tests/unit/test_stress.c): an optimised build without
# sanitizers, validators still on (DEBUG=1), operations per second printed.
STRESS_OPS ?= 10000000
stress:
	@$(MAKE) --no-print-directory BUILD=build/stress SAN=0 O=2 build/stress/tests/unit/test_stress
	@STRESS_OPS=$(STRESS_OPS) build/stress/tests/unit/test_stress

bench:
	@$(MAKE) --no-print-directory BUILD=build/bench SAN=0 DEBUG=0 O=2 build/bench/mmsim
	@bench/run.sh build/bench

# The probe of the process oracle (scripts/oracle/probe/): freestanding static C, no
# libc; fixed flags so that the same compiler rebuilds data/probe/* byte for byte.
PROBE_SRCS  := $(wildcard scripts/oracle/probe/*.c scripts/oracle/probe/*.h)
PROBE_FLAGS := -static -nostdlib -ffreestanding -fno-pie -no-pie -O2 -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-builtin -fno-ident \
	-Wall -Wextra -Werror -Wl,--build-id=none -Wl,-z,noexecstack
PROBE_ARM_CC := arm-linux-gnueabihf-gcc
probe: $(BUILD)/probe/probe-x86_64
	@if command -v $(PROBE_ARM_CC) >/dev/null; then \
		$(MAKE) --no-print-directory $(BUILD)/probe/probe-arm; \
	else echo "make probe: $(PROBE_ARM_CC) not found, ARM probe skipped"; fi
$(BUILD)/probe/probe-x86_64: scripts/oracle/probe/start-x86_64.S $(PROBE_SRCS)
	@mkdir -p $(@D)
	gcc $(PROBE_FLAGS) -o $@ scripts/oracle/probe/start-x86_64.S scripts/oracle/probe/probe.c
$(BUILD)/probe/probe-arm: scripts/oracle/probe/start-arm.S $(PROBE_SRCS)
	@mkdir -p $(@D)
	$(PROBE_ARM_CC) $(PROBE_FLAGS) -marm -mgeneral-regs-only -o $@ \
		scripts/oracle/probe/start-arm.S scripts/oracle/probe/probe.c

format:
	clang-format -i $(CORE_SRCS) $(TOOL_SRCS) $(wildcard include/*/*.h)

clean:
	rm -rf build

help:
	@sed -n '2,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

-include $(CORE_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(TEST_COMMON_OBJS:.o=.d) $(CALLS_OBJS:.o=.d)
FORCE:
