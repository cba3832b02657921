// SPDX-License-Identifier: MIT
/*
 * fs/proc/meminfo.c — /proc/meminfo.
 *
 * Kernel counterparts: fs/proc/meminfo.c meminfo_proc_show(), and the
 * helpers it calls: si_meminfo() and si_mem_available() (mm/page_alloc.c),
 * vm_commit_limit() (mm/util.c), hugetlb_report_meminfo() (mm/hugetlb.c),
 * arch_report_meminfo() (arch/x86/mm/pat/set_memory.c).  Linux 6.1.
 *
 * Every line 6.1 prints on this .config, in its order.  Where the figure
 * comes from in mmsim:
 *
 *   MemTotal        totalram_pages (managed pages of all zones)
 *   MemFree         NR_FREE_PAGES (buddy lists; pcp pages are not free)
 *   MemAvailable    si_mem_available(): free - totalreserve + reclaimable
 *                   page cache and slab beyond the low watermarks
 *   Slab, SReclaimable, SUnreclaim, KReclaimable, KernelStack, PageTables,
 *   LRU lines, Cached, Shmem, ...   the node counters (0 until the
 *                   subsystems that count them exist in mmsim)
 *   SwapTotal/Free  si_swapinfo: total_swap_pages, nr_swap_pages (slots
 *                   in the per-CPU slot caches count as used)
 *   SwapCached      NR_SWAPCACHE (mm/swap_state.c)
 *   CommitLimit     totalram * overcommit_ratio (50) / 100 + total swap
 *   VmallocTotal    the vmalloc area's size (x86_64: 32 TiB - 1 byte)
 *   VmallocUsed     vmalloc_nr_pages() (mm/vmalloc.c)
 *   Percpu          pcpu_nr_populated * pcpu_nr_units (mm/percpu.c)
 *   CmaTotal/Free   totalcma_pages, NR_FREE_CMA_PAGES (CONFIG_CMA)
 *   HugePages_*     no huge pages reserved (no hugepages= handling yet)
 *   DirectMap*      the direct map's pages by size (arch/x86)
 *
 * and what an idle kernel prints for what mmsim does not model: no zswap pool, no block devices (Buffers), no committed user memory,
 * no poisoned pages.
 */
#include "linux/kernel.h"
#include "linux/mman.h"
#include "linux/percpu.h"
#include "linux/seq_file.h"
#include "linux/nodemask.h"
#include "arch/x86/include/asm/pgtable.h"
#include "linux/vmalloc.h"
#include "fs/proc/internal.h"
#include "mm/page_alloc_internal.h"
#include "linux/swap.h"

#include <string.h>

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))
#define SYSCTL_OVERCOMMIT_RATIO 50   /* vm.overcommit_ratio default */
#define HPAGE_SIZE_KB 2048           /* x86_64 default huge page */

/* The kernel's struct sysinfo, in pages. */
struct sysinfo_pages {
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalhigh, freehigh;
	unsigned long totalswap, freeswap;
};

static void si_highmem(struct sysinfo_pages *i)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		if (!is_highmem(zone))
			continue;
		i->totalhigh += zone_managed_pages(zone);
		i->freehigh += zone_page_state(zone, NR_FREE_PAGES);
	}
}

static void si_meminfo(struct sysinfo_pages *i)
{
	memset(i, 0, sizeof(*i));
	i->totalram = totalram_pages();
	i->sharedram = global_node_page_state(NR_SHMEM);
	i->freeram = global_zone_page_state(NR_FREE_PAGES);
	i->bufferram = 0;            /* nr_blockdev_pages(): no block devices */
	si_swapinfo_pages(&i->totalswap, &i->freeswap);
	si_highmem(i);
}

/*
 * Free memory minus what the allocator holds back (totalreserve_pages),
 * plus the page cache and reclaimable kernel memory that could be freed
 * without dipping under the zones' low watermarks.
 */
