// SPDX-License-Identifier: MIT
/*
 * tools/replay_infer.c — memblock state changes a memblock=debug log does
 * not print, inferred from the lines around them.
 *
 * No kernel counterpart of its own: each inference below stands for a
 * kernel function (Linux 6.1) whose effect on memblock is silent, and says
 * which one.  They are applied through the memblock API, at the point of
 * the log where the kernel made them:
 *
 *  current limit      x86 setup_arch(): memblock_set_current_limit(
 *                     ISA_END_ADDRESS) before e820__memblock_setup() (so
 *                     in force at the first dump), then get_max_mapped()
 *                     once init_mem_mapping() has built the direct map.
 *                     ARM adjust_lowmem_bounds(): the lowmem limit.
 *  bottom-up          x86 setup_arch(): memblock_set_bottom_up(true) with
 *                     movable_node; x86 numa_init() turns it off again.
 *  NUMA nodes         x86 numa_init(): every attempt first resets all
 *                     nodes (memblock_set_node(..., MAX_NUMNODES)) and the
 *                     hotplug flags; the SRAT parser marks hotpluggable
 *                     ranges; numa_register_memblks() assigns the nodes of
 *                     numa_meminfo to memory, numa_clear_kernel_node_
 *                     hotplug() to reserved (and clears hotplug on nodes
 *                     holding reservations).  numa_meminfo comes from the
 *                     "ACPI: SRAT: Node" lines or the "Faking a node" line,
 *                     cleaned up as numa_cleanup_meminfo() does.
 *  NODE_DATA          x86 alloc_node_data(): memblock_phys_alloc_try_nid()
 *                     prints no request line, only its result, which the
 *                     "NODE_DATA(n) allocated [mem ...]" line names.
 */
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/numa.h"
#include "linux/mm.h"
#include "linux/sizes.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "replay_internal.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define ISA_END 0x100000ULL /* x86 ISA_END_ADDRESS */
#define ARM_VMALLOC_END 0xff800000ULL
#define ARM_VMALLOC_OFFSET SZ_8M
#define ARM_VMALLOC_DEFAULT (240ULL << 20)
#define ARM_PMD_SIZE SZ_2M /* non-LPAE: two 1 MiB sections */

/* Is @param (a "name" or "name=") on the log's kernel command line? */
static bool cmdline_value(const struct replay *r, const char *param, char *val,
			  size_t size)
{
	char buf[sizeof(r->cmdline)], *args = buf, *p, *v;

	snprintf(buf, sizeof(buf), "%s", r->cmdline);
	while (*(args = skip_spaces(args))) {
		args = next_arg(args, &p, &v);
		if (strcmp(p, param))
			continue;
		if (val)
			snprintf(val, size, "%s", v ? v : "");
		return true;
	}
	return false;
}

/*
 * ARM adjust_lowmem_bounds(): lowmem ends where the vmalloc area must
 * begin (VMALLOC_END - vmalloc= size - VMALLOC_OFFSET, as a physical
 * address); memblock allocates below the first address that is not
 * PMD-aligned, or below the end of lowmem.  PHYS_OFFSET is taken as the
 * start of RAM rounded down to 128 MiB, where the zImage decompressor
 * (AUTO_ZRELADDR) puts the kernel.
 */
static u64 arm_memblock_limit(const struct replay *r)
{
	u64 page_offset = (u64)CONFIG_VALUE(CONFIG_PAGE_OFFSET, 0xC0000000);
	u64 vmalloc_size = ARM_VMALLOC_DEFAULT, lowmem = 0, limit = 0;
	u64 phys_offset = round_down(memblock_start_of_DRAM(), (u64)SZ_128M);
	u64 vmalloc_limit, start, end;
	char val[64];
	u64 i;

	if (cmdline_value(r, "vmalloc", val, sizeof(val)))
		vmalloc_size = memparse(val, NULL);
	vmalloc_limit = ARM_VMALLOC_END - vmalloc_size - ARM_VMALLOC_OFFSET -
			page_offset + phys_offset;
	for_each_mem_range (i, &start, &end) {
		if (start >= vmalloc_limit)
			continue;
		if (end > lowmem)
			lowmem = min(vmalloc_limit, end);
		if (!limit && !IS_ALIGNED(start, ARM_PMD_SIZE))
			limit = start;
		else if (!limit && !IS_ALIGNED(end, ARM_PMD_SIZE))
			limit = lowmem;
	}
	if (!limit)
		limit = lowmem;
	return round_down(limit, (u64)ARM_PMD_SIZE);
}

void rp_infer_init(struct replay *r)
{
	struct rp_infer *inf = &r->inf;

	if (inf->arm) {
		memblock_set_current_limit(arm_memblock_limit(r));
		return;
	}
	memblock_set_current_limit(ISA_END);
	inf->limit_phase = RP_LIMIT_ISA;
	if (cmdline_value(r, "movable_node", NULL, 0)) {
		current_machine->k_movable_node = true;
		memblock_set_bottom_up(true);
	}
}

/* --- NUMA (x86 numa_init) --------------------------------------------- */

