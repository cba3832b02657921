/* SPDX-License-Identifier: MIT */
/*
 * tests/peer/maple/peer_prelude.h — put in front of mmsim's
 * include/linux/maple_tree.h when Linux's maple tree tests include it.
 *
 * No kernel counterpart.  The tests are built with the kernel's
 * tools/testing/radix-tree headers, where spinlock_t is a pthread mutex;
 * mmsim's struct maple_tree holds mmsim's spinlock_t, so run.sh renames
 * that type and its functions to the ones below (same layout as mmsim's,
 * implemented in glue_mmsim.c) and both sides agree on every structure.
 */
#ifndef _PEER_MAPLE_PRELUDE_H
#define _PEER_MAPLE_PRELUDE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <limits.h>

typedef struct {
	pthread_spinlock_t lock;
	int owner;
} mmsim_spinlock_t;

void mmsim_spin_lock_init(mmsim_spinlock_t *l);
void mmsim_spin_lock(mmsim_spinlock_t *l);
void mmsim_spin_unlock(mmsim_spinlock_t *l);

#endif
