// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_e820.c — the e820 text parser (--e820 FILE).
 *
 * Kernel counterpart: the "BIOS-e820:" lines of arch/x86/kernel/e820.c,
 * read back by host/firmware_pc.c.  Any bytes: a table or one error.
 */
#include "fuzz.h"
#include "arch/x86/include/asm/bootparam.h"
#include "mmsim/firmware.h"
#include "mmsim/host.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct x86_boot_params bp;
	char *text = fuzz_text(data, size), err[512];

	memset(&bp, 0, sizeof(bp));
	err[0] = '\0';
	if (firmware_parse_e820_text(text, &bp, err, sizeof(err)) && !err[0])
		fuzz_check(-1, "e820: an error without a message");
	host_free(text);
	return 0;
}
