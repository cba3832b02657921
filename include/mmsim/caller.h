/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/caller.h — the name a kernel entry point prints for the
 * function that called it.
 *
 * Kernel counterpart: _RET_IP_ (__builtin_return_address(0)) printed with
 * %pS, which the kernel resolves through kallsyms.
 *
 * memblock_add(), memblock_alloc(), vmalloc(), ioremap() ... are real
 * functions of the kernel's names and signatures (so `break memblock_add`
 * works in GDB).  Their memblock=debug lines and /proc/vmallocinfo rows
 * name the caller as the kernel's do.  The kernel's log names the function
 * its own compiler left the return address in; that is the source's
 * caller, which mmsim's compiler may have inlined elsewhere.  So the
 * header that declares such a function also wraps its name:
 *
 *   #define memblock_add(base, size) MMSIM_CALLED_FROM(memblock_add, base, size)
 *
 *   at the call:   slot = __func__, then memblock_add(base, size)  (the function)
 *   in the callee: MMSIM_RET_CALLER  -> the slot's name, taken (emptied);
 *                  or, called without the wrapper (a function pointer,
 *                  GDB's `call`, `(memblock_add)(...)`), the return
 *                  address as %pS prints it, "func+0xoff/0xsize".
 *
 * The slot is a per-thread register-like value: written just before the
 * call, read at the callee's entry, never kept.  Arguments are evaluated
 * after the slot is written, so a wrapped call nested in the arguments of
 * another takes the slot and leaves the outer one naming its return address.
 */
#ifndef _MMSIM_CALLER_H
#define _MMSIM_CALLER_H

extern __thread const char *mmsim_caller_slot;

#define MMSIM_CALLED_FROM(fn, ...) (mmsim_caller_slot = __func__, fn(__VA_ARGS__))

/* The caller's name: the slot's (emptied), else @ret_ip symbolized. */
const char *mmsim_caller(const void *ret_ip);

#define MMSIM_RET_CALLER mmsim_caller(__builtin_return_address(0))

#endif /* _MMSIM_CALLER_H */
