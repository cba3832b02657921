// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/e820.c — the firmware memory map, as the kernel keeps it.
 *
 * Kernel counterpart: arch/x86/kernel/e820.c (Linux 6.1).
 *
 * Place in the boot: setup_arch() copies the firmware's table out of the
 * zero page (e820__memory_setup: "BIOS-provided physical RAM map:"), the
 * early parameters mem= and memmap= edit it ("user-defined physical RAM
 * map:"), trim_bios_range() takes the first page and the legacy BIOS hole
 * away, and e820__memblock_setup() hands every usable range to memblock.
 *
 * The table is a list of (addr, size, type) entries that the firmware may
 * give unsorted and overlapping.  e820__update_table() "sanitizes" it:
 *
 *   input (overlapping)         change points        output
 *   ____22______                 | |   | |           ____22______
 *   11111111____       --->      sorted by address,  1111__11____
 *   ______33333_                 highest type wins   ______333___ ...
 *
 * Every start and end of an entry is a change point; walking the sorted
 * points while keeping the set of entries that cover the current address,
 * the type of each stretch is the largest type in the set (reserved beats
 * usable), and stretches of one type are merged.
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/ioport.h"
#include "linux/firmware-map.h"
#include "linux/suspend.h"
#include "arch/x86/include/asm/e820/api.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdlib.h>
#include <string.h>

#define xs (&current_machine->x86)
#define MAX_ARCH_PFN_X86_64 (1UL << (46 - PAGE_SHIFT)) /* MAXMEM, 4-level */

static e820_table_t *table_alloc(u32 max_entries)
{
	e820_table_t *t = host_alloc(sizeof(*t));

	t->max_entries = max_entries;
	t->entries = host_alloc(max_entries * sizeof(*t->entries));
	return t;
}

static void table_free(e820_table_t *t)
{
	if (t) {
		host_free(t->entries);
		host_free(t);
	}
}

static void table_copy(e820_table_t *dst, const e820_table_t *src)
{
	dst->nr_entries = src->nr_entries;
	memcpy(dst->entries, src->entries, src->nr_entries * sizeof(*dst->entries));
}

/* The three tables are sized as the kernel sizes them: 128 + 3 per node. */
void e820_state_init(void)
{
	u32 max = E820_MAX_ENTRIES_ZEROPAGE + 3 * (u32)MAX_NUMNODES;

	e820_table = table_alloc(max);
	e820_table_kexec = table_alloc(max);
	e820_table_firmware = table_alloc(max);
}

void e820_state_destroy(void)
{
	table_free(e820_table);
	table_free(e820_table_kexec);
	table_free(e820_table_firmware);
	e820_table = e820_table_kexec = e820_table_firmware = NULL;
}

static bool _e820__mapped_any(e820_table_t *table, u64 start, u64 end,
			      enum e820_type type)
{
	u32 i;

	for (i = 0; i < table->nr_entries; i++) {
		struct e820_entry *entry = &table->entries[i];

		if (type && entry->type != type)
			continue;
		if (entry->addr >= end || entry->addr + entry->size <= start)
			continue;
		return true;
	}
	return false;
}

bool e820__mapped_raw_any(u64 start, u64 end, enum e820_type type)
{
	return _e820__mapped_any(e820_table_firmware, start, end, type);
}

bool e820__mapped_any(u64 start, u64 end, enum e820_type type)
{
	return _e820__mapped_any(e820_table, start, end, type);
}

/*
 * The entry that, together with its successors of the same type, covers
 * all of [start, end); NULL if the range is not entirely of @type.  The
 * table must be sanitized (sorted) for the successor walk to be right.
 */
static struct e820_entry *__e820__mapped_all(u64 start, u64 end,
					     enum e820_type type)
{
	u32 i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		struct e820_entry *entry = &e820_table->entries[i];

		if (type && entry->type != type)
			continue;
		if (entry->addr >= end || entry->addr + entry->size <= start)
			continue;
		/* the entry covers the start: advance the start past it */
		if (entry->addr <= start)
			start = entry->addr + entry->size;
		if (start >= end)
			return entry;
	}
	return NULL;
}

bool e820__mapped_all(u64 start, u64 end, enum e820_type type)
{
	return __e820__mapped_all(start, end, type) != NULL;
}

