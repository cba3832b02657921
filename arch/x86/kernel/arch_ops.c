// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/arch_ops.c — x86_64's entries in the architecture hook
 * table (see include/mmsim/arch.h).
 *
 * Kernel counterpart: none; in the kernel these are simply the functions
 * the linker finds in arch/x86.  Every hook points at the x86 function of
 * the kernel's name, so `break setup_arch` or `break mem_init` in GDB stops
 * where it would on a kernel.
 */
#include "linux/kernel.h"
#include "linux/memory.h"
#include "linux/percpu.h"
#include "linux/start_kernel.h"
#include "arch/x86/include/asm/hpet.h"
#include "arch/x86/include/asm/iomem.h"
#include "arch/x86/include/asm/irq.h"
#include "arch/x86/include/asm/setup.h"
#include "mmsim/arch.h"
#include "mmsim/kconfig.h"

void setup_cpu_entry_areas(void);
void mem_init(void);
void dma_atomic_pool_init(void);
void arch_cpu_finalize_init(void);
void free_initrd_mem(void);
void free_initmem(void);
void mark_rodata_ro(void);

/*
 * cache_line_size(): the kernel asks CPUID's CLFLUSH line size, which is
 * 64 on every CPU QEMU models, as is the .config's L1_CACHE_SHIFT.
 * x86 defines no ARCH_DMA_MINALIGN (DMA is cache-coherent), so kmalloc
 * starts at 8 bytes and the dma_minalign hook is left out.
 */
static unsigned int x86_cache_line_size(void)
{
	return 1u << CONFIG_VALUE(CONFIG_X86_L1_CACHE_SHIFT, 6);
}

const struct mmsim_arch_ops x86_64_arch_ops = {
	.name = "x86_64",
	.boot_entry = x86_boot_entry,
	.setup_arch = setup_arch,
	.setup_per_cpu_areas = setup_per_cpu_areas,
	.trap_init = setup_cpu_entry_areas,
	.mem_init = mem_init,
	.init_IRQ = init_IRQ,
	.late_time_init = x86_late_time_init,
	.check_bugs = arch_cpu_finalize_init,
	.cpu_up = native_cpu_up,
	.postcore_initcalls = dma_atomic_pool_init,
	.late_initcalls = iomem_late_init,
	.free_initrd_mem = free_initrd_mem,
	.free_initmem = free_initmem,
	.mark_rodata_ro = mark_rodata_ro,
	.memory_dev_init = memory_dev_init,
	.cache_line_size = x86_cache_line_size,
	.pgtable = &x86_64_pgtable_ops,
};
