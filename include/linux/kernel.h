/* SPDX-License-Identifier: MIT */
/*
 * include/linux/kernel.h — arithmetic helpers, assertions and limits that
 * every part of the simulated kernel uses.
 *
 * Kernel counterparts: include/linux/kernel.h, include/linux/minmax.h,
 * include/linux/align.h, include/linux/math.h, include/asm-generic/bug.h,
 * include/linux/mmdebug.h.
 *
 * Self-checks follow the kernel's split:
 *   BUG_ON(c)      an invariant of mmsim itself is broken: report and abort.
 *   WARN_ON(c)     suspicious but survivable: print the kernel's WARNING
 *                  header once per site and carry on; evaluates to !!c.
 *   VM_BUG_ON(c)   like BUG_ON, compiled in when MMSIM_DEBUG >= 1; when
 *                  compiled out the condition is still type-checked.
 * None of these is ever used for user input or for running out of memory:
 * those are ordinary errors with messages (see STYLE.md).
 */
#ifndef _MMSIM_LINUX_KERNEL_H
#define _MMSIM_LINUX_KERNEL_H

#include "linux/types.h"
#include "linux/sizes.h"
#include <limits.h>

#ifndef MMSIM_DEBUG
#define MMSIM_DEBUG 1
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b) ({ t _a = (a); t _b = (b); _a < _b ? _a : _b; })
#define max_t(t, a, b) ({ t _a = (a); t _b = (b); _a > _b ? _a : _b; })
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define swap(a, b) do { __typeof__(a) _t = (a); (a) = (b); (b) = _t; } while (0)

/* @a must be a power of two for the masking forms. */
#define __round_mask(x, y) ((__typeof__(x))((y) - 1))
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))

#define ULLONG_MAX_ (~0ULL)
#define U64_MAX ((u64)~0ULL)
#define U32_MAX ((u32)~0U)

#define BITS_PER_LONG 64
#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Reports for the checks below live in lib/bug.c. */
void __noreturn mmsim_bug(const char *file, int line, const char *func,
			  const char *cond);
void mmsim_warn(const char *file, int line, const char *func, const char *cond);
void __noreturn mmsim_boot_bug(const char *kfile, int kline);

#define BUG() mmsim_bug(__FILE__, __LINE__, __func__, "BUG()")
#define BUG_ON(c)                                                     \
	do {                                                          \
		if (unlikely(c))                                      \
			mmsim_bug(__FILE__, __LINE__, __func__, #c);  \
	} while (0)
#define WARN_ON(c)                                                          \
	({                                                                  \
		bool __w = !!(c);                                           \
		if (unlikely(__w))                                          \
			mmsim_warn(__FILE__, __LINE__, __func__, #c);       \
		__w;                                                        \
	})
#define WARN_ON_ONCE(c)                                                     \
	({                                                                  \
		static bool __warned;                                       \
		bool __w = !!(c);                                           \
		if (unlikely(__w) && !__warned) {                           \
			__warned = true;                                    \
			mmsim_warn(__FILE__, __LINE__, __func__, #c);       \
		}                                                           \
		__w;                                                        \
	})
#define WARN_ONCE(c, ...) WARN_ON_ONCE(c)

#if MMSIM_DEBUG >= 1
#define VM_BUG_ON(c) BUG_ON(c)
#define VM_WARN_ON_ONCE(c) WARN_ON_ONCE(c)
#else
#define VM_BUG_ON(c) ((void)sizeof(!!(c)))
#define VM_WARN_ON_ONCE(c) ((void)sizeof(!!(c)))
#endif

/*
 * The simulated kernel's word sizes are properties of the machine, not of
 * the host compiler (a 32-bit ARM kernel runs on a 64-bit host).  See
 * struct arch_params in <mmsim/machine.h>.
 */
#define PHYS_ADDR_MAX (current_arch_phys_addr_max())
phys_addr_t current_arch_phys_addr_max(void);

/* lib/cmdline.c: command-line number parsing, as the kernel's. */
unsigned long long memparse(const char *ptr, char **retptr);
int get_option(char **str, int *pint);
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
char *next_arg(char *args, char **param, char **val);
char *skip_spaces(const char *str);

#endif /* _MMSIM_LINUX_KERNEL_H */
