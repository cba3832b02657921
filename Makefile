# mmsim — the Linux 6.1 memory manager as a user-space simulator.
#
#   make            build build/mmsim
#   make run        build, then boot the default machine (pc, 512M, 2 CPUs)
#                   with memblock=debug
#   make check      unit + parity + CLI tests, built with ASan and UBSan
#   make bench      benchmarks (never part of the tests)
#   make fuzz       build the fuzz targets with clang's libFuzzer and run each
#                   FUZZ_SECONDS (default 60) at nice 19, one at a time
#   make failsweep  fail every host request of a boot in turn (MMSIM_FAIL_HOST,
#                   ASan build); make check runs a sample of it
#   make help       this text, and the switches
#
# Switches (on the command line):
#   SAN=1           build with AddressSanitizer + UndefinedBehaviorSanitizer
#   DEBUG=N         self-check level 0..3 (VM_BUG_ON / validators; default 1)
#   O=N             optimisation level (default 2)
#   BUILD=DIR       output directory (default build)
#   CHECK_BUILD=DIR output directory of `make check` (default build/check)
#
# One GNU Makefile, no configure step.  Everything the build needs from Debian
# is installed by scripts/deps.sh, called from here only when it is missing.

BUILD   ?= build
SAN     ?= 0
DEBUG   ?= 1
O       ?= 2
CC      ?= gcc

CFLAGS_BASE := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-missing-field-initializers -fno-strict-aliasing \
	-O$(O) -g -iquote include -iquote . -DMMSIM_DEBUG=$(DEBUG) \
	-D_GNU_SOURCE -pthread -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-sanitize=alignment
ifeq ($(SAN),1)
CFLAGS_BASE += $(SANFLAGS)
LDFLAGS_SAN := $(SANFLAGS)
endif
CFLAGS  := $(CFLAGS_BASE) $(EXTRA_CFLAGS)
LDFLAGS := -pthread $(LDFLAGS_SAN) $(EXTRA_LDFLAGS)
LDLIBS  := -lm -lfdt

# The simulator proper: every directory that mirrors the kernel, plus host/.
CORE_DIRS := host lib kernel mm arch init fs drivers
CORE_SRCS := $(sort $(shell find $(CORE_DIRS) -name '*.c' 2>/dev/null))
TOOL_SRCS := $(wildcard tools/*.c)
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/%.o)
# Tool code that tests call directly (the replay engine; no main, no CLI).
TOOL_LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tools/replay_*.c))

UNIT_SRCS   := $(wildcard tests/unit/test_*.c)
PARITY_SRCS := $(wildcard tests/parity/test_*.c)
TEST_COMMON := $(wildcard tests/common/*.c)
TEST_BINS   := $(UNIT_SRCS:%.c=$(BUILD)/%) $(PARITY_SRCS:%.c=$(BUILD)/%)
TEST_COMMON_OBJS := $(TEST_COMMON:%.c=$(BUILD)/%.o)

.PHONY: all run check bench help clean deps build-deps test-deps tests format fuzz fuzz-targets failsweep

# Fuzz targets (tests/fuzz/fuzz.h): each tests/fuzz/fuzz_NAME.c is built as
# replay_NAME (any compiler; make check feeds it tests/fuzz/corpus/NAME) and,
# by make fuzz, as fuzz_NAME with clang's libFuzzer.
FUZZ_SRCS    := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES   := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_REPLAYS := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/replay_%)
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build/fuzz
all: $(BUILD)/mmsim

$(BUILD)/mmsim: $(CORE_OBJS) $(TOOL_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# libfdt (Debian libfdt-dev): the device-tree code of the ARM machines
build-deps:
	@scripts/deps.sh build

$(BUILD)/%.o: %.c | build-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# Tests link the whole simulator (not an archive: the early_param and
# __setup tables live in linker sections, which an archive would drop).
$(BUILD)/tests/%: tests/%.c $(CORE_OBJS) $(TOOL_LIB_OBJS) $(TEST_COMMON_OBJS) | test-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote tests/common -o $@ $< $(CORE_OBJS) \
		$(TOOL_LIB_OBJS) $(TEST_COMMON_OBJS) $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c tests/fuzz/common.c \
		$(CORE_OBJS) $(TOOL_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote tests/fuzz -o $@ $< tests/fuzz/replay_main.c \
		tests/fuzz/common.c $(CORE_OBJS) $(TOOL_LIB_OBJS) $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/common.c $(CORE_OBJS) $(TOOL_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -iquote tests/fuzz -o $@ $< \
		tests/fuzz/common.c $(CORE_OBJS) $(TOOL_LIB_OBJS) $(LDFLAGS) \
		-fsanitize=fuzzer $(LDLIBS)

fuzz-targets: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%)

# clang with libFuzzer, ASan and UBSan over the whole simulator (its own
# build directory); then each target for FUZZ_SECONDS (scripts/fuzz.sh).
fuzz:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang SAN=0 O=1 \
		EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=alignment -fno-sanitize-recover=undefined" \
		EXTRA_LDFLAGS="-fsanitize=address,undefined" fuzz-targets
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_NAMES)

$(BUILD)/tests/common/%.o: tests/common/%.c | test-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -iquote tests/common -MMD -MP -c -o $@ $<

# The default machine, with memblock=debug so the MEMBLOCK dumps show.
run: $(BUILD)/mmsim
	$(BUILD)/mmsim boot --append "console=ttyS0 loglevel=8 memblock=debug"

test-deps:
	@scripts/deps.sh test

tests: $(BUILD)/mmsim $(TEST_BINS) $(FUZZ_REPLAYS)

CHECK_BUILD ?= build/check
check:
	@mkdir -p $(CHECK_BUILD)
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) SAN=1 O=1 tests >$(CHECK_BUILD)/build.log 2>&1 \
		|| { cat $(CHECK_BUILD)/build.log; echo "0 passed, 1 failed"; exit 1; }
	@tests/run-tests.sh $(CHECK_BUILD)

failsweep:
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) SAN=1 O=1 $(CHECK_BUILD)/mmsim >/dev/null
	@scripts/failsweep.sh $(CHECK_BUILD)/mmsim 1 boot
	@scripts/failsweep.sh $(CHECK_BUILD)/mmsim 1 boot --arch arm

bench:
	@$(MAKE) --no-print-directory BUILD=build/bench SAN=0 DEBUG=0 O=2 build/bench/mmsim
	@bench/run.sh build/bench

format:
	clang-format -i $(CORE_SRCS) $(TOOL_SRCS) $(wildcard include/*/*.h)

clean:
	rm -rf build

help:
	@sed -n '2,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

-include $(CORE_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(TEST_COMMON_OBJS:.o=.d)
