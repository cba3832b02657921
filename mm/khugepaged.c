// SPDX-License-Identifier: MIT
/*
 * mm/khugepaged.c — the transparent-hugepage set-up's raise of
 * min_free_kbytes.
 *
 * Kernel counterparts: mm/khugepaged.c (set_recommended_min_free_kbytes,
 * start_stop_khugepaged, khugepaged_min_free_kbytes_update, the sysfs
 * attributes of khugepaged_attr_group) and the parts
 * of mm/huge_memory.c they need (transparent_hugepage_flags, the
 * transparent_hugepage= parameter, hugepage_init()).  Linux 6.1.
 *
 * When THP is enabled, starting khugepaged asks for enough free memory to
 * keep pageblocks available for huge pages, per zone that ordinary
 * allocations use (all but ZONE_MOVABLE):
 *
 *   recommended = pageblock_nr_pages * zones * (2 + MIGRATE_PCPTYPES^2)
 *               = 512 * zones * 11 pages  (22528 kB per zone, x86_64)
 *   capped at 5% of nr_free_buffer_pages(); min_free_kbytes only grows.
 *
 * hugepage_init() (a subsys_initcall) leaves THP off on machines with
 * less than 512 MiB, which therefore keep init_per_zone_wmark_min()'s
 * value.  The thread itself (its mm list, scan and collapse) is
 * mm/khugepaged_scan.c; this file starts and stops it with the
 * `enabled` setting and serves the sysfs files of
 * /sys/kernel/mm/transparent_hugepage/khugepaged/ (6.1's
 * khugepaged_attr): pages_to_scan, pages_collapsed (read-only),
 * full_scans (read-only), scan_sleep_millisecs, alloc_sleep_millisecs,
 * max_ptes_none, max_ptes_swap, max_ptes_shared (0..511), defrag (0/1).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/printk.h"
#include "linux/kthread.h"
#include "linux/huge_mm.h"
#include "mm/page_alloc_internal.h"
#include "mm/khugepaged_internal.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* The bits of transparent_hugepage_flags: include/linux/huge_mm.h. */
#define thp_flags (pa_state.transparent_hugepage_flags)

/* The defaults of the .config (called by page_alloc_state_init()). */
void thp_flags_init(void)
{
	thp_flags = 0;
	if (!pa_state.cfg_thp)
		return;
	if (IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS))
		thp_flags |= 1UL << TRANSPARENT_HUGEPAGE_FLAG;
	if (IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE_MADVISE))
		thp_flags |= 1UL << TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG;
	thp_flags |= 1UL << TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG |
		     1UL << TRANSPARENT_HUGEPAGE_DEFRAG_KHUGEPAGED_FLAG |
		     1UL << TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG;
}

bool hugepage_flags_enabled(void)
{
	return thp_flags & (1UL << TRANSPARENT_HUGEPAGE_FLAG |
			    1UL << TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG);
}

/* transparent_hugepage=always|madvise|never */
static int setup_transparent_hugepage(char *str)
{
	const unsigned long on = 1UL << TRANSPARENT_HUGEPAGE_FLAG;
	const unsigned long madv = 1UL << TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG;

	if (str && !strcmp(str, "always")) {
		thp_flags = (thp_flags | on) & ~madv;
	} else if (str && !strcmp(str, "madvise")) {
		thp_flags = (thp_flags & ~on) | madv;
	} else if (str && !strcmp(str, "never")) {
		thp_flags &= ~(on | madv);
	} else {
		pr_warn("transparent_hugepage= cannot parse, ignored\n");
		return 1;
	}
	return 0;
}
/* mm/huge_memory.c is built only with CONFIG_TRANSPARENT_HUGEPAGE */
__setup_if("CONFIG_TRANSPARENT_HUGEPAGE", "transparent_hugepage=", setup_transparent_hugepage);

/* Raise min_free_kbytes for huge pages (or recompute it when THP is off). */
static void set_recommended_min_free_kbytes(void)
{
	struct mm_state *mm = &current_machine->mm;
	unsigned long recommended_min;
	struct zone *zone;
	int nr_zones = 0;

	if (!hugepage_flags_enabled()) {
		calculate_min_free_kbytes();
		goto update_wmarks;
	}
	for_each_populated_zone(zone) {
		/* ZONE_MOVABLE holds only movable pages: no fragmentation */
		if (zone_idx(zone) > gfp_zone(GFP_USER))
			continue;
		nr_zones++;
	}
	recommended_min = pageblock_nr_pages * (unsigned long)nr_zones * 2;
	recommended_min += pageblock_nr_pages * (unsigned long)nr_zones *
			   MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
	recommended_min = min(recommended_min, nr_free_buffer_pages() / 20);
	recommended_min <<= PAGE_SHIFT - 10;
	if (recommended_min > (unsigned long)min_free_kbytes) {
		if (mm->user_min_free_kbytes >= 0)
			pr_info("raising min_free_kbytes from %d to %lu to help transparent hugepage allocations\n",
				min_free_kbytes, recommended_min);
		min_free_kbytes = (int)recommended_min;
	}
update_wmarks:
	setup_per_zone_wmarks();
}