/* The start of a numa_init() attempt: every node and hotplug flag reset. */
static void numa_attempt_begin(struct replay *r)
{
	r->inf.nr_blk = 0;
	r->inf.numa_pending = false;
	r->inf.numa_attempt_open = true;
	memblock_set_node(0, ULLONG_MAX, &memblock.memory, MAX_NUMNODES);
	memblock_set_node(0, ULLONG_MAX, &memblock.reserved, MAX_NUMNODES);
	memblock_clear_hotplug(0, ULLONG_MAX);
	r->st->inferred_ops++;
}

static void numa_add_blk(struct replay *r, u64 start, u64 end, int nid)
{
	struct rp_infer *inf = &r->inf;

	if (inf->nr_blk >= RP_MAX_NUMA_BLKS || start >= end)
		return;
	inf->blk[inf->nr_blk++] = (struct rp_numa_blk){ start, end, nid };
	inf->numa_pending = true;
}

static void numa_del_blk(struct rp_infer *inf, int i)
{
	memmove(&inf->blk[i], &inf->blk[i + 1],
		(size_t)(inf->nr_blk - i - 1) * sizeof(inf->blk[0]));
	inf->nr_blk--;
}

/* Would [start, end) on @nid overlap a block of another node? */
static bool numa_hits_other_node(const struct rp_infer *inf, u64 start, u64 end,
				 int nid)
{
	int k;

	for (k = 0; k < inf->nr_blk; k++)
		if (inf->blk[k].nid != nid && start < inf->blk[k].end &&
		    end > inf->blk[k].start)
			return true;
	return false;
}

/*
 * numa_cleanup_meminfo(): blocks with no memory are set aside, the rest
 * are cut at max_pfn, and blocks of one node are joined when the span
 * between them holds no other node's block.
 */
static void numa_cleanup(struct rp_infer *inf, u64 high)
{
	int i, j;

	for (i = 0; i < inf->nr_blk; i++) {
		struct rp_numa_blk *b = &inf->blk[i];

		if (!memblock_overlaps_region(&memblock.memory, b->start,
					      b->end - b->start)) {
			numa_del_blk(inf, i--);
			continue;
		}
		b->end = min(b->end, high);
		if (b->start >= b->end)
			numa_del_blk(inf, i--);
	}
	for (i = 0; i < inf->nr_blk; i++) {
		for (j = i + 1; j < inf->nr_blk; j++) {
			struct rp_numa_blk *bi = &inf->blk[i],
					   *bj = &inf->blk[j];
			u64 start = min(bi->start, bj->start);
			u64 end = max(bi->end, bj->end);

			if (bi->nid != bj->nid ||
			    numa_hits_other_node(inf, start, end, bi->nid))
				continue;
			bi->start = start;
			bi->end = end;
			numa_del_blk(inf, j--);
		}
	}
}

/*
 * numa_register_memblks() and numa_clear_kernel_node_hotplug(): nodes for
 * memory, then for reserved; nodes holding reservations lose hotplug.
 */
static void numa_register(struct replay *r)
{
	struct rp_infer *inf = &r->inf;
	bool has_reserved[MMSIM_MAX_NUMNODES_LIMIT] = { false };
	struct memblock_region *rgn;
	int i;

	memblock_set_bottom_up(false); /* numa_init(), after the parser ran */
	numa_cleanup(inf, round_down(memblock_end_of_DRAM(), (u64)PAGE_SIZE));
	for (i = 0; i < inf->nr_blk; i++)
		memblock_set_node(inf->blk[i].start,
				  inf->blk[i].end - inf->blk[i].start,
				  &memblock.memory, inf->blk[i].nid);
	for (i = 0; i < inf->nr_blk; i++)
		memblock_set_node(inf->blk[i].start,
				  inf->blk[i].end - inf->blk[i].start,
				  &memblock.reserved, inf->blk[i].nid);
	for_each_reserved_mem_region (rgn) {
		int nid = memblock_get_region_node(rgn);

		if (nid >= 0 && nid < MMSIM_MAX_NUMNODES_LIMIT &&
		    nid != MAX_NUMNODES)
			has_reserved[nid] = true;
	}
	for (i = 0; i < inf->nr_blk; i++)
		if (has_reserved[inf->blk[i].nid])
			memblock_clear_hotplug(inf->blk[i].start,
					       inf->blk[i].end -
						       inf->blk[i].start);
	inf->numa_pending = false;
	r->st->inferred_ops++;
}

/* "ACPI: SRAT: Node 1 PXM 1 [mem 0x80000000-0xbfffffff][ hotplug]" */
static void numa_srat_line(struct replay *r, const char *text)
{
	unsigned int node, pxm;
	const char *mem = strstr(text, "[mem ");
	u64 start, last;

	if (sscanf(text, "ACPI: SRAT: Node %u PXM %u", &node, &pxm) != 2 ||
	    !mem || !rp_parse_mem_range(mem, &start, &last) ||
	    node >= MMSIM_MAX_NUMNODES_LIMIT)
		return;
	if (!r->inf.numa_attempt_open)
		numa_attempt_begin(r);
	numa_add_blk(r, start, last + 1, (int)node);
	/* acpi_numa_memory_affinity_init() marks the range after printing it */
	if (strstr(mem, "] hotplug")) {
		memblock_mark_hotplug(start, last + 1 - start);
		r->st->inferred_ops++;
	}
}

