// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_vmalloc.c — vmalloc on a booted machine: allocation
 * patterns, guard pages, aliasing with the direct map, huge mappings,
 * vmap, vm_map_ram blocks, lazy purging, fragmentation, per-CPU areas,
 * running out of memory, /proc/vmallocinfo.
 *
 * Every test boots the default machine (pc, 512 MiB, 2 CPUs, nokaslr) and
 * checks vmalloc_validate() and page_alloc_validate() after its steps.
 * Addresses are computed from VMALLOC_START (0xffffc90000000000) or from
 * the free space the test finds, never assumed empty: boot code may own
 * vmalloc areas already.
 */
#include "test_vmalloc.h"

#include "linux/nodemask.h"
#include "linux/vmstat.h"

#include <regex.h>
#include <stdlib.h>

/* The lowest free kernel address at or above VMALLOC_START. */
/*
 * The lowest address of the vmalloc area where @size bytes are free (the
 * boot's own areas leave small holes below it: an ioremap aligned to its
 * size skips a page).
 */
static unsigned long lowest_free(unsigned long size)
{
	struct vmap_area *va;

	list_for_each_entry(va, &free_vmap_area_list, list) {
		unsigned long start = max(va->va_start, VMALLOC_START);

		if (va->va_end > start && va->va_end - start >= size)
			return start;
	}
	return 0;
}

/*
 * The area's bounds on x86_64 with 4-level paging, and the host window
 * converting both ways.  Expect VmallocTotal 34359738367 kB (32 TiB - 1).
 */
static void test_area_bounds(void **state)
{
	unsigned long probes[] = { VMALLOC_START, VMALLOC_START + 12345 * PAGE_SIZE,
				   VMALLOC_END + 1 - PAGE_SIZE };
	char *meminfo;
	size_t i;
	int x;

	CHECK_EQ("VMALLOC_START", 0xffffc90000000000UL, VMALLOC_START);
	CHECK_EQ("VMALLOC_END", 0xffffe8ffffffffffUL, VMALLOC_END);
	CHECK_EQ("VMALLOC_TOTAL in kB", 34359738367UL, VMALLOC_TOTAL >> 10);
	CHECK_EQ("init_mm.pgd", (unsigned long)init_top_pgt, (unsigned long)init_mm.pgd);
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		void *host = vmalloc_host(probes[i]);

		if (!host)
			fail_msg("vmalloc_host(%#lx): expected a host address, got NULL",
				 probes[i]);
		CHECK_EQ("vmalloc_kva(vmalloc_host(kva))", probes[i], vmalloc_kva(host));
		CHECK_EQ("is_vmalloc_addr(host)", 1, is_vmalloc_addr(host));
	}
	CHECK_EQ("is_vmalloc_addr(stack)", 0, is_vmalloc_addr(&x));
	CHECK_EQ("vmalloc_host below the area", 0,
		 (unsigned long)vmalloc_host(VMALLOC_START - PAGE_SIZE));
	if (proc_render("meminfo", &meminfo))
		fail_msg("proc_render(meminfo)");
	if (!strstr(meminfo, "VmallocTotal:   34359738367 kB\n"))
		fail_msg("meminfo: expected 'VmallocTotal:   34359738367 kB', got:\n%s",
			 meminfo);
	host_free(meminfo);
	CHECK_VM_VALID();
}

/*
 * vmalloc(3 pages - 100 bytes): the lowest free address, 3 pages mapped
 * plus an unmapped guard page, each page aliasing its direct-map copy.
 * vfree() unmaps at once and leaves the range on the purge list.
 *
 *   | p0 | p1 | p2 | guard |
 */
