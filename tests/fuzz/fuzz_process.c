// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_process.c — API sequences of user processes: system
 * calls and memory accesses.
 *
 * Kernel counterparts: mm/mmap.c, mm/mprotect.c, mm/mremap.c,
 * mm/madvise.c, mm/mlock.c, kernel/fork.c, kernel/exit.c, mm/shmem.c,
 * mm/memory.c (faults).  Each input starts one task on the default
 * machine (booted once), with two tmpfs files, and is decoded into up to
 * 256 operations, one opcode byte then argument bytes each:
 *
 *   op % 12   0,1 mmap   2 munmap   3 mprotect   4 mremap   5 madvise
 *             6 mlock/munlock   7 brk   8,9 read/write/fill/check
 *             10 fork (up to 5 tasks)   11 exit, pwrite or ftruncate
 *
 * Addresses fall in one 256-page window so that mappings overlap,
 * split and merge; a length is 1..24 pages; bit 7 of the opcode makes
 * the address unaligned by a byte (the calls' -EINVAL paths).
 * mmsim_validate_processes() (VMA lists, rss against the page tables,
 * page-table bytes, mapcounts, refcounts, the node counters) runs after
 * every operation.  At the end every task exits, and every page that was
 * free before the input must be back with the allocators (free, on a
 * per-CPU list or in a slab): an input leaves the machine as it found it.
 */
#include "fuzz.h"
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/slab.h"
#include "linux/huge_mm.h"
#include "mm/internal.h"
#include "mm/process_internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/proc_state.h"
#include "mmsim/process.h"
#include "tests/common/process_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 0x20000000UL
#define WINDOW_PAGES 256
#define MAX_TASKS 5
#define MAX_OPS 256

static unsigned char *in_use_before; /* per pfn, after the warm-up */

/* A page some user holds: not free, not a slab's, referenced. */
static bool pfn_in_use(unsigned long pfn)
{
	struct page *page;

	if (!pfn_valid(pfn))
		return false;
	page = compound_head(pfn_to_page(pfn));
	return !PageBuddy(page) && !PageSlab(page) && page_ref_count(page) > 0;
}

static void exit_all(void)
{
	struct list_head *tasks = mmsim_task_list();

	set_current(NULL);
	while (!list_empty(tasks))
		mmsim_exit(list_last_entry(tasks, struct task_struct, tasks));
	ptasks_shrink_caches();
}

/* Two tasks made and gone warm the caches up; then the baseline. */
static void warm_up(void)
{
	unsigned long pfn;
	int i;

	for (i = 0; i < 2; i++) {
		struct task_struct *t = mmsim_task_create("warm-up");

		if (t)
			mmsim_exit(t);
		ptasks_shrink_caches();
	}
	in_use_before = calloc(max_pfn, 1);
	for (pfn = 0; pfn < max_pfn; pfn++)
		in_use_before[pfn] = pfn_in_use(pfn);
}

static void check_balance(void)
{
	struct page *hz = mmsim_proc_state()->huge_zero_page;
	unsigned long pfn, hz_pfn = hz ? page_to_pfn(hz) : 0;

	for (pfn = 0; pfn < max_pfn; pfn++) {
		if (in_use_before[pfn] || !pfn_in_use(pfn))
			continue;
		if (hz && pfn >= hz_pfn && pfn < hz_pfn + HPAGE_PMD_NR)
			continue;       /* the huge zero page stays, as in 6.1 */
		fprintf(stderr, "fuzz: pfn %#lx in use after every task exited "
			"(flags %#lx, refcount %d)\n", pfn, pfn_to_page(pfn)->flags,
			page_ref_count(pfn_to_page(pfn)));
		fuzz_check(-1, "page balance");
	}
}

struct prog {
	struct fuzz_bytes b;
	bool unaligned;         /* this operation's address is off by one */
	int fds[2];
};

static unsigned long addr_of(struct prog *p)
{
	return WINDOW + ((unsigned long)fuzz_u8(&p->b) % WINDOW_PAGES << PAGE_SHIFT) +
	       p->unaligned;
}

static unsigned long len_of(struct prog *p)
{
	return (1 + (unsigned long)fuzz_u8(&p->b) % 24) << PAGE_SHIFT;
}

static unsigned long prot_of(struct prog *p)
{
	static const unsigned long prots[] = { PROT_NONE, PROT_READ,
		PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC,
		PROT_READ | PROT_WRITE | PROT_EXEC };

	return prots[fuzz_u8(&p->b) % ARRAY_SIZE(prots)];
}

static struct task_struct *task_of(struct prog *p)
{
	return ptasks_nth((int)(fuzz_u8(&p->b) % (unsigned int)ptasks_count()));
}

/* Flags byte: bits 0-1 fixed/noreplace/hint/none, 2 file, 3 shared, 4-6 extras. */
static void op_mmap(struct prog *p, bool is_main)
{
	static const unsigned long placement[] = { MAP_FIXED, MAP_FIXED_NOREPLACE, 0 };
	unsigned int f = fuzz_u8(&p->b);
	unsigned long flags = f & 8 ? MAP_SHARED : MAP_PRIVATE, addr = 0;
	unsigned long fd = (unsigned long)-1, len, prot;

	if ((f & 3) < 3) {      /* 3: no address at all */
		flags |= placement[f & 3];
		addr = addr_of(p);
	}
	if ((f & 4) && is_main && p->fds[0] >= 0)
		fd = (unsigned long)p->fds[f >> 7];
	else
		flags |= MAP_ANONYMOUS;
	if (f & 0x10)
		flags |= MAP_POPULATE;
	if (f & 0x20)
		flags |= MAP_NORESERVE;
	if ((f & 0x40) && !(flags & MAP_SHARED) && (flags & MAP_ANONYMOUS))
		flags |= MAP_GROWSDOWN;
	len = len_of(p);
	prot = prot_of(p);
	ksys_mmap_pgoff(addr, len, prot, flags, fd,
			fd == (unsigned long)-1 ? 0 : fuzz_u8(&p->b) % 4);
}

static void op_mremap(struct prog *p)
{
	static const unsigned long modes[] = { MREMAP_MAYMOVE,
		MREMAP_MAYMOVE | MREMAP_FIXED, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0 };
	unsigned long flags = modes[fuzz_u8(&p->b) % 4];
	unsigned long addr = addr_of(p), old_len = len_of(p), new_len = len_of(p);
	unsigned long new_addr = flags & MREMAP_FIXED ? addr_of(p) : 0;

	if (flags & MREMAP_DONTUNMAP)
		new_len = old_len;      /* DONTUNMAP moves without resizing */
	__do_sys_mremap(addr, old_len, new_len, flags, new_addr);
}

static void op_madvise(struct prog *p, struct task_struct *t)
{
	int adv = ptasks_advice[fuzz_u8(&p->b) % ARRAY_SIZE(ptasks_advice)];
	unsigned long addr = addr_of(p);

	do_madvise(t->mm, addr, len_of(p), adv);
}

static void op_access(struct prog *p, struct task_struct *t, unsigned int sel)
{
	static const enum mmsim_access_op ops[] = { MMSIM_READ, MMSIM_WRITE,
						    MMSIM_FILL, MMSIM_CHECK };
	struct mmsim_access_result res;
	unsigned long addr = addr_of(p), len = len_of(p);

	int ret = mmsim_access(t, addr, len, ops[sel % 4], (u8)fuzz_u8(&p->b),
			       PAGE_SIZE >> (sel / 4 % 4), &res);

	/* -EAGAIN: a fault that reported success without fixing its entry */
	fuzz_check(ret == -EAGAIN ? -1 : 0, "an access that faulted without progress");
}

static void op_file(struct prog *p)
{
	unsigned int f = fuzz_u8(&p->b), fd;
	char buf[256];

	if (p->fds[0] < 0)
		return;
	fd = (unsigned int)p->fds[f & 1];
	memset(buf, (int)fuzz_u8(&p->b), sizeof(buf));
	if (f & 2)
		ksys_pwrite64(fd, buf, sizeof(buf), (loff_t)(fuzz_u8(&p->b) % 40) << PAGE_SHIFT);
	else
		do_sys_ftruncate(fd, (loff_t)fuzz_u16(&p->b) % (40 << PAGE_SHIFT), 0);
}

/* One operation for the task the input names. */
static void step(struct prog *p, struct task_struct *main)
{
	unsigned int op = fuzz_u8(&p->b);
	struct task_struct *t = task_of(p);
	unsigned long addr;

	p->unaligned = op & 0x80;
	op &= 0x7f;
	set_current(t);
	switch (op % 12) {
	case 0: case 1:
		op_mmap(p, t == main);
		break;
	case 2:
		addr = addr_of(p);
		__vm_munmap(addr, len_of(p), false);
		break;
	case 3:
		addr = addr_of(p);
		do_mprotect_pkey(addr, len_of(p), prot_of(p), -1);
		break;
	case 4:
		op_mremap(p);
		break;
	case 5:
		op_madvise(p, t);
		break;
	case 6:
		addr = addr_of(p);
		if (op / 12 % 3 == 0)
			__do_sys_munlock(addr, len_of(p));
		else
			__do_sys_mlock2(addr, len_of(p), op / 12 % 3 == 1 ? MLOCK_ONFAULT : 0);
		break;
	case 7:
		__do_sys_brk(t->mm->brk + ((unsigned long)(fuzz_u8(&p->b) % 16) << PAGE_SHIFT) -
			     (8UL << PAGE_SHIFT) + p->unaligned);
		break;
	case 8: case 9:
		op_access(p, t, op / 12);
		break;
	case 10:
		if (ptasks_count() < MAX_TASKS)
			mmsim_fork(t);
		break;
	default:
		if (t != main) {
			set_current(NULL);
			mmsim_exit(t);
		} else {
			op_file(p);
		}
		break;
	}
	set_current(NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog p = { .b = { data, data + size } };
	struct task_struct *main;
	char msg[256];
	int i;

	if (!fuzz_booted_machine())
		return 0;
	if (!in_use_before)
		warm_up();
	main = mmsim_task_create("probe");
	if (!main)
		fuzz_check(-1, "mmsim_task_create");
	set_current(main);
	main->mm->start_brk = main->mm->brk = 0x10000000;
	p.fds[0] = (int)do_sys_open(AT_FDCWD, "a", O_RDWR | O_CREAT | O_TRUNC, 0600);
	p.fds[1] = (int)do_sys_open(AT_FDCWD, "b", O_RDWR | O_CREAT | O_TRUNC, 0600);
	do_sys_ftruncate((unsigned int)p.fds[0], 16 << PAGE_SHIFT, 0);
	do_sys_ftruncate((unsigned int)p.fds[1], 3 << PAGE_SHIFT, 0);
	do_unlinkat(AT_FDCWD, "b");
	set_current(NULL);
	for (i = 0; i < MAX_OPS && p.b.p < p.b.end; i++) {
		step(&p, main);
		if (mmsim_validate_processes(msg, sizeof(msg))) {
			fprintf(stderr, "fuzz: operation %d: %s\n", i, msg);
			fuzz_check(-1, "mmsim_validate_processes");
		}
	}
	set_current(main);
	do_unlinkat(AT_FDCWD, "a");
	exit_all();
	fuzz_check(mmsim_validate_processes(msg, sizeof(msg)), "mmsim_validate_processes");
	check_balance();
	return 0;
}
