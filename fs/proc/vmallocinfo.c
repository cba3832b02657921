// SPDX-License-Identifier: MIT
/*
 * fs/proc/vmallocinfo.c — /proc/vmallocinfo: every busy vmalloc-space area
 * in address order, then the lazily freed ones.
 *
 * Kernel counterpart: mm/vmalloc.c s_show(), show_numa_info(),
 * show_purge_info() and proc_vmalloc_init() (Linux 6.1).  One line per
 * area, in the kernel's format:
 *
 *   0xffffc90000000000-0xffffc90000005000   20480 irq_init_percpu_irqstack vmap
 *   0xffffc90000010000-0xffffc90000015000   20480 kernel_clone pages=4 vmalloc N0=4
 *   0xffffc90000200000-0xffffc90000601000 4198400 alloc_large_system_hash pages=1024 vmalloc vpages N0=512 N1=512
 *   0xffffe8ffffc00000-0xffffe8ffffe00000 2097152 pcpu_get_vm_areas vmalloc
 *   0xffffc900003c0000-0xffffc900003c5000   20480 unpurged vm_area
 *
 *   start-end (kernel addresses; end includes the guard page), size,
 *   the caller, pages=N (pages the area holds), phys= (ioremap), the kind
 *   (ioremap / vmalloc / vmap / user / dma-coherent), "vpages" when the
 *   page array itself was vmalloc'ed, and on NUMA kernels the pages per
 *   node.  A busy area without a vm_struct (a vmap block, a large
 *   vm_map_ram) prints as "vm_map_ram".
 *
 * The kernel prints the caller with %pS ("kernel_clone+0xbf/0x430");
 * mmsim prints the function name alone.  Addresses are printed raw, as
 * the oracle's root-read files show them (%pK with pointers revealed).
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/seq_file.h"
#include "fs/proc/internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/host.h"

#include <string.h>

static void show_numa_info(struct seq_file *m, const struct vm_struct *v,
			   unsigned int *counters)
{
	enum node_states state = IS_ENABLED(CONFIG_HIGHMEM) ? N_HIGH_MEMORY :
							       N_NORMAL_MEMORY;
	unsigned int step = 1U << v->page_order, nr;
	int nid;

	if (!counters || (v->flags & VM_UNINITIALIZED))
		return;
	memset(counters, 0, MAX_NUMNODES * sizeof(*counters));
	for (nr = 0; nr < v->nr_pages; nr += step)
		counters[page_to_nid(v->pages[nr])] += step;
	for_each_node_state(nid, state)
		if (counters[nid])
			seq_printf(m, " N%d=%u", nid, counters[nid]);
}

/* %pK's width: the simulated kernel's pointers (16 digits, 8 on 32-bit ARM). */
static int ptr_digits(void)
{
	return 2 * (int)current_machine->arch.long_bytes;
}

static void show_purge_info(struct seq_file *m)
{
	struct vmap_area *va;

	spin_lock(&purge_vmap_area_lock);
	list_for_each_entry(va, &purge_vmap_area_list, list)
		seq_printf(m, "0x%0*lx-0x%0*lx %7ld unpurged vm_area\n",
			   ptr_digits(), va->va_start, ptr_digits(), va->va_end,
			   (long)(va->va_end - va->va_start));
	spin_unlock(&purge_vmap_area_lock);
}

static void show_area(struct seq_file *m, const struct vmap_area *va,
		      unsigned int *counters)
{
	const struct vm_struct *v = va->vm;
	unsigned long start;

	if (!v) {
		seq_printf(m, "0x%0*lx-0x%0*lx %7ld vm_map_ram\n", ptr_digits(),
			   va->va_start, ptr_digits(), va->va_end,
			   (long)(va->va_end - va->va_start));
		return;
	}
	start = vmalloc_kva(v->addr);
	seq_printf(m, "0x%0*lx-0x%0*lx %7ld", ptr_digits(), start, ptr_digits(),
		   start + v->size, (long)v->size);
	if (v->caller)
		seq_printf(m, " %s", v->caller);
	if (v->nr_pages)
		seq_printf(m, " pages=%d", (int)v->nr_pages);
	if (v->phys_addr)
		seq_printf(m, " phys=%pa", &v->phys_addr);
	if (v->flags & VM_IOREMAP)
		seq_puts(m, " ioremap");
	if (v->flags & VM_ALLOC)
		seq_puts(m, " vmalloc");
	if (v->flags & VM_MAP)
		seq_puts(m, " vmap");
	if (v->flags & VM_USERMAP)
		seq_puts(m, " user");
	if (v->flags & VM_DMA_COHERENT)
		seq_puts(m, " dma-coherent");
	if (is_vmalloc_addr(v->pages))
		seq_puts(m, " vpages");
	show_numa_info(m, v, counters);
	seq_putc(m, '\n');
}

void vmallocinfo_show(struct seq_file *m)
{
	unsigned int *counters = NULL;
	struct vmap_area *va;

	if (!vmap_initialized)
		return;
	if (IS_ENABLED(CONFIG_NUMA))
		counters = host_alloc(MAX_NUMNODES * sizeof(*counters));
	spin_lock(&vmap_purge_lock);
	spin_lock(&vmap_area_lock);
	list_for_each_entry(va, &vmap_area_list, list) {
		show_area(m, va, counters);
		if (va->list.next == &vmap_area_list)
			show_purge_info(m);
	}
	spin_unlock(&vmap_area_lock);
	spin_unlock(&vmap_purge_lock);
	host_free(counters);
}
