// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_slub.c — API sequences on SLUB and kmalloc.
 *
 * Kernel counterparts: mm/slub.c, mm/slab_common.c.  Operations (3 bytes
 * each) on the default machine: kmalloc of 1..16384 bytes (kmalloc_large
 * above 8k), kfree, and allocations and frees from one cache of the
 * input's object size made with kmem_cache_create and destroyed at the
 * end.  slub_validate() (free lists, counters, partial lists) runs after
 * every operation.
 */
#include "fuzz.h"
#include "linux/gfp.h"
#include "linux/slab.h"
#include "mm/slab.h"

#define SLOTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_bytes b = { data, data + size };
	void *held[SLOTS] = { 0 };
	bool from_cache[SLOTS] = { 0 };
	struct kmem_cache *cache;
	unsigned int objsize;
	int i, ops = 0;

	if (!fuzz_booted_machine() || size < 2)
		return 0;
	objsize = 1 + fuzz_u16(&b) % 4096;
	cache = kmem_cache_create("fuzz_cache", objsize, 0, 0, NULL);
	while (b.p < b.end && ops++ < 512) {
		unsigned int op = fuzz_u8(&b), len = fuzz_u16(&b), s = op / 4 % SLOTS;

		switch (op % 4) {
		case 0:
			if (!held[s]) {
				held[s] = kmalloc(1 + len % 16384, GFP_KERNEL);
				from_cache[s] = false;
			}
			break;
		case 1:
			if (!held[s] && cache) {
				held[s] = kmem_cache_alloc(cache, GFP_KERNEL);
				from_cache[s] = true;
			}
			break;
		default:
			if (held[s] && from_cache[s])
				kmem_cache_free(cache, held[s]);
			else if (held[s])
				kfree(held[s]);
			held[s] = NULL;
			break;
		}
		fuzz_check(slub_validate(), "slub_validate");
	}
	for (i = 0; i < SLOTS; i++) {
		if (held[i] && from_cache[i])
			kmem_cache_free(cache, held[i]);
		else if (held[i])
			kfree(held[i]);
	}
	kmem_cache_destroy(cache);
	fuzz_check(slub_validate(), "slub_validate");
	return 0;
}
