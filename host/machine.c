// SPDX-License-Identifier: MIT
/*
 * host/machine.c — building, entering and destroying a simulated machine.
 *
 * No kernel counterpart: this is the power switch.  machine_create() takes
 * the user's description, the kernel .config and the image profile,
 * resolves the handful of configuration facts the core needs, asks the
 * firmware model for the memory map (which also decides how much physical
 * address space to map), maps the RAM, and lets the firmware write what it
 * leaves in RAM (BIOS data area, MP table, ACPI tables).  Nothing of the
 * kernel has run yet: start_kernel() (init/main.c) does that.
 */
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/memblock.h"
#include "linux/numa.h"
#include "linux/percpu.h"
#include "arch/x86/include/asm/e820/api.h"
#include "arch/x86/include/asm/setup.h"
#include "mm/internal.h"
#include "linux/cma.h"
#include "linux/highmem.h"
#include "linux/of_fdt.h"
#include "linux/prandom.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/arch.h"
#include "mmsim/firmware.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/track.h"
#include "mmsim/machine.h"
#include "mmsim/sched_state.h"
#include "mm/process_internal.h"
#include "mmsim/proc_state.h"
#include "mm/khugepaged_internal.h"
#include "linux/swap.h"
#include "mmsim/lru_state.h"

#include <stdio.h>
#include <string.h>

__thread struct machine *current_machine_raw;

/* What current_slub_raw names on a thread with no machine: no cache at all. */
static const struct slub_state no_machine_slub;
__thread const struct slub_state *current_slub_raw = &no_machine_slub;

void x86_numa_state_init(void);
void x86_numa_state_destroy(void);
void acpi_state_init(void);
void acpi_state_destroy(void);

const struct mmsim_arch_ops *current_arch(void)
{
	return current_machine->arch_ops;
}

struct machine *machine_enter(struct machine *m)
{
	struct machine *old = current_machine_raw;

	current_machine_raw = m;
	current_slub_raw = m ? &m->slub : &no_machine_slub;
	return old;
}

phys_addr_t current_arch_phys_addr_max(void)
{
	return current_machine_raw ? current_machine_raw->arch.phys_addr_max : ~0ULL;
}

int current_max_numnodes(void)
{
	return current_machine_raw ? current_machine_raw->k_max_numnodes : 1;
}

/*
 * Integer arithmetic, so that a machine whose RAM is the host's own
 * address space (ram.base 0: the kernel's memblock test suite, tests/peer)
 * converts without offsetting a null pointer.
 */
void *mmsim_va(phys_addr_t pa)
{
	return (void *)((uintptr_t)current_machine->ram.base + (uintptr_t)pa);
}

phys_addr_t mmsim_pa(const void *p)
{
	return (phys_addr_t)((uintptr_t)p - (uintptr_t)current_machine->ram.base);
}

/*
 * Only the part of [pa, pa + n) inside the RAM mapping is tracked; the
 * test is written so that a range near PHYS_ADDR_MAX cannot wrap around
 * and land on host memory below the mapping.
 */
static bool track_clip(phys_addr_t pa, phys_addr_t *n)
{
	u64 span = current_machine->ram.span;

	if (pa >= span || !*n)
		return false;
	if (*n > span - pa)
		*n = span - pa;
	return true;
}

void mmsim_track_alloc_phys(phys_addr_t pa, phys_addr_t n)
{
	if (track_clip(pa, &n))
		mmsim_track_alloc(mmsim_va(pa), n);
}

void mmsim_track_free_phys(phys_addr_t pa, phys_addr_t n)
{
	if (track_clip(pa, &n))
		mmsim_track_free(mmsim_va(pa), n);
}

static void resolve_config(struct machine *m)
{
	const struct kconfig *kc = m->config;
	long long shift = kconfig_int(kc, "CONFIG_NODES_SHIFT", 0);

	m->k_numa = kconfig_enabled(kc, "CONFIG_NUMA");
	m->k_max_numnodes = m->k_numa ? 1 << shift : 1;
	m->k_have_physmem = kconfig_enabled(kc, "CONFIG_HAVE_MEMBLOCK_PHYS_MAP");
	m->log.console_loglevel =
		(int)kconfig_int(kc, "CONFIG_CONSOLE_LOGLEVEL_DEFAULT", 7);
	m->log.default_msg_level =
		(int)kconfig_int(kc, "CONFIG_MESSAGE_LOGLEVEL_DEFAULT", 4);
	mm_config_init(&m->mmcfg);
}

void machine_desc_default(struct machine_desc *d, enum mmsim_arch arch)
{
	memset(d, 0, sizeof(*d));
	d->arch = arch;
	d->sockets = d->threads = 1;
	if (arch == MMSIM_ARCH_ARM) {
		strcpy(d->model, "vexpress-a9");
		d->ram_size = 1024ULL << 20;
		d->smp_cpus = d->max_cpus = d->cores = 4;
		strcpy(d->cmdline, MMSIM_DEFAULT_CMDLINE_ARM);
		return;
	}
	strcpy(d->model, "pc");
	d->ram_size = 512ULL << 20;
	d->smp_cpus = d->max_cpus = d->cores = 2;
	strcpy(d->cmdline, MMSIM_DEFAULT_CMDLINE_X86);
}

