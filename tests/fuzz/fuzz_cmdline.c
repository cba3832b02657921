// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_cmdline.c — the kernel command line through every
 * early_param() and __setup() handler, on both architectures.
 *
 * Kernel counterparts: kernel/params.c (parse_args, parse_early_param),
 * init/main.c (obsolete_checksetup via unknown_bootoption),
 * arch/x86/kernel/setup.c and arch/arm/kernel/setup.c (the part of
 * setup_arch around the early parameters).
 *
 * An input that starts with the four bytes "arm:" is the command line
 * that follows them, on a small ARM machine (vexpress-a9, 128M, 1 CPU);
 * any other input is the command line of a small x86 machine (128M,
 * 1 CPU), as before the ARM mode existed (the corpus kept its meaning).
 * An architecture's own handlers (arch/x86/..., arch/arm/...: kernel/
 * params.c's setup_param_applies()) run only on its machine.  The
 * command-line stage of the boot, x86:
 *
 *   the loader's copy (copy_bootdata)   boot_command_line from the zero page
 *   e820__memory_setup                  the firmware map the handlers edit
 *   parse_early_param                   every early_param() handler
 *   e820__finish_early_params           mem=/memmap= as a user-defined map
 *   parse_args + obsolete_checksetup    every __setup() handler
 *
 * ARM (QEMU's loader puts the command line in the device tree):
 *
 *   arm_setup_arch_early                /chosen's bootargs and the memory
 *                                       node, the DTB's reservation,
 *                                       parse_early_param
 *   adjust_lowmem_bounds                vmalloc= and mem= taken in
 *   parse_args + obsolete_checksetup    every __setup() handler
 *
 * A panic (memmap=exactmap with nothing usable) lands back here, as it
 * lands in machine_boot().  The .config and profile are loaded once.
 *
 * Speed: one machine per architecture serves every input of it
 * (tests/fuzz/snapshot.c), made at its first input with an empty command
 * line and its host heap snapshotted.  Each input is written where the
 * loader writes it (desc.cmdline, then firmware_load_cmdline(): the copy
 * in RAM and the zero page's cmd_line_ptr; arm_firmware_load_cmdline():
 * the device tree again; nothing else the loader wrote depends on the
 * command line), the stage runs, and the heap is put back (what the
 * handlers allocated is freed, every byte of the machine's state
 * restored) together with the RAM the loader wrote.  So every handler
 * runs on each input against the state of a fresh machine, at a fraction
 * of the cost of making one (machine_create: ~1 ms under ASan).
 *
 * Replaying the committed corpus (make check) proves it: each input also
 * runs on a machine made for it alone, and the two runs must agree (the
 * lines the stage printed, the three e820 tables, every byte of struct
 * machine and of ARM's state that the stage changed, with its new value);
 * then that machine boots to the end, so what the handlers set must work.
 */
#include "fuzz.h"
#include "arch/arm/include/asm/arm.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/x86/include/asm/e820/api.h"
#include "linux/cma.h"
#include "linux/mm.h"
#include "linux/of_fdt.h"
#include "linux/string.h"
#include "mmsim/firmware.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <pthread.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* init/main.c's unknown_bootoption, less the list kept for user space. */
static int setup_or_unknown(char *param, char *val, const char *doing, void *arg)
{
	if (val)
		param[strlen(param)] = '=';   /* rejoin "name=value" */
	obsolete_checksetup(param);
	return 0;
}

/*
 * parse_args() over a copy of boot_command_line, as start_kernel() does
 * over static_command_line.  Handlers keep pointers into it (slub_debug=),
 * so it is one buffer for every run: such a pointer is the same for the
 * two runs result_compare() sets side by side (and never a stack address).
 */
static void setup_params(void)
{
	static char copy[COMMAND_LINE_SIZE];

	snprintf(copy, sizeof(copy), "%s", boot_command_line);
	parse_args("Booting kernel", copy, setup_or_unknown, NULL);
}

static void x86_stage(void)
{
	u32 ptr = boot_params.hdr.cmd_line_ptr;

	if (ptr) {
		memcpy(boot_command_line, __va(ptr), COMMAND_LINE_SIZE);
		boot_command_line[COMMAND_LINE_SIZE - 1] = '\0';
	}
	e820__memory_setup();
	parse_early_param();
	e820__finish_early_params();
	setup_params();
}

static void arm_stage(void)
{
	char *cmdline;

	if (arm_setup_arch_early(&cmdline))
		return;         /* no device tree: the boot stops there too */
	adjust_lowmem_bounds();
	setup_params();
}

static void command_line_stage(struct machine *m)
{
	jmp_buf landing;

	m->panic_thread = pthread_self();
	m->panic_jmp = &landing;
	if (setjmp(landing) == 0) {
		if (m->arm)
			arm_stage();
		else
			x86_stage();
	}
	m->panic_jmp = NULL;
}

static struct machine *small_machine(enum mmsim_arch arch, const char *cmdline)
{
	struct machine_desc d;
	struct machine *m;
	char err[512];

	machine_desc_default(&d, arch);
	d.ram_size = 128ULL << 20;
	d.smp_cpus = d.max_cpus = d.cores = 1;
	d.sockets = d.threads = 1;
	snprintf(d.cmdline, sizeof(d.cmdline), "%s", cmdline);
	m = fuzz_machine_create(&d, err, sizeof(err));
	if (m)
		m->log.console_enabled = false;
	return m;
}

/*
 * The reused machine of one architecture, and the RAM its loader writes
 * the command line to (x86: the copy at cmd_line_ptr; ARM: the whole
 * device tree, since bootargs moves what follows it) with its contents
 * at the snapshot.
 */
struct reused {
	struct machine *m;
	struct fuzz_snapshot *snap;
	char *ram, *ram_base;
	size_t ram_len;
};
static struct reused reused[2];         /* [0] x86_64, [1] ARM */

static void make_reused(struct reused *r, enum mmsim_arch arch)
{
	struct machine *old = current_machine_raw;

	r->snap = fuzz_snapshot_begin();
	r->m = small_machine(arch, "");
	if (!r->m)
		fuzz_check(-1, "cmdline: cannot make the machine");
	log_reserve(&r->m->log, r->m->log.nr + 256);
	fuzz_snapshot_commit(r->snap);
	fuzz_destroy_at_exit(r->m);
	machine_enter(r->m);
	if (r->m->arm) {
		r->ram = __va(arm_st.fw_dtb_start);
		r->ram_len = arm_st.fw_dtb_size;
	} else {
		r->ram = __va(boot_params.hdr.cmd_line_ptr);
		r->ram_len = sizeof(r->m->desc.cmdline);
	}
	r->ram_base = malloc(r->ram_len);   /* not the machine's: never restored */
	if (!r->ram_base)
		abort();
	memcpy(r->ram_base, r->ram, r->ram_len);
	machine_enter(old);
}

/* The loader's copy of @m's (entered) new desc.cmdline; false if refused. */
static bool load_cmdline(struct machine *m)
{
	char err[256];

	if (!m->arm) {
		firmware_load_cmdline(m);
		return true;
	}
	return arm_firmware_load_cmdline(m, err, sizeof(err)) == 0;
}

/*
 * What a run of the stage leaves, to compare two runs: its log lines, the
 * e820 tables, struct machine and ARM's state as they were before
 * (@before) and after, and the state blocks a machine allocates on first
 * use, which the stage may make (their pointers differ between machines;
 * their contents are compared): the device tree's (its view of the blob
 * as an offset into the machine's RAM) and the CMA command line's; and
 * the string slub_debug= keeps (a host copy), as text.
 */
struct stage_result {
	char *log;
	size_t log_len;
	struct e820_entry tables[3][E820_MAX_ENTRIES_ZEROPAGE + 3 * 1024];
	u32 nr[3];
	struct machine before, after;
	struct arm_state arm_before, arm_after;
	struct of_fdt_state of_before, of_after;
	struct cma_state cma_before, cma_after;
	char slub_debug[COMMAND_LINE_SIZE];
};

/* @m's device-tree state, host pointers made comparable, or zeros. */
static void of_take(struct of_fdt_state *to, const struct machine *m)
{
	memset(to, 0, sizeof(*to));
	if (!m->of)
		return;
	*to = *m->of;
	to->fdt = (void *)((char *)m->of->fdt - (char *)m->ram.base);
	if (m->of->of_root)
		fuzz_check(-1, "cmdline: the stage unflattened the device tree");
}

static void cma_take(struct cma_state *to, const struct machine *m)
{
	memset(to, 0, sizeof(*to));
	if (m->cma)
		*to = *m->cma;
}

static void table_copy(struct stage_result *r, int i, const e820_table_t *t)
{
	if (t->nr_entries > ARRAY_SIZE(r->tables[i]))
		fuzz_check(-1, "cmdline: an e820 table beyond its maximum");
	r->nr[i] = t->nr_entries;
	memcpy(r->tables[i], t->entries, t->nr_entries * sizeof(t->entries[0]));
}

/*
 * A panic's call trace (lines indented by a space) is the host's stack,
 * which differs with the call site in this file: not compared.
 */
static bool compared(const char *line)
{
	return line[0] != ' ';
}

static void result_take(struct stage_result *r, struct machine *m, size_t from)
{
	size_t i, len = 0;

	for (i = from; i < m->log.nr; i++)
		len += strlen(m->log.recs[i].text) + 1;
	r->log = calloc(1, len + 1);    /* not host_alloc: outlives the restore */
	if (!r->log)
		abort();
	for (i = from; i < m->log.nr; i++)
		if (compared(m->log.recs[i].text))
			r->log_len += (size_t)sprintf(r->log + r->log_len, "%s\n",
						      m->log.recs[i].text);
	table_copy(r, 0, e820_table);
	table_copy(r, 1, e820_table_kexec);
	table_copy(r, 2, e820_table_firmware);
	memcpy(&r->after, m, sizeof(*m));
	if (m->arm)
		memcpy(&r->arm_after, m->arm, sizeof(*m->arm));
	of_take(&r->of_after, m);
	cma_take(&r->cma_after, m);
	if (m->slub.slub_debug_string)
		snprintf(r->slub_debug, sizeof(r->slub_debug), "%s",
			 m->slub.slub_debug_string);
}

/* The stage on @m (entered), its command line already loaded. */
static void run_stage(struct machine *m, struct stage_result *r)
{
	size_t from = m->log.nr;

	if (r) {
		memcpy(&r->before, m, sizeof(*m));
		if (m->arm)
			memcpy(&r->arm_before, m->arm, sizeof(*m->arm));
		of_take(&r->of_before, m);
		cma_take(&r->cma_before, m);
	}
	command_line_stage(m);
	if (r)
		result_take(r, m, from);
}

#define IN_FIELD(off, type, field) \
	((off) >= offsetof(type, field) && \
	 (off) < offsetof(type, field) + sizeof(((type *)0)->field))

/*
 * Is byte @off of struct machine in its log (compared as text) or in a
 * pointer to a block the stage may allocate (compared by contents)?
 */
static bool not_compared(size_t off)
{
	return IN_FIELD(off, struct machine, log) ||
	       IN_FIELD(off, struct machine, of) ||
	       IN_FIELD(off, struct machine, cma) ||
	       IN_FIELD(off, struct machine, slub.slub_debug_string);
}

/*
 * Where both machines held the same byte of @what before, they must hold
 * the same after; elsewhere (host pointers, the RAM's descriptor) the
 * stage must leave both alone or set both to the same value.
 */
static void bytes_compare(const char *what, const void *alone_before,
			  const void *alone_after, const void *other_before,
			  const void *other_after, size_t size,
			  bool (*skip)(size_t off))
{
	const unsigned char *a0 = alone_before, *a1 = alone_after;
	const unsigned char *b0 = other_before, *b1 = other_after;
	size_t off;

	for (off = 0; off < size; off++) {
		bool ca = a0[off] != a1[off], cb = b0[off] != b1[off];

		if (skip && skip(off))
			continue;
		if (a0[off] == b0[off] ? a1[off] == b1[off] :
		    (!ca && !cb) || (ca && cb && a1[off] == b1[off]))
			continue;
		fprintf(stderr, "cmdline: %s byte %zu: alone %#x -> %#x, after other inputs %#x -> %#x\n",
			what, off, a0[off], a1[off], b0[off], b1[off]);
		fuzz_check(-1, "cmdline: the stage changed the machine otherwise after other inputs");
	}
}

/* A run alone (@a) and one after other inputs (@b) must not differ. */
static void result_compare(const struct stage_result *a,
			   const struct stage_result *b)
{
	int i;

	if (a->log_len != b->log_len || memcmp(a->log, b->log, a->log_len)) {
		fprintf(stderr, "cmdline: log alone:\n%s\nlog after other inputs:\n%s\n",
			a->log, b->log);
		fuzz_check(-1, "cmdline: the stage printed other lines after other inputs");
	}
	for (i = 0; i < 3; i++)
		if (a->nr[i] != b->nr[i] ||
		    memcmp(a->tables[i], b->tables[i], a->nr[i] * sizeof(a->tables[i][0]))) {
			fprintf(stderr, "cmdline: e820 table %d: %u entries alone, %u after other inputs\n",
				i, a->nr[i], b->nr[i]);
			fuzz_check(-1, "cmdline: an e820 table differs after other inputs");
		}
	bytes_compare("struct machine", &a->before, &a->after, &b->before,
		      &b->after, sizeof(struct machine), not_compared);
	bytes_compare("struct arm_state", &a->arm_before, &a->arm_after,
		      &b->arm_before, &b->arm_after, sizeof(struct arm_state), NULL);
	bytes_compare("struct of_fdt_state", &a->of_before, &a->of_after,
		      &b->of_before, &b->of_after, sizeof(struct of_fdt_state), NULL);
	bytes_compare("struct cma_state", &a->cma_before, &a->cma_after,
		      &b->cma_before, &b->cma_after, sizeof(struct cma_state), NULL);
	if (strcmp(a->slub_debug, b->slub_debug)) {
		fprintf(stderr, "cmdline: slub_debug string alone '%s', after other inputs '%s'\n",
			a->slub_debug, b->slub_debug);
		fuzz_check(-1, "cmdline: slub_debug= kept another string after other inputs");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool arm = size >= 4 && !memcmp(data, "arm:", 4);
	enum mmsim_arch arch = arm ? MMSIM_ARCH_ARM : MMSIM_ARCH_X86_64;
	struct reused *r = &reused[arm];
	struct machine *m, *old = current_machine_raw;
	char *text = fuzz_text(data + (arm ? 4 : 0), size - (arm ? 4 : 0));
	static struct stage_result *alone, *after;
	bool loaded;

	for (char *c = text; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (!r->m)
		make_reused(r, arch);
	if (fuzz_replaying && !alone) {
		alone = host_alloc(sizeof(*alone));
		after = host_alloc(sizeof(*after));
	}

	/* on the reused machine: load the command line, run, put back */
	fuzz_snapshot_journal(r->snap);
	machine_enter(r->m);
	snprintf(r->m->desc.cmdline, sizeof(r->m->desc.cmdline), "%s", text);
	loaded = load_cmdline(r->m);
	if (loaded)
		run_stage(r->m, fuzz_replaying ? after : NULL);
	machine_enter(old);
	fuzz_snapshot_restore(r->snap);
	memcpy(r->ram, r->ram_base, r->ram_len);

	if (fuzz_replaying) {
		/* alone, on a machine of its own; then booted to the end */
		m = small_machine(arch, text);
		if (!m != !loaded)
			fuzz_check(-1, loaded ? "cmdline: cannot make a machine" :
				   "cmdline: a machine made where the loader refused");
		if (m) {
			machine_enter(m);
			run_stage(m, alone);
			machine_enter(old);
			machine_destroy(m);
			result_compare(alone, after);
		}
		free(alone->log);
		free(after->log);
		memset(alone, 0, sizeof(*alone));
		memset(after, 0, sizeof(*after));
		if ((m = small_machine(arch, text))) {
			machine_boot(m);
			machine_destroy(m);
			machine_enter(old);
		}
	}
	host_free(text);
	return 0;
}
