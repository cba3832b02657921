// SPDX-License-Identifier: MIT
/*
 * mm/vmalloc.c — vmalloc(), vmap(), vfree() and the vm_struct areas
 * behind them; vmalloc_init().
 *
 * Kernel counterpart: mm/vmalloc.c (Linux 6.1): vmalloc_init,
 * vm_area_register_early, __get_vm_area_node, __vmalloc_node_range,
 * __vmalloc_area_node, vm_area_alloc_pages, __vunmap, vmap, vm_map_ram,
 * vm_unmap_aliases.  The address allocator is mm/vmap_area.c, the page
 * tables and host view mm/vmalloc_map.c, vm_map_ram's blocks
 * mm/vmap_block.c.
 *
 * Place in the boot: mm_init() calls vmalloc_init() after kmem_cache_init()
 * and pgtable_init(); before it, only vm_area_register_early() may claim
 * addresses (x86's embedded per-CPU first chunk does not).  From then on:
 *
 *   vmalloc(size)
 *     __vmalloc_node_range()
 *       __get_vm_area_node()     vm_struct + alloc_vmap_area(size + guard)
 *       __vmalloc_area_node()    page array (kmalloc, or vmalloc itself
 *                                when it exceeds a page: "vpages"),
 *                                one page allocator call per page (or per
 *                                2 MiB for vmalloc_huge), then
 *                                vmap_pages_range(): PTEs + host view
 *     returns vm->addr, a host pointer (see <linux/vmalloc.h>)
 *
 *   vfree(p)
 *     __vunmap()  remove_vm_area(): unmap, area to the lazy list;
 *                 __free_pages() each page; free the page array
 *
 * The area of a vmalloc(3 pages) (flags VM_ALLOC, size 4 pages):
 *
 *   va_start                                va_end
 *   | page 0 | page 1 | page 2 |  guard  |
 *   \_____ mapped, nr_pages = 3 _____/  never mapped: a host access faults
 *
 * vmalloc_huge() (alloc_large_system_hash() on NUMA machines) asks for
 * VM_ALLOW_HUGE_VMAP: at least 2 MiB per node gets 2 MiB-aligned order-9
 * pages mapped by PMD entries, split into order-0 pages for the array.
 *
 * What mmsim does not model: KASAN, kmemleak, memcg accounting,
 * VM_FLUSH_RESET_PERMS's direct-map permission changes (the direct map
 * has no per-page permissions here), the purge notifier chain (no
 * users), vread().  ioremap() is arch/x86/mm/ioremap.c, on top of
 * ioremap_page_range() in mm/vmalloc_map.c.
 */
#include "mmsim/calltrace.h"
#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/host.h"

#include <string.h>

/* --- the kernel's slab objects (see vmalloc_internal.h) ----------------------------- */

/* Is @p an object in simulated RAM (slab), rather than host heap? */
static bool vmap_obj_in_ram(const void *p)
{
	const char *c = p, *base = current_machine->ram.base;

	return c >= base && c < base + current_machine->ram.span;
}

struct vmap_area *va_alloc(gfp_t gfp, int node)
{
	return kmem_cache_alloc_node(vmap_area_cachep, gfp | __GFP_ZERO, node);
}

void vmap_kfree(const void *p)
{
	if (!p)
		return;
	if (!vmap_obj_in_ram(p))
		host_free((void *)p);
	else if (!vms_state.tearing_down) /* slab is gone by then, RAM soon */
		kfree(p);
}

void va_free(struct vmap_area *va)
{
	if (va && !vms_state.tearing_down) /* slab is gone by then, RAM soon */
		kmem_cache_free(vmap_area_cachep, va);
}

/*
 * kzalloc_node().  A request before kmem_cache_init() (6.1 makes none:
 * nothing can allocate an area before vmalloc_init()) gets host memory.
 */
void *vmap_kzalloc(size_t size, gfp_t gfp, int node)
{
	if (unlikely(!slab_is_available()))
		return host_alloc(size);
	return kzalloc_node(size, gfp, node);
}