static void test_vmalloc_three_pages(void **state)
{
	unsigned long expect = lowest_free(4 * PAGE_SIZE), used = vmalloc_nr_pages();
	char line[256], want[256], *info;
	struct vm_struct *vm;
	void *keep, *p;

	p = vmalloc(3 * PAGE_SIZE - 100);
	if (!p)
		fail_msg("vmalloc(3 pages): expected memory, got NULL");
	CHECK_EQ("kernel address: the lowest free one", expect, vmalloc_kva(p));
	vm = find_vm_area(p);
	if (!vm)
		fail_msg("find_vm_area: expected the area, got NULL");
	CHECK_EQ("vm->size (guard included)", 4 * PAGE_SIZE, vm->size);
	CHECK_EQ("vm->nr_pages", 3, vm->nr_pages);
	CHECK_EQ("vm->flags", VM_ALLOC, vm->flags);
	CHECK_STR("vm->caller", "test_vmalloc_three_pages", vm->caller);
	CHECK_EQ("VmallocUsed pages", used + 3, vmalloc_nr_pages());
	check_mapped(p, 3 * PAGE_SIZE, 1);
	check_unmapped((char *)p + 3 * PAGE_SIZE, PAGE_SIZE);
	CHECK_VM_VALID();

	info = vm_info();
	snprintf(want, sizeof(want),
		 "0x%016lx-0x%016lx   16384 test_vmalloc_three_pages pages=3 vmalloc N0=3",
		 expect, expect + 4 * PAGE_SIZE);
	CHECK_STR("vmallocinfo line", want,
		  vm_info_line(info, expect, line, sizeof(line)) ? line : "(none)");
	host_free(info);

	keep = vmalloc(PAGE_SIZE); /* so that vmallocinfo lists the purge list */
	vfree(p);
	check_unmapped(p, 4 * PAGE_SIZE);
	CHECK_EQ("VmallocUsed after vfree", used + 1, vmalloc_nr_pages());
	CHECK_EQ("find_vm_area after vfree", 0, (unsigned long)find_vm_area(p));
	info = vm_info();
	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   16384 unpurged vm_area\n",
		 expect, expect + 4 * PAGE_SIZE);
	if (!strstr(info, want))
		fail_msg("vmallocinfo: expected '%s' in:\n%s", want, info);
	host_free(info);
	vfree(keep);
	CHECK_VM_VALID();
}

/*
 * Consecutive areas are separated by exactly one guard page; with
 * VM_NO_GUARD the next area starts right after the last page.
 */
static void test_guard_pages(void **state)
{
	void *a = vmalloc(PAGE_SIZE), *b = vmalloc(2 * PAGE_SIZE), *c, *d;

	CHECK_EQ("b starts after a's page and guard", vmalloc_kva(a) + 2 * PAGE_SIZE,
		 vmalloc_kva(b));
	check_mapped(a, PAGE_SIZE, 2);
	check_unmapped((char *)a + PAGE_SIZE, PAGE_SIZE);
	check_mapped(b, 2 * PAGE_SIZE, 3);
	check_unmapped((char *)b + 2 * PAGE_SIZE, PAGE_SIZE);

	/* above the boot's one-page holes, where d cannot go either */
	c = __vmalloc_node_range(PAGE_SIZE, 1, lowest_free(2 * PAGE_SIZE),
				 VMALLOC_END, GFP_KERNEL, PAGE_KERNEL, VM_NO_GUARD,
				 NUMA_NO_NODE, "test");
	d = vmalloc(PAGE_SIZE);
	CHECK_EQ("VM_NO_GUARD area size", PAGE_SIZE, find_vm_area(c)->size);
	CHECK_EQ("next area right after a guardless one", vmalloc_kva(c) + PAGE_SIZE,
		 vmalloc_kva(d));
	check_mapped(c, 2 * PAGE_SIZE - PAGE_SIZE, 4);
	check_mapped(d, PAGE_SIZE, 5);
	vfree(a);
	vfree(b);
	vfree(c);
	vfree(d);
	CHECK_VM_VALID();
}

/* vzalloc() memory reads as zero even where the pages held data before. */
static void test_vzalloc_zeroes(void **state)
{
	unsigned char *p = vmalloc(8 * PAGE_SIZE);
	unsigned long i;

	memset(p, 0xa5, 8 * PAGE_SIZE);
	vfree(p);
	vm_unmap_aliases();
	p = vzalloc(8 * PAGE_SIZE);
	for (i = 0; i < 8 * PAGE_SIZE; i++)
		if (p[i])
			fail_msg("vzalloc byte %lu: expected 0, got %#x", i, p[i]);
	vfree(p);
	CHECK_VM_VALID();
}

