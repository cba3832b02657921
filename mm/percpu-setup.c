// SPDX-License-Identifier: MIT
/*
 * mm/percpu-setup.c — the per-CPU first chunk, made at boot from memblock.
 *
 * Kernel counterpart: the __init half of mm/percpu.c (Linux 6.1):
 * pcpu_build_alloc_info, pcpu_embed_first_chunk, pcpu_fc_alloc,
 * pcpu_setup_first_chunk, pcpu_alloc_first_chunk, pcpu_dump_alloc_info.
 * The allocator that serves from the chunks afterwards is mm/percpu.c.
 *
 * Place in the boot: start_kernel() -> setup_per_cpu_areas() (arch) ->
 * pcpu_embed_first_chunk(), after setup_arch() and the command-line
 * copies, before the zonelists.
 *
 * What the first chunk looks like (x86_64, 2 CPUs, one node; sizes of the
 * Debian image: static 217088 = 53 pages, reserved 8K, dynamic 28K):
 *
 *   pcpu_fc_alloc(): one memblock block per group, atom (2 MiB) aligned
 *   |<------------------------ alloc_size = 2 MiB ---------------------->|
 *   |<------------ unit 0 (cpu 0) ---------->|<--- unit 1 (cpu 1) ------->|
 *   | static | res | dyn |   tail freed      | static | res | dyn | tail  |
 *   0      212K  220K  248K                 1M                           2M
 *            size_sum = 62 pages ("Embedded 62 pages/cpu")
 *
 *   The static part of every unit is the image's .data..percpu (mmsim has
 *   no image contents: it stays zero).  Two chunks serve the rest:
 *     pcpu_reserved_chunk   [static, static + reserved)  modules only
 *     pcpu_first_chunk      [static + reserved, size_sum) dynamic allocs
 *   both with base_addr = the unit's page holding their start, their
 *   maps covering whole pages, and the bytes outside the region hidden as
 *   allocated (start_offset, end_offset).
 *
 * Units are grouped by NUMA node (CPUs at LOCAL_DISTANCE both ways share a
 * group); each group is one allocation on its node, groups may lie far
 * apart, and units_per_alloc (upa) is chosen so that at most a third of
 * the units are wasted and no more allocations than needed are made.
 *
 * Every memblock request is made in the kernel's order with the caller the
 * kernel's memblock=debug line names: functions the compiled Debian image
 * inlines (pcpu_alloc_alloc_info, pcpu_free_alloc_info, pcpu_fc_free) name
 * the function they were inlined into.
 */
#define pr_fmt(fmt) "percpu: " fmt

#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/printk.h"
#include "linux/cpumask.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/pgtable_64_types.h"
#include "mm/percpu-internal.h"
#include "mmsim/host.h"
#include "mmsim/profile.h"
#include "mmsim/machine.h"

#include <stdarg.h>
#include <string.h>

#define LOCAL_DISTANCE 10

const char *const pcpu_fc_names[PCPU_FC_NR] = {
	[PCPU_FC_AUTO] = "auto",
	[PCPU_FC_EMBED] = "embed",
	[PCPU_FC_PAGE] = "page",
};

/* percpu_alloc=embed|page: which first-chunk allocator to use. */
static int percpu_alloc_setup(char *str)
{
	if (!str)
		return -EINVAL;
	if (!strcmp(str, "embed"))
		current_machine->pcpu.chosen_fc = PCPU_FC_EMBED;
	else if (!strcmp(str, "page") &&
		 current_machine->arch.arch == MMSIM_ARCH_X86_64)
		current_machine->pcpu.chosen_fc = PCPU_FC_PAGE; /* x86 builds it */
	else
		pr_warn("unknown allocator %s specified\n", str);
	return 0;
}
early_param("percpu_alloc", percpu_alloc_setup);

/* The image's static per-CPU section, __per_cpu_end - __per_cpu_start. */
static size_t pcpu_static_size(void)
{
	return (size_t)profile_u64(current_machine->profile,
				   "image.static_percpu_size", 0);
}

/*
 * __pa(MAX_DMA_ADDRESS): first-chunk units go above the ISA DMA zone on
 * x86_64; on 32-bit ARM MAX_DMA_ADDRESS is 0xffffffff (no DMA zone
 * limit), whose __pa wraps to PHYS_OFFSET - PAGE_OFFSET - 1 (0x9fffffff),
 * above all RAM, so memblock retries from 0.
 */
static phys_addr_t pcpu_fc_goal(void)
{
	return current_machine->arch.arch == MMSIM_ARCH_X86_64 ? SZ_16M :
	       current_machine->mm.max_dma_phys;
}

/* VMALLOC_TOTAL (x86_64: 32 TiB with 4-level paging, 12800 with 5). */
static unsigned long pcpu_vmalloc_total(void)
{
	if (current_machine->arch.arch != MMSIM_ARCH_X86_64)
		return VMALLOC_END - VMALLOC_START;
	return (pgtable_l5_enabled() ? 12800UL : 32UL) << 40;
}

/*
 * Bytes of @n longs, or of a bitmap of @bits, in the simulated kernel
 * (4-byte longs on 32-bit ARM): what its memblock requests ask for.
 */
static size_t kernel_longs(size_t n)
{
	return n * current_machine->arch.long_bytes;
}

static size_t kernel_bitmap_bytes(unsigned long bits)
{
	unsigned long per = 8UL * current_machine->arch.long_bytes;

	return kernel_longs(DIV_ROUND_UP(bits, per));
}