int e820__get_entry_type(u64 start, u64 end)
{
	struct e820_entry *entry = __e820__mapped_all(start, end, 0);

	return entry ? (int)entry->type : -EINVAL;
}

static void __e820__range_add(e820_table_t *table, u64 start, u64 size,
			      enum e820_type type)
{
	u32 x = table->nr_entries;

	if (x >= table->max_entries) {
		pr_err("too many entries; ignoring [mem %#010llx-%#010llx]\n",
		       (unsigned long long)start,
		       (unsigned long long)(start + size - 1));
		return;
	}
	table->entries[x].addr = start;
	table->entries[x].size = size;
	table->entries[x].type = type;
	table->nr_entries++;
}

void e820__range_add(u64 start, u64 size, enum e820_type type)
{
	__e820__range_add(e820_table, start, size, type);
}

static void e820_print_type(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RAM:
	case E820_TYPE_RESERVED_KERN:
		pr_cont("usable");
		break;
	case E820_TYPE_RESERVED:
		pr_cont("reserved");
		break;
	case E820_TYPE_SOFT_RESERVED:
		pr_cont("soft reserved");
		break;
	case E820_TYPE_ACPI:
		pr_cont("ACPI data");
		break;
	case E820_TYPE_NVS:
		pr_cont("ACPI NVS");
		break;
	case E820_TYPE_UNUSABLE:
		pr_cont("unusable");
		break;
	case E820_TYPE_PMEM:
	case E820_TYPE_PRAM:
		pr_cont("persistent (type %u)", type);
		break;
	default:
		pr_cont("type %u", type);
		break;
	}
}

void e820__print_table(const char *who)
{
	u32 i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		struct e820_entry *e = &e820_table->entries[i];

		pr_info("%s: [mem %#018llx-%#018llx] ", who,
			(unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1));
		e820_print_type(e->type);
		pr_cont("\n");
	}
}

/* A change point: where one entry starts or ends. */
struct change_member {
	struct e820_entry *entry;
	unsigned long long addr;
};

/*
 * Order change points by address; at equal addresses a start comes before
 * an end, so that touching entries of one type are merged.
 */
static int cpcompare(const void *a, const void *b)
{
	const struct change_member *ap = *(struct change_member *const *)a;
	const struct change_member *bp = *(struct change_member *const *)b;

	if (ap->addr != bp->addr)
		return ap->addr > bp->addr ? 1 : -1;
	return (ap->addr != ap->entry->addr) - (bp->addr != bp->entry->addr);
}

/* Persistent and soft-reserved ranges keep their own boundaries. */
static bool e820_nomerge(enum e820_type type)
{
	return type == E820_TYPE_PRAM || type == E820_TYPE_SOFT_RESERVED;
}

/*
 * The kernel sorts the change points with lib/sort.c's heapsort, which is
 * not stable; the comparison above decides every order that matters.
 */
static void sort_change_points(struct change_member **cp, u32 n)
{
	qsort(cp, n, sizeof(*cp), cpcompare);
}

/*
 * Rewrite @table without overlaps, sorted, the highest type winning where
 * entries overlap.  Returns 0, or -1 (table untouched) when there is
 * nothing to do (fewer than two entries) or an entry wraps around.
 */
