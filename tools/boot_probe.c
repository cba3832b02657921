// SPDX-License-Identifier: MIT
/*
 * tools/boot_probe.c — the smallest -m with which a machine boots.
 *
 * No kernel counterpart: this answers a question the real kernel cannot
 * (a machine too small for its kernel dies silently in the decompressor).
 * When `mmsim boot -m SIZE` is refused because the RAM cannot hold the
 * kernel image, the CLI names the smallest size that does boot.  The
 * answer is found by booting: the same description, quietly, with more
 * RAM — doubling until a boot succeeds, then bisecting to 1 MiB between
 * the last size that failed and the first that booted.  A boot of a
 * small machine takes milliseconds, so the dozen boots cost little; a
 * boot that panics counts as not booting.
 */
#include "mmsim/cli.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

#define PROBE_STEP (1ULL << 20)
#define PROBE_MAX (1ULL << 40)

/* Does @d boot with @ram bytes (nothing printed)?  Loads its own copies
 * of the configuration and profile: the machine owns and frees them. */
static bool boots_with(const struct machine_desc *d, u64 ram,
		       const char *config_path, const char *profile_path)
{
	struct machine_desc copy = *d;
	struct kernel_profile *prof;
	struct kconfig *kc;
	struct machine *m;
	char err[512];
	int ret;

	copy.ram_size = ram;
	kc = kconfig_load(config_path, err, sizeof(err));
	if (!kc)
		return false;
	prof = profile_load(profile_path, err, sizeof(err));
	if (!prof) {
		kconfig_free(kc);
		return false;
	}
	m = machine_create(&copy, kc, prof, err, sizeof(err));
	if (!m)
		return false;
	m->log.console_enabled = false;
	ret = machine_boot(m);
	machine_destroy(m);
	return ret == 0;
}

u64 boot_probe_min_ram(const struct machine_desc *d, const char *config_path,
		       const char *profile_path)
{
	u64 bad = d->ram_size & ~(PROBE_STEP - 1), good = bad;

	for (;;) {
		good = good ? good * 2 : PROBE_STEP;
		if (good > PROBE_MAX)
			return 0;
		if (boots_with(d, good, config_path, profile_path))
			break;
		bad = good;
	}
	while (good - bad > PROBE_STEP) {
		u64 mid = (bad + (good - bad) / 2) & ~(PROBE_STEP - 1);

		if (boots_with(d, mid, config_path, profile_path))
			good = mid;
		else
			bad = mid;
	}
	return good;
}