/*
 * The allocation info with room for @nr_groups groups and @nr_units
 * entries of cpu_map, every unit marked unused; page-rounded, from
 * memblock.  @caller names the request (the image inlines this).
 */
static struct pcpu_alloc_info *__pcpu_alloc_alloc_info(int nr_groups,
						       int nr_units,
						       const char *caller)
{
	struct pcpu_alloc_info *ai;
	size_t base_size, ai_size;
	int unit;

	base_size = ALIGN(sizeof(*ai) + (size_t)nr_groups * sizeof(ai->groups[0]),
			  __alignof__(ai->groups[0].cpu_map[0]));
	ai_size = base_size + (size_t)nr_units * sizeof(ai->groups[0].cpu_map[0]);

	ai = memblock_alloc_try_nid_caller(PFN_ALIGN(ai_size), PAGE_SIZE,
					   MEMBLOCK_LOW_LIMIT,
					   MEMBLOCK_ALLOC_ACCESSIBLE,
					   NUMA_NO_NODE, caller);
	if (!ai)
		return NULL;
	ai->groups[0].cpu_map = (unsigned int *)((char *)ai + base_size);
	for (unit = 0; unit < nr_units; unit++)
		ai->groups[0].cpu_map[unit] = NR_CPUS;
	ai->nr_groups = nr_groups;
	ai->__ai_size = PFN_ALIGN(ai_size);
	return ai;
}

struct pcpu_alloc_info *pcpu_alloc_alloc_info(int nr_groups, int nr_units)
{
	return __pcpu_alloc_alloc_info(nr_groups, nr_units, __func__);
}

static void __pcpu_free_alloc_info(struct pcpu_alloc_info *ai,
				   const char *caller)
{
	memblock_free_caller(ai, ai->__ai_size, caller);
}

void pcpu_free_alloc_info(struct pcpu_alloc_info *ai)
{
	__pcpu_free_alloc_info(ai, __func__);
}

/* printk() with the level given as a string (KERN_DEBUG, KERN_EMERG). */
static void __printf(2, 3) pcpu_printk_lvl(const char *lvl, const char *fmt, ...)
{
	char f[160];
	va_list ap;

	scnprintf(f, sizeof(f), "%s%s", lvl, fmt);
	va_start(ap, fmt);
	vprintk(f, ap);
	va_end(ap);
}

/*
 * "pcpu-alloc: s.. r.. d.. u.. alloc=N*SIZE" and the unit map: for each
 * allocation "[group] cpu cpu ..", as many allocations per line as fit in
 * 60 columns (a power of two), unused units as dashes.
 */
static void pcpu_dump_alloc_info(const char *lvl,
				 const struct pcpu_alloc_info *ai)
{
	int group_width = 1, cpu_width = 1, width;
	char empty_str[] = "--------";
	int alloc = 0, alloc_end = 0;
	int group, v;
	int upa, apl;

	v = ai->nr_groups;
	while (v /= 10)
		group_width++;
	v = (int)num_possible_cpus();
	while (v /= 10)
		cpu_width++;
	empty_str[min_t(int, cpu_width, (int)sizeof(empty_str) - 1)] = '\0';

	upa = (int)(ai->alloc_size / ai->unit_size);
	width = upa * (cpu_width + 1) + group_width + 3;
	apl = (int)rounddown_pow_of_two((unsigned long)max(60 / width, 1));

	pcpu_printk_lvl(lvl, "pcpu-alloc: s%zu r%zu d%zu u%zu alloc=%zu*%zu",
			ai->static_size, ai->reserved_size, ai->dyn_size,
			ai->unit_size, ai->alloc_size / ai->atom_size,
			ai->atom_size);

	for (group = 0; group < ai->nr_groups; group++) {
		const struct pcpu_group_info *gi = &ai->groups[group];
		int unit = 0, unit_end = 0;

		for (alloc_end += gi->nr_units / upa; alloc < alloc_end;
		     alloc++) {
			if (!(alloc % apl)) {
				pr_cont("\n");
				pcpu_printk_lvl(lvl, "pcpu-alloc: ");
			}
			pr_cont("[%0*d] ", group_width, group);
			for (unit_end += upa; unit < unit_end; unit++)
				if (gi->cpu_map[unit] != NR_CPUS)
					pr_cont("%0*d ", cpu_width,
						gi->cpu_map[unit]);
				else
					pr_cont("%s ", empty_str);
		}
	}
	pr_cont("\n");
}

/* Size of the chunk struct the image allocates for @nr_pages pages. */
size_t pcpu_chunk_alloc_size(int nr_pages)
{
	u64 hdr = profile_u64(current_machine->profile, "sizeof.pcpu_chunk",
			      sizeof(struct pcpu_chunk));

	return (size_t)hdr + kernel_bitmap_bytes((unsigned long)nr_pages);
}

/* What mmsim's own struct pcpu_chunk needs for @nr_pages pages. */
static size_t pcpu_chunk_host_size(int nr_pages)
{
	return sizeof(struct pcpu_chunk) +
	       BITS_TO_LONGS((unsigned long)nr_pages) * sizeof(unsigned long);
}

int pcpu_check_chunk_struct(void)
{
	size_t image = pcpu_chunk_alloc_size(0);

	if (current_machine->arch.long_bytes == sizeof(long) &&
	    sizeof(struct pcpu_chunk) > image) {
		pr_err("struct pcpu_chunk is %zu bytes, more than the image's %zu (sizeof.pcpu_chunk)\n",
		       sizeof(struct pcpu_chunk), image);
		return -EINVAL;
	}
	return 0;
}