void rp_infer_line(struct replay *r, const char *text)
{
	u64 start, last;
	int nid;

	if (r->inf.arm)
		return;
	if (!strcmp(text, "No NUMA configuration found") ||
	    !strcmp(text, "NUMA turned off")) {
		numa_attempt_begin(r); /* dummy_numa_init()'s attempt */
	} else if (!strncmp(text, "Faking a node at ", 17)) {
		if (!r->inf.numa_attempt_open)
			numa_attempt_begin(r);
		if (rp_parse_mem_range(text + 17, &start, &last))
			numa_add_blk(r, start, last + 1, 0);
	} else if (sscanf(text, "Faking node %d at [mem ", &nid) == 1 &&
		   nid >= 0 && nid < MMSIM_MAX_NUMNODES_LIMIT &&
		   rp_parse_mem_range(strchr(text, '['), &start, &last)) {
		/*
		 * numa_emulation() (numa=fake=): the emulated nodes replace
		 * numa_meminfo wholesale before numa_register_memblks().
		 */
		if (!r->inf.numa_emu) {
			r->inf.numa_emu = true;
			r->inf.nr_blk = 0;
		}
		numa_add_blk(r, start, last + 1, nid);
	} else if (!strncmp(text, "SRAT: PXM ", 10)) {
		/* x86_acpi_numa_init()'s attempt */
		if (!r->inf.numa_attempt_open)
			numa_attempt_begin(r);
	} else if (!strncmp(text, "ACPI: SRAT: Node ", 17)) {
		numa_srat_line(r, text);
	}
}

/* --- before each replayed call ---------------------------------------- */

/* Functions that run while init_mem_mapping() builds the direct map. */
static bool is_direct_map_func(const char *func)
{
	return !strcmp(func, "init_mem_mapping") ||
	       !strcmp(func, "alloc_low_pages") ||
	       !strncmp(func, "memory_map_", 11) ||
	       !strcmp(func, "init_range_memory_mapping");
}

/* The NUMA distance table is allocated while SRAT/SLIT are parsed. */
static bool is_numa_parse_func(const char *func)
{
	return !strcmp(func, "numa_alloc_distance") ||
	       !strcmp(func, "numa_set_distance");
}

/*
 * x86 setup_arch(): memblock_set_current_limit(get_max_mapped()) right
 * after init_mem_mapping().  max_pfn_mapped is the end of the highest RAM
 * range mapped, which init_mem_mapping's first request names as its
 * max_addr (PFN_PHYS(max_pfn)).
 */
static void x86_limit_to_mapped(struct replay *r)
{
	u64 end = round_down(memblock_end_of_DRAM(), (u64)PAGE_SIZE);

	if (r->inf.map_end)
		end = min(end, r->inf.map_end);
	memblock_set_current_limit(max(end, ISA_END));
	r->inf.limit_phase = RP_LIMIT_DONE;
	r->st->inferred_ops++;
}

void rp_infer_before_call(struct replay *r, const struct rp_call *c,
			  bool limit_dependent)
{
	struct rp_infer *inf = &r->inf;
	const char *func = c ? c->func : "";

	if (inf->arm)
		return;
	if (inf->numa_pending && !is_numa_parse_func(func))
		numa_register(r);
	if (inf->limit_phase == RP_LIMIT_DONE)
		return;
	if (is_direct_map_func(func)) {
		if (!strcmp(func, "init_mem_mapping") &&
		    c->kind == RP_PHYS_ALLOC_RANGE && !inf->map_end)
			inf->map_end = c->max_addr;
		inf->limit_phase = RP_LIMIT_MAPPING;
	} else if (inf->limit_phase == RP_LIMIT_MAPPING || limit_dependent) {
		/* every x86_64 request that reads the limit comes later */
		x86_limit_to_mapped(r);
	}
}

/*
 * Is the bare allocation result at line @li alloc_node_data()'s?  Its
 * "NODE_DATA(n) allocated [mem a-b]" line follows before the next
 * memblock line and names the same range.
 */
bool rp_infer_node_data(const struct replay *r, size_t li,
			const struct rp_call *c, int *nid)
{
	size_t i;

	for (i = li + 1; i < r->log.nr; i++) {
		const char *t = r->log.lines[i].text;
		const char *mem;
		u64 start, last;
		int n;

		if (r->log.lines[i].kind != RP_OTHER)
			return false;
		if (sscanf(t, "NODE_DATA(%d) allocated", &n) != 1)
			continue;
		mem = strstr(t, "[mem ");
		if (!mem || !rp_parse_mem_range(mem, &start, &last) ||
		    start != c->base || last != c->last)
			return false;
		*nid = n;
		return true;
	}
	return false;
}
