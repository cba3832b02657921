# mmsim — the Linux 6.1 memory manager as a user-space simulator.
#
#   make            build build/mmsim
#   make run        build, then boot the default machine (pc, 512M, 2 CPUs)
#                   with memblock=debug
#   make check      unit + parity + CLI tests, built with ASan and UBSan
#   make bench      benchmarks (never part of the tests)
#   make help       this text, and the switches
#
# Switches (on the command line):
#   SAN=1           build with AddressSanitizer + UndefinedBehaviorSanitizer
#   DEBUG=N         self-check level 0..3 (VM_BUG_ON / validators; default 1)
#   O=N             optimisation level (default 2)
#   BUILD=DIR       output directory (default build)
#   CHECK_BUILD=DIR output directory of `make check` (default build/check)
#   V=1             print every command in full (default: one short line each)
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
LDLIBS  := -lm -lfdt -ldw -lelf -ledit

# The call tree (mmsim boot --calls, kernel/trace/calltrace.c): a second
# binary, BUILD/mmsim-calls, whose kernel-side code calls
# __cyg_profile_func_enter/exit at every function entry and exit; `mmsim
# boot --calls` runs it.  (In build/mmsim itself the hooks, even switched
# off, made an 8G boot 35-40% slower.)  Left out: host/ and tools/ (not the
# kernel), the tracer itself, printk's formatting, inline functions of
# headers (.h).
TRACE_CFLAGS := -finstrument-functions -finstrument-functions-exclude-file-list=.h
NOTRACE_SRCS := host/% tools/% kernel/trace/% kernel/printk% lib/vsprintf.c lib/hexdump.c
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
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/%.o)
# Tool code that tests call directly (the replay engine; no main, no CLI).
TOOL_LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tools/replay_*.c))

UNIT_SRCS   := $(wildcard tests/unit/test_*.c)
PARITY_SRCS := $(wildcard tests/parity/test_*.c)
TEST_COMMON := $(wildcard tests/common/*.c)
TEST_BINS   := $(UNIT_SRCS:%.c=$(BUILD)/%) $(PARITY_SRCS:%.c=$(BUILD)/%)
TEST_COMMON_OBJS := $(TEST_COMMON:%.c=$(BUILD)/%.o)

.PHONY: all run check bench help clean deps build-deps test-deps tests format
all: $(BUILD)/mmsim $(BUILD)/mmsim-calls

$(BUILD)/mmsim: $(CORE_OBJS) $(TOOL_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# libfdt (Debian libfdt-dev): the device-tree code of the ARM machines;
# libdw (libdw-dev): source files of functions in the call tree;
# libedit (libedit-dev): the inspector's line editing
build-deps:
	@scripts/deps.sh build

$(BUILD)/%.o: %.c $(FLAGS_STAMP) | build-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

CALLS_OBJS := $(CORE_SRCS:%.c=$(BUILD)/calls/%.o) $(TOOL_SRCS:%.c=$(BUILD)/calls/%.o)
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

$(BUILD)/tests/common/%.o: tests/common/%.c $(FLAGS_STAMP) | test-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -iquote tests/common -MMD -MP -c -o $@ $<

# The default machine, with memblock=debug so the MEMBLOCK dumps show.
run: $(BUILD)/mmsim
	$(BUILD)/mmsim boot --append "console=ttyS0 loglevel=8 memblock=debug"

test-deps:
	@scripts/deps.sh test

tests: $(BUILD)/mmsim $(BUILD)/mmsim-calls $(TEST_BINS)

CHECK_BUILD ?= build/check
check:
	@mkdir -p $(CHECK_BUILD)
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) SAN=1 O=1 tests >$(CHECK_BUILD)/build.log 2>&1 \
		|| { cat $(CHECK_BUILD)/build.log; echo "0 passed, 1 failed"; exit 1; }
	@tests/run-tests.sh $(CHECK_BUILD)

bench:
	@$(MAKE) --no-print-directory BUILD=build/bench SAN=0 DEBUG=0 O=2 build/bench/mmsim
	@bench/run.sh build/bench

format:
	clang-format -i $(CORE_SRCS) $(TOOL_SRCS) $(wildcard include/*/*.h)

clean:
	rm -rf build

help:
	@sed -n '2,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

-include $(CORE_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(TEST_COMMON_OBJS:.o=.d) $(CALLS_OBJS:.o=.d)
