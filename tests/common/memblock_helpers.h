/* SPDX-License-Identifier: MIT */
/*
 * tests/common/memblock_helpers.h — what the memblock unit tests share.
 *
 * No kernel counterpart of its own: the kernel's tools/testing/memblock has
 * a similar common.h.  Every memblock test runs on a fresh bare machine
 * (test_machine_bare(): simulated RAM, memblock empty) and checks the two
 * region arrays after every step:
 *
 *   CHECK_OK(call)           @call returned 0 and memblock_validate() holds
 *   CHECK_VALID()            memblock_validate() holds
 *   CHECK_TYPE(t, cnt, sz)   t.cnt and t.total_size
 *   CHECK_REGION(t, i, b, s) t.regions[i] is [b, b + s)
 *
 * A failed check names the field, the expected and the seen value; a failed
 * validation repeats the validator's complaint.
 *
 * Tests of allocation run in both directions: MB_TEST_BOTH(f) registers the
 * body f twice, once after memblock_set_bottom_up(false) and once after
 * memblock_set_bottom_up(true); the body asks memblock_bottom_up() which
 * result to expect.
 *
 * The usual memory of the allocation tests (mb_add_test_memory()):
 *
 *     0        MB_MEM_BASE                 MB_MEM_END          MB_RAM_SIZE
 *     |   ...  [======= memblock.memory =======]   ...               |
 */
#ifndef _MMSIM_MEMBLOCK_HELPERS_H
#define _MMSIM_MEMBLOCK_HELPERS_H

#include "testmachine.h"

#include "linux/memblock.h"

#define MB_RAM_SIZE SZ_256M
#define MB_MEM_BASE SZ_16M
#define MB_MEM_SIZE SZ_16M
#define MB_MEM_END (MB_MEM_BASE + MB_MEM_SIZE)

/* cmocka fixtures: *state is the struct machine of the test. */
int mb_setup(void **state);
int mb_setup_top_down(void **state);
int mb_setup_bottom_up(void **state);
int mb_teardown(void **state);
/* A bare machine with @ram bytes of RAM, allocating in the given direction. */
int mb_setup_ram(void **state, u64 ram, bool bottom_up);

#define MB_TEST(f) cmocka_unit_test_setup_teardown(f, mb_setup, mb_teardown)
/* clang-format off */
#define MB_TEST_BOTH(f)                                                  \
	{ #f " (top-down)", f, mb_setup_top_down, mb_teardown, NULL },   \
	{ #f " (bottom-up)", f, mb_setup_bottom_up, mb_teardown, NULL }
/* clang-format on */

/* Add [MB_MEM_BASE, MB_MEM_END) to memblock.memory. */
void mb_add_test_memory(void);

/* Fill simulated RAM [base, base + size) with @byte. */
void mb_fill(phys_addr_t base, phys_addr_t size, int byte);
/* Are all bytes at @p (size bytes) equal to @byte?  Fails the test if not. */
void mb_check_bytes(const char *file, int line, const void *p, size_t size,
		    int byte);
#define CHECK_BYTES(p, size, byte) \
	mb_check_bytes(__FILE__, __LINE__, p, size, byte)

void mb_check_valid(const char *file, int line);
void mb_check_ok(const char *file, int line, const char *what, int ret);
void mb_check_type(const char *file, int line, struct memblock_type *type,
		   unsigned long cnt, phys_addr_t total);
void mb_check_region(const char *file, int line, struct memblock_type *type,
		     int idx, phys_addr_t base, phys_addr_t size);
void mb_check_region_nf(const char *file, int line, struct memblock_type *type,
			int idx, int nid, enum memblock_flags flags);

#define CHECK_VALID() mb_check_valid(__FILE__, __LINE__)
#define CHECK_OK(call) mb_check_ok(__FILE__, __LINE__, #call, (call))
#define CHECK_TYPE(type, cnt, total) \
	mb_check_type(__FILE__, __LINE__, type, cnt, total)
#define CHECK_REGION(type, idx, base, size) \
	mb_check_region(__FILE__, __LINE__, type, idx, base, size)
/* regions[idx] has node @nid and flags @flags */
#define CHECK_REGION_NF(type, idx, nid, flags) \
	mb_check_region_nf(__FILE__, __LINE__, type, idx, nid, flags)

/* Physical address of a pointer memblock handed out (0 for NULL). */
phys_addr_t mb_pa(const void *p);

/*
 * Wrap an allocation: VALID_PA(memblock_alloc(...)) runs the validator
 * after the call and gives the block's physical address (0 for NULL);
 * VALID_PHYS(memblock_phys_alloc(...)) the same for a physical result.
 */
phys_addr_t mb_valid_pa(const char *file, int line, const void *p);
phys_addr_t mb_valid_phys(const char *file, int line, phys_addr_t pa);
#define VALID_PA(p) mb_valid_pa(__FILE__, __LINE__, p)
#define VALID_PHYS(pa) mb_valid_phys(__FILE__, __LINE__, pa)

/* Does the log since the last test_log_take() contain @needle? */
bool mb_log_has(struct machine *m, const char *needle);
/* Forget the log so far (the next test_log_take() starts here). */
void mb_log_skip(struct machine *m);

/*
 * memblock_trim_memory() shrinks memory regions without lowering
 * memory.total_size, as Linux 6.1 does (the x86 dmesg shows the untrimmed
 * "memory size").  memblock_validate() knows how many bytes were trimmed;
 * CHECK_VALID_TRIMMED() also checks that the total still counts them.
 */
void mb_check_valid_trimmed(const char *file, int line);
void mb_check_ok_trimmed(const char *file, int line, const char *what, int ret);
#define CHECK_VALID_TRIMMED() mb_check_valid_trimmed(__FILE__, __LINE__)
#define CHECK_OK_TRIMMED(call) \
	mb_check_ok_trimmed(__FILE__, __LINE__, #call, (call))

#endif /* _MMSIM_MEMBLOCK_HELPERS_H */
