// SPDX-License-Identifier: MIT
/*
 * fs/exec.c — execve: the new program's first stack page, its argument
 * strings, and setup_arg_pages().
 *
 * Kernel counterpart: fs/exec.c (Linux 6.1): __bprm_mm_init,
 * copy_string_kernel, setup_new_exec, setup_arg_pages; with
 * randomize_stack_top (mm/util.c), arch_align_stack
 * (arch/x86/kernel/process.c) and the `norandmaps` parameter
 * (mm/memory.c), kept here with the code that uses them.
 *
 * The stack of a new program, as 6.1 builds it:
 *
 *   __bprm_mm_init     one page [STACK_TOP_MAX - 4K, STACK_TOP_MAX),
 *                      VM_STACK_FLAGS | VM_STACK_INCOMPLETE_SETUP
 *   copy_string_kernel the file name, then envp, then argv, each pushed
 *                      down from the top (bprm->p)
 *   setup_arg_pages    final flags (PT_GNU_STACK decides VM_EXEC), then
 *                      expand_stack() by 128 KiB: 33 pages in all
 *
 * Where mmsim differs: the task already has its (empty) mm from
 * mmsim_task_create(), which execve uses instead of a fresh one; and the
 * final stack top (randomize_stack_top, arch_align_stack) is chosen first
 * and the first page put there at once rather than moved there later
 * (shift_arg_pages): the same VMA and contents, one page-table history
 * less.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/binfmts.h"
#include "linux/prandom.h"
#include "linux/printk.h"
#include "mmsim/proc_state.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

/* norandmaps: no address-space randomisation (6.1: mm/memory.c). */
static int disable_randmaps(char *s)
{
	randomize_va_space = 0;
	return 0;
}
__setup("norandmaps", disable_randmaps);

static bool machine_is_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

/* x86: up to 8 KiB lower when randomising, 16-byte aligned (ARM: as is). */
unsigned long arch_align_stack(unsigned long sp)
{
	if (machine_is_arm())
		return sp;
	if (!(current->personality & ADDR_NO_RANDOMIZE) && randomize_va_space)
		sp -= prandom_u32_state(current_machine->exec_rnd) % 8192;
	return sp & ~0xfUL;
}

unsigned long randomize_stack_top(unsigned long stack_top)
{
	unsigned long random_variable = 0;

	if (current->flags & PF_RANDOMIZE) {
		random_variable = prandom_u32_state(current_machine->exec_rnd);
		random_variable &= machine_is_arm() ? 0x7ffUL : 0x3fffffUL;
		random_variable <<= PAGE_SHIFT;
	}
	return PAGE_ALIGN(stack_top) - random_variable;
}

/* The first stack page, at @top; bprm->p just below its end. */
static int __bprm_mm_init(struct linux_binprm *bprm, unsigned long top)
{
	struct mm_struct *mm = bprm->mm;
	struct vm_area_struct *vma = vm_area_alloc(mm);
	int err;

	if (!vma)
		return -ENOMEM;
	vma->vm_end = top;
	vma->vm_start = top - PAGE_SIZE;
	vma->vm_flags = VM_STACK_FLAGS | VM_STACK_INCOMPLETE_SETUP;
	vma->vm_flags |= mmsim_proc_state()->vm_softdirty;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	err = insert_vm_struct(mm, vma);
	if (err) {
		vm_area_free(vma);
		return err;
	}
	mm->stack_vm = mm->total_vm = 1;
	bprm->vma = vma;
	bprm->p = vma->vm_end - (machine_is_arm() ? 4 : 8);
	return 0;
}

/* Push @arg (with its NUL) below bprm->p. */
int copy_string_kernel(const char *arg, struct linux_binprm *bprm)
{
	int len = (int)strlen(arg) + 1;

	if (len > (int)MAX_ARG_STRLEN)
		return -E2BIG;
	bprm->p -= (unsigned long)len;
	if (access_remote_vm(bprm->mm, bprm->p, (void *)arg, len,
			     FOLL_WRITE | FOLL_FORCE) != len)
		return -EFAULT;
	return 0;
}

/* The layout of the new mm and the task's new name. */
void setup_new_exec(struct linux_binprm *bprm)
{
	const char *base = strrchr(bprm->filename, '/');

	/* TASK_SIZE, which the layout is computed from */
	current->mm->task_size = machine_is_arm() ? TASK_SIZE_ARM : STACK_TOP_X86_64;
	if (machine_is_arm())
		arm_pick_mmap_layout(current->mm, bprm->rlim_stack_cur);
	else
		arch_pick_mmap_layout(current->mm, bprm->rlim_stack_cur);
	snprintf(current->comm, sizeof(current->comm), "%s",
		 base ? base + 1 : bprm->filename);
}

