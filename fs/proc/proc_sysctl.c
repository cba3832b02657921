// SPDX-License-Identifier: MIT
/*
 * fs/proc/proc_sysctl.c — the files of /proc/sys/vm (and
 * kernel/randomize_va_space), of /sys/kernel/mm/transparent_hugepage, and
 * of /sys/kernel/mm/lru_gen (mm/vmscan_lru_gen.c), and the sysctl.*
 * kernel parameters.
 *
 * Kernel counterparts: fs/proc/proc_sysctl.c (the table walk and
 * do_sysctl_args), kernel/sysctl.c (proc_dointvec_minmax and friends),
 * mm/page_alloc.c, mm/util.c, mm/mmap.c (the vm_table entries), Linux 6.1.
 *
 * One table: each knob names its file, its range, and either the variable
 * it sets or a handler that sets it and recomputes what depends on it (the
 * watermarks for min_free_kbytes and watermark_scale_factor).  A value is
 * read as proc_dointvec_minmax does: optional spaces, a decimal number,
 * optional trailing spaces or newline; anything else or a value out of
 * range is -EINVAL.  drop_caches and compact_memory are write-only:
 * drop_caches runs fs/drop_caches.c; compact_memory compacts every zone
 * (mm/compaction.c) whatever number is written, as 6.1's handler ignores
 * the value (6.1 also takes text that is not a number; mmsim says -EINVAL).
 * swappiness is mm/vmscan's.
 *
 * do_sysctl_args() runs where 6.1 runs it, at the end of kernel_init(): it
 * applies every `sysctl.a.b=value` (or sysctl/a/b=value) of the command
 * line by writing the value to /proc/sys/a/b, so sysctl.vm.min_free_kbytes=
 * changes the watermarks exactly as writing the file does.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/proc_fs.h"
#include "linux/printk.h"
#include "linux/compaction.h"
#include "mm/internal.h"
#include "linux/swap_lru.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

struct ctl_table {
	const char *procname;
	long min, max;
	int (*handler)(long val);     /* sets it, recomputes what depends on it */
	long (*show)(void);           /* reads of handler-only knobs */
	bool write_only;
};

/* Each knob's variable lives in the machine: set and read by small handlers. */
static int set_overcommit_memory(long v) { mmsim_proc_state(); sysctl_overcommit_memory = (int)v; return 0; }
static long get_overcommit_memory(void) { mmsim_proc_state(); return sysctl_overcommit_memory; }
static int set_overcommit_ratio(long v) { mmsim_proc_state(); sysctl_overcommit_ratio = (int)v; return 0; }
static long get_overcommit_ratio(void) { mmsim_proc_state(); return sysctl_overcommit_ratio; }
static int set_overcommit_kbytes(long v) { mmsim_proc_state(); sysctl_overcommit_kbytes = (unsigned long)v; return 0; }
static long get_overcommit_kbytes(void) { mmsim_proc_state(); return (long)sysctl_overcommit_kbytes; }
static int set_user_reserve(long v) { mmsim_proc_state(); sysctl_user_reserve_kbytes = (unsigned long)v; return 0; }
static long get_user_reserve(void) { mmsim_proc_state(); return (long)sysctl_user_reserve_kbytes; }
static int set_admin_reserve(long v) { mmsim_proc_state(); sysctl_admin_reserve_kbytes = (unsigned long)v; return 0; }
static long get_admin_reserve(void) { mmsim_proc_state(); return (long)sysctl_admin_reserve_kbytes; }
static int set_max_map_count(long v) { mmsim_proc_state(); sysctl_max_map_count = (int)v; return 0; }
static long get_max_map_count(void) { mmsim_proc_state(); return sysctl_max_map_count; }
static int set_mmap_min_addr(long v)
{
	dac_mmap_min_addr = (unsigned long)v;
	update_mmap_min_addr(mmsim_proc_state());
	return 0;
}
static long get_mmap_min_addr(void) { return (long)dac_mmap_min_addr; }
static int set_min_free_kbytes(long v) { return min_free_kbytes_sysctl_write((int)v); }
static long get_min_free_kbytes(void) { return min_free_kbytes; }
static int set_wsf(long v) { return watermark_scale_factor_sysctl_write((int)v); }
static long get_wsf(void) { return current_machine->mm.watermark_scale_factor; }
static int set_randomize(long v) { randomize_va_space = (int)v; return 0; }
static long get_randomize(void) { return randomize_va_space; }
static int drop_caches(long v) { return drop_caches_sysctl_write((int)v); }
static int set_swappiness(long v) { return vm_swappiness_set((int)v); }
static long get_swappiness(void) { return vm_swappiness_get(); }
static int set_panic_on_oom(long v) { mmsim_proc_state()->oom_panic_on_oom = (int)v; return 0; }
static long get_panic_on_oom(void) { return mmsim_proc_state()->oom_panic_on_oom; }
static int set_oom_kill_alloc(long v) { mmsim_proc_state()->oom_kill_allocating_task = (int)v; return 0; }
static long get_oom_kill_alloc(void) { return mmsim_proc_state()->oom_kill_allocating_task; }
static int set_oom_dump_tasks(long v) { mmsim_proc_state()->oom_dump_tasks = (int)v; return 0; }
static long get_oom_dump_tasks(void) { return mmsim_proc_state()->oom_dump_tasks; }
static int compact_memory(long v) { (void)v; return sysctl_compaction_handler(); }
static int set_proactiveness(long v) { return compaction_proactiveness_sysctl_handler((int)v); }
static long get_proactiveness(void) { return sysctl_compaction_proactiveness; }
static int set_extfrag_threshold(long v) { sysctl_extfrag_threshold = (int)v; return 0; }
static long get_extfrag_threshold(void) { return sysctl_extfrag_threshold; }
static int set_unevictable_allowed(long v) { sysctl_compact_unevictable_allowed = (int)v; return 0; }
static long get_unevictable_allowed(void) { return sysctl_compact_unevictable_allowed; }

