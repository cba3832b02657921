/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/track.h — telling AddressSanitizer and Valgrind what the
 * simulated kernel has allocated inside simulated RAM.
 *
 * No kernel counterpart (compare KASAN's kasan_poison/kasan_unpoison, and
 * mimalloc's track.h).  Simulated RAM is one host mapping, so to the
 * sanitizers all of it is always valid.  The allocators call these hooks
 * so that memory they have freed becomes poisoned: a read or write through
 * a stale pointer into freed simulated memory is reported by ASan (in
 * SAN=1 builds) or Valgrind memcheck, with the host stack of the access.
 *
 *   mmsim_track_alloc(p, n)   p..p+n may now be used
 *   mmsim_track_free(p, n)    p..p+n must not be touched until reallocated
 *
 * Both compile to nothing when neither tool is present.
 */
#ifndef _MMSIM_TRACK_H
#define _MMSIM_TRACK_H

#include "linux/types.h"

#if defined(__SANITIZE_ADDRESS__)
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define MMSIM_ASAN_POISON(p, n) __asan_poison_memory_region(p, n)
#define MMSIM_ASAN_UNPOISON(p, n) __asan_unpoison_memory_region(p, n)
#else
#define MMSIM_ASAN_POISON(p, n) ((void)(p), (void)(n))
#define MMSIM_ASAN_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define MMSIM_HAVE_VALGRIND 1
#endif
#endif
#ifndef MMSIM_HAVE_VALGRIND
#define VALGRIND_MAKE_MEM_NOACCESS(p, n) ((void)(p), (void)(n))
#define VALGRIND_MAKE_MEM_UNDEFINED(p, n) ((void)(p), (void)(n))
#endif

#if MMSIM_DEBUG == 0 && !defined(__SANITIZE_ADDRESS__)
/*
 * The DEBUG=0 build (make bench) has no memory checker watching: the
 * annotations and the address arithmetic of their arguments
 * (page_address() is two calls) are left out of the allocators' fast
 * paths.  sizeof() keeps the arguments type-checked, unevaluated.
 */
#define mmsim_track_alloc(p, n) ((void)sizeof(p), (void)sizeof(n))
#define mmsim_track_free(p, n) ((void)sizeof(p), (void)sizeof(n))
#else
static inline void mmsim_track_alloc(void *p, size_t n)
{
	MMSIM_ASAN_UNPOISON(p, n);
	VALGRIND_MAKE_MEM_UNDEFINED(p, n);
}

static inline void mmsim_track_free(void *p, size_t n)
{
	MMSIM_ASAN_POISON(p, n);
	VALGRIND_MAKE_MEM_NOACCESS(p, n);
}
#endif

/* The same for a physical range, through the direct map (<linux/mm.h>). */
void mmsim_track_alloc_phys(phys_addr_t pa, phys_addr_t n);
void mmsim_track_free_phys(phys_addr_t pa, phys_addr_t n);

#endif /* _MMSIM_TRACK_H */
