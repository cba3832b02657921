/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm.h — address translation between physical addresses and
 * the simulated kernel's direct map (more of mm.h arrives with struct page).
 *
 * Kernel counterparts: include/linux/mm.h, arch/x86/include/asm/page.h
 * (__va, __pa), include/asm-generic/io.h (phys_to_virt).
 *
 * In mmsim the direct map of a physical address is the host address of
 * that byte of simulated RAM (see host/ram.c):  __va(pa) = ram.base + pa.
 * Pointers returned by memblock_alloc() and friends are such addresses and
 * can be used as ordinary C memory.  The address the real kernel would
 * print for them (PAGE_OFFSET + pa) is kernel_va(pa).
 */
#ifndef _MMSIM_LINUX_MM_H
#define _MMSIM_LINUX_MM_H

#include "linux/types.h"
#include "linux/mm_types.h"
#include "linux/page-flags.h"
#include "linux/mmzone.h"
#include "linux/pfn.h"

void *mmsim_va(phys_addr_t pa);
phys_addr_t mmsim_pa(const void *p);

#define __va(pa) mmsim_va((phys_addr_t)(pa))
#define __pa(p) mmsim_pa((const void *)(p))
#define phys_to_virt(pa) __va(pa)
#define virt_to_phys(p) __pa(p)

/*
 * The memory model.  SPARSEMEM_VMEMMAP (x86_64): the struct pages of all
 * memory form one virtually contiguous array, `vmemmap`, indexed by pfn;
 * mmsim reserves a host address range for it and maps the pieces of
 * simulated RAM that hold the memory map into it (mm/sparse-vmemmap.c),
 * as the kernel's page tables do.  FLATMEM (32-bit ARM): mem_map[] from
 * the first pfn.  Both are set up at boot; the conversions below are the
 * kernel's.
 */
struct page *mmsim_pfn_to_page(unsigned long pfn);
unsigned long mmsim_page_to_pfn(const struct page *page);
#define pfn_to_page(pfn) mmsim_pfn_to_page(pfn)
#define page_to_pfn(page) mmsim_page_to_pfn(page)
#define page_to_phys(page) PFN_PHYS(page_to_pfn(page))
#define phys_to_page(pa) pfn_to_page(PHYS_PFN(pa))
#define virt_to_page(addr) pfn_to_page(PHYS_PFN(__pa(addr)))
#define page_address(page) __va(page_to_phys(page))
/*
 * Copy @len bytes of a struct page at @addr (not crossing the page) as a
 * reader sees them, without filling an untouched host page of the lazy
 * memory map (mm/memmap_lazy.c): for walkers that only look.
 */
void memmap_peek(const void *addr, void *out, size_t len);
/* Entries of the list at @head, counted up to @cap, read with memmap_peek(). */
unsigned long memmap_list_count(const struct list_head *head, unsigned long cap);
/* page_zone(@page) read with memmap_peek(). */
struct zone *memmap_peek_zone(const struct page *page);

/* Zone and node numbers live in the top bits of page->flags. */
int page_zonenum(const struct page *page);
int page_to_nid(const struct page *page);
struct zone *page_zone(const struct page *page);
pg_data_t *page_pgdat(const struct page *page);
void set_page_links(struct page *page, int zone, int nid, unsigned long pfn);

/* Reference counts (include/linux/page_ref.h). */
static inline int page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount.counter, __ATOMIC_RELAXED);
}

static inline void set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->_refcount.counter, v, __ATOMIC_RELAXED);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	__atomic_add_fetch(&page->_refcount.counter, 1, __ATOMIC_RELAXED);
}

static inline void page_ref_add(struct page *page, int nr)
{
	__atomic_add_fetch(&page->_refcount.counter, nr, __ATOMIC_RELAXED);
}

/*
 * folio_try_get: a reference unless the count is already 0 (the folio is
 * being freed): what a walker that found it without a reference (the
 * LRU under lru_lock) must use.
 */
