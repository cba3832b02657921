// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_ioremap.c — ioremap() and the boot-time mappings built
 * on it and on vmap(): ACPI tables, the HPET, the IRQ stacks.
 *
 * Each test runs on a freshly booted machine (test_vmalloc.h: pc,
 * 512 MiB, 2 CPUs, nokaslr).  Its physical span reaches 4 GiB (the flash
 * below 4 GiB is in the e820 map), so the ACPI tables and the HPET page
 * are inside it, and anything from 4 GiB up is device memory with no host
 * backing.  Every mapping is checked both ways: the page-table walk gives
 * the physical address asked for, and the host view shows the RAM bytes
 * (or faults, for device memory).
 */
#include "test_vmalloc.h"

#include "linux/acpi.h"
#include "linux/errno.h"
#include "linux/io.h"
#include "linux/percpu.h"
#include "linux/sizes.h"
#include "arch/x86/include/asm/hpet.h"
#include "arch/x86/include/asm/irq.h"
#include "drivers/acpi/internal.h"

/* The PTE flags of kernel address @kva (0 when nothing maps it). */
static u64 pte_bits(unsigned long kva)
{
	unsigned int level;
	pte_t *pte = lookup_address(kva, &level);

	return pte && level == PG_LEVEL_4K ? pte_flags(*pte) : 0;
}

/* A physical address past the machine's span: device memory. */
static phys_addr_t device_phys(void)
{
	return ALIGN(current_machine->ram.span, (u64)SZ_1G) + 0x40000;
}

/* How many lines /proc/vmallocinfo has now. */
static int vm_info_lines(void)
{
	char *text = vm_info(), *p;
	int n = 0;

	for (p = text; (p = strchr(p, '\n')); p++)
		n++;
	host_free(text);
	return n;
}

/*
 * Scenario: ioremap_cache() of the FADT, which lies in reserved RAM
 * inside the span (not System RAM): 0x74 bytes at an unaligned address.
 * Expect a pointer with the table's offset in its page, a VM_IOREMAP area
 * of the covering page(s) plus a guard, phys= the page base, PTEs giving
 * the table's physical pages with write-back caching and NX, the table's
 * bytes readable through the pointer and a write through the direct map
 * seen through it; after iounmap(), nothing mapped or readable.
 */
static void test_ioremap_firmware_table(void **state)
{
	const struct acpi_table_header *fadt = acpi_get_table("FACP");
	phys_addr_t phys = __pa(fadt), base = phys & PAGE_MASK;
	unsigned long kva, pages = (PAGE_ALIGN(phys + fadt->length) - base) >> PAGE_SHIFT, i;
	char want[160], line[256], *info;
	struct vm_struct *vm;
	unsigned char *p, saved;

	p = ioremap_cache(phys, fadt->length);
	if (!p)
		fail_msg("ioremap_cache(FADT): expected a mapping, got NULL");
	kva = vmalloc_kva(p);
	CHECK_EQ("offset in the page kept", phys & ~PAGE_MASK, kva & ~PAGE_MASK);
	vm = find_vm_area((void *)((unsigned long)p & PAGE_MASK));
	if (!vm)
		fail_msg("find_vm_area: expected the area, got NULL");
	CHECK_EQ("flags", VM_IOREMAP, vm->flags);
	CHECK_EQ("phys_addr: the page base", base, vm->phys_addr);
	CHECK_EQ("size: the pages and a guard", (pages + 1) * PAGE_SIZE, vm->size);
	CHECK_STR("caller", "test_ioremap_firmware_table", vm->caller);
	for (i = 0; i < pages; i++) {
		unsigned long page_kva = (kva & PAGE_MASK) + i * PAGE_SIZE;

		CHECK_EQ("walk: the table's page", base + i * PAGE_SIZE, vm_walk(page_kva));
		CHECK_EQ("write-back: no PCD/PWT/PAT", 0,
			 pte_bits(page_kva) & (_PAGE_PCD | _PAGE_PWT | _PAGE_PAT));
		CHECK_EQ("NX", _PAGE_NX, pte_bits(page_kva) & _PAGE_NX);
	}
	CHECK_EQ("the table's bytes through the mapping", 0,
		 memcmp(p, fadt, fadt->length));
	saved = ((unsigned char *)fadt)[10];
	((unsigned char *)fadt)[10] = (unsigned char)~saved;
	CHECK_EQ("a write to the direct map seen through the mapping",
		 (unsigned char)~saved, p[10]);
	((unsigned char *)fadt)[10] = saved;
	check_unmapped((char *)((unsigned long)p & PAGE_MASK) + pages * PAGE_SIZE,
		       PAGE_SIZE);

	info = vm_info();
	snprintf(want, sizeof(want), "test_ioremap_firmware_table phys=0x%016llx ioremap",
		 (unsigned long long)base);
	if (!vm_info_line(info, kva & PAGE_MASK, line, sizeof(line)) || !strstr(line, want))
		fail_msg("vmallocinfo: expected '... %s', got '%s'", want, line);
	host_free(info);

	iounmap(p);
	CHECK_EQ("find_vm_area after iounmap", 0,
		 (unsigned long)find_vm_area((void *)((unsigned long)p & PAGE_MASK)));
	check_unmapped((void *)((unsigned long)p & PAGE_MASK), pages * PAGE_SIZE);
	CHECK_VM_VALID();
}

