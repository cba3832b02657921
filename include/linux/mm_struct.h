/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm_struct.h — an address space: struct mm_struct.
 *
 * Kernel counterpart: struct mm_struct in include/linux/mm_types.h and
 * init_mm (mm/init-mm.c), Linux 6.1.  Kept in a header of its own because
 * struct machine embeds init_mm (current_machine->k_init_mm), the kernel's
 * own address space whose page tables are rooted at swapper_pg_dir.
 *
 * A user address space (kernel/fork.c: mm_alloc, dup_mm) is an object of
 * the "mm_struct" slab cache, 1104 bytes as x86_64 6.1 has it; mmsim's
 * structure is smaller than that and lives inside the object.
 *
 *   mm_mt              the VMAs, ordered by address, non-overlapping
 *   map_count          number of VMAs       (== entries of the VMA index)
 *   pgd                top-level page table (a page of simulated RAM)
 *   pgtables_bytes     bytes of table pages (pgd included, as 6.1 counts
 *                      for a user mm: VmPTE in /proc/PID/status)
 *   total_vm ...       pages in VMAs by kind (vm_stat_account)
 *   rss_stat           resident pages by kind (MM_FILEPAGES ...); with
 *                      SPLIT_RSS_COUNTING short of what the tasks using
 *                      the mm still hold (linux/mm_types_task.h)
 *   hiwater_rss/vm     peaks, updated where 6.1 updates them
 *
 * The VMA index.  As 6.1, the VMAs live in a maple tree (mm_mt,
 * lib/maple_tree.c, its nodes from the maple_node cache): each VMA is
 * the entry of [vm_start, vm_end - 1], and every lookup, iteration and
 * gap search walks it (mm/vma_index.c, mm/mmap.c).  Callers go through
 * find_vma()/vma_next()/for_each_vma() (include/linux/mm.h).
 */
#ifndef _MMSIM_LINUX_MM_STRUCT_H
#define _MMSIM_LINUX_MM_STRUCT_H

#include "linux/types.h"
#include "linux/spinlock.h"
#include "linux/rwsem.h"
#include "arch/x86/include/asm/pgtable_types.h"
#include "linux/maple_tree.h"
#include "linux/mm_types_task.h"

struct mm_rss_stat {
	atomic_long_t count[NR_MM_COUNTERS];
};

/* AT_VECTOR_SIZE on x86_64: 2 * (AT_VECTOR_SIZE_ARCH + AT_VECTOR_SIZE_BASE + 1) */
#define AT_VECTOR_SIZE 50

struct file;
struct task_struct;

struct mm_struct {
	pgd_t *pgd;
	/*
	 * mmap_lock guards the VMAs and the layout fields below;
	 * page_table_lock the upper page-table levels, the installing of a
	 * PTE table and (ARM) huge PMDs (linux/mmap_lock.h, linux/pgtable.h).
	 */
	struct rw_semaphore mmap_lock;
	spinlock_t page_table_lock;
	atomic_long_t pgtables_bytes;   /* PTE page-table pages */

	/* The VMAs (see the comment above). */
	struct maple_tree mm_mt;
	int map_count;                  /* number of VMAs */
	unsigned long mmap_base;        /* base of the mmap area (top-down) */
	unsigned long mmap_legacy_base; /* base of the bottom-up layout */
	unsigned long task_size;        /* size of the task's VM space */
	unsigned long highest_vm_end;   /* highest vma end address */
	bool mmap_topdown;              /* get_unmapped_area: top-down */
	/*
	 * The gap search arch_pick_mmap_layout() chose, as 6.1 keeps it;
	 * NULL for x86_64, whose two searches mm/mmap.c picks by mmap_topdown.
	 */
	unsigned long (*get_unmapped_area)(struct file *file, unsigned long addr,
					   unsigned long len, unsigned long pgoff,
					   unsigned long flags);

	atomic_t mm_users;              /* users of the address space */
	atomic_t mm_count;              /* references to the struct */

	unsigned long hiwater_rss;      /* high-watermark of RSS usage */
	unsigned long hiwater_vm;       /* high-water virtual memory usage */
	unsigned long total_vm;         /* pages mapped */
	unsigned long locked_vm;        /* pages that have PG_mlocked set */
	atomic_long_t pinned_vm;          /* refcount permanently increased */
	unsigned long data_vm;          /* VM_WRITE & ~VM_SHARED & ~VM_STACK */
	unsigned long exec_vm;          /* VM_EXEC & ~VM_WRITE & ~VM_STACK */
	unsigned long stack_vm;         /* VM_STACK */
	unsigned long def_flags;

	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long saved_auxv[AT_VECTOR_SIZE];

	struct mm_rss_stat rss_stat;
	unsigned long flags;            /* MMF_* */
#define MMF_VM_HUGEPAGE 17              /* on khugepaged's list */
	struct file *exe_file;
	struct task_struct *owner;      /* CONFIG_MEMCG: the owning task */
	void *vdso;                     /* context.vdso: base of the vDSO */
	/*
	 * PTE pages deposited under huge PMDs (pgtable_trans_huge_deposit;
	 * 6.1 lists them per PMD page, mmsim per mm: any one will do).
	 */
	struct list_head pmd_huge_pte;
};

#endif /* _MMSIM_LINUX_MM_STRUCT_H */
