/* SPDX-License-Identifier: MIT */
/*
 * mm/khugepaged_internal.h — khugepaged's globals and the calls between
 * mm/khugepaged.c (set-up, sysfs) and mm/khugepaged_scan.c (the thread).
 *
 * Kernel counterpart: the file-scope globals of mm/khugepaged.c (Linux
 * 6.1): khugepaged_pages_to_scan, khugepaged_pages_collapsed,
 * khugepaged_full_scans, khugepaged_scan_sleep_millisecs,
 * khugepaged_alloc_sleep_millisecs, khugepaged_sleep_expire,
 * khugepaged_max_ptes_{none,swap,shared}, khugepaged_scan (the cursor),
 * khugepaged_thread; per machine (pa_state.khugepaged), reached by the
 * kernel's names through the macros below.
 */
#ifndef _MMSIM_MM_KHUGEPAGED_INTERNAL_H
#define _MMSIM_MM_KHUGEPAGED_INTERNAL_H

#include "linux/types.h"
#include "linux/list.h"

struct mm_struct;
struct kthread;
struct machine;

/* struct khugepaged_mm_slot: one mm on khugepaged's list. */
struct khugepaged_mm_slot {
	struct list_head mm_node;       /* on khugepaged_scan.mm_head */
	struct mm_struct *mm;           /* held by mmgrab */
};

/*
 * Where the thread is in its loop (the simulation runs it as steps that
 * end where the kernel's thread sleeps).
 */
enum khugepaged_phase {
	KHUGEPAGED_SCAN,         /* next step: khugepaged_do_scan from the top */
	KHUGEPAGED_ALLOC_SLEEP,  /* in khugepaged_alloc_sleep: resume the scan */
	KHUGEPAGED_SCAN_SLEEP,   /* scan_sleep_millisecs between passes */
	KHUGEPAGED_WAIT_MM,      /* no mm listed: until one registers */
};

struct khugepaged_state {
	/* the sysfs knobs (khugepaged_init's defaults) */
	unsigned int pages_to_scan;             /* 8 * HPAGE_PMD_NR */
	unsigned int pages_collapsed;
	unsigned int full_scans;
	unsigned int scan_sleep_millisecs;      /* 10000 */
	unsigned int alloc_sleep_millisecs;     /* 60000 */
	unsigned int max_ptes_none;             /* HPAGE_PMD_NR - 1 */
	unsigned int max_ptes_swap;             /* HPAGE_PMD_NR / 8 */
	unsigned int max_ptes_shared;           /* HPAGE_PMD_NR / 2 */
	unsigned long sleep_expire;
	/* khugepaged_scan: the mm list and the cursor */
	struct list_head mm_head;
	struct khugepaged_mm_slot *scan_mm_slot;
	unsigned long scan_address;
	/* the thread */
	struct kthread *thread;
	enum khugepaged_phase phase;
	unsigned int progress;          /* of the do_scan an alloc sleep cut */
	unsigned int pass_through_head;
};

#define khugepaged_pages_to_scan (khugepaged_state()->pages_to_scan)
#define khugepaged_pages_collapsed (khugepaged_state()->pages_collapsed)
#define khugepaged_full_scans (khugepaged_state()->full_scans)
#define khugepaged_scan_sleep_millisecs (khugepaged_state()->scan_sleep_millisecs)
#define khugepaged_alloc_sleep_millisecs (khugepaged_state()->alloc_sleep_millisecs)
#define khugepaged_sleep_expire (khugepaged_state()->sleep_expire)
#define khugepaged_max_ptes_none (khugepaged_state()->max_ptes_none)
#define khugepaged_max_ptes_swap (khugepaged_state()->max_ptes_swap)
#define khugepaged_max_ptes_shared (khugepaged_state()->max_ptes_shared)

/* The machine's khugepaged globals, made on first use. */
struct khugepaged_state *khugepaged_state(void);
/* khugepaged_init: the knobs' defaults (hugepage_init). */
void khugepaged_init(void);
/* The thread's step (kernel/kthread.c's model of a kernel thread). */
long khugepaged(void *data);
/* wake_up_interruptible(&khugepaged_wait) */
void khugepaged_wake(struct khugepaged_state *ks);
/* The thread stopped: the mm the cursor held is let go (collect_mm_slot). */
void khugepaged_release_cursor(struct khugepaged_state *ks);
/* Machine teardown (host/machine.c): the slots still listed. */
void khugepaged_state_free(struct machine *m);
/* The sysfs files of .../transparent_hugepage/khugepaged/ (khugepaged.c). */
int khugepaged_sysfs_store(const char *attr, const char *buf);
int khugepaged_sysfs_show(const char *attr, char *out, size_t len);

#endif /* _MMSIM_MM_KHUGEPAGED_INTERNAL_H */
