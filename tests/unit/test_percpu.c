// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_percpu.c — the per-CPU allocator after boot: sizes,
 * alignment, reuse, the reserved chunk, chunk growth and reclaim, atomic
 * allocations, per-CPU copies, meminfo's Percpu.
 *
 * Each test runs on a freshly booted machine from test_percpu.h: 512 MiB,
 * 2 CPUs, the first chunk set up at boot by setup_per_cpu_areas() from
 * memblock (units of 1 MiB: 212K static, 8K reserved, 28K dynamic), later
 * chunks in vmalloc areas.  pcpu_validate() must hold after every
 * step.
 */
#include "test_percpu.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/sizes.h"
#include "mmsim/host.h"

#include <stdlib.h>
#include <string.h>

/* The chunk serving per-CPU pointer @p (NULL for none). */
static struct pcpu_chunk *chunk_of(void __percpu *p)
{
	unsigned long addr = (unsigned long)p + (unsigned long)pcpu_base_addr;
	struct pcpu_chunk *chunk;
	int slot;

	for (slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list) {
			unsigned long base = (unsigned long)chunk->base_addr;

			if (addr >= base &&
			    addr < base + (unsigned long)chunk->nr_pages * PAGE_SIZE)
				return chunk;
		}
	return NULL;
}

/*
 * Take everything still free in the first chunk (the boot has used some
 * of it already), largest free run first.  Returns how many areas went
 * into @fill; release them with unfill().
 */
static int fill_first_chunk(void __percpu **fill, int max)
{
	int n = 0;

	while (pcpu_first_chunk->free_bytes && n < max) {
		int bytes = pcpu_first_chunk->chunk_md.contig_hint *
			    PCPU_MIN_ALLOC_SIZE;

		fill[n] = __alloc_percpu((size_t)max(bytes, 4), 4);
		if (!fill[n])
			break;
		if (chunk_of(fill[n++]) != pcpu_first_chunk)
			fail_msg("a first-chunk run of %d bytes went elsewhere",
				 bytes);
	}
	if (pcpu_first_chunk->free_bytes)
		fail_msg("the first chunk still has %d bytes free",
			 pcpu_first_chunk->free_bytes);
	return n;
}

static void unfill(void __percpu **fill, int n)
{
	while (n)
		free_percpu(fill[--n]);
}

static bool copy_is(void __percpu *p, unsigned int cpu, int byte, size_t size)
{
	const unsigned char *c = per_cpu_ptr((unsigned char *)p, cpu);
	size_t i;

	for (i = 0; i < size; i++)
		if (c[i] != (unsigned char)byte)
			return false;
	return true;
}

/*
 * Scenario: the boot-time first chunk of a 2-CPU machine.
 * Expect the kernel's geometry (u1048576, 62 pages/cpu), two units 1 MiB
 * apart, a reserved chunk of 8K (untouched: no modules) and a dynamic one
 * of 28K (partly used by the boot's own allocations, slab's per-CPU
 * data), and Percpu = populated pages x 2 units, at least 62 x 2.
 */
static void test_first_chunk_geometry(void **state)
{
	CHECK_EQ("pcpu_unit_size", SZ_1M, pcpu_unit_size);
	CHECK_EQ("pcpu_nr_units", 2, pcpu_nr_units);
	CHECK_EQ("pcpu_nr_groups", 1, pcpu_nr_groups);
	CHECK_EQ("unit distance", SZ_1M, per_cpu_offset(1) - per_cpu_offset(0));
	CHECK_EQ("dynamic region", 28672,
		 pcpu_first_chunk->nr_pages * (int)PAGE_SIZE -
			 pcpu_first_chunk->start_offset -
			 pcpu_first_chunk->end_offset);
	CHECK_EQ("first chunk free", 1,
		 pcpu_first_chunk->free_bytes > 0 &&
			 pcpu_first_chunk->free_bytes <= 28672);
	CHECK_EQ("reserved chunk free", 8192, pcpu_reserved_chunk->free_bytes);
	CHECK_EQ("pcpu_nr_pages()", 2 * pcpu_nr_populated, pcpu_nr_pages());
	CHECK_EQ("at least the first chunk", 1, pcpu_nr_pages() >= 62 * 2);
	CHECK_EQ("percpu line", 1,
		 pcpu_log_has(*state, 0, "percpu: Embedded 62 pages/cpu s217088 r8192 d28672 u1048576"));
	CHECK_EQ("unit map line", 1, pcpu_log_has(*state, 0, "pcpu-alloc: [0] 0 1 "));
	CHECK_EQ("static area is kernel percpu", 1,
		 is_kernel_percpu_address(per_cpu_offset(1) + 100));
	CHECK_EQ("dynamic area is not static", 0,
		 is_kernel_percpu_address(per_cpu_offset(1) + 217088 + 8192));
	CHECK_PCPU_VALID();
}

