// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_percpu_page.c — the page-by-page per-CPU first chunk
 * (pcpu_page_first_chunk, mm/percpu-setup.c), x86_64's percpu_alloc=page.
 *
 * A pc with 512 MiB and 2 CPUs (or two nodes with one CPU each) boots
 * with percpu_alloc=page.  Expect:
 *   - the kernel's line "percpu: N 4K pages/cpu sS rR dD" (no "Embedded"),
 *     its figures those of the image: static from the profile, 8K
 *     reserved, the dynamic area only the early minimum (12K) rounded up
 *     to whole pages, N pages of unit, one unit per CPU (upa 1); for the
 *     Debian image "58 4K pages/cpu s217088 r8192 d12288", as the kernel
 *     printed it under QEMU (tests/fixtures/x86/extra/
 *     pc-m1G-smp2-percpu-page, compared line by line in
 *     tests/parity/test_percpu_boot.c);
 *   - the first chunk at the bottom of vmalloc space, one busy area of
 *     nr_cpus units there after vmalloc_init(), every page of every unit
 *     mapped to its own page (on the CPU's node), the vmalloc view and the
 *     direct map of that page the same bytes, per_cpu_ptr_to_phys()
 *     following the page tables;
 *   - dynamic allocations served from it, each CPU's copy its own memory,
 *     pcpu_validate() holding before and after;
 *   - on 32-bit ARM (no page first chunk in the kernel's build), the
 *     kernel's "unknown allocator page specified" and the embedded chunk.
 */
#include "test_percpu.h"

#include "linux/mm.h"
#include "linux/sizes.h"
#include "linux/vmalloc.h"
#include "mm/vmalloc_internal.h"
#include "mmsim/profile.h"

#include <stdio.h>

static int setup_desc(void **state, struct machine_desc *d)
{
	strncat(d->cmdline, " percpu_alloc=page",
		sizeof(d->cmdline) - strlen(d->cmdline) - 1);
	return pcpu_setup_desc(state, d);
}

static int setup_page(void **state)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	return setup_desc(state, &d);
}

static int setup_page_numa(void **state)
{
	struct machine_desc d;

	pcpu_desc_two_nodes(&d);
	return setup_desc(state, &d);
}

static int setup_page_arm(void **state)
{
	struct machine_desc d;

	test_machine_desc_arm(&d);
	return setup_desc(state, &d);
}

/* Unit pages and sizes the kernel computes for dyn_size 0, page atoms. */
static void expected_geometry(size_t *static_size, size_t *dyn, int *pages)
{
	const size_t reserved = 8192, early = PERCPU_DYNAMIC_EARLY_SIZE;
	size_t size_sum;

	*static_size = (size_t)profile_u64(current_machine->profile,
					   "image.static_percpu_size", 0);
	size_sum = PFN_ALIGN(*static_size + reserved + early);
	*dyn = size_sum - *static_size - reserved;
	*pages = (int)(max_t(size_t, size_sum, PCPU_MIN_UNIT_SIZE) >> PAGE_SHIFT);
}

/* The busy vmalloc area that starts at @kva, or NULL. */
static struct vmap_area *busy_area_at(unsigned long kva)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list)
		if (va->va_start == kva)
			return va;
	return NULL;
}

