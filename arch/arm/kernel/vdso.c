// SPDX-License-Identifier: MIT
/*
 * arch/arm/kernel/vdso.c — the special pages of a 32-bit ARM process:
 * [sigpage], [vvar], [vdso], and the [vectors] gate page.
 *
 * Kernel counterparts: arch/arm/kernel/process.c (arch_setup_additional_pages,
 * sigpage_addr, the gate VMA of CONFIG_KUSER_HELPERS) and
 * arch/arm/kernel/vdso.c (arm_install_vdso), Linux 6.1.
 *
 *   hint = sigpage_addr()   a random page between the stack's top and
 *                           TASK_SIZE; none when the stack ends there (as
 *                           with norandmaps), so top-down below mmap_base
 *   addr       [sigpage]    1 page  r-x  (the signal return trampolines)
 *   addr + 4K  [vvar]       1 page  r--  (the vDSO data page)
 *   addr + 8K  [vdso]       the vDSO text, r-x
 *   0xffff0000 [vectors]    the gate page (CONFIG_KUSER_HELPERS): no VMA
 *                           of the mm but the static gate_vma, which maps
 *                           and smaps show last (get_gate_vma); its page
 *                           is in the kernel half of every pgd, so smaps
 *                           walks nothing there (Rss 0)
 *
 * The armmp vDSO text is taken as one page: an estimate until an ARM
 * process fixture shows it.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/err.h"
#include "linux/mm.h"
#include "linux/binfmts.h"
#include "linux/prandom.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "mmsim/kconfig.h"

#define ARM_VDSO_TEXT_PAGES 1
#define ARM_VDSO_TOTAL_PAGES (1 + ARM_VDSO_TEXT_PAGES) /* data + text */

static vm_fault_t arm_special_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const char *sigpage_name(struct vm_area_struct *vma) { return "[sigpage]"; }
static const char *arm_vvar_name(struct vm_area_struct *vma) { return "[vvar]"; }
static const char *arm_vdso_name(struct vm_area_struct *vma) { return "[vdso]"; }

static const struct vm_operations_struct sigpage_ops = {
	.fault = arm_special_fault, .name = sigpage_name,
};
static const struct vm_operations_struct arm_vvar_ops = {
	.fault = arm_special_fault, .name = arm_vvar_name,
};
static const struct vm_operations_struct arm_vdso_ops = {
	.fault = arm_special_fault, .name = arm_vdso_name,
};

static unsigned long sigpage_addr(const struct mm_struct *mm, unsigned int npages)
{
	unsigned long first = PAGE_ALIGN(mm->start_stack);
	unsigned long last = TASK_SIZE_ARM - ((unsigned long)npages << PAGE_SHIFT);
	unsigned long slots;

	if (first > last)
		return 0;
	if (first == last)
		return first;
	slots = ((last - first) >> PAGE_SHIFT) + 1;
	return first + ((prandom_u32_state(current_machine->exec_rnd) % slots) << PAGE_SHIFT);
}

int arm_setup_additional_pages(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	const unsigned int npages = 1 + ARM_VDSO_TOTAL_PAGES;
	const unsigned long rx = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	unsigned long addr = get_unmapped_area(NULL, sigpage_addr(mm, npages),
					       (unsigned long)npages << PAGE_SHIFT, 0, 0);
	struct vm_area_struct *vma;

	if (IS_ERR_VALUE(addr))
		return (int)(long)addr;
	vma = _install_special_mapping(mm, addr, PAGE_SIZE, rx, &sigpage_ops);
	if (IS_ERR(vma))
		return (int)PTR_ERR(vma);
	/* arm_install_vdso(): its failure is not the exec's */
	vma = _install_special_mapping(mm, addr + PAGE_SIZE, PAGE_SIZE,
				       VM_READ | VM_MAYREAD, &arm_vvar_ops);
	if (IS_ERR(vma))
		return 0;
	vma = _install_special_mapping(mm, addr + 2 * PAGE_SIZE,
				       ARM_VDSO_TEXT_PAGES * PAGE_SIZE, rx, &arm_vdso_ops);
	if (!IS_ERR(vma))
		mm->vdso = (void *)(addr + 2 * PAGE_SIZE);
	return 0;
}

/* ---- the gate VMA (arch/arm/kernel/process.c) ----------------------------- */

static const char *gate_vma_name(struct vm_area_struct *vma) { return "[vectors]"; }

static const struct vm_operations_struct gate_vma_ops = { .name = gate_vma_name };

/*
 * One VMA shared by every ARM process, belonging to no mm (vm_mm NULL),
 * over the high vectors page: read and execute, never writable.
 */
static struct vm_area_struct gate_vma = {
	.vm_start = 0xffff0000UL,
	.vm_end = 0xffff0000UL + PAGE_SIZE,
	.vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC,
	.vm_ops = &gate_vma_ops,
};

struct vm_area_struct *get_gate_vma(struct mm_struct *mm)
{
	(void)mm;
	if (current_machine->desc.arch != MMSIM_ARCH_ARM ||
	    !IS_ENABLED(CONFIG_KUSER_HELPERS))
		return NULL;
	return &gate_vma;
}
