/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/arch.h — the hooks start_kernel() calls into the
 * architecture, for the two architectures one mmsim binary simulates.
 *
 * Kernel counterpart: none as such.  A kernel is built for one
 * architecture, and the linker picks arch/<arch>/'s setup_arch(),
 * mem_init(), free_initmem() ...  mmsim links arch/x86 and arch/arm into
 * one program, so each architecture fills one table of these hooks and
 * the machine carries a pointer to its table (host/machine.c picks it by
 * machine_desc.arch).  init/main.c reads as the kernel's start_kernel()
 * with "arch->" in front of the calls that differ:
 *
 *   hook                  x86_64 (arch/x86)            ARM (arch/arm)
 *   boot_entry            x86_boot_entry (head64.c)    arm_boot_entry (head.c)
 *   smp_setup_processor_id   -                         "Booting Linux on physical CPU"
 *   setup_arch            setup_arch                   arm_setup_arch
 *   setup_per_cpu_areas   x86 (atom 2 MiB, by node)    generic (mm/percpu-setup.c)
 *   trap_init             CPU entry areas              -
 *   mem_init              swiotlb, memblock_free_all   memblock_free_all + highmem
 *   check_bugs            SMP alternatives freed       -
 *   late_initcalls        x86 iomem, ...               CMA areas, DMA pool
 *   free_initrd_mem, free_initmem, mark_rodata_ro      each its own
 *
 * A hook left NULL is a step the architecture does not have.
 */
#ifndef _MMSIM_ARCH_H
#define _MMSIM_ARCH_H

struct mmsim_arch_ops {
	const char *name;
	int (*boot_entry)(void);                /* power-on to start_kernel() */
	void (*smp_setup_processor_id)(void);
	int (*setup_arch)(char **cmdline_p);
	int (*setup_per_cpu_areas)(void);
	void (*trap_init)(void);
	void (*mem_init)(void);
	void (*check_bugs)(void);
	/* initcalls of this architecture, by level (kernel_init_freeable) */
	void (*core_initcalls)(void);           /* before postcore (wmarks) */
	void (*postcore_initcalls)(void);       /* DMA atomic pools */
	void (*late_initcalls)(void);           /* subsys .. late */
	void (*free_initrd_mem)(void);
	void (*free_initmem)(void);
	void (*mark_rodata_ro)(void);
	void (*memory_dev_init)(void);          /* driver_init(): memory blocks */
};

extern const struct mmsim_arch_ops x86_64_arch_ops;
extern const struct mmsim_arch_ops arm_arch_ops;

/* The hooks of the machine the current thread runs (host/machine.c). */
const struct mmsim_arch_ops *current_arch(void);

#endif /* _MMSIM_ARCH_H */
