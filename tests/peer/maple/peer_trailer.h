/* SPDX-License-Identifier: MIT */
/*
 * tests/peer/maple/peer_trailer.h — what the kernel's maple_tree.h gives
 * its test-suite under CONFIG_DEBUG_MAPLE_TREE, for mmsim's header.
 *
 * No kernel counterpart of its own.  MT_BUG_ON counts every check; a
 * failed check is printed and counted, and the run goes on, so the suite
 * reports "N of M tests passed" instead of stopping at the first failure.
 */
#ifndef _PEER_MAPLE_TRAILER_H
#define _PEER_MAPLE_TRAILER_H

extern int maple_tree_tests_run;
extern int maple_tree_tests_passed;

#define MT_BUG_ON(__tree, __x)                                               \
	do {                                                                 \
		__atomic_add_fetch(&maple_tree_tests_run, 1, __ATOMIC_RELAXED); \
		if (__x) {                                                   \
			printf("BUG at %s:%d (%u)\n", __func__, __LINE__,    \
			       (unsigned int)(__x));                         \
			fflush(stdout);                                      \
		} else {                                                     \
			__atomic_add_fetch(&maple_tree_tests_passed, 1,      \
					   __ATOMIC_RELAXED);                \
		}                                                            \
	} while (0)

#define MT_WARN_ON(__tree, __x) ((__x) ? (printf("WARN at %s:%d\n", __func__, __LINE__), 1) : 0)

void mt_set_non_kernel(unsigned int val);
unsigned long mt_get_alloc_size(void);
void mt_zero_nr_tallocated(void);
unsigned int mt_nr_tallocated(void);
unsigned int mt_nr_allocated(void);
void mt_cache_shrink(void);

#endif