/*
 * Scenario: every size from a byte to the 32 KiB maximum with every
 * alignment up to a page.
 * Expect a zeroed area on every CPU, aligned in every copy, freed cleanly.
 */
static void test_sizes_and_alignments(void **state)
{
	static const size_t sizes[] = { 1, 4, 7, 8, 12, 64, 100, 1000, 4096,
					8192, 20000, 32768 };
	static const size_t aligns[] = { 1, 4, 8, 16, 64, 256, 1024, 4096 };
	size_t i, j;
	unsigned int cpu;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < ARRAY_SIZE(aligns); j++) {
			void __percpu *p = __alloc_percpu(sizes[i], aligns[j]);

			CHECK_EQ("allocated", 1, p != NULL);
			for_each_possible_cpu(cpu) {
				CHECK_EQ("aligned", 0,
					 (unsigned long)per_cpu_ptr(p, cpu) %
						 max(aligns[j], (size_t)4));
				CHECK_EQ("zeroed", 1, copy_is(p, cpu, 0, sizes[i]));
				memset(per_cpu_ptr(p, cpu), 0x5a, sizes[i]);
			}
			CHECK_PCPU_VALID();
			free_percpu(p);
			CHECK_PCPU_VALID();
		}
	}
}

/*
 * Scenario: requests the allocator refuses: size 0, more than
 * PCPU_MIN_UNIT_SIZE, an alignment that is not a power of two or is
 * larger than a page.
 * Expect NULL, a warning unless __GFP_NOWARN, and nothing allocated.
 */
static void test_illegal_requests(void **state)
{
	size_t from = ((struct machine *)*state)->log.nr;
	int free_before = pcpu_first_chunk->free_bytes;

	CHECK_EQ("size 0", 1, __alloc_percpu(0, 4) == NULL);
	CHECK_EQ("size 32K+4", 1, __alloc_percpu(32768 + 4, 4) == NULL);
	CHECK_EQ("align 12", 1, __alloc_percpu(64, 12) == NULL);
	CHECK_EQ("align 8K", 1, __alloc_percpu(64, 8192) == NULL);
	CHECK_EQ("warned", 1,
		 pcpu_log_has(*state, from, "percpu: illegal size (32772) or align (4) for percpu allocation"));
	from = ((struct machine *)*state)->log.nr;
	CHECK_EQ("nowarn", 1,
		 __alloc_percpu_gfp(0, 4, GFP_KERNEL | __GFP_NOWARN) == NULL);
	CHECK_EQ("nothing logged", from, ((struct machine *)*state)->log.nr);
	CHECK_EQ("nothing taken", free_before, pcpu_first_chunk->free_bytes);
	free_percpu(NULL);
	CHECK_PCPU_VALID();
}

/*
 * Scenario: with the first chunk full, allocate three 64-byte areas, free
 * the first, allocate again.
 * Expect them packed from the start of a fresh chunk, the new area in the
 * freed one's place, sizes rounded to 4 bytes, the chunk free at the end.
 */