static inline bool folio_try_get(struct folio *folio)
{
	int c = __atomic_load_n(&folio->_refcount.counter, __ATOMIC_RELAXED);

	while (c)
		if (__atomic_compare_exchange_n(&folio->_refcount.counter, &c, c + 1,
						false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

/*
 * folio_ref_freeze: the count from @count to 0 in one step, or false when
 * someone else holds a reference; while frozen folio_try_get fails, so
 * nobody can find the folio and keep it.  folio_ref_unfreeze sets the
 * count again (6.1's page_ref.h).
 */
static inline bool folio_ref_freeze(struct folio *folio, int count)
{
	int c = count;

	return __atomic_compare_exchange_n(&folio->_refcount.counter, &c, 0, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	__atomic_store_n(&folio->_refcount.counter, count, __ATOMIC_RELEASE);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return __atomic_sub_fetch(&page->_refcount.counter, 1,
				  __ATOMIC_ACQ_REL) == 0;
}

static inline bool put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

static inline void page_mapcount_reset(struct page *page)
{
	page->_mapcount.counter = -1;
}

static inline unsigned int compound_order(struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}

/*
 * Folios (include/linux/mm.h, page-flags.h, page_ref.h of 6.1).  A folio
 * is named by its head page; these are the accessors the rest of mm uses.
 */
#define page_folio(p) ((struct folio *)compound_head((struct page *)(p)))
#define folio_page(folio, n) (&(folio)->page + (n))

static inline unsigned int folio_order(const struct folio *folio)
{
	return folio_test_large(folio) ? folio->_folio_order : 0;
}

static inline long folio_nr_pages(const struct folio *folio)
{
	return folio_test_large(folio) ? (long)folio->_folio_nr_pages : 1;
}

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return page_to_pfn(&folio->page);
}

static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}

static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

static inline void folio_get(struct folio *folio)
{
	page_ref_inc(&folio->page);
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	page_ref_add(&folio->page, nr);
}

static inline bool folio_ref_sub_and_test(struct folio *folio, int nr)
{
	return __atomic_sub_fetch(&folio->_refcount.counter, nr,
				  __ATOMIC_ACQ_REL) == 0;
}

static inline struct zone *folio_zone(const struct folio *folio)
{
	return page_zone(&folio->page);
}

static inline pg_data_t *folio_pgdat(const struct folio *folio)
{
	return page_pgdat(&folio->page);
}

static inline int folio_nid(const struct folio *folio)
{
	return page_to_nid(&folio->page);
}

static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

/* Pages the page allocator accounts (mm/page_alloc.c). */
unsigned long totalram_pages(void);
void totalram_pages_add(long count);
unsigned long nr_free_pages(void);

/* Hand whole pages [start_pfn, end_pfn) to the page allocator (mm/page_alloc.c). */
void memblock_free_late_pages(unsigned long start_pfn, unsigned long end_pfn);


/*
 * The user address-space limit (arch/x86/include/asm/page_64_types.h:
 * TASK_SIZE_MAX, 47-bit user space minus the guard page).  A 32-bit ARM
 * mm sets mm->task_size to its own TASK_SIZE (PAGE_OFFSET - 16M).
 */
#define TASK_SIZE_MAX ((1UL << 47) - PAGE_SIZE)
#define TASK_SIZE (current->mm->task_size)
#define STACK_TOP TASK_SIZE_MAX

/* ---- user address spaces: VMA flags (6.1's bit values, x86_64) ------------ */

#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL  /* the VM_READ etc. mprotect may set */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_UFFD_MISSING	0x00000200UL
#define VM_PFNMAP	0x00000400UL
#define VM_UFFD_WP	0x00001000UL
#define VM_LOCKED	0x00002000UL
#define VM_IO		0x00004000UL
#define VM_SEQ_READ	0x00008000UL  /* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x00010000UL  /* MADV_RANDOM */
#define VM_DONTCOPY	0x00020000UL  /* MADV_DONTFORK */
#define VM_DONTEXPAND	0x00040000UL
#define VM_LOCKONFAULT	0x00080000UL
#define VM_ACCOUNT	0x00100000UL  /* charged to vm_committed_as */
#define VM_NORESERVE	0x00200000UL
#define VM_HUGETLB	0x00400000UL
#define VM_SYNC		0x00800000UL
#define VM_ARCH_1	0x01000000UL
#define VM_WIPEONFORK	0x02000000UL
#define VM_DONTDUMP	0x04000000UL
#define VM_SOFTDIRTY	0x08000000UL  /* CONFIG_MEM_SOFT_DIRTY (x86_64 Debian) */
#define VM_MIXEDMAP	0x10000000UL
#define VM_HUGEPAGE	0x20000000UL  /* MADV_HUGEPAGE */
#define VM_NOHUGEPAGE	0x40000000UL  /* MADV_NOHUGEPAGE */
#define VM_MERGEABLE	0x80000000UL  /* KSM */
#define VM_PAT		VM_ARCH_1     /* x86 */
#define VM_GROWSUP	VM_NONE
#define VM_UFFD_MINOR	VM_NONE

#define VM_STACK	VM_GROWSDOWN
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_STACK_DEFAULT_FLAGS VM_DATA_DEFAULT_FLAGS
#define VM_STACK_FLAGS	(VM_STACK | VM_STACK_DEFAULT_FLAGS | VM_ACCOUNT)
#define VM_STACK_INCOMPLETE_SETUP (VM_RAND_READ | VM_SEQ_READ)
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
#define VM_INIT_DEF_MASK VM_NOHUGEPAGE
#define VM_NO_KHUGEPAGED (VM_SPECIAL | VM_HUGETLB)

/* FOLL_* flags of get_user_pages and access_remote_vm (include/linux/mm.h). */
#define FOLL_WRITE	0x01
#define FOLL_TOUCH	0x02
#define FOLL_GET	0x04
#define FOLL_DUMP	0x08
#define FOLL_FORCE	0x10
#define FOLL_NOWAIT	0x20
#define FOLL_NOFAULT	0x80
#define FOLL_HWPOISON	0x100
#define FOLL_POPULATE	0x40000  /* mmsim: populate_vma_page_range's caller */

/* Page-fault flags (enum fault_flag) and results (enum vm_fault_reason). */
#define FAULT_FLAG_WRITE	0x001
#define FAULT_FLAG_MKWRITE	0x002
#define FAULT_FLAG_ALLOW_RETRY	0x004
#define FAULT_FLAG_RETRY_NOWAIT	0x008
#define FAULT_FLAG_KILLABLE	0x010
#define FAULT_FLAG_TRIED	0x020
#define FAULT_FLAG_USER		0x040
#define FAULT_FLAG_REMOTE	0x080
#define FAULT_FLAG_INSTRUCTION	0x100
#define FAULT_FLAG_INTERRUPTIBLE 0x200
#define FAULT_FLAG_UNSHARE	0x400
#define FAULT_FLAG_ORIG_PTE_VALID 0x800

typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x000001
#define VM_FAULT_SIGBUS		0x000002
#define VM_FAULT_MAJOR		0x000004
#define VM_FAULT_WRITE		0x000008
#define VM_FAULT_HWPOISON	0x000010
#define VM_FAULT_HWPOISON_LARGE	0x000020
#define VM_FAULT_SIGSEGV	0x000040
#define VM_FAULT_NOPAGE		0x000100
#define VM_FAULT_LOCKED		0x000200
#define VM_FAULT_RETRY		0x000400
#define VM_FAULT_FALLBACK	0x000800
#define VM_FAULT_DONE_COW	0x001000
#define VM_FAULT_NEEDDSYNC	0x002000
#define VM_FAULT_COMPLETED	0x004000
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
			VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)

/* The state of one fault as mm/memory.c passes it along (struct vm_fault). */
struct vm_fault {
	struct vm_area_struct *vma;
	gfp_t gfp_mask;
	unsigned long pgoff;
	unsigned long address;       /* faulting address, page aligned */
	unsigned long real_address;  /* the address itself */
	unsigned int flags;          /* FAULT_FLAG_* */
	pmd_t *pmd;
	pud_t *pud;
	pte_t orig_pte;
	struct page *cow_page;
	struct page *page;
	pte_t *pte;
	spinlock_t *ptl;             /* the lock of pte's table, when taken */
};

/* What a VMA's backing provides (struct vm_operations_struct, 6.1 subset). */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, unsigned long start_pgoff,
				unsigned long end_pgoff);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	const char *(*name)(struct vm_area_struct *vma);
};

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* ---- the VMA index of an mm (see include/linux/mm_struct.h) -------------- */

