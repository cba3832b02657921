/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/kconfig.h — a real kernel .config, read at run time.
 *
 * Kernel counterpart: the build-time CONFIG_* symbols (include/generated/
 * autoconf.h).  The kernel is compiled for one configuration; mmsim reads
 * the configuration when it builds a machine, so one binary can be the
 * Debian amd64 kernel, the Debian armmp kernel, or any other .config.
 *
 * Code asks IS_ENABLED(CONFIG_FOO) and CONFIG_VALUE(CONFIG_FOO, dflt) as
 * it would test the kernel's macros; both look the option up in the
 * current machine's configuration.  Options on hot paths are resolved once
 * into fields of the subsystem that uses them, never looked up per call.
 */
#ifndef _MMSIM_KCONFIG_H
#define _MMSIM_KCONFIG_H

#include "linux/types.h"

struct kconfig_entry {
	char *name;  /* "CONFIG_FOO" */
	char *value; /* "y", "m", "123", "0x1000000", "\"string\"" unquoted */
};

struct kconfig {
	char *path;
	size_t nr;
	struct kconfig_entry *entries; /* sorted by name */
	char *strings;                 /* what the entries' names and values point into */
};

/*
 * Parse a .config file.  Returns NULL and fills @err on a file that cannot
 * be read or is not a kernel configuration (no CONFIG_ lines at all).
 */
struct kconfig *kconfig_load(const char *path, char *err, size_t errlen);
/* Parse .config text already in memory (tests). */
struct kconfig *kconfig_parse(const char *text, const char *name, char *err,
			      size_t errlen);
void kconfig_free(struct kconfig *kc);

const char *kconfig_get(const struct kconfig *kc, const char *name);
bool kconfig_enabled(const struct kconfig *kc, const char *name); /* y or m */
long long kconfig_int(const struct kconfig *kc, const char *name, long long dflt);

const struct kconfig *current_kconfig(void);
#define IS_ENABLED(opt) kconfig_enabled(current_kconfig(), #opt)
#define CONFIG_VALUE(opt, dflt) kconfig_int(current_kconfig(), #opt, dflt)

#endif /* _MMSIM_KCONFIG_H */
