/* SPDX-License-Identifier: MIT */
/*
 * include/linux/types.h — the kernel's basic integer types, on a 64-bit host.
 *
 * Kernel counterpart: include/linux/types.h, include/uapi/asm-generic/int-ll64.h.
 *
 * mmsim is one host binary that simulates both a 64-bit (x86_64) and a
 * 32-bit (ARM) kernel.  The C types below are therefore the widest the
 * simulated kernels need: phys_addr_t is always 64 bits here, and the
 * width the simulated kernel really has (32 bits on ARM without LPAE) is a
 * run-time property of the machine (see PHYS_ADDR_MAX in <linux/kernel.h>
 * and the %pa printing width in lib/vsprintf.c).
 */
#ifndef _MMSIM_LINUX_TYPES_H
#define _MMSIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;
typedef u64 resource_size_t;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

#define __init
#define __initdata
#define __meminit
#define __init_memblock
#define __initdata_memblock
#define __ref
#define __refdata
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define __maybe_unused __attribute__((unused))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __cold __attribute__((cold))
/*
 * An mmsim helper that stands for part of a kernel inline function: kept
 * out of the call trees of the call-tree build (-finstrument-functions),
 * so they show the kernel's calls.
 */
#define mmsim_notrace __attribute__((no_instrument_function))
#define __noreturn __attribute__((noreturn))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#endif /* _MMSIM_LINUX_TYPES_H */