int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top,
		    int executable_stack)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = bprm->vma;
	unsigned long vm_flags, stack_base, stack_size, rlim_stack;
	const unsigned long stack_expand = 131072UL;

	/* arch_align_stack() was applied when the top was chosen (mmsim_execve) */
	stack_top = PAGE_ALIGN(stack_top);
	if (stack_top < mmap_min_addr ||
	    vma->vm_end - vma->vm_start >= stack_top - mmap_min_addr)
		return -ENOMEM;
	if (vma->vm_end != stack_top) /* see the file comment */
		return -EINVAL;
	mm->arg_start = bprm->p;

	vm_flags = VM_STACK_FLAGS;
	if (executable_stack == EXSTACK_ENABLE_X)
		vm_flags |= VM_EXEC;
	else if (executable_stack == EXSTACK_DISABLE_X)
		vm_flags &= ~VM_EXEC;
	vm_flags |= mm->def_flags;
	/* mprotect_fixup() of the whole (single) VMA: VM_SOFTDIRTY goes */
	vma->vm_flags = vm_flags;
	vma_set_page_prot(vma);
	if (vm_flags & VM_EXEC)
		pr_warn("process '%s' started with executable stack\n", bprm->filename);

	stack_size = vma->vm_end - vma->vm_start;
	rlim_stack = bprm->rlim_stack_cur & PAGE_MASK;
	if (stack_size + stack_expand > rlim_stack)
		stack_base = vma->vm_end - rlim_stack;
	else
		stack_base = vma->vm_start - stack_expand;
	mm->start_stack = bprm->p;
	return expand_stack(vma, stack_base) ? -EFAULT : 0;
}

/*
 * Create @path on the tmpfs root holding @image, unless it is there already
 * (a second execve of the same file shares its page cache); 0 or -errno.
 */
static int write_image(const char *path, const void *image, size_t size)
{
	long fd = do_sys_open(AT_FDCWD, path, O_RDONLY, 0);
	size_t done = 0;
	long n = 0;

	if (fd >= 0) {
		close_fd((unsigned int)fd);
		return 0;
	}
	fd = do_sys_open(AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return (int)fd;
	while (done < size) {
		n = ksys_pwrite64((unsigned int)fd, (const char *)image + done,
				  size - done, (loff_t)done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close_fd((unsigned int)fd);
	return done == size ? 0 : (n < 0 ? (int)n : -EIO);
}

/* The file at @path, open for reading, with a reference; or NULL. */
static struct file *open_exec(const char *path)
{
	long fd = do_sys_open(AT_FDCWD, path, O_RDONLY, 0);
	struct file *file;

	if (fd < 0)
		return NULL;
	file = fget_raw_nocount((unsigned int)fd);
	if (file)
		get_file(file);
	close_fd((unsigned int)fd);
	return file;
}

int mmsim_execve(struct task_struct *task, const char *path, const void *image,
		 size_t size, struct elf_segment *segs, int *nr_segs, char *msg,
		 size_t msglen)
{
	struct task_struct *old = set_current(task);
	struct linux_binprm bprm = {
		.mm = task->mm, .filename = path, .argc = 1, .envc = 0,
		.rlim_stack_cur = task_rlimit(task, RLIMIT_STACK),
		.image = image, .image_size = size,
	};
	unsigned long top;
	int ret;

	*nr_segs = 0;
	ret = write_image(path, image, size);
	if (ret) {
		snprintf(msg, msglen, "cannot create %s on the tmpfs root (%d)", path, ret);
		goto out;
	}
	bprm.file = open_exec(path);
	if (!bprm.file) {
		ret = -ENOENT;
		snprintf(msg, msglen, "cannot open %s", path);
		goto out;
	}
	if (!(task->personality & ADDR_NO_RANDOMIZE) && randomize_va_space)
		task->flags |= PF_RANDOMIZE;
	top = randomize_stack_top(machine_is_arm() ? TASK_SIZE_ARM : STACK_TOP_X86_64);
	bprm.stack_top = top = PAGE_ALIGN(arch_align_stack(top));
	ret = __bprm_mm_init(&bprm, top);
	if (!ret)
		ret = copy_string_kernel(path, &bprm);
	bprm.exec = bprm.p;
	if (!ret)
		ret = copy_string_kernel(path, &bprm); /* argv[0] */
	if (!ret)
		ret = load_elf_binary(&bprm);
	if (ret) {
		if (ret == -ENOEXEC)
			snprintf(msg, msglen, "not a static %s executable (ET_EXEC, no PT_INTERP)",
				 machine_is_arm() ? "ELF32 ARM" : "ELF64 x86_64");
		else
			snprintf(msg, msglen, "load_elf_binary failed (%d)", ret);
		fput(bprm.file);
		goto out;
	}
	task->mm->exe_file = bprm.file; /* the reference open_exec took */
	ret = elf_load_segments(image, size, segs, MMSIM_MAX_ELF_SEGS);
	*nr_segs = ret > 0 ? ret : 0;
	ret = 0;
out:
	set_current(old);
	return ret;
}
