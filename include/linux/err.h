/* SPDX-License-Identifier: MIT */
/*
 * include/linux/err.h — errors encoded in pointers and unsigned longs.
 *
 * Kernel counterpart: include/linux/err.h.  The top 4095 values of the
 * address space are -errno, never a valid address.
 */
#ifndef _MMSIM_LINUX_ERR_H
#define _MMSIM_LINUX_ERR_H

#include "linux/types.h"

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

#endif /* _MMSIM_LINUX_ERR_H */
