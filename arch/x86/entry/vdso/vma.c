// SPDX-License-Identifier: MIT
/*
 * arch/x86/entry/vdso/vma.c — the vDSO and vvar mappings of a new
 * program, and the special mappings they are.
 *
 * Kernel counterparts: arch/x86/entry/vdso/vma.c (vdso_addr, map_vdso,
 * arch_setup_additional_pages) and mm/mmap.c (_install_special_mapping),
 * Linux 6.1.
 *
 *   addr = vdso_addr(start_stack, vvar + vdso)   just above the stack, up
 *          to the next 2 MiB boundary (random within it); above the top
 *          of the address space (the stack at STACK_TOP) it is no hint
 *   get_unmapped_area(addr)  the hint, else top-down below mmap_base
 *
 *   addr ──── [vvar] 4 pages: vvar, pvclock, hvclock, time namespace
 *        r--p VM_READ|VM_MAYREAD|VM_IO|VM_DONTDUMP|VM_PFNMAP
 *   addr+16K  [vdso] the image, 2 pages (Debian 6.1's vdso64.so)
 *        r-xp VM_READ|VM_EXEC|VM_MAYREAD|VM_MAYWRITE|VM_MAYEXEC
 *
 * The probe never calls into the vDSO, so its pages are never faulted:
 * a fault there is SIGBUS in mmsim.  32-bit ARM machines get ARM's pages
 * instead (arch/arm/kernel/vdso.c).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/binfmts.h"
#include "linux/prandom.h"
#include "linux/err.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "mmsim/proc_state.h"

/* The parts of struct vdso_image the mapping uses. */
struct vdso_image {
	unsigned long size;       /* the text, a whole number of pages */
	long sym_vvar_start;      /* the data pages before it: negative */
};

static const struct vdso_image vdso_image_64 = {
	.size = 2 * PAGE_SIZE,
	.sym_vvar_start = -4 * (long)PAGE_SIZE,
};

#define TASK_SIZE_MAX_X86 0x00007ffffffff000UL
#define PMD_SIZE_X86 (2UL << 20)

static vm_fault_t special_mapping_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const char *vdso_name(struct vm_area_struct *vma)
{
	return "[vdso]";
}

static const char *vvar_name(struct vm_area_struct *vma)
{
	return "[vvar]";
}

static const struct vm_operations_struct vdso_mapping_ops = {
	.fault = special_mapping_fault, .name = vdso_name,
};

static const struct vm_operations_struct vvar_mapping_ops = {
	.fault = special_mapping_fault, .name = vvar_name,
};

/* A VMA with its own operations (6.1: mm/mmap.c). */
struct vm_area_struct *_install_special_mapping(struct mm_struct *mm,
						unsigned long addr, unsigned long len,
						unsigned long vm_flags,
						const struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);
	int ret;

	if (!vma)
		return ERR_PTR(-ENOMEM);
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags | mm->def_flags | VM_DONTEXPAND;
	vma->vm_flags |= mmsim_proc_state()->vm_softdirty;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_ops = ops;
	ret = insert_vm_struct(mm, vma);
	if (ret) {
		vm_area_free(vma);
		return ERR_PTR(ret);
	}
	vm_stat_account(mm, vma->vm_flags, (long)(len >> PAGE_SHIFT));
	return vma;
}

static unsigned long vdso_addr(unsigned long start, unsigned long len)
{
	unsigned long addr, end;

	start = PAGE_ALIGN(start);
	end = (start + len + PMD_SIZE_X86 - 1) & ~(PMD_SIZE_X86 - 1);
	if (end >= TASK_SIZE_MAX_X86)
		end = TASK_SIZE_MAX_X86;
	end -= len;
	if (end > start) {
		unsigned long pages = ((end - start) >> PAGE_SHIFT) + 1;

		addr = start + ((prandom_u32_state(current_machine->exec_rnd) % pages)
				<< PAGE_SHIFT);
	} else {
		addr = start;
	}
	return addr; /* align_vdso_addr(): no alignment on these CPUs */
}

static int map_vdso(const struct vdso_image *image, unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long text_start;
	struct vm_area_struct *vma;

	addr = get_unmapped_area(NULL, addr, image->size - (unsigned long)image->sym_vvar_start,
				 0, 0);
	if (IS_ERR_VALUE(addr))
		return (int)(long)addr;
	text_start = addr - (unsigned long)image->sym_vvar_start;
	vma = _install_special_mapping(mm, text_start, image->size,
				       VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
				       &vdso_mapping_ops);
	if (IS_ERR(vma))
		return (int)PTR_ERR(vma);
	vma = _install_special_mapping(mm, addr, (unsigned long)-image->sym_vvar_start,
				       VM_READ | VM_MAYREAD | VM_IO | VM_DONTDUMP | VM_PFNMAP,
				       &vvar_mapping_ops);
	if (IS_ERR(vma)) {
		do_munmap(mm, text_start, image->size);
		return (int)PTR_ERR(vma);
	}
	mm->vdso = (void *)text_start;
	return 0;
}

int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp)
{
	const struct vdso_image *image = &vdso_image_64;

	if (current_machine->desc.arch == MMSIM_ARCH_ARM) /* one binary, two arches */
		return arm_setup_additional_pages(bprm);
	return map_vdso(image, vdso_addr(current->mm->start_stack,
					 image->size - (unsigned long)image->sym_vvar_start));
}
