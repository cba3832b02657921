// SPDX-License-Identifier: MIT
/*
 * host/symbols.c — naming host code addresses, and the host call stack.
 *
 * No kernel counterpart (compare kernel/kallsyms.c and the %pS printk
 * format, and arch/x86/kernel/dumpstack.c).  The simulated kernel's
 * functions are host functions; to print "Allocated in foo+0x2e/0x90"
 * or a call trace as the kernel does, a code address is looked up in the
 * executable's own ELF symbol table (/proc/self/exe, read once):
 *
 *   address - load bias  ->  the FUNC symbol [value, value + size)
 *   "name+0x<offset>/0x<size>"
 *
 * The table is read-only host information shared by every machine in
 * the process, built once under pthread_once.  A stripped binary, or an
 * address outside the executable (libc), prints as "0x<address>".
 */
#include "linux/kernel.h"
#include "mmsim/caller.h"
#include "mmsim/host.h"

#include <dlfcn.h>
#include <elf.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct host_sym {
	unsigned long start, size;
	const char *name;
};

static struct {
	pthread_once_t once;
	char *image;               /* the executable's bytes */
	struct host_sym *syms;     /* sorted by start */
	size_t nr;
	unsigned long bias;        /* load address of a PIE executable */
} symtab = { PTHREAD_ONCE_INIT, NULL, NULL, 0, 0 };

static int sym_cmp(const void *a, const void *b)
{
	const struct host_sym *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static bool elf_ok(const char *img, size_t len)
{
	const Elf64_Ehdr *eh = (const void *)img;

	return len >= sizeof(*eh) && !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_shoff &&
	       eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) <= len;
}

/* Copy the function symbols of section @sh (a SHT_SYMTAB) into the table. */
static void load_symbols(const Elf64_Shdr *shdrs, const Elf64_Shdr *sh,
			 size_t len)
{
	const Elf64_Shdr *strsec = &shdrs[sh->sh_link];
	const Elf64_Sym *sym = (const void *)(symtab.image + sh->sh_offset);
	size_t i, n = sh->sh_size / sizeof(Elf64_Sym);

	if (sh->sh_offset + sh->sh_size > len ||
	    strsec->sh_offset + strsec->sh_size > len)
		return;
	symtab.syms = calloc(n, sizeof(*symtab.syms));
	if (!symtab.syms)
		return;
	for (i = 0; i < n; i++) {
		if (ELF64_ST_TYPE(sym[i].st_info) != STT_FUNC || !sym[i].st_size ||
		    sym[i].st_name >= strsec->sh_size)
			continue;
		symtab.syms[symtab.nr].start = sym[i].st_value;
		symtab.syms[symtab.nr].size = sym[i].st_size;
		symtab.syms[symtab.nr].name =
			symtab.image + strsec->sh_offset + sym[i].st_name;
		symtab.nr++;
	}
	qsort(symtab.syms, symtab.nr, sizeof(*symtab.syms), sym_cmp);
}

static void symtab_load(void)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	Dl_info info;
	size_t len, i;

	symtab.image = host_read_file("/proc/self/exe", &len);
	if (!symtab.image || !elf_ok(symtab.image, len))
		return;
	eh = (const void *)symtab.image;
	sh = (const void *)(symtab.image + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_SYMTAB && sh[i].sh_link < eh->e_shnum) {
			load_symbols(sh, &sh[i], len);
			break;
		}
	if (eh->e_type == ET_DYN && dladdr((void *)symtab_load, &info))
		symtab.bias = (unsigned long)info.dli_fbase;
}

char *host_symbolize(unsigned long addr, char *buf, size_t size)
{
	unsigned long off;
	size_t lo = 0, hi;

	pthread_once(&symtab.once, symtab_load);
	off = addr - symtab.bias;
	hi = symtab.nr;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (symtab.syms[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && off - symtab.syms[lo - 1].start < symtab.syms[lo - 1].size) {
		const struct host_sym *s = &symtab.syms[lo - 1];

		snprintf(buf, size, "%s+0x%lx/0x%lx", s->name, off - s->start,
			 s->size);
		return buf;
	}
	snprintf(buf, size, "0x%lx", addr);
	return buf;
}

int host_stack_trace(unsigned long *entries, int max)
{
	void *frames[64];
	int n, i;

	if (max > 64)
		max = 64;
	n = backtrace(frames, max);
	for (i = 0; i < n; i++)
		entries[i] = (unsigned long)frames[i];
	return n;
}

/* include/mmsim/caller.h */
__thread const char *mmsim_caller_slot;

const char *mmsim_caller(const void *ret_ip)
{
	static __thread char buf[160];
	const char *name = mmsim_caller_slot;

	mmsim_caller_slot = NULL;
	if (name)
		return name;
	return host_symbolize((unsigned long)ret_ip, buf, sizeof(buf));
}
