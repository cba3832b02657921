// SPDX-License-Identifier: MIT
/*
 * host/gdb_autoload.c — tells GDB where mmsim's helpers are.
 *
 * No kernel counterpart (compare scripts/gdb/vmlinux-gdb.py, which the
 * kernel's build links next to vmlinux).  `make debug` defines
 * MMSIM_GDB_SCRIPT as the absolute path of scripts/gdb/mmsim.py; this file
 * then puts it in a .debug_gdb_scripts section (entry kind 1: a Python file
 * name), which GDB sources when the binary is loaded and its auto-load
 * safe-path allows the directory.  Other builds carry no such section.
 */
#ifdef MMSIM_GDB_SCRIPT
__asm__(".pushsection \".debug_gdb_scripts\", \"MS\", @progbits, 1\n"
	".byte 1\n"
	".asciz \"" MMSIM_GDB_SCRIPT "\"\n"
	".popsection\n");
#else
/* ISO C wants a translation unit to declare something. */
typedef int mmsim_gdb_autoload_unused;
#endif
