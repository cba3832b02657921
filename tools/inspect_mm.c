// SPDX-License-Identifier: MIT
/*
 * tools/inspect_mm.c — the inspector's views of the memory manager.
 *
 * No kernel counterpart: the commands of crash(8) (kmem -i/-f/-z/-s/-v/-p,
 * vtop) and of the mm-* helpers the GDB scripts give, over mmsim's
 * structures, read while the machine is entered:
 *
 *   mm-memblock          memblock.memory and memblock.reserved, region by region
 *   mm-zones             per node and zone: pfn span, present/managed/free, watermarks
 *   mm-buddy [NODE ZONE] free blocks by order x migratetype (the free_area lists)
 *   mm-page PFN|ADDR     one struct page: flags, counts, zone, buddy/slab owner
 *   mm-slab [CACHE]      /proc/slabinfo, or one cache's geometry
 *   mm-vmalloc           /proc/vmallocinfo
 *   mm-percpu            the per-CPU allocator's geometry and chunks
 *   mm-vtop ADDR         a kernel address through the page tables, level by level
 *
 * Every view only reads; counts come from the lists themselves, so they
 * can be compared with /proc's figures (which come from the counters).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/page-flags.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/percpu-internal.h"
#include "mm/slab.h"
#include "mm/slub_internal.h"
#include "mm/process_internal.h"
#include "arch/x86/include/asm/pgtable.h"
#include "arch/arm/include/asm/pgtable.h"
#include "arch/arm/include/asm/arm_state.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "tools/inspect.h"

#include <stdio.h>
#include <string.h>

const char *migratetype_name(int mt);

static bool is_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

/* ---- memblock ---- */

static void show_memblock_type(const struct memblock_type *t)
{
	unsigned long i;

	printf("memblock.%s: %lu regions, %#llx bytes (%llu MiB)\n", t->name,
	       t->cnt, (unsigned long long)t->total_size,
	       (unsigned long long)(t->total_size >> 20));
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		printf("  [%3lu] 0x%012llx-0x%012llx %#12llx bytes  node %d  flags %#x\n",
		       i, (unsigned long long)r->base,
		       (unsigned long long)(r->base + r->size - 1),
		       (unsigned long long)r->size,
		       r->nid >= MAX_NUMNODES ? -1 : r->nid, r->flags);
	}
}

static int cmd_memblock(int argc, char **argv)
{
	show_memblock_type(&memblock.memory);
	show_memblock_type(&memblock.reserved);
	printf("current limit %#llx, %s\n", (unsigned long long)memblock.current_limit,
	       memblock.bottom_up ? "bottom-up" : "top-down");
	return 0;
}

/* ---- zones ---- */

static int cmd_zones(int argc, char **argv)
{
	int nid, z;

	printf("%-4s %-8s %10s %10s %10s %10s %10s %8s %8s %8s\n", "NODE", "ZONE",
	       "START_PFN", "SPANNED", "PRESENT", "MANAGED", "FREE", "MIN",
	       "LOW", "HIGH");
	for (nid = 0; nid < (int)nr_node_ids; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!zone->spanned_pages && !zone->present_pages)
				continue;
			printf("%-4d %-8s %#10lx %10lu %10lu %10lu %10lu %8lu %8lu %8lu\n",
			       nid, zone->name, zone->zone_start_pfn,
			       zone->spanned_pages, zone->present_pages,
			       zone_managed_pages(zone),
			       zone_page_state(zone, NR_FREE_PAGES),
			       min_wmark_pages(zone), low_wmark_pages(zone),
			       high_wmark_pages(zone));
		}
	}
	return 0;
}

/* ---- buddy free lists ---- */

static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *p;
	unsigned long n = 0;

	for (p = head->next; p != head; p = p->next)
		n++;
	return n;
}

