// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_percpu_stress.c — seeded random allocation and freeing,
 * pcpu_validate() after every step.
 *
 * Each live allocation remembers its size and a fill byte written into
 * every CPU's copy; a free first checks that every copy still holds it
 * (nobody else wrote there), a new allocation that every copy is zero and
 * that it overlaps no live one.  Sizes run from a byte to the 32 KiB
 * maximum (mostly small), alignments from 1 to a page, a few allocations
 * go to the reserved chunk.  Seeds are fixed: a failure replays.
 *
 *   step:  alloc (55%) | free a random live one (45%)
 *          then pcpu_validate() == 0
 *   end:   free everything; the first and reserved chunks are as the
 *          boot left them and at most one spare chunk remains
 */
#include "test_percpu.h"

#include "linux/gfp.h"
#include "mmsim/host.h"

#include <string.h>

/*
 * Under ThreadSanitizer (make check SAN=thread) every memory access costs
 * tens of times more and pcpu_validate() walks every chunk's bitmaps: the
 * single-CPU scenarios validate every VALIDATE_EVERY-th step instead of
 * every step and run a fifth of their steps.  The code paths are the
 * same (chunks still made and destroyed); only the concurrent scenario
 * is what TSan is there for, and it runs in full.
 */
#if defined(__SANITIZE_THREAD__)
#define VALIDATE_EVERY 50
#define STEPS_DIV 5
#else
#define VALIDATE_EVERY 1
#define STEPS_DIV 1
#endif
#define CHECK_PCPU_VALID_SOMETIMES(i)                                   \
	do {                                                            \
		if ((i) % VALIDATE_EVERY == 0)                          \
			CHECK_PCPU_VALID();                             \
	} while (0)

struct live {
	void __percpu *p;
	size_t size;
	unsigned char fill;
};

struct stress {
	u64 rng;
	struct live *live;
	size_t nr_live, max_live;
	unsigned long allocs, frees, failed;
	bool atomic_ok;         /* atomic allocations may fail */
	int fails;              /* checks that failed (threads cannot fail_msg) */
};

static u64 rnd(struct stress *s)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	return s->rng;
}

static size_t pick_size(struct stress *s)
{
	unsigned int r = (unsigned int)(rnd(s) % 100);

	if (r < 60)
		return 1 + rnd(s) % 64;
	if (r < 85)
		return 65 + rnd(s) % 960;
	if (r < 97)
		return 1025 + rnd(s) % 7168;
	return 8193 + rnd(s) % (32768 - 8192);
}

static size_t pick_align(struct stress *s)
{
	static const size_t aligns[] = { 1, 2, 4, 4, 4, 8, 8, 16, 32, 64,
					 256, 1024, 4096 };

	return aligns[rnd(s) % ARRAY_SIZE(aligns)];
}

static bool all_copies_are(void __percpu *p, size_t size, unsigned char byte)
{
	unsigned int cpu;
	size_t i;

	for_each_possible_cpu(cpu) {
		const unsigned char *c = per_cpu_ptr((unsigned char *)p, cpu);

		for (i = 0; i < size; i++)
			if (c[i] != byte)
				return false;
	}
	return true;
}

/* Does [p, p + size) overlap a live allocation (in CPU 0's copies)? */
static bool overlaps_live(const struct stress *s, void __percpu *p, size_t size)
{
	unsigned long a = (unsigned long)per_cpu_ptr(p, 0);
	size_t i;

	for (i = 0; i < s->nr_live; i++) {
		unsigned long b = (unsigned long)per_cpu_ptr(s->live[i].p, 0);

		if (a < b + s->live[i].size && b < a + size)
			return true;
	}
	return false;
}

static void stress_alloc(struct stress *s)
{
	size_t size = pick_size(s), align = pick_align(s);
	unsigned int kind = (unsigned int)(rnd(s) % 100);
	void __percpu *p;
	unsigned int cpu;

	if (s->nr_live == s->max_live)
		return;
	if (kind < 3 && size <= 1024)
		p = __alloc_reserved_percpu(size, align);
	else if (kind < 10 && s->atomic_ok)
		p = __alloc_percpu_gfp(size, align, GFP_NOWAIT | __GFP_NOWARN);
	else
		p = __alloc_percpu(size, align);
	if (!p) {
		s->failed++;
		if (kind >= 10)
			s->fails++;	/* only reserved or atomic ones may fail */
		return;
	}
	if ((unsigned long)p % max(align, (size_t)4) ||
	    !all_copies_are(p, size, 0) || overlaps_live(s, p, size))
		s->fails++;
	s->live[s->nr_live].p = p;
	s->live[s->nr_live].size = size;
	s->live[s->nr_live].fill = (unsigned char)(1 + rnd(s) % 255);
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(p, cpu), s->live[s->nr_live].fill, size);
	s->nr_live++;
	s->allocs++;
}

static void stress_free(struct stress *s, size_t i)
{
	struct live l = s->live[i];

	if (!all_copies_are(l.p, l.size, l.fill))
		s->fails++;
	s->live[i] = s->live[--s->nr_live];
	free_percpu(l.p);
	s->frees++;
}

static void stress_step(struct stress *s)
{
	if (s->nr_live && rnd(s) % 100 >= 55)
		stress_free(s, rnd(s) % s->nr_live);
	else
		stress_alloc(s);
}