/* kvfree(): the page array may be kmalloc or vmalloc memory. */
static void kvfree(const void *p)
{
	if (is_vmalloc_addr(p))
		vfree(p);
	else
		vmap_kfree(p);
}

/* --- the area's bounds ---------------------------------------------------------------- */

unsigned long vmalloc_area_start(void)
{
	return vms_state.base;
}

unsigned long vmalloc_area_end(void)
{
	return vms_state.end;
}

unsigned int vmalloc_num_online_cpus(void)
{
	return pa_nr_online_cpus();
}

unsigned long vmalloc_nr_pages(void)
{
	return (unsigned long)vm_atomic_read(&vms_state.nr_vmalloc_pages);
}

static int set_nohugevmalloc(char *str)
{
	(void)str;
	vms_state.nohugevmalloc = true;
	return 0;
}
early_param_if("CONFIG_HAVE_ARCH_HUGE_VMALLOC", "nohugevmalloc", set_nohugevmalloc);

/* --- the machine's state --------------------------------------------------------------- */

/*
 * With the machine: the locks, the empty sets, and where the area lies
 * by default; KASLR moves it at setup_arch() (vmalloc_set_base()).
 */
/*
 * vmalloc_base as arch/x86/mm/kaslr.c chose it.  Only before the host
 * window exists: nothing can have been mapped in the area yet.
 */
void vmalloc_set_base(unsigned long base)
{
	struct vmalloc_state *s = &vms_state;
	unsigned long size = s->end - s->base;

	if (WARN_ON(s->host_base))
		return;
	s->base = base;
	s->end = base + size;
}

/*
 * The area's bounds as a 32-bit architecture sets them at setup_arch()
 * (ARM: VMALLOC_START depends on where lowmem ends).  @end is the
 * kernel's VMALLOC_END.  Only before the host window exists.
 */
void vmalloc_set_area(unsigned long start, unsigned long end)
{
	struct vmalloc_state *s = &vms_state;

	if (WARN_ON(s->host_base))
		return;
	s->base = start;
	s->end = end;
}

/* Make the host window now (boot-time areas before vmalloc_init()). */
void vmalloc_prepare_early(void)
{
	if (!vms_state.host_base)
		vmalloc_host_window_init();
}

void vmalloc_state_init(void)
{
	struct vmalloc_state *s = &vms_state;
	bool l5 = pgtable_l5_enabled();

	memset(s, 0, sizeof(*s));
	s->base = l5 ? __VMALLOC_BASE_L5 : __VMALLOC_BASE_L4;
	s->end = s->base + ((l5 ? VMALLOC_SIZE_TB_L5 : VMALLOC_SIZE_TB_L4) << 40) - 1;
	s->busy_root = s->free_root = s->purge_root = s->vmap_blocks = RB_ROOT;
	INIT_LIST_HEAD(&s->busy_list);
	INIT_LIST_HEAD(&s->free_list);
	INIT_LIST_HEAD(&s->purge_list);
	spin_lock_init(&s->area_lock);
	spin_lock_init(&s->free_lock);
	spin_lock_init(&s->purge_lock);
	spin_lock_init(&s->purge_mutex);
	spin_lock_init(&s->deferred_lock);
	spin_lock_init(&s->vmap_blocks_lock);
	memset(&init_mm, 0, sizeof(init_mm));
	spin_lock_init(&init_mm.page_table_lock);
}

static bool on_vmlist(const struct vm_struct *vm)
{
	const struct vm_struct *tmp;

	for (tmp = vmlist; tmp; tmp = tmp->next)
		if (tmp == vm)
			return true;
	return false;
}

static void free_area_list(struct list_head *head, bool busy)
{
	struct vmap_area *va, *n;

	list_for_each_entry_safe(va, n, head, list) {
		struct vm_struct *vm = busy ? va->vm : NULL;

		if (vm && !on_vmlist(vm)) {
			if (vm->pages && !is_vmalloc_addr(vm->pages))
				vmap_kfree(vm->pages);
			vmap_kfree(vm);
		}
		list_del(&va->list);
		va_free(va);
	}
}

/*
 * With the machine: every object and the host window.  The simulated
 * pages need no freeing (the RAM goes), nor do the page tables.
 */
