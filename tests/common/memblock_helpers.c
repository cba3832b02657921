// SPDX-License-Identifier: MIT
/*
 * tests/common/memblock_helpers.c — see memblock_helpers.h.
 */
#include "memblock_helpers.h"

#include "linux/errno.h"
#include "linux/mm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/track.h"

#include <stdio.h>
#include <string.h>

int mb_setup(void **state)
{
	*state = test_machine_bare(MB_RAM_SIZE);
	return 0;
}

int mb_setup_top_down(void **state)
{
	mb_setup(state);
	memblock_set_bottom_up(false);
	return 0;
}

int mb_setup_bottom_up(void **state)
{
	mb_setup(state);
	memblock_set_bottom_up(true);
	return 0;
}

int mb_setup_ram(void **state, u64 ram, bool bottom_up)
{
	*state = test_machine_bare(ram);
	memblock_set_bottom_up(bottom_up);
	return 0;
}

/* Lift ASan poison from simulated RAM [base, base + size), within the span. */
static void unpoison(struct machine *m, phys_addr_t base, phys_addr_t size)
{
	if (base >= m->ram.span)
		return;
	size = min(size, m->ram.span - base);
	mmsim_track_alloc((char *)m->ram.base + base, size);
}

/*
 * Simulated RAM keeps its ASan poison (memblock_phys_free() poisons what
 * it frees) after the machine is gone, and the next machine's RAM is
 * usually mapped at the same host address: lift it before unmapping.
 * Only where a test can have freed: the first MB_RAM_SIZE bytes and the
 * memory regions (unpoisoning all of a 4G machine would cost 512M of
 * shadow).
 */
int mb_teardown(void **state)
{
	struct machine *m = *state;
	struct memblock_region *r;

	unpoison(m, 0, MB_RAM_SIZE);
	for_each_mem_region (r)
		unpoison(m, r->base, r->size);
	test_machine_destroy(m);
	return 0;
}

void mb_add_test_memory(void)
{
	mb_check_ok(__FILE__, __LINE__, "memblock_add(test memory)",
		    memblock_add(MB_MEM_BASE, MB_MEM_SIZE));
}

/* The test writes as the hardware would: no allocation needed. */
void mb_fill(phys_addr_t base, phys_addr_t size, int byte)
{
	mmsim_track_alloc(__va(base), size);
	memset(__va(base), byte, size);
}

void mb_check_bytes(const char *file, int line, const void *p, size_t size,
		    int byte)
{
	const unsigned char *c = p;
	size_t i;

	if (!p)
		fail_msg("%s:%d: memory check on a NULL pointer", file, line);
	for (i = 0; i < size; i++)
		if (c[i] != (unsigned char)byte)
			fail_msg(
				"%s:%d: byte %zu of %zu at %#llx: expected %#x, got %#x",
				file, line, i, size,
				(unsigned long long)__pa(c + i), byte, c[i]);
}

/*
 * Run the validator; return 0, or -EINVAL with what it printed in @why (it
 * logs with pr_err, and tests keep the console quiet).
 */
static int validate(char *why, size_t size)
{
	struct printk_log *log = &current_machine->log;
	size_t first = log->nr, len = 0;

	snprintf(why, size, "failed");
	if (!memblock_validate())
		return 0;
	for (; first < log->nr && len < size - 1; first++)
		len += (size_t)snprintf(why + len, size - len, "%s%s",
					len ? "; " : "", log->recs[first].text);
	return -EINVAL;
}

void mb_check_valid(const char *file, int line)
{
	char why[512];

	if (validate(why, sizeof(why)))
		fail_msg("%s:%d: memblock_validate: %s", file, line, why);
}

void mb_check_ok(const char *file, int line, const char *what, int ret)
{
	if (ret)
		fail_msg("%s:%d: %s: expected 0, got %d", file, line, what,
			 ret);
	mb_check_valid(file, line);
}

void mb_check_type(const char *file, int line, struct memblock_type *type,
		   unsigned long cnt, phys_addr_t total)
{
	char field[64];

	snprintf(field, sizeof(field), "%s.cnt", type->name);
	test_check_eq(file, line, field, cnt, type->cnt);
	snprintf(field, sizeof(field), "%s.total_size", type->name);
	test_check_eq(file, line, field, total, type->total_size);
}

static void check_index(const char *file, int line, struct memblock_type *type,
			int idx)
{
	if (idx < 0 || (unsigned long)idx >= type->cnt)
		fail_msg("%s:%d: %s[%d]: no such region (cnt %lu)", file, line,
			 type->name, idx, type->cnt);
}

void mb_check_region(const char *file, int line, struct memblock_type *type,
		     int idx, phys_addr_t base, phys_addr_t size)
{
	char field[64];

	check_index(file, line, type, idx);
	snprintf(field, sizeof(field), "%s[%d].base", type->name, idx);
	test_check_eq(file, line, field, base, type->regions[idx].base);
	snprintf(field, sizeof(field), "%s[%d].size", type->name, idx);
	test_check_eq(file, line, field, size, type->regions[idx].size);
}

void mb_check_region_nf(const char *file, int line, struct memblock_type *type,
			int idx, int nid, enum memblock_flags flags)
{
	char field[64];

	check_index(file, line, type, idx);
	if (type->regions[idx].nid != nid)
		fail_msg("%s:%d: %s[%d].nid: expected %d, got %d", file, line,
			 type->name, idx, nid, type->regions[idx].nid);
	snprintf(field, sizeof(field), "%s[%d].flags", type->name, idx);
	test_check_eq(file, line, field, flags, type->regions[idx].flags);
}

phys_addr_t mb_pa(const void *p)
{
	return p ? __pa(p) : 0;
}

phys_addr_t mb_valid_pa(const char *file, int line, const void *p)
{
	mb_check_valid(file, line);
	return mb_pa(p);
}

phys_addr_t mb_valid_phys(const char *file, int line, phys_addr_t pa)
{
	mb_check_valid(file, line);
	return pa;
}

bool mb_log_has(struct machine *m, const char *needle)
{
	char *text = test_log_take(m);
	bool found = strstr(text, needle) != NULL;

	host_free(text);
	return found;
}

void mb_log_skip(struct machine *m)
{
	host_free(test_log_take(m));
}

void mb_check_valid_trimmed(const char *file, int line)
{
	phys_addr_t sum = 0;
	unsigned long i;
	char why[512];

	for (i = 0; i < memblock.memory.cnt; i++)
		sum += memblock.memory.regions[i].size;
	/* the kernel's untrimmed total: the regions plus what trimming cut */
	if (memblock.memory.total_size <= sum && current_machine->memblock_st.memory_trim_slack)
		fail_msg("%s:%d: memory.total_size: expected more than the regions' sum %#llx "
			 "(trimmed bytes still counted), got %#llx", file, line,
			 (unsigned long long)sum,
			 (unsigned long long)memblock.memory.total_size);
	if (validate(why, sizeof(why)))
		fail_msg("%s:%d: memblock_validate: %s", file, line, why);
}

void mb_check_ok_trimmed(const char *file, int line, const char *what, int ret)
{
	if (ret)
		fail_msg("%s:%d: %s: expected 0, got %d", file, line, what,
			 ret);
	mb_check_valid_trimmed(file, line);
}