static void show_buddy_zone(int nid, struct zone *zone)
{
	unsigned long total = 0, n;
	unsigned int order;
	int mt;

	printf("Node %d, zone %s: free blocks by order\n%-12s", nid, zone->name,
	       "migratetype");
	for (order = 0; order < MAX_ORDER; order++)
		printf(" %6u", order);
	putchar('\n');
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		printf("%-12s", migratetype_name(mt));
		for (order = 0; order < MAX_ORDER; order++) {
			n = list_length(&zone->free_area[order].free_list[mt]);
			total += n << order;
			printf(" %6lu", n);
		}
		putchar('\n');
	}
	printf("%-12s", "nr_free");
	for (order = 0; order < MAX_ORDER; order++)
		printf(" %6lu", zone->free_area[order].nr_free);
	printf("\nfree pages on the lists: %lu\n", total);
}

static struct zone *zone_by_name(int nid, const char *name)
{
	int z;

	if (nid < 0 || nid >= (int)nr_node_ids || !NODE_DATA(nid))
		return NULL;
	for (z = 0; z < MAX_NR_ZONES; z++)
		if (NODE_DATA(nid)->node_zones[z].name &&
		    !strcasecmp(NODE_DATA(nid)->node_zones[z].name, name))
			return &NODE_DATA(nid)->node_zones[z];
	return NULL;
}

static int cmd_buddy(int argc, char **argv)
{
	struct zone *zone;
	u64 nid;
	int n, z;

	if (argc >= 3) {
		if (inspect_number("mm-buddy NODE", argv[1], &nid))
			return -EINVAL;
		zone = zone_by_name((int)nid, argv[2]);
		if (!zone) {
			inspect_error("mm-buddy: no zone '%s' on node %s", argv[2], argv[1]);
			return -EINVAL;
		}
		show_buddy_zone((int)nid, zone);
		return 0;
	}
	for (n = 0; n < (int)nr_node_ids; n++)
		for (z = 0; NODE_DATA(n) && z < MAX_NR_ZONES; z++) {
			zone = &NODE_DATA(n)->node_zones[z];
			if (populated_zone(zone))
				show_buddy_zone(n, zone);
		}
	return 0;
}

/* ---- one page ---- */

static void show_flags(const struct page *page)
{
	static const char *const names[] = {
		"locked", "referenced", "uptodate", "dirty", "lru", "active",
		"workingset", "waiters", "error", "slab", "owner_priv_1",
		"arch_1", "reserved", "private", "private_2", "writeback",
		"head", "mappedtodisk", "reclaim", "swapbacked", "unevictable",
		"mlocked", "hwpoison", "arch_2",
	};
	const char *sep = "";
	size_t i;

	printf("flags: %#lx(", page->flags);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (page->flags & (1UL << i)) {
			printf("%s%s", sep, names[i]);
			sep = "|";
		}
	printf(")\n");
}

/* A kernel virtual address through the kernel page tables: 0 or -EFAULT. */
static int kernel_va_to_phys(unsigned long va, phys_addr_t *pa)
{
	int level;

	if (is_arm())
		return arm_walk_virt_to_phys(arm_swapper_pg_dir(), va, pa, &level);
	return walk_virt_to_phys(init_mm.pgd, va, pa, NULL);
}

/* PFN, physical address or mapped kernel address -> pfn; false if none. */
static bool parse_page(const char *s, unsigned long *pfn)
{
	phys_addr_t pa;
	u64 v;

	if (inspect_number("page", s, &v))
		return false;
	if (v < max_pfn)
		*pfn = (unsigned long)v;
	else if (v < PFN_PHYS(max_pfn))
		*pfn = PHYS_PFN(v);
	else if (!kernel_va_to_phys((unsigned long)v, &pa))
		*pfn = PHYS_PFN(pa);
	else
		*pfn = ~0UL;
	if (*pfn != ~0UL && pfn_valid(*pfn))
		return true;
	inspect_error("page: '%s' is not a pfn, physical address or direct-map address of RAM", s);
	return false;
}