int e820__update_table(e820_table_t *table)
{
	struct e820_entry *entries = table->entries;
	u32 max_nr_entries = table->max_entries;
	enum e820_type current_type, last_type;
	unsigned long long last_addr;
	u32 new_nr_entries, overlap_entries;
	u32 i, chg_idx, chg_nr;
	struct change_member *cp_list, **cp;
	struct e820_entry **overlap_list, *new_entries;

	if (table->nr_entries < 2)
		return -1;
	BUG_ON(table->nr_entries > max_nr_entries);

	for (i = 0; i < table->nr_entries; i++)
		if (entries[i].addr + entries[i].size < entries[i].addr)
			return -1;

	/*
	 * The kernel's scratch arrays are static and sized for a full table;
	 * these are sized for this one.  Each change point adds at most one
	 * output entry, so 2 * nr_entries of them always suffice (a 64 KiB
	 * calloc per call was most of a command line's cost in the fuzzer).
	 */
	cp_list = host_alloc(2 * table->nr_entries * sizeof(*cp_list));
	cp = host_alloc(2 * table->nr_entries * sizeof(*cp));
	overlap_list = host_alloc(table->nr_entries * sizeof(*overlap_list));
	new_entries = host_alloc(min(max_nr_entries, 2 * table->nr_entries) *
				 sizeof(*new_entries));

	for (i = 0; i < 2 * table->nr_entries; i++)
		cp[i] = &cp_list[i];

	chg_idx = 0;
	for (i = 0; i < table->nr_entries; i++) {
		if (entries[i].size == 0)
			continue;
		cp[chg_idx]->addr = entries[i].addr;
		cp[chg_idx++]->entry = &entries[i];
		cp[chg_idx]->addr = entries[i].addr + entries[i].size;
		cp[chg_idx++]->entry = &entries[i];
	}
	chg_nr = chg_idx;
	sort_change_points(cp, chg_nr);

	overlap_entries = 0;
	new_nr_entries = 0;
	last_type = 0;
	last_addr = 0;

	for (chg_idx = 0; chg_idx < chg_nr; chg_idx++) {
		if (cp[chg_idx]->addr == cp[chg_idx]->entry->addr) {
			overlap_list[overlap_entries++] = cp[chg_idx]->entry;
		} else {
			/* order does not matter: swap the leaver with the last */
			for (i = 0; i < overlap_entries; i++)
				if (overlap_list[i] == cp[chg_idx]->entry)
					overlap_list[i] =
						overlap_list[overlap_entries - 1];
			overlap_entries--;
		}

		current_type = 0;
		for (i = 0; i < overlap_entries; i++)
			if (overlap_list[i]->type > current_type)
				current_type = overlap_list[i]->type;

		if (current_type != last_type || e820_nomerge(current_type)) {
			if (last_type != 0) {
				new_entries[new_nr_entries].size =
					cp[chg_idx]->addr - last_addr;
				if (new_entries[new_nr_entries].size != 0)
					if (++new_nr_entries >= max_nr_entries)
						break;
			}
			if (current_type != 0) {
				new_entries[new_nr_entries].addr = cp[chg_idx]->addr;
				new_entries[new_nr_entries].type = current_type;
				last_addr = cp[chg_idx]->addr;
			}
			last_type = current_type;
		}
	}

	memcpy(entries, new_entries, new_nr_entries * sizeof(*entries));
	table->nr_entries = new_nr_entries;

	host_free(cp_list);
	host_free(cp);
	host_free(overlap_list);
	host_free(new_entries);
	return 0;
}

/* Copy the zero page's entries; -1 on a wrapping entry. */
static int __append_e820_table(struct boot_e820_entry *entries, u32 nr_entries)
{
	struct boot_e820_entry *entry = entries;

	while (nr_entries) {
		u64 start = entry->addr;
		u64 size = entry->size;
		u64 end = start + size - 1;
		u32 type = entry->type;

		if (start > end && likely(size))
			return -1;
		e820__range_add(start, size, type);
		entry++;
		nr_entries--;
	}
	return 0;
}

static int append_e820_table(struct boot_e820_entry *entries, u32 nr_entries)
{
	/* a single entry is not trusted: the kernel falls back to BIOS-88/e801 */
	if (nr_entries < 2)
		return -1;
	return __append_e820_table(entries, nr_entries);
}

/*
 * Change the type of the @old_type parts of [start, start + size) to
 * @new_type, splitting entries as needed.  Returns the bytes changed.
 */
static u64 __e820__range_update(e820_table_t *table, u64 start, u64 size,
				enum e820_type old_type, enum e820_type new_type)
{
	u64 end, real_updated_size = 0;
	u32 i;

	BUG_ON(old_type == new_type);
	if (size > (ULLONG_MAX - start))
		size = ULLONG_MAX - start;

	end = start + size;
	printk(KERN_DEBUG "e820: update [mem %#010llx-%#010llx] ",
	       (unsigned long long)start, (unsigned long long)(end - 1));
	e820_print_type(old_type);
	pr_cont(" ==> ");
	e820_print_type(new_type);
	pr_cont("\n");

