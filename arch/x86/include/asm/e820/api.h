/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/e820/api.h — the e820 interface of arch/x86.
 *
 * Kernel counterpart: arch/x86/include/asm/e820/api.h.  The three table
 * pointers are the current machine's (see <mmsim/machine.h>).
 */
#ifndef _ASM_X86_E820_API_H
#define _ASM_X86_E820_API_H

#include "arch/x86/include/asm/e820/types.h"
#include "mmsim/machine.h"


void e820_state_init(void);
void e820_state_destroy(void);

bool e820__mapped_raw_any(u64 start, u64 end, enum e820_type type);
bool e820__mapped_any(u64 start, u64 end, enum e820_type type);
bool e820__mapped_all(u64 start, u64 end, enum e820_type type);
int e820__get_entry_type(u64 start, u64 end);

void e820__range_add(u64 start, u64 size, enum e820_type type);
u64 e820__range_update(u64 start, u64 size, enum e820_type old_type,
		       enum e820_type new_type);
u64 e820__range_update_kexec(u64 start, u64 size, enum e820_type old_type,
			     enum e820_type new_type);
u64 e820__range_remove(u64 start, u64 size, enum e820_type old_type,
		       bool check_type);

void e820__print_table(const char *who);
int e820__update_table(struct e820_table *table);
void e820__update_table_print(void);
void e820__update_table_kexec(void);

unsigned long e820__end_of_ram_pfn(void);
unsigned long e820__end_of_low_ram_pfn(void);

void e820__memory_setup(void);
int e820__finish_early_params(void);
void e820__memblock_setup(void);
void e820__reserve_resources(void);
void e820__reserve_resources_late(void);
void e820__register_nosave_regions(unsigned long limit_pfn);
void e820__setup_pci_gap(void);

/*
 * The kernel's three table pointers, on the current machine.  After this
 * point spell the type e820_table_t: `struct e820_table` would be taken
 * for the alias.
 */
#define e820_table (current_machine->x86.e820_table)
#define e820_table_kexec (current_machine->x86.e820_table_kexec)
#define e820_table_firmware (current_machine->x86.e820_table_firmware)

#endif /* _ASM_X86_E820_API_H */
