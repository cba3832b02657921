/* SPDX-License-Identifier: MIT */
/*
 * include/linux/vmalloc.h — virtually contiguous kernel memory: vmalloc,
 * vmap, vm_map_ram and the areas behind them.
 *
 * Kernel counterparts: include/linux/vmalloc.h, mm/vmalloc.c (Linux 6.1),
 * arch/x86/include/asm/pgtable_64_types.h (VMALLOC_START/END).
 *
 * vmalloc() builds a buffer that is contiguous in kernel virtual addresses
 * out of pages that need not be contiguous in RAM, by mapping each page in
 * the kernel page tables inside the vmalloc area:
 *
 *   VMALLOC_START = vmalloc_base (0xffffc90000000000 on 4-level paging)
 *   VMALLOC_END   = VMALLOC_START + 32 TiB - 1  (12800 TiB on 5 levels)
 *
 *     |  area A (3 pages) |g|  area B (1) |g|     free ...      | percpu |
 *     ^ va_start                          ^ guard page: never mapped
 *
 * Two kinds of address, never mixed up in mmsim:
 *
 *   unsigned long   a *kernel* virtual address (va_start, VMALLOC_START,
 *                   what /proc/vmallocinfo prints and the page tables map)
 *   void *          a *host* pointer: what vmalloc()/vmap()/vm_map_ram()
 *                   return, vm_struct.addr, what vfree()/vmalloc_to_page()
 *                   take.  It is ordinary C memory: mmsim maps the same
 *                   simulated-RAM page at the host address that corresponds
 *                   to the kernel address, so a write through it is seen
 *                   through page_address() of the page, as in the kernel.
 *
 *   vmalloc_host(kva) and vmalloc_kva(ptr) convert between the two (compare
 *   __va/__pa for the direct map).
 *
 * Callers: the kernel records __builtin_return_address(0) and prints it in
 * /proc/vmallocinfo as "func+0xoff/0xsize"; vmalloc() and the rest are
 * real functions here too, and record the calling function's name
 * (<mmsim/caller.h>), which vmallocinfo prints.
 *
 * The structures (6.1's):
 *   struct vmap_area   one range of kernel virtual addresses, in exactly
 *                      one of: the busy tree (allocated; ->vm may point to
 *                      its vm_struct), the free tree (augmented with
 *                      ->subtree_max_size), the purge list (freed, waiting
 *                      for the lazy purge).
 *   struct vm_struct   what an allocated area holds: size (guard page
 *                      included), flags, the pages, the caller.
 */
#ifndef _MMSIM_LINUX_VMALLOC_H
#define _MMSIM_LINUX_VMALLOC_H

#include "linux/types.h"
#include "linux/gfp.h"
#include "linux/list.h"
#include "linux/numa.h"
#include "linux/pfn.h"
#include "linux/rbtree.h"
#include "mmsim/caller.h"
#include "arch/x86/include/asm/pgtable_types.h"
#include "arch/x86/include/asm/pgtable_64_types.h"

struct page;
struct seq_file;

/* vm_struct.flags (the kernel's bits) */
#define VM_IOREMAP 0x00000001           /* ioremap() and friends */
#define VM_ALLOC 0x00000002             /* vmalloc() */
#define VM_MAP 0x00000004               /* vmap()ed pages */
#define VM_USERMAP 0x00000008           /* may be mapped to user space */
#define VM_DMA_COHERENT 0x00000010      /* dma_alloc_coherent */
#define VM_UNINITIALIZED 0x00000020     /* still being set up */
#define VM_NO_GUARD 0x00000040          /* no guard page after the area */
#define VM_KASAN 0x00000080
#define VM_FLUSH_RESET_PERMS 0x00000100 /* reset the direct map on vfree */
#define VM_MAP_PUT_PAGES 0x00000200     /* vfree() frees pages and array */
#define VM_ALLOW_HUGE_VMAP 0x00000400   /* may map with PMD pages */