/* The first VMA with vm_end > @addr, or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/*
 * The architecture's gate VMA, shown after the mm's own VMAs by maps and
 * smaps; NULL when there is none (x86_64 here: no vsyscall page).
 */
struct vm_area_struct *get_gate_vma(struct mm_struct *mm);
/* find_vma(), and the VMA before it in *@pprev (NULL when none). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The VMA containing @addr, or NULL. */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
/* The first VMA intersecting [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end);

/*
 * Walking the VMAs in address order, as 6.1 does:
 *   VMA_ITERATOR(vmi, mm, 0);
 *   for_each_vma(vmi, vma) { ... }
 * Each step is a fresh walk of mm->mm_mt (mas_find from the end of the
 * last VMA returned), so the loop body may change the tree.
 */
struct vma_iterator {
	struct mm_struct *mm;
	unsigned long index;   /* the next VMA ends above this address */
};
#define VMA_ITERATOR(name, mm_, addr) \
	struct vma_iterator name = { .mm = (mm_), .index = (addr) }
struct vm_area_struct *vma_next(struct vma_iterator *vmi);
struct vm_area_struct *vma_prev(struct vma_iterator *vmi);
#define for_each_vma(vmi, vma) while (((vma) = vma_next(&(vmi))) != NULL)
#define for_each_vma_range(vmi, vma, end) \
	while (((vma) = vma_next(&(vmi))) != NULL && (vma)->vm_start < (end))