void vmalloc_state_destroy(void)
{
	struct vmalloc_state *s = &vms_state;

	s->tearing_down = true;
	if (s->block_queue)
		vmap_block_destroy();
	free_area_list(&s->busy_list, true);
	free_area_list(&s->free_list, false);
	free_area_list(&s->purge_list, false);
	host_free(s->ne_fit_preload);
	s->ne_fit_preload = NULL;
	vmalloc_host_window_release();
	spin_lock_destroy(&s->area_lock);
	spin_lock_destroy(&s->free_lock);
	spin_lock_destroy(&s->purge_lock);
	spin_lock_destroy(&s->purge_mutex);
	spin_lock_destroy(&s->deferred_lock);
	spin_lock_destroy(&s->vmap_blocks_lock);
	spin_lock_destroy(&init_mm.page_table_lock);
	s->initialized = false;
}

/* --- before vmalloc_init(): vmlist ------------------------------------------------------ */

/* Claim the fixed area @vm->addr/@vm->size (host pointer) ahead of time. */
void vm_area_add_early(struct vm_struct *vm)
{
	unsigned long addr = vmalloc_kva(vm->addr);
	struct vm_struct *tmp, **p;

	BUG_ON(vmap_initialized);
	for (p = &vmlist; (tmp = *p) != NULL; p = &tmp->next) {
		unsigned long cur = vmalloc_kva(tmp->addr);

		if (cur >= addr) {
			BUG_ON(cur < addr + vm->size);
			break;
		}
		BUG_ON(cur + tmp->size > addr);
	}
	vm->next = *p;
	*p = vm;
}

/* Claim @vm->size bytes at @align in the first gap of vmlist; sets vm->addr. */
void vm_area_register_early(struct vm_struct *vm, size_t align)
{
	unsigned long addr = ALIGN(VMALLOC_START, align);
	struct vm_struct *cur, **p;

	BUG_ON(vmap_initialized);
	if (!vms_state.host_base)
		vmalloc_host_window_init();
	for (p = &vmlist; (cur = *p) != NULL; p = &cur->next) {
		unsigned long cur_addr = vmalloc_kva(cur->addr);

		if (cur_addr - addr >= vm->size)
			break;
		addr = ALIGN(cur_addr + cur->size, align);
	}
	BUG_ON(addr > VMALLOC_END - vm->size);
	vm->addr = vmalloc_host(addr);
	vm->next = *p;
	*p = vm;
}

/*
 * sizeof(struct vmap_area) in the simulated kernel, from its profile
 * (32 on 32-bit ARM, where mmsim's 64-byte structure becomes the shadow
 * of the kernel's object: mm/slab_shadow.c); mmsim's own size, the
 * x86_64 kernel's, when the profile does not say.  Its alignment is a
 * kernel word (the structure holds longs and pointers only).
 */
static unsigned int kernel_vmap_area_size(void)
{
	return (unsigned int)profile_u64(current_machine->profile,
					 "sizeof.vmap_area",
					 sizeof(struct vmap_area));
}

/*
 * Make the allocator usable: per-CPU state, the busy areas of vmlist,
 * the free space around them.  Also (mmsim) the host window, and
 * init_mm's PGD pointer, which is static in the kernel but known here
 * only once the image's init_top_pgt has been placed.
 */
void vmalloc_init(void)
{
	struct vm_struct *tmp;

	vmap_area_cachep = kmem_cache_create_shadowed("vmap_area",
						      kernel_vmap_area_size(),
						      sizeof(struct vmap_area),
						      current_machine->arch.long_bytes,
						      SLAB_PANIC, NULL);
	vms_state.nr_cpus = max(nr_cpu_ids, 1u);
	/* per-CPU variables in the kernel: host memory here */
	vms_state.ne_fit_preload = host_alloc(vms_state.nr_cpus *
					      sizeof(*vms_state.ne_fit_preload));
	vmap_block_init();
	vms_state.allow_huge = !vms_state.nohugevmalloc &&
			       IS_ENABLED(CONFIG_HAVE_ARCH_HUGE_VMALLOC);
	init_mm.pgd = swapper_pg_dir;
	if (!vms_state.host_base)
		vmalloc_host_window_init();

	for (tmp = vmlist; tmp; tmp = tmp->next) {
		struct vmap_area *va = va_alloc(GFP_NOWAIT, NUMA_NO_NODE);

		if (WARN_ON_ONCE(!va))
			continue;
		va->va_start = vmalloc_kva(tmp->addr);
		va->va_end = va->va_start + tmp->size;
		va->vm = tmp;
		insert_vmap_area(va, &vmap_area_root, &vmap_area_list);
	}
	vmap_init_free_space();
	vmap_initialized = true;
}