static const struct ctl_table sysctl_table[] = {
	{ "vm/overcommit_memory", 0, 2, set_overcommit_memory, get_overcommit_memory },
	{ "vm/overcommit_ratio", 0, LONG_MAX >> 1, set_overcommit_ratio, get_overcommit_ratio },
	{ "vm/overcommit_kbytes", 0, LONG_MAX, set_overcommit_kbytes, get_overcommit_kbytes },
	{ "vm/user_reserve_kbytes", 0, LONG_MAX, set_user_reserve, get_user_reserve },
	{ "vm/admin_reserve_kbytes", 0, LONG_MAX, set_admin_reserve, get_admin_reserve },
	{ "vm/max_map_count", 0, 0x7fffffff, set_max_map_count, get_max_map_count },
	{ "vm/mmap_min_addr", 0, LONG_MAX, set_mmap_min_addr, get_mmap_min_addr },
	{ "vm/min_free_kbytes", 0, 0x7fffffff, set_min_free_kbytes, get_min_free_kbytes },
	{ "vm/watermark_scale_factor", 1, 3000, set_wsf, get_wsf },
	{ "vm/drop_caches", 1, 4, drop_caches, NULL, true },
	{ "vm/compact_memory", LONG_MIN, LONG_MAX, compact_memory, NULL, true }, /* any number */
	{ "vm/compaction_proactiveness", 0, 100, set_proactiveness, get_proactiveness },
	{ "vm/extfrag_threshold", 0, 1000, set_extfrag_threshold, get_extfrag_threshold },
	{ "vm/compact_unevictable_allowed", 0, 1, set_unevictable_allowed, get_unevictable_allowed },
	{ "vm/panic_on_oom", 0, 2, set_panic_on_oom, get_panic_on_oom },
	{ "vm/oom_kill_allocating_task", INT_MIN, INT_MAX, set_oom_kill_alloc, get_oom_kill_alloc },
	{ "vm/oom_dump_tasks", INT_MIN, INT_MAX, set_oom_dump_tasks, get_oom_dump_tasks },
	{ "vm/swappiness", 0, 200, set_swappiness, get_swappiness },
	{ "kernel/randomize_va_space", 0, 2, set_randomize, get_randomize },
};

/* A decimal number with an optional '-'; *@end after its digits. */
static int kstrtol_prefix(char *s, long *out, char **end)
{
	bool neg = *s == '-';
	unsigned long v = 0;
	char *c = s + neg;

	if (*c < '0' || *c > '9')
		return -EINVAL;
	for (; *c >= '0' && *c <= '9'; c++) {
		if (v > (unsigned long)LONG_MAX / 10)
			return -EINVAL;
		v = v * 10 + (unsigned long)(*c - '0');
	}
	if (v > (unsigned long)LONG_MAX)
		return -EINVAL;
	*out = neg ? -(long)v : (long)v;
	*end = c;
	return 0;
}

