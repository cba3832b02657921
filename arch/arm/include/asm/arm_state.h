/* SPDX-License-Identifier: MIT */
/*
 * arch/arm/include/asm/arm_state.h — the globals of arch/arm for one
 * simulated machine.
 *
 * No single kernel counterpart: these are the file-scope variables of
 * arch/arm/kernel/setup.c (__atags_pointer, machine_desc), arch/arm/mm/
 * mmu.c (arm_lowmem_limit, vmalloc_size, mem_types[], kernel_sec_start,
 * static_vmlist, pkmap_page_table), arch/arm/mm/init.c (arm_dma_limit,
 * phys_initrd_start) and the linker symbols of the image (_stext, _end,
 * swapper_pg_dir).  struct machine holds a pointer to one
 * (current_machine->arm), made by host/machine.c for ARM machines; the
 * ARM code reaches it as `arm_st`.  Compare struct x86_state.
 *
 * Addresses are physical (phys_addr_t) unless the field says "VA": a
 * kernel virtual address of this 32-bit kernel, kept in an unsigned long.
 */
#ifndef _MMSIM_ASM_ARM_STATE_H
#define _MMSIM_ASM_ARM_STATE_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/mmzone.h"
#include "arch/arm/include/asm/pgtable.h"

/* The image as the linker laid it out, at its physical load address. */
struct arm_image_layout {
	phys_addr_t text;        /* _text: PHYS_OFFSET + TEXT_OFFSET */
	phys_addr_t stext;       /* _stext = KERNEL_START (1 MiB aligned) */
	phys_addr_t etext;
	phys_addr_t init_begin, init_end;
	phys_addr_t sdata, edata;
	phys_addr_t bss_start, bss_stop;
	phys_addr_t end;         /* _end = KERNEL_END */
	phys_addr_t pgdir;          /* _text - 16 KiB: the first-level table */
};

/* One kind of kernel mapping (arch/arm/mm/mm.h: struct mem_type). */
struct arm_mem_type {
	arm_pteval_t prot_pte;   /* Linux PTE bits for page mappings */
	arm_pmdval_t prot_l1;    /* L1 table descriptor bits */
	arm_pmdval_t prot_sect;  /* L1 section bits (0: pages only) */
	unsigned int domain;
};

enum arm_mem_type_index {        /* asm/mach/map.h (the ones the boot uses) */
	MT_DEVICE,
	MT_HIGH_VECTORS,
	MT_LOW_VECTORS,
	MT_MEMORY_RWX,
	MT_MEMORY_RW,
	MT_MEMORY_RO,
	MT_ROM,
	MT_MEMORY_DMA_READY,
	MT_NR_TYPES
};

/* A static mapping made at boot (asm/mach/map.h: struct map_desc). */
struct map_desc {
	unsigned long virtual;   /* VA */
	unsigned long pfn;
	unsigned long length;
	unsigned int type;       /* enum arm_mem_type_index */
};

/* An area of the vmalloc space claimed at boot (arch/arm/mm/mm.h). */
struct arm_static_vm {
	struct list_head list;   /* static_vmlist, sorted by address */
	struct vm_struct *vm;    /* host object; registered with vmalloc */
	unsigned long kva;       /* its kernel address (vm->addr is the host view) */
	void *kernel_obj;        /* the kernel's struct static_vm (memblock) */
};

struct arm_board;
struct resource;

struct arm_state {
	/*
	 * The hardware and what the boot loader hands over, written by the
	 * firmware model (host/firmware_arm.c): the board (its CPU's ID
	 * registers), r1 and r2 at the kernel's entry, and where the loader
	 * put the image, initrd and DTB.
	 */
	const struct arm_board *board;
	u32 boot_r1;                    /* machine type (ignored with a DTB) */
	u32 boot_r2;                    /* physical address of the DTB */
	u64 fw_zimage, fw_initrd_start, fw_initrd_size, fw_dtb_start, fw_dtb_size;

	/* arch/arm/kernel/setup.c */
	u32 machine_arch_type;
	phys_addr_t atags_pointer;      /* __atags_pointer: the DTB */
	const char *machine_name;       /* machine_desc->name */
	bool usermem;                   /* early_mem: a mem= seen, the DT's banks gone */

	/* the memory map (asm/memory.h), resolved by arm_setup_arch */
	unsigned long page_offset;      /* PAGE_OFFSET, VA */
	phys_addr_t phys_offset;        /* PHYS_OFFSET */
	unsigned long vmalloc_end;      /* VMALLOC_END, VA */
	unsigned long fixaddr_start;    /* FIXADDR_START, VA */
	unsigned long text_offset;      /* TEXT_OFFSET */
	struct arm_image_layout image;
	phys_addr_t kernel_sec_start, kernel_sec_end; /* head.S: sections of the image */

	struct resource *resources;     /* host: Kernel code, data, System RAM... */

	/* arch/arm/mm/mmu.c */
	unsigned long vmalloc_size;     /* vmalloc= (240 MiB by default) */
	phys_addr_t arm_lowmem_limit;
	unsigned long high_memory;      /* VA just above lowmem */
	u32 cr_alignment;               /* the control register (cr=) */
	const char *cache_policy;       /* "writealloc" */
	struct arm_mem_type mem_types[MT_NR_TYPES];
	struct list_head static_vmlist;
	phys_addr_t vectors;            /* the two vector pages */
	phys_addr_t zero_page;          /* empty_zero_page */
	arm_pteval_t *pkmap_page_table; /* Linux PTEs of PKMAP_BASE */
	arm_pteval_t *fixmap_page_table;/* Linux PTEs of FIXADDR_START's slot */

	/* arch/arm/mm/init.c */
	phys_addr_t arm_dma_zone_size;  /* machine_desc->dma_zone_size */
	phys_addr_t arm_dma_limit;
	unsigned long arm_dma_pfn_limit;
	unsigned long totalhigh_pages_at_init;

	/* the initrd, as the device tree gives it (init/initramfs.c) */
	phys_addr_t phys_initrd_start;
	unsigned long phys_initrd_size;
	unsigned long initrd_start, initrd_end; /* VA, 0 when none */

	/* mm/page_alloc.c's contig_page_data: the one node of a !NUMA kernel */
	pg_data_t contig_page_data;

	/* arch/arm/mm/dma-mapping.c: CMA areas to remap, the atomic pool */
	struct { phys_addr_t base; unsigned long size; } dma_mmu_remap[8];
	int dma_mmu_remap_num;
	phys_addr_t atomic_pool;
	unsigned long atomic_pool_pages;
	u32 atomic_pool_size;           /* coherent_pool= (a 32-bit size_t) */
};

/* arch/arm/mm/dma-mapping.c: the atomic pool without coherent_pool= */
#define DEFAULT_DMA_COHERENT_POOL_SIZE SZ_256K

#define arm_st (*current_machine->arm)

/* Machine creation / destruction (host/machine.c). */
struct arm_state *arm_state_create(void);
void arm_state_destroy(struct arm_state *st);

#endif /* _MMSIM_ASM_ARM_STATE_H */