/*
 * vmalloc_huge(4 MiB) on one node: a 2 MiB-aligned area of 4 MiB + a
 * guard, mapped by two PMD entries; its 1024-entry page array (8 KiB) is
 * itself vmalloc'ed ("vpages").  vmalloc_huge(1 MiB) stays on 4 KiB pages.
 */
static void test_vmalloc_huge(void **state)
{
	char line[256], want[256], *info;
	unsigned int level;
	struct vm_struct *vm;
	void *p, *small;
	unsigned long kva;

	p = vmalloc_huge(4UL << 20, GFP_KERNEL);
	if (!p)
		fail_msg("vmalloc_huge(4 MiB): expected memory, got NULL");
	kva = vmalloc_kva(p);
	vm = find_vm_area(p);
	CHECK_EQ("2 MiB aligned", 0, kva & (PMD_SIZE - 1));
	CHECK_EQ("vm->size", (4UL << 20) + PAGE_SIZE, vm->size);
	CHECK_EQ("vm->page_order", 9, vm->page_order);
	CHECK_EQ("vm->nr_pages", 1024, vm->nr_pages);
	CHECK_EQ("page array is vmalloc'ed", 1, is_vmalloc_addr(vm->pages));
	lookup_address(kva + 3 * PAGE_SIZE, &level);
	CHECK_EQ("mapped by a PMD entry", PG_LEVEL_2M, level);
	CHECK_EQ("page inside the 2 MiB page", (unsigned long)(vmalloc_to_page(p) + 5),
		 (unsigned long)vmalloc_to_page((char *)p + 5 * PAGE_SIZE));
	check_mapped(p, 4UL << 20, 6);
	check_unmapped((char *)p + (4UL << 20), PAGE_SIZE);

	info = vm_info();
	snprintf(want, sizeof(want),
		 "0x%016lx-0x%016lx 4198400 test_vmalloc_huge pages=1024 vmalloc vpages N0=1024",
		 kva, kva + (4UL << 20) + PAGE_SIZE);
	CHECK_STR("vmallocinfo line", want,
		  vm_info_line(info, kva, line, sizeof(line)) ? line : "(none)");
	snprintf(want, sizeof(want),
		 "0x%016lx-0x%016lx   12288 test_vmalloc_huge pages=2 vmalloc N0=2",
		 vmalloc_kva(vm->pages), vmalloc_kva(vm->pages) + 3 * PAGE_SIZE);
	CHECK_STR("the page array's own line", want,
		  vm_info_line(info, vmalloc_kva(vm->pages), line, sizeof(line)) ?
			  line : "(none)");
	host_free(info);

	small = vmalloc_huge(1UL << 20, GFP_KERNEL);
	lookup_address(vmalloc_kva(small), &level);
	CHECK_EQ("1 MiB: 4K pages", PG_LEVEL_4K, level);
	CHECK_EQ("1 MiB: page order", 0, find_vm_area(small)->page_order);
	vfree(small);
	vfree(p);
	check_unmapped(p, 4UL << 20);
	CHECK_VM_VALID();
}

/*
 * vmap() maps pages it does not own: vunmap() leaves them allocated and
 * intact.  With VM_MAP_PUT_PAGES, vfree() frees them and their array.
 * vmap mappings are never executable.
 */