/*
 * The VMAs of a file's i_mmap that map a page offset in [first, last],
 * by vm_pgoff (mm/interval_tree.c):
 *   vma_interval_tree_foreach(vma, &mapping->i_mmap, first, last) { ... }
 * The body must not take VMAs off the set.
 */
void vma_interval_tree_insert(struct vm_area_struct *node, struct list_head *root);
void vma_interval_tree_insert_after(struct vm_area_struct *node,
				    struct vm_area_struct *prev,
				    struct list_head *root);
void vma_interval_tree_remove(struct vm_area_struct *node, struct list_head *root);
struct vm_area_struct *vma_interval_tree_iter_first(struct list_head *root,
						    unsigned long first,
						    unsigned long last);
struct vm_area_struct *vma_interval_tree_iter_next(struct vm_area_struct *node,
						   unsigned long first,
						   unsigned long last);
#define vma_interval_tree_foreach(vma, root, first, last)                    \
	for ((vma) = vma_interval_tree_iter_first(root, first, last); (vma); \
	     (vma) = vma_interval_tree_iter_next(vma, first, last))
/* The next/previous VMA of @vma in its mm, or NULL. */
struct vm_area_struct *mmsim_vma_after(struct vm_area_struct *vma);
struct vm_area_struct *mmsim_vma_before(struct vm_area_struct *vma);

/* ---- mm counters (include/linux/mm.h) ------------------------------------ */

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	long v = __atomic_load_n(&mm->rss_stat.count[member].counter,
				 __ATOMIC_RELAXED);
	return v < 0 ? 0 : (unsigned long)v;
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	__atomic_add_fetch(&mm->rss_stat.count[member].counter, value,
			   __ATOMIC_RELAXED);
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	add_mm_counter(mm, member, 1);
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	add_mm_counter(mm, member, -1);
}

/*
 * Fold current's cached counts into @mm (SPLIT_RSS_COUNTING, see
 * linux/mm_types_task.h); nothing to do without it.  mm/memory_user.c.
 */
void sync_mm_rss(struct mm_struct *mm);

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) +
	       get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

static inline unsigned long get_mm_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	return mm->hiwater_rss > rss ? mm->hiwater_rss : rss;
}

static inline unsigned long get_mm_hiwater_vm(struct mm_struct *mm)
{
	return mm->hiwater_vm > mm->total_vm ? mm->hiwater_vm : mm->total_vm;
}

static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

static inline unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	return (unsigned long)__atomic_load_n(&mm->pgtables_bytes.counter,
					      __ATOMIC_RELAXED);
}

/* ---- address-space operations (mm/mmap.c, mm/memory.c, kernel/fork.c) ---- */

struct file;
struct task_struct;

/* Objects of the "vm_area_struct" cache (kernel/fork.c). */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
/* A new, empty user address space with a pgd, or NULL (kernel/fork.c). */
struct mm_struct *mm_alloc(void);
/* Drop a user of @mm; the last one tears it down (exit_mmap). */
void mmput(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);

/* Put @vma, not overlapping any other, into @mm's index (mm/mmap.c). */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
void vma_set_page_prot(struct vm_area_struct *vma);
void vm_stat_account(struct mm_struct *mm, vm_flags_t flags, long npages);

/* The top-down/bottom-up choice and mmap_base (arch/x86/mm/mmap.c). */
void arch_pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlimit);
/* 32-bit ARM's: mm/util.c's generic layout (arch/arm/mm/mmap.c) */
void arm_pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlimit);
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      unsigned long pgoff, unsigned long *populate);
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag,
		      unsigned long offset);
int vm_munmap(unsigned long start, size_t len);
int __vm_munmap(unsigned long start, size_t len, bool downgrade);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int vm_brk_flags(unsigned long addr, unsigned long request, unsigned long flags);
/* Grow a VM_GROWSDOWN @vma down to @address (stack guard gap kept). */
int expand_stack(struct vm_area_struct *vma, unsigned long address);
struct vm_area_struct *find_extend_vma(struct mm_struct *mm, unsigned long addr);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
/* Move the page tables of [old_addr, +len) to new_addr (mm/mremap.c). */
unsigned long move_page_tables(struct vm_area_struct *vma,
			       unsigned long old_addr,
			       struct vm_area_struct *new_vma,
			       unsigned long new_addr, unsigned long len,
			       bool need_rmap_locks);
/* Fault pages of [start, end) of @vma in (mm/gup.c); pages done or -errno. */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end, int *locked);
int __mm_populate(unsigned long start, unsigned long len, int ignore_errors);
/* Read/write another mm's memory (mm/memory.c); bytes done. */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags);
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, void *regs);
/* Unmap the pages of [start, end) of @vma (zap_page_range). */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long size);
void exit_mmap(struct mm_struct *mm);

#endif /* _MMSIM_LINUX_MM_H */
