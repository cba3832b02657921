/* SPDX-License-Identifier: MIT */
/*
 * include/linux/start_kernel.h — the architecture-independent boot entry.
 *
 * Kernel counterpart: include/linux/start_kernel.h.  In mmsim start_kernel()
 * returns (0, or -errno when the simulated kernel would have panicked)
 * instead of running init: the machine is left as the kernel leaves it.
 */
#ifndef _MMSIM_LINUX_START_KERNEL_H
#define _MMSIM_LINUX_START_KERNEL_H

int start_kernel(void);
int setup_arch(char **cmdline_p);

#endif /* _MMSIM_LINUX_START_KERNEL_H */