static void test_vmap(void **state)
{
	struct page *pages[5], **owned;
	unsigned int level;
	unsigned char *p;
	pte_t *pte;
	int i;

	for (i = 0; i < 5; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		memset(page_address(pages[i]), 0x10 + i, PAGE_SIZE);
	}
	p = vmap(pages, 5, VM_MAP, PAGE_KERNEL);
	if (!p)
		fail_msg("vmap: expected an address, got NULL");
	for (i = 0; i < 5; i++)
		CHECK_EQ("byte of page i through vmap", 0x10 + i, p[i * PAGE_SIZE + 7]);
	check_mapped(p, 5 * PAGE_SIZE, 7);
	pte = lookup_address(vmalloc_kva(p), &level);
	CHECK_EQ("vmap PTE has NX", _PAGE_NX, pte_flags(*pte) & _PAGE_NX);
	CHECK_EQ("vm->nr_pages of a vmap", 0, find_vm_area(p)->nr_pages);
	vunmap(p);
	check_unmapped(p, 6 * PAGE_SIZE);
	for (i = 0; i < 5; i++) {
		CHECK_EQ("page still referenced after vunmap", 1,
			 page_ref_count(pages[i]));
		__free_page(pages[i]);
	}

	owned = vmalloc(3 * sizeof(*owned));
	for (i = 0; i < 3; i++)
		owned[i] = alloc_page(GFP_KERNEL);
	memcpy(pages, owned, 3 * sizeof(*owned));
	p = vmap(owned, 3, VM_MAP | VM_MAP_PUT_PAGES, PAGE_KERNEL);
	check_mapped(p, 3 * PAGE_SIZE, 8);
	vfree(p);
	for (i = 0; i < 3; i++)
		CHECK_EQ("PUT_PAGES page freed by vfree", 0, page_ref_count(pages[i]));
	CHECK_VM_VALID();
}

/*
 * vm_map_ram() of up to 64 pages takes pieces of a per-CPU 1 MiB block
 * (VMAP_BBMAP_BITS = 256 with NR_CPUS 8192): 3 pages take an order-2
 * piece, so the next piece starts 4 pages later.  The block shows as one
 * "vm_map_ram" line; once all its pieces are unmapped a purge returns it.
 * 65 pages get an area of their own, without a guard page.
 */
