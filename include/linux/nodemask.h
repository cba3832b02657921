/* SPDX-License-Identifier: MIT */
/*
 * include/linux/nodemask.h — which nodes are possible, online, have memory.
 *
 * Kernel counterpart: include/linux/nodemask.h.  The masks are the current
 * machine's (struct mm_state::node_state); iteration is over node ids
 * 0 .. MAX_NUMNODES-1 in order, as for_each_node_mask() does.
 */
#ifndef _MMSIM_LINUX_NODEMASK_H
#define _MMSIM_LINUX_NODEMASK_H

#include "linux/numa.h"
#include "mmsim/machine.h"

static inline bool node_state(int node, enum node_states state)
{
	return current_machine->mm.node_state[state][node];
}

static inline void node_set_state(int node, enum node_states state)
{
	current_machine->mm.node_state[state][node] = true;
}

static inline void node_clear_state(int node, enum node_states state)
{
	current_machine->mm.node_state[state][node] = false;
}

static inline int next_node_state(int node, enum node_states state)
{
	for (node++; node < MAX_NUMNODES; node++)
		if (node_state(node, state))
			return node;
	return MAX_NUMNODES;
}

static inline int first_node_state(enum node_states state)
{
	return next_node_state(-1, state);
}

static inline int num_node_state(enum node_states state)
{
	int n, count = 0;

	for (n = 0; n < MAX_NUMNODES; n++)
		count += node_state(n, state);
	return count;
}

#define for_each_node_state(node, state)                                    \
	for ((node) = first_node_state(state); (node) < MAX_NUMNODES;       \
	     (node) = next_node_state((node), (state)))

#define node_online(node) node_state((node), N_ONLINE)
#define node_possible(node) node_state((node), N_POSSIBLE)
#define node_set_online(node) node_set_state((node), N_ONLINE)
#define for_each_online_node(node) for_each_node_state(node, N_ONLINE)
#define for_each_node(node) for_each_node_state(node, N_POSSIBLE)
#define num_online_nodes() num_node_state(N_ONLINE)
#define first_online_node first_node_state(N_ONLINE)

/* The next online node after @node, wrapping around. */
static inline int next_online_node_in(int node)
{
	int n = next_node_state(node, N_ONLINE);

	return n < MAX_NUMNODES ? n : first_node_state(N_ONLINE);
}

#endif /* _MMSIM_LINUX_NODEMASK_H */
