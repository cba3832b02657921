// SPDX-License-Identifier: MIT
/*
 * fs/proc/swaps.c — /proc/swaps.
 *
 * Kernel counterpart: mm/swapfile.c (swap_start/swap_show), Linux 6.1:
 * a header line, then one line per active swap device.  mmsim has no swap
 * devices yet, so the file is the header alone, as on a machine that never
 * ran swapon.
 */
#include "linux/kernel.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"

int proc_swaps_render(char **text)
{
	struct seq_file m;

	seq_file_init(&m);
	seq_puts(&m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	*text = seq_file_detach(&m, NULL);
	return 0;
}