/* --- vm_struct areas ------------------------------------------------------------------- */

void setup_vmalloc_vm_locked(struct vm_struct *vm, struct vmap_area *va,
			     unsigned long flags, const char *caller)
{
	vm->flags = flags;
	vm->addr = vmalloc_host(va->va_start);
	vm->size = va_size(va);
	vm->caller = caller;
	va->vm = vm;
}

static void setup_vmalloc_vm(struct vm_struct *vm, struct vmap_area *va,
			     unsigned long flags, const char *caller)
{
	spin_lock(&vmap_area_lock);
	setup_vmalloc_vm_locked(vm, va, flags, caller);
	spin_unlock(&vmap_area_lock);
}

static void clear_vm_uninitialized_flag(struct vm_struct *vm)
{
	__atomic_and_fetch(&vm->flags, ~(unsigned long)VM_UNINITIALIZED,
			   __ATOMIC_RELEASE);
}

/* ceil(log2(@size)) */
static int get_count_order_long(unsigned long size)
{
	int order = (int)__fls(size);

	return (size & (size - 1)) ? order + 1 : order;
}

/*
 * An area of @size bytes (rounded up to 2^@shift, plus a guard page
 * unless VM_NO_GUARD) in [start, end): a vm_struct and its vmap_area.
 * ioremap areas are aligned to their size, up to 128 pages.  NULL when
 * there is no room (or, in mmsim, no host view for it).
 */
static struct vm_struct *__get_vm_area_node(unsigned long size,
					    unsigned long align,
					    unsigned long shift,
					    unsigned long flags,
					    unsigned long start,
					    unsigned long end, int node,
					    gfp_t gfp_mask, const char *caller)
{
	struct vm_struct *area;
	struct vmap_area *va;

	size = ALIGN(size, 1UL << shift);
	if (unlikely(!size))
		return NULL;
	if (flags & VM_IOREMAP)
		align = 1UL << clamp(get_count_order_long(size), PAGE_SHIFT,
				     IOREMAP_MAX_ORDER);
	area = vmap_kzalloc(sizeof(*area), gfp_mask & GFP_RECLAIM_MASK, node);
	if (unlikely(!area))
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	va = alloc_vmap_area(size, align, start, end, node, gfp_mask);
	if (IS_ERR(va)) {
		vmap_kfree(area);
		return NULL;
	}
	if (!vmalloc_host(va->va_start) || !vmalloc_host(va->va_end - 1)) {
		pr_warn("vmalloc: 0x%lx-0x%lx lies outside the host window\n",
			va->va_start, va->va_end);
		free_vmap_area(va);
		vmap_kfree(area);
		return NULL;
	}
	setup_vmalloc_vm(area, va, flags, caller);
	return area;
}

struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const char *caller)
{
	return __get_vm_area_node(size, 1, PAGE_SHIFT, flags, start, end,
				  NUMA_NO_NODE, GFP_KERNEL, caller);
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const char *caller)
{
	return __get_vm_area_node(size, 1, PAGE_SHIFT, flags, VMALLOC_START,
				  VMALLOC_END, NUMA_NO_NODE, GFP_KERNEL, caller);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area(vmalloc_kva(addr));

	return va ? va->vm : NULL;
}

/*
 * Detach the area holding @addr from its vmap_area, unmap it and free the
 * address range lazily.  Returns the vm_struct (the caller frees it), or
 * NULL.
 */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area(vmalloc_kva(addr), &vmap_area_root);
	if (va && va->vm) {
		struct vm_struct *vm = va->vm;

		va->vm = NULL;
		spin_unlock(&vmap_area_lock);
		free_unmap_vmap_area(va);
		return vm;
	}
	spin_unlock(&vmap_area_lock);
	return NULL;
}

