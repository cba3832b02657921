/* SPDX-License-Identifier: MIT */
/*
 * include/linux/firmware-map.h — the firmware's memory map for sysfs.
 * Kernel counterpart: include/linux/firmware-map.h, drivers/firmware/memmap.c.
 */
#ifndef _MMSIM_LINUX_FIRMWARE_MAP_H
#define _MMSIM_LINUX_FIRMWARE_MAP_H

#include "linux/types.h"

int firmware_map_add_early(u64 start, u64 end, const char *type);

#endif
