// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/common.c — helpers of the fuzz targets (fuzz.h).
 *
 * No kernel counterpart.  The booted machine of the API targets is made
 * once per process: booting costs milliseconds, an input microseconds.
 */
#include "fuzz.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = host_alloc(size + 1);
	size_t i;

	for (i = 0; i < size; i++)
		s[i] = data[i] ? (char)data[i] : '\n';
	return s;
}

void fuzz_check(int ret, const char *what)
{
	if (ret) {
		fprintf(stderr, "fuzz: %s failed (%d)\n", what, ret);
		abort();
	}
}

static struct machine *at_exit[4];

static void destroy_machines(void)
{
	for (int i = 0; i < 4; i++) {
		if (at_exit[i] == current_machine_raw)  /* may be NULL here */
			machine_enter(NULL);
		machine_destroy(at_exit[i]);
	}
}

void fuzz_destroy_at_exit(struct machine *m)
{
	int i;

	for (i = 0; i < 4 && at_exit[i]; i++)
		;
	if (i == 4)
		fuzz_check(-1, "fuzz_destroy_at_exit: too many machines");
	if (!i)
		atexit(destroy_machines);
	at_exit[i] = m;
}

struct machine *fuzz_booted_machine(void)
{
	static struct machine *m;
	static bool tried;
	char path[4096], err[512];
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *p;

	if (tried)
		return m;
	tried = true;
	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	d.ram_size = 128ULL << 20;
	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-56-amd64", host_data_dir());
	kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-56-amd64.profile",
		 host_data_dir());
	p = profile_load(path, err, sizeof(err));
	if (!kc || !p) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	m = machine_create(&d, kc, p, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	m->log.console_enabled = false;
	fuzz_destroy_at_exit(m);
	fuzz_check(machine_boot(m), "machine_boot");
	machine_enter(m);
	return m;
}
