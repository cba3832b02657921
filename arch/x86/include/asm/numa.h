/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/numa.h — x86 NUMA discovery state.
 *
 * Kernel counterparts: arch/x86/mm/numa_internal.h, arch/x86/include/asm/numa.h.
 *
 * numa_meminfo is the list of (start, end, node) memory blocks that the
 * firmware (ACPI SRAT), the NUMA emulation (numa=fake=) or the dummy
 * "one node covering everything" set-up describes; numa_init() cleans it
 * up, gives memblock its node ids and allocates every node's pg_data_t.
 */
#ifndef _ASM_X86_NUMA_H
#define _ASM_X86_NUMA_H

#include "linux/types.h"
#include "linux/numa.h"

#define NR_NODE_MEMBLKS_LIMIT (MMSIM_MAX_NUMNODES_LIMIT * 2)
#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20
#define MAX_LOCAL_APIC 32768

struct numa_memblk {
	u64 start;
	u64 end;
	int nid;
};

struct numa_meminfo {
	int nr_blks;
	struct numa_memblk blk[NR_NODE_MEMBLKS_LIMIT];
};

struct x86_numa {
	struct numa_meminfo meminfo;          /* numa_meminfo */
	struct numa_meminfo reserved_meminfo; /* numa_reserved_meminfo */
	bool nodes_parsed[MMSIM_MAX_NUMNODES_LIMIT]; /* numa_nodes_parsed */
	u8 *distance;                         /* numa_distance (in RAM) */
	int distance_cnt;
	bool numa_off;                        /* numa=off */
	char emu_cmdline[64];                 /* numa=fake=... */
	bool have_emu;
	s16 apicid_to_node[MAX_LOCAL_APIC];
	int cpu_to_node[8192];                /* x86_cpu_to_node_map */
	int emu_nid_to_phys[MMSIM_MAX_NUMNODES_LIMIT];
};

int numa_add_memblk(int nid, u64 start, u64 end);
void numa_set_distance(int from, int to, int distance);
int __node_distance(int from, int to);
void x86_numa_init(void);
void init_cpu_to_node(void);
void numa_set_node(int cpu, int node);
int early_cpu_to_node(int cpu);
int cpu_to_node(int cpu);
void set_apicid_to_node(int apicid, s16 node);
void numa_emulation(struct numa_meminfo *numa_meminfo, int numa_dist_cnt);
int numa_cleanup_meminfo(struct numa_meminfo *mi);
void numa_remove_memblk_from(int idx, struct numa_meminfo *mi);

#define node_distance(a, b) __node_distance(a, b)

#endif /* _ASM_X86_NUMA_H */
