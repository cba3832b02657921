// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_cmdline.c — the kernel command line through every
 * early_param() and __setup() handler.
 *
 * Kernel counterparts: kernel/params.c (parse_args, parse_early_param),
 * init/main.c (obsolete_checksetup via unknown_bootoption),
 * arch/x86/kernel/setup.c (the part of setup_arch around the early
 * parameters).  Each input is the command line of a small x86 machine
 * (128M, 1 CPU), which runs the command-line stage of the boot:
 *
 *   the loader's copy (copy_bootdata)   boot_command_line from the zero page
 *   e820__memory_setup                  the firmware map the handlers edit
 *   parse_early_param                   every early_param() handler
 *   e820__finish_early_params           mem=/memmap= as a user-defined map
 *   parse_args + obsolete_checksetup    every __setup() handler
 *
 * A panic (memmap=exactmap with nothing usable) lands back here, as it
 * lands in machine_boot().  The .config and profile are loaded once.
 *
 * Speed: one machine serves every input (tests/fuzz/snapshot.c).  It is
 * made once with an empty command line and its host heap snapshotted;
 * each input is written where the loader writes it (desc.cmdline, then
 * firmware_load_cmdline(): the copy in RAM and the zero page's
 * cmd_line_ptr; the rest of what firmware_load() wrote does not depend on
 * the command line and stays as the snapshot's), the stage runs, and the heap is put back (what the handlers allocated is
 * freed, every byte of the machine's state restored) together with the
 * RAM the loader wrote.  So every early_param and __setup handler runs on
 * each input against the state of a fresh machine, at a fraction of the
 * cost of making one (machine_create: ~1 ms under ASan).
 *
 * Replaying the committed corpus (make check) proves it: each input also
 * runs on a machine made for it alone, and the two runs must agree (the
 * lines the stage printed, the three e820 tables, every byte of struct
 * machine the stage changed, with its new value); then that machine boots
 * to the end, so what the handlers set must work.
 */
#include "fuzz.h"
#include "arch/x86/include/asm/e820/api.h"
#include "linux/mm.h"
#include "linux/string.h"
#include "mmsim/firmware.h"
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

static void command_line_stage(struct machine *m)
{
	u32 ptr = boot_params.hdr.cmd_line_ptr;
	char copy[COMMAND_LINE_SIZE];
	jmp_buf landing;

	m->panic_thread = pthread_self();
	m->panic_jmp = &landing;
	if (setjmp(landing) == 0) {
		if (ptr) {
			memcpy(boot_command_line, __va(ptr), COMMAND_LINE_SIZE);
			boot_command_line[COMMAND_LINE_SIZE - 1] = '\0';
		}
		e820__memory_setup();
		parse_early_param();
		e820__finish_early_params();
		snprintf(copy, sizeof(copy), "%s", boot_command_line);
		parse_args("Booting kernel", copy, setup_or_unknown, NULL);
	}
	m->panic_jmp = NULL;
}

static struct machine *small_machine(const char *cmdline)
{
	struct machine_desc d;
	struct machine *m;
	char err[512];

	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	d.ram_size = 128ULL << 20;
	d.smp_cpus = d.max_cpus = d.cores = 1;
	d.sockets = d.threads = 1;
	snprintf(d.cmdline, sizeof(d.cmdline), "%s", cmdline);
	m = fuzz_machine_create(&d, err, sizeof(err));
	if (m)
		m->log.console_enabled = false;
	return m;
}

/* The reused machine, and the RAM its loader writes the command line to. */
static struct machine *reused;
static char *ram_cmdline, ram_cmdline_base[sizeof(reused->desc.cmdline)];

static void make_reused(void)
{
	struct machine *old = current_machine_raw;

	fuzz_snapshot_begin();
	reused = small_machine("");
	if (!reused)
		fuzz_check(-1, "cmdline: cannot make the machine");
	log_reserve(&reused->log, reused->log.nr + 256);
	fuzz_snapshot_commit();
	fuzz_destroy_at_exit(reused);
	machine_enter(reused);
	ram_cmdline = __va(boot_params.hdr.cmd_line_ptr);
	memcpy(ram_cmdline_base, ram_cmdline, sizeof(ram_cmdline_base));
	machine_enter(old);
}

/*
 * What a run of the stage leaves, to compare two runs: its log lines, the
 * e820 tables, and struct machine as it was before (@before) and after.
 */
struct stage_result {
	char *log;
	size_t log_len;
	struct e820_entry tables[3][E820_MAX_ENTRIES_ZEROPAGE + 3 * 1024];
	u32 nr[3];
	struct machine before, after;
};

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
}