static void stress_init(struct stress *s, u64 seed, size_t max_live)
{
	memset(s, 0, sizeof(*s));
	s->rng = seed;
	s->max_live = max_live;
	s->live = host_alloc(max_live * sizeof(*s->live));
}

static void stress_drain(struct stress *s)
{
	while (s->nr_live)
		stress_free(s, s->nr_live - 1);
	host_free(s->live);
	s->live = NULL;
}

/* Chunks besides the first one, over all slots. */
static int other_chunks(void)
{
	struct pcpu_chunk *chunk;
	int slot, n = 0;

	for (slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list)
			n += chunk != pcpu_first_chunk;
	return n;
}

/*
 * Scenario: 3000 random steps on one CPU, seed 0x5eed1.
 * Expect the validator to hold after every step, every copy intact, and
 * everything free at the end.
 */
static void test_stress_one_cpu(void **state)
{
	int free0 = pcpu_first_chunk->free_bytes;
	struct stress s;
	int step;

	stress_init(&s, 0x5eed1, 1024);
	s.atomic_ok = true;
	for (step = 0; step < 3000 / STEPS_DIV; step++) {
		stress_step(&s);
		CHECK_PCPU_VALID_SOMETIMES(step);
		if (s.fails)
			fail_msg("step %d: an allocation was wrong", step);
	}
	CHECK_EQ("some allocations", 1, s.allocs > 1000 / STEPS_DIV);
	stress_drain(&s);
	CHECK_EQ("copies intact", 0, s.fails);
	CHECK_PCPU_VALID();
	CHECK_EQ("first chunk free", free0, pcpu_first_chunk->free_bytes);
	CHECK_EQ("reserved chunk free", 8192, pcpu_reserved_chunk->free_bytes);
	CHECK_EQ("one spare chunk at most", 1, other_chunks() <= 1);
}

/*
 * Scenario: waves: allocate up to 1500 areas, free them all, five times
 * (seed 0xbeef).
 * Expect chunks to be made and destroyed, the validator to hold after
 * every step, and after each wave Percpu down to the first chunk and at
 * most one spare chunk.
 */
static void test_stress_waves(void **state)
{
	int free0 = pcpu_first_chunk->free_bytes;
	unsigned long peak = 0;
	struct stress s;
	int wave, i;

	stress_init(&s, 0xbeef, 1500);
	for (wave = 0; wave < 5 / STEPS_DIV; wave++) {
		for (i = 0; i < 1500; i++) {
			stress_alloc(&s);
			CHECK_PCPU_VALID_SOMETIMES(i);
		}
		CHECK_EQ("grew", 1, other_chunks() >= 1);
		peak = max(peak, pcpu_nr_pages());
		while (s.nr_live) {
			stress_free(&s, rnd(&s) % s.nr_live);
			CHECK_PCPU_VALID_SOMETIMES(s.nr_live);
		}
		CHECK_PCPU_VALID();
		peak = max(peak, pcpu_nr_pages());
		CHECK_EQ("Percpu down to the first chunk and a spare", 1,
			 pcpu_nr_pages() <= (unsigned long)pcpu_nr_units *
						    (62 + pcpu_unit_pages));
		CHECK_EQ("first chunk as the boot left it", free0,
			 pcpu_first_chunk->free_bytes);
		CHECK_EQ("one spare chunk at most", 1, other_chunks() <= 1);
	}
	CHECK_EQ("copies intact", 0, s.fails);
	CHECK_EQ("waves needed more than a spare chunk", 1,
		 peak > (unsigned long)pcpu_nr_units * (62 + pcpu_unit_pages));
	stress_drain(&s);
}

struct cpu_stress {
	struct stress s[2];
	int bad_validate[2];
};

static void stress_on_cpu(int cpu, void *arg)
{
	struct cpu_stress *cs = arg;
	struct stress *s = &cs->s[cpu];
	int step;

	for (step = 0; step < 1500; step++) {
		stress_step(s);
		if (step % 25 == 0 && pcpu_validate())
			cs->bad_validate[cpu]++;
	}
	stress_drain(s);
}

/*
 * Scenario: simulated CPUs 0 and 1 allocate and free at the same time,
 * 1500 random steps each (seeds 11 and 22), validating as they go.
 * Expect no overlap between any two live areas, every copy intact, and a
 * consistent allocator at the end.
 */
static void test_stress_two_cpus(void **state)
{
	static const int cpus[] = { 0, 1 };
	int free0 = pcpu_first_chunk->free_bytes;
	struct cpu_stress cs;

	memset(&cs, 0, sizeof(cs));
	stress_init(&cs.s[0], 11, 512);
	stress_init(&cs.s[1], 22, 512);
	cs.s[0].atomic_ok = cs.s[1].atomic_ok = true;
	CHECK_EQ("run", 0, host_run_on_cpus(*state, cpus, 2, stress_on_cpu, &cs));
	machine_enter(*state);
	CHECK_EQ("cpu 0 validations", 0, cs.bad_validate[0]);
	CHECK_EQ("cpu 1 validations", 0, cs.bad_validate[1]);
	CHECK_EQ("cpu 0 copies", 0, cs.s[0].fails);
	CHECK_EQ("cpu 1 copies", 0, cs.s[1].fails);
	CHECK_PCPU_VALID();
	CHECK_EQ("first chunk free", free0, pcpu_first_chunk->free_bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PCPU_TEST(test_stress_one_cpu),
		PCPU_TEST(test_stress_waves),
		PCPU_TEST(test_stress_two_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