	for (i = 0; i < table->nr_entries; i++) {
		struct e820_entry *entry = &table->entries[i];
		u64 final_start, final_end, entry_end;

		if (entry->type != old_type)
			continue;
		entry_end = entry->addr + entry->size;

		/* the entry lies inside the range: retype it whole */
		if (entry->addr >= start && entry_end <= end) {
			entry->type = new_type;
			real_updated_size += entry->size;
			continue;
		}
		/* the range lies inside the entry: split it in three */
		if (entry->addr < start && entry_end > end) {
			__e820__range_add(table, start, size, new_type);
			__e820__range_add(table, end, entry_end - end,
					  entry->type);
			entry->size = start - entry->addr;
			real_updated_size += size;
			continue;
		}
		/* partial overlap at one end */
		final_start = max(start, entry->addr);
		final_end = min(end, entry_end);
		if (final_start >= final_end)
			continue;
		__e820__range_add(table, final_start, final_end - final_start,
				  new_type);
		real_updated_size += final_end - final_start;
		entry->size -= final_end - final_start;
		if (entry->addr < final_start)
			continue;
		entry->addr = final_end;
	}
	return real_updated_size;
}

u64 e820__range_update(u64 start, u64 size, enum e820_type old_type,
		       enum e820_type new_type)
{
	return __e820__range_update(e820_table, start, size, old_type, new_type);
}

u64 e820__range_update_kexec(u64 start, u64 size, enum e820_type old_type,
			     enum e820_type new_type)
{
	return __e820__range_update(e820_table_kexec, start, size, old_type,
				    new_type);
}

/* Remove [start, start + size) (of @old_type only, if @check_type). */
u64 e820__range_remove(u64 start, u64 size, enum e820_type old_type,
		       bool check_type)
{
	u64 end, real_removed_size = 0;
	u32 i;

	if (size > (ULLONG_MAX - start))
		size = ULLONG_MAX - start;

	end = start + size;
	printk(KERN_DEBUG "e820: remove [mem %#010llx-%#010llx] ",
	       (unsigned long long)start, (unsigned long long)(end - 1));
	if (check_type)
		e820_print_type(old_type);
	pr_cont("\n");

	for (i = 0; i < e820_table->nr_entries; i++) {
		struct e820_entry *entry = &e820_table->entries[i];
		u64 final_start, final_end, entry_end;

		if (check_type && entry->type != old_type)
			continue;
		entry_end = entry->addr + entry->size;

		if (entry->addr >= start && entry_end <= end) {
			real_removed_size += entry->size;
			memset(entry, 0, sizeof(*entry));
			continue;
		}
		if (entry->addr < start && entry_end > end) {
			e820__range_add(end, entry_end - end, entry->type);
			entry->size = start - entry->addr;
			real_removed_size += size;
			continue;
		}
		final_start = max(start, entry->addr);
		final_end = min(end, entry_end);
		if (final_start >= final_end)
			continue;
		real_removed_size += final_end - final_start;
		entry->size -= final_end - final_start;
		if (entry->addr < final_start)
			continue;
		entry->addr = final_end;
	}
	return real_removed_size;
}

void e820__update_table_print(void)
{
	if (e820__update_table(e820_table))
		return;
	pr_info("modified physical RAM map:\n");
	e820__print_table("modified");
}

void e820__update_table_kexec(void)
{
	e820__update_table(e820_table_kexec);
}

/*
 * The highest page frame of @type below @limit_pfn.  The kernel walks the
 * table in order and stops at the first entry that crosses the limit.
 */
static unsigned long e820_end_pfn(unsigned long limit_pfn, enum e820_type type)
{
	unsigned long last_pfn = 0;
	unsigned long max_arch_pfn = MAX_ARCH_PFN_X86_64;
	u32 i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		struct e820_entry *entry = &e820_table->entries[i];
		unsigned long start_pfn, end_pfn;

		if (entry->type != type)
			continue;
		start_pfn = entry->addr >> PAGE_SHIFT;
		end_pfn = (entry->addr + entry->size) >> PAGE_SHIFT;

		if (start_pfn >= limit_pfn)
			continue;
		if (end_pfn > limit_pfn) {
			last_pfn = limit_pfn;
			break;
		}
		if (end_pfn > last_pfn)
			last_pfn = end_pfn;
	}
	if (last_pfn > max_arch_pfn)
		last_pfn = max_arch_pfn;

	pr_info("last_pfn = %#lx max_arch_pfn = %#lx\n", last_pfn, max_arch_pfn);
	return last_pfn;
}

unsigned long e820__end_of_ram_pfn(void)
{
	return e820_end_pfn(MAX_ARCH_PFN_X86_64, E820_TYPE_RAM);
}

unsigned long e820__end_of_low_ram_pfn(void)
{
	return e820_end_pfn(1UL << (32 - PAGE_SHIFT), E820_TYPE_RAM);
}