/* Largest alignment an ioremap area gets: 128 pages. */
#define IOREMAP_MAX_ORDER (7 + PAGE_SHIFT)

struct vm_struct {
	struct vm_struct *next;   /* vmlist, before vmalloc_init() */
	void *addr;               /* host pointer to the first byte */
	unsigned long size;       /* bytes, including the guard page */
	unsigned long flags;      /* VM_* */
	struct page **pages;      /* nr_pages page pointers, or NULL */
	unsigned int page_order;  /* pages are mapped 2^page_order at a time */
	unsigned int nr_pages;
	phys_addr_t phys_addr;    /* ioremap: the physical base */
	const char *caller;       /* who asked (function name) */
};

struct vmap_area {
	unsigned long va_start;   /* kernel virtual addresses [va_start, va_end) */
	unsigned long va_end;
	struct rb_node rb_node;   /* in the tree of its state, by address */
	struct list_head list;    /* in the address-sorted list of its state */
	union {
		unsigned long subtree_max_size; /* free tree: largest free size below */
		struct vm_struct *vm;           /* busy tree: its area, or NULL */
	};
};

/* --- the area's bounds (x86_64) -------------------------------------------- */

/* __VMALLOC_BASE_L4/L5, VMALLOC_SIZE_TB_L4/L5: asm/pgtable_64_types.h */
unsigned long vmalloc_area_start(void); /* VMALLOC_START (vmalloc_base) */
/* KASLR (arch/x86/mm/kaslr.c) moves the area before anything is mapped. */
void vmalloc_set_base(unsigned long base);
/* 32-bit ARM sets both bounds at setup_arch() (arch/arm/mm/mmu.c). */
void vmalloc_set_area(unsigned long start, unsigned long end);
/* The host window, for areas claimed before vmalloc_init(). */
void vmalloc_prepare_early(void);
unsigned long vmalloc_area_end(void);   /* VMALLOC_END: the last byte */
#define VMALLOC_START (vmalloc_area_start())
#define VMALLOC_END (vmalloc_area_end())
#define VMALLOC_TOTAL (VMALLOC_END - VMALLOC_START)

/* --- host view ---------------------------------------------------------------- */

/* The host pointer for kernel address @kva, or NULL outside the window. */
void *vmalloc_host(unsigned long kva);
/* The kernel address of host pointer @p in the window, or 0. */
unsigned long vmalloc_kva(const void *p);
/* Is @p a host pointer into the vmalloc area? */
bool is_vmalloc_addr(const void *p);

/* --- set-up ------------------------------------------------------------------- */

void vmalloc_init(void);
/* Before vmalloc_init(): claim a fixed area / an area anywhere (vmlist). */
void vm_area_add_early(struct vm_struct *vm);
void vm_area_register_early(struct vm_struct *vm, size_t align);

/* --- allocation ------------------------------------------------------------- */

void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end, gfp_t gfp,
			   pgprot_t prot, unsigned long vm_flags, int node,
			   const char *caller);
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp,
		     int node, const char *caller);

void *vmalloc_caller(unsigned long size, const char *caller);
void *vzalloc_caller(unsigned long size, const char *caller);
void *vmalloc_node_caller(unsigned long size, int node, const char *caller);
void *vzalloc_node_caller(unsigned long size, int node, const char *caller);
void *vmalloc_huge_caller(unsigned long size, gfp_t gfp, const char *caller);
void *vmalloc_32_caller(unsigned long size, const char *caller);
void *vmalloc_user_caller(unsigned long size, const char *caller);
void *__vmalloc_caller(unsigned long size, gfp_t gfp, const char *caller);

/* The kernel's entry points, real functions (<mmsim/caller.h>). */
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_node(unsigned long size, int node);
void *vzalloc_node(unsigned long size, int node);
void *vmalloc_huge(unsigned long size, gfp_t gfp);
void *vmalloc_32(unsigned long size);
void *vmalloc_user(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp);