static void test_vm_map_ram(void **state)
{
	struct page *pages[65];
	char line[256], want[256], *info;
	unsigned long block;
	void *p, *q, *big;
	int i;

	CHECK_EQ("VMAP_BBMAP_BITS", 256, VMAP_BBMAP_BITS);
	for (i = 0; i < 65; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	p = vm_map_ram(pages, 3, NUMA_NO_NODE);
	q = vm_map_ram(pages + 3, 1, NUMA_NO_NODE);
	if (!p || !q)
		fail_msg("vm_map_ram: expected addresses, got %p %p", p, q);
	block = vmalloc_kva(p);
	CHECK_EQ("block aligned to its size", 0, block & (VMAP_BLOCK_SIZE - 1));
	CHECK_EQ("next piece after an order-2 piece", block + 4 * PAGE_SIZE,
		 vmalloc_kva(q));
	check_mapped(p, 3 * PAGE_SIZE, 9);
	check_mapped(q, PAGE_SIZE, 10);
	check_unmapped((char *)p + 3 * PAGE_SIZE, PAGE_SIZE);
	info = vm_info();
	snprintf(want, sizeof(want), "0x%016lx-0x%016lx 1048576 vm_map_ram", block,
		 block + VMAP_BLOCK_SIZE);
	CHECK_STR("vmap block line", want,
		  vm_info_line(info, block, line, sizeof(line)) ? line : "(none)");
	host_free(info);

	big = vm_map_ram(pages, 65, NUMA_NO_NODE);
	check_mapped(big, 65 * PAGE_SIZE, 11);
	CHECK_EQ("65 pages: a plain area", 65 * PAGE_SIZE,
		 va_size(find_vmap_area(vmalloc_kva(big))));
	vm_unmap_ram(big, 65);
	check_unmapped(big, 65 * PAGE_SIZE);

	vm_unmap_ram(p, 3);
	vm_unmap_ram(q, 1);
	check_unmapped(p, 4 * PAGE_SIZE);
	CHECK_EQ("block busy until purged", block,
		 find_vmap_area(block) ? find_vmap_area(block)->va_start : 0);
	vm_unmap_aliases();
	CHECK_EQ("block returned by the purge", 0,
		 (unsigned long)find_vmap_area(block));
	for (i = 0; i < 65; i++)
		__free_page(pages[i]);
	CHECK_VM_VALID();
}

/*
 * Lazy purging: unmapped areas wait on the purge list until more than
 * lazy_max_pages() pages do (fls(2 CPUs) * 32 MiB = 16384 pages); then
 * the vunmap that crossed the limit drains the list into the free tree.
 * vmap'ing one page 4096 times gives 16 MiB of address space cheaply.
 */
static void test_lazy_purge(void **state)
{
	const unsigned int n = 4096;
	struct page *page = alloc_page(GFP_KERNEL), **pages;
	void *keep = vmalloc(PAGE_SIZE), *areas[4];
	unsigned int i;

	CHECK_EQ("lazy_max_pages", 16384, lazy_max_pages());
	pages = host_alloc(n * sizeof(*pages));
	for (i = 0; i < n; i++)
		pages[i] = page;
	for (i = 0; i < 4; i++)
		areas[i] = vmap(pages, n, VM_MAP, PAGE_KERNEL);
	for (i = 0; i < 3; i++)
		vunmap(areas[i]);
	CHECK_EQ("lazy pages after 3 vunmaps", 3 * (n + 1),
		 vm_atomic_read(&vms_state.lazy_nr));
	CHECK_EQ("adjacent lazy areas merged into one", 1,
		 list_count_nodes(&purge_vmap_area_list));
	CHECK_VM_VALID();
	vunmap(areas[3]);
	CHECK_EQ("lazy pages after the drain", 0, vm_atomic_read(&vms_state.lazy_nr));
	CHECK_EQ("purge list empty after the drain", 1,
		 list_empty(&purge_vmap_area_list));
	CHECK_EQ("freed range is free again", vmalloc_kva(areas[0]),
		 lowest_free((n + 1) * PAGE_SIZE));
	vfree(keep);
	host_free(pages);
	__free_page(page);
	CHECK_VM_VALID();
}

/*
 * Fragmentation: 21 one-page areas, the odd ones freed.  While the holes
 * are lazy nothing can use them; after a purge a one-page request takes
 * the lowest hole and a three-page one (4 with its guard) skips all
 * two-page holes.
 *
 *   |a0|g|..|g|a2|g|..|g| ... |a20|g|  free ...
 */
static void test_fragmentation_lowest_fit(void **state)
{
	void *a[21], *x, *y;
	unsigned long end;
	int i;

	for (i = 0; i < 21; i++)
		a[i] = vmalloc(PAGE_SIZE);
	end = vmalloc_kva(a[20]) + 2 * PAGE_SIZE;
	for (i = 1; i < 21; i += 2)
		vfree(a[i]);
	x = vmalloc(PAGE_SIZE);
	CHECK_EQ("lazy holes are not reused", end, vmalloc_kva(x));
	vfree(x);
	vm_unmap_aliases();
	CHECK_VM_VALID();
	x = vmalloc(PAGE_SIZE);
	CHECK_EQ("one page: the lowest hole", vmalloc_kva(a[1]), vmalloc_kva(x));
	y = vmalloc(3 * PAGE_SIZE);
	CHECK_EQ("three pages: past every two-page hole", end, vmalloc_kva(y));
	CHECK_VM_VALID();
	vfree(x);
	vfree(y);
	for (i = 0; i < 21; i += 2)
		vfree(a[i]);
	vm_unmap_aliases();
	CHECK_VM_VALID();
}

/* An ioremap-type area of 5 pages is aligned to 32 KiB (its size's order). */
static void test_ioremap_alignment(void **state)
{
	struct vm_struct *vm = __get_vm_area_caller(5 * PAGE_SIZE, VM_IOREMAP,
						    VMALLOC_START, VMALLOC_END,
						    "test");

	if (!vm)
		fail_msg("__get_vm_area_caller: expected an area, got NULL");
	CHECK_EQ("32 KiB aligned", 0, vmalloc_kva(vm->addr) & (32 * 1024 - 1));
	CHECK_EQ("size with guard", 6 * PAGE_SIZE, vm->size);
	free_vm_area(vm);
	CHECK_VM_VALID();
}

/*
 * pcpu_get_vm_areas() with two groups 3 GiB apart (the kernel's numa2
 * boot): placed as high as possible, the top group ending at VMALLOC_END
 * aligned down to 2 MiB.  Expect the kernel's addresses:
 *   0xffffe8ff3fc00000-0xffffe8ff3fe00000 and 0xffffe8ffffc00000-0xffffe8ffffe00000
 * Pages mapped into them with vmap_pages_range() alias their direct map.
 */
static void test_pcpu_get_vm_areas(void **state)
{
	const unsigned long offsets[2] = { 0, 0xc0000000UL };
	const size_t sizes[2] = { PMD_SIZE, PMD_SIZE };
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_KERNEL) };
	struct vm_struct **vms = pcpu_get_vm_areas(offsets, sizes, 2, PMD_SIZE);
	char line[256], *info;
	unsigned long a1;

	if (!vms)
		fail_msg("pcpu_get_vm_areas: expected areas, got NULL");
	CHECK_EQ("group 0", 0xffffe8ff3fc00000UL, vmalloc_kva(vms[0]->addr));
	CHECK_EQ("group 1", 0xffffe8ffffc00000UL, vmalloc_kva(vms[1]->addr));
	CHECK_EQ("size, no guard", PMD_SIZE, vms[1]->size);
	info = vm_info();
	CHECK_STR("vmallocinfo line",
		  "0xffffe8ffffc00000-0xffffe8ffffe00000 2097152 pcpu_get_vm_areas vmalloc",
		  vm_info_line(info, 0xffffe8ffffc00000UL, line, sizeof(line)) ?
			  line : "(none)");
	host_free(info);
	a1 = vmalloc_kva(vms[1]->addr) + 3 * PAGE_SIZE;
	CHECK_EQ("vmap_pages_range", 0,
		 vmap_pages_range(a1, a1 + 2 * PAGE_SIZE, PAGE_KERNEL, pages,
				  PAGE_SHIFT));
	check_mapped(vmalloc_host(a1), 2 * PAGE_SIZE, 12);
	vunmap_range(a1, a1 + 2 * PAGE_SIZE);
	check_unmapped(vmalloc_host(a1), 2 * PAGE_SIZE);
	pcpu_free_vm_areas(vms, 2);
	CHECK_VM_VALID();
	vms = pcpu_get_vm_areas(offsets, sizes, 2, PMD_SIZE);
	if (!vms)
		fail_msg("second pcpu_get_vm_areas: expected areas, got NULL");
	if (vmalloc_kva(vms[1]->addr) >= 0xffffe8ffffc00000UL)
		fail_msg("second chunk: expected below the lazy first one, got %#lx",
			 vmalloc_kva(vms[1]->addr));
	pcpu_free_vm_areas(vms, 2);
	__free_page(pages[0]);
	__free_page(pages[1]);
	CHECK_VM_VALID();
}