/*
 * Scenario: each cache mode on device memory past the span, 3 pages.
 * Expect the PTE bits of the boot's PAT (WB WC UC- UC WB WP UC- WT):
 * ioremap() = UC- = PCD, ioremap_uc() = PCD|PWT, ioremap_wc() = PWT,
 * ioremap_wt() = PAT|PCD|PWT; an area aligned to its size (16 KiB for
 * 3 pages), PTEs giving the physical pages, and no host view at all.
 */
static void test_ioremap_device_memory(void **state)
{
	const struct { const char *name; u64 bits; } want[] = {
		{ "ioremap (UC-)", _PAGE_PCD },
		{ "ioremap_uc", _PAGE_PCD | _PAGE_PWT },
		{ "ioremap_wc", _PAGE_PWT },
		{ "ioremap_wt", _PAGE_PAT | _PAGE_PCD | _PAGE_PWT },
	};
	const u64 mask = _PAGE_PCD | _PAGE_PWT | _PAGE_PAT;
	phys_addr_t phys = device_phys();
	void *p[4];
	unsigned int i, pg;

	p[0] = ioremap(phys, 3 * PAGE_SIZE);
	p[1] = ioremap_uc(phys, 3 * PAGE_SIZE);
	p[2] = ioremap_wc(phys, 3 * PAGE_SIZE);
	p[3] = ioremap_wt(phys, 3 * PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		unsigned long kva;

		if (!p[i])
			fail_msg("%s: expected a mapping, got NULL", want[i].name);
		kva = vmalloc_kva(p[i]);
		CHECK_EQ("aligned to the size's order (16 KiB)", 0, kva % (4 * PAGE_SIZE));
		for (pg = 0; pg < 3; pg++) {
			CHECK_EQ("walk: the device page", phys + pg * PAGE_SIZE,
				 vm_walk(kva + pg * PAGE_SIZE));
			CHECK_EQ(want[i].name, want[i].bits,
				 pte_bits(kva + pg * PAGE_SIZE) & mask);
			CHECK_EQ("device memory has no host view", 0,
				 host_probe_readable((char *)p[i] + pg * PAGE_SIZE, 1));
		}
	}
	CHECK_EQ("cachemode2protval(WB)", 0, cachemode2protval(_PAGE_CACHE_MODE_WB));
	CHECK_EQ("cachemode2protval(WP)", _PAGE_PAT | _PAGE_PWT,
		 cachemode2protval(_PAGE_CACHE_MODE_WP));
	for (i = 0; i < ARRAY_SIZE(p); i++)
		iounmap(p[i]);
	CHECK_VM_VALID();
}