/* proc_dointvec_minmax's reading of one value. */
static int parse_value(const char *buf, size_t len, long *out)
{
	char tmp[64], *end;
	const char *p = buf;

	while (len && (*p == ' ' || *p == '\t' || *p == '\n')) {
		p++;
		len--;
	}
	if (!len || len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, p, len);
	tmp[len] = '\0';
	if (kstrtol_prefix(tmp, out, &end))
		return -EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	return *end ? -EINVAL : 0;
}

static const struct ctl_table *find_ctl(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sysctl_table); i++)
		if (!strcmp(sysctl_table[i].procname, name))
			return &sysctl_table[i];
	return NULL;
}

int proc_sys_write(const char *name, const char *buf, size_t len)
{
	const struct ctl_table *t = find_ctl(name);
	long v;

	if (!t)
		return -ENOENT;
	if (parse_value(buf, len, &v) || v < t->min || v > t->max)
		return -EINVAL;
	return t->handler(v);
}

int proc_sys_read(const char *name, char **text)
{
	const struct ctl_table *t = find_ctl(name);

	*text = NULL;
	if (!t)
		return -ENOENT;
	if (t->write_only)
		return -EACCES;
	*text = host_alloc(32);
	snprintf(*text, 32, "%ld\n", t->show());
	return 0;
}

#define THP_DIR "kernel/mm/transparent_hugepage/"
#define LRU_GEN_DIR "kernel/mm/lru_gen/"

int sysfs_write(const char *path, const char *buf, size_t len)
{
	bool lru_gen = !strncmp(path, LRU_GEN_DIR, strlen(LRU_GEN_DIR));
	char *val;
	int ret;

	if (!lru_gen && strncmp(path, THP_DIR, strlen(THP_DIR)))
		return -ENOENT;
	val = host_alloc(len + 1);
	memcpy(val, buf, len);
	val[len] = '\0';
	if (lru_gen)
		ret = lru_gen_sysfs_store(path + strlen(LRU_GEN_DIR), val);
	else
		ret = thp_sysfs_store(path + strlen(THP_DIR), val);
	host_free(val);
	return ret;
}

int sysfs_read(const char *path, char **text)
{
	bool lru_gen = !strncmp(path, LRU_GEN_DIR, strlen(LRU_GEN_DIR));
	int ret;

	*text = NULL;
	if (!lru_gen && strncmp(path, THP_DIR, strlen(THP_DIR)))
		return -ENOENT;
	*text = host_alloc(128);
	if (lru_gen)
		ret = lru_gen_sysfs_show(path + strlen(LRU_GEN_DIR), *text, 128);
	else
		ret = thp_sysfs_show(path + strlen(THP_DIR), *text, 128);
	if (ret) {
		host_free(*text);
		*text = NULL;
	}
	return ret;
}

/* sysctl.a.b=v on the command line: write v to /proc/sys/a/b. */
void do_sysctl_args(void)
{
	const char *cl = current_machine->saved_command_line;
	char word[512];

	while (cl && *cl) {
		size_t n = strcspn(cl, " ");
		char *eq, *c;
		int ret;

		if (n < sizeof(word) && (!strncmp(cl, "sysctl.", 7) || !strncmp(cl, "sysctl/", 7))) {
			memcpy(word, cl + 7, n - 7);
			word[n - 7] = '\0';
			eq = strchr(word, '=');
			if (eq) {
				*eq = '\0';
				for (c = word; *c; c++)
					if (*c == '.')
						*c = '/';
				ret = proc_sys_write(word, eq + 1, strlen(eq + 1));
				if (ret == -ENOENT)
					pr_err("Failed to set sysctl parameter '%.*s': parameter not found\n",
					       (int)(n - 7), cl + 7);
				else if (ret == -EINVAL)
					pr_err("Failed to set sysctl parameter '%.*s': invalid value\n",
					       (int)(n - 7), cl + 7);
			}
		}
		cl += n;
		while (*cl == ' ')
			cl++;
	}
}