/*
 * Out of memory is a normal outcome: a request larger than all RAM is
 * refused with the kernel's message; filling memory with 1 MiB vmallocs
 * ends in NULL, and freeing them all gives every page back.
 */
static void test_out_of_memory(void **state)
{
	unsigned long free_before, used_before = vmalloc_nr_pages(), span, tables;
	long slab_before, slab_delta, free_after;
	void **ptrs = host_alloc(4096 * sizeof(void *));
	char *log;
	int n = 0;

	host_free(test_log_take(*state));
	CHECK_EQ("larger than RAM", 0,
		 (unsigned long)vmalloc((totalram_pages() + 1) * PAGE_SIZE));
	log = test_log_take(*state);
	if (!strstr(log, "vmalloc error: size") || !strstr(log, "exceeds total pages"))
		fail_msg("log: expected 'vmalloc error: size ... exceeds total pages', got:\n%s",
			 log);
	host_free(log);

	drain_all_pages(NULL);
	vm_stats_fold_all();            /* exact counters, not per-CPU estimates */
	free_before = nr_free_pages();
	slab_before = (long)global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	while (n < 4096 && (ptrs[n] = vmalloc(1UL << 20)))
		n++;
	if (n == 4096 || n < 100)
		fail_msg("1 MiB vmallocs before running out: expected 100..4095, got %d", n);
	/* one PTE table per 2 MiB spanned, one PMD table per GiB */
	span = vmalloc_kva(ptrs[n - 1]) + (1UL << 20) - vmalloc_kva(ptrs[0]);
	tables = DIV_ROUND_UP(span, PMD_SIZE) + 1 + DIV_ROUND_UP(span, PUD_SIZE) + 1;
	CHECK_VM_VALID();
	while (n--)
		vfree(ptrs[n]);
	vm_unmap_aliases();
	drain_all_pages(NULL);
	vm_stats_fold_all();
	CHECK_EQ("VmallocUsed back", used_before, vmalloc_nr_pages());
	/*
	 * page-table pages made on the way stay, as in the kernel, and so
	 * may slabs of the bookkeeping (vm_struct, vmap_area, page arrays)
	 */
	slab_delta = (long)global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B) -
		     slab_before;
	free_after = (long)nr_free_pages() + slab_delta;
	if (free_after + (long)tables < (long)free_before ||
	    free_after > (long)free_before)
		fail_msg("free pages: expected %lu minus at most %lu table pages and %ld slab pages, got %lu",
			 free_before, tables, slab_delta, nr_free_pages());
	host_free(ptrs);
	CHECK_VM_VALID();
}

