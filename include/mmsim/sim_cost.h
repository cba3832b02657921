/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/sim_cost.h — what the simulated machine's work costs in
 * simulated time.
 *
 * No kernel counterpart: the real kernel takes the time its CPUs and its
 * disk take.  mmsim charges these figures (sim_charge(), kernel/kthread.c)
 * so that its clock moves while a task faults and reclaims, the swap disk
 * has a latency, and kswapd can run beside the task (see kthread.c).
 *
 * Where the figures come from: the oracle itself, once.  The guest is a
 * QEMU TCG machine, so its time is the emulator's, not a real CPU's.  Its
 * least loaded swap boot (pc-m256M-smp1, file-anon-mix, console.log of
 * the regen run: `Run /init` at 2.72 s, `reboot: Power down` at 24.09 s)
 * took 21.4 s for 333,697 page operations (the script's pgfault 70,618,
 * pgscan_kswapd + pgscan_direct 153,204, pswpout 44,710, pswpin 65,165):
 * 64 us per page operation.  Every per-page cost below is that one
 * figure; nothing is set per script.  The other boots of the same run
 * took 1.4-2.3 times as long per page: the host's load (their `Run /init`
 * came at 3.5-36 s instead of 2.7 s), which is why the least loaded one
 * is the measure.
 *
 * With one CPU the task and a woken thread share it in slices of
 * SIM_SCHED_SLICE_NS: CFS's sched_latency (6 ms, times 1 + ilog2(1) on
 * one CPU) split between the two runnable tasks.
 */
#ifndef _MMSIM_SIM_COST_H
#define _MMSIM_SIM_COST_H

#define SIM_PAGE_OP_NS          64000ULL  /* the measured unit, above */

#define SIM_COST_FAULT_NS       SIM_PAGE_OP_NS  /* a user fault, page zeroed or copied */
#define SIM_COST_SCAN_NS        SIM_PAGE_OP_NS  /* a page reclaim isolates and decides */
#define SIM_COST_SWAP_WRITE_NS  SIM_PAGE_OP_NS  /* the disk writing one page */
#define SIM_COST_SWAP_READ_NS   SIM_PAGE_OP_NS  /* the disk reading one page */

#define SIM_SCHED_SLICE_NS      3000000ULL

#endif /* _MMSIM_SIM_COST_H */