/*
 * memblock_alloc() for the first chunk's bookkeeping, @size bytes as the
 * kernel asks; prints the panic.  When mmsim's host-side structure needs
 * more (@host_size: 8-byte longs and pointers against a 32-bit kernel's
 * 4), the kernel's block stays reserved as in the kernel and the data
 * lives in host memory instead, released with the machine.
 */
static void *pcpu_fc_memblock_host(size_t size, size_t host_size,
				   const char *caller)
{
	struct pcpu_state *s = &current_machine->pcpu;
	void *p = memblock_alloc_try_nid_caller(size, SMP_CACHE_BYTES,
						MEMBLOCK_LOW_LIMIT,
						MEMBLOCK_ALLOC_ACCESSIBLE,
						NUMA_NO_NODE, caller);

	if (!p) {
		panic("%s: Failed to allocate %zu bytes\n",
			 caller, size);
		return NULL;
	}
	if (host_size <= size)
		return p;
	if (s->nr_fc_host_bufs == (int)ARRAY_SIZE(s->fc_host_bufs))
		return NULL;
	p = host_alloc(host_size);
	s->fc_host_bufs[s->nr_fc_host_bufs++] = p;
	return p;
}

static void *pcpu_fc_memblock(size_t size, const char *caller)
{
	return pcpu_fc_memblock_host(size, size, caller);
}

/* Hide bits [start, start + bits) of a new first chunk as allocated. */
static void pcpu_hide_range(struct pcpu_chunk *chunk, int start, int bits,
			    int bound_end)
{
	bitmap_set(chunk->alloc_map, (unsigned long)start, (unsigned long)bits);
	set_bit((unsigned long)start, chunk->bound_map);
	set_bit((unsigned long)bound_end, chunk->bound_map);
	pcpu_block_update_hint_alloc(chunk, start, bits);
}

/*
 * A chunk serving [@tmp_addr, @tmp_addr + @map_size) of the first chunk:
 * based at the page holding @tmp_addr, covering whole pages, already
 * populated and immutable.  Four memblock requests, as the kernel's.
 */
static struct pcpu_chunk *pcpu_alloc_first_chunk(unsigned long tmp_addr,
						 int map_size)
{
	struct pcpu_chunk *chunk;
	unsigned long aligned_addr;
	int start_offset, region_size, region_bits, offset_bits;
	size_t alloc_size;

	aligned_addr = tmp_addr & PAGE_MASK;
	start_offset = (int)(tmp_addr - aligned_addr);
	/* PCPU_BITMAP_BLOCK_SIZE == PAGE_SIZE: their lcm is a page */
	region_size = (int)ALIGN((unsigned long)(start_offset + map_size),
				 PAGE_SIZE);

	alloc_size = pcpu_chunk_alloc_size(region_size >> PAGE_SHIFT);
	chunk = pcpu_fc_memblock_host(alloc_size,
				      pcpu_chunk_host_size(region_size >> PAGE_SHIFT),
				      __func__);
	if (!chunk)
		return NULL;
	INIT_LIST_HEAD(&chunk->list);
	chunk->base_addr = (void *)aligned_addr;
	chunk->start_offset = start_offset;
	chunk->end_offset = region_size - start_offset - map_size;
	chunk->nr_pages = region_size >> PAGE_SHIFT;
	region_bits = pcpu_chunk_map_bits(chunk);

	chunk->alloc_map = pcpu_fc_memblock_host(
		kernel_bitmap_bytes((unsigned long)region_bits),
		BITS_TO_LONGS(region_bits) * sizeof(unsigned long), __func__);
	if (!chunk->alloc_map)
		return NULL;
	chunk->bound_map = pcpu_fc_memblock_host(
		kernel_bitmap_bytes((unsigned long)region_bits + 1),
		BITS_TO_LONGS(region_bits + 1) * sizeof(unsigned long), __func__);
	if (!chunk->bound_map)
		return NULL;
	chunk->md_blocks = pcpu_fc_memblock((size_t)pcpu_chunk_nr_blocks(chunk) *
					    sizeof(struct pcpu_block_md), __func__);
	if (!chunk->md_blocks)
		return NULL;

	chunk->obj_cgroups = NULL;
	pcpu_init_md_blocks(chunk);

	chunk->immutable = true;
	bitmap_fill(chunk->populated, (unsigned long)chunk->nr_pages);
	chunk->nr_populated = chunk->nr_pages;
	chunk->nr_empty_pop_pages = chunk->nr_pages;
	chunk->free_bytes = map_size;

	if (chunk->start_offset) {
		offset_bits = chunk->start_offset / PCPU_MIN_ALLOC_SIZE;
		chunk->chunk_md.first_free = offset_bits;
		pcpu_hide_range(chunk, 0, offset_bits, offset_bits);
	}
	if (chunk->end_offset) {
		offset_bits = chunk->end_offset / PCPU_MIN_ALLOC_SIZE;
		/* the hidden tail is one area from the region's end on */
		bitmap_set(chunk->alloc_map,
			   (unsigned long)(region_bits - offset_bits),
			   (unsigned long)offset_bits);
		set_bit((unsigned long)(start_offset + map_size) /
				PCPU_MIN_ALLOC_SIZE, chunk->bound_map);
		set_bit((unsigned long)region_bits, chunk->bound_map);
		pcpu_block_update_hint_alloc(chunk, region_bits - offset_bits,
					     offset_bits);
	}
	return chunk;
}