void free_vm_area(struct vm_struct *area)
{
	struct vm_struct *ret = remove_vm_area(area->addr);

	BUG_ON(ret != area);
	vmap_kfree(area);
}

/* --- purging --------------------------------------------------------------------------- */

static void _vm_unmap_aliases(unsigned long start, unsigned long end,
			      bool flush)
{
	if (unlikely(!vmap_initialized))
		return;
	if (vmap_block_dirty_range(&start, &end))
		flush = true;
	spin_lock(&vmap_purge_lock);
	purge_fragmented_blocks_allcpus();
	/* a flush of [start, end) would follow if nothing was purged */
	__purge_vmap_area_lazy(start, end);
	spin_unlock(&vmap_purge_lock);
	(void)flush;
}

void vm_unmap_aliases(void)
{
	_vm_unmap_aliases(ULONG_MAX, 0, false);
	vmalloc_run_deferred_work();
}

/* --- freeing ----------------------------------------------------------------------------- */

static void vm_remove_mappings(struct vm_struct *area, bool deallocate_pages)
{
	unsigned long start = ULONG_MAX, end = 0;
	bool flush_dmap = false;
	unsigned int i;

	remove_vm_area(area->addr);
	if (!(area->flags & VM_FLUSH_RESET_PERMS))
		return;
	if (!deallocate_pages) {
		_vm_unmap_aliases(ULONG_MAX, 0, false);
		return;
	}
	/* the pages' direct-map range joins the flush */
	for (i = 0; i < area->nr_pages; i += 1U << area->page_order) {
		unsigned long addr = (unsigned long)page_address(area->pages[i]);

		start = min(addr, start);
		end = max(addr + (PAGE_SIZE << area->page_order), end);
		flush_dmap = true;
	}
	_vm_unmap_aliases(start, end, flush_dmap);
}

/* Release the area at @addr; with @deallocate_pages its pages and array too. */
static void __vunmap(const void *addr, bool deallocate_pages)
{
	struct vm_struct *area;
	unsigned int i;

	if (!addr)
		return;
	if (!PAGE_ALIGNED((unsigned long)addr)) {
		pr_warn("Trying to vfree() bad address (%p)\n", addr);
		WARN_ON(1);
		return;
	}
	area = find_vm_area(addr);
	if (unlikely(!area)) {
		pr_err("Trying to vfree() nonexistent vm area (%p)\n", addr);
		WARN_ON(1);
		return;
	}
	vm_remove_mappings(area, deallocate_pages);
	if (deallocate_pages) {
		for (i = 0; i < area->nr_pages; i++) {
			BUG_ON(!area->pages[i]);
			__free_pages(area->pages[i], 0);
		}
		/*
		 * 6.1 subtracts here for VM_MAP_PUT_PAGES areas too, which
		 * were never added; mmsim keeps VmallocUsed right instead.
		 */
		if (!(area->flags & VM_MAP_PUT_PAGES))
			vm_atomic_add(&vms_state.nr_vmalloc_pages,
				      -(long)area->nr_pages);
		kvfree(area->pages);
	}
	vmap_kfree(area);
}

/*
 * The kernel's deferred work, run here at the end of the public calls:
 * vfree_atomic()'s queue (linked through the first word of each area, as
 * in the kernel) and the lazy drain.  Not re-entered by the vfrees it
 * makes.
 */
void vmalloc_run_deferred_work(void)
{
	void *list;

	if (__atomic_exchange_n(&vms_state.deferred_running, true,
				__ATOMIC_ACQ_REL))
		return;
	for (;;) {
		spin_lock(&vms_state.deferred_lock);
		list = vms_state.deferred_free;
		vms_state.deferred_free = NULL;
		spin_unlock(&vms_state.deferred_lock);
		if (!list)
			break;
		while (list) {
			void *next = *(void **)list;

			__vunmap(list, true);
			list = next;
		}
	}
	vmalloc_run_drain_work();
	__atomic_store_n(&vms_state.deferred_running, false, __ATOMIC_RELEASE);
}

