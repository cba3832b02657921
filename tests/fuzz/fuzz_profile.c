// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_profile.c — the kernel image profile parser (--profile).
 *
 * No kernel counterpart (the profile describes a compiled kernel image:
 * section sizes, symbol offsets, banner).  Any bytes: a profile or an error.
 */
#include "fuzz.h"
#include "mmsim/host.h"
#include "mmsim/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), err[512];
	struct kernel_profile *p = profile_parse(text, "fuzz.profile", err, sizeof(err));

	if (p) {
		(void)profile_str(p, "banner");
		(void)profile_u64(p, "text_size", 0);
		(void)profile_caller(p, "memblock_alloc_range_nid");
		profile_free(p);
	}
	host_free(text);
	return 0;
}
