// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_process_arm.c — what is 32-bit ARM's own in a process:
 * the layout and MAP_FIXED floor (arch/arm/mm/mmap.c), VmPTE as the
 * 2-level tables count it, the faults of an MMU without accessed and dirty
 * bits (arch/arm/mm/fault.c), no THP, the [vectors] gate VMA.
 *
 * Scenario: boot vexpress-a9 (1 GiB, norandmaps), execve the ARM probe.
 *
 *   mmap(0x1000 hint)        -> 0x8000 (mmap_min_addr: LSM floor 32 KiB)
 *   mmap(0x1000, MAP_FIXED)  -> -EINVAL (below FIRST_USER_ADDRESS)
 *   first fault in a new 2 MiB   VmPTE + 2 KiB (one PTE table)
 *   fork; the child reads an inherited page: one minor fault (old PTE),
 *   a second read none; a store to a clean shared page: one fault
 *   madvise(MADV_HUGEPAGE)   -> -EINVAL
 *   the tables themselves (arch/arm/mm/pgd.c): the pgd 16 KiB, order 2,
 *   16 KiB aligned, not a PageTable page, the kernel's L1 words copied;
 *   a write fault: L1[2i], L1[2i+1] = coarse tables (bit 4, domain user)
 *   at +2048 and +3072 of one PageTable page from HighMem (HIGHPTE),
 *   PageTables + 4 KiB; the Linux PTE present, young, dirty, user, XN and
 *   its hardware twin AP read/write, nG; after fork the child's Linux PTE
 *   is old and write-protected and its hardware PTE 0 (any access faults);
 *   a swap entry stored as ARM packs it (type << 2 | offset << 7), the
 *   exclusive bit lost, and read back as the same entry; a hardware PTE
 *   that disagrees with its Linux PTE is a validator failure
 *
 * Expect each figure above, the gate VMA last in maps and smaps, and the
 * validators content after each step.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/binfmts.h"
#include "linux/proc_fs.h"
#include "linux/pgtable.h"
#include "linux/swapops.h"
#include "linux/vmstat.h"
#include "linux/page-flags.h"
#include "linux/highmem.h"
/* asm/memory.h computes TASK_SIZE_ARM from PAGE_OFFSET; binfmts.h's is the same 3G/1G value */
#undef TASK_SIZE_ARM
#include "arch/arm/include/asm/pgtable.h"
#include "mmsim/process.h"
#include "mmsim/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RW (PROT_READ | PROT_WRITE)

struct arm_proc {
	struct machine *m;
	struct task_struct *t;
};

static int setup(void **state)
{
	struct arm_proc *p = calloc(1, sizeof(*p));
	struct elf_segment segs[8];
	struct machine_desc d;
	char path[4096], msg[256];
	size_t size = 0;
	int nsegs = 8;
	void *img;

	test_machine_desc_arm(&d);
	d.ram_size = 1024ULL << 20;
	strncat(d.cmdline, " norandmaps nokaslr", sizeof(d.cmdline) - strlen(d.cmdline) - 1);
	p->m = test_machine_boot(&d);
	snprintf(path, sizeof(path), "%s/probe/probe-arm", host_data_dir());
	img = host_read_file(path, &size);
	assert_non_null(img);
	p->t = mmsim_task_create("init");
	assert_non_null(p->t);
	if (mmsim_execve(p->t, "/probe", img, size, segs, &nsegs, msg, sizeof(msg)))
		fail_msg("mmsim_execve: %s", msg);
	host_free(img);
	set_current(p->t);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct arm_proc *p = *state;

	set_current(NULL);
	test_machine_destroy(p->m);
	free(p);
	return 0;
}

static void validate(void)
{
	char msg[256];

	if (mmsim_validate_processes(msg, sizeof(msg)))
		fail_msg("validator: %s", msg);
}

static unsigned long touch(struct task_struct *t, unsigned long a, enum mmsim_access_op op)
{
	struct mmsim_access_result r;
	unsigned long before = t->min_flt;

	assert_int_equal(mmsim_access(t, a, 1, op, 0x5a, 4096, &r), 0);
	return t->min_flt - before;
}