void vfree(const void *addr)
{
	if (!addr)
		return;
	__vunmap(addr, true);
	vmalloc_run_deferred_work();
}

void vfree_atomic(const void *addr)
{
	if (!addr)
		return;
	spin_lock(&vms_state.deferred_lock);
	*(void **)addr = vms_state.deferred_free;
	vms_state.deferred_free = (void *)addr;
	spin_unlock(&vms_state.deferred_lock);
}

void vunmap(const void *addr)
{
	if (!addr)
		return;
	__vunmap(addr, false);
	vmalloc_run_deferred_work();
}

/* The kernel's entry points; each names its caller (<mmsim/caller.h>). */
void *(vmalloc)(unsigned long size)
{
	return vmalloc_caller(size, MMSIM_RET_CALLER);
}

void *(vzalloc)(unsigned long size)
{
	return vzalloc_caller(size, MMSIM_RET_CALLER);
}

void *(vmalloc_node)(unsigned long size, int node)
{
	return vmalloc_node_caller(size, node, MMSIM_RET_CALLER);
}

void *(vzalloc_node)(unsigned long size, int node)
{
	return vzalloc_node_caller(size, node, MMSIM_RET_CALLER);
}

void *(vmalloc_huge)(unsigned long size, gfp_t gfp)
{
	return vmalloc_huge_caller(size, gfp, MMSIM_RET_CALLER);
}

void *(vmalloc_32)(unsigned long size)
{
	return vmalloc_32_caller(size, MMSIM_RET_CALLER);
}

void *(vmalloc_user)(unsigned long size)
{
	return vmalloc_user_caller(size, MMSIM_RET_CALLER);
}

void *(__vmalloc)(unsigned long size, gfp_t gfp)
{
	return __vmalloc_caller(size, gfp, MMSIM_RET_CALLER);
}

void *(vmap)(struct page **pages, unsigned int count, unsigned long flags,
	     pgprot_t prot)
{
	return vmap_caller(pages, count, flags, prot, MMSIM_RET_CALLER);
}

struct vm_struct *(get_vm_area)(unsigned long size, unsigned long flags)
{
	return get_vm_area_caller(size, flags, MMSIM_RET_CALLER);
}

/* --- vmap ------------------------------------------------------------------------------ */

void *vmap_caller(struct page **pages, unsigned int count, unsigned long flags,
		  pgprot_t prot, const char *caller)
{
	struct vm_struct *area;
	unsigned long addr, size;

	/* someone else's bottom guard is this area's top guard */
	if (WARN_ON_ONCE(flags & VM_NO_GUARD))
		flags &= ~VM_NO_GUARD;
	if (count > totalram_pages())
		return NULL;
	size = (unsigned long)count << PAGE_SHIFT;
	area = get_vm_area_caller(size, flags, caller);
	if (!area)
		return NULL;
	addr = vmalloc_kva(area->addr);
	if (vmap_pages_range(addr, addr + size, pgprot_nx(prot), pages,
			     PAGE_SHIFT) < 0) {
		vunmap(area->addr);
		return NULL;
	}
	if (flags & VM_MAP_PUT_PAGES) {
		area->pages = pages;
		area->nr_pages = count;
	}
	return area->addr;
}

void *vm_map_ram(struct page **pages, unsigned int count, int node)
{
	unsigned long size = (unsigned long)count << PAGE_SHIFT, addr;

	vmalloc_run_deferred_work();
	if (likely(count <= VMAP_MAX_ALLOC)) {
		addr = vb_alloc(size, GFP_KERNEL);
		if (!addr)
			return NULL;
	} else {
		struct vmap_area *va = alloc_vmap_area(size, PAGE_SIZE,
						       VMALLOC_START,
						       VMALLOC_END, node,
						       GFP_KERNEL);

		if (IS_ERR(va))
			return NULL;
		addr = va->va_start;
	}
	if (vmap_pages_range(addr, addr + size, PAGE_KERNEL, pages,
			     PAGE_SHIFT) < 0) {
		vm_unmap_ram(vmalloc_host(addr), count);
		return NULL;
	}
	return vmalloc_host(addr);
}