/* Print why @ai cannot be used, as the kernel's PCPU_SETUP_BUG_ON does. */
static int pcpu_setup_bug(const struct pcpu_alloc_info *ai, const char *cond)
{
	pr_emerg("failed to initialize, %s\n", cond);
	pr_emerg("cpu_possible_mask=0-%u\n", nr_cpu_ids - 1);
	pcpu_dump_alloc_info(KERN_EMERG, ai);
	panic("percpu first chunk\n");
	return -EINVAL;
}

static int pcpu_setup_check(const struct pcpu_alloc_info *ai, bool bad,
			    const char *cond)
{
	return unlikely(bad) ? pcpu_setup_bug(ai, cond) : 0;
}

/* 0 when @cond is false, else -EINVAL after printing it (as text). */
#define PCPU_SETUP_BAD(ai, cond) pcpu_setup_check(ai, cond, #cond)

static int pcpu_check_alloc_info(const struct pcpu_alloc_info *ai,
				 void *base_addr)
{
	size_t size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;

	return PCPU_SETUP_BAD(ai, ai->nr_groups <= 0) ?:
	       PCPU_SETUP_BAD(ai, !ai->static_size) ?:
	       PCPU_SETUP_BAD(ai, !base_addr) ?:
	       PCPU_SETUP_BAD(ai, offset_in_page(base_addr)) ?:
	       PCPU_SETUP_BAD(ai, ai->unit_size < size_sum) ?:
	       PCPU_SETUP_BAD(ai, offset_in_page(ai->unit_size)) ?:
	       PCPU_SETUP_BAD(ai, ai->unit_size < PCPU_MIN_UNIT_SIZE) ?:
	       PCPU_SETUP_BAD(ai, !IS_ALIGNED(ai->unit_size, PCPU_BITMAP_BLOCK_SIZE)) ?:
	       PCPU_SETUP_BAD(ai, ai->dyn_size < PERCPU_DYNAMIC_EARLY_SIZE) ?:
	       PCPU_SETUP_BAD(ai, !ai->dyn_size) ?:
	       PCPU_SETUP_BAD(ai, !IS_ALIGNED(ai->reserved_size, PCPU_MIN_ALLOC_SIZE)) ?:
	       PCPU_SETUP_BAD(ai, pcpu_verify_alloc_info(ai) < 0);
}

/*
 * The unit of every possible CPU and its offset from the base, and which
 * CPUs hold the lowest and highest units.  0 or -EINVAL.
 */
static int pcpu_map_units(const struct pcpu_alloc_info *ai,
			  unsigned long *group_offsets, size_t *group_sizes,
			  int *unit_map, unsigned long *unit_off)
{
	unsigned int cpu;
	int group, unit, i, ret;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		unit_map[cpu] = (int)UINT_MAX;
	pcpu_low_unit_cpu = NR_CPUS;
	pcpu_high_unit_cpu = NR_CPUS;

	for (group = 0, unit = 0; group < ai->nr_groups; group++, unit += i) {
		const struct pcpu_group_info *gi = &ai->groups[group];

		group_offsets[group] = gi->base_offset;
		group_sizes[group] = (size_t)gi->nr_units * ai->unit_size;
		for (i = 0; i < gi->nr_units; i++) {
			cpu = gi->cpu_map[i];
			if (cpu == NR_CPUS)
				continue;
			ret = PCPU_SETUP_BAD(ai, cpu >= nr_cpu_ids) ?:
			      PCPU_SETUP_BAD(ai, !cpu_possible(cpu)) ?:
			      PCPU_SETUP_BAD(ai, unit_map[cpu] != (int)UINT_MAX);
			if (ret)
				return ret;
			unit_map[cpu] = unit + i;
			unit_off[cpu] = gi->base_offset +
					(unsigned long)i * ai->unit_size;
			if (pcpu_low_unit_cpu == NR_CPUS ||
			    unit_off[cpu] < unit_off[pcpu_low_unit_cpu])
				pcpu_low_unit_cpu = cpu;
			if (pcpu_high_unit_cpu == NR_CPUS ||
			    unit_off[cpu] > unit_off[pcpu_high_unit_cpu])
				pcpu_high_unit_cpu = cpu;
		}
	}
	pcpu_nr_units = unit;
	for_each_possible_cpu(cpu) {
		ret = PCPU_SETUP_BAD(ai, unit_map[cpu] == (int)UINT_MAX);
		if (ret)
			return ret;
	}
	return 0;
}

/* The locks, lists and counters the allocator needs before its first chunk. */
static void pcpu_state_init(void)
{
	struct pcpu_state *s = &current_machine->pcpu;

	if (!s->locks_ready) {
		spin_lock_init(&s->lock);
		spin_lock_init(&s->alloc_mutex);
		s->locks_ready = true;
	}
	s->warn_limit = 10;
}

/*
 * Set up the first chunk described by @ai, whose units the caller has
 * placed at @base_addr (+ each group's base_offset): the unit tables, the
 * chunk slots, and the reserved and dynamic chunks.
 */