/*
 * Every line of /proc/vmallocinfo has the kernel's shape, busy areas in
 * address order, and meminfo's VmallocUsed is the pages vmalloc holds.
 */
static void test_vmallocinfo_format(void **state)
{
	static const char *const busy_re =
		"^0x[0-9a-f]{16}-0x[0-9a-f]{16} [ 0-9]{7}( [A-Za-z_][A-Za-z0-9_.]*)?"
		"( pages=[0-9]+)?( phys=0x[0-9a-f]{16})?( ioremap)?( vmalloc)?( vmap)?"
		"( user)?( dma-coherent)?( vpages)?( N[0-9]+=[0-9]+)*$";
	static const char *const other_re =
		"^0x[0-9a-f]{16}-0x[0-9a-f]{16} [ 0-9]{7} (vm_map_ram|unpurged vm_area)$";
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_KERNEL) };
	void *a = vmalloc(5 * PAGE_SIZE), *b = vmap(pages, 2, VM_MAP, PAGE_KERNEL);
	void *c = vm_map_ram(pages, 2, NUMA_NO_NODE), *d = vzalloc(PAGE_SIZE);
	char *info, *meminfo, *line, *save, want[64];
	unsigned long last = 0;
	regex_t busy, other;

	vfree(d);
	CHECK_EQ("regcomp", 0, regcomp(&busy, busy_re, REG_EXTENDED | REG_NOSUB));
	CHECK_EQ("regcomp", 0, regcomp(&other, other_re, REG_EXTENDED | REG_NOSUB));
	info = vm_info();
	for (line = strtok_r(info, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long start = strtoul(line + 2, NULL, 16);

		if (!regexec(&busy, line, 0, NULL, 0) && !strstr(line, "unpurged")) {
			if (start < last)
				fail_msg("vmallocinfo not in address order at '%s'", line);
			last = start;
			continue;
		}
		if (regexec(&other, line, 0, NULL, 0))
			fail_msg("vmallocinfo line not in the kernel's format: '%s'", line);
	}
	regfree(&busy);
	regfree(&other);
	host_free(info);

	if (proc_render("meminfo", &meminfo))
		fail_msg("proc_render(meminfo)");
	snprintf(want, sizeof(want), "VmallocUsed:    %8lu kB\n", vmalloc_nr_pages() * 4);
	if (!strstr(meminfo, want))
		fail_msg("meminfo: expected '%s', got:\n%s", want, meminfo);
	host_free(meminfo);
	vfree(a);
	vunmap(b);
	vm_unmap_ram(c, 2);
	__free_page(pages[0]);
	__free_page(pages[1]);
	CHECK_VM_VALID();
}

/*
 * Page tables for vmalloc come from the page allocator: the first mapping
 * in a fresh GiB hangs a new PMD table (a PageTable page, counted in
 * NR_PAGETABLE) and a PTE table under the PUD page made at boot; they stay
 * after vfree.
 */
