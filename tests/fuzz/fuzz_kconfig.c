// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_kconfig.c — the .config parser (--config FILE).
 *
 * Kernel counterpart: the .config format of scripts/kconfig.  Any bytes:
 * a configuration whose values can be read, or one error.
 */
#include "fuzz.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), err[512];
	struct kconfig *kc = kconfig_parse(text, "fuzz.config", err, sizeof(err));

	if (kc) {
		(void)kconfig_int(kc, "CONFIG_NODES_SHIFT", 0);
		(void)kconfig_enabled(kc, "CONFIG_NUMA");
		(void)kconfig_get(kc, "CONFIG_LOCALVERSION");
		kconfig_free(kc);
	}
	host_free(text);
	return 0;
}
