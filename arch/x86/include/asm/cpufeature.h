/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/cpufeature.h — which CPU features the boot CPU has,
 * as far as the memory manager asks.
 *
 * Kernel counterparts: arch/x86/include/asm/cpufeature.h (boot_cpu_has),
 * asm/cpufeatures.h (the feature numbers).
 *
 * The simulated CPU is QEMU's default x86_64 model, `qemu64` (every oracle
 * boot uses it; see shared/oracle/README.md).  Of the features that shape
 * the kernel's page tables it has PSE (2 MiB pages), PGE (global pages)
 * and NX, and lacks pdpe1gb (1 GiB pages), LA57 (5-level paging) and
 * PCID; like every QEMU guest it reports a hypervisor; its vendor is AMD, which the kernel treats as immune to Meltdown,
 * so page-table isolation (PTI) stays off.  A -cpu option would turn this
 * table into a per-machine field.
 */
#ifndef _ASM_X86_CPUFEATURE_H
#define _ASM_X86_CPUFEATURE_H

#include "linux/types.h"

enum x86_feature {
	X86_FEATURE_PSE,     /* 2 MiB (PMD) pages */
	X86_FEATURE_PGE,     /* global pages */
	X86_FEATURE_NX,      /* no-execute bit */
	X86_FEATURE_GBPAGES, /* 1 GiB (PUD) pages: cpuid pdpe1gb */
	X86_FEATURE_LA57,    /* 5-level paging */
	X86_FEATURE_PCID,
	X86_FEATURE_PTI,     /* page-table isolation in use */
	X86_FEATURE_HYPERVISOR, /* cpuid 1:ecx bit 31, set by every QEMU model */
};

#define X86_CPU_QEMU64_CAPS                                       \
	((1u << X86_FEATURE_PSE) | (1u << X86_FEATURE_PGE) |      \
	 (1u << X86_FEATURE_NX) | (1u << X86_FEATURE_HYPERVISOR))

static inline bool boot_cpu_has(enum x86_feature f)
{
	return X86_CPU_QEMU64_CAPS & (1u << f);
}

static inline bool cpu_feature_enabled(enum x86_feature f)
{
	return boot_cpu_has(f);
}

#endif /* _ASM_X86_CPUFEATURE_H */