static int show_page(unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);
	struct zone *zone = page_zone(page);

	printf("pfn %#lx  phys %#llx  node %d  zone %s\n", pfn,
	       (unsigned long long)PFN_PHYS(pfn), page_to_nid(page), zone->name);
	show_flags(page);
	printf("refcount %d  mapcount %d  pageblock %s\n", page_ref_count(page),
	       PageBuddy(page) ? -1 : page->_mapcount.counter + 1,
	       migratetype_name(get_pageblock_migratetype(page)));
	if (PageBuddy(page))
		printf("owner: buddy allocator, free block of order %u (%lu pages)\n",
		       buddy_order(page), 1UL << buddy_order(page));
	else if (PageSlab(page))
		printf("owner: slab cache %s\n", ((struct slab *)page)->slab_cache ?
		       ((struct slab *)page)->slab_cache->name : "?");
	else if (PageTail(page))
		printf("owner: tail of a compound page\n");
	else if (PageReserved(page))
		printf("owner: reserved (memblock, firmware or the kernel image)\n");
	else if (PageTable(page))
		printf("owner: a page table\n");
	else if (page_ref_count(page))
		printf("owner: allocated (in use)\n");
	else
		printf("owner: free, on a per-CPU list or inside a free buddy block\n");
	return 0;
}

static int cmd_page(int argc, char **argv)
{
	unsigned long pfn;

	if (argc < 2) {
		inspect_error("mm-page: usage: mm-page PFN|ADDR");
		return -EINVAL;
	}
	return parse_page(argv[1], &pfn) ? show_page(pfn) : -EINVAL;
}

/* ---- slab ---- */

static int print_view(const char *name)
{
	char *text;

	if (proc_render(name, &text))
		return -ENOENT;
	fputs(text, stdout);
	host_free(text);
	return 0;
}

static int cmd_slab(int argc, char **argv)
{
	struct kmem_cache *s;

	if (argc < 2)
		return print_view("slabinfo");
	list_for_each_entry(s, &slub_st.slab_caches, list) {
		if (strcmp(s->name, argv[1]))
			continue;
		printf("cache %s: object_size %u  size %u  align %u  objects/slab %u  order %u\n",
		       s->name, s->object_size, s->size, s->align,
		       oo_objects(s->oo), oo_order(s->oo));
		printf("  min_partial %lu  cpu_partial %u  offset %u  inuse %u  flags %#lx  refcount %d\n",
		       s->min_partial, s->cpu_partial, s->offset, s->inuse,
		       (unsigned long)s->flags, s->refcount);
		return 0;
	}
	inspect_error("mm-slab: no cache '%s'", argv[1]);
	return -EINVAL;
}

/* ---- vmalloc, percpu ---- */

static int cmd_vmalloc(int argc, char **argv)
{
	return print_view("vmallocinfo");
}

static void show_chunk(const struct pcpu_chunk *c, const char *what)
{
	printf("  chunk %-9s base %p  %d pages/unit, %d populated, %d bytes free\n",
	       what, c->base_addr, c->nr_pages, c->nr_populated, c->free_bytes);
}

static int cmd_percpu(int argc, char **argv)
{
	const struct pcpu_state *p = &current_machine->pcpu;
	const struct pcpu_chunk *c;
	int slot;

	if (!p->first_chunk) {
		printf("per-CPU allocator: not set up yet (setup_per_cpu_areas)\n");
		return 0;
	}
	printf("per-CPU allocator: %d units of %d bytes (%d pages), atom %d, %d groups, %d slots\n",
	       p->nr_units, p->unit_size, p->unit_pages, p->atom_size,
	       p->nr_groups, p->nr_slots);
	printf("populated pages %lu, empty populated pages %d\n", p->nr_populated,
	       p->nr_empty_pop_pages);
	show_chunk(p->first_chunk, "first");
	if (p->reserved_chunk)
		show_chunk(p->reserved_chunk, "reserved");
	for (slot = 0; p->chunk_lists && slot < p->nr_slots; slot++)
		list_for_each_entry(c, &p->chunk_lists[slot], list)
			if (c != p->first_chunk && c != p->reserved_chunk)
				show_chunk(c, "dynamic");
	return 0;
}

/* ---- page tables ---- */

static const char *const x86_levels[] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

static bool x86_entry(int lvl, const void *ent, u64 val)
{
	printf("  %s %#llx: 0x%016llx%s\n", x86_levels[lvl],
	       (unsigned long long)__pa(ent), (unsigned long long)val,
	       val & _PAGE_PRESENT ? "" : "  (not present)");
	return val & _PAGE_PRESENT;
}

