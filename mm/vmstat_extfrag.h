/* SPDX-License-Identifier: MIT */
/*
 * mm/vmstat_extfrag.h — fragmentation indexes of a zone (mm/vmstat_extfrag.c;
 * in the kernel, part of mm/vmstat.c and include/linux/compaction.h).
 */
#ifndef _MMSIM_MM_VMSTAT_EXTFRAG_H
#define _MMSIM_MM_VMSTAT_EXTFRAG_H

#include "linux/mmzone.h"

struct seq_file;

/* The free memory of a zone as seen by a request of one order. */
struct contig_page_info {
	unsigned long free_pages;           /* F: free pages, any order */
	unsigned long free_blocks_total;    /* B: free blocks, any order */
	unsigned long free_blocks_suitable; /* S: in units of 2^order pages */
};

void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
			   struct contig_page_info *info);
/* In thousandths: -1000 (would succeed) .. 1000; 0 without free blocks. */
int __fragmentation_index(unsigned int order, struct contig_page_info *info);
int fragmentation_index(struct zone *zone, unsigned int order);
/* In thousandths: 0 (all free memory usable at @order) .. 1000. */
int unusable_free_index(unsigned int order, struct contig_page_info *info);
/* In percent: the free memory in blocks below @order (mm/compaction.c's score). */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order);

/* /sys/kernel/debug/extfrag/unusable_index and .../extfrag_index */
void unusable_show(struct seq_file *m);
void extfrag_show(struct seq_file *m);

#endif /* _MMSIM_MM_VMSTAT_EXTFRAG_H */