struct machine *machine_create(const struct machine_desc *desc,
			       struct kconfig *config,
			       struct kernel_profile *profile, char *err,
			       size_t errlen)
{
	struct machine *m = host_alloc(sizeof(*m));
	struct machine *old;
	u64 span;
	int ret;

	m->desc = *desc;
	m->desc.e820_text = desc->e820_text ? host_strdup(desc->e820_text) : NULL;
	m->desc.e820_name = desc->e820_name ? host_strdup(desc->e820_name) : NULL;
	m->desc.dtb = NULL;
	if (desc->dtb) {
		m->desc.dtb = host_alloc(desc->dtb_size);
		memcpy(m->desc.dtb, desc->dtb, desc->dtb_size);
	}
	m->config = config;
	m->profile = profile;
	m->ram.fd = -1;
	m->arch.arch = desc->arch;
	m->arch.phys_bits = 64;
	m->arch.phys_addr_max = ~0ULL;
	m->arch.long_bytes = 8;
	m->arch_ops = &x86_64_arch_ops;
	m->k_hashdist = -1;
	m->k_randomize_va_space = 2;
	m->exec_rnd = host_alloc(sizeof(*m->exec_rnd));
	prandom_seed_state(m->exec_rnd, desc->kaslr_seed ^ 0x65786563ULL); /* "exec" */
	if (desc->arch == MMSIM_ARCH_ARM) {
		/* a 32-bit kernel; without LPAE phys_addr_t is 32 bits wide */
		m->arch_ops = &arm_arch_ops;
		m->arch.long_bytes = 4;
		m->arm = arm_state_create();
		if (!kconfig_enabled(config, "CONFIG_PHYS_ADDR_T_64BIT")) {
			m->arch.phys_bits = 32;
			m->arch.phys_addr_max = 0xffffffffULL;
		}
	}
	log_init(&m->log);

	old = machine_enter(m);
	resolve_config(m);
	memblock_init(&m->memblock_st);
	fault_inject_state_init(&m->fault);
	e820_state_init();
	x86_numa_state_init();
	acpi_state_init();
	page_alloc_state_init();
	vmalloc_state_init();                   /* vmalloc: locks, empty trees */
	slub_state_init();
	mmsim_proc_state_init(m);               /* process knobs, task list */

	ret = m->arm ? arm_firmware_describe(m, &span, err, errlen) :
		       firmware_describe(m, &span, err, errlen);
	if (ret)
		goto out_destroy;
	ret = host_ram_map(&m->ram, span);
	if (ret) {
		snprintf(err, errlen,
			 "cannot map %llu bytes of simulated physical memory: %s",
			 (unsigned long long)span, strerror(-ret));
		goto out_destroy;
	}
	ret = m->arm ? arm_firmware_load(m, err, errlen) :
		       firmware_load(m, err, errlen);
	if (ret)
		goto out_destroy;
	if (desc->arch == MMSIM_ARCH_X86_64 && strcmp(desc->model, "bare"))
		ret = x86_check_image_placement(err, errlen); /* bare: no map yet */
	else if (m->arm && strcmp(desc->model, "bare"))
		ret = arm_check_image_placement(err, errlen);
	if (ret)
		goto out_destroy;
	ret = IS_ENABLED(CONFIG_SPARSEMEM_VMEMMAP) ? vmemmap_host_init() : 0;
	if (ret) {
		snprintf(err, errlen, "cannot reserve host address space for the memory map");
		goto out_destroy;
	}
	machine_enter(old);
	return m;

out_destroy:
	machine_enter(old);
	machine_destroy(m);
	return NULL;
}

void machine_destroy(struct machine *m)
{
	struct machine *old;

	if (!m)
		return;
	old = machine_enter(m);
	if (m->arm)
		arm_firmware_release(m);
	else
		firmware_release(m);
	sched_sim_state_free(m);                /* kernel threads, before what they use */
	khugepaged_state_free(m);               /* khugepaged's mm slots */
	mmsim_proc_state_free(m);               /* processes: knobs and lists */
	mmsim_swap_state_free(m);               /* after the processes: areas, disk */
	mmsim_lru_state_free(m);                /* LRU batches, kswapd state */
	pcpu_state_destroy();                   /* per-CPU chunks made after boot */
	vmalloc_state_destroy();                /* vmalloc: objects, host window */
	if (m->arm)
		arm_static_vm_destroy();        /* after vmalloc: its early list */
	slub_state_destroy();                   /* after vmalloc: object shadows */
	page_alloc_state_destroy();
	mm_state_destroy();
	cma_state_destroy();
	of_fdt_state_destroy();
	highmem_state_destroy();
	host_free(m->flat_mem_map);             /* FLATMEM struct pages */
	arm_state_destroy(m->arm);
	vmemmap_host_destroy();
	acpi_state_destroy();
	x86_numa_state_destroy();
	e820_state_destroy();
	host_ram_unmap(&m->ram);
	log_destroy(&m->log);
	if (!m->desc.borrowed_image) {
		kconfig_free(m->config);
		profile_free(m->profile);
	}
	host_free(m->desc.e820_text);
	host_free(m->desc.e820_name);
	host_free(m->desc.dtb);
	host_free(m->exec_rnd);
	machine_enter(old == m ? NULL : old);
	host_free(m);
}

/*
 * panic() anywhere in the boot lands back here (kernel/panic.c): the
 * kernel has printed its panic and stopped; -ECANCELED says so.
 */
int machine_boot(struct machine *m)
{
	struct machine *old = machine_enter(m);
	jmp_buf landing;
	int ret;

	m->panicked = false;
	m->panic_thread = pthread_self();
	m->panic_jmp = &landing;
	if (setjmp(landing) == 0)
		ret = m->arch_ops->boot_entry();
	else
		ret = -ECANCELED;
	m->panic_jmp = NULL;
	machine_enter(old);
	return ret;
}
