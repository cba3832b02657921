/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/guest.h — the memory of a real guest that mmsim does not
 * simulate, held in its stead (mm/guest_kernel.c; `mmsim run
 * --guest-kernel SIZE --guest-shmem SIZE --guest-anon SIZE`).
 *
 * No kernel counterpart: the oracle's guest runs a kernel with a whole
 * root file system and an init; mmsim's machine runs the probe alone.
 */
#ifndef _MMSIM_GUEST_H
#define _MMSIM_GUEST_H

#include "linux/types.h"

struct task_struct;

/*
 * mm/guest_kernel.c: the memory the rest of a real guest holds (`run
 * --guest-kernel/--guest-shmem/--guest-anon`), taken after the boot in
 * the real boot's order: @kernel_bytes of unmovable kernel memory for
 * good, @shmem_bytes of tmpfs page cache (the initramfs root), then
 * @anon_bytes of anonymous memory of the guest's init, a task of its own
 * (pid 1, unkillable).  0, or a negative errno (-ENOMEM when the machine
 * has not that much) with *@failed naming the part that could not be
 * taken; what was taken stays.  mmsim_guest_release() ends the init task.
 */
struct mmsim_guest {
	u64 kernel_bytes;
	u64 shmem_bytes;
	u64 anon_bytes;
};
enum mmsim_guest_part { MMSIM_GUEST_KERNEL, MMSIM_GUEST_SHMEM, MMSIM_GUEST_ANON };
int mmsim_guest_hold(const struct mmsim_guest *g, enum mmsim_guest_part *failed);
void mmsim_guest_release(void);
/* @p is the guest's init of mmsim_guest_hold() (oom_kill: is_global_init) */
bool mmsim_is_guest_init(const struct task_struct *p);

#endif /* _MMSIM_GUEST_H */