static int vtop_x86(pgd_t *base, unsigned long va)
{
	pgd_t *pgd = pgd_offset_pgd(base, va);
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	if (pgtable_l5_enabled() && !x86_entry(0, pgd, pgd_val(*pgd)))
		return 0;
	p4d = p4d_offset(pgd, va);    /* the PGD itself with 4 levels */
	if (!x86_entry(pgtable_l5_enabled() ? 1 : 0, p4d, p4d_val(*p4d)))
		return 0;
	pud = pud_offset(p4d, va);
	if (!x86_entry(2, pud, pud_val(*pud)))
		return 0;
	if (pud_val(*pud) & _PAGE_PSE) {
		printf("  1G page => phys %#llx\n",
		       (unsigned long long)(PFN_PHYS(pud_pfn(*pud)) + (va & (PUD_SIZE - 1))));
		return 0;
	}
	pmd = pmd_offset(pud, va);
	if (!x86_entry(3, pmd, pmd_val(*pmd)))
		return 0;
	if (pmd_val(*pmd) & _PAGE_PSE) {
		printf("  2M page => phys %#llx\n",
		       (unsigned long long)(PFN_PHYS(pmd_pfn(*pmd)) + (va & (PMD_SIZE - 1))));
		return 0;
	}
	pte = pte_offset_kernel(pmd, va);
	if (!x86_entry(4, pte, pte_val(*pte)))
		return 0;
	printf("  4K page => phys %#llx\n",
	       (unsigned long long)(PFN_PHYS(pte_pfn(*pte)) + (va & (PAGE_SIZE - 1))));
	return 0;
}

static int vtop_arm(unsigned long va)
{
	const arm_pmdval_t *l1 = arm_swapper_pg_dir();
	const arm_pmdval_t *e = &l1[(u32)va >> ARM_SECTION_SHIFT];
	phys_addr_t pa;
	int level;

	printf("  first-level entry %#llx: %#010x\n",
	       (unsigned long long)__pa(e), (unsigned int)*e);
	if (arm_walk_virt_to_phys(l1, va, &pa, &level))
		printf("  not mapped\n");
	else
		printf("  %s => phys %#llx\n", level == 1 ? "1M section" : "4K page",
		       (unsigned long long)pa);
	return 0;
}

/*
 * A user address of a 32-bit ARM process, through the mm's own 16 KiB
 * first-level table (arch/arm/mm/pgd.c): the L1 word, then the Linux PTE
 * and its hardware twin 2 KiB above it, and what ARM's MMU makes of the
 * hardware one (arch/arm/mm/fault.c).  Kernel addresses go to the
 * kernel's walk (their L1 words are the ones pgd_alloc copied).
 */
static int vtop_arm_user(struct mm_struct *mm, unsigned long va)
{
	const arm_pmdval_t *l1 = (const arm_pmdval_t *)mm->pgd;
	const arm_pmdval_t *e = &l1[(u32)va >> ARM_SECTION_SHIFT];
	const arm_pteval_t *lpte;
	u32 hw;
	u8 *host;

	if (va >= mm->task_size)
		return vtop_arm(va);
	printf("  pgd %#llx, first-level entry %#llx: 0x%08x\n",
	       (unsigned long long)__pa(l1), (unsigned long long)__pa(e), (unsigned int)*e);
	if ((*e & PMD_TYPE_MASK) != PMD_TYPE_TABLE) {
		printf("  no page table\n");
		return 0;
	}
	lpte = arm_pte_offset_kernel(l1 + (((u32)va >> ARM_PMD_SHIFT) * 2), va);
	host = arm_user_hw_walk(mm, va, false, &hw);
	printf("  Linux PTE %#llx: 0x%08x\n", (unsigned long long)__pa(lpte), (unsigned int)*lpte);
	printf("  h/w PTE   %#llx: 0x%08x\n",
	       (unsigned long long)__pa(lpte + ARM_PTE_HWTABLE_PTRS), (unsigned int)hw);
	printf("  ARM MMU: %s\n", arm_hw_pte_state(hw));
	if (host)
		printf("  4K page => phys %#llx\n", (unsigned long long)__pa(host));
	return 0;
}