/* mem=SIZE: forget usable RAM above SIZE.  (mem=nopentium: 32-bit only.) */
static int parse_memopt(char *p)
{
	u64 mem_size;

	if (!p)
		return -EINVAL;
	if (!strcmp(p, "nopentium")) {
		pr_warn("mem=nopentium ignored! (only supported on x86_32)\n");
		return -EINVAL;
	}
	xs->userdef = true;
	mem_size = memparse(p, &p);
	/* mem=<garbage> must not remove all memory */
	if (mem_size == 0)
		return -EINVAL;
	e820__range_remove(mem_size, ULLONG_MAX - mem_size, E820_TYPE_RAM, 1);
	xs->mem_limit_user = mem_size;
	return 0;
}
early_param("mem", parse_memopt);

/*
 * One memmap= item:  exactmap | SIZE | SIZE@ADDR (usable) | SIZE#ADDR (ACPI)
 * | SIZE$ADDR (reserved) | SIZE!ADDR (persistent) | SIZE%ADDR-OLD+NEW.
 */
static int parse_memmap_one(char *p)
{
	char *oldp;
	u64 start_at, mem_size;

	if (!p)
		return -EINVAL;
	if (!strncmp(p, "exactmap", 8)) {
		e820_table->nr_entries = 0;
		xs->userdef = true;
		return 0;
	}

	oldp = p;
	mem_size = memparse(p, &p);
	if (p == oldp)
		return -EINVAL;

	xs->userdef = true;
	if (*p == '@') {
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_RAM);
	} else if (*p == '#') {
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_ACPI);
	} else if (*p == '$') {
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_RESERVED);
	} else if (*p == '!') {
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_PRAM);
	} else if (*p == '%') {
		enum e820_type from = 0, to = 0;

		start_at = memparse(p + 1, &p);
		if (*p == '-')
			from = (enum e820_type)simple_strtoull(p + 1, &p, 0);
		if (*p == '+')
			to = (enum e820_type)simple_strtoull(p + 1, &p, 0);
		if (*p != '\0')
			return -EINVAL;
		/*
		 * 6.1 passes from == to on to __e820__range_update(), whose
		 * BUG_ON (line 469 of 6.1.192's e820.c) kills the boot.
		 */
		if (from && to && from == to)
			mmsim_boot_bug("arch/x86/kernel/e820.c", 469);
		if (from && to)
			e820__range_update(start_at, mem_size, from, to);
		else if (to)
			e820__range_add(start_at, mem_size, to);
		else if (from)
			e820__range_remove(start_at, mem_size, from, 1);
		else
			e820__range_remove(start_at, mem_size, 0, 0);
	} else {
		e820__range_remove(mem_size, ULLONG_MAX - mem_size,
				   E820_TYPE_RAM, 1);
	}
	return *p == '\0' ? 0 : -EINVAL;
}

static int parse_memmap_opt(char *str)
{
	while (str) {
		char *k = strchr(str, ',');

		if (k)
			*k++ = 0;
		parse_memmap_one(str);
		str = k;
	}
	return 0;
}
early_param("memmap", parse_memmap_opt);

/*
 * The kernel's early_panic() writes @msg to the early console first
 * (earlyprintk=, which mmsim does not model: it is not in the log
 * buffer), then panics with it.
 */
static void early_panic(const char *msg)
{
	panic("%s", msg);
}

/*
 * memmap=nn@ss may declare usable RAM the machine does not have.  The
 * kernel believes it: memblock hands it out top-down, page tables first,
 * and on QEMU the writes there vanish, so the boot dies on its first use
 * (an early page fault with nothing printed).  mmsim has no memory behind
 * such an address to let the kernel fail on, so it stops here, naming the
 * range, with the kernel's panic exit.
 */
static void e820__check_userdef_backed(void)
{
	u64 span = current_machine->ram.span;
	u32 i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != E820_TYPE_RAM && e->type != E820_TYPE_RESERVED_KERN)
			continue;
		if (e->addr + e->size > span)
			panic("memmap= declared RAM at [mem %#018Lx-%#018Lx], past the end of this "
			      "machine's memory (%#Lx): the kernel would use memory that does not exist",
			      (unsigned long long)e->addr,
			      (unsigned long long)(e->addr + e->size - 1),
			      (unsigned long long)span);
	}
}