/*
 * Scenario: what ioremap() must refuse.
 * Expect NULL for 0 bytes, for a range that wraps, for an address past
 * the physical width ("ioremap: invalid physical address"), and for a
 * page of RAM the kernel is using ("ioremap on RAM at ..."); nothing added to
 * /proc/vmallocinfo.  An iounmap() of a direct-map pointer is ignored.
 */
static void test_ioremap_refuses(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);
	int lines = vm_info_lines();
	char *log;

	host_free(test_log_take(*state));
	CHECK_EQ("0 bytes", 0, (unsigned long)ioremap(device_phys(), 0));
	CHECK_EQ("wrapping", 0, (unsigned long)ioremap(~(phys_addr_t)0 - 10, 100));
	CHECK_EQ("past the physical width", 0,
		 (unsigned long)ioremap(iomem_resource.end + 1, PAGE_SIZE));
	CHECK_EQ("RAM in use", 0,
		 (unsigned long)ioremap(page_to_phys(page), PAGE_SIZE));
	log = test_log_take(*state);
	if (!strstr(log, "ioremap: invalid physical address") ||
	    !strstr(log, "ioremap on RAM at"))
		fail_msg("log: expected both ioremap warnings, got:\n%s", log);
	host_free(log);
	iounmap(page_address(page));
	CHECK_EQ("no area added", lines, vm_info_lines());
	__free_page(page);
	CHECK_VM_VALID();
}

/* The busy area holding host pointer @p, and its caller. */
static const struct vm_struct *area_of(const void *p, const char *caller)
{
	const struct vm_struct *vm = find_vm_area(p);

	if (!vm)
		fail_msg("%s: expected an area holding %p, got none", caller, p);
	CHECK_STR("the area's caller", caller, vm->caller);
	return vm;
}

/*
 * Scenario: the ACPI mappings acpi_early_init() made, and the map cache.
 * Expect every table verified and readable through its mapping (the same
 * bytes as in RAM); the FACS inside the DSDT's mapping; mapping the FACS
 * again reuses that area (no new line in /proc/vmallocinfo) and dropping
 * the reference keeps it; the HPET's register page mapped by hpet_enable
 * and, separately, by the interpreter's region (acpi_os_map_iomem).
 */
static void test_boot_acpi_and_hpet(void **state)
{
	const struct acpi_state *acpi = current_machine->acpi;
	const struct acpi_table_desc *dsdt = NULL, *facs = NULL;
	phys_addr_t hpet = current_machine->x86.hpet_address;
	int i, lines = vm_info_lines();
	const struct vm_struct *vm;
	void *again;

	for (i = 0; i < acpi->nr_tables; i++) {
		const struct acpi_table_desc *d = &acpi->tables[i];

		CHECK_EQ("table verified", 1, d->verified);
		CHECK_EQ("its bytes through the mapping", 0,
			 memcmp(d->pointer, __va(d->address), d->length));
		area_of(d->pointer, "acpi_os_map_iomem");
		if (!strcmp(d->signature, "DSDT"))
			dsdt = d;
		if (!strcmp(d->signature, "FACS"))
			facs = d;
	}
	if (!dsdt || !facs)
		fail_msg("expected a DSDT and a FACS among the tables");
	CHECK_EQ("the FACS shares the DSDT's mapping",
		 (unsigned long)area_of(dsdt->pointer, "acpi_os_map_iomem"),
		 (unsigned long)area_of(facs->pointer, "acpi_os_map_iomem"));
	again = acpi_os_map_memory(facs->address, facs->length);
	CHECK_EQ("mapped again: the same address", (unsigned long)facs->pointer,
		 (unsigned long)again);
	acpi_os_unmap_memory(again, facs->length);
	CHECK_EQ("no area added or removed", lines, vm_info_lines());
	area_of(facs->pointer, "acpi_os_map_iomem");

	CHECK_EQ("HPET base from the ACPI table", 0xfed00000, hpet);
	vm = area_of(current_machine->x86.hpet_virt_address, "hpet_enable");
	CHECK_EQ("hpet_enable's area: the register page", hpet, vm->phys_addr);
	CHECK_EQ("walk: the HPET registers", hpet,
		 vm_walk(vmalloc_kva(current_machine->x86.hpet_virt_address)));
	CHECK_EQ("UC-", _PAGE_PCD,
		 pte_bits(vmalloc_kva(current_machine->x86.hpet_virt_address)) &
			 (_PAGE_PCD | _PAGE_PWT | _PAGE_PAT));
	CHECK_VM_VALID();
}

