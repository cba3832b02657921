// SPDX-License-Identifier: MIT
/*
 * kernel/printk.c — printk(): the kernel log of the current machine.
 *
 * Kernel counterpart: kernel/printk/printk.c.  What is kept:
 *   - KERN_<LEVEL> prefixes ("\001" + digit), KERN_CONT continuation;
 *   - a message without a level gets the default message level
 *     (CONFIG_MESSAGE_LOGLEVEL_DEFAULT, 4 on Debian);
 *   - every record goes into the log buffer (what dmesg reads);
 *   - a record is echoed to the console when its level is below the
 *     console log level (`loglevel=`, default CONFIG_CONSOLE_LOGLEVEL_DEFAULT);
 *   - the "[%5lu.%06lu] " timestamp of the simulated clock.
 * What is not: the lockless ring buffer, rate limiting, multiple consoles.
 *
 * Outside a machine (current_machine == NULL, e.g. while the CLI parses
 * its options) printk() writes straight to the host console.
 */
#include "linux/kernel.h"
#include "linux/init.h"
#include "linux/printk.h"
#include "linux/errno.h"
#include "mmsim/host.h"
#include "mmsim/log.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <pthread.h>
#include <string.h>

void log_init(struct printk_log *log)
{
	memset(log, 0, sizeof(*log));
	log->console_loglevel = 7;
	log->default_msg_level = 4;
	log->console_enabled = true;
}

void log_destroy(struct printk_log *log)
{
	size_t i;

	for (i = 0; i < log->nr; i++)
		host_free(log->recs[i].text);
	host_free(log->recs);
	memset(log, 0, sizeof(*log));
}

void log_reserve(struct printk_log *log, size_t nr)
{
	if (log->cap >= nr)
		return;
	log->recs = host_realloc(log->recs, nr * sizeof(*log->recs));
	log->cap = nr;
}

int log_format_time(u64 ns, char *buf, size_t size)
{
	return scnprintf(buf, size, "[%5llu.%06llu] ",
			 (unsigned long long)(ns / 1000000000ull),
			 (unsigned long long)((ns % 1000000000ull) / 1000));
}

static void console_emit(struct printk_log *log, const char *s, size_t n)
{
	if (log->console)
		log->console(s, n, log->console_opaque);
	else
		host_console_write(s, n);
}

/* Echo the tail of the current record (from @from) to the console. */
static void console_echo(struct printk_log *log, struct log_record *r,
			 size_t from, bool first, bool newline)
{
	char ts[32];
	int n;

	if (!log->console_enabled || r->level >= log->console_loglevel)
		return;
	if (first) {
		n = log_format_time(r->ts_nsec, ts, sizeof(ts));
		console_emit(log, ts, (size_t)n);
	}
	console_emit(log, r->text + from, strlen(r->text + from));
	if (newline)
		console_emit(log, "\n", 1);
}

static void record_append(struct printk_log *log, const char *s, size_t n,
			  int level, bool cont)
{
	struct log_record *r;
	size_t old = 0;
	bool first = true;

	if (cont && log->open && log->nr) {
		r = &log->recs[log->nr - 1];
		old = strlen(r->text);
		r->text = host_realloc(r->text, old + n + 1);
		first = false;
	} else {
		if (log->open && log->nr) /* close a dangling record */
			console_echo(log, &log->recs[log->nr - 1],
				     strlen(log->recs[log->nr - 1].text),
				     false, true);
		if (log->nr == log->cap) {
			log->cap = log->cap ? log->cap * 2 : 256;
			log->recs = host_realloc(log->recs,
						 log->cap * sizeof(*log->recs));
		}
		r = &log->recs[log->nr++];
		r->ts_nsec = log->now_ns;
		r->level = (u8)level;
		r->text = host_alloc(n + 1);
	}
	memcpy(r->text + old, s, n);
	r->text[old + n] = '\0';
	log->open = true;
	console_echo(log, r, old, first, false);
}

/* Split the formatted text into lines and file each as a record. */
static void log_store(struct printk_log *log, const char *text, int level,
		      bool cont)
{
	const char *s = text;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);

		record_append(log, s, n, level, cont);
		if (!nl)
			break;
		console_echo(log, &log->recs[log->nr - 1],
			     strlen(log->recs[log->nr - 1].text), false, true);
		log->open = false;
		s = nl + 1;
		cont = false;
	}
}

/* Serialises the log's record array between host threads (the kernel's ring buffer is lockless). */
static pthread_mutex_t printk_store_lock = PTHREAD_MUTEX_INITIALIZER;

int vprintk(const char *fmt, va_list args)
{
	char text[2048];
	struct printk_log *log;
	int level = -1, n;
	bool cont = false;

	while (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	n = vscnprintf(text, sizeof(text), fmt, args);
	if (!current_machine_raw) {
		host_console_write(text, (size_t)n);
		return n;
	}
	log = &current_machine->log;
	/* simulated CPUs are host threads: one record store at a time */
	pthread_mutex_lock(&printk_store_lock);
	if (level < 0)
		level = cont && log->nr ? log->recs[log->nr - 1].level
					: log->default_msg_level;
	log_store(log, text, level, cont);
	pthread_mutex_unlock(&printk_store_lock);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

char *log_text_since(const struct printk_log *log, size_t from)
{
	size_t i, len = 0;
	char *out;

	for (i = from; i < log->nr; i++)
		len += strlen(log->recs[i].text) + 1;
	out = host_alloc(len + 1);
	len = 0;
	for (i = from; i < log->nr; i++) {
		size_t n = strlen(log->recs[i].text);

		memcpy(out + len, log->recs[i].text, n);
		len += n;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

char *log_format_dmesg(const struct printk_log *log, size_t *lenp)
{
	size_t i, len = 0, cap = 4096;
	char *out = host_alloc(cap);
	char ts[32];

	for (i = 0; i < log->nr; i++) {
		size_t tl = (size_t)log_format_time(log->recs[i].ts_nsec, ts,
						    sizeof(ts));
		size_t n = strlen(log->recs[i].text);

		while (len + tl + n + 2 > cap) {
			cap *= 2;
			out = host_realloc(out, cap);
		}
		memcpy(out + len, ts, tl);
		len += tl;
		memcpy(out + len, log->recs[i].text, n);
		len += n;
		out[len++] = '\n';
	}
	out[len] = '\0';
	if (lenp)
		*lenp = len;
	return out;
}

/* loglevel=N: echo messages of level < N to the console. */
static int loglevel(char *str)
{
	int newlevel;

	if (get_option(&str, &newlevel)) {
		current_machine->log.console_loglevel = newlevel;
		return 0;
	}
	return -EINVAL;
}
early_param("loglevel", loglevel);

/* Are pr_debug() sites printed on this kernel (see <linux/printk.h>)? */
bool printk_debug_enabled(void)
{
	const char *v;

	if (!current_machine_raw)
		return false;
	v = profile_str(current_machine->profile, "printk.pr_debug");
	return v && !strcmp(v, "on");
}

/*
 * console=: which device gets the console (kernel/printk/printk.c).  The
 * simulated console is always the host's standard output; the name is
 * kept so the parameter counts as the kernel's.
 */
static int console_setup(char *str)
{
	if (current_machine_raw && str)
		snprintf(current_machine->console_name,
			 sizeof(current_machine->console_name), "%s", str);
	return 0;
}
__setup("console=", console_setup);
