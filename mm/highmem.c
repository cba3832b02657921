// SPDX-License-Identifier: MIT
/*
 * mm/highmem.c — kmap()/kunmap() through the pkmap area and
 * kmap_local_page() through per-CPU fixmap slots.
 *
 * Kernel counterpart: mm/highmem.c (Linux 6.1) with the 32-bit ARM
 * definitions of asm/highmem.h and asm/fixmap.h.  See
 * include/linux/highmem.h for the two mechanisms.  The layout (6.1, ARM):
 *
 *   PKMAP_BASE = PAGE_OFFSET - 2 MiB     512 slots, one PTE page:
 *   0xbfe00000 [slot 0][slot 1] ... [slot 511] 0xc0000000
 *
 *   FIXADDR_TOP = 0xffeff000, slots grow down from it:
 *   __fix_to_virt(i) = FIXADDR_TOP - i * PAGE_SIZE
 *     i = 0                    FIX_EARLYCON_MEM_BASE
 *     i = 1 + 16 * cpu + idx   FIX_KMAP_BEGIN..: kmap_local, 16 per CPU
 *
 * The PTEs are written through the architecture's kernel_map_page /
 * kernel_unmap_range hooks (arch/arm/mm/pgtable.c), into the PTE pages
 * kmap_init() and devicemaps_init() made at boot.  The host sees each
 * mapped page at its own address inside a host window reserved for the
 * pkmap area and one for the fixmap area.
 *
 * Lock: kmap_lock (a spinlock, lock_kmap()) protects pkmap_count[],
 * last_pkmap_nr and the slot -> page table (page_address_htable).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/spinlock.h"
#include "linux/highmem.h"
#include "linux/pgtable.h"
#include "mm/page_alloc_internal.h"
#include "arch/arm/include/asm/memory.h"
#include "mmsim/arch.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

#define LAST_PKMAP ARM_LAST_PKMAP
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_NR(virt) (((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define FIX_KMAP_BEGIN 1
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))

struct highmem_state {
	int pkmap_count[LAST_PKMAP];
	struct page *pkmap_page[LAST_PKMAP];    /* page_address_htable */
	unsigned int last_pkmap_nr;
	spinlock_t kmap_lock;
	char *pkmap_host;                       /* host view of the pkmap area */
	char *fixmap_host;                      /* host view of the fixmap area */
	unsigned long fixmap_size;
	unsigned int nr_cpus;
	int *kmap_local_idx;                    /* per CPU: slots in use */
};

#define hm (*current_machine->highmem)

bool PageHighMem(const struct page *page)
{
	return is_highmem(page_zone(page));
}

/* Made on first use: the host windows and the per-CPU stacks. */
static struct highmem_state *highmem_state(void)
{
	struct machine *m = current_machine;
	struct highmem_state *s;

	if (m->highmem)
		return m->highmem;
	s = host_alloc(sizeof(*s));
	spin_lock_init(&s->kmap_lock);
	s->pkmap_host = host_reserve_va(LAST_PKMAP * PAGE_SIZE, PAGE_SIZE);
	s->fixmap_size = FIXADDR_END - FIXADDR_START;
	s->fixmap_host = host_reserve_va(s->fixmap_size, PAGE_SIZE);
	s->nr_cpus = max(nr_cpu_ids, 1u);
	s->kmap_local_idx = host_alloc(s->nr_cpus * sizeof(int));
	m->highmem = s;
	return s;
}

void highmem_state_destroy(void)
{
	struct highmem_state *s = current_machine->highmem;

	if (!s)
		return;
	if (s->pkmap_host)
		host_release_va(s->pkmap_host, LAST_PKMAP * PAGE_SIZE);
	if (s->fixmap_host)
		host_release_va(s->fixmap_host, s->fixmap_size);
	spin_lock_destroy(&s->kmap_lock);
	host_free(s->kmap_local_idx);
	host_free(s);
	current_machine->highmem = NULL;
}

/* The host address of kernel address @kva in the pkmap or fixmap area. */
static char *kmap_host(unsigned long kva)
{
	if (kva >= PKMAP_BASE && kva < PKMAP_ADDR(LAST_PKMAP))
		return hm.pkmap_host + (kva - PKMAP_BASE);
	if (kva >= FIXADDR_START && kva < FIXADDR_END)
		return hm.fixmap_host + (kva - FIXADDR_START);
	return NULL;
}

unsigned long kmap_kva(const void *host)
{
	const char *p = host;

	if (!current_machine->highmem)
		return 0;
	if (p >= hm.pkmap_host && p < hm.pkmap_host + LAST_PKMAP * PAGE_SIZE)
		return PKMAP_BASE + (unsigned long)(p - hm.pkmap_host);
	if (p >= hm.fixmap_host && p < hm.fixmap_host + hm.fixmap_size)
		return FIXADDR_START + (unsigned long)(p - hm.fixmap_host);
	return 0;
}

/* Map @page at @kva: the kernel's PTE, then the host alias.  0 or -errno. */
static int kmap_set_pte(unsigned long kva, struct page *page)
{
	int ret = current_arch()->kernel_map_page(kva, page_to_phys(page),
						  PAGE_KERNEL);

	if (!ret)
		ret = host_ram_alias(&current_machine->ram, kmap_host(kva),
				     page_to_phys(page), PAGE_SIZE);
	return ret;
}

static void kmap_clear_pte(unsigned long kva)
{
	current_arch()->kernel_unmap_range(kva, kva + PAGE_SIZE);
	host_unmap_alias(kmap_host(kva), PAGE_SIZE);
}

/*
 * Every slot whose count is 1 (mapped, no user) becomes free: its PTE is
 * cleared and its page forgets the address.  Called when the search for
 * a slot wraps around.
 */