static void test_free_and_reuse(void **state)
{
	void __percpu *fill[64], *a, *b, *c, *d;
	int nfill = fill_first_chunk(fill, ARRAY_SIZE(fill));
	struct pcpu_chunk *chunk;
	int free0;

	a = __alloc_percpu(64, 8);
	b = __alloc_percpu(64, 8);
	c = __alloc_percpu(64, 8);
	chunk = chunk_of(a);
	CHECK_EQ("a fresh chunk", 1, chunk && chunk != pcpu_first_chunk);
	CHECK_EQ("a at its start", (unsigned long)chunk->base_addr,
		 (unsigned long)a + (unsigned long)pcpu_base_addr);
	CHECK_EQ("b after a", (unsigned long)a + 64, (unsigned long)b);
	CHECK_EQ("c after b", (unsigned long)b + 64, (unsigned long)c);
	free_percpu(a);
	CHECK_PCPU_VALID();
	d = __alloc_percpu(64, 8);
	CHECK_EQ("reused", (unsigned long)a, (unsigned long)d);
	free0 = chunk->free_bytes;
	a = __alloc_percpu(1, 1);
	CHECK_EQ("1 byte takes 4", free0 - 4, chunk->free_bytes);
	free_percpu(a);
	free_percpu(b);
	free_percpu(c);
	free_percpu(d);
	CHECK_EQ("all free again", pcpu_unit_size, chunk->free_bytes);
	unfill(fill, nfill);
	CHECK_PCPU_VALID();
}