void vm_unmap_ram(const void *mem, unsigned int count)
{
	unsigned long size = (unsigned long)count << PAGE_SHIFT;
	unsigned long addr = vmalloc_kva(mem);
	struct vmap_area *va;

	BUG_ON(!addr);
	BUG_ON(addr < VMALLOC_START);
	BUG_ON(addr > VMALLOC_END);
	BUG_ON(!PAGE_ALIGNED(addr));
	if (likely(count <= VMAP_MAX_ALLOC)) {
		vb_free(addr, size);
	} else {
		va = find_vmap_area(addr);
		BUG_ON(!va);
		free_unmap_vmap_area(va);
	}
	vmalloc_run_deferred_work();
}

/* --- vmalloc --------------------------------------------------------------------------- */

/*
 * @nr_pages pages of 2^@order (split into order-0 pages) on @nid, or
 * wherever the allocator prefers with NUMA_NO_NODE.  Returns how many
 * small pages were had; the kernel first tries its bulk allocator for
 * order 0, which takes the same pages from the per-CPU lists.
 */
static unsigned int vm_area_alloc_pages(gfp_t gfp, int nid, unsigned int order,
					unsigned int nr_pages,
					struct page **pages)
{
	unsigned int nr_allocated = 0, i;

	while (nr_allocated < nr_pages) {
		struct page *page = nid == NUMA_NO_NODE ?
			alloc_pages(gfp, order) : alloc_pages_node(nid, gfp, order);

		if (unlikely(!page))
			break;
		if (order)
			split_page(page, order);
		for (i = 0; i < (1U << order); i++)
			pages[nr_allocated + i] = page + i;
		nr_allocated += 1U << order;
	}
	return nr_allocated;
}

/* Pages for @area, then their mappings; its host pointer or NULL (area freed). */
static void *__vmalloc_area_node(struct vm_struct *area, gfp_t gfp_mask,
				 pgprot_t prot, unsigned int page_shift,
				 int node)
{
	const gfp_t nested_gfp = (gfp_mask & GFP_RECLAIM_MASK) | __GFP_ZERO;
	bool nofail = gfp_mask & __GFP_NOFAIL;
	unsigned long addr = vmalloc_kva(area->addr);
	unsigned long size = get_vm_area_size(area);
	unsigned int nr_small_pages = (unsigned int)(size >> PAGE_SHIFT);
	unsigned long array_size = (unsigned long)nr_small_pages * sizeof(struct page *);
	int ret;

	gfp_mask |= __GFP_NOWARN;
	if (!(gfp_mask & (GFP_DMA | GFP_DMA32)))
		gfp_mask |= __GFP_HIGHMEM;

	if (array_size > PAGE_SIZE)
		area->pages = __vmalloc_node(array_size, 1, nested_gfp, node,
					     area->caller);
	else
		area->pages = vmap_kzalloc(array_size, nested_gfp, node);
	if (!area->pages) {
		warn_alloc(gfp_mask, NULL,
			   "vmalloc error: size %lu, failed to allocated page array size %lu",
			   nr_small_pages * PAGE_SIZE, array_size);
		free_vm_area(area);
		return NULL;
	}

	area->page_order = page_shift - PAGE_SHIFT;
	area->nr_pages = vm_area_alloc_pages(gfp_mask | __GFP_NOWARN, node,
					     area->page_order, nr_small_pages,
					     area->pages);
	vm_atomic_add(&vms_state.nr_vmalloc_pages, area->nr_pages);
	if (area->nr_pages != nr_small_pages) {
		warn_alloc(gfp_mask, NULL,
			   "vmalloc error: size %lu, page order %u, failed to allocate pages",
			   area->nr_pages * PAGE_SIZE, area->page_order);
		goto fail;
	}
	do {
		ret = vmap_pages_range(addr, addr + size, prot, area->pages,
				       page_shift);
	} while (nofail && ret < 0);
	if (ret < 0) {
		warn_alloc(gfp_mask, NULL,
			   "vmalloc error: size %lu, failed to map pages",
			   area->nr_pages * PAGE_SIZE);
		goto fail;
	}
	return area->addr;

fail:
	__vunmap(area->addr, true);
	return NULL;
}

