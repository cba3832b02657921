/* SPDX-License-Identifier: MIT */
/*
 * The memblock test suite's <linux/memblock.h>: mmsim's, the alias that
 * makes `memblock` the current machine's (tests/peer/memblock/glue.c), and
 * the cache line size of the suite's own build.
 */
#ifndef _PEER_LINUX_MEMBLOCK_H
#define _PEER_LINUX_MEMBLOCK_H
#include_next <linux/memblock.h>
#include "mmsim/machine.h"

/*
 * The suite is built with the tools' <linux/cache.h> (tools/include), whose
 * SMP_CACHE_BYTES is 32, not the x86 kernel's 64; its expected layouts are
 * computed from the alignment it passes.
 */
#undef SMP_CACHE_BYTES
#define SMP_CACHE_BYTES 32
#endif