/*
 * Scenario: the IRQ stacks of the two CPUs, vmap()ed at boot (CPU 0 from
 * init_IRQ(), CPU 1 when smp_init() brought it up).
 * Expect for each CPU: hardirq_stack_ptr 8 bytes below the top of a
 * 4-page VM_MAP area recorded as irq_init_percpu_irqstack's, whose pages
 * are that CPU's copy of irq_stack_backing_store (same physical pages,
 * bytes shared both ways), an unmapped guard page above; CPU 0's area at
 * VMALLOC_START; a second irq_init_percpu_irqstack() changing nothing.
 */
static void test_irq_stacks(void **state)
{
	char *store = irq_stack_backing_store_ptr();
	int lines = vm_info_lines();
	unsigned int cpu;

	if (!store)
		fail_msg("irq_stack_backing_store: expected its offset in the profile");
	for (cpu = 0; cpu < 2; cpu++) {
		char *top = hardirq_stack_ptr_of(cpu), *stack, *copy;
		const struct vm_struct *vm;
		unsigned int i;

		if (!top)
			fail_msg("CPU %u: expected an IRQ stack, got none", cpu);
		stack = top + 8 - IRQ_STACK_SIZE;
		vm = area_of(stack, "irq_init_percpu_irqstack");
		CHECK_EQ("the area starts at the stack", (unsigned long)stack,
			 (unsigned long)vm->addr);
		CHECK_EQ("VM_MAP", VM_MAP, vm->flags);
		CHECK_EQ("4 pages and a guard", IRQ_STACK_SIZE + PAGE_SIZE, vm->size);
		copy = per_cpu_ptr(store, cpu);
		for (i = 0; i < IRQ_STACK_SIZE / PAGE_SIZE; i++)
			CHECK_EQ("the CPU's backing page",
				 per_cpu_ptr_to_phys(copy + i * PAGE_SIZE),
				 vm_walk(vmalloc_kva(stack + i * PAGE_SIZE)));
		check_mapped(stack, IRQ_STACK_SIZE, (int)cpu);
		check_unmapped(stack + IRQ_STACK_SIZE, PAGE_SIZE);
		copy[100] = (char)(0x5a + cpu);
		CHECK_EQ("per-CPU write seen on the stack", 0x5a + cpu,
			 (unsigned char)stack[100]);
		CHECK_EQ("again: nothing to do", 0, irq_init_percpu_irqstack(cpu));
		CHECK_EQ("again: same stack", (unsigned long)top,
			 (unsigned long)hardirq_stack_ptr_of(cpu));
		if (cpu == 0)
			CHECK_EQ("CPU 0's stack: the first area", VMALLOC_START,
				 vmalloc_kva(stack));
	}
	CHECK_EQ("no area added", lines, vm_info_lines());
	CHECK_VM_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		VM_TEST(test_ioremap_firmware_table),
		VM_TEST(test_ioremap_device_memory),
		VM_TEST(test_ioremap_refuses),
		VM_TEST(test_boot_acpi_and_hpet),
		VM_TEST(test_irq_stacks),
	};

	return cmocka_run_group_tests_name("ioremap", tests, NULL, NULL);
}
