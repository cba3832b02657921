// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/irq_64.c — each CPU's hard-IRQ stack, mapped with a
 * guard page in the vmalloc area.
 *
 * Kernel counterparts: arch/x86/kernel/irq_64.c (irq_init_percpu_irqstack,
 * map_irq_stack), arch/x86/kernel/irqinit.c (init_IRQ), and the part of
 * arch/x86/kernel/smpboot.c that brings a CPU up (native_cpu_up ->
 * common_cpu_up), Linux 6.1.
 *
 * The stack itself is a static per-CPU variable, irq_stack_backing_store
 * (IRQ_STACK_SIZE = 16 KiB, page aligned), so each CPU's copy is 4 pages of
 * the first per-CPU chunk (in the direct map).  map_irq_stack() vmap()s
 * those 4 pages: the area is 4 pages plus the guard page vmap() leaves
 * after every area, "irq_init_percpu_irqstack ... vmap" in
 * /proc/vmallocinfo (map_irq_stack() is inlined):
 *
 *   vmalloc area   | guard of the area below | stack page 0..3 | guard |
 *                                              ^ va        top ^
 *   hardirq_stack_ptr = va + IRQ_STACK_SIZE - 8
 *
 * When: init_IRQ() for the boot CPU (start_kernel, after mm_init: the
 * first area of the vmalloc space), then each secondary CPU as smp_init()
 * brings it up.  A CPU brought up again keeps its mapping
 * (hardirq_stack_ptr already set).
 *
 * Where the two per-CPU variables lie in the static per-CPU area is a
 * fact of the compiled image: the profile's
 * image.percpu.irq_stack_backing_store and image.percpu.hardirq_stack_ptr
 * (estimated: they decide which physical pages are mapped and where the
 * pointer is stored, nothing that is printed).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/percpu.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/vmalloc.h"
#include "arch/x86/include/asm/irq.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mmsim/machine.h"

/* Offset of a static per-CPU variable (its per-CPU pointer), or -1. */
static long percpu_var(const char *key, unsigned long size,
		       unsigned long align)
{
	const struct kernel_profile *p = current_machine->profile;
	size_t static_size = current_machine->pcpu.static_size;
	u64 off = profile_u64(p, key, ~0ULL);

	if (!profile_has(p, key)) {
		pr_err("kernel profile %s lacks '%s'\n", p->path, key);
		return -1;
	}
	if (off % align || off + size > static_size) {
		pr_err("kernel profile %s: '%s' = %#llx is not inside the %zu-byte static per-CPU area\n",
		       p->path, key, (unsigned long long)off, static_size);
		return -1;
	}
	return (long)off;
}

void *irq_stack_backing_store_ptr(void)
{
	long off = percpu_var("image.percpu.irq_stack_backing_store",
			      IRQ_STACK_SIZE, PAGE_SIZE);

	return off < 0 ? NULL : (void *)off;
}

static void **hardirq_stack_ptr_slot(unsigned int cpu)
{
	long off = percpu_var("image.percpu.hardirq_stack_ptr", sizeof(void *),
			      sizeof(void *));

	return off < 0 ? NULL : per_cpu_ptr((void **)off, cpu);
}

void *hardirq_stack_ptr_of(unsigned int cpu)
{
	void **slot = hardirq_stack_ptr_slot(cpu);

	return slot ? *slot : NULL;
}

/* vmap() @cpu's copy of the backing store; the stack top goes to *@top. */
static int map_irq_stack(unsigned int cpu, void **top)
{
	struct page *pages[IRQ_STACK_SIZE / PAGE_SIZE];
	char *stack = irq_stack_backing_store_ptr();
	void *va;
	unsigned int i;

	if (!stack)
		return -EINVAL;
	stack = per_cpu_ptr(stack, cpu);
	if (!IS_ENABLED(CONFIG_VMAP_STACK)) {
		*top = stack + IRQ_STACK_SIZE - 8;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		phys_addr_t pa = per_cpu_ptr_to_phys(stack + ((unsigned long)i << PAGE_SHIFT));

		pages[i] = pfn_to_page((unsigned long)(pa >> PAGE_SHIFT));
	}
	va = vmap_caller(pages, ARRAY_SIZE(pages), VM_MAP, PAGE_KERNEL,
			 "irq_init_percpu_irqstack");
	if (!va)
		return -ENOMEM;
	*top = (char *)va + IRQ_STACK_SIZE - 8;
	return 0;
}

int irq_init_percpu_irqstack(unsigned int cpu)
{
	void **slot = hardirq_stack_ptr_slot(cpu);
	void *top;
	int ret;

	if (!slot)
		return -EINVAL;
	if (*slot)
		return 0;
	ret = map_irq_stack(cpu, &top);
	if (!ret)
		*slot = top;
	return ret;
}

/*
 * The boot CPU's IRQ stack.  The kernel BUGs if it cannot be mapped;
 * mmsim reports it (a profile without the offsets cannot map it).
 */
void init_IRQ(void)
{
	int ret = irq_init_percpu_irqstack((unsigned int)smp_processor_id());

	if (ret)
		pr_err("init_IRQ: no IRQ stack for CPU %d (%d)\n",
		       smp_processor_id(), ret);
}

/* The memory-management part of bringing @cpu up: its IRQ stack. */
int native_cpu_up(unsigned int cpu)
{
	return irq_init_percpu_irqstack(cpu);
}