/* The stage on @m (entered), its command line already loaded. */
static void run_stage(struct machine *m, struct stage_result *r)
{
	size_t from = m->log.nr;

	if (r)
		memcpy(&r->before, m, sizeof(*m));
	command_line_stage(m);
	if (r)
		result_take(r, m, from);
}

/* Is byte @off of struct machine inside its log (compared as text)? */
static bool in_log(size_t off)
{
	return off >= offsetof(struct machine, log) &&
	       off < offsetof(struct machine, log) + sizeof(struct printk_log);
}

/* A run alone (@a) and one after other inputs (@b) must not differ. */
static void result_compare(const struct stage_result *a,
			   const struct stage_result *b)
{
	const unsigned char *a0 = (const void *)&a->before, *a1 = (const void *)&a->after;
	const unsigned char *b0 = (const void *)&b->before, *b1 = (const void *)&b->after;
	size_t off;
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
	/*
	 * Where both machines held the same byte before, they must hold the
	 * same after; elsewhere (host pointers, the RAM's descriptor) the
	 * stage must leave both alone or set both to the same value.
	 */
	for (off = 0; off < sizeof(struct machine); off++) {
		bool ca = a0[off] != a1[off], cb = b0[off] != b1[off];

		if (in_log(off))
			continue;
		if (a0[off] == b0[off] ? a1[off] == b1[off] :
		    (!ca && !cb) || (ca && cb && a1[off] == b1[off]))
			continue;
		fprintf(stderr, "cmdline: struct machine byte %zu: alone %#x -> %#x, after other inputs %#x -> %#x\n",
			off, a0[off], a1[off], b0[off], b1[off]);
		fuzz_check(-1, "cmdline: the stage changed the machine otherwise after other inputs");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine *m, *old = current_machine_raw;
	char *text = fuzz_text(data, size);
	static struct stage_result *alone, *after;

	for (char *c = text; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (!reused)
		make_reused();
	if (fuzz_replaying && !alone) {
		alone = host_alloc(sizeof(*alone));
		after = host_alloc(sizeof(*after));
	}

	/* on the reused machine: load the command line, run, put back */
	fuzz_snapshot_journal();
	machine_enter(reused);
	snprintf(reused->desc.cmdline, sizeof(reused->desc.cmdline), "%s", text);
	firmware_load_cmdline(reused);
	run_stage(reused, fuzz_replaying ? after : NULL);
	machine_enter(old);
	fuzz_snapshot_restore();
	memcpy(ram_cmdline, ram_cmdline_base, sizeof(ram_cmdline_base));

	if (fuzz_replaying) {
		/* alone, on a machine of its own; then booted to the end */
		m = small_machine(text);
		if (!m)
			fuzz_check(-1, "cmdline: cannot make a machine");
		machine_enter(m);
		run_stage(m, alone);
		machine_enter(old);
		machine_destroy(m);
		result_compare(alone, after);
		free(alone->log);
		free(after->log);
		memset(alone, 0, sizeof(*alone));
		memset(after, 0, sizeof(*after));
		if ((m = small_machine(text))) {
			machine_boot(m);
			machine_destroy(m);
			machine_enter(old);
		}
	}
	host_free(text);
	return 0;
}
