/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/host_symbols.h — names and source files of host code.
 *
 * No kernel counterpart (compare kallsyms, and the DWARF the kernel's
 * scripts/faddr2line reads).  host/symbol_source.c looks a code address
 * of the mmsim executable up in its own ELF symbol table and DWARF
 * compile units (/proc/self/exe): the function's name without GCC's
 * clone suffixes (.isra.0, .constprop.0, .part.0), and the .c file it was
 * compiled from, as the build named it ("mm/memblock.c").
 */
#ifndef _MMSIM_HOST_SYMBOLS_H
#define _MMSIM_HOST_SYMBOLS_H

#include <stddef.h>

/* The function containing @addr, or "0x<addr>"; returns @buf. */
char *host_symbol_name(unsigned long addr, char *buf, size_t size);

/* The compile unit (source .c file) containing @addr, or "?"; returns @buf. */
char *host_symbol_file(unsigned long addr, char *buf, size_t size);

#endif
