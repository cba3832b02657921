// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_vmalloc.c — API sequences on vmalloc.
 *
 * Kernel counterpart: mm/vmalloc.c.  Operations (3 bytes each) on the
 * default machine: vmalloc of 1 byte .. 256 KiB, vfree (lazy: purged in
 * batches as the kernel does).  vmalloc_validate() (busy and free trees,
 * augmented subtree sizes, page tables) runs after every operation.
 */
#include "fuzz.h"
#include "linux/vmalloc.h"

#define SLOTS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_bytes b = { data, data + size };
	void *held[SLOTS] = { 0 };
	int i, ops = 0;

	if (!fuzz_booted_machine())
		return 0;
	while (b.p < b.end && ops++ < 256) {
		unsigned int op = fuzz_u8(&b), len = fuzz_u16(&b), s = op / 2 % SLOTS;

		if (op % 2 == 0 && !held[s]) {
			held[s] = vmalloc(1 + (len << 2) % (256 << 10));
		} else if (held[s]) {
			vfree(held[s]);
			held[s] = NULL;
		}
		fuzz_check(vmalloc_validate(), "vmalloc_validate");
	}
	for (i = 0; i < SLOTS; i++)
		vfree(held[i]);
	fuzz_check(vmalloc_validate(), "vmalloc_validate");
	return 0;
}