int pcpu_setup_first_chunk(const struct pcpu_alloc_info *ai, void *base_addr)
{
	size_t size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;
	size_t static_size, dyn_size;
	struct pcpu_chunk *chunk;
	unsigned long *group_offsets, *unit_off, tmp_addr;
	size_t *group_sizes;
	int *unit_map;
	int i, map_size, ret;

	ret = pcpu_check_chunk_struct();
	if (ret)
		return ret;
	ret = pcpu_check_alloc_info(ai, base_addr);
	if (ret)
		return ret;
	pcpu_state_init();

	group_offsets = pcpu_fc_memblock_host(kernel_longs((size_t)ai->nr_groups),
					      (size_t)ai->nr_groups *
						      sizeof(group_offsets[0]),
					      __func__);
	group_sizes = group_offsets ?
		pcpu_fc_memblock_host(kernel_longs((size_t)ai->nr_groups),
				      (size_t)ai->nr_groups * sizeof(group_sizes[0]),
				      __func__) : NULL;
	unit_map = group_sizes ?
		pcpu_fc_memblock(nr_cpu_ids * sizeof(unit_map[0]), __func__) :
		NULL;
	unit_off = unit_map ?
		pcpu_fc_memblock_host(kernel_longs(nr_cpu_ids),
				      nr_cpu_ids * sizeof(unit_off[0]), __func__) :
		NULL;
	if (!unit_off)
		return -ENOMEM;
	ret = pcpu_map_units(ai, group_offsets, group_sizes, unit_map, unit_off);
	if (ret)
		return ret;
	pcpu_dump_alloc_info(KERN_DEBUG, ai);

	pcpu_nr_groups = ai->nr_groups;
	pcpu_group_offsets = group_offsets;
	pcpu_group_sizes = group_sizes;
	pcpu_unit_map = unit_map;
	pcpu_unit_offsets = unit_off;

	pcpu_unit_pages = (int)(ai->unit_size >> PAGE_SHIFT);
	pcpu_unit_size = pcpu_unit_pages << PAGE_SHIFT;
	pcpu_atom_size = (int)ai->atom_size;
	pcpu_chunk_struct_size = max(pcpu_chunk_alloc_size(pcpu_unit_pages),
				     pcpu_chunk_host_size(pcpu_unit_pages));

	/* active slots, then: sidelined, free, to-depopulate */
	pcpu_sidelined_slot = __pcpu_size_to_slot(pcpu_unit_size) + 1;
	pcpu_free_slot = pcpu_sidelined_slot + 1;
	pcpu_to_depopulate_slot = pcpu_free_slot + 1;
	pcpu_nr_slots = pcpu_to_depopulate_slot + 1;
	pcpu_chunk_lists = pcpu_fc_memblock_host(kernel_longs(2 * (size_t)pcpu_nr_slots),
						 (size_t)pcpu_nr_slots *
							 sizeof(pcpu_chunk_lists[0]),
						 __func__);
	if (!pcpu_chunk_lists)
		return -ENOMEM;
	for (i = 0; i < pcpu_nr_slots; i++)
		INIT_LIST_HEAD(&pcpu_chunk_lists[i]);

	/*
	 * The static area ends on a granule; the dynamic area gives back what
	 * that rounding took, so the first chunk still ends where planned.
	 */
	static_size = ALIGN(ai->static_size, PCPU_MIN_ALLOC_SIZE);
	dyn_size = ai->dyn_size - (static_size - ai->static_size);

	tmp_addr = (unsigned long)base_addr + static_size;
	map_size = (int)(ai->reserved_size ? ai->reserved_size : dyn_size);
	chunk = pcpu_alloc_first_chunk(tmp_addr, map_size);
	if (!chunk)
		return -ENOMEM;
	if (ai->reserved_size) {
		pcpu_reserved_chunk = chunk;
		tmp_addr = (unsigned long)base_addr + static_size +
			   ai->reserved_size;
		chunk = pcpu_alloc_first_chunk(tmp_addr, (int)dyn_size);
		if (!chunk)
			return -ENOMEM;
	}

	pcpu_first_chunk = chunk;
	pcpu_nr_empty_pop_pages = pcpu_first_chunk->nr_empty_pop_pages;
	pcpu_chunk_relocate(pcpu_first_chunk, -1);
	pcpu_nr_populated += PFN_DOWN(size_sum);
	current_machine->pcpu.static_size = ai->static_size;
	pcpu_base_addr = base_addr;
	return 0;
}

/* Group the possible CPUs: @cpu's group takes every CPU local to it. */
static int pcpu_group_cpus(int *group_map, int *group_cnt,
			   pcpu_fc_cpu_distance_fn_t cpu_distance_fn)
{
	bool *left = host_alloc(nr_cpu_ids * sizeof(*left));
	unsigned int cpu, tcpu, nr_left = nr_cpu_ids;
	int group;

	for_each_possible_cpu(cpu)
		left[cpu] = true;
	for (group = 0, cpu = 0; nr_left; group++) {
		while (!left[cpu])
			cpu++;
		group_map[cpu] = group;
		group_cnt[group]++;
		left[cpu] = false;
		nr_left--;
		for (tcpu = cpu + 1; tcpu < nr_cpu_ids; tcpu++) {
			if (!left[tcpu])
				continue;
			if (!cpu_distance_fn ||
			    (cpu_distance_fn(cpu, tcpu) == LOCAL_DISTANCE &&
			     cpu_distance_fn(tcpu, cpu) == LOCAL_DISTANCE)) {
				group_map[tcpu] = group;
				group_cnt[group]++;
				left[tcpu] = false;
				nr_left--;
			}
		}
	}
	host_free(left);
	return group;
}

