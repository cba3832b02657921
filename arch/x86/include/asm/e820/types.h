/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/e820/types.h — the firmware memory map and the
 * state arch/x86 keeps while it boots.
 *
 * Kernel counterparts: arch/x86/include/asm/e820/types.h and the globals
 * of arch/x86/kernel/e820.c and arch/x86/kernel/setup.c.
 *
 * Three e820 tables, as in the kernel:
 *   e820_table           what the kernel uses; modified by mem=, memmap=,
 *                        trim_bios_range(), ...
 *   e820_table_kexec     what a kexec'd kernel would be given
 *   e820_table_firmware  the map as the firmware gave it (sanitized)
 * The kernel sizes them E820_MAX_ENTRIES_ZEROPAGE + 3 * MAX_NUMNODES;
 * MAX_NUMNODES comes from the .config, so here the entry arrays are
 * allocated per machine and the bound is kept in max_entries.
 */
#ifndef _ASM_X86_E820_TYPES_H
#define _ASM_X86_E820_TYPES_H

#include "linux/types.h"

struct resource;
struct gen_pool;
#include "arch/x86/include/asm/pgtable_types.h"
#include "arch/x86/include/asm/iomem.h"

enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
	E820_TYPE_PRAM = 12,
	E820_TYPE_SOFT_RESERVED = 0xefffffff,
	E820_TYPE_RESERVED_KERN = 128,
};

struct e820_entry {
	u64 addr;
	u64 size;
	enum e820_type type;
} __attribute__((packed));

#define E820_MAX_ENTRIES_ZEROPAGE 128

struct e820_table {
	u32 nr_entries;
	u32 max_entries;
	struct e820_entry *entries;
};
typedef struct e820_table e820_table_t;

/*
 * Where the kernel image sits in physical memory, from the profile's
 * symbol offsets and the address the loader (or KASLR) chose.
 */
struct x86_image_layout {
	phys_addr_t text;                 /* _text */
	phys_addr_t etext;                /* _etext */
	phys_addr_t start_rodata, end_rodata;
	phys_addr_t sdata, edata;
	phys_addr_t init_begin, init_end;
	phys_addr_t bss_start, bss_stop;
	phys_addr_t end_of_kernel_reserve;
	phys_addr_t brk_start, brk_end;   /* brk area actually used */
	phys_addr_t end;                  /* _end */
};

struct x86_state {
	struct e820_table *e820_table;
	struct e820_table *e820_table_kexec;
	struct e820_table *e820_table_firmware;
	bool userdef;            /* mem=/memmap= changed the map */
	bool e820_print_user;    /* print "user-defined physical RAM map:" */
	u64 mem_limit_user;      /* mem= value, 0 when absent */
	struct x86_image_layout image;
	unsigned long max_pfn_mapped;
	unsigned long pfn_mapped_hint;
	phys_addr_t mpf_found;   /* physical address of the MP floating pointer */
	phys_addr_t real_mode_mem;
	u64 relocated_ramdisk;
	bool nokaslr;

	/*
	 * arch/x86/mm: the kernel page tables (init.c, init_64.c, kaslr.c,
	 * pat/set_memory.c).  max_pfn_mapped above is the end of the direct
	 * map; max_low_pfn_mapped its end below 4 GiB; page_offset_base is
	 * PAGE_OFFSET, the direct map's virtual base.
	 */
	unsigned long max_low_pfn_mapped;
	unsigned long page_offset_base;
	unsigned long vmalloc_base, vmemmap_base; /* kaslr.c, like page_offset_base */
	struct x86_pgtable_state pgt;

	/* late setup_arch(): e820 resources, the PCI gap, the initrd */
	struct resource *e820_res;   /* in memblock memory, one per entry */
	unsigned long pci_mem_start;
	unsigned long initrd_start, initrd_end; /* direct-map addresses */
	unsigned long memory_block_size; /* memory_block_size_bytes(), once probed */

	/* /proc/iomem: image, ROM and platform resources (asm/iomem.h) */
	struct x86_iomem iomem;

	/* arch/x86/kernel: the HPET (hpet.c), machine checks (cpu/mce) */
	unsigned long hpet_address;      /* from the ACPI HPET table */
	bool boot_hpet_disable;          /* hpet=disable, nohpet */
	void *hpet_virt_address;         /* hpet_enable()'s ioremap */
	struct gen_pool *mce_evt_pool;   /* mce_gen_pool_init() */
};

#endif /* _ASM_X86_E820_TYPES_H */
