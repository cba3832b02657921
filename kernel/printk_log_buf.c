// SPDX-License-Identifier: MIT
/*
 * kernel/printk_log_buf.c — growing the kernel log buffer at boot.
 *
 * Kernel counterpart: kernel/printk/printk.c (setup_log_buf,
 * log_buf_add_cpu, log_buf_len_update, the log_buf_len= parameter).
 *
 * The kernel starts with a static log buffer of 2^CONFIG_LOG_BUF_SHIFT
 * bytes of text (128 KiB on Debian).  Once memblock works it may move the
 * log into a larger one from memblock:
 *
 *   setup_arch() ... setup_log_buf(1)   only if log_buf_len= asked for more
 *   start_kernel()   setup_log_buf(0)   also if many CPUs are possible:
 *       extra = (possible CPUs - 1) << CONFIG_LOG_CPU_MAX_BUF_SHIFT
 *       if extra > static size / 2: new size = roundup_pow_of_two(static + extra)
 *
 * The move takes three memblock allocations — the text ring, then one
 * descriptor and one info record per 32 bytes of text (PRB_AVGBITS) —
 * copies the records and reports how much of the static buffer they used.
 *
 * Text space of a record in the ring: its text (no level prefix, no
 * trailing newline) plus the block's id word, rounded up to a word.  mmsim
 * keeps the log as an array of lines (kernel/printk.c), so it computes the
 * same sum over the records the static ring still holds: at most one
 * descriptor per 32 bytes, and no more text than fits.  Multi-line
 * messages count as one record per line here (the kernel keeps one), a
 * difference no boot message mmsim prints before this point has.  The
 * figure differs from the kernel's under memblock=debug: the kernel's
 * lines name their callers as "func+0x1f/0x80", mmsim's as "func".
 */
#define pr_fmt(fmt) "printk: " fmt

#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/bitmap.h"
#include "mmsim/kconfig.h"
#include "mmsim/log.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

#include <string.h>

#define PRB_AVGBITS 5                   /* one descriptor per 32 text bytes */
#define LOG_BUF_LEN_MAX (1UL << 31)
#define LOG_ALIGN 8                     /* __alignof__(unsigned long) */

static unsigned long static_log_buf_len(void)
{
	return 1UL << CONFIG_VALUE(CONFIG_LOG_BUF_SHIFT, 17);
}

/* The size of the buffer the kernel is logging into now. */
static unsigned long cur_log_buf_len(void)
{
	struct printk_log *log = &current_machine->log;

	return log->log_buf_len ? log->log_buf_len : static_log_buf_len();
}

static void log_buf_len_update(u64 size)
{
	if (size > LOG_BUF_LEN_MAX) {
		size = LOG_BUF_LEN_MAX;
		pr_err("log_buf over 2G is not supported.\n");
	}
	if (size)
		size = roundup_pow_of_two(size);
	if (size > cur_log_buf_len())
		current_machine->log.new_log_buf_len = size;
}

/* log_buf_len=SIZE: ask for a bigger buffer (applied by setup_log_buf). */
static int log_buf_len_setup(char *str)
{
	if (!str)
		return -EINVAL;
	log_buf_len_update(memparse(str, &str));
	return 0;
}
early_param("log_buf_len", log_buf_len_setup);

/* Many CPUs may each log at once: make room for 2^SHIFT bytes per CPU. */
static void log_buf_add_cpu(void)
{
	unsigned long per_cpu = 1UL << CONFIG_VALUE(CONFIG_LOG_CPU_MAX_BUF_SHIFT, 12);
	unsigned long base = static_log_buf_len(), cpu_extra;

	if (!IS_ENABLED(CONFIG_SMP) || num_possible_cpus() == 1)
		return;
	cpu_extra = (num_possible_cpus() - 1) * per_cpu;
	if (cpu_extra <= base / 2)
		return;
	pr_info("log_buf_len individual max cpu contribution: %lu bytes\n", per_cpu);
	pr_info("log_buf_len total cpu_extra contributions: %lu bytes\n", cpu_extra);
	pr_info("log_buf_len min size: %lu bytes\n", base);
	log_buf_len_update(cpu_extra + base);
}

/* Bytes a record's text takes in a printk ring: text + id word, word-aligned. */
static unsigned long record_text_space(const struct log_record *r)
{
	size_t len = strlen(r->text);

	return len ? ALIGN(len + sizeof(u64), sizeof(u64)) : 0;
}

/*
 * What the records still in the static ring occupy: the newest ones that
 * fit both its descriptor count and its text size.
 */
static unsigned long static_ring_used(void)
{
	const struct printk_log *log = &current_machine->log;
	unsigned long size = static_log_buf_len();
	unsigned long max_descs = size >> PRB_AVGBITS, used = 0, n = 0;
	size_t i = log->nr;

	while (i > 0 && n < max_descs) {
		unsigned long t = record_text_space(&log->recs[i - 1]);

		if (used + t > size)
			break;
		used += t;
		n++;
		i--;
	}
	return used;
}

void setup_log_buf(int early)
{
	struct printk_log *log = &current_machine->log;
	const struct kernel_profile *prof = current_machine->profile;
	unsigned long len, descs, descs_size, infos_size, free;
	unsigned long base = static_log_buf_len();
	void *text, *desc_mem, *infos;

	if (log->log_buf_len)
		return;                 /* already moved */
	if (!early && !log->new_log_buf_len)
		log_buf_add_cpu();
	len = log->new_log_buf_len;
	if (!len)
		return;
	descs = len >> PRB_AVGBITS;
	if (!descs) {
		pr_err("new_log_buf_len: %lu too small\n", len);
		return;
	}
	descs_size = descs * profile_u64(prof, "sizeof.prb_desc", 24);
	infos_size = descs * profile_u64(prof, "sizeof.printk_info", 88);

	text = memblock_alloc(len, LOG_ALIGN);
	if (!text) {
		pr_err("log_buf_len: %lu text bytes not available\n", len);
		return;
	}
	desc_mem = memblock_alloc(descs_size, LOG_ALIGN);
	if (!desc_mem) {
		pr_err("log_buf_len: %lu desc bytes not available\n", descs_size);
		goto err_free_text;
	}
	infos = memblock_alloc(infos_size, LOG_ALIGN);
	if (!infos) {
		pr_err("log_buf_len: %lu info bytes not available\n", infos_size);
		goto err_free_descs;
	}

	log->log_buf_len = len;
	log->new_log_buf_len = 0;
	free = base - min(base, static_ring_used());
	pr_info("log_buf_len: %lu bytes\n", len);
	pr_info("early log buf free: %lu(%lu%%)\n", free, free * 100 / base);
	return;

err_free_descs:
	memblock_free(desc_mem, descs_size);
err_free_text:
	memblock_free(text, len);
}