/*
 * Start (or stop) khugepaged as the THP setting says, then re-raise.
 * Turned on with mms already listed, it is woken for them.
 */
int start_stop_khugepaged(void)
{
	struct khugepaged_state *ks = khugepaged_state();

	if (hugepage_flags_enabled()) {
		if (!ks->thread) {
			ks->phase = KHUGEPAGED_SCAN;
			ks->thread = kthread_run_sim(khugepaged, ks, "khugepaged");
		}
		if (!list_empty(&ks->mm_head))
			khugepaged_wake(ks);
	} else if (ks->thread) {
		kthread_stop(ks->thread);
		ks->thread = NULL;
		khugepaged_release_cursor(ks);
	}
	pa_state.khugepaged_running = ks->thread != NULL;
	set_recommended_min_free_kbytes();
	return 0;
}

/* min_free_kbytes was recomputed: raise it again if khugepaged runs. */
void khugepaged_min_free_kbytes_update(void)
{
	if (hugepage_flags_enabled() && pa_state.khugepaged_running)
		set_recommended_min_free_kbytes();
}

/*
 * mm/huge_memory.c's subsys_initcall: THP stays off below 512 MiB of
 * RAM; otherwise khugepaged starts.  x86_64 always has PSE.
 */
int hugepage_init(void)
{
	if (!pa_state.cfg_thp)
		return -EINVAL;
	khugepaged_init();
	if (totalram_pages() < (512UL << (20 - PAGE_SHIFT))) {
		thp_flags = 0;
		return 0;
	}
	return start_stop_khugepaged();
}

bool hugepage_flags_always(void)
{
	return thp_flags & (1UL << TRANSPARENT_HUGEPAGE_FLAG);
}

/*
 * /sys/kernel/mm/transparent_hugepage/{enabled,defrag,use_zero_page}
 * (6.1: mm/huge_memory.c's hugepage_attr).  A value is one of the words,
 * a trailing newline allowed (sysfs_streq); writing `enabled` starts or
 * stops khugepaged, which re-raises min_free_kbytes.
 */
struct thp_choice {
	const char *word;
	unsigned long set; /* the flag bits of this choice */
};

static const struct thp_choice thp_enabled_words[] = {
	{ "always", 1UL << TRANSPARENT_HUGEPAGE_FLAG },
	{ "madvise", 1UL << TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG },
	{ "never", 0 },
};

static const struct thp_choice thp_defrag_words[] = {
	{ "always", 1UL << TRANSPARENT_HUGEPAGE_DEFRAG_DIRECT_FLAG },
	{ "defer", 1UL << TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_FLAG },
	{ "defer+madvise", 1UL << TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_OR_MADV_FLAG },
	{ "madvise", 1UL << TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG },
	{ "never", 0 },
};

static bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	return (!*s1 && *s2 == '\n' && !s2[1]) || (*s1 == '\n' && !s1[1] && !*s2);
}

static int thp_choose(const struct thp_choice *c, size_t n, const char *buf)
{
	unsigned long mask = 0;
	size_t i;

	for (i = 0; i < n; i++)
		mask |= c[i].set;
	for (i = 0; i < n; i++)
		if (sysfs_streq(c[i].word, buf)) {
			thp_flags = (thp_flags & ~mask) | c[i].set;
			return 0;
		}
	return -EINVAL;
}

static void thp_show(const struct thp_choice *c, size_t n, char *out, size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < n && k < len; i++) {
		bool on = c[i].set ? (thp_flags & c[i].set) != 0 : false;

		if (!c[i].set) { /* "never": none of the others */
			size_t j;

			on = true;
			for (j = 0; j < n; j++)
				if (c[j].set && (thp_flags & c[j].set))
					on = false;
		}
		k += (size_t)snprintf(out + k, len - k, on ? "[%s]%s" : "%s%s", c[i].word,
				      i + 1 < n ? " " : "\n");
	}
}

int thp_sysfs_store(const char *attr, const char *buf)
{
	int ret;

	if (!pa_state.cfg_thp)
		return -ENOENT;
	if (!strncmp(attr, "khugepaged/", 11))
		return khugepaged_sysfs_store(attr + 11, buf);
	if (!strcmp(attr, "enabled")) {
		ret = thp_choose(thp_enabled_words, ARRAY_SIZE(thp_enabled_words), buf);
		return ret ? ret : start_stop_khugepaged();
	}
	if (!strcmp(attr, "defrag"))
		return thp_choose(thp_defrag_words, ARRAY_SIZE(thp_defrag_words), buf);
	if (!strcmp(attr, "use_zero_page")) {
		if (sysfs_streq("0", buf))
			thp_flags &= ~(1UL << TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG);
		else if (sysfs_streq("1", buf))
			thp_flags |= 1UL << TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG;
		else
			return -EINVAL;
		return 0;
	}
	return -ENOENT;
}

