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
#include "mmsim/replay_kmem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LeakSanitizer is there with ASan: gcc says __SANITIZE_ADDRESS__, clang
 * (make fuzz) __has_feature(address_sanitizer). */
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_LSAN 1
#endif
#endif
#ifdef FUZZ_LSAN
#include <sanitizer/lsan_interface.h>
#endif

bool fuzz_replaying;

/*
 * A copy and a memchr() walk over the NULs rather than a byte loop: the
 * loop's branch was instrumented per byte (libFuzzer's comparison hooks),
 * a tenth of an input's time for the 21 KB logs of `replay`.
 */
char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = host_alloc(size + 1), *nul = s, *end = s + size;

	memcpy(s, data, size);
	while ((nul = memchr(nul, '\0', (size_t)(end - nul))))
		*nul++ = '\n';
	return s;
}

void fuzz_kmem_parse_lines(char *text)
{
	struct kmem_event ev;
	int lineno = 0;
	char *line, *save = NULL;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		memset(&ev, 0, sizeof(ev));
		if (kmem_parse_line(line, lineno, &ev) != 1)
			continue;
		if (ev.kind < 0 || ev.kind >= KEV_NR || ev.line != lineno)
			fuzz_check(-1, "kmem_parse_line: kind or line out of range");
		if (ev.cpu < 0)
			fuzz_check(-1, "kmem_parse_line: a negative CPU accepted");
		if (memchr(ev.name, '\0', sizeof(ev.name)) == NULL)
			fuzz_check(-1, "kmem_parse_line: name not terminated");
	}
}

void fuzz_check(int ret, const char *what)
{
	if (ret) {
		fprintf(stderr, "fuzz: %s failed (%d)\n", what, ret);
		abort();
	}
}

static struct machine *at_exit[4];
static bool at_exit_scanned[4];   /* its RAM is an LSan root region */

/*
 * The booted machine keeps host pointers in simulated RAM (node data,
 * zones and their zonelists and per-CPU tables live in memblock memory, as
 * in the kernel).  LeakSanitizer does not scan that mapping, so when
 * libFuzzer runs a leak check after an input (it does when the input's
 * mallocs and frees do not balance) everything the boot allocated looked
 * leaked.  The RAM below the first hole is made a root region LSan scans.
 */
static void lsan_scan_ram(struct machine *m, bool on)
{
#ifdef FUZZ_LSAN
	u64 size = min(m->ram.span, m->desc.ram_size);

	if (!m->ram.base || !size)
		return;
	if (on)
		__lsan_register_root_region(m->ram.base, size);
	else
		__lsan_unregister_root_region(m->ram.base, size);
#else
	(void)m;
	(void)on;
#endif
}

static void destroy_machines(void)
{
	for (int i = 0; i < 4; i++) {
		if (at_exit[i] && at_exit_scanned[i])
			lsan_scan_ram(at_exit[i], false);
		if (at_exit[i] == current_machine_raw)
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

/* The Debian kernels' .config and profile, loaded once per architecture. */
static struct fuzz_image {
	struct kconfig *kc;
	struct kernel_profile *p;
} images[2];

static void free_images(void)
{
	for (int i = 0; i < 2; i++) {
		kconfig_free(images[i].kc);
		profile_free(images[i].p);
	}
}

static struct fuzz_image *image_of(enum mmsim_arch arch)
{
	static const char *const names[2][2] = {
		{ "configs/config-6.1.0-56-amd64", "profiles/debian-6.1.0-56-amd64.profile" },
		{ "configs/config-6.1.0-50-armmp", "profiles/debian-6.1.0-50-armmp.profile" },
	};
	struct fuzz_image *im = &images[arch == MMSIM_ARCH_ARM];
	char path[4096], err[512];

	if (im->kc)
		return im;
	if (!images[0].kc && !images[1].kc)
		atexit(free_images);
	snprintf(path, sizeof(path), "%s/%s", host_data_dir(), names[im - images][0]);
	im->kc = kconfig_load(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/%s", host_data_dir(), names[im - images][1]);
	im->p = profile_load(path, err, sizeof(err));
	if (!im->kc || !im->p) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	return im;
}

void fuzz_image(enum mmsim_arch arch, struct kconfig **kc, struct kernel_profile **p)
{
	struct fuzz_image *im = image_of(arch);

	*kc = im->kc;
	*p = im->p;
}

struct machine *fuzz_machine_create(struct machine_desc *d, char *err, size_t errlen)
{
	struct fuzz_image *im = image_of(d->arch);

	d->borrowed_image = true;
	return machine_create(d, im->kc, im->p, err, errlen);
}

struct machine *fuzz_booted_machine(void)
{
	static struct machine *m;
	static bool tried;
	char err[512];
	struct machine_desc d;

	if (tried)
		return m;
	tried = true;
	machine_desc_default(&d, MMSIM_ARCH_X86_64);
	d.ram_size = 128ULL << 20;
	m = fuzz_machine_create(&d, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	m->log.console_enabled = false;
	fuzz_destroy_at_exit(m);
	fuzz_check(machine_boot(m), "machine_boot");
	lsan_scan_ram(m, true);
	for (int i = 0; i < 4; i++)
		if (at_exit[i] == m)
			at_exit_scanned[i] = true;
	machine_enter(m);
	return m;
}

/*
 * libFuzzer calls this once before the first input: the booted machine
 * is made here, outside its per-input leak check (host memory the machine
 * points to from simulated RAM is invisible to LeakSanitizer's scan).
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_booted_machine();
	return 0;
}
