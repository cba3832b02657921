// SPDX-License-Identifier: MIT
/*
 * tests/common/testmachine.c — see testmachine.h.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t log_seen;

/* The Debian kernel of the architecture: its .config and image profile. */
static void load_default_kernel(enum mmsim_arch arch, struct kconfig **kc,
				struct kernel_profile **p)
{
	const char *name = arch == MMSIM_ARCH_ARM ? "6.1.0-50-armmp" : "6.1.0-56-amd64";
	char path[4096], err[512];

	snprintf(path, sizeof(path), "%s/configs/config-%s", host_data_dir(), name);
	*kc = kconfig_load(path, err, sizeof(err));
	if (!*kc)
		fail_msg("%s", err);
	snprintf(path, sizeof(path), "%s/profiles/debian-%s.profile",
		 host_data_dir(), name);
	*p = profile_load(path, err, sizeof(err));
	if (!*p)
		fail_msg("%s", err);
}

void test_machine_desc_default(struct machine_desc *d)
{
	machine_desc_default(d, MMSIM_ARCH_X86_64);
}

static struct machine *create(const struct machine_desc *d)
{
	struct kconfig *kc;
	struct kernel_profile *p;
	struct machine *m;
	char err[512];

	load_default_kernel(d->arch, &kc, &p);
	m = machine_create(d, kc, p, err, sizeof(err));
	if (!m)
		fail_msg("machine_create: %s", err);
	m->log.console_enabled = false;
	machine_enter(m);
	log_seen = 0;
	return m;
}

struct machine *test_machine_bare(u64 ram_size)
{
	struct machine_desc d;

	test_machine_desc_default(&d);
	strcpy(d.model, "bare");
	d.ram_size = ram_size;
	return create(&d);
}

struct machine *test_machine_boot(const struct machine_desc *desc)
{
	struct machine *m = create(desc);
	int ret = machine_boot(m);

	machine_enter(m);
	if (ret)
		fail_msg("machine_boot: %d", ret);
	return m;
}

/* The ARM machine of seed 003 and the oracle: vexpress-a9, 1 GiB, 4 CPUs. */
void test_machine_desc_arm(struct machine_desc *d)
{
	machine_desc_default(d, MMSIM_ARCH_ARM);
}

void test_machine_destroy(struct machine *m)
{
	machine_destroy(m);
	machine_enter(NULL);
}

char *test_log_take(struct machine *m)
{
	char *out = log_text_since(&m->log, log_seen);

	log_seen = m->log.nr;
	return out;
}

void test_check_eq(const char *file, int line, const char *field,
		   unsigned long long expected, unsigned long long got)
{
	if (expected == got)
		return;
	fail_msg("%s:%d: %s: expected %#llx (%llu), got %#llx (%llu)", file,
		 line, field, expected, expected, got, got);
}

void test_check_str(const char *file, int line, const char *field,
		    const char *expected, const char *got)
{
	if (expected && got && !strcmp(expected, got))
		return;
	fail_msg("%s:%d: %s: expected '%s', got '%s'", file, line, field,
		 expected ? expected : "(null)", got ? got : "(null)");
}

const char *test_fixture_path(const char *rel)
{
	static char path[4096];
	const char *data = host_data_dir();
	size_t n = strlen(data);

	/* data/ and tests/ are siblings in the source tree */
	snprintf(path, sizeof(path), "%.*s/tests/fixtures/%s",
		 (int)(n >= 5 ? n - 5 : 0), data, rel);
	return path;
}