/*
 * After the early parameters: a map edited by mem=/memmap= is sanitized
 * and printed.  The kernel panics on a map that cannot be sanitized.
 */
int e820__finish_early_params(void)
{
	if (!xs->userdef)
		return 0;
	if (e820__update_table(e820_table) < 0)
		early_panic("Invalid user supplied memory map");
	pr_info("user-defined physical RAM map:\n");
	e820__print_table("user");
	e820__check_userdef_backed();
	return 0;
}

/* Take the firmware's map from the zero page and sanitize it. */
static const char *e820__memory_setup_default(void)
{
	const char *who = "BIOS-e820";

	if (append_e820_table(boot_params.e820_map, boot_params.e820_entries) < 0) {
		/* no usable map: the kernel would fake 640K + extended memory */
		who = "BIOS-e801";
		e820_table->nr_entries = 0;
		e820__range_add(0, 0x9f000, E820_TYPE_RAM);
	}
	e820__update_table(e820_table);
	return who;
}

void e820__memory_setup(void)
{
	const char *who = e820__memory_setup_default();

	table_copy(e820_table_kexec, e820_table);
	table_copy(e820_table_firmware, e820_table);

	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(who);
}

/* Give memblock every usable range of the (final) e820 table. */
void e820__memblock_setup(void)
{
	u32 i;
	u64 end;

	/* the reserved regions are known now: let memblock grow its arrays */
	memblock_allow_resize();

	for (i = 0; i < e820_table->nr_entries; i++) {
		struct e820_entry *entry = &e820_table->entries[i];

		end = entry->addr + entry->size;
		if (end < entry->addr)
			continue;
		if (entry->type == E820_TYPE_SOFT_RESERVED)
			memblock_reserve(entry->addr, entry->size);
		if (entry->type != E820_TYPE_RAM &&
		    entry->type != E820_TYPE_RESERVED_KERN)
			continue;
		memblock_add(entry->addr, entry->size);
	}

	/* throw away partial pages */
	memblock_trim_memory(PAGE_SIZE);
	memblock_dump_all();
}

/*
 * ------------------------------------------------------------------------
 * Late in setup_arch(): the e820 ranges as resources (/proc/iomem), the
 * firmware map for sysfs, the hibernation holes and the PCI gap.
 * ------------------------------------------------------------------------
 */
static const char *e820_type_to_string(const struct e820_entry *entry)
{
	switch (entry->type) {
	case E820_TYPE_RESERVED_KERN:
	case E820_TYPE_RAM:
		return "System RAM";
	case E820_TYPE_ACPI:
		return "ACPI Tables";
	case E820_TYPE_NVS:
		return "ACPI Non-volatile Storage";
	case E820_TYPE_UNUSABLE:
		return "Unusable memory";
	case E820_TYPE_PRAM:
		return "Persistent Memory (legacy)";
	case E820_TYPE_PMEM:
		return "Persistent Memory";
	case E820_TYPE_RESERVED:
		return "Reserved";
	case E820_TYPE_SOFT_RESERVED:
		return "Soft Reserved";
	default:
		return "Unknown E820 type";
	}
}

static unsigned long e820_type_to_iomem_type(const struct e820_entry *entry)
{
	switch (entry->type) {
	case E820_TYPE_RESERVED_KERN:
	case E820_TYPE_RAM:
		return IORESOURCE_SYSTEM_RAM;
	default:
		return IORESOURCE_MEM;
	}
}

static unsigned long e820_type_to_iores_desc(const struct e820_entry *entry)
{
	switch (entry->type) {
	case E820_TYPE_ACPI:
		return IORES_DESC_ACPI_TABLES;
	case E820_TYPE_NVS:
		return IORES_DESC_ACPI_NV_STORAGE;
	case E820_TYPE_PMEM:
		return IORES_DESC_PERSISTENT_MEMORY;
	case E820_TYPE_PRAM:
		return IORES_DESC_PERSISTENT_MEMORY_LEGACY;
	case E820_TYPE_RESERVED:
		return IORES_DESC_RESERVED;
	case E820_TYPE_SOFT_RESERVED:
		return IORES_DESC_SOFT_RESERVED;
	default:
		return IORES_DESC_NONE;
	}
}

/*
 * Reserved ranges below 1 MiB, and everything that is not plain reserved
 * (RAM, ACPI, ...), are claimed now; plain reserved ranges above 1 MiB
 * wait for PCI (e820__reserve_resources_late) so they cannot block BARs.
 */
