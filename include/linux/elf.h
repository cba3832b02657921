/* SPDX-License-Identifier: MIT */
/*
 * include/linux/elf.h — the ELF file format as the kernel's loader reads
 * it, and the auxiliary-vector tags it writes.
 *
 * Kernel counterparts: include/uapi/linux/elf.h, include/uapi/linux/
 * auxvec.h, arch/x86/include/uapi/asm/auxvec.h (Linux 6.1).  Both word
 * sizes are here: ELF64 for x86_64, ELF32 for 32-bit ARM; fs/binfmt_elf.c
 * reads either into one host-side form (struct elf_image).
 */
#ifndef _MMSIM_LINUX_ELF_H
#define _MMSIM_LINUX_ELF_H

#include "linux/types.h"

#define EI_NIDENT	16
#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2LSB	1

#define ET_EXEC		2
#define ET_DYN		3

#define EM_ARM		40
#define EM_X86_64	62

#define PT_NULL		0
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* Auxiliary vector tags (include/uapi/linux/auxvec.h and the arch's). */
#define AT_NULL		0
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_EXECFN	31
#define AT_SYSINFO_EHDR	33
#define AT_MINSIGSTKSZ	51

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} __attribute__((packed)) Elf64_Ehdr;

typedef struct {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} __attribute__((packed)) Elf64_Phdr;

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u32 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} __attribute__((packed)) Elf32_Ehdr;

typedef struct {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} __attribute__((packed)) Elf32_Phdr;

#endif /* _MMSIM_LINUX_ELF_H */