static void test_page_table_pages(void **state)
{
	unsigned long kva;
	pud_t *pud;
	pmd_t *pmd;
	void *p;

	p = __vmalloc_node_range(PAGE_SIZE, 1, VMALLOC_START + (5UL << 30),
				 VMALLOC_END, GFP_KERNEL, PAGE_KERNEL, 0,
				 NUMA_NO_NODE, "test");
	kva = vmalloc_kva(p);
	CHECK_EQ("placed at the start of the 6th GiB", VMALLOC_START + (5UL << 30), kva);
	pud = pud_offset(p4d_offset(pgd_offset_k(kva), kva), kva);
	if (pud_none(*pud))
		fail_msg("PUD entry: expected a PMD table, got none");
	CHECK_EQ("PMD table page is PageTable", 1, PageTable(pud_page(*pud)));
	pmd = pmd_offset(pud, kva);
	CHECK_EQ("PMD entry is a table", 0, pmd_bad(*pmd));
	CHECK_EQ("PTE table page is not PageTable", 0, PageTable(pmd_page(*pmd)));
	check_mapped(p, PAGE_SIZE, 13);
	vfree(p);
	CHECK_EQ("PMD table stays after vfree", 0, pud_none(*pud));
	check_unmapped(p, PAGE_SIZE);
	CHECK_VM_VALID();
}

/* vfree_atomic() defers the free to the next vmalloc call point. */
static void test_vfree_atomic(void **state)
{
	void *p = vmalloc(2 * PAGE_SIZE);

	vfree_atomic(p);
	CHECK_EQ("still mapped before the deferred work", 1,
		 find_vm_area(p) != NULL);
	vm_unmap_aliases();
	CHECK_EQ("gone after the deferred work", 0, (unsigned long)find_vm_area(p));
	check_unmapped(p, 2 * PAGE_SIZE);
	CHECK_VM_VALID();
}

/*
 * A two-node machine: vmalloc_node(…, 1) takes node 1's pages and
 * vmallocinfo counts them as N1=4.
 */
static void test_vmalloc_node(void **state)
{
	struct machine_desc d;
	struct machine *m;
	char line[256], want[256], *info;
	void *p;
	int i;

	test_machine_destroy(*state);
	test_machine_desc_default(&d);
	strcat(d.cmdline, " nokaslr");
	d.ram_size = 1ULL << 30;
	d.sockets = 2;
	d.cores = 1;
	d.nr_nodes = 2;
	d.nodes[0] = (struct numa_node_desc){ 512ULL << 20, 0, 0 };
	d.nodes[1] = (struct numa_node_desc){ 512ULL << 20, 1, 1 };
	*state = m = test_machine_boot(&d);
	p = vmalloc_node(4 * PAGE_SIZE, 1);
	for (i = 0; i < 4; i++)
		CHECK_EQ("node of the page", 1,
			 page_to_nid(vmalloc_to_page((char *)p + i * PAGE_SIZE)));
	info = vm_info();
	snprintf(want, sizeof(want),
		 "0x%016lx-0x%016lx   20480 test_vmalloc_node pages=4 vmalloc N1=4",
		 vmalloc_kva(p), vmalloc_kva(p) + 5 * PAGE_SIZE);
	CHECK_STR("vmallocinfo line", want,
		  vm_info_line(info, vmalloc_kva(p), line, sizeof(line)) ? line : "(none)");
	host_free(info);
	check_mapped(p, 4 * PAGE_SIZE, 14);
	vfree(p);
	CHECK_VM_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		VM_TEST(test_area_bounds),
		VM_TEST(test_vmalloc_three_pages),
		VM_TEST(test_guard_pages),
		VM_TEST(test_vzalloc_zeroes),
		VM_TEST(test_vmalloc_huge),
		VM_TEST(test_vmap),
		VM_TEST(test_vm_map_ram),
		VM_TEST(test_lazy_purge),
		VM_TEST(test_fragmentation_lowest_fit),
		VM_TEST(test_ioremap_alignment),
		VM_TEST(test_pcpu_get_vm_areas),
		VM_TEST(test_out_of_memory),
		VM_TEST(test_vmallocinfo_format),
		VM_TEST(test_page_table_pages),
		VM_TEST(test_vfree_atomic),
		VM_TEST(test_vmalloc_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
