/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/profile.h — facts of a kernel *image* that its .config
 * cannot give.
 *
 * No kernel counterpart: these are what the linker and the build produced
 * (section sizes, symbol offsets, the static per-CPU area, the banner).
 * Each profile is a small documented text file in data/profiles/, one
 * "key = value" per line; the file says where every value was read from.
 * Keys are looked up by name; a missing key is a clear error at boot.
 */
#ifndef _MMSIM_PROFILE_H
#define _MMSIM_PROFILE_H

#include "linux/types.h"

struct profile_entry {
	char *key;
	char *value;
};

struct kernel_profile {
	char *path;
	size_t nr;
	struct profile_entry *entries;
};

struct kernel_profile *profile_load(const char *path, char *err, size_t errlen);
struct kernel_profile *profile_parse(const char *text, const char *name,
				     char *err, size_t errlen);
void profile_free(struct kernel_profile *p);

const char *profile_str(const struct kernel_profile *p, const char *key);
/* The value as a number (decimal, 0x hex, optional K/M suffix); @dflt when absent. */
u64 profile_u64(const struct kernel_profile *p, const char *key, u64 dflt);
bool profile_has(const struct kernel_profile *p, const char *key);
/* The caller name the image's debug lines show for @func (inline.* keys). */
const char *profile_caller(const struct kernel_profile *p, const char *func);

#endif /* _MMSIM_PROFILE_H */
