// SPDX-License-Identifier: MIT
/*
 * host/symbol_source.c — a code address to its function name and .c file.
 *
 * No kernel counterpart (compare scripts/faddr2line).  The name comes from
 * host_symbolize() (host/symbols.c, the ELF symbol table) with the offset
 * and GCC's clone suffixes cut off; the file from the DWARF compile unit
 * that covers the address, read with elfutils' libdw from /proc/self/exe
 * once per process.  The build compiles every file by its path relative
 * to the project root, so the unit's name is "mm/memblock.c", the kernel's
 * own spelling.  Without debug information the file is "?".
 */
#include "mmsim/host.h"
#include "mmsim/host_symbols.h"

#include <dlfcn.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct {
	pthread_once_t once;
	Dwarf *dbg;
	unsigned long bias;     /* load address of the PIE executable */
	pthread_mutex_t lock;   /* libdw's lazy reading is not thread-safe */
} dwarf = { PTHREAD_ONCE_INIT, NULL, 0, PTHREAD_MUTEX_INITIALIZER };

static void dwarf_open(void)
{
	Dl_info info;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	dwarf.dbg = dwarf_begin(fd, DWARF_C_READ);
	/* libdw keeps reading through fd: it stays open for the process */
	if (!dwarf.dbg)
		close(fd);
	if (dladdr((void *)dwarf_open, &info))
		dwarf.bias = (unsigned long)info.dli_fbase;
}

char *host_symbol_name(unsigned long addr, char *buf, size_t size)
{
	char *cut;

	host_symbolize(addr, buf, size);
	cut = strchr(buf, '+');
	if (cut)
		*cut = '\0';
	cut = strchr(buf, '.');         /* foo.isra.0, foo.part.0, foo.cold */
	if (cut && cut != buf)
		*cut = '\0';
	return buf;
}

char *host_symbol_file(unsigned long addr, char *buf, size_t size)
{
	Dwarf_Die cu;
	const char *name = NULL;

	pthread_once(&dwarf.once, dwarf_open);
	pthread_mutex_lock(&dwarf.lock);
	if (dwarf.dbg && dwarf_addrdie(dwarf.dbg, addr - dwarf.bias, &cu))
		name = dwarf_diename(&cu);
	snprintf(buf, size, "%s", name ? name : "?");
	pthread_mutex_unlock(&dwarf.lock);
	return buf;
}
