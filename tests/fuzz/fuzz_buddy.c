// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_buddy.c — API sequences on the buddy allocator and the
 * per-CPU page lists.
 *
 * Kernel counterparts: mm/page_alloc.c (alloc_pages, __free_pages,
 * drain_all_pages).  Each input is a program of 2-byte operations on the
 * default machine (booted once): allocate an order 0..10 block with one
 * of a few gfp masks, free a held block, drain the per-CPU lists.
 * page_alloc_validate() (free counts equal list lengths, no page on two
 * lists, buddies merged) runs after every operation; everything held is
 * freed at the end, so inputs do not depend on one another.
 */
#include "fuzz.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#define SLOTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_ATOMIC, GFP_KERNEL | __GFP_ZERO,
				      GFP_DMA32, GFP_KERNEL | __GFP_COMP, GFP_NOWAIT };
	struct fuzz_bytes b = { data, data + size };
	struct { struct page *page; unsigned int order; } held[SLOTS] = { { 0 } };
	int i, ops = 0;

	if (!fuzz_booted_machine())
		return 0;
	while (b.p < b.end && ops++ < 512) {
		unsigned int op = fuzz_u8(&b), arg = fuzz_u8(&b), s = arg % SLOTS;

		switch (op % 4) {
		case 0:
		case 1:
			if (held[s].page)
				break;
			held[s].order = (arg >> 2) % (MAX_ORDER);
			held[s].page = alloc_pages(gfps[op / 4 % 6], held[s].order);
			break;
		case 2:
			if (held[s].page)
				__free_pages(held[s].page, held[s].order);
			held[s].page = NULL;
			break;
		case 3:
			drain_all_pages(NULL);
			break;
		}
		fuzz_check(page_alloc_validate(), "page_alloc_validate");
	}
	for (i = 0; i < SLOTS; i++)
		if (held[i].page)
			__free_pages(held[i].page, held[i].order);
	fuzz_check(page_alloc_validate(), "page_alloc_validate");
	return 0;
}