/*
 * Units per allocation: the largest count that divides @alloc_size into
 * page-aligned units, wastes at most a third of the possible CPUs' worth
 * of units, and needs no more allocations than a larger count would.
 */
static int pcpu_best_upa(size_t alloc_size, int max_upa, const int *group_cnt,
			 int nr_groups)
{
	int last_allocs = INT_MAX, best_upa = 0, upa, group;

	for (upa = max_upa; upa; upa--) {
		int allocs = 0, wasted = 0;

		if (alloc_size % (size_t)upa ||
		    offset_in_page(alloc_size / (size_t)upa))
			continue;
		for (group = 0; group < nr_groups; group++) {
			int this_allocs = DIV_ROUND_UP(group_cnt[group], upa);

			allocs += this_allocs;
			wasted += this_allocs * upa - group_cnt[group];
		}
		if (wasted > (int)(num_possible_cpus() / 3))
			continue;
		if (allocs > last_allocs)
			break;
		last_allocs = allocs;
		best_upa = upa;
	}
	return best_upa;
}

/*
 * The shape of the first chunk: sizes, unit size, and the groups of units
 * with their CPUs, back to back (the caller places them).  Returns NULL
 * (with -errno in *@err) on failure.
 */
static struct pcpu_alloc_info *
pcpu_build_alloc_info(size_t reserved_size, size_t dyn_size, size_t atom_size,
		      pcpu_fc_cpu_distance_fn_t cpu_distance_fn, int *err)
{
	const size_t static_size = pcpu_static_size();
	int *group_map, *group_cnt;
	int nr_groups, nr_units = 0, upa, max_upa, group, unit;
	size_t size_sum, min_unit_size, alloc_size;
	struct pcpu_alloc_info *ai = NULL;
	unsigned int cpu, *cpu_map;

	*err = -EINVAL;
	if (!static_size) {
		pr_err("kernel profile %s lacks 'image.static_percpu_size'\n",
		       current_machine->profile->path);
		return NULL;
	}
	size_sum = PFN_ALIGN(static_size + reserved_size +
			     max_t(size_t, dyn_size, PERCPU_DYNAMIC_EARLY_SIZE));
	dyn_size = size_sum - static_size - reserved_size;

	/* the most units of at least min_unit_size, page aligned, per atom */
	min_unit_size = max_t(size_t, size_sum, PCPU_MIN_UNIT_SIZE);
	alloc_size = roundup(min_unit_size, atom_size);
	upa = (int)(alloc_size / min_unit_size);
	while (alloc_size % (size_t)upa || offset_in_page(alloc_size / (size_t)upa))
		upa--;
	max_upa = upa;

	group_map = host_alloc(nr_cpu_ids * sizeof(*group_map));
	group_cnt = host_alloc((nr_cpu_ids + 1) * sizeof(*group_cnt));
	nr_groups = pcpu_group_cpus(group_map, group_cnt, cpu_distance_fn);
	upa = pcpu_best_upa(alloc_size, max_upa, group_cnt, nr_groups);
	BUG_ON(!upa);

	for (group = 0; group < nr_groups; group++)
		nr_units += roundup(group_cnt[group], upa);
	ai = __pcpu_alloc_alloc_info(nr_groups, nr_units,
				     profile_caller(current_machine->profile,
						    "pcpu_build_alloc_info"));
	if (!ai) {
		*err = -ENOMEM;
		goto out;
	}
	cpu_map = ai->groups[0].cpu_map;
	for (group = 0; group < nr_groups; group++) {
		ai->groups[group].cpu_map = cpu_map;
		cpu_map += roundup(group_cnt[group], upa);
	}
	ai->static_size = static_size;
	ai->reserved_size = reserved_size;
	ai->dyn_size = dyn_size;
	ai->unit_size = alloc_size / (size_t)upa;
	ai->atom_size = atom_size;
	ai->alloc_size = alloc_size;

	for (group = 0, unit = 0; group < nr_groups; group++) {
		struct pcpu_group_info *gi = &ai->groups[group];

		gi->base_offset = (unsigned long)unit * ai->unit_size;
		for_each_possible_cpu(cpu)
			if (group_map[cpu] == group)
				gi->cpu_map[gi->nr_units++] = cpu;
		gi->nr_units = roundup(gi->nr_units, upa);
		unit += gi->nr_units;
	}
	BUG_ON(unit != nr_units);
	*err = 0;
out:
	host_free(group_map);
	host_free(group_cnt);
	return ai;
}

/*
 * One group's memory: on @cpu's node, above the DMA zone, atom aligned.
 * A CPU without a node (or whose node has no memory) takes any memory.
 */
static void *pcpu_fc_alloc(unsigned int cpu, size_t size, size_t align,
			   pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn)
{
	const phys_addr_t goal = pcpu_fc_goal();
	int node = NUMA_NO_NODE;
	void *ptr;

	if (!current_machine->k_numa)
		return memblock_alloc_try_nid_caller(size, align, goal,
				MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE,
				profile_caller(current_machine->profile,
					       "pcpu_fc_alloc"));
	if (cpu_to_nd_fn)
		node = cpu_to_nd_fn((int)cpu);
	if (node == NUMA_NO_NODE || !node_online(node) || !NODE_DATA(node)) {
		ptr = memblock_alloc_from(size, align, goal);
		pr_info("cpu %u has no node %d or node-local memory\n", cpu,
			node);
		pr_debug("per cpu data for cpu%u %zu bytes at 0x%llx\n", cpu,
			 size, ptr ? (unsigned long long)__pa(ptr) : 0ULL);
	} else {
		ptr = memblock_alloc_try_nid(size, align, goal,
					     MEMBLOCK_ALLOC_ACCESSIBLE, node);
		pr_debug("per cpu data for cpu%u %zu bytes on node%d at 0x%llx\n",
			 cpu, size, node,
			 ptr ? (unsigned long long)__pa(ptr) : 0ULL);
	}
	return ptr;
}