static void test_page_first_chunk(void **state)
{
	struct machine *m = *state;
	size_t static_size, dyn;
	char want[128];
	int pages, i;
	unsigned int cpu;
	unsigned long base = (unsigned long)pcpu_base_addr;
	struct vmap_area *va;

	expected_geometry(&static_size, &dyn, &pages);
	snprintf(want, sizeof(want), "percpu: %d 4K pages/cpu s%zu r8192 d%zu",
		 pages, static_size, dyn);
	if (!pcpu_log_has(m, 0, want))
		fail_msg("log line missing: \"%s\"", want);
	for (i = 0; i < (int)m->log.nr; i++)
		if (strstr(m->log.recs[i].text, "percpu: Embedded"))
			fail_msg("embedded first chunk with percpu_alloc=page: %s",
				 m->log.recs[i].text);
	CHECK_EQ("unit size", (unsigned long)pages << PAGE_SHIFT, pcpu_unit_size);
	CHECK_EQ("one group", 1, pcpu_nr_groups);
	CHECK_EQ("first chunk in vmalloc space", 1,
		 is_vmalloc_addr(pcpu_base_addr));
	CHECK_EQ("at the bottom of vmalloc space", VMALLOC_START,
		 vmalloc_kva(pcpu_base_addr));
	va = busy_area_at(VMALLOC_START);
	if (!va)
		fail_msg("no busy vmalloc area at VMALLOC_START");
	CHECK_EQ("the area covers every unit",
		 (unsigned long)num_possible_cpus() * pcpu_unit_size,
		 va->va_end - va->va_start);

	for_each_possible_cpu(cpu) {
		char *unit = (char *)base + pcpu_unit_offsets[cpu];

		CHECK_EQ("unit offset", (unsigned long)pcpu_unit_map[cpu] *
			 pcpu_unit_size, pcpu_unit_offsets[cpu]);
		CHECK_EQ("__per_cpu_offset", (unsigned long)unit,
			 per_cpu_offset(cpu));
		for (i = 0; i < pages; i++) {
			char *p = unit + ((unsigned long)i << PAGE_SHIFT);
			struct page *page = vmalloc_to_page(p);
			char *direct;

			if (!page)
				fail_msg("cpu %u page %d of its unit is not mapped", cpu, i);
			CHECK_EQ("page on the CPU's node", cpu_to_node((int)cpu),
				 page_to_nid(page));
			CHECK_EQ("per_cpu_ptr_to_phys", page_to_phys(page) + 24,
				 per_cpu_ptr_to_phys(p + 24));
			direct = page_address(page);
			p[100] = (char)(cpu * 31 + i);
			CHECK_EQ("vmalloc view and direct map agree",
				 (unsigned char)(cpu * 31 + i),
				 (unsigned char)direct[100]);
			p[100] = 0;
		}
	}
	CHECK_PCPU_VALID();
}

static void test_dynamic_allocations(void **state)
{
	int __percpu *a[8];
	unsigned int cpu, other;
	int i;

	for (i = 0; i < 8; i++) {
		a[i] = __alloc_percpu(sizeof(int) * 64, sizeof(int));
		if (!a[i])
			fail_msg("__alloc_percpu(%zu) %d: NULL", sizeof(int) * 64, i);
		for_each_possible_cpu(cpu)
			per_cpu_ptr(a[i], cpu)[63] = (int)(cpu + 1) * 1000 + i;
	}
	CHECK_PCPU_VALID();
	for (i = 0; i < 8; i++)
		for_each_possible_cpu(cpu) {
			CHECK_EQ("each CPU's copy keeps its value",
				 (cpu + 1) * 1000 + (unsigned int)i,
				 per_cpu_ptr(a[i], cpu)[63]);
			for_each_possible_cpu(other)
				if (other != cpu &&
				    per_cpu_ptr(a[i], cpu) == per_cpu_ptr(a[i], other))
					fail_msg("cpus %u and %u share a copy", cpu, other);
		}
	for (i = 0; i < 8; i++)
		free_percpu(a[i]);
	CHECK_PCPU_VALID();
	(void)state;
}

static void test_arm_has_no_page_allocator(void **state)
{
	struct machine *m = *state;
	bool embedded = false;
	size_t i;

	if (!pcpu_log_has(m, 0, "percpu: unknown allocator page specified"))
		fail_msg("log line missing: \"percpu: unknown allocator page specified\"");
	for (i = 0; i < m->log.nr; i++)
		embedded |= !strncmp(m->log.recs[i].text, "percpu: Embedded ", 17);
	CHECK_EQ("embedded first chunk", 1, embedded);
	CHECK_PCPU_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_page_first_chunk, setup_page,
						pcpu_teardown),
		cmocka_unit_test_setup_teardown(test_dynamic_allocations, setup_page,
						pcpu_teardown),
		cmocka_unit_test_setup_teardown(test_page_first_chunk,
						setup_page_numa, pcpu_teardown),
		cmocka_unit_test_setup_teardown(test_arm_has_no_page_allocator,
						setup_page_arm, pcpu_teardown),
	};

	return cmocka_run_group_tests_name("percpu_page", tests, NULL, NULL);
}
