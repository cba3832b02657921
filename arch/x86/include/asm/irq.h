/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/irq.h — the per-CPU hard-IRQ stacks.
 *
 * Kernel counterparts: arch/x86/include/asm/irq.h, asm/page_64_types.h
 * (IRQ_STACK_SIZE), arch/x86/kernel/irq_64.c (Linux 6.1).  Each CPU's IRQ
 * stack lives in the static per-CPU area (irq_stack_backing_store); with
 * CONFIG_VMAP_STACK the kernel maps those pages a second time in the
 * vmalloc area, so that the unmapped page below the mapping catches a
 * stack overflow, and points hardirq_stack_ptr (per CPU) at its top.
 */
#ifndef _MMSIM_ASM_X86_IRQ_H
#define _MMSIM_ASM_X86_IRQ_H

#include "linux/types.h"
#include "linux/pfn.h"

#define IRQ_STACK_ORDER 2      /* 2 + KASAN_STACK_ORDER, without KASAN */
#define IRQ_STACK_SIZE (PAGE_SIZE << IRQ_STACK_ORDER)

/* Map @cpu's IRQ stack unless done already; 0 or -errno. */
int irq_init_percpu_irqstack(unsigned int cpu);
/* @cpu's per_cpu(hardirq_stack_ptr): the top of its IRQ stack, or NULL. */
void *hardirq_stack_ptr_of(unsigned int cpu);
/* The per-CPU pointer of irq_stack_backing_store, or NULL (no profile key). */
void *irq_stack_backing_store_ptr(void);

/* start_kernel(): the boot CPU's IRQ stack (arch/x86/kernel/irqinit.c). */
void init_IRQ(void);
/* Bringing @cpu up (smpboot.c native_cpu_up -> common_cpu_up); 0 or -errno. */
int native_cpu_up(unsigned int cpu);

#endif /* _MMSIM_ASM_X86_IRQ_H */