static bool do_mark_busy(enum e820_type type, const struct resource *res)
{
	if (res->start < (1ULL << 20))
		return true;
	switch (type) {
	case E820_TYPE_RESERVED:
	case E820_TYPE_SOFT_RESERVED:
	case E820_TYPE_PRAM:
	case E820_TYPE_PMEM:
		return false;
	default:
		return true;
	}
}

void e820__reserve_resources(void)
{
	struct resource *res;
	u32 i;

	res = memblock_alloc(sizeof(*res) * e820_table->nr_entries, SMP_CACHE_BYTES);
	if (!res) {
		pr_emerg("%s: Failed to allocate %zu bytes\n", __func__,
			 sizeof(*res) * e820_table->nr_entries);
		return;
	}
	xs->e820_res = res;
	for (i = 0; i < e820_table->nr_entries; i++, res++) {
		struct e820_entry *entry = e820_table->entries + i;

		res->start = entry->addr;
		res->end = entry->addr + entry->size - 1;
		res->name = e820_type_to_string(entry);
		res->flags = e820_type_to_iomem_type(entry);
		res->desc = e820_type_to_iores_desc(entry);
		if (do_mark_busy(entry->type, res)) {
			res->flags |= IORESOURCE_BUSY;
			insert_resource(&iomem_resource, res);
		}
	}
	/* the firmware's own map, for /sys/firmware/memmap */
	for (i = 0; i < e820_table_firmware->nr_entries; i++) {
		struct e820_entry *entry = e820_table_firmware->entries + i;

		firmware_map_add_early(entry->addr, entry->addr + entry->size,
				       e820_type_to_string(entry));
	}
}

/* The reserved ranges held back from e820__reserve_resources(). */
void e820__reserve_resources_late(void)
{
	struct resource *res = xs->e820_res;
	u32 i;

	if (!res)
		return;
	for (i = 0; i < e820_table->nr_entries; i++, res++)
		if (!res->parent && res->end)
			insert_resource(&iomem_resource, res);
}

/*
 * Every hole between e820 RAM ranges, and the tail up to @limit_pfn, is
 * never saved by hibernation.  (This is the 6.1.y stable version, which
 * counts partial pages at RAM edges as holes; the original 6.1 walked all
 * entries and reported more ranges.  Debian's 6.1.192 logs show this one.)
 */
void e820__register_nosave_regions(unsigned long limit_pfn)
{
	u64 last_addr = 0;
	u32 i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		struct e820_entry *entry = &e820_table->entries[i];

		if (entry->type != E820_TYPE_RAM)
			continue;
		if (last_addr < entry->addr)
			register_nosave_region(PFN_DOWN(last_addr),
					       PFN_UP(entry->addr));
		last_addr = entry->addr + entry->size;
	}
	register_nosave_region(PFN_DOWN(last_addr), limit_pfn);
}

/* The largest gap below 4 GiB (the lower of equal gaps wins). */
static bool e820_search_gap(unsigned long *gapstart, unsigned long *gapsize)
{
	unsigned long long last = 0x100000000ULL;
	int i = (int)e820_table->nr_entries;
	bool found = false;

	while (--i >= 0) {
		unsigned long long start = e820_table->entries[i].addr;
		unsigned long long end = start + e820_table->entries[i].size;

		if (last > end) {
			unsigned long gap = (unsigned long)(last - end);

			if (gap >= *gapsize) {
				*gapsize = gap;
				*gapstart = (unsigned long)end;
				found = true;
			}
		}
		if (start < last)
			last = start;
	}
	return found;
}

/* Where PCI may put devices: the biggest hole in the map below 4 GiB. */
void e820__setup_pci_gap(void)
{
	unsigned long gapstart = 0, gapsize = 0x400000;

	if (!e820_search_gap(&gapstart, &gapsize)) {
		gapstart = (max_pfn << PAGE_SHIFT) + 1024 * 1024;
		pr_err("Cannot find an available gap in the 32-bit address range\n");
		pr_err("PCI devices with unassigned 32-bit BARs may not work!\n");
	}
	xs->pci_mem_start = gapstart;
	pr_info("[mem %#010lx-%#010lx] available for PCI devices\n", gapstart,
		gapstart + gapsize - 1);
}