static long si_mem_available(void)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	struct zone *zone;
	long available;

	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	available = (long)global_zone_page_state(NR_FREE_PAGES) -
		    (long)current_machine->mm.totalreserve_pages;
	pagecache = global_node_page_state(NR_ACTIVE_FILE) +
		    global_node_page_state(NR_INACTIVE_FILE);
	pagecache -= min(pagecache / 2, wmark_low);
	available += (long)pagecache;
	reclaimable = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		      global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE);
	available += (long)(reclaimable - min(reclaimable / 2, wmark_low));
	return available < 0 ? 0 : available;
}

/*
 * VMALLOC_TOTAL in kB.  x86_64: VMALLOC_END is the area's last byte, so
 * the total is one byte short of 32 TiB (12800 TiB with LA57).  32-bit
 * ARM: VMALLOC_END is the first byte after it (0xff800000 - 0xf0800000 =
 * 240 MiB on a 1 GiB vexpress).
 */
static unsigned long vmalloc_total_kb(void)
{
	return (unsigned long)VMALLOC_TOTAL >> 10; /* include/linux/vmalloc.h */
}


/* "Label:  %8lu kB" (show_val_kb()). */
static void show_val_kb(struct seq_file *m, const char *label,
			unsigned long pages)
{
	seq_printf(m, "%s%8lu kB\n", label, K(pages));
}

static void show_lru(struct seq_file *m)
{
	unsigned long ia = global_node_page_state(NR_INACTIVE_ANON);
	unsigned long aa = global_node_page_state(NR_ACTIVE_ANON);
	unsigned long in_f = global_node_page_state(NR_INACTIVE_FILE);
	unsigned long af = global_node_page_state(NR_ACTIVE_FILE);

	show_val_kb(m, "Active:         ", aa + af);
	show_val_kb(m, "Inactive:       ", ia + in_f);
	show_val_kb(m, "Active(anon):   ", aa);
	show_val_kb(m, "Inactive(anon): ", ia);
	show_val_kb(m, "Active(file):   ", af);
	show_val_kb(m, "Inactive(file): ", in_f);
	show_val_kb(m, "Unevictable:    ", global_node_page_state(NR_UNEVICTABLE));
	show_val_kb(m, "Mlocked:        ", global_zone_page_state(NR_MLOCK));
}

static void show_kernel_memory(struct seq_file *m, const struct sysinfo_pages *i)
{
	unsigned long sreclaimable =
		global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaim =
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);

	show_val_kb(m, "Dirty:          ", global_node_page_state(NR_FILE_DIRTY));
	show_val_kb(m, "Writeback:      ", global_node_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:      ", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Mapped:         ", global_node_page_state(NR_FILE_MAPPED));
	show_val_kb(m, "Shmem:          ", i->sharedram);
	show_val_kb(m, "KReclaimable:   ", sreclaimable +
		    global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(m, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:   ", sreclaimable);
	show_val_kb(m, "SUnreclaim:     ", sunreclaim);
	seq_printf(m, "KernelStack:    %8lu kB\n",
		   global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:     ", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "SecPageTables:  ",
		    global_node_page_state(NR_SECONDARY_PAGETABLE));
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", global_zone_page_state(NR_BOUNCE));
	show_val_kb(m, "WritebackTmp:   ",
		    global_node_page_state(NR_WRITEBACK_TEMP));
}

static void show_huge_pages(struct seq_file *m)
{
	if (IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE)) {
		show_val_kb(m, "AnonHugePages:  ", global_node_page_state(NR_ANON_THPS));
		show_val_kb(m, "ShmemHugePages: ", global_node_page_state(NR_SHMEM_THPS));
		show_val_kb(m, "ShmemPmdMapped: ",
			    global_node_page_state(NR_SHMEM_PMDMAPPED));
		show_val_kb(m, "FileHugePages:  ", global_node_page_state(NR_FILE_THPS));
		show_val_kb(m, "FilePmdMapped:  ",
			    global_node_page_state(NR_FILE_PMDMAPPED));
	}
	if (IS_ENABLED(CONFIG_CMA)) {
		show_val_kb(m, "CmaTotal:       ", totalcma_pages);
		show_val_kb(m, "CmaFree:        ",
			    global_zone_page_state(NR_FREE_CMA_PAGES));
	}
	if (IS_ENABLED(CONFIG_HUGETLB_PAGE)) {
		/* hugetlb_report_meminfo(): the default hstate, none allocated */
		seq_printf(m,
			   "HugePages_Total:   %5lu\n"
			   "HugePages_Free:    %5lu\n"
			   "HugePages_Rsvd:    %5lu\n"
			   "HugePages_Surp:    %5lu\n"
			   "Hugepagesize:   %8lu kB\n",
			   0UL, 0UL, 0UL, 0UL, (unsigned long)HPAGE_SIZE_KB);
		seq_printf(m, "Hugetlb:        %8lu kB\n", 0UL);
	}
}

