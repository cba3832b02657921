// SPDX-License-Identifier: MIT
/*
 * tests/peer/maple/glue_mmsim.c — what mmsim's lib/maple_tree.c needs
 * from the rest of mmsim, supplied from the kernel's user-space test
 * harness (tools/testing/radix-tree) instead.
 *
 * No kernel counterpart.  Built with mmsim's headers, linked with mmsim's
 * lib/maple_tree.o, the harness's linux.o (its kmem_cache, which counts
 * and can fail allocations that may not sleep) and the test file.  The
 * "maple_node" cache pointer lives where lib/maple_tree.c looks for it,
 * in current_machine.
 */
#include "linux/maple_tree.h"
#include "linux/slab.h"
#include "linux/printk.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_prelude.h"

static struct machine peer_machine;
__thread struct machine *current_machine = &peer_machine;

int maple_tree_tests_run;
int maple_tree_tests_passed;

struct list_lru;
void *kmem_cache_alloc_lru(struct kmem_cache *cachep, struct list_lru *lru,
			   int flags);
void kmem_cache_set_non_kernel(struct kmem_cache *cachep, unsigned int val);
unsigned long kmem_cache_get_alloc(struct kmem_cache *cachep);
unsigned long kmem_cache_nr_allocated(struct kmem_cache *cachep);
unsigned long kmem_cache_nr_tallocated(struct kmem_cache *cachep);
void kmem_cache_zero_nr_tallocated(struct kmem_cache *cachep);

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc_lru(s, NULL, (int)flags);
}

void mt_set_non_kernel(unsigned int val)
{
	kmem_cache_set_non_kernel(current_machine->maple_node_cache, val);
}

unsigned long mt_get_alloc_size(void)
{
	return kmem_cache_get_alloc(current_machine->maple_node_cache);
}

void mt_zero_nr_tallocated(void)
{
	kmem_cache_zero_nr_tallocated(current_machine->maple_node_cache);
}

unsigned int mt_nr_tallocated(void)
{
	return kmem_cache_nr_tallocated(current_machine->maple_node_cache);
}

unsigned int mt_nr_allocated(void)
{
	return kmem_cache_nr_allocated(current_machine->maple_node_cache);
}

void mt_cache_shrink(void)
{
}

void *host_alloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p)
		abort();
	return p;
}

void *host_realloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p && size)
		abort();
	return p;
}

void host_free(void *p)
{
	free(p);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;   /* the KERN_<LEVEL> prefix */
	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void mmsim_warn(const char *file, int line, const char *func, const char *cond)
{
	printf("WARNING: %s:%d %s: %s\n", file, line, func, cond);
}

void mmsim_bug(const char *file, int line, const char *func, const char *cond)
{
	printf("BUG: %s:%d %s: %s\n", file, line, func, cond);
	abort();
}

void spin_lock_init(spinlock_t *l)
{
	pthread_spin_init(&l->lock, PTHREAD_PROCESS_PRIVATE);
	l->owner = -1;
}

void spin_lock(spinlock_t *l)
{
	pthread_spin_lock(&l->lock);
}

void spin_unlock(spinlock_t *l)
{
	pthread_spin_unlock(&l->lock);
}

void mmsim_spin_lock_init(mmsim_spinlock_t *l)
{
	spin_lock_init((spinlock_t *)l);
}

void mmsim_spin_lock(mmsim_spinlock_t *l)
{
	spin_lock((spinlock_t *)l);
}

void mmsim_spin_unlock(mmsim_spinlock_t *l)
{
	spin_unlock((spinlock_t *)l);
}