/* Give back part of a group's memory (inlined into @caller in the image). */
static void pcpu_fc_free(void *ptr, size_t size, const char *caller)
{
	memblock_free_caller(ptr, size, caller);
}

/* Allocate every group's memory; *@base = the lowest.  0 or -ENOMEM. */
static int pcpu_embed_alloc_groups(struct pcpu_alloc_info *ai, void **areas,
				   size_t atom_size,
				   pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn,
				   void **base, int *highest_group)
{
	int group, i;

	*base = (void *)ULONG_MAX;
	*highest_group = 0;
	for (group = 0; group < ai->nr_groups; group++) {
		struct pcpu_group_info *gi = &ai->groups[group];
		unsigned int cpu = NR_CPUS;
		void *ptr;

		for (i = 0; i < gi->nr_units && cpu == NR_CPUS; i++)
			cpu = gi->cpu_map[i];
		BUG_ON(cpu == NR_CPUS);
		ptr = pcpu_fc_alloc(cpu, (size_t)gi->nr_units * ai->unit_size,
				    atom_size, cpu_to_nd_fn);
		if (!ptr)
			return -ENOMEM;
		areas[group] = ptr;
		*base = min(ptr, *base);
		if (ptr > areas[*highest_group])
			*highest_group = group;
	}
	return 0;
}

/*
 * Return what the units do not use: unused units whole, and of each used
 * unit everything past size_sum (the static data would be copied in here).
 */
static void pcpu_embed_trim_units(struct pcpu_alloc_info *ai, void **areas,
				  size_t size_sum)
{
	int group, i;

	for (group = 0; group < ai->nr_groups; group++) {
		struct pcpu_group_info *gi = &ai->groups[group];
		char *ptr = areas[group];

		for (i = 0; i < gi->nr_units; i++, ptr += ai->unit_size) {
			if (gi->cpu_map[i] == NR_CPUS) {
				pcpu_fc_free(ptr, ai->unit_size, "pcpu_embed_first_chunk");
				continue;
			}
			pcpu_fc_free(ptr + size_sum, ai->unit_size - size_sum,
				     "pcpu_embed_first_chunk");
		}
	}
}

/*
 * The embedding first-chunk allocator: each group's units in one memblock
 * block on its node, used through the direct map.  Frees the unused tails
 * of the units, then sets the first chunk up.  0 or -errno.
 */
int pcpu_embed_first_chunk(size_t reserved_size, size_t dyn_size,
			   size_t atom_size,
			   pcpu_fc_cpu_distance_fn_t cpu_distance_fn,
			   pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn)
{
	void *base, **areas = NULL;
	struct pcpu_alloc_info *ai;
	size_t size_sum, areas_size;
	unsigned long max_distance;
	int group, highest_group, rc;

	ai = pcpu_build_alloc_info(reserved_size, dyn_size, atom_size,
				   cpu_distance_fn, &rc);
	if (!ai)
		return rc;
	size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;
	areas_size = PFN_ALIGN(kernel_longs((size_t)ai->nr_groups));
	areas = memblock_alloc(areas_size, SMP_CACHE_BYTES);
	if (!areas) {
		rc = -ENOMEM;
		goto out_free;
	}

	rc = pcpu_embed_alloc_groups(ai, areas, atom_size, cpu_to_nd_fn,
				     &base, &highest_group);
	if (rc)
		goto out_free_areas;
	max_distance = (unsigned long)((char *)areas[highest_group] - (char *)base);
	max_distance += ai->unit_size * (size_t)ai->groups[highest_group].nr_units;
	if (max_distance > pcpu_vmalloc_total() * 3 / 4) {
		pr_warn("max_distance=0x%lx too large for vmalloc space 0x%lx\n",
			max_distance, pcpu_vmalloc_total());
		/* the page allocator for the first chunk is the fallback */
		rc = -EINVAL;
		goto out_free_areas;
	}

	pcpu_embed_trim_units(ai, areas, size_sum);
	for (group = 0; group < ai->nr_groups; group++)
		ai->groups[group].base_offset =
			(unsigned long)((char *)areas[group] - (char *)base);

	pr_info("Embedded %zu pages/cpu s%zu r%zu d%zu u%zu\n",
		(size_t)PFN_DOWN(size_sum), ai->static_size, ai->reserved_size,
		ai->dyn_size, ai->unit_size);

	rc = pcpu_setup_first_chunk(ai, base);
	goto out_free;

out_free_areas:
	for (group = 0; group < ai->nr_groups; group++)
		if (areas[group])
			pcpu_fc_free(areas[group],
				     (size_t)ai->groups[group].nr_units *
					     ai->unit_size,
				     "pcpu_embed_first_chunk");
out_free:
	__pcpu_free_alloc_info(ai, "pcpu_embed_first_chunk");
	if (areas)
		memblock_free(areas, areas_size);
	return rc;
}