/* arch_report_meminfo(): the direct map by page size. */
static void show_direct_map(struct seq_file *m)
{
	struct direct_map_sizes dm;

	if (current_machine->arch.arch != MMSIM_ARCH_X86_64)
		return;
	dm = direct_map_sizes_kb();
	seq_printf(m, "DirectMap4k:    %8lu kB\n", dm.kb_4k);
	seq_printf(m, "DirectMap2M:    %8lu kB\n", dm.kb_2m);
	if (dm.show_1g)
		seq_printf(m, "DirectMap1G:    %8lu kB\n", dm.kb_1g);
}

void meminfo_show(struct seq_file *m)
{
	struct sysinfo_pages i;
	long cached;

	si_meminfo(&i);
	cached = (long)global_node_page_state(NR_FILE_PAGES) -
		 (long)global_node_page_state(NR_SWAPCACHE) - (long)i.bufferram;
	if (cached < 0)
		cached = 0;

	show_val_kb(m, "MemTotal:       ", i.totalram);
	show_val_kb(m, "MemFree:        ", i.freeram);
	show_val_kb(m, "MemAvailable:   ", (unsigned long)si_mem_available());
	show_val_kb(m, "Buffers:        ", i.bufferram);
	show_val_kb(m, "Cached:         ", (unsigned long)cached);
	show_val_kb(m, "SwapCached:     ", global_node_page_state(NR_SWAPCACHE));
	show_lru(m);
	if (IS_ENABLED(CONFIG_HIGHMEM)) {
		show_val_kb(m, "HighTotal:      ", i.totalhigh);
		show_val_kb(m, "HighFree:       ", i.freehigh);
		show_val_kb(m, "LowTotal:       ", i.totalram - i.totalhigh);
		show_val_kb(m, "LowFree:        ", i.freeram - i.freehigh);
	}
	show_val_kb(m, "SwapTotal:      ", i.totalswap);
	show_val_kb(m, "SwapFree:       ", i.freeswap);
	if (IS_ENABLED(CONFIG_ZSWAP)) {
		seq_printf(m, "Zswap:          %8lu kB\n", 0UL);
		seq_printf(m, "Zswapped:       %8lu kB\n", 0UL);
	}
	show_kernel_memory(m, &i);
	show_val_kb(m, "CommitLimit:    ", vm_commit_limit());
	show_val_kb(m, "Committed_AS:   ", vm_memory_committed()); /* mm/util.c */
	seq_printf(m, "VmallocTotal:   %8lu kB\n",
		   vmalloc_total_kb());
	show_val_kb(m, "VmallocUsed:    ", vmalloc_nr_pages()); /* mm/vmalloc.c */
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", pcpu_nr_pages());
	if (IS_ENABLED(CONFIG_MEMORY_FAILURE))
		seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_huge_pages(m);
	show_direct_map(m);
}
