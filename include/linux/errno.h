/* SPDX-License-Identifier: MIT */
/*
 * include/linux/errno.h — error numbers; the simulated kernel returns
 * -errno exactly as the real one does.  Kernel counterpart:
 * include/uapi/asm-generic/errno-base.h.
 */
#ifndef _MMSIM_LINUX_ERRNO_H
#define _MMSIM_LINUX_ERRNO_H
#include <errno.h>
#endif
