/* SPDX-License-Identifier: MIT */
/*
 * The memblock test suite's <linux/memory_hotplug.h>: its movable_node
 * switch (tests/common.c defines the variable).  mmsim's memblock reads its
 * own k_movable_node, so the suite's --movable-node option is not wired.
 */
#ifndef _PEER_LINUX_MEMORY_HOTPLUG_H
#define _PEER_LINUX_MEMORY_HOTPLUG_H
#include <linux/types.h>
extern bool movable_node_enabled;
static inline bool movable_node_is_enabled(void)
{
	return movable_node_enabled;
}
#endif
