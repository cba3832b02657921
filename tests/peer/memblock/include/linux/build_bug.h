/* SPDX-License-Identifier: MIT */
/* The memblock test suite's <linux/build_bug.h>: a compile-time check. */
#ifndef _PEER_LINUX_BUILD_BUG_H
#define _PEER_LINUX_BUILD_BUG_H
#ifndef BUILD_BUG_ON
#define BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))
#endif
#endif