void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end, gfp_t gfp_mask,
			   pgprot_t prot, unsigned long vm_flags, int node,
			   const char *caller)
{
	unsigned long real_size = size, real_align = align;
	unsigned int shift = PAGE_SHIFT;
	struct vm_struct *area;

	if (WARN_ON_ONCE(!size))
		return NULL;
	vmalloc_run_deferred_work();
	if ((size >> PAGE_SHIFT) > totalram_pages()) {
		warn_alloc(gfp_mask, NULL,
			   "vmalloc error: size %lu, exceeds total pages", real_size);
		return NULL;
	}
	if (vms_state.allow_huge && (vm_flags & VM_ALLOW_HUGE_VMAP)) {
		unsigned long size_per_node = size;

		if (node == NUMA_NO_NODE)
			size_per_node /= max(num_online_nodes(), 1);
		if (arch_vmap_pmd_supported(prot) && size_per_node >= PMD_SIZE)
			shift = PMD_SHIFT;
		align = max(real_align, 1UL << shift);
		size = ALIGN(real_size, 1UL << shift);
	}
again:
	area = __get_vm_area_node(real_size, align, shift,
				  VM_ALLOC | VM_UNINITIALIZED | vm_flags, start,
				  end, node, gfp_mask, caller);
	if (!area) {
		bool nofail = gfp_mask & __GFP_NOFAIL;

		warn_alloc(gfp_mask, NULL,
			   "vmalloc error: size %lu, vm_struct allocation failed%s",
			   real_size, nofail ? ". Retrying." : "");
		if (nofail)
			goto again;
		goto fail;
	}
	if (!__vmalloc_area_node(area, gfp_mask, prot, shift, node))
		goto fail;
	clear_vm_uninitialized_flag(area);
	calltrace_note("%lu → %#lx", real_size, (unsigned long)area->addr);
	return area->addr;

fail:
	if (shift > PAGE_SHIFT) {
		shift = PAGE_SHIFT;
		align = real_align;
		size = real_size;
		goto again;
	}
	return NULL;
}

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp_mask,
		     int node, const char *caller)
{
	return __vmalloc_node_range(size, align, VMALLOC_START, VMALLOC_END,
				    gfp_mask, PAGE_KERNEL, 0, node, caller);
}

void *__vmalloc_caller(unsigned long size, gfp_t gfp, const char *caller)
{
	return __vmalloc_node(size, 1, gfp, NUMA_NO_NODE, caller);
}

void *vmalloc_caller(unsigned long size, const char *caller)
{
	return __vmalloc_node(size, 1, GFP_KERNEL, NUMA_NO_NODE, caller);
}

void *vzalloc_caller(unsigned long size, const char *caller)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE,
			      caller);
}

void *vmalloc_node_caller(unsigned long size, int node, const char *caller)
{
	return __vmalloc_node(size, 1, GFP_KERNEL, node, caller);
}

void *vzalloc_node_caller(unsigned long size, int node, const char *caller)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | __GFP_ZERO, node, caller);
}

void *vmalloc_huge_caller(unsigned long size, gfp_t gfp, const char *caller)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, gfp,
				    PAGE_KERNEL, VM_ALLOW_HUGE_VMAP,
				    NUMA_NO_NODE, caller);
}

/* 32-bit addressable pages: ZONE_DMA32 on x86_64. */
void *vmalloc_32_caller(unsigned long size, const char *caller)
{
	return __vmalloc_node(size, 1, GFP_DMA32 | GFP_KERNEL, NUMA_NO_NODE,
			      caller);
}

/* Zeroed, and marked as mappable to user space (SHMLBA = one page on x86). */
void *vmalloc_user_caller(unsigned long size, const char *caller)
{
	return __vmalloc_node_range(size, PAGE_SIZE, VMALLOC_START, VMALLOC_END,
				    GFP_KERNEL | __GFP_ZERO, PAGE_KERNEL,
				    VM_USERMAP, NUMA_NO_NODE, caller);
}