static void test_layout_and_floor(void **state)
{
	struct arm_proc *p = *state;

	assert_int_equal(p->t->mm->task_size, TASK_SIZE_ARM);
	assert_int_equal(p->t->mm->mmap_base, 0xb7000000UL);
	assert_int_equal(ksys_mmap_pgoff(0x1000, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS,
					 -1, 0), 0x8000);
	assert_int_equal((long)ksys_mmap_pgoff(0x1000, PAGE_SIZE, RW,
					       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
			 -EINVAL);
	assert_int_equal(do_madvise(p->t->mm, 0x8000, PAGE_SIZE, MADV_HUGEPAGE), -EINVAL);
	validate();
}

static void test_vmpte_2k_per_table(void **state)
{
	struct arm_proc *p = *state;
	unsigned long before = mm_pgtables_bytes(p->t->mm);
	unsigned long a = ksys_mmap_pgoff(0x20000000, 4 * PAGE_SIZE, RW,
					  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	assert_int_equal(a, 0x20000000);
	assert_int_equal(before % 2048, 0);
	assert_int_equal(touch(p->t, a, MMSIM_WRITE), 1);
	assert_int_equal(mm_pgtables_bytes(p->t->mm), before + 2048);
	assert_int_equal(touch(p->t, a + PAGE_SIZE, MMSIM_WRITE), 1);
	assert_int_equal(mm_pgtables_bytes(p->t->mm), before + 2048);
	validate();
}

static void test_old_and_clean_ptes_fault(void **state)
{
	struct arm_proc *p = *state;
	unsigned long a = ksys_mmap_pgoff(0, 2 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long s = ksys_mmap_pgoff(0, PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct task_struct *child;
	int pid;

	assert_false(IS_ERR_VALUE(a));
	assert_false(IS_ERR_VALUE(s));
	assert_int_equal(touch(p->t, a, MMSIM_WRITE), 1);
	assert_int_equal(touch(p->t, a, MMSIM_READ), 0);
	assert_int_equal(touch(p->t, s, MMSIM_READ), 1);   /* mapped clean */
	assert_int_equal(touch(p->t, s, MMSIM_WRITE), 1);  /* the dirty bit, by fault */
	assert_int_equal(touch(p->t, s, MMSIM_WRITE), 0);
	pid = mmsim_fork(p->t);
	assert_true(pid > 0);
	child = find_task_by_vpid(pid);
	assert_non_null(child);
	assert_int_equal(touch(child, a, MMSIM_READ), 1);  /* copied old */
	assert_int_equal(touch(child, a, MMSIM_READ), 0);
	assert_int_equal(touch(child, a, MMSIM_WRITE), 1); /* copy-on-write */
	validate();
	mmsim_exit(child);
	validate();
}

/* The Linux PTE word of @a in @mm's tables, and its hardware twin. */
static u32 *linux_pte(struct mm_struct *mm, unsigned long a)
{
	u32 *l1 = (u32 *)mm->pgd + 2 * (a >> 21);

	assert_int_equal(l1[0] & PMD_TYPE_MASK, PMD_TYPE_TABLE);
	return arm_pte_offset_kernel(l1, a);
}

static void test_short_descriptor_tables(void **state)
{
	struct arm_proc *p = *state;
	struct mm_struct *mm = p->t->mm;
	u32 *l1 = (u32 *)mm->pgd, *ksw = arm_swapper_pg_dir(), *pte, want;
	unsigned long a = ksys_mmap_pgoff(0x20000000, 4 * PAGE_SIZE, RW,
					  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	unsigned long tables = global_node_page_state_snapshot(NR_PAGETABLE);
	struct page *ptp, *pgdp = virt_to_page(mm->pgd);
	struct task_struct *child;
	swp_entry_t e;
	u32 saved[2];
	char msg[256];
	pte_t got;
	int pid;

	/* pgd_alloc: 16 KiB, the user part empty, the kernel's words copied */
	assert_int_equal(page_to_pfn(pgdp) % 4, 0);
	assert_false(PageTable(pgdp));
	assert_int_equal(l1[2 * (0x20000000 >> 21)], 0);
	assert_memory_equal(l1 + 2 * (TASK_SIZE_ARM >> 21), ksw + 2 * (TASK_SIZE_ARM >> 21),
			    ARM_SWAPPER_PG_DIR_SIZE - 8 * (TASK_SIZE_ARM >> 21));

	/* a write fault: one HIGHPTE page, both L1 words at its h/w halves */
	assert_int_equal(a, 0x20000000);
	assert_int_equal(touch(p->t, a, MMSIM_WRITE), 1);
	assert_int_equal(global_node_page_state_snapshot(NR_PAGETABLE), tables + 1);
	want = PMD_TYPE_TABLE | PMD_BIT4 | PMD_DOMAIN(DOMAIN_USER);
	assert_int_equal(l1[2 * (a >> 21)] & 0x3ff, want);
	assert_int_equal(l1[2 * (a >> 21) + 1], l1[2 * (a >> 21)] + 1024);
	ptp = pfn_to_page(l1[2 * (a >> 21)] >> PAGE_SHIFT);
	assert_int_equal(l1[2 * (a >> 21)] & (u32)~PAGE_MASK & ~0x3ffU, 2048);
	assert_true(PageTable(ptp));
	assert_true(PageHighMem(ptp));

	/* the Linux PTE and the hardware one, as cpu_v7_set_pte_ext writes it */
	pte = linux_pte(mm, a);
	assert_int_equal(*pte & (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_RDONLY |
				 L_PTE_USER | L_PTE_XN | L_PTE_NONE),
			 L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_USER | L_PTE_XN);
	assert_int_equal(pte[ARM_PTE_HWTABLE_PTRS] & (PTE_TYPE_MASK | PTE_EXT_AP0 | PTE_EXT_AP1 |
						      PTE_EXT_APX | PTE_EXT_NG | PTE_EXT_XN),
			 PTE_TYPE_SMALL | PTE_EXT_AP0 | PTE_EXT_AP1 | PTE_EXT_NG | PTE_EXT_XN);
	assert_int_equal(pte[ARM_PTE_HWTABLE_PTRS] & (u32)PAGE_MASK, *pte & (u32)PAGE_MASK);

	/* fork: the child's copy is old and read-only, invalid to the MMU */
	tables = global_node_page_state_snapshot(NR_PAGETABLE);
	pid = mmsim_fork(p->t);
	assert_true(pid > 0);
	child = find_task_by_vpid(pid);
	assert_non_null(child);
	pte = linux_pte(child->mm, a);
	assert_int_equal(*pte & (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_RDONLY),
			 L_PTE_PRESENT | L_PTE_RDONLY);
	assert_int_equal(pte[ARM_PTE_HWTABLE_PTRS], 0);
	assert_int_equal(touch(child, a, MMSIM_READ), 1);
	assert_int_equal(pte[ARM_PTE_HWTABLE_PTRS] & (PTE_EXT_AP1 | PTE_EXT_APX),
			 PTE_EXT_AP1 | PTE_EXT_APX);
	validate();
	mmsim_exit(child);
	/* its PTE tables went with it, the one of the first 2 MiB by pgd_free */
	assert_int_equal(global_node_page_state_snapshot(NR_PAGETABLE), tables);

	/* a swap entry in ARM's layout (no exclusive bit in 6.1's ARM) */
	pte = linux_pte(mm, a + PAGE_SIZE);
	saved[0] = pte[0];
	saved[1] = pte[ARM_PTE_HWTABLE_PTRS];
	e = swp_entry(3, 0x1234);
	set_pte_at(mm, a + PAGE_SIZE, (pte_t *)pte, pte_swp_mkexclusive(swp_entry_to_pte(e)));
	assert_int_equal(pte[0], (3U << 2) | (0x1234U << 7));
	assert_int_equal(pte[ARM_PTE_HWTABLE_PTRS], 0);
	got = ptep_get((pte_t *)pte);
	assert_false(pte_present(got));
	assert_false(pte_swp_exclusive(got));
	assert_int_equal(swp_type(pte_to_swp_entry(got)), 3);
	assert_int_equal(swp_offset(pte_to_swp_entry(got)), 0x1234);
	pte[0] = saved[0];
	pte[ARM_PTE_HWTABLE_PTRS] = saved[1];
	validate();

	/* the validator holds each hardware PTE to its Linux PTE */
	pte[ARM_PTE_HWTABLE_PTRS] ^= PTE_EXT_APX;
	assert_int_not_equal(mmsim_validate_processes(msg, sizeof(msg)), 0);
	if (!strstr(msg, "hardware PTE does not match"))
		fail_msg("validator: %s", msg);
	pte[ARM_PTE_HWTABLE_PTRS] ^= PTE_EXT_APX;
	validate();
}

static void test_gate_vma_last(void **state)
{
	struct arm_proc *p = *state;
	static const char gate[] = "ffff0000-ffff1000 r-xp 00000000 00:00 0";
	const char *views[] = { "maps", "smaps" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(views); i++) {
		char *text = NULL, *at;

		assert_int_equal(proc_pid_render(p->t, views[i], &text), 0);
		at = strstr(text, gate);
		if (!at)
			fail_msg("%s: no [vectors] line", views[i]);
		if (!strstr(at, "[vectors]\n"))
			fail_msg("%s: the gate VMA is not named [vectors]", views[i]);
		if (i == 0 && strchr(at, '\n')[1] != '\0')
			fail_msg("maps: [vectors] is not the last line");
		if (i == 1 && !strstr(at, "Rss:                   0 kB\n"))
			fail_msg("smaps [vectors]: Rss not 0");
		if (i == 1 && strcmp(strstr(at, "VmFlags:"), "VmFlags: rd ex mr me \n"))
			fail_msg("smaps [vectors]: not last, or VmFlags not \"rd ex mr me\"");
		host_free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout_and_floor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmpte_2k_per_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_and_clean_ptes_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gate_vma_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_descriptor_tables, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