static void flush_all_zero_pkmaps(void)
{
	int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (hm.pkmap_count[i] != 1)
			continue;
		hm.pkmap_count[i] = 0;
		kmap_clear_pte(PKMAP_ADDR(i));
		hm.pkmap_page[i] = NULL;
	}
}

/* The slot @page is mapped in, or -1 (page_address() of a highmem page). */
static int pkmap_slot_of(const struct page *page)
{
	int i;

	for (i = 0; i < LAST_PKMAP; i++)
		if (hm.pkmap_page[i] == page)
			return i;
	return -1;
}

/*
 * A free slot for @page, searched from the last one used; 0 when every
 * slot is busy (the kernel would sleep until a kunmap(): there is no
 * other task to wake it in mmsim).
 */
static unsigned long map_new_virtual(struct page *page)
{
	unsigned int count = LAST_PKMAP;

	for (;;) {
		hm.last_pkmap_nr = (hm.last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!hm.last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!hm.pkmap_count[hm.last_pkmap_nr])
			break;
		if (--count)
			continue;
		pr_warn("kmap: all %d pkmap slots are in use\n", LAST_PKMAP);
		return 0;
	}
	if (kmap_set_pte(PKMAP_ADDR(hm.last_pkmap_nr), page))
		return 0;
	hm.pkmap_count[hm.last_pkmap_nr] = 1;
	hm.pkmap_page[hm.last_pkmap_nr] = page;
	return PKMAP_ADDR(hm.last_pkmap_nr);
}

/* kmap_high(): map @page (or reuse its slot) and take a reference. */
static void *kmap_high(struct page *page)
{
	unsigned long vaddr;
	int slot;

	spin_lock(&hm.kmap_lock);
	slot = pkmap_slot_of(page);
	vaddr = slot >= 0 ? PKMAP_ADDR(slot) : map_new_virtual(page);
	if (vaddr) {
		hm.pkmap_count[PKMAP_NR(vaddr)]++;
		BUG_ON(hm.pkmap_count[PKMAP_NR(vaddr)] < 2);
	}
	spin_unlock(&hm.kmap_lock);
	return vaddr ? kmap_host(vaddr) : NULL;
}

void *kmap(struct page *page)
{
	if (!PageHighMem(page))
		return page_address(page);
	highmem_state();
	return kmap_high(page);
}

void kunmap(struct page *page)
{
	int slot;

	if (!PageHighMem(page) || !current_machine->highmem)
		return;
	spin_lock(&hm.kmap_lock);
	slot = pkmap_slot_of(page);
	BUG_ON(slot < 0);
	/* 1 means "mapped, unused": the next wrap-around frees it */
	if (slot >= 0 && --hm.pkmap_count[slot] == 0)
		BUG();
	spin_unlock(&hm.kmap_lock);
}

void *kmap_local_page(struct page *page)
{
	unsigned long vaddr;
	int cpu = smp_processor_id(), idx;

	if (!PageHighMem(page))
		return page_address(page);
	highmem_state();
	if ((unsigned int)cpu >= hm.nr_cpus ||
	    hm.kmap_local_idx[cpu] >= KM_MAX_IDX) {
		WARN_ON(1);
		return NULL;
	}
	idx = hm.kmap_local_idx[cpu]++;
	vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx + KM_MAX_IDX * cpu);
	if (kmap_set_pte(vaddr, page)) {
		hm.kmap_local_idx[cpu]--;
		return NULL;
	}
	return kmap_host(vaddr);
}

void kunmap_local(const void *vaddr)
{
	unsigned long kva = kmap_kva(vaddr);
	int cpu = smp_processor_id(), idx;

	if (!kva || kva < FIXADDR_START)
		return;         /* a lowmem page's linear address: nothing to undo */
	idx = hm.kmap_local_idx[cpu] - 1;
	/* the stack discipline: only the most recent mapping can go */
	if (WARN_ON(idx < 0 ||
		    kva != __fix_to_virt(FIX_KMAP_BEGIN + idx + KM_MAX_IDX * cpu)))
		return;
	kmap_clear_pte(kva);
	hm.kmap_local_idx[cpu]--;
}

void copy_user_highpage(struct page *to, struct page *from)
{
	const char *vfrom = kmap_local_page(from);
	char *vto = kmap_local_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_local(vto);
	kunmap_local(vfrom);
}

int pkmap_count_of(unsigned int nr)
{
	return current_machine->highmem && nr < LAST_PKMAP ? hm.pkmap_count[nr] : 0;
}

/*
 * Every slot with a count maps exactly its page (the kernel's PTE says
 * so and the host alias shows the page's bytes); every free slot maps
 * nothing.
 */
int kmap_validate(void)
{
	int i;

	if (!current_machine->highmem)
		return 0;
	for (i = 0; i < LAST_PKMAP; i++) {
		phys_addr_t pa;
		bool mapped = !current_arch()->kernel_lookup(PKMAP_ADDR(i), &pa);

		if (hm.pkmap_count[i] < 0 ||
		    (hm.pkmap_count[i] == 0) != (hm.pkmap_page[i] == NULL) ||
		    mapped != (hm.pkmap_count[i] > 0) ||
		    (mapped && pa != page_to_phys(hm.pkmap_page[i]))) {
			pr_err("kmap: pkmap slot %d: count %d, page pfn %lu, pte %s\n",
			       i, hm.pkmap_count[i],
			       hm.pkmap_page[i] ? page_to_pfn(hm.pkmap_page[i]) : 0,
			       mapped ? "present" : "none");
			return -EINVAL;
		}
	}
	return 0;
}