static int cmd_vtop(int argc, char **argv)
{
	struct task_struct *t = NULL;
	u64 va, pid;

	if (argc < 2 || inspect_number("vtop ADDR", argv[1], &va))
		return -EINVAL;
	if (argc > 2) {     /* a user address of process PID */
		if (inspect_number("vtop PID", argv[2], &pid))
			return -EINVAL;
		t = pid <= INT_MAX ? find_task_by_vpid((int)pid) : NULL;
		if (!t || !t->mm) {
			inspect_error("%s: no process with PID %s", argv[0], argv[2]);
			return -EINVAL;
		}
		printf("PID %d virtual %#llx\n", t->pid, (unsigned long long)va);
		if (is_arm())
			return vtop_arm_user(t->mm, (unsigned long)va);
		return vtop_x86(t->mm->pgd, (unsigned long)va);
	}
	printf("virtual %#llx\n", (unsigned long long)va);
	return is_arm() ? vtop_arm((unsigned long)va) : vtop_x86(init_mm.pgd, (unsigned long)va);
}

/* ---- crash's kmem ---- */

static void kmem_line(const char *what, unsigned long pages, unsigned long total)
{
	printf("%13s %10lu %11.1f MB ", what, pages,
	       (double)(pages << PAGE_SHIFT) / (1 << 20));
	if (total && pages != total)
		printf(" %3lu%% of TOTAL MEM\n", pages * 100 / total);
	else
		printf("        ----\n");
}

static int kmem_info(void)
{
	unsigned long total = totalram_pages();
	unsigned long free = global_zone_page_state(NR_FREE_PAGES);
	unsigned long slab = (global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
			      global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B));

	printf("%13s %10s %14s %20s\n", "", "PAGES", "TOTAL", "PERCENTAGE");
	kmem_line("TOTAL MEM", total, 0);
	kmem_line("FREE", free, total);
	kmem_line("USED", total - free, total);
	kmem_line("SLAB", slab, total);
	return 0;
}

static int cmd_kmem(int argc, char **argv)
{
	unsigned long pfn;

	if (argc < 2) {
		inspect_error("kmem: usage: kmem -i|-f|-z|-s|-v|-p PFN");
		return -EINVAL;
	}
	if (!strcmp(argv[1], "-i"))
		return kmem_info();
	if (!strcmp(argv[1], "-f"))
		return cmd_buddy(1, argv);
	if (!strcmp(argv[1], "-z"))
		return print_view("zoneinfo");
	if (!strcmp(argv[1], "-s"))
		return print_view("slabinfo");
	if (!strcmp(argv[1], "-v"))
		return print_view("vmallocinfo");
	if (!strcmp(argv[1], "-p") && argc > 2)
		return parse_page(argv[2], &pfn) ? show_page(pfn) : -EINVAL;
	inspect_error("kmem: unknown option '%s' (-i, -f, -z, -s, -v, -p PFN)", argv[1]);
	return -EINVAL;
}

const struct inspect_cmd inspect_mm_cmds[] = {
	{ "mm-memblock", cmd_memblock, "", "memblock.memory and .reserved, region by region" },
	{ "mm-zones", cmd_zones, "", "nodes and zones: spans, page counts, watermarks" },
	{ "mm-buddy", cmd_buddy, "[NODE ZONE]", "free blocks by order and migratetype" },
	{ "mm-page", cmd_page, "PFN|ADDR", "one struct page: flags, counts, owner" },
	{ "mm-slab", cmd_slab, "[CACHE]", "slab caches (slabinfo), or one cache's geometry" },
	{ "mm-vmalloc", cmd_vmalloc, "", "vmalloc areas (vmallocinfo)" },
	{ "mm-percpu", cmd_percpu, "", "per-CPU allocator: units, chunks" },
	{ "mm-vtop", cmd_vtop, "ADDR [PID]", "an address through the page tables: the kernel's, or process PID's" },
	{ "vtop", cmd_vtop, "ADDR [PID]", "crash's vtop (= mm-vtop)" },
	{ "kmem", cmd_kmem, "-i|-f|-z|-s|-v|-p N", "crash's kmem: info, free lists, zones, slabs, vmalloc, page" },
	{ NULL, NULL, NULL, NULL }
};