static int cmp_ptr(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * Scenario: 4-byte allocations until one comes from a second chunk.
 * Expect the first chunk to be filled first (fullest chunk first), every
 * pointer distinct, a chunk made in the vmalloc area, and everything
 * free again at the end with one spare chunk kept.
 */
static void test_many_small_then_growth(void **state)
{
	static void __percpu *p[10000];
	unsigned long pages0 = pcpu_nr_pages();
	int free0 = pcpu_first_chunk->free_bytes;
	size_t n = 0, i;
	int chunks = 0, slot;
	struct pcpu_chunk *chunk;

	for (;;) {
		CHECK_EQ("room for the test", 1, n < ARRAY_SIZE(p));
		p[n] = __alloc_percpu(4, 4);
		CHECK_EQ("allocated", 1, p[n] != NULL);
		if (chunk_of(p[n++]) != pcpu_first_chunk)
			break;
		if (n % 512 == 0)
			CHECK_PCPU_VALID();
	}
	CHECK_EQ("first chunk full", 0, pcpu_first_chunk->free_bytes);
	CHECK_EQ("the first chunk held what was free", free0 / 4, n - 1);
	CHECK_EQ("Percpu grew", 1, pcpu_nr_pages() > pages0);
	qsort(p, n, sizeof(p[0]), cmp_ptr);
	for (i = 1; i < n; i++)
		CHECK_EQ("distinct", 1, p[i - 1] != p[i]);
	CHECK_PCPU_VALID();
	for (i = 0; i < n; i++)
		free_percpu(p[i]);
	CHECK_PCPU_VALID();
	CHECK_EQ("first chunk as before", free0, pcpu_first_chunk->free_bytes);
	for (slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list)
			chunks += chunk != pcpu_first_chunk;
	CHECK_EQ("spare chunks kept", 1, chunks);
}

/*
 * Scenario: __alloc_reserved_percpu() for a module's static data.
 * Expect areas inside [static, static + 8K), failure once it is full
 * (with the kernel's warning), and reuse after a free.
 */
static void test_reserved(void **state)
{
	const unsigned long rstart = 217088, rend = 217088 + 8192;
	void __percpu *r1 = __alloc_reserved_percpu(4096, 8);
	void __percpu *r2 = __alloc_reserved_percpu(4096, 8);
	size_t from = ((struct machine *)*state)->log.nr;
	void __percpu *r3 = __alloc_reserved_percpu(4, 4);
	int dyn_free = pcpu_first_chunk->free_bytes;

	CHECK_EQ("r1 reserved", 1, (unsigned long)r1 >= rstart &&
				    (unsigned long)r1 < rend);
	CHECK_EQ("r2 reserved", 1, (unsigned long)r2 >= rstart &&
				    (unsigned long)r2 < rend);
	CHECK_EQ("full", 1, r3 == NULL);
	CHECK_EQ("warned", 1,
		 pcpu_log_has(*state, from, "percpu: allocation failed, size=4 align=4 atomic=0, alloc from reserved chunk failed"));
	CHECK_EQ("dynamic untouched", dyn_free, pcpu_first_chunk->free_bytes);
	CHECK_PCPU_VALID();
	free_percpu(r1);
	r3 = __alloc_reserved_percpu(4, 4);
	CHECK_EQ("reused", (unsigned long)r1, (unsigned long)r3);
	free_percpu(r2);
	free_percpu(r3);
	CHECK_EQ("reserved free", 8192, pcpu_reserved_chunk->free_bytes);
	CHECK_PCPU_VALID();
}

/*
 * Scenario: one per-CPU u64 in the first chunk and one in a later chunk;
 * write each CPU's copy.
 * Expect copies exactly a unit apart, each write seen only in its copy.
 */
static void test_per_cpu_ptr_distinct(void **state)
{
	void __percpu *fill[64];
	u64 __percpu *a = alloc_percpu(u64);
	int nfill = fill_first_chunk(fill, ARRAY_SIZE(fill));
	u64 __percpu *b = alloc_percpu(u64);
	unsigned int cpu;

	CHECK_EQ("a in the first chunk", 1, chunk_of(a) == pcpu_first_chunk);
	CHECK_EQ("b in another chunk", 1,
		 chunk_of(b) && chunk_of(b) != pcpu_first_chunk);
	for_each_possible_cpu(cpu) {
		*per_cpu_ptr(a, cpu) = 100 + cpu;
		*per_cpu_ptr(b, cpu) = 200 + cpu;
	}
	CHECK_EQ("a units apart", pcpu_unit_size,
		 (unsigned long)per_cpu_ptr(a, 1) - (unsigned long)per_cpu_ptr(a, 0));
	CHECK_EQ("b units apart", pcpu_unit_size,
		 (unsigned long)per_cpu_ptr(b, 1) - (unsigned long)per_cpu_ptr(b, 0));
	for_each_possible_cpu(cpu) {
		CHECK_EQ("a copy", 100 + cpu, per_cpu(*a, cpu));
		CHECK_EQ("b copy", 200 + cpu, per_cpu(*b, cpu));
	}
	CHECK_EQ("a phys", __pa(per_cpu_ptr(a, 1)),
		 per_cpu_ptr_to_phys(per_cpu_ptr(a, 1)));
	CHECK_EQ("b phys holds the copy", 201,
		 *(u64 *)__va(per_cpu_ptr_to_phys(per_cpu_ptr(b, 1))));
	free_percpu(a);
	free_percpu(b);
	unfill(fill, nfill);
	CHECK_PCPU_VALID();
}

struct cpu_work {
	u64 __percpu *counter;
	int __percpu *tag;
	int seen_cpu[2];
};

static void count_on_cpu(int cpu, void *arg)
{
	struct cpu_work *w = arg;
	int i;

	w->seen_cpu[cpu] = smp_processor_id();
	this_cpu_write(*w->tag, 1000 + cpu);
	for (i = 0; i < 5000; i++)
		this_cpu_add(*w->counter, (u64)cpu + 1);
	this_cpu_inc(*w->counter);
	this_cpu_dec(*w->counter);
}

/*
 * Scenario: simulated CPUs 0 and 1 (two host threads) each update their
 * copy with this_cpu_write/add/inc/dec.
 * Expect each CPU to have reached its own copy only.
 */
static void test_this_cpu_two_cpus(void **state)
{
	static const int cpus[] = { 0, 1 };
	struct cpu_work w = { alloc_percpu(u64), alloc_percpu(int), { -1, -1 } };

	CHECK_EQ("run", 0, host_run_on_cpus(*state, cpus, 2, count_on_cpu, &w));
	machine_enter(*state);
	CHECK_EQ("cpu 0 ran as 0", 0, w.seen_cpu[0]);
	CHECK_EQ("cpu 1 ran as 1", 1, w.seen_cpu[1]);
	CHECK_EQ("cpu 0 count", 5000, per_cpu(*w.counter, 0));
	CHECK_EQ("cpu 1 count", 10000, per_cpu(*w.counter, 1));
	CHECK_EQ("cpu 0 tag", 1000, per_cpu(*w.tag, 0));
	CHECK_EQ("cpu 1 tag", 1001, per_cpu(*w.tag, 1));
	CHECK_EQ("this_cpu_read on cpu 0", 5000, this_cpu_read(*w.counter));
	free_percpu(w.counter);
	free_percpu(w.tag);
	CHECK_PCPU_VALID();
}

/*
 * Scenario: with the first chunk full, an atomic (GFP_NOWAIT) allocation
 * of 5 pages, more than the balance work keeps populated (4).
 * Expect failure (an atomic allocation populates nothing), then the
 * balance work, told of the failure, populates pages so that a retry
 * succeeds.
 */
static void test_atomic_uses_populated_only(void **state)
{
	void __percpu *fill[64], *p;
	int nfill = fill_first_chunk(fill, ARRAY_SIZE(fill));
	int tries = 0;

	CHECK_PCPU_VALID();
	CHECK_EQ("few pages populated ahead", 1,
		 pcpu_nr_empty_pop_pages <= PCPU_EMPTY_POP_PAGES_HIGH);
	p = __alloc_percpu_gfp(5 * PAGE_SIZE, 4, GFP_NOWAIT);
	CHECK_EQ("atomic fails", 1, p == NULL);
	CHECK_PCPU_VALID();
	while (!p && tries++ < 8) {
		p = __alloc_percpu_gfp(5 * PAGE_SIZE, 4, GFP_NOWAIT);
		CHECK_PCPU_VALID();
	}
	CHECK_EQ("atomic succeeds once pages are populated", 1, p != NULL);
	CHECK_EQ("empty populated pages kept", 1,
		 pcpu_nr_empty_pop_pages >= PCPU_EMPTY_POP_PAGES_LOW);
	free_percpu(p);
	unfill(fill, nfill);
	CHECK_PCPU_VALID();
}

/*
 * Scenario: 100 allocations of 32K (the largest): the first chunk cannot
 * hold one, so chunks are made, 32 areas each; then free them all.
 * Expect Percpu = 2 units x populated pages at every step, growth to at
 * least 100 x 8 pages per unit, and after the frees all chunks but one
 * spare destroyed and Percpu back down.
 */
static void test_chunk_growth_and_reclaim(void **state)
{
	void __percpu *p[100];
	unsigned long peak;
	int i, chunks = 0, slot;
	struct pcpu_chunk *chunk;

	for (i = 0; i < 100; i++) {
		p[i] = __alloc_percpu(32768, 4096);
		CHECK_EQ("allocated", 1, p[i] != NULL);
		CHECK_EQ("not in the first chunk", 1,
			 chunk_of(p[i]) != pcpu_first_chunk);
		CHECK_EQ("Percpu", pcpu_nr_populated * 2, pcpu_nr_pages());
		CHECK_PCPU_VALID();
	}
	peak = pcpu_nr_pages();
	CHECK_EQ("Percpu covers them", 1, peak >= (62 + 100 * 8) * 2);
	for (i = 0; i < 100; i++) {
		free_percpu(p[i]);
		CHECK_PCPU_VALID();
	}
	for (slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list)
			chunks += chunk != pcpu_first_chunk;
	CHECK_EQ("one spare chunk", 1, chunks);
	CHECK_EQ("Percpu shrank", 1, pcpu_nr_pages() < peak / 2);
}

/*
 * Scenario: allocations freed by the other simulated CPU.
 * Expect the chunk to be found through that CPU's unit.
 */
static void free_on_cpu(int cpu, void *arg)
{
	void __percpu **p = arg;

	free_percpu(p[cpu]);
}

static void test_free_from_other_cpu(void **state)
{
	static const int cpus[] = { 1 };
	void __percpu *fill[64], *p[2], *q;
	int nfill = fill_first_chunk(fill, ARRAY_SIZE(fill));

	p[0] = NULL;
	p[1] = __alloc_percpu(128, 64);

	CHECK_EQ("in a later chunk", 1, chunk_of(p[1]) != pcpu_first_chunk);
	CHECK_EQ("run", 0, host_run_on_cpus(*state, cpus, 1, free_on_cpu, p));
	machine_enter(*state);
	CHECK_PCPU_VALID();
	q = __alloc_percpu(128, 64);
	CHECK_EQ("its place is free again", (unsigned long)p[1], (unsigned long)q);
	free_percpu(q);
	unfill(fill, nfill);
	CHECK_PCPU_VALID();
}

/*
 * Scenario: two nodes, CPU 0 on node 0 and CPU 1 on node 1.
 * Expect one group per node ("[0] 0 [1] 1"), each unit on its node, and
 * pages of later chunks from each CPU's node.
 */
static void test_numa_groups(void **state)
{
	void __percpu *a = __alloc_percpu(4, 4);
	void __percpu *fill[64];
	int nfill = fill_first_chunk(fill, ARRAY_SIZE(fill));
	void __percpu *b = __alloc_percpu(4096, 4096);
	unsigned int cpu;

	CHECK_EQ("groups", 2, pcpu_nr_groups);
	CHECK_EQ("unit size", SZ_2M, pcpu_unit_size);
	CHECK_EQ("unit map", 1, pcpu_log_has(*state, 0, "pcpu-alloc: [0] 0 [1] 1 "));
	CHECK_EQ("a in the first chunk", 1, chunk_of(a) == pcpu_first_chunk);
	CHECK_EQ("b in a later chunk", 1, chunk_of(b) != pcpu_first_chunk);
	for_each_possible_cpu(cpu) {
		phys_addr_t pa = per_cpu_ptr_to_phys(per_cpu_ptr(a, cpu));
		phys_addr_t pb = per_cpu_ptr_to_phys(per_cpu_ptr(b, cpu));

		CHECK_EQ("first-chunk unit on its node", cpu,
			 page_to_nid(phys_to_page(pa)));
		CHECK_EQ("later page on its node", cpu,
			 page_to_nid(phys_to_page(pb)));
		*per_cpu_ptr((int *)b, cpu) = (int)cpu + 7;
	}
	for_each_possible_cpu(cpu)
		CHECK_EQ("copy", cpu + 7, *per_cpu_ptr((int *)b, cpu));
	free_percpu(a);
	free_percpu(b);
	unfill(fill, nfill);
	CHECK_PCPU_VALID();
}

/*
 * Scenario: corrupt the first chunk's bookkeeping one way at a time: a
 * stray allocated bit, a wrong free count, a wrong empty-page count, a
 * missing boundary bit.
 * Expect pcpu_validate() to refuse each, and to pass once it is undone.
 */
static void test_validator_catches_corruption(void **state)
{
	struct pcpu_chunk *fc = pcpu_first_chunk;
	const unsigned long bits = (unsigned long)pcpu_chunk_map_bits(fc);
	void __percpu *p = __alloc_percpu(64, 4);
	unsigned long off = ((unsigned long)p + (unsigned long)pcpu_base_addr -
			     (unsigned long)fc->base_addr) / PCPU_MIN_ALLOC_SIZE;
	unsigned long end, free_bit = find_first_zero_bit(fc->alloc_map, bits);

	CHECK_PCPU_VALID();
	CHECK_EQ("a free bit", 1, free_bit < bits);
	__set_bit(free_bit, fc->alloc_map);
	CHECK_EQ("stray bit", -EINVAL, pcpu_validate());
	__clear_bit(free_bit, fc->alloc_map);
	fc->free_bytes -= 4;
	CHECK_EQ("free count", -EINVAL, pcpu_validate());
	fc->free_bytes += 4;
	fc->nr_empty_pop_pages++;
	CHECK_EQ("empty pages", -EINVAL, pcpu_validate());
	fc->nr_empty_pop_pages--;
	/* the boundary where the allocated run holding p ends */
	end = find_next_zero_bit(fc->alloc_map, bits, off);
	__clear_bit(end, fc->bound_map);
	CHECK_EQ("boundary", -EINVAL, pcpu_validate());
	__set_bit(end, fc->bound_map);
	CHECK_PCPU_VALID();
	free_percpu(p);
	CHECK_PCPU_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PCPU_TEST(test_first_chunk_geometry),
		PCPU_TEST(test_sizes_and_alignments),
		PCPU_TEST(test_illegal_requests),
		PCPU_TEST(test_free_and_reuse),
		PCPU_TEST(test_many_small_then_growth),
		PCPU_TEST(test_reserved),
		PCPU_TEST(test_per_cpu_ptr_distinct),
		PCPU_TEST(test_this_cpu_two_cpus),
		PCPU_TEST(test_atomic_uses_populated_only),
		PCPU_TEST(test_chunk_growth_and_reclaim),
		PCPU_TEST(test_free_from_other_cpu),
		PCPU_TEST_NUMA(test_numa_groups),
		PCPU_TEST(test_validator_catches_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