int thp_sysfs_show(const char *attr, char *out, size_t len)
{
	if (!pa_state.cfg_thp)
		return -ENOENT;
	if (!strncmp(attr, "khugepaged/", 11))
		return khugepaged_sysfs_show(attr + 11, out, len);
	if (!strcmp(attr, "enabled"))
		thp_show(thp_enabled_words, ARRAY_SIZE(thp_enabled_words), out, len);
	else if (!strcmp(attr, "defrag"))
		thp_show(thp_defrag_words, ARRAY_SIZE(thp_defrag_words), out, len);
	else if (!strcmp(attr, "use_zero_page"))
		snprintf(out, len, "%d\n",
			 !!(thp_flags & (1UL << TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG)));
	else if (!strcmp(attr, "hpage_pmd_size"))
		snprintf(out, len, "%lu\n", 1UL << (PAGE_SHIFT + 9));
	else
		return -ENOENT;
	return 0;
}

/* ---- /sys/kernel/mm/transparent_hugepage/khugepaged/ ---- */

/* kstrtouint(buf, 10): decimal, an optional '+', one trailing newline. */
static int khugepaged_parse_uint(const char *buf, unsigned int *val)
{
	unsigned long long v = 0;
	const char *p = buf;

	if (*p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long long)(*p - '0');
		if (v > UINT_MAX)
			return -ERANGE;
	}
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	*val = (unsigned int)v;
	return 0;
}

/* The writable numbers: name, where, the largest value allowed, 0 allowed. */
struct khugepaged_knob {
	const char *name;
	size_t offset;
	unsigned int max;
	bool zero_ok;
	bool wakes;             /* the sleep lengths wake the thread */
};

static const struct khugepaged_knob khugepaged_knobs[] = {
	{ "pages_to_scan", offsetof(struct khugepaged_state, pages_to_scan), UINT_MAX, false, false },
	{ "scan_sleep_millisecs", offsetof(struct khugepaged_state, scan_sleep_millisecs), UINT_MAX, true, true },
	{ "alloc_sleep_millisecs", offsetof(struct khugepaged_state, alloc_sleep_millisecs), UINT_MAX, true, true },
	{ "max_ptes_none", offsetof(struct khugepaged_state, max_ptes_none), HPAGE_PMD_NR - 1, true, false },
	{ "max_ptes_swap", offsetof(struct khugepaged_state, max_ptes_swap), HPAGE_PMD_NR - 1, true, false },
	{ "max_ptes_shared", offsetof(struct khugepaged_state, max_ptes_shared), HPAGE_PMD_NR - 1, true, false },
	{ "pages_collapsed", offsetof(struct khugepaged_state, pages_collapsed), 0, false, false },
	{ "full_scans", offsetof(struct khugepaged_state, full_scans), 0, false, false },
};

static const struct khugepaged_knob *khugepaged_knob(const char *attr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(khugepaged_knobs); i++)
		if (!strcmp(khugepaged_knobs[i].name, attr))
			return &khugepaged_knobs[i];
	return NULL;
}

int khugepaged_sysfs_store(const char *attr, const char *buf)
{
	struct khugepaged_state *ks = khugepaged_state();
	const struct khugepaged_knob *k = khugepaged_knob(attr);
	const unsigned long defrag = 1UL << TRANSPARENT_HUGEPAGE_DEFRAG_KHUGEPAGED_FLAG;
	unsigned int val;

	if (!strcmp(attr, "defrag")) {  /* single_hugepage_flag_store */
		if (khugepaged_parse_uint(buf, &val) || val > 1)
			return -EINVAL;
		thp_flags = val ? thp_flags | defrag : thp_flags & ~defrag;
		return 0;
	}
	if (!k)
		return -ENOENT;
	if (!k->max)
		return -EACCES;         /* a read-only file */
	if (khugepaged_parse_uint(buf, &val) || val > k->max || (!val && !k->zero_ok))
		return -EINVAL;
	*(unsigned int *)((char *)ks + k->offset) = val;
	if (k->wakes) {
		ks->sleep_expire = 0;
		khugepaged_wake(ks);
	}
	return 0;
}

int khugepaged_sysfs_show(const char *attr, char *out, size_t len)
{
	struct khugepaged_state *ks = khugepaged_state();
	const struct khugepaged_knob *k = khugepaged_knob(attr);

	if (!strcmp(attr, "defrag")) {
		snprintf(out, len, "%d\n",
			 !!(thp_flags & (1UL << TRANSPARENT_HUGEPAGE_DEFRAG_KHUGEPAGED_FLAG)));
		return 0;
	}
	if (!k)
		return -ENOENT;
	snprintf(out, len, "%u\n", *(unsigned int *)((char *)ks + k->offset));
	return 0;
}
