/* SPDX-License-Identifier: MIT */
/*
 * include/linux/binfmts.h — what execve knows about the program it loads.
 *
 * Kernel counterpart: include/linux/binfmts.h (struct linux_binprm),
 * Linux 6.1.  fs/exec.c fills a linux_binprm (the new mm's first stack
 * page with the file name, envp and argv strings at its top), then
 * fs/binfmt_elf.c's load_elf_binary() maps the image and writes the
 * argc/argv/envp/auxv tables below the strings.
 *
 *   STACK_TOP ─┬─ 8 bytes of zeros (the end marker)
 *              ├─ "/probe\0"          bprm->exec: AT_EXECFN
 *              ├─ envp strings, argv strings (mm->arg_start ..)
 *              ├─ "x86_64\0"          AT_PLATFORM
 *              ├─ 16 random bytes      AT_RANDOM
 *              ├─ auxv, envp[], argv[], argc   (16-byte aligned)
 *   bprm->p ───┘  = mm->start_stack
 *
 * mmsim_execve() is the C API's way in: the first process runs
 * execve("/probe", ["/probe"], []) of an image the host hands it.
 */
#ifndef _MMSIM_LINUX_BINFMTS_H
#define _MMSIM_LINUX_BINFMTS_H

#include "linux/types.h"

struct file;
struct mm_struct;
struct task_struct;
struct vm_area_struct;

#define MAX_ARG_STRLEN (PAGE_SIZE * 32)

/* setup_arg_pages()'s executable_stack (include/linux/binfmts.h) */
#define EXSTACK_DEFAULT   0
#define EXSTACK_DISABLE_X 1
#define EXSTACK_ENABLE_X  2

struct linux_binprm {
	struct vm_area_struct *vma;   /* the stack while it is being built */
	unsigned long vma_pages;
	struct mm_struct *mm;
	unsigned long p;              /* current top of the stack data */
	struct file *file;            /* the image, open on the tmpfs root */
	const char *filename;         /* "/probe" */
	int argc, envc;
	unsigned long exec;           /* user address of the file name */
	unsigned long loader;
	unsigned long rlim_stack_cur; /* bprm->rlim_stack.rlim_cur */
	unsigned long stack_top;      /* mmsim: the final top, chosen first */
	int secureexec;
	/* mmsim: the host copy of the image and what the loader found */
	const u8 *image;
	size_t image_size;
};

/* A loaded segment, as the probe finds its own (for its population). */
struct elf_segment {
	unsigned long start, end;  /* p_vaddr .. p_vaddr + p_memsz */
	bool writable;             /* PF_W */
};
#define MMSIM_MAX_ELF_SEGS 16

/* STACK_TOP: x86_64 TASK_SIZE_LOW; 32-bit ARM TASK_SIZE with the 3G/1G split */
#define STACK_TOP_X86_64 0x00007ffffffff000UL
#define TASK_SIZE_ARM    0xbf000000UL

/* personality(2) bits (include/uapi/linux/personality.h) */
#define ADDR_NO_RANDOMIZE 0x0040000
#define ADDR_COMPAT_LAYOUT 0x0200000

/* fs/exec.c */
int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top,
		    int executable_stack);
void setup_new_exec(struct linux_binprm *bprm);
int copy_string_kernel(const char *arg, struct linux_binprm *bprm);
/* fs/binfmt_elf.c */
int load_elf_binary(struct linux_binprm *bprm);
/* The PT_LOAD segments of an image: their count, or -ENOEXEC. */
int elf_load_segments(const void *image, size_t size, struct elf_segment *segs,
		      int max);
/* arch/x86/entry/vdso/vma.c, arch/arm/kernel/vdso.c */
int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp);
unsigned long arch_align_stack(unsigned long sp);
/* 32-bit ARM's arch_setup_additional_pages (arch/arm/kernel/vdso.c) */
int arm_setup_additional_pages(struct linux_binprm *bprm);
struct vm_operations_struct;
/* A VMA with its own operations (6.1: mm/mmap.c); ERR_PTR on failure. */
struct vm_area_struct *_install_special_mapping(struct mm_struct *mm,
						unsigned long addr, unsigned long len,
						unsigned long vm_flags,
						const struct vm_operations_struct *ops);
unsigned long randomize_stack_top(unsigned long stack_top);

/*
 * execve(@path, [@path], []) in @task (a task with an empty mm, as
 * mmsim_task_create() makes it) of the ELF @image: @path is created on
 * the tmpfs root with the image's bytes (unless it exists: then that
 * file is run, and @image only tells its segments), then loaded.  The PT_LOAD
 * segments are returned in @segs (at most MMSIM_MAX_ELF_SEGS).  Returns
 * 0, or -errno with a one-line reason in @msg.  The file stays on the
 * tmpfs root, also after a failure: the caller unlinks it when done.
 */
int mmsim_execve(struct task_struct *task, const char *path, const void *image,
		 size_t size, struct elf_segment *segs, int *nr_segs, char *msg,
		 size_t msglen);

#endif /* _MMSIM_LINUX_BINFMTS_H */
