/* SPDX-License-Identifier: MIT */
/*
 * include/linux/suspend.h — memory hibernation must not save.
 * Kernel counterpart: include/linux/suspend.h, kernel/power/snapshot.c.
 */
#ifndef _MMSIM_LINUX_SUSPEND_H
#define _MMSIM_LINUX_SUSPEND_H

void register_nosave_region(unsigned long start_pfn, unsigned long end_pfn);

#endif
