// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/cpu/mce/genpool.c — the pool machine-check records are
 * taken from, set up when the boot CPU is identified.
 *
 * Kernel counterparts: arch/x86/kernel/cpu/mce/genpool.c
 * (mce_gen_pool_init, mce_gen_pool_create) and the part of
 * arch/x86/kernel/cpu/mce/core.c's mcheck_cpu_init() that calls it
 * (Linux 6.1).
 *
 * A machine check may be reported in NMI context, where no allocator can
 * be called, so records come from a gen_pool over a static 2-page buffer
 * in the image's .bss (gen_pool_buf), one bit per record-sized unit
 * (order ilog2(sizeof(struct mce_evt_llist))).  Adding the buffer costs
 * one vzalloc'ed chunk: the first "gen_pool_add_owner ... vmalloc" line
 * of /proc/vmallocinfo, made before the DMA pools.
 *
 * mcheck_cpu_init() only gets that far on a CPU with MCE and MCA, which
 * QEMU's CPU models have; mmsim's CPU is QEMU's.  The MCA bank set-up,
 * vendor quirks and the polling timer that follow are not modelled.
 * Where gen_pool_buf lies in .bss is the profile's image.mce_gen_pool_buf
 * (estimated: only the chunk's addresses depend on it, and nothing ever
 * allocates from it in mmsim).
 */
#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/errno.h"
#include "linux/genalloc.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

#define MCE_POOLSZ (2 * PAGE_SIZE)
/*
 * sizeof(struct mce_evt_llist): an llist_node (8) and a struct mce (128:
 * 7 u64, 4 u8, u32, 4 u8, 3 u32, 4 u64 at 8-byte alignment, u32, u64).
 */
#define MCE_EVT_LLIST_SIZE 136

#define mce_evt_pool (current_machine->x86.mce_evt_pool)

static int mce_gen_pool_create(void)
{
	const struct kernel_profile *p = current_machine->profile;
	struct gen_pool *tmpp;
	unsigned long buf;
	int ret;

	if (!profile_has(p, "image.mce_gen_pool_buf")) {
		pr_err("kernel profile %s lacks 'image.mce_gen_pool_buf'\n", p->path);
		return -EINVAL;
	}
	buf = (unsigned long)__va(current_machine->x86.image.text +
				  profile_u64(p, "image.mce_gen_pool_buf", 0));
	tmpp = gen_pool_create((int)__fls(MCE_EVT_LLIST_SIZE), NUMA_NO_NODE); /* ilog2 */
	if (!tmpp)
		return -ENOMEM;
	ret = gen_pool_add(tmpp, buf, MCE_POOLSZ, NUMA_NO_NODE);
	if (ret) {
		gen_pool_destroy(tmpp);
		return ret;
	}
	mce_evt_pool = tmpp;
	return 0;
}

int mce_gen_pool_init(void)
{
	if (mce_evt_pool)
		return 0;
	return mce_gen_pool_create();
}

/* mcheck_cpu_init() for a CPU with MCE and MCA, up to the records pool. */
void mcheck_cpu_init(void)
{
	if (mce_gen_pool_init())
		pr_emerg("mce: Couldn't allocate MCE records pool!\n");
}
