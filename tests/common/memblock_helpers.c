// SPDX-License-Identifier: MIT
/*
 * tests/common/memblock_helpers.c — see memblock_helpers.h.
 */
#include "memblock_helpers.h"

#include "linux/mm.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

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

int mb_teardown(void **state)
{
	test_machine_destroy(*state);
	return 0;
}

void mb_add_test_memory(void)
{
	mb_check_ok(__FILE__, __LINE__, "memblock_add(test memory)",
		    memblock_add(MB_MEM_BASE, MB_MEM_SIZE));
}

void mb_fill(phys_addr_t base, phys_addr_t size, int byte)
{
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
			fail_msg("%s:%d: byte %zu of %zu at %#llx: expected %#x, got %#x",
				 file, line, i, size,
				 (unsigned long long)__pa(c + i), byte, c[i]);
}

/*
 * Run the validator; on failure repeat what it printed (it logs with
 * pr_err, and tests keep the console quiet).
 */
void mb_check_valid(const char *file, int line)
{
	struct printk_log *log = &current_machine->log;
	size_t first = log->nr;
	char why[512] = "";
	size_t len = 0;

	if (!memblock_validate())
		return;
	for (; first < log->nr && len < sizeof(why) - 1; first++)
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%s",
					len ? "; " : "", log->recs[first].text);
	fail_msg("%s:%d: memblock_validate: %s", file, line,
		 len ? why : "failed");
}

void mb_check_ok(const char *file, int line, const char *what, int ret)
{
	if (ret)
		fail_msg("%s:%d: %s: expected 0, got %d", file, line, what, ret);
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

void mb_check_region_nf(const char *file, int line,
			struct memblock_type *type, int idx, int nid,
			enum memblock_flags flags)
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

bool mb_log_has(struct machine *m, const char *needle)
{
	char *text = test_log_take(m);
	bool found = strstr(text, needle) != NULL;

	host_free(text);
	return found;
}