#define vmalloc(...) MMSIM_CALLED_FROM(vmalloc, __VA_ARGS__)
#define vzalloc(...) MMSIM_CALLED_FROM(vzalloc, __VA_ARGS__)
#define vmalloc_node(...) MMSIM_CALLED_FROM(vmalloc_node, __VA_ARGS__)
#define vzalloc_node(...) MMSIM_CALLED_FROM(vzalloc_node, __VA_ARGS__)
#define vmalloc_huge(...) MMSIM_CALLED_FROM(vmalloc_huge, __VA_ARGS__)
#define vmalloc_32(...) MMSIM_CALLED_FROM(vmalloc_32, __VA_ARGS__)
#define vmalloc_user(...) MMSIM_CALLED_FROM(vmalloc_user, __VA_ARGS__)
#define __vmalloc(...) MMSIM_CALLED_FROM(__vmalloc, __VA_ARGS__)

/* Release what the vmalloc family (or vmap with VM_MAP_PUT_PAGES) gave. */
void vfree(const void *addr);
/* The same, deferred to the next vmalloc call point (atomic context). */
void vfree_atomic(const void *addr);

/* Map @count existing pages contiguously; vunmap() undoes it. */
void *vmap_caller(struct page **pages, unsigned int count, unsigned long flags,
		  pgprot_t prot, const char *caller);
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot);
#define vmap(...) MMSIM_CALLED_FROM(vmap, __VA_ARGS__)
void vunmap(const void *addr);

/* Short-lived mappings; up to VMAP_MAX_ALLOC pages come from vmap blocks. */
void *vm_map_ram(struct page **pages, unsigned int count, int node);
void vm_unmap_ram(const void *mem, unsigned int count);
/* Purge every lazily freed area and fragmented vmap block now. */
void vm_unmap_aliases(void);

/* The page mapped at host pointer @addr in the vmalloc area (a table walk). */
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

/* --- areas ---------------------------------------------------------------------- */

static inline size_t get_vm_area_size(const struct vm_struct *area)
{
	return area->size - ((area->flags & VM_NO_GUARD) ? 0 : PAGE_SIZE);
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const char *caller);
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
#define get_vm_area(...) MMSIM_CALLED_FROM(get_vm_area, __VA_ARGS__)
struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const char *caller);
struct vm_struct *find_vm_area(const void *addr);
struct vm_struct *remove_vm_area(const void *addr);
void free_vm_area(struct vm_struct *area);
/* The busy vmap_area holding kernel address @addr, or NULL. */
struct vmap_area *find_vmap_area(unsigned long addr);

/*
 * Per-CPU chunks: @nr_vms areas laid out like the first chunk's groups
 * (@offsets[i], @sizes[i], all multiples of @align, a power of two),
 * placed as high in the vmalloc area as they fit, at one common base:
 * area i covers [base + offsets[i], base + offsets[i] + sizes[i]).  No
 * guard pages and no pages: the caller maps them.  NULL when there is no
 * room.  The returned array and its vm_structs are freed with
 * pcpu_free_vm_areas().
 */
struct vm_struct **pcpu_get_vm_areas(const unsigned long *offsets,
				     const size_t *sizes, int nr_vms,
				     size_t align);
void pcpu_free_vm_areas(struct vm_struct **vms, int nr_vms);

/* VmallocUsed: pages held by vmalloc allocations. */
unsigned long vmalloc_nr_pages(void);

/* /proc/vmallocinfo (fs/proc/vmallocinfo.c). */
void vmallocinfo_show(struct seq_file *m);

/*
 * mmsim's validator (no kernel counterpart): the busy, free and purge
 * trees agree with their lists, are sorted and disjoint, cover the whole
 * address space together, free areas never touch, every subtree_max_size
 * is right, the counters match.  0, or -EINVAL after pr_err() of what is
 * wrong.  Call it while no simulated CPU is inside vmalloc.
 */
int vmalloc_validate(void);

#endif /* _MMSIM_LINUX_VMALLOC_H */
