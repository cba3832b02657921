// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_percpu.c — API sequences on the per-CPU allocator.
 *
 * Kernel counterpart: mm/percpu.c.  Operations (3 bytes each) on the
 * default machine: __alloc_percpu of 1..4096 bytes aligned to a power of
 * two up to 64 (new chunks when the first is full), free_percpu.
 * pcpu_validate() (allocation and boundary maps, block hints, slots)
 * runs after every operation.
 */
#include "fuzz.h"
#include "linux/percpu.h"

#define SLOTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_bytes b = { data, data + size };
	void __percpu *held[SLOTS] = { 0 };
	int i, ops = 0;

	if (!fuzz_booted_machine())
		return 0;
	while (b.p < b.end && ops++ < 512) {
		unsigned int op = fuzz_u8(&b), len = fuzz_u16(&b), s = op / 2 % SLOTS;

		if (op % 2 == 0 && !held[s]) {
			held[s] = __alloc_percpu(1 + len % 4096, 1U << (len >> 12) % 7);
		} else if (held[s]) {
			free_percpu(held[s]);
			held[s] = NULL;
		}
		fuzz_check(pcpu_validate(), "pcpu_validate");
	}
	for (i = 0; i < SLOTS; i++)
		free_percpu(held[i]);
	fuzz_check(pcpu_validate(), "pcpu_validate");
	return 0;
}