/*
 * The page-by-page first chunk (percpu_alloc=page, or when embedding
 * fails): every page of every unit is its own memblock page, on the
 * unit's node, and the units are mapped back to back into an area
 * claimed early at the bottom of vmalloc space:
 *
 *   ai: one group, atom = PAGE_SIZE, upa = 1, dynamic area only the
 *       early minimum (PERCPU_DYNAMIC_EARLY_SIZE)
 *   pages[]               memblock, unit_pages * nr_cpus pointers
 *   pcpu_fc_alloc()       one page at a time, unit by unit
 *   vm_area_register_early(vm = nr_cpus * unit_size, VM_ALLOC)
 *   per unit: pcpu_populate_pte() for each page (the arch makes the page
 *             tables from memblock), then __pcpu_map_pages()
 *   "percpu: N 4K pages/cpu s.. r.. d.."
 *   pcpu_setup_first_chunk(ai, vm.addr)
 *
 * The vm_struct is the kernel's function-static one; here it lives in
 * the machine (pcpu.fc_vm) and stays on vmlist, so vmalloc_init() takes
 * its range as busy.  Only x86_64 builds this allocator.
 */
int pcpu_page_first_chunk(size_t reserved_size,
			  pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn)
{
	struct vm_struct *vm = &current_machine->pcpu.fc_vm;
	struct pcpu_alloc_info *ai;
	const char psize_str[] = "4K";
	int unit_pages, unit, i, j, rc = 0, upa, nr_g0_units;
	unsigned int nr_cpus = num_possible_cpus();
	size_t pages_size;
	struct page **pages;

	ai = pcpu_build_alloc_info(reserved_size, 0, PAGE_SIZE, NULL, &rc);
	if (!ai)
		return rc;
	BUG_ON(ai->nr_groups != 1);
	upa = (int)(ai->alloc_size / ai->unit_size);
	nr_g0_units = roundup((int)nr_cpus, upa);
	/* host page pointers must fit where the kernel keeps its own */
	if (WARN_ON(ai->groups[0].nr_units != nr_g0_units) ||
	    WARN_ON(sizeof(*pages) > current_machine->arch.long_bytes)) {
		__pcpu_free_alloc_info(ai, "pcpu_page_first_chunk");
		return -EINVAL;
	}
	unit_pages = (int)(ai->unit_size >> PAGE_SHIFT);

	/* freed again below: whole pages, as memblock can only free those */
	pages_size = PFN_ALIGN(kernel_longs((size_t)unit_pages * nr_cpus));
	pages = memblock_alloc(pages_size, SMP_CACHE_BYTES);
	if (!pages) {
		panic("%s: Failed to allocate %zu bytes\n", __func__, pages_size);
		return -ENOMEM;
	}

	j = 0;
	for (unit = 0; unit < (int)nr_cpus; unit++) {
		unsigned int cpu = ai->groups[0].cpu_map[unit];

		for (i = 0; i < unit_pages; i++) {
			void *ptr = pcpu_fc_alloc(cpu, PAGE_SIZE, PAGE_SIZE,
						  cpu_to_nd_fn);

			if (!ptr) {
				pr_warn("failed to allocate %s page for cpu%u\n",
					psize_str, cpu);
				goto enomem;
			}
			pages[j++] = virt_to_page(ptr);
		}
	}

	vm->flags = VM_ALLOC;
	vm->size = nr_cpus * ai->unit_size;
	vm_area_register_early(vm, PAGE_SIZE);

	for (unit = 0; unit < (int)nr_cpus; unit++) {
		unsigned long unit_addr = (unsigned long)vm->addr +
					  (unsigned long)unit * ai->unit_size;

		for (i = 0; i < unit_pages; i++)
			pcpu_populate_pte(vmalloc_kva((void *)(unit_addr +
						((unsigned long)i << PAGE_SHIFT))));
		/* the tables are there: mapping cannot fail */
		rc = __pcpu_map_pages(unit_addr, &pages[unit * unit_pages],
				      unit_pages);
		if (rc < 0) {
			panic("failed to map percpu area, err=%d\n", rc);
			goto out_free_ar;
		}
		/* the image's static per-CPU data is not simulated: stays zero */
	}

	pr_info("%d %s pages/cpu s%zu r%zu d%zu\n", unit_pages, psize_str,
		ai->static_size, ai->reserved_size, ai->dyn_size);

	rc = pcpu_setup_first_chunk(ai, vm->addr);
	goto out_free_ar;

enomem:
	while (--j >= 0)
		pcpu_fc_free(page_address(pages[j]), PAGE_SIZE,
			     "pcpu_page_first_chunk");
	rc = -ENOMEM;
out_free_ar:
	memblock_free(pages, pages_size);
	__pcpu_free_alloc_info(ai, "pcpu_page_first_chunk");
	return rc;
}

/*
 * setup_per_cpu_areas() of an architecture without its own (mm/percpu.c's
 * generic SMP version, used by 32-bit ARM): embed the first chunk with
 * page-sized atoms and no NUMA grouping; each CPU's offset is its unit's.
 */
int generic_setup_per_cpu_areas(void)
{
	unsigned int cpu;
	int rc;

	rc = pcpu_embed_first_chunk(PERCPU_MODULE_RESERVE,
				    PERCPU_DYNAMIC_RESERVE_32, PAGE_SIZE, NULL,
				    NULL);
	if (rc < 0) {
		panic("Failed to initialize percpu areas.\n");
		return rc;
	}
	for_each_possible_cpu(cpu)
		per_cpu_offset(cpu) = (unsigned long)pcpu_base_addr +
				      pcpu_unit_offsets[cpu];
	return 0;
}
